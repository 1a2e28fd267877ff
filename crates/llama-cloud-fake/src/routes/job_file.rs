//! `POST /api/v1/extraction/jobs/file`: upload a file and run an agent on it, in one
//! multipart request.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use serde_json::Value;

use super::{Answer, authorize, not_found, ok};
use crate::bodies::{config_text, override_text, schema_text};
use crate::form::Form;
use crate::pydantic::{Errors, Loc};
use crate::query::Query;
use crate::spec::DEFAULT_PROJECT_ID;
use crate::state::Shared;
use crate::store::{NewFile, uuid_at};

/// Run Job On File: the overrides come as JSON text (`null` for none); the file is
/// stored (purpose `extract`, in the agent's project) and the job created on it as by
/// Run Job.
pub(super) async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Answer {
    let form = Form::read(&headers, &body)?;
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let from_ui = Query::from_uri(&uri).boolean(&mut errors, "from_ui", false);
    let body = Loc::new("body");
    let agent_id = form
        .text(&mut errors, "extraction_agent_id", true)
        .flatten()
        .and_then(|text| errors.uuid_text(&body.key("extraction_agent_id"), text));
    let file = form.file(&mut errors, "file");
    let config = form
        .text(&mut errors, "config_override", false)
        .and_then(|text| match text {
            Some(text) => {
                override_text(&mut errors, &body.key("config_override"), text, config_text)
            }
            None => Some(None),
        });
    let schema = form
        .text(&mut errors, "data_schema_override", false)
        .and_then(|text| match text {
            Some(text) => {
                let loc = body.key("data_schema_override");
                override_text(&mut errors, &loc, text, |errors, loc, text| {
                    schema_text(errors, loc, text, Value::from(text))
                })
            }
            None => Some(None),
        });
    let checked = from_ui.zip(agent_id).zip(file).zip(config).zip(schema);
    let ((((from_ui, agent_id), file), config), schema) = errors.finish(checked)?;
    let mut store = shared.store();
    let agent = store
        .agent_snapshot(agent_id, config, schema)
        .ok_or_else(|| not_found("Extraction agent not found"))?;
    let project_id = uuid_at(&agent["project_id"]).unwrap_or(DEFAULT_PROJECT_ID);
    let (file_id, _) = store.add_file(NewFile {
        name: file.file_name.clone(),
        project_id,
        purpose: "extract".to_owned(),
        external_file_id: None,
        content_type: file.content_type.clone(),
        bytes: file.bytes.clone(),
    });
    ok(store.create_job(agent, Some(file_id), from_ui))
}
