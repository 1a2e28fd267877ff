//! `unify_error_bodies`: one error body type per operation.
//!
//! progenitor 0.15 accepts a single body type across an operation's error
//! responses (it asserts so and panics otherwise). FastAPI's errors have two
//! shapes: `HTTPValidationError` for 422 and `{detail}` for the rest. For an
//! operation whose error responses carry more than one schema, this adds a
//! component schema that is `oneOf` those schemas (in the order of their
//! first status code) and points every error response at it. The union is
//! named after its members (`ErrorDetailOrHTTPValidationError`), so
//! operations with the same error bodies share one type; a union with an
//! inline member is named after the operation (`<OperationId>Error`).

use serde_json::{Value, json};

use crate::spec::METHODS;

/// Gives each operation's error responses a single shared body schema.
pub fn unify_error_bodies(spec: &mut Value) -> anyhow::Result<()> {
    let mut added: Vec<(String, Value)> = Vec::new();
    let existing: Vec<String> = spec
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Value::as_object)
        .map(|schemas| schemas.keys().cloned().collect())
        .unwrap_or_default();
    if let Some(paths) = spec.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            for method in METHODS {
                let Some(operation) = item.get_mut(method) else {
                    continue;
                };
                if let Some(union) = unify_operation(operation)?
                    && !added.contains(&union)
                {
                    if existing.contains(&union.0) || added.iter().any(|(name, _)| *name == union.0)
                    {
                        anyhow::bail!(
                            "schema `{}` already exists; cannot add the error union",
                            union.0
                        );
                    }
                    added.push(union);
                }
            }
        }
    }
    if added.is_empty() {
        return Ok(());
    }
    let schemas = spec
        .get_mut("components")
        .and_then(|c| c.get_mut("schemas"))
        .and_then(Value::as_object_mut)
        .ok_or_else(|| anyhow::anyhow!("the document has no components.schemas"))?;
    schemas.extend(added);
    Ok(())
}

/// Returns the union schema to add for `operation`, if it needs one.
fn unify_operation(operation: &mut Value) -> anyhow::Result<Option<(String, Value)>> {
    let operation_id = operation
        .get("operationId")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| anyhow::anyhow!("an operation has no operationId"))?;
    let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    else {
        return Ok(None);
    };
    let mut distinct: Vec<Value> = Vec::new();
    for (status, response) in responses.iter() {
        if !is_error_status(status) {
            continue;
        }
        if let Some(schema) = json_schema(response)
            && !distinct.contains(schema)
        {
            distinct.push(schema.clone());
        }
    }
    if distinct.len() < 2 {
        return Ok(None);
    }
    let name =
        union_name(&distinct).unwrap_or_else(|| format!("{}Error", pascal_case(&operation_id)));
    let reference = json!({"$ref": format!("#/components/schemas/{name}")});
    for (status, response) in responses.iter_mut() {
        if is_error_status(status)
            && let Some(schema) = json_schema_mut(response)
        {
            *schema = reference.clone();
        }
    }
    let union = json!({
        "description": "An error body: any of the shapes the API's error responses have.",
        "oneOf": distinct,
    });
    Ok(Some((name, union)))
}

/// `AOrB` for members that are all `$ref`s to `A` and `B`.
fn union_name(members: &[Value]) -> Option<String> {
    let names = members
        .iter()
        .map(|member| {
            member
                .get("$ref")?
                .as_str()?
                .strip_prefix("#/components/schemas/")
        })
        .collect::<Option<Vec<&str>>>()?;
    Some(names.join("Or"))
}

fn is_error_status(status: &str) -> bool {
    status == "default" || status.starts_with('4') || status.starts_with('5')
}

fn json_schema(response: &Value) -> Option<&Value> {
    response
        .get("content")?
        .get("application/json")?
        .get("schema")
}

fn json_schema_mut(response: &mut Value) -> Option<&mut Value> {
    response
        .get_mut("content")?
        .get_mut("application/json")?
        .get_mut("schema")
}

fn pascal_case(snake: &str) -> String {
    snake
        .split(['_', '-'])
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::unify_error_bodies;

    fn body(name: &str) -> serde_json::Value {
        json!({"description": "", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}")}}}})
    }

    #[test]
    fn mixed_error_bodies_share_one_union() {
        let mut spec = json!({
            "paths": {"/x": {"get": {"operationId": "get_thing", "responses": {
                "200": body("Thing"), "404": body("Detail"), "422": body("Validation"), "500": body("Detail")
            }}}},
            "components": {"schemas": {}}
        });
        unify_error_bodies(&mut spec).unwrap();
        let responses = &spec["paths"]["/x"]["get"]["responses"];
        let union = json!({"$ref": "#/components/schemas/DetailOrValidation"});
        assert_eq!(
            responses["404"]["content"]["application/json"]["schema"],
            union
        );
        assert_eq!(
            responses["422"]["content"]["application/json"]["schema"],
            union
        );
        assert_eq!(
            responses["200"]["content"]["application/json"]["schema"],
            json!({"$ref": "#/components/schemas/Thing"})
        );
        assert_eq!(
            spec["components"]["schemas"]["DetailOrValidation"]["oneOf"],
            json!([{"$ref": "#/components/schemas/Detail"}, {"$ref": "#/components/schemas/Validation"}])
        );
    }

    #[test]
    fn a_single_error_body_is_left_alone() {
        let mut spec = json!({
            "paths": {"/x": {"get": {"operationId": "get_thing", "responses": {
                "200": body("Thing"), "404": body("Detail"), "500": body("Detail")
            }}}},
            "components": {"schemas": {}}
        });
        let before = spec.clone();
        unify_error_bodies(&mut spec).unwrap();
        assert_eq!(spec, before);
    }

    #[test]
    fn an_existing_schema_of_the_same_name_is_an_error() {
        let mut spec = json!({
            "paths": {"/x": {"get": {"operationId": "get_thing", "responses": {
                "404": body("Detail"), "422": body("Validation")
            }}}},
            "components": {"schemas": {"DetailOrValidation": {}}}
        });
        assert!(unify_error_bodies(&mut spec).is_err());
    }

    #[test]
    fn operations_with_the_same_error_bodies_share_one_union() {
        let op = |id: &str| json!({"operationId": id, "responses": {"404": body("Detail"), "422": body("Validation")}});
        let mut spec = json!({
            "paths": {"/a": {"get": op("get_a"), "delete": op("delete_a")}, "/b": {"get": op("get_b")}},
            "components": {"schemas": {}}
        });
        unify_error_bodies(&mut spec).unwrap();
        let schemas = spec["components"]["schemas"].as_object().unwrap();
        assert_eq!(schemas.keys().collect::<Vec<_>>(), ["DetailOrValidation"]);
    }

    #[test]
    fn a_union_with_an_inline_member_is_named_after_the_operation() {
        let inline = json!({"description": "", "content": {"application/json": {"schema": {"type": "string"}}}});
        let mut spec = json!({
            "paths": {"/x": {"get": {"operationId": "get_thing", "responses": {"404": body("Detail"), "500": inline}}}},
            "components": {"schemas": {}}
        });
        unify_error_bodies(&mut spec).unwrap();
        assert!(spec["components"]["schemas"].get("GetThingError").is_some());
    }
}
