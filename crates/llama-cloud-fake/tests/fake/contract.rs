//! The fake against `openapi/extraction.json`: the fixture is the fragment's example,
//! the operations are the fragment's, and what the fake serves fits the fragment's
//! response schemas (every answer `api::Api` gets is checked here).
//!
//! `.ci/schemathesis.sh` checks conformance thoroughly from outside; this is the quick
//! check that runs with `cargo test`, with a small validator for the parts of OpenAPI
//! 3.0 the fragment uses.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use llama_cloud_fake::{
    AgentSpec, FakeServer, FileSpec, JobSpec, Operation, Outcome, SEED_JOB_ID, SEED_JOB_JSON,
    Script, Uuid,
};
use serde_json::Value;

use crate::{client, job_url};

static FRAGMENT: LazyLock<Value> = LazyLock::new(|| {
    // The contract, linked into the crate (and packaged with it).
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/extraction.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
});

fn fragment() -> Value {
    FRAGMENT.clone()
}

/// Answers the fake gives on purpose that the fragment does not document (reported to
/// its owner): a 404 for an unknown `file_id` in a stateless run, and Starlette's 400 for
/// a multipart body that does not parse. Their bodies are still `ErrorDetail`s.
const UNDOCUMENTED: &[(Operation, u16)] = &[
    (Operation::ExtractStateless, 404),
    (Operation::UploadFile, 400),
    (Operation::CreateJobOnFile, 400),
];

/// Asserts that `status` is documented for `operation` and `body` fits its schema.
pub fn assert_conforms(operation: Operation, status: u16, body: &Value) {
    let root = &*FRAGMENT;
    let method = operation.method().as_str().to_ascii_lowercase();
    let responses = &root["paths"][operation.path()][method.as_str()]["responses"];
    let documented = &responses[status.to_string()]["content"]["application/json"]["schema"];
    let schema = if documented.is_object() {
        documented.clone()
    } else {
        assert!(
            UNDOCUMENTED.contains(&(operation, status)),
            "{status} is not documented for {operation:?}: {body}"
        );
        serde_json::json!({ "$ref": "#/components/schemas/ErrorDetail" })
    };
    let errors = conform(root, &schema, body, "$");
    assert!(
        errors.is_empty(),
        "{operation:?} ({status}): {errors:#?}\n{body:#}"
    );
}

#[test]
fn the_operations_are_the_fragments() {
    let fragment = fragment();
    let documented: BTreeSet<(String, String, String)> = fragment["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object().unwrap().iter().map(move |(method, op)| {
                (
                    method.to_ascii_uppercase(),
                    path.clone(),
                    op["operationId"].as_str().unwrap().to_owned(),
                )
            })
        })
        .collect();
    let served: BTreeSet<(String, String, String)> = Operation::ALL
        .into_iter()
        .map(|op| {
            (
                op.method().to_string(),
                op.path().to_owned(),
                op.operation_id().to_owned(),
            )
        })
        .collect();
    assert_eq!(served, documented);
}

fn get_job_operation(fragment: &Value) -> &Value {
    &fragment["paths"]["/api/v1/extraction/jobs/{job_id}"]["get"]
}

#[test]
fn the_fixture_is_the_fragments_example() {
    let fragment = fragment();
    let example =
        &get_job_operation(&fragment)["responses"]["200"]["content"]["application/json"]["example"];
    let fixture: Value = serde_json::from_str(SEED_JOB_JSON).unwrap();
    assert_eq!(&fixture, example);
    assert_eq!(fixture["id"], SEED_JOB_ID.to_string());
}

