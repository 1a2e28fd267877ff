//! [`observe`]: what the runtime saw while a call ran, for a caller that
//! needs more than the generated client hands back.
//!
//! The generated client's `exec` hook can return only a `reqwest` result,
//! and its errors keep neither the attempt count nor, when an error body
//! does not decode, the status and body. The ergonomic crate wants all of
//! it: an error that names the status, FastAPI's `detail`, the request id
//! and how many attempts were made. So [`Runtime::exec`](crate::Runtime::exec)
//! records each call's last exchange in a task-local [`Observation`], when
//! the call runs inside [`observe`]; outside it, nothing is recorded.

use std::cell::RefCell;
use std::future::Future;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

tokio::task_local! {
    static OBSERVATION: RefCell<Observation>;
}

/// What the runtime saw of one call.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Observation {
    /// How many attempts were made (0 when none was).
    pub attempts: u32,
    /// The last response, with its whole body, when there was one that
    /// fitted the limit.
    pub response: Option<Seen>,
    /// When the last response's body was over the limit: its status and
    /// the limit in bytes.
    pub too_large: Option<(StatusCode, usize)>,
}

/// A response as the runtime read it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Seen {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Bytes,
}

/// Runs `call`, recording what the runtime sees of the request it makes.
/// A call that makes several requests records the last.
pub async fn observe<F: Future>(call: F) -> (F::Output, Observation) {
    OBSERVATION
        .scope(RefCell::new(Observation::default()), async move {
            let output = call.await;
            let observation = OBSERVATION.with(|cell| cell.take());
            (output, observation)
        })
        .await
}

/// Records `observation` for the call in progress, if it is observed.
pub(crate) fn record(observation: Observation) {
    let _ = OBSERVATION.try_with(|cell| *cell.borrow_mut() = observation);
}
