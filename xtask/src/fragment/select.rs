//! `select`: keep the manifest's operations and everything they use, drop the
//! rest of the upstream document.
//!
//! Kept: the operations (renamed to the manifest's operationIds), their path
//! items' shared keys (path-level parameters, summary), every component they
//! reference directly or through other components (schemas, parameters,
//! responses, request bodies, headers, examples, links, callbacks), the
//! security schemes their security requirements name, the tags they carry,
//! and the document's other top-level keys (`info`, `servers`, `security`,
//! ...), which the conversion steps then bring to 3.0.

use std::collections::BTreeSet;

use anyhow::{Context as _, bail};
use serde_json::{Map, Value};

use super::manifest::{Manifest, Selector};
use crate::spec::METHODS;

/// Component kinds whose entries are kept only when referenced.
const REFERENCED_KINDS: [&str; 8] = [
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "links",
    "callbacks",
];

/// Where an operation is in the selected document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// `get`, `post`, ...
    pub method: String,
    /// The path template.
    pub path: String,
}

/// The selected document, and where each manifest operation ended up.
#[derive(Debug)]
pub struct Selection {
    /// The upstream document cut down to the manifest's operations.
    pub document: Value,
    /// For each manifest operation, in manifest order: where it is, or
    /// `None` when the upstream does not have it.
    pub locations: Vec<Option<Location>>,
}

/// Cuts `upstream` down to the manifest's operations.
pub fn select(upstream: &Value, manifest: &Manifest) -> anyhow::Result<Selection> {
    let upstream_paths = upstream
        .get("paths")
        .and_then(Value::as_object)
        .context("the upstream document has no `paths`")?;
    let mut paths = Map::new();
    let mut locations = Vec::with_capacity(manifest.operations.len());
    for wanted in &manifest.operations {
        let Some(location) = find(upstream_paths, &wanted.selector)? else {
            locations.push(None);
            continue;
        };
        let upstream_item = &upstream_paths[&location.path];
        if upstream_item.get("$ref").is_some() {
            bail!(
                "path item {} is a $ref, which the fragment does not follow",
                location.path
            );
        }
        let mut operation = upstream_item[&location.method].clone();
        if let Some(id) = &wanted.operation_id {
            operation["operationId"] = Value::String(id.clone());
        } else if operation.get("operationId").is_none() {
            bail!(
                "{} has no operationId upstream: give it an operation_id in the manifest",
                wanted.selector
            );
        }
        let item = paths
            .entry(location.path.clone())
            .or_insert_with(|| shared_keys(upstream_item));
        item[&location.method] = operation;
        locations.push(Some(location));
    }

    let mut document = upstream.clone();
    let root = document
        .as_object_mut()
        .context("the upstream document is not an object")?;
    let paths = Value::Object(paths);
    let components = components(upstream, &paths)?;
    let tags = used_tags(upstream, &paths);
    root.insert("paths".to_owned(), paths);
    set_or_remove(root, "components", components);
    set_or_remove(root, "tags", tags);
    Ok(Selection {
        document,
        locations,
    })
}

/// Finds the operation `selector` names.
fn find(paths: &Map<String, Value>, selector: &Selector) -> anyhow::Result<Option<Location>> {
    match selector {
        Selector::Location { method, path } => Ok(paths
            .get(path)
            .and_then(|item| item.get(method))
            .map(|_| Location {
                method: method.clone(),
                path: path.clone(),
            })),
        Selector::UpstreamId(id) => {
            let mut found = paths.iter().flat_map(|(path, item)| {
                METHODS.iter().filter_map(move |method| {
                    let operation = item.get(*method)?;
                    (operation.get("operationId").and_then(Value::as_str) == Some(id)).then(|| {
                        Location {
                            method: (*method).to_owned(),
                            path: path.clone(),
                        }
                    })
                })
            });
            let first = found.next();
            if found.next().is_some() {
                bail!("the upstream has more than one operation with operationId `{id}`");
            }
            Ok(first)
        }
    }
}

/// A path item without its operations: path-level parameters, summary, ...
fn shared_keys(item: &Value) -> Value {
    let mut shared = item.as_object().cloned().unwrap_or_default();
    shared.retain(|key, _| !METHODS.contains(&key.as_str()));
    Value::Object(shared)
}

