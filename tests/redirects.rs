//! Redirects, followed by the runtime: credentials and every sensitive
//! header stay on the API's origin, each hop is a request counted as sent,
//! and a loop ends in a typed error that is not retried.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use llama_cloud::{Client, Error, JobId, RedirectRefusal, RequestOptions};
use llama_cloud_fake::{FakeServer, Fault, Route, StatusCode};
use support::configured;

async fn seeded(
    configure: impl FnOnce(llama_cloud::ClientBuilder) -> llama_cloud::ClientBuilder,
) -> (FakeServer, Client, JobId) {
    let fake = FakeServer::start().await.unwrap();
    let job_id = fake.seed_example_job().unwrap().into();
    let client = configured(&fake, configure);
    (fake, client, job_id)
}

#[tokio::test]
async fn another_origin_gets_no_key_no_extra_header_and_no_per_call_header() {
    let (first, client, job_id) =
        seeded(|builder| builder.default_header("x-tenant-token", "tenant-secret")).await;
    let second = FakeServer::start().await.unwrap();
    let target = format!("{}/api/v1/extraction/jobs/{job_id}", second.base_url());
    first.inject(
        Route::GetJob,
        Fault::redirect(StatusCode::TEMPORARY_REDIRECT, target),
        1,
    );
    let traced = client.with_options(
        RequestOptions::new()
            .header("x-call-token", "call-secret")
            .unwrap(),
    );
    let error = traced.extraction().jobs().get(job_id).await.unwrap_err();
    assert!(
        error.is_unauthorized(),
        "the other origin saw no key: {error}"
    );

    let home = &first.requests()[0];
    assert!(home.header("authorization").unwrap().starts_with("Bearer "));
    assert_eq!(home.header("x-tenant-token"), Some("tenant-secret"));
    assert_eq!(home.header("x-call-token"), Some("call-secret"));
    let away = &second.requests()[0];
    for name in ["authorization", "x-tenant-token", "x-call-token"] {
        assert_eq!(away.header(name), None, "{name} reached the other origin");
    }
    // What is not a credential still goes: the retry count, the user agent.
    assert_eq!(away.header("x-stainless-retry-count"), Some("0"));
    assert!(away.header("user-agent").is_some());
}

#[tokio::test]
async fn a_redirect_within_the_origin_keeps_the_key_and_counts_as_a_request() {
    let (fake, client, job_id) = seeded(|builder| builder).await;
    let target = format!("/api/v1/extraction/jobs/{job_id}");
    fake.inject(Route::GetJob, Fault::redirect(StatusCode::FOUND, target), 1);
    let response = client
        .extraction()
        .jobs()
        .get_with_response(job_id)
        .await
        .unwrap();
    assert_eq!(response.attempts(), 2, "two requests were sent");
    let seen = fake.requests();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|r| r.header("authorization").is_some()));
}

#[tokio::test]
async fn a_redirect_loop_stops_at_the_limit_with_honest_counts_and_no_retry() {
    let (fake, client, job_id) = seeded(|builder| builder.max_redirects(4)).await;
    let self_url = format!("{}/api/v1/extraction/jobs/{job_id}", fake.base_url());
    fake.inject(
        Route::GetJob,
        Fault::redirect(StatusCode::FOUND, self_url.clone()),
        1000,
    );
    let error = client.extraction().jobs().get(job_id).await.unwrap_err();
    let Error::Redirect {
        refusal: RedirectRefusal::TooMany { limit, location },
        attempts,
        ..
    } = &error
    else {
        panic!("a loop is a redirect error, not a connection one: {error:?}");
    };
    assert_eq!((*limit, location.as_str()), (4, self_url.as_str()));
    // The first request and four followed redirects; no retry of the loop.
    assert_eq!(*attempts, 5);
    assert_eq!(fake.requests().len(), 5);
    assert!(!error.is_retryable());
    let shown = error.to_string();
    assert!(shown.contains("more than 4 redirects"), "{shown}");
    assert!(shown.contains("5 requests sent"), "{shown}");
}

#[tokio::test]
async fn with_no_redirects_allowed_the_redirect_is_refused() {
    let (fake, client, job_id) = seeded(|builder| builder.max_redirects(0)).await;
    fake.inject(Route::GetJob, Fault::redirect(StatusCode::FOUND, "/x"), 1);
    let error = client.extraction().jobs().get(job_id).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Redirect {
                refusal: RedirectRefusal::TooMany { limit: 0, .. },
                attempts: 1,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_location_that_is_not_http_is_not_followed() {
    let (fake, client, job_id) = seeded(|builder| builder).await;
    fake.inject(
        Route::GetJob,
        Fault::redirect(StatusCode::FOUND, "file:///etc/passwd"),
        1,
    );
    let error = client.extraction().jobs().get(job_id).await.unwrap_err();
    assert!(
        matches!(
            &error,
            Error::Redirect {
                refusal: RedirectRefusal::BadLocation { .. },
                attempts: 1,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(fake.requests().len(), 1);
}

/// The low-level client goes through the same runtime: the loop ends at the
/// limit there too, with the last redirect as its answer.
#[tokio::test]
async fn the_low_level_client_stops_a_loop_too() {
    let (fake, client, job_id) = seeded(|builder| builder.max_redirects(2)).await;
    fake.inject(
        Route::GetJob,
        Fault::redirect(
            StatusCode::FOUND,
            format!("/api/v1/extraction/jobs/{job_id}"),
        ),
        1000,
    );
    let error = client
        .low_level()
        .get_job()
        .job_id(job_id)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::FOUND), "{error:?}");
    assert_eq!(fake.requests().len(), 3);
}
