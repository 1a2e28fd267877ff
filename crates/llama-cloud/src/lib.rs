//! The Rust SDK for LlamaCloud's Extraction API (LlamaExtract).
//!
//! ```no_run
//! use llama_cloud::{Client, CreateExtractJob, DataAs as _, DataSchema, FilePurpose, FileUpload};
//!
//! /// An invoice. Doc comments become the schema's descriptions.
//! #[derive(schemars::JsonSchema, serde::Deserialize)]
//! struct Invoice {
//!     /// The invoice number, as printed.
//!     number: String,
//!     /// The total, tax included.
//!     total: f64,
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // Reads LLAMA_CLOUD_API_KEY (and LLAMA_CLOUD_BASE_URL, if set).
//! let client = Client::from_env()?;
//! let upload = FileUpload::from_path("invoice.pdf").await?;
//! let file = client.files().upload(upload, FilePurpose::Extract).await?;
//! let job = client
//!     .extract()
//!     .run(CreateExtractJob::new(file.id, DataSchema::for_type::<Invoice>()?))
//!     .await?;
//! let invoice: Invoice = job.data_as()?;
//! println!("{} totals {}", invoice.number, invoice.total);
//! # Ok(())
//! # }
//! ```
//!
//! # What this crate gives you
//!
//! - A [`Client`] configured from the environment or a [`ClientBuilder`],
//!   cheap to clone, with one connection pool, the official clients'
//!   timeouts, and an API key that never shows in `Debug` output or logs.
//! - Ids as types ([`JobId`], [`ExtractionAgentId`], …): a string that is not
//!   a UUID is refused when parsed, so it never reaches a URL.
//! - Checked values: [`PageRange`] (`"1,3,5-7"`) and [`NumPagesContext`]
//!   (at least 1), checked by [`ExtractConfigBuilder`] and kept as sent in
//!   responses ([`Lenient`]).
//! - Models that survive API changes: an enum value this version does not know
//!   is kept as `Unknown` and written back unchanged; unknown fields are
//!   ignored; a missing required field is an error naming it.
//! - One [`Error`] type that says what went wrong: the status and FastAPI's
//!   `detail`, the JSON path that did not decode, the rule an input broke.
//! - Retries in one place, with the official clients' rules (see [`retry`]),
//!   idempotency keys on every non-GET request, bounded body reads, and a
//!   `tracing` span per attempt; per-call overrides with [`RequestOptions`].
//! - v2 extraction, the official clients' current flow: [`Client::extract`]
//!   (create with an inline or saved configuration, get with `expand`, list
//!   as a stream, cancel, delete, the schema calls, and
//!   [`wait`](Extract::wait), [`watch`](Extract::watch),
//!   [`run`](Extract::run)), with v2's prefixed ids typed per kind
//!   ([`ExtractJobId`], [`DocumentInput`], [`ConfigurationId`], …).
//! - The whole v1 extraction surface: [`Extraction::jobs`] (create, list,
//!   get, run on a file, result, and [`wait`](jobs::Jobs::wait),
//!   [`watch`](jobs::Jobs::watch), [`extract`](jobs::Jobs::extract)),
//!   [`Extraction::extraction_agents`], [`Extraction::runs`] (a lazy stream
//!   over the pages), the stateless [`Extraction::run`], and
//!   [`Client::files`] uploads.
//! - Many documents at once: [`Client::batch`] (see [`batch`]) uploads,
//!   creates, waits and reads with bounded concurrency, results as a
//!   stream, failures per document, resume from a JSONL ledger, and a few
//!   status requests per round for the whole batch.
//! - Typed extraction: [`DataSchema::for_type`] turns a
//!   `#[derive(JsonSchema)]` struct into the schema LlamaExtract accepts, and
//!   [`DataAs::data_as`] reads the result back into it.
//! - Models generated from the contract (`llama_cloud_api::types`) and
//!   re-exported here under stable names: a field or enum value the API
//!   adds arrives with `cargo xtask codegen`, not a hand edit.
//!
//! # v1: typed extraction in a few lines
//!
//! ```no_run
//! use llama_cloud::{Client, CreateAgent, DataAs as _, DataSchema, ExtractConfig, FilePurpose, FileUpload};
//!
//! /// An invoice.
//! #[derive(schemars::JsonSchema, serde::Deserialize)]
//! struct Invoice {
//!     /// The invoice number, as printed.
//!     number: String,
//!     /// The total, tax included.
//!     total: f64,
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::from_env()?;
//! let schema = DataSchema::for_type::<Invoice>()?;
//! let agent = client
//!     .extraction()
//!     .extraction_agents()
//!     .create(CreateAgent::new("invoices", schema, ExtractConfig::default()))
//!     .await?;
//! let upload = FileUpload::from_path("invoice.pdf").await?;
//! let file = client.files().upload(upload, FilePurpose::Extract).await?;
//! // The upload's id is `dfl-<uuid>`; v1 jobs take the UUID (`FileId`).
//! let result = client.extraction().jobs().extract(agent.id, file.id.into()).await?;
//! let invoice: Invoice = result.data_as()?;
//! println!("{} totals {}", invoice.number, invoice.total);
//! # Ok(())
//! # }
//! ```
//!
//! # Testing without the service
//!
//! The `llama-cloud-fake` crate runs a loopback server that speaks this API.
//! Point a client at it with [`ClientBuilder::base_url`]; plain `http` is
//! allowed for loopback hosts.

