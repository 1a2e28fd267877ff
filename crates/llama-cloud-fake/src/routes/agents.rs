//! The extraction agents: list, create, get, update (PUT), delete, the project's
//! default agent, and one by name (deprecated upstream).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use serde_json::{Value, json};

use super::{Answer, authorize, not_found, ok, path_id, path_param, path_uuid};
use crate::bodies;
use crate::json_body::JsonBody;
use crate::operation::Operation;
use crate::pydantic::Errors;
use crate::query::Query;
use crate::spec::DEFAULT_PROJECT_ID;
use crate::state::Shared;

const NOT_FOUND: &str = "Extraction agent not found";

/// The agents of a project (the key's default project unless `project_id` is given),
/// oldest first; its default agent only with `include_default=true`.
pub(super) async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let query = Query::from_uri(&uri);
    let include_default = query.boolean(&mut errors, "include_default", false);
    let project = query.optional_uuid(&mut errors, "project_id");
    let organization = query.optional_uuid(&mut errors, "organization_id");
    let ((include_default, project), _) =
        errors.finish(include_default.zip(project).zip(organization))?;
    let project = project.unwrap_or(DEFAULT_PROJECT_ID);
    ok(Value::Array(
        shared.store().list_agents(project, include_default),
    ))
}

/// Create Extraction Agent, in `project_id` or the key's default project.
pub(super) async fn create(
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
    let create = body
        .value(&mut errors)
        .and_then(|body| bodies::agent_create(&mut errors, &body));
    let ((project, _), create) = errors.finish(project.zip(organization).zip(create))?;
    let agent = shared.store().create_agent(
        project.unwrap_or(DEFAULT_PROJECT_ID),
        &create.name,
        create.data_schema,
        create.config,
    );
    ok(agent)
}

pub(super) async fn get(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Answer {
    let id = path_id(&shared, &headers, &uri, Operation::GetAgent).await?;
    let agent = shared.store().agent(id);
    agent.map_or_else(|| Err(not_found(NOT_FOUND)), ok)
}

/// Update Extraction Agent: replaces the schema and the config; the name stays.
pub(super) async fn update(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Answer {
    let raw = path_param(&uri, Operation::UpdateAgent).await?;
    let body = JsonBody::read(&headers, &body)?;
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let id = path_uuid(&mut errors, "extraction_agent_id", &raw);
    let update = body
        .value(&mut errors)
        .and_then(|body| bodies::agent_update(&mut errors, &body));
    let (id, update) = errors.finish(id.zip(update))?;
    let agent = shared
        .store()
        .update_agent(id, update.data_schema, update.config);
    agent.map_or_else(|| Err(not_found(NOT_FOUND)), ok)
}

/// Delete Extraction Agent: `{}` (the contract leaves the object open).
pub(super) async fn delete(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    let id = path_id(&shared, &headers, &uri, Operation::DeleteAgent).await?;
    if shared.store().delete_agent(id) {
        ok(json!({}))
    } else {
        Err(not_found(NOT_FOUND))
    }
}

/// Get Or Create Default Extraction Agent: the project's default agent (an empty
/// object schema), created on first use, in `project_id` or the key's default project.
pub(super) async fn default_agent(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let scope = Query::from_uri(&uri).scope(&mut errors);
    let (project, _) = errors.finish(scope)?;
    ok(shared
        .store()
        .default_agent(project.unwrap_or(DEFAULT_PROJECT_ID)))
}

/// Get Extraction Agent By Name (deprecated upstream): the project's agent of that
/// name, the default agent included.
pub(super) async fn by_name(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    let name = path_param(&uri, Operation::GetAgentByName).await?;
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let scope = Query::from_uri(&uri).scope(&mut errors);
    let (project, _) = errors.finish(scope)?;
    let agent = shared
        .store()
        .agent_by_name(project.unwrap_or(DEFAULT_PROJECT_ID), &name);
    agent.map_or_else(|| Err(not_found(NOT_FOUND)), ok)
}
