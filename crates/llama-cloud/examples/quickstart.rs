//! Fetch an extraction job and print it.
//!
//! ```text
//! cargo run --example quickstart                 # no key: the embedded fake server
//! cargo run --example quickstart -- --json       # the job as JSON
//! LLAMA_CLOUD_API_KEY=llx-... cargo run --example quickstart -- <job id>
//! ```
//!
//! With `LLAMA_CLOUD_API_KEY` unset, it starts `llama-cloud-fake` in this
//! process, seeds it with the example job from the official Get Job page, and
//! fetches that job through the SDK exactly as it would from LlamaCloud.

use std::process::ExitCode;

use llama_cloud::{Client, ExtractJob, JobId};
use llama_cloud_fake::FakeServer;

const USAGE: &str = "usage: quickstart [--json] [JOB_ID]

  JOB_ID   the job to fetch (required with LLAMA_CLOUD_API_KEY set;
           defaults to the seeded example job on the embedded fake)
  --json   print the job as JSON instead of a summary";

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut json = false;
    let mut job_arg = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ if job_arg.is_none() && !arg.starts_with('-') => job_arg = Some(arg),
            _ => return Err(format!("unexpected argument {arg:?}\n\n{USAGE}").into()),
        }
    }
    // A bad id fails here, before any request.
    let job_id: Option<JobId> = job_arg.as_deref().map(str::parse).transpose()?;

    let key_is_set = std::env::var("LLAMA_CLOUD_API_KEY").is_ok_and(|key| !key.trim().is_empty());
    // Kept alive until the end of `run`: dropping it stops the server.
    let mut _fake = None;
    let (client, job_id) = if key_is_set {
        let job_id = job_id.ok_or_else(|| format!("give a job id to fetch\n\n{USAGE}"))?;
        (Client::from_env()?, job_id)
    } else {
        let fake = FakeServer::start().await?;
        let seeded: JobId = fake.seed_example_job()?.into();
        eprintln!(
            "LLAMA_CLOUD_API_KEY is not set: running against the embedded fake LlamaCloud at {}",
            fake.base_url()
        );
        let client = Client::builder()
            .api_key(fake.api_key())
            .base_url(fake.base_url())
            .build()?;
        _fake = Some(fake);
        (client, job_id.unwrap_or(seeded))
    };

    let job = client.extraction().jobs().get(job_id).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&job)?);
    } else {
        print_summary(&job);
    }
    Ok(())
}

fn print_summary(job: &ExtractJob) {
    let agent = &job.extraction_agent;
    let config = &agent.config;
    let or_default = |value: Option<String>| value.unwrap_or_else(|| "(service default)".into());

    println!("job          {}", job.id);
    println!("status       {}", job.status);
    if let Some(error) = &job.error {
        println!("error        {error}");
    }
    println!("agent        {} ({})", agent.name, agent.id);
    println!(
        "extract      {}",
        or_default(config.extract_model().map(|m| m.to_string()))
    );
    println!(
        "parse        {}",
        or_default(config.parse_model().map(|m| m.to_string()))
    );
    println!(
        "mode         {}",
        or_default(config.extraction_mode().map(|m| m.to_string()))
    );
    println!(
        "target       {}",
        or_default(config.extraction_target().map(|t| t.to_string()))
    );
    match config.page_range() {
        Ok(Some(range)) => println!("pages        {range} ({} pages)", range.page_count()),
        Ok(None) => println!("pages        all"),
        Err(error) => println!("pages        not a valid page range: {error}"),
    }
    // `file` is deprecated in favour of `file_id`, but it is the only place
    // the job carries the file's name.
    #[allow(deprecated)]
    match (&job.file, job.file_id) {
        (Some(file), _) => {
            let size = file
                .file_size
                .map_or_else(|| "size unknown".into(), |n| format!("{n} bytes"));
            println!("file         {} ({}, {size})", file.name, file.id);
        }
        (None, Some(id)) => println!("file         {id}"),
        (None, None) => println!("file         (none)"),
    }
}
