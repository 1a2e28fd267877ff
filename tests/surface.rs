//! The v1 surface end to end: agents, files, jobs, results, runs and the
//! stateless run, against the fake over loopback. The JSON bodies the client
//! sends are snapshot-tested: they are the official clients' shapes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use futures::TryStreamExt as _;
use llama_cloud::{
    Client, CreateAgent, CreateJob, CreateJobOnFile, DataSchema, Error, ExtractConfig,
    ExtractConfigBuilder, ExtractMode, ExtractTarget, FileId, FilePurpose, FileUpload,
    GenerateSchema, JobStatus, ListAgents, Priority, RawJson, RequestOptions, StatelessRun,
    WaitOptions, Webhook, WebhookEvent,
};
use llama_cloud_fake::{
    FakeServer, Fault, Method, Outcome, RecordedRequest, Route, Script, StatusCode,
};
use serde_json::{Value, json};
use support::fake_and_client;

/// The id of an upload, as the v1 job endpoints take it.
fn file_id(file: &llama_cloud::UploadedFile) -> FileId {
    file.id.into()
}

fn invoice_schema() -> DataSchema {
    DataSchema::from_value(json!({
        "type": "object",
        "properties": {
            "number": {"type": "string", "description": "The invoice number."},
            "total": {"type": "number"}
        },
        "required": ["number", "total"]
    }))
    .unwrap()
}

fn quick() -> WaitOptions {
    WaitOptions::new()
        .first_poll_after(Duration::from_millis(5))
        .interval_step(Duration::ZERO)
}

/// The last request's JSON body, with the given ids replaced by their names
/// so snapshots do not depend on random ids.
fn last_body(fake: &FakeServer, ids: &[(&str, String)]) -> Value {
    let request = fake.requests().pop().expect("a request was sent");
    let mut text = String::from_utf8(request.body.clone()).unwrap();
    for (name, id) in ids {
        text = text.replace(id.as_str(), &format!("<{name}>"));
    }
    serde_json::from_str(&text).unwrap()
}

fn sent(fake: &FakeServer, method: Method, path_prefix: &str) -> Vec<RecordedRequest> {
    fake.requests()
        .into_iter()
        .filter(|r| r.method == method && r.path.starts_with(path_prefix))
        .collect()
}

async fn agent(client: &Client, target: ExtractTarget) -> llama_cloud::ExtractAgent {
    let config = ExtractConfigBuilder::new()
        .extraction_target(target)
        .build()
        .unwrap();
    client
        .extraction()
        .extraction_agents()
        .create(CreateAgent::new("invoices", invoice_schema(), config))
        .await
        .unwrap()
}

