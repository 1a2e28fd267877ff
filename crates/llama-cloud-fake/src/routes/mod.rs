//! The HTTP surface: the operations of `openapi/extraction.json`, plus FastAPI's
//! answers for unknown paths and methods.

pub(crate) mod jobs;
mod params;

use std::sync::Arc;

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::get;

use crate::fastapi;
use crate::intercept::intercept;
use crate::state::Shared;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/api/v1/extraction/jobs/{job_id}", get(jobs::get_job))
        .fallback(fastapi::route_not_found)
        .method_not_allowed_fallback(fastapi::method_not_allowed)
        // Added last so that it wraps the fallbacks too: every request is recorded.
        .layer(from_fn_with_state(Arc::clone(&shared), intercept))
        .with_state(shared)
}
