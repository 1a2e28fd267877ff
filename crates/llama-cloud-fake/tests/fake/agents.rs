//! The extraction agents: create, list, get, update and delete.

use llama_cloud_fake::{AgentSpec, DEFAULT_PROJECT_ID, FakeServer, Uuid};
use serde_json::{Value, json};

use crate::api::{AGENTS, Api, create_agent, id};

#[tokio::test]
async fn an_agent_is_created_read_listed_replaced_and_deleted() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let agent = create_agent(&api, json!({"extraction_mode": "FAST"})).await;
    assert_eq!(agent["name"], "invoices");
    assert_eq!(agent["project_id"], DEFAULT_PROJECT_ID.to_string());
    assert_eq!(agent["config"], json!({"extraction_mode": "FAST"}));
    assert_eq!(
        agent["data_schema"]["properties"]["total"]["type"],
        "number"
    );
    let agent_id = id(&agent);
    let url = format!("{AGENTS}/{agent_id}");

    assert_eq!(api.get(&url).await, (200, agent.clone()));
    assert_eq!(api.get(AGENTS).await, (200, json!([agent.clone()])));
    assert_eq!(fake.agent(agent_id), Some(agent.clone()));

    let update =
        json!({"data_schema": {"type": "object"}, "config": {"extraction_mode": "PREMIUM"}});
    let (status, updated) = api.put(&url, &update).await;
    assert_eq!(status, 200);
    assert_eq!(updated["name"], "invoices", "the name stays");
    assert_eq!(updated["data_schema"], json!({"type": "object"}));
    assert_eq!(updated["config"], json!({"extraction_mode": "PREMIUM"}));
    assert_eq!(updated["created_at"], agent["created_at"]);
    assert_eq!(api.get(&url).await.1, updated);

    assert_eq!(api.delete(&url).await, (200, json!({})));
    let gone = (404, json!({"detail": "Extraction agent not found"}));
    assert_eq!(api.get(&url).await, gone);
    assert_eq!(api.delete(&url).await, gone);
    assert_eq!(api.put(&url, &update).await, gone);
    assert_eq!(api.get(AGENTS).await, (200, json!([])));
}

#[tokio::test]
async fn a_schema_sent_as_a_string_is_stored_parsed() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let body = json!({
        "name": "a",
        "data_schema": r#"{"type": "object", "properties": {"n": {"type": "integer"}}}"#,
        "config": {},
    });
    let (status, agent) = api.post(AGENTS, &body).await;
    assert_eq!(status, 200);
    assert_eq!(agent["data_schema"]["properties"]["n"]["type"], "integer");
    let url = format!("{AGENTS}/{}", agent["id"].as_str().unwrap());
    let update = json!({"data_schema": "{}", "config": {}});
    assert_eq!(api.put(&url, &update).await.1["data_schema"], json!({}));
}

#[tokio::test]
async fn configs_keep_the_fields_the_contract_knows() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let config = json!({
        "chunk_mode": "SECTION",
        "page_range": null,
        "extract_model": "some-future-model",
        "num_pages_context": 3,
        "priority": "high",
        "not_a_field": true,
    });
    let agent = create_agent(&api, config).await;
    assert_eq!(
        agent["config"],
        json!({
            "chunk_mode": "SECTION",
            "page_range": null,
            "extract_model": "some-future-model",
            "num_pages_context": 3,
            "priority": "high",
        })
    );
}

/// A field with a default (upstream: `extraction_target: ExtractTarget = PER_DOC`)
/// takes no `null`, as pydantic refuses it.
#[tokio::test]
async fn fields_with_defaults_refuse_null() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let body = json!({"name": "n", "data_schema": {}, "config": {"extraction_target": null, "cite_sources": null}});
    let (status, answer) = api.post(AGENTS, &body).await;
    assert_eq!(status, 422);
    let errors: Vec<_> = answer["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| (error["loc"].clone(), error["type"].clone()))
        .collect();
    assert_eq!(
        errors,
        [
            (
                json!(["body", "config", "cite_sources"]),
                json!("bool_type")
            ),
            (
                json!(["body", "config", "extraction_target"]),
                json!("enum")
            ),
        ]
    );
}

#[tokio::test]
async fn agents_live_in_projects() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let project = Uuid::new_v4();
    let body = json!({"name": "elsewhere", "data_schema": {}, "config": {}});
    let (status, agent) = api
        .post(&format!("{AGENTS}?project_id={project}"), &body)
        .await;
    assert_eq!(status, 200);
    assert_eq!(agent["project_id"], project.to_string());
    let home = create_agent(&api, json!({})).await;
    assert_eq!(api.get(AGENTS).await.1, json!([home]));
    let listed = api.get(&format!("{AGENTS}?project_id={project}")).await;
    assert_eq!(listed, (200, json!([agent])));
    // Inserted agents are listed too, in creation order.
    let inserted = fake.insert_agent(AgentSpec::new().name("seeded")).unwrap();
    let names: Vec<Value> = api
        .get(AGENTS)
        .await
        .1
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].clone())
        .collect();
    assert_eq!(names, [json!("invoices"), json!("seeded")]);
    assert_eq!(fake.agents().len(), 3);
    assert!(fake.agent(inserted).is_some());
}

#[tokio::test]
async fn path_ids_must_be_uuids() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let (status, body) = api.get(&format!("{AGENTS}/nope")).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["detail"][0]["loc"],
        json!(["path", "extraction_agent_id"])
    );
    assert_eq!(body["detail"][0]["type"], "uuid_parsing");
    let (status, body) = api.delete(&format!("{AGENTS}/nope")).await;
    assert_eq!((status, &body["detail"][0]["input"]), (422, &json!("nope")));
}