async fn uploaded(client: &Client) -> llama_cloud::UploadedFile {
    client
        .files()
        .upload(
            FileUpload::from_bytes("invoice.pdf", &b"%PDF-1.4 tiny"[..]),
            FilePurpose::Extract,
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn agents_create_get_list_update_delete() {
    let (fake, client) = fake_and_client().await;
    let agents = client.extraction().extraction_agents();
    let config = ExtractConfigBuilder::new()
        .extraction_mode(ExtractMode::Premium)
        .page_range("1-3")
        .num_pages_context(2)
        .build()
        .unwrap();
    let created = agents
        .create(CreateAgent::new(
            "invoices",
            invoice_schema(),
            config.clone(),
        ))
        .await
        .unwrap();
    insta::assert_json_snapshot!("create_agent_body", last_body(&fake, &[]));
    assert_eq!(created.name, "invoices");
    assert_eq!(created.config.extraction_mode, ExtractMode::Premium);

    assert_eq!(agents.get(created.id).await.unwrap(), created);
    let listed = agents.list(ListAgents::new()).await.unwrap();
    assert!(listed.iter().any(|a| a.id == created.id));

    let new_config = ExtractConfigBuilder::from_config(config)
        .extraction_mode(ExtractMode::Fast)
        .build()
        .unwrap();
    let updated = agents
        .update(created.id, invoice_schema(), new_config)
        .await
        .unwrap();
    insta::assert_json_snapshot!("update_agent_body", last_body(&fake, &[]));
    assert_eq!(updated.config.extraction_mode, ExtractMode::Fast);

    agents.delete(created.id).await.unwrap();
    assert!(agents.get(created.id).await.unwrap_err().is_not_found());
    assert!(agents.delete(created.id).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn an_invalid_config_is_refused_before_any_request() {
    let (fake, client) = fake_and_client().await;
    // A config read back from the API keeps an invalid page range raw; the
    // client will not send it.
    let raw: ExtractConfig = serde_json::from_value(json!({"page_range": "7-5"})).unwrap();
    let error = client
        .extraction()
        .extraction_agents()
        .create(CreateAgent::new("x", invoice_schema(), raw))
        .await
        .unwrap_err();
    let Error::InvalidInput(input) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(input.field(), "page_range");
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn schema_validation_and_generation() {
    let (fake, client) = fake_and_client().await;
    let agents = client.extraction().extraction_agents();
    let valid = agents.validate_schema(invoice_schema()).await.unwrap();
    assert_eq!(valid.to_object().unwrap()["type"], "object");
    insta::assert_json_snapshot!("validate_schema_body", last_body(&fake, &[]));

    let generated = agents
        .generate_schema(GenerateSchema::new().prompt("invoice number and total"))
        .await
        .unwrap();
    assert_eq!(generated.to_object().unwrap()["type"], "object");
    insta::assert_json_snapshot!("generate_schema_body", last_body(&fake, &[]));

    let missing = "00000000-0000-4000-8000-000000000003".parse().unwrap();
    let error = agents
        .generate_schema(GenerateSchema::new().file_id(missing))
        .await
        .unwrap_err();
    assert!(error.is_not_found(), "{error}");
}

#[tokio::test]
async fn files_upload_sends_name_content_type_and_purpose() {
    let (fake, client) = fake_and_client().await;
    let file = uploaded(&client).await;
    assert_eq!(file.name.as_str(), "invoice.pdf");
    assert_eq!(file.purpose.as_deref(), Some("extract"));
    let stored: llama_cloud_fake::Uuid = *file.id.as_uuid();
    assert_eq!(fake.file_bytes(stored).unwrap(), b"%PDF-1.4 tiny");
    assert_eq!(
        fake.file_content_type(stored).as_deref(),
        Some("application/pdf")
    );
    let request = &sent(&fake, Method::POST, "/api/v1/beta/files")[0];
    assert!(
        request
            .header("content-type")
            .unwrap()
            .starts_with("multipart/form-data; boundary=")
    );
}

#[tokio::test]
async fn files_upload_from_a_path_and_a_stream() {
    let (fake, client) = fake_and_client().await;
    let path = std::env::temp_dir().join(format!("llama-cloud-e2e-{}.txt", std::process::id()));
    std::fs::write(&path, "Total: 42 EUR").unwrap();
    let file = client
        .files()
        .upload(
            FileUpload::from_path(&path).await.unwrap(),
            FilePurpose::Extract,
        )
        .await
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        fake.file_content_type(*file.id.as_uuid()).as_deref(),
        Some("text/plain")
    );

    let chunks = futures::stream::iter([Ok::<_, std::io::Error>("Total: "), Ok("42")]);
    let streamed = client
        .files()
        .upload(
            FileUpload::from_stream("note.txt", chunks),
            FilePurpose::Extract,
        )
        .await
        .unwrap();
    assert_eq!(
        fake.file_bytes(*streamed.id.as_uuid()).unwrap(),
        b"Total: 42"
    );

    // A stream is sent once: a failure is not retried.
    fake.clear_requests();
    fake.inject(
        Route::method_path_prefix(Method::POST, "/api/v1/beta/files"),
        Fault::status(StatusCode::SERVICE_UNAVAILABLE),
        1,
    );
    let chunks = futures::stream::iter([Ok::<_, std::io::Error>("x")]);
    let error = client
        .files()
        .upload(
            FileUpload::from_stream("x.txt", chunks),
            FilePurpose::Extract,
        )
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(fake.requests().len(), 1);
}

#[tokio::test]
async fn jobs_create_list_get_wait_and_result() {
    let (fake, client) = fake_and_client().await;
    let agent = agent(&client, ExtractTarget::PerDoc).await;
    let file = uploaded(&client).await;
    let jobs = client.extraction().jobs();

    let webhook = Webhook::new("https://example.com/hooks")
        .unwrap()
        .events([WebhookEvent::ExtractSuccess])
        .header("x-signature", "s3cr3t");
    let override_config = ExtractConfigBuilder::new().page_range("2").build().unwrap();
    let job = jobs
        .create(
            CreateJob::new(agent.id, file_id(&file))
                .priority(Priority::High)
                .config_override(override_config)
                .webhook(webhook),
        )
        .await
        .unwrap();
    insta::assert_json_snapshot!(
        "create_job_body",
        last_body(
            &fake,
            &[
                ("agent_id", agent.id.to_string()),
                ("file_id", file_id(&file).to_string())
            ]
        )
    );
    assert_eq!(job.status, JobStatus::Pending);
    assert_eq!(job.extraction_agent.id, agent.id);
    assert_eq!(
        job.extraction_agent
            .config
            .page_range
            .as_ref()
            .map(|r| r.raw().as_str()),
        Some("2"),
        "the override is the job's config"
    );

    let listed = jobs.list(agent.id).await.unwrap();
    assert_eq!(listed.iter().map(|j| j.id).collect::<Vec<_>>(), [job.id]);

    let done = jobs.wait_with(job.id, quick()).await.unwrap();
    assert_eq!(done.status, JobStatus::Success);
    let result = jobs.result(job.id).await.unwrap();
    assert_eq!(result.extraction_agent_id, agent.id);
    let Some(serde_json::Value::Object(data)) = result.data.as_ref().map(RawJson::to_value) else {
        panic!("{:?}", result.data)
    };
    assert!(
        data.contains_key("number") && data.contains_key("total"),
        "{data:?}"
    );
}

#[tokio::test]
async fn a_job_snapshots_the_agent_config() {
    let (_fake, client) = fake_and_client().await;
    let agent = agent(&client, ExtractTarget::PerDoc).await;
    let file = uploaded(&client).await;
    let job = client
        .extraction()
        .jobs()
        .create(CreateJob::new(agent.id, file_id(&file)))
        .await
        .unwrap();
    let fast = ExtractConfigBuilder::new()
        .extraction_mode(ExtractMode::Fast)
        .build()
        .unwrap();
    client
        .extraction()
        .extraction_agents()
        .update(agent.id, invoice_schema(), fast)
        .await
        .unwrap();
    let again = client.extraction().jobs().get(job.id).await.unwrap();
    assert_eq!(again.extraction_agent.config, agent.config);
}

#[tokio::test]
async fn per_page_results_are_lists() {
    let (fake, client) = fake_and_client().await;
    let agent = agent(&client, ExtractTarget::PerPage).await;
    let file = uploaded(&client).await;
    let result = client
        .extraction()
        .jobs()
        .extract_with(CreateJob::new(agent.id, file_id(&file)), quick())
        .await
        .unwrap();
    assert!(
        result.data.as_ref().is_some_and(RawJson::is_array),
        "{:?}",
        result.data
    );
    assert!(!sent(&fake, Method::GET, "/api/v1/extraction/jobs/").is_empty());
}

#[tokio::test]
async fn jobs_error_paths() {
    let (fake, client) = fake_and_client().await;
    let agent = agent(&client, ExtractTarget::PerDoc).await;
    let file = uploaded(&client).await;
    let jobs = client.extraction().jobs();
    let unknown = "00000000-0000-4000-8000-000000000004";
    assert!(
        jobs.create(CreateJob::new(unknown.parse().unwrap(), file_id(&file)))
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(
        jobs.create(CreateJob::new(agent.id, unknown.parse().unwrap()))
            .await
            .unwrap_err()
            .is_not_found()
    );

    fake.set_default_script(Script::after_polls(1, Outcome::Error("unreadable".into())));
    let job = jobs
        .create(CreateJob::new(agent.id, file_id(&file)))
        .await
        .unwrap();
    let no_result = jobs.result(job.id).await.unwrap_err();
    assert!(
        no_result.status().is_some_and(|s| s.is_client_error()),
        "{no_result}"
    );
    let error = jobs.wait_with(job.id, quick()).await.unwrap_err();
    assert!(
        matches!(&error, Error::JobFailed { message: Some(m), .. } if m == "unreadable"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_job_on_a_file_is_one_multipart_request() {
    let (fake, client) = fake_and_client().await;
    let agent = agent(&client, ExtractTarget::PerDoc).await;
    let config = ExtractConfigBuilder::new().page_range("1").build().unwrap();
    let job = client
        .extraction()
        .jobs()
        .file(
            CreateJobOnFile::new(
                agent.id,
                FileUpload::from_bytes("scan.png", &b"\x89PNG"[..]),
            )
            .config_override(config),
        )
        .await
        .unwrap();
    assert_eq!(
        job.extraction_agent
            .config
            .page_range
            .as_ref()
            .map(|r| r.raw().as_str()),
        Some("1")
    );
    let stored = job.file_id.expect("the job names its file");
    assert_eq!(fake.file_bytes(stored.into()).unwrap(), b"\x89PNG");
    assert_eq!(
        fake.file_content_type(stored.into()).as_deref(),
        Some("image/png")
    );
}

#[tokio::test]
async fn runs_are_listed_lazily_page_by_page() {
    let (fake, client) = fake_and_client().await;
    let agent = agent(&client, ExtractTarget::PerDoc).await;
    let file = uploaded(&client).await;
    let mut job_ids = Vec::new();
    for _ in 0..105 {
        job_ids.push(
            client
                .extraction()
                .jobs()
                .create(CreateJob::new(agent.id, file_id(&file)))
                .await
                .unwrap()
                .id,
        );
    }
    fake.clear_requests();
    let runs = client.extraction().runs();
    let listed: Vec<_> = runs.list(agent.id).try_collect().await.unwrap();
    assert_eq!(listed.len(), 105);
    let pages = sent(&fake, Method::GET, "/api/v1/extraction/runs");
    assert_eq!(pages.len(), 2, "105 runs in pages of 100");
    assert_eq!(
        pages[1].query.as_deref(),
        Some(format!("extraction_agent_id={}&limit=100&skip=100", agent.id).as_str())
    );

    // Nothing is fetched until the stream is read.
    fake.clear_requests();
    let stream = runs.list(agent.id);
    assert!(fake.requests().is_empty());
    drop(stream);

    let page = runs.list_page(agent.id, 0, 2).await.unwrap();
    assert_eq!(
        (page.items.len(), page.total, page.next_skip()),
        (2, 105, Some(2))
    );
    // The API bounds no page size; 0 is refused before sending.
    let large = runs.list_page(agent.id, 0, 500).await.unwrap();
    assert_eq!((large.items.len(), large.next_skip()), (105, None));
    fake.clear_requests();
    let error = runs.list_page(agent.id, 0, 0).await.unwrap_err();
    assert!(
        matches!(error, llama_cloud::Error::InvalidInput(_)),
        "{error}"
    );
    assert!(fake.requests().is_empty());

    let by_job = runs.by_job(job_ids[0]).await.unwrap();
    assert_eq!(by_job.job_id, Some(job_ids[0]));
    assert_eq!(runs.get(by_job.id).await.unwrap().id, by_job.id);
    runs.delete(by_job.id).await.unwrap();
    assert!(runs.get(by_job.id).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn the_stateless_run_takes_exactly_one_source() {
    let (fake, client) = fake_and_client().await;
    let base = || {
        StatelessRun::builder()
            .config(ExtractConfig::default())
            .data_schema(invoice_schema())
    };

    let job = client
        .extraction()
        .run(base().text("Invoice F-17, total 42 EUR").build().unwrap())
        .await
        .unwrap();
    assert_eq!(job.status, JobStatus::Pending);
    insta::assert_json_snapshot!("stateless_text_body", last_body(&fake, &[]));

    client
        .extraction()
        .run(base().file(&b"hello"[..], "text/plain").build().unwrap())
        .await
        .unwrap();
    insta::assert_json_snapshot!("stateless_file_body", last_body(&fake, &[]));

    let unknown = "00000000-0000-4000-8000-000000000005".parse().unwrap();
    let error = client
        .extraction()
        .run(base().file_id(unknown).build().unwrap())
        .await
        .unwrap_err();
    assert!(error.is_not_found(), "{error}");

    fake.clear_requests();
    assert!(matches!(base().build(), Err(Error::InvalidInput(_))));
    assert!(matches!(
        base().text("a").file(&b"b"[..], "text/plain").build(),
        Err(Error::InvalidInput(_))
    ));
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn a_validation_error_from_the_server_is_a_typed_422() {
    let (fake, client) = fake_and_client().await;
    // The typed client cannot build an invalid body, so send one with the
    // low-level escape hatch's reqwest client and check the fake's answer,
    // then check the typed client maps a 422 the same way.
    let response = reqwest_post(
        &fake,
        "/api/v1/extraction/jobs",
        json!({"file_id": "not-a-uuid"}),
    )
    .await;
    assert_eq!(response.0, 422);
    let locs: Vec<Value> = response.1["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["loc"].clone())
        .collect();
    assert!(
        locs.contains(&json!(["body", "extraction_agent_id"])),
        "{locs:?}"
    );
    assert!(locs.contains(&json!(["body", "file_id"])), "{locs:?}");

    let agent = agent(&client, ExtractTarget::PerDoc).await;
    let file = uploaded(&client).await;
    fake.inject(
        Route::method_path_prefix(Method::POST, "/api/v1/extraction/jobs"),
        Fault::Status(
            llama_cloud_fake::StatusFault::new(StatusCode::UNPROCESSABLE_ENTITY).json(&response.1),
        ),
        1,
    );
    let once = client.with_options(RequestOptions::new().max_retries(0));
    let error = once
        .extraction()
        .jobs()
        .create(CreateJob::new(agent.id, file_id(&file)))
        .await
        .unwrap_err();
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert!(
        matches!(api.detail, Some(llama_cloud::ErrorDetail::Validation(_))),
        "{api:?}"
    );
}

async fn reqwest_post(fake: &FakeServer, path: &str, body: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{}{path}", fake.base_url()))
        .bearer_auth(fake.api_key())
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}
