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
        (&json!(0), &json!(25), &json!(3))
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

/// The upstream bounds neither `skip` nor `limit`; they must still be integers.
#[tokio::test]
async fn paging_parameters_are_checked_like_fastapi() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let agent = Uuid::new_v4();
    assert_eq!(
        api.get(&format!(
            "{RUNS}?extraction_agent_id={agent}&skip=x&limit=0.5"
        ))
        .await,
        (
            422,
            json!({"detail": [
                {"type": "int_parsing", "loc": ["query", "skip"], "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "x"},
                {"type": "int_parsing", "loc": ["query", "limit"], "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "0.5"},
            ]})
        )
    );
    assert_eq!(
        api.get(RUNS).await.1["detail"][0]["loc"],
        json!(["query", "extraction_agent_id"])
    );
    // pydantic's integers: a sign, underscores and a zero fraction are fine, and so
    // are values past any bound the SDK knew.
    for query in ["limit=+1_0.0", "skip=-1&limit=101"] {
        let (status, body) = api
            .get(&format!("{RUNS}?extraction_agent_id={agent}&{query}"))
            .await;
        assert_eq!(
            (status, body),
            (404, json!({"detail": "Extraction agent not found"})),
            "{query}"
        );
    }
}

#[tokio::test]
async fn runs_are_filtered_by_status_and_id_and_odd_pages_are_empty_or_whole() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let agent = create_agent(&api, json!({})).await;
    let file = upload(&api, b"%PDF").await;
    fake.set_default_script(Script::after_polls(0, Outcome::Success));
    let done = create_job(&api, &agent, &file).await;
    fake.set_default_script(Script::after_polls(100, Outcome::Success));
    create_job(&api, &agent, &file).await;
    let agent_id = agent["id"].as_str().unwrap();
    let list = |query: String| {
        let api = &api;
        async move {
            let (status, page) = api
                .get(&format!("{RUNS}?extraction_agent_id={agent_id}&{query}"))
                .await;
            assert_eq!(status, 200, "{page}");
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|run| run["job_id"].clone())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(list("status=SUCCESS".into()).await, [done["id"].clone()]);
    let run_id = api
        .get(&format!("{RUNS}/by-job/{}", done["id"].as_str().unwrap()))
        .await
        .1["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(list(format!("run_id={run_id}")).await, [done["id"].clone()]);
    assert_eq!(list("status=QUEUED".into()).await, Vec::<Value>::new());
    assert_eq!(list("limit=0".into()).await, Vec::<Value>::new());
    assert_eq!(list("skip=-5".into()).await.len(), 2);
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

/// The run operations take the scope parameters the upstream declares, as UUIDs.
#[tokio::test]
async fn run_reads_check_their_scope_parameters() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let id = Uuid::new_v4();
    for path in [format!("{RUNS}/{id}"), format!("{RUNS}/by-job/{id}")] {
        let (status, body) = api.get(&format!("{path}?project_id=AAA")).await;
        assert_eq!(status, 422, "{path}: {body}");
        assert_eq!(body["detail"][0]["loc"], json!(["query", "project_id"]));
        let (status, _) = api.get(&format!("{path}?organization_id={id}")).await;
        assert_eq!(status, 404, "{path}");
    }
}
