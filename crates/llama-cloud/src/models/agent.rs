//! [`ExtractAgent`]: a named schema with the configuration to extract it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{ExtractionAgentId, ProjectId};
use crate::models::{CustomConfiguration, ExtractConfig, JsonObject};
use llama_cloud_core::timestamp;

/// An extraction agent: what to extract (`data_schema`) and how (`config`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtractAgent {
    /// The agent's id.
    pub id: ExtractionAgentId,
    /// How the agent extracts.
    pub config: ExtractConfig,
    /// The JSON schema of the data to extract.
    pub data_schema: JsonObject,
    /// The agent's name.
    pub name: String,
    /// The project the agent belongs to.
    pub project_id: ProjectId,
    /// When the agent was created.
    #[serde(
        default,
        with = "timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<DateTime<Utc>>,
    /// A custom configuration type; the API knows only `default` today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_configuration: Option<CustomConfiguration>,
    /// When the agent was last updated.
    #[serde(
        default,
        with = "timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<DateTime<Utc>>,
}
