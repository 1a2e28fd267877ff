//! [`CreateExtractJob`]: what `extract().create()` and `extract().run()` send.

use std::future::Future;
use std::num::NonZeroU64;

use http::Method;
use llama_cloud_api::types::{ExtractV2JobCreate, builder};
use llama_cloud_core::{ConfigurationId, DocumentInput, Lenient};

use super::{Extract, ExtractConfiguration, ExtractTier, ExtractV2Job, ExtractV2Target};
use crate::call::Operation;
use crate::error::{Error, InvalidInput};
use crate::ids::{OrganizationId, ProjectId};
use crate::models::{DataSchema, WebhookConfiguration};
use crate::page_range::PageRange;
use crate::response::ApiResponse;
use crate::setters::{scope_setters, with_scope};

const CREATE: Operation = Operation::new(Method::POST, super::JOBS, "ExtractV2Job");

/// A v2 extraction job to create: a document and how to extract from it.
///
/// [`new`](Self::new) takes a data schema and extracts with the service's
/// defaults (tier `cost_effective`, `per_doc`, the `latest` version), which
/// the setters change; [`with_configuration`](Self::with_configuration)
/// takes a whole [`ExtractConfiguration`], and [`saved`](Self::saved) a
/// configuration stored in LlamaCloud.
///
/// ```
/// use llama_cloud::{CreateExtractJob, DataSchema, ExtractTier, ExtractV2Target, FileV2Id};
///
/// # fn run(file: FileV2Id, schema: DataSchema) {
/// let job = CreateExtractJob::new(file, schema)
///     .tier(ExtractTier::Agentic)
///     .extraction_target(ExtractV2Target::PerPage)
///     .system_prompt("Amounts are in EUR unless stated.")
///     .confidence_scores(true);
/// # }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct CreateExtractJob {
    file_input: DocumentInput,
    configuration: Configuration,
    webhooks: Vec<WebhookConfiguration>,
    project_id: Option<ProjectId>,
    organization_id: Option<OrganizationId>,
}

/// Where a job's configuration comes from.
#[derive(Debug, Clone)]
enum Configuration {
    /// Inline, being built.
    Inline(Box<builder::ExtractConfiguration>),
    /// Saved, by id; `tuned` names the first inline setting given with it.
    Saved {
        id: ConfigurationId,
        tuned: Option<&'static str>,
    },
}

impl CreateExtractJob {
    /// Extract `data_schema` from `input` (a file, `dfl-…`, or a completed
    /// parse job, `pjb-…`) with the service's defaults.
    pub fn new(input: impl Into<DocumentInput>, data_schema: DataSchema) -> Self {
        Self::from_parts(
            input.into(),
            Configuration::Inline(Box::new(
                ExtractConfiguration::builder().data_schema(data_schema),
            )),
        )
    }

    /// Extract from `input` as `configuration` says.
    pub fn with_configuration(
        input: impl Into<DocumentInput>,
        configuration: ExtractConfiguration,
    ) -> Self {
        Self::from_parts(
            input.into(),
            Configuration::Inline(Box::new(configuration.into())),
        )
    }

    /// Extract from `input` with the configuration saved as `configuration_id`.
    /// The inline setters do not apply to it: [`Extract::create`] refuses
    /// a job that sets them.
    pub fn saved(input: impl Into<DocumentInput>, configuration_id: ConfigurationId) -> Self {
        Self::from_parts(
            input.into(),
            Configuration::Saved {
                id: configuration_id,
                tuned: None,
            },
        )
    }

    fn from_parts(file_input: DocumentInput, configuration: Configuration) -> Self {
        Self {
            file_input,
            configuration,
            webhooks: Vec::new(),
            project_id: None,
            organization_id: None,
        }
    }

    /// Changes the inline configuration (`setting` names it for the error a
    /// saved one gets).
    fn tune(
        mut self,
        setting: &'static str,
        change: impl FnOnce(builder::ExtractConfiguration) -> builder::ExtractConfiguration,
    ) -> Self {
        self.configuration = match self.configuration {
            Configuration::Inline(inline) => Configuration::Inline(Box::new(change(*inline))),
            Configuration::Saved { id, tuned } => Configuration::Saved {
                id,
                tuned: tuned.or(Some(setting)),
            },
        };
        self
    }

