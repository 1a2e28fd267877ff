//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Extract structured data from documents with LlamaCloud.
///
/// With LLAMA_CLOUD_API_KEY unset, every command runs on an embedded fake
/// LlamaCloud (its results are placeholders shaped by the schema).
/// LLAMA_CLOUD_BASE_URL points at another server; LLAMA_CLOUD_LOG=info|debug
/// logs the retries, or every request too, on stderr.
#[derive(Debug, Parser)]
#[command(name = "llama-extract", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract from every FILE: one JSON line per document in --out.
    Run(Run),
    /// Read jobs.
    #[command(subcommand)]
    Jobs(Jobs),
    /// Read v1 extraction agents.
    #[command(subcommand)]
    Agents(Agents),
}

#[derive(Debug, Args)]
pub struct Run {
    /// The JSON Schema of the data to extract (v2 by default).
    #[arg(long, value_name = "FILE", required_unless_present = "agent")]
    pub schema: Option<PathBuf>,

    /// A v1 extraction agent, by name, instead of a schema.
    #[arg(long, value_name = "NAME", conflicts_with = "schema")]
    pub agent: Option<String>,

    /// Use v1 extraction: --schema then makes (or reuses) an agent named
    /// after the schema file.
    #[arg(long)]
    pub v1: bool,

    /// The results, one JSON line per document. A rerun with the same file
    /// skips the documents it has done.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,

    /// How many documents are in flight at once.
    #[arg(long, default_value_t = 16, value_name = "N")]
    pub concurrency: usize,

    /// How many uploads run at once.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub uploads: usize,

    /// The documents.
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Jobs {
    /// Print one job as JSON: ext-<uuid> is a v2 job, a bare UUID a v1 one.
    Get {
        /// The job's id.
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum Agents {
    /// Print every extraction agent of the project: id and name.
    List,
}
