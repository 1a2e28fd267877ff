//! What waiting costs: a batch of jobs that finish after a random 1–30 s,
//! against the naive loop (one `extract().wait(id)` per job) in the same
//! run. Per completed job: status requests, all requests, client CPU; and
//! the client's peak resident memory at 10,000 jobs. The goals (issue 16):
//! at most 3 status requests and 1 ms of client CPU per job, and 50 MiB at
//! 10,000 jobs.
//!
//! The fake is the `llama-cloud-fake` binary, a process of its own started
//! for each arm (`--jobs-take 1s..30s`), so this process's CPU and memory
//! are the client's alone; the fake counts what it served when stopped.
//! Linux only (`/proc`, `kill`). Real time: each arm takes about 35 s.
//!
//! `cargo bench -p llama-cloud --bench batch_polling`; see BENCHMARKS.md.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark whose setup or requests fail should stop, loudly"
)]

mod support {
    pub mod mode;
}

use std::io::{BufRead as _, BufReader, Read as _};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use futures::StreamExt as _;
use llama_cloud::batch::{Batch, Source};
use llama_cloud::{Client, CreateExtractJob, DataSchema, FilePurpose, FileUpload};
use support::mode::Mode;

fn main() {
    let mode = Mode::from_args();
    let jobs = mode.pick(1_000, 20);
    let many = mode.pick(10_000, 40);
    let take = match mode {
        Mode::Bench => "1s..30s",
        Mode::Smoke => "0ms..300ms",
    };
    let fake = fake_binary(mode);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let schema = DataSchema::from_value(serde_json::json!({
        "type": "object", "properties": {"total": {"type": "number"}}
    }))
    .unwrap();

    println!("{jobs} jobs in flight, each finishing after a random {take}");
    let naive_cost = measure(
        &fake,
        take,
        "naive loop: extract().wait per job",
        |client| runtime.block_on(naive(client, &schema, jobs)),
    );
    let batch_cost = measure(
        &fake,
        take,
        "batch: status rounds of 50 jobs a request",
        |client| runtime.block_on(batch(client, &schema, jobs)),
    );
    println!(
        "status requests per job: batch {:.3}, naive {:.3} (ratio {:.3})",
        batch_cost.status_per_job,
        naive_cost.status_per_job,
        batch_cost.status_per_job / naive_cost.status_per_job
    );
    let big = measure(&fake, take, &format!("batch of {many}"), |client| {
        runtime.block_on(batch(client, &schema, many))
    });
    println!(
        "the client's peak resident memory, {many} jobs: {:.1} MiB",
        big.peak_rss_mib
    );
}

/// What one arm cost, per completed job.
struct Cost {
    status_per_job: f64,
    peak_rss_mib: f64,
}

fn measure(fake: &PathBuf, take: &str, label: &str, arm: impl FnOnce(&Client) -> usize) -> Cost {
    let (mut server, base_url, key) = start(fake, take);
    let client = Client::builder()
        .api_key(key)
        .base_url(base_url)
        .build()
        .unwrap();
    reset_peak_rss();
    let cpu_before = process_cpu();
    let started = Instant::now();
    let completed = arm(&client);
    let took = started.elapsed();
    let cpu = process_cpu() - cpu_before;
    let peak = peak_rss_mib();
    let served = stop(&mut server);
    let count = |id: &str| served["by_operation"][id].as_f64().unwrap_or(0.0);
    let per = |n: f64| n / completed.max(1) as f64;
    let cost = Cost {
        status_per_job: per(count("get_extract_job") + count("list_extract_jobs")),
        peak_rss_mib: peak,
    };
    println!(
        "{label}: {completed} jobs in {:.1} s; per job: {:.3} status requests, {:.2} requests in all, \
         {:.3} ms client CPU; client peak RSS {:.1} MiB",
        took.as_secs_f64(),
        cost.status_per_job,
        per(served["total"].as_f64().unwrap_or(0.0)),
        per(cpu.as_secs_f64() * 1000.0),
        cost.peak_rss_mib
    );
    cost
}

async fn batch(client: &Client, schema: &DataSchema, jobs: usize) -> usize {
    let sources = (0..jobs).map(|i| Source::text(format!("doc-{i}"), "Total: 42"));
    let run = client.batch(
        Batch::v2_schema(schema.clone())
            .jobs_in_flight(jobs)
            .upload_concurrency(16),
        sources,
    );
    run.filter(|item| std::future::ready(item.result.is_ok()))
        .count()
        .await
}

async fn naive(client: &Client, schema: &DataSchema, jobs: usize) -> usize {
    futures::stream::iter(0..jobs)
        .map(|i| {
            let client = client.clone();
            let schema = schema.clone();
            async move {
                let upload = FileUpload::from_bytes(format!("doc-{i}.txt"), "Total: 42");
                let file = client
                    .files()
                    .upload(upload, FilePurpose::Extract)
                    .await
                    .ok()?;
                let job = client
                    .extract()
                    .create(CreateExtractJob::new(file.id, schema))
                    .await
                    .ok()?;
                client.extract().wait(job.id).await.ok()
            }
        })
        .buffer_unordered(jobs)
        .filter(|done| std::future::ready(done.is_some()))
        .count()
        .await
}

/// The `llama-cloud-fake` binary, built for the run's profile.
fn fake_binary(mode: Mode) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut build = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    build.current_dir(&root).args([
        "build",
        "--quiet",
        "-p",
        "llama-cloud-fake",
        "--bin",
        "llama-cloud-fake",
    ]);
    if mode == Mode::Bench {
        build.arg("--release");
    }
    assert!(
        build.status().unwrap().success(),
        "building llama-cloud-fake failed"
    );
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    target
        .join(if mode == Mode::Bench {
            "release"
        } else {
            "debug"
        })
        .join("llama-cloud-fake")
}

/// A fake whose jobs take `take`; its base URL and key.
fn start(fake: &PathBuf, take: &str) -> (Child, String, String) {
    let mut child = Command::new(fake)
        .args([
            "--port",
            "0",
            "--jobs-take",
            take,
            "--request-log",
            "1000000",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut value = |name: &str| {
        let line = lines.next().unwrap().unwrap();
        line.strip_prefix(name).unwrap().to_owned()
    };
    let base_url = value("LLAMA_CLOUD_BASE_URL=");
    let key = value("LLAMA_CLOUD_API_KEY=");
    (child, base_url, key)
}

/// Stops the fake and reads what it says it served.
fn stop(child: &mut Child) -> serde_json::Value {
    let pid = child.id().to_string();
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    child.wait().unwrap();
    let served = stderr
        .lines()
        .find_map(|line| line.strip_prefix("llama-cloud-fake: served "))
        .unwrap();
    serde_json::from_str(served).unwrap()
}

/// The CPU time of this process, every thread.
fn process_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // After the command name in parentheses: utime and stime are the 12th
    // and 13th fields.
    let rest = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // The kernel's clock ticks are 100 a second on Linux.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

fn reset_peak_rss() {
    // "5" resets the peak resident set size (Linux 4.0 and later).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}
