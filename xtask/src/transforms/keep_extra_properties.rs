//! `keep_extra_properties`: an object schema with `properties` and
//! `additionalProperties: true` that only responses use → the same with
//! `additionalProperties: {}`.
//!
//! Both say "any further property, of any value". typify reads `true` as
//! "nothing to keep" and drops the further properties while decoding, so a
//! value read and written again loses them; `{}` makes it add a flattened
//! `extra` map that keeps them. The upstream marks an object this way when
//! it carries data of its own beyond the fields it names (a v2 job's
//! `metadata`), so that data reaches the user.
//!
//! Schemas a request can carry are left alone: typify's builder counts the
//! `extra` map as a required field, so every builder of such a request
//! would fail unless given one. A flattened map also costs decode speed,
//! which is why only objects that say they are open get one.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::spec::{escape, visit_objects};

/// Gives every open object schema with named properties, of the component
/// schemas no request reaches, an `additionalProperties` of `{}`.
pub fn keep_extra_properties(spec: &mut Value) -> anyhow::Result<()> {
    let in_requests = reached_by_requests(spec);
    let Some(schemas) = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return Ok(());
    };
    for (name, schema) in schemas.iter_mut() {
        if in_requests.contains(&format!("/components/schemas/{}", escape(name))) {
            continue;
        }
        visit_objects(schema, &mut |object| {
            if is_open_with_properties(object) {
                object.insert("additionalProperties".to_owned(), Value::Object(Map::new()));
            }
        });
    }
    Ok(())
}

fn is_open_with_properties(schema: &Map<String, Value>) -> bool {
    let open = schema.get("additionalProperties") == Some(&Value::Bool(true));
    let named = schema
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|properties| !properties.is_empty());
    let object = schema.get("type").and_then(Value::as_str) == Some("object");
    open && named && object
}

/// The JSON pointers of every component a request body or parameter
/// (of an operation or of its path) refers to, directly or through other
/// components: schemas, and the request bodies and parameters kept as
/// components themselves.
fn reached_by_requests(spec: &Value) -> BTreeSet<String> {
    let mut pending = Vec::new();
    let path_items = spec
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|paths| paths.values());
    for item in path_items {
        if let Some(parameters) = item.get("parameters") {
            refs_in(parameters, &mut pending);
        }
        for operation in item.as_object().into_iter().flat_map(|item| item.values()) {
            for part in ["requestBody", "parameters"] {
                if let Some(value) = operation.get(part) {
                    refs_in(value, &mut pending);
                }
            }
        }
    }
    let mut reached = BTreeSet::new();
    while let Some(pointer) = pending.pop() {
        if reached.insert(pointer.clone())
            && let Some(component) = spec.pointer(&pointer)
        {
            refs_in(component, &mut pending);
        }
    }
    reached
}

/// Pushes the JSON pointer of every local `$ref` in `value` (`~0` and `~1`
/// escapes and all: a `$ref` is a pointer already).
fn refs_in(value: &Value, pointers: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(pointer) = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|reference| reference.strip_prefix('#'))
            {
                pointers.push(pointer.to_owned());
            }
            map.values().for_each(|child| refs_in(child, pointers));
        }
        Value::Array(items) => items.iter().for_each(|item| refs_in(item, pointers)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::keep_extra_properties;

    fn open(properties: Value) -> Value {
        json!({"type": "object", "properties": properties, "additionalProperties": true})
    }

    /// A spec whose one operation takes `Body` and answers `Job`, which
    /// holds `Metadata`; `Body` holds `Options`.
    fn spec(schemas: Value) -> Value {
        json!({
            "paths": {"/jobs": {"post": {
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Body"}}}},
                "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}}},
            }}},
            "components": {"schemas": schemas},
        })
    }

    #[test]
    fn an_open_object_only_responses_use_keeps_the_rest() {
        let mut document = spec(json!({
            "Job": {"type": "object", "properties": {"metadata": {"$ref": "#/components/schemas/Metadata"}}},
            "Metadata": open(json!({"usage": {"type": "integer"}})),
            "Body": {"type": "object", "properties": {"options": {"$ref": "#/components/schemas/Options"}}},
            "Options": open(json!({"tier": {"type": "string"}})),
        }));
        keep_extra_properties(&mut document).unwrap();
        let schemas = &document["components"]["schemas"];
        assert_eq!(schemas["Metadata"]["additionalProperties"], json!({}));
        // Reached from the request body, through Body: its builder must not
        // demand an extra map.
        assert_eq!(schemas["Options"]["additionalProperties"], json!(true));
    }

    #[test]
    fn requests_reach_schemas_through_components_and_path_parameters() {
        let mut document = json!({
            "paths": {"/jobs/{id}": {
                "parameters": [{"name": "filter", "in": "query", "schema": {"$ref": "#/components/schemas/Filter"}}],
                "post": {"requestBody": {"$ref": "#/components/requestBodies/Create"}},
            }},
            "components": {
                "requestBodies": {"Create": {"content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Odd~1Name"},
                }}}},
                "schemas": {
                    "Filter": open(json!({"a": {}})),
                    "Odd/Name": open(json!({"b": {}})),
                    "Answer": open(json!({"c": {}})),
                },
            },
        });
        keep_extra_properties(&mut document).unwrap();
        let schemas = &document["components"]["schemas"];
        assert_eq!(schemas["Filter"]["additionalProperties"], json!(true));
        assert_eq!(schemas["Odd/Name"]["additionalProperties"], json!(true));
        assert_eq!(schemas["Answer"]["additionalProperties"], json!({}));
    }

    #[test]
    fn closed_unnamed_or_typed_maps_are_left_alone() {
        for untouched in [
            // A plain map: typify already keeps every entry.
            json!({"type": "object", "additionalProperties": true}),
            json!({"type": "object", "properties": {}, "additionalProperties": true}),
            // Closed, or open to one type only.
            json!({"type": "object", "properties": {"a": {}}, "additionalProperties": false}),
            json!({"type": "object", "properties": {"a": {}}, "additionalProperties": {"type": "string"}}),
            // Silent: the common case, which FastAPI writes for every model.
            json!({"type": "object", "properties": {"a": {}}}),
        ] {
            let mut document = spec(json!({"Job": untouched.clone()}));
            keep_extra_properties(&mut document).unwrap();
            assert_eq!(document["components"]["schemas"]["Job"], untouched);
        }
    }
}
