//! `POST /api/v1/beta/files`: the multipart upload.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse as _;
use serde_json::{Map, Value};

use super::{Answer, authorize};
use crate::form::Form;
use crate::pydantic::{Errors, Loc};
use crate::query::Query;
use crate::spec::DEFAULT_PROJECT_ID;
use crate::state::Shared;
use crate::store::NewFile;

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
    let mut response: Map<String, Value> = UPLOAD_RESPONSE_FIELDS
        .iter()
        .map(|&key| (key.to_owned(), stored[key].clone()))
        .collect();
    // The files API spells the id `dfl-<uuid>` (the upstream's example); v1
    // extraction takes the bare UUID.
    if let Some(Value::String(id)) = response.get_mut("id") {
        id.insert_str(0, "dfl-");
    }
    Ok((StatusCode::CREATED, Json(Value::Object(response))).into_response())
}
