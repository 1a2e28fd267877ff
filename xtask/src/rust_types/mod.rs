//! Hand-written types in the generated code, from the table
//! `openapi/rust-types.toml`.
//!
//! typify generates a type for every schema; for some, a hand-written type
//! of `llama-cloud-core` is better (a typed id instead of a `Uuid`, a page
//! range that keeps what the server sent), and every string enum must stay
//! readable when the server sends a value it does not list. This module
//! rewrites the copy of the fragment the generator sees so that:
//!
//! - each place the table lists (and each schema of a listed shape) is a
//!   `$ref` to a named schema, which typify then replaces with the table's
//!   Rust type (`with_replacement` only replaces named schemas);
//! - each inline string enum is a named schema (the table's name, or
//!   `<Schema><Property>` as typify would call it), and every string enum
//!   is emitted as an open enum (`llama_cloud_core::open_enum!`) in place
//!   of typify's closed one;
//! - every struct of the generated `types` module gets `#[non_exhaustive]`,
//!   and the field of every deprecated property `#[deprecated]`.
//!
//! A place the table lists that the fragment does not have stops codegen,
//! naming the entry and the place.

mod open_enums;
mod place;
pub mod table;

use std::collections::BTreeMap;

use anyhow::{Context as _, bail};

use crate::spec::is_string_enum;
use serde_json::{Map, Value};

pub use open_enums::{OpenEnum, emit_open_enums, type_name};
pub use table::{TABLE, Table};

/// What the generator must be told, after [`apply`] rewrote the spec.
#[derive(Debug, Default)]
pub struct Plan {
    /// `(schema name, Rust path, traits)` for `with_replacement`.
    pub replacements: Vec<(String, String, Vec<String>)>,
    /// The open enums to emit (each also a replacement).
    pub enums: Vec<OpenEnum>,
    /// `(schema, property)` pairs marked deprecated.
    pub deprecated: Vec<(String, String)>,
}

/// Keys that describe a use of a schema rather than the schema: they stay
/// where the schema was when it is moved into a named one.
const USE_KEYS: [&str; 8] = [
    "description",
    "nullable",
    "default",
    "deprecated",
    "example",
    "title",
    "readOnly",
    "writeOnly",
];

