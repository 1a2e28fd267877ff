//! Query parameters read the way FastAPI reads them: pairs split and decoded as
//! Python's `parse_qsl(keep_blank_values=True)` does, the last value of a repeated
//! name wins, and strings convert as pydantic's lax mode converts them (a query holds
//! nothing but strings).

use axum::http::Uri;
use serde_json::Value;
use uuid::Uuid;

use crate::pydantic::{Errors, Loc};
use crate::routes::params::decode;

/// The decoded pairs of a query string, or of an `application/x-www-form-urlencoded`
/// body.
#[derive(Debug, Default)]
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    pub(crate) fn from_uri(uri: &Uri) -> Self {
        Self::parse(uri.query().unwrap_or_default())
    }

    pub(crate) fn parse(raw: &str) -> Self {
        let pairs = raw
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (unquote_plus(name), unquote_plus(value))
            })
            .collect();
        Self(pairs)
    }

    pub(crate) fn into_pairs(self) -> Vec<(String, String)> {
        self.0
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every value of a repeated parameter (`file_ids=a&file_ids=b`) as UUIDs;
    /// `None` when one is not a UUID (each one reported at its index).
    pub(crate) fn uuids(&self, errors: &mut Errors, name: &str) -> Option<Vec<Uuid>> {
        let values = self.all(name);
        let loc = Loc::new("query").key(name);
        let ids: Vec<Option<Uuid>> = values
            .iter()
            .enumerate()
            .map(|(index, text)| errors.uuid_text(&loc.index(index), text))
            .collect();
        ids.into_iter().collect()
    }

    /// Every value of a repeated parameter, in order.
    pub(crate) fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// An optional date-time parameter (RFC 3339; without an offset, UTC).
    pub(crate) fn optional_datetime(
        &self,
        errors: &mut Errors,
        name: &str,
    ) -> Option<Option<chrono::DateTime<chrono::Utc>>> {
        let Some(text) = self.get(name) else {
            return Some(None);
        };
        let parsed = chrono::DateTime::parse_from_rfc3339(text)
            .map(|at| at.to_utc())
            .or_else(|_| {
                chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                    .map(|at| at.and_utc())
            });
        match parsed {
            Ok(at) => Some(Some(at)),
            Err(_) => {
                errors.push(
                    "datetime_from_date_parsing",
                    &Loc::new("query").key(name),
                    "Input should be a valid datetime or date, invalid character in year",
                    Value::from(text),
                    None,
                );
                None
            }
        }
    }

    /// A required UUID parameter.
    pub(crate) fn uuid(&self, errors: &mut Errors, name: &str) -> Option<Uuid> {
        let loc = Loc::new("query").key(name);
        match self.get(name) {
            Some(text) => errors.uuid_text(&loc, text),
            None => {
                errors.missing(&loc, Value::Null);
                None
            }
        }
    }

    /// An optional UUID parameter: `Some(None)` when absent. An empty value is not
    /// absent: pydantic fails to parse it.
    pub(crate) fn optional_uuid(&self, errors: &mut Errors, name: &str) -> Option<Option<Uuid>> {
        match self.get(name) {
            Some(text) => errors
                .uuid_text(&Loc::new("query").key(name), text)
                .map(Some),
            None => Some(None),
        }
    }

    /// An optional string parameter: `None` when absent.
    pub(crate) fn optional_text(&self, name: &str) -> Option<&str> {
        self.get(name)
    }

    /// The optional `project_id` and `organization_id` that scope many operations:
    /// checked as UUIDs, otherwise unused (the fake keeps one organization).
    pub(crate) fn scope(&self, errors: &mut Errors) -> Option<(Option<Uuid>, Option<Uuid>)> {
        let project = self.optional_uuid(errors, "project_id");
        let organization = self.optional_uuid(errors, "organization_id");
        project.zip(organization)
    }

    /// A boolean parameter: pydantic takes `true`/`false`, `1`/`0`, `yes`/`no`,
    /// `on`/`off`, `t`/`f` and `y`/`n`, in any case.
    pub(crate) fn boolean(&self, errors: &mut Errors, name: &str, default: bool) -> Option<bool> {
        let Some(text) = self.get(name) else {
            return Some(default);
        };
        match text.to_ascii_lowercase().as_str() {
            "1" | "on" | "t" | "true" | "y" | "yes" => Some(true),
            "0" | "off" | "f" | "false" | "n" | "no" => Some(false),
            _ => {
                errors.push(
                    "bool_parsing",
                    &Loc::new("query").key(name),
                    "Input should be a valid boolean, unable to interpret input",
                    Value::from(text),
                    None,
                );
                None
            }
        }
    }

    /// An integer parameter within bounds. Values past `i64` saturate: they are valid
    /// for pydantic (which has big integers) and only the bounds can refuse them.
    pub(crate) fn integer(
        &self,
        errors: &mut Errors,
        name: &str,
        default: i64,
        (minimum, maximum): (i64, Option<i64>),
    ) -> Option<i64> {
        let Some(text) = self.get(name) else {
            return Some(default);
        };
        let loc = Loc::new("query").key(name);
        let Some(number) = parse_int(text) else {
            errors.push(
                "int_parsing",
                &loc,
                "Input should be a valid integer, unable to parse string as an integer",
                Value::from(text),
                None,
            );
            return None;
        };
        let number = errors.at_least(&loc, number, minimum, Value::from(text))?;
        match maximum {
            Some(maximum) => errors.at_most(&loc, number, maximum, Value::from(text)),
            None => Some(number),
        }
    }
}

/// Python's `unquote_plus`: `+` is a space, then percent-escapes decode.
fn unquote_plus(text: &str) -> String {
    decode(&text.replace('+', " "))
}

/// pydantic's string-to-int: surrounding whitespace, a sign, `_` between digits, and a
/// zero fraction (`5.0`) are accepted.
fn parse_int(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if !fraction.chars().all(|c| c == '0') || whole.starts_with('_') || whole.ends_with('_') {
        return None;
    }
    if whole.contains("__") || whole.is_empty() {
        return None;
    }
    let mut magnitude: i64 = 0;
    for c in whole.chars().filter(|&c| c != '_') {
        let digit = i64::from(c.to_digit(10)?);
        magnitude = magnitude.saturating_mul(10).saturating_add(digit);
    }
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::{Query, parse_int};

    #[test]
    fn integers_parse_like_pydantic() {
        assert_eq!(parse_int("5"), Some(5));
        assert_eq!(parse_int(" +5 "), Some(5));
        assert_eq!(parse_int("-1"), Some(-1));
        assert_eq!(parse_int("1_0"), Some(10));
        assert_eq!(parse_int("5.0"), Some(5));
        assert_eq!(parse_int("99999999999999999999999"), Some(i64::MAX));
        for bad in ["", "5.5", "0x10", "1e2", "_1", "1__0", "x", "-"] {
            assert_eq!(parse_int(bad), None, "{bad}");
        }
    }

    #[test]
    fn pairs_decode_like_parse_qsl_and_the_last_wins() {
        let query = Query::parse("a=1&b=x+y%2B&a=2&flag&&c=%E9");
        assert_eq!(query.get("a"), Some("2"));
        assert_eq!(query.get("b"), Some("x y+"));
        assert_eq!(query.get("flag"), Some(""));
        assert_eq!(query.get("c"), Some("\u{fffd}"));
        assert_eq!(query.get("d"), None);
    }
}
