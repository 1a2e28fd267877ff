//! Reading an OpenAPI document as JSON: the names, walkers and step lists
//! that the codegen transformations and the fragment conversion share.

use serde_json::{Map, Value};

/// The HTTP methods a path item may hold an operation under.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// A named rewrite of a whole document: a codegen transformation or a
/// fragment conversion step.
#[derive(Debug)]
pub struct Transform {
    /// The rewrite's name, as its module is named and the README lists it.
    pub name: &'static str,
    /// Rewrites the document in place.
    pub apply: fn(&mut Value) -> anyhow::Result<()>,
}

/// Applies `steps` to `document` in order; an error names the step.
pub fn apply_all(steps: &[Transform], document: &mut Value) -> anyhow::Result<()> {
    for step in steps {
        (step.apply)(document).map_err(|error| error.context(format!("step `{}`", step.name)))?;
    }
    Ok(())
}

/// Calls `visit` on every JSON object in `value`, parents before children.
pub fn visit_objects(value: &mut Value, visit: &mut dyn FnMut(&mut Map<String, Value>)) {
    match value {
        Value::Object(map) => {
            visit(map);
            for child in map.values_mut() {
                visit_objects(child, visit);
            }
        }
        Value::Array(items) => {
            for item in items {
                visit_objects(item, visit);
            }
        }
        _ => {}
    }
}

/// Whether `schema` is a string enum: `type: string` with a non-empty
/// `enum` of strings.
pub fn is_string_enum(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("string")
        && schema
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|values| !values.is_empty() && values.iter().all(Value::is_string))
}

/// The operation whose operationId is `id`, for changing it.
pub fn operation_mut<'d>(document: &'d mut Value, id: &str) -> Option<&'d mut Value> {
    let paths = document.get_mut("paths")?.as_object_mut()?;
    let (path, method) = paths.iter().find_map(|(path, item)| {
        METHODS
            .iter()
            .find(|method| {
                item.get(**method)
                    .and_then(|operation| operation.get("operationId"))
                    .and_then(Value::as_str)
                    == Some(id)
            })
            .map(|method| (path.clone(), *method))
    })?;
    paths.get_mut(&path)?.get_mut(method)
}

/// The schema a local `$ref` (`#/components/schemas/Name`) points to.
pub fn resolve_ref<'a>(spec: &'a Value, reference: &str) -> Option<&'a Value> {
    let name = reference.strip_prefix("#/components/schemas/")?;
    spec.get("components")?.get("schemas")?.get(name)
}

/// A schema visitor: the schema's JSON pointer in the document, and the
/// schema.
pub type SchemaVisitor<'a> = dyn FnMut(&str, &mut Map<String, Value>) + 'a;

/// Calls `visit` on every Schema Object of an OpenAPI 3.0 or 3.1 document,
/// parents before children: component schemas and the schemas of
/// parameters, headers, request bodies and responses wherever they are
/// declared (paths, webhooks, callbacks, components).
///
/// Unlike [`visit_objects`] it does not descend into examples, defaults or
/// enum values, which are data that may look like schemas, nor into a
/// `properties` map itself (a property named `type` is not a `type`
/// keyword). `visit` sees a schema before its subschemas, so a rewrite that
/// lifts a subschema into its parent has the lifted keywords visited too.
pub fn visit_schemas(document: &mut Value, visit: &mut SchemaVisitor<'_>) {
    let Some(root) = document.as_object_mut() else {
        return;
    };
    for key in ["paths", "webhooks"] {
        if let Some(items) = root.get_mut(key).and_then(Value::as_object_mut) {
            for (name, item) in items {
                path_item(&format!("/{key}/{}", escape(name)), item, visit);
            }
        }
    }
    let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) else {
        return;
    };
    for (kind, entries) in components {
        let Some(entries) = entries.as_object_mut() else {
            continue;
        };
        for (name, entry) in entries {
            let at = format!("/components/{kind}/{}", escape(name));
            match kind.as_str() {
                "schemas" => schema(&at, entry, visit),
                "parameters" | "headers" => parameter(&at, entry, visit),
                "requestBodies" | "responses" => body(&at, entry, visit),
                "pathItems" => path_item(&at, entry, visit),
                "callbacks" => callback(&at, entry, visit),
                _ => {}
            }
        }
    }
}

/// Escapes a name for a JSON pointer segment (RFC 6901).
pub fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

fn path_item(at: &str, item: &mut Value, visit: &mut SchemaVisitor<'_>) {
    let Some(item) = item.as_object_mut() else {
        return;
    };
    if let Some(parameters) = item.get_mut("parameters") {
        each_item(&format!("{at}/parameters"), parameters, visit, parameter);
    }
    for method in METHODS {
        let Some(operation) = item.get_mut(method).and_then(Value::as_object_mut) else {
            continue;
        };
        let at = format!("{at}/{method}");
        if let Some(parameters) = operation.get_mut("parameters") {
            each_item(&format!("{at}/parameters"), parameters, visit, parameter);
        }
        if let Some(request) = operation.get_mut("requestBody") {
            body(&format!("{at}/requestBody"), request, visit);
        }
        if let Some(responses) = operation.get_mut("responses") {
            each_value(&format!("{at}/responses"), responses, visit, body);
        }
        if let Some(callbacks) = operation.get_mut("callbacks") {
            each_value(&format!("{at}/callbacks"), callbacks, visit, callback);
        }
    }
}

/// A callback: runtime expressions to path items.
fn callback(at: &str, callback: &mut Value, visit: &mut SchemaVisitor<'_>) {
    each_value(at, callback, visit, path_item);
}

