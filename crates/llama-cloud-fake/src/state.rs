//! The state shared by the [`FakeServer`](crate::FakeServer) handle and its handlers.

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
    log: Mutex<Vec<RecordedRequest>>,
}

impl Shared {
    pub(crate) fn new(api_key: String) -> Self {
        Self {
            api_key,
            store: Mutex::default(),
            faults: Mutex::default(),
            log: Mutex::default(),
        }
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    pub(crate) fn faults(&self) -> MutexGuard<'_, FaultQueue> {
        lock(&self.faults)
    }

    pub(crate) fn log(&self) -> MutexGuard<'_, Vec<RecordedRequest>> {
        lock(&self.log)
    }
}

/// A panic elsewhere (a failing test thread) poisons nothing the fake cares about: every
/// critical section leaves its data consistent, so take the data back and go on.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
