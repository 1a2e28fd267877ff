//! `drop_session_cookie`: FastAPI's `session` cookie parameter (and any
//! other cookie parameter) comes off every operation.
//!
//! LlamaCloud's web app authenticates with a `session` cookie, and the
//! upstream declares it (optional) on every operation. An API client
//! authenticates with its key and never sends it; progenitor cannot generate
//! cookie parameters at all (it stops on the first one), so a cookie the
//! upstream adds later goes the same way.

use anyhow::Context as _;
use serde_json::Value;

use crate::spec::METHODS;

/// Removes every cookie parameter (`session`, the one the upstream has) from
/// every operation and path item of `document`, and from
/// `components.parameters` (with the `$ref`s to it).
pub fn drop_session_cookie(document: &mut Value) -> anyhow::Result<()> {
    let shared: Vec<String> = document
        .pointer("/components/parameters")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, parameter)| is_session_cookie(parameter))
        .map(|(name, _)| format!("#/components/parameters/{name}"))
        .collect();
    if let Some(parameters) = document
        .pointer_mut("/components/parameters")
        .and_then(Value::as_object_mut)
    {
        parameters.retain(|_, parameter| !is_session_cookie(parameter));
    }
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return Ok(());
    };
    for (path, item) in paths {
        let item = item
            .as_object_mut()
            .with_context(|| format!("path item {path} is not an object"))?;
        let mut lists = Vec::new();
        for (key, value) in item.iter_mut() {
            if key == "parameters" {
                lists.push(value);
            } else if METHODS.contains(&key.as_str())
                && let Some(parameters) = value.get_mut("parameters")
            {
                lists.push(parameters);
            }
        }
        for list in lists {
            if let Some(list) = list.as_array_mut() {
                list.retain(|parameter| {
                    !is_session_cookie(parameter)
                        && !parameter
                            .get("$ref")
                            .and_then(Value::as_str)
                            .is_some_and(|reference| shared.iter().any(|s| s == reference))
                });
            }
        }
    }
    Ok(())
}

fn is_session_cookie(parameter: &Value) -> bool {
    parameter.get("in").and_then(Value::as_str) == Some("cookie")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::drop_session_cookie;

    #[test]
    fn cookies_go_and_every_other_parameter_stays() {
        let cookie = json!({"name": "session", "in": "cookie", "required": false, "schema": {"anyOf": [{"type": "string"}, {"type": "null"}]}});
        let query = json!({"name": "project_id", "in": "query", "schema": {"type": "string"}});
        let other_cookie = json!({"name": "theme", "in": "cookie", "schema": {"type": "string"}});
        let path_level = json!({"name": "trace", "in": "header", "schema": {"type": "string"}});
        let header_named_session =
            json!({"name": "session", "in": "header", "schema": {"type": "string"}});
        let mut document = json!({
            "paths": {"/a": {
                "parameters": [cookie, other_cookie, path_level],
                "get": {"parameters": [query, cookie, header_named_session]},
                "post": {"parameters": [{"$ref": "#/components/parameters/Session"}, query]}
            }},
            "components": {"parameters": {"Session": cookie, "Project": query}}
        });
        drop_session_cookie(&mut document).unwrap();
        assert_eq!(
            document,
            json!({
                "paths": {"/a": {
                    "parameters": [path_level],
                    "get": {"parameters": [query, header_named_session]},
                    "post": {"parameters": [query]}
                }},
                "components": {"parameters": {"Project": query}}
            })
        );
    }

    #[test]
    fn a_document_without_it_is_unchanged() {
        let mut document = json!({"paths": {"/a": {"get": {"responses": {}}}}});
        let before = document.clone();
        drop_session_cookie(&mut document).unwrap();
        assert_eq!(document, before);
    }
}
