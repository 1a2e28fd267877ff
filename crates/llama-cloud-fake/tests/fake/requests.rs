//! The request log.

use llama_cloud_fake::{FakeServer, Fault, Method, Route, SEED_JOB_ID};

use crate::api::Api;
use crate::{client, get_job, job_url};

#[tokio::test]
async fn every_request_is_recorded_with_method_path_query_headers_and_body() {
    let fake = FakeServer::start().await.unwrap();
    fake.seed_example_job().unwrap();
    get_job(&fake, SEED_JOB_ID).await;
    // Unknown routes and refused requests are recorded too.
    client()
        .post(format!(
            "{}/api/v1/extraction/jobs?from_ui=false",
            fake.base_url()
        ))
        .header("x-custom", "yes")
        .body(r#"{"file_id": "f"}"#)
        .send()
        .await
        .unwrap();

    let log = fake.requests();
    assert_eq!(log.len(), 2);
    let first = &log[0];
    assert_eq!(first.method, Method::GET);
    assert_eq!(first.path, format!("/api/v1/extraction/jobs/{SEED_JOB_ID}"));
    assert_eq!(first.query, None);
    assert_eq!(
        first.header("authorization"),
        Some(format!("Bearer {}", fake.api_key()).as_str())
    );
    assert!(first.body.is_empty());
    let second = &log[1];
    assert_eq!(second.method, Method::POST);
    assert_eq!(second.query.as_deref(), Some("from_ui=false"));
    assert_eq!(
        second.path_and_query(),
        "/api/v1/extraction/jobs?from_ui=false"
    );
    assert_eq!(second.header("x-custom"), Some("yes"));
    assert_eq!(second.header("authorization"), None);
    assert_eq!(second.body, br#"{"file_id": "f"}"#);

    fake.clear_requests();
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn faulted_requests_are_recorded_as_attempts() {
    let fake = FakeServer::start().await.unwrap();
    fake.seed_example_job().unwrap();
    fake.inject(Route::GetJob, Fault::DropConnection, 1);
    fake.inject(Route::GetJob, Fault::EmptyBody, 1);
    let client = client();
    for _ in 0..3 {
        let _ = client
            .get(job_url(&fake, SEED_JOB_ID))
            .bearer_auth(fake.api_key())
            .send()
            .await;
    }
    assert_eq!(fake.requests().len(), 3);
}

/// The log is a ring: it keeps the newest requests up to its capacity and
/// counts the ones it forgot, so a long-running fake stays bounded.
#[tokio::test]
async fn the_request_log_keeps_the_newest_up_to_its_capacity() {
    let fake = FakeServer::builder()
        .request_log_capacity(3)
        .start()
        .await
        .unwrap();
    let api = Api::new(&fake);
    for n in 0..5 {
        api.get(&format!(
            "/api/v1/extraction/jobs?extraction_agent_id=not-{n}"
        ))
        .await;
    }
    let queries: Vec<_> = fake
        .requests()
        .iter()
        .map(|r| r.query.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        queries,
        [
            "extraction_agent_id=not-2",
            "extraction_agent_id=not-3",
            "extraction_agent_id=not-4"
        ]
    );
    assert_eq!(fake.requests_forgotten(), 2);
    fake.clear_requests();
    assert!(fake.requests().is_empty());
    assert_eq!(fake.requests_forgotten(), 0);

    let silent = FakeServer::builder()
        .request_log_capacity(0)
        .start()
        .await
        .unwrap();
    Api::new(&silent).get("/api/v1/extraction/jobs").await;
    assert!(silent.requests().is_empty());
    assert_eq!(silent.requests_forgotten(), 1);
}
