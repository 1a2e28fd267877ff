//! `POST /api/v1/extraction/run`: the stateless run, on the project's default agent.

use llama_cloud_fake::{DEFAULT_PROJECT_ID, FakeServer, Outcome, Script, Uuid};
use serde_json::{Value, json};

use crate::api::{AGENTS, Api, JOBS, STATELESS, upload};

fn request(source: Value) -> Value {
    let mut body = json!({
        "config": {"extraction_target": "PER_DOC"},
        "data_schema": {"type": "object", "properties": {"title": {"type": "string"}}},
    });
    for (key, value) in source.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

fn file_id(job: &Value) -> Uuid {
    job["file_id"].as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn text_runs_on_the_default_agent_with_the_requests_config_and_schema() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    fake.set_default_script(Script::after_polls(0, Outcome::Success));
    let (status, job) = api
        .post(STATELESS, &request(json!({"text": "Hello"})))
        .await;
    assert_eq!(status, 200, "{job}");
    assert_eq!(job["status"], "PENDING");
    let agent = &job["extraction_agent"];
    assert_eq!(agent["name"], "default-extraction-agent");
    assert_eq!(agent["project_id"], DEFAULT_PROJECT_ID.to_string());
    assert_eq!(agent["config"], json!({"extraction_target": "PER_DOC"}));
    assert_eq!(
        agent["data_schema"]["properties"]["title"]["type"],
        "string"
    );
    assert_eq!(fake.file_bytes(file_id(&job)).unwrap(), b"Hello");
    assert_eq!(fake.file(file_id(&job)).unwrap()["name"], "text.txt");
    let (_, result) = api
        .get(&format!("{JOBS}/{}/result", job["id"].as_str().unwrap()))
        .await;
    assert_eq!(result["data"], json!({"title": ""}));

    // The default agent is listed on request only, and reused.
    assert_eq!(api.get(AGENTS).await.1, json!([]));
    let (_, listed) = api.get(&format!("{AGENTS}?include_default=true")).await;
    assert_eq!(listed[0]["id"], agent["id"]);
    let (_, again) = api.post(STATELESS, &request(json!({"text": "Bye"}))).await;
    assert_eq!(again["extraction_agent"]["id"], agent["id"]);
    assert_eq!(fake.agents().len(), 1);
}

#[tokio::test]
async fn an_inline_file_is_decoded_and_stored() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let project = Uuid::new_v4();
    let inline = json!({"file": {"data": "JVBERi0xLjc=", "mime_type": "application/pdf"}});
    let (status, job) = api
        .post(
            &format!("{STATELESS}?project_id={project}"),
            &request(inline),
        )
        .await;
    assert_eq!(status, 200, "{job}");
    assert_eq!(fake.file_bytes(file_id(&job)).unwrap(), b"%PDF-1.7");
    assert_eq!(
        fake.file_content_type(file_id(&job)).as_deref(),
        Some("application/pdf")
    );
    let file = fake.file(file_id(&job)).unwrap();
    assert_eq!(
        (&file["name"], &file["file_type"]),
        (&json!("file.pdf"), &json!("pdf"))
    );
    assert_eq!(job["extraction_agent"]["project_id"], project.to_string());
    let other = json!({"file": {"data": "", "mime_type": "application/x-unknown"}});
    let (_, job) = api.post(STATELESS, &request(other)).await;
    assert_eq!(fake.file(file_id(&job)).unwrap()["name"], "file");
}

#[tokio::test]
async fn a_file_id_must_name_a_file() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let file = upload(&api, b"%PDF").await;
    let (status, job) = api
        .post(STATELESS, &request(json!({"file_id": file["id"]})))
        .await;
    assert_eq!(status, 200);
    assert_eq!(job["file"], fake.file(file_id(&job)).unwrap());
    assert_eq!(job["file_id"], file["id"]);
    let unknown = request(json!({"file_id": Uuid::new_v4()}));
    assert_eq!(
        api.post(STATELESS, &unknown).await,
        (404, json!({"detail": "File not found"}))
    );
}

#[tokio::test]
async fn exactly_one_source_is_required() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    for sources in [
        json!({}),
        json!({"text": "a", "file_id": Uuid::new_v4()}),
        json!({"text": null, "file_id": null}),
    ] {
        let body = request(sources);
        assert_eq!(
            api.post(STATELESS, &body).await,
            (
                422,
                json!({"detail": [{
                    "type": "value_error",
                    "loc": ["body"],
                    "msg": "Value error, Exactly one of file_id, text or file must be provided",
                    "input": body,
                    "ctx": {"error": {}},
                }]})
            )
        );
    }
    // The rule is checked once every field is valid.
    let body = json!({"config": 4, "data_schema": {}});
    let detail = api.post(STATELESS, &body).await.1["detail"].clone();
    assert_eq!(detail.as_array().unwrap().len(), 1);
    assert_eq!(detail[0]["loc"], json!(["body", "config"]));
}

#[tokio::test]
async fn inline_files_must_be_base64() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let (status, body) = api
        .post(
            STATELESS,
            &request(json!({"file": {"data": "abc", "mime_type": "a/b"}})),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["detail"][0]["type"], "base64_decode");
    assert_eq!(body["detail"][0]["loc"], json!(["body", "file", "data"]));
    assert_eq!(
        api.post(STATELESS, &request(json!({"file": {"data": 4}})))
            .await
            .1,
        json!({"detail": [
            {"type": "bytes_type", "loc": ["body", "file", "data"], "msg": "Input should be a valid bytes", "input": 4},
            {"type": "missing", "loc": ["body", "file", "mime_type"], "msg": "Field required", "input": {"data": 4}},
        ]})
    );
}
