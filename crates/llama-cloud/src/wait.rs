//! Waiting for a job to finish: [`WaitOptions`], `jobs().wait()`,
//! `jobs().watch()` and `jobs().extract()`.
//!
//! The schedule is the official pollers': the first poll 1 s after the call,
//! each interval 1 s longer than the one before up to 5 s, and giving up
//! after 2 hours. A poll answered 429 waits for the server's `Retry-After`
//! (after the client's own retries) and carries on. Waiting is a future like
//! any other: drop it and the polling stops.

use std::future::Future;

use std::time::Duration;

use futures::Stream;

use crate::client::Client;
use crate::error::Error;
use crate::ids::{ExtractionAgentId, FileId, JobId};
use crate::jobs::{CreateJob, Jobs};
use crate::models::{ExtractJob, ExtractResult, JobStatus};
use crate::poller::{self, Pollable};

/// How [`Jobs::wait_with`] polls. The defaults are the official clients'.
///
/// ```
/// use std::time::Duration;
/// use llama_cloud::WaitOptions;
///
/// let quick = WaitOptions::new()
///     .first_poll_after(Duration::from_millis(200))
///     .max_interval(Duration::from_secs(2))
///     .timeout(Duration::from_secs(600));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct WaitOptions {
    pub(crate) first_poll_after: Duration,
    backoff: Backoff,
    max_interval: Duration,
    pub(crate) timeout: Duration,
}

/// How the interval between polls grows: the official pollers' three
/// strategies (`backoff="constant" | "linear" | "exponential"`).
///
/// ```
/// use std::time::Duration;
/// use llama_cloud::{Backoff, WaitOptions};
///
/// let doubling = WaitOptions::new()
///     .first_poll_after(Duration::from_millis(500))
///     .backoff(Backoff::Exponential)
///     .max_interval(Duration::from_secs(30));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Backoff {
    /// Every interval is the first one.
    Constant,
    /// Each interval is `step` longer than the one before (the default, with
    /// a step of 1 s).
    Linear {
        /// How much longer each interval is.
        step: Duration,
    },
    /// Each interval is twice the one before.
    Exponential,
}

impl Default for WaitOptions {
    fn default() -> Self {
        Self {
            first_poll_after: Duration::from_secs(1),
            backoff: Backoff::Linear {
                step: Duration::from_secs(1),
            },
            max_interval: Duration::from_secs(5),
            timeout: Duration::from_secs(2 * 60 * 60),
        }
    }
}

impl WaitOptions {
    /// The official defaults: 1 s, then 1 s longer each poll up to 5 s, for
    /// at most 2 hours.
    pub fn new() -> Self {
        Self::default()
    }

    /// How long before the first poll. Default 1 s.
    pub fn first_poll_after(mut self, delay: Duration) -> Self {
        self.first_poll_after = delay;
        self
    }

    /// How much longer each interval is than the one before: linear backoff
    /// with this step. Default 1 s.
    pub fn interval_step(self, step: Duration) -> Self {
        self.backoff(Backoff::Linear { step })
    }

    /// How the interval grows between polls. Default `Linear` by 1 s.
    pub fn backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// The longest interval between polls. Default 5 s.
    pub fn max_interval(mut self, interval: Duration) -> Self {
        self.max_interval = interval;
        self
    }

    /// How long to wait in all, polls included, before giving up with
    /// [`Error::WaitTimedOut`]. Default 2 hours.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

impl WaitOptions {
    /// The interval after one of `interval`: grown by the backoff, up to
    /// `max_interval` (a constant one stays as it is).
    pub(crate) fn next_interval(&self, interval: Duration) -> Duration {
        match self.backoff {
            Backoff::Constant => interval,
            Backoff::Linear { step } => interval.saturating_add(step).min(self.max_interval),
            Backoff::Exponential => interval.saturating_mul(2).min(self.max_interval),
        }
    }
}

impl Jobs {
    /// Waits for a job to finish, with the official schedule
    /// ([`WaitOptions::default`]).
    ///
    /// Returns the job when it ends in `SUCCESS` or `PARTIAL_SUCCESS`;
    /// [`Error::JobFailed`] (with the job's error message) on `ERROR`,
    /// [`Error::JobCancelled`] on `CANCELLED`, and [`Error::WaitTimedOut`]
    /// (with the last status seen) when it takes too long. A status this
    /// version does not know counts as still running.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client, id: llama_cloud::JobId) -> Result<(), llama_cloud::Error> {
    /// let job = client.extraction().jobs().wait(id).await?;
    /// let result = client.extraction().jobs().result(job.id).await?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::JobFailed`] (with the job's message) when the job ends in
    /// `ERROR`, [`Error::JobCancelled`], [`Error::WaitTimedOut`] (with the last
    /// status seen), and the errors of the calls it makes (see
    /// [`Jobs::get`](crate::jobs::Jobs::get)).
    pub fn wait(
        &self,
        job_id: JobId,
    ) -> impl Future<Output = Result<ExtractJob, Error>> + Send + use<> {
        let this = self.clone();
        async move { this.wait_with(job_id, WaitOptions::default()).await }
    }

