//! v2 extraction (`/api/v2/extract`): [`Extract`], from `client.extract()`,
//! the official clients' `client.extract` since llama-cloud 2.x.
//!
//! A v2 job reads a file of the files API (`dfl-…`) or a completed parse job
//! (`pjb-…`) with an inline [`ExtractConfiguration`] (a data schema and how to
//! extract) or a saved configuration (`cfg-…`), and carries its result in
//! the job itself: no agent and no separate result call, unlike v1
//! ([`Client::extraction`](crate::Client::extraction)).
//!
//! ```no_run
//! # async fn run(client: llama_cloud::Client, file: llama_cloud::FileV2Id) -> Result<(), llama_cloud::Error> {
//! use llama_cloud::{CreateExtractJob, DataAs as _, DataSchema};
//!
//! #[derive(serde::Deserialize, schemars::JsonSchema)]
//! struct Invoice {
//!     number: String,
//!     total: f64,
//! }
//!
//! let job = client
//!     .extract()
//!     .run(CreateExtractJob::new(file, DataSchema::for_type::<Invoice>()?))
//!     .await?;
//! let invoice: Invoice = job.data_as()?;
//! # Ok(())
//! # }
//! ```

mod create;
mod list;
mod wait;

use std::future::Future;

use http::Method;

use crate::call::{Operation, ignoring_body};
use crate::client::Client;
use crate::error::Error;
use crate::ids::{OrganizationId, ProjectId};
use crate::models::DataSchema;
use crate::response::ApiResponse;
use crate::setters::{scope_setters, with_scope};
use llama_cloud_core::{ExtractJobId, FileV2Id};

pub use create::CreateExtractJob;
pub use list::ListExtractJobs;

/// A configuration that schema generation proposes (`ConfigurationCreateRequest`
/// upstream): a name and the extraction's parameters.
pub use llama_cloud_api::types::ConfigurationCreateRequest as GeneratedConfiguration;
/// How a v2 job extracts: the data schema, tier, granularity, pages, prompt.
/// Build one with `ExtractConfiguration::builder()`, or let
/// [`CreateExtractJob::new`] make one from a schema.
pub use llama_cloud_api::types::ExtractConfiguration;
/// A v2 job's extraction metadata: per-field citations and confidence, the
/// parse job used.
pub use llama_cloud_api::types::ExtractJobMetadata;
/// A page of v2 jobs, as [`Extract::list_page`] gives it.
pub use llama_cloud_api::types::ExtractV2JobQueryResponse as ExtractJobsPage;
/// The parameters of a generated configuration (`product_type` `extract_v2`).
pub use llama_cloud_api::types::ExtractV2Parameters;
/// The extracted fields' metadata, keyed by field.
pub use llama_cloud_api::types::ExtractedFieldMetadata;
pub use llama_cloud_api::types::{ExtractTier, ExtractV2Job, ExtractV2Status, ExtractV2Target};

const JOBS: &str = "/api/v2/extract";
const JOB: &str = "/api/v2/extract/{job_id}";
const GET: Operation = Operation::new(Method::GET, JOB, "ExtractV2Job");
const DELETE: Operation = Operation::new(Method::DELETE, JOB, "no body");
const CANCEL: Operation = Operation::new(
    Method::POST,
    "/api/v2/extract/{job_id}/cancel",
    "ExtractV2Job",
);
const VALIDATE: Operation = Operation::new(
    Method::POST,
    "/api/v2/extract/schema/validation",
    "ExtractV2SchemaValidateResponse",
);
const GENERATE: Operation = Operation::new(
    Method::POST,
    "/api/v2/extract/schema/generate",
    "ConfigurationCreateRequest",
);

/// What a read of a job adds to it (`expand`): the fields v2 leaves out
/// unless asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Expand {
    /// The full configuration the job ran with (`configuration`).
    Configuration,
    /// Per-field metadata: citations, confidence (`extract_metadata`).
    ExtractMetadata,
}

impl Expand {
    /// The value the API takes.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Configuration => "configuration",
            Self::ExtractMetadata => "extract_metadata",
        }
    }
}

/// v2 extraction, from [`Client::extract`](crate::Client::extract).
#[derive(Debug, Clone)]
pub struct Extract {
    client: Client,
}

