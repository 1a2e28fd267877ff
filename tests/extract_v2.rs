//! v2 extraction (`/api/v2/extract`) end to end on the fake: every operation, and
//! `wait` / `run` with v1's semantics (typed errors on `FAILED`, `CANCELLED` and
//! timeout; dropping the future stops polling), on paused tokio time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use futures::TryStreamExt as _;
use llama_cloud::extract::{Expand, GenerateExtractSchema};
use llama_cloud::{
    Client, CreateExtractJob, DataAs as _, DataSchema, Error, ExtractJobId, ExtractTier,
    ExtractV2Job, ExtractV2Status, ExtractV2Target, FilePurpose, FileUpload, FileV2Id,
    ListExtractJobs, WaitOptions,
};
use llama_cloud_fake::{FakeServer, Operation, Outcome, Script};
use serde_json::json;
use support::fake_and_client;
use tokio::time::Instant;

#[derive(Debug, PartialEq, serde::Deserialize, schemars::JsonSchema)]
struct Invoice {
    number: String,
    total: f64,
}

async fn upload(client: &Client) -> FileV2Id {
    client
        .files()
        .upload(
            FileUpload::from_bytes("invoice.pdf".to_owned(), &b"%PDF-1.7"[..]),
            FilePurpose::Extract,
        )
        .await
        .unwrap()
        .id
}

fn schema() -> DataSchema {
    DataSchema::for_type::<Invoice>().unwrap()
}

/// A fake whose new jobs follow `script`, a client, and an uploaded file.
async fn scripted(script: Script) -> (FakeServer, Client, FileV2Id) {
    let (fake, client) = fake_and_client().await;
    fake.set_default_script(script);
    let file = upload(&client).await;
    fake.clear_requests();
    (fake, client, file)
}

/// A job on `file` with the test schema, as created.
async fn create(client: &Client, file: FileV2Id) -> ExtractV2Job {
    client
        .extract()
        .create(CreateExtractJob::new(file, schema()))
        .await
        .unwrap()
}

#[tokio::test(start_paused = true)]
async fn run_creates_waits_and_reads_the_typed_result() {
    let (fake, client, file) = scripted(Script::after_polls(2, Outcome::Success)).await;
    let job = client
        .extract()
        .create(CreateExtractJob::new(file, schema()).tier(ExtractTier::Agentic))
        .await
        .unwrap();
    assert_eq!(job.status, ExtractV2Status::Pending);
    assert!(job.id.to_string().starts_with("ext-"));
    assert_eq!(job.file_input.to_string(), file.to_string());
    fake.set_extract_result(*job.id.as_uuid(), json!({"number": "F-17", "total": 42.5}))
        .unwrap();
    let started = Instant::now();
    let done = client.extract().wait(job.id).await.unwrap();
    assert_eq!(done.status, ExtractV2Status::Completed);
    // Polls at 1 s (PENDING), +2 s (RUNNING), +3 s (COMPLETED).
    assert_eq!(started.elapsed(), Duration::from_secs(1 + 2 + 3));
    let invoice: Invoice = done.data_as().unwrap();
    assert_eq!(
        invoice,
        Invoice {
            number: "F-17".into(),
            total: 42.5
        }
    );

    // The configuration sent is the one stored, tier included.
    let stored = fake.extract_jobs().pop().unwrap();
    assert_eq!(stored["configuration"]["tier"], "agentic");
    assert_eq!(stored["configuration"]["data_schema"]["type"], "object");
    assert_eq!(stored["configuration"]["extraction_target"], "per_doc");

    // run = create + wait; without a result set, the fake answers a placeholder.
    let job = client
        .extract()
        .run(CreateExtractJob::new(file, schema()))
        .await
        .unwrap();
    assert_eq!(job.status, ExtractV2Status::Completed);
    let invoice: Invoice = job.data_as().unwrap();
    assert_eq!(
        invoice,
        Invoice {
            number: String::new(),
            total: 0.0
        }
    );
}

