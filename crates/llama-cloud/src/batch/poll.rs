//! The batch's poller: one round asks about every job in flight with a few
//! listing requests, and hands each job that has ended to its document.

use std::collections::HashMap;
use std::sync::Mutex;

use futures::channel::oneshot;

use super::{JobRef, Target};
use crate::client::Client;
use crate::extract::ExtractV2Job;
use crate::extract::ListExtractJobs;
use crate::models::ExtractJob;
use crate::poller::Pollable;

/// How many v2 jobs one listing request asks about: their ids go in the
/// query string, 44 characters each.
const IDS_PER_REQUEST: usize = 50;

/// A job as the round that saw it end found it.
#[derive(Debug)]
pub(super) enum Ended {
    V2(Box<ExtractV2Job>),
    V1(Box<ExtractJob>),
}

/// A kind of job a batch waits for: what the poller knows it by, and how
/// it hands it over. The rest (its status, its end as a result, a wait
/// that gave up) is the [`Pollable`] every waiter uses.
pub(super) trait Batched: Pollable<Job = Self> + Sized {
    /// The poller's name for the job of `id`.
    fn job_ref(id: Self::Id) -> JobRef;
    /// The job in `ended`, when it is of this kind.
    fn from_ended(ended: Ended) -> Option<Self>;
}

impl Batched for ExtractV2Job {
    fn job_ref(id: Self::Id) -> JobRef {
        JobRef::V2(id)
    }

    fn from_ended(ended: Ended) -> Option<Self> {
        match ended {
            Ended::V2(job) => Some(*job),
            Ended::V1(_) => None,
        }
    }
}

impl Batched for ExtractJob {
    fn job_ref(id: Self::Id) -> JobRef {
        JobRef::V1(id)
    }

    fn from_ended(ended: Ended) -> Option<Self> {
        match ended {
            Ended::V1(job) => Some(*job),
            Ended::V2(_) => None,
        }
    }
}

/// The jobs in flight, each with where to send it once it has ended.
#[derive(Debug, Default)]
pub(super) struct Poller {
    waiting: Mutex<HashMap<JobRef, oneshot::Sender<Ended>>>,
}

impl Poller {
    /// Waits for `job` to end: the receiver gets it from the round that
    /// sees it so.
    pub(super) fn register(&self, job: JobRef) -> oneshot::Receiver<Ended> {
        let (sender, receiver) = oneshot::channel();
        if let Ok(mut waiting) = self.waiting.lock() {
            waiting.insert(job, sender);
        }
        receiver
    }

    /// Stops asking about `job` (its document gave up on it).
    pub(super) fn forget(&self, job: JobRef) {
        if let Ok(mut waiting) = self.waiting.lock() {
            waiting.remove(&job);
        }
    }

    /// The jobs in flight now.
    fn in_flight(&self) -> Vec<JobRef> {
        self.waiting
            .lock()
            .map(|waiting| waiting.keys().copied().collect())
            .unwrap_or_default()
    }

    /// Hands `ended` over, when its document still waits for it.
    fn deliver(&self, job: JobRef, ended: Ended) {
        let sender = self
            .waiting
            .lock()
            .ok()
            .and_then(|mut waiting| waiting.remove(&job));
        if let Some(sender) = sender {
            // A document that stopped waiting (its stream dropped) is fine.
            let _ = sender.send(ended);
        }
    }

    /// One round: v2 jobs by their ids, 50 a request; v1 jobs by one
    /// listing of the agent's jobs. A request that fails leaves its jobs
    /// for the next round (the client has retried it already).
    pub(super) async fn round(&self, client: &Client, target: &Target) {
        let jobs = self.in_flight();
        if jobs.is_empty() {
            return;
        }
        match target {
            Target::V1(agent) => {
                let listed = client.extraction().jobs().list(*agent).await;
                match listed {
                    Ok(listed) => {
                        for job in listed {
                            if job.status.is_terminal() {
                                self.deliver(JobRef::V1(job.id), Ended::V1(Box::new(job)));
                            }
                        }
                    }
                    Err(error) => {
                        tracing::debug!(%error, "batch poll failed; trying again next round")
                    }
                }
            }
            Target::V2Schema(_) | Target::V2Inline(_) | Target::V2Saved(_) => {
                let ids: Vec<_> = jobs
                    .iter()
                    .filter_map(|job| match job {
                        JobRef::V2(id) => Some(*id),
                        JobRef::V1(_) => None,
                    })
                    .collect();
                for chunk in ids.chunks(IDS_PER_REQUEST) {
                    let filter = ListExtractJobs::new()
                        .job_ids(chunk.iter().copied())
                        .page_size(u32::try_from(chunk.len()).unwrap_or(u32::MAX));
                    match client.extract().list_page(filter, None).await {
                        Ok(page) => {
                            for job in page.items {
                                if job.status.is_terminal() {
                                    self.deliver(JobRef::V2(job.id), Ended::V2(Box::new(job)));
                                }
                            }
                        }
                        Err(error) => {
                            tracing::debug!(%error, "batch poll failed; trying again next round");
                        }
                    }
                }
            }
        }
    }
}
