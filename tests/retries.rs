//! Retries, waits, timeouts and per-call overrides against the fake's fault
//! injection. Waits are measured on paused tokio time: the test runtime
//! advances the clock whenever every task is idle, so a 1.5 s backoff takes
//! no real time and its length is still checked exactly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use llama_cloud::{Client, Error, JobId, RequestOptions};
use llama_cloud_fake::{FakeServer, Fault, Route, StatusCode, StatusFault};
use support::{configured, fake_and_client};
use tokio::time::Instant;

async fn seeded() -> (FakeServer, Client, JobId) {
    let (fake, client) = fake_and_client().await;
    let job_id = fake.seed_example_job().unwrap().into();
    (fake, client, job_id)
}

fn retry_counts(fake: &FakeServer) -> Vec<String> {
    fake.requests()
        .iter()
        .map(|r| {
            r.header("x-stainless-retry-count")
                .unwrap_or("-")
                .to_owned()
        })
        .collect()
}

#[tokio::test(start_paused = true)]
async fn a_429_with_retry_after_is_retried_after_the_hint() {
    let (fake, client, job_id) = seeded().await;
    fake.inject(
        Route::GetJob,
        Fault::rate_limited(Duration::from_millis(2500)),
        1,
    );
    let started = Instant::now();
    let response = client
        .extraction()
        .jobs()
        .get_with_response(job_id)
        .await
        .unwrap();
    assert_eq!(response.attempts(), 2);
    assert_eq!(started.elapsed(), Duration::from_millis(2500));
    assert_eq!(retry_counts(&fake), ["0", "1"]);
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_in_seconds_is_honoured() {
    let (fake, client, job_id) = seeded().await;
    let fault = StatusFault::new(StatusCode::TOO_MANY_REQUESTS).header("retry-after", "3");
    fake.inject(Route::GetJob, fault, 1);
    let started = Instant::now();
    client.extraction().jobs().get(job_id).await.unwrap();
    assert_eq!(started.elapsed(), Duration::from_secs(3));
}

#[tokio::test(start_paused = true)]
async fn three_503s_give_up_after_three_attempts_with_backoff() {
    let (fake, client, job_id) = seeded().await;
    fake.inject(
        Route::GetJob,
        Fault::status(StatusCode::SERVICE_UNAVAILABLE),
        3,
    );
    let started = Instant::now();
    let error = client.extraction().jobs().get(job_id).await.unwrap_err();
    let elapsed = started.elapsed();
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(api.attempts, 3);
    assert!(error.to_string().ends_with("after 3 attempts"), "{error}");
    // 0.5 s and 1 s, each times a jitter in [0.75, 1].
    assert!(
        (Duration::from_millis(1125)..=Duration::from_millis(1500)).contains(&elapsed),
        "{elapsed:?}"
    );
    assert_eq!(retry_counts(&fake), ["0", "1", "2"]);
}

#[tokio::test(start_paused = true)]
async fn x_should_retry_false_stops_a_retryable_status() {
    let (fake, client, job_id) = seeded().await;
    let fault =
        StatusFault::new(StatusCode::INTERNAL_SERVER_ERROR).header("x-should-retry", "false");
    fake.inject(Route::GetJob, fault, 3);
    let error = client.extraction().jobs().get(job_id).await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert!(!error.is_retryable());
    assert_eq!(fake.requests().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn x_should_retry_true_retries_a_status_that_is_not_retryable() {
    let (fake, client, job_id) = seeded().await;
    let fault = StatusFault::new(StatusCode::BAD_REQUEST).header("x-should-retry", "true");
    fake.inject(Route::GetJob, fault, 1);
    let response = client
        .extraction()
        .jobs()
        .get_with_response(job_id)
        .await
        .unwrap();
    assert_eq!(response.attempts(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_404_is_not_retried() {
    let (fake, client, _) = seeded().await;
    let missing: JobId = "00000000-0000-4000-8000-000000000001".parse().unwrap();
    let error = client.extraction().jobs().get(missing).await.unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(fake.requests().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_dropped_connection_is_retried() {
    let (fake, client, job_id) = seeded().await;
    fake.inject(Route::GetJob, Fault::DropConnection, 1);
    let response = client
        .extraction()
        .jobs()
        .get_with_response(job_id)
        .await
        .unwrap();
    assert_eq!(response.attempts(), 2);
}

#[tokio::test]
async fn a_delay_longer_than_the_timeout_times_out_then_the_retry_succeeds() {
    let (fake, client, job_id) = seeded().await;
    fake.inject(Route::GetJob, Fault::Delay(Duration::from_secs(30)), 1);
    let quick = client.with_options(RequestOptions::new().timeout(Duration::from_millis(300)));
    let response = quick
        .extraction()
        .jobs()
        .get_with_response(job_id)
        .await
        .unwrap();
    assert_eq!(response.attempts(), 2);

    fake.inject(Route::GetJob, Fault::Delay(Duration::from_secs(30)), 1);
    let once = quick.with_options(RequestOptions::new().max_retries(0));
    let error = once.extraction().jobs().get(job_id).await.unwrap_err();
    assert!(
        matches!(error, Error::Timeout { attempts: 1, timeout, .. } if timeout == Duration::from_millis(300)),
        "{error:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn retries_are_configurable_on_the_client_and_per_call() {
    let (fake, _, job_id) = seeded().await;
    let client = configured(&fake, |b| b.max_retries(4));
    fake.inject(Route::GetJob, Fault::status(StatusCode::BAD_GATEWAY), 10);
    let Error::Api(api) = client.extraction().jobs().get(job_id).await.unwrap_err() else {
        panic!()
    };
    assert_eq!(api.attempts, 5);

    fake.clear_requests();
    let none = client.with_options(RequestOptions::new().max_retries(0));
    let Error::Api(api) = none.extraction().jobs().get(job_id).await.unwrap_err() else {
        panic!()
    };
    assert_eq!(api.attempts, 1);
    assert_eq!(fake.requests().len(), 1);
}

#[tokio::test]
async fn per_call_headers_are_sent() {
    let (fake, client, job_id) = seeded().await;
    let traced = client.with_options(
        RequestOptions::new()
            .header("x-trace-id", "abc123")
            .unwrap(),
    );
    traced.extraction().jobs().get(job_id).await.unwrap();
    client.extraction().jobs().get(job_id).await.unwrap();
    let requests = fake.requests();
    assert_eq!(requests[0].header("x-trace-id"), Some("abc123"));
    assert_eq!(requests[1].header("x-trace-id"), None);
}

#[tokio::test]
async fn a_redirect_to_another_host_does_not_carry_the_key() {
    let (first, client, job_id) = seeded().await;
    let second = FakeServer::start().await.unwrap();
    let target = format!("{}/api/v1/extraction/jobs/{job_id}", second.base_url());
    first.inject(
        Route::GetJob,
        Fault::redirect(StatusCode::TEMPORARY_REDIRECT, target),
        1,
    );
    let error = client.extraction().jobs().get(job_id).await.unwrap_err();
    assert!(
        error.is_unauthorized(),
        "the second server saw no key: {error}"
    );
    let seen = second.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].header("authorization"), None);
    assert_eq!(
        first.requests()[0]
            .header("authorization")
            .map(|h| h.starts_with("Bearer ")),
        Some(true)
    );
}

/// A retried POST sends the same `Idempotency-Key` on every attempt, and a
/// new call gets a key of its own; a GET carries none.
#[tokio::test(start_paused = true)]
async fn a_retried_create_keeps_its_idempotency_key() {
    let (fake, client) = fake_and_client().await;
    let route = Route::method_path_prefix(
        llama_cloud_fake::Method::POST,
        "/api/v1/extraction/extraction-agents",
    );
    fake.inject(route, Fault::status(StatusCode::SERVICE_UNAVAILABLE), 2);
    let agents = client.extraction().extraction_agents();
    let create = || {
        llama_cloud::CreateAgent::new(
            "invoices",
            llama_cloud::DataSchema::from(serde_json::Map::new()),
            llama_cloud::ExtractConfig::default(),
        )
    };
    agents.create(create()).await.unwrap();
    let keys: Vec<_> = fake
        .requests()
        .iter()
        .map(|r| r.header("idempotency-key").map(str::to_owned))
        .collect();
    assert_eq!(keys.len(), 3);
    let first = keys[0].clone().expect("a POST carries an Idempotency-Key");
    assert!(
        keys.iter()
            .all(|key| key.as_deref() == Some(first.as_str())),
        "{keys:?}"
    );
    assert_eq!(retry_counts(&fake), ["0", "1", "2"]);

    fake.clear_requests();
    agents.create(create()).await.unwrap();
    agents.list(llama_cloud::ListAgents::new()).await.unwrap();
    let requests = fake.requests();
    assert_ne!(requests[0].header("idempotency-key"), Some(first.as_str()));
    assert_eq!(requests[1].header("idempotency-key"), None);
}

/// A per-call header replaces one the request already carries (the
/// generated client's `accept`), rather than sending both.
#[tokio::test]
async fn a_per_call_header_replaces_the_clients_own() {
    let (fake, client) = fake_and_client().await;
    let job_id: JobId = fake.seed_example_job().unwrap().into();
    let options = RequestOptions::new()
        .header("accept", "application/json; q=1")
        .unwrap();
    client
        .with_options(options)
        .extraction()
        .jobs()
        .get(job_id)
        .await
        .unwrap();
    let accept: Vec<_> = fake.requests()[0]
        .headers
        .get_all("accept")
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(accept, ["application/json; q=1"]);
}

/// A delete answered with an empty success body is a success, as it was
/// before the generated client (whose "any JSON value" refuses no body).
#[tokio::test]
async fn a_delete_with_an_empty_success_body_succeeds() {
    let (fake, client) = fake_and_client().await;
    let agents = client.extraction().extraction_agents();
    let agent = agents
        .create(llama_cloud::CreateAgent::new(
            "invoices",
            llama_cloud::DataSchema::from(serde_json::Map::new()),
            llama_cloud::ExtractConfig::default(),
        ))
        .await
        .unwrap();
    fake.inject(
        Route::method_path_prefix(
            llama_cloud_fake::Method::DELETE,
            "/api/v1/extraction/extraction-agents",
        ),
        Fault::EmptyBody,
        1,
    );
    agents.delete(agent.id).await.unwrap();
}
