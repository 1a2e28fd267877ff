//! Decoding the API's JSON into the models: strict on shape, lenient on values.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use llama_cloud::{
    ExtractConfig, ExtractConfigBuilder, ExtractJob, JobStatus, NumPagesContext, PageRange,
};
use serde_json::{Value, json};

/// The example response of the official Get Job page (the fake's fixture,
/// which its own tests hold equal to the fragment's example).
fn seed() -> Value {
    serde_json::from_str(llama_cloud_fake::SEED_JOB_JSON).unwrap()
}

fn decode(value: Value) -> Result<ExtractJob, String> {
    let text = value.to_string();
    let deserializer = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(deserializer).map_err(|error| error.to_string())
}

#[test]
fn the_seed_example_decodes_into_the_models() {
    let job = decode(seed()).unwrap();
    insta::assert_debug_snapshot!(job);
}

#[test]
fn the_seed_example_re_encodes_to_the_same_json() {
    let job = decode(seed()).unwrap();
    assert_eq!(serde_json::to_value(&job).unwrap(), seed());
}

#[test]
fn the_seed_examples_invalid_page_range_is_kept_and_reported() {
    let job = decode(seed()).unwrap();
    let config = &job.extraction_agent.config;
    let page_range = config.page_range.as_ref().unwrap();
    assert_eq!(page_range.raw(), "page_range");
    let error = page_range.get().unwrap_err();
    assert_eq!(error.input(), "page_range");
    insta::assert_snapshot!(error, @r#"invalid page range "page_range": segment 1 ("page_range") contains 'p'; only digits, "-", spaces and tabs are allowed"#);
}

#[test]
fn num_pages_context_zero_is_kept_and_reported() {
    let mut value = seed();
    value["extraction_agent"]["config"]["num_pages_context"] = json!(0);
    let job = decode(value.clone()).unwrap();
    let config = &job.extraction_agent.config;
    let pages = config.num_pages_context.as_ref().unwrap();
    assert_eq!(*pages.raw(), 0);
    assert_eq!(
        pages.get().unwrap_err().to_string(),
        "num_pages_context must be at least 1, got 0"
    );
    assert_eq!(serde_json::to_value(&job).unwrap(), value);
}

#[test]
fn a_valid_config_gives_typed_values() {
    let mut value = seed();
    value["extraction_agent"]["config"]["page_range"] = json!("1,3,5-7,9");
    value["extraction_agent"]["config"]["num_pages_context"] = json!(3);
    let job = decode(value).unwrap();
    let config = &job.extraction_agent.config;
    assert_eq!(
        config.page_range.as_ref().unwrap().get().unwrap(),
        "1,3,5-7,9".parse::<PageRange>().unwrap()
    );
    assert_eq!(
        config.num_pages_context.as_ref().unwrap().get().unwrap(),
        NumPagesContext::new(3).unwrap()
    );
}

#[test]
fn a_missing_required_field_is_an_error_naming_it() {
    for (path, expected) in [
        (&["status"][..], "missing field `status`"),
        (&["id"][..], "missing field `id`"),
        (
            &["extraction_agent", "project_id"][..],
            "extraction_agent: missing field `project_id`",
        ),
        (&["file", "name"][..], "file: missing field `name`"),
    ] {
        let mut value = seed();
        let (last, parents) = path.split_last().unwrap();
        let mut target = &mut value;
        for key in parents {
            target = &mut target[*key];
        }
        target.as_object_mut().unwrap().remove(*last);
        let error = decode(value).unwrap_err();
        assert!(error.starts_with(expected), "{path:?}: {error}");
    }
}

#[test]
fn null_for_a_required_field_is_an_error_and_null_for_an_optional_one_is_none() {
    let mut value = seed();
    value["status"] = Value::Null;
    assert!(
        decode(value)
            .unwrap_err()
            .starts_with("status: invalid type: null")
    );

    let mut value = seed();
    value["error"] = Value::Null;
    value["file_id"] = Value::Null;
    value["extraction_agent"]["config"]["extract_model"] = Value::Null;
    let job = decode(value).unwrap();
    assert_eq!(job.error, None);
    assert_eq!(job.file_id, None);
    assert_eq!(job.extraction_agent.config.extract_model, None);
}

#[test]
fn wrong_shapes_are_errors_with_their_path() {
    for (mutate, expected) in [
        (
            (|v: &mut Value| v["id"] = json!("../admin")) as fn(&mut Value),
            "id: invalid job id",
        ),
        (
            |v| v["extraction_agent"]["data_schema"] = json!([1]),
            "extraction_agent.data_schema: a JSON schema must be a JSON object; this one is an array",
        ),
        (|v| v["status"] = json!(3), "status: invalid type"),
        (
            |v| v["file"]["created_at"] = json!("yesterday"),
            "file.created_at: invalid timestamp",
        ),
    ] {
        let mut value = seed();
        mutate(&mut value);
        let error = decode(value).unwrap_err();
        assert!(error.starts_with(expected), "{error}");
    }
}

#[test]
fn unknown_enum_values_survive_and_re_encode_unchanged() {
    let mut value = seed();
    value["status"] = json!("PAUSED");
    let config = &mut value["extraction_agent"]["config"];
    config["chunk_mode"] = json!("PARAGRAPH");
    config["extraction_mode"] = json!("ULTRA");
    config["extraction_target"] = json!("PER_SENTENCE");
    config["extract_model"] = json!("acme-model-9");
    config["parse_model"] = json!("acme-parser-2");
    config["priority"] = json!("urgent");
    value["extraction_agent"]["custom_configuration"] = json!("bespoke");

    let job = decode(value.clone()).unwrap();
    assert!(job.status.is_unknown());
    assert_eq!(job.status.as_str(), "PAUSED");
    assert!(
        !job.status.is_terminal(),
        "an unknown status must not end polling"
    );
    let config = &job.extraction_agent.config;
    assert_eq!(config.extraction_mode.as_str(), "ULTRA");
    assert_eq!(
        config.extract_model.as_ref().map(|model| model.as_str()),
        Some("acme-model-9")
    );
    assert_eq!(serde_json::to_value(&job).unwrap(), value);
    insta::assert_debug_snapshot!("unknown_values", (&job.status, config));
}

#[test]
fn unknown_fields_are_ignored() {
    let mut value = seed();
    value["brand_new_field"] = json!({"nested": true});
    value["extraction_agent"]["config"]["new_knob"] = json!(42);
    let job = decode(value).unwrap();
    assert_eq!(job, decode(seed()).unwrap());
}

#[test]
fn naive_timestamps_are_read_as_utc() {
    let mut value = seed();
    value["extraction_agent"]["created_at"] = json!("2019-12-27T18:11:19.117");
    let job = decode(value).unwrap();
    assert_eq!(
        job.extraction_agent.created_at,
        decode(seed()).unwrap().extraction_agent.created_at
    );
}

#[test]
fn status_predicates() {
    use JobStatus::*;
    for (status, terminal, success) in [
        (Pending, false, false),
        (Success, true, true),
        (PartialSuccess, true, true),
        (Error, true, false),
        (Cancelled, true, false),
    ] {
        assert_eq!(status.is_terminal(), terminal, "{status}");
        assert_eq!(status.is_success(), success, "{status}");
    }
}

#[test]
fn the_config_builder_checks_and_canonicalises() {
    let config = ExtractConfigBuilder::new()
        .page_range(" 5-7, 1,3 ")
        .num_pages_context(2)
        .extract_model("acme-model-9")
        .build()
        .unwrap();
    assert_eq!(config.page_range.as_ref().unwrap().raw(), "1,3,5-7");
    // The generated config writes the fields that have a default in the
    // contract, with that default, and only the optional ones that are set.
    assert_eq!(
        serde_json::to_value(&config).unwrap(),
        json!({
            "chunk_mode": "PAGE", "citation_bbox": false, "cite_sources": false,
            "confidence_scores": false, "extraction_mode": "PREMIUM",
            "extraction_target": "PER_DOC", "high_resolution_mode": false,
            "invalidate_cache": false, "multimodal_fast_mode": false, "use_reasoning": false,
            "extract_model": "acme-model-9", "num_pages_context": 2, "page_range": "1,3,5-7"
        })
    );
    assert_eq!(
        ExtractConfig::default(),
        ExtractConfigBuilder::new().build().unwrap()
    );

    let error = ExtractConfigBuilder::new()
        .page_range("7-5")
        .build()
        .unwrap_err();
    let llama_cloud::Error::InvalidInput(input) = &error else {
        panic!("{error:?}")
    };
    assert_eq!((input.field(), input.value()), ("page_range", "7-5"));

    let error = ExtractConfigBuilder::new()
        .num_pages_context(0)
        .build()
        .unwrap_err();
    let llama_cloud::Error::InvalidInput(input) = &error else {
        panic!("{error:?}")
    };
    assert_eq!((input.field(), input.value()), ("num_pages_context", "0"));
}

#[test]
#[allow(deprecated)]
fn deprecated_settings_still_work() {
    let config = ExtractConfigBuilder::new()
        .citation_bbox(true)
        .multimodal_fast_mode(false)
        .build()
        .unwrap();
    assert!(config.citation_bbox);
    assert!(!config.multimodal_fast_mode);
    let job = decode(seed()).unwrap();
    assert_eq!(job.file.as_ref().map(|f| f.name.as_str()), Some("x"));
}

/// The models users see are the generated ones, re-exported: a field or an
/// enum value `cargo xtask codegen` adds to `llama_cloud_api::types` is in
/// `llama_cloud`'s types with no edit here (the xtask's tests show the
/// regeneration side).
#[test]
fn the_models_are_the_generated_types() {
    fn generated_job(job: llama_cloud_api::types::ExtractJob) -> llama_cloud::ExtractJob {
        job
    }
    fn generated_status(status: llama_cloud::JobStatus) -> llama_cloud_api::types::StatusEnum {
        status
    }
    fn generated_upload(
        file: llama_cloud_api::types::FileUploadResponse,
    ) -> llama_cloud::UploadedFile {
        file
    }
    let job = generated_job(serde_json::from_value(seed()).unwrap());
    assert_eq!(generated_status(job.status.clone()), JobStatus::Pending);
    let upload = json!({"id": "dfl-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", "name": "a.pdf", "project_id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"});
    let upload = generated_upload(serde_json::from_value(upload).unwrap());
    assert_eq!(
        upload.id.to_string(),
        "dfl-182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"
    );
    assert_eq!(
        llama_cloud::FileId::from(upload.id).to_string(),
        "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"
    );
}
