//! `examples_to_example`: a schema's `examples: [a, ...]` → `example: a`.
//!
//! JSON Schema's `examples` is a list; 3.0's Schema Object has only the
//! single `example`, and an unknown `examples` list there is not 3.0.
//! Parameters' and media types' `examples` (a map of Example Objects) are
//! the same in both versions and are not schemas, so they stay.

use serde_json::Value;

use crate::spec::visit_schemas;

/// Rewrites every schema `examples` list.
pub fn examples_to_example(document: &mut Value) -> anyhow::Result<()> {
    visit_schemas(document, &mut |_, schema| {
        if !schema.get("examples").is_some_and(Value::is_array) {
            return;
        }
        if let Some(Value::Array(examples)) = schema.remove("examples")
            && let Some(first) = examples.into_iter().next()
        {
            schema.entry("example").or_insert(first);
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::examples_to_example;

    #[test]
    fn the_first_schema_example_is_kept() {
        let mut document = json!({"components": {"schemas": {
            "A": {"type": "string", "examples": ["a", "b"]},
            "B": {"type": "string", "examples": []},
            "C": {"type": "string", "example": "c", "examples": ["other"]}
        }}});
        examples_to_example(&mut document).unwrap();
        assert_eq!(
            document,
            json!({"components": {"schemas": {
                "A": {"type": "string", "example": "a"},
                "B": {"type": "string"},
                "C": {"type": "string", "example": "c"}
            }}})
        );
    }

    #[test]
    fn example_objects_of_parameters_and_media_types_stay() {
        let mut document = json!({"paths": {"/a": {"get": {
            "parameters": [{"name": "q", "in": "query", "examples": {"one": {"value": 1}}, "schema": {"type": "integer"}}],
            "responses": {"200": {"content": {"application/json": {"examples": {"x": {"value": {}}}}}}}
        }}}});
        let before = document.clone();
        examples_to_example(&mut document).unwrap();
        assert_eq!(document, before);
    }
}
