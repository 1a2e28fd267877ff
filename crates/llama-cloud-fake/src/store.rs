//! The fake's data: jobs (with their scripts), agents and files, as wire JSON.
//!
//! Stored as `serde_json::Value` rather than typed structs because the fake speaks
//! wire JSON only, and a test may seed fields the contract does not know yet.

use std::collections::HashMap;

use serde_json::Value;
use uuid::Uuid;

use crate::error::FakeError;
use crate::script::{Script, ScriptRun};
use crate::validate;

#[derive(Debug)]
struct StoredJob {
    json: Value,
    script: Option<ScriptRun>,
}

/// Everything seeded into one fake server.
#[derive(Debug, Default)]
pub(crate) struct Store {
    jobs: HashMap<Uuid, StoredJob>,
    agents: HashMap<Uuid, Value>,
    files: HashMap<Uuid, Value>,
}

impl Store {
    /// Inserts or replaces a job; replacing one also drops its script.
    pub(crate) fn insert_job(&mut self, json: Value) -> Result<Uuid, FakeError> {
        let id = validate::job(&json).map_err(|reason| invalid("job", reason))?;
        self.jobs.insert(id, StoredJob { json, script: None });
        Ok(id)
    }

    pub(crate) fn insert_agent(&mut self, json: Value) -> Result<Uuid, FakeError> {
        let id = validate::agent(&json).map_err(|reason| invalid("agent", reason))?;
        self.agents.insert(id, json);
        Ok(id)
    }

    pub(crate) fn insert_file(&mut self, json: Value) -> Result<Uuid, FakeError> {
        let id = validate::file(&json).map_err(|reason| invalid("file", reason))?;
        self.files.insert(id, json);
        Ok(id)
    }

    /// The job as it stands, without counting a poll.
    pub(crate) fn job(&self, id: Uuid) -> Option<Value> {
        self.jobs.get(&id).map(|job| job.json.clone())
    }

    pub(crate) fn agent(&self, id: Uuid) -> Option<Value> {
        self.agents.get(&id).cloned()
    }

    pub(crate) fn file(&self, id: Uuid) -> Option<Value> {
        self.files.get(&id).cloned()
    }

    pub(crate) fn script_job(&mut self, id: Uuid, script: Script) -> Result<(), FakeError> {
        let job = self.jobs.get_mut(&id).ok_or(FakeError::UnknownJob(id))?;
        job.script = Some(ScriptRun::start(script));
        Ok(())
    }

    /// What a GET of the job answers: advances its script first, and keeps the result
    /// so that [`Store::job`] and later GETs see the same status.
    pub(crate) fn poll_job(&mut self, id: Uuid) -> Option<Value> {
        let job = self.jobs.get_mut(&id)?;
        if let Some(run) = job.script.as_mut() {
            let (status, error) = match run.poll() {
                None => ("PENDING", None),
                Some(outcome) => (outcome.status(), outcome.error().map(str::to_owned)),
            };
            if let Some(fields) = job.json.as_object_mut() {
                fields.insert("status".to_owned(), Value::from(status));
                fields.insert("error".to_owned(), error.map_or(Value::Null, Value::from));
            }
        }
        Some(job.json.clone())
    }
}

fn invalid(kind: &'static str, reason: String) -> FakeError {
    FakeError::InvalidJson { kind, reason }
}
