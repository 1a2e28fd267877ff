//! A deadline for the whole call, client-wide or per call: it cuts the
//! attempt in flight, no retry waits past it, and the error says it was the
//! deadline, not an attempt's timeout, that fired.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use llama_cloud::{Error, RequestOptions};
use llama_cloud_fake::{FakeServer, Fault, Route, StatusCode, StatusFault};
use support::configured;
use tokio::time::Instant;

#[tokio::test(start_paused = true)]
async fn the_deadline_cuts_a_slow_attempt_and_says_so() {
    let fake = FakeServer::start().await.unwrap();
    let job_id = fake.seed_example_job().unwrap().into();
    let client = configured(&fake, |b| b.deadline(Duration::from_secs(5)));
    fake.inject(Route::GetJob, Fault::Delay(Duration::from_secs(30)), 1);
    let started = Instant::now();
    let error = client.extraction().jobs().get(job_id).await.unwrap_err();
    assert_eq!(started.elapsed(), Duration::from_secs(5));
    assert!(
        matches!(error, Error::DeadlineExceeded { deadline, attempts: 1, .. } if deadline == Duration::from_secs(5)),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    assert!(error.to_string().contains("deadline of 5s"), "{error}");
}

#[tokio::test(start_paused = true)]
async fn an_attempt_timeout_shorter_than_the_deadline_is_the_attempts() {
    let fake = FakeServer::start().await.unwrap();
    let job_id = fake.seed_example_job().unwrap().into();
    let client = configured(&fake, |b| {
        b.deadline(Duration::from_secs(600))
            .timeout(Duration::from_secs(2))
            .max_retries(0)
    });
    fake.inject(Route::GetJob, Fault::Delay(Duration::from_secs(30)), 1);
    let error = client.extraction().jobs().get(job_id).await.unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
}

#[tokio::test(start_paused = true)]
async fn no_retry_waits_past_the_deadline() {
    let fake = FakeServer::start().await.unwrap();
    let job_id = fake.seed_example_job().unwrap().into();
    let client = configured(&fake, |b| b);
    // The server asks for 60 s; the call has 10 s in all.
    let busy = StatusFault::new(StatusCode::SERVICE_UNAVAILABLE).header("retry-after", "60");
    fake.inject(Route::GetJob, busy, 5);
    let hurried = client.with_options(RequestOptions::new().deadline(Duration::from_secs(10)));
    let started = Instant::now();
    let error = hurried.extraction().jobs().get(job_id).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    let Error::Api(api) = &error else {
        panic!("the call ends with what would have been retried: {error:?}");
    };
    assert_eq!(
        (api.status, api.attempts),
        (StatusCode::SERVICE_UNAVAILABLE, 1)
    );
    // Without the deadline the same call waits the minute and retries.
    fake.clear_requests();
    let started = Instant::now();
    let _ = client.extraction().jobs().get(job_id).await;
    assert!(started.elapsed() >= Duration::from_secs(60));
}
