//! Request validation: FastAPI's 422 bodies (recorded from FastAPI 0.165 with pydantic
//! 2.14 on the same models), and where validation sits among the other checks.

use llama_cloud_fake::FakeServer;
use serde_json::json;

use crate::api::{AGENTS, Api, JOBS, STATELESS};

#[tokio::test]
async fn a_missing_or_non_object_body_fails_the_model() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    assert_eq!(
        api.post_raw(AGENTS, "application/json", b"").await,
        (
            422,
            json!({"detail": [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": null}]})
        )
    );
    let not_a_dict = "Input should be a valid dictionary or object to extract fields from";
    assert_eq!(
        api.post_raw(AGENTS, "text/plain", b"hello").await,
        (
            422,
            json!({"detail": [{"type": "model_attributes_type", "loc": ["body"], "msg": not_a_dict, "input": "hello"}]})
        )
    );
    assert_eq!(
        api.post(AGENTS, &json!([1])).await,
        (
            422,
            json!({"detail": [{"type": "model_attributes_type", "loc": ["body"], "msg": not_a_dict, "input": [1]}]})
        )
    );
}

#[tokio::test]
async fn every_field_error_is_listed() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    assert_eq!(
        api.post(AGENTS, &json!({"name": 1})).await.1,
        json!({"detail": [
            {"type": "string_type", "loc": ["body", "name"], "msg": "Input should be a valid string", "input": 1},
            {"type": "missing", "loc": ["body", "data_schema"], "msg": "Field required", "input": {"name": 1}},
            {"type": "missing", "loc": ["body", "config"], "msg": "Field required", "input": {"name": 1}},
        ]})
    );
    // A union reports each branch; a nested model is checked from attributes.
    assert_eq!(
        api.post(
            AGENTS,
            &json!({"name": "a", "data_schema": 5, "config": "x"})
        )
        .await
        .1,
        json!({"detail": [
            {"type": "dict_type", "loc": ["body", "data_schema", "dict[str,any]"], "msg": "Input should be a valid dictionary", "input": 5},
            {"type": "string_type", "loc": ["body", "data_schema", "str"], "msg": "Input should be a valid string", "input": 5},
            {"type": "model_attributes_type", "loc": ["body", "config"], "msg": "Input should be a valid dictionary or object to extract fields from", "input": "x"},
        ]})
    );
}

#[tokio::test]
async fn config_fields_are_checked_one_by_one() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let config = json!({
        "chunk_mode": "X",
        "extraction_mode": 3,
        "cite_sources": "maybe",
        "num_pages_context": 0,
        "priority": "zz",
        "system_prompt": 4,
    });
    let body = json!({"name": "a", "data_schema": {}, "config": config});
    assert_eq!(
        api.post(&format!("{AGENTS}?project_id=zz"), &body).await.1,
        json!({"detail": [
            {"type": "uuid_parsing", "loc": ["query", "project_id"], "msg": "Input should be a valid UUID, invalid character: found `z` at 0", "input": "zz", "ctx": {"error": "invalid character: found `z` at 0"}},
            {"type": "enum", "loc": ["body", "config", "chunk_mode"], "msg": "Input should be 'PAGE' or 'SECTION'", "input": "X", "ctx": {"expected": "'PAGE' or 'SECTION'"}},
            {"type": "bool_type", "loc": ["body", "config", "cite_sources"], "msg": "Input should be a valid boolean", "input": "maybe"},
            {"type": "enum", "loc": ["body", "config", "extraction_mode"], "msg": "Input should be 'FAST', 'BALANCED', 'PREMIUM' or 'MULTIMODAL'", "input": 3, "ctx": {"expected": "'FAST', 'BALANCED', 'PREMIUM' or 'MULTIMODAL'"}},
            {"type": "greater_than_equal", "loc": ["body", "config", "num_pages_context"], "msg": "Input should be greater than or equal to 1", "input": 0, "ctx": {"ge": 1}},
            {"type": "literal_error", "loc": ["body", "config", "priority"], "msg": "Input should be 'low', 'medium', 'high' or 'critical'", "input": "zz", "ctx": {"expected": "'low', 'medium', 'high' or 'critical'"}},
            {"type": "string_type", "loc": ["body", "config", "system_prompt"], "msg": "Input should be a valid string", "input": 4},
        ]})
    );
    let body = json!({"name": "a", "data_schema": {}, "config": {"num_pages_context": 1.5, "extract_model": 7}});
    let detail = api.post(AGENTS, &body).await.1["detail"].clone();
    assert_eq!(
        detail[0]["loc"],
        json!(["body", "config", "extract_model", "str-enum[ExtractModels]"])
    );
    assert_eq!(
        detail[1]["loc"],
        json!(["body", "config", "extract_model", "str"])
    );
    assert_eq!(detail[2]["type"], "int_from_float");
}

