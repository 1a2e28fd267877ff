//! v2 extraction jobs (`/api/v2/extract`): created on an inline configuration,
//! moved along by the same scripts as v1's jobs, carrying their result.
//!
//! A script's pending half reads `PENDING` on the first GET and `RUNNING` on the
//! later ones; its outcome maps to v2's statuses: `Success` and `PartialSuccess`
//! to `COMPLETED` (with the result: the test's data, or a placeholder shaped by the
//! schema), `Error` to `FAILED` (with `error_message`), `Cancelled` to `CANCELLED`.

use serde_json::{Value, json};
use uuid::Uuid;

use super::{Store, now, ordered};
use crate::error::FakeError;
use crate::results;
use crate::script::{Outcome, Script, ScriptRun};
use crate::spec::DEFAULT_PROJECT_ID;

/// The prefix of a v2 job id.
pub(crate) const JOB_PREFIX: &str = "ext-";

/// A v2 job as stored: every field, `configuration` and `extract_metadata`
/// included (reads leave them out unless expanded).
#[derive(Debug)]
pub(super) struct StoredExtractJob {
    json: Value,
    order: u64,
    script: Option<ScriptRun>,
    /// The result data a test set, in place of the placeholder.
    result: Option<Value>,
}

/// Which fields a read adds (`expand`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Expand {
    pub(crate) configuration: bool,
    pub(crate) extract_metadata: bool,
}

/// What a listing keeps.
#[derive(Debug, Default)]
pub(crate) struct ExtractFilter {
    pub(crate) status: Option<String>,
    pub(crate) file_input: Option<String>,
    pub(crate) configuration_id: Option<String>,
    pub(crate) input_prefix: Option<&'static str>,
    pub(crate) job_ids: Vec<String>,
    pub(crate) created_after: Option<chrono::DateTime<chrono::Utc>>,
    pub(crate) created_before: Option<chrono::DateTime<chrono::Utc>>,
}

/// Why a job could not be cancelled.
#[derive(Debug)]
pub(crate) enum NoCancel {
    UnknownJob,
    /// It has ended: its status.
    Ended(String),
}

impl Store {
    /// Creates a `PENDING` job on `file_input` with `configuration` (or the saved
    /// `configuration_id`), following the default script.
    pub(crate) fn create_extract_job(
        &mut self,
        file_input: &str,
        configuration: Option<Value>,
        configuration_id: Option<String>,
    ) -> Value {
        let uuid = Uuid::new_v4();
        let now = now();
        let parse_tier = configuration.as_ref().map(|c| {
            c["parse_tier"]
                .as_str()
                .or(c["tier"].as_str())
                .map(str::to_owned)
        });
        let json = json!({
            "id": format!("{JOB_PREFIX}{uuid}"),
            "file_input": file_input,
            "project_id": format!("prj-{DEFAULT_PROJECT_ID}"),
            "configuration_id": configuration_id,
            "configuration": configuration,
            "status": "PENDING",
            "error_message": null,
            "extract_result": null,
            "extract_metadata": {
                "field_metadata": null,
                "parse_job_id": null,
                "parse_tier": parse_tier.flatten(),
            },
            "metadata": { "usage": null },
            "created_at": now,
            "updated_at": now,
        });
        let order = self.next_order();
        let job = StoredExtractJob {
            json,
            order,
            script: Some(ScriptRun::start(self.default_script.clone())),
            result: None,
        };
        let answer = job.json.clone();
        self.extract_jobs.insert(uuid, job);
        answer
    }

    /// What a GET of the job answers: counts one poll of its script.
    pub(crate) fn poll_extract_job(&mut self, id: Uuid, expand: Expand) -> Option<Value> {
        self.advance_extract_job(id, true)
            .map(|json| shown(json, expand))
    }

    /// Every job the filter keeps, newest first, brought up to date (no poll counted).
    pub(crate) fn list_extract_jobs(
        &mut self,
        filter: &ExtractFilter,
        expand: Expand,
    ) -> Vec<Value> {
        let ids: Vec<Uuid> = self.extract_jobs.keys().copied().collect();
        for id in ids {
            self.advance_extract_job(id, false);
        }
        let kept = self
            .extract_jobs
            .values()
            .filter(|job| filter.keeps(&job.json))
            .map(|job| (job.order, &job.json));
        ordered(kept, true)
            .into_iter()
            .map(|json| shown(json, expand))
            .collect()
    }

    /// Cancels a job that has not ended; its script stops.
    pub(crate) fn cancel_extract_job(&mut self, id: Uuid) -> Result<Value, NoCancel> {
        let job = self
            .advance_extract_job(id, false)
            .ok_or(NoCancel::UnknownJob)?;
        let status = job["status"].as_str().unwrap_or_default();
        if matches!(status, "COMPLETED" | "FAILED" | "CANCELLED") {
            return Err(NoCancel::Ended(status.to_owned()));
        }
        let job = self.extract_jobs.get_mut(&id).ok_or(NoCancel::UnknownJob)?;
        job.script = None;
        set(&mut job.json, "status", Value::from("CANCELLED"));
        set(&mut job.json, "updated_at", Value::from(now()));
        Ok(shown(job.json.clone(), Expand::default()))
    }

