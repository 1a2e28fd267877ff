//! [`FileV2Id`]: the id the files API (`/api/v1/beta/files`) gives a file,
//! `dfl-<uuid>`, and its way to the UUID that v1 extraction takes.
//!
//! The upload answers a `FileV2` whose `id` is documented as
//! `dfl-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`, while v1's
//! `ExtractJobCreate.file_id` (and every v1 file id) is a bare UUID. The
//! SDK takes the UUID after the `dfl-` prefix to be the file's v1 id: the
//! same file, spelt for the older API. That is an assumption about the
//! service, stated here because the contract does not say it; a bare UUID
//! is accepted too, as a service that answers the v1 spelling would send.

use std::fmt;
use std::str::FromStr;

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};
use uuid::Uuid;

use crate::from_text::FromText;
use crate::ids::{FileId, IdError, parse_uuid};

/// The prefix of a v2 file id.
const PREFIX: &str = "dfl-";
/// What the kind is called in errors.
const KIND: &str = "file id";
/// What a valid one looks like.
const EXPECTED: &str = "`dfl-` and a UUID, such as dfl-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";

/// The id of a stored file as the files API spells it: `dfl-<uuid>`.
///
/// ```
/// use llama_cloud_core::{FileId, FileV2Id};
///
/// let id: FileV2Id = "dfl-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".parse()?;
/// assert_eq!(id.to_string(), "dfl-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e");
/// // The same file for v1 extraction.
/// let v1: FileId = id.into();
/// assert_eq!(v1.to_string(), "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e");
/// assert!("dfl-../admin".parse::<FileV2Id>().is_err());
/// # Ok::<(), llama_cloud_core::IdError>(())
/// ```
///
/// A bare UUID parses too, and is written back bare: a value decodes and
/// re-encodes unchanged.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileV2Id {
    uuid: Uuid,
    prefixed: bool,
}

impl FileV2Id {
    /// The file `uuid`, spelt `dfl-<uuid>`.
    pub const fn from_uuid(uuid: Uuid) -> Self {
        Self {
            uuid,
            prefixed: true,
        }
    }

    /// The UUID inside the id.
    pub const fn as_uuid(&self) -> &Uuid {
        &self.uuid
    }

    /// The same file's v1 id (see the module docs for the assumption).
    pub const fn v1(self) -> FileId {
        FileId::from_uuid(self.uuid)
    }
}

impl From<FileV2Id> for FileId {
    fn from(id: FileV2Id) -> Self {
        id.v1()
    }
}

impl From<FileId> for FileV2Id {
    fn from(id: FileId) -> Self {
        Self::from_uuid(*id.as_uuid())
    }
}

impl fmt::Display for FileV2Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.prefixed {
            f.write_str(PREFIX)?;
        }
        fmt::Display::fmt(&self.uuid.hyphenated(), f)
    }
}

impl fmt::Debug for FileV2Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FileV2Id({self})")
    }
}

impl FromStr for FileV2Id {
    type Err = IdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (rest, prefixed) = match text.strip_prefix(PREFIX) {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        parse_uuid(KIND, rest)
            .map(|uuid| Self { uuid, prefixed })
            .map_err(|_| IdError::new(KIND, text, EXPECTED))
    }
}

impl TryFrom<&str> for FileV2Id {
    type Error = IdError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl TryFrom<String> for FileV2Id {
    type Error = IdError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl Serialize for FileV2Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FileV2Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(FromText::<Self>::new(EXPECTED))
    }
}

#[cfg(test)]
mod tests {
    use super::FileV2Id;

    #[test]
    fn both_spellings_round_trip_unchanged() {
        for text in [
            "dfl-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
            "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
        ] {
            let id: FileV2Id = text.parse().unwrap();
            assert_eq!(id.to_string(), text);
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(serde_json::from_str::<FileV2Id>(&json).unwrap(), id);
            assert_eq!(id.v1().to_string(), "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e");
        }
    }

    #[test]
    fn other_prefixes_and_broken_uuids_are_refused_with_the_form() {
        for text in [
            "ext-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
            "dfl-",
            "dfl-x",
            "dfl-../a",
        ] {
            let error = text.parse::<FileV2Id>().unwrap_err();
            assert_eq!(error.value(), text);
            assert!(error.to_string().contains("`dfl-` and a UUID"), "{error}");
        }
    }
}
