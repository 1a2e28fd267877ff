//! The nested request models: `ExtractConfig` and `WebhookConfiguration`.
//!
//! The enum values and which fields take `null` are the fragment's (a contract test
//! compares them). A valid config is kept with the fields the contract knows, as sent
//! (nulls included where a field takes them): pydantic would drop unknown fields too,
//! and the fake does not invent server-side defaults.

use serde_json::{Map, Value};

use crate::pydantic::{Choice, Errors, Loc, optional};

/// `DocumentChunkMode`.
pub(crate) const CHUNK_MODES: &[&str] = &["PAGE", "SECTION"];
/// `ExtractMode`.
pub(crate) const EXTRACT_MODES: &[&str] = &["FAST", "BALANCED", "PREMIUM", "MULTIMODAL"];
/// `ExtractTarget`.
pub(crate) const EXTRACT_TARGETS: &[&str] = &["PER_DOC", "PER_PAGE", "PER_TABLE_ROW"];
/// `ExtractModels`: the known names of the open `extract_model`.
pub(crate) const EXTRACT_MODELS: &[&str] = &[
    "openai-gpt-4-1",
    "openai-gpt-4-1-mini",
    "openai-gpt-4-1-nano",
    "openai-gpt-5",
    "openai-gpt-5-mini",
    "gemini-2.0-flash",
    "gemini-2.5-flash",
    "gemini-2.5-flash-lite",
    "gemini-2.5-pro",
    "openai-gpt-4o",
    "openai-gpt-4o-mini",
];
/// `PublicModelName`.
pub(crate) const PUBLIC_MODEL_NAMES: &[&str] = &[
    "openai-gpt-4o",
    "openai-gpt-4o-mini",
    "openai-gpt-4-1",
    "openai-gpt-4-1-mini",
    "openai-gpt-4-1-nano",
    "openai-gpt-5",
    "openai-gpt-5-mini",
    "openai-gpt-5-nano",
    "openai-text-embedding-3-large",
    "openai-text-embedding-3-small",
    "openai-whisper-1",
    "anthropic-sonnet-3.5",
    "anthropic-sonnet-3.5-v2",
    "anthropic-sonnet-3.7",
    "anthropic-sonnet-4.0",
    "anthropic-sonnet-4.5",
    "anthropic-haiku-3.5",
    "anthropic-haiku-4.5",
    "gemini-2.5-flash",
    "gemini-3.0-pro",
    "gemini-3.1-pro",
    "gemini-2.5-pro",
    "gemini-2.0-flash",
    "gemini-2.0-flash-lite",
    "gemini-2.5-flash-lite",
    "gemini-1.5-flash",
    "gemini-1.5-pro",
];
/// The `priority` literal (of `ExtractConfig` and `ExtractJobCreate`).
pub(crate) const PRIORITIES: &[&str] = &["low", "medium", "high", "critical"];
/// The `webhook_events` literal.
pub(crate) const WEBHOOK_EVENTS: &[&str] = &[
    "extract.pending",
    "extract.success",
    "extract.error",
    "extract.partial_success",
    "extract.cancelled",
    "parse.pending",
    "parse.running",
    "parse.success",
    "parse.error",
    "parse.partial_success",
    "parse.cancelled",
    "classify.pending",
    "classify.running",
    "classify.success",
    "classify.error",
    "classify.partial_success",
    "classify.cancelled",
    "sheets.pending",
    "sheets.success",
    "sheets.error",
    "sheets.partial_success",
    "sheets.cancelled",
    "unmapped_event",
];

/// How one field of `ExtractConfig` is checked.
#[derive(Debug, Clone, Copy)]
enum Field {
    Boolean,
    String,
    Choice(&'static [&'static str], Choice),
    /// `num_pages_context`: an integer of at least 1.
    PositiveInteger,
    /// `extract_model`: a known model name or any string.
    Model,
}

/// Whether a field of `ExtractConfig` takes `null` (`Optional[...]` in pydantic) or
/// only its type (a field with a default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Null {
    Allowed,
    Refused,
}

/// The fields of `ExtractConfig`, in the fragment's order (which is the order pydantic
/// reports their errors in).
const FIELDS: &[(&str, Field, Null)] = &[
    (
        "chunk_mode",
        Field::Choice(CHUNK_MODES, Choice::Enum),
        Null::Refused,
    ),
    ("citation_bbox", Field::Boolean, Null::Refused),
    ("cite_sources", Field::Boolean, Null::Refused),
    ("confidence_scores", Field::Boolean, Null::Refused),
    ("extract_model", Field::Model, Null::Allowed),
    (
        "extraction_mode",
        Field::Choice(EXTRACT_MODES, Choice::Enum),
        Null::Refused,
    ),
    (
        "extraction_target",
        Field::Choice(EXTRACT_TARGETS, Choice::Enum),
        Null::Refused,
    ),
    ("high_resolution_mode", Field::Boolean, Null::Refused),
    ("invalidate_cache", Field::Boolean, Null::Refused),
    ("multimodal_fast_mode", Field::Boolean, Null::Refused),
    ("num_pages_context", Field::PositiveInteger, Null::Allowed),
    ("page_range", Field::String, Null::Allowed),
    (
        "parse_model",
        Field::Choice(PUBLIC_MODEL_NAMES, Choice::Enum),
        Null::Allowed,
    ),
    (
        "priority",
        Field::Choice(PRIORITIES, Choice::Literal),
        Null::Allowed,
    ),
    ("system_prompt", Field::String, Null::Allowed),
    ("use_reasoning", Field::Boolean, Null::Refused),
];

