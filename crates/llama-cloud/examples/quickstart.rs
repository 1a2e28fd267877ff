//! The whole extraction flow: a Rust struct becomes an agent's schema, a
//! document is uploaded, a job runs, and the result comes back typed.
//!
//! ```text
//! cargo run --example quickstart                       # the embedded fake server, the bundled invoice
//! LLAMA_CLOUD_API_KEY=llx-... cargo run --example quickstart -- invoice.pdf
//! cargo run --example quickstart -- --job <JOB_ID>     # fetch and print one job
//! cargo run --example quickstart -- --job <JOB_ID> --json
//! cargo run --example quickstart -- --json             # the flow's job and invoice as JSON
//! ```
//!
//! With `LLAMA_CLOUD_API_KEY` unset, it starts `llama-cloud-fake` in this
//! process (seeded with the example job of the official Get Job page) and
//! talks to it exactly as it would to LlamaCloud.

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;
use std::time::Duration;

use futures::TryStreamExt as _;
use llama_cloud::{
    Client, CreateAgent, CreateJob, DataAs as _, DataSchema, ExtractConfigBuilder, ExtractJob,
    ExtractMode, FilePurpose, FileUpload, JobId, JobStatus, WaitOptions,
};
use llama_cloud_fake::FakeServer;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The bundled sample document.
const SAMPLE_NAME: &str = "invoice.pdf";
const SAMPLE: &[u8] = include_bytes!("data/invoice.pdf");

const USAGE: &str = "usage: quickstart [FILE] [--json] | quickstart --job [JOB_ID] [--json]

  FILE           the document to extract an invoice from (default: the bundled
                 sample, which is what the embedded fake gets)
  --job JOB_ID   fetch one job and print it instead (default on the fake: the
                 seeded example job)
  --json         print JSON instead of a summary: the job (with --job), or the
                 finished job and the typed invoice";

/// An invoice: what the agent extracts. Doc comments become the schema's
/// descriptions, which guide the model.
#[derive(Debug, JsonSchema, Deserialize, Serialize)]
struct Invoice {
    /// The invoice number, as printed (for example "F-2024-017").
    number: String,
    /// The invoice date, as printed.
    date: String,
    /// The name of the billed customer.
    customer: String,
    /// The line items.
    lines: Vec<Line>,
    /// The total amount, tax included.
    total: f64,
    /// The currency code of the total, such as "EUR".
    currency: String,
}

/// One line item of an invoice.
#[derive(Debug, JsonSchema, Deserialize, Serialize)]
struct Line {
    /// What was sold.
    description: String,
    /// The line's amount.
    amount: f64,
}

enum Mode {
    Extract { file: Option<String>, json: bool },
    Job { id: Option<String>, json: bool },
}

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

fn parse_args() -> Result<Option<Mode>, String> {
    let mut args = std::env::args().skip(1).peekable();
    let mut file = None;
    let mut job = None;
    let mut json = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--json" => json = true,
            "--job" => job = Some(args.next_if(|next| !next.starts_with('-'))),
            _ if !arg.starts_with('-') && file.is_none() => file = Some(arg),
            _ => return Err(format!("unexpected argument {arg:?}\n\n{USAGE}")),
        }
    }
    Ok(Some(match job {
        Some(id) => Mode::Job { id, json },
        None => Mode::Extract { file, json },
    }))
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let Some(mode) = parse_args()? else {
        println!("{USAGE}");
        return Ok(());
    };
    let key_is_set = std::env::var("LLAMA_CLOUD_API_KEY").is_ok_and(|key| !key.trim().is_empty());
    // Kept until the end of `run`: dropping it stops the server.
    let mut fake = None;
    let client = if key_is_set {
        Client::from_env()?
    } else {
        let server = FakeServer::start().await?;
        eprintln!(
            "LLAMA_CLOUD_API_KEY is not set: running against the embedded fake LlamaCloud at {}",
            server.base_url()
        );
        let client = Client::builder()
            .api_key(server.api_key())
            .base_url(server.base_url())
            .build()?;
        fake = Some(server);
        client
    };
    match mode {
        Mode::Job { id, json } => {
            let job_id: JobId = match (id, &fake) {
                (Some(id), _) => id.parse()?,
                (None, Some(server)) => server.seed_example_job()?.into(),
                (None, None) => return Err(format!("--job needs a job id\n\n{USAGE}").into()),
            };
            let job = client.extraction().jobs().get(job_id).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&job)?);
            } else {
                print_job(&job);
            }
        }
        Mode::Extract { file, json } => {
            let upload = match &file {
                Some(path) => FileUpload::from_path(path).await?,
                None if fake.is_some() => FileUpload::from_bytes(SAMPLE_NAME, SAMPLE),
                None => return Err(format!("give the document to extract from\n\n{USAGE}").into()),
            };
            extract(&client, upload, fake.as_ref(), json).await?;
        }
    }
    drop(fake);
    Ok(())
}

