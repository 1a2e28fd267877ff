//! The files API (`/api/v1/beta/files`): the multipart upload, a page of files
//! (`GET`, and the deprecated `POST .../query`), one file, its deletion, and a
//! presigned URL for its content (served by the fake itself, under `/_fake/`).

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse as _;
use serde_json::{Map, Value};

use super::{Answer, authorize, check_scope as scope, not_found, ok, path_param};
use crate::form::Form;
use crate::json_body::JsonBody;
use crate::operation::Operation;
use crate::pydantic::{Errors, Loc, optional};
use crate::query::Query;
use crate::spec::DEFAULT_PROJECT_ID;
use crate::state::Shared;
use crate::store::NewFile;
use uuid::Uuid;

/// The fields of a `File` that a `FileUploadResponse` (`FileV2` upstream) carries.
const UPLOAD_RESPONSE_FIELDS: &[&str] = &[
    "id",
    "name",
    "project_id",
    "expires_at",
    "external_file_id",
    "file_type",
    "last_modified_at",
    "purpose",
];

/// Upload File: stores the bytes (see `FakeServer::file_bytes`) under the upload's
/// file name; the file type is its extension. Answers `201 Created` with the id as
/// `dfl-<uuid>`, as the upstream declares and documents.
pub(super) async fn upload(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Answer {
    let form = Form::read(&headers, &body)?;
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let query = Query::from_uri(&uri);
    let project = query.optional_uuid(&mut errors, "project_id");
    let organization = query.optional_uuid(&mut errors, "organization_id");
    // `FileV2.name` is at least one character: a part with `filename=""` cannot
    // become a file the contract can describe.
    let file = form.file(&mut errors, "file").filter(|file| {
        let named = !file.file_name.is_empty();
        if !named {
            errors.value_error(
                &Loc::new("body").key("file"),
                "Value error, the uploaded file has no name",
                Value::from(""),
            );
        }
        named
    });
    let purpose = form.text(&mut errors, "purpose", true).flatten();
    let external_file_id = form.text(&mut errors, "external_file_id", false);
    let checked = project
        .zip(organization)
        .zip(file)
        .zip(purpose)
        .zip(external_file_id);
    let ((((project, _), file), purpose), external_file_id) = errors.finish(checked)?;
    let (_, stored) = shared.store().add_file(NewFile {
        name: file.file_name.clone(),
        project_id: project.unwrap_or(DEFAULT_PROJECT_ID),
        purpose: purpose.to_owned(),
        external_file_id: external_file_id.map(str::to_owned),
        content_type: file.content_type.clone(),
        bytes: file.bytes.clone(),
    });
    Ok((StatusCode::CREATED, Json(file_v2(&stored))).into_response())
}

/// A stored file as the files API answers it (`FileV2`): its fields of that
/// schema, and the id spelt `dfl-<uuid>` (the upstream's example; v1 extraction
/// takes the bare UUID).
fn file_v2(stored: &Value) -> Value {
    let mut response: Map<String, Value> = UPLOAD_RESPONSE_FIELDS
        .iter()
        .map(|&key| (key.to_owned(), stored[key].clone()))
        .collect();
    if let Some(Value::String(id)) = response.get_mut("id") {
        id.insert_str(0, "dfl-");
    }
    Value::Object(response)
}

/// The default and largest page of files.
const DEFAULT_PAGE: i64 = 50;
const MAX_PAGE: i64 = 1000;

/// List Files: the project's files oldest first, `page_size` (1 to 1000, default 50)
/// at a time; `page_token` is the `next_page_token` of the page before. Filtered by
/// `file_ids`, `file_name` and `external_file_id` (exact matches).
pub(super) async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let query = Query::from_uri(&uri);
    let size = query.integer(&mut errors, "page_size", DEFAULT_PAGE, (1, Some(MAX_PAGE)));
    let start = page_start(query.optional_text("page_token"));
    let ids = query.uuids(&mut errors, "file_ids");
    let scope = query.scope(&mut errors);
    let ((size, ids), (project, _)) = errors.finish(size.zip(ids).zip(scope))?;
    let filter = FileFilter {
        project_id: project.unwrap_or(DEFAULT_PROJECT_ID),
        ids,
        name: query.optional_text("file_name").map(str::to_owned),
        external_file_id: query.optional_text("external_file_id").map(str::to_owned),
        data_source_id: None,
    };
    ok(page(&shared, &filter, start, size))
}