/// Rewrites `spec` as the module docs say and returns the plan.
pub fn apply(spec: &mut Value, table: &Table) -> anyhow::Result<Plan> {
    let mut plan = Plan::default();
    for value in &table.values {
        if value.component {
            let exists = spec
                .pointer("/components/schemas")
                .and_then(|schemas| schemas.get(&value.name))
                .is_some();
            if !exists {
                bail!(
                    "{TABLE}: [[value]] {}: the fragment has no component schema `{}` to replace",
                    value.name,
                    value.name
                );
            }
            plan.replacements
                .push((value.name.clone(), value.rust.clone(), value.impls.clone()));
            continue;
        }
        let mut base = None;
        for at in &value.places {
            let found = place::hoist(spec, at, &value.name)
                .with_context(|| format!("{TABLE}: [[value]] {}: {at}", value.name))?;
            same_shape(&mut base, found, &value.name, at)?;
        }
        if let Some(shape) = &value.shape {
            let hoisted = place::hoist_shape(spec, shape, &value.name);
            if hoisted == 0 && value.places.is_empty() {
                bail!(
                    "{TABLE}: [[value]] {}: no schema of the fragment has the shape {}",
                    value.name,
                    Value::Object(shape.clone())
                );
            }
            base.get_or_insert_with(|| shape.clone());
        }
        let base =
            base.with_context(|| format!("{TABLE}: [[value]] {} places nothing", value.name))?;
        add_schema(spec, &value.name, base)?;
        plan.replacements
            .push((value.name.clone(), value.rust.clone(), value.impls.clone()));
    }
    for named in &table.enums {
        let mut base = None;
        for at in &named.places {
            let found = place::hoist(spec, at, &named.name)
                .with_context(|| format!("{TABLE}: [[enum]] {}: {at}", named.name))?;
            if !is_string_enum(&Value::Object(found.clone())) {
                bail!(
                    "{TABLE}: [[enum]] {}: {at} is not a string enum",
                    named.name
                );
            }
            same_shape(&mut base, found, &named.name, at)?;
        }
        if let Some(base) = base {
            add_schema(spec, &named.name, base)?;
        }
    }
    for (name, base) in place::hoist_inline_enums(spec)? {
        add_schema(spec, &name, base)?;
    }
    let schemas = spec
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for (name, schema) in &schemas {
        if is_string_enum(schema) {
            plan.enums.push(OpenEnum::from_schema(name, schema)?);
        } else if schema.get("properties").is_some() {
            for (property, property_schema) in
                schema["properties"].as_object().into_iter().flatten()
            {
                if property_schema.get("deprecated") == Some(&Value::Bool(true)) {
                    plan.deprecated.push((name.clone(), property.clone()));
                }
            }
        }
    }
    let known: BTreeMap<&str, &OpenEnum> =
        plan.enums.iter().map(|e| (e.name.as_str(), e)).collect();
    for predicate in &table.predicates {
        let open = known.get(predicate.enum_name.as_str()).with_context(|| {
            format!(
                "{TABLE}: [[predicate]] {}.{}: the fragment has no string enum {}",
                predicate.enum_name, predicate.method, predicate.enum_name
            )
        })?;
        if let Some(missing) = predicate.values.iter().find(|v| !open.values.contains(v)) {
            bail!(
                "{TABLE}: [[predicate]] {}.{}: {} has no value {missing:?}",
                predicate.enum_name,
                predicate.method,
                predicate.enum_name
            );
        }
    }
    Ok(plan)
}

/// Records the first place's schema, and checks every later one has the
/// same shape: one Rust type must fit them all.
fn same_shape(
    base: &mut Option<Map<String, Value>>,
    found: Map<String, Value>,
    name: &str,
    at: &table::Place,
) -> anyhow::Result<()> {
    match base {
        None => *base = Some(found),
        Some(first) if *first == found => {}
        Some(first) => bail!(
            "{TABLE}: {name}: {at} is {} but an earlier place is {}: one type cannot be both",
            Value::Object(found),
            Value::Object(first.clone())
        ),
    }
    Ok(())
}

