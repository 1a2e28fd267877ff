//! Timestamps that tolerate what FastAPI sends.
//!
//! Pydantic writes timezone-aware datetimes as RFC 3339 (`...Z` or
//! `+00:00`), but a naive one has no offset at all. Both are read (a naive
//! timestamp as UTC) so a job is never unreadable for its timestamp's style;
//! they are written back as RFC 3339 in UTC with the precision they had.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// Parses RFC 3339, or ISO 8601 without an offset (taken as UTC).
fn parse(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(datetime) = DateTime::parse_from_rfc3339(text) {
        return Some(datetime.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|naive| naive.and_utc())
}

/// A point in time as the API sends it: RFC 3339, or ISO 8601 without an
/// offset (read as UTC), which pydantic writes for naive datetimes. Written
/// back as RFC 3339 in UTC, with the precision it had.
///
/// ```
/// use llama_cloud_core::Timestamp;
///
/// let naive: Timestamp = serde_json::from_str(r#""2019-12-27T18:11:19.117""#)?;
/// let aware: Timestamp = serde_json::from_str(r#""2019-12-27T18:11:19.117Z""#)?;
/// assert_eq!(naive, aware);
/// assert_eq!(serde_json::to_string(&naive)?, r#""2019-12-27T18:11:19.117Z""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(DateTime<Utc>);

impl Timestamp {
    /// The time, in UTC.
    pub fn as_datetime(&self) -> DateTime<Utc> {
        self.0
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(datetime: DateTime<Utc>) -> Self {
        Self(datetime)
    }
}

impl From<Timestamp> for DateTime<Utc> {
    fn from(timestamp: Timestamp) -> Self {
        timestamp.0
    }
}

impl std::ops::Deref for Timestamp {
    type Target = DateTime<Utc>;

    fn deref(&self) -> &DateTime<Utc> {
        &self.0
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

impl std::str::FromStr for Timestamp {
    type Err = chrono::ParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match parse(text) {
            Some(datetime) => Ok(Self(datetime)),
            None => DateTime::parse_from_rfc3339(text).map(|d| Self(d.with_timezone(&Utc))),
        }
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        parse(&text).map(Self).ok_or_else(|| {
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
