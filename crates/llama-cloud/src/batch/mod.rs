//! Extraction over many documents: [`Batch`], run with
//! [`Client::batch`](crate::Client::batch), the official high-level client's
//! `aextract([...])` / `num_workers` / `show_progress`.
//!
//! A batch uploads each [`Source`], creates its job (v2 with a configuration,
//! or v1 on an agent), waits for it and reads its data, with two bounds: how
//! many uploads run at once, and how many documents are in flight (uploaded
//! or running) at once. Results come as a [`Stream`](futures::Stream) in the
//! order they finish, each a [`BatchItem`] naming its source; a failure is
//! that item's error and never stops the others. Dropping the stream stops
//! everything: nothing more is uploaded, created or polled.
//!
//! Waiting costs a few requests per round for the whole batch, not one per
//! job: the poller asks the listing endpoint about up to 50 v2 jobs per
//! request (`GET /api/v2/extract?job_ids=...`), or lists the v1 agent's jobs
//! once per round. A v2 job's data comes with its status; a v1 job's result
//! is one more request. v1 jobs are created together, up to 100 a request
//! (`POST /api/v1/extraction/jobs/batch`), from the files uploaded within
//! 50 ms of each other. So a document costs two or three requests in all
//! (BENCHMARKS.md has the figures).
//!
//! With a [`Ledger`] (a JSONL file, one line per finished document), a rerun
//! skips every source the ledger has done.
//!
//! ```no_run
//! # async fn run(client: llama_cloud::Client, schema: llama_cloud::DataSchema) -> Result<(), llama_cloud::Error> {
//! use futures::StreamExt as _;
//! use llama_cloud::batch::{Batch, Ledger, Source};
//!
//! let sources = ["a.pdf", "b.pdf", "c.pdf"].map(Source::path);
//! let ledger = Ledger::open("results.jsonl").await?;
//! let run = client.batch(Batch::v2_schema(schema).jobs_in_flight(64).ledger(ledger), sources);
//! let progress = run.progress();
//! futures::pin_mut!(run);
//! while let Some(item) = run.next().await {
//!     match &item.result {
//!         Ok(extracted) => println!("{}: {}", item.source, extracted.data),
//!         Err(error) => eprintln!("{}: {error}", item.source),
//!     }
//! }
//! println!("{:?}", *progress.borrow());
//! # Ok(())
//! # }
//! ```

mod engine;
mod ledger;
mod poll;
mod source;

use std::fmt;
use std::time::Duration;

use llama_cloud_core::{ConfigurationId, ExtractJobId, ExtractionAgentId, JobId, RawJson};

use crate::error::Error;
use crate::extract::ExtractConfiguration;
use crate::models::DataSchema;

pub use engine::BatchRun;
pub use ledger::Ledger;
pub use source::Source;

/// What a batch runs and how: the target (v2 configuration or v1 agent),
/// the concurrency bounds, the poll interval, the per-document timeout and
/// the ledger.
#[derive(Debug)]
#[must_use]
pub struct Batch {
    target: Target,
    uploads: usize,
    in_flight: usize,
    poll_every: Duration,
    timeout: Duration,
    ledger: Option<Ledger>,
}

/// What each document's job runs.
#[derive(Debug, Clone)]
enum Target {
    V2Schema(DataSchema),
    V2Inline(Box<ExtractConfiguration>),
    V2Saved(ConfigurationId),
    V1(ExtractionAgentId),
}

impl Batch {
    fn new(target: Target) -> Self {
        Self {
            target,
            uploads: 4,
            in_flight: 64,
            poll_every: Duration::from_secs(2),
            timeout: Duration::from_secs(2 * 60 * 60),
            ledger: None,
        }
    }

    /// v2 jobs extracting `data_schema` with the service's defaults.
    pub fn v2_schema(data_schema: DataSchema) -> Self {
        Self::new(Target::V2Schema(data_schema))
    }

    /// v2 jobs with `configuration`.
    pub fn v2(configuration: ExtractConfiguration) -> Self {
        Self::new(Target::V2Inline(Box::new(configuration)))
    }

    /// v2 jobs with the configuration saved as `configuration_id`.
    pub fn v2_saved(configuration_id: ConfigurationId) -> Self {
        Self::new(Target::V2Saved(configuration_id))
    }

    /// v1 jobs on the extraction agent `agent`.
    pub fn v1(agent: ExtractionAgentId) -> Self {
        Self::new(Target::V1(agent))
    }

    /// How many documents upload and create their jobs at once (at least
    /// 1): the requests with bodies, and the connections they take.
    /// Default 4.
    pub fn upload_concurrency(mut self, uploads: usize) -> Self {
        self.uploads = uploads.max(1);
        self
    }

    /// How many documents are in flight at once, from upload to result (at
    /// least 1). Default 64.
    pub fn jobs_in_flight(mut self, jobs: usize) -> Self {
        self.in_flight = jobs.max(1);
        self
    }

    /// How often the jobs in flight are asked about (at least 100 ms).
    /// Default 2 s.
    pub fn poll_every(mut self, interval: Duration) -> Self {
        self.poll_every = interval.max(Duration::from_millis(100));
        self
    }

    /// How long one document's job may take before its item is
    /// [`Error::WaitTimedOut`] / [`Error::ExtractWaitTimedOut`]. Default 2 h.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Skips the sources `ledger` has done, and records each finished
    /// document in it.
    pub fn ledger(mut self, ledger: Ledger) -> Self {
        self.ledger = Some(ledger);
        self
    }
}

/// The job a document ran as: v1's or v2's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobRef {
    /// A v1 job.
    V1(JobId),
    /// A v2 job.
    V2(ExtractJobId),
}

impl fmt::Display for JobRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::V1(id) => fmt::Display::fmt(id, f),
            Self::V2(id) => fmt::Display::fmt(id, f),
        }
    }
}

/// What a document gave.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Extracted {
    /// Its job.
    pub job: JobRef,
    /// The extracted data, as the service sent it (read it with
    /// [`RawJson::parse`]).
    pub data: RawJson,
}

/// One finished document.
#[derive(Debug)]
#[non_exhaustive]
pub struct BatchItem {
    /// Its [`Source::key`].
    pub source: String,
    /// Its job, once one was created.
    pub job: Option<JobRef>,
    /// The data, or why there is none.
    pub result: Result<Extracted, Error>,
}

/// Where a batch stands: counts of documents, as
/// [`BatchRun::progress`] reports them while it runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// Sources given, the skipped ones included.
    pub total: usize,
    /// Sources the ledger had done: not run again.
    pub skipped: usize,
    /// Not started yet.
    pub queued: usize,
    /// Uploaded (their jobs being created, or waiting for a slot).
    pub uploaded: usize,
    /// Jobs created and not finished.
    pub running: usize,
    /// Finished with data.
    pub done: usize,
    /// Finished with an error.
    pub failed: usize,
}
