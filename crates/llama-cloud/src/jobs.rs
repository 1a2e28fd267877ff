//! Extraction jobs: [`Jobs`], from `client.extraction().jobs()`.

use futures::FutureExt as _;
use http::Method;
use serde::Serialize;
use std::future::Future;

use crate::call::Operation;
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
const JOB_FILE: &str = "/api/v1/extraction/jobs/file";
const CREATE: Operation = Operation::new(Method::POST, JOBS, "ExtractJob");
const BATCH: Operation = Operation::new(
    Method::POST,
    "/api/v1/extraction/jobs/batch",
    "a list of ExtractJob",
);
const LIST: Operation = Operation::new(Method::GET, JOBS, "a list of ExtractJob");
const GET: Operation = Operation::new(
    Method::GET,
    "/api/v1/extraction/jobs/{job_id}",
    "ExtractJob",
);
const RESULT: Operation = Operation::new(
    Method::GET,
    "/api/v1/extraction/jobs/{job_id}/result",
    "ExtractResult",
);

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
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn create(
        &self,
        job: CreateJob,
    ) -> impl Future<Output = Result<ExtractJob, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            if let Some(config) = &job.config_override {
                crate::models::validate_config(config)?;
            }
            let mut call = this.client.inner.api.create_job();
            if job.from_ui {
                call = call.from_ui(true);
            }
            let call = call.body(job.into_body()).send();
            this.client
                .call(CREATE, call)
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// Creates one job per file in a single request:
    /// `POST /api/v1/extraction/jobs/batch`. The jobs come back in the order
    /// of the files.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client, agent: llama_cloud::ExtractionAgentId, files: Vec<llama_cloud::FileId>) -> Result<(), llama_cloud::Error> {
    /// use llama_cloud::CreateBatch;
    ///
    /// let jobs = client.extraction().jobs().create_batch(CreateBatch::new(agent, files)).await?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending (no file, or a
    /// configuration override that breaks a rule), and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn create_batch(
        &self,
        batch: CreateBatch,
    ) -> impl Future<Output = Result<Vec<ExtractJob>, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            if batch.file_ids.is_empty() {
                return Err(
                    crate::InvalidInput::new("file_ids", "[]", "at least one file id").into(),
                );
            }
            if let Some(config) = &batch.config_override {
                crate::models::validate_config(config)?;
            }
            let mut call = this.client.inner.api.create_batch_jobs();
            if batch.from_ui {
                call = call.from_ui(true);
            }
            let call = call.body(batch.into_body()).send();
            this.client
                .call(BATCH, call)
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// The jobs of an agent: `GET /api/v1/extraction/jobs` (not paginated).
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn list(
        &self,
        extraction_agent_id: ExtractionAgentId,
    ) -> impl Future<Output = Result<Vec<ExtractJob>, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = this
                .client
                .inner
                .api
                .list_jobs()
                .extraction_agent_id(extraction_agent_id)
                .send();
            this.client
                .call(LIST, call)
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
        // `map`, not an async block: a block would hold the inner future
        // twice (as its capture and as its awaitee).
        self.get_with_response(job_id)
            .map(|response| response.map(ApiResponse::into_body))
    }

    /// [`get`](Self::get), with the response's status and headers.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn get_with_response(
        &self,
        job_id: JobId,
    ) -> impl Future<Output = Result<ApiResponse<ExtractJob>, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = this.client.inner.api.get_job().job_id(job_id).send();
            let response = this.client.call(GET, call).await?;
            GET.check_id("job", &job_id, &response.body.id)?;
            Ok(response)
        }
    }

    /// Uploads a file and runs an agent on it in one request ("Run Job On
    /// File"): `POST /api/v1/extraction/jobs/file`, multipart.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
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
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn result(
        &self,
        job_id: JobId,
    ) -> impl Future<Output = Result<ExtractResult, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = this.client.inner.api.get_job_result().job_id(job_id).send();
            this.client
                .call(RESULT, call)
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
/// It becomes the generated [`ExtractJobCreate`](llama_cloud_api::types::ExtractJobCreate).
#[derive(Debug, Clone)]
#[must_use]
pub struct CreateJob {
    extraction_agent_id: ExtractionAgentId,
    file_id: FileId,
    config_override: Option<ExtractConfig>,
    data_schema_override: Option<DataSchema>,
    priority: Option<Priority>,
    webhook_configurations: Vec<WebhookConfiguration>,
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

    /// The generated request body.
    fn into_body(self) -> llama_cloud_api::types::builder::ExtractJobCreate {
        let webhooks =
            (!self.webhook_configurations.is_empty()).then_some(self.webhook_configurations);
        llama_cloud_api::types::ExtractJobCreate::builder()
            .extraction_agent_id(self.extraction_agent_id)
            .file_id(self.file_id)
            .config_override(self.config_override)
            .data_schema_override(self.data_schema_override)
            .priority(self.priority)
            .webhook_configurations(webhooks)
    }
}

/// What [`Jobs::create_batch`] sends: an agent, the files (at least one),
/// and optional overrides for every job. It becomes the generated
/// [`ExtractJobCreateBatch`](llama_cloud_api::types::ExtractJobCreateBatch).
#[derive(Debug, Clone)]
#[must_use]
pub struct CreateBatch {
    extraction_agent_id: ExtractionAgentId,
    file_ids: Vec<FileId>,
    config_override: Option<ExtractConfig>,
    data_schema_override: Option<DataSchema>,
    webhook_configurations: Vec<WebhookConfiguration>,
    from_ui: bool,
}

impl CreateBatch {
    /// Run `extraction_agent_id` on each of the uploaded files `file_ids`.
    pub fn new(
        extraction_agent_id: ExtractionAgentId,
        file_ids: impl IntoIterator<Item = FileId>,
    ) -> Self {
        Self {
            extraction_agent_id,
            file_ids: file_ids.into_iter().collect(),
            config_override: None,
            data_schema_override: None,
            webhook_configurations: Vec::new(),
            from_ui: false,
        }
    }

    job_override_setters!();

    /// A webhook to call as each job's status changes; call again for more.
    pub fn webhook(mut self, webhook: impl Into<WebhookConfiguration>) -> Self {
        self.webhook_configurations.push(webhook.into());
        self
    }

    /// The generated request body.
    fn into_body(self) -> llama_cloud_api::types::builder::ExtractJobCreateBatch {
        let webhooks =
            (!self.webhook_configurations.is_empty()).then_some(self.webhook_configurations);
        llama_cloud_api::types::ExtractJobCreateBatch::builder()
            .extraction_agent_id(self.extraction_agent_id)
            .file_ids(self.file_ids)
            .config_override(self.config_override)
            .data_schema_override(self.data_schema_override)
            .webhook_configurations(webhooks)
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
