//! `jobs().wait()` and `jobs().watch()` against scripted jobs, on paused
//! tokio time: a two-hour timeout is checked in milliseconds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use futures::TryStreamExt as _;
use llama_cloud::{Client, Error, JobId, JobStatus, WaitOptions};
use llama_cloud_fake::{FakeServer, Fault, JobSpec, Outcome, Route, Script};
use support::fake_and_client;
use tokio::time::Instant;

async fn scripted(script: Script) -> (FakeServer, Client, JobId) {
    let (fake, client) = fake_and_client().await;
    let job_id = fake.insert_job(JobSpec::new()).unwrap();
    fake.script_job(job_id, script).unwrap();
    (fake, client, job_id.into())
}

#[tokio::test(start_paused = true)]
async fn waits_on_the_official_schedule_until_success() {
    let (fake, client, job_id) = scripted(Script::after_polls(3, Outcome::Success)).await;
    let started = Instant::now();
    let job = client.extraction().jobs().wait(job_id).await.unwrap();
    assert_eq!(job.status, JobStatus::Success);
    // Polls at 1 s, then +2 s, +3 s, +4 s: the fourth sees SUCCESS.
    assert_eq!(started.elapsed(), Duration::from_secs(1 + 2 + 3 + 4));
    assert_eq!(fake.requests().len(), 4);
}

#[tokio::test(start_paused = true)]
async fn the_interval_stops_growing_at_five_seconds() {
    let (fake, client, job_id) = scripted(Script::after_polls(7, Outcome::PartialSuccess)).await;
    let started = Instant::now();
    let job = client.extraction().jobs().wait(job_id).await.unwrap();
    assert_eq!(job.status, JobStatus::PartialSuccess);
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(1 + 2 + 3 + 4 + 5 + 5 + 5 + 5)
    );
    assert_eq!(fake.requests().len(), 8);
}

