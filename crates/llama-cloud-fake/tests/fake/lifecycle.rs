//! Starting, addressing, sharing and stopping servers.

use std::sync::Arc;
use std::time::Duration;

use llama_cloud_fake::{FakeServer, SEED_JOB_ID};

use crate::{client, get_job, job_url};

#[tokio::test]
async fn the_base_url_is_the_loopback_address_without_a_slash() {
    let fake = FakeServer::start().await.unwrap();
    let port = fake.addr().port();
    assert_ne!(port, 0);
    assert!(fake.addr().ip().is_loopback());
    assert_eq!(fake.base_url(), format!("http://127.0.0.1:{port}"));
    assert_eq!(fake.api_key(), "llx-fake-test-key");
}

#[tokio::test]
async fn the_builder_binds_the_port_asked_for() {
    let free = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let fake = FakeServer::builder().port(free).start().await.unwrap();
    assert_eq!(fake.addr().port(), free);
    // The port is now taken.
    assert!(FakeServer::builder().port(free).start().await.is_err());
}

#[tokio::test]
async fn shutdown_closes_the_port() {
    let fake = FakeServer::start().await.unwrap();
    fake.seed_example_job().unwrap();
    assert_eq!(get_job(&fake, SEED_JOB_ID).await.status(), 200);
    let addr = fake.addr();
    fake.shutdown().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn dropping_the_server_stops_it() {
    let fake = FakeServer::start().await.unwrap();
    let addr = fake.addr();
    drop(fake);
    // The server task closes the listener when it next runs.
    let mut closed = false;
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            closed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(closed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_server_serves_concurrent_tasks() {
    let fake = Arc::new(FakeServer::start().await.unwrap());
    fake.seed_example_job().unwrap();
    let client = client();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let fake = Arc::clone(&fake);
            let client = client.clone();
            tokio::spawn(async move {
                let request = client
                    .get(job_url(&fake, SEED_JOB_ID))
                    .bearer_auth(fake.api_key());
                request.send().await.unwrap().status()
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap(), 200);
    }
    assert_eq!(fake.requests().len(), 20);
}
