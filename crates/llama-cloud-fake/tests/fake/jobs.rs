//! `GET /api/v1/extraction/jobs/{job_id}`: seeded jobs, 404, 422, and routing.

use llama_cloud_fake::{
    AgentSpec, FakeError, FakeServer, FileSpec, JobSpec, SEED_JOB_ID, SEED_JOB_JSON, Uuid,
};
use serde_json::{Value, json};

use crate::{client, get_job, get_job_json, job_url};

#[tokio::test]
async fn the_example_job_is_served_verbatim() {
    let fake = FakeServer::start().await.unwrap();
    assert_eq!(fake.seed_example_job().unwrap(), SEED_JOB_ID);
    let response = get_job(&fake, SEED_JOB_ID).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let served: Value = response.json().await.unwrap();
    let fixture: Value = serde_json::from_str(SEED_JOB_JSON).unwrap();
    assert_eq!(served, fixture);
}

#[tokio::test]
async fn an_unknown_job_is_404() {
    let fake = FakeServer::start().await.unwrap();
    let (status, body) = get_job_json(&fake, Uuid::new_v4()).await;
    assert_eq!(status, 404);
    assert_eq!(body, json!({"detail": "Job not found"}));
}

/// The bodies FastAPI 0.165 with pydantic 2.14 sends for these ids, recorded from it.
#[tokio::test]
async fn a_malformed_id_is_422_with_fastapis_body() {
    let fake = FakeServer::start().await.unwrap();
    let (status, body) = get_job_json(&fake, "nope").await;
    assert_eq!(status, 422);
    assert_eq!(
        body,
        json!({"detail": [{
            "type": "uuid_parsing",
            "loc": ["path", "job_id"],
            "msg": "Input should be a valid UUID, invalid character: found `n` at 0",
            "input": "nope",
            "ctx": {"error": "invalid character: found `n` at 0"},
        }]})
    );
    let short = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26";
    let (status, body) = get_job_json(&fake, short).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["detail"][0]["msg"],
        "Input should be a valid UUID, invalid group length in group 4: expected 12, found 11"
    );
    assert_eq!(body["detail"][0]["input"], short);
}

#[tokio::test]
async fn the_path_is_percent_decoded_like_starlette() {
    let fake = FakeServer::start().await.unwrap();
    let (status, body) = get_job_json(&fake, "%20x").await;
    assert_eq!(status, 422);
    assert_eq!(body["detail"][0]["input"], " x");
    // Not UTF-8 once decoded: replaced, not rejected.
    let (status, body) = get_job_json(&fake, "%FF").await;
    assert_eq!(status, 422);
    assert_eq!(body["detail"][0]["input"], "\u{fffd}");
    // A decoded slash leaves the route, as in Starlette.
    let (status, body) = get_job_json(&fake, "a%2Fb").await;
    assert_eq!(status, 404);
    assert_eq!(body, json!({"detail": "Not Found"}));
}

#[tokio::test]
async fn every_uuid_form_pydantic_accepts_finds_the_job() {
    let fake = FakeServer::start().await.unwrap();
    fake.seed_example_job().unwrap();
    for id in [
        "182BD5E5-6E1A-4FE4-A799-AA6D9A6AB26E",
        "182bd5e56e1a4fe4a799aa6d9a6ab26e",
        "%7B182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e%7D",
        "urn:uuid:182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
    ] {
        let (status, body) = get_job_json(&fake, id).await;
        assert_eq!(status, 200, "{id}");
        assert_eq!(body["id"], SEED_JOB_ID.to_string());
    }
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_like_starlette() {
    let fake = FakeServer::start().await.unwrap();
    let response = client()
        .get(format!("{}/api/v1/nothing", fake.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"detail": "Not Found"})
    );
    let response = client()
        .delete(job_url(&fake, SEED_JOB_ID))
        .bearer_auth(fake.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "GET,HEAD");
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"detail": "Method Not Allowed"})
    );
}

#[tokio::test]
async fn a_job_spec_is_served_with_its_agent_and_file() {
    let fake = FakeServer::start().await.unwrap();
    let file = FileSpec::new().name("invoice.pdf").file_size(2048);
    let id = fake
        .insert_job(
            JobSpec::new()
                .status("ERROR")
                .error("could not read page 3")
                .agent(AgentSpec::new().name("invoices"))
                .file(file),
        )
        .unwrap();
    let (status, body) = get_job_json(&fake, id).await;
    assert_eq!(status, 200);
    assert_eq!(body["id"], id.to_string());
    assert_eq!(body["status"], "ERROR");
    assert_eq!(body["error"], "could not read page 3");
    assert_eq!(body["extraction_agent"]["name"], "invoices");
    assert_eq!(body["file"]["name"], "invoice.pdf");
    assert_eq!(body["file"]["file_size"], 2048);
    assert_eq!(body["file_id"], body["file"]["id"]);
    assert_eq!(
        body["extraction_agent"]["project_id"],
        llama_cloud_fake::DEFAULT_PROJECT_ID.to_string()
    );
    assert_eq!(Some(body), fake.job(id));
}

#[tokio::test]
async fn spec_ids_are_fresh_v4_uuids_unless_set() {
    let a = Value::from(JobSpec::new());
    let b = Value::from(JobSpec::new());
    assert_ne!(a["id"], b["id"]);
    let id: Uuid = a["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(id.get_version_num(), 4);
    let fixed = Uuid::new_v4();
    assert_eq!(
        Value::from(JobSpec::new().id(fixed))["id"],
        fixed.to_string()
    );
}

#[tokio::test]
async fn inserts_check_the_contracts_shape() {
    let fake = FakeServer::start().await.unwrap();
    let mut job = Value::from(JobSpec::new());
    job.as_object_mut().unwrap().remove("extraction_agent");
    let error = fake.insert_job(job).unwrap_err();
    assert!(
        matches!(&error, FakeError::InvalidJson { kind: "job", reason } if reason.contains("extraction_agent")),
        "{error}"
    );
    let mut job = Value::from(JobSpec::new());
    job["id"] = json!("182bd5e56e1a4fe4a799aa6d9a6ab26e");
    assert!(fake.insert_job(job).is_err(), "ids must be hyphenated");
    let mut job = Value::from(JobSpec::new());
    job["extraction_agent"]["project_id"] = json!(7);
    assert!(fake.insert_job(job).is_err());
    // Enum values stay open: a status from a newer server can be served.
    assert!(fake.insert_job(JobSpec::new().status("QUEUED")).is_ok());
}

#[tokio::test]
async fn agents_and_files_are_kept() {
    let fake = FakeServer::start().await.unwrap();
    let agent = AgentSpec::new().name("receipts");
    let agent_id = fake.insert_agent(agent.clone()).unwrap();
    assert_eq!(fake.agent(agent_id), Some(Value::from(agent)));
    let file_id = fake.insert_file(FileSpec::new().purpose("parse")).unwrap();
    assert_eq!(fake.file(file_id).unwrap()["purpose"], "parse");
    assert!(fake.insert_agent(json!({"id": "x"})).is_err());
    assert!(fake.insert_file(json!({"name": "a.pdf"})).is_err());
    assert_eq!(fake.agent(Uuid::new_v4()), None);
}
