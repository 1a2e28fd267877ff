//! `binary_content`: `contentEncoding`/`contentMediaType` → 3.0's
//! `format: byte`/`format: binary`.
//!
//! 3.1 describes a string's encoded content with JSON Schema's keywords,
//! where 3.0 uses formats: base64 text is `format: byte`, raw bytes (a file
//! in a multipart form) `format: binary`. The generator and the
//! hand-written upload code know the formats only.

use serde_json::Value;

use crate::spec::visit_schemas;

/// Rewrites the content keywords of every string schema.
pub fn binary_content(document: &mut Value) -> anyhow::Result<()> {
    visit_schemas(document, &mut |_, schema| {
        let encoding = schema.get("contentEncoding").and_then(Value::as_str);
        let format = match encoding {
            Some("base64" | "base64url") => "byte",
            // Another encoding has no 3.0 format: `reject_untranslatable`
            // reports it.
            Some(_) => return,
            None if schema.contains_key("contentMediaType") => "binary",
            None => return,
        };
        schema.remove("contentEncoding");
        schema.remove("contentMediaType");
        schema.remove("contentSchema");
        schema
            .entry("format")
            .or_insert_with(|| Value::String(format.to_owned()));
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::binary_content;

    fn converted(schema: Value) -> Value {
        let mut document = json!({"components": {"schemas": {"A": schema}}});
        binary_content(&mut document).unwrap();
        document["components"]["schemas"]["A"].take()
    }

    #[test]
    fn content_keywords_become_formats() {
        assert_eq!(
            converted(json!({"type": "string", "contentMediaType": "application/octet-stream"})),
            json!({"type": "string", "format": "binary"})
        );
        assert_eq!(
            converted(
                json!({"type": "string", "contentEncoding": "base64", "contentMediaType": "application/pdf"})
            ),
            json!({"type": "string", "format": "byte"})
        );
        assert_eq!(
            converted(
                json!({"type": "string", "format": "binary", "contentMediaType": "image/png"})
            ),
            json!({"type": "string", "format": "binary"})
        );
    }

    #[test]
    fn other_encodings_are_left_for_the_rejecting_step() {
        let untouched = json!({"type": "string", "contentEncoding": "quoted-printable"});
        assert_eq!(converted(untouched.clone()), untouched);
    }
}
