//! `keep_extra_properties`: an object schema with `properties` and
//! `additionalProperties: true` → the same with `additionalProperties: {}`.
//!
//! Both say "any further property, of any value". typify reads `true` as
//! "nothing to keep" and drops the further properties while decoding, so a
//! value read and written again loses them; `{}` makes it add a flattened
//! `extra` map that keeps them. The upstream marks an object this way when
//! it carries data of its own beyond the fields it names (a v2 job's
//! `metadata`), so that data reaches the user. A flattened map costs decode
//! speed, which is why only objects that say they are open get one.

use serde_json::{Map, Value};

use crate::spec::visit_objects;

/// Gives every open object schema with named properties an
/// `additionalProperties` of `{}`.
pub fn keep_extra_properties(spec: &mut Value) -> anyhow::Result<()> {
    visit_objects(spec, &mut |schema| {
        let open = schema.get("additionalProperties") == Some(&Value::Bool(true));
        let named = schema
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|properties| !properties.is_empty());
        let object = schema.get("type").and_then(Value::as_str) == Some("object");
        if open && named && object {
            schema.insert("additionalProperties".to_owned(), Value::Object(Map::new()));
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::keep_extra_properties;

    #[test]
    fn an_open_object_with_named_properties_keeps_the_rest() {
        let mut spec = json!({"components": {"schemas": {"Metadata": {
            "type": "object",
            "properties": {"usage": {"type": "integer"}},
            "additionalProperties": true,
        }}}});
        keep_extra_properties(&mut spec).unwrap();
        assert_eq!(
            spec["components"]["schemas"]["Metadata"]["additionalProperties"],
            json!({})
        );
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
            let mut spec = untouched.clone();
            keep_extra_properties(&mut spec).unwrap();
            assert_eq!(spec, untouched);
        }
    }
}
