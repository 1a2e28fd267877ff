//! `pin_schema_names`: every schema of the fragment gets the name the
//! manifest's `[schemas]` table gives it, whatever the upstream calls it.
//!
//! The fragment's schema names are the generated client's type names, so an
//! upstream rename (`FileUploadResponse` became `FileV2`), FastAPI's long
//! multipart body names (`Body_upload_file_api_v1_beta_files_post`) and an
//! enum the upstream moved inline (`ExtractJob.status`, once `StatusEnum`)
//! must not reach Rust. The table maps each fragment name to its upstream
//! source: a component schema, or `Schema.property` for an inline schema
//! that is hoisted into a named component.
//!
//! A table entry whose source the cut does not hold is an error that names
//! it: the upstream renamed or dropped that schema, and someone must decide
//! which upstream schema now carries the name. A schema the table does not
//! name keeps its upstream name and is reported, so it can be pinned.

use std::collections::BTreeMap;

use anyhow::{Context as _, bail};
use serde_json::{Map, Value};

use super::manifest::{Manifest, SchemaSource};
use crate::spec::visit_objects;

const PREFIX: &str = "#/components/schemas/";

/// Keys that stay on a property when its inline schema is hoisted: they
/// describe the property, not the type.
const PROPERTY_KEYS: [&str; 7] = [
    "description",
    "default",
    "deprecated",
    "examples",
    "example",
    "readOnly",
    "writeOnly",
];

/// Renames (and hoists) the schemas of the selected `document` as the
/// manifest says. Returns the upstream schemas the table does not name,
/// which keep their upstream names.
pub fn pin_schema_names(document: &mut Value, manifest: &Manifest) -> anyhow::Result<Vec<String>> {
    let Some(schemas) = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        if let Some((name, source)) = manifest.schemas.iter().next() {
            bail!("[schemas] {name} = `{source}`: the cut holds no schemas at all");
        }
        return Ok(Vec::new());
    };
    let mut hoisted = Map::new();
    for (name, source) in &manifest.schemas {
        if let SchemaSource::Property { schema, property } = source {
            let inline = hoist(schemas, schema, property, name)
                .with_context(|| format!("[schemas] {name} = `{source}`"))?;
            hoisted.insert(name.clone(), inline);
        }
    }
    let mut renames = BTreeMap::new();
    let mut unnamed = Vec::new();
    for upstream in schemas.keys() {
        let name = match manifest.fragment_name_of(upstream) {
            Some(name) => name.to_owned(),
            None => {
                unnamed.push(upstream.clone());
                upstream.clone()
            }
        };
        renames.insert(upstream.clone(), name);
    }
    for (name, source) in &manifest.schemas {
        if let SchemaSource::Component(upstream) = source
            && !schemas.contains_key(upstream)
        {
            bail!(
                "[schemas] {name} = `{upstream}`: the cut holds no upstream schema `{upstream}` \
                 (the upstream renamed or dropped it, or no listed operation uses it any more); \
                 point {name} at the schema that replaced it, or remove the entry"
            );
        }
    }
    let mut renamed = Map::new();
    for (upstream, mut schema) in std::mem::take(schemas) {
        let name = renames[&upstream].clone();
        if name != upstream
            && let Some(object) = schema.as_object_mut()
            && object.contains_key("title")
        {
            object.insert("title".to_owned(), Value::String(name.clone()));
        }
        if renamed.insert(name.clone(), schema).is_some() {
            bail!("[schemas] {name}: two schemas of the cut would be called {name}");
        }
    }
    for (name, schema) in hoisted {
        if renamed.insert(name.clone(), schema).is_some() {
            bail!("[schemas] {name}: two schemas of the cut would be called {name}");
        }
    }
    *schemas = renamed;
    visit_objects(document, &mut |object| {
        if let Some(Value::String(reference)) = object.get_mut("$ref")
            && let Some(rest) = reference.strip_prefix(PREFIX)
        {
            let (upstream, tail) = rest.split_once('/').unwrap_or((rest, ""));
            if let Some(name) = renames.get(upstream) {
                let tail = if tail.is_empty() {
                    String::new()
                } else {
                    format!("/{tail}")
                };
                *reference = format!("{PREFIX}{name}{tail}");
            }
        }
    });
    Ok(unnamed)
}

