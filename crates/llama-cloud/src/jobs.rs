//! The extraction API: [`Extraction`] and its [`Jobs`].

use crate::client::Client;
use crate::error::Error;
use crate::ids::JobId;
use crate::models::ExtractJob;
use crate::response::ApiResponse;
use crate::transport::Request;

/// The extraction API, from [`Client::extraction`].
#[derive(Debug, Clone, Copy)]
pub struct Extraction<'c> {
    client: &'c Client,
}

impl<'c> Extraction<'c> {
    pub(crate) fn new(client: &'c Client) -> Self {
        Self { client }
    }

    /// Extraction jobs: `client.extraction().jobs()`, as
    /// `client.extraction.jobs` in the official clients.
    pub fn jobs(&self) -> Jobs<'c> {
        Jobs {
            client: self.client,
        }
    }
}

/// Extraction jobs, from [`Extraction::jobs`].
#[derive(Debug, Clone, Copy)]
pub struct Jobs<'c> {
    client: &'c Client,
}

const JOB_PATH: &str = "/api/v1/extraction/jobs/{job_id}";

impl Jobs<'_> {
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
    pub async fn get(&self, job_id: JobId) -> Result<ExtractJob, Error> {
        self.get_with_response(job_id)
            .await
            .map(ApiResponse::into_body)
    }

    /// [`get`](Self::get), with the response's status and headers.
    pub async fn get_with_response(&self, job_id: JobId) -> Result<ApiResponse<ExtractJob>, Error> {
        // A JobId is a UUID, so its text needs no percent-encoding.
        let request = Request::get(JOB_PATH, format!("/api/v1/extraction/jobs/{job_id}"));
        self.client.execute_json(request, "ExtractJob").await
    }
}
