//! Request validation the way FastAPI reports it: every failed check of a request is
//! collected (path, then query, then body, as FastAPI orders them) and answered in one
//! `422 {"detail": [...]}` whose entries carry pydantic v2's `type`, `loc`, `msg`,
//! `input` and `ctx`.
//!
//! The wording was recorded from FastAPI 0.165 with pydantic 2.14. The checks are
//! stricter than pydantic's lax mode on JSON bodies: a JSON value must already have the
//! contract's type (`"true"` is not a boolean, `2.0` is not an integer), so that a client
//! sending the wrong type fails here instead of passing by coercion.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::fastapi::Refusal;

/// Where a check failed: `["body", "config", "chunk_mode"]`, `["query", "skip"]`, …
#[derive(Debug, Clone)]
pub(crate) struct Loc(Vec<Value>);

impl Loc {
    /// The request part: `"path"`, `"query"` or `"body"`.
    pub(crate) fn new(part: &str) -> Self {
        Self(vec![Value::from(part)])
    }

    pub(crate) fn key(&self, key: &str) -> Self {
        let mut parts = self.0.clone();
        parts.push(Value::from(key));
        Self(parts)
    }

    pub(crate) fn index(&self, index: usize) -> Self {
        let mut parts = self.0.clone();
        parts.push(Value::from(index));
        Self(parts)
    }
}

/// The failed checks of one request so far.
#[derive(Debug, Default)]
pub(crate) struct Errors(Vec<Value>);

impl Errors {
    pub(crate) fn push(
        &mut self,
        kind: &str,
        loc: &Loc,
        msg: impl Into<String>,
        input: Value,
        ctx: Option<Value>,
    ) {
        let mut error = json!({ "type": kind, "loc": loc.0, "msg": msg.into(), "input": input });
        if let (Some(ctx), Some(fields)) = (ctx, error.as_object_mut()) {
            fields.insert("ctx".to_owned(), ctx);
        }
        self.0.push(error);
    }

    /// The checked value when every check passed, else the 422 answer.
    pub(crate) fn finish<T>(self, value: Option<T>) -> Result<T, Refusal> {
        match value {
            Some(value) if self.0.is_empty() => Ok(value),
            _ => Err(Refusal::from(self.into_response())),
        }
    }

    /// `input` is the object the field is missing from, or null outside a body.
    pub(crate) fn missing(&mut self, loc: &Loc, input: Value) {
        self.push("missing", loc, "Field required", input, None);
    }

    /// A custom validator's refusal: pydantic's `value_error`. FastAPI renders the
    /// exception in `ctx` as `{}`.
    pub(crate) fn value_error(&mut self, loc: &Loc, message: &str, input: Value) {
        self.push(
            "value_error",
            loc,
            format!("Value error, {message}"),
            input,
            Some(json!({ "error": {} })),
        );
    }

