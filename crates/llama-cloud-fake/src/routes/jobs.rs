//! `GET/POST /api/v1/extraction/jobs`, `POST .../jobs/batch`, `GET .../jobs/{job_id}`
//! and `GET .../jobs/{job_id}/result`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use serde_json::Value;

use super::{Answer, authorize, known_agent, not_found, ok, path_id, path_param, path_uuid};
use crate::bodies;
use crate::json_body::JsonBody;
use crate::operation::Operation;
use crate::pydantic::Errors;
use crate::query::Query;
use crate::state::Shared;
use crate::store::NoResult;

/// Get Job: each call is a poll of the job's script.
pub(super) async fn get(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Answer {
    let id = path_id(&shared, &headers, &uri, Operation::GetJob).await?;
    let job = shared.store().poll_job(id);
    job.map_or_else(|| Err(not_found("Job not found")), ok)
}

/// List Jobs: an agent's jobs, newest first.
pub(super) async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let agent_id = Query::from_uri(&uri).uuid(&mut errors, "extraction_agent_id");
    let agent_id = errors.finish(agent_id)?;
    let mut store = shared.store();
    if !known_agent(&mut store, agent_id) {
        return Err(not_found("Extraction agent not found"));
    }
    ok(Value::Array(store.list_jobs(agent_id)))
}

/// Run Job: a job of an agent on an uploaded file, with the agent's config and schema
/// (or the overrides) copied into it.
pub(super) async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Answer {
    let body = JsonBody::read(&headers, &body)?;
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let from_ui = Query::from_uri(&uri).boolean(&mut errors, "from_ui", false);
    let create = body
        .value(&mut errors)
        .and_then(|body| bodies::job_create(&mut errors, &body));
    let (from_ui, create) = errors.finish(from_ui.zip(create))?;
    let mut store = shared.store();
    let agent = store.agent_snapshot(
        create.extraction_agent_id,
        create.config_override,
        create.data_schema_override,
    );
    let agent = agent.ok_or_else(|| not_found("Extraction agent not found"))?;
    if store.file(create.file_id).is_none() {
        return Err(not_found("File not found"));
    }
    ok(store.create_job(agent, Some(create.file_id), from_ui))
}

/// Run Batch Jobs: one job per file, in the order of the files, each with the agent's
/// config and schema (or the overrides). Every file must exist, or none is created.
pub(super) async fn create_batch(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Answer {
    let body = JsonBody::read(&headers, &body)?;
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let from_ui = Query::from_uri(&uri).boolean(&mut errors, "from_ui", false);
    let batch = body
        .value(&mut errors)
        .and_then(|body| bodies::job_create_batch(&mut errors, &body));
    let (from_ui, batch) = errors.finish(from_ui.zip(batch))?;
    let mut store = shared.store();
    let agent = store.agent_snapshot(
        batch.extraction_agent_id,
        batch.config_override,
        batch.data_schema_override,
    );
    let agent = agent.ok_or_else(|| not_found("Extraction agent not found"))?;
    if batch.file_ids.iter().any(|id| store.file(*id).is_none()) {
        return Err(not_found("File not found"));
    }
    let jobs = batch
        .file_ids
        .iter()
        .map(|file_id| store.create_job(agent.clone(), Some(*file_id), from_ui))
        .collect();
    ok(Value::Array(jobs))
}

/// Get Job Result: there is one once the job reached `SUCCESS` or `PARTIAL_SUCCESS`
/// (and while its run exists); otherwise a 404, the only client error the contract
/// documents for it, that says why.
pub(super) async fn result(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    let raw = path_param(&uri, Operation::GetJobResult).await?;
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let id = path_uuid(&mut errors, "job_id", &raw);
    let query = Query::from_uri(&uri);
    let project = query.optional_uuid(&mut errors, "project_id");
    let organization = query.optional_uuid(&mut errors, "organization_id");
    let id = errors.finish(id.zip(project).zip(organization))?.0.0;
    let result = shared.store().job_result(id);
    match result {
        Ok(result) => ok(result),
        Err(NoResult::UnknownJob) => Err(not_found("Job not found")),
        Err(NoResult::NotDone(status)) => Err(not_found(&format!(
            "Job result not found: the job is {status}"
        ))),
        Err(NoResult::RunDeleted) => Err(not_found(
            "Job result not found: its extraction run was deleted",
        )),
    }
}