/// The upstream's components that `paths` uses, directly or transitively.
fn components(upstream: &Value, paths: &Value) -> anyhow::Result<Option<Value>> {
    let Some(upstream_components) = upstream.get("components").and_then(Value::as_object) else {
        let mut refs = Vec::new();
        collect_refs(paths, &mut refs);
        if let Some(reference) = refs.first() {
            bail!("`{reference}` points into a document without components");
        }
        return Ok(None);
    };
    let mut kept: BTreeSet<(String, String)> = BTreeSet::new();
    let mut pending = Vec::new();
    collect_refs(paths, &mut pending);
    while let Some(reference) = pending.pop() {
        let (kind, name) = component_of(&reference)?;
        if kept.contains(&(kind.clone(), name.clone())) {
            continue;
        }
        let target = upstream_components
            .get(&kind)
            .and_then(|entries| entries.get(&name))
            .with_context(|| format!("`{reference}` points to nothing in the upstream"))?;
        collect_refs(target, &mut pending);
        kept.insert((kind, name));
    }
    let schemes = used_security_schemes(upstream, paths);

    let mut components = Map::new();
    for (kind, entries) in upstream_components {
        let referenced = REFERENCED_KINDS.contains(&kind.as_str());
        if !referenced && kind != "securitySchemes" {
            // Kinds this step does not know (3.1's pathItems, extensions)
            // pass through for the conversion steps to judge.
            components.insert(kind.clone(), entries.clone());
            continue;
        }
        let mut entries = entries.as_object().cloned().unwrap_or_default();
        entries.retain(|name, _| {
            if referenced {
                kept.contains(&(kind.clone(), name.clone()))
            } else {
                schemes.contains(name)
            }
        });
        if !entries.is_empty() {
            components.insert(kind.clone(), Value::Object(entries));
        }
    }
    Ok((!components.is_empty()).then_some(Value::Object(components)))
}

/// Every `$ref` in `value`.
fn collect_refs(value: &Value, refs: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                refs.push(reference.clone());
            }
            for child in map.values() {
                collect_refs(child, refs);
            }
        }
        Value::Array(items) => {
            for item in items {
                collect_refs(item, refs);
            }
        }
        _ => {}
    }
}

/// The component kind and name a local `$ref` points into
/// (`#/components/schemas/A/properties/b` is in schema `A`).
fn component_of(reference: &str) -> anyhow::Result<(String, String)> {
    let mut segments = reference
        .strip_prefix("#/components/")
        .with_context(|| {
            format!("`{reference}` is not a local component reference, which the fragment needs")
        })?
        .split('/');
    match (segments.next(), segments.next()) {
        (Some(kind), Some(name)) if !kind.is_empty() && !name.is_empty() => {
            Ok((kind.to_owned(), name.replace("~1", "/").replace("~0", "~")))
        }
        _ => bail!("`{reference}` does not name a component"),
    }
}

/// The security schemes named by the top-level requirements and by the
/// kept operations' own.
fn used_security_schemes(upstream: &Value, paths: &Value) -> BTreeSet<String> {
    let mut requirements: Vec<&Value> = upstream.get("security").into_iter().collect();
    for item in paths.as_object().into_iter().flat_map(Map::values) {
        for method in METHODS {
            requirements.extend(item.get(method).and_then(|op| op.get("security")));
        }
    }
    requirements
        .into_iter()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_object)
        .flat_map(Map::keys)
        .cloned()
        .collect()
}

