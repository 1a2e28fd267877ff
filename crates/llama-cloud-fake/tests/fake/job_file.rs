//! `POST /api/v1/extraction/jobs/file`: upload and run in one multipart request.

use llama_cloud_fake::{FakeServer, Outcome, Script, Uuid};
use reqwest::multipart::Form;
use serde_json::json;

use crate::api::{Api, JOBS, create_agent, file_part, id};

const ON_FILE: &str = "/api/v1/extraction/jobs/file";

fn form(agent_id: &serde_json::Value) -> Form {
    Form::new()
        .text("extraction_agent_id", agent_id.as_str().unwrap().to_owned())
        .part("file", file_part("scan.png", "image/png", b"\x89PNG"))
}

#[tokio::test]
async fn the_file_is_stored_and_the_job_created_on_it() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let agent = create_agent(&api, json!({"extraction_mode": "FAST"})).await;
    let (status, job) = api
        .post_form(&format!("{ON_FILE}?from_ui=true"), form(&agent["id"]))
        .await;
    assert_eq!(status, 200, "{job}");
    assert_eq!(job["status"], "PENDING");
    assert_eq!(job["extraction_agent"], agent);
    let file_id = job["file_id"].as_str().unwrap().parse().unwrap();
    assert_eq!(fake.file_bytes(file_id).unwrap(), b"\x89PNG");
    assert_eq!(
        fake.file_content_type(file_id).as_deref(),
        Some("image/png")
    );
    let file = fake.file(file_id).unwrap();
    assert_eq!(
        (&file["name"], &file["purpose"], &file["file_type"]),
        (&json!("scan.png"), &json!("extract"), &json!("png"))
    );
    assert_eq!(file["project_id"], agent["project_id"]);
    assert_eq!(job["file"], file);
    let run = fake.runs().pop().unwrap();
    assert_eq!(
        (&run["job_id"], &run["from_ui"]),
        (&job["id"], &json!(true))
    );
}

#[tokio::test]
async fn overrides_come_as_json_text() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    fake.set_default_script(Script::after_polls(0, Outcome::Success));
    let agent = create_agent(&api, json!({})).await;
    let overridden = form(&agent["id"])
        .text(
            "config_override",
            r#"{"extraction_target": "PER_TABLE_ROW", "unknown": 1}"#,
        )
        .text(
            "data_schema_override",
            r#"{"type": "object", "properties": {"qty": {"type": "integer"}}}"#,
        );
    let (status, job) = api.post_form(ON_FILE, overridden).await;
    assert_eq!(status, 200, "{job}");
    assert_eq!(
        job["extraction_agent"]["config"],
        json!({"extraction_target": "PER_TABLE_ROW"})
    );
    let (_, result) = api.get(&format!("{JOBS}/{}/result", id(&job))).await;
    assert_eq!(result["data"], json!([{"qty": 0}]));
    // `null` and empty fields mean no override.
    let plain = form(&agent["id"])
        .text("config_override", "null")
        .text("data_schema_override", "");
    let (status, job) = api.post_form(ON_FILE, plain).await;
    assert_eq!(status, 200);
    assert_eq!(job["extraction_agent"], agent);
}

#[tokio::test]
async fn broken_overrides_are_422_under_their_field() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let agent = create_agent(&api, json!({})).await;
    let broken = form(&agent["id"])
        .text("config_override", "{bad")
        .text("data_schema_override", "[1]");
    assert_eq!(
        api.post_form(ON_FILE, broken).await,
        (
            422,
            json!({"detail": [
                {"type": "json_invalid", "loc": ["body", "config_override"], "msg": "Invalid JSON: key must be a string at line 1 column 2", "input": "{bad", "ctx": {"error": "key must be a string at line 1 column 2"}},
                {"type": "value_error", "loc": ["body", "data_schema_override"], "msg": "Value error, the data schema must be a JSON object", "input": "[1]", "ctx": {"error": {}}},
            ]})
        )
    );
    let wrong_config = form(&agent["id"]).text("config_override", r#"{"chunk_mode": "LINE"}"#);
    let (status, body) = api.post_form(ON_FILE, wrong_config).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["detail"][0]["loc"],
        json!(["body", "config_override", "chunk_mode"])
    );
    assert!(fake.files().is_empty() && fake.jobs().is_empty());
}

#[tokio::test]
async fn missing_fields_and_unknown_agents() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    assert_eq!(
        api.post_form(ON_FILE, Form::new().text("extraction_agent_id", "nope"))
            .await,
        (
            422,
            json!({"detail": [
                {"type": "uuid_parsing", "loc": ["body", "extraction_agent_id"], "msg": "Input should be a valid UUID, invalid character: found `n` at 0", "input": "nope", "ctx": {"error": "invalid character: found `n` at 0"}},
                {"type": "missing", "loc": ["body", "file"], "msg": "Field required", "input": null},
            ]})
        )
    );
    let unknown = json!(Uuid::new_v4().to_string());
    assert_eq!(
        api.post_form(ON_FILE, form(&unknown)).await,
        (404, json!({"detail": "Extraction agent not found"}))
    );
    assert!(
        fake.files().is_empty(),
        "nothing is stored for an unknown agent"
    );
}
