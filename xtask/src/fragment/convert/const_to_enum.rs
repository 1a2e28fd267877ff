//! `const_to_enum`: `const: v` → `enum: [v]`.
//!
//! 3.0 has no `const`; Pydantic writes one for a `Literal` with a single
//! value (`custom_configuration: Literal["default"]`). A one-value `enum`
//! says the same. Pydantic 2 may write `enum` beside `const`; the `enum`
//! then stays as it is. Without a `type`, the value's own type is added, as
//! the checked-in fragment declares a type on every enum.

use serde_json::{Value, json};

use crate::spec::visit_schemas;

/// Rewrites every `const`.
pub fn const_to_enum(document: &mut Value) -> anyhow::Result<()> {
    visit_schemas(document, &mut |_, schema| {
        let Some(value) = schema.remove("const") else {
            return;
        };
        if !schema.contains_key("type")
            && let Some(name) = type_name(&value)
        {
            schema.insert("type".to_owned(), Value::String(name.to_owned()));
        }
        schema.entry("enum").or_insert_with(|| json!([value]));
    });
    Ok(())
}

fn type_name(value: &Value) -> Option<&'static str> {
    Some(match value {
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Null => return None,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::const_to_enum;

    fn converted(schema: Value) -> Value {
        let mut document = json!({"components": {"schemas": {"A": schema}}});
        const_to_enum(&mut document).unwrap();
        document["components"]["schemas"]["A"].take()
    }

    #[test]
    fn const_becomes_a_one_value_enum() {
        assert_eq!(
            converted(json!({"const": "default", "type": "string"})),
            json!({"enum": ["default"], "type": "string"})
        );
        assert_eq!(
            converted(json!({"const": "default", "enum": ["default"], "type": "string"})),
            json!({"enum": ["default"], "type": "string"})
        );
    }

    #[test]
    fn the_type_comes_from_the_value_when_missing() {
        assert_eq!(
            converted(json!({"const": 2})),
            json!({"enum": [2], "type": "integer"})
        );
        assert_eq!(
            converted(json!({"const": 0.5})),
            json!({"enum": [0.5], "type": "number"})
        );
        assert_eq!(
            converted(json!({"const": true})),
            json!({"enum": [true], "type": "boolean"})
        );
        assert_eq!(converted(json!({"const": null})), json!({"enum": [null]}));
    }
}