    /// The extraction tier: `cost_effective` (the default) or `agentic`.
    pub fn tier(self, tier: ExtractTier) -> Self {
        self.tune("tier", |c| c.tier(tier))
    }

    /// One object for the document (`per_doc`, the default), per page or per
    /// table row.
    pub fn extraction_target(self, target: ExtractV2Target) -> Self {
        self.tune("extraction_target", |c| c.extraction_target(target))
    }

    /// Instructions that guide the extraction.
    pub fn system_prompt(self, prompt: impl Into<String>) -> Self {
        let prompt = prompt.into();
        self.tune("system_prompt", |c| c.system_prompt(Some(prompt)))
    }

    /// Whether the result cites its sources (default `false`).
    pub fn cite_sources(self, cite: bool) -> Self {
        self.tune("cite_sources", |c| c.cite_sources(cite))
    }

    /// Whether the result has confidence scores (default `false`).
    pub fn confidence_scores(self, scores: bool) -> Self {
        self.tune("confidence_scores", |c| c.confidence_scores(scores))
    }

    /// Only these pages (1-based), such as `"1,3,5-7".parse()?`.
    pub fn target_pages(self, pages: PageRange) -> Self {
        self.tune("target_pages", |c| {
            c.target_pages(Some(Lenient::from(pages)))
        })
    }

    /// At most this many pages.
    pub fn max_pages(self, pages: NonZeroU64) -> Self {
        self.tune("max_pages", |c| c.max_pages(Some(pages)))
    }

    /// The extraction version: `latest` (the default) or a date
    /// (`YYYY-MM-DD`) to pin the release at or before it.
    pub fn version(self, version: impl Into<String>) -> Self {
        let version = version.into();
        self.tune("version", |c| c.version(version))
    }

    /// A webhook to notify of the job's events; may be given more than once.
    pub fn webhook(mut self, webhook: impl Into<WebhookConfiguration>) -> Self {
        self.webhooks.push(webhook.into());
        self
    }

    scope_setters!("create the job in");

    /// The request body, or the setting a saved configuration cannot take.
    fn into_body(self) -> Result<builder::ExtractV2JobCreate, Error> {
        let (configuration, configuration_id) = match self.configuration {
            Configuration::Inline(inline) => {
                let configuration = ExtractConfiguration::try_from(*inline).map_err(|error| {
                    InvalidInput::new("configuration", error.to_string(), "a valid configuration")
                })?;
                (Some(configuration), None)
            }
            Configuration::Saved {
                id,
                tuned: Some(setting),
            } => {
                return Err(InvalidInput::new(
                    setting,
                    id.to_string(),
                    "no inline setting with a saved configuration (use `with_configuration`)",
                )
                .into());
            }
            Configuration::Saved { id, tuned: None } => (None, Some(id)),
        };
        Ok(ExtractV2JobCreate::builder()
            .configuration(configuration)
            .configuration_id(configuration_id)
            .file_input(self.file_input)
            .webhook_configurations((!self.webhooks.is_empty()).then_some(self.webhooks)))
    }
}

impl Extract {
    /// Creates a job: `POST /api/v2/extract`. It runs in the background;
    /// [`wait`](Self::wait) for it, or use [`run`](Self::run) to do both.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for an inline setting given with a saved
    /// configuration, [`Error::Api`] for an error status (422 for a
    /// configuration the service refuses), [`Error::Decode`] for a body
    /// that is not the documented shape, and the transport errors every
    /// call can return ([`Error::Timeout`], [`Error::DeadlineExceeded`],
    /// [`Error::Connection`], [`Error::ResponseBody`], [`Error::Protocol`],
    /// [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn create(
        &self,
        job: CreateExtractJob,
    ) -> impl Future<Output = Result<ExtractV2Job, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = with_scope!(
                this.client.inner.api.create_extract_job(),
                job.project_id,
                job.organization_id
            );
            let body = job.into_body()?;
            this.client
                .call(CREATE, call.body(body).send())
                .await
                .map(ApiResponse::into_body)
        }
    }
}