/// An `ExtractConfig`, reduced to the fields the contract knows.
pub(crate) fn extract_config(errors: &mut Errors, loc: &Loc, value: &Value) -> Option<Value> {
    let fields = errors.model(loc, value)?;
    let mut valid = true;
    let mut kept = Map::new();
    for &(key, field, null) in FIELDS {
        let check = |errors: &mut Errors, loc: &Loc, value: &Value| match field {
            Field::Boolean => errors.boolean(loc, value).map(|_| ()),
            Field::String => errors.string(loc, value).map(|_| ()),
            Field::Choice(allowed, kind) => errors.choice(loc, value, allowed, kind),
            Field::PositiveInteger => errors.integer(loc, value, 1).map(|_| ()),
            Field::Model => extract_model(errors, loc, value),
        };
        let checked = match (null, fields.get(key)) {
            // A field with a default takes its type only: null is a type error.
            (Null::Refused, Some(value @ Value::Null)) => {
                check(errors, &loc.key(key), value).map(Some)
            }
            _ => optional(errors, fields, loc, key, check),
        };
        match (checked, fields.get(key)) {
            (None, _) => valid = false,
            (Some(_), Some(value)) => {
                kept.insert(key.to_owned(), value.clone());
            }
            (Some(_), None) => {}
        }
    }
    valid.then_some(Value::Object(kept))
}

/// `ExtractModels | str`: any string. For anything else pydantic reports both branches
/// of the union, each under its own tag.
fn extract_model(errors: &mut Errors, loc: &Loc, value: &Value) -> Option<()> {
    if value.is_string() {
        return Some(());
    }
    errors.choice(
        &loc.key("str-enum[ExtractModels]"),
        value,
        EXTRACT_MODELS,
        Choice::Enum,
    );
    errors.string(&loc.key("str"), value);
    None
}

/// A list of `WebhookConfiguration`s. The fake keeps none of it: it calls no webhooks.
pub(crate) fn webhooks(errors: &mut Errors, loc: &Loc, value: &Value) -> Option<()> {
    let items = errors.list(loc, value)?;
    let mut valid = true;
    for (index, item) in items.iter().enumerate() {
        valid &= webhook(errors, &loc.index(index), item).is_some();
    }
    valid.then_some(())
}

fn webhook(errors: &mut Errors, loc: &Loc, value: &Value) -> Option<()> {
    let fields = errors.model(loc, value)?;
    let url = optional(errors, fields, loc, "webhook_url", |e, l, v| {
        e.string(l, v).map(|_| ())
    });
    let format = optional(errors, fields, loc, "webhook_output_format", |e, l, v| {
        e.string(l, v).map(|_| ())
    });
    let headers = optional(errors, fields, loc, "webhook_headers", |e, l, v| {
        let headers = e.dict(l, v)?;
        let mut valid = true;
        for (name, value) in headers {
            valid &= e.string(&l.key(name), value).is_some();
        }
        valid.then_some(())
    });
    let events = optional(errors, fields, loc, "webhook_events", |e, l, v| {
        let events = e.list(l, v)?;
        let mut valid = true;
        for (index, event) in events.iter().enumerate() {
            valid &= e
                .choice(&l.index(index), event, WEBHOOK_EVENTS, Choice::Literal)
                .is_some();
        }
        valid.then_some(())
    });
    url.and(format).and(headers).and(events).map(|_| ())
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::{
        CHUNK_MODES, EXTRACT_MODELS, EXTRACT_MODES, EXTRACT_TARGETS, FIELDS, PRIORITIES,
        PUBLIC_MODEL_NAMES, WEBHOOK_EVENTS,
    };

    fn schemas() -> Value {
        // The contract, linked into the crate (and packaged with it).
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/extraction.json");
        let fragment: Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        fragment["components"]["schemas"].clone()
    }

    fn strings(value: &Value) -> Vec<&str> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect()
    }

    #[test]
    fn the_closed_sets_are_the_fragments() {
        let schemas = schemas();
        for (name, values) in [
            ("DocumentChunkMode", CHUNK_MODES),
            ("ExtractMode", EXTRACT_MODES),
            ("ExtractTarget", EXTRACT_TARGETS),
            ("ExtractModels", EXTRACT_MODELS),
            ("PublicModelName", PUBLIC_MODEL_NAMES),
        ] {
            assert_eq!(strings(&schemas[name]["enum"]), values, "{name}");
        }
        let config = &schemas["ExtractConfig"]["properties"];
        assert_eq!(strings(&config["priority"]["enum"]), PRIORITIES);
        let events = &schemas["WebhookConfiguration"]["properties"]["webhook_events"]["items"];
        assert_eq!(strings(&events["enum"]), WEBHOOK_EVENTS);
        let fields: Vec<(&str, bool)> = FIELDS
            .iter()
            .map(|(key, _, null)| (*key, *null == super::Null::Allowed))
            .collect();
        // serde_json's maps are sorted, and so are the fragment's properties.
        let documented: Vec<(&str, bool)> = config
            .as_object()
            .unwrap()
            .iter()
            .map(|(key, schema)| (key.as_str(), schema["nullable"] == true))
            .collect();
        assert_eq!(fields, documented);
    }
}