/// A parameter or a header: a `schema`, or a `content` map.
fn parameter(at: &str, parameter: &mut Value, visit: &mut SchemaVisitor<'_>) {
    if let Some(child) = parameter.get_mut("schema") {
        schema(&format!("{at}/schema"), child, visit);
    }
    content(at, parameter, visit);
}

/// A request body or a response: a `content` map, and (responses) headers.
fn body(at: &str, body: &mut Value, visit: &mut SchemaVisitor<'_>) {
    content(at, body, visit);
    if let Some(headers) = body.get_mut("headers") {
        each_value(&format!("{at}/headers"), headers, visit, parameter);
    }
}

fn content(at: &str, holder: &mut Value, visit: &mut SchemaVisitor<'_>) {
    let Some(media) = holder.get_mut("content").and_then(Value::as_object_mut) else {
        return;
    };
    for (media_type, entry) in media {
        if let Some(child) = entry.get_mut("schema") {
            schema(
                &format!("{at}/content/{}/schema", escape(media_type)),
                child,
                visit,
            );
        }
    }
}

/// Keywords whose value is one subschema (or, for `items` in old drafts, a
/// list of them).
const ONE_SUBSCHEMA: [&str; 11] = [
    "items",
    "additionalItems",
    "additionalProperties",
    "not",
    "contains",
    "if",
    "then",
    "else",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
];
/// Keywords whose value is a list of subschemas.
const LIST_OF_SUBSCHEMAS: [&str; 4] = ["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value maps names to subschemas.
const MAP_OF_SUBSCHEMAS: [&str; 5] = [
    "properties",
    "patternProperties",
    "dependentSchemas",
    "$defs",
    "definitions",
];

fn schema(at: &str, value: &mut Value, visit: &mut SchemaVisitor<'_>) {
    let Value::Object(map) = value else {
        return;
    };
    visit(at, map);
    for key in ONE_SUBSCHEMA {
        match map.get_mut(key) {
            Some(child @ Value::Object(_)) => schema(&format!("{at}/{key}"), child, visit),
            Some(list @ Value::Array(_)) => each_item(&format!("{at}/{key}"), list, visit, schema),
            _ => {}
        }
    }
    for key in LIST_OF_SUBSCHEMAS {
        if let Some(list) = map.get_mut(key) {
            each_item(&format!("{at}/{key}"), list, visit, schema);
        }
    }
    for key in MAP_OF_SUBSCHEMAS {
        if let Some(children) = map.get_mut(key) {
            each_value(&format!("{at}/{}", escape(key)), children, visit, schema);
        }
    }
}

type Walk = fn(&str, &mut Value, &mut SchemaVisitor<'_>);

fn each_item(at: &str, list: &mut Value, visit: &mut SchemaVisitor<'_>, walk: Walk) {
    if let Some(items) = list.as_array_mut() {
        for (index, item) in items.iter_mut().enumerate() {
            walk(&format!("{at}/{index}"), item, visit);
        }
    }
}

fn each_value(at: &str, map: &mut Value, visit: &mut SchemaVisitor<'_>, walk: Walk) {
    if let Some(entries) = map.as_object_mut() {
        for (name, entry) in entries {
            walk(&format!("{at}/{}", escape(name)), entry, visit);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::visit_schemas;

    fn visited(mut document: serde_json::Value) -> Vec<String> {
        let mut seen = Vec::new();
        visit_schemas(&mut document, &mut |at, _| seen.push(at.to_owned()));
        seen
    }

    #[test]
    fn every_place_a_schema_is_declared_is_visited() {
        let document = json!({
            "paths": {"/a/{id}": {
                "parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}],
                "post": {
                    "parameters": [{"name": "q", "in": "query", "content": {"application/json": {"schema": {}}}}],
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}},
                    "responses": {"200": {
                        "headers": {"x-h": {"schema": {"type": "integer"}}},
                        "content": {"application/json": {"schema": {"type": "array", "items": {"type": "string"}}}}
                    }}
                }
            }},
            "components": {
                "schemas": {"A": {"properties": {"type": {"anyOf": [{"type": "string"}, {"type": "null"}]}}}},
                "parameters": {"P": {"schema": {"type": "boolean"}}},
                "responses": {"R": {"content": {"text/plain": {"schema": {"type": "string"}}}}}
            }
        });
        insta::assert_debug_snapshot!(visited(document), @r#"
        [
            "/paths/~1a~1{id}/parameters/0/schema",
            "/paths/~1a~1{id}/post/parameters/0/content/application~1json/schema",
            "/paths/~1a~1{id}/post/requestBody/content/application~1json/schema",
            "/paths/~1a~1{id}/post/responses/200/content/application~1json/schema",
            "/paths/~1a~1{id}/post/responses/200/content/application~1json/schema/items",
            "/paths/~1a~1{id}/post/responses/200/headers/x-h/schema",
            "/components/parameters/P/schema",
            "/components/responses/R/content/text~1plain/schema",
            "/components/schemas/A",
            "/components/schemas/A/properties/type",
            "/components/schemas/A/properties/type/anyOf/0",
            "/components/schemas/A/properties/type/anyOf/1",
        ]
        "#);
    }

    #[test]
    fn examples_defaults_and_enum_values_are_data_not_schemas() {
        let document = json!({"components": {"schemas": {"A": {
            "default": {"type": ["string", "null"]},
            "example": {"anyOf": []},
            "enum": [{"const": 1}],
            "examples": [{"type": "x"}]
        }}}});
        assert_eq!(visited(document), ["/components/schemas/A"]);
    }
}
