//! The ids of v2 extraction (`/api/v2/extract`): a kind prefix and a UUID,
//! such as `ext-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e`.
//!
//! v2 spells every id with its kind in front: `ext-` an extraction job,
//! `prj-` a project, `pjb-` a parse job, `cfg-` a saved configuration (and
//! `dfl-` a file: [`FileV2Id`], which also takes v1's bare UUID). Each kind
//! is its own type, parsed strictly: the prefix, then a UUID in one of the
//! two spellings [`ids`](crate::ids) accepts, so an id of another kind, a
//! bare UUID or text with characters a URL path would need escaped is
//! refused with an [`IdError`] that names the kind and the expected form.
//! They print, and serialize, as the prefix and the hyphenated lowercase
//! UUID.
//!
//! A v2 job's `file_input` is either a file or a parse job: that is
//! [`DocumentInput`].

use std::fmt;
use std::str::FromStr;

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};
use uuid::Uuid;

use crate::file_v2_id::FileV2Id;
use crate::from_text::FromText;
use crate::ids::{IdError, ProjectId, parse_uuid};

/// Defines one prefixed id type with all of its conversions.
macro_rules! prefixed_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $kind:literal) => {
        $(#[$doc])*
        ///
        /// # Examples
        ///
        /// ```
        #[doc = concat!("use llama_cloud_core::", stringify!($name), ";")]
        ///
        #[doc = concat!(
            "let id: ", stringify!($name), " = \"", $prefix,
            "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e\".parse()?;"
        )]
        #[doc = concat!(
            "assert_eq!(id.to_string(), \"", $prefix, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e\");"
        )]
        #[doc = concat!(
            "assert_eq!(serde_json::to_string(&id)?, r#\"\"", $prefix,
            "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e\"\"#);"
        )]
        ///
        /// // A bare UUID, or an id of another kind, is refused.
        #[doc = concat!(
            "let err = \"182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e\".parse::<",
            stringify!($name), ">().unwrap_err();"
        )]
        #[doc = concat!("assert_eq!(err.kind(), \"", $kind, "\");")]
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            #[doc = concat!("The prefix of a ", $kind, ": `", $prefix, "`.")]
            pub const PREFIX: &'static str = $prefix;

            #[doc = concat!("The ", $kind, " with this UUID, spelt `", $prefix, "<uuid>`.")]
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// The UUID after the prefix.
            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str($prefix)?;
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl FromStr for $name {
            type Err = IdError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                parse_prefixed(text, $prefix, $kind, concat!(
                    "`", $prefix, "` and a UUID, such as ", $prefix,
                    "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"
                ))
                .map(Self)
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

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(FromText::<Self>::new(concat!(
                    "`", $prefix, "` and a UUID"
                )))
            }
        }
    };
}

prefixed_id!(
    /// The id of a v2 extraction job: `ext-<uuid>`.
    ExtractJobId,
    "ext-",
    "extract job id"
);

prefixed_id!(
    /// A project as v2 spells it in a job: `prj-<uuid>`.
    ///
    /// v2's `project_id` *parameters* take the bare UUID, a [`ProjectId`]:
    /// [`ProjectV2Id::v1`] gives it (the UUID after the prefix, the same
    /// assumption [`FileV2Id`] makes).
    ProjectV2Id,
    "prj-",
    "v2 project id"
);

prefixed_id!(
    /// The id of a parse job: `pjb-<uuid>`. A completed one can be a v2
    /// extraction's input.
    ParseJobId,
    "pjb-",
    "parse job id"
);

prefixed_id!(
    /// The id of a saved product configuration: `cfg-<uuid>`.
    ConfigurationId,
    "cfg-",
    "configuration id"
);

impl ProjectV2Id {
    /// The same project as v1 and v2's parameters spell it.
    pub const fn v1(self) -> ProjectId {
        ProjectId::from_uuid(self.0)
    }
}

impl From<ProjectV2Id> for ProjectId {
    fn from(id: ProjectV2Id) -> Self {
        id.v1()
    }
}

impl From<ProjectId> for ProjectV2Id {
    fn from(id: ProjectId) -> Self {
        Self(*id.as_uuid())
    }
}

/// Parses `prefix` and a UUID; the error names `kind`, the whole text and
/// the `expected` form.
fn parse_prefixed(
    text: &str,
    prefix: &str,
    kind: &'static str,
    expected: &'static str,
) -> Result<Uuid, IdError> {
    text.strip_prefix(prefix)
        .and_then(|rest| parse_uuid(kind, rest).ok())
        .ok_or_else(|| IdError::new(kind, text, expected))
}

/// What a v2 extraction reads: a stored file (`dfl-…`) or a completed
/// parse job (`pjb-…`), the `file_input` of a job.
///
/// ```
/// use llama_cloud_core::{DocumentInput, FileV2Id};
///
/// let input: DocumentInput = "dfl-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".parse()?;
/// assert!(matches!(input, DocumentInput::File(_)));
/// let input: DocumentInput = "pjb-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".parse()?;
/// assert_eq!(input.to_string(), "pjb-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e");
/// assert!("ext-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".parse::<DocumentInput>().is_err());
/// # Ok::<(), llama_cloud_core::IdError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentInput {
    /// A file of the files API.
    File(FileV2Id),
    /// A completed parse job.
    ParseJob(ParseJobId),
}

