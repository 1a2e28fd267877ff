//! What changed between two fragments, in terms a reviewer of an SDK update
//! cares about: operations, parameters, responses and schemas added or
//! removed; fields added or removed; and, for what both have, changes of
//! type, format, required-ness, nullability, deprecation, constraints,
//! defaults and enum values.
//!
//! Lines start with `+` (added), `-` (removed) or `~` (changed), and come in
//! a fixed order (operations by path and method, then schemas by name), so
//! the summary of the same two documents is always the same text. Changes
//! to descriptions, examples and the like are not summarized:
//! [`other_differences`] lists where they are.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use serde_json::{Map, Value};

use crate::spec::{METHODS, escape};

/// Boolean keywords, absent meaning `false`.
const FLAGS: [&str; 4] = ["nullable", "deprecated", "readOnly", "writeOnly"];
/// Keywords whose value is reported as it is when it changes.
const CONSTRAINTS: [&str; 15] = [
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "default",
];
/// Stands in for a missing schema or object.
const NOTHING: &Value = &Value::Null;

/// The summary of how `new` differs from `old`, one line per change.
pub fn summarize(old: &Value, new: &Value) -> Vec<String> {
    let mut diff = Diff {
        old_document: old,
        new_document: new,
        lines: Vec::new(),
    };
    diff.version();
    diff.operations();
    diff.schemas();
    diff.lines
}

/// The JSON pointers where `old` and `new` differ at all: leaves that
/// changed, keys only one side has, lists whose length changed.
pub fn other_differences(old: &Value, new: &Value) -> Vec<String> {
    let mut pointers = Vec::new();
    differences(String::new(), old, new, &mut pointers);
    pointers
}

fn differences(at: String, old: &Value, new: &Value, pointers: &mut Vec<String>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                let child = format!("{at}/{}", escape(key));
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => differences(child, x, y, pointers),
                    _ => pointers.push(child),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                differences(format!("{at}/{index}"), x, y, pointers);
            }
        }
        _ if old != new => pointers.push(if at.is_empty() { "/".to_owned() } else { at }),
        _ => {}
    }
}

struct Diff<'a> {
    old_document: &'a Value,
    new_document: &'a Value,
    lines: Vec<String>,
}

impl<'a> Diff<'a> {
    fn push(&mut self, line: String) {
        self.lines.push(line);
    }

    /// progenitor sends `info.version` with every request.
    fn version(&mut self) {
        let version =
            |document: &Value| document.get("info").and_then(|i| i.get("version")).cloned();
        let (old, new) = (version(self.old_document), version(self.new_document));
        if old != new {
            self.push(format!(
                "~ info.version: {} -> {}",
                show(old.as_ref()),
                show(new.as_ref())
            ));
        }
    }

    fn operations(&mut self) {
        let (old, new) = (operations(self.old_document), operations(self.new_document));
        let keys: BTreeSet<&(String, String)> = old.keys().chain(new.keys()).collect();
        for key @ (path, method) in keys {
            let title = format!("{} {path}", method.to_uppercase());
            match (old.get(key), new.get(key)) {
                (Some(a), Some(b)) => self.operation(&title, *a, *b),
                (None, Some((_, operation))) => {
                    self.push(format!("+ operation {title} ({})", id(operation, &title)));
                }
                (Some((_, operation)), None) => {
                    self.push(format!("- operation {title} ({})", id(operation, &title)));
                }
                (None, None) => {}
            }
        }
    }

    fn operation(
        &mut self,
        title: &str,
        (old_item, old): (&'a Value, &'a Value),
        (new_item, new): (&'a Value, &'a Value),
    ) {
        let (old_id, label) = (id(old, title), id(new, title));
        if old_id != label {
            self.push(format!(
                "~ operation {title}: operationId {old_id} -> {label}"
            ));
        }

        let old_parameters = parameters(self.old_document, old_item, old);
        let new_parameters = parameters(self.new_document, new_item, new);
        let keys: BTreeSet<&(String, String)> =
            old_parameters.keys().chain(new_parameters.keys()).collect();
        for key @ (location, name) in keys {
            let at = format!("{label}({location} {name})");
            match (old_parameters.get(key), new_parameters.get(key)) {
                (Some(a), Some(b)) => {
                    self.required(&at, is_true(a, "required"), is_true(b, "required"));
                    self.schema(&at, parameter_schema(a), parameter_schema(b));
                }
                (None, Some(b)) => self.push(format!(
                    "+ parameter {at}: {}",
                    describe(parameter_schema(b), is_true(b, "required"))
                )),
                (Some(_), None) => self.push(format!("- parameter {at}")),
                (None, None) => {}
            }
        }

        let old_body = old.get("requestBody").map(|b| deref(self.old_document, b));
        let new_body = new.get("requestBody").map(|b| deref(self.new_document, b));
        match (old_body, new_body) {
            (Some(a), Some(b)) => {
                let at = format!("{label}(body)");
                self.required(&at, is_true(a, "required"), is_true(b, "required"));
                self.content(&at, a, b);
            }
            (None, Some(_)) => self.push(format!("+ request body {label}")),
            (Some(_), None) => self.push(format!("- request body {label}")),
            (None, None) => {}
        }

        let old_responses = responses(self.old_document, old);
        let new_responses = responses(self.new_document, new);
        let statuses: BTreeSet<&String> =
            old_responses.keys().chain(new_responses.keys()).collect();
        for status in statuses {
            match (old_responses.get(status), new_responses.get(status)) {
                (Some(a), Some(b)) => self.content(&format!("{label}({status})"), a, b),
                (None, Some(_)) => self.push(format!("+ response {label} {status}")),
                (Some(_), None) => self.push(format!("- response {label} {status}")),
                (None, None) => {}
            }
        }
    }

