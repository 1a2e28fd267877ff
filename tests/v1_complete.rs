//! The v1 operations beyond the basics, end to end on the fake: batch
//! jobs, the project's default agent, an agent by name (deprecated
//! upstream, and so here), an agent's latest run from the web UI.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use llama_cloud::{
    AgentScope, Client, CreateAgent, CreateBatch, CreateJob, DataSchema, Error, ExtractConfig,
    FileId, FilePurpose, FileUpload, ProjectId,
};
use llama_cloud_fake::Method;
use serde_json::json;
use support::fake_and_client;

async fn uploaded(client: &Client, name: &str) -> FileId {
    let file = client
        .files()
        .upload(
            FileUpload::from_bytes(name.to_owned(), &b"%PDF-1.4 tiny"[..]),
            FilePurpose::Extract,
        )
        .await
        .unwrap();
    file.id.into()
}

async fn agent(client: &Client, name: &str) -> llama_cloud::ExtractAgent {
    let schema = DataSchema::from_value(json!({"type": "object", "properties": {}})).unwrap();
    client
        .extraction()
        .extraction_agents()
        .create(CreateAgent::new(name, schema, ExtractConfig::default()))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_batch_makes_one_job_per_file_in_one_request() {
    let (fake, client) = fake_and_client().await;
    let agent = agent(&client, "invoices").await;
    let mut files = Vec::new();
    for name in ["a.pdf", "b.pdf", "c.pdf"] {
        files.push(uploaded(&client, name).await);
    }
    fake.clear_requests();
    let jobs = client
        .extraction()
        .jobs()
        .create_batch(CreateBatch::new(agent.id, files.clone()))
        .await
        .unwrap();
    assert_eq!(
        jobs.iter()
            .map(|job| job.file_id.unwrap())
            .collect::<Vec<_>>(),
        files
    );
    assert!(jobs.iter().all(|job| job.extraction_agent.id == agent.id));
    let sent = fake.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].method.clone(), sent[0].path.as_str()),
        (Method::POST, "/api/v1/extraction/jobs/batch")
    );

    // No file: refused before sending.
    fake.clear_requests();
    let error = client
        .extraction()
        .jobs()
        .create_batch(CreateBatch::new(agent.id, []))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn the_default_agent_is_created_once_and_scoped() {
    let (fake, client) = fake_and_client().await;
    let agents = client.extraction().extraction_agents();
    let first = agents
        .get_or_create_default(AgentScope::new())
        .await
        .unwrap();
    let again = agents
        .get_or_create_default(AgentScope::new())
        .await
        .unwrap();
    assert_eq!(first.id, again.id);
    let project: ProjectId = "7e2f0c9a-1b2c-4d3e-8f40-123456789abc".parse().unwrap();
    let other = agents
        .get_or_create_default(AgentScope::new().project_id(project))
        .await
        .unwrap();
    assert_ne!(other.id, first.id);
    assert_eq!(other.project_id, project);
    let last = fake.requests().pop().unwrap();
    assert_eq!(
        last.query.as_deref(),
        Some("project_id=7e2f0c9a-1b2c-4d3e-8f40-123456789abc")
    );
}

#[tokio::test]
#[allow(deprecated, reason = "the deprecated operation is what this tests")]
async fn an_agent_by_name_is_found_and_an_unknown_name_is_not() {
    let (_fake, client) = fake_and_client().await;
    let created = agent(&client, "receipts 2026").await;
    let agents = client.extraction().extraction_agents();
    let found = agents
        .get_by_name("receipts 2026".to_owned(), AgentScope::new())
        .await
        .unwrap();
    assert_eq!(found.id, created.id);
    let error = agents
        .get_by_name("nobody".to_owned(), AgentScope::new())
        .await
        .unwrap_err();
    assert!(error.is_not_found(), "{error:?}");
}

#[tokio::test]
async fn the_latest_run_from_the_ui_is_none_then_the_ui_job() {
    let (_fake, client) = fake_and_client().await;
    let agent = agent(&client, "invoices").await;
    let runs = client.extraction().runs();
    assert_eq!(runs.latest_from_ui(agent.id).await.unwrap(), None);
    let file = uploaded(&client, "a.pdf").await;
    let jobs = client.extraction().jobs();
    jobs.create(CreateJob::new(agent.id, file)).await.unwrap();
    let from_ui = jobs
        .create(CreateJob::new(agent.id, file).from_ui(true))
        .await
        .unwrap();
    let run = runs.latest_from_ui(agent.id).await.unwrap().unwrap();
    assert_eq!(run.job_id, Some(from_ui.id));
    assert_eq!(run.extraction_agent_id, agent.id);
}
