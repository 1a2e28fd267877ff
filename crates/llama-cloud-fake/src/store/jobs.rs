//! Jobs: created on an agent snapshot, moved along by their scripts, mirrored by their
//! runs, and their results once they succeed.

use serde_json::{Value, json};
use uuid::Uuid;

use super::{Store, StoredJob, StoredRun, now, ordered, uuid_at};
use crate::error::FakeError;
use crate::results;
use crate::script::{Script, ScriptRun};

/// Why a job has no result to serve.
#[derive(Debug)]
pub(crate) enum NoResult {
    UnknownJob,
    /// The job has not succeeded: its status.
    NotDone(String),
    /// The job succeeded, but its run was deleted.
    RunDeleted,
}

impl Store {
    /// Creates a `PENDING` job that embeds `agent` (a snapshot: later changes to the
    /// agent do not reach it) and follows the default script, with its `PENDING` run.
    pub(crate) fn create_job(
        &mut self,
        agent: Value,
        file_id: Option<Uuid>,
        from_ui: bool,
    ) -> Value {
        let id = Uuid::new_v4();
        let file = file_id.and_then(|file_id| self.file(file_id));
        let json = json!({
            "id": id,
            "extraction_agent": agent,
            "status": "PENDING",
            "error": null,
            "file": file,
            "file_id": file_id,
        });
        let run_id = Uuid::new_v4();
        let run = new_run(&json, run_id, id, from_ui);
        let order = self.next_order();
        self.runs.insert(run_id, StoredRun { json: run, order });
        let job = StoredJob {
            json: json.clone(),
            order,
            script: Some(ScriptRun::start(self.default_script.clone())),
            result: None,
            run_id,
        };
        self.jobs.insert(id, job);
        json
    }

    /// What a GET of the job answers: counts one poll of its script.
    pub(crate) fn poll_job(&mut self, id: Uuid) -> Option<Value> {
        self.advance(id, true)
    }

    /// The job as it stands: its script is consulted (a duration may have passed) but
    /// no poll is counted.
    pub(crate) fn job(&mut self, id: Uuid) -> Option<Value> {
        self.advance(id, false)
    }

    /// Applies the job's script, keeps the status it gives so that later reads agree,
    /// and brings the job's run in line.
    fn advance(&mut self, id: Uuid, poll: bool) -> Option<Value> {
        let job = self.jobs.get_mut(&id)?;
        if let Some(run) = job.script.as_mut() {
            let outcome = if poll { run.poll() } else { run.peek() };
            let (status, error) = match outcome {
                None => ("PENDING", None),
                Some(outcome) => (outcome.status(), outcome.error().map(str::to_owned)),
            };
            if let Some(fields) = job.json.as_object_mut() {
                fields.insert("status".to_owned(), Value::from(status));
                fields.insert("error".to_owned(), error.map_or(Value::Null, Value::from));
            }
        }
        let json = job.json.clone();
        self.sync_run(id);
        Some(json)
    }

    /// Brings every scripted job up to date (without counting polls), before a listing.
    pub(super) fn refresh_all(&mut self) {
        let scripted: Vec<Uuid> = self
            .jobs
            .iter()
            .filter(|(_, job)| job.script.is_some())
            .map(|(id, _)| *id)
            .collect();
        for id in scripted {
            self.advance(id, false);
        }
    }

    /// Every job, oldest first.
    pub(crate) fn jobs(&mut self) -> Vec<Value> {
        self.refresh_all();
        ordered(self.jobs.values().map(|j| (j.order, &j.json)), false)
    }

    /// The jobs run on an agent, newest first.
    pub(crate) fn list_jobs(&mut self, agent_id: Uuid) -> Vec<Value> {
        self.refresh_all();
        let matching = self
            .jobs
            .values()
            .filter(|job| uuid_at(&job.json["extraction_agent"]["id"]) == Some(agent_id));
        ordered(matching.map(|j| (j.order, &j.json)), true)
    }