#[tokio::test(start_paused = true)]
async fn watch_yields_pending_running_and_the_end() {
    let (_fake, client, file) = scripted(Script::after_polls(3, Outcome::Success)).await;
    let job = create(&client, file).await;
    let statuses: Vec<ExtractV2Status> = client
        .extract()
        .watch(job.id, WaitOptions::default())
        .map_ok(|job| job.status)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        statuses,
        [
            ExtractV2Status::Pending,
            ExtractV2Status::Running,
            ExtractV2Status::Completed
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn failed_and_cancelled_jobs_are_typed_errors() {
    let (_fake, client, file) = scripted(Script::after_polls(
        1,
        Outcome::Error("the PDF is encrypted".into()),
    ))
    .await;
    let error = client
        .extract()
        .run(CreateExtractJob::new(file, schema()))
        .await
        .unwrap_err();
    let Error::ExtractJobFailed { message, job, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(message.as_deref(), Some("the PDF is encrypted"));
    assert_eq!(job.status, ExtractV2Status::Failed);
    assert!(
        error.to_string().contains("the PDF is encrypted"),
        "{error}"
    );

    let (_fake, client, file) = scripted(Script::after_polls(0, Outcome::Cancelled)).await;
    let error = client
        .extract()
        .run(CreateExtractJob::new(file, schema()))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ExtractJobCancelled { .. }),
        "{error:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_wait_times_out_with_the_last_status_and_dropping_it_stops_polling() {
    let (fake, client, file) =
        scripted(Script::after(Duration::from_secs(3600), Outcome::Success)).await;
    let job = create(&client, file).await;
    let options = WaitOptions::new().timeout(Duration::from_secs(30));
    let error = client
        .extract()
        .wait_with(job.id, options)
        .await
        .unwrap_err();
    let Error::ExtractWaitTimedOut {
        job_id,
        last_status,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(*job_id, job.id);
    assert_eq!(*last_status, Some(ExtractV2Status::Running));

    fake.clear_requests();
    let waiting = client.extract().wait(job.id);
    tokio::select! {
        _ = waiting => panic!("the job cannot finish within 10.5 s"),
        () = tokio::time::sleep(Duration::from_millis(10_500)) => {}
    }
    let polls = fake.requests().len();
    assert_eq!(polls, 4, "polls at 1, 3, 6 and 10 s");
    tokio::time::sleep(Duration::from_secs(600)).await;
    assert_eq!(fake.requests().len(), polls);
}

#[tokio::test]
async fn a_running_job_is_cancelled_and_an_ended_one_is_not() {
    let (_fake, client, file) =
        scripted(Script::after(Duration::from_secs(3600), Outcome::Success)).await;
    let extract = client.extract();
    let job = extract
        .create(CreateExtractJob::new(file, schema()))
        .await
        .unwrap();
    let cancelled = extract.cancel(job.id).await.unwrap();
    assert_eq!(cancelled.status, ExtractV2Status::Cancelled);
    assert_eq!(
        extract.get(job.id).await.unwrap().status,
        ExtractV2Status::Cancelled
    );
    let error = extract.cancel(job.id).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400), "{error}");
    assert!(error.to_string().contains("CANCELLED"), "{error}");
}

#[tokio::test]
async fn a_deleted_job_is_gone() {
    let (_fake, client, file) = scripted(Script::after_polls(0, Outcome::Success)).await;
    let extract = client.extract();
    let job = extract
        .create(CreateExtractJob::new(file, schema()))
        .await
        .unwrap();
    extract.delete(job.id).await.unwrap();
    assert!(extract.get(job.id).await.unwrap_err().is_not_found());
    assert!(extract.delete(job.id).await.unwrap_err().is_not_found());
    let unknown: ExtractJobId = "ext-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".parse().unwrap();
    assert!(extract.cancel(unknown).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn jobs_are_listed_a_page_at_a_time_and_filtered() {
    let (fake, client, file) = scripted(Script::after_polls(0, Outcome::Success)).await;
    let extract = client.extract();
    let mut ids = Vec::new();
    for _ in 0..5 {
        let job = extract
            .create(CreateExtractJob::new(file, schema()))
            .await
            .unwrap();
        ids.push(job.id);
    }
    // The newest ends in FAILED.
    fake.script_extract_job(
        *ids[4].as_uuid(),
        Script::after_polls(0, Outcome::Error("no".into())),
    )
    .unwrap();
    fake.clear_requests();
    let listed: Vec<ExtractJobId> = extract
        .list(ListExtractJobs::new().page_size(2))
        .map_ok(|job| job.id)
        .try_collect()
        .await
        .unwrap();
    let newest_first: Vec<ExtractJobId> = ids.iter().rev().copied().collect();
    assert_eq!(listed, newest_first);
    // Five jobs two at a time: three pages, each asked for once.
    assert_eq!(fake.requests().len(), 3);

    let failed = extract
        .list_page(ListExtractJobs::new().status(ExtractV2Status::Failed), None)
        .await
        .unwrap();
    assert_eq!(failed.items.len(), 1);
    assert_eq!(failed.items[0].id, ids[4]);
    assert_eq!(failed.items[0].error_message.as_deref(), Some("no"));
    let chosen = extract
        .list_page(ListExtractJobs::new().job_ids([ids[0], ids[2]]), None)
        .await
        .unwrap();
    let mut chosen: Vec<_> = chosen.items.iter().map(|job| job.id).collect();
    chosen.sort();
    let mut expected = vec![ids[0], ids[2]];
    expected.sort();
    assert_eq!(chosen, expected);
    let on_file = extract
        .list_page(ListExtractJobs::new().file_input(file), None)
        .await
        .unwrap();
    assert_eq!(on_file.items.len(), 5);
    assert_eq!(on_file.next_page_token, None);
}

#[tokio::test]
async fn a_read_shows_configuration_and_metadata_only_when_expanded() {
    let (_fake, client, file) = scripted(Script::after_polls(0, Outcome::Success)).await;
    let extract = client.extract();
    let job = extract
        .create(
            CreateExtractJob::new(file, schema())
                .extraction_target(ExtractV2Target::PerPage)
                .target_pages("1,3-5".parse().unwrap()),
        )
        .await
        .unwrap();
    let plain = extract.get(job.id).await.unwrap();
    assert!(plain.configuration.is_none());
    assert!(plain.extract_metadata.is_none());
    // per_page: a list of objects.
    let pages: Vec<Invoice> = plain.data_as().unwrap();
    assert_eq!(pages.len(), 1);
    let expanded = extract
        .get_with(job.id, &[Expand::Configuration, Expand::ExtractMetadata])
        .await
        .unwrap();
    let configuration = expanded.configuration.unwrap();
    assert_eq!(configuration.extraction_target, ExtractV2Target::PerPage);
    assert_eq!(
        configuration
            .target_pages
            .unwrap()
            .get()
            .unwrap()
            .to_string(),
        "1,3-5"
    );
    assert!(expanded.extract_metadata.is_some());
}

#[tokio::test]
async fn a_saved_configuration_is_named_by_id_and_takes_no_inline_setting() {
    let (fake, client, file) = scripted(Script::after_polls(0, Outcome::Success)).await;
    let id = fake.insert_extract_configuration(json!({
        "data_schema": {"type": "object", "properties": {"number": {"type": "string"}}},
        "tier": "cost_effective",
        "extraction_target": "per_doc",
    }));
    let id = id.parse().unwrap();
    let job = client
        .extract()
        .run(CreateExtractJob::saved(file, id))
        .await
        .unwrap();
    assert_eq!(job.configuration_id, Some(id));
    let data: serde_json::Value = job.data_as().unwrap();
    assert_eq!(data, json!({"number": ""}));

    fake.clear_requests();
    let error = client
        .extract()
        .create(CreateExtractJob::saved(file, id).tier(ExtractTier::Agentic))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    assert!(error.to_string().contains("tier"), "{error}");
    assert!(fake.requests().is_empty(), "refused before sending");
}

#[tokio::test]
async fn schemas_are_validated_and_generated() {
    let (fake, client, file) = scripted(Script::after_polls(0, Outcome::Success)).await;
    let extract = client.extract();
    let validated = extract.validate_schema(schema()).await.unwrap();
    assert_eq!(validated, schema());

    let proposal = extract
        .generate_schema(
            GenerateExtractSchema::new()
                .name("invoices")
                .prompt("the number and total")
                .file_id(file)
                .data_schema(schema()),
        )
        .await
        .unwrap();
    assert_eq!(proposal.name.as_str(), "invoices");
    assert_eq!(proposal.parameters.data_schema, schema());
    assert_eq!(proposal.parameters.tier, ExtractTier::CostEffective);

    fake.clear_requests();
    let error = extract
        .generate_schema(GenerateExtractSchema::new().name("n".repeat(256)))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    assert!(fake.requests().is_empty(), "refused before sending");
}

#[tokio::test]
async fn a_job_on_a_missing_file_is_a_404_and_the_body_is_the_contract_s() {
    let (fake, client, _file) = scripted(Script::after_polls(0, Outcome::Success)).await;
    let missing: FileV2Id = "dfl-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".parse().unwrap();
    let error = client
        .extract()
        .create(CreateExtractJob::new(missing, schema()))
        .await
        .unwrap_err();
    assert!(error.is_not_found(), "{error:?}");
    assert!(error.to_string().contains("File not found"), "{error}");
    let request = fake.requests().pop().unwrap();
    assert!(Operation::CreateExtractJob.matches(&request.method, &request.path));
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body["file_input"], missing.to_string());
    assert_eq!(body["configuration"]["data_schema"]["type"], "object");
    assert!(body.get("configuration_id").is_none(), "{body}");
}

#[tokio::test(start_paused = true)]
async fn the_official_backoff_strategies_are_offered() {
    use llama_cloud::Backoff;

    for (backoff, elapsed) in [
        // Polls after 1 s, then 1, 1, 1: the fourth sees COMPLETED.
        (Backoff::Constant, 1 + 1 + 1 + 1),
        // 1, then 2, 4, and 8 capped at 5.
        (Backoff::Exponential, 1 + 2 + 4 + 5),
    ] {
        let (_fake, client, file) = scripted(Script::after_polls(3, Outcome::Success)).await;
        let job = create(&client, file).await;
        let started = Instant::now();
        let options = WaitOptions::new().backoff(backoff);
        client.extract().wait_with(job.id, options).await.unwrap();
        assert_eq!(
            started.elapsed(),
            Duration::from_secs(elapsed),
            "{backoff:?}"
        );
    }
}

#[tokio::test]
async fn any_call_gives_its_raw_response() {
    use llama_cloud::with_response;
    use llama_cloud_fake::{Fault, Route, StatusCode};

    let (fake, client, file) = scripted(Script::after_polls(0, Outcome::Success)).await;
    // One 503 first: the answer comes on the second attempt.
    fake.inject(
        Route::Operation(Operation::CreateExtractJob),
        Fault::status(StatusCode::SERVICE_UNAVAILABLE),
        1,
    );
    let created = with_response(
        client
            .extract()
            .create(CreateExtractJob::new(file, schema())),
    )
    .await
    .unwrap();
    assert_eq!(created.status().as_u16(), 200);
    assert_eq!(created.attempts(), 2);
    assert_eq!(created.headers()["content-type"], "application/json");
    let id = created.into_body().id;

    // A multipart upload and a v1 call answer the same way.
    let upload = with_response(client.files().upload(
        FileUpload::from_bytes("b.pdf".to_owned(), &b"%PDF"[..]),
        FilePurpose::Extract,
    ))
    .await
    .unwrap();
    assert_eq!((upload.status().as_u16(), upload.attempts()), (201, 1));

    // A call of several requests gives its last one.
    let waited = with_response(client.extract().wait(id)).await.unwrap();
    assert_eq!(waited.body().status, ExtractV2Status::Completed);
    assert_eq!(waited.attempts(), 1);

    // Errors come through unchanged.
    let unknown: ExtractJobId = "ext-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".parse().unwrap();
    let error = with_response(client.extract().get(unknown))
        .await
        .unwrap_err();
    assert!(error.is_not_found(), "{error:?}");
}

#[tokio::test]
async fn extra_query_and_body_reach_the_wire_and_win() {
    use llama_cloud::RequestOptions;

    let (fake, client, file) = scripted(Script::after_polls(0, Outcome::Success)).await;
    let options = RequestOptions::new()
        .extra_query("page_size", "1")
        .extra_query("beta", "yes")
        .extra_body("webhook_configuration_ids", json!(["whc-1"]))
        .extra_body("file_input", json!(file.to_string()));
    let extra = client.with_options(options);
    let job = extra
        .extract()
        .create(CreateExtractJob::new(file, schema()))
        .await
        .unwrap();
    let create = fake.requests().pop().unwrap();
    let body: serde_json::Value = serde_json::from_slice(&create.body).unwrap();
    assert_eq!(body["webhook_configuration_ids"], json!(["whc-1"]));
    assert_eq!(body["configuration"]["data_schema"]["type"], "object");
    assert_eq!(create.query.as_deref(), Some("page_size=1&beta=yes"));

    // A listing's own page_size is replaced, not doubled; a GET gets no body.
    let page = extra
        .extract()
        .list_page(ListExtractJobs::new().page_size(50), None)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].id, job.id);
    let list = fake.requests().pop().unwrap();
    assert_eq!(list.query.as_deref(), Some("page_size=1&beta=yes"));
    assert!(list.body.is_empty());
}
