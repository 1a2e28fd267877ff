//! [`DataSchema`]: the JSON schema of the data an agent extracts.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::InvalidInput;
use crate::models::JsonObject;

/// The JSON schema of the data to extract: always a JSON object.
///
/// The API also accepts a schema as a JSON string; this type parses such a
/// string on the way in, so a schema that is not a JSON object is refused
/// before any request is sent.
///
/// ```
/// use llama_cloud::DataSchema;
/// use serde_json::json;
///
/// let schema = DataSchema::from_value(json!({
///     "type": "object",
///     "properties": {"total": {"type": "number"}}
/// }))?;
/// let same = DataSchema::from_json_str(r#"{"type":"object","properties":{"total":{"type":"number"}}}"#)?;
/// assert_eq!(schema, same);
/// assert!(DataSchema::from_value(json!(["not", "an", "object"])).is_err());
/// # Ok::<(), llama_cloud::InvalidInput>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DataSchema(JsonObject);

impl DataSchema {
    /// A schema from a JSON value, which must be an object.
    pub fn from_value(value: Value) -> Result<Self, InvalidInput> {
        match value {
            Value::Object(object) => Ok(Self(object)),
            other => Err(InvalidInput::new(
                "data_schema",
                other.to_string(),
                "a JSON schema must be a JSON object",
            )),
        }
    }

    /// A schema from JSON text, which must hold an object.
    pub fn from_json_str(text: &str) -> Result<Self, InvalidInput> {
        let value: Value = serde_json::from_str(text).map_err(|error| {
            InvalidInput::new("data_schema", text, format!("not valid JSON: {error}"))
        })?;
        Self::from_value(value)
    }

    /// The schema as a JSON object.
    pub fn as_object(&self) -> &JsonObject {
        &self.0
    }

    /// The schema as a JSON object, consuming it.
    pub fn into_object(self) -> JsonObject {
        self.0
    }
}

impl From<JsonObject> for DataSchema {
    fn from(object: JsonObject) -> Self {
        Self(object)
    }
}

impl TryFrom<Value> for DataSchema {
    type Error = InvalidInput;

    fn try_from(value: Value) -> Result<Self, Self::Error> {
        Self::from_value(value)
    }
}