#![deny(missing_docs)]

pub mod agents;
mod api_key;
pub mod batch;
mod call;
mod client;
pub mod config;
pub mod error;
pub mod extract;
mod extraction;
pub mod files;
pub mod jobs;
pub mod models;
mod options;
mod paging;
mod poller;
mod response;
pub mod runs;
mod setters;
mod stateless;
mod transport;
mod upload;
mod wait;

pub use agents::{AgentScope, CreateAgent, GenerateSchema, ListAgents};
pub use api_key::ApiKey;
pub use client::Client;
pub use config::ClientBuilder;
pub use error::{ApiError, ConfigError, DecodeError, Error, ErrorDetail, InvalidInput};
pub use extract::{
    CreateExtractJob, Extract, ExtractConfiguration, ExtractTier, ExtractV2Job, ExtractV2Status,
    ExtractV2Target, ListExtractJobs,
};
pub use extraction::Extraction;
pub use files::{
    DOWNLOAD_RANGE_BYTES, FileFilter, FileQuery, FilesPage, ListFiles, PresignedUrl, UploadFile,
};
pub use jobs::{CreateBatch, CreateJob, CreateJobOnFile};
pub use llama_cloud_core::retry;
pub use llama_cloud_core::{Checked, Lenient, Timestamp, ids, num_pages_context, page_range};
pub use llama_cloud_core::{
    ConfigurationId, DataSourceId, DocumentInput, ExtractJobId, ExtractionAgentId, FileId,
    FileV2Id, IdError, JobId, OrganizationId, ParseJobId, ProjectId, ProjectV2Id, RunId,
};
pub use llama_cloud_core::{NumPagesContext, NumPagesContextError};
pub use llama_cloud_core::{PageRange, PageRangeError, PageRangeErrorKind, PageSpan};
pub use llama_cloud_core::{RedirectRefusal, redirect};
pub use models::{
    ChunkMode, CustomConfiguration, DataAs, DataSchema, ExtractAgent, ExtractConfig,
    ExtractConfigBuilder, ExtractJob, ExtractMode, ExtractModel, ExtractResult, ExtractRun,
    ExtractTarget, File, FilePurpose, JobStatus, ParseModel, Priority, RawJson, RunStatus,
    UnknownValue, UploadedFile, Webhook, WebhookConfiguration, WebhookEvent, WebhookOutputFormat,
};
pub use options::RequestOptions;
pub use response::{ApiResponse, with_response};
pub use runs::RunsPage;
pub use stateless::{StatelessRun, StatelessRunBuilder};
pub use upload::FileUpload;
pub use wait::{Backoff, WaitOptions};

/// The README's examples, compiled as doctests so that they cannot drift from
/// the crate (only under `cargo test --doc`; nothing of it is built otherwise).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
