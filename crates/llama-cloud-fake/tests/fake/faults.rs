//! Every fault kind, route matching, counts and order.

use std::time::Duration;

use llama_cloud_fake::{
    FakeServer, Fault, Method, Operation, Route, SEED_JOB_ID, SEED_JOB_JSON, StatusCode,
    StatusFault,
};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::{client, get_job, get_job_json, job_url};

async fn seeded() -> FakeServer {
    let fake = FakeServer::start().await.unwrap();
    fake.seed_example_job().unwrap();
    fake
}

#[tokio::test]
async fn rate_limited_sends_every_retry_hint_k_times() {
    let fake = seeded().await;
    fake.inject(
        Route::GetJob,
        Fault::rate_limited(Duration::from_millis(1500)),
        2,
    );
    for _ in 0..2 {
        let response = get_job(&fake, SEED_JOB_ID).await;
        assert_eq!(response.status(), 429);
        assert_eq!(response.headers()["retry-after"], "2");
        assert_eq!(response.headers()["retry-after-ms"], "1500");
        assert_eq!(response.headers()["x-should-retry"], "true");
        assert_eq!(
            response.json::<Value>().await.unwrap(),
            json!({"detail": "Too Many Requests"})
        );
    }
    assert_eq!(get_job(&fake, SEED_JOB_ID).await.status(), 200);
}

#[tokio::test]
async fn a_status_fault_carries_its_headers_and_body() {
    let fake = seeded().await;
    fake.inject(
        Route::GetJob,
        StatusFault::new(StatusCode::SERVICE_UNAVAILABLE)
            .header("x-should-retry", "false")
            .json(&json!({"detail": "maintenance"})),
        1,
    );
    let response = get_job(&fake, SEED_JOB_ID).await;
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["x-should-retry"], "false");
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"detail": "maintenance"})
    );
    // A 200 whose body breaks the contract: a required field missing.
    fake.inject(
        Route::GetJob,
        Fault::Status(StatusFault::new(StatusCode::OK).json(&json!({"id": SEED_JOB_ID}))),
        1,
    );
    assert_eq!(
        get_job_json(&fake, SEED_JOB_ID).await,
        (200, json!({"id": SEED_JOB_ID}))
    );
}

#[tokio::test]
async fn an_invalid_injected_header_is_reported_as_500() {
    let fake = seeded().await;
    fake.inject(
        Route::GetJob,
        StatusFault::new(StatusCode::TOO_MANY_REQUESTS).header("bad header", "1"),
        1,
    );
    let (status, body) = get_job_json(&fake, SEED_JOB_ID).await;
    assert_eq!(status, 500);
    assert!(body["detail"].as_str().unwrap().contains("bad header"));
}

#[tokio::test(start_paused = true)]
async fn a_delay_holds_the_answer_in_tokio_time() {
    let fake = seeded().await;
    fake.inject(Route::GetJob, Fault::Delay(Duration::from_secs(30)), 1);
    let started = tokio::time::Instant::now();
    let response = get_job(&fake, SEED_JOB_ID).await;
    assert_eq!(response.status(), 200);
    assert!(started.elapsed() >= Duration::from_secs(30));
}

#[tokio::test(start_paused = true)]
async fn a_delay_longer_than_the_client_timeout_times_out() {
    let fake = seeded().await;
    fake.inject(Route::GetJob, Fault::Delay(Duration::from_secs(120)), 1);
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let error = client
        .get(job_url(&fake, SEED_JOB_ID))
        .bearer_auth(fake.api_key())
        .send()
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
}

#[tokio::test]
async fn an_empty_body_is_a_200_that_does_not_parse() {
    let fake = seeded().await;
    fake.inject(Route::GetJob, Fault::EmptyBody, 1);
    let response = get_job(&fake, SEED_JOB_ID).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["content-length"], "0");
    assert!(response.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn html_comes_labelled_as_html_or_as_json() {
    let fake = seeded().await;
    fake.inject(Route::GetJob, Fault::Html, 1);
    fake.inject(Route::GetJob, Fault::HtmlLabelledJson, 1);
    for content_type in ["text/html; charset=utf-8", "application/json"] {
        let response = get_job(&fake, SEED_JOB_ID).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], content_type);
        let text = response.text().await.unwrap();
        assert!(text.starts_with("<html>"), "{text}");
    }
}