/// Query Files (deprecated upstream): List Files with the filter in a JSON body.
pub(super) async fn query(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: axum::body::Bytes,
) -> Answer {
    let body = JsonBody::read(&headers, &body)?;
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let scope = Query::from_uri(&uri).scope(&mut errors);
    let request = body
        .value(&mut errors)
        .and_then(|body| query_request(&mut errors, &body));
    let ((project, _), (start, size, mut filter)) = errors.finish(scope.zip(request))?;
    if let Some(project) = project {
        filter.project_id = project;
    }
    ok(page(&shared, &filter, start, size))
}

/// The `FileQueryRequest` body: where the page starts, its size, the filter.
fn query_request(errors: &mut Errors, body: &Value) -> Option<(usize, i64, FileFilter)> {
    let loc = Loc::new("body");
    let fields = errors.model(&loc, body)?;
    let size = optional(errors, fields, &loc, "page_size", |e, l, v| {
        e.integer(l, v, i64::MIN)
            .map(|size| size.clamp(1, MAX_PAGE))
    });
    let token = optional(errors, fields, &loc, "page_token", |e, l, v| e.string(l, v));
    let order_by = optional(errors, fields, &loc, "order_by", |e, l, v| e.string(l, v));
    let filter = optional(errors, fields, &loc, "filter", file_filter);
    order_by?;
    Some((
        page_start(token?),
        size?.unwrap_or(DEFAULT_PAGE),
        filter?.unwrap_or_else(|| FileFilter::of_project(DEFAULT_PROJECT_ID)),
    ))
}

/// A `FileFilter` body.
fn file_filter(errors: &mut Errors, loc: &Loc, value: &Value) -> Option<FileFilter> {
    let fields = errors.model(loc, value)?;
    let text = |e: &mut Errors, l: &Loc, v| e.string(l, v).map(str::to_owned);
    let project = optional(errors, fields, loc, "project_id", |e, l, v| e.uuid(l, v));
    let ids = optional(errors, fields, loc, "file_ids", |e, l, v| {
        let items = e.list(l, v)?;
        let ids: Vec<Option<Uuid>> = items
            .iter()
            .enumerate()
            .map(|(index, item)| e.uuid(&l.index(index), item))
            .collect();
        ids.into_iter().collect::<Option<Vec<Uuid>>>()
    });
    let name = optional(errors, fields, loc, "file_name", text);
    let external = optional(errors, fields, loc, "external_file_id", text);
    // Checked as pydantic checks them. Every file here was uploaded by hand, so
    // `only_manually_uploaded` narrows nothing.
    let source = optional(errors, fields, loc, "data_source_id", |e, l, v| {
        e.uuid(l, v)
    });
    let manual = optional(errors, fields, loc, "only_manually_uploaded", |e, l, v| {
        e.boolean(l, v)
    });
    manual?;
    Some(FileFilter {
        project_id: project?.unwrap_or(DEFAULT_PROJECT_ID),
        ids: ids?.unwrap_or_default(),
        name: name?,
        external_file_id: external?,
        data_source_id: source?,
    })
}

/// Which files a page holds.
struct FileFilter {
    project_id: Uuid,
    ids: Vec<Uuid>,
    name: Option<String>,
    external_file_id: Option<String>,
    data_source_id: Option<Uuid>,
}

