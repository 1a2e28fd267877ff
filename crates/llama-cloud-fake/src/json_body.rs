//! Reading a JSON request body the way FastAPI does.
//!
//! FastAPI decodes the body before it solves any dependency, so a body that is not JSON
//! is a 422 `json_invalid` even without a valid key (checked against FastAPI 0.165).
//! It only decodes bodies labelled JSON (or unlabelled); any other body is handed to
//! the model as text, which then fails the model's check after auth.

use axum::http::HeaderMap;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use serde_json::{Value, json};

use crate::fastapi::Refusal;
use crate::pydantic::{Errors, Loc};

/// A request body as the endpoint's model sees it.
#[derive(Debug)]
pub(crate) enum JsonBody {
    /// No body at all: the body parameter is `missing`.
    Absent,
    /// Decoded JSON.
    Json(Value),
    /// A body with a content type other than JSON, as (lossy) text.
    Text(String),
}

impl JsonBody {
    /// Decodes the body, or answers FastAPI's `json_invalid` 422. The error's position
    /// is a byte offset and its text serde_json's, where Python's decoder has its own.
    pub(crate) fn read(headers: &HeaderMap, body: &[u8]) -> Result<Self, Refusal> {
        if body.is_empty() {
            return Ok(Self::Absent);
        }
        if !labelled_json(headers) {
            return Ok(Self::Text(String::from_utf8_lossy(body).into_owned()));
        }
        serde_json::from_slice(body)
            .map(Self::Json)
            .map_err(|error| {
                let position = offset(body, error.line(), error.column());
                let message = error.to_string();
                let message = message
                    .rsplit_once(" at line ")
                    .map_or(message.as_str(), |(text, _)| text)
                    .to_owned();
                let mut errors = Errors::default();
                errors.push(
                    "json_invalid",
                    &Loc::new("body").index(position),
                    "JSON decode error",
                    json!({}),
                    Some(json!({ "error": message })),
                );
                Refusal::from(errors.into_response())
            })
    }

    /// The value the body model is checked against; `missing` when there is no body.
    pub(crate) fn value(self, errors: &mut Errors) -> Option<Value> {
        match self {
            Self::Absent => {
                errors.missing(&Loc::new("body"), Value::Null);
                None
            }
            Self::Json(value) => Some(value),
            Self::Text(text) => Some(Value::String(text)),
        }
    }
}

/// No content type, `application/json`, or `application/*+json`, in any case and with
/// any parameters: what FastAPI decodes as JSON.
fn labelled_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE) else {
        return true;
    };
    let value = String::from_utf8_lossy(value.as_bytes()).to_ascii_lowercase();
    let essence = value.split(';').next().unwrap_or_default().trim();
    match essence.split_once('/') {
        Some(("application", subtype)) => subtype == "json" || subtype.ends_with("+json"),
        _ => false,
    }
}

/// serde_json's 1-based line and column as an offset into `body`.
fn offset(body: &[u8], line: usize, column: usize) -> usize {
    let line_start: usize = body
        .split(|&byte| byte == b'\n')
        .take(line.saturating_sub(1))
        .map(|text| text.len() + 1)
        .sum();
    line_start + column.saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::offset;

    #[test]
    fn offsets_count_bytes_across_lines() {
        assert_eq!(offset(b"{x", 1, 2), 1);
        assert_eq!(offset(b"{\n  x", 2, 3), 4);
        assert_eq!(offset(b"", 1, 0), 0);
    }
}
