//! The `llama-cloud-fake` binary: arguments, output, serving, and stopping on signals.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use llama_cloud_fake::{SEED_JOB_ID, SEED_JOB_JSON};
use serde_json::Value;

use crate::client;

const BINARY: &str = env!("CARGO_BIN_EXE_llama-cloud-fake");

/// Kills the child if a test fails before stopping it.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary and reads its two `NAME=value` lines.
fn start(args: &[&str]) -> (Running, String, String) {
    let child = Command::new(BINARY)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut running = Running(child);
    let mut lines = BufReader::new(running.0.stdout.take().unwrap()).lines();
    let base_url = lines.next().unwrap().unwrap();
    let api_key = lines.next().unwrap().unwrap();
    (
        running,
        base_url
            .strip_prefix("LLAMA_CLOUD_BASE_URL=")
            .unwrap()
            .to_owned(),
        api_key
            .strip_prefix("LLAMA_CLOUD_API_KEY=")
            .unwrap()
            .to_owned(),
    )
}

fn signal(running: &Running, name: &str) {
    let status = Command::new("kill")
        .args([format!("-{name}"), running.0.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[tokio::test]
async fn serves_the_example_job_and_stops_on_sigterm() {
    let (mut running, base_url, api_key) = start(&["--api-key", "llx-binary"]);
    assert_eq!(api_key, "llx-binary");
    assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");
    let response = client()
        .get(format!("{base_url}/api/v1/extraction/jobs/{SEED_JOB_ID}"))
        .bearer_auth(&api_key)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let fixture: Value = serde_json::from_str(SEED_JOB_JSON).unwrap();
    assert_eq!(response.json::<Value>().await.unwrap(), fixture);
    // The job's agent is served as an agent of its own.
    let agent = client()
        .get(format!(
            "{base_url}/api/v1/extraction/extraction-agents/{SEED_JOB_ID}"
        ))
        .bearer_auth(&api_key)
        .send()
        .await
        .unwrap();
    assert_eq!(
        agent.json::<Value>().await.unwrap(),
        fixture["extraction_agent"]
    );

    signal(&running, "TERM");
    assert!(running.0.wait().unwrap().success());
}

#[tokio::test]
async fn stops_on_ctrl_c() {
    let (mut running, _, api_key) = start(&["--port=0"]);
    assert_eq!(api_key, "llx-fake-test-key");
    signal(&running, "INT");
    assert!(running.0.wait().unwrap().success());
}

#[test]
fn help_and_bad_arguments() {
    let help = Command::new(BINARY).arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).starts_with("Usage: llama-cloud-fake"));
    let bad = Command::new(BINARY).arg("--nope").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--nope"));
}