    /// The media types of a request body or response, and their schemas.
    fn content(&mut self, at: &str, old: &'a Value, new: &'a Value) {
        let (old, new) = (object(old.get("content")), object(new.get("content")));
        let types: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for media_type in types {
            match (old.get(media_type), new.get(media_type)) {
                (Some(a), Some(b)) => self.schema(
                    at,
                    a.get("schema").unwrap_or(NOTHING),
                    b.get("schema").unwrap_or(NOTHING),
                ),
                (None, Some(_)) => self.push(format!("+ {at}: content type {media_type}")),
                (Some(_), None) => self.push(format!("- {at}: content type {media_type}")),
                (None, None) => {}
            }
        }
    }

    fn schemas(&mut self) {
        let (old, new) = (schemas(self.old_document), schemas(self.new_document));
        let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for name in names {
            match (old.get(name), new.get(name)) {
                (Some(a), Some(b)) => self.schema(name, a, b),
                (None, Some(_)) => self.push(format!("+ schema {name}")),
                (Some(_), None) => self.push(format!("- schema {name}")),
                (None, None) => {}
            }
        }
    }

    fn required(&mut self, at: &str, old: bool, new: bool) {
        if old != new {
            let word = |required| if required { "required" } else { "optional" };
            self.push(format!("~ {at}: {} -> {}", word(old), word(new)));
        }
    }

    /// Compares two schemas found at the same place, `at`.
    fn schema(&mut self, at: &str, old: &'a Value, new: &'a Value) {
        let (old_kind, new_kind) = (kind(old), kind(new));
        if old_kind != new_kind {
            self.push(format!("~ {at}: type {old_kind} -> {new_kind}"));
        }
        for flag in FLAGS {
            let (a, b) = (is_true(old, flag), is_true(new, flag));
            if a != b {
                self.push(format!("~ {at}: {flag} {a} -> {b}"));
            }
        }
        for key in CONSTRAINTS {
            let (a, b) = (old.get(key), new.get(key));
            if a != b {
                self.push(format!("~ {at}: {key} {} -> {}", show(a), show(b)));
            }
        }
        let (old_values, new_values) = (enum_values(old), enum_values(new));
        for value in &new_values {
            if !old_values.contains(value) {
                self.push(format!("+ {at}: enum value {value}"));
            }
        }
        for value in &old_values {
            if !new_values.contains(value) {
                self.push(format!("- {at}: enum value {value}"));
            }
        }
        if old_kind != new_kind {
            // A different type: its parts would only repeat that.
            return;
        }
        self.properties(at, old, new);
        if old.get("items").is_some() || new.get("items").is_some() {
            self.schema(
                &format!("{at}[]"),
                old.get("items").unwrap_or(NOTHING),
                new.get("items").unwrap_or(NOTHING),
            );
        }
        match (
            old.get("additionalProperties"),
            new.get("additionalProperties"),
        ) {
            (Some(a @ Value::Object(_)), Some(b @ Value::Object(_))) => {
                self.schema(&format!("{at}{{}}"), a, b);
            }
            (a, b) if a != b => self.push(format!(
                "~ {at}: additionalProperties {} -> {}",
                show_additional(a),
                show_additional(b)
            )),
            _ => {}
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            if let (Some(Value::Array(a)), Some(Value::Array(b))) = (old.get(key), new.get(key))
                && a.len() == b.len()
            {
                for (index, (x, y)) in a.iter().zip(b).enumerate() {
                    self.schema(&format!("{at}.{key}[{index}]"), x, y);
                }
            }
        }
    }

