//! The operations of `openapi/extraction.json`: method and path of each, shared by the
//! router and by [`Route::Operation`](crate::Route::Operation) faults.

use axum::http::Method;

/// One operation of the contract, named after its `operationId`.
///
/// ```
/// use llama_cloud_fake::{Method, Operation};
///
/// assert_eq!(Operation::CreateJob.operation_id(), "create_job");
/// assert_eq!(Operation::GetRun.path(), "/api/v1/extraction/runs/{run_id}");
/// assert!(Operation::GetRun.matches(&Method::GET, "/api/v1/extraction/runs/any-id"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// `POST /api/v1/beta/files` (`upload_file`, multipart).
    UploadFile,
    /// `GET /api/v1/beta/files` (`list_files`).
    ListFiles,
    /// `POST /api/v1/beta/files/query` (`query_files`, deprecated).
    QueryFiles,
    /// `GET /api/v1/beta/files/{file_id}` (`get_file`).
    GetFile,
    /// `DELETE /api/v1/beta/files/{file_id}` (`delete_file`).
    DeleteFile,
    /// `GET /api/v1/beta/files/{file_id}/content` (`read_file_content`).
    ReadFileContent,
    /// `GET /api/v1/extraction/extraction-agents` (`list_extraction_agents`).
    ListAgents,
    /// `POST /api/v1/extraction/extraction-agents` (`create_extraction_agent`).
    CreateAgent,
    /// `POST /api/v1/extraction/extraction-agents/schema/generate` (`generate_extraction_schema`).
    GenerateSchema,
    /// `POST /api/v1/extraction/extraction-agents/schema/validation` (`validate_extraction_schema`).
    ValidateSchema,
    /// `GET /api/v1/extraction/extraction-agents/{extraction_agent_id}` (`get_extraction_agent`).
    GetAgent,
    /// `PUT /api/v1/extraction/extraction-agents/{extraction_agent_id}` (`update_extraction_agent`).
    UpdateAgent,
    /// `DELETE /api/v1/extraction/extraction-agents/{extraction_agent_id}` (`delete_extraction_agent`).
    DeleteAgent,
    /// `GET /api/v1/extraction/extraction-agents/default` (`get_default_extraction_agent`).
    GetDefaultAgent,
    /// `GET /api/v1/extraction/extraction-agents/by-name/{name}` (`get_extraction_agent_by_name`, deprecated).
    GetAgentByName,
    /// `GET /api/v1/extraction/jobs` (`list_jobs`).
    ListJobs,
    /// `POST /api/v1/extraction/jobs` (`create_job`).
    CreateJob,
    /// `POST /api/v1/extraction/jobs/batch` (`create_batch_jobs`).
    CreateBatchJobs,
    /// `POST /api/v1/extraction/jobs/file` (`create_job_on_file`, multipart).
    CreateJobOnFile,
    /// `GET /api/v1/extraction/jobs/{job_id}` (`get_job`).
    GetJob,
    /// `GET /api/v1/extraction/jobs/{job_id}/result` (`get_job_result`).
    GetJobResult,
    /// `POST /api/v1/extraction/run` (`extract_stateless`).
    ExtractStateless,
    /// `GET /api/v1/extraction/runs` (`list_extraction_runs`).
    ListRuns,
    /// `GET /api/v1/extraction/runs/latest-from-ui` (`get_latest_run_from_ui`).
    GetLatestRunFromUi,
    /// `GET /api/v1/extraction/runs/by-job/{job_id}` (`get_extraction_run_by_job`).
    GetRunByJob,
    /// `GET /api/v1/extraction/runs/{run_id}` (`get_extraction_run`).
    GetRun,
    /// `DELETE /api/v1/extraction/runs/{run_id}` (`delete_extraction_run`).
    DeleteRun,
    /// `POST /api/v2/extract` (`create_extract_job`).
    CreateExtractJob,
    /// `GET /api/v2/extract` (`list_extract_jobs`).
    ListExtractJobs,
    /// `POST /api/v2/extract/schema/generate` (`generate_extract_schema`).
    GenerateExtractSchema,
    /// `POST /api/v2/extract/schema/validation` (`validate_extract_schema`).
    ValidateExtractSchema,
    /// `GET /api/v2/extract/{job_id}` (`get_extract_job`).
    GetExtractJob,
    /// `DELETE /api/v2/extract/{job_id}` (`delete_extract_job`).
    DeleteExtractJob,
    /// `POST /api/v2/extract/{job_id}/cancel` (`cancel_extract_job`).
    CancelExtractJob,
}