/// Stricter than pydantic's lax mode, so that a client sending the wrong JSON type is
/// caught: `"true"` is no boolean and `2.0` no integer.
#[tokio::test]
async fn json_values_must_have_the_contracts_types() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let body = json!({"name": "a", "data_schema": {}, "config": {"cite_sources": "true", "num_pages_context": 2.0}});
    let detail = api.post(AGENTS, &body).await.1["detail"].clone();
    assert_eq!(detail[0]["type"], "bool_type");
    assert_eq!(detail[1]["type"], "int_type");
}

#[tokio::test]
async fn a_schema_string_must_hold_a_json_object() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    for (schema, message) in [
        ("[1]", "Value error, the data schema must be a JSON object"),
        (
            "{",
            "Value error, the data schema is not valid JSON: EOF while parsing an object at line 1 column 1",
        ),
    ] {
        let body = json!({"name": "a", "data_schema": schema, "config": {}});
        assert_eq!(
            api.post(AGENTS, &body).await,
            (
                422,
                json!({"detail": [{"type": "value_error", "loc": ["body", "data_schema"], "msg": message, "input": schema, "ctx": {"error": {}}}]})
            )
        );
    }
}

#[tokio::test]
async fn query_errors_come_before_body_errors() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let body = json!({"extraction_agent_id": 5, "file_id": "nope", "webhook_configurations": [3, {"webhook_headers": {"a": 1}}]});
    assert_eq!(
        api.post(&format!("{JOBS}?from_ui=maybe"), &body).await.1,
        json!({"detail": [
            {"type": "bool_parsing", "loc": ["query", "from_ui"], "msg": "Input should be a valid boolean, unable to interpret input", "input": "maybe"},
            {"type": "uuid_type", "loc": ["body", "extraction_agent_id"], "msg": "UUID input should be a string, bytes or UUID object", "input": 5},
            {"type": "uuid_parsing", "loc": ["body", "file_id"], "msg": "Input should be a valid UUID, invalid character: found `n` at 0", "input": "nope", "ctx": {"error": "invalid character: found `n` at 0"}},
            {"type": "model_attributes_type", "loc": ["body", "webhook_configurations", 0], "msg": "Input should be a valid dictionary or object to extract fields from", "input": 3},
            {"type": "string_type", "loc": ["body", "webhook_configurations", 1, "webhook_headers", "a"], "msg": "Input should be a valid string", "input": 1},
        ]})
    );
    let path_and_body = api.put(&format!("{AGENTS}/x"), &json!({})).await.1;
    let locs: Vec<_> = path_and_body["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["loc"].clone())
        .collect();
    assert_eq!(
        locs,
        [
            json!(["path", "extraction_agent_id"]),
            json!(["body", "data_schema"]),
            json!(["body", "config"])
        ]
    );
}

/// FastAPI decodes the body before it checks the key: undecodable JSON is a 422 even
/// without one, while a decodable body that fails its model is a 401 first.
#[tokio::test]
async fn json_is_decoded_before_auth_and_validated_after() {
    let fake = FakeServer::start().await.unwrap();
    let anonymous = Api::anonymous(&fake);
    assert_eq!(
        anonymous.post_raw(AGENTS, "application/json", b"{x").await,
        (
            422,
            json!({"detail": [{"type": "json_invalid", "loc": ["body", 1], "msg": "JSON decode error", "input": {}, "ctx": {"error": "key must be a string"}}]})
        )
    );
    assert_eq!(anonymous.post(AGENTS, &json!({})).await.0, 401);
    // Only JSON (or unlabelled) bodies are decoded.
    assert_eq!(
        anonymous.post_raw(STATELESS, "text/plain", b"{x").await.0,
        401
    );
    assert_eq!(
        Api::new(&fake)
            .post_raw(STATELESS, "application/vnd.api+json", b"[")
            .await
            .1["detail"][0]["type"],
        "json_invalid"
    );
}