async fn extract(
    client: &Client,
    upload: FileUpload,
    fake: Option<&FakeServer>,
    json: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let schema = DataSchema::for_type::<Invoice>()?;
    let config = ExtractConfigBuilder::new()
        .extraction_mode(ExtractMode::Balanced)
        .build()?;
    let agent_name = format!("quickstart-invoice-{}", std::process::id());
    let agent = client
        .extraction()
        .extraction_agents()
        .create(CreateAgent::new(&agent_name, schema, config))
        .await?;
    eprintln!("created agent {} ({})", agent.name, agent.id);

    let file = client.files().upload(upload, FilePurpose::Extract).await?;
    eprintln!("uploaded {} ({})", file.name.as_str(), file.id);

    let jobs = client.extraction().jobs();
    let job = jobs
        .create(CreateJob::new(agent.id, file.id.into()))
        .await?;
    eprintln!("started job {}", job.id);
    if let Some(fake) = fake {
        // The fake cannot read documents; it answers with placeholders shaped
        // by the schema unless told what the bundled invoice says.
        fake.set_job_result(job.id.into(), sample_invoice())?;
    }

    let progress = Progress::new();
    let updates = jobs.watch(job.id, WaitOptions::default());
    futures::pin_mut!(updates);
    let mut last = job;
    while let Some(job) = progress.tick_while(updates.try_next()).await? {
        progress.status(&job);
        last = job;
    }
    progress.finish();
    if !last.status.is_success() {
        return Err(format!(
            "job {} ended {}: {}",
            last.id,
            last.status,
            last.error.as_deref().unwrap_or("no reason given")
        )
        .into());
    }

    let result = jobs.result(last.id).await?;
    let invoice: Invoice = result.data_as()?;
    if json {
        let output = serde_json::json!({"job": last, "invoice": invoice});
        println!("{}", serde_json::to_string_pretty(&output)?);
    } else {
        print_job(&last);
        println!();
        print_invoice(&invoice);
    }
    client
        .extraction()
        .extraction_agents()
        .delete(agent.id)
        .await?;
    Ok(())
}

/// What the bundled invoice says, for the fake to answer with.
fn sample_invoice() -> serde_json::Value {
    serde_json::json!({
        "number": "F-2024-017",
        "date": "2024-03-14",
        "customer": "Globex Corporation",
        "lines": [
            {"description": "Widget, large", "amount": 40.0},
            {"description": "Shipping", "amount": 2.0}
        ],
        "total": 42.0,
        "currency": "EUR"
    })
}

/// Progress while waiting: a spinner on a terminal, plain lines otherwise.
struct Progress {
    spinner: bool,
}

impl Progress {
    fn new() -> Self {
        Self {
            spinner: std::io::stderr().is_terminal(),
        }
    }

    /// Awaits `next`, turning the spinner meanwhile.
    async fn tick_while<T>(&self, next: impl std::future::Future<Output = T>) -> T {
        if !self.spinner {
            return next.await;
        }
        futures::pin_mut!(next);
        let frames = ['|', '/', '-', '\\'];
        let mut ticker = tokio::time::interval(Duration::from_millis(120));
        let mut frame = 0;
        loop {
            tokio::select! {
                value = &mut next => return value,
                _ = ticker.tick() => {
                    eprint!("\r{} waiting for the job ", frames[frame % frames.len()]);
                    let _ = std::io::stderr().flush();
                    frame += 1;
                }
            }
        }
    }

    fn status(&self, job: &ExtractJob) {
        if self.spinner {
            eprint!("\r");
        }
        eprintln!("job {} is {}", job.id, job.status);
    }

    fn finish(&self) {
        if self.spinner {
            eprint!("\r\x1b[K");
        }
    }
}

fn print_invoice(invoice: &Invoice) {
    println!("invoice      {} of {}", invoice.number, invoice.date);
    println!("customer     {}", invoice.customer);
    for line in &invoice.lines {
        println!(
            "  {:<40} {:>10.2} {}",
            line.description, line.amount, invoice.currency
        );
    }
    println!("total        {:.2} {}", invoice.total, invoice.currency);
}

fn print_job(job: &ExtractJob) {
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
        or_default(config.extract_model.as_ref().map(|m| m.to_string()))
    );
    println!(
        "parse        {}",
        or_default(config.parse_model.as_ref().map(|m| m.to_string()))
    );
    println!("mode         {}", config.extraction_mode);
    println!("target       {}", config.extraction_target);
    match config.page_range.as_ref().map(|range| range.get()) {
        Some(Ok(range)) => println!("pages        {range} ({} pages)", range.page_count()),
        None => println!("pages        all"),
        Some(Err(error)) => println!("pages        not a valid page range: {error}"),
    }
    // `file` is deprecated in favour of `file_id`, but it is the only place
    // the job carries the file's name.
    #[allow(deprecated)]
    match (&job.file, job.file_id) {
        (Some(file), _) => {
            let size = file
                .file_size
                .map_or_else(|| "size unknown".into(), |n| format!("{n} bytes"));
            println!("file         {} ({}, {size})", file.name.as_str(), file.id);
        }
        (None, Some(id)) => println!("file         {id}"),
        (None, None) => println!("file         (none)"),
    }
    if job.status == JobStatus::Pending {
        println!("(still running: `jobs().wait(id)` waits for it)");
    }
}
