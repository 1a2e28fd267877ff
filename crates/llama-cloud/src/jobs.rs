//! Extraction jobs: [`Jobs`], from `client.extraction().jobs()`.

use serde::Serialize;
use std::future::Future;

use crate::client::Client;
use crate::error::Error;
use crate::ids::{ExtractionAgentId, FileId, JobId};
use crate::models::{
    DataSchema, ExtractConfig, ExtractJob, ExtractResult, Priority, WebhookConfiguration,
};
use crate::response::ApiResponse;
use crate::setters::job_override_setters;
use crate::transport::{FormValue, Request};
use crate::upload::FileUpload;

/// Extraction jobs, from [`Extraction::jobs`](crate::Extraction::jobs): the
/// official clients' `client.extraction.jobs`.
#[derive(Debug, Clone)]
pub struct Jobs {
    client: Client,
}

const JOBS: &str = "/api/v1/extraction/jobs";
const JOB: &str = "/api/v1/extraction/jobs/{job_id}";
const JOB_FILE: &str = "/api/v1/extraction/jobs/file";
const JOB_RESULT: &str = "/api/v1/extraction/jobs/{job_id}/result";

impl Jobs {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// Runs an agent on an uploaded file ("Run Job"):
    /// `POST /api/v1/extraction/jobs`.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client, agent: llama_cloud::ExtractionAgentId, file: llama_cloud::FileId) -> Result<(), llama_cloud::Error> {
    /// use llama_cloud::{CreateJob, Priority};
    ///
    /// let job = client
    ///     .extraction()
    ///     .jobs()
    ///     .create(CreateJob::new(agent, file).priority(Priority::High))
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn create(
        &self,
        job: CreateJob,
    ) -> impl Future<Output = Result<ExtractJob, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            if let Some(config) = &job.config_override {
                crate::models::validate_config(config)?;
            }
            let request = Request::new(http::Method::POST, JOBS, JOBS.to_owned())
                .query_opt("from_ui", job.from_ui.then_some(true))
                .json(&job)?;
            this.client
                .execute_json(request, "ExtractJob")
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// The jobs of an agent: `GET /api/v1/extraction/jobs` (not paginated).
    pub fn list(
        &self,
        extraction_agent_id: ExtractionAgentId,
    ) -> impl Future<Output = Result<Vec<ExtractJob>, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let request = Request::get(JOBS, JOBS.to_owned())
                .query("extraction_agent_id", extraction_agent_id);
            this.client
                .execute_json(request, "a list of ExtractJob")
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// Gets a job: `GET /api/v1/extraction/jobs/{job_id}`.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = llama_cloud::Client::from_env()?;
    /// let job = client
    ///     .extraction()
    ///     .jobs()
    ///     .get("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".parse()?)
    ///     .await?;
    /// println!("{} is {}", job.id, job.status);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Api`] with 404 ([`Error::is_not_found`]) when no job has this
    /// id, [`Error::Decode`] when the body is not a job, and the transport
    /// errors every call can return.
    pub fn get(
        &self,
        job_id: JobId,
    ) -> impl Future<Output = Result<ExtractJob, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            this.get_with_response(job_id)
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// [`get`](Self::get), with the response's status and headers.
    pub fn get_with_response(
        &self,
        job_id: JobId,
    ) -> impl Future<Output = Result<ApiResponse<ExtractJob>, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            // A JobId is a UUID, so its text needs no percent-encoding.
            let request = Request::get(JOB, format!("{JOBS}/{job_id}"));
            this.client.execute_json(request, "ExtractJob").await
        }
    }

    /// Uploads a file and runs an agent on it in one request ("Run Job On
    /// File"): `POST /api/v1/extraction/jobs/file`, multipart.
    pub fn file(
        &self,
        job: CreateJobOnFile,
    ) -> impl Future<Output = Result<ExtractJob, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let mut fields = vec![
                (
                    "extraction_agent_id",
                    FormValue::Text(job.extraction_agent_id.to_string()),
                ),
                ("file", FormValue::File(job.file)),
            ];
            if let Some(config) = &job.config_override {
                crate::models::validate_config(config)?;
                fields.push(("config_override", FormValue::Text(to_json(config)?)));
            }
            if let Some(schema) = &job.data_schema_override {
                fields.push(("data_schema_override", FormValue::Text(to_json(schema)?)));
            }
            let request = Request::new(http::Method::POST, JOB_FILE, JOB_FILE.to_owned())
                .query_opt("from_ui", job.from_ui.then_some(true))
                .multipart(fields);
            this.client
                .execute_json(request, "ExtractJob")
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// The result of a finished job: `GET /api/v1/extraction/jobs/{job_id}/result`.
    pub fn result(
        &self,
        job_id: JobId,
    ) -> impl Future<Output = Result<ExtractResult, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let request = Request::get(JOB_RESULT, format!("{JOBS}/{job_id}/result"));
            this.client
                .execute_json(request, "ExtractResult")
                .await
                .map(ApiResponse::into_body)
        }
    }
}

/// JSON text for a multipart field.
fn to_json(value: &impl Serialize) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|error| {
        crate::InvalidInput::new(
            "request body",
            "",
            format!("could not be encoded as JSON: {error}"),
        )
        .into()
    })
}

/// What [`Jobs::create`] sends: an agent, a file, and optional overrides.
#[derive(Debug, Clone, Serialize)]
#[must_use]
pub struct CreateJob {
    extraction_agent_id: ExtractionAgentId,
    file_id: FileId,
    #[serde(skip_serializing_if = "Option::is_none")]
    config_override: Option<ExtractConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_schema_override: Option<DataSchema>,
    #[serde(skip_serializing_if = "Option::is_none")]
    priority: Option<Priority>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    webhook_configurations: Vec<WebhookConfiguration>,
    #[serde(skip)]
    from_ui: bool,
}

impl CreateJob {
    /// Run `extraction_agent_id` on the uploaded file `file_id`.
    pub fn new(extraction_agent_id: ExtractionAgentId, file_id: FileId) -> Self {
        Self {
            extraction_agent_id,
            file_id,
            config_override: None,
            data_schema_override: None,
            priority: None,
            webhook_configurations: Vec::new(),
            from_ui: false,
        }
    }

    job_override_setters!();

    /// The job's priority (the service may ignore it, depending on the
    /// organization's tier).
    pub fn priority(mut self, priority: Priority) -> Self {
        self.priority = Some(priority);
        self
    }

    /// A webhook to call as the job's status changes; call again for more.
    pub fn webhook(mut self, webhook: impl Into<WebhookConfiguration>) -> Self {
        self.webhook_configurations.push(webhook.into());
        self
    }
}

/// What [`Jobs::file`] sends: an agent, a file to upload, optional overrides.
#[derive(Debug, Clone)]
#[must_use]
pub struct CreateJobOnFile {
    extraction_agent_id: ExtractionAgentId,
    file: FileUpload,
    config_override: Option<ExtractConfig>,
    data_schema_override: Option<DataSchema>,
    from_ui: bool,
}

impl CreateJobOnFile {
    /// Upload `file` and run `extraction_agent_id` on it.
    pub fn new(extraction_agent_id: ExtractionAgentId, file: FileUpload) -> Self {
        Self {
            extraction_agent_id,
            file,
            config_override: None,
            data_schema_override: None,
            from_ui: false,
        }
    }

    job_override_setters!();
}