impl From<FileV2Id> for DocumentInput {
    fn from(id: FileV2Id) -> Self {
        Self::File(id)
    }
}

impl From<ParseJobId> for DocumentInput {
    fn from(id: ParseJobId) -> Self {
        Self::ParseJob(id)
    }
}

/// What a document input looks like, for errors.
const DOCUMENT_INPUT_EXPECTED: &str = "a file id (dfl-<uuid>) or a parse job id (pjb-<uuid>)";

impl FromStr for DocumentInput {
    type Err = IdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let refused = || IdError::new("document input", text, DOCUMENT_INPUT_EXPECTED);
        if text.starts_with(ParseJobId::PREFIX) {
            text.parse().map(Self::ParseJob).map_err(|_| refused())
        } else {
            text.parse().map(Self::File).map_err(|_| refused())
        }
    }
}

impl TryFrom<&str> for DocumentInput {
    type Error = IdError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl TryFrom<String> for DocumentInput {
    type Error = IdError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl fmt::Display for DocumentInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File(id) => fmt::Display::fmt(id, f),
            Self::ParseJob(id) => fmt::Display::fmt(id, f),
        }
    }
}

impl fmt::Debug for DocumentInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File(id) => fmt::Debug::fmt(id, f),
            Self::ParseJob(id) => fmt::Debug::fmt(id, f),
        }
    }
}

impl Serialize for DocumentInput {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocumentInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(FromText::<Self>::new(DOCUMENT_INPUT_EXPECTED))
    }
}

#[cfg(test)]
mod tests {
    use super::{ConfigurationId, DocumentInput, ExtractJobId, ParseJobId, ProjectV2Id};
    use crate::{FileV2Id, ProjectId};

    const UUID: &str = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";

    #[test]
    fn each_kind_round_trips_its_own_prefix_and_refuses_the_others() {
        fn check<T>(prefix: &str, kind: &str)
        where
            T: std::str::FromStr<Err = crate::IdError>
                + std::fmt::Display
                + serde::Serialize
                + serde::de::DeserializeOwned
                + PartialEq
                + std::fmt::Debug,
        {
            let text = format!("{prefix}{UUID}");
            let id: T = text.parse().unwrap();
            assert_eq!(id.to_string(), text);
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), id);
            let upper = format!("{prefix}{}", UUID.to_uppercase());
            assert_eq!(
                upper.parse::<T>().unwrap().to_string(),
                text,
                "the UUID is lowercased"
            );
            for wrong in [
                UUID.to_owned(),
                format!("{}{UUID}", if prefix == "ext-" { "prj-" } else { "ext-" }),
                prefix.to_owned(),
                format!("{prefix}../admin"),
                format!(" {prefix}{UUID}"),
                format!("{prefix}{{{UUID}}}"),
            ] {
                let error = wrong.parse::<T>().unwrap_err();
                assert_eq!(error.kind(), kind);
                assert_eq!(error.value(), wrong);
                assert!(
                    error
                        .to_string()
                        .contains(&format!("`{prefix}` and a UUID")),
                    "{error}"
                );
            }
            let error = serde_json::from_str::<T>(r#""nope""#).unwrap_err();
            assert!(error.to_string().contains(kind), "{error}");
        }
        check::<ExtractJobId>("ext-", "extract job id");
        check::<ProjectV2Id>("prj-", "v2 project id");
        check::<ParseJobId>("pjb-", "parse job id");
        check::<ConfigurationId>("cfg-", "configuration id");
    }

    #[test]
    fn a_v2_project_is_the_same_uuid_as_v1() {
        let v2: ProjectV2Id = format!("prj-{UUID}").parse().unwrap();
        let v1: ProjectId = v2.into();
        assert_eq!(v1.to_string(), UUID);
        assert_eq!(ProjectV2Id::from(v1), v2);
    }

    #[test]
    fn a_document_input_is_a_file_or_a_parse_job() {
        let file: DocumentInput = format!("dfl-{UUID}").parse().unwrap();
        assert_eq!(
            file,
            DocumentInput::File(format!("dfl-{UUID}").parse::<FileV2Id>().unwrap())
        );
        let parse_job: DocumentInput = format!("pjb-{UUID}").parse().unwrap();
        assert!(matches!(parse_job, DocumentInput::ParseJob(_)));
        assert_eq!(
            serde_json::to_string(&parse_job).unwrap(),
            format!("\"pjb-{UUID}\"")
        );
        for wrong in [format!("ext-{UUID}"), "pjb-x".to_owned(), String::new()] {
            let error = wrong.parse::<DocumentInput>().unwrap_err();
            assert_eq!(error.kind(), "document input");
            assert!(error.to_string().contains("dfl-<uuid>"), "{error}");
        }
    }
}
