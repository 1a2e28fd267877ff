//! `llama-extract run`: a batch over the files, into the ledger.

use std::path::Path;
use std::time::Instant;

use futures::StreamExt as _;
use llama_cloud::batch::{Batch, Ledger, Source};
use llama_cloud::{Client, CreateAgent, DataSchema, ExtractConfig, ExtractionAgentId, ListAgents};

use crate::cli::Run;
use crate::display::{self, Display};

/// Runs the batch; whether every document was done.
pub async fn run(client: &Client, args: Run) -> Result<bool, Box<dyn std::error::Error>> {
    let batch = match (&args.schema, &args.agent) {
        (_, Some(name)) => Batch::v1(agent_named(client, name).await?),
        (Some(path), None) if args.v1 => {
            let schema = read_schema(path).await?;
            Batch::v1(agent_for_schema(client, path, schema).await?)
        }
        (Some(path), None) => Batch::v2_schema(read_schema(path).await?),
        (None, None) => return Err("give --schema FILE or --agent NAME".into()),
    };
    let ledger = Ledger::open(&args.out).await?;
    let batch = batch
        .jobs_in_flight(args.concurrency)
        .upload_concurrency(args.uploads)
        .ledger(ledger);
    let started = Instant::now();
    let sources = args.files.iter().map(Source::path);
    let run = client.batch(batch, sources);
    let mut progress = run.progress();
    let display = Display::new(args.files.len() as u64);
    display.counts(&progress.borrow_and_update());
    futures::pin_mut!(run);
    loop {
        tokio::select! {
            item = run.next() => match item {
                Some(item) => display.item(&item),
                None => break,
            },
            Ok(()) = progress.changed() => display.counts(&progress.borrow_and_update()),
        }
    }
    display.finish();
    let last = *progress.borrow();
    eprintln!("{}", display::summary(&last, started.elapsed()));
    eprintln!("results in {}", args.out.display());
    Ok(last.failed == 0)
}

async fn read_schema(path: &Path) -> Result<DataSchema, Box<dyn std::error::Error>> {
    let text = tokio::fs::read_to_string(path)
        .await
        .map_err(|error| format!("cannot read the schema {}: {error}", path.display()))?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|error| format!("the schema {} is not JSON: {error}", path.display()))?;
    Ok(DataSchema::from_value(value)
        .map_err(|error| format!("the schema {}: {error}", path.display()))?)
}

/// The v1 agent of this name.
async fn agent_named(
    client: &Client,
    name: &str,
) -> Result<ExtractionAgentId, Box<dyn std::error::Error>> {
    let agents = client
        .extraction()
        .extraction_agents()
        .list(ListAgents::new())
        .await?;
    agents
        .into_iter()
        .find(|agent| agent.name == name)
        .map(|agent| agent.id)
        .ok_or_else(|| {
            format!(
                "no extraction agent is named {name:?} (`llama-extract agents list` lists them)"
            )
            .into()
        })
}

/// The v1 agent named after the schema file, made from the schema if there
/// is none yet.
async fn agent_for_schema(
    client: &Client,
    path: &Path,
    schema: DataSchema,
) -> Result<ExtractionAgentId, Box<dyn std::error::Error>> {
    let stem = path
        .file_stem()
        .map_or_else(|| "schema".into(), |stem| stem.to_string_lossy());
    let name = format!("llama-extract-{stem}");
    if let Ok(id) = agent_named(client, &name).await {
        return Ok(id);
    }
    let agent = client
        .extraction()
        .extraction_agents()
        .create(CreateAgent::new(&name, schema, ExtractConfig::default()))
        .await?;
    eprintln!("created the extraction agent {name} ({})", agent.id);
    Ok(agent.id)
}
