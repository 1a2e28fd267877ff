//! [`ExtractRun`]: one extraction, with its configuration and data.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{ExtractionAgentId, FileId, JobId, ProjectId, RunId};
use crate::models::{ExtractConfig, ExtractedData, File, JsonObject, RunStatus};
use llama_cloud_core::timestamp;

/// An extraction run: what one job extracted, with the configuration and
/// schema it used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtractRun {
    /// The run's id.
    pub id: RunId,
    /// The configuration the run used.
    pub config: ExtractConfig,
    /// The schema the run used.
    pub data_schema: JsonObject,
    /// The agent the run belongs to.
    pub extraction_agent_id: ExtractionAgentId,
    /// Whether the run was started from the LlamaCloud web UI.
    pub from_ui: bool,
    /// The project the run belongs to.
    pub project_id: ProjectId,
    /// Where the run is.
    pub status: RunStatus,
    /// When the run was created.
    #[serde(
        default,
        with = "timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<DateTime<Utc>>,
    /// When the run was last updated.
    #[serde(
        default,
        with = "timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<DateTime<Utc>>,
    /// The extracted data, once there is some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<ExtractedData>,
    /// What went wrong, when the run failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Citations, confidence scores, usage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extraction_metadata: Option<JsonObject>,
    /// The file the run read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<File>,
    /// The id of the file the run read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<FileId>,
    /// The job the run belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<JobId>,
}

/// One page of runs, as `GET /api/v1/extraction/runs` returns it. The
/// page's echoed `skip` is not read: the next page is counted from the skip
/// the client asked for.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct RunPage {
    pub(crate) items: Vec<ExtractRun>,
    pub(crate) total: u64,
}
