//! `narrow_unions`: cut a union property down to the members the SDK covers,
//! from the manifest's `[[narrow]]` entries, before the selection.
//!
//! Some extraction operations answer a type shared by all of LlamaCloud's
//! products: `POST /api/v2/extract/schema/generate` answers a
//! `ConfigurationCreateRequest`, whose `parameters` is a `oneOf` over the
//! parse, split, classify, spreadsheet and extract products. Kept whole, it
//! would pull some forty schemas of other products into the fragment (and
//! their types into the client). The step keeps the members an entry names
//! and drops the others, with their discriminator mappings, so the selection
//! never reaches what only they reference. One member left makes the
//! property a plain reference to it.
//!
//! An entry whose schema, property or member is gone is an error naming it;
//! an entry that drops nothing (the upstream narrowed the union itself) is
//! reported so it can go.

use anyhow::{Context as _, bail};
use serde_json::{Map, Value};

use super::manifest::Narrowing;

/// Applies `entries` to the upstream document. Returns a note for each
/// entry that dropped nothing.
pub fn narrow_unions(document: &mut Value, entries: &[Narrowing]) -> anyhow::Result<Vec<String>> {
    let mut notes = Vec::new();
    for entry in entries {
        let label = format!("[[narrow]] {}.{}", entry.schema, entry.property);
        let property = document
            .pointer_mut(&format!(
                "/components/schemas/{}/properties/{}",
                entry.schema, entry.property
            ))
            .and_then(Value::as_object_mut)
            .with_context(|| format!("{label}: the upstream has no such schema property"))?;
        if !narrow(property, &entry.keep).with_context(|| label.clone())? {
            notes.push(format!(
                "{label}: the union has no member besides {}; the entry (\"{}\") can go",
                entry.keep.join(", "),
                entry.why
            ));
        }
    }
    Ok(notes)
}

/// Cuts the union of `property` down to `keep`; whether a member was dropped.
fn narrow(property: &mut Map<String, Value>, keep: &[String]) -> anyhow::Result<bool> {
    let keyword = ["oneOf", "anyOf"]
        .into_iter()
        .find(|keyword| property.contains_key(*keyword))
        .context("the property is not a oneOf or anyOf")?;
    let Some(Value::Array(members)) = property.remove(keyword) else {
        bail!("its `{keyword}` is not an array");
    };
    let name_of = |member: &Value| {
        member
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|reference| reference.strip_prefix("#/components/schemas/"))
            .map(str::to_owned)
    };
    let named: Vec<String> = members.iter().filter_map(name_of).collect();
    if let Some(missing) = keep.iter().find(|wanted| !named.contains(wanted)) {
        bail!(
            "`{missing}` is not a member of the union (its members: {})",
            named.join(", ")
        );
    }
    let before = members.len();
    let kept: Vec<Value> = members
        .into_iter()
        .filter(|member| name_of(member).is_none_or(|name| keep.contains(&name)))
        .collect();
    let dropped = kept.len() < before;
    if let Some(Value::Object(discriminator)) = property.get_mut("discriminator")
        && let Some(Value::Object(mapping)) = discriminator.get_mut("mapping")
    {
        mapping.retain(|_, target| {
            target
                .as_str()
                .and_then(|reference| reference.strip_prefix("#/components/schemas/"))
                .is_some_and(|name| keep.iter().any(|wanted| wanted == name))
        });
    }
    match <[Value; 1]>::try_from(kept) {
        Ok([only]) => {
            property.remove("discriminator");
            property.extend(only.as_object().cloned().unwrap_or_default());
        }
        Err(kept) => {
            property.insert(keyword.to_owned(), Value::Array(kept));
        }
    }
    Ok(dropped)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::narrow_unions;
    use crate::fragment::manifest::Narrowing;

    fn document() -> Value {
        json!({"components": {"schemas": {"Config": {"properties": {"parameters": {
            "description": "Product parameters.",
            "oneOf": [
                {"$ref": "#/components/schemas/Parse"},
                {"$ref": "#/components/schemas/Extract"},
                {"$ref": "#/components/schemas/Untyped"}
            ],
            "discriminator": {"propertyName": "product_type", "mapping": {
                "parse": "#/components/schemas/Parse",
                "extract": "#/components/schemas/Extract",
                "unknown": "#/components/schemas/Untyped"
            }}
        }}}}}})
    }

    fn entry(keep: &[&str]) -> Narrowing {
        Narrowing {
            schema: "Config".into(),
            property: "parameters".into(),
            keep: keep.iter().map(|name| (*name).to_owned()).collect(),
            why: "the SDK covers extraction".into(),
        }
    }

    fn parameters(document: &Value) -> &Value {
        &document["components"]["schemas"]["Config"]["properties"]["parameters"]
    }

    #[test]
    fn one_member_left_becomes_a_plain_reference() {
        let mut document = document();
        let notes = narrow_unions(&mut document, &[entry(&["Extract"])]).unwrap();
        assert!(notes.is_empty());
        assert_eq!(
            parameters(&document),
            &json!({"description": "Product parameters.", "$ref": "#/components/schemas/Extract"})
        );
    }

    #[test]
    fn several_members_keep_the_union_and_their_mappings() {
        let mut document = document();
        narrow_unions(&mut document, &[entry(&["Extract", "Untyped"])]).unwrap();
        let parameters = parameters(&document);
        assert_eq!(
            parameters["oneOf"],
            json!([{"$ref": "#/components/schemas/Extract"}, {"$ref": "#/components/schemas/Untyped"}])
        );
        assert_eq!(
            parameters["discriminator"]["mapping"],
            json!({"extract": "#/components/schemas/Extract", "unknown": "#/components/schemas/Untyped"})
        );
    }

    #[test]
    fn a_member_that_is_gone_is_named() {
        let mut document = document();
        let error = narrow_unions(&mut document, &[entry(&["Classify"])]).unwrap_err();
        let text = format!("{error:#}");
        assert!(text.contains("[[narrow]] Config.parameters"), "{text}");
        assert!(text.contains("`Classify` is not a member"), "{text}");
        assert!(text.contains("Parse, Extract, Untyped"), "{text}");
    }

    #[test]
    fn a_missing_property_is_named() {
        let mut document = document();
        let mut wrong = entry(&["Extract"]);
        wrong.property = "params".into();
        let error = narrow_unions(&mut document, &[wrong]).unwrap_err();
        assert!(error.to_string().contains("Config.params"), "{error}");
    }

    #[test]
    fn an_entry_that_drops_nothing_is_reported() {
        let mut document = document();
        let notes =
            narrow_unions(&mut document, &[entry(&["Parse", "Extract", "Untyped"])]).unwrap();
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("can go"), "{}", notes[0]);
    }
}
