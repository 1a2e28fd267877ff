//! Error bodies shaped the way LlamaCloud's FastAPI backend shapes them.
//!
//! The shapes were checked against FastAPI 0.165 with pydantic 2.14: `{"detail": "…"}`
//! for `HTTPException`s, and for request validation a list of pydantic errors with
//! `type`, `loc`, `msg`, `input` and `ctx`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// `{"detail": message}` with `status`: the `ErrorDetail` schema.
pub(crate) fn detail(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "detail": message }))).into_response()
}

/// The 422 FastAPI sends when a path parameter declared as `UUID` does not parse.
///
/// pydantic-core parses with the Rust `uuid` crate, as this crate does, so the error
/// text (`invalid character: found `x` at 0`, …) is the same one the real server puts
/// after "Input should be a valid UUID, ".
pub(crate) fn uuid_parsing(param: &str, input: &str, error: &uuid::Error) -> Response {
    let error = error.to_string();
    let body = json!({
        "detail": [{
            "type": "uuid_parsing",
            "loc": ["path", param],
            "msg": format!("Input should be a valid UUID, {error}"),
            "input": input,
            "ctx": { "error": error },
        }]
    });
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}

/// Starlette's answer for a path no route matches (no auth is checked first).
pub(crate) async fn route_not_found() -> Response {
    detail(StatusCode::NOT_FOUND, "Not Found")
}

/// Starlette's answer for a known path with another method; axum adds the `Allow` header.
pub(crate) async fn method_not_allowed() -> Response {
    detail(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed")
}
