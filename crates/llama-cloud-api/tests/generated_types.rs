//! The generated types against the contract's own examples.
#![allow(clippy::unwrap_used)] // a test that cannot read its fixture should fail loudly

use llama_cloud_api::types::{
    ErrorDetail, ExtractConfig, ExtractJob, ExtractModels, HttpValidationError, Priority,
    PublicModelName, StatusEnum, WebhookEvent,
};
use llama_cloud_core::{JobId, PageRange, Timestamp};
use serde_json::{Value, json};

/// The example response of `get_job` as the fragment documents it (copied
/// verbatim from the official Get Job page).
fn seed_example() -> Value {
    let fragment: Value = serde_json::from_str(include_str!("../extraction.json")).unwrap();
    fragment["paths"]["/api/v1/extraction/jobs/{job_id}"]["get"]["responses"]["200"]["content"]
        ["application/json"]["example"]
        .clone()
}

#[test]
fn seed_example_round_trips_through_the_generated_types() {
    let example = seed_example();
    let job: ExtractJob = serde_json::from_value(example.clone()).unwrap();
    assert_eq!(serde_json::to_value(&job).unwrap(), example);
    insta::assert_debug_snapshot!(job);
}

/// The models use the hand-written values: typed ids, lenient page ranges,
/// timestamps that read pydantic's naive datetimes.
#[test]
fn the_seed_example_uses_the_value_types() {
    let job: ExtractJob = serde_json::from_value(seed_example()).unwrap();
    let id: JobId = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".parse().unwrap();
    assert_eq!(job.id, id);
    assert!(job.status == StatusEnum::Pending && !job.status.is_terminal());
    let config = &job.extraction_agent.config;
    // The example's "page_range" is no page range: kept as sent, checked on
    // access, written back unchanged.
    let page_range = config.page_range.as_ref().unwrap();
    assert_eq!(page_range.raw(), "page_range");
    assert!(page_range.get().is_err());
    assert_eq!(
        config
            .num_pages_context
            .as_ref()
            .unwrap()
            .get()
            .unwrap()
            .get(),
        1
    );
    let created: &Timestamp = job.extraction_agent.created_at.as_ref().unwrap();
    assert_eq!(created.to_string(), "2019-12-27T18:11:19.117Z");

    let mut naive = seed_example();
    naive["extraction_agent"]["created_at"] = json!("2019-12-27T18:11:19.117");
    let naive: ExtractJob = serde_json::from_value(naive).unwrap();
    assert_eq!(
        naive.extraction_agent.created_at,
        job.extraction_agent.created_at
    );

    let valid =
        ExtractConfig::builder().page_range(Some("1,3,5-7".parse::<PageRange>().unwrap().into()));
    let valid: ExtractConfig = valid.try_into().unwrap();
    assert_eq!(
        serde_json::to_value(&valid).unwrap()["page_range"],
        "1,3,5-7"
    );
}

/// Every string enum is open: a value the fragment does not list decodes to
/// `Unknown` and re-encodes unchanged, in a response that still decodes.
#[test]
fn every_enum_keeps_values_it_does_not_know() {
    let mut example = seed_example();
    example["status"] = json!("QUEUED");
    example["extraction_agent"]["config"]["extract_model"] = json!("acme-model-9");
    example["extraction_agent"]["config"]["parse_model"] = json!("acme-parser");
    example["extraction_agent"]["config"]["priority"] = json!("urgent");
    example["extraction_agent"]["config"]["chunk_mode"] = json!("PARAGRAPH");
    let job: ExtractJob = serde_json::from_value(example.clone()).unwrap();
    assert!(job.status.is_unknown() && job.status.as_str() == "QUEUED");
    assert!(!job.status.is_terminal());
    let config = &job.extraction_agent.config;
    assert_eq!(
        config.extract_model.as_ref().unwrap().as_str(),
        "acme-model-9"
    );
    assert!(config.parse_model.as_ref().unwrap().is_unknown());
    assert_eq!(
        config.priority.as_ref().map(Priority::as_str),
        Some("urgent")
    );
    assert_eq!(serde_json::to_value(&job).unwrap(), example);

    assert_eq!(
        ExtractModels::from("openai-gpt-4-1"),
        ExtractModels::OpenaiGpt41
    );
    assert_eq!(
        PublicModelName::from("gemini-3.1-pro"),
        PublicModelName::Gemini31Pro
    );
    assert_eq!(
        WebhookEvent::from("sheets.success"),
        WebhookEvent::SheetsSuccess
    );
}

/// An error body is kept as its text (`RawJson`): the generated client
/// decodes no tree of it, and either of FastAPI's shapes parses from it.
#[test]
fn error_bodies_are_kept_raw_and_parse_as_detail_or_validation_list() {
    let body: llama_cloud_core::RawJson =
        serde_json::from_str(r#"{"detail": "Job not found"}"#).unwrap();
    let detail: ErrorDetail = body.parse().unwrap();
    assert_eq!(detail.detail, "Job not found");
    let body: llama_cloud_core::RawJson = serde_json::from_str(
        r#"{"detail": [{"loc": ["path", "job_id"], "msg": "Input should be a valid UUID", "type": "uuid_parsing"}]}"#,
    )
    .unwrap();
    let validation: HttpValidationError = body.parse().unwrap();
    let issues = validation.detail;
    assert_eq!(issues[0].msg, "Input should be a valid UUID");
    assert_eq!(issues[0].loc.len(), 2);
}

#[test]
fn an_open_object_keeps_the_properties_the_contract_does_not_name() {
    // A v2 job's metadata is open (`additionalProperties: true`): what the
    // service adds beyond `usage` is kept, and written back unchanged.
    let json = json!({
        "usage": {"num_pages_extracted": 3},
        "cost_center": "eu-7",
        "trace": {"spans": [1, 2]},
    });
    let metadata: llama_cloud_api::types::ExtractV2JobMetadata =
        serde_json::from_value(json.clone()).unwrap();
    assert_eq!(
        metadata
            .usage
            .as_ref()
            .and_then(|usage| usage.num_pages_extracted),
        Some(3)
    );
    assert_eq!(metadata.extra["cost_center"], json!("eu-7"));
    assert_eq!(metadata.extra.len(), 2);
    assert_eq!(serde_json::to_value(&metadata).unwrap(), json);
    // Nothing beyond `usage`: nothing extra, and nothing added on the way out.
    let bare: llama_cloud_api::types::ExtractV2JobMetadata =
        serde_json::from_value(json!({"usage": null})).unwrap();
    assert!(bare.extra.is_empty());
    assert_eq!(serde_json::to_value(&bare).unwrap(), json!({}));
    // Made by hand (a mock's answer, say), it needs no map.
    assert_eq!(
        llama_cloud_api::types::ExtractV2JobMetadata::default(),
        bare
    );
    let built: llama_cloud_api::types::ExtractV2JobMetadata =
        llama_cloud_api::types::ExtractV2JobMetadata::builder()
            .try_into()
            .unwrap();
    assert_eq!(built, bare);
}
