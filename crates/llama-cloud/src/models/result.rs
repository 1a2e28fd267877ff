//! [`ExtractResult`]: the data a finished job extracted.

use serde::{Deserialize, Serialize};

use crate::ids::{ExtractionAgentId, RunId};
use crate::models::JsonObject;

/// The result of a finished extraction job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtractResult {
    /// The extracted data, shaped by the agent's extraction target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<ExtractedData>,
    /// The agent that extracted it.
    pub extraction_agent_id: ExtractionAgentId,
    /// Citations, confidence scores, usage: what the service adds about the
    /// extraction.
    pub extraction_metadata: JsonObject,
    /// The run that holds this result.
    pub run_id: RunId,
}

/// Extracted data: one object for the whole document (`PER_DOC`), or one per
/// page or table row (`PER_PAGE`, `PER_TABLE_ROW`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ExtractedData {
    /// One object for the whole document.
    Document(JsonObject),
    /// One object per page or per table row.
    Items(Vec<JsonObject>),
}
