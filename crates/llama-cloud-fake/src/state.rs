//! The state shared by the [`FakeServer`](crate::FakeServer) handle and its handlers.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::faults::FaultQueue;
use crate::record::RecordedRequest;
use crate::store::Store;

/// One lock per concern, each held only for a few map operations and never across an
/// `.await`, so std's `Mutex` is enough and tests can seed from synchronous code.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) api_key: String,
    store: Mutex<Store>,
    faults: Mutex<FaultQueue>,
    log: Mutex<RequestLog>,
}

/// The requests received, as a ring: the newest `capacity` are kept, so a
/// long-running fake does not grow without bound.
#[derive(Debug)]
pub(crate) struct RequestLog {
    entries: VecDeque<RecordedRequest>,
    capacity: usize,
    dropped: u64,
}

impl RequestLog {
    /// Records `request`, forgetting the oldest one when full.
    pub(crate) fn push(&mut self, request: RecordedRequest) {
        if self.capacity == 0 {
            self.dropped += 1;
            return;
        }
        if self.entries.len() == self.capacity {
            self.entries.pop_front();
            self.dropped += 1;
        }
        self.entries.push_back(request);
    }

    /// The kept requests, oldest first.
    pub(crate) fn to_vec(&self) -> Vec<RecordedRequest> {
        self.entries.iter().cloned().collect()
    }

    /// How many requests were forgotten to keep the log within its capacity.
    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Forgets every request (and resets the count of forgotten ones).
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
        self.dropped = 0;
    }
}

impl Shared {
    pub(crate) fn new(api_key: String, log_capacity: usize) -> Self {
        Self {
            api_key,
            store: Mutex::default(),
            faults: Mutex::default(),
            log: Mutex::new(RequestLog {
                entries: VecDeque::with_capacity(log_capacity.min(1024)),
                capacity: log_capacity,
                dropped: 0,
            }),
        }
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    pub(crate) fn faults(&self) -> MutexGuard<'_, FaultQueue> {
        lock(&self.faults)
    }

    pub(crate) fn log(&self) -> MutexGuard<'_, RequestLog> {
        lock(&self.log)
    }
}

/// A panic elsewhere (a failing test thread) poisons nothing the fake cares about: every
/// critical section leaves its data consistent, so take the data back and go on.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
