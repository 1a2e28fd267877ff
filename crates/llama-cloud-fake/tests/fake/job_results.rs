//! Run Job and what follows: the job's default life, its snapshot of the agent, its
//! result, and the jobs list.

use llama_cloud_fake::{AgentSpec, FakeError, FakeServer, JobSpec, Outcome, Script, Uuid};
use serde_json::{Value, json};

use crate::api::{AGENTS, Api, JOBS, RUNS, create_agent, create_job, id, upload};

fn result_url(job: &Value) -> String {
    format!("{JOBS}/{}/result", job["id"].as_str().unwrap())
}

fn job_url(job: &Value) -> String {
    format!("{JOBS}/{}", job["id"].as_str().unwrap())
}

/// The default life: one GET sees `PENDING`, and once it has, the job has succeeded.
#[tokio::test]
async fn a_job_succeeds_after_one_pending_poll_and_then_has_a_result() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let agent = create_agent(&api, json!({})).await;
    let file = upload(&api, b"%PDF").await;
    let job = create_job(&api, &agent, &file).await;
    assert_eq!(job["status"], "PENDING");
    assert_eq!(job["error"], Value::Null);
    assert_eq!(job["extraction_agent"], agent);
    assert_eq!(job["file_id"], file["id"]);
    assert_eq!(job["file"]["name"], "invoice.pdf");

    // Reading the result is no poll.
    let not_yet = (
        404,
        json!({"detail": "Job result not found: the job is PENDING"}),
    );
    assert_eq!(api.get(&result_url(&job)).await, not_yet);
    assert_eq!(api.get(&result_url(&job)).await, not_yet);
    assert_eq!(api.get(&job_url(&job)).await.1["status"], "PENDING");
    assert_eq!(fake.job(id(&job)).unwrap()["status"], "SUCCESS");
    assert_eq!(api.get(&job_url(&job)).await.1["status"], "SUCCESS");

    let run = fake.runs().pop().unwrap();
    assert_eq!(
        api.get(&result_url(&job)).await,
        (
            200,
            json!({
                "data": {"name": "", "total": 0},
                "extraction_agent_id": agent["id"],
                "extraction_metadata": {},
                "run_id": run["id"],
            })
        )
    );
    assert_eq!(run["status"], "SUCCESS");
    assert_eq!(run["data"], json!({"name": "", "total": 0}));
    assert_eq!(run["job_id"], job["id"]);
}

#[tokio::test]
async fn per_page_and_per_row_targets_give_lists() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    fake.set_default_script(Script::after_polls(0, Outcome::PartialSuccess));
    let file = upload(&api, b"%PDF").await;
    for target in ["PER_PAGE", "PER_TABLE_ROW"] {
        let agent = create_agent(&api, json!({"extraction_target": target})).await;
        let job = create_job(&api, &agent, &file).await;
        let (status, result) = api.get(&result_url(&job)).await;
        assert_eq!(status, 200, "{result}");
        assert_eq!(
            result["data"],
            json!([{"name": "", "total": 0}]),
            "{target}"
        );
        assert_eq!(api.get(&job_url(&job)).await.1["status"], "PARTIAL_SUCCESS");
    }
}

#[tokio::test]
async fn a_test_can_set_the_result_data() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    fake.set_default_script(Script::after_polls(0, Outcome::Success));
    let agent = create_agent(&api, json!({})).await;
    let job = create_job(&api, &agent, &upload(&api, b"%PDF").await).await;
    let job_id = id(&job);
    fake.set_job_result(job_id, json!({"name": "ACME", "total": 41.5}))
        .unwrap();
    let (_, result) = api.get(&result_url(&job)).await;
    assert_eq!(result["data"], json!({"name": "ACME", "total": 41.5}));
    // After success too, and the run follows.
    fake.set_job_result(job_id, json!([{"row": 1}, {"row": 2}]))
        .unwrap();
    assert_eq!(
        api.get(&result_url(&job)).await.1["data"],
        json!([{"row": 1}, {"row": 2}])
    );
    assert_eq!(fake.runs()[0]["data"], json!([{"row": 1}, {"row": 2}]));

    assert!(matches!(
        fake.set_job_result(job_id, json!([1])),
        Err(FakeError::InvalidJson { kind: "result", .. })
    ));
    let unknown = Uuid::new_v4();
    assert_eq!(
        fake.set_job_result(unknown, json!({})),
        Err(FakeError::UnknownJob(unknown))
    );
}

#[tokio::test]
async fn failed_jobs_have_no_result_and_their_run_errs() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let agent = create_agent(&api, json!({})).await;
    let file = upload(&api, b"%PDF").await;
    for (outcome, status, error) in [
        (
            Outcome::Error("unreadable".into()),
            "ERROR",
            json!("unreadable"),
        ),
        (Outcome::Cancelled, "CANCELLED", Value::Null),
    ] {
        fake.set_default_script(Script::after_polls(0, outcome));
        let job = create_job(&api, &agent, &file).await;
        let polled = api.get(&job_url(&job)).await.1;
        assert_eq!(
            (&polled["status"], &polled["error"]),
            (&json!(status), &error)
        );
        let detail = format!("Job result not found: the job is {status}");
        assert_eq!(
            api.get(&result_url(&job)).await,
            (404, json!({"detail": detail}))
        );
        let (_, run) = api
            .get(&format!("{RUNS}/by-job/{}", job["id"].as_str().unwrap()))
            .await;
        assert_eq!(
            (&run["status"], &run["error"], &run["data"]),
            (&json!("ERROR"), &error, &Value::Null)
        );
    }
}

