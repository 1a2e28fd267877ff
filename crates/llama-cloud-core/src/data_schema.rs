//! [`DataSchema`]: the JSON schema of the data an agent extracts.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::raw_json::RawJson;

/// A JSON object.
pub type JsonObject = serde_json::Map<String, Value>;

/// Why a value is not a data schema: the value (or the Rust type's name)
/// and the rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid data_schema {:?}: {rule}", cut(value))]
pub struct DataSchemaError {
    value: String,
    rule: String,
}

impl DataSchemaError {
    fn new(value: impl Into<String>, rule: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            rule: rule.into(),
        }
    }

    /// The field: `data_schema`.
    pub fn field(&self) -> &'static str {
        "data_schema"
    }

    /// The value, or the name of the Rust type the schema was made from.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The rule it breaks.
    pub fn rule(&self) -> &str {
        &self.rule
    }
}

/// The first 64 characters of `value`, so an error never quotes a whole
/// document.
fn cut(value: &str) -> String {
    match value.char_indices().nth(64) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_owned(),
    }
}

/// The JSON schema of the data to extract: always a JSON object.
///
/// The API also accepts a schema as a JSON string; this type parses such a
/// string on the way in, so a schema that is not a JSON object is refused
/// before any request is sent. A schema in a response is kept as the JSON
/// text it came as ([`RawJson`]), checked to be an object, and parsed only
/// when asked for ([`to_object`](Self::to_object)): a hostile schema costs
/// its own size in memory, not a tree many times larger.
///
/// ```
/// use llama_cloud_core::DataSchema;
/// use serde_json::json;
///
/// let schema = DataSchema::from_value(json!({
///     "type": "object",
///     "properties": {"total": {"type": "number"}}
/// }))?;
/// let same = DataSchema::from_json_str(r#"{"type":"object","properties":{"total":{"type":"number"}}}"#)?;
/// assert_eq!(schema, same);
/// assert!(DataSchema::from_value(json!(["not", "an", "object"])).is_err());
/// # Ok::<(), llama_cloud_core::DataSchemaError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct DataSchema(RawJson);

/// The rule every schema keeps.
const MUST_BE_AN_OBJECT: &str = "a JSON schema must be a JSON object";

impl DataSchema {
    /// A schema from a JSON value, which must be an object.
    ///
    /// # Errors
    ///
    /// [`DataSchemaError`] naming the value when it is not a JSON object.
    pub fn from_value(value: Value) -> Result<Self, DataSchemaError> {
        match value {
            Value::Object(_) => Ok(Self(RawJson::from_value(&value))),
            other => Err(DataSchemaError::new(other.to_string(), MUST_BE_AN_OBJECT)),
        }
    }

    /// A schema from JSON text, which must hold an object.
    ///
    /// # Errors
    ///
    /// [`DataSchemaError`] when the text is not well-formed JSON (with
    /// serde_json's line and column) or holds something other than an
    /// object.
    pub fn from_json_str(text: &str) -> Result<Self, DataSchemaError> {
        let raw = RawJson::from_json_str(text.trim())
            .map_err(|error| DataSchemaError::new(text, format!("not valid JSON: {error}")))?;
        Self::from_raw(raw)
    }

    /// A schema from JSON text already checked to be well-formed.
    fn from_raw(raw: RawJson) -> Result<Self, DataSchemaError> {
        if raw.is_object() {
            Ok(Self(raw))
        } else {
            Err(DataSchemaError::new(raw.as_str(), MUST_BE_AN_OBJECT))
        }
    }

    /// The schema of a Rust type, in the form LlamaExtract accepts: a
    /// self-contained JSON object schema, with every `$ref` inlined and doc
    /// comments carried over as descriptions. `Option<T>` fields become
    /// `anyOf: [T, null]`, as pydantic writes them, and the Rust-specific
    /// number formats schemars adds (`double`, `uint32`, …) are left out:
    /// they are not JSON Schema formats.
    ///
    /// ```
    /// use llama_cloud_core::DataSchema;
    /// use schemars::JsonSchema;
    ///
    /// /// An invoice.
    /// #[derive(JsonSchema)]
    /// struct Invoice {
    ///     /// The invoice number, as printed.
    ///     number: String,
    ///     /// The total, tax included.
    ///     total: f64,
    ///     lines: Vec<Line>,
    /// }
    ///
    /// #[derive(JsonSchema)]
    /// struct Line {
    ///     description: String,
    ///     amount: Option<f64>,
    /// }
    ///
    /// let schema = DataSchema::for_type::<Invoice>()?;
    /// let json = serde_json::Value::Object(schema.into_object()?);
    /// assert_eq!(json["type"], "object");
    /// assert_eq!(json["properties"]["number"]["description"], "The invoice number, as printed.");
    /// assert_eq!(json["properties"]["lines"]["items"]["type"], "object");
    /// # Ok::<(), llama_cloud_core::DataSchemaError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The service takes a self-contained object schema, so these are
    /// refused before any request: a type whose schema is not an object
    /// (`Vec<T>`, `String`, an enum at the root), and a recursive type (a
    /// `$ref` that cannot be inlined).
    pub fn for_type<T: schemars::JsonSchema>() -> Result<Self, DataSchemaError> {
        let generator = schemars::generate::SchemaSettings::draft07()
            .with(|settings| {
                settings.inline_subschemas = true;
                settings.meta_schema = None;
            })
            .into_generator();
        let mut value = generator.into_root_schema_for::<T>().to_value();
        let name = T::schema_name();
        if let Some(object) = value.as_object_mut() {
            object.remove("definitions");
        }
        if let Some(path) = find_ref(&value, &mut String::new()) {
            return Err(DataSchemaError::new(
                name,
                format!(
                    "the type is recursive (a reference at {path} cannot be inlined); LlamaExtract needs a self-contained schema"
                ),
            ));
        }
        nullable_as_any_of(&mut value);
        drop_rust_formats(&mut value);
        let is_object = value.get("type").and_then(Value::as_str) == Some("object");
        match value {
            Value::Object(_) if is_object => Ok(Self(RawJson::from_value(&value))),
            _ => Err(DataSchemaError::new(
                name,
                "the schema of the type must be a JSON object (a struct or a map), not a list, a scalar or an enum",
            )),
        }
    }

