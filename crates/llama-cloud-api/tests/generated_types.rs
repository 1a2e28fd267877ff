//! The generated types against the contract's own examples.
#![allow(clippy::unwrap_used)] // a test that cannot read its fixture should fail loudly

use llama_cloud_api::types::{
    ErrorDetailOrHttpValidationError, ExtractConfigExtractModel, ExtractJob, ExtractModels,
};
use serde_json::{Value, json};

/// The example response of `get_job` as the fragment documents it (copied
/// verbatim from the official Get Job page).
fn seed_example() -> Value {
    let fragment: Value =
        serde_json::from_str(include_str!("../../../openapi/extraction.json")).unwrap();
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

#[test]
fn extract_model_keeps_listed_and_unlisted_names() {
    let listed: ExtractConfigExtractModel =
        serde_json::from_value(json!("openai-gpt-4-1")).unwrap();
    assert!(matches!(
        listed,
        ExtractConfigExtractModel::ExtractModels(ExtractModels::OpenaiGpt41)
    ));
    assert_eq!(
        serde_json::to_value(&listed).unwrap(),
        json!("openai-gpt-4-1")
    );

    let unlisted: ExtractConfigExtractModel =
        serde_json::from_value(json!("acme-model-9")).unwrap();
    assert!(matches!(&unlisted, ExtractConfigExtractModel::String(name) if name == "acme-model-9"));
    assert_eq!(
        serde_json::to_value(&unlisted).unwrap(),
        json!("acme-model-9")
    );
}

#[test]
fn error_bodies_decode_as_detail_or_validation_list() {
    let detail: ErrorDetailOrHttpValidationError =
        serde_json::from_value(json!({"detail": "Job not found"})).unwrap();
    insta::assert_debug_snapshot!("error_body_detail", detail);
    let validation: ErrorDetailOrHttpValidationError = serde_json::from_value(json!({"detail": [
        {"loc": ["path", "job_id"], "msg": "Input should be a valid UUID", "type": "uuid_parsing"}
    ]}))
    .unwrap();
    insta::assert_debug_snapshot!("error_body_validation", validation);
}
