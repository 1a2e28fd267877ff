//! `jobs().get()` against the fake server over real loopback sockets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use llama_cloud::{Error, ErrorDetail, JobId, JobStatus, RequestOptions};
use llama_cloud_fake::{Fault, JobSpec, Route, SEED_JOB_JSON, StatusCode, StatusFault};
use support::{client_for, configured, fake_and_client};

fn id(uuid: llama_cloud_fake::Uuid) -> JobId {
    JobId::from(uuid)
}

#[tokio::test]
async fn gets_a_job_in_each_status() {
    let (fake, client) = fake_and_client().await;
    for (status, expected) in [
        ("PENDING", JobStatus::Pending),
        ("SUCCESS", JobStatus::Success),
        ("PARTIAL_SUCCESS", JobStatus::PartialSuccess),
        ("ERROR", JobStatus::Error),
        ("CANCELLED", JobStatus::Cancelled),
    ] {
        let mut spec = JobSpec::new().status(status);
        if status == "ERROR" {
            spec = spec.error("the document could not be parsed");
        }
        let job_id = fake.insert_job(spec).unwrap();
        let job = client.extraction().jobs().get(id(job_id)).await.unwrap();
        assert_eq!(job.id, id(job_id));
        assert_eq!(job.status, expected);
        if status == "ERROR" {
            assert_eq!(
                job.error.as_deref(),
                Some("the document could not be parsed")
            );
        }
    }
}

#[tokio::test]
async fn the_seed_example_served_verbatim_decodes() {
    let (fake, client) = fake_and_client().await;
    let job_id = fake.seed_example_job().unwrap();
    let response = client
        .extraction()
        .jobs()
        .get_with_response(id(job_id))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.attempts(), 1);
    let job = response.into_body();
    let seed: serde_json::Value = serde_json::from_str(SEED_JOB_JSON).unwrap();
    assert_eq!(serde_json::to_value(&job).unwrap(), seed);
    let page_range = job.extraction_agent.config.page_range.as_ref().unwrap();
    assert_eq!(page_range.raw(), "page_range");
    assert!(page_range.get().is_err());
}

#[tokio::test]
async fn the_request_carries_key_user_agent_and_path() {
    let (fake, client) = fake_and_client().await;
    let job_id = fake.seed_example_job().unwrap();
    client.extraction().jobs().get(id(job_id)).await.unwrap();
    let requests = fake.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(
        request.path_and_query(),
        format!("/api/v1/extraction/jobs/{job_id}")
    );
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {}", fake.api_key()).as_str())
    );
    assert_eq!(
        request.header("user-agent"),
        Some(format!("llama-cloud-rust/{}", env!("CARGO_PKG_VERSION")).as_str())
    );
    assert_eq!(request.header("accept"), Some("application/json"));
}

#[tokio::test]
async fn a_wrong_key_is_401_unauthorized() {
    let (fake, _) = fake_and_client().await;
    let job_id = fake.seed_example_job().unwrap();
    let client = client_for(&fake, "llx-wrong");
    let error = client
        .extraction()
        .jobs()
        .get(id(job_id))
        .await
        .unwrap_err();
    assert!(error.is_unauthorized(), "{error}");
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert!(
        matches!(&api.detail, Some(ErrorDetail::Message(_))),
        "{api:?}"
    );
    assert!(!error.to_string().contains("llx-wrong"), "{error}");
}

#[tokio::test]
async fn an_unknown_job_is_404_not_found() {
    let (_fake, client) = fake_and_client().await;
    let missing: JobId = "00000000-0000-4000-8000-000000000000".parse().unwrap();
    let error = client.extraction().jobs().get(missing).await.unwrap_err();
    assert!(error.is_not_found(), "{error}");
    assert!(!error.is_retryable());
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert!(
        matches!(&api.detail, Some(ErrorDetail::Message(m)) if !m.is_empty()),
        "{api:?}"
    );
}

