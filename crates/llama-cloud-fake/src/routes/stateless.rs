//! `POST /api/v1/extraction/run`: a one-off extraction without an agent of one's own.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};

use super::{Answer, authorize, not_found, ok};
use crate::bodies::{self, Source};
use crate::json_body::JsonBody;
use crate::pydantic::Errors;
use crate::query::Query;
use crate::spec::DEFAULT_PROJECT_ID;
use crate::state::Shared;
use crate::store::{NewFile, snapshot};

/// Extract Stateless: a job like any other, run on the project's default agent (created
/// on first use, listed with `include_default=true`) with the request's config and
/// schema. Text and inline files are stored as files (`text.txt`, and `file.<ext>` after
/// the MIME type), so a test can read back what was sent.
pub(super) async fn run(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Answer {
    let body = JsonBody::read(&headers, &body)?;
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let query = Query::from_uri(&uri);
    let project = query.optional_uuid(&mut errors, "project_id");
    let organization = query.optional_uuid(&mut errors, "organization_id");
    let request = body
        .value(&mut errors)
        .and_then(|body| bodies::stateless(&mut errors, &body));
    let ((project, _), request) = errors.finish(project.zip(organization).zip(request))?;
    let project_id = project.unwrap_or(DEFAULT_PROJECT_ID);
    let mut store = shared.store();
    let new_file = |name: String, content_type: &str, bytes: Vec<u8>| NewFile {
        name,
        project_id,
        purpose: "extract".to_owned(),
        external_file_id: None,
        content_type: Some(content_type.to_owned()),
        bytes,
    };
    let file_id = match request.source {
        Source::FileId(id) => {
            store.file(id).ok_or_else(|| not_found("File not found"))?;
            id
        }
        Source::Text(text) => {
            let file = new_file("text.txt".to_owned(), "text/plain", text.into_bytes());
            store.add_file(file).0
        }
        Source::Inline { bytes, mime_type } => {
            let name = match extension(&mime_type) {
                Some(extension) => format!("file.{extension}"),
                None => "file".to_owned(),
            };
            store.add_file(new_file(name, &mime_type, bytes)).0
        }
    };
    let agent = snapshot(
        store.default_agent(project_id),
        Some(request.config),
        Some(request.data_schema),
    );
    ok(store.create_job(agent, Some(file_id), false))
}

/// The usual extension of the document types extraction takes.
fn extension(mime_type: &str) -> Option<&'static str> {
    let essence = mime_type.split(';').next().unwrap_or_default().trim();
    Some(match essence.to_ascii_lowercase().as_str() {
        "application/pdf" => "pdf",
        "text/plain" => "txt",
        "text/markdown" => "md",
        "text/html" => "html",
        "text/csv" => "csv",
        "application/json" => "json",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "application/msword" => "doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.ms-excel" => "xls",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/vnd.ms-powerpoint" => "ppt",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => "pptx",
        _ => return None,
    })
}
