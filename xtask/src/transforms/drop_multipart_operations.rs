//! `drop_multipart_operations`: leave out operations whose request body is
//! `multipart/form-data`.
//!
//! progenitor 0.15 refuses the whole document when one operation takes
//! multipart ("unexpected content type: multipart/form-data"). Those
//! operations (file upload, run a job on a file) are written by hand in the
//! `llama-cloud` crate on the same transport as every other call; the
//! generated client simply does not have them. Their form schemas stay in
//! the document, so the generated types still describe the form fields.

use serde_json::Value;

use crate::spec::METHODS;

/// Removes every multipart operation, and every path left with none.
pub fn drop_multipart_operations(spec: &mut Value) -> anyhow::Result<()> {
    let Some(paths) = spec.get_mut("paths").and_then(Value::as_object_mut) else {
        return Ok(());
    };
    for item in paths.values_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for method in METHODS {
            if item.get(method).is_some_and(is_multipart) {
                item.remove(method);
            }
        }
    }
    paths.retain(|_, item| {
        item.as_object()
            .is_some_and(|item| METHODS.iter().any(|method| item.contains_key(*method)))
    });
    Ok(())
}

fn is_multipart(operation: &Value) -> bool {
    operation
        .get("requestBody")
        .and_then(|body| body.get("content"))
        .and_then(Value::as_object)
        .is_some_and(|content| content.contains_key("multipart/form-data"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::drop_multipart_operations;

    #[test]
    fn multipart_operations_and_emptied_paths_are_removed() {
        let multipart = json!({"operationId": "upload", "requestBody": {"content": {"multipart/form-data": {}}}});
        let plain = json!({"operationId": "list"});
        let mut spec = json!({"paths": {
            "/files": {"post": multipart.clone(), "get": plain.clone()},
            "/upload": {"post": multipart, "parameters": []},
        }});
        drop_multipart_operations(&mut spec).unwrap();
        assert_eq!(spec, json!({"paths": {"/files": {"get": plain}}}));
    }

    #[test]
    fn json_bodies_are_kept() {
        let mut spec = json!({"paths": {"/jobs": {"post": {"requestBody": {"content": {"application/json": {}}}}}}});
        let before = spec.clone();
        drop_multipart_operations(&mut spec).unwrap();
        assert_eq!(spec, before);
    }
}