#[tokio::test]
async fn truncated_json_is_a_prefix_of_the_real_body() {
    let fake = seeded().await;
    let full = get_job(&fake, SEED_JOB_ID).await.bytes().await.unwrap();
    fake.inject(Route::GetJob, Fault::TruncatedJson, 1);
    let response = get_job(&fake, SEED_JOB_ID).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let cut = response.bytes().await.unwrap();
    assert_eq!(cut.len(), full.len() / 2);
    assert!(full.starts_with(&cut));
    assert!(serde_json::from_slice::<Value>(&cut).is_err());
    let fixture: Value = serde_json::from_str(SEED_JOB_JSON).unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&full).unwrap(), fixture);
}

#[tokio::test]
async fn a_dropped_connection_is_a_request_error_without_a_response() {
    let fake = seeded().await;
    fake.inject(Route::GetJob, Fault::DropConnection, 1);
    let error = client()
        .get(job_url(&fake, SEED_JOB_ID))
        .bearer_auth(fake.api_key())
        .send()
        .await
        .unwrap_err();
    assert!(error.is_request(), "{error:?}");
    assert!(error.status().is_none());
    // hyper's words for a response that never came.
    let mut source: Option<&dyn std::error::Error> = Some(&error);
    let mut messages = Vec::new();
    while let Some(cause) = source {
        messages.push(cause.to_string());
        source = cause.source();
    }
    assert!(
        messages
            .iter()
            .any(|m| m.contains("connection closed before message completed")),
        "{messages:?}"
    );
    // The request did arrive, and the next one is answered.
    assert_eq!(fake.requests().len(), 1);
    assert_eq!(get_job(&fake, SEED_JOB_ID).await.status(), 200);
}

#[tokio::test]
async fn a_dropped_connection_sends_no_byte() {
    let fake = seeded().await;
    fake.inject(Route::Any, Fault::DropConnection, 1);
    let mut socket = tokio::net::TcpStream::connect(fake.addr()).await.unwrap();
    let request =
        format!("GET /api/v1/extraction/jobs/{SEED_JOB_ID} HTTP/1.1\r\nhost: localhost\r\n\r\n");
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    // Closed (end of stream or reset), never answered.
    let _ = socket.read_to_end(&mut received).await;
    assert!(
        received.is_empty(),
        "{}",
        String::from_utf8_lossy(&received)
    );
}