/// Every status the fake answers here, with the fragment's schema for it.
#[tokio::test]
async fn served_bodies_fit_the_documented_schemas() {
    let fragment = fragment();
    let fake = FakeServer::start().await.unwrap();
    fake.seed_example_job().unwrap();
    let spec_job = fake
        .insert_job(
            JobSpec::new()
                .agent(AgentSpec::new().name("a"))
                .file(FileSpec::new().file_size(1)),
        )
        .unwrap();
    let scripted = fake.insert_job(JobSpec::new()).unwrap();
    fake.script_job(
        scripted,
        Script::after_polls(1, Outcome::Error("boom".into())),
    )
    .unwrap();

    let cases = [
        (SEED_JOB_ID.to_string(), true, 200),
        (spec_job.to_string(), true, 200),
        (scripted.to_string(), true, 200),
        (scripted.to_string(), true, 200),
        (Uuid::new_v4().to_string(), true, 404),
        ("nope".to_owned(), true, 422),
        (SEED_JOB_ID.to_string(), false, 401),
    ];
    for (id, authorized, expected) in cases {
        let mut request = client().get(job_url(&fake, &id));
        if authorized {
            request = request.bearer_auth(fake.api_key());
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        assert_eq!(status, expected, "{id}");
        let body: Value = response.json().await.unwrap();
        let schema = &get_job_operation(&fragment)["responses"][status.to_string()]["content"]["application/json"]
            ["schema"];
        assert!(schema.is_object(), "status {status} is not documented");
        let errors = conform(&fragment, schema, &body, "$");
        assert!(errors.is_empty(), "{id} ({status}): {errors:#?}");
    }
}

/// The paths in `value` where it breaks `schema`, as far as the fragment's keywords go.
fn conform(root: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        return conform(root, &root["components"]["schemas"][name], value, at);
    }
    if value.is_null() {
        return if schema["nullable"] == true {
            Vec::new()
        } else {
            vec![format!("{at}: null")]
        };
    }
    let mut errors = Vec::new();
    if let Some(all) = schema["allOf"].as_array() {
        for part in all {
            errors.extend(conform(root, part, value, at));
        }
    }
    if let Some(any) = schema["anyOf"].as_array()
        && !any
            .iter()
            .any(|part| conform(root, part, value, at).is_empty())
    {
        errors.push(format!("{at}: matches no anyOf branch"));
    }
    let type_ok = match schema["type"].as_str() {
        None => true,
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        Some("string") => value.is_string(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        Some(other) => panic!("type {other} not handled"),
    };
    if !type_ok {
        errors.push(format!("{at}: not of type {}", schema["type"]));
        return errors;
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        errors.push(format!("{at}: {value} not in enum"));
    }
    if schema["format"] == "uuid" {
        let text = value.as_str().unwrap_or_default();
        if text.len() != 36 || Uuid::parse_str(text).is_err() {
            errors.push(format!("{at}: {value} is not a UUID"));
        }
    }
    if let (Some(minimum), Some(number)) = (schema["minimum"].as_f64(), value.as_f64())
        && number < minimum
    {
        errors.push(format!("{at}: below {minimum}"));
    }
    if let (Some(maximum), Some(number)) = (schema["maximum"].as_f64(), value.as_f64())
        && number > maximum
    {
        errors.push(format!("{at}: above {maximum}"));
    }
    if schema["format"] == "date-time"
        && chrono::DateTime::parse_from_rfc3339(value.as_str().unwrap_or_default()).is_err()
    {
        errors.push(format!("{at}: {value} is not a date-time"));
    }
    if let Some(text) = value.as_str() {
        let length = text.chars().count() as u64;
        if schema["minLength"].as_u64().is_some_and(|min| length < min)
            || schema["maxLength"].as_u64().is_some_and(|max| length > max)
        {
            errors.push(format!("{at}: length {length} out of bounds"));
        }
    }
    if let Some(object) = value.as_object() {
        for required in schema["required"].as_array().into_iter().flatten() {
            if !object.contains_key(required.as_str().unwrap()) {
                errors.push(format!("{at}: {required} missing"));
            }
        }
        for (key, field) in object {
            let field_schema = &schema["properties"][key];
            let field_schema = if field_schema.is_object() {
                field_schema
            } else {
                &schema["additionalProperties"]
            };
            if field_schema.is_object() {
                errors.extend(conform(root, field_schema, field, &format!("{at}.{key}")));
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (index, item) in array.iter().enumerate() {
            errors.extend(conform(root, items, item, &format!("{at}[{index}]")));
        }
    }
    errors
}
