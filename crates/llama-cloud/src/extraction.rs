//! [`Extraction`]: the extraction API's entry point, `client.extraction()`.

use crate::agents::ExtractionAgents;
use crate::client::Client;
use crate::error::Error;
use crate::jobs::Jobs;
use crate::models::ExtractJob;
use crate::response::ApiResponse;
use crate::runs::Runs;
use crate::stateless::{STATELESS_RUN, StatelessRun};
use crate::transport::Request;

/// The extraction API, from [`Client::extraction`]: the official clients'
/// `client.extraction`.
#[derive(Debug, Clone, Copy)]
pub struct Extraction<'c> {
    client: &'c Client,
}

impl<'c> Extraction<'c> {
    pub(crate) fn new(client: &'c Client) -> Self {
        Self { client }
    }

    /// Extraction jobs: `client.extraction().jobs()`.
    pub fn jobs(&self) -> Jobs<'c> {
        Jobs::new(self.client)
    }

    /// Extraction agents: `client.extraction().extraction_agents()`.
    pub fn extraction_agents(&self) -> ExtractionAgents<'c> {
        ExtractionAgents::new(self.client)
    }

    /// Extraction runs: `client.extraction().runs()`.
    pub fn runs(&self) -> Runs<'c> {
        Runs::new(self.client)
    }

    /// A one-off extraction without an agent: `POST /api/v1/extraction/run`.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client) -> Result<(), llama_cloud::Error> {
    /// use llama_cloud::{DataSchema, ExtractConfig, StatelessRun};
    ///
    /// let schema = DataSchema::from_value(serde_json::json!({
    ///     "type": "object", "properties": {"total": {"type": "number"}}
    /// }))?;
    /// let run = StatelessRun::builder()
    ///     .config(ExtractConfig::default())
    ///     .data_schema(schema)
    ///     .text("Invoice 17. Total: 42 EUR")
    ///     .build()?;
    /// let job = client.extraction().run(run).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn run(self, run: StatelessRun) -> Result<ExtractJob, Error> {
        let request = Request::new(http::Method::POST, STATELESS_RUN, STATELESS_RUN.to_owned())
            .query_opt("project_id", run.project_id)
            .query_opt("organization_id", run.organization_id)
            .json(&run)?;
        self.client
            .execute_json(request, "ExtractJob")
            .await
            .map(ApiResponse::into_body)
    }
}
