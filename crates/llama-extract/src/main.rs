//! `llama-extract`: extract structured data from many documents with
//! LlamaCloud, from the command line.
//!
//! ```text
//! llama-extract run --schema invoice.schema.json --out results.jsonl [--concurrency N] FILES...
//! llama-extract run --agent NAME --out results.jsonl FILES...     # a v1 agent
//! llama-extract jobs get ID
//! llama-extract agents list
//! ```
//!
//! Built on `llama_cloud::batch`; see the README for what a run costs and how
//! resuming works.

mod cli;
mod connect;
mod display;
mod inspect;
mod log;
mod run;

use std::process::ExitCode;

use clap::Parser as _;

use cli::{Agents, Cli, Command, Jobs};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    log::init_from_env();
    match dispatch(cli).await {
        Ok(true) => ExitCode::SUCCESS,
        // Some documents failed; each said why.
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("llama-extract: {error}");
            ExitCode::from(2)
        }
    }
}

async fn dispatch(cli: Cli) -> Result<bool, Box<dyn std::error::Error>> {
    let connection = connect::connect().await?;
    let client = &connection.client;
    match cli.command {
        Command::Run(args) => run::run(client, args).await,
        Command::Jobs(Jobs::Get { id }) => inspect::job(client, &id).await.map(|()| true),
        Command::Agents(Agents::List) => inspect::agents(client).await.map(|()| true),
    }
}