    /// The schema parsed into a JSON object.
    ///
    /// # Errors
    ///
    /// A schema from a response is kept as its text, checked to be an
    /// object but not parsed: one nested deeper than serde_json's limit of
    /// 128, or holding a number out of range (`1e400`), does not parse, and
    /// the error says why.
    pub fn to_object(&self) -> Result<JsonObject, DataSchemaError> {
        self.0.parse().map_err(|error| {
            DataSchemaError::new(self.0.as_str(), format!("it does not parse: {error}"))
        })
    }

    /// The schema parsed into a JSON object, consuming it.
    ///
    /// # Errors
    ///
    /// As [`to_object`](Self::to_object).
    pub fn into_object(self) -> Result<JsonObject, DataSchemaError> {
        self.to_object()
    }

    /// The schema as the JSON text it is kept as.
    pub fn as_json(&self) -> &RawJson {
        &self.0
    }
}

impl From<JsonObject> for DataSchema {
    fn from(object: JsonObject) -> Self {
        Self(RawJson::from_value(&Value::Object(object)))
    }
}

impl<'de> Deserialize<'de> for DataSchema {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawJson::deserialize(deserializer)?;
        if raw.is_object() {
            Ok(Self(raw))
        } else {
            let kind = if raw.is_array() {
                "an array"
            } else {
                "not an object"
            };
            Err(serde::de::Error::custom(format_args!(
                "{MUST_BE_AN_OBJECT}; this one is {kind}"
            )))
        }
    }
}

impl TryFrom<Value> for DataSchema {
    type Error = DataSchemaError;

    fn try_from(value: Value) -> Result<Self, Self::Error> {
        Self::from_value(value)
    }
}

/// The JSON pointer of the first `$ref` left in `value`, if any.
fn find_ref(value: &Value, path: &mut String) -> Option<String> {
    match value {
        Value::Object(map) => {
            if map.contains_key("$ref") {
                return Some(if path.is_empty() {
                    "/".to_owned()
                } else {
                    path.clone()
                });
            }
            for (key, child) in map {
                let len = path.len();
                path.push('/');
                path.push_str(key);
                let found = find_ref(child, path);
                path.truncate(len);
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        Value::Array(items) => items.iter().enumerate().find_map(|(index, item)| {
            let len = path.len();
            path.push_str(&format!("/{index}"));
            let found = find_ref(item, path);
            path.truncate(len);
            found
        }),
        _ => None,
    }
}

/// `{"type": ["T", "null"], ...}` → `{"anyOf": [{"type": "T", ...}, {"type": "null"}]}`,
/// the form pydantic produces for `Optional[T]` and the service reads.
fn nullable_as_any_of(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for child in map.values_mut() {
                nullable_as_any_of(child);
            }
            let Some(Value::Array(types)) = map.get("type") else {
                return;
            };
            let null = Value::String("null".to_owned());
            if types.len() != 2 || !types.contains(&null) {
                return;
            }
            let Some(other) = types.iter().find(|t| **t != null).cloned() else {
                return;
            };
            let description = map.remove("description");
            let title = map.remove("title");
            let mut inner = std::mem::take(map);
            inner.insert("type".to_owned(), other);
            map.insert(
                "anyOf".to_owned(),
                Value::Array(vec![
                    Value::Object(inner),
                    serde_json::json!({"type": "null"}),
                ]),
            );
            if let Some(description) = description {
                map.insert("description".to_owned(), description);
            }
            if let Some(title) = title {
                map.insert("title".to_owned(), title);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(nullable_as_any_of),
        _ => {}
    }
}

/// Removes `format` values that name Rust number types rather than JSON
/// Schema formats (`date-time`, `uuid` and the like are kept).
fn drop_rust_formats(value: &mut Value) {
    const RUST_FORMATS: [&str; 12] = [
        "double", "float", "int8", "int16", "int32", "int64", "int", "uint8", "uint16", "uint32",
        "uint64", "uint",
    ];
    match value {
        Value::Object(map) => {
            if map
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| RUST_FORMATS.contains(&f))
            {
                map.remove("format");
            }
            map.values_mut().for_each(drop_rust_formats);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_rust_formats),
        _ => {}
    }
}
