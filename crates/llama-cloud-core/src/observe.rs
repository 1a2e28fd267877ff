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
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use crate::failure::TransportKind;
use crate::redirect::RedirectRefusal;

tokio::task_local! {
    static OBSERVATION: RefCell<Observation>;
}

/// What the runtime saw of one call.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Observation {
    /// How many requests were sent, redirects included (0 when none was).
    pub attempts: u32,
    /// The last response, with its whole body, when there was one that
    /// fitted the limit.
    pub response: Option<Seen>,
    /// When the last response's body was over the limit: its status and
    /// the limit in bytes.
    pub too_large: Option<(StatusCode, usize)>,
    /// When the last request got no response: which way it failed.
    pub transport: Option<TransportKind>,
    /// When the last response was a redirect that was not followed: why.
    pub redirect: Option<RedirectRefusal>,
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
/// A call that makes several requests records the last. Inside `observe`,
/// the response the generated client decodes carries the status and body
/// only: the headers are in the observation (moved, not copied).
pub fn observe<F: Future>(call: F) -> Observed<F> {
    Observed {
        inner: OBSERVATION.scope(RefCell::new(Observation::default()), call),
    }
}

pin_project_lite::pin_project! {
    /// The future [`observe`] returns: the call's output and its
    /// [`Observation`]. A type of its own rather than an `async` block, so
    /// that it is the size of the call's future, not twice it.
    pub struct Observed<F: Future> {
        #[pin]
        inner: tokio::task::futures::TaskLocalFuture<RefCell<Observation>, F>,
    }
}

impl<F: Future> Future for Observed<F> {
    type Output = (F::Output, Observation);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut inner = self.project().inner;
        let Poll::Ready(output) = inner.as_mut().poll(cx) else {
            return Poll::Pending;
        };
        let observation = inner
            .take_value()
            .map(RefCell::into_inner)
            .unwrap_or_default();
        Poll::Ready((output, observation))
    }
}

impl<F: Future> std::fmt::Debug for Observed<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Observed").finish_non_exhaustive()
    }
}

/// Records `observation` for the call in progress, if it is observed.
pub(crate) fn record(observation: Observation) {
    let _ = OBSERVATION.try_with(|cell| *cell.borrow_mut() = observation);
}

/// Whether the call in progress runs inside [`observe`]: its observer then
/// takes the response's headers from the observation, and the response
/// handed to the generated client need not carry them too.
pub(crate) fn is_observed() -> bool {
    OBSERVATION.try_with(|_| ()).is_ok()
}