#[tokio::test]
async fn overrides_replace_the_agents_config_and_schema_for_the_job_only() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    fake.set_default_script(Script::after_polls(0, Outcome::Success));
    let agent = create_agent(&api, json!({"extraction_mode": "FAST"})).await;
    let file = upload(&api, b"%PDF").await;
    let body = json!({
        "extraction_agent_id": agent["id"],
        "file_id": file["id"],
        "config_override": {"extraction_target": "PER_PAGE"},
        "data_schema_override": r#"{"type": "object", "properties": {"paid": {"type": "boolean"}}}"#,
        "priority": "high",
        "webhook_configurations": [{"webhook_url": "https://example.com/hook", "webhook_events": ["extract.success"]}],
    });
    let (status, job) = api.post(JOBS, &body).await;
    assert_eq!(status, 200, "{job}");
    assert_eq!(
        job["extraction_agent"]["config"],
        json!({"extraction_target": "PER_PAGE"})
    );
    assert_eq!(
        job["extraction_agent"]["data_schema"]["properties"]["paid"]["type"],
        "boolean"
    );
    assert_eq!(
        api.get(&result_url(&job)).await.1["data"],
        json!([{"paid": false}])
    );
    assert_eq!(
        fake.agent(id(&agent)).unwrap()["config"],
        json!({"extraction_mode": "FAST"})
    );

    // A later change to the agent leaves existing jobs as they were.
    let plain = create_job(&api, &agent, &file).await;
    let update =
        json!({"data_schema": {"type": "object"}, "config": {"extraction_mode": "PREMIUM"}});
    api.put(
        &format!("{AGENTS}/{}", agent["id"].as_str().unwrap()),
        &update,
    )
    .await;
    let polled = api.get(&job_url(&plain)).await.1;
    assert_eq!(polled["extraction_agent"], agent);
    assert_eq!(
        api.get(&result_url(&plain)).await.1["data"],
        json!({"name": "", "total": 0})
    );
}

#[tokio::test]
async fn unknown_agents_and_files_are_404() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let agent = create_agent(&api, json!({})).await;
    let file = upload(&api, b"%PDF").await;
    let unknown = Uuid::new_v4();
    let body = json!({"extraction_agent_id": unknown, "file_id": file["id"]});
    assert_eq!(
        api.post(JOBS, &body).await,
        (404, json!({"detail": "Extraction agent not found"}))
    );
    let body = json!({"extraction_agent_id": agent["id"], "file_id": unknown});
    assert_eq!(
        api.post(JOBS, &body).await,
        (404, json!({"detail": "File not found"}))
    );
    assert_eq!(
        api.get(&format!("{JOBS}/{unknown}/result")).await,
        (404, json!({"detail": "Job not found"}))
    );
    assert!(fake.jobs().is_empty());
}

#[tokio::test]
async fn an_agents_jobs_are_listed_newest_first() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let agent = create_agent(&api, json!({})).await;
    let other = create_agent(&api, json!({})).await;
    let file = upload(&api, b"%PDF").await;
    let first = create_job(&api, &agent, &file).await;
    create_job(&api, &other, &file).await;
    let second = create_job(&api, &agent, &file).await;
    let list_url = format!(
        "{JOBS}?extraction_agent_id={}",
        agent["id"].as_str().unwrap()
    );
    let (status, jobs) = api.get(&list_url).await;
    assert_eq!(status, 200);
    let ids: Vec<&Value> = jobs
        .as_array()
        .unwrap()
        .iter()
        .map(|job| &job["id"])
        .collect();
    assert_eq!(ids, [&second["id"], &first["id"]]);
    // Listing is no poll.
    assert_eq!(jobs[0]["status"], "PENDING");
    assert_eq!(fake.jobs().len(), 3);

    let unknown = format!("{JOBS}?extraction_agent_id={}", Uuid::new_v4());
    assert_eq!(
        api.get(&unknown).await,
        (404, json!({"detail": "Extraction agent not found"}))
    );
    assert_eq!(
        api.get(JOBS).await,
        (
            422,
            json!({"detail": [{"type": "missing", "loc": ["query", "extraction_agent_id"], "msg": "Field required", "input": null}]})
        )
    );
}

/// Inserted jobs get a run too, and a result once they succeed; their agent need not
/// have been inserted for them to be listed.
#[tokio::test]
async fn inserted_jobs_have_runs_and_results() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let schema =
        json!({"type": "object", "properties": {"city": {"type": "string", "enum": ["Paris"]}}});
    let agent = AgentSpec::new().data_schema(schema);
    let agent_id = serde_json::Value::from(agent.clone())["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let job_id = fake
        .insert_job(JobSpec::new().status("SUCCESS").agent(agent))
        .unwrap();
    let (status, result) = api.get(&format!("{JOBS}/{job_id}/result")).await;
    assert_eq!(status, 200);
    assert_eq!(result["data"], json!({"city": "Paris"}));
    assert_eq!(result["extraction_agent_id"], agent_id.as_str());
    let (status, jobs) = api
        .get(&format!("{JOBS}?extraction_agent_id={agent_id}"))
        .await;
    assert_eq!((status, jobs[0]["id"].clone()), (200, json!(job_id)));
    // Replacing the job keeps its run, now pending again.
    fake.insert_job(JobSpec::new().id(job_id)).unwrap();
    let runs = fake.runs();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0]["status"], "PENDING");
    assert_eq!(runs[0]["data"], Value::Null);
}