/// The upstream's tag entries that the kept operations carry, in the
/// upstream's order.
fn used_tags(upstream: &Value, paths: &Value) -> Option<Value> {
    let used: BTreeSet<&str> = paths
        .as_object()
        .into_iter()
        .flat_map(Map::values)
        .flat_map(|item| METHODS.iter().filter_map(|method| item.get(*method)))
        .filter_map(|operation| operation.get("tags").and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let tags: Vec<Value> = upstream
        .get("tags")
        .and_then(Value::as_array)?
        .iter()
        .filter(|tag| {
            tag.get("name")
                .and_then(Value::as_str)
                .is_some_and(|name| used.contains(name))
        })
        .cloned()
        .collect();
    (!tags.is_empty()).then_some(Value::Array(tags))
}

fn set_or_remove(root: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    match value {
        Some(value) => root.insert(key.to_owned(), value),
        None => root.remove(key),
    };
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::{Location, select};
    use crate::fragment::manifest::Manifest;

    fn manifest(operations: &str) -> Manifest {
        Manifest::parse(operations).unwrap()
    }

    fn schema_ref(name: &str) -> Value {
        json!({"$ref": format!("#/components/schemas/{name}")})
    }

    fn upstream() -> Value {
        json!({
            "openapi": "3.1.0",
            "info": {"title": "Up", "version": "1"},
            "security": [{"bearer": []}],
            "tags": [{"name": "Kept", "description": "k"}, {"name": "Other"}],
            "paths": {
                "/jobs/{id}": {
                    "parameters": [{"$ref": "#/components/parameters/Id"}],
                    "get": {
                        "operationId": "get_job_jobs__id__get",
                        "tags": ["Kept"],
                        "responses": {
                            "200": {"content": {"application/json": {"schema": schema_ref("Job")}}},
                            "404": {"$ref": "#/components/responses/NotFound"}
                        }
                    },
                    "patch": {"operationId": "patch_job", "tags": ["Other"], "responses": {}}
                },
                "/jobs": {"post": {
                    "operationId": "create_job_jobs_post",
                    "security": [{"apiKey": []}],
                    "requestBody": {"$ref": "#/components/requestBodies/NewJob"},
                    "responses": {}
                }},
                "/other": {"get": {"operationId": "other", "tags": ["Other"], "responses": {
                    "200": {"content": {"application/json": {"schema": schema_ref("Unrelated")}}}
                }}}
            },
            "components": {
                "schemas": {
                    "Job": {"properties": {"status": schema_ref("Status"), "tree": schema_ref("Job")}},
                    "Status": {"enum": ["A"]},
                    "Problem": {"properties": {"detail": {"type": "string"}}},
                    "JobCreate": {"properties": {"name": {"type": "string"}}},
                    "Unrelated": {"type": "string"}
                },
                "parameters": {"Id": {"name": "id", "in": "path", "schema": {"type": "string"}}},
                "responses": {"NotFound": {"content": {"application/json": {"schema": schema_ref("Problem")}}}},
                "requestBodies": {"NewJob": {"content": {"application/json": {"schema": schema_ref("JobCreate")}}}},
                "securitySchemes": {"bearer": {"type": "http"}, "apiKey": {"type": "apiKey"}, "unused": {"type": "http"}},
                "pathItems": {"P": {}}
            },
            "webhooks": {"w": {}}
        })
    }

    #[test]
    fn keeps_the_operations_and_what_they_use_transitively() {
        let manifest = manifest(
            r#"
            [[operation]]
            method = "get"
            path = "/jobs/{id}"
            operation_id = "get_job"
            [[operation]]
            upstream_id = "create_job_jobs_post"
            "#,
        );
        let selection = select(&upstream(), &manifest).unwrap();
        let document = selection.document;
        assert_eq!(
            selection.locations,
            [
                Some(Location {
                    method: "get".into(),
                    path: "/jobs/{id}".into()
                }),
                Some(Location {
                    method: "post".into(),
                    path: "/jobs".into()
                }),
            ]
        );
        assert_eq!(
            document["paths"]["/jobs/{id}"]["get"]["operationId"],
            "get_job"
        );
        assert_eq!(
            document["paths"]["/jobs"]["post"]["operationId"],
            "create_job_jobs_post"
        );
        // The path-level parameter stays; the unlisted method goes.
        assert!(document["paths"]["/jobs/{id}"]["parameters"].is_array());
        assert!(document["paths"]["/jobs/{id}"].get("patch").is_none());
        assert!(document["paths"].get("/other").is_none());

        let names = |kind: &str| -> Vec<String> {
            document["components"][kind]
                .as_object()
                .map(|entries| entries.keys().cloned().collect())
                .unwrap_or_default()
        };
        // Through a response and a request body component, and recursively.
        assert_eq!(names("schemas"), ["Job", "JobCreate", "Problem", "Status"]);
        assert_eq!(names("parameters"), ["Id"]);
        assert_eq!(names("responses"), ["NotFound"]);
        assert_eq!(names("requestBodies"), ["NewJob"]);
        // The top-level requirement's scheme and the operation's own.
        assert_eq!(names("securitySchemes"), ["apiKey", "bearer"]);
        // Unknown kinds and top-level keys are left to the conversion.
        assert_eq!(names("pathItems"), ["P"]);
        assert!(document.get("webhooks").is_some());
        assert_eq!(
            document["tags"],
            json!([{"name": "Kept", "description": "k"}])
        );
    }

    #[test]
    fn an_operation_the_upstream_lacks_has_no_location() {
        let manifest = manifest(
            "[[operation]]\nmethod = \"delete\"\npath = \"/jobs/{id}\"\n[[operation]]\nupstream_id = \"gone\"\n",
        );
        let selection = select(&upstream(), &manifest).unwrap();
        assert_eq!(selection.locations, [None, None]);
        assert_eq!(selection.document["paths"], json!({}));
        assert!(
            selection.document.get("components").is_some_and(|c| {
                c.get("schemas").is_none() && c.get("securitySchemes").is_some()
            })
        );
        assert!(selection.document.get("tags").is_none());
    }

    #[test]
    fn broken_or_unsupported_references_are_errors() {
        let manifest = manifest("[[operation]]\nupstream_id = \"other\"\n");
        for (reference, message) in [
            ("#/components/schemas/Missing", "points to nothing"),
            ("other.json#/A", "not a local component reference"),
            ("#/components/schemas", "does not name a component"),
        ] {
            let mut upstream = upstream();
            upstream["paths"]["/other"]["get"]["responses"]["200"]["content"]["application/json"]
                ["schema"] = json!({"$ref": reference});
            let error = format!("{:#}", select(&upstream, &manifest).unwrap_err());
            assert!(error.contains(message), "{error}");
        }
    }

    #[test]
    fn an_operation_needs_an_operation_id() {
        let mut upstream = upstream();
        upstream["paths"]["/other"]["get"]
            .as_object_mut()
            .unwrap()
            .remove("operationId");
        let by_location = manifest("[[operation]]\nmethod = \"get\"\npath = \"/other\"\n");
        let error = select(&upstream, &by_location).unwrap_err();
        assert!(error.to_string().contains("GET /other has no operationId"));
        let renamed = manifest(
            "[[operation]]\nmethod = \"get\"\npath = \"/other\"\noperation_id = \"other\"\n",
        );
        assert!(select(&upstream, &renamed).is_ok());
    }
}