impl FileFilter {
    fn of_project(project_id: Uuid) -> Self {
        Self {
            project_id,
            ids: Vec::new(),
            name: None,
            external_file_id: None,
            data_source_id: None,
        }
    }

    fn admits(&self, file: &Value) -> bool {
        let text = |key: &str| file[key].as_str();
        let id = text("id").and_then(|id| id.parse::<Uuid>().ok());
        text("project_id").and_then(|p| p.parse::<Uuid>().ok()) == Some(self.project_id)
            && (self.ids.is_empty() || id.is_some_and(|id| self.ids.contains(&id)))
            && self
                .name
                .as_deref()
                .is_none_or(|name| text("name") == Some(name))
            && self
                .external_file_id
                .as_deref()
                .is_none_or(|external| text("external_file_id") == Some(external))
            && self.data_source_id.is_none_or(|source| {
                text("data_source_id").and_then(|d| d.parse::<Uuid>().ok()) == Some(source)
            })
    }
}

/// Where a page starts: `0`, or the offset a `next_page_token` names. A token
/// this server never gave (the contract allows any string) starts past the end:
/// an empty last page.
fn page_start(token: Option<&str>) -> usize {
    token.map_or(0, |token| token.parse::<usize>().unwrap_or(usize::MAX))
}

/// A `FileQueryResponseV2`: `size` files from `start`, the token of the next page.
fn page(shared: &Shared, filter: &FileFilter, start: usize, size: i64) -> Value {
    let matching: Vec<Value> = shared
        .store()
        .files()
        .into_iter()
        .filter(|file| filter.admits(file))
        .collect();
    let size = usize::try_from(size).unwrap_or(1);
    let end = start.saturating_add(size).min(matching.len());
    let items: Vec<Value> = matching
        .get(start..end)
        .unwrap_or_default()
        .iter()
        .map(file_v2)
        .collect();
    let next = (end < matching.len()).then(|| end.to_string());
    serde_json::json!({
        "items": items,
        "next_page_token": next,
        "total_size": matching.len(),
    })
}

/// Get File: the file as the files API answers it.
pub(super) async fn get(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Answer {
    let id = file_path_id(&shared, &headers, &uri, Operation::GetFile).await?;
    scope(&uri)?;
    let file = shared.store().file(id);
    file.map_or_else(|| Err(not_found(NOT_FOUND)), |file| ok(file_v2(&file)))
}

/// Delete File: `204 No Content`.
pub(super) async fn delete(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    let id = file_path_id(&shared, &headers, &uri, Operation::DeleteFile).await?;
    scope(&uri)?;
    if shared.store().delete_file(id) {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(not_found(NOT_FOUND))
    }
}

/// Read File Content: a presigned URL for the file's bytes, on the fake itself, for
/// an hour (or `expires_at_seconds`).
pub(super) async fn content(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    let id = file_path_id(&shared, &headers, &uri, Operation::ReadFileContent).await?;
    let mut errors = Errors::default();
    let query = Query::from_uri(&uri);
    let seconds = query.integer(&mut errors, "expires_at_seconds", 3600, (i64::MIN, None));
    let scope = query.scope(&mut errors);
    let (seconds, _) = errors.finish(seconds.zip(scope))?;
    if shared.store().file(id).is_none() {
        return Err(not_found(NOT_FOUND));
    }
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|host| host.to_str().ok())
        .unwrap_or("127.0.0.1");
    let expires = chrono::Utc::now() + chrono::Duration::seconds(seconds.clamp(0, 7 * 86_400));
    ok(serde_json::json!({
        "url": format!("http://{host}{CONTENT_PREFIX}{id}?signature=fake"),
        "expires_at": expires.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "form_fields": null,
    }))
}

/// Where the fake serves a file's bytes, as a presigned URL points.
pub(crate) const CONTENT_PREFIX: &str = "/_fake/file-content/";

