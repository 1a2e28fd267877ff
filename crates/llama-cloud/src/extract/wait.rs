//! Waiting for a v2 job: `extract().wait()`, `watch()` and `run()`, on the
//! same schedule and loop as v1's ([`WaitOptions`], the crate's poller).

use std::future::Future;
use std::time::Duration;

use futures::Stream;

use super::{CreateExtractJob, Extract, ExtractV2Job, ExtractV2Status};
use crate::client::Client;
use crate::error::Error;
use crate::poller::{self, Pollable};
use crate::wait::WaitOptions;
use llama_cloud_core::ExtractJobId;

impl Extract {
    /// Waits for a job to finish, with the official schedule
    /// ([`WaitOptions::default`]: 1 s, then 1 s longer each poll up to
    /// 5 s, for at most 2 hours).
    ///
    /// Returns the job, with its result, when it ends `COMPLETED`. A
    /// status this version does not know counts as still running. Dropping
    /// the future stops the polling.
    ///
    /// # Errors
    ///
    /// [`Error::ExtractJobFailed`] (with the job's `error_message`) on
    /// `FAILED`, [`Error::ExtractJobCancelled`] on `CANCELLED`,
    /// [`Error::ExtractWaitTimedOut`] (with the last status seen) when it
    /// takes too long, and the errors of the calls it makes (see
    /// [`Extract::get`]).
    pub fn wait(
        &self,
        job_id: ExtractJobId,
    ) -> impl Future<Output = Result<ExtractV2Job, Error>> + Send + use<> {
        self.wait_with(job_id, WaitOptions::default())
    }

    /// [`wait`](Self::wait) with another schedule.
    ///
    /// # Errors
    ///
    /// As [`wait`](Self::wait).
    pub fn wait_with(
        &self,
        job_id: ExtractJobId,
        options: WaitOptions,
    ) -> impl Future<Output = Result<ExtractV2Job, Error>> + Send + use<> {
        poller::wait::<ExtractV2Job>(self.client.clone(), job_id, options)
    }

    /// The job each time its status changes, until it finishes: a stream
    /// for progress displays. The stream ends after a job in a final state
    /// (whatever that state is), or after [`Error::ExtractWaitTimedOut`].
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client, id: llama_cloud::ExtractJobId) -> Result<(), llama_cloud::Error> {
    /// use futures::TryStreamExt as _;
    /// use llama_cloud::WaitOptions;
    ///
    /// let updates = client.extract().watch(id, WaitOptions::default());
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
    /// The stream yields the errors of the calls it makes (see
    /// [`Extract::get`]) and [`Error::ExtractWaitTimedOut`].
    pub fn watch(
        &self,
        job_id: ExtractJobId,
        options: WaitOptions,
    ) -> impl Stream<Item = Result<ExtractV2Job, Error>> + Send + use<> {
        poller::watch::<ExtractV2Job>(self.client.clone(), job_id, options)
    }

    /// Creates a job and waits for it: the official clients' `extract.run`.
    /// The job comes back with its result; read it with
    /// [`data_as`](crate::DataAs::data_as).
    ///
    /// # Errors
    ///
    /// Those of [`create`](Self::create), then those of [`wait`](Self::wait).
    pub fn run(
        &self,
        job: CreateExtractJob,
    ) -> impl Future<Output = Result<ExtractV2Job, Error>> + Send + use<> {
        self.run_with(job, WaitOptions::default())
    }

    /// [`run`](Self::run) with another wait schedule.
    ///
    /// # Errors
    ///
    /// Those of [`create`](Self::create), then those of [`wait`](Self::wait).
    pub fn run_with(
        &self,
        job: CreateExtractJob,
        options: WaitOptions,
    ) -> impl Future<Output = Result<ExtractV2Job, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let job = this.create(job).await?;
            if job.status.is_terminal() {
                return finished(job);
            }
            this.wait_with(job.id, options).await
        }
    }
}

/// A finished job as the caller's result: success, or the failure as an error.
pub(crate) fn finished(job: ExtractV2Job) -> Result<ExtractV2Job, Error> {
    match job.status {
        ExtractV2Status::Completed => Ok(job),
        ExtractV2Status::Cancelled => Err(Error::ExtractJobCancelled { job_id: job.id }),
        _ => Err(Error::ExtractJobFailed {
            job_id: job.id,
            message: job.error_message.clone(),
            job: Box::new(job),
        }),
    }
}

/// v2's jobs, for the poller.
impl Pollable for ExtractV2Job {
    type Id = ExtractJobId;
    type Job = Self;
    type Status = ExtractV2Status;

    fn poll(client: Client, id: ExtractJobId) -> impl Future<Output = Result<Self, Error>> + Send {
        Extract::new(client).get(id)
    }

    fn status(job: &Self) -> &ExtractV2Status {
        &job.status
    }

    fn is_terminal(status: &ExtractV2Status) -> bool {
        status.is_terminal()
    }

    fn timed_out(
        job_id: ExtractJobId,
        waited: Duration,
        last_status: Option<ExtractV2Status>,
    ) -> Error {
        Error::ExtractWaitTimedOut {
            job_id,
            waited,
            last_status,
        }
    }

    fn finished(job: Self) -> Result<Self, Error> {
        finished(job)
    }
}