    /// [`wait`](Self::wait) with another schedule.
    ///
    /// # Errors
    ///
    /// [`Error::JobFailed`] (with the job's message) when the job ends in
    /// `ERROR`, [`Error::JobCancelled`], [`Error::WaitTimedOut`] (with the last
    /// status seen), and the errors of the calls it makes (see
    /// [`Jobs::get`](crate::jobs::Jobs::get)).
    pub fn wait_with(
        &self,
        job_id: JobId,
        options: WaitOptions,
    ) -> impl Future<Output = Result<ExtractJob, Error>> + Send + use<> {
        poller::wait::<ExtractJob>(self.client().clone(), job_id, options)
    }

    /// The job each time its status changes, until it finishes: a stream for
    /// progress displays. The first job a poll returns always comes; the
    /// stream ends after a job in a final state (whatever that state is), or
    /// after [`Error::WaitTimedOut`] when `options.timeout` passes first.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client, id: llama_cloud::JobId) -> Result<(), llama_cloud::Error> {
    /// use futures::TryStreamExt as _;
    /// use llama_cloud::WaitOptions;
    ///
    /// let updates = client.extraction().jobs().watch(id, WaitOptions::default());
    /// futures::pin_mut!(updates);
    /// while let Some(job) = updates.try_next().await? {
    ///     eprintln!("job {} is {}", job.id, job.status);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// The stream yields the errors of the calls it makes: [`Error::Api`]
    /// for an error status ([`Error::is_not_found`] for an unknown id),
    /// [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn watch(
        &self,
        job_id: JobId,
        options: WaitOptions,
    ) -> impl Stream<Item = Result<ExtractJob, Error>> + Send + use<> {
        poller::watch::<ExtractJob>(self.client().clone(), job_id, options)
    }

    /// Creates a job, waits for it, and fetches its result: the whole run of
    /// an agent on an uploaded file in one call.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client, agent: llama_cloud::ExtractionAgentId, file: llama_cloud::FileId) -> Result<(), llama_cloud::Error> {
    /// let result = client.extraction().jobs().extract(agent, file).await?;
    /// println!("{:?}", result.data);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::JobFailed`] (with the job's message) when the job ends in
    /// `ERROR`, [`Error::JobCancelled`], [`Error::WaitTimedOut`] (with the last
    /// status seen), and the errors of the calls it makes (see
    /// [`Jobs::get`](crate::jobs::Jobs::get)).
    pub fn extract(
        &self,
        extraction_agent_id: ExtractionAgentId,
        file_id: FileId,
    ) -> impl Future<Output = Result<ExtractResult, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            this.extract_with(
                CreateJob::new(extraction_agent_id, file_id),
                WaitOptions::default(),
            )
            .await
        }
    }

    /// [`extract`](Self::extract) with job options and a wait schedule.
    ///
    /// # Errors
    ///
    /// [`Error::JobFailed`] (with the job's message) when the job ends in
    /// `ERROR`, [`Error::JobCancelled`], [`Error::WaitTimedOut`] (with the last
    /// status seen), and the errors of the calls it makes (see
    /// [`Jobs::get`](crate::jobs::Jobs::get)).
    pub fn extract_with(
        &self,
        job: CreateJob,
        options: WaitOptions,
    ) -> impl Future<Output = Result<ExtractResult, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let job = this.clone().create(job).await?;
            let job = this.clone().wait_with(job.id, options).await?;
            this.result(job.id).await
        }
    }
}

/// A finished job as the caller's result: success, or the failure as an error.
pub(crate) fn finished(job: ExtractJob) -> Result<ExtractJob, Error> {
    match job.status {
        JobStatus::Success | JobStatus::PartialSuccess => Ok(job),
        JobStatus::Cancelled => Err(Error::JobCancelled { job_id: job.id }),
        _ => Err(Error::JobFailed {
            job_id: job.id,
            message: job.error.clone(),
            job: Box::new(job),
        }),
    }
}

/// v1's jobs, for the poller.
impl Pollable for ExtractJob {
    type Id = JobId;
    type Job = Self;
    type Status = JobStatus;

    fn poll(client: Client, id: JobId) -> impl Future<Output = Result<Self, Error>> + Send {
        Jobs::new(client).get(id)
    }

    fn status(job: &Self) -> &JobStatus {
        &job.status
    }

    fn is_terminal(status: &JobStatus) -> bool {
        status.is_terminal()
    }

    fn timed_out(job_id: JobId, waited: Duration, last_status: Option<JobStatus>) -> Error {
        Error::WaitTimedOut {
            job_id,
            waited,
            last_status,
        }
    }

    fn finished(job: Self) -> Result<Self, Error> {
        finished(job)
    }
}
