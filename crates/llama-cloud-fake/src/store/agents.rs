//! Extraction agents: created, listed, replaced and deleted through the API, plus each
//! project's default agent.

use serde_json::{Value, json};
use uuid::Uuid;

use super::{Store, StoredAgent, now, ordered, uuid_at};

/// The name of the agent a project's stateless runs are filed under.
const DEFAULT_AGENT_NAME: &str = "default-extraction-agent";

impl Store {
    pub(crate) fn create_agent(
        &mut self,
        project_id: Uuid,
        name: &str,
        data_schema: Value,
        config: Value,
    ) -> Value {
        self.add_agent(project_id, name, data_schema, config, false)
    }

    fn add_agent(
        &mut self,
        project_id: Uuid,
        name: &str,
        data_schema: Value,
        config: Value,
        is_default: bool,
    ) -> Value {
        let id = Uuid::new_v4();
        let now = now();
        let json = json!({
            "id": id,
            "name": name,
            "project_id": project_id,
            "config": config,
            "data_schema": data_schema,
            "created_at": now,
            "updated_at": now,
            "custom_configuration": null,
        });
        let order = self.next_order();
        let agent = StoredAgent {
            json: json.clone(),
            order,
            is_default,
        };
        self.agents.insert(id, agent);
        json
    }

    pub(crate) fn agent(&self, id: Uuid) -> Option<Value> {
        self.agents.get(&id).map(|agent| agent.json.clone())
    }

    /// A snapshot of the agent for a new job (see [`snapshot`]).
    pub(crate) fn agent_snapshot(
        &self,
        id: Uuid,
        config: Option<Value>,
        data_schema: Option<Value>,
    ) -> Option<Value> {
        self.agent(id)
            .map(|agent| snapshot(agent, config, data_schema))
    }

    /// Every agent, default agents included, oldest first.
    pub(crate) fn agents(&self) -> Vec<Value> {
        ordered(self.agents.values().map(|a| (a.order, &a.json)), false)
    }

    /// The agents of a project, oldest first; its default agent only if asked for.
    pub(crate) fn list_agents(&self, project_id: Uuid, include_default: bool) -> Vec<Value> {
        let matching = self.agents.values().filter(|agent| {
            (include_default || !agent.is_default) && in_project(&agent.json, project_id)
        });
        ordered(matching.map(|a| (a.order, &a.json)), false)
    }

    /// Replaces an agent's schema and config. Jobs already run on it keep their own
    /// copies.
    pub(crate) fn update_agent(
        &mut self,
        id: Uuid,
        data_schema: Value,
        config: Value,
    ) -> Option<Value> {
        let agent = self.agents.get_mut(&id)?;
        if let Some(fields) = agent.json.as_object_mut() {
            fields.insert("data_schema".to_owned(), data_schema);
            fields.insert("config".to_owned(), config);
            fields.insert("updated_at".to_owned(), Value::from(now()));
        }
        Some(agent.json.clone())
    }

    /// Deletes an agent; its jobs and runs stay.
    pub(crate) fn delete_agent(&mut self, id: Uuid) -> bool {
        self.agents.remove(&id).is_some()
    }

    /// The project's agent named `name` (the oldest, should several share it).
    pub(crate) fn agent_by_name(&self, project_id: Uuid, name: &str) -> Option<Value> {
        self.agents
            .values()
            .filter(|agent| {
                in_project(&agent.json, project_id) && agent.json["name"].as_str() == Some(name)
            })
            .min_by_key(|agent| agent.order)
            .map(|agent| agent.json.clone())
    }

    /// The project's default agent, created on first use with an empty object schema and
    /// an empty config.
    pub(crate) fn default_agent(&mut self, project_id: Uuid) -> Value {
        let existing = self
            .agents
            .values()
            .find(|agent| agent.is_default && in_project(&agent.json, project_id));
        match existing {
            Some(agent) => agent.json.clone(),
            None => self.add_agent(
                project_id,
                DEFAULT_AGENT_NAME,
                json!({ "type": "object", "properties": {} }),
                json!({}),
                true,
            ),
        }
    }
}

/// What a job embeds of the agent it runs on: a copy (later changes to the agent do not
/// reach it), with the job's `config` and `data_schema` in place of the agent's when
/// given.
pub(crate) fn snapshot(
    mut agent: Value,
    config: Option<Value>,
    data_schema: Option<Value>,
) -> Value {
    if let Some(fields) = agent.as_object_mut() {
        if let Some(config) = config {
            fields.insert("config".to_owned(), config);
        }
        if let Some(data_schema) = data_schema {
            fields.insert("data_schema".to_owned(), data_schema);
        }
    }
    agent
}

fn in_project(agent: &Value, project_id: Uuid) -> bool {
    uuid_at(&agent["project_id"]) == Some(project_id)
}
