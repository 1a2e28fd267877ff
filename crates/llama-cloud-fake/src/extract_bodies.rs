//! The request bodies of v2 extraction (`/api/v2/extract`), checked as pydantic
//! checks them: every field, so one 422 lists every problem.

use serde_json::{Map, Value, json};

use crate::config::webhooks;
use crate::pydantic::{Choice, Errors, Loc, optional, required};

/// `ExtractConfiguration.tier`.
pub(crate) const TIERS: &[&str] = &["cost_effective", "agentic"];
/// `ExtractConfiguration.extraction_target`.
pub(crate) const TARGETS: &[&str] = &["per_doc", "per_page", "per_table_row"];
/// The `status` filter of the listing.
pub(crate) const STATUSES: &[&str] = &[
    "PENDING",
    "THROTTLED",
    "RUNNING",
    "COMPLETED",
    "FAILED",
    "CANCELLED",
];

/// `ExtractV2JobCreate`.
#[derive(Debug)]
pub(crate) struct JobCreate {
    pub(crate) file_input: String,
    pub(crate) configuration: Option<Value>,
    pub(crate) configuration_id: Option<String>,
}

/// `ExtractV2SchemaGenerateRequest`.
#[derive(Debug)]
pub(crate) struct SchemaGenerate {
    pub(crate) name: Option<String>,
    pub(crate) file_id: Option<String>,
    pub(crate) data_schema: Option<Value>,
}

pub(crate) fn job_create(errors: &mut Errors, body: &Value) -> Option<JobCreate> {
    let loc = Loc::new("body");
    let fields = errors.model(&loc, body)?;
    let hooks = optional(errors, fields, &loc, "webhook_configurations", webhooks);
    let configuration_id = optional(errors, fields, &loc, "configuration_id", |e, l, v| {
        e.string(l, v).map(str::to_owned)
    });
    let configuration = optional(errors, fields, &loc, "configuration", configuration);
    let file_input = required(errors, fields, &loc, "file_input")
        .and_then(|v| bounded_string(errors, &loc.key("file_input"), v, 200));
    let (configuration, configuration_id) = (configuration?, configuration_id?);
    hooks?;
    if configuration.is_some() == configuration_id.is_some() {
        errors.value_error(
            &loc,
            "Provide exactly one of configuration_id or configuration",
            body.clone(),
        );
        return None;
    }
    Some(JobCreate {
        file_input: file_input?.to_owned(),
        configuration,
        configuration_id,
    })
}

/// `ExtractV2SchemaValidateRequest`: its schema.
pub(crate) fn schema_validate(errors: &mut Errors, body: &Value) -> Option<Value> {
    let loc = Loc::new("body");
    let fields = errors.model(&loc, body)?;
    required(errors, fields, &loc, "data_schema")
        .and_then(|v| errors.dict(&loc.key("data_schema"), v).map(|_| v.clone()))
}

pub(crate) fn schema_generate(errors: &mut Errors, body: &Value) -> Option<SchemaGenerate> {
    let loc = Loc::new("body");
    let fields = errors.model(&loc, body)?;
    let name = optional(errors, fields, &loc, "name", |e, l, v| {
        bounded_string(e, l, v, 255).map(str::to_owned)
    });
    let prompt = optional(errors, fields, &loc, "prompt", |e, l, v| {
        e.string(l, v).map(|_| ())
    });
    let file_id = optional(errors, fields, &loc, "file_id", |e, l, v| {
        e.string(l, v).map(str::to_owned)
    });
    let data_schema = optional(errors, fields, &loc, "data_schema", |e, l, v| {
        e.dict(l, v).map(|_| v.clone())
    });
    prompt?;
    Some(SchemaGenerate {
        name: name?,
        file_id: file_id?,
        data_schema: data_schema?,
    })
}

/// `ExtractConfiguration`, kept with the defaults of the fields not sent (as the
/// service stores it).
fn configuration(errors: &mut Errors, loc: &Loc, value: &Value) -> Option<Value> {
    let fields = errors.model(loc, value)?;
    let mut kept = Map::new();
    let mut valid = true;
    let schema = required(errors, fields, loc, "data_schema")
        .and_then(|v| errors.dict(&loc.key("data_schema"), v).map(|_| v.clone()));
    valid &= schema.is_some();
    kept.insert("data_schema".to_owned(), schema.unwrap_or(Value::Null));
    let choices = [
        ("tier", TIERS, "cost_effective"),
        ("extraction_target", TARGETS, "per_doc"),
    ];
    for (key, allowed, default) in choices {
        let checked = defaulted(errors, fields, loc, key, |e, l, v| {
            e.choice(l, v, allowed, Choice::Literal)
        });
        valid &= checked.is_some();
        kept.insert(
            key.to_owned(),
            fields.get(key).cloned().unwrap_or(json!(default)),
        );
    }
    let version = defaulted(errors, fields, loc, "version", |e, l, v| {
        e.string(l, v).map(|_| ())
    });
    valid &= version.is_some();
    kept.insert(
        "version".to_owned(),
        fields.get("version").cloned().unwrap_or(json!("latest")),
    );
    for key in ["cite_sources", "confidence_scores"] {
        let checked = defaulted(errors, fields, loc, key, |e, l, v| {
            e.boolean(l, v).map(|_| ())
        });
        valid &= checked.is_some();
        kept.insert(
            key.to_owned(),
            fields.get(key).cloned().unwrap_or(json!(false)),
        );
    }
    for key in [
        "target_pages",
        "system_prompt",
        "parse_tier",
        "parse_config_id",
    ] {
        let checked = optional(errors, fields, loc, key, |e, l, v| {
            e.string(l, v).map(|_| ())
        });
        valid &= checked.is_some();
        kept.insert(
            key.to_owned(),
            fields.get(key).cloned().unwrap_or(Value::Null),
        );
    }
    let max_pages = optional(errors, fields, loc, "max_pages", |e, l, v| {
        e.integer(l, v, 1)
    });
    valid &= max_pages.is_some();
    kept.insert(
        "max_pages".to_owned(),
        fields.get("max_pages").cloned().unwrap_or(Value::Null),
    );
    valid.then_some(Value::Object(kept))
}

/// A field with a default: absent is fine, `null` is not.
fn defaulted<'a>(
    errors: &mut Errors,
    fields: &'a Map<String, Value>,
    loc: &Loc,
    key: &str,
    check: impl FnOnce(&mut Errors, &Loc, &'a Value) -> Option<()>,
) -> Option<()> {
    match fields.get(key) {
        None => Some(()),
        Some(value) => check(errors, &loc.key(key), value),
    }
}

/// A string of at most `max` characters.
fn bounded_string<'a>(
    errors: &mut Errors,
    loc: &Loc,
    value: &'a Value,
    max: usize,
) -> Option<&'a str> {
    let text = errors.string(loc, value)?;
    if text.chars().count() > max {
        errors.push(
            "string_too_long",
            loc,
            format!("String should have at most {max} characters"),
            value.clone(),
            Some(json!({ "max_length": max })),
        );
        return None;
    }
    Some(text)
}
