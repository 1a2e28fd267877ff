//! Scripted job lives, by polls and by (paused) tokio time.

use std::time::Duration;

use llama_cloud_fake::{
    FakeError, FakeServer, Fault, JobSpec, Outcome, Pending, Route, Script, StatusCode, Uuid,
};
use serde_json::Value;

use crate::{client, get_job_json, job_url};

async fn status_and_error(fake: &FakeServer, id: Uuid) -> (String, Value) {
    let (status, body) = get_job_json(fake, id).await;
    assert_eq!(status, 200);
    (
        body["status"].as_str().unwrap().to_owned(),
        body["error"].clone(),
    )
}

#[tokio::test]
async fn pending_for_n_polls_then_the_outcome() {
    let fake = FakeServer::start().await.unwrap();
    let id = fake.insert_job(JobSpec::new().error("stale")).unwrap();
    fake.script_job(id, Script::after_polls(2, Outcome::Success))
        .unwrap();
    for expected in ["PENDING", "PENDING", "SUCCESS", "SUCCESS"] {
        let (status, error) = status_and_error(&fake, id).await;
        assert_eq!(status, expected);
        assert_eq!(error, Value::Null);
    }
}

#[tokio::test]
async fn every_outcome_sets_its_status_and_error() {
    let fake = FakeServer::start().await.unwrap();
    let cases = [
        (Outcome::Success, "SUCCESS", Value::Null),
        (Outcome::PartialSuccess, "PARTIAL_SUCCESS", Value::Null),
        (Outcome::Cancelled, "CANCELLED", Value::Null),
        (
            Outcome::Error("page 3 is unreadable".into()),
            "ERROR",
            Value::from("page 3 is unreadable"),
        ),
    ];
    for (outcome, expected_status, expected_error) in cases {
        let id = fake.insert_job(JobSpec::new()).unwrap();
        fake.script_job(id, Script::after_polls(0, outcome))
            .unwrap();
        let (status, error) = status_and_error(&fake, id).await;
        assert_eq!(status, expected_status);
        assert_eq!(error, expected_error);
    }
}

#[tokio::test(start_paused = true)]
async fn pending_for_a_duration_of_paused_time() {
    let fake = FakeServer::start().await.unwrap();
    let id = fake.insert_job(JobSpec::new()).unwrap();
    let script = Script::new(
        Pending::For(Duration::from_secs(30)),
        Outcome::Error("timed out".into()),
    );
    fake.script_job(id, script).unwrap();
    assert_eq!(status_and_error(&fake, id).await.0, "PENDING");
    tokio::time::advance(Duration::from_secs(29)).await;
    assert_eq!(status_and_error(&fake, id).await.0, "PENDING");
    tokio::time::advance(Duration::from_secs(1)).await;
    let (status, error) = status_and_error(&fake, id).await;
    assert_eq!(status, "ERROR");
    assert_eq!(error, "timed out");
}

#[tokio::test(start_paused = true)]
async fn a_sleeping_poller_sees_the_job_finish() {
    let fake = FakeServer::start().await.unwrap();
    let id = fake.insert_job(JobSpec::new()).unwrap();
    fake.script_job(
        id,
        Script::after(Duration::from_secs(600), Outcome::Success),
    )
    .unwrap();
    // One client for all polls: building one per request costs more than the poll.
    let client = client();
    let poll = || async {
        let response = client
            .get(job_url(&fake, id))
            .bearer_auth(fake.api_key())
            .send()
            .await
            .unwrap();
        response.json::<Value>().await.unwrap()["status"].clone()
    };
    let started = tokio::time::Instant::now();
    let mut polls = 0;
    // The official poller's schedule: 1 s, then 1 s more per poll, up to 5 s.
    let mut interval = Duration::from_secs(1);
    while poll().await == "PENDING" {
        polls += 1;
        tokio::time::sleep(interval).await;
        interval = (interval + Duration::from_secs(1)).min(Duration::from_secs(5));
    }
    assert_eq!(started.elapsed(), Duration::from_secs(600));
    // 1 + 2 + 3 + 4 s, then 118 sleeps of 5 s: 600 s exactly.
    assert_eq!(polls, 122);
}

#[tokio::test]
async fn only_gets_that_reach_the_route_count() {
    let fake = FakeServer::start().await.unwrap();
    let id = fake.insert_job(JobSpec::new()).unwrap();
    fake.script_job(id, Script::after_polls(1, Outcome::Success))
        .unwrap();
    // Neither reading the state back nor a faulted request is a poll.
    assert_eq!(fake.job(id).unwrap()["status"], "PENDING");
    fake.inject(
        Route::GetJob,
        Fault::status(StatusCode::INTERNAL_SERVER_ERROR),
        1,
    );
    assert_eq!(get_job_json(&fake, id).await.0, 500);
    assert_eq!(status_and_error(&fake, id).await.0, "PENDING");
    assert_eq!(status_and_error(&fake, id).await.0, "SUCCESS");
    assert_eq!(fake.job(id).unwrap()["status"], "SUCCESS");
}

#[tokio::test]
async fn replacing_a_job_drops_its_script() {
    let fake = FakeServer::start().await.unwrap();
    let id = fake.insert_job(JobSpec::new()).unwrap();
    fake.script_job(id, Script::after_polls(0, Outcome::Cancelled))
        .unwrap();
    fake.insert_job(JobSpec::new().id(id)).unwrap();
    assert_eq!(status_and_error(&fake, id).await.0, "PENDING");
}

#[tokio::test]
async fn scripting_an_unknown_job_fails() {
    let fake = FakeServer::start().await.unwrap();
    let id = Uuid::new_v4();
    assert_eq!(
        fake.script_job(id, Script::after_polls(1, Outcome::Success)),
        Err(FakeError::UnknownJob(id))
    );
}
