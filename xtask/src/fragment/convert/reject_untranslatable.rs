//! `reject_untranslatable`: stop on a 3.1 schema keyword that 3.0 cannot
//! express and no step converts.
//!
//! Passed through, such a keyword would be ignored by the generator, and
//! the client would accept or send what the API does not (a tuple's
//! `prefixItems`, say). Failing names each place, so the fragment can be
//! cut differently or a step added.

use anyhow::bail;
use serde_json::Value;

use crate::spec::visit_schemas;

/// JSON Schema 2020-12 keywords with no OpenAPI 3.0 equivalent. `const`,
/// list-valued `type`, numeric exclusive bounds and content keywords are
/// not here: other steps convert them before this one runs, so one left
/// over is reported by the checks below.
const UNTRANSLATABLE: [&str; 16] = [
    "prefixItems",
    "$defs",
    "$dynamicRef",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "unevaluatedProperties",
    "unevaluatedItems",
    "patternProperties",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
    "contentSchema",
];

/// Fails when a schema still uses a keyword 3.0 does not have.
pub fn reject_untranslatable(document: &mut Value) -> anyhow::Result<()> {
    let mut found = Vec::new();
    visit_schemas(document, &mut |at, schema| {
        let mut keys: Vec<&str> = UNTRANSLATABLE
            .into_iter()
            .filter(|key| schema.contains_key(*key))
            .collect();
        for key in ["const", "contentEncoding", "contentMediaType"] {
            if schema.contains_key(key) {
                keys.push(key);
            }
        }
        if schema
            .get("type")
            .is_some_and(|t| !t.is_string() || t == "null")
        {
            keys.push("type");
        }
        for key in ["exclusiveMinimum", "exclusiveMaximum"] {
            if schema.get(key).is_some_and(Value::is_number) {
                keys.push(key);
            }
        }
        if !keys.is_empty() {
            found.push(format!("{at}: {}", keys.join(", ")));
        }
    });
    if !found.is_empty() {
        bail!(
            "OpenAPI 3.0 cannot express these schema keywords:\n  {}",
            found.join("\n  ")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::reject_untranslatable;

    #[test]
    fn untranslatable_keywords_are_reported_with_their_place() {
        let mut document = json!({"components": {"schemas": {"Pair": {
            "type": "array",
            "prefixItems": [{"type": "string"}, {"type": "integer"}],
            "items": {"type": "string", "contentEncoding": "quoted-printable"}
        }}}});
        let error = reject_untranslatable(&mut document).unwrap_err();
        insta::assert_snapshot!(error, @r"
        OpenAPI 3.0 cannot express these schema keywords:
          /components/schemas/Pair: prefixItems
          /components/schemas/Pair/items: contentEncoding
        ");
    }

    #[test]
    fn three_zero_schemas_pass() {
        let mut document = json!({"components": {"schemas": {"A": {
            "type": "integer", "minimum": 0, "exclusiveMinimum": true,
            "properties": {"if": {"type": "string"}}
        }}}});
        assert!(reject_untranslatable(&mut document).is_ok());
    }
}
