//! What the manifest adds to the selected, converted document: the
//! fragment's own `info`, and the error responses FastAPI does not declare.

use anyhow::Context as _;
use serde_json::{Map, Value, json};

use super::manifest::Manifest;
use super::select::Location;

/// Sets the manifest's `[info]` keys over the upstream's (whose `version`
/// stays: progenitor sends it as the `api-version` header).
pub fn info(document: &mut Value, info: &Map<String, Value>) {
    if info.is_empty() {
        return;
    }
    let target = document
        .as_object_mut()
        .map(|root| root.entry("info").or_insert_with(|| json!({})));
    if let Some(Value::Object(target)) = target {
        target.extend(info.iter().map(|(key, value)| (key.clone(), value.clone())));
    }
}

/// `document_error_responses`: adds the manifest's error responses to each
/// operation that does not declare the status itself, with the manifest's
/// error body schema, and adds that schema when a response uses it.
///
/// FastAPI declares 422 (validation) by itself; the errors its handlers
/// raise (`HTTPException`: 401, 404, 429, 500 with `{"detail": "..."}`) are
/// declared only when an endpoint lists them, which LlamaCloud's do not. The
/// SDK needs them in the contract: the generated client's error type (see
/// `unify_error_bodies`) and the fake server's error bodies come from them.
/// A status the upstream does declare is the upstream's: it is kept as it
/// is.
pub fn document_error_responses(
    document: &mut Value,
    manifest: &Manifest,
    locations: &[Option<Location>],
) -> anyhow::Result<()> {
    let Some(body) = &manifest.error_body else {
        return Ok(());
    };
    let reference = json!({ "$ref": format!("#/components/schemas/{}", body.name) });
    let mut used = false;
    for (wanted, location) in manifest.operations.iter().zip(locations) {
        let Some(Location { method, path }) = location else {
            continue;
        };
        let operation = document
            .get_mut("paths")
            .and_then(|paths| paths.get_mut(path))
            .and_then(|item| item.get_mut(method))
            .and_then(Value::as_object_mut)
            .with_context(|| format!("{} is not in the selected document", wanted.selector))?;
        let responses = operation
            .entry("responses")
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .with_context(|| format!("{}: `responses` is not an object", wanted.selector))?;
        for (status, description) in &wanted.errors {
            if responses.contains_key(status) {
                continue;
            }
            responses.insert(
                status.clone(),
                json!({
                    "description": description,
                    "content": {"application/json": {"schema": reference}},
                }),
            );
            used = true;
        }
    }
    if used {
        let schemas = document
            .as_object_mut()
            .context("the document is not an object")?
            .entry("components")
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .context("`components` is not an object")?
            .entry("schemas")
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .context("`components.schemas` is not an object")?;
        schemas
            .entry(body.name.clone())
            .or_insert_with(|| body.schema.clone());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{document_error_responses, info};
    use crate::fragment::manifest::Manifest;
    use crate::fragment::select::Location;

    const MANIFEST: &str = r#"
        [info]
        title = "Fragment"
        [errors]
        schema_name = "ErrorDetail"
        every_operation = ["401"]
        [errors.descriptions]
        "401" = "Unauthorized."
        "404" = "Not found."
        [errors.schema]
        type = "object"
        [[operation]]
        method = "get"
        path = "/a"
        errors = ["404"]
        [[operation]]
        method = "get"
        path = "/gone"
    "#;

    fn locations() -> Vec<Option<Location>> {
        vec![
            Some(Location {
                method: "get".into(),
                path: "/a".into(),
            }),
            None,
        ]
    }

    #[test]
    fn missing_statuses_are_added_and_declared_ones_kept() {
        let manifest = Manifest::parse(MANIFEST).unwrap();
        let upstream_404 = json!({"description": "Upstream's own."});
        let mut document = json!({"paths": {"/a": {"get": {"responses": {
            "200": {"description": "OK"}, "404": upstream_404
        }}}}});
        document_error_responses(&mut document, &manifest, &locations()).unwrap();
        assert_eq!(
            document,
            json!({
                "paths": {"/a": {"get": {"responses": {
                    "200": {"description": "OK"},
                    "401": {"description": "Unauthorized.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorDetail"}}}},
                    "404": upstream_404
                }}}},
                "components": {"schemas": {"ErrorDetail": {"type": "object"}}}
            })
        );
    }

    #[test]
    fn an_upstream_schema_of_that_name_is_kept_and_unused_schemas_not_added() {
        let manifest = Manifest::parse(MANIFEST).unwrap();
        let upstream_schema = json!({"type": "object", "properties": {"detail": {}}});
        let mut document = json!({
            "paths": {"/a": {"get": {"responses": {}}}},
            "components": {"schemas": {"ErrorDetail": upstream_schema}}
        });
        document_error_responses(&mut document, &manifest, &locations()).unwrap();
        assert_eq!(
            document["components"]["schemas"]["ErrorDetail"],
            upstream_schema
        );

        let mut declared = json!({"paths": {"/a": {"get": {"responses": {
            "401": {"description": "x"}, "404": {"description": "y"}
        }}}}});
        let before = declared.clone();
        document_error_responses(&mut declared, &manifest, &locations()).unwrap();
        assert_eq!(declared, before);
    }

    #[test]
    fn info_keys_replace_the_upstreams() {
        let manifest = Manifest::parse(MANIFEST).unwrap();
        let mut document = json!({"info": {"title": "Upstream", "version": "2"}});
        info(&mut document, &manifest.info);
        assert_eq!(
            document,
            json!({"info": {"title": "Fragment", "version": "2"}})
        );
    }
}
