//! Extraction agents: [`ExtractionAgents`], from
//! `client.extraction().extraction_agents()`.

use serde::{Deserialize, Serialize};
use std::future::Future;

use crate::client::Client;
use crate::error::Error;
use crate::ids::{ExtractionAgentId, FileId, OrganizationId, ProjectId};
use crate::models::{DataSchema, ExtractAgent, ExtractConfig};
use crate::response::ApiResponse;
use crate::setters::scope_setters;
use crate::transport::Request;

const AGENTS: &str = "/api/v1/extraction/extraction-agents";
const AGENT: &str = "/api/v1/extraction/extraction-agents/{extraction_agent_id}";
const VALIDATE: &str = "/api/v1/extraction/extraction-agents/schema/validation";
const GENERATE: &str = "/api/v1/extraction/extraction-agents/schema/generate";

/// Extraction agents: the official clients' `client.extraction.extraction_agents`.
#[derive(Debug, Clone)]
pub struct ExtractionAgents {
    client: Client,
}

impl ExtractionAgents {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// Creates an agent: `POST /api/v1/extraction/extraction-agents`.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client) -> Result<(), llama_cloud::Error> {
    /// use llama_cloud::{CreateAgent, DataSchema, ExtractConfigBuilder, ExtractMode};
    ///
    /// let schema = DataSchema::from_value(serde_json::json!({
    ///     "type": "object", "properties": {"total": {"type": "number"}}
    /// }))?;
    /// let config = ExtractConfigBuilder::new().extraction_mode(ExtractMode::Balanced).build()?;
    /// let agent = client
    ///     .extraction()
    ///     .extraction_agents()
    ///     .create(CreateAgent::new("invoices", schema, config))
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn create(
        &self,
        agent: CreateAgent,
    ) -> impl Future<Output = Result<ExtractAgent, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            crate::models::validate_config(&agent.config)?;
            let request = Request::new(http::Method::POST, AGENTS, AGENTS.to_owned())
                .query_opt("project_id", agent.project_id)
                .query_opt("organization_id", agent.organization_id)
                .json(&agent)?;
            this.client
                .execute_json(request, "ExtractAgent")
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// Lists agents: `GET /api/v1/extraction/extraction-agents`.
    pub fn list(
        &self,
        filter: ListAgents,
    ) -> impl Future<Output = Result<Vec<ExtractAgent>, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let request = Request::get(AGENTS, AGENTS.to_owned())
                .query_opt("include_default", filter.include_default)
                .query_opt("project_id", filter.project_id)
                .query_opt("organization_id", filter.organization_id);
            this.client
                .execute_json(request, "a list of ExtractAgent")
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// Gets an agent: `GET /api/v1/extraction/extraction-agents/{id}`.
    pub fn get(
        &self,
        id: ExtractionAgentId,
    ) -> impl Future<Output = Result<ExtractAgent, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let request = Request::get(AGENT, format!("{AGENTS}/{id}"));
            this.client
                .execute_json(request, "ExtractAgent")
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// Replaces an agent's schema and configuration:
    /// `PUT /api/v1/extraction/extraction-agents/{id}`.
    pub fn update(
        &self,
        id: ExtractionAgentId,
        data_schema: DataSchema,
        config: ExtractConfig,
    ) -> impl Future<Output = Result<ExtractAgent, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            crate::models::validate_config(&config)?;
            #[derive(Serialize)]
            struct Body {
                data_schema: DataSchema,
                config: ExtractConfig,
            }
            let request =
                Request::new(http::Method::PUT, AGENT, format!("{AGENTS}/{id}")).json(&Body {
                    data_schema,
                    config,
                })?;
            this.client
                .execute_json(request, "ExtractAgent")
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// Deletes an agent: `DELETE /api/v1/extraction/extraction-agents/{id}`.
    pub fn delete(
        &self,
        id: ExtractionAgentId,
    ) -> impl Future<Output = Result<(), Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let request = Request::new(http::Method::DELETE, AGENT, format!("{AGENTS}/{id}"));
            this.client.execute(request).await.map(|_| ())
        }
    }

    /// Checks a schema and returns it as the service will use it:
    /// `POST /api/v1/extraction/extraction-agents/schema/validation`.
    pub fn validate_schema(
        &self,
        data_schema: DataSchema,
    ) -> impl Future<Output = Result<DataSchema, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            #[derive(Serialize)]
            struct Body {
                data_schema: DataSchema,
            }
            let request = Request::new(http::Method::POST, VALIDATE, VALIDATE.to_owned())
                .json(&Body { data_schema })?;
            let response: ApiResponse<SchemaBody> = this
                .client
                .execute_json(request, "ExtractSchemaValidateResponse")
                .await?;
            Ok(response.into_body().data_schema)
        }
    }

    /// Generates a schema from a prompt, a sample file, or a schema to
    /// refine: `POST /api/v1/extraction/extraction-agents/schema/generate`.
    pub fn generate_schema(
        &self,
        from: GenerateSchema,
    ) -> impl Future<Output = Result<DataSchema, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let request =
                Request::new(http::Method::POST, GENERATE, GENERATE.to_owned()).json(&from)?;
            let response: ApiResponse<SchemaBody> = this
                .client
                .execute_json(request, "ExtractSchemaGenerateResponse")
                .await?;
            Ok(response.into_body().data_schema)
        }
    }
}

/// `{"data_schema": {...}}`, as the schema endpoints answer.
#[derive(Deserialize)]
struct SchemaBody {
    data_schema: DataSchema,
}

/// What [`ExtractionAgents::create`] sends.
#[derive(Debug, Clone, Serialize)]
#[must_use]
pub struct CreateAgent {
    name: String,
    data_schema: DataSchema,
    config: ExtractConfig,
    #[serde(skip)]
    project_id: Option<ProjectId>,
    #[serde(skip)]
    organization_id: Option<OrganizationId>,
}

impl CreateAgent {
    /// An agent named `name` that extracts `data_schema` with `config`.
    pub fn new(name: impl Into<String>, data_schema: DataSchema, config: ExtractConfig) -> Self {
        Self {
            name: name.into(),
            data_schema,
            config,
            project_id: None,
            organization_id: None,
        }
    }

    scope_setters!("create it in");
}

/// Which agents [`ExtractionAgents::list`] returns.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ListAgents {
    include_default: Option<bool>,
    project_id: Option<ProjectId>,
    organization_id: Option<OrganizationId>,
}

impl ListAgents {
    /// The API key's default project's agents.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether to include the project's default agent.
    pub fn include_default(mut self, include: bool) -> Self {
        self.include_default = Some(include);
        self
    }

    scope_setters!("list the agents of");
}

/// What [`ExtractionAgents::generate_schema`] works from: any of a prompt, a
/// sample file, and a schema to refine.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct GenerateSchema {
    #[serde(skip_serializing_if = "Option::is_none")]
    prompt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file_id: Option<FileId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_schema: Option<DataSchema>,
}

impl GenerateSchema {
    /// Nothing yet: add a prompt, a file or a schema.
    pub fn new() -> Self {
        Self::default()
    }

    /// A description of the data to extract.
    pub fn prompt(mut self, prompt: impl Into<String>) -> Self {
        self.prompt = Some(prompt.into());
        self
    }

    /// A sample file to derive the schema from.
    pub fn file_id(mut self, file_id: FileId) -> Self {
        self.file_id = Some(file_id);
        self
    }

    /// A schema to refine.
    pub fn data_schema(mut self, schema: DataSchema) -> Self {
        self.data_schema = Some(schema);
        self
    }
}
