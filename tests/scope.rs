//! A project and organization as client defaults (or per call), sent on
//! every operation whose contract takes them, and only there.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use llama_cloud::{ListAgents, OrganizationId, ProjectId, RequestOptions};
use llama_cloud_fake::FakeServer;
use support::configured;

const PROJECT: &str = "7e2f0c9a-1b2c-4d3e-8f40-123456789abc";
const OTHER: &str = "8e2f0c9a-1b2c-4d3e-8f40-123456789abc";
const ORGANIZATION: &str = "9e2f0c9a-1b2c-4d3e-8f40-123456789abc";

fn last_query(fake: &FakeServer) -> Option<String> {
    fake.requests().pop().unwrap().query
}

#[tokio::test]
async fn the_client_project_goes_where_the_contract_takes_it_and_only_there() {
    let fake = FakeServer::start().await.unwrap();
    let job_id = fake.seed_example_job().unwrap().into();
    let project: ProjectId = PROJECT.parse().unwrap();
    let organization: OrganizationId = ORGANIZATION.parse().unwrap();
    let client = configured(&fake, |b| {
        b.project_id(project).organization_id(organization)
    });

    // Get Job takes neither.
    client.extraction().jobs().get(job_id).await.unwrap();
    assert_eq!(last_query(&fake), None);
    // Get Job Result takes both; the facade has no argument for them.
    let _ = client.extraction().jobs().result(job_id).await;
    assert_eq!(
        last_query(&fake).as_deref(),
        Some(format!("project_id={PROJECT}&organization_id={ORGANIZATION}").as_str())
    );
    // A request type's own project wins over the client's.
    let other: ProjectId = OTHER.parse().unwrap();
    client
        .extraction()
        .extraction_agents()
        .list(ListAgents::new().project_id(other))
        .await
        .unwrap();
    let query = last_query(&fake).unwrap();
    assert!(query.contains(&format!("project_id={OTHER}")), "{query}");
    assert!(!query.contains(PROJECT), "{query}");
    // So do per-call options.
    let elsewhere = client.with_options(RequestOptions::new().project_id(other));
    let _ = elsewhere.extraction().jobs().result(job_id).await;
    let query = last_query(&fake).unwrap();
    assert!(query.contains(&format!("project_id={OTHER}")), "{query}");
}

#[tokio::test]
async fn the_low_level_client_gets_the_default_too() {
    let fake = FakeServer::start().await.unwrap();
    let job_id: llama_cloud::JobId = fake.seed_example_job().unwrap().into();
    let project: ProjectId = PROJECT.parse().unwrap();
    let client = configured(&fake, |b| b.project_id(project));
    let _ = client
        .low_level()
        .get_job_result()
        .job_id(job_id)
        .send()
        .await;
    assert_eq!(
        last_query(&fake).as_deref(),
        Some(format!("project_id={PROJECT}").as_str())
    );
}