    pub(crate) fn script_job(&mut self, id: Uuid, script: Script) -> Result<(), FakeError> {
        let job = self.jobs.get_mut(&id).ok_or(FakeError::UnknownJob(id))?;
        job.script = Some(ScriptRun::start(script));
        Ok(())
    }

    /// Sets the data the job's result (and run) carries once it succeeds.
    pub(crate) fn set_job_result(&mut self, id: Uuid, data: Value) -> Result<(), FakeError> {
        let job = self.jobs.get_mut(&id).ok_or(FakeError::UnknownJob(id))?;
        job.result = Some(data);
        self.sync_run(id);
        Ok(())
    }

    /// The `ExtractResultset` of a job that reached `SUCCESS` or `PARTIAL_SUCCESS`.
    pub(crate) fn job_result(&mut self, id: Uuid) -> Result<Value, NoResult> {
        let job = self.job(id).ok_or(NoResult::UnknownJob)?;
        let status = job["status"].as_str().unwrap_or_default();
        if !succeeded(status) {
            return Err(NoResult::NotDone(status.to_owned()));
        }
        let run_id = self
            .jobs
            .get(&id)
            .map(|job| job.run_id)
            .ok_or(NoResult::UnknownJob)?;
        let run = self.runs.get(&run_id).ok_or(NoResult::RunDeleted)?;
        Ok(json!({
            "data": run.json["data"],
            "extraction_agent_id": job["extraction_agent"]["id"],
            "extraction_metadata": run.json["extraction_metadata"],
            "run_id": run_id,
        }))
    }

    /// Mirrors the job in its run: `PENDING` while the job is (or has a status the
    /// contract does not know), `SUCCESS` with the result data for `SUCCESS` and
    /// `PARTIAL_SUCCESS`, `ERROR` with the job's error for `ERROR` and `CANCELLED`.
    pub(super) fn sync_run(&mut self, job_id: Uuid) {
        let Some(job) = self.jobs.get(&job_id) else {
            return;
        };
        let Some(run) = self.runs.get_mut(&job.run_id) else {
            return;
        };
        let status = job.json["status"].as_str().unwrap_or_default();
        let (run_status, data, metadata, error) = if succeeded(status) {
            let data = match &job.result {
                Some(data) => data.clone(),
                None => results::placeholder(&job.json["extraction_agent"]),
            };
            ("SUCCESS", data, json!({}), Value::Null)
        } else if matches!(status, "ERROR" | "CANCELLED") {
            ("ERROR", Value::Null, Value::Null, job.json["error"].clone())
        } else {
            ("PENDING", Value::Null, Value::Null, Value::Null)
        };
        let Some(fields) = run.json.as_object_mut() else {
            return;
        };
        let changed = fields.get("status") != Some(&Value::from(run_status))
            || fields.get("data") != Some(&data);
        if changed {
            fields.insert("updated_at".to_owned(), Value::from(now()));
        }
        fields.insert("status".to_owned(), Value::from(run_status));
        fields.insert("data".to_owned(), data);
        fields.insert("extraction_metadata".to_owned(), metadata);
        fields.insert("error".to_owned(), error);
    }
}

fn succeeded(status: &str) -> bool {
    matches!(status, "SUCCESS" | "PARTIAL_SUCCESS")
}

/// The `ExtractRun` of a new job, `PENDING`, with the job's agent snapshot and file.
pub(super) fn new_run(job: &Value, run_id: Uuid, job_id: Uuid, from_ui: bool) -> Value {
    let agent = &job["extraction_agent"];
    let now = now();
    json!({
        "id": run_id,
        "config": agent["config"],
        "data_schema": agent["data_schema"],
        "extraction_agent_id": agent["id"],
        "from_ui": from_ui,
        "project_id": agent["project_id"],
        "status": "PENDING",
        "created_at": now,
        "updated_at": now,
        "data": null,
        "error": null,
        "extraction_metadata": null,
        "file": job["file"],
        "file_id": job["file_id"],
        "job_id": job_id,
    })
}
