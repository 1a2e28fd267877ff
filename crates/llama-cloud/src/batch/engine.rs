//! [`BatchRun`]: the stream a batch is, and what each document goes
//! through (upload, create, wait, data).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures::{Stream, StreamExt as _, stream};
use tokio::sync::{Semaphore, watch};
use tokio::time::Instant;

use super::poll::{Ended, Poller};
use super::{Batch, BatchItem, Extracted, JobRef, Progress, Source, Target};
use crate::client::Client;
use crate::error::Error;
use crate::extract::{CreateExtractJob, ExtractV2Job};
use crate::jobs::CreateJob;
use crate::models::{ExtractJob, FilePurpose, RawJson};

/// A running batch: a [`Stream`] of [`BatchItem`]s in the order the
/// documents finish, and its [`progress`](Self::progress). Dropping it
/// stops the batch: nothing more is uploaded, created or polled.
#[must_use = "a batch does nothing until its stream is read"]
pub struct BatchRun {
    items: Pin<Box<dyn Stream<Item = BatchItem> + Send>>,
    /// The polling rounds; `None` once the items are all out.
    rounds: Option<Pin<Box<dyn Future<Output = ()> + Send>>>,
    progress: watch::Receiver<Progress>,
}

impl std::fmt::Debug for BatchRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchRun")
            .field("progress", &*self.progress.borrow())
            .finish_non_exhaustive()
    }
}

impl BatchRun {
    /// The counts as they change: `changed().await` wakes on each change.
    pub fn progress(&self) -> watch::Receiver<Progress> {
        self.progress.clone()
    }
}

impl Stream for BatchRun {
    type Item = BatchItem;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<BatchItem>> {
        // The rounds run only while the stream is read, on the same task:
        // no task is spawned, so dropping the stream stops them too.
        if let Some(rounds) = self.rounds.as_mut()
            && rounds.as_mut().poll(cx).is_ready()
        {
            self.rounds = None;
        }
        let next = self.items.as_mut().poll_next(cx);
        if let Poll::Ready(None) = next {
            self.rounds = None;
        }
        next
    }
}

/// What every document's future shares.
struct Shared {
    client: Client,
    target: Target,
    uploads: Semaphore,
    poller: Poller,
    timeout: std::time::Duration,
    progress: watch::Sender<Progress>,
}

impl Client {
    /// Runs `batch` over `sources` (see [`batch`](crate::batch)).
    pub fn batch(&self, batch: Batch, sources: impl IntoIterator<Item = Source>) -> BatchRun {
        let Batch {
            target,
            uploads,
            in_flight,
            poll_every,
            timeout,
            ledger,
        } = batch;
        let sources: Vec<Source> = sources.into_iter().collect();
        let total = sources.len();
        let sources: Vec<Source> = match &ledger {
            Some(ledger) => sources
                .into_iter()
                .filter(|source| !ledger.is_done(source.key()))
                .collect(),
            None => sources,
        };
        let (sender, progress) = watch::channel(Progress {
            total,
            skipped: total - sources.len(),
            queued: sources.len(),
            ..Progress::default()
        });
        let shared = Arc::new(Shared {
            client: self.clone(),
            target,
            uploads: Semaphore::new(uploads),
            poller: Poller::default(),
            timeout,
            progress: sender,
        });
        let work = Arc::clone(&shared);
        let items = stream::iter(sources)
            .map(move |source| document(Arc::clone(&work), source))
            .buffer_unordered(in_flight);
        // The ledger is written in the order items come out, one at a time.
        let items = stream::unfold(
            (Box::pin(items), ledger),
            |(mut items, mut ledger)| async move {
                let mut item = items.next().await?;
                if let Some(ledger) = ledger.as_mut()
                    && let Err(error) = ledger.record(&item).await
                    && item.result.is_ok()
                {
                    item.result = Err(error);
                }
                Some((item, (items, ledger)))
            },
        );
        let rounds = async move {
            loop {
                tokio::time::sleep(poll_every).await;
                shared.poller.round(&shared.client, &shared.target).await;
            }
        };
        BatchRun {
            items: Box::pin(items),
            rounds: Some(Box::pin(rounds)),
            progress,
        }
    }
}

/// Where a document is, for the counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Queued,
    Uploaded,
    Running,
}

