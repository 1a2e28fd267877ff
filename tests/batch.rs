//! Batches end to end on the fake: results as they finish, a few requests per
//! document, failures per item, the bounds, resume from the ledger, and
//! dropping the stream stops everything. On paused tokio time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use futures::StreamExt as _;
use llama_cloud::batch::{Batch, BatchItem, Ledger, Source};
use llama_cloud::{Client, CreateAgent, DataSchema, ExtractAgent, ExtractConfig};
use llama_cloud_fake::{FakeServer, Fault, Method, Operation, Outcome, Route, Script, StatusCode};
use serde_json::json;
use support::fake_and_client;

fn schema() -> DataSchema {
    DataSchema::from_value(json!({"type": "object", "properties": {"n": {"type": "integer"}}}))
        .unwrap()
}

fn sources(count: usize) -> Vec<Source> {
    (0..count)
        .map(|i| Source::text(format!("doc-{i:03}"), format!("document {i}")))
        .collect()
}

async fn collect(client: &Client, batch: Batch, sources: Vec<Source>) -> Vec<BatchItem> {
    client.batch(batch, sources).collect().await
}

/// A v1 agent for the test schema.
async fn agent(client: &Client) -> ExtractAgent {
    client
        .extraction()
        .extraction_agents()
        .create(CreateAgent::new(
            "batch",
            schema(),
            ExtractConfig::default(),
        ))
        .await
        .unwrap()
}

fn count(fake: &FakeServer, operation: Operation) -> usize {
    fake.requests()
        .iter()
        .filter(|r| operation.matches(&r.method, &r.path))
        .count()
}

#[tokio::test(start_paused = true)]
async fn every_document_comes_back_with_its_data_for_a_few_requests_each() {
    let (fake, client) = fake_and_client().await;
    fake.set_default_script(Script::after_between(
        Duration::from_secs(1),
        Duration::from_secs(30),
        Outcome::Success,
    ));
    let run = client.batch(Batch::v2_schema(schema()), sources(40));
    let progress = run.progress();
    let items: Vec<BatchItem> = run.collect().await;
    assert_eq!(items.len(), 40);
    let mut names: Vec<&str> = items.iter().map(|item| item.source.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        (0..40).map(|i| format!("doc-{i:03}")).collect::<Vec<_>>()
    );
    for item in &items {
        let extracted = item.result.as_ref().unwrap();
        assert_eq!(extracted.data.to_value(), json!({"n": 0}));
        assert!(extracted.job.to_string().starts_with("ext-"));
    }
    let done = *progress.borrow();
    assert_eq!(
        (
            done.total,
            done.done,
            done.failed,
            done.running,
            done.queued
        ),
        (40, 40, 0, 0, 0)
    );
    // One upload and one create each; the status rounds ask about 40 jobs
    // with one request each, every 2 s over at most 30 s.
    let requests = fake.requests().len();
    assert_eq!(count(&fake, Operation::UploadFile), 40);
    assert_eq!(count(&fake, Operation::CreateExtractJob), 40);
    assert_eq!(count(&fake, Operation::GetExtractJob), 0);
    assert!(
        requests <= 40 * 2 + 17,
        "{requests} requests for 40 documents"
    );
}