    fn properties(&mut self, at: &str, old: &'a Value, new: &'a Value) {
        let (old_fields, new_fields) =
            (object(old.get("properties")), object(new.get("properties")));
        let (old_required, new_required) = (required(old), required(new));
        let names: BTreeSet<&String> = old_fields.keys().chain(new_fields.keys()).collect();
        for name in names {
            let field = format!("{at}.{name}");
            let required = (
                old_required.contains(name.as_str()),
                new_required.contains(name.as_str()),
            );
            match (old_fields.get(name), new_fields.get(name)) {
                (Some(a), Some(b)) => {
                    self.required(&field, required.0, required.1);
                    self.schema(&field, a, b);
                }
                (None, Some(b)) => {
                    self.push(format!("+ field {field}: {}", describe(b, required.1)));
                }
                (Some(_), None) => self.push(format!("- field {field}")),
                (None, None) => {}
            }
        }
    }
}

/// Operations by (path, method), each with its path item.
fn operations(document: &Value) -> BTreeMap<(String, String), (&Value, &Value)> {
    let mut found = BTreeMap::new();
    for (path, item) in object(document.get("paths")) {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                found.insert((path.clone(), method.to_owned()), (item, operation));
            }
        }
    }
    found
}

fn id<'v>(operation: &'v Value, title: &'v str) -> &'v str {
    operation
        .get("operationId")
        .and_then(Value::as_str)
        .unwrap_or(title)
}

/// An operation's parameters by (location, name): the path item's, then
/// the operation's, which override them.
fn parameters<'v>(
    document: &'v Value,
    item: &'v Value,
    operation: &'v Value,
) -> BTreeMap<(String, String), &'v Value> {
    let mut found = BTreeMap::new();
    for list in [item.get("parameters"), operation.get("parameters")] {
        for parameter in list.and_then(Value::as_array).into_iter().flatten() {
            let parameter = deref(document, parameter);
            let text = |key| {
                parameter
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            found.insert((text("in"), text("name")), parameter);
        }
    }
    found
}

fn parameter_schema(parameter: &Value) -> &Value {
    parameter.get("schema").unwrap_or(NOTHING)
}

fn responses<'v>(document: &'v Value, operation: &'v Value) -> BTreeMap<String, &'v Value> {
    object(operation.get("responses"))
        .iter()
        .map(|(status, response)| (status.clone(), deref(document, response)))
        .collect()
}

fn schemas(document: &Value) -> &Map<String, Value> {
    object(document.get("components").and_then(|c| c.get("schemas")))
}

/// Follows a reference to a parameter, request body or response component.
fn deref<'v>(document: &'v Value, mut value: &'v Value) -> &'v Value {
    // A bound, in case components point to each other in a circle.
    for _ in 0..8 {
        let Some(target) = value
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|reference| reference.strip_prefix("#/components/"))
            .and_then(|rest| rest.split_once('/'))
            .and_then(|(kind, name)| document.get("components")?.get(kind)?.get(name))
        else {
            break;
        };
        value = target;
    }
    value
}

fn object(value: Option<&Value>) -> &Map<String, Value> {
    static EMPTY: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);
    value.and_then(Value::as_object).unwrap_or(&EMPTY)
}

fn required(schema: &Value) -> BTreeSet<&str> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

fn is_true(value: &Value, key: &str) -> bool {
    value.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn enum_values(schema: &Value) -> Vec<String> {
    schema
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(Value::to_string)
        .collect()
}

/// A schema's type for the summary: the referenced schema's name, a
/// union's members, or the `type` keyword.
fn kind(schema: &Value) -> String {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return reference.rsplit('/').next().unwrap_or(reference).to_owned();
    }
    match schema.get("type") {
        Some(Value::String(name)) => return name.clone(),
        Some(other) => return other.to_string(),
        None => {}
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(members) = schema.get(key).and_then(Value::as_array) {
            // `allOf: [X]` is how a described or nullable `$ref` is written.
            if let ([only], "allOf") = (members.as_slice(), key) {
                return kind(only);
            }
            let kinds: Vec<String> = members.iter().map(kind).collect();
            return format!("{key}[{}]", kinds.join(" | "));
        }
    }
    if schema.get("enum").is_some() {
        "enum".to_owned()
    } else {
        "any".to_owned()
    }
}

/// A new field or parameter in a few words: `string (date-time), optional,
/// nullable`.
fn describe(schema: &Value, required: bool) -> String {
    let mut text = kind(schema);
    if let Some(format) = schema.get("format").and_then(Value::as_str) {
        text.push_str(&format!(" ({format})"));
    }
    text.push_str(if required { ", required" } else { ", optional" });
    if is_true(schema, "nullable") {
        text.push_str(", nullable");
    }
    text
}

fn show(value: Option<&Value>) -> String {
    match value {
        None => "none".to_owned(),
        Some(Value::String(text)) => format!("{text:?}"),
        Some(other) => other.to_string(),
    }
}

