//! `drop_31_keys`: remove what only OpenAPI 3.1 has and 3.0 cannot say.
//!
//! These carry nothing the client needs: the JSON Schema dialect, webhooks
//! (requests the service sends, not ones the client makes), reusable path
//! items (the fragment's paths never point to them), `info.summary`, the
//! SPDX `license.identifier`, and the schema keywords that identify or
//! annotate a schema for JSON Schema tooling (`$schema`, `$id`, `$anchor`,
//! `$comment`, ...). Keywords that change what a schema accepts are not
//! dropped here: other steps convert them, or `reject_untranslatable` stops.

use serde_json::Value;

use crate::spec::visit_schemas;

/// Top-level keys new in 3.1.
const DOCUMENT_KEYS: [&str; 2] = ["jsonSchemaDialect", "webhooks"];
/// Schema keywords that identify or annotate a schema and do not validate.
const SCHEMA_KEYS: [&str; 6] = [
    "$schema",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$comment",
    "$vocabulary",
];

/// Removes the 3.1-only keys.
pub fn drop_31_keys(document: &mut Value) -> anyhow::Result<()> {
    if let Some(root) = document.as_object_mut() {
        for key in DOCUMENT_KEYS {
            root.remove(key);
        }
    }
    if let Some(components) = document
        .get_mut("components")
        .and_then(Value::as_object_mut)
    {
        components.remove("pathItems");
    }
    if let Some(info) = document.get_mut("info").and_then(Value::as_object_mut) {
        info.remove("summary");
        if let Some(license) = info.get_mut("license").and_then(Value::as_object_mut) {
            license.remove("identifier");
        }
    }
    visit_schemas(document, &mut |_, schema| {
        for key in SCHEMA_KEYS {
            schema.remove(key);
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::drop_31_keys;

    #[test]
    fn three_one_keys_are_removed_and_the_rest_kept() {
        let mut document = json!({
            "openapi": "3.1.0",
            "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
            "webhooks": {"event": {}},
            "info": {"title": "T", "summary": "S", "version": "1", "license": {"name": "MIT", "identifier": "MIT"}},
            "paths": {},
            "components": {
                "pathItems": {"P": {}},
                "schemas": {"A": {
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "$id": "a", "$comment": "c", "type": "object",
                    "properties": {"b": {"$anchor": "b", "type": "string", "example": {"$id": "data"}}}
                }}
            }
        });
        drop_31_keys(&mut document).unwrap();
        assert_eq!(
            document,
            json!({
                "openapi": "3.1.0",
                "info": {"title": "T", "version": "1", "license": {"name": "MIT"}},
                "paths": {},
                "components": {"schemas": {"A": {
                    "type": "object",
                    "properties": {"b": {"type": "string", "example": {"$id": "data"}}}
                }}}
            })
        );
    }
}
