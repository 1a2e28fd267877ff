//! [`Extraction`]: the extraction API's entry point, `client.extraction()`.

use crate::agents::ExtractionAgents;
use crate::call::Operation;
use crate::client::Client;
use crate::error::Error;
use crate::jobs::Jobs;
use crate::models::ExtractJob;
use crate::response::ApiResponse;
use crate::runs::Runs;
use crate::setters::with_scope;
use crate::stateless::StatelessRun;
use std::future::Future;

const RUN: Operation = Operation::new(http::Method::POST, "/api/v1/extraction/run", "ExtractJob");

/// The extraction API, from [`Client::extraction`]: the official clients'
/// `client.extraction`.
#[derive(Debug, Clone)]
pub struct Extraction {
    client: Client,
}

impl Extraction {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// Extraction jobs: `client.extraction().jobs()`.
    pub fn jobs(&self) -> Jobs {
        Jobs::new(self.client.clone())
    }

    /// Extraction agents: `client.extraction().extraction_agents()`.
    pub fn extraction_agents(&self) -> ExtractionAgents {
        ExtractionAgents::new(self.client.clone())
    }

    /// Extraction runs: `client.extraction().runs()`.
    pub fn runs(&self) -> Runs {
        Runs::new(self.client.clone())
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
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn run(
        &self,
        run: StatelessRun,
    ) -> impl Future<Output = Result<ExtractJob, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = with_scope!(
                this.client.inner.api.extract_stateless(),
                run.project_id,
                run.organization_id
            );
            let call = call.body(run.body).send();
            this.client
                .call(RUN, call)
                .await
                .map(ApiResponse::into_body)
        }
    }
}
