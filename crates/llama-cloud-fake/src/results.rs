//! The data of a finished job whose result a test has not set: placeholders shaped by
//! the job's data schema and extraction target.
//!
//! - `PER_DOC` (or no target) gives one object; `PER_PAGE` and `PER_TABLE_ROW` a list
//!   holding one object (the fake has no pages or rows to count).
//! - Each property of an object schema gets, in this order of preference: its `const`;
//!   the first of its `enum`; its `default`; else a value of its `type`: `""` for
//!   strings, `0` for numbers and integers, `false` for booleans, `[]` for arrays, an
//!   object (recursively) for objects, `null` for null or no type.
//! - `anyOf`/`oneOf`/`allOf` take their first branch that is not `{"type": "null"}`; a
//!   type list (`["string", "null"]`) its first type that is not `"null"`.
//! - Local `$ref`s (`#/$defs/Item`, `#/definitions/Item`) are followed, 16 deep at
//!   most, so a recursive schema ends in `null`.
//! - A schema that does not describe an object (such as the documentation's example
//!   `{"foo": {"foo": "bar"}}`) gives `{}`.

use serde_json::{Map, Value};

/// How deep `$ref`s and nested schemas are followed.
const MAX_DEPTH: usize = 16;

/// The placeholder data for a job run by `agent` (the job's `extraction_agent`).
pub(crate) fn placeholder(agent: &Value) -> Value {
    let schema = &agent["data_schema"];
    let one = match instance(schema, schema, 0) {
        object @ Value::Object(_) => object,
        _ => Value::Object(Map::new()),
    };
    match agent["config"]["extraction_target"].as_str() {
        Some("PER_PAGE" | "PER_TABLE_ROW") => Value::Array(vec![one]),
        _ => one,
    }
}

/// A value `schema` accepts; `root` is where `$ref`s point into.
fn instance(root: &Value, schema: &Value, depth: usize) -> Value {
    let Some(schema) = schema.as_object().filter(|_| depth <= MAX_DEPTH) else {
        return Value::Null;
    };
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return reference
            .strip_prefix('#')
            .and_then(|pointer| root.pointer(pointer))
            .map_or(Value::Null, |target| instance(root, target, depth + 1));
    }
    if let Some(constant) = schema.get("const") {
        return constant.clone();
    }
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return first.clone();
    }
    if let Some(default) = schema.get("default") {
        return default.clone();
    }
    for combinator in ["anyOf", "oneOf", "allOf"] {
        if let Some(branches) = schema.get(combinator).and_then(Value::as_array) {
            let branch = branches
                .iter()
                .find(|branch| branch["type"] != "null")
                .or_else(|| branches.first());
            return branch.map_or(Value::Null, |branch| instance(root, branch, depth + 1));
        }
    }
    let kind = match schema.get("type") {
        Some(Value::String(kind)) => Some(kind.as_str()),
        Some(Value::Array(kinds)) => kinds
            .iter()
            .filter_map(Value::as_str)
            .find(|k| *k != "null"),
        _ => None,
    };
    match kind {
        Some("string") => Value::from(""),
        Some("number" | "integer") => Value::from(0),
        Some("boolean") => Value::Bool(false),
        Some("array") => Value::Array(Vec::new()),
        Some("object") => object(root, schema, depth),
        None if schema.contains_key("properties") => object(root, schema, depth),
        _ => Value::Null,
    }
}

fn object(root: &Value, schema: &Map<String, Value>, depth: usize) -> Value {
    let properties = schema.get("properties").and_then(Value::as_object);
    Value::Object(
        properties
            .into_iter()
            .flatten()
            .map(|(name, property)| (name.clone(), instance(root, property, depth + 1)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::placeholder;

    fn agent(schema: serde_json::Value, target: &str) -> serde_json::Value {
        json!({ "data_schema": schema, "config": { "extraction_target": target } })
    }

    #[test]
    fn properties_get_a_placeholder_of_their_type() {
        let schema = json!({
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "total": {"type": "number"},
                "count": {"type": "integer"},
                "paid": {"type": "boolean"},
                "items": {"type": "array", "items": {"type": "string"}},
                "currency": {"type": "string", "enum": ["EUR", "USD"]},
                "kind": {"const": "invoice"},
                "note": {"type": ["string", "null"]},
                "maybe": {"anyOf": [{"type": "null"}, {"type": "integer"}]},
                "vat": {"type": "number", "default": 0.2},
                "address": {"type": "object", "properties": {"city": {"type": "string"}}},
                "anything": {},
            }
        });
        assert_eq!(
            placeholder(&agent(schema, "PER_DOC")),
            json!({
                "name": "", "total": 0, "count": 0, "paid": false, "items": [],
                "currency": "EUR", "kind": "invoice", "note": "", "maybe": 0, "vat": 0.2,
                "address": {"city": ""}, "anything": null,
            })
        );
    }

    #[test]
    fn targets_shape_the_data() {
        let schema = json!({"type": "object", "properties": {"a": {"type": "string"}}});
        assert_eq!(
            placeholder(&agent(schema.clone(), "PER_DOC")),
            json!({"a": ""})
        );
        assert_eq!(
            placeholder(&agent(schema.clone(), "PER_PAGE")),
            json!([{"a": ""}])
        );
        assert_eq!(
            placeholder(&agent(schema.clone(), "PER_TABLE_ROW")),
            json!([{"a": ""}])
        );
        let no_target = json!({"data_schema": schema, "config": {}});
        assert_eq!(placeholder(&no_target), json!({"a": ""}));
    }

    #[test]
    fn local_refs_are_followed_and_recursion_ends() {
        let schema = json!({
            "type": "object",
            "properties": {"line": {"$ref": "#/$defs/Line"}, "missing": {"$ref": "#/$defs/Nope"}},
            "$defs": {"Line": {"type": "object", "properties": {
                "sku": {"type": "string"},
                "next": {"$ref": "#/$defs/Line"},
            }}}
        });
        let data = placeholder(&agent(schema, "PER_DOC"));
        assert_eq!(data["line"]["sku"], "");
        assert_eq!(data["missing"], serde_json::Value::Null);
        let mut depth = 0;
        let mut node = &data["line"];
        while node.is_object() {
            node = &node["next"];
            depth += 1;
        }
        assert!(depth > 3 && depth < 20, "{depth}");
    }

    #[test]
    fn non_object_schemas_give_an_empty_object() {
        assert_eq!(
            placeholder(&agent(json!({"foo": {"foo": "bar"}}), "PER_DOC")),
            json!({})
        );
        assert_eq!(
            placeholder(&agent(json!({"type": "string"}), "PER_DOC")),
            json!({})
        );
    }
}
