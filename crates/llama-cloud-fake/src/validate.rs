//! Checks that seeded JSON has the shape `openapi/extraction.json` requires.
//!
//! Only the shape is checked: required fields, JSON types and UUIDs. Enum values
//! (`status`, `extraction_mode`, …) and date-time formats are deliberately left open, so
//! a test can seed what a newer server might send and check the SDK still reads it. A
//! body that breaks the contract outright is served with a
//! [`Fault::Status`](crate::Fault::Status) instead.

use serde_json::{Map, Value};
use uuid::Uuid;

/// Checks an `ExtractJob` and returns its id.
pub(crate) fn job(value: &Value) -> Result<Uuid, String> {
    let job = object(value, "the job")?;
    let id = uuid_field(job, "id")?;
    string_field(job, "status")?;
    let agent_value = job
        .get("extraction_agent")
        .ok_or("`extraction_agent` is missing")?;
    agent(agent_value).map_err(|reason| format!("extraction_agent: {reason}"))?;
    nullable(job, "error", is_string, "a string")?;
    if let Some(file_value) = job.get("file").filter(|v| !v.is_null()) {
        file(file_value).map_err(|reason| format!("file: {reason}"))?;
    }
    nullable(job, "file_id", is_uuid, "a UUID")?;
    Ok(id)
}

/// Checks an `ExtractAgent` and returns its id.
pub(crate) fn agent(value: &Value) -> Result<Uuid, String> {
    let agent = object(value, "the agent")?;
    let id = uuid_field(agent, "id")?;
    object(agent.get("config").unwrap_or(&Value::Null), "`config`")?;
    object(
        agent.get("data_schema").unwrap_or(&Value::Null),
        "`data_schema`",
    )?;
    string_field(agent, "name")?;
    uuid_field(agent, "project_id")?;
    for key in ["created_at", "custom_configuration", "updated_at"] {
        nullable(agent, key, is_string, "a string")?;
    }
    Ok(id)
}

/// Checks a `File` and returns its id.
pub(crate) fn file(value: &Value) -> Result<Uuid, String> {
    let file = object(value, "the file")?;
    let id = uuid_field(file, "id")?;
    string_field(file, "name")?;
    uuid_field(file, "project_id")?;
    nullable(file, "data_source_id", is_uuid, "a UUID")?;
    nullable(file, "file_size", Value::is_u64, "an integer of at least 0")?;
    for key in [
        "created_at",
        "expires_at",
        "external_file_id",
        "file_type",
        "last_modified_at",
        "purpose",
        "updated_at",
    ] {
        nullable(file, key, is_string, "a string")?;
    }
    for key in ["permission_info", "resource_info"] {
        nullable(file, key, Value::is_object, "an object")?;
    }
    Ok(id)
}

fn object<'a>(value: &'a Value, what: &str) -> Result<&'a Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| format!("{what} must be a JSON object"))
}

fn string_field<'a>(map: &'a Map<String, Value>, key: &str) -> Result<&'a str, String> {
    match map.get(key) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(format!("`{key}` must be a string")),
        None => Err(format!("`{key}` is missing")),
    }
}

fn uuid_field(map: &Map<String, Value>, key: &str) -> Result<Uuid, String> {
    let text = string_field(map, key)?;
    parse_hyphenated(text).ok_or_else(|| format!("`{key}` must be a hyphenated UUID, not {text:?}"))
}

/// An optional field that may also be `null`; when present it must pass `check`.
fn nullable(
    map: &Map<String, Value>,
    key: &str,
    check: fn(&Value) -> bool,
    expected: &str,
) -> Result<(), String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(v) if check(v) => Ok(()),
        Some(_) => Err(format!("`{key}` must be null or {expected}")),
    }
}

fn is_string(value: &Value) -> bool {
    value.is_string()
}

fn is_uuid(value: &Value) -> bool {
    value.as_str().and_then(parse_hyphenated).is_some()
}

/// Only the 36-character form: it is what OpenAPI's `format: uuid` means to schema
/// validators, though the server itself accepts the simple and braced forms in paths.
fn parse_hyphenated(text: &str) -> Option<Uuid> {
    if text.len() == 36 {
        Uuid::try_parse(text).ok()
    } else {
        None
    }
}
