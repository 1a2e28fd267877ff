//! Finding a place in the fragment and moving its schema into a named one.

use anyhow::{Context as _, bail};
use serde_json::{Map, Value, json};

use super::USE_KEYS;
use super::table::Place;
use crate::spec::METHODS;

/// Moves the schema at `at` into the named schema `name`, leaving a `$ref`
/// (with the place's own description, nullability and default around it)
/// behind. Returns the schema moved, without those keys.
pub fn hoist(spec: &mut Value, at: &Place, name: &str) -> anyhow::Result<Map<String, Value>> {
    let parameter = matches!(at, Place::Parameter { .. });
    let slot = slot(spec, at)?;
    Ok(replace_with_ref(slot, name, parameter))
}

/// Moves every schema of exactly `shape` (besides the use keys) below the
/// component schemas (in properties, items, map values and union members,
/// at any depth) and in the operations' parameters into `name`. Returns how
/// many it moved.
pub fn hoist_shape(spec: &mut Value, shape: &Map<String, Value>, name: &str) -> usize {
    let mut count = 0;
    if let Some(schemas) = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for (schema_name, schema) in schemas.iter_mut() {
            walk_slots(schema, schema_name, &mut |slot, _| {
                let matches = has_shape(slot, shape);
                if matches {
                    replace_with_ref(slot, name, false);
                    count += 1;
                }
                matches
            });
        }
    }
    if let Some(paths) = spec.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            for method in METHODS {
                let parameters = item
                    .get_mut(method)
                    .and_then(|operation| operation.get_mut("parameters"))
                    .and_then(Value::as_array_mut);
                for parameter in parameters.into_iter().flatten() {
                    if let Some(schema) = parameter.get_mut("schema")
                        && has_shape(schema, shape)
                    {
                        replace_with_ref(schema, name, true);
                        count += 1;
                    }
                }
            }
        }
    }
    count
}

/// Every inline string enum below a component schema (at any depth), moved
/// into a schema named after where it is: `<Schema><Property>`, with `Item`
/// for an array's items, `Value` for a map's values and `Variant<n>` for a
/// union's members (`ExtractConfigPriority`, as typify would name it).
/// Returns the new schemas.
pub fn hoist_inline_enums(spec: &mut Value) -> anyhow::Result<Vec<(String, Map<String, Value>)>> {
    let mut found = Vec::new();
    let Some(schemas) = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return Ok(found);
    };
    for (schema_name, schema) in schemas.iter_mut() {
        let base = super::open_enums::type_name(schema_name);
        walk_slots(schema, &base, &mut |slot, name| {
            let is_enum = crate::spec::is_string_enum(slot);
            if is_enum {
                found.push((name.to_owned(), replace_with_ref(slot, name, false)));
            }
            is_enum
        });
    }
    Ok(found)
}

/// Calls `visit` on every subschema slot below `schema`, parents first,
/// with the name its place gives it; `visit` returns whether it replaced
/// the slot (which is then not descended into). `$ref`s are not followed.
fn walk_slots(schema: &mut Value, name: &str, visit: &mut dyn FnMut(&mut Value, &str) -> bool) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if object.contains_key("$ref") {
        return;
    }
    let mut each = |slot: &mut Value, slot_name: String| {
        if !visit(slot, &slot_name) {
            walk_slots(slot, &slot_name, visit);
        }
    };
    if let Some(properties) = object.get_mut("properties").and_then(Value::as_object_mut) {
        for (property, slot) in properties.iter_mut() {
            each(
                slot,
                format!("{name}{}", super::open_enums::pascal_case(property)),
            );
        }
    }
    if let Some(items) = object.get_mut("items") {
        each(items, format!("{name}Item"));
    }
    if let Some(values @ Value::Object(_)) = object.get_mut("additionalProperties") {
        each(values, format!("{name}Value"));
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(members)) = object.get_mut(key) {
            for (index, member) in members.iter_mut().enumerate() {
                each(member, format!("{name}Variant{index}"));
            }
        }
    }
}

fn has_shape(schema: &Value, shape: &Map<String, Value>) -> bool {
    let Some(object) = schema.as_object() else {
        return false;
    };
    let mut bare = object.clone();
    for key in USE_KEYS {
        bare.remove(key);
    }
    bare == *shape
}

/// Replaces `slot` with a `$ref` to `name`; returns the schema moved.
fn replace_with_ref(slot: &mut Value, name: &str, parameter: bool) -> Map<String, Value> {
    let mut schema = slot.as_object().cloned().unwrap_or_default();
    let mut kept = Map::new();
    for key in USE_KEYS {
        if let Some(value) = schema.remove(key) {
            kept.insert(key.to_owned(), value);
        }
    }
    let reference = json!({ "$ref": format!("#/components/schemas/{name}") });
    // A parameter's schema is the type alone (progenitor reads `required`
    // off the parameter); a property keeps its description, default and
    // nullability around the reference.
    kept.remove("title");
    *slot = if parameter || kept.is_empty() {
        reference
    } else {
        kept.insert("allOf".to_owned(), Value::Array(vec![reference]));
        Value::Object(kept)
    };
    schema
}

/// The schema at `at`.
fn slot<'s>(spec: &'s mut Value, at: &Place) -> anyhow::Result<&'s mut Value> {
    match at {
        Place::Property {
            schema,
            property,
            items,
        } => {
            let slot = spec
                .pointer_mut("/components/schemas")
                .and_then(|schemas| schemas.get_mut(schema))
                .with_context(|| format!("the fragment has no schema {schema}"))?
                .get_mut("properties")
                .and_then(|properties| properties.get_mut(property))
                .with_context(|| format!("the schema {schema} has no property `{property}`"))?;
            if *items {
                slot.get_mut("items")
                    .with_context(|| format!("{schema}.{property} is not an array"))
            } else if slot.get("$ref").is_some() || slot.get("allOf").is_some() {
                bail!("{schema}.{property} already names a schema: list that schema instead")
            } else {
                Ok(slot)
            }
        }
        Place::Parameter {
            operation,
            parameter,
        } => crate::spec::operation_mut(spec, operation)
            .with_context(|| format!("the fragment has no operation `{operation}`"))?
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
            .find(|p| p.get("name").and_then(Value::as_str) == Some(parameter.as_str()))
            .and_then(|p| p.get_mut("schema"))
            .with_context(|| format!("{operation} has no parameter `{parameter}`")),
    }
}
