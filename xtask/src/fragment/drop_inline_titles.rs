//! `drop_inline_titles`: the `title` FastAPI writes on every inline schema
//! comes off; component schemas keep theirs.
//!
//! Pydantic titles each field after its name (`"title": "Priority"`, `"Job
//! Id"`). typify names an inline type after its title when it has one, so
//! those titles would become Rust type names (`Priority`, `Name`,
//! `FileType`) that no manifest entry pins, and an upstream edit of a title
//! would rename a public type. Without them typify names an inline type
//! after its parent and property (`ExtractConfigPriority`), which follow from
//! the names `[schemas]` pins. A title says nothing a property name does not.

use serde_json::Value;

use crate::spec::visit_schemas;

/// Removes `title` from every schema of `document` that is not a component
/// schema itself.
pub fn drop_inline_titles(document: &mut Value) -> anyhow::Result<()> {
    visit_schemas(document, &mut |at, schema| {
        let is_component = at
            .strip_prefix("/components/schemas/")
            .is_some_and(|rest| !rest.contains('/'));
        if !is_component && schema.get("title").is_some_and(Value::is_string) {
            schema.remove("title");
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::drop_inline_titles;

    #[test]
    fn inline_titles_go_and_component_titles_stay() {
        let mut document = json!({
            "paths": {"/jobs/{job_id}": {"get": {"parameters": [
                {"name": "job_id", "in": "path", "schema": {"type": "string", "title": "Job Id"}}
            ]}}},
            "components": {"schemas": {"ExtractConfig": {
                "title": "ExtractConfig",
                "type": "object",
                "properties": {
                    "priority": {"anyOf": [{"type": "string", "enum": ["low"], "title": "Low"}, {"type": "null"}], "title": "Priority"},
                    "title": {"type": "string", "title": "Title"}
                }
            }}}
        });
        drop_inline_titles(&mut document).unwrap();
        assert_eq!(
            document,
            json!({
                "paths": {"/jobs/{job_id}": {"get": {"parameters": [
                    {"name": "job_id", "in": "path", "schema": {"type": "string"}}
                ]}}},
                "components": {"schemas": {"ExtractConfig": {
                    "title": "ExtractConfig",
                    "type": "object",
                    "properties": {
                        "priority": {"anyOf": [{"type": "string", "enum": ["low"]}, {"type": "null"}]},
                        "title": {"type": "string"}
                    }
                }}}
            })
        );
    }
}