    pub(crate) fn string<'a>(&mut self, loc: &Loc, value: &'a Value) -> Option<&'a str> {
        let text = value.as_str();
        if text.is_none() {
            self.push(
                "string_type",
                loc,
                "Input should be a valid string",
                value.clone(),
                None,
            );
        }
        text
    }

    pub(crate) fn boolean(&mut self, loc: &Loc, value: &Value) -> Option<bool> {
        let flag = value.as_bool();
        if flag.is_none() {
            self.push(
                "bool_type",
                loc,
                "Input should be a valid boolean",
                value.clone(),
                None,
            );
        }
        flag
    }

    /// A JSON integer of at least `minimum`.
    pub(crate) fn integer(&mut self, loc: &Loc, value: &Value, minimum: i64) -> Option<i64> {
        let number = match value {
            Value::Number(number) if number.is_i64() || number.is_u64() => {
                number.as_i64().unwrap_or(i64::MAX)
            }
            Value::Number(number) if number.as_f64().is_some_and(|f| f.fract() != 0.0) => {
                self.push(
                    "int_from_float",
                    loc,
                    "Input should be a valid integer, got a number with a fractional part",
                    value.clone(),
                    None,
                );
                return None;
            }
            _ => {
                self.push(
                    "int_type",
                    loc,
                    "Input should be a valid integer",
                    value.clone(),
                    None,
                );
                return None;
            }
        };
        self.at_least(loc, number, minimum, value.clone())
    }

    /// pydantic's `greater_than_equal` bound, with the input as it was sent.
    pub(crate) fn at_least(
        &mut self,
        loc: &Loc,
        number: i64,
        minimum: i64,
        input: Value,
    ) -> Option<i64> {
        if number >= minimum {
            return Some(number);
        }
        self.push(
            "greater_than_equal",
            loc,
            format!("Input should be greater than or equal to {minimum}"),
            input,
            Some(json!({ "ge": minimum })),
        );
        None
    }

    /// pydantic's `less_than_equal` bound, with the input as it was sent.
    pub(crate) fn at_most(
        &mut self,
        loc: &Loc,
        number: i64,
        maximum: i64,
        input: Value,
    ) -> Option<i64> {
        if number <= maximum {
            return Some(number);
        }
        self.push(
            "less_than_equal",
            loc,
            format!("Input should be less than or equal to {maximum}"),
            input,
            Some(json!({ "le": maximum })),
        );
        None
    }

    /// A UUID in a JSON body: a string in a form `uuid` parses (as pydantic's does), else
    /// `uuid_type`.
    pub(crate) fn uuid(&mut self, loc: &Loc, value: &Value) -> Option<Uuid> {
        match value.as_str() {
            Some(text) => self.uuid_text(loc, text),
            None => {
                self.push(
                    "uuid_type",
                    loc,
                    "UUID input should be a string, bytes or UUID object",
                    value.clone(),
                    None,
                );
                None
            }
        }
    }

    /// A UUID in a path, query or form field. `Uuid::parse_str` is what pydantic-core
    /// uses too, so the error text after "Input should be a valid UUID, " is the same.
    pub(crate) fn uuid_text(&mut self, loc: &Loc, text: &str) -> Option<Uuid> {
        match Uuid::parse_str(text) {
            Ok(id) => Some(id),
            Err(error) => {
                let error = error.to_string();
                self.push(
                    "uuid_parsing",
                    loc,
                    format!("Input should be a valid UUID, {error}"),
                    Value::from(text),
                    Some(json!({ "error": error })),
                );
                None
            }
        }
    }

    /// One of `allowed`: pydantic says `enum` for `Enum` classes and `literal_error` for
    /// `Literal`s, in the same words.
    pub(crate) fn choice(
        &mut self,
        loc: &Loc,
        value: &Value,
        allowed: &[&str],
        kind: Choice,
    ) -> Option<()> {
        if value.as_str().is_some_and(|text| allowed.contains(&text)) {
            return Some(());
        }
        let expected = expected(allowed);
        let kind = match kind {
            Choice::Enum => "enum",
            Choice::Literal => "literal_error",
        };
        self.push(
            kind,
            loc,
            format!("Input should be {expected}"),
            value.clone(),
            Some(json!({ "expected": expected })),
        );
        None
    }

    /// A nested model: FastAPI validates with `from_attributes`, hence this error type.
    pub(crate) fn model<'a>(
        &mut self,
        loc: &Loc,
        value: &'a Value,
    ) -> Option<&'a Map<String, Value>> {
        let fields = value.as_object();
        if fields.is_none() {
            self.push(
                "model_attributes_type",
                loc,
                "Input should be a valid dictionary or object to extract fields from",
                value.clone(),
                None,
            );
        }
        fields
    }

    pub(crate) fn dict<'a>(
        &mut self,
        loc: &Loc,
        value: &'a Value,
    ) -> Option<&'a Map<String, Value>> {
        let fields = value.as_object();
        if fields.is_none() {
            self.push(
                "dict_type",
                loc,
                "Input should be a valid dictionary",
                value.clone(),
                None,
            );
        }
        fields
    }

    pub(crate) fn list<'a>(&mut self, loc: &Loc, value: &'a Value) -> Option<&'a Vec<Value>> {
        let items = value.as_array();
        if items.is_none() {
            self.push(
                "list_type",
                loc,
                "Input should be a valid list",
                value.clone(),
                None,
            );
        }
        items
    }
}

impl IntoResponse for Errors {
    fn into_response(self) -> Response {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "detail": self.0 })),
        )
            .into_response()
    }
}

/// Which pydantic error a closed set of strings reports.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Choice {
    Enum,
    Literal,
}

/// pydantic's list of choices: `'A'`, `'A' or 'B'`, `'A', 'B' or 'C'`.
fn expected(allowed: &[&str]) -> String {
    let quoted: Vec<String> = allowed.iter().map(|choice| format!("'{choice}'")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// A field of a model: `missing` when absent.
pub(crate) fn required<'a>(
    errors: &mut Errors,
    fields: &'a Map<String, Value>,
    loc: &Loc,
    key: &str,
) -> Option<&'a Value> {
    let value = fields.get(key);
    if value.is_none() {
        errors.missing(&loc.key(key), Value::Object(fields.clone()));
    }
    value
}

/// An optional, nullable field: `Some(None)` when absent or null, `Some(Some(_))` when
/// `check` accepts it, `None` when `check` refused it (and said why in `errors`).
pub(crate) fn optional<'a, T>(
    errors: &mut Errors,
    fields: &'a Map<String, Value>,
    loc: &Loc,
    key: &str,
    check: impl FnOnce(&mut Errors, &Loc, &'a Value) -> Option<T>,
) -> Option<Option<T>> {
    match fields.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(value) => check(errors, &loc.key(key), value).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::expected;

    #[test]
    fn choices_are_listed_like_pydantic() {
        assert_eq!(expected(&["A"]), "'A'");
        assert_eq!(expected(&["A", "B"]), "'A' or 'B'");
        assert_eq!(expected(&["A", "B", "C"]), "'A', 'B' or 'C'");
    }
}
