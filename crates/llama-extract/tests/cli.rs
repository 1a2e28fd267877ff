//! `llama-extract` as a user runs it: the binary, against a fake LlamaCloud
//! on loopback (the same server as the `llama-cloud-fake` binary, in this
//! process so the test can count what reached it).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use llama_cloud_fake::{
    AgentSpec, FakeServer, Fault, Operation, Outcome, Route, Script, StatusCode,
};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_llama-extract");

/// A scratch folder with `count` documents and a schema.
fn documents(name: &str, count: usize) -> (PathBuf, Vec<PathBuf>) {
    let dir = std::env::temp_dir().join(format!("llama-extract-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("invoice.schema.json"),
        r#"{"type": "object", "properties": {"number": {"type": "string"}, "total": {"type": "number"}}}"#,
    )
    .unwrap();
    let files = (0..count)
        .map(|i| {
            let path = dir.join(format!("invoice-{i:03}.txt"));
            std::fs::write(&path, format!("Invoice {i}")).unwrap();
            path
        })
        .collect();
    (dir, files)
}

async fn fake() -> FakeServer {
    let fake = FakeServer::start().await.unwrap();
    fake.set_default_script(Script::after_between(
        Duration::ZERO,
        Duration::from_millis(1500),
        Outcome::Success,
    ));
    fake
}

async fn extract(fake: &FakeServer, dir: &Path, args: &[&str], files: &[PathBuf]) -> Output {
    tokio::process::Command::new(BIN)
        .args(args)
        .args(files)
        .current_dir(dir)
        .env("LLAMA_CLOUD_BASE_URL", fake.base_url())
        .env("LLAMA_CLOUD_API_KEY", fake.api_key())
        .env_remove("LLAMA_CLOUD_LOG")
        .output()
        .await
        .unwrap()
}

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn count(fake: &FakeServer, operation: Operation) -> usize {
    fake.requests()
        .iter()
        .filter(|r| operation.matches(&r.method, &r.path))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_documents_take_a_few_requests_each_and_a_rerun_creates_nothing() {
    let fake = fake().await;
    let (dir, files) = documents("200", 200);
    let args = [
        "run",
        "--schema",
        "invoice.schema.json",
        "--out",
        "results.jsonl",
        "--concurrency",
        "64",
    ];
    let output = extract(&fake, &dir, &args, &files).await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("200 documents: 200 done, 0 failed, 0 skipped"),
        "{stderr}"
    );
    let results = lines(&dir.join("results.jsonl"));
    assert_eq!(results.len(), 200);
    let mut sources: Vec<String> = results
        .iter()
        .map(|line| line["source"].as_str().unwrap().to_owned())
        .collect();
    sources.sort();
    let expected: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    assert_eq!(sources, expected, "one line per document, naming it");
    for line in &results {
        assert_eq!(line["status"], "done", "{line}");
        assert!(line["job_id"].as_str().unwrap().starts_with("ext-"));
        assert_eq!(line["data"], serde_json::json!({"number": "", "total": 0}));
    }
    let requests = fake.requests().len();
    assert!(requests <= 6 * 200, "{requests} requests for 200 documents");
    assert_eq!(count(&fake, Operation::CreateExtractJob), 200);
    eprintln!("200 documents: {requests} requests in all");

    fake.clear_requests();
    let again = extract(&fake, &dir, &args, &files).await;
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{stderr}");
    assert!(stderr.contains("0 done, 0 failed, 200 skipped"), "{stderr}");
    assert_eq!(
        count(&fake, Operation::CreateExtractJob),
        0,
        "a rerun creates no job"
    );
    assert_eq!(count(&fake, Operation::UploadFile), 0);
    assert_eq!(lines(&dir.join("results.jsonl")).len(), 200);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_document_is_a_line_of_its_own_and_a_non_zero_exit() {
    let fake = fake().await;
    let (dir, files) = documents("failed", 3);
    fake.inject(
        Route::Operation(Operation::CreateExtractJob),
        Fault::status(StatusCode::BAD_REQUEST),
        1,
    );
    let args = [
        "run",
        "--schema",
        "invoice.schema.json",
        "--out",
        "out.jsonl",
        "--concurrency",
        "1",
    ];
    let output = extract(&fake, &dir, &args, &files).await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("3 documents: 2 done, 1 failed"), "{stderr}");
    let results = lines(&dir.join("out.jsonl"));
    let failed: Vec<&Value> = results.iter().filter(|l| l["status"] == "failed").collect();
    assert_eq!(failed.len(), 1);
    assert!(
        failed[0]["error"].as_str().unwrap().contains("400"),
        "{}",
        failed[0]
    );

    // The rerun tries the failed one again, and only it.
    fake.clear_requests();
    let again = extract(&fake, &dir, &args, &files).await;
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(count(&fake, Operation::CreateExtractJob), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v1_runs_on_an_agent_by_name_and_jobs_and_agents_are_read() {
    let fake = fake().await;
    let agent = fake
        .insert_agent(AgentSpec::new().name("invoices"))
        .unwrap();
    let (dir, files) = documents("v1", 2);
    let args = ["run", "--agent", "invoices", "--out", "v1.jsonl"];
    let output = extract(&fake, &dir, &args, &files).await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results = lines(&dir.join("v1.jsonl"));
    assert_eq!(results.len(), 2);
    let job = results[0]["job_id"].as_str().unwrap().to_owned();
    assert!(!job.starts_with("ext-"));

    let got = extract(&fake, &dir, &["jobs", "get", &job], &[]).await;
    let json: Value = serde_json::from_slice(&got.stdout).unwrap();
    assert_eq!(json["id"], job);
    let listed = extract(&fake, &dir, &["agents", "list"], &[]).await;
    let stdout = String::from_utf8_lossy(&listed.stdout);
    assert!(stdout.contains(&format!("{agent}\tinvoices")), "{stdout}");

    let unknown = extract(
        &fake,
        &dir,
        &["run", "--agent", "nope", "--out", "x.jsonl"],
        &files,
    )
    .await;
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("no extraction agent is named \"nope\"")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// In a real pseudo-terminal (`script`), the progress is a bar redrawn in
/// place; through a pipe, plain lines (the tests above).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_terminal_gets_progress_bars() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("no `script` here: the pseudo-terminal test is skipped");
        return;
    }
    let fake = fake().await;
    let (dir, files) = documents("tty", 4);
    let command = format!(
        "{BIN} run --schema invoice.schema.json --out tty.jsonl {}",
        files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let output = tokio::process::Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .current_dir(&dir)
        .env("LLAMA_CLOUD_BASE_URL", fake.base_url())
        .env("LLAMA_CLOUD_API_KEY", fake.api_key())
        .env("TERM", "xterm")
        .output()
        .await
        .unwrap();
    let screen = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{screen}");
    // indicatif redraws the line in place: carriage returns and erase-line.
    assert!(
        screen.contains('\r') && screen.contains("\u{1b}["),
        "{screen:?}"
    );
    assert!(
        screen.contains("running") || screen.contains("done"),
        "{screen:?}"
    );
    assert!(screen.contains("4 documents: 4 done"), "{screen:?}");
    assert_eq!(lines(&dir.join("tty.jsonl")).len(), 4);
    std::fs::remove_dir_all(&dir).unwrap();
}
