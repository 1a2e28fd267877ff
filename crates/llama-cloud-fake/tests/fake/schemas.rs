//! Schema validation and generation.

use llama_cloud_fake::{FakeServer, FileSpec, Uuid};
use serde_json::json;

use crate::api::{AGENTS, Api};

fn validation() -> String {
    format!("{AGENTS}/schema/validation")
}

fn generation() -> String {
    format!("{AGENTS}/schema/generate")
}

#[tokio::test]
async fn validation_answers_the_schema_parsed() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let schema = json!({"type": "object", "properties": {"a": {"type": "string"}}});
    let answer = (200, json!({"data_schema": schema}));
    assert_eq!(
        api.post(&validation(), &json!({"data_schema": schema}))
            .await,
        answer
    );
    let text = json!({"data_schema": schema.to_string()});
    assert_eq!(api.post(&validation(), &text).await, answer);
    let (status, body) = api.post(&validation(), &json!({"data_schema": "[]"})).await;
    assert_eq!(
        (status, &body["detail"][0]["type"]),
        (422, &json!("value_error"))
    );
    let (status, body) = api.post(&validation(), &json!({"data_schema": 5})).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["detail"].as_array().unwrap().len(),
        2,
        "both union branches"
    );
    let (status, body) = api.post(&validation(), &json!({})).await;
    assert_eq!(
        (status, &body["detail"][0]["loc"]),
        (422, &json!(["body", "data_schema"]))
    );
}

#[tokio::test]
async fn generation_refines_the_schema_given_or_starts_empty() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let empty = json!({"data_schema": {"type": "object", "properties": {}}});
    assert_eq!(
        api.post(&generation(), &json!({})).await,
        (200, empty.clone())
    );
    assert_eq!(
        api.post(&generation(), &json!({"prompt": "invoice totals"}))
            .await,
        (200, empty)
    );
    let given = json!({"data_schema": r#"{"type": "object", "required": ["a"]}"#});
    assert_eq!(
        api.post(&generation(), &given).await,
        (
            200,
            json!({"data_schema": {"type": "object", "required": ["a"]}})
        )
    );
    let file = fake.insert_file(FileSpec::new()).unwrap();
    assert_eq!(
        api.post(&generation(), &json!({"file_id": file})).await.0,
        200
    );
    assert_eq!(
        api.post(&generation(), &json!({"file_id": Uuid::new_v4()}))
            .await,
        (404, json!({"detail": "File not found"}))
    );
    let (status, body) = api.post(&generation(), &json!({"prompt": 3})).await;
    assert_eq!(
        (status, &body["detail"][0]["loc"]),
        (422, &json!(["body", "prompt"]))
    );
}
