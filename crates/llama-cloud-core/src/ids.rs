//! Typed identifiers for LlamaCloud resources.
//!
//! Every LlamaCloud resource is identified by a UUID, but a job id and a project id
//! are not interchangeable: passing one where the other is expected is a bug that the
//! server would only report as a confusing 404. Each kind of id therefore has its own
//! type here, so such mix-ups fail to compile.
//!
//! All id types behave the same way:
//!
//! - they parse from a string with [`str::parse`], [`TryFrom<&str>`] or
//!   [`TryFrom<String>`], failing with an [`IdError`] that names the kind of id;
//! - they print (with [`Display`](std::fmt::Display)) as a lowercase, hyphenated UUID,
//!   the form the API uses, and (de)serialize as that same string;
//! - they convert to and from [`uuid::Uuid`] without any check, since every UUID is a
//!   well-formed id.
//!
//! # Accepted text
//!
//! Parsing accepts exactly two spellings of a UUID, in upper, lower or mixed case:
//!
//! - the hyphenated form the API returns, `182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e`;
//! - the simple form without hyphens, `182bd5e56e1a4fe4a799aa6d9a6ab26e`.
//!
//! The braced (`{…}`) and URN (`urn:uuid:…`) forms are rejected, and so is anything
//! with surrounding whitespace. Ids usually arrive from configuration or from another
//! API response, where those decorations signal a copy-and-paste mistake rather than
//! an intended id, and refusing them keeps every accepted id free of characters that
//! would need escaping in a URL path.
//!
//! ```
//! use llama_cloud_core::JobId;
//!
//! let id: JobId = "182BD5E5-6E1A-4FE4-A799-AA6D9A6AB26E".parse()?;
//! assert_eq!(id.to_string(), "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e");
//!
//! let err = "../admin".parse::<JobId>().unwrap_err();
//! assert_eq!(err.kind(), "job id");
//! # Ok::<(), llama_cloud_core::IdError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};
use uuid::Uuid;

/// How many characters of a rejected value an [`IdError`] message repeats.
///
/// Ids may come from untrusted input; echoing a multi-megabyte string into a log line
/// would make the log the problem, so longer values are cut off with `…`.
const MAX_ECHOED_CHARS: usize = 64;

/// What a UUID id looks like, as error messages show it.
const UUID_EXPECTED: &str = "a UUID such as 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";

/// The error returned when a string is not a valid id.
///
/// The message names the kind of id, repeats the rejected value (cut off after 64
/// characters) and shows what a valid id looks like:
///
/// ```text
/// invalid job id "../admin": expected a UUID such as 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e
/// invalid project id: the value is empty; expected a UUID such as 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e
/// ```
///
/// # Examples
///
/// ```
/// use llama_cloud_core::ProjectId;
///
/// let err = "not-a-uuid".parse::<ProjectId>().unwrap_err();
/// assert_eq!(err.kind(), "project id");
/// assert_eq!(err.value(), "not-a-uuid");
/// assert_eq!(
///     err.to_string(),
///     r#"invalid project id "not-a-uuid": expected a UUID such as 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"#,
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", Describe(self))]
pub struct IdError {
    kind: &'static str,
    value: String,
    /// What a valid id looks like, in words.
    expected: &'static str,
}

impl IdError {
    /// The error for `value`, which is no `kind` of the form `expected`.
    pub(crate) fn new(kind: &'static str, value: &str, expected: &'static str) -> Self {
        Self {
            kind,
            value: value.to_owned(),
            expected,
        }
    }

    /// The kind of id that was expected, in words: `"job id"`, `"project id"`, ….
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The rejected value, in full (the message shortens it, this does not).
    pub fn value(&self) -> &str {
        &self.value
    }
}

/// Renders an [`IdError`]; kept apart from the struct so the message logic lives in
/// one `fmt` function instead of a format string.
struct Describe<'a>(&'a IdError);