/// One document, from its source to its item.
async fn document(shared: Arc<Shared>, source: Source) -> BatchItem {
    let key = source.key().to_owned();
    let mut stage = Stage::Queued;
    let mut job = None;
    let result = process(&shared, source, &mut stage, &mut job).await;
    shared.progress.send_modify(|progress| {
        match stage {
            Stage::Queued => progress.queued -= 1,
            Stage::Uploaded => progress.uploaded -= 1,
            Stage::Running => progress.running -= 1,
        }
        match result {
            Ok(_) => progress.done += 1,
            Err(_) => progress.failed += 1,
        }
    });
    BatchItem {
        source: key,
        job,
        result,
    }
}

async fn process(
    shared: &Shared,
    source: Source,
    stage: &mut Stage,
    job: &mut Option<JobRef>,
) -> Result<Extracted, Error> {
    let upload = source.into_upload().await?;
    let file = {
        // The semaphore is never closed: `acquire` cannot fail.
        let _slot = shared.uploads.acquire().await;
        shared
            .client
            .files()
            .upload(upload, FilePurpose::Extract)
            .await?
    };
    advance(shared, stage, Stage::Uploaded);
    let create = match &shared.target {
        Target::V1(agent) => {
            let created = shared
                .client
                .extraction()
                .jobs()
                .create(CreateJob::new(*agent, file.id.into()))
                .await?;
            *job = Some(JobRef::V1(created.id));
            advance(shared, stage, Stage::Running);
            return v1_data(shared, created).await;
        }
        Target::V2Schema(schema) => CreateExtractJob::new(file.id, schema.clone()),
        Target::V2Inline(configuration) => {
            CreateExtractJob::with_configuration(file.id, (**configuration).clone())
        }
        Target::V2Saved(id) => CreateExtractJob::saved(file.id, *id),
    };
    let created = shared.client.extract().create(create).await?;
    *job = Some(JobRef::V2(created.id));
    advance(shared, stage, Stage::Running);
    v2_data(shared, created).await
}

/// Moves the document to `next`, in the counts too.
fn advance(shared: &Shared, stage: &mut Stage, next: Stage) {
    shared.progress.send_modify(|progress| {
        match *stage {
            Stage::Queued => progress.queued -= 1,
            Stage::Uploaded => progress.uploaded -= 1,
            Stage::Running => progress.running -= 1,
        }
        match next {
            Stage::Queued => progress.queued += 1,
            Stage::Uploaded => progress.uploaded += 1,
            Stage::Running => progress.running += 1,
        }
    });
    *stage = next;
}

/// Waits for the poller to see `job` end, up to the batch's timeout.
async fn ended(shared: &Shared, job: JobRef) -> Option<Ended> {
    let receiver = shared.poller.register(job);
    match tokio::time::timeout(shared.timeout, receiver).await {
        Ok(Ok(ended)) => Some(ended),
        Ok(Err(_)) | Err(_) => {
            shared.poller.forget(job);
            None
        }
    }
}

async fn v2_data(shared: &Shared, created: ExtractV2Job) -> Result<Extracted, Error> {
    let started = Instant::now();
    let id = created.id;
    let last = if created.status.is_terminal() {
        created
    } else {
        match ended(shared, JobRef::V2(id)).await {
            Some(Ended::V2(job)) => *job,
            Some(Ended::V1(_)) | None => {
                return Err(Error::ExtractWaitTimedOut {
                    job_id: id,
                    waited: started.elapsed(),
                    last_status: None,
                });
            }
        }
    };
    let mut done = crate::extract::finished(last)?;
    // A listing may leave the result out; the job itself has it.
    if done.extract_result.is_none() {
        done = shared.client.extract().get(id).await?;
    }
    Ok(Extracted {
        job: JobRef::V2(id),
        data: done
            .extract_result
            .unwrap_or_else(|| RawJson::from_value(&serde_json::Value::Null)),
    })
}

async fn v1_data(shared: &Shared, created: ExtractJob) -> Result<Extracted, Error> {
    let started = Instant::now();
    let id = created.id;
    let last = if created.status.is_terminal() {
        created
    } else {
        match ended(shared, JobRef::V1(id)).await {
            Some(Ended::V1(job)) => *job,
            Some(Ended::V2(_)) | None => {
                return Err(Error::WaitTimedOut {
                    job_id: id,
                    waited: started.elapsed(),
                    last_status: None,
                });
            }
        }
    };
    let done = crate::wait::finished(last)?;
    let result = shared.client.extraction().jobs().result(done.id).await?;
    Ok(Extracted {
        job: JobRef::V1(id),
        data: result
            .data
            .unwrap_or_else(|| RawJson::from_value(&serde_json::Value::Null)),
    })
}
