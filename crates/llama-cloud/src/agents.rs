//! Extraction agents: [`ExtractionAgents`], from
//! `client.extraction().extraction_agents()`.

use http::Method;
use std::future::Future;

use crate::call::Operation;
use crate::client::Client;
use crate::error::Error;
use crate::ids::{ExtractionAgentId, FileId, OrganizationId, ProjectId};
use crate::models::{DataSchema, ExtractAgent, ExtractConfig};
use crate::response::ApiResponse;
use crate::setters::{scope_setters, with_scope};

const AGENTS: &str = "/api/v1/extraction/extraction-agents";
const AGENT: &str = "/api/v1/extraction/extraction-agents/{extraction_agent_id}";
const CREATE: Operation = Operation::new(Method::POST, AGENTS, "ExtractAgent");
const LIST: Operation = Operation::new(Method::GET, AGENTS, "a list of ExtractAgent");
const GET: Operation = Operation::new(Method::GET, AGENT, "ExtractAgent");
const UPDATE: Operation = Operation::new(Method::PUT, AGENT, "ExtractAgent");
const DELETE: Operation = Operation::new(Method::DELETE, AGENT, "any JSON value");
const DEFAULT: Operation = Operation::new(
    Method::GET,
    "/api/v1/extraction/extraction-agents/default",
    "ExtractAgent",
);
const BY_NAME: Operation = Operation::new(
    Method::GET,
    "/api/v1/extraction/extraction-agents/by-name/{name}",
    "ExtractAgent",
);
const VALIDATE: Operation = Operation::new(
    Method::POST,
    "/api/v1/extraction/extraction-agents/schema/validation",
    "ExtractSchemaValidateResponse",
);
const GENERATE: Operation = Operation::new(
    Method::POST,
    "/api/v1/extraction/extraction-agents/schema/generate",
    "ExtractSchemaGenerateResponse",
);

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
        agent: CreateAgent,
    ) -> impl Future<Output = Result<ExtractAgent, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            crate::models::validate_config(&agent.config)?;
            let length = agent.name.chars().count();
            if !(1..=3000).contains(&length) {
                return Err(crate::InvalidInput::new(
                    "name",
                    agent.name,
                    "an agent name of 1 to 3000 characters",
                )
                .into());
            }
            let call = with_scope!(
                this.client.inner.api.create_extraction_agent(),
                agent.project_id,
                agent.organization_id
            );
            let body = llama_cloud_api::types::ExtractAgentCreate::builder()
                .name(agent.name)
                .data_schema(agent.data_schema)
                .config(agent.config);
            let call = call.body(body).send();
            this.client
                .call(CREATE, call)
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// Lists agents: `GET /api/v1/extraction/extraction-agents`.
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
        filter: ListAgents,
    ) -> impl Future<Output = Result<Vec<ExtractAgent>, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let mut call = with_scope!(
                this.client.inner.api.list_extraction_agents(),
                filter.project_id,
                filter.organization_id
            );
            if let Some(include) = filter.include_default {
                call = call.include_default(include);
            }
            this.client
                .call(LIST, call.send())
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// The project's default agent (an empty schema and the default
    /// configuration), created on first use:
    /// `GET /api/v1/extraction/extraction-agents/default`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn get_or_create_default(
        &self,
        scope: AgentScope,
    ) -> impl Future<Output = Result<ExtractAgent, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = with_scope!(
                this.client.inner.api.get_default_extraction_agent(),
                scope.project_id,
                scope.organization_id
            );
            this.client
                .call(DEFAULT, call.send())
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// The agent named `name`:
    /// `GET /api/v1/extraction/extraction-agents/by-name/{name}`. The API
    /// deprecates it: list the agents and pick by name, or keep the id.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    #[deprecated(
        note = "the API deprecates getting an agent by name; list the agents and pick by name, or keep the id"
    )]
    pub fn get_by_name(
        &self,
        name: String,
        scope: AgentScope,
    ) -> impl Future<Output = Result<ExtractAgent, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            if name.is_empty() {
                return Err(
                    crate::InvalidInput::new("name", name, "a non-empty agent name").into(),
                );
            }
            #[allow(
                deprecated,
                reason = "this method is the deprecated operation's wrapper"
            )]
            let call = this.client.inner.api.get_extraction_agent_by_name();
            let call = with_scope!(
                call.name(name.clone()),
                scope.project_id,
                scope.organization_id
            );
            let agent = this.client.call(BY_NAME, call.send()).await?.into_body();
            if agent.name != name {
                return Err(Error::WrongResource {
                    method: BY_NAME.method.clone(),
                    path: BY_NAME.path,
                    what: "extraction agent named",
                    asked: name,
                    got: agent.name,
                });
            }
            Ok(agent)
        }
    }

    /// Gets an agent: `GET /api/v1/extraction/extraction-agents/{id}`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn get(
        &self,
        id: ExtractionAgentId,
    ) -> impl Future<Output = Result<ExtractAgent, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = this
                .client
                .inner
                .api
                .get_extraction_agent()
                .extraction_agent_id(id)
                .send();
            let agent = this.client.call(GET, call).await?.into_body();
            GET.check_id("extraction agent", &id, &agent.id)?;
            Ok(agent)
        }
    }

    /// Replaces an agent's schema and configuration:
    /// `PUT /api/v1/extraction/extraction-agents/{id}`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn update(
        &self,
        id: ExtractionAgentId,
        data_schema: DataSchema,
        config: ExtractConfig,
    ) -> impl Future<Output = Result<ExtractAgent, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            crate::models::validate_config(&config)?;
            let body = llama_cloud_api::types::ExtractAgentUpdate::builder()
                .data_schema(data_schema)
                .config(config);
            let call = this
                .client
                .inner
                .api
                .update_extraction_agent()
                .extraction_agent_id(id)
                .body(body)
                .send();
            let agent = this.client.call(UPDATE, call).await?.into_body();
            UPDATE.check_id("extraction agent", &id, &agent.id)?;
            Ok(agent)
        }
    }

    /// Deletes an agent: `DELETE /api/v1/extraction/extraction-agents/{id}`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn delete(
        &self,
        id: ExtractionAgentId,
    ) -> impl Future<Output = Result<(), Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = this
                .client
                .inner
                .api
                .delete_extraction_agent()
                .extraction_agent_id(id)
                .send();
            crate::call::ignoring_body(this.client.call(DELETE, call).await)
        }
    }

    /// Checks a schema and returns it as the service will use it:
    /// `POST /api/v1/extraction/extraction-agents/schema/validation`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn validate_schema(
        &self,
        data_schema: DataSchema,
    ) -> impl Future<Output = Result<DataSchema, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let body = llama_cloud_api::types::ExtractSchemaValidateRequest::builder()
                .data_schema(data_schema);
            let call = this
                .client
                .inner
                .api
                .validate_extraction_schema()
                .body(body)
                .send();
            let response = this.client.call(VALIDATE, call).await?;
            Ok(response.into_body().data_schema)
        }
    }

    /// Generates a schema from a prompt, a sample file, or a schema to
    /// refine: `POST /api/v1/extraction/extraction-agents/schema/generate`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn generate_schema(
        &self,
        from: GenerateSchema,
    ) -> impl Future<Output = Result<DataSchema, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let body = llama_cloud_api::types::ExtractSchemaGenerateRequest::builder()
                .prompt(from.prompt)
                .file_id(from.file_id)
                .data_schema(from.data_schema);
            let call = this
                .client
                .inner
                .api
                .generate_extraction_schema()
                .body(body)
                .send();
            let response = this.client.call(GENERATE, call).await?;
            Ok(response.into_body().data_schema)
        }
    }
}

/// What [`ExtractionAgents::create`] sends: it becomes the generated
/// [`ExtractAgentCreate`](llama_cloud_api::types::ExtractAgentCreate), whose
/// rules (a name of 1 to 3000 characters) are checked before sending.
#[derive(Debug, Clone)]
#[must_use]
pub struct CreateAgent {
    name: String,
    data_schema: DataSchema,
    config: ExtractConfig,
    project_id: Option<ProjectId>,
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

/// Where [`ExtractionAgents::get_or_create_default`] and
/// [`ExtractionAgents::get_by_name`] look: the API key's default project
/// unless set.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct AgentScope {
    project_id: Option<ProjectId>,
    organization_id: Option<OrganizationId>,
}

impl AgentScope {
    /// The API key's default project.
    pub fn new() -> Self {
        Self::default()
    }

    scope_setters!("look in");
}

/// What [`ExtractionAgents::generate_schema`] works from: any of a prompt, a
/// sample file, and a schema to refine.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct GenerateSchema {
    prompt: Option<String>,
    file_id: Option<FileId>,
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
