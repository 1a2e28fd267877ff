//! `nullable_type_arrays`: `type: [T, "null"]` → `type: T, nullable: true`.
//!
//! 3.1 lets `type` be a list; 3.0 takes one type name, and progenitor fails
//! to parse a list. `null` in the list is 3.0's `nullable: true`; several
//! other types become an `anyOf` of one schema per type; a lone `null` type
//! is 3.0's `nullable: true, enum: [null]`.

use serde_json::{Map, Value, json};

use crate::spec::visit_schemas;

/// Rewrites every list-valued `type`, and every lone `type: null`.
pub fn nullable_type_arrays(document: &mut Value) -> anyhow::Result<()> {
    visit_schemas(document, &mut |_, schema| rewrite(schema));
    Ok(())
}

fn rewrite(schema: &mut Map<String, Value>) {
    let types: Vec<Value> = match schema.get("type") {
        Some(Value::Array(types)) => types.clone(),
        Some(Value::String(t)) if t == "null" => vec![Value::String(t.clone())],
        _ => return,
    };
    schema.remove("type");
    let others: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
    if others.len() < types.len() {
        schema.insert("nullable".to_owned(), Value::Bool(true));
    }
    match others.as_slice() {
        [] => {
            schema.insert("enum".to_owned(), json!([null]));
        }
        [one] => {
            schema.insert("type".to_owned(), one.clone());
        }
        _ => {
            let members = others.into_iter().map(|t| json!({ "type": t })).collect();
            schema.insert("anyOf".to_owned(), Value::Array(members));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::nullable_type_arrays;

    fn converted(schema: Value) -> Value {
        let mut document = json!({"components": {"schemas": {"A": schema}}});
        nullable_type_arrays(&mut document).unwrap();
        document["components"]["schemas"]["A"].take()
    }

    #[test]
    fn a_type_or_null_becomes_nullable() {
        assert_eq!(
            converted(json!({"type": ["string", "null"], "format": "date-time"})),
            json!({"type": "string", "format": "date-time", "nullable": true})
        );
        assert_eq!(
            converted(json!({"type": ["integer"]})),
            json!({"type": "integer"})
        );
    }

    #[test]
    fn several_types_become_a_union() {
        assert_eq!(
            converted(json!({"type": ["string", "integer"]})),
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]})
        );
        assert_eq!(
            converted(json!({"type": ["null", "string", "integer"], "description": "d"})),
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": true, "description": "d"})
        );
    }

    #[test]
    fn only_null() {
        for schema in [json!({"type": "null"}), json!({"type": ["null"]})] {
            assert_eq!(converted(schema), json!({"nullable": true, "enum": [null]}));
        }
    }

    #[test]
    fn a_single_type_name_is_left_alone() {
        let untouched = json!({"type": "object", "properties": {"type": {"type": "string"}}});
        assert_eq!(converted(untouched.clone()), untouched);
    }
}
