//! Timestamps that tolerate what FastAPI sends.
//!
//! Pydantic writes timezone-aware datetimes as RFC 3339 (`...Z` or
//! `+00:00`), but a naive one has no offset at all. Both are read (a naive
//! timestamp as UTC) so a job is never unreadable for its timestamp's style;
//! they are written back as RFC 3339 in UTC with the precision they had.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// Parses RFC 3339, or ISO 8601 without an offset (taken as UTC).
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(datetime) = DateTime::parse_from_rfc3339(text) {
        return Some(datetime.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|naive| naive.and_utc())
}

/// serde `with` module for `Option<DateTime<Utc>>`.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(datetime) => {
                serializer.serialize_str(&datetime.to_rfc3339_opts(SecondsFormat::AutoSi, true))
            }
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        let Some(text) = Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)? else {
            return Ok(None);
        };
        parse(&text).map(Some).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid timestamp {text:?}: expected RFC 3339, such as 2019-12-27T18:11:19.117Z"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_rfc3339_and_naive_timestamps() {
        let z = parse("2019-12-27T18:11:19.117Z").unwrap();
        assert_eq!(parse("2019-12-27T18:11:19.117+00:00"), Some(z));
        assert_eq!(parse("2019-12-27T18:11:19.117"), Some(z));
        assert_eq!(parse("2019-12-27 18:11"), None);
    }
}
