//! [`File`]: a file stored in LlamaCloud.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{DataSourceId, FileId, ProjectId};
use crate::models::JsonObject;
use llama_cloud_core::timestamp;

/// A file stored in LlamaCloud.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct File {
    /// The file's id.
    pub id: FileId,
    /// The file's name.
    pub name: String,
    /// The project the file belongs to.
    pub project_id: ProjectId,
    /// When the file was created.
    #[serde(
        default,
        with = "timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<DateTime<Utc>>,
    /// The data source the file came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_source_id: Option<DataSourceId>,
    /// When the file may be deleted.
    #[serde(
        default,
        with = "timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires_at: Option<DateTime<Utc>>,
    /// The file's id in the system it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_file_id: Option<String>,
    /// The size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_size: Option<u64>,
    /// The file type, such as `pdf` or `docx`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_type: Option<String>,
    /// When the file was last modified.
    #[serde(
        default,
        with = "timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_at: Option<DateTime<Utc>>,
    /// Who may read the file, as the source system describes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_info: Option<JsonObject>,
    /// What the file is for, such as `extract`, `parse` or `user_data`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// What the source system says about the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_info: Option<JsonObject>,
    /// When the file was last updated.
    #[serde(
        default,
        with = "timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<DateTime<Utc>>,
}
