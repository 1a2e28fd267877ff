//! `ref_siblings`: `{$ref: X, description: ...}` → `{allOf: [{$ref: X}],
//! description: ...}`.
//!
//! In 3.1 a `$ref` may sit beside other keywords, and Pydantic writes a
//! field's description (or `deprecated`) next to the reference to the
//! field's model. In 3.0 a Reference Object's siblings are ignored, and
//! progenitor drops them silently; wrapped in `allOf`, as the checked-in
//! fragment writes such fields, the reference and its siblings both count.

use serde_json::{Value, json};

use crate::spec::visit_schemas;

/// Wraps every schema `$ref` that has siblings in a one-member `allOf`.
pub fn ref_siblings(document: &mut Value) -> anyhow::Result<()> {
    visit_schemas(document, &mut |_, schema| {
        if schema.len() < 2 {
            return;
        }
        let Some(reference) = schema.remove("$ref") else {
            return;
        };
        let member = json!({ "$ref": reference });
        match schema.get_mut("allOf").and_then(Value::as_array_mut) {
            Some(all_of) => all_of.insert(0, member),
            None => {
                schema.insert("allOf".to_owned(), Value::Array(vec![member]));
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::ref_siblings;

    fn converted(schema: Value) -> Value {
        let mut document = json!({"components": {"schemas": {"A": {"properties": {"b": schema}}}}});
        ref_siblings(&mut document).unwrap();
        document["components"]["schemas"]["A"]["properties"]["b"].take()
    }

    #[test]
    fn a_ref_with_siblings_is_wrapped() {
        assert_eq!(
            converted(
                json!({"$ref": "#/components/schemas/C", "description": "d", "deprecated": true})
            ),
            json!({"allOf": [{"$ref": "#/components/schemas/C"}], "description": "d", "deprecated": true})
        );
        assert_eq!(
            converted(
                json!({"$ref": "#/components/schemas/C", "allOf": [{"$ref": "#/components/schemas/D"}]})
            ),
            json!({"allOf": [{"$ref": "#/components/schemas/C"}, {"$ref": "#/components/schemas/D"}]})
        );
    }

    #[test]
    fn a_bare_ref_and_non_schema_refs_are_left_alone() {
        let bare = json!({"$ref": "#/components/schemas/C"});
        assert_eq!(converted(bare.clone()), bare);
        let mut document = json!({"paths": {"/a": {"get": {"parameters": [
            {"$ref": "#/components/parameters/P", "description": "3.1 allows this"}
        ]}}}});
        let before = document.clone();
        ref_siblings(&mut document).unwrap();
        assert_eq!(document, before);
    }
}
