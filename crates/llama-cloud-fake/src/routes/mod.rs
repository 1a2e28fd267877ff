//! The HTTP surface: the operations of `openapi/extraction.json`, plus FastAPI's
//! answers for unknown paths and methods.
//!
//! Every endpoint makes its checks in FastAPI's order: routing (a path parameter that
//! decodes to something holding `/` leaves the route, as in Starlette), decoding the
//! body (JSON or form), the bearer key (401), then the parameters and the body model
//! together (one 422 listing path, query and body errors in that order), then lookups
//! (404).

mod agents;
mod extract;
mod files;
mod job_file;
mod jobs;
pub(crate) mod params;
mod runs;
mod schemas;
mod stateless;

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;
use uuid::Uuid;

use crate::auth;
use crate::fastapi::{self, Refusal};
use crate::intercept::{MAX_BODY, intercept};
use crate::operation::Operation;
use crate::pydantic::{Errors, Loc};
use crate::state::Shared;
use crate::store::Store;

/// What an endpoint answers: `Err` for every answer but the success one, so that each
/// check can end the request with `?`.
type Answer = Result<Response, Refusal>;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    use Operation as Op;
    Router::new()
        .route(Op::UploadFile.path(), post(files::upload).get(files::list))
        .route(Op::QueryFiles.path(), post(files::query))
        .route(Op::GetFile.path(), get(files::get).delete(files::delete))
        .route(Op::ReadFileContent.path(), get(files::content))
        .route(
            &format!("{}{{id}}", files::CONTENT_PREFIX),
            get(files::bytes),
        )
        .route(
            Op::ListAgents.path(),
            get(agents::list).post(agents::create),
        )
        .route(Op::GenerateSchema.path(), post(schemas::generate))
        .route(Op::ValidateSchema.path(), post(schemas::validate))
        .route(Op::GetDefaultAgent.path(), get(agents::default_agent))
        .route(Op::GetAgentByName.path(), get(agents::by_name))
        .route(
            Op::GetAgent.path(),
            get(agents::get).put(agents::update).delete(agents::delete),
        )
        .route(Op::ListJobs.path(), get(jobs::list).post(jobs::create))
        // Starlette would take a GET of `jobs/file` for a Get Job of the job "file" (a
        // 422); the contract documents POST alone on this path, hence a 405 here.
        .route(Op::CreateJobOnFile.path(), post(job_file::create))
        .route(Op::CreateBatchJobs.path(), post(jobs::create_batch))
        .route(Op::GetJob.path(), get(jobs::get))
        .route(Op::GetJobResult.path(), get(jobs::result))
        .route(Op::ExtractStateless.path(), post(stateless::run))
        .route(Op::ListRuns.path(), get(runs::list))
        .route(Op::GetLatestRunFromUi.path(), get(runs::latest_from_ui))
        .route(Op::GetRunByJob.path(), get(runs::by_job))
        .route(Op::GetRun.path(), get(runs::get).delete(runs::delete))
        .route(
            Op::ListExtractJobs.path(),
            get(extract::list).post(extract::create),
        )
        .route(
            Op::GenerateExtractSchema.path(),
            post(extract::generate_schema),
        )
        .route(
            Op::ValidateExtractSchema.path(),
            post(extract::validate_schema),
        )
        .route(
            Op::GetExtractJob.path(),
            get(extract::get).delete(extract::delete),
        )
        .route(Op::CancelExtractJob.path(), post(extract::cancel))
        .fallback(fastapi::route_not_found)
        .method_not_allowed_fallback(fastapi::method_not_allowed)
        // The interceptor already caps bodies; axum's own 2 MB default would refuse
        // larger uploads with a plain-text 413.
        .layer(DefaultBodyLimit::max(MAX_BODY))
        // Added last so that it wraps the fallbacks too: every request is recorded.
        .layer(from_fn_with_state(Arc::clone(&shared), intercept))
        .with_state(shared)
}

/// Checks the optional `project_id` and `organization_id` of an operation that
/// takes them and uses neither.
fn check_scope(uri: &Uri) -> Result<(), Refusal> {
    let mut errors = Errors::default();
    let scope = crate::query::Query::from_uri(uri).scope(&mut errors);
    errors.finish(scope).map(|_| ())
}

/// The bearer check, answered as FastAPI's `HTTPBearer` answers it.
fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), Refusal> {
    auth::check(headers, &shared.api_key).map_err(|refused| Refusal::from(refused.into_response()))
}

/// The decoded path parameter of `operation` in `uri`. Starlette routes on the decoded
/// path, where `%2F` is a separator: such a parameter means no route matched.
async fn path_param(uri: &Uri, operation: Operation) -> Result<String, Refusal> {
    let segment = operation
        .path()
        .split('/')
        .zip(uri.path().split('/'))
        .find(|(template, _)| template.starts_with('{'))
        .map(|(_, raw)| params::decode(raw))
        .unwrap_or_default();
    if segment.contains('/') {
        return Err(Refusal::from(fastapi::route_not_found().await));
    }
    Ok(segment)
}

/// The one path id of `operation`, for an endpoint that takes nothing else:
/// routing, then the key, then the UUID check, in FastAPI's order. The
/// parameter's name (for the 422's `loc`) comes from the operation's path.
async fn path_id(
    shared: &Shared,
    headers: &HeaderMap,
    uri: &Uri,
    operation: Operation,
) -> Result<Uuid, Refusal> {
    let raw = path_param(uri, operation).await?;
    authorize(shared, headers)?;
    let name = operation
        .path()
        .split('/')
        .find_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .unwrap_or_default();
    let mut errors = Errors::default();
    let id = path_uuid(&mut errors, name, &raw);
    errors.finish(id)
}

/// The path parameter `name` as a UUID.
fn path_uuid(errors: &mut Errors, name: &str, text: &str) -> Option<Uuid> {
    errors.uuid_text(&Loc::new("path").key(name), text)
}

fn ok(value: Value) -> Answer {
    Ok(Json(value).into_response())
}

fn not_found(detail: &str) -> Refusal {
    Refusal::from(fastapi::detail(StatusCode::NOT_FOUND, detail))
}

/// Whether the fake knows this agent id: an agent has it, or a job was run on it (a
/// seeded job's agent need not have been inserted, and deleting an agent keeps its
/// jobs and runs listable).
fn known_agent(store: &mut Store, id: Uuid) -> bool {
    store.agent(id).is_some() || !store.list_jobs(id).is_empty()
}
