//! v2 extraction: `POST/GET /api/v2/extract`, `GET/DELETE /api/v2/extract/{job_id}`,
//! `POST .../{job_id}/cancel` and the schema validation and generation.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Answer, authorize, not_found, ok, path_param};
use crate::extract_bodies::{self, STATUSES};
use crate::fastapi::{self, Refusal};
use crate::json_body::JsonBody;
use crate::operation::Operation;
use crate::pydantic::{Choice, Errors, Loc};
use crate::query::Query;
use crate::state::Shared;
use crate::store::{Expand, ExtractFilter, JOB_PREFIX, NoCancel};

const JOB_NOT_FOUND: &str = "Extract job not found";
/// How many jobs a page holds when the request does not say.
const DEFAULT_PAGE_SIZE: i64 = 25;

/// Create Extract Job: on a stored file (`dfl-<uuid>`, or its bare UUID) with an inline
/// configuration or a saved one. The fake has no parse jobs: a `pjb-` input is a 404.
pub(super) async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Answer {
    let body = JsonBody::read(&headers, &body)?;
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let scope = Query::from_uri(&uri).scope(&mut errors);
    let create = body
        .value(&mut errors)
        .and_then(|body| extract_bodies::job_create(&mut errors, &body));
    let (_, create) = errors.finish(scope.zip(create))?;
    let mut store = shared.store();
    if create.file_input.starts_with("pjb-") {
        return Err(not_found("Parse job not found"));
    }
    let file = file_uuid(&create.file_input).and_then(|id| store.file(id));
    if file.is_none() {
        return Err(not_found("File not found"));
    }
    let configuration = match (&create.configuration, &create.configuration_id) {
        (Some(configuration), _) => configuration.clone(),
        (None, Some(id)) => store
            .extract_configuration(id)
            .ok_or_else(|| not_found("Configuration not found"))?,
        (None, None) => Value::Null,
    };
    ok(store.create_extract_job(
        &create.file_input,
        Some(configuration),
        create.configuration_id,
    ))
}

/// List Extract Jobs: newest first, filtered, a page at a time (the page token is the
/// offset of the page's first job).
pub(super) async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    authorize(&shared, &headers)?;
    let query = Query::from_uri(&uri);
    let mut errors = Errors::default();
    let scope = query.scope(&mut errors);
    let status = match query.optional_text("status") {
        Some(status) => {
            let value = Value::from(status);
            let loc = Loc::new("query").key("status");
            errors
                .choice(&loc, &value, STATUSES, Choice::Literal)
                .map(|()| Some(status.to_owned()))
        }
        None => Some(None),
    };
    let after = query.optional_datetime(&mut errors, "created_at_on_or_after");
    let before = query.optional_datetime(&mut errors, "created_at_on_or_before");
    let page_size = query.integer(&mut errors, "page_size", DEFAULT_PAGE_SIZE, (1, None));
    let offset = page_offset(&mut errors, query.optional_text("page_token"));
    let parts = scope
        .zip(status)
        .zip(after)
        .zip(before)
        .zip(page_size)
        .zip(offset);
    let (((((_, status), after), before), page_size), offset) = errors.finish(parts)?;
    let filter = ExtractFilter {
        status,
        file_input: query
            .optional_text("file_input")
            .or(query.optional_text("document_input_value"))
            .map(str::to_owned),
        configuration_id: query.optional_text("configuration_id").map(str::to_owned),
        input_prefix: match query.optional_text("document_input_type") {
            Some("file_id") => Some("dfl-"),
            Some("parse_job_id") => Some("pjb-"),
            _ => None,
        },
        job_ids: query
            .all("job_ids")
            .into_iter()
            .map(str::to_owned)
            .collect(),
        created_after: after,
        created_before: before,
    };
    let jobs = shared.store().list_extract_jobs(&filter, expand(&query));
    let size = usize::try_from(page_size).unwrap_or(usize::MAX);
    let end = offset.saturating_add(size);
    let next = (end < jobs.len()).then(|| end.to_string());
    let items: Vec<Value> = jobs.into_iter().skip(offset).take(size).collect();
    ok(json!({ "items": items, "next_page_token": next, "total_size": null }))
}