#[tokio::test]
async fn a_redirect_sends_its_location() {
    let fake = seeded().await;
    let location = job_url(&fake, SEED_JOB_ID);
    fake.inject(
        Route::GetJob,
        Fault::redirect(StatusCode::TEMPORARY_REDIRECT, &location),
        1,
    );
    let no_follow = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = no_follow
        .get(job_url(&fake, "moved"))
        .bearer_auth(fake.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 307);
    assert_eq!(response.headers()["location"], location.as_str());
    assert!(response.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn faults_apply_to_matching_routes_only_in_order() {
    let fake = seeded().await;
    fake.inject(
        Route::path_prefix("/api/v1/extraction/runs"),
        Fault::status(StatusCode::BAD_GATEWAY),
        1,
    );
    fake.inject(
        Route::method_path_prefix(Method::POST, "/api/v1/extraction/"),
        Fault::status(StatusCode::BAD_GATEWAY),
        1,
    );
    assert_eq!(get_job(&fake, SEED_JOB_ID).await.status(), 200);
    fake.inject(Route::GetJob, Fault::status(StatusCode::BAD_GATEWAY), 1);
    fake.inject(Route::Any, Fault::status(StatusCode::GATEWAY_TIMEOUT), 1);
    assert_eq!(get_job(&fake, SEED_JOB_ID).await.status(), 502);
    assert_eq!(get_job(&fake, SEED_JOB_ID).await.status(), 504);
    assert_eq!(get_job(&fake, SEED_JOB_ID).await.status(), 200);
    fake.clear_faults();
    let response = client()
        .get(format!("{}/api/v1/extraction/runs", fake.base_url()))
        .send()
        .await
        .unwrap();
    // Answered by the route itself (without a key), no longer by the fault.
    assert_eq!(response.status(), 401, "cleared");
}

#[tokio::test]
async fn faults_come_before_auth() {
    let fake = seeded().await;
    fake.inject(
        Route::GetJob,
        Fault::status(StatusCode::SERVICE_UNAVAILABLE),
        1,
    );
    let response = client()
        .get(job_url(&fake, SEED_JOB_ID))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
}

#[tokio::test]
async fn faults_can_aim_at_one_operation() {
    let fake = seeded().await;
    fake.inject(
        Operation::CreateJob,
        Fault::status(StatusCode::SERVICE_UNAVAILABLE),
        1,
    );
    let jobs = format!("{}/api/v1/extraction/jobs", fake.base_url());
    let list = client()
        .get(format!("{jobs}?extraction_agent_id={SEED_JOB_ID}"))
        .bearer_auth(fake.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), 200, "a list is no create");
    let on_file = client().post(format!("{jobs}/file")).send().await.unwrap();
    assert_eq!(on_file.status(), 401, "nor is a job on a file");
    let create = client().post(&jobs).send().await.unwrap();
    assert_eq!(create.status(), 503);
    assert_eq!(client().post(&jobs).send().await.unwrap().status(), 401);
}

#[test]
fn operations_match_their_method_and_path() {
    let post = Method::POST;
    assert!(Operation::CreateJob.matches(&post, "/api/v1/extraction/jobs"));
    assert!(!Operation::CreateJob.matches(&Method::GET, "/api/v1/extraction/jobs"));
    assert!(Operation::ListJobs.matches(&Method::GET, "/api/v1/extraction/jobs"));
    assert!(Operation::CreateJobOnFile.matches(&post, "/api/v1/extraction/jobs/file"));
    // `jobs/file` is that operation's literal path, not a job id.
    assert!(!Operation::GetJob.matches(&Method::GET, "/api/v1/extraction/jobs/file"));
    assert!(!Route::GetJob.matches(&Method::GET, "/api/v1/extraction/jobs/file"));
    assert!(Operation::GetRun.matches(&Method::GET, "/api/v1/extraction/runs/by-job"));
    assert!(Operation::GetRunByJob.matches(&Method::GET, "/api/v1/extraction/runs/by-job/x"));
    assert!(!Operation::GetRun.matches(&Method::GET, "/api/v1/extraction/runs/"));
    assert!(
        Route::from(Operation::DeleteRun).matches(&Method::DELETE, "/api/v1/extraction/runs/x")
    );
    for operation in Operation::ALL {
        let path = operation.path().replace(['{', '}'], "");
        assert!(
            operation.matches(&operation.method(), &path),
            "{operation:?}"
        );
    }
}

#[test]
fn routes_match_method_and_path() {
    let get = Method::GET;
    let job = format!("/api/v1/extraction/jobs/{SEED_JOB_ID}");
    assert!(Route::GetJob.matches(&get, &job));
    assert!(Route::GetJob.matches(&get, "/api/v1/extraction/jobs/not-a-uuid"));
    assert!(!Route::GetJob.matches(&Method::POST, &job));
    assert!(!Route::GetJob.matches(&get, "/api/v1/extraction/jobs/"));
    assert!(!Route::GetJob.matches(&get, &format!("{job}/result")));
    assert!(Route::Any.matches(&Method::DELETE, "/"));
    assert!(Route::path_prefix("/api/v1/").matches(&Method::PUT, &job));
    assert!(!Route::method_path_prefix(Method::PUT, "/api/v1/").matches(&get, &job));
}
