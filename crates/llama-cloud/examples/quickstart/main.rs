//! The whole extraction flow: a Rust struct becomes the data schema, a
//! document is uploaded, a job runs, and the result comes back typed.
//!
//! ```text
//! cargo run --example quickstart                       # v2 on the embedded fake server, the bundled invoice
//! LLAMA_CLOUD_API_KEY=llx-... cargo run --example quickstart -- invoice.pdf
//! cargo run --example quickstart -- --v1               # the v1 flow: an extraction agent, a job, its result
//! cargo run --example quickstart -- --json             # the finished job and the invoice as JSON
//! cargo run --example quickstart -- --job <JOB_ID>     # fetch and print one job (ext-… is v2, a UUID v1)
//! ```
//!
//! v2 (`client.extract()`, `/api/v2/extract`) is the default: it is the flow
//! the official clients document since llama-cloud 2.x. With
//! `LLAMA_CLOUD_API_KEY` unset, it starts `llama-cloud-fake` in this process
//! (seeded with the example job of the official Get Job page) and talks to it
//! exactly as it would to LlamaCloud.

mod invoice;
mod log;
mod progress;
mod v1;
mod v2;

use std::process::ExitCode;

use llama_cloud::{Client, FileUpload};
use llama_cloud_fake::FakeServer;

/// The bundled sample document.
const SAMPLE_NAME: &str = "invoice.pdf";
const SAMPLE: &[u8] = include_bytes!("../data/invoice.pdf");

const USAGE: &str = "usage: quickstart [FILE] [--v1] [--json] | quickstart --job [JOB_ID] [--json]

  FILE           the document to extract an invoice from (default: the bundled
                 sample invoice)
  --v1           the v1 flow (an extraction agent, a job, its result) instead
                 of v2's (one job that carries its result)
  --job JOB_ID   fetch one job and print it instead: ext-<uuid> is a v2 job, a
                 bare UUID a v1 one (default on a fake server, embedded or
                 at a loopback LLAMA_CLOUD_BASE_URL: the documentation's
                 example v1 job, which it serves seeded)
  --json         print JSON instead of a summary: the job (with --job), or the
                 finished job and the typed invoice

  LLAMA_CLOUD_LOG=info shows retries, =debug every request too (stderr).";

/// What the command line asks for.
enum Mode {
    Extract {
        file: Option<String>,
        v1: bool,
        json: bool,
    },
    Job {
        id: Option<String>,
        json: bool,
    },
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
    let (mut file, mut job, mut json, mut v1) = (None, None, false, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--json" => json = true,
            "--v1" => v1 = true,
            "--job" => job = Some(args.next_if(|next| !next.starts_with('-'))),
            _ if !arg.starts_with('-') && file.is_none() => file = Some(arg),
            _ => return Err(format!("unexpected argument {arg:?}\n\n{USAGE}")),
        }
    }
    Ok(Some(match job {
        Some(id) => Mode::Job { id, json },
        None => Mode::Extract { file, v1, json },
    }))
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let Some(mode) = parse_args()? else {
        println!("{USAGE}");
        return Ok(());
    };
    log::init_from_env();
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
        Mode::Job { id, json } => match id {
            Some(id) if id.starts_with("ext-") => v2::show_job(&client, id.parse()?, json).await?,
            Some(id) => v1::show_job(&client, id.parse()?, json).await?,
            None if fake.is_some() || is_loopback(client.base_url()) => {
                let id = llama_cloud_fake::SEED_JOB_ID;
                eprintln!(
                    "no job id given: showing {id}, the example job of the official Get Job \
                     page, which a fake server serves seeded (its values, such as the error \
                     \"error\" and the agent \"name\", are the documentation's placeholders)"
                );
                v1::show_job(&client, id.into(), json).await?;
            }
            None => return Err(format!("--job needs a job id\n\n{USAGE}").into()),
        },
        Mode::Extract { file, v1, json } => {
            let upload = match &file {
                Some(path) => FileUpload::from_path(path).await?,
                None => {
                    eprintln!("no FILE given: extracting the bundled sample invoice");
                    FileUpload::from_bytes(SAMPLE_NAME, SAMPLE)
                }
            };
            if v1 {
                v1::extract(&client, upload, fake.as_ref(), json).await?;
            } else {
                v2::extract(&client, upload, fake.as_ref(), json).await?;
            }
        }
    }
    drop(fake);
    Ok(())
}

/// Whether the client talks to this machine: a standalone fake, most likely.
fn is_loopback(url: &reqwest::Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}