impl Operation {
    /// Every operation, in the fragment's order.
    pub const ALL: [Self; 34] = [
        Self::UploadFile,
        Self::ListFiles,
        Self::QueryFiles,
        Self::GetFile,
        Self::DeleteFile,
        Self::ReadFileContent,
        Self::ListAgents,
        Self::CreateAgent,
        Self::GenerateSchema,
        Self::ValidateSchema,
        Self::GetAgent,
        Self::UpdateAgent,
        Self::DeleteAgent,
        Self::GetDefaultAgent,
        Self::GetAgentByName,
        Self::ListJobs,
        Self::CreateJob,
        Self::CreateBatchJobs,
        Self::CreateJobOnFile,
        Self::GetJob,
        Self::GetJobResult,
        Self::ExtractStateless,
        Self::ListRuns,
        Self::GetLatestRunFromUi,
        Self::GetRunByJob,
        Self::GetRun,
        Self::DeleteRun,
        Self::CreateExtractJob,
        Self::ListExtractJobs,
        Self::GenerateExtractSchema,
        Self::ValidateExtractSchema,
        Self::GetExtractJob,
        Self::DeleteExtractJob,
        Self::CancelExtractJob,
    ];

    /// The `operationId` in `openapi/extraction.json`.
    pub fn operation_id(self) -> &'static str {
        match self {
            Self::UploadFile => "upload_file",
            Self::ListFiles => "list_files",
            Self::QueryFiles => "query_files",
            Self::GetFile => "get_file",
            Self::DeleteFile => "delete_file",
            Self::ReadFileContent => "read_file_content",
            Self::ListAgents => "list_extraction_agents",
            Self::CreateAgent => "create_extraction_agent",
            Self::GenerateSchema => "generate_extraction_schema",
            Self::ValidateSchema => "validate_extraction_schema",
            Self::GetAgent => "get_extraction_agent",
            Self::UpdateAgent => "update_extraction_agent",
            Self::DeleteAgent => "delete_extraction_agent",
            Self::GetDefaultAgent => "get_default_extraction_agent",
            Self::GetAgentByName => "get_extraction_agent_by_name",
            Self::ListJobs => "list_jobs",
            Self::CreateJob => "create_job",
            Self::CreateBatchJobs => "create_batch_jobs",
            Self::CreateJobOnFile => "create_job_on_file",
            Self::GetJob => "get_job",
            Self::GetJobResult => "get_job_result",
            Self::ExtractStateless => "extract_stateless",
            Self::ListRuns => "list_extraction_runs",
            Self::GetLatestRunFromUi => "get_latest_run_from_ui",
            Self::GetRunByJob => "get_extraction_run_by_job",
            Self::GetRun => "get_extraction_run",
            Self::DeleteRun => "delete_extraction_run",
            Self::CreateExtractJob => "create_extract_job",
            Self::ListExtractJobs => "list_extract_jobs",
            Self::GenerateExtractSchema => "generate_extract_schema",
            Self::ValidateExtractSchema => "validate_extract_schema",
            Self::GetExtractJob => "get_extract_job",
            Self::DeleteExtractJob => "delete_extract_job",
            Self::CancelExtractJob => "cancel_extract_job",
        }
    }

    /// The HTTP method.
    pub fn method(self) -> Method {
        match self {
            Self::ListAgents
            | Self::ListFiles
            | Self::GetFile
            | Self::ReadFileContent
            | Self::GetAgent
            | Self::GetDefaultAgent
            | Self::GetAgentByName
            | Self::GetLatestRunFromUi
            | Self::ListJobs
            | Self::GetJob
            | Self::GetJobResult
            | Self::ListRuns
            | Self::GetRunByJob
            | Self::GetRun
            | Self::ListExtractJobs
            | Self::GetExtractJob => Method::GET,
            Self::UploadFile
            | Self::QueryFiles
            | Self::CreateAgent
            | Self::GenerateSchema
            | Self::ValidateSchema
            | Self::CreateJob
            | Self::CreateBatchJobs
            | Self::CreateJobOnFile
            | Self::ExtractStateless
            | Self::CreateExtractJob
            | Self::GenerateExtractSchema
            | Self::ValidateExtractSchema
            | Self::CancelExtractJob => Method::POST,
            Self::UpdateAgent => Method::PUT,
            Self::DeleteAgent | Self::DeleteRun | Self::DeleteFile | Self::DeleteExtractJob => {
                Method::DELETE
            }
        }
    }

    /// The path template, with `{name}` for the path parameter (as in the fragment).
    pub fn path(self) -> &'static str {
        match self {
            Self::UploadFile | Self::ListFiles => "/api/v1/beta/files",
            Self::QueryFiles => "/api/v1/beta/files/query",
            Self::GetFile | Self::DeleteFile => "/api/v1/beta/files/{file_id}",
            Self::ReadFileContent => "/api/v1/beta/files/{file_id}/content",
            Self::ListAgents | Self::CreateAgent => "/api/v1/extraction/extraction-agents",
            Self::GenerateSchema => "/api/v1/extraction/extraction-agents/schema/generate",
            Self::ValidateSchema => "/api/v1/extraction/extraction-agents/schema/validation",
            Self::GetAgent | Self::UpdateAgent | Self::DeleteAgent => {
                "/api/v1/extraction/extraction-agents/{extraction_agent_id}"
            }
            Self::GetDefaultAgent => "/api/v1/extraction/extraction-agents/default",
            Self::GetAgentByName => "/api/v1/extraction/extraction-agents/by-name/{name}",
            Self::ListJobs | Self::CreateJob => "/api/v1/extraction/jobs",
            Self::CreateJobOnFile => "/api/v1/extraction/jobs/file",
            Self::CreateBatchJobs => "/api/v1/extraction/jobs/batch",
            Self::GetJob => "/api/v1/extraction/jobs/{job_id}",
            Self::GetJobResult => "/api/v1/extraction/jobs/{job_id}/result",
            Self::ExtractStateless => "/api/v1/extraction/run",
            Self::ListRuns => "/api/v1/extraction/runs",
            Self::GetLatestRunFromUi => "/api/v1/extraction/runs/latest-from-ui",
            Self::GetRunByJob => "/api/v1/extraction/runs/by-job/{job_id}",
            Self::GetRun | Self::DeleteRun => "/api/v1/extraction/runs/{run_id}",
            Self::CreateExtractJob | Self::ListExtractJobs => "/api/v2/extract",
            Self::GenerateExtractSchema => "/api/v2/extract/schema/generate",
            Self::ValidateExtractSchema => "/api/v2/extract/schema/validation",
            Self::GetExtractJob | Self::DeleteExtractJob => "/api/v2/extract/{job_id}",
            Self::CancelExtractJob => "/api/v2/extract/{job_id}/cancel",
        }
    }

    /// Whether a request with this method and (percent-encoded) path is a call of this
    /// operation: same method, same literal segments, and a non-empty segment where the
    /// template has a parameter, whatever it holds (valid id or not). A path that is
    /// another operation's literal path is that operation's: `GET .../jobs/file` is no
    /// [`GetJob`](Self::GetJob) (the fake answers it 405).
    pub fn matches(self, method: &Method, path: &str) -> bool {
        if *method != self.method() {
            return false;
        }
        let taken = Self::ALL.iter().any(|other| {
            other.path() != self.path() && !other.path().contains('{') && other.path() == path
        });
        if taken {
            return false;
        }
        let mut actual = path.split('/');
        let mut template = self.path().split('/');
        loop {
            match (template.next(), actual.next()) {
                (None, None) => return true,
                (Some(expected), Some(segment)) => {
                    let is_parameter = expected.starts_with('{');
                    let ok = if is_parameter {
                        !segment.is_empty()
                    } else {
                        expected == segment
                    };
                    if !ok {
                        return false;
                    }
                }
                _ => return false,
            }
        }
    }
}