/// Adds the named schema `name`; an existing schema of that name must be
/// the same.
fn add_schema(spec: &mut Value, name: &str, schema: Map<String, Value>) -> anyhow::Result<()> {
    let schemas = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        .context("the fragment has no components.schemas")?;
    match schemas.get(name) {
        Some(existing) if existing.as_object() != Some(&schema) => {
            let mut without_docs = existing.as_object().cloned().unwrap_or_default();
            for key in USE_KEYS {
                without_docs.remove(key);
            }
            if without_docs != schema {
                bail!(
                    "{TABLE}: {name} names a schema the fragment already has, with another shape"
                );
            }
        }
        Some(_) => {}
        None => {
            schemas.insert(name.to_owned(), Value::Object(schema));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::codegen::{FRAGMENT, generate, load_table};

    fn fragment() -> Value {
        let text = std::fs::read_to_string(crate::workspace_root().join(FRAGMENT)).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    fn generated(fragment: &Value) -> anyhow::Result<String> {
        generate(
            &fragment.to_string(),
            &load_table(&crate::workspace_root())?,
        )
    }

    #[test]
    fn a_place_the_fragment_lost_fails_codegen_naming_the_entry() {
        let mut spec = fragment();
        let job = spec["components"]["schemas"]["ExtractJob"]["properties"]
            .as_object_mut()
            .unwrap();
        job.remove("id");
        let error = format!("{:#}", generated(&spec).unwrap_err());
        assert!(
            error.contains(
                "openapi/rust-types.toml: [[value]] JobId: ExtractJob.id: the schema ExtractJob has no property `id`"
            ),
            "{error}"
        );
        let mut spec = fragment();
        spec["components"]["schemas"]
            .as_object_mut()
            .unwrap()
            .remove("WebhookConfiguration");
        let error = format!("{:#}", generated(&spec).unwrap_err());
        assert!(
            error.contains("[[enum]] WebhookEvent: WebhookConfiguration.webhook_events[]"),
            "{error}"
        );
    }

    #[test]
    fn a_new_enum_value_becomes_a_variant_and_a_new_field_a_field() {
        let mut spec = fragment();
        let values = spec["components"]["schemas"]["StatusEnum"]["enum"]
            .as_array_mut()
            .unwrap();
        values.push(json!("QUEUED"));
        spec["components"]["schemas"]["ExtractJob"]["properties"]["queued_at"] =
            json!({"type": "string", "format": "date-time", "nullable": true});
        // Nested, as a later upstream might write them: an enum inside an
        // inline object, timestamps as a map's values.
        spec["components"]["schemas"]["ExtractJob"]["properties"]["metrics"] = json!({
            "type": "object",
            "nullable": true,
            "properties": {
                "phase": {"type": "string", "enum": ["parse", "extract"]},
                "marks": {"type": "object", "additionalProperties": {"type": "string", "format": "date-time"}}
            }
        });
        let source = generated(&spec).unwrap();
        assert!(source.contains(r#"Queued = "QUEUED""#), "no Queued variant");
        // prettyplease may break the macro's line anywhere.
        let flat = source.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(
                "pub enum ExtractJobMetricsPhase { Parse = \"parse\", Extract = \"extract\", }"
            ),
            "the nested enum is not an open enum"
        );
        assert!(
            flat.contains(
                "::std::collections::HashMap<::std::string::String, llama_cloud_core::Timestamp>"
            ),
            "the nested timestamps are not Timestamps"
        );
        assert!(
            source.contains("pub queued_at: ::std::option::Option<llama_cloud_core::Timestamp>"),
            "the new timestamp field is not a Timestamp"
        );
    }

    /// The generated struct `name` of the `types` module.
    fn generated_struct(file: &syn::File, name: &str) -> syn::ItemStruct {
        file.items
            .iter()
            .find_map(|item| match item {
                syn::Item::Mod(module) if module.ident == "types" => module.content.as_ref(),
                _ => None,
            })
            .and_then(|(_, items)| {
                items.iter().find_map(|item| match item {
                    syn::Item::Struct(item) if item.ident == name => Some(item.clone()),
                    _ => None,
                })
            })
            .unwrap_or_else(|| panic!("no struct {name}"))
    }

    fn has_attr(attrs: &[syn::Attribute], name: &str) -> bool {
        attrs.iter().any(|attr| attr.path().is_ident(name))
    }

    #[test]
    fn structs_are_non_exhaustive_and_deprecated_fields_marked() {
        let file = syn::parse_file(&generated(&fragment()).unwrap()).unwrap();
        for (name, deprecated) in [
            ("ExtractJob", vec!["file"]),
            (
                "ExtractConfig",
                vec!["citation_bbox", "multimodal_fast_mode"],
            ),
            ("ExtractRun", vec!["file"]),
            ("HttpValidationError", vec![]),
            ("BodyRunJobOnFile", vec![]),
        ] {
            let item = generated_struct(&file, name);
            assert!(has_attr(&item.attrs, "non_exhaustive"), "{name}");
            for field in &item.fields {
                let field_name = field.ident.as_ref().unwrap().to_string();
                assert_eq!(
                    has_attr(&field.attrs, "deprecated"),
                    deprecated.contains(&field_name.as_str()),
                    "{name}.{field_name}"
                );
            }
        }
    }
}