/// Get Extract Job: each call is a poll of the job's script.
pub(super) async fn get(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Answer {
    let id = job_path_id(&shared, &headers, &uri, Operation::GetExtractJob).await?;
    let expand = expand(&Query::from_uri(&uri));
    let job = id.and_then(|id| shared.store().poll_extract_job(id, expand));
    job.map_or_else(|| Err(not_found(JOB_NOT_FOUND)), ok)
}

/// Delete Extract Job: answers an empty object. The contract's schema for it is `{}`,
/// which in OpenAPI 3.0 admits any value but `null` (it is not `nullable`).
pub(super) async fn delete(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    let id = job_path_id(&shared, &headers, &uri, Operation::DeleteExtractJob).await?;
    if !id.is_some_and(|id| shared.store().delete_extract_job(id)) {
        return Err(not_found(JOB_NOT_FOUND));
    }
    ok(json!({}))
}

/// Cancel Extract Job: a job that has not ended becomes `CANCELLED`; one that has is
/// a 400 saying so.
pub(super) async fn cancel(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    let id = job_path_id(&shared, &headers, &uri, Operation::CancelExtractJob).await?;
    let Some(id) = id else {
        return Err(not_found(JOB_NOT_FOUND));
    };
    let cancelled = shared.store().cancel_extract_job(id);
    match cancelled {
        Ok(job) => ok(job),
        Err(NoCancel::UnknownJob) => Err(not_found(JOB_NOT_FOUND)),
        Err(NoCancel::Ended(status)) => Err(Refusal::from(fastapi::detail(
            StatusCode::BAD_REQUEST,
            &format!("Job is already {status} and cannot be cancelled"),
        ))),
    }
}

/// Validate Extraction Schema (v2): any JSON object is a valid schema.
pub(super) async fn validate_schema(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let body = JsonBody::read(&headers, &body)?;
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let schema = body
        .value(&mut errors)
        .and_then(|body| extract_bodies::schema_validate(&mut errors, &body));
    let schema = errors.finish(schema)?;
    ok(json!({ "data_schema": schema }))
}

/// Generate Extraction Schema (v2): an extraction configuration with the service's
/// defaults, named as asked (an empty name, which the answer may not have, gets the
/// default one), whose schema is the one to refine when given, else an empty object
/// schema (the fake generates nothing from a prompt or a file). A `file_id` must
/// name a stored file.
pub(super) async fn generate_schema(
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
        .and_then(|body| extract_bodies::schema_generate(&mut errors, &body));
    let (_, request) = errors.finish(scope.zip(request))?;
    if let Some(file_id) = &request.file_id
        && file_uuid(file_id)
            .and_then(|id| shared.store().file(id))
            .is_none()
    {
        return Err(not_found("File not found"));
    }
    let schema = request
        .data_schema
        .unwrap_or_else(|| json!({ "type": "object", "properties": {} }));
    ok(json!({
        "name": request
            .name
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| "Generated extraction".to_owned()),
        "parameters": {
            "product_type": "extract_v2",
            "data_schema": schema,
            "tier": "cost_effective",
            "version": "latest",
            "extraction_target": "per_doc",
            "cite_sources": false,
            "confidence_scores": false,
        },
    }))
}

/// The job of a v2 job path, after routing and the key: `None` for an id the fake
/// cannot have given (v2 takes any string here and answers 404).
async fn job_path_id(
    shared: &Shared,
    headers: &HeaderMap,
    uri: &Uri,
    operation: Operation,
) -> Result<Option<Uuid>, Refusal> {
    let raw = path_param(uri, operation).await?;
    authorize(shared, headers)?;
    let mut errors = Errors::default();
    let scope = Query::from_uri(uri).scope(&mut errors);
    errors.finish(scope)?;
    Ok(raw
        .strip_prefix(JOB_PREFIX)
        .and_then(|id| Uuid::try_parse(id).ok()))
}

/// The file a `dfl-<uuid>` (or bare UUID) input names.
fn file_uuid(input: &str) -> Option<Uuid> {
    Uuid::try_parse(input.strip_prefix("dfl-").unwrap_or(input)).ok()
}

/// The `expand` values a read asks for.
fn expand(query: &Query) -> Expand {
    let values = query.all("expand");
    Expand {
        configuration: values.contains(&"configuration"),
        extract_metadata: values.contains(&"extract_metadata"),
    }
}

/// The offset a page token stands for: `None` (reported) for a token the fake did not
/// give.
fn page_offset(errors: &mut Errors, token: Option<&str>) -> Option<usize> {
    let Some(token) = token else {
        return Some(0);
    };
    let offset = token.parse().ok();
    if offset.is_none() {
        errors.value_error(
            &Loc::new("query").key("page_token"),
            "Invalid page token",
            Value::from(token),
        );
    }
    offset
}
