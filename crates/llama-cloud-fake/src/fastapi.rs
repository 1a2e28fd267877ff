//! Error bodies shaped the way LlamaCloud's FastAPI backend shapes them.
//!
//! The shapes were checked against FastAPI 0.165 with pydantic 2.14: `{"detail": "…"}`
//! for `HTTPException`s (here), and for request validation a list of pydantic errors
//! (see `pydantic`).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An answer that ends a request before its endpoint succeeds (a 401, 404, 422, …).
/// Boxed because every check returns one as its error and a `Response` is large.
#[derive(Debug)]
pub(crate) struct Refusal(Box<Response>);

impl From<Response> for Refusal {
    fn from(response: Response) -> Self {
        Self(Box::new(response))
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        *self.0
    }
}

/// `{"detail": message}` with `status`: the `ErrorDetail` schema.
pub(crate) fn detail(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "detail": message }))).into_response()
}

/// Starlette's answer for a path no route matches (no auth is checked first).
pub(crate) async fn route_not_found() -> Response {
    detail(StatusCode::NOT_FOUND, "Not Found")
}

/// Starlette's answer for a known path with another method; axum adds the `Allow` header.
pub(crate) async fn method_not_allowed() -> Response {
    detail(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed")
}
