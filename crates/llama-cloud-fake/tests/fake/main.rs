//! Integration tests of the fake over real loopback HTTP, with reqwest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod agents;
mod api;
mod auth;
mod binary;
mod contract;
mod extract;
mod faults;
mod files;
mod job_file;
mod job_results;
mod jobs;
mod lifecycle;
mod requests;
mod runs;
mod schemas;
mod script;
mod stateless;
mod validation;

use std::fmt::Display;

use llama_cloud_fake::FakeServer;
use serde_json::Value;

/// A client with no timers (no pool idle timeout, no timeouts): on paused tokio time
/// a pending timer lets the clock jump while a request is on the wire.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_idle_timeout(None)
        .build()
        .unwrap()
}

fn job_url(fake: &FakeServer, job_id: impl Display) -> String {
    format!("{}/api/v1/extraction/jobs/{job_id}", fake.base_url())
}

/// GET a job with the right key.
async fn get_job(fake: &FakeServer, job_id: impl Display) -> reqwest::Response {
    client()
        .get(job_url(fake, job_id))
        .bearer_auth(fake.api_key())
        .send()
        .await
        .unwrap()
}

/// The status and JSON body of a GET of a job with the right key.
async fn get_job_json(fake: &FakeServer, job_id: impl Display) -> (u16, Value) {
    let response = get_job(fake, job_id).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}
