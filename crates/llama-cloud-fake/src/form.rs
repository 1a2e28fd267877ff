//! Reading a form body (`multipart/form-data` or `application/x-www-form-urlencoded`)
//! the way Starlette and FastAPI do.
//!
//! As with JSON, FastAPI parses the form before it solves dependencies: a malformed
//! multipart body is Starlette's `400` even without a valid key. A body of any other
//! type is an empty form, so its fields are `missing`. A part is a file when its
//! `Content-Disposition` has a `filename` (even an empty one), and an empty text field
//! counts as absent, as in FastAPI.

use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use serde_json::{Value, json};

use crate::fastapi::{self, Refusal};
use crate::multipart;
use crate::pydantic::{Errors, Loc};
use crate::query::Query;

/// An uploaded file, as received.
#[derive(Debug)]
pub(crate) struct Upload {
    pub(crate) file_name: String,
    pub(crate) content_type: Option<String>,
    pub(crate) bytes: Vec<u8>,
}

#[derive(Debug)]
enum FormValue {
    Text(String),
    File(Upload),
}

/// The fields of a form in order; the last of a repeated name wins.
#[derive(Debug, Default)]
pub(crate) struct Form(Vec<(String, FormValue)>);

impl Form {
    pub(crate) fn read(headers: &HeaderMap, body: &[u8]) -> Result<Self, Refusal> {
        let content_type = headers
            .get(CONTENT_TYPE)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            .unwrap_or_default();
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        match essence.to_ascii_lowercase().as_str() {
            "multipart/form-data" => {
                let parts = multipart::parse(&content_type, body).map_err(|refused| {
                    Refusal::from(fastapi::detail(StatusCode::BAD_REQUEST, refused.detail()))
                })?;
                let fields = parts.into_iter().map(|part| {
                    let value = match part.file_name {
                        Some(file_name) => FormValue::File(Upload {
                            file_name,
                            content_type: part.content_type,
                            bytes: part.body,
                        }),
                        None => FormValue::Text(String::from_utf8_lossy(&part.body).into_owned()),
                    };
                    (part.name, value)
                });
                Ok(Self(fields.collect()))
            }
            "application/x-www-form-urlencoded" => {
                let pairs = Query::parse(&String::from_utf8_lossy(body)).into_pairs();
                let fields = pairs
                    .into_iter()
                    .map(|(name, value)| (name, FormValue::Text(value)));
                Ok(Self(fields.collect()))
            }
            _ => Ok(Self::default()),
        }
    }

    fn get(&self, name: &str) -> Option<&FormValue> {
        self.0
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// A text field: `Some(None)` when absent (or empty) and optional, `None` when it
    /// failed (missing, or a file).
    pub(crate) fn text(
        &self,
        errors: &mut Errors,
        name: &str,
        required: bool,
    ) -> Option<Option<&str>> {
        let loc = Loc::new("body").key(name);
        match self.get(name) {
            Some(FormValue::Text(text)) if !text.is_empty() => Some(Some(text)),
            Some(FormValue::File(upload)) => {
                errors.push(
                    "string_type",
                    &loc,
                    "Input should be a valid string",
                    json!({ "filename": upload.file_name, "size": upload.bytes.len() }),
                    None,
                );
                None
            }
            _ if required => {
                errors.missing(&loc, Value::Null);
                None
            }
            _ => Some(None),
        }
    }

    /// A required file field.
    pub(crate) fn file(&self, errors: &mut Errors, name: &str) -> Option<&Upload> {
        let loc = Loc::new("body").key(name);
        match self.get(name) {
            Some(FormValue::File(upload)) => Some(upload),
            Some(FormValue::Text(text)) if !text.is_empty() => {
                errors.value_error(
                    &loc,
                    "Expected UploadFile, received: <class 'str'>",
                    Value::from(text.as_str()),
                );
                None
            }
            _ => {
                errors.missing(&loc, Value::Null);
                None
            }
        }
    }
}