impl Extract {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// A job, with its result once it has one: `GET /api/v2/extract/{job_id}`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::WrongResource`] for an answer about another job, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn get(
        &self,
        job_id: ExtractJobId,
    ) -> impl Future<Output = Result<ExtractV2Job, Error>> + Send + use<> {
        self.get_with(job_id, &[])
    }

    /// [`get`](Self::get), with the fields `expand` names.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client, id: llama_cloud::ExtractJobId) -> Result<(), llama_cloud::Error> {
    /// use llama_cloud::extract::Expand;
    ///
    /// let job = client.extract().get_with(id, &[Expand::ExtractMetadata]).await?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`get`](Self::get).
    pub fn get_with(
        &self,
        job_id: ExtractJobId,
        expand: &[Expand],
    ) -> impl Future<Output = Result<ExtractV2Job, Error>> + Send + use<> {
        let this = self.clone();
        let expand = expand_values(expand);
        async move {
            let mut call = this.client.inner.api.get_extract_job().job_id(job_id);
            if let Some(expand) = expand {
                call = call.expand(expand);
            }
            let job = this.client.call(GET, call.send()).await?.into_body();
            GET.check_id("extract job", &job_id, &job.id)?;
            Ok(job)
        }
    }

    /// Cancels a job that has not finished: `POST /api/v2/extract/{job_id}/cancel`.
    /// Answers the job, now `CANCELLED`; a job that has already ended
    /// cannot be cancelled, and the service says so with an error status.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::WrongResource`] for an answer about another job, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn cancel(
        &self,
        job_id: ExtractJobId,
    ) -> impl Future<Output = Result<ExtractV2Job, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = this.client.inner.api.cancel_extract_job().job_id(job_id);
            let job = this.client.call(CANCEL, call.send()).await?.into_body();
            CANCEL.check_id("extract job", &job_id, &job.id)?;
            Ok(job)
        }
    }

    /// Deletes a job and its result: `DELETE /api/v2/extract/{job_id}`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), and the transport errors every call can return
    /// ([`Error::Timeout`], [`Error::DeadlineExceeded`], [`Error::Connection`],
    /// [`Error::ResponseBody`], [`Error::Protocol`], [`Error::Redirect`],
    /// [`Error::BodyTooLarge`]).
    pub fn delete(
        &self,
        job_id: ExtractJobId,
    ) -> impl Future<Output = Result<(), Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = this.client.inner.api.delete_extract_job().job_id(job_id);
            ignoring_body(this.client.call(DELETE, call.send()).await)
        }
    }

    /// Checks a data schema and answers it as the service will use it:
    /// `POST /api/v2/extract/schema/validation`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status (422 with the problems for a
    /// schema the service refuses), [`Error::Decode`] for a body that is
    /// not the documented shape, and the transport errors every call can
    /// return ([`Error::Timeout`], [`Error::DeadlineExceeded`],
    /// [`Error::Connection`], [`Error::ResponseBody`], [`Error::Protocol`],
    /// [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn validate_schema(
        &self,
        data_schema: DataSchema,
    ) -> impl Future<Output = Result<DataSchema, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let body = llama_cloud_api::types::ExtractV2SchemaValidateRequest::builder()
                .data_schema(data_schema);
            let call = this.client.inner.api.validate_extract_schema().body(body);
            let answer = this.client.call(VALIDATE, call.send()).await?.into_body();
            Ok(answer.data_schema)
        }
    }

    /// Proposes a configuration, with a data schema, from a prompt, a file
    /// or a schema to refine: `POST /api/v2/extract/schema/generate`.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client) -> Result<(), llama_cloud::Error> {
    /// use llama_cloud::extract::GenerateExtractSchema;
    ///
    /// let proposal = client
    ///     .extract()
    ///     .generate_schema(GenerateExtractSchema::new().prompt("the invoice number and total"))
    ///     .await?;
    /// println!("{}", proposal.parameters.data_schema.as_json());
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a name over 255 characters, [`Error::Api`]
    /// for an error status, [`Error::Decode`] for a body that is not the
    /// documented shape (an answer for another product than extraction is
    /// one), and the transport errors every call can return
    /// ([`Error::Timeout`], [`Error::DeadlineExceeded`], [`Error::Connection`],
    /// [`Error::ResponseBody`], [`Error::Protocol`], [`Error::Redirect`],
    /// [`Error::BodyTooLarge`]).
    pub fn generate_schema(
        &self,
        request: GenerateExtractSchema,
    ) -> impl Future<Output = Result<GeneratedConfiguration, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let name = request
                .name
                .map(|name| {
                    name.parse().map_err(|_| {
                        crate::InvalidInput::new("name", &name, "at most 255 characters")
                    })
                })
                .transpose()?;
            let body = llama_cloud_api::types::ExtractV2SchemaGenerateRequest::builder()
                .data_schema(request.data_schema)
                .file_id(request.file_id)
                .name(name)
                .prompt(request.prompt);
            let call = with_scope!(
                this.client.inner.api.generate_extract_schema(),
                request.project_id,
                request.organization_id
            );
            this.client
                .call(GENERATE, call.body(body).send())
                .await
                .map(ApiResponse::into_body)
        }
    }
}

/// What [`Extract::generate_schema`] starts from: any of a prompt, a file
/// and a schema to refine.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct GenerateExtractSchema {
    name: Option<String>,
    prompt: Option<String>,
    file_id: Option<FileV2Id>,
    data_schema: Option<DataSchema>,
    project_id: Option<ProjectId>,
    organization_id: Option<OrganizationId>,
}

impl GenerateExtractSchema {
    /// A request with nothing set yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The configuration's name (at most 255 characters).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// What to extract, in words.
    pub fn prompt(mut self, prompt: impl Into<String>) -> Self {
        self.prompt = Some(prompt.into());
        self
    }

    /// A file to derive the schema from.
    pub fn file_id(mut self, file_id: FileV2Id) -> Self {
        self.file_id = Some(file_id);
        self
    }

    /// A schema to refine.
    pub fn data_schema(mut self, data_schema: DataSchema) -> Self {
        self.data_schema = Some(data_schema);
        self
    }

    scope_setters!("generate the configuration in");
}

/// The `expand` values, or `None` for none.
fn expand_values(expand: &[Expand]) -> Option<Vec<String>> {
    (!expand.is_empty()).then(|| expand.iter().map(|e| e.as_str().to_owned()).collect())
}
