//! Extraction runs: one per job, read alone, by job, or a page at a time per agent.

use serde_json::Value;
use uuid::Uuid;

use super::{Store, ordered, uuid_at};

/// The list filters of List Extract Runs: a run status and a run id, as sent.
#[derive(Debug, Default)]
pub(crate) struct RunFilter<'a> {
    pub(crate) status: Option<&'a str>,
    pub(crate) run_id: Option<&'a str>,
}

/// One page of an agent's runs, and how many it has in all.
#[derive(Debug)]
pub(crate) struct RunPage {
    pub(crate) items: Vec<Value>,
    pub(crate) total: usize,
}

impl Store {
    pub(crate) fn run(&mut self, id: Uuid) -> Option<Value> {
        let job_id = uuid_at(&self.runs.get(&id)?.json["job_id"]);
        // Brings the run up to date with its job first.
        if let Some(job_id) = job_id {
            self.job(job_id);
        }
        self.runs.get(&id).map(|run| run.json.clone())
    }

    pub(crate) fn run_by_job(&mut self, job_id: Uuid) -> Option<Value> {
        self.job(job_id)?;
        let run_id = self.jobs.get(&job_id)?.run_id;
        self.runs.get(&run_id).map(|run| run.json.clone())
    }

    /// The agent's newest run started from the web UI.
    pub(crate) fn latest_run_from_ui(&mut self, agent_id: Uuid) -> Option<Value> {
        self.refresh_all();
        self.runs
            .values()
            .filter(|run| {
                uuid_at(&run.json["extraction_agent_id"]) == Some(agent_id)
                    && run.json["from_ui"] == Value::Bool(true)
            })
            .max_by_key(|run| run.order)
            .map(|run| run.json.clone())
    }

    /// Deletes a run; its job stays, without a result from then on.
    pub(crate) fn delete_run(&mut self, id: Uuid) -> bool {
        self.runs.remove(&id).is_some()
    }

    /// Every run, oldest first.
    pub(crate) fn runs(&mut self) -> Vec<Value> {
        self.refresh_all();
        ordered(self.runs.values().map(|r| (r.order, &r.json)), false)
    }

    /// The agent's runs that pass `filter`, newest first, from `skip` on, at most
    /// `limit` of them.
    pub(crate) fn list_runs(
        &mut self,
        agent_id: Uuid,
        filter: &RunFilter<'_>,
        skip: usize,
        limit: usize,
    ) -> RunPage {
        self.refresh_all();
        let matching = self.runs.values().filter(|run| {
            uuid_at(&run.json["extraction_agent_id"]) == Some(agent_id)
                && filter
                    .status
                    .is_none_or(|status| run.json["status"].as_str() == Some(status))
                && filter
                    .run_id
                    .is_none_or(|id| run.json["id"].as_str() == Some(id))
        });
        let all = ordered(matching.map(|r| (r.order, &r.json)), true);
        let total = all.len();
        let items = all.into_iter().skip(skip).take(limit).collect();
        RunPage { items, total }
    }
}
