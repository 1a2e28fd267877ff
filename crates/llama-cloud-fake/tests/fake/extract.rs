//! v2 extraction over raw HTTP: statuses move PENDING → RUNNING → the outcome, the
//! checks are pydantic's, and every answer fits the contract (through `Api`).

use llama_cloud_fake::{FakeServer, FileSpec, Outcome, Script};
use serde_json::{Value, json};

use crate::api::Api;

const EXTRACT: &str = "/api/v2/extract";

fn job(file: &str) -> Value {
    json!({
        "file_input": file,
        "configuration": {"data_schema": {"type": "object", "properties": {"n": {"type": "integer"}}}},
    })
}

async fn fake_with_file() -> (FakeServer, String) {
    let fake = FakeServer::start().await.unwrap();
    let id = fake.insert_file(FileSpec::new()).unwrap();
    (fake, format!("dfl-{id}"))
}

#[tokio::test]
async fn a_job_is_pending_then_running_then_completed_with_its_result() {
    let (fake, file) = fake_with_file().await;
    fake.set_default_script(Script::after_polls(2, Outcome::Success));
    let api = Api::new(&fake);
    let (status, created) = api.post(EXTRACT, &job(&file)).await;
    assert_eq!(status, 200);
    assert_eq!(created["status"], "PENDING");
    assert_eq!(
        created["configuration"]["tier"], "cost_effective",
        "defaults are stored"
    );
    let id = created["id"].as_str().unwrap().to_owned();
    let path = format!("{EXTRACT}/{id}");
    let mut seen = Vec::new();
    for _ in 0..3 {
        let (status, job) = api.get(&path).await;
        assert_eq!(status, 200);
        seen.push(job["status"].clone());
        if job["status"] == "COMPLETED" {
            assert_eq!(job["extract_result"], json!({"n": 0}));
            assert_eq!(job["configuration"], Value::Null, "not expanded");
        }
    }
    assert_eq!(
        seen,
        [json!("PENDING"), json!("RUNNING"), json!("COMPLETED")]
    );
    let (_, expanded) = api
        .get(&format!(
            "{path}?expand=configuration&expand=extract_metadata"
        ))
        .await;
    assert_eq!(expanded["configuration"]["extraction_target"], "per_doc");
    assert!(expanded["extract_metadata"].is_object());
    let (status, body) = api.post(&format!("{path}/cancel"), &json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["detail"],
        "Job is already COMPLETED and cannot be cancelled"
    );
    assert_eq!(api.delete(&path).await, (200, json!({})));
    assert_eq!(api.get(&path).await.0, 404);
}

#[tokio::test]
async fn a_failed_job_says_why() {
    let (fake, file) = fake_with_file().await;
    fake.set_default_script(Script::after_polls(0, Outcome::Error("unreadable".into())));
    let api = Api::new(&fake);
    let (_, created) = api.post(EXTRACT, &job(&file)).await;
    let (_, failed) = api
        .get(&format!("{EXTRACT}/{}", created["id"].as_str().unwrap()))
        .await;
    assert_eq!(failed["status"], "FAILED");
    assert_eq!(failed["error_message"], "unreadable");
    assert_eq!(failed["extract_result"], Value::Null);
}

#[tokio::test]
async fn requests_are_checked_like_pydantic() {
    let (fake, file) = fake_with_file().await;
    let api = Api::new(&fake);
    let mut both = job(&file);
    both["configuration_id"] = json!("cfg-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e");
    let (status, body) = api.post(EXTRACT, &both).await;
    assert_eq!(
        (status, &body["detail"][0]["type"]),
        (422, &json!("value_error"))
    );
    let (status, body) = api.post(EXTRACT, &json!({"file_input": file})).await;
    assert_eq!(
        (status, &body["detail"][0]["type"]),
        (422, &json!("value_error"))
    );
    let long = job(&"x".repeat(201));
    let (status, body) = api.post(EXTRACT, &long).await;
    assert_eq!(
        (
            status,
            &body["detail"][0]["type"],
            &body["detail"][0]["loc"]
        ),
        (
            422,
            &json!("string_too_long"),
            &json!(["body", "file_input"])
        )
    );
    let mut bad = job(&file);
    bad["configuration"]["tier"] = json!("premium");
    bad["configuration"]["max_pages"] = json!(0);
    let (status, body) = api.post(EXTRACT, &bad).await;
    assert_eq!(status, 422);
    let locs: Vec<&Value> = body["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["loc"])
        .collect();
    assert_eq!(
        locs,
        [
            &json!(["body", "configuration", "tier"]),
            &json!(["body", "configuration", "max_pages"])
        ]
    );
    let (status, _) = api
        .post(EXTRACT, &job("pjb-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"))
        .await;
    assert_eq!(status, 404);
    let (status, body) = api.get(&format!("{EXTRACT}?status=DONE")).await;
    assert_eq!(
        (status, &body["detail"][0]["type"]),
        (422, &json!("literal_error"))
    );
    let (status, _) = api.get(&format!("{EXTRACT}?page_token=abc")).await;
    assert_eq!(status, 422);
    assert_eq!(api.get(&format!("{EXTRACT}/ext-nope")).await.0, 404);
}
