//! The JSON request bodies of the contract, and the JSON text of form fields, checked
//! into what the routes need.
//!
//! Each function checks every field (so that one 422 lists every problem, as pydantic
//! does) and returns the body only when all of them passed.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;
use uuid::Uuid;

use crate::config::{PRIORITIES, extract_config, webhooks};
use crate::pydantic::{Choice, Errors, Loc, optional, required};

/// `ExtractAgentCreate`.
#[derive(Debug)]
pub(crate) struct AgentCreate {
    pub(crate) name: String,
    pub(crate) data_schema: Value,
    pub(crate) config: Value,
}

/// `ExtractAgentUpdate`.
#[derive(Debug)]
pub(crate) struct AgentUpdate {
    pub(crate) data_schema: Value,
    pub(crate) config: Value,
}

/// `ExtractJobCreate`, less what the fake does not act on (priority, webhooks).
#[derive(Debug)]
pub(crate) struct JobCreate {
    pub(crate) extraction_agent_id: Uuid,
    pub(crate) file_id: Uuid,
    pub(crate) config_override: Option<Value>,
    pub(crate) data_schema_override: Option<Value>,
}

/// `ExtractJobCreateBatch`: the fields every job of the batch gets.
#[derive(Debug)]
pub(crate) struct JobCreateBatch {
    pub(crate) extraction_agent_id: Uuid,
    pub(crate) file_ids: Vec<Uuid>,
    pub(crate) config_override: Option<Value>,
    pub(crate) data_schema_override: Option<Value>,
}

/// `ExtractSchemaGenerateRequest`.
#[derive(Debug)]
pub(crate) struct SchemaGenerate {
    pub(crate) file_id: Option<Uuid>,
    pub(crate) data_schema: Option<Value>,
}

/// `ExtractStatelessRequest`, with its one source.
#[derive(Debug)]
pub(crate) struct Stateless {
    pub(crate) config: Value,
    pub(crate) data_schema: Value,
    pub(crate) source: Source,
}

/// What a stateless run extracts from.
#[derive(Debug)]
pub(crate) enum Source {
    FileId(Uuid),
    Text(String),
    Inline { bytes: Vec<u8>, mime_type: String },
}

pub(crate) fn agent_create(errors: &mut Errors, body: &Value) -> Option<AgentCreate> {
    let loc = Loc::new("body");
    let fields = errors.model(&loc, body)?;
    let name =
        required(errors, fields, &loc, "name").and_then(|v| errors.string(&loc.key("name"), v));
    let data_schema = required(errors, fields, &loc, "data_schema")
        .and_then(|v| data_schema(errors, &loc.key("data_schema"), v));
    let config = required(errors, fields, &loc, "config")
        .and_then(|v| extract_config(errors, &loc.key("config"), v));
    Some(AgentCreate {
        name: name?.to_owned(),
        data_schema: data_schema?,
        config: config?,
    })
}

pub(crate) fn agent_update(errors: &mut Errors, body: &Value) -> Option<AgentUpdate> {
    let loc = Loc::new("body");
    let fields = errors.model(&loc, body)?;
    let data_schema = required(errors, fields, &loc, "data_schema")
        .and_then(|v| data_schema(errors, &loc.key("data_schema"), v));
    let config = required(errors, fields, &loc, "config")
        .and_then(|v| extract_config(errors, &loc.key("config"), v));
    Some(AgentUpdate {
        data_schema: data_schema?,
        config: config?,
    })
}

pub(crate) fn job_create(errors: &mut Errors, body: &Value) -> Option<JobCreate> {
    let loc = Loc::new("body");
    let fields = errors.model(&loc, body)?;
    let agent = required(errors, fields, &loc, "extraction_agent_id")
        .and_then(|v| errors.uuid(&loc.key("extraction_agent_id"), v));
    let file =
        required(errors, fields, &loc, "file_id").and_then(|v| errors.uuid(&loc.key("file_id"), v));
    let config = optional(errors, fields, &loc, "config_override", extract_config);
    let schema = optional(errors, fields, &loc, "data_schema_override", data_schema);
    let priority = optional(errors, fields, &loc, "priority", |e, l, v| {
        e.choice(l, v, PRIORITIES, Choice::Literal)
    });
    let hooks = optional(errors, fields, &loc, "webhook_configurations", webhooks);
    priority?;
    hooks?;
    Some(JobCreate {
        extraction_agent_id: agent?,
        file_id: file?,
        config_override: config?,
        data_schema_override: schema?,
    })
}

