//! [`ExtractJob`]: one run of an extraction agent on one file.

use serde::{Deserialize, Serialize};

use crate::ids::{FileId, JobId};
use crate::models::{ExtractAgent, File, JobStatus};

/// An extraction job: the agent it runs, the file it reads, and where it is.
///
/// ```
/// # fn show(job: llama_cloud::ExtractJob) {
/// use llama_cloud::JobStatus;
///
/// match job.status {
///     JobStatus::Success | JobStatus::PartialSuccess => println!("done"),
///     JobStatus::Error => println!("failed: {}", job.error.as_deref().unwrap_or("no message")),
///     status if status.is_terminal() => println!("ended: {status}"),
///     status => println!("still {status}"),
/// }
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtractJob {
    /// The job's id.
    pub id: JobId,
    /// The agent the job runs, with the configuration it had when the job
    /// was created.
    pub extraction_agent: ExtractAgent,
    /// Where the job is.
    pub status: JobStatus,
    /// What went wrong, when the job failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The file the job reads.
    #[deprecated(note = "the API deprecates the job's embedded file: use `file_id`")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<File>,
    /// The id of the file the job reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<FileId>,
}
