//! [`UploadedFile`]: a file as the upload endpoint returns it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{FileId, ProjectId};
use llama_cloud_core::timestamp;

/// A file just uploaded: its id is what jobs take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UploadedFile {
    /// The file's id.
    pub id: FileId,
    /// The file's name.
    pub name: String,
    /// The project the file belongs to.
    pub project_id: ProjectId,
    /// When the file may be deleted.
    #[serde(
        default,
        with = "timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires_at: Option<DateTime<Utc>>,
    /// The file's id in an external system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_file_id: Option<String>,
    /// The file type, such as `pdf`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_type: Option<String>,
    /// When the file was last modified.
    #[serde(
        default,
        with = "timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_at: Option<DateTime<Utc>>,
    /// What the file is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
}
