//! Scripted job lives: PENDING for a while, then a final status.

use std::time::Duration;

use tokio::time::Instant;

/// How long a scripted job stays `PENDING`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// For this many GETs of the job: with `Polls(2)` the first two GETs see `PENDING`
    /// and the third sees the outcome. Once the last pending GET has been answered,
    /// every other read (the job's result, its run, listings) sees the outcome too.
    /// `Polls(0)` ends the job at once.
    Polls(u32),
    /// Until this much time has passed since [`FakeServer::script_job`] was called.
    ///
    /// The clock is tokio's ([`tokio::time::Instant`]), so a test on paused time
    /// (`#[tokio::test(start_paused = true)]`) moves the job along with
    /// `tokio::time::advance` (tokio's `test-util` feature) instead of waiting.
    ///
    /// [`FakeServer::script_job`]: crate::FakeServer::script_job
    For(Duration),
    /// For a time drawn for each job, uniformly between the two bounds, when its
    /// script starts: many jobs with one script end at different times, as real
    /// ones do (for polling-cost measurements, say).
    Between(Duration, Duration),
}

/// The final status a scripted job reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `SUCCESS`.
    Success,
    /// `PARTIAL_SUCCESS`.
    PartialSuccess,
    /// `ERROR`, with this message in the job's `error` field.
    Error(String),
    /// `CANCELLED`.
    Cancelled,
}

impl Outcome {
    /// The wire value of the job's `status` once it has this outcome.
    pub fn status(&self) -> &'static str {
        match self {
            Self::Success => "SUCCESS",
            Self::PartialSuccess => "PARTIAL_SUCCESS",
            Self::Error(_) => "ERROR",
            Self::Cancelled => "CANCELLED",
        }
    }

    /// The wire value of the job's `error`: the message for [`Outcome::Error`], else none.
    pub fn error(&self) -> Option<&str> {
        match self {
            Self::Error(message) => Some(message),
            Self::Success | Self::PartialSuccess | Self::Cancelled => None,
        }
    }
}

/// The life of a job: [`Pending`] first, then an [`Outcome`]. Give it to
/// [`FakeServer::script_job`](crate::FakeServer::script_job).
///
/// ```
/// use std::time::Duration;
/// use llama_cloud_fake::{Outcome, Script};
///
/// // Two polls see PENDING, the third sees SUCCESS.
/// let by_polls = Script::after_polls(2, Outcome::Success);
/// // PENDING for ten (tokio) seconds, then ERROR with a message.
/// let by_time = Script::after(Duration::from_secs(10), Outcome::Error("bad PDF".into()));
/// # let _ = (by_polls, by_time);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pending: Pending,
    outcome: Outcome,
}

impl Script {
    /// A script from its two halves.
    pub fn new(pending: Pending, outcome: Outcome) -> Self {
        Self { pending, outcome }
    }

    /// `PENDING` for `polls` GETs of the job, then `outcome`.
    pub fn after_polls(polls: u32, outcome: Outcome) -> Self {
        Self::new(Pending::Polls(polls), outcome)
    }

    /// `PENDING` until `duration` has passed (tokio time), then `outcome`.
    pub fn after(duration: Duration, outcome: Outcome) -> Self {
        Self::new(Pending::For(duration), outcome)
    }

    /// `PENDING` for a time drawn per job between `shortest` and `longest`
    /// (tokio time), then `outcome`.
    pub fn after_between(shortest: Duration, longest: Duration, outcome: Outcome) -> Self {
        Self::new(Pending::Between(shortest, longest), outcome)
    }
}

/// A script being played: what it has seen so far.
#[derive(Debug)]
pub(crate) struct ScriptRun {
    script: Script,
    polls: u32,
    started: Instant,
    /// How long it stays pending, for the timed kinds (drawn for `Between`).
    pending_for: Duration,
}

impl ScriptRun {
    /// Starts the clock now, so durations count from the `script_job` call.
    pub(crate) fn start(script: Script) -> Self {
        let pending_for = match script.pending {
            Pending::Polls(_) => Duration::ZERO,
            Pending::For(duration) => duration,
            Pending::Between(shortest, longest) => draw(shortest, longest),
        };
        Self {
            script,
            polls: 0,
            started: Instant::now(),
            pending_for,
        }
    }

    /// Counts one GET and says what it sees: `None` while pending.
    pub(crate) fn poll(&mut self) -> Option<&Outcome> {
        self.polls = self.polls.saturating_add(1);
        let done = match self.script.pending {
            Pending::Polls(pending) => self.polls > pending,
            Pending::For(_) | Pending::Between(..) => self.started.elapsed() >= self.pending_for,
        };
        done.then_some(&self.script.outcome)
    }

    /// How many GETs it has counted.
    pub(crate) fn polls(&self) -> u32 {
        self.polls
    }

    /// Says where the job is without counting a GET: its pending GETs have all been
    /// answered (none, for `Polls(0)`), or its duration has run out.
    pub(crate) fn peek(&self) -> Option<&Outcome> {
        let done = match self.script.pending {
            Pending::Polls(pending) => self.polls >= pending,
            Pending::For(_) | Pending::Between(..) => self.started.elapsed() >= self.pending_for,
        };
        done.then_some(&self.script.outcome)
    }
}

/// A duration between the bounds (in either order), uniform to the
/// millisecond; the randomness is a v4 UUID's, which the fake draws anyway.
fn draw(shortest: Duration, longest: Duration) -> Duration {
    let (low, high) = if shortest <= longest {
        (shortest, longest)
    } else {
        (longest, shortest)
    };
    let span = u64::try_from((high - low).as_millis()).unwrap_or(u64::MAX);
    let random = uuid::Uuid::new_v4().as_u64_pair().0;
    low + Duration::from_millis(random % span.saturating_add(1))
}
