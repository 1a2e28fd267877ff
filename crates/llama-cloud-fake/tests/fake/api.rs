//! A small client for the fake's API that checks every answer against the contract:
//! whatever a test does through it, the status must be documented for the operation
//! and the body must fit the documented schema (see `contract`).

use llama_cloud_fake::{FakeServer, Method, Operation};
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::client;
use crate::contract::assert_conforms;

/// The status and JSON body of an answer.
pub type Answer = (u16, Value);

pub struct Api<'a> {
    fake: &'a FakeServer,
    key: Option<String>,
}

impl<'a> Api<'a> {
    /// Calls with the fake's key.
    pub fn new(fake: &'a FakeServer) -> Self {
        Self {
            fake,
            key: Some(fake.api_key().to_owned()),
        }
    }

    /// Calls without an `Authorization` header.
    pub fn anonymous(fake: &'a FakeServer) -> Self {
        Self { fake, key: None }
    }

    pub async fn get(&self, path_and_query: &str) -> Answer {
        self.send(Method::GET, path_and_query, Body::None).await
    }

    pub async fn delete(&self, path_and_query: &str) -> Answer {
        self.send(Method::DELETE, path_and_query, Body::None).await
    }

    pub async fn post(&self, path_and_query: &str, body: &Value) -> Answer {
        self.send(Method::POST, path_and_query, Body::Json(body))
            .await
    }

    pub async fn put(&self, path_and_query: &str, body: &Value) -> Answer {
        self.send(Method::PUT, path_and_query, Body::Json(body))
            .await
    }

    /// POST of raw bytes with this content type.
    pub async fn post_raw(&self, path_and_query: &str, content_type: &str, body: &[u8]) -> Answer {
        self.send(Method::POST, path_and_query, Body::Raw(content_type, body))
            .await
    }

    pub async fn post_form(&self, path_and_query: &str, form: Form) -> Answer {
        self.send(Method::POST, path_and_query, Body::Form(form))
            .await
    }

    async fn send(&self, method: Method, path_and_query: &str, body: Body<'_>) -> Answer {
        let url = format!("{}{path_and_query}", self.fake.base_url());
        let mut request = client().request(method.clone(), url);
        if let Some(key) = &self.key {
            request = request.bearer_auth(key);
        }
        request = match body {
            Body::None => request,
            Body::Json(json) => request.json(json),
            Body::Raw(content_type, bytes) => request
                .header("content-type", content_type)
                .body(bytes.to_vec()),
            Body::Form(form) => request.multipart(form),
        };
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        assert_eq!(response.headers()["content-type"], "application/json");
        let body: Value = response.json().await.unwrap();
        let path = path_and_query.split('?').next().unwrap();
        let operation = Operation::ALL
            .into_iter()
            .find(|operation| operation.matches(&method, path))
            .unwrap_or_else(|| panic!("no operation is {method} {path}"));
        assert_conforms(operation, status, &body);
        (status, body)
    }
}

enum Body<'a> {
    None,
    Json(&'a Value),
    Raw(&'a str, &'a [u8]),
    Form(Form),
}

/// A file part.
pub fn file_part(name: &str, content_type: &str, bytes: &[u8]) -> Part {
    Part::bytes(bytes.to_vec())
        .file_name(name.to_owned())
        .mime_str(content_type)
        .unwrap()
}

/// The id of a created thing (an uploaded file's without its `dfl-` prefix).
pub fn id(body: &Value) -> llama_cloud_fake::Uuid {
    let id = body["id"].as_str().unwrap();
    id.strip_prefix("dfl-").unwrap_or(id).parse().unwrap()
}

pub const AGENTS: &str = "/api/v1/extraction/extraction-agents";
pub const FILES: &str = "/api/v1/beta/files";
pub const JOBS: &str = "/api/v1/extraction/jobs";
pub const RUNS: &str = "/api/v1/extraction/runs";
pub const STATELESS: &str = "/api/v1/extraction/run";

/// An agent whose schema has a string `name` and a number `total`.
pub async fn create_agent(api: &Api<'_>, config: Value) -> Value {
    let body = serde_json::json!({
        "name": "invoices",
        "data_schema": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "total": {"type": "number"}},
        },
        "config": config,
    });
    let (status, agent) = api.post(AGENTS, &body).await;
    assert_eq!(status, 200, "{agent}");
    agent
}

/// Uploads `bytes` as `invoice.pdf` for extraction.
pub async fn upload(api: &Api<'_>, bytes: &[u8]) -> Value {
    let form = Form::new()
        .part("file", file_part("invoice.pdf", "application/pdf", bytes))
        .text("purpose", "extract");
    let (status, mut file) = api.post_form(FILES, form).await;
    assert_eq!(status, 201, "{file}");
    // The upload spells the id `dfl-<uuid>`; v1 bodies and paths take the UUID.
    let id = file["id"].as_str().unwrap();
    let bare = id
        .strip_prefix("dfl-")
        .unwrap_or_else(|| panic!("{id}"))
        .to_owned();
    file["id"] = Value::String(bare);
    file
}

/// Runs a job of `agent` on `file`.
pub async fn create_job(api: &Api<'_>, agent: &Value, file: &Value) -> Value {
    let body = serde_json::json!({"extraction_agent_id": agent["id"], "file_id": file["id"]});
    let (status, job) = api.post(JOBS, &body).await;
    assert_eq!(status, 200, "{job}");
    job
}
