//! `GET /api/v1/extraction/jobs/{job_id}`.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use super::params;
use crate::state::Shared;
use crate::{auth, fastapi};

/// The path of one job, up to its id.
pub(crate) const JOB_PATH_PREFIX: &str = "/api/v1/extraction/jobs/";

/// Checks run in FastAPI's order: routing (a decoded `/` in the id means no route),
/// then the bearer dependency (401), then the path parameter (422), then the lookup
/// (404).
pub(crate) async fn get_job(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let raw = uri.path().strip_prefix(JOB_PATH_PREFIX).unwrap_or_default();
    let job_id = params::decode(raw);
    // Starlette routes on the decoded path, where `%2F` is a separator.
    if job_id.contains('/') {
        return fastapi::route_not_found().await;
    }
    if let Err(unauthorized) = auth::check(&headers, &shared.api_key) {
        return unauthorized.into_response();
    }
    // `Uuid::parse_str` is what pydantic uses too: it also takes the simple, braced and
    // `urn:uuid:` forms, in either case.
    let id = match Uuid::parse_str(&job_id) {
        Ok(id) => id,
        Err(error) => return fastapi::uuid_parsing("job_id", &job_id, &error),
    };
    let job = shared.store().poll_job(id);
    match job {
        Some(job) => Json(job).into_response(),
        None => fastapi::detail(StatusCode::NOT_FOUND, "Job not found"),
    }
}
