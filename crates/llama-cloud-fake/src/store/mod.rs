//! The fake's data: agents, files, jobs (with their scripts and results), runs, and
//! v2 extraction jobs.
//!
//! Stored as wire JSON (`serde_json::Value`) rather than typed structs because the fake
//! speaks wire JSON only, and a test may seed fields the contract does not know yet.
//! Every record gets a creation number, which orders listings.

mod agents;
mod extract_jobs;
mod files;
mod jobs;
mod runs;

use std::collections::HashMap;

use chrono::{SecondsFormat, Utc};
use serde_json::Value;
use uuid::Uuid;

use crate::error::FakeError;
use crate::script::{Outcome, Script, ScriptRun};
use crate::validate;

pub(crate) use agents::snapshot;
pub(crate) use extract_jobs::{Expand, ExtractFilter, JOB_PREFIX, NoCancel};
pub(crate) use files::NewFile;
pub(crate) use jobs::NoResult;
pub(crate) use runs::RunFilter;

#[derive(Debug)]
struct StoredAgent {
    json: Value,
    order: u64,
    /// The project's default agent, which stateless runs use and lists hide unless
    /// asked (`include_default`).
    is_default: bool,
}

#[derive(Debug)]
struct StoredFile {
    json: Value,
    order: u64,
    bytes: Vec<u8>,
    content_type: Option<String>,
}

#[derive(Debug)]
struct StoredJob {
    json: Value,
    order: u64,
    script: Option<ScriptRun>,
    /// The result data a test set, in place of the placeholder.
    result: Option<Value>,
    /// Every job has one run; it may have been deleted since.
    run_id: Uuid,
}

#[derive(Debug)]
struct StoredRun {
    json: Value,
    order: u64,
}

/// Everything one fake server holds.
#[derive(Debug)]
pub(crate) struct Store {
    agents: HashMap<Uuid, StoredAgent>,
    files: HashMap<Uuid, StoredFile>,
    jobs: HashMap<Uuid, StoredJob>,
    runs: HashMap<Uuid, StoredRun>,
    extract_jobs: HashMap<Uuid, extract_jobs::StoredExtractJob>,
    /// Saved v2 configurations, by id (`cfg-<uuid>`).
    extract_configurations: HashMap<String, Value>,
    next_order: u64,
    default_script: Script,
}

impl Default for Store {
    fn default() -> Self {
        Self {
            agents: HashMap::new(),
            files: HashMap::new(),
            jobs: HashMap::new(),
            runs: HashMap::new(),
            extract_jobs: HashMap::new(),
            extract_configurations: HashMap::new(),
            next_order: 0,
            default_script: Script::after_polls(1, Outcome::Success),
        }
    }
}

impl Store {
    fn next_order(&mut self) -> u64 {
        self.next_order += 1;
        self.next_order
    }

    /// Inserts or replaces a job, and (re)builds its run from it: a replaced job keeps
    /// its run's id and order, and loses its script and result data.
    pub(crate) fn insert_job(&mut self, json: Value) -> Result<Uuid, FakeError> {
        let id = validate::job(&json).map_err(|reason| invalid("job", reason))?;
        let (order, run_id) = match self.jobs.get(&id) {
            Some(old) => (old.order, old.run_id),
            None => (self.next_order(), Uuid::new_v4()),
        };
        let (run_order, from_ui) = match self.runs.get(&run_id) {
            Some(run) => (run.order, run.json["from_ui"] == true),
            None => (self.next_order(), false),
        };
        let run = jobs::new_run(&json, run_id, id, from_ui);
        self.runs.insert(
            run_id,
            StoredRun {
                json: run,
                order: run_order,
            },
        );
        let job = StoredJob {
            json,
            order,
            script: None,
            result: None,
            run_id,
        };
        self.jobs.insert(id, job);
        self.sync_run(id);
        Ok(id)
    }

    pub(crate) fn insert_agent(&mut self, json: Value) -> Result<Uuid, FakeError> {
        let id = validate::agent(&json).map_err(|reason| invalid("agent", reason))?;
        let order = match self.agents.get(&id) {
            Some(old) => old.order,
            None => self.next_order(),
        };
        let agent = StoredAgent {
            json,
            order,
            is_default: false,
        };
        self.agents.insert(id, agent);
        Ok(id)
    }

    pub(crate) fn insert_file(&mut self, json: Value) -> Result<Uuid, FakeError> {
        let id = validate::file(&json).map_err(|reason| invalid("file", reason))?;
        let order = match self.files.get(&id) {
            Some(old) => old.order,
            None => self.next_order(),
        };
        let file = StoredFile {
            json,
            order,
            bytes: Vec::new(),
            content_type: None,
        };
        self.files.insert(id, file);
        Ok(id)
    }

    /// The script jobs created through the API get from now on.
    pub(crate) fn set_default_script(&mut self, script: Script) {
        self.default_script = script;
    }
}

/// Now, as the API writes times: RFC 3339 in UTC with milliseconds.
fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The JSON of records in creation order, or newest first.
fn ordered<'a>(records: impl Iterator<Item = (u64, &'a Value)>, newest_first: bool) -> Vec<Value> {
    let mut records: Vec<_> = records.collect();
    records.sort_by_key(|(order, _)| *order);
    if newest_first {
        records.reverse();
    }
    records.into_iter().map(|(_, json)| json.clone()).collect()
}

/// A UUID field of stored JSON (which may be in any case), if it holds one.
pub(crate) fn uuid_at(value: &Value) -> Option<Uuid> {
    value.as_str().and_then(|text| Uuid::parse_str(text).ok())
}

fn invalid(kind: &'static str, reason: String) -> FakeError {
    FakeError::InvalidJson { kind, reason }
}