/// Takes the inline schema of `schema.property` out of `schemas` and leaves
/// a `$ref` to `name` in its place (inside `anyOf: [X, null]` when the
/// property is nullable). Returns the hoisted schema.
fn hoist(
    schemas: &mut Map<String, Value>,
    schema: &str,
    property: &str,
    name: &str,
) -> anyhow::Result<Value> {
    let slot = schemas
        .get_mut(schema)
        .with_context(|| format!("the cut holds no upstream schema `{schema}`"))?
        .get_mut("properties")
        .and_then(|properties| properties.get_mut(property))
        .with_context(|| format!("the upstream schema `{schema}` has no property `{property}`"))?;
    let reference = Value::String(format!("{PREFIX}{name}"));
    let inline = match slot.get_mut("anyOf").and_then(Value::as_array_mut) {
        Some(members) => {
            let mut inline = members
                .iter_mut()
                .filter(|member| member.get("type").and_then(Value::as_str) != Some("null"));
            match (inline.next(), inline.next()) {
                (Some(member), None) if member.get("$ref").is_none() => std::mem::replace(
                    member,
                    Value::Object(Map::from_iter([("$ref".to_owned(), reference)])),
                ),
                _ => bail!("`{schema}.{property}` is not one inline schema (or one and null)"),
            }
        }
        None => {
            let Some(object) = slot.as_object_mut() else {
                bail!("`{schema}.{property}` is not a schema object");
            };
            if object.contains_key("$ref") {
                bail!("`{schema}.{property}` is already a $ref: name its target instead");
            }
            let mut kept = Map::new();
            for key in PROPERTY_KEYS {
                if let Some(value) = object.remove(key) {
                    kept.insert(key.to_owned(), value);
                }
            }
            kept.insert("$ref".to_owned(), reference);
            Value::Object(std::mem::replace(object, kept))
        }
    };
    let mut inline = inline;
    if let Some(object) = inline.as_object_mut() {
        object.insert("title".to_owned(), Value::String(name.to_owned()));
    }
    Ok(inline)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::pin_schema_names;
    use crate::fragment::manifest::Manifest;

    fn manifest(schemas: &str) -> Manifest {
        Manifest::parse(&format!("[schemas]\n{schemas}")).unwrap()
    }

    fn upstream() -> Value {
        json!({
            "paths": {"/files": {"post": {
                "requestBody": {"content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/Body_upload_file_api_v1_beta_files_post"}}}},
                "responses": {"201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/FileV2"}}}}}
            }}},
            "components": {"schemas": {
                "Body_upload_file_api_v1_beta_files_post": {"title": "Body_upload_file_api_v1_beta_files_post", "type": "object"},
                "FileV2": {"title": "FileV2", "type": "object", "properties": {
                    "status": {"type": "string", "enum": ["A", "B"], "title": "Status", "description": "The status."},
                    "kind": {"anyOf": [{"type": "string", "enum": ["x"]}, {"type": "null"}], "description": "Kind."},
                    "owner": {"$ref": "#/components/schemas/Owner/properties/id"}
                }},
                "Owner": {"type": "object", "properties": {"id": {"type": "string"}}}
            }}
        })
    }

    #[test]
    fn renames_hoists_and_repoints_every_reference() {
        let mut document = upstream();
        let unnamed = pin_schema_names(
            &mut document,
            &manifest(
                "Body_upload_file = \"Body_upload_file_api_v1_beta_files_post\"\n\
                 FileUploadResponse = \"FileV2\"\n\
                 StatusEnum = \"FileV2.status\"\n\
                 FileKind = \"FileV2.kind\"\n",
            ),
        )
        .unwrap();
        assert_eq!(unnamed, ["Owner"]);
        insta::assert_json_snapshot!(document, @r##"
        {
          "components": {
            "schemas": {
              "Body_upload_file": {
                "title": "Body_upload_file",
                "type": "object"
              },
              "FileKind": {
                "enum": [
                  "x"
                ],
                "title": "FileKind",
                "type": "string"
              },
              "FileUploadResponse": {
                "properties": {
                  "kind": {
                    "anyOf": [
                      {
                        "$ref": "#/components/schemas/FileKind"
                      },
                      {
                        "type": "null"
                      }
                    ],
                    "description": "Kind."
                  },
                  "owner": {
                    "$ref": "#/components/schemas/Owner/properties/id"
                  },
                  "status": {
                    "$ref": "#/components/schemas/StatusEnum",
                    "description": "The status."
                  }
                },
                "title": "FileUploadResponse",
                "type": "object"
              },
              "Owner": {
                "properties": {
                  "id": {
                    "type": "string"
                  }
                },
                "type": "object"
              },
              "StatusEnum": {
                "enum": [
                  "A",
                  "B"
                ],
                "title": "StatusEnum",
                "type": "string"
              }
            }
          },
          "paths": {
            "/files": {
              "post": {
                "requestBody": {
                  "content": {
                    "multipart/form-data": {
                      "schema": {
                        "$ref": "#/components/schemas/Body_upload_file"
                      }
                    }
                  }
                },
                "responses": {
                  "201": {
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/FileUploadResponse"
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        "##);
    }

    #[test]
    fn an_entry_whose_source_is_gone_fails_and_names_it() {
        for (entry, message) in [
            (
                "UploadedFile = \"FileV1\"",
                "[schemas] UploadedFile = `FileV1`: the cut holds no upstream schema `FileV1`",
            ),
            (
                "StatusEnum = \"FileV2.state\"",
                "the upstream schema `FileV2` has no property `state`",
            ),
            (
                "StatusEnum = \"ExtractJob.status\"",
                "the cut holds no upstream schema `ExtractJob`",
            ),
            ("OwnerId = \"FileV2.owner\"", "already a $ref"),
            (
                "Owner = \"FileV2\"",
                "[schemas] Owner: two schemas of the cut would be called Owner",
            ),
        ] {
            let error = pin_schema_names(&mut upstream(), &manifest(entry)).unwrap_err();
            assert!(
                format!("{error:#}").contains(message),
                "{error:#} lacks {message}"
            );
        }
    }
}