#[tokio::test(start_paused = true)]
async fn an_error_is_a_typed_error_with_the_message() {
    let (_fake, client, job_id) = scripted(Script::after_polls(
        1,
        Outcome::Error("the PDF is encrypted".into()),
    ))
    .await;
    let error = client.extraction().jobs().wait(job_id).await.unwrap_err();
    let Error::JobFailed {
        job_id: failed,
        message,
        job,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(*failed, job_id);
    assert_eq!(message.as_deref(), Some("the PDF is encrypted"));
    assert_eq!(job.status, JobStatus::Error);
    assert_eq!(
        error.to_string(),
        format!("job {job_id} failed: the PDF is encrypted")
    );
}

#[tokio::test(start_paused = true)]
async fn a_cancelled_job_is_a_typed_error() {
    let (_fake, client, job_id) = scripted(Script::after_polls(0, Outcome::Cancelled)).await;
    let error = client.extraction().jobs().wait(job_id).await.unwrap_err();
    assert!(
        matches!(error, Error::JobCancelled { job_id: id } if id == job_id),
        "{error:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn two_hours_without_an_end_is_a_timeout_with_the_last_status() {
    let (fake, client, job_id) = scripted(Script::after(
        Duration::from_secs(3 * 60 * 60),
        Outcome::Success,
    ))
    .await;
    let started = Instant::now();
    let error = client.extraction().jobs().wait(job_id).await.unwrap_err();
    let Error::WaitTimedOut {
        job_id: id,
        waited,
        last_status,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(*id, job_id);
    assert_eq!(*waited, Duration::from_secs(2 * 60 * 60));
    assert_eq!(started.elapsed(), Duration::from_secs(2 * 60 * 60));
    assert_eq!(last_status.as_ref(), Some(&JobStatus::Pending));
    // At 1, 3, 6 and 10 s, then every 5 s before 7200 s (the poll due at the
    // deadline itself is cut off by it): 4 + 1437 polls.
    assert_eq!(fake.requests().len(), 4 + 1437);
}

#[tokio::test(start_paused = true)]
async fn the_schedule_is_configurable() {
    let (fake, client, job_id) = scripted(Script::after_polls(2, Outcome::Success)).await;
    let options = WaitOptions::new()
        .first_poll_after(Duration::from_millis(100))
        .interval_step(Duration::ZERO)
        .timeout(Duration::from_secs(10));
    let started = Instant::now();
    client
        .extraction()
        .jobs()
        .wait_with(job_id, options)
        .await
        .unwrap();
    assert_eq!(started.elapsed(), Duration::from_millis(300));
    assert_eq!(fake.requests().len(), 3);
}

#[tokio::test(start_paused = true)]
async fn watch_yields_each_status_change_once() {
    let (_fake, client, job_id) = scripted(Script::after_polls(3, Outcome::Success)).await;
    let updates: Vec<_> = client
        .extraction()
        .jobs()
        .watch(job_id, WaitOptions::default())
        .map_ok(|job| job.status)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(updates, [JobStatus::Pending, JobStatus::Success]);
}

#[tokio::test(start_paused = true)]
async fn a_rate_limited_poll_waits_for_retry_after_and_carries_on() {
    let (fake, client, job_id) = scripted(Script::after_polls(0, Outcome::Success)).await;
    // Three 429s spend the client's two retries; the wait then honours the hint.
    fake.inject(
        Route::GetJob,
        Fault::rate_limited(Duration::from_secs(20)),
        3,
    );
    let started = Instant::now();
    let job = client.extraction().jobs().wait(job_id).await.unwrap();
    assert_eq!(job.status, JobStatus::Success);
    // 1 s, three attempts 20 s apart (40 s), then at least 20 s before the next poll.
    assert_eq!(started.elapsed(), Duration::from_secs(1 + 40 + 20));
    assert_eq!(fake.requests().len(), 4);
}

#[tokio::test(start_paused = true)]
async fn dropping_the_wait_stops_polling() {
    let (fake, client, job_id) =
        scripted(Script::after(Duration::from_secs(3600), Outcome::Success)).await;
    let jobs = client.extraction();
    let waiting = jobs.jobs().wait(job_id);
    tokio::select! {
        _ = waiting => panic!("the job cannot finish within 10.5 s"),
        () = tokio::time::sleep(Duration::from_millis(10_500)) => {}
    }
    let polls = fake.requests().len();
    assert_eq!(polls, 4, "polls at 1, 3, 6 and 10 s");
    tokio::time::sleep(Duration::from_secs(600)).await;
    assert_eq!(fake.requests().len(), polls);
}

#[tokio::test(start_paused = true)]
async fn the_timeout_bounds_a_slow_poll_too() {
    let (fake, client, job_id) = scripted(Script::after_polls(1, Outcome::Success)).await;
    fake.inject(Route::GetJob, Fault::Delay(Duration::from_secs(50)), 1);
    let options = WaitOptions::new().timeout(Duration::from_secs(10));
    let started = Instant::now();
    let error = client
        .extraction()
        .jobs()
        .wait_with(job_id, options)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::WaitTimedOut { .. }), "{error:?}");
    assert_eq!(started.elapsed(), Duration::from_secs(10));
}

#[tokio::test(start_paused = true)]
async fn extreme_schedules_do_not_panic() {
    let (_fake, client, job_id) = scripted(Script::after_polls(1, Outcome::Success)).await;
    let endless = WaitOptions::new()
        .timeout(Duration::MAX)
        .interval_step(Duration::MAX);
    let job = client
        .extraction()
        .jobs()
        .wait_with(job_id, endless)
        .await
        .unwrap();
    assert_eq!(job.status, JobStatus::Success);

    let (_fake, client, job_id) = scripted(Script::after_polls(1, Outcome::Success)).await;
    let error = client
        .extraction()
        .jobs()
        .wait_with(job_id, WaitOptions::new().timeout(Duration::ZERO))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::WaitTimedOut {
                last_status: None,
                ..
            }
        ),
        "{error:?}"
    );
}
