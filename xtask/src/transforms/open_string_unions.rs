//! `open_string_unions`: `anyOf: [<string enum>, {type: string}]` → the enum.
//!
//! This is how an "open enum" is written (known names, or any other string;
//! the `extract_model` field uses it). typify 0.8 turns that `anyOf` into a
//! struct of two flattened `Option`s which fails to decode or encode every
//! real value (typify issue 895). Every string enum is generated open anyway
//! (see `rust_types`): a known name decodes to its variant and any other
//! string to `Unknown`, both re-encoding unchanged. So the union is the enum
//! itself: `allOf: [<enum>]`, keeping the union's description.

use serde_json::Value;

use crate::spec::{resolve_ref, visit_objects};

/// Rewrites every open string union in `spec` to its enum.
pub fn open_string_unions(spec: &mut Value) -> anyhow::Result<()> {
    let snapshot = spec.clone();
    visit_objects(spec, &mut |schema| {
        let is_open = schema
            .get("anyOf")
            .and_then(Value::as_array)
            .is_some_and(|members| is_open_string_union(&snapshot, members));
        if is_open && let Some(Value::Array(members)) = schema.remove("anyOf") {
            let mut enums: Vec<Value> = members
                .into_iter()
                .filter(|member| !is_plain_string(member))
                .collect();
            match enums.as_mut_slice() {
                // One inline enum: the schema is that enum, so that it is
                // named and emitted like any other inline enum.
                [Value::Object(inline)] if !inline.contains_key("$ref") => {
                    for (key, value) in std::mem::take(inline) {
                        schema.insert(key, value);
                    }
                }
                _ => {
                    schema.insert("allOf".to_owned(), Value::Array(enums));
                }
            }
        }
    });
    Ok(())
}

/// True for `[<string enum>..., {type: string}]`: at least one string enum
/// (inline or by `$ref`) and exactly one plain string.
fn is_open_string_union(spec: &Value, members: &[Value]) -> bool {
    let plain = members.iter().filter(|m| is_plain_string(m)).count();
    let enums = members.iter().filter(|m| is_string_enum(spec, m)).count();
    plain == 1 && enums >= 1 && plain + enums == members.len()
}

fn is_plain_string(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("string")
        && schema.get("enum").is_none()
        && schema.get("format").is_none()
}

fn is_string_enum(spec: &Value, schema: &Value) -> bool {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => resolve_ref(spec, reference).is_some_and(crate::spec::is_string_enum),
        None => crate::spec::is_string_enum(schema),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::open_string_unions;

    fn spec_with(property: serde_json::Value) -> serde_json::Value {
        json!({
            "components": {"schemas": {
                "Models": {"type": "string", "enum": ["a", "b"]},
                "Holder": {"type": "object", "properties": {"model": property}}
            }}
        })
    }

    fn property(spec: &serde_json::Value) -> &serde_json::Value {
        &spec["components"]["schemas"]["Holder"]["properties"]["model"]
    }

    #[test]
    fn ref_enum_or_string_becomes_the_enum() {
        let mut spec = spec_with(json!({
            "anyOf": [{"$ref": "#/components/schemas/Models"}, {"type": "string"}],
            "nullable": true
        }));
        open_string_unions(&mut spec).unwrap();
        assert_eq!(
            property(&spec),
            &json!({
                "allOf": [{"$ref": "#/components/schemas/Models"}],
                "nullable": true
            })
        );
    }

    #[test]
    fn inline_enum_or_string_becomes_the_inline_enum() {
        let mut spec = spec_with(json!({
            "anyOf": [{"type": "string", "enum": ["x"]}, {"type": "string"}],
            "description": "D."
        }));
        open_string_unions(&mut spec).unwrap();
        assert_eq!(
            property(&spec),
            &json!({"type": "string", "enum": ["x"], "description": "D."})
        );
    }

    #[test]
    fn other_unions_are_left_alone() {
        for untouched in [
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]}),
            json!({"anyOf": [{"$ref": "#/components/schemas/Models"}, {"type": "integer"}]}),
            json!({"anyOf": [{"$ref": "#/components/schemas/Missing"}, {"type": "string"}]}),
            json!({"anyOf": [{"type": "string", "enum": ["x"]}, {"type": "string", "format": "uuid"}]}),
        ] {
            let mut spec = spec_with(untouched.clone());
            open_string_unions(&mut spec).unwrap();
            assert_eq!(property(&spec), &untouched);
        }
    }
}
