//! The extraction runs: a page of an agent's runs, one by id or by job, an agent's
//! latest run from the web UI, and delete.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use serde_json::json;

use super::{Answer, authorize, check_scope as scope, known_agent, not_found, ok, path_id};
use crate::operation::Operation;
use crate::pydantic::Errors;
use crate::query::Query;
use crate::state::Shared;
use crate::store::RunFilter;

const NOT_FOUND: &str = "Extraction run not found";

/// List Extract Runs: newest first, `skip` (default 0) then at most `limit` (default 25)
/// of them, with the `total`; `status` and `run_id` filter. The upstream bounds neither
/// number: a negative `skip` starts at the first run, and a `limit` below 1 gives an
/// empty page.
pub(super) async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let query = Query::from_uri(&uri);
    let agent_id = query.uuid(&mut errors, "extraction_agent_id");
    let skip = query.integer(&mut errors, "skip", 0, (i64::MIN, None));
    let limit = query.integer(&mut errors, "limit", 25, (i64::MIN, None));
    let ((agent_id, skip), limit) = errors.finish(agent_id.zip(skip).zip(limit))?;
    let filter = RunFilter {
        status: query.optional_text("status"),
        run_id: query.optional_text("run_id"),
    };
    let mut store = shared.store();
    if !known_agent(&mut store, agent_id) {
        return Err(not_found("Extraction agent not found"));
    }
    let to_usize = |n: i64| usize::try_from(n.max(0)).unwrap_or(usize::MAX);
    let page = store.list_runs(agent_id, &filter, to_usize(skip), to_usize(limit));
    ok(json!({ "items": page.items, "skip": skip, "total": page.total, "limit": limit }))
}

pub(super) async fn get(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Answer {
    let id = path_id(&shared, &headers, &uri, Operation::GetRun).await?;
    scope(&uri)?;
    let run = shared.store().run(id);
    run.map_or_else(|| Err(not_found(NOT_FOUND)), ok)
}

/// Get Run By Job Id: 404 for an unknown job as for a deleted run.
pub(super) async fn by_job(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    let id = path_id(&shared, &headers, &uri, Operation::GetRunByJob).await?;
    scope(&uri)?;
    let run = shared.store().run_by_job(id);
    run.map_or_else(|| Err(not_found(NOT_FOUND)), ok)
}

/// Get Latest Run From Ui: the agent's newest run started with `from_ui=true`, or
/// `null` when there is none (an unknown agent included, as upstream).
pub(super) async fn latest_from_ui(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    authorize(&shared, &headers)?;
    let mut errors = Errors::default();
    let agent_id = Query::from_uri(&uri).uuid(&mut errors, "extraction_agent_id");
    let agent_id = errors.finish(agent_id)?;
    let run = shared.store().latest_run_from_ui(agent_id);
    ok(run.unwrap_or(serde_json::Value::Null))
}

/// Delete Extraction Run: `{}`. The job stays, without a result from then on.
pub(super) async fn delete(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Answer {
    let id = path_id(&shared, &headers, &uri, Operation::DeleteRun).await?;
    scope(&uri)?;
    if shared.store().delete_run(id) {
        ok(json!({}))
    } else {
        Err(not_found(NOT_FOUND))
    }
}