    /// Stores a configuration jobs can name by id; answers the id (`cfg-<uuid>`).
    pub(crate) fn insert_extract_configuration(&mut self, configuration: Value) -> String {
        let id = format!("cfg-{}", Uuid::new_v4());
        self.extract_configurations
            .insert(id.clone(), configuration);
        id
    }

    /// A saved configuration.
    pub(crate) fn extract_configuration(&self, id: &str) -> Option<Value> {
        self.extract_configurations.get(id).cloned()
    }

    /// Deletes a job; whether there was one.
    pub(crate) fn delete_extract_job(&mut self, id: Uuid) -> bool {
        self.extract_jobs.remove(&id).is_some()
    }

    /// Every v2 job as stored, oldest first.
    pub(crate) fn extract_jobs(&mut self) -> Vec<Value> {
        ordered(
            self.extract_jobs.values().map(|j| (j.order, &j.json)),
            false,
        )
    }

    pub(crate) fn script_extract_job(&mut self, id: Uuid, script: Script) -> Result<(), FakeError> {
        let job = self
            .extract_jobs
            .get_mut(&id)
            .ok_or(FakeError::UnknownJob(id))?;
        job.script = Some(ScriptRun::start(script));
        Ok(())
    }

    pub(crate) fn set_extract_result(&mut self, id: Uuid, data: Value) -> Result<(), FakeError> {
        let job = self
            .extract_jobs
            .get_mut(&id)
            .ok_or(FakeError::UnknownJob(id))?;
        job.result = Some(data);
        Ok(())
    }

    /// Applies the job's script and keeps the status it gives, so that later reads
    /// agree; a job that completes gets its result then.
    fn advance_extract_job(&mut self, id: Uuid, poll: bool) -> Option<Value> {
        let job = self.extract_jobs.get_mut(&id)?;
        if let Some(run) = job.script.as_mut() {
            let outcome = if poll { run.poll() } else { run.peek() }.cloned();
            let (status, error) = match &outcome {
                None if run.polls() <= 1 => ("PENDING", None),
                None => ("RUNNING", None),
                Some(Outcome::Success | Outcome::PartialSuccess) => ("COMPLETED", None),
                Some(Outcome::Error(message)) => ("FAILED", Some(message.clone())),
                Some(Outcome::Cancelled) => ("CANCELLED", None),
            };
            if job.json["status"] != status {
                let result = (status == "COMPLETED").then(|| match &job.result {
                    Some(data) => data.clone(),
                    None => placeholder(&job.json["configuration"]),
                });
                set(&mut job.json, "status", Value::from(status));
                set(
                    &mut job.json,
                    "error_message",
                    error.map_or(Value::Null, Value::from),
                );
                set(
                    &mut job.json,
                    "extract_result",
                    result.unwrap_or(Value::Null),
                );
                if status == "COMPLETED" {
                    set(
                        &mut job.json,
                        "metadata",
                        json!({ "usage": { "num_pages_extracted": 1 } }),
                    );
                }
                set(&mut job.json, "updated_at", Value::from(now()));
            }
            if outcome.is_some() {
                job.script = None;
            }
        }
        Some(job.json.clone())
    }
}

impl ExtractFilter {
    fn keeps(&self, job: &Value) -> bool {
        let text = |key: &str| job[key].as_str().unwrap_or_default();
        let created = chrono::DateTime::parse_from_rfc3339(text("created_at")).ok();
        self.status
            .as_deref()
            .is_none_or(|status| text("status") == status)
            && self
                .file_input
                .as_deref()
                .is_none_or(|input| text("file_input") == input)
            && self
                .input_prefix
                .is_none_or(|prefix| text("file_input").starts_with(prefix))
            && self
                .configuration_id
                .as_deref()
                .is_none_or(|id| text("configuration_id") == id)
            && (self.job_ids.is_empty() || self.job_ids.iter().any(|id| id == text("id")))
            && self
                .created_after
                .is_none_or(|after| created.is_some_and(|at| at >= after))
            && self
                .created_before
                .is_none_or(|before| created.is_some_and(|at| at <= before))
    }
}

/// The job as a read shows it: `configuration` and `extract_metadata` only when
/// expanded.
fn shown(mut json: Value, expand: Expand) -> Value {
    if !expand.configuration {
        set(&mut json, "configuration", Value::Null);
    }
    if !expand.extract_metadata {
        set(&mut json, "extract_metadata", Value::Null);
    }
    json
}

fn set(json: &mut Value, key: &str, value: Value) {
    if let Some(fields) = json.as_object_mut() {
        fields.insert(key.to_owned(), value);
    }
}

/// The placeholder result of a configuration: v1's placeholder rules, with v2's
/// lowercase `extraction_target`.
fn placeholder(configuration: &Value) -> Value {
    let target = configuration["extraction_target"]
        .as_str()
        .unwrap_or("per_doc")
        .to_ascii_uppercase();
    results::placeholder(&json!({
        "data_schema": configuration["data_schema"],
        "config": { "extraction_target": target },
    }))
}
