//! [`BatchRun`]: the stream a batch is, and what each document goes
//! through (upload, create, wait, data).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::channel::oneshot;
use futures::future::Either;
use futures::{Stream, StreamExt as _, stream};
use llama_cloud_core::FileId;
use tokio::sync::{Notify, Semaphore, watch};
use tokio::time::Instant;

use super::poll::{Batched, Poller};
use super::{Batch, BatchItem, Extracted, JobRef, Progress, Source, Target};
use crate::client::Client;
use crate::error::Error;
use crate::extract::{CreateExtractJob, ExtractV2Job};
use crate::jobs::{CreateBatch, CreateJob};
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
    /// v1 files waiting for their job, created together by one
    /// `jobs/batch` request, and the wake-up of whoever sends it.
    creates: std::sync::Mutex<Vec<(FileId, oneshot::Sender<ExtractJob>)>>,
    create_ready: Notify,
}

/// How many v1 jobs one `jobs/batch` request creates at most.
const JOBS_PER_BATCH_REQUEST: usize = 100;
/// How long the first waiting file waits for others to share its request.
const GATHER: Duration = Duration::from_millis(50);

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
            creates: std::sync::Mutex::new(Vec::new()),
            create_ready: Notify::new(),
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
            let mut next_round = Instant::now() + poll_every;
            loop {
                let round = tokio::time::sleep_until(next_round);
                let create = shared.create_ready.notified();
                futures::pin_mut!(round, create);
                match futures::future::select(round, create).await {
                    Either::Left(_) => {
                        shared.poller.round(&shared.client, &shared.target).await;
                        next_round = Instant::now() + poll_every;
                    }
                    Either::Right(_) => {
                        tokio::time::sleep(GATHER).await;
                        create_waiting(&shared).await;
                    }
                }
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

impl Stage {
    /// The count of the documents at this stage.
    fn count(self, progress: &mut Progress) -> &mut usize {
        match self {
            Self::Queued => &mut progress.queued,
            Self::Uploaded => &mut progress.uploaded,
            Self::Running => &mut progress.running,
        }
    }
}

/// One document, from its source to its item.
async fn document(shared: Arc<Shared>, source: Source) -> BatchItem {
    let key = source.key().to_owned();
    let mut stage = Stage::Queued;
    let mut job = None;
    let result = process(&shared, source, &mut stage, &mut job).await;
    shared.progress.send_modify(|progress| {
        *stage.count(progress) -= 1;
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
    // A slot covers the upload and the job's creation: the requests that
    // carry bodies. Waiting then holds no connection and no slot. The
    // semaphore is never closed, so `acquire` cannot fail.
    let slot = shared.uploads.acquire().await;
    // The requests' futures are boxed, and only ids are kept: a document's
    // own state is what it holds while it waits, for every document in
    // flight, and inline those futures would make it kilobytes.
    let upload = Box::pin(source.into_upload()).await?;
    let file = Box::pin(shared.client.files().upload(upload, FilePurpose::Extract))
        .await?
        .id;
    advance(shared, stage, Stage::Uploaded);
    let create = match &shared.target {
        Target::V1(agent) => {
            // v1 jobs are created together, a request for many files: the
            // slot goes now, so that the next uploads can join the request.
            drop(slot);
            let created = match created_together(shared, file.into()).await {
                Some(created) => created,
                // The shared request failed: this file's own request says
                // why, or succeeds.
                None => {
                    let create = CreateJob::new(*agent, file.into());
                    Box::pin(shared.client.extraction().jobs().create(create)).await?
                }
            };
            *job = Some(JobRef::V1(created.id));
            advance(shared, stage, Stage::Running);
            return Box::pin(v1_data(shared, created)).await;
        }
        Target::V2Schema(schema) => CreateExtractJob::new(file, schema.clone()),
        Target::V2Inline(configuration) => {
            CreateExtractJob::with_configuration(file, (**configuration).clone())
        }
        Target::V2Saved(id) => CreateExtractJob::saved(file, *id),
    };
    let created = Box::pin(shared.client.extract().create(create)).await?;
    drop(slot);
    *job = Some(JobRef::V2(created.id));
    advance(shared, stage, Stage::Running);
    Box::pin(v2_data(shared, created)).await
}

/// The v1 job of `file`, created with the other files waiting by one
/// `jobs/batch` request; `None` when that request failed.
async fn created_together(shared: &Shared, file: FileId) -> Option<ExtractJob> {
    let (sender, receiver) = oneshot::channel();
    if let Ok(mut creates) = shared.creates.lock() {
        creates.push((file, sender));
    }
    shared.create_ready.notify_one();
    receiver.await.ok()
}

/// Sends the `jobs/batch` requests for the files waiting, and hands each its
/// job (in the files' order, as the API answers). On a failed request the
/// files' senders are dropped: each then creates its own job.
async fn create_waiting(shared: &Shared) {
    let Target::V1(agent) = &shared.target else {
        return;
    };
    let waiting = shared
        .creates
        .lock()
        .map(|mut creates| std::mem::take(&mut *creates))
        .unwrap_or_default();
    let mut waiting = waiting.into_iter().peekable();
    while waiting.peek().is_some() {
        let group: Vec<_> = waiting.by_ref().take(JOBS_PER_BATCH_REQUEST).collect();
        let files: Vec<FileId> = group.iter().map(|(file, _)| *file).collect();
        let created = shared
            .client
            .extraction()
            .jobs()
            .create_batch(CreateBatch::new(*agent, files))
            .await;
        match created {
            Ok(jobs) if jobs.len() == group.len() => {
                for ((_, sender), job) in group.into_iter().zip(jobs) {
                    let _ = sender.send(job);
                }
            }
            Ok(_) | Err(_) => {
                tracing::debug!("a batch create failed; each file creates its own job")
            }
        }
    }
}

/// Moves the document to `next`, in the counts too.
fn advance(shared: &Shared, stage: &mut Stage, next: Stage) {
    shared.progress.send_modify(|progress| {
        *stage.count(progress) -= 1;
        *next.count(progress) += 1;
    });
    *stage = next;
}

/// `created` (of id `id`) once it has ended, as a waiter's result
/// ([`Pollable::finished`]): at once when it already has, else when a
/// polling round sees it end, up to the batch's timeout.
async fn finished<J: Batched>(shared: &Shared, id: J::Id, created: J) -> Result<J, Error> {
    let started = Instant::now();
    if J::is_terminal(J::status(&created)) {
        return J::finished(created);
    }
    // Not kept while waiting: the round hands over the job as it ends.
    drop(created);
    let job = J::job_ref(id);
    let receiver = shared.poller.register(job);
    let ended = match tokio::time::timeout(shared.timeout, receiver).await {
        Ok(Ok(ended)) => J::from_ended(ended),
        Ok(Err(_)) | Err(_) => {
            shared.poller.forget(job);
            None
        }
    };
    match ended {
        Some(ended) => J::finished(ended),
        None => Err(J::timed_out(id, started.elapsed(), None)),
    }
}

async fn v2_data(shared: &Shared, created: ExtractV2Job) -> Result<Extracted, Error> {
    let id = created.id;
    let mut done = finished(shared, id, created).await?;
    // A listing may leave the result out; the job itself has it.
    if done.extract_result.is_none() {
        done = Box::pin(shared.client.extract().get(id)).await?;
    }
    Ok(Extracted {
        job: JobRef::V2(id),
        data: done
            .extract_result
            .unwrap_or_else(|| RawJson::from_value(&serde_json::Value::Null)),
    })
}

async fn v1_data(shared: &Shared, created: ExtractJob) -> Result<Extracted, Error> {
    let id = created.id;
    let done = finished(shared, id, created).await?;
    let result = Box::pin(shared.client.extraction().jobs().result(done.id)).await?;
    Ok(Extracted {
        job: JobRef::V1(id),
        data: result
            .data
            .unwrap_or_else(|| RawJson::from_value(&serde_json::Value::Null)),
    })
}