impl fmt::Display for Describe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let IdError {
            kind,
            value,
            expected,
        } = self.0;
        if value.is_empty() {
            return write!(f, "invalid {kind}: the value is empty; expected {expected}");
        }
        // `{:?}` quotes and escapes the value, so control characters or quotes in
        // hostile input cannot forge or break the log line.
        let echoed = match value.char_indices().nth(MAX_ECHOED_CHARS) {
            Some((cut, _)) => format!("{}…", &value[..cut]),
            None => value.clone(),
        };
        write!(f, "invalid {kind} {echoed:?}: expected {expected}")
    }
}

/// Parses the two accepted spellings (see the module docs) into a [`Uuid`].
pub(crate) fn parse_uuid(kind: &'static str, value: &str) -> Result<Uuid, IdError> {
    // `Uuid::try_parse` also accepts the braced (38 chars) and URN (45 chars) forms;
    // the length check narrows it to the hyphenated (36) and simple (32) ones.
    match Uuid::try_parse(value) {
        Ok(uuid) if matches!(value.len(), 32 | 36) => Ok(uuid),
        _ => Err(IdError {
            kind,
            value: value.to_owned(),
            expected: UUID_EXPECTED,
        }),
    }
}

/// Defines one UUID-backed id type with all of its conversions.
macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        ///
        /// # Examples
        ///
        /// ```
        #[doc = concat!("use llama_cloud_core::", stringify!($name), ";")]
        ///
        #[doc = concat!(
            "let id: ", stringify!($name), " = \"182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e\".parse()?;"
        )]
        /// assert_eq!(id.to_string(), "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e");
        #[doc = concat!(
            "assert_eq!(format!(\"{id:?}\"), \"",
            stringify!($name),
            "(182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e)\");"
        )]
        ///
        /// // Serialized as the plain string the API uses.
        /// assert_eq!(serde_json::to_string(&id)?, r#""182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e""#);
        ///
        #[doc = concat!("let err = ", stringify!($name), "::try_from(\"\").unwrap_err();")]
        #[doc = concat!("assert_eq!(err.kind(), \"", $kind, "\");")]
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            #[doc = concat!("Wraps a UUID as a ", $kind, ". Every UUID is accepted.")]
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// The UUID inside this id.
            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.0.hyphenated())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl FromStr for $name {
            type Err = IdError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                parse_uuid($kind, s).map(Self)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = IdError;

            fn try_from(value: &str) -> Result<Self, Self::Error> {
                value.parse()
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                value.parse()
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> Self {
                Self(uuid)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(&self.0.hyphenated())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer
                    .deserialize_str(IdVisitor { kind: $kind })
                    .map(Self)
            }
        }
    };
}

/// Deserializes any id from a string, reporting failures as an [`IdError`] message.
struct IdVisitor {
    kind: &'static str,
}

impl Visitor<'_> for IdVisitor {
    type Value = Uuid;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} (a UUID string)", self.kind)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Uuid, E> {
        parse_uuid(self.kind, value).map_err(E::custom)
    }
}

uuid_id!(
    /// The id of an extraction job (`ExtractJob.id`), as used in
    /// `GET /api/v1/extraction/jobs/{job_id}`.
    JobId,
    "job id"
);

uuid_id!(
    /// The id of an extraction agent: the saved schema and configuration that jobs run
    /// with.
    ExtractionAgentId,
    "extraction agent id"
);

uuid_id!(
    /// The id of a project, the container that agents and files belong to.
    ProjectId,
    "project id"
);

uuid_id!(
    /// The id of an uploaded file, which extraction jobs read from.
    FileId,
    "file id"
);

uuid_id!(
    /// The id of a data source that a file was imported from.
    DataSourceId,
    "data source id"
);

uuid_id!(
    /// The id of an extraction run: the stored result of one job.
    RunId,
    "run id"
);

uuid_id!(
    /// The id of an organization, which owns projects.
    OrganizationId,
    "organization id"
);
