//! The polling loop behind every wait: v1's `jobs().watch()` and v2's
//! `extract().watch()`, one loop for both.
//!
//! A [`Pollable`] says how to fetch a job and read its status; [`watch`]
//! polls on a [`WaitOptions`] schedule and yields the job each time its
//! status changes, ending after a final one or with the kind's timeout
//! error. A poll answered 429 (once the client's own retries are spent)
//! waits at least the server's `Retry-After` and carries on; any other
//! error ends the stream. The timeout bounds each poll too, so a slow
//! server cannot stretch a wait past it. The stream is lazy: dropping it
//! stops the polling.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use futures::{Stream, stream};
use tokio::time::Instant;

use crate::client::Client;
use crate::error::Error;
use crate::wait::WaitOptions;

/// A kind of job a wait can poll.
pub(crate) trait Pollable: 'static {
    /// The job's id.
    type Id: Copy + fmt::Display + Send + Sync + 'static;
    /// The job, as a poll answers it.
    type Job: Send + 'static;
    /// Its status.
    type Status: Clone + PartialEq + fmt::Display + Send + Sync + 'static;

    /// Fetches the job once.
    fn poll(client: Client, id: Self::Id) -> impl Future<Output = Result<Self::Job, Error>> + Send;
    /// The job's status.
    fn status(job: &Self::Job) -> &Self::Status;
    /// Whether `status` is final.
    fn is_terminal(status: &Self::Status) -> bool;
    /// The error for a wait that gave up after `waited`.
    fn timed_out(id: Self::Id, waited: Duration, last_status: Option<Self::Status>) -> Error;
    /// A job that has ended, as the waiter's result: success, or the
    /// failure as its typed error.
    fn finished(job: Self::Job) -> Result<Self::Job, Error>;
}

/// Waits for the job to end (see [`watch`]); its end as
/// [`Pollable::finished`] says.
pub(crate) async fn wait<P: Pollable>(
    client: Client,
    id: P::Id,
    options: WaitOptions,
) -> Result<P::Job, Error> {
    let updates = watch::<P>(client, id, options);
    futures::pin_mut!(updates);
    let mut last = None;
    while let Some(update) = futures::StreamExt::next(&mut updates).await {
        last = Some(update?);
    }
    // `watch` ends only after a job that has ended, or an error.
    match last {
        Some(job) => P::finished(job),
        None => Err(P::timed_out(id, options.timeout, None)),
    }
}

/// The job each time its status changes, until it finishes (see the
/// module docs).
pub(crate) fn watch<P: Pollable>(
    client: Client,
    id: P::Id,
    options: WaitOptions,
) -> impl Stream<Item = Result<P::Job, Error>> + Send + use<P> {
    let watch = Watch::<P> {
        client,
        id,
        options,
        started: Instant::now(),
        interval: options.first_poll_after,
        last_status: None,
        done: false,
    };
    stream::unfold(watch, Watch::next)
}

/// The polling state behind [`watch`].
struct Watch<P: Pollable> {
    client: Client,
    id: P::Id,
    options: WaitOptions,
    started: Instant,
    interval: Duration,
    last_status: Option<P::Status>,
    done: bool,
}

impl<P: Pollable> Watch<P> {
    async fn next(mut self) -> Option<(Result<P::Job, Error>, Self)> {
        if self.done {
            return None;
        }
        // A timeout too long to add to the clock (`Duration::MAX`) means no
        // deadline, not a panic.
        let deadline = self.started.checked_add(self.options.timeout);
        loop {
            let now = Instant::now();
            let left = deadline.map(|deadline| deadline.saturating_duration_since(now));
            if left == Some(Duration::ZERO) {
                self.done = true;
                let error = P::timed_out(self.id, now - self.started, self.last_status.clone());
                return Some((Err(error), self));
            }
            tokio::time::sleep(left.map_or(self.interval, |left| self.interval.min(left))).await;
            // The deadline bounds the poll too: a slow server must not stretch
            // the wait past its timeout by the request's own timeouts and retries.
            let poll = P::poll(self.client.clone(), self.id);
            let polled = match deadline {
                Some(deadline) => match tokio::time::timeout_at(deadline, poll).await {
                    Ok(polled) => polled,
                    Err(_elapsed) => continue,
                },
                None => poll.await,
            };
            self.interval = self.options.next_interval(self.interval);
            let job = match polled {
                Ok(job) => job,
                Err(error) if error.is_rate_limited() => {
                    // The client's own retries are spent: keep polling, but
                    // no sooner than the server asked.
                    if let Some(hint) = error.retry_after() {
                        self.interval = self.interval.max(hint);
                    }
                    continue;
                }
                Err(error) => {
                    self.done = true;
                    return Some((Err(error), self));
                }
            };
            let status = P::status(&job);
            tracing::debug!(job_id = %self.id, %status, "polled job");
            let changed = self.last_status.as_ref() != Some(status);
            self.last_status = Some(status.clone());
            if P::is_terminal(status) {
                self.done = true;
                return Some((Ok(job), self));
            }
            if changed {
                return Some((Ok(job), self));
            }
        }
    }
}