/// The bytes a presigned URL of [`content`] names, with the upload's content type;
/// no key needed, as with a real presigned URL. A `Range: bytes=FIRST-LAST` (or
/// `FIRST-`) header gets those bytes alone, `206` with their `Content-Range`, as
/// object storage answers one; a range that starts past the end gets `416`. An
/// `ETag` names the content, and an `If-Match` of another one gets `412`.
pub(super) async fn bytes(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    let id = uri
        .path()
        .strip_prefix(CONTENT_PREFIX)
        .and_then(|id| id.parse::<Uuid>().ok());
    let store = shared.store();
    let Some((bytes, content_type)) = id.and_then(|id| store.file_content(id)) else {
        return Err(not_found(NOT_FOUND));
    };
    drop(store);
    let content_type = content_type.unwrap_or_else(|| "application/octet-stream".to_owned());
    let total = bytes.len();
    // Stored files never change: the id and size name this content.
    let etag = format!(
        "\"{}-{total}\"",
        id.map(|id| id.simple().to_string()).unwrap_or_default()
    );
    let if_match = headers.get(axum::http::header::IF_MATCH);
    if if_match.is_some_and(|wanted| wanted.as_bytes() != etag.as_bytes() && wanted != "*") {
        return Ok((
            StatusCode::PRECONDITION_FAILED,
            [(axum::http::header::ETAG, etag)],
        )
            .into_response());
    }
    let range = headers
        .get(axum::http::header::RANGE)
        .and_then(|range| range.to_str().ok())
        .and_then(byte_range);
    let Some((first, last)) = range else {
        return Ok((
            [
                (axum::http::header::CONTENT_TYPE, content_type),
                (axum::http::header::ACCEPT_RANGES, "bytes".to_owned()),
                (axum::http::header::ETAG, etag),
            ],
            bytes,
        )
            .into_response());
    };
    if first >= total {
        return Ok((
            StatusCode::RANGE_NOT_SATISFIABLE,
            [(
                axum::http::header::CONTENT_RANGE,
                format!("bytes */{total}"),
            )],
        )
            .into_response());
    }
    let last = last.map_or(total - 1, |last| last.min(total - 1));
    Ok((
        StatusCode::PARTIAL_CONTENT,
        [
            (axum::http::header::CONTENT_TYPE, content_type),
            (axum::http::header::ACCEPT_RANGES, "bytes".to_owned()),
            (axum::http::header::ETAG, etag),
            (
                axum::http::header::CONTENT_RANGE,
                format!("bytes {first}-{last}/{total}"),
            ),
        ],
        bytes[first..=last].to_vec(),
    )
        .into_response())
}

/// A `Range` header's one byte range, `bytes=FIRST-LAST` or `bytes=FIRST-`;
/// anything else (several ranges, a suffix range, a last before the first) is
/// ignored, as a server may ignore it, and the whole content is answered.
fn byte_range(header: &str) -> Option<(usize, Option<usize>)> {
    let (first, last) = header.strip_prefix("bytes=")?.split_once('-')?;
    let first = first.parse().ok()?;
    let last = match last {
        "" => None,
        last => Some(last.parse().ok().filter(|last| *last >= first)?),
    };
    Some((first, last))
}

const NOT_FOUND: &str = "File not found";

/// The `file_id` of a files-API path: a UUID, or the files API's own `dfl-<uuid>`
/// (the service takes back the ids it gives), checked as Get File checks it.
async fn file_path_id(
    shared: &Shared,
    headers: &HeaderMap,
    uri: &Uri,
    operation: Operation,
) -> Result<Uuid, crate::fastapi::Refusal> {
    let raw = path_param(uri, operation).await?;
    authorize(shared, headers)?;
    let mut errors = Errors::default();
    let id = raw.strip_prefix("dfl-").unwrap_or(&raw);
    let id = errors.uuid_text(&Loc::new("path").key("file_id"), id);
    errors.finish(id)
}