fn show_additional(value: Option<&Value>) -> String {
    match value {
        None => "none".to_owned(),
        Some(Value::Bool(allowed)) => allowed.to_string(),
        Some(schema) => kind(schema),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::{other_differences, summarize};

    fn document(schemas: Value, paths: Value) -> Value {
        json!({"info": {"version": "1"}, "paths": paths, "components": {"schemas": schemas}})
    }

    fn job(properties: Value, required: Value) -> Value {
        json!({"Job": {"type": "object", "required": required, "properties": properties}})
    }

    #[test]
    fn identical_documents_have_no_summary() {
        let a = document(
            job(json!({"id": {"type": "string"}}), json!(["id"])),
            json!({}),
        );
        assert!(summarize(&a, &a).is_empty());
        assert!(other_differences(&a, &a).is_empty());
    }

    #[test]
    fn field_changes() {
        let old = document(
            job(
                json!({
                    "id": {"type": "string", "format": "uuid"},
                    "page_range": {"type": "string", "nullable": true},
                    "limit": {"type": "integer", "minimum": 1, "maximum": 100},
                    "status": {"allOf": [{"$ref": "#/components/schemas/Status"}]},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "gone": {"type": "boolean"}
                }),
                json!(["id", "status"]),
            ),
            json!({}),
        );
        let new = document(
            job(
                json!({
                    "id": {"type": "string"},
                    "page_range": {"type": "integer", "deprecated": true},
                    "limit": {"type": "integer", "minimum": 1, "maximum": 500, "pattern": "^[0-9]+$"},
                    "status": {"$ref": "#/components/schemas/JobStatus", "nullable": true},
                    "tags": {"type": "array", "items": {"type": "integer"}},
                    "queued_at": {"type": "string", "format": "date-time", "nullable": true}
                }),
                json!(["id"]),
            ),
            json!({}),
        );
        insta::assert_snapshot!(summarize(&old, &new).join("\n"), @r#"
        - field Job.gone
        ~ Job.id: format "uuid" -> none
        ~ Job.limit: maximum 100 -> 500
        ~ Job.limit: pattern none -> "^[0-9]+$"
        ~ Job.page_range: type string -> integer
        ~ Job.page_range: nullable true -> false
        ~ Job.page_range: deprecated false -> true
        + field Job.queued_at: string (date-time), optional, nullable
        ~ Job.status: required -> optional
        ~ Job.status: type Status -> JobStatus
        ~ Job.status: nullable false -> true
        ~ Job.tags[]: type string -> integer
        "#);
    }

    #[test]
    fn operation_parameter_and_response_changes() {
        let op = |id: &str, parameters: Value, responses: Value| json!({"operationId": id, "parameters": parameters, "responses": responses});
        let ok = |name: &str| json!({"content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}")}}}});
        let old = document(
            json!({"Status": {"type": "string", "enum": ["A", "B"]}}),
            json!({
                "/jobs": {"get": op("list_jobs", json!([
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                    {"name": "agent", "in": "query", "required": true, "schema": {"type": "string"}}
                ]), json!({"200": ok("Job"), "404": {}}))},
                "/runs/{id}": {"delete": op("delete_run", json!([]), json!({}))}
            }),
        );
        let mut new = document(
            json!({"Status": {"type": "string", "enum": ["A", "C"]}, "Run": {"type": "object"}}),
            json!({
                "/jobs": {"get": op("list_jobs", json!([
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 200}},
                    {"$ref": "#/components/parameters/Agent"},
                    {"name": "cursor", "in": "query", "schema": {"type": "string"}}
                ]), json!({"200": ok("Run"), "429": {}}))},
                "/runs": {"post": op("create_run", json!([]), json!({}))}
            }),
        );
        new["info"]["version"] = json!("2");
        new["components"]["parameters"] =
            json!({"Agent": {"name": "agent", "in": "query", "schema": {"type": "string"}}});
        insta::assert_snapshot!(summarize(&old, &new).join("\n"), @r#"
        ~ info.version: "1" -> "2"
        ~ list_jobs(query agent): required -> optional
        + parameter list_jobs(query cursor): string, optional
        ~ list_jobs(query limit): maximum 100 -> 200
        ~ list_jobs(200): type Job -> Run
        - response list_jobs 404
        + response list_jobs 429
        + operation POST /runs (create_run)
        - operation DELETE /runs/{id} (delete_run)
        + schema Run
        + Status: enum value "C"
        - Status: enum value "B"
        "#);
    }

    #[test]
    fn other_differences_are_json_pointers() {
        let old = json!({"paths": {"/a/b": {"get": {"description": "x", "tags": ["t"]}}}});
        let new = json!({"paths": {"/a/b": {"get": {"description": "y", "tags": ["t", "u"], "summary": "s"}}}});
        assert_eq!(
            other_differences(&old, &new),
            [
                "/paths/~1a~1b/get/description",
                "/paths/~1a~1b/get/summary",
                "/paths/~1a~1b/get/tags"
            ]
        );
    }
}
