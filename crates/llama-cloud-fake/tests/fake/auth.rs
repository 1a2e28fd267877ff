//! `Authorization: Bearer`, and where it sits among the other checks.

use llama_cloud_fake::{FakeServer, Method, Operation, SEED_JOB_ID};
use serde_json::json;

use crate::{client, get_job, job_url};

#[tokio::test]
async fn missing_header_is_401_not_authenticated() {
    let fake = FakeServer::start().await.unwrap();
    fake.seed_example_job().unwrap();
    let response = client()
        .get(job_url(&fake, SEED_JOB_ID))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    assert_eq!(
        response.json::<serde_json::Value>().await.unwrap(),
        json!({"detail": "Not authenticated"})
    );
}

#[tokio::test]
async fn wrong_key_is_401_invalid_api_key() {
    let fake = FakeServer::start().await.unwrap();
    fake.seed_example_job().unwrap();
    let response = client()
        .get(job_url(&fake, SEED_JOB_ID))
        .bearer_auth("llx-not-the-key")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.json::<serde_json::Value>().await.unwrap(),
        json!({"detail": "Invalid API key"})
    );
}

#[tokio::test]
async fn other_schemes_and_empty_credentials_are_not_authenticated() {
    let fake = FakeServer::start().await.unwrap();
    fake.seed_example_job().unwrap();
    let key = fake.api_key().to_owned();
    for header in [format!("Basic {key}"), "Bearer".to_owned(), key.clone()] {
        let response = client()
            .get(job_url(&fake, SEED_JOB_ID))
            .header("authorization", &header)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401, "{header}");
        assert_eq!(
            response.json::<serde_json::Value>().await.unwrap(),
            json!({"detail": "Not authenticated"}),
            "{header}"
        );
    }
}

#[tokio::test]
async fn the_scheme_is_case_insensitive() {
    let fake = FakeServer::start().await.unwrap();
    fake.seed_example_job().unwrap();
    let response = client()
        .get(job_url(&fake, SEED_JOB_ID))
        .header("authorization", format!("bearer {}", fake.api_key()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn builder_sets_the_accepted_key() {
    let fake = FakeServer::builder()
        .api_key("llx-custom")
        .start()
        .await
        .unwrap();
    fake.seed_example_job().unwrap();
    assert_eq!(fake.api_key(), "llx-custom");
    assert_eq!(get_job(&fake, SEED_JOB_ID).await.status(), 200);
    let with_default = client()
        .get(job_url(&fake, SEED_JOB_ID))
        .bearer_auth(llama_cloud_fake::DEFAULT_API_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(with_default.status(), 401);
}

#[tokio::test]
async fn auth_is_checked_before_the_path_and_the_lookup() {
    let fake = FakeServer::start().await.unwrap();
    for id in ["not-a-uuid", "00000000-0000-4000-8000-000000000000"] {
        let response = client().get(job_url(&fake, id)).send().await.unwrap();
        assert_eq!(response.status(), 401, "{id}");
    }
}

/// A call of every operation with a valid path and a body that decodes, so that only
/// the key can refuse it.
fn calls() -> Vec<(Operation, String)> {
    let id = SEED_JOB_ID;
    Operation::ALL
        .into_iter()
        .map(|op| {
            let path = op
                .path()
                .replace("{extraction_agent_id}", &id.to_string())
                .replace("{job_id}", &id.to_string())
                .replace("{run_id}", &id.to_string());
            (op, path)
        })
        .collect()
}

#[tokio::test]
async fn every_operation_needs_the_key() {
    let fake = FakeServer::start().await.unwrap();
    fake.seed_example_job().unwrap();
    for (operation, path) in calls() {
        for key in [None, Some("llx-wrong")] {
            let mut request =
                client().request(operation.method(), format!("{}{path}", fake.base_url()));
            if let Some(key) = key {
                request = request.bearer_auth(key);
            }
            if operation.method() != Method::GET && operation.method() != Method::DELETE {
                request = request.json(&json!({}));
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 401, "{operation:?} with {key:?}");
            let expected = if key.is_some() {
                "Invalid API key"
            } else {
                "Not authenticated"
            };
            assert_eq!(
                response.json::<serde_json::Value>().await.unwrap(),
                json!({"detail": expected})
            );
        }
    }
    // Nothing was looked up, created or deleted.
    assert_eq!(fake.jobs().len(), 1);
    assert!(fake.agents().is_empty() && fake.files().is_empty());
}
