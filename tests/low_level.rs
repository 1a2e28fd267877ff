//! The generated client from `Client::low_level()` goes through the same
//! runtime as the ergonomic crate: retries with the server's hints, the
//! retry-count header, one idempotency key per call, per-call options, the
//! body limit. Waits run on paused tokio time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use llama_cloud::RequestOptions;
use llama_cloud_fake::{Fault, Route, StatusCode};
use support::{configured, fake_and_client};
use tokio::time::Instant;

#[tokio::test(start_paused = true)]
async fn a_low_level_get_is_retried_after_the_servers_hint() {
    let (fake, client) = fake_and_client().await;
    let job_id = fake.seed_example_job().unwrap();
    fake.inject(
        Route::GetJob,
        Fault::rate_limited(Duration::from_millis(1500)),
        1,
    );
    let started = Instant::now();
    let job = client
        .low_level()
        .get_job()
        .job_id(job_id)
        .send()
        .await
        .unwrap();
    assert_eq!(job.id, job_id.into());
    assert_eq!(started.elapsed(), Duration::from_millis(1500));
    let counts: Vec<_> = fake
        .requests()
        .iter()
        .map(|r| r.header("x-stainless-retry-count").map(str::to_owned))
        .collect();
    assert_eq!(counts, [Some("0".to_owned()), Some("1".to_owned())]);
    assert!(fake.requests()[0].header("idempotency-key").is_none());
}

#[tokio::test(start_paused = true)]
async fn a_low_level_post_keeps_one_idempotency_key_across_retries() {
    let (fake, client) = fake_and_client().await;
    fake.inject(
        Route::method_path_prefix(http::Method::POST, "/api/v1/extraction/extraction-agents"),
        Fault::status(StatusCode::SERVICE_UNAVAILABLE),
        2,
    );
    let body = llama_cloud_api::types::ExtractAgentCreate::builder()
        .name("invoices")
        .data_schema(llama_cloud::DataSchema::from(serde_json::Map::new()))
        .config(llama_cloud_api::types::ExtractConfig::builder());
    let agent = client
        .low_level()
        .create_extraction_agent()
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(agent.name.as_str(), "invoices");
    let keys: Vec<_> = fake
        .requests()
        .iter()
        .map(|r| r.header("idempotency-key").map(str::to_owned))
        .collect();
    assert_eq!(keys.len(), 3);
    assert!(keys[0].is_some());
    assert!(keys.iter().all(|key| *key == keys[0]), "{keys:?}");
}

#[tokio::test(start_paused = true)]
async fn low_level_calls_take_the_clients_options() {
    let (fake, client) = fake_and_client().await;
    let job_id = fake.seed_example_job().unwrap();
    fake.inject(Route::GetJob, Fault::status(StatusCode::BAD_GATEWAY), 5);
    let quiet = client.with_options(
        RequestOptions::new()
            .max_retries(0)
            .header("x-team", "extraction")
            .unwrap(),
    );
    let error = quiet
        .low_level()
        .get_job()
        .job_id(job_id)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::BAD_GATEWAY));
    assert_eq!(fake.requests().len(), 1);
    assert_eq!(fake.requests()[0].header("x-team"), Some("extraction"));
}

#[tokio::test]
async fn a_low_level_body_over_the_limit_fails_to_read_naming_the_limit() {
    let fake = llama_cloud_fake::FakeServer::start().await.unwrap();
    let job_id = fake.seed_example_job().unwrap();
    let client = configured(&fake, |builder| builder.max_response_bytes(64));
    let error = client
        .low_level()
        .get_job()
        .job_id(job_id)
        .send()
        .await
        .unwrap_err();
    let text = format!("{error}");
    let mut source = std::error::Error::source(&error);
    let mut chain = Vec::new();
    while let Some(cause) = source {
        chain.push(cause.to_string());
        source = cause.source();
    }
    assert!(
        chain
            .iter()
            .any(|cause| cause.contains("larger than the limit of 64 bytes")),
        "{text}: {chain:?}"
    );
}