pub(crate) fn job_create_batch(errors: &mut Errors, body: &Value) -> Option<JobCreateBatch> {
    let loc = Loc::new("body");
    let fields = errors.model(&loc, body)?;
    let agent = required(errors, fields, &loc, "extraction_agent_id")
        .and_then(|v| errors.uuid(&loc.key("extraction_agent_id"), v));
    let files = required(errors, fields, &loc, "file_ids")
        .and_then(|v| file_ids(errors, &loc.key("file_ids"), v));
    let config = optional(errors, fields, &loc, "config_override", extract_config);
    let schema = optional(errors, fields, &loc, "data_schema_override", data_schema);
    let hooks = optional(errors, fields, &loc, "webhook_configurations", webhooks);
    hooks?;
    Some(JobCreateBatch {
        extraction_agent_id: agent?,
        file_ids: files?,
        config_override: config?,
        data_schema_override: schema?,
    })
}

/// A list of at least one file id (`minItems: 1`), each a UUID.
fn file_ids(errors: &mut Errors, loc: &Loc, value: &Value) -> Option<Vec<Uuid>> {
    let items = errors.list(loc, value)?;
    if items.is_empty() {
        errors.push(
            "too_short",
            loc,
            "List should have at least 1 item after validation, not 0",
            value.clone(),
            Some(serde_json::json!({ "field_type": "List", "min_length": 1, "actual_length": 0 })),
        );
        return None;
    }
    let ids: Vec<Option<Uuid>> = items
        .iter()
        .enumerate()
        .map(|(index, item)| errors.uuid(&loc.index(index), item))
        .collect();
    ids.into_iter().collect()
}

/// `ExtractSchemaValidateRequest`: its schema, parsed if it came as a string.
pub(crate) fn schema_validate(errors: &mut Errors, body: &Value) -> Option<Value> {
    let loc = Loc::new("body");
    let fields = errors.model(&loc, body)?;
    required(errors, fields, &loc, "data_schema")
        .and_then(|v| data_schema(errors, &loc.key("data_schema"), v))
}

pub(crate) fn schema_generate(errors: &mut Errors, body: &Value) -> Option<SchemaGenerate> {
    let loc = Loc::new("body");
    let fields = errors.model(&loc, body)?;
    let prompt = optional(errors, fields, &loc, "prompt", |e, l, v| {
        e.string(l, v).map(|_| ())
    });
    let file_id = optional(errors, fields, &loc, "file_id", |e, l, v| e.uuid(l, v));
    let schema = optional(errors, fields, &loc, "data_schema", data_schema);
    prompt?;
    Some(SchemaGenerate {
        file_id: file_id?,
        data_schema: schema?,
    })
}

pub(crate) fn stateless(errors: &mut Errors, body: &Value) -> Option<Stateless> {
    let loc = Loc::new("body");
    let fields = errors.model(&loc, body)?;
    let config = required(errors, fields, &loc, "config")
        .and_then(|v| extract_config(errors, &loc.key("config"), v));
    let schema = required(errors, fields, &loc, "data_schema")
        .and_then(|v| data_schema(errors, &loc.key("data_schema"), v));
    let file_id = optional(errors, fields, &loc, "file_id", |e, l, v| e.uuid(l, v));
    let text = optional(errors, fields, &loc, "text", |e, l, v| {
        e.string(l, v).map(str::to_owned)
    });
    let file = optional(errors, fields, &loc, "file", file_data);
    let hooks = optional(errors, fields, &loc, "webhook_configurations", webhooks);
    let (config, data_schema, file_id, text, file) = (config?, schema?, file_id?, text?, file?);
    hooks?;
    // A model validator: it runs once every field is valid, and fails on the body.
    let source = match (file_id, text, file) {
        (Some(id), None, None) => Source::FileId(id),
        (None, Some(text), None) => Source::Text(text),
        (None, None, Some((bytes, mime_type))) => Source::Inline { bytes, mime_type },
        _ => {
            errors.value_error(
                &loc,
                "Exactly one of file_id, text or file must be provided",
                body.clone(),
            );
            return None;
        }
    };
    Some(Stateless {
        config,
        data_schema,
        source,
    })
}