#[tokio::test]
async fn a_validation_error_is_422_with_its_details() {
    let (fake, client) = fake_and_client().await;
    let job_id = fake.seed_example_job().unwrap();
    // The client cannot send a malformed id (JobId is a UUID), so the fake is
    // told to answer as FastAPI does to one.
    fake.inject(
        Route::GetJob,
        StatusFault::new(StatusCode::UNPROCESSABLE_ENTITY).json(&serde_json::json!({"detail": [
            {"type": "uuid_parsing", "loc": ["path", "job_id"], "msg": "Input should be a valid UUID", "input": "x"}
        ]})),
        1,
    );
    let error = client
        .extraction()
        .jobs()
        .get(id(job_id))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    let Some(detail @ ErrorDetail::Validation(issues)) = &api.detail else {
        panic!("{api:?}")
    };
    assert_eq!(issues[0].type_, "uuid_parsing");
    assert_eq!(
        detail.to_string(),
        "path.job_id: Input should be a valid UUID (uuid_parsing)"
    );
}

#[tokio::test]
async fn an_unknown_status_from_the_server_survives() {
    let (fake, client) = fake_and_client().await;
    let job_id = fake.insert_job(JobSpec::new().status("PAUSED")).unwrap();
    let job = client.extraction().jobs().get(id(job_id)).await.unwrap();
    assert!(job.status.is_unknown());
    assert_eq!(job.status.as_str(), "PAUSED");
    assert_eq!(serde_json::to_value(&job).unwrap()["status"], "PAUSED");
}

#[tokio::test]
async fn malformed_success_bodies_are_decode_errors() {
    let (fake, client) = fake_and_client().await;
    let job_id = fake.seed_example_job().unwrap();
    let mut messages = Vec::new();
    for (name, fault) in [
        ("empty body", Fault::EmptyBody),
        ("html", Fault::Html),
        ("html labelled json", Fault::HtmlLabelledJson),
        ("truncated json", Fault::TruncatedJson),
    ] {
        fake.inject(Route::GetJob, fault, 1);
        let error = client
            .extraction()
            .jobs()
            .get(id(job_id))
            .await
            .unwrap_err();
        let Error::Decode(decode) = &error else {
            panic!("{name}: {error:?}")
        };
        assert_eq!(decode.status, StatusCode::OK, "{name}");
        assert_eq!(decode.expected, "ExtractJob");
        messages.push(format!("{name}: {}", decode.reason));
    }
    insta::assert_snapshot!(messages.join("\n"));
}

#[tokio::test]
async fn a_dropped_connection_is_a_connection_error() {
    let (fake, client) = fake_and_client().await;
    let job_id = fake.seed_example_job().unwrap();
    fake.inject(Route::GetJob, Fault::DropConnection, 1);
    let error = client
        .with_options(RequestOptions::new().max_retries(0))
        .extraction()
        .jobs()
        .get(id(job_id))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Connection { .. }), "{error:?}");
    assert!(error.is_retryable());
}

#[tokio::test]
async fn a_slow_response_is_a_timeout() {
    let fake = llama_cloud_fake::FakeServer::start().await.unwrap();
    let job_id = fake.seed_example_job().unwrap();
    let client = configured(&fake, |b| {
        b.timeout(Duration::from_millis(200)).max_retries(0)
    });
    fake.inject(Route::GetJob, Fault::Delay(Duration::from_secs(5)), 1);
    let error = client
        .extraction()
        .jobs()
        .get(id(job_id))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Timeout { timeout, .. } if timeout == Duration::from_millis(200)),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let fake = llama_cloud_fake::FakeServer::start().await.unwrap();
    let job_id = fake.seed_example_job().unwrap();
    let client = configured(&fake, |b| b.max_response_bytes(512));
    let error = client
        .extraction()
        .jobs()
        .get(id(job_id))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::BodyTooLarge { limit: 512, .. }),
        "{error:?}"
    );
}

/// A resource handle owns a clone of the client, so a call is a `'static`
/// future that can be spawned, and one handle serves many calls.
#[tokio::test]
async fn calls_can_be_spawned_and_handles_reused() {
    let (fake, client) = fake_and_client().await;
    let job_id: JobId = fake.seed_example_job().unwrap().into();
    let spawned = tokio::spawn(client.extraction().jobs().get(job_id));
    let jobs = client.extraction().jobs();
    let first = jobs.get(job_id);
    let second = jobs.get(job_id);
    drop(jobs);
    let (spawned, first, second) = (spawned.await.unwrap(), first.await, second.await);
    assert_eq!(spawned.unwrap().id, job_id);
    assert_eq!(first.unwrap(), second.unwrap());
}

