//! `any_of_null`: `anyOf: [X, {type: null}]` → X with `nullable: true`.
//!
//! This is how FastAPI (Pydantic 2) writes every `Optional` field, and
//! progenitor cannot read it (`todo!` on type null). In 3.0 the same thing
//! is `nullable: true` on X, or, when X is a `$ref`, on `allOf: [X]`; with
//! more than one other member the union stays and gains `nullable: true`.
//! The field's own annotations (description, title, default) stay on the
//! field; X's keywords join them.

use serde_json::{Map, Value, json};

use crate::spec::visit_schemas;

/// Keywords that describe rather than constrain: when X and the field both
/// have one, the field's wins.
const ANNOTATIONS: [&str; 8] = [
    "title",
    "description",
    "default",
    "deprecated",
    "example",
    "examples",
    "readOnly",
    "writeOnly",
];

/// Rewrites every `anyOf`/`oneOf` with a null member.
pub fn any_of_null(document: &mut Value) -> anyhow::Result<()> {
    visit_schemas(document, &mut |_, schema| {
        for key in ["anyOf", "oneOf"] {
            rewrite(schema, key);
        }
    });
    Ok(())
}

fn rewrite(schema: &mut Map<String, Value>, key: &str) {
    let Some(members) = schema.get(key).and_then(Value::as_array) else {
        return;
    };
    if !members.iter().any(is_null) {
        return;
    }
    let mut rest: Vec<Value> = members.iter().filter(|m| !is_null(m)).cloned().collect();
    schema.insert("nullable".to_owned(), Value::Bool(true));
    match rest.len() {
        0 => {
            // Only null: 3.0's way to say "always null".
            schema.remove(key);
            schema.insert("enum".to_owned(), json!([null]));
        }
        1 => {
            schema.remove(key);
            let member = rest.remove(0);
            lift(schema, member);
        }
        _ => {
            schema.insert(key.to_owned(), Value::Array(rest));
        }
    }
}

/// Puts the one non-null member's keywords on the field, or, when they
/// clash with the field's own (or the member is a bare `$ref`), the member
/// as `allOf: [member]`.
fn lift(schema: &mut Map<String, Value>, member: Value) {
    let Value::Object(member) = member else {
        return;
    };
    let is_ref = member.contains_key("$ref");
    let clashes = member.iter().any(|(key, value)| {
        !ANNOTATIONS.contains(&key.as_str()) && schema.get(key).is_some_and(|own| own != value)
    });
    if is_ref || clashes {
        let all_of = schema
            .entry("allOf")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Some(all_of) = all_of.as_array_mut() {
            all_of.insert(0, Value::Object(member));
        }
        return;
    }
    for (key, value) in member {
        schema.entry(key).or_insert(value);
    }
}

/// `{type: null}` (or `{type: [null]}`), annotations aside.
fn is_null(member: &Value) -> bool {
    let Some(member) = member.as_object() else {
        return false;
    };
    let null_type = match member.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(types)) => types.iter().all(|t| t == "null") && !types.is_empty(),
        _ => false,
    };
    null_type
        && member
            .keys()
            .all(|key| key == "type" || ANNOTATIONS.contains(&key.as_str()))
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::any_of_null;

    fn converted(schema: Value) -> Value {
        let mut document = json!({"components": {"schemas": {"A": {"properties": {"b": schema}}}}});
        any_of_null(&mut document).unwrap();
        document["components"]["schemas"]["A"]["properties"]["b"].take()
    }

    #[test]
    fn an_optional_inline_type_becomes_nullable() {
        assert_eq!(
            converted(json!({
                "anyOf": [{"type": "string", "format": "uuid", "description": "inner"}, {"type": "null"}],
                "description": "The id.", "title": "Id"
            })),
            json!({"type": "string", "format": "uuid", "nullable": true, "description": "The id.", "title": "Id"})
        );
    }

    #[test]
    fn an_optional_ref_becomes_a_nullable_all_of() {
        assert_eq!(
            converted(
                json!({"anyOf": [{"$ref": "#/components/schemas/C"}, {"type": "null"}], "description": "d"})
            ),
            json!({"allOf": [{"$ref": "#/components/schemas/C"}], "nullable": true, "description": "d"})
        );
        // A ref already wrapped by `ref_siblings` is lifted as it is.
        assert_eq!(
            converted(
                json!({"anyOf": [{"type": "null"}, {"allOf": [{"$ref": "#/components/schemas/C"}], "description": "inner"}]})
            ),
            json!({"allOf": [{"$ref": "#/components/schemas/C"}], "nullable": true, "description": "inner"})
        );
    }

    #[test]
    fn a_larger_union_keeps_its_other_members() {
        assert_eq!(
            converted(json!({"anyOf": [
                {"$ref": "#/components/schemas/Models"}, {"type": "string"}, {"type": "null"}
            ]})),
            json!({"anyOf": [{"$ref": "#/components/schemas/Models"}, {"type": "string"}], "nullable": true})
        );
        assert_eq!(
            converted(
                json!({"oneOf": [{"type": "integer"}, {"type": "string"}, {"type": "null"}]})
            ),
            json!({"oneOf": [{"type": "integer"}, {"type": "string"}], "nullable": true})
        );
    }

    #[test]
    fn nested_optionals_are_all_converted() {
        // Pydantic's Optional[Dict[str, Optional[...]]]: the lifted member's
        // own union is visited after the lift.
        assert_eq!(
            converted(json!({"anyOf": [
                {"type": "object", "additionalProperties": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
                {"type": "null"}
            ]})),
            json!({"type": "object", "additionalProperties": {"type": "string", "nullable": true}, "nullable": true})
        );
    }

    #[test]
    fn a_clash_keeps_the_member_whole() {
        assert_eq!(
            converted(json!({"type": "object", "anyOf": [{"type": "string"}, {"type": "null"}]})),
            json!({"type": "object", "allOf": [{"type": "string"}], "nullable": true})
        );
    }

    #[test]
    fn only_null_and_unions_without_null() {
        assert_eq!(
            converted(json!({"anyOf": [{"type": "null"}]})),
            json!({"enum": [null], "nullable": true})
        );
        let untouched = json!({"anyOf": [{"type": "string"}, {"type": "integer"}]});
        assert_eq!(converted(untouched.clone()), untouched);
        // A null member with a constraint is not the plain null.
        let constrained = json!({"anyOf": [{"type": "string"}, {"type": "null", "enum": [null]}]});
        assert_eq!(converted(constrained.clone()), constrained);
    }
}
