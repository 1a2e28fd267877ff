//! [`RawJson`]: free-form JSON (extracted data, metadata, error bodies)
//! kept as the text it came as, and parsed only when asked for.
//!
//! Decoding free-form JSON into a `serde_json::Value` builds a tree that
//! can take many times the text's size: each `0,` of a long array becomes
//! a 32-byte `Value`. A response of that shape could take more than twenty
//! times its size in memory before the caller saw it. Kept as text, it
//! takes its own size once; the caller parses it into the type it wants.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use serde_json::value::RawValue;

/// How much of the text `Debug` shows.
const DEBUG_CHARS: usize = 1024;

/// A JSON value kept as its text: checked to be well-formed JSON when
/// decoded, parsed into a type of yours with [`parse`](Self::parse).
///
/// ```
/// use llama_cloud_core::RawJson;
///
/// let data: RawJson = serde_json::from_str(r#"{"total": 12.5, "lines": [1, 2]}"#)?;
/// assert!(data.is_object());
///
/// #[derive(serde::Deserialize)]
/// struct Invoice {
///     total: f64,
/// }
/// let invoice: Invoice = data.parse()?;
/// assert_eq!(invoice.total, 12.5);
/// assert_eq!(data.to_value()["lines"][1], 2);
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// Two values are equal when they are the same JSON (key order and
/// whitespace aside). It serializes as the same JSON text through
/// `serde_json`; other serializers are not supported.
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// `value` as JSON text.
    pub fn from_value(value: &Value) -> Self {
        // A `Value` always serializes: its keys are strings and its numbers
        // are finite. The `null` fallback is for the impossible error.
        Self(serde_json::value::to_raw_value(value).unwrap_or_default())
    }

    /// `text`, checked to be one well-formed JSON value.
    ///
    /// # Errors
    ///
    /// serde_json's error, with the line and column, when `text` is not
    /// well-formed JSON or holds more than one value.
    pub fn from_json_str(text: &str) -> serde_json::Result<Self> {
        RawValue::from_string(text.to_owned()).map(Self)
    }

    /// The JSON text, as it came.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }

    /// The value as `T`.
    ///
    /// # Errors
    ///
    /// serde_json's error, with the line and column, when the JSON does
    /// not fit `T`.
    pub fn parse<T: DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_str(self.as_str())
    }

    /// The value as a `serde_json::Value` tree (which can take many times
    /// the text's size); `null` for text that is well-formed but does not
    /// parse into a value (nested deeper than serde_json's limit of 128, or
    /// a number out of range such as `1e400`). [`parse`](Self::parse) says
    /// why.
    pub fn to_value(&self) -> Value {
        self.parse().unwrap_or(Value::Null)
    }

    /// Whether the value is a JSON object.
    pub fn is_object(&self) -> bool {
        self.first_byte() == Some(b'{')
    }

    /// Whether the value is a JSON array.
    pub fn is_array(&self) -> bool {
        self.first_byte() == Some(b'[')
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        self.first_byte() == Some(b'n')
    }

    /// The text is one value with no surrounding whitespace (serde_json
    /// keeps only the value itself), so its first byte says its kind.
    fn first_byte(&self) -> Option<u8> {
        self.as_str().bytes().next()
    }
}

impl PartialEq for RawJson {
    /// The same text, or texts that parse to the same JSON value. Text that
    /// is well-formed but does not parse into a value (nested deeper than
    /// serde_json's limit, or a number out of range such as `1e400`) equals
    /// only the same text.
    fn eq(&self, other: &Self) -> bool {
        if self.as_str() == other.as_str() {
            return true;
        }
        match (self.parse::<Value>(), other.parse::<Value>()) {
            (Ok(mine), Ok(theirs)) => mine == theirs,
            _ => false,
        }
    }
}

impl From<Value> for RawJson {
    fn from(value: Value) -> Self {
        Self::from_value(&value)
    }
}

impl From<&Value> for RawJson {
    fn from(value: &Value) -> Self {
        Self::from_value(value)
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.as_str();
        match text.char_indices().nth(DEBUG_CHARS) {
            Some((end, _)) => write!(
                f,
                "RawJson({}… ({} more bytes))",
                &text[..end],
                text.len() - end
            ),
            None => write!(f, "RawJson({text})"),
        }
    }
}

impl fmt::Display for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::RawJson;
    use serde_json::json;

    #[test]
    fn it_round_trips_as_the_same_text() {
        let text = r#"{"b":[1,2,{"c":null}],"a":"x"}"#;
        let raw: RawJson = serde_json::from_str(text).unwrap();
        assert_eq!(raw.as_str(), text);
        assert_eq!(serde_json::to_string(&raw).unwrap(), text);
        let nested: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&json!({"data": raw})).unwrap()).unwrap();
        assert_eq!(nested["data"]["b"][2], json!({"c": null}));
    }

    #[test]
    fn equality_is_json_equality() {
        let spaced: RawJson = serde_json::from_str(r#"{ "a": 1, "b": [true] }"#).unwrap();
        let packed = RawJson::from_value(&json!({"b": [true], "a": 1}));
        assert_eq!(spaced, packed);
        assert_ne!(spaced, RawJson::from_value(&json!({"a": 2, "b": [true]})));
    }

    #[test]
    fn text_that_parses_into_no_value_equals_only_itself() {
        let huge: RawJson = serde_json::from_str("1e400").unwrap();
        let null: RawJson = serde_json::from_str("null").unwrap();
        assert_ne!(huge, null);
        assert_eq!(huge, huge.clone());
        assert!(huge.parse::<serde_json::Value>().is_err());
    }

    #[test]
    fn kinds_read_off_the_text() {
        let kinds = |text: &str| {
            let raw: RawJson = serde_json::from_str(text).unwrap();
            (raw.is_object(), raw.is_array(), raw.is_null())
        };
        assert_eq!(kinds(" {} "), (true, false, false));
        assert_eq!(kinds("\n[1]"), (false, true, false));
        assert_eq!(kinds("null"), (false, false, true));
        assert_eq!(kinds("\"{\""), (false, false, false));
    }

    #[test]
    fn malformed_text_is_refused_and_debug_is_bounded() {
        assert!(RawJson::from_json_str("{\"a\":").is_err());
        assert!(RawJson::from_json_str("1 2").is_err());
        let long = RawJson::from_value(&json!("x".repeat(5000)));
        let shown = format!("{long:?}");
        assert!(shown.len() < 1200, "{}", shown.len());
        assert!(shown.ends_with("(3978 more bytes))"), "{shown}");
    }

    #[test]
    fn it_decodes_from_a_value_too() {
        let raw: RawJson = serde_json::from_value(json!({"k": [1, 2]})).unwrap();
        assert_eq!(raw.to_value(), json!({"k": [1, 2]}));
    }
}
