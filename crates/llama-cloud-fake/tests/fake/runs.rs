//! The extraction runs: paging, reading, deleting, and how they follow their jobs.

use std::time::Duration;

use llama_cloud_fake::{FakeServer, Outcome, Script, Uuid};
use serde_json::{Value, json};

use crate::api::{Api, JOBS, RUNS, create_agent, create_job, upload};

#[tokio::test]
async fn runs_come_newest_first_a_page_at_a_time() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let agent = create_agent(&api, json!({})).await;
    let file = upload(&api, b"%PDF").await;
    let mut jobs = Vec::new();
    for _ in 0..3 {
        jobs.push(create_job(&api, &agent, &file).await);
    }
    let agent_id = agent["id"].as_str().unwrap();
    let (status, page) = api
        .get(&format!("{RUNS}?extraction_agent_id={agent_id}"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (&page["skip"], &page["limit"], &page["total"]),
        (&json!(0), &json!(10), &json!(3))
    );
    let job_ids: Vec<&Value> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|run| &run["job_id"])
        .collect();
    assert_eq!(job_ids, [&jobs[2]["id"], &jobs[1]["id"], &jobs[0]["id"]]);

    let (_, first) = api
        .get(&format!("{RUNS}?extraction_agent_id={agent_id}&limit=2"))
        .await;
    let (_, rest) = api
        .get(&format!(
            "{RUNS}?extraction_agent_id={agent_id}&skip=2&limit=2"
        ))
        .await;
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    assert_eq!(rest["items"], json!([page["items"][2]]));
    assert_eq!((&rest["skip"], &rest["total"]), (&json!(2), &json!(3)));
    let (_, beyond) = api
        .get(&format!(
            "{RUNS}?extraction_agent_id={agent_id}&skip=99999999999999999999"
        ))
        .await;
    assert_eq!(beyond["items"], json!([]));

    let run = &page["items"][0];
    assert_eq!(run["status"], "PENDING");
    assert_eq!(run["from_ui"], false);
    assert_eq!(run["extraction_agent_id"], agent["id"]);
    assert_eq!(
        (&run["config"], &run["data_schema"]),
        (&agent["config"], &agent["data_schema"])
    );
    assert_eq!(run["file"]["id"], file["id"]);
}

#[tokio::test]
async fn paging_parameters_are_checked_like_fastapi() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let agent = Uuid::new_v4();
    assert_eq!(
        api.get(&format!(
            "{RUNS}?extraction_agent_id={agent}&skip=-1&limit=101"
        ))
        .await,
        (
            422,
            json!({"detail": [
                {"type": "greater_than_equal", "loc": ["query", "skip"], "msg": "Input should be greater than or equal to 0", "input": "-1", "ctx": {"ge": 0}},
                {"type": "less_than_equal", "loc": ["query", "limit"], "msg": "Input should be less than or equal to 100", "input": "101", "ctx": {"le": 100}},
            ]})
        )
    );
    assert_eq!(
        api.get(&format!(
            "{RUNS}?extraction_agent_id={agent}&skip=x&limit=0"
        ))
        .await
        .1,
        json!({"detail": [
            {"type": "int_parsing", "loc": ["query", "skip"], "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "x"},
            {"type": "greater_than_equal", "loc": ["query", "limit"], "msg": "Input should be greater than or equal to 1", "input": "0", "ctx": {"ge": 1}},
        ]})
    );
    assert_eq!(
        api.get(RUNS).await.1["detail"][0]["loc"],
        json!(["query", "extraction_agent_id"])
    );
    // pydantic's integers: a sign, underscores and a zero fraction are fine.
    let (status, body) = api
        .get(&format!("{RUNS}?extraction_agent_id={agent}&limit=+1_0.0"))
        .await;
    assert_eq!(
        (status, body),
        (404, json!({"detail": "Extraction agent not found"}))
    );
}

#[tokio::test]
async fn a_run_is_read_by_id_or_by_job_and_deleted() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    fake.set_default_script(Script::after_polls(0, Outcome::Success));
    let agent = create_agent(&api, json!({})).await;
    let job = create_job(&api, &agent, &upload(&api, b"%PDF").await).await;
    let job_id = job["id"].as_str().unwrap();
    let (status, by_job) = api.get(&format!("{RUNS}/by-job/{job_id}")).await;
    assert_eq!(status, 200);
    assert_eq!(by_job["status"], "SUCCESS");
    assert_eq!(by_job["data"], json!({"name": "", "total": 0}));
    assert_eq!(by_job["extraction_metadata"], json!({}));
    let run_url = format!("{RUNS}/{}", by_job["id"].as_str().unwrap());
    assert_eq!(api.get(&run_url).await, (200, by_job.clone()));

    assert_eq!(api.delete(&run_url).await, (200, json!({})));
    let gone = (404, json!({"detail": "Extraction run not found"}));
    assert_eq!(api.get(&run_url).await, gone);
    assert_eq!(api.delete(&run_url).await, gone);
    assert_eq!(api.get(&format!("{RUNS}/by-job/{job_id}")).await, gone);
    assert_eq!(
        api.get(&format!("{JOBS}/{job_id}/result")).await,
        (
            404,
            json!({"detail": "Job result not found: its extraction run was deleted"})
        )
    );
    // The job itself stays.
    assert_eq!(api.get(&format!("{JOBS}/{job_id}")).await.0, 200);
    assert_eq!(
        api.get(&format!("{RUNS}/by-job/{}", Uuid::new_v4())).await,
        gone
    );
    assert_eq!(
        api.get(&format!("{RUNS}/by-job")).await.1["detail"][0]["loc"],
        json!(["path", "run_id"])
    );
}

/// A scripted duration ends the job for every reader, polled or not.
#[tokio::test(start_paused = true)]
async fn runs_follow_time_scripted_jobs_without_polls() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    fake.set_default_script(Script::after(Duration::from_secs(30), Outcome::Success));
    let agent = create_agent(&api, json!({})).await;
    let job = create_job(&api, &agent, &upload(&api, b"%PDF").await).await;
    let list = format!(
        "{RUNS}?extraction_agent_id={}",
        agent["id"].as_str().unwrap()
    );
    assert_eq!(api.get(&list).await.1["items"][0]["status"], "PENDING");
    tokio::time::advance(Duration::from_secs(30)).await;
    assert_eq!(api.get(&list).await.1["items"][0]["status"], "SUCCESS");
    assert_eq!(
        fake.job(job["id"].as_str().unwrap().parse().unwrap())
            .unwrap()["status"],
        "SUCCESS"
    );
}