/// `FileData`: the decoded bytes and the MIME type. Base64 is the standard alphabet
/// with padding, strictly (Python's decoder would skip stray characters).
fn file_data(errors: &mut Errors, loc: &Loc, value: &Value) -> Option<(Vec<u8>, String)> {
    let fields = errors.model(loc, value)?;
    let bytes = required(errors, fields, loc, "data").and_then(|v| {
        let loc = loc.key("data");
        let Some(text) = v.as_str() else {
            errors.push(
                "bytes_type",
                &loc,
                "Input should be a valid bytes",
                v.clone(),
                None,
            );
            return None;
        };
        match STANDARD.decode(text) {
            Ok(bytes) => Some(bytes),
            Err(error) => {
                let error = error.to_string();
                errors.push(
                    "base64_decode",
                    &loc,
                    format!("Base64 decoding error: '{error}'"),
                    v.clone(),
                    Some(serde_json::json!({ "error": error })),
                );
                None
            }
        }
    });
    let mime_type = required(errors, fields, loc, "mime_type")
        .and_then(|v| errors.string(&loc.key("mime_type"), v));
    Some((bytes?, mime_type?.to_owned()))
}

/// A data schema: an object, or a string holding the JSON of one (parsed here). For
/// any other JSON type pydantic reports both branches of the union, each under its tag.
pub(crate) fn data_schema(errors: &mut Errors, loc: &Loc, value: &Value) -> Option<Value> {
    match value {
        Value::Object(_) => Some(value.clone()),
        Value::String(text) => schema_text(errors, loc, text, value.clone()),
        _ => {
            errors.dict(&loc.key("dict[str,any]"), value);
            errors.string(&loc.key("str"), value);
            None
        }
    }
}

/// A data schema sent as JSON text (a JSON string field, or a form field).
pub(crate) fn schema_text(
    errors: &mut Errors,
    loc: &Loc,
    text: &str,
    input: Value,
) -> Option<Value> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(fields)) => Some(Value::Object(fields)),
        Ok(_) => {
            errors.value_error(loc, "the data schema must be a JSON object", input);
            None
        }
        Err(error) => {
            errors.value_error(
                loc,
                &format!("the data schema is not valid JSON: {error}"),
                input,
            );
            None
        }
    }
}

/// An override sent as JSON text in a form field, checked by `check`. The text `null`
/// means no override, as an absent or empty field does.
pub(crate) fn override_text(
    errors: &mut Errors,
    loc: &Loc,
    text: &str,
    check: impl FnOnce(&mut Errors, &Loc, &str) -> Option<Value>,
) -> Option<Option<Value>> {
    if serde_json::from_str::<Value>(text).is_ok_and(|value| value.is_null()) {
        return Some(None);
    }
    check(errors, loc, text).map(Some)
}

/// An `ExtractConfig` sent as JSON text in a form field: errors inside it are reported
/// under the field, as pydantic's `Json[ExtractConfig]` does.
pub(crate) fn config_text(errors: &mut Errors, loc: &Loc, text: &str) -> Option<Value> {
    match serde_json::from_str::<Value>(text) {
        Ok(value) => extract_config(errors, loc, &value),
        Err(error) => {
            let error = error.to_string();
            errors.push(
                "json_invalid",
                loc,
                format!("Invalid JSON: {error}"),
                Value::from(text),
                Some(serde_json::json!({ "error": error })),
            );
            None
        }
    }
}
