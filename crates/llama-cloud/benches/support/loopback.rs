//! The fake server with the seed example job, and our client pointed at it.

use llama_cloud::{Client, JobId};
use llama_cloud_fake::FakeServer;

/// A running fake serving the seed example job, and a client for it.
#[derive(Debug)]
pub struct Loopback {
    /// The fake, on a free port of 127.0.0.1 of the current runtime.
    pub fake: FakeServer,
    /// The seed example job's id.
    pub job_id: JobId,
    /// Our client, built as a user would: key and base URL, defaults for the
    /// rest (timeouts, pool, retries).
    pub client: Client,
}

impl Loopback {
    /// Starts the fake on the current tokio runtime and seeds its example job.
    pub async fn start() -> Self {
        let fake = FakeServer::start().await.expect("bind a loopback port");
        let job_id = fake
            .seed_example_job()
            .expect("the seed job is valid")
            .into();
        let client = Client::builder()
            .api_key(fake.api_key())
            .base_url(fake.base_url())
            .build()
            .expect("a loopback base URL is accepted");
        Self {
            fake,
            job_id,
            client,
        }
    }

    /// Empties the fake's request log. The fake records every request (all
    /// headers included) for tests to inspect; left alone over hundreds of
    /// thousands of requests, that log would grow by megabytes and reallocate
    /// under the server's lock, which is the fake's cost, not the client's.
    pub fn forget_requests(&self) {
        self.fake.clear_requests();
    }
}