#[tokio::test(start_paused = true)]
async fn a_failure_is_its_item_s_and_the_others_finish() {
    let (fake, client) = fake_and_client().await;
    fake.set_default_script(Script::after_polls(0, Outcome::Success));
    // The first upload fails on every attempt (1 + 2 retries).
    fake.inject(
        Route::Operation(Operation::UploadFile),
        Fault::status(StatusCode::INTERNAL_SERVER_ERROR),
        3,
    );
    let items = collect(
        &client,
        Batch::v2_schema(schema()).jobs_in_flight(1),
        sources(3),
    )
    .await;
    let failed: Vec<&BatchItem> = items.iter().filter(|item| item.result.is_err()).collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].source, "doc-000");
    assert!(failed[0].job.is_none());
    assert_eq!(
        failed[0]
            .result
            .as_ref()
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(500)
    );
    assert_eq!(items.iter().filter(|item| item.result.is_ok()).count(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_failed_job_is_a_typed_error() {
    let (fake, client) = fake_and_client().await;
    fake.set_default_script(Script::after_polls(0, Outcome::Error("unreadable".into())));
    let items = collect(&client, Batch::v2_schema(schema()), sources(2)).await;
    for item in items {
        let error = item.result.unwrap_err();
        assert!(
            matches!(error, llama_cloud::Error::ExtractJobFailed { .. }),
            "{error:?}"
        );
        assert!(item.job.is_some());
    }
}

#[tokio::test(start_paused = true)]
async fn no_more_documents_are_in_flight_than_allowed() {
    let (fake, client) = fake_and_client().await;
    fake.set_default_script(Script::after(Duration::from_secs(20), Outcome::Success));
    let run = client.batch(Batch::v2_schema(schema()).jobs_in_flight(3), sources(9));
    let progress = run.progress();
    futures::pin_mut!(run);
    let mut most = 0;
    let mut seen = 0;
    loop {
        tokio::select! {
            item = run.next() => match item {
                Some(item) => { item.result.unwrap(); seen += 1; }
                None => break,
            },
            () = tokio::time::sleep(Duration::from_millis(500)) => {}
        }
        let now = *progress.borrow();
        most = most.max(now.uploaded + now.running);
        assert!(now.uploaded + now.running <= 3, "{now:?}");
    }
    assert_eq!((seen, most), (9, 3));
    // Three waves of three jobs, 20 s each.
    assert_eq!(count(&fake, Operation::CreateExtractJob), 9);
}

#[tokio::test(start_paused = true)]
async fn a_rerun_on_the_same_ledger_creates_no_job() {
    let (fake, client) = fake_and_client().await;
    fake.set_default_script(Script::after_polls(0, Outcome::Success));
    let path = std::env::temp_dir().join(format!("llama-cloud-batch-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let ledger = Ledger::open(&path).await.unwrap();
    let first = collect(
        &client,
        Batch::v2_schema(schema()).ledger(ledger),
        sources(5),
    )
    .await;
    assert_eq!(first.len(), 5);
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert!(
        lines
            .iter()
            .all(|line| line["status"] == "done" && line["data"] == json!({"n": 0}))
    );

    fake.clear_requests();
    let ledger = Ledger::open(&path).await.unwrap();
    assert_eq!(ledger.done_count(), 5);
    let run = client.batch(Batch::v2_schema(schema()).ledger(ledger), sources(6));
    let progress = run.progress();
    let second: Vec<BatchItem> = run.collect().await;
    assert_eq!(second.len(), 1, "only the new source runs");
    assert_eq!(second[0].source, "doc-005");
    assert_eq!(progress.borrow().skipped, 5);
    assert_eq!(count(&fake, Operation::CreateExtractJob), 1);
    assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 6);
    std::fs::remove_file(&path).unwrap();
}

#[tokio::test(start_paused = true)]
async fn dropping_the_stream_stops_everything() {
    let (fake, client) = fake_and_client().await;
    fake.set_default_script(Script::after(Duration::from_secs(3600), Outcome::Success));
    let mut run = Box::pin(client.batch(Batch::v2_schema(schema()).jobs_in_flight(2), sources(10)));
    tokio::select! {
        _ = run.next() => panic!("no job can finish within 10 s"),
        () = tokio::time::sleep(Duration::from_secs(10)) => {}
    }
    drop(run);
    let sent = fake.requests().len();
    assert_eq!(count(&fake, Operation::CreateExtractJob), 2);
    tokio::time::sleep(Duration::from_secs(600)).await;
    assert_eq!(fake.requests().len(), sent, "nothing more after the drop");
}

#[tokio::test(start_paused = true)]
async fn a_v1_batch_whose_shared_create_fails_creates_each_job_alone() {
    let (fake, client) = fake_and_client().await;
    fake.set_default_script(Script::after_polls(0, Outcome::Success));
    let agent = agent(&client).await;
    // The batch endpoint refuses (three attempts); each file then asks alone.
    fake.inject(
        Route::Operation(Operation::CreateBatchJobs),
        Fault::status(StatusCode::SERVICE_UNAVAILABLE),
        3,
    );
    fake.clear_requests();
    let items = collect(&client, Batch::v1(agent.id).jobs_in_flight(3), sources(3)).await;
    assert!(items.iter().all(|item| item.result.is_ok()));
    assert_eq!(count(&fake, Operation::CreateJob), 3);
}

#[tokio::test(start_paused = true)]
async fn a_v1_batch_runs_on_an_agent_and_reads_each_result() {
    let (fake, client) = fake_and_client().await;
    fake.set_default_script(Script::after(Duration::from_secs(3), Outcome::Success));
    let agent = agent(&client).await;
    fake.clear_requests();
    let items = collect(&client, Batch::v1(agent.id), sources(6)).await;
    assert!(
        items
            .iter()
            .all(|item| item.result.as_ref().unwrap().data.to_value() == json!({"n": 0}))
    );
    assert_eq!(count(&fake, Operation::GetJobResult), 6);
    // The jobs are created together: one jobs/batch request, no single creates.
    assert_eq!(count(&fake, Operation::CreateBatchJobs), 1);
    assert_eq!(count(&fake, Operation::CreateJob), 0);
    let listings = fake
        .requests()
        .iter()
        .filter(|r| r.method == Method::GET && r.path == "/api/v1/extraction/jobs")
        .count();
    assert!(
        listings <= 3,
        "{listings} status rounds for jobs of 3 s, every 2 s"
    );
}