/// An oversized body on an error status keeps the status, and follows the
/// status's retry rule: a 503 is retried like any 503, a 400 is not.
#[tokio::test(start_paused = true)]
async fn an_oversized_error_body_keeps_its_status_and_its_retry_rule() {
    let fake = llama_cloud_fake::FakeServer::start().await.unwrap();
    let client = configured(&fake, |b| b.max_response_bytes(1024));
    let unknown: JobId = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".parse().unwrap();
    let huge = vec![b'x'; 4096];
    let unavailable =
        StatusFault::new(StatusCode::SERVICE_UNAVAILABLE).body("text/html", huge.clone());
    fake.inject(Route::GetJob, unavailable, 1);
    let error = client.extraction().jobs().get(unknown).await.unwrap_err();
    assert!(error.is_not_found(), "the 503 was retried: {error}");
    assert_eq!(fake.requests().len(), 2);

    fake.clear_requests();
    let bad = StatusFault::new(StatusCode::BAD_REQUEST).body("text/html", huge);
    fake.inject(Route::GetJob, bad, 1);
    let error = client.extraction().jobs().get(unknown).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                status: StatusCode::BAD_REQUEST,
                limit: 1024,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("answered 400 Bad Request with a body over the limit of 1024 bytes"),
        "{error}"
    );
    assert_eq!(fake.requests().len(), 1, "a 400 is not retried");
}

/// A response about another job than the one asked for is an error, not a
/// success: here a redirect the client followed lands on another job.
#[tokio::test]
async fn an_answer_about_another_job_is_refused() {
    let (fake, client) = fake_and_client().await;
    let asked = fake.seed_example_job().unwrap();
    let other = fake.insert_job(JobSpec::new()).unwrap();
    fake.inject(
        Route::GetJob,
        Fault::redirect(
            StatusCode::TEMPORARY_REDIRECT,
            format!("/api/v1/extraction/jobs/{other}"),
        ),
        1,
    );
    let error = client.extraction().jobs().get(id(asked)).await.unwrap_err();
    assert!(
        matches!(&error, Error::WrongResource { what: "job", asked: a, got: g, .. } if *a == asked.to_string() && *g == other.to_string()),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!(
            "GET /api/v1/extraction/jobs/{{job_id}} asked for job {asked} but the answer is job {other}"
        )
    );
}

/// Server text in an error is bounded (a few KiB, saying how much was cut)
/// and escaped (no raw newline or ESC reaches a log), and a huge error body
/// is not parsed.
#[tokio::test]
async fn server_text_in_errors_is_bounded_and_escaped() {
    let (fake, client) = fake_and_client().await;
    let unknown: JobId = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".parse().unwrap();
    let forged = serde_json::json!({"detail": "no such job\n2026-12-01 INFO all good \u{1b}[2J"})
        .to_string();
    fake.inject(
        Route::GetJob,
        StatusFault::new(StatusCode::BAD_REQUEST).body("application/json", forged),
        1,
    );
    let error = client.extraction().jobs().get(unknown).await.unwrap_err();
    let text = error.to_string();
    assert!(!text.contains('\n') && !text.contains('\u{1b}'), "{text:?}");
    assert!(text.contains(r"no such job\n2026-12-01"), "{text}");

    let long = serde_json::json!({"detail": "x".repeat(100_000)}).to_string();
    fake.inject(
        Route::GetJob,
        StatusFault::new(StatusCode::BAD_REQUEST).body("application/json", long),
        1,
    );
    let error = client.extraction().jobs().get(unknown).await.unwrap_err();
    let text = error.to_string();
    assert!(text.len() < 10_000, "{} bytes", text.len());
    assert!(
        text.contains("more characters cut)"),
        "{}",
        &text[text.len() - 80..]
    );
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert!(api.body.len() < 10_000 && api.body.contains("cut)"));

    let huge = format!("{{\"detail\": [{}0]}}", "0,".repeat(200_000));
    fake.inject(
        Route::GetJob,
        StatusFault::new(StatusCode::BAD_REQUEST).body("application/json", huge),
        1,
    );
    let error = client.extraction().jobs().get(unknown).await.unwrap_err();
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert!(api.detail.is_none(), "a 400 KB detail is not parsed");
    assert!(error.to_string().len() < 10_000);
}
