//! Schema validation and generation.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use serde_json::json;

use super::{Answer, authorize, not_found, ok};
use crate::bodies;
use crate::json_body::JsonBody;
use crate::pydantic::Errors;
use crate::query::Query;
use crate::state::Shared;

/// Validate Extraction Schema: any JSON object is a valid schema; a string must hold
/// one, and is answered parsed.
pub(super) async fn validate(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let body = JsonBody::read(&headers, &body)?;
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let schema = body
        .value(&mut errors)
        .and_then(|body| bodies::schema_validate(&mut errors, &body));
    let schema = errors.finish(schema)?;
    ok(json!({ "data_schema": schema }))
}

/// Generate Extraction Schema. The fake generates nothing from a prompt or a file: it
/// answers the schema to refine when one is given, else an empty object schema. A
/// `file_id` must name a known file.
pub(super) async fn generate(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Answer {
    let body = JsonBody::read(&headers, &body)?;
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let scope = Query::from_uri(&uri).scope(&mut errors);
    let request = body
        .value(&mut errors)
        .and_then(|body| bodies::schema_generate(&mut errors, &body));
    let (_, request) = errors.finish(scope.zip(request))?;
    if let Some(file_id) = request.file_id
        && shared.store().file(file_id).is_none()
    {
        return Err(not_found("File not found"));
    }
    let schema = request
        .data_schema
        .unwrap_or_else(|| json!({ "type": "object", "properties": {} }));
    ok(json!({ "data_schema": schema }))
}
