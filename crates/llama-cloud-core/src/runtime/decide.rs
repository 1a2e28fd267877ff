//! What follows a request: the call ends, a redirect is followed, or the
//! request is sent again after a wait. A plain function, so nothing of an
//! attempt's outcome stays in the call's state across that wait.

use std::time::{Duration, SystemTime};

use http::Method;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, TRANSFER_ENCODING};

use super::Exchange;
use crate::failure::Failure;
use crate::redirect::{self, Hop};
use crate::retry;

/// What follows a request.
pub(super) enum Step {
    /// The call ends with this.
    Done(Result<Exchange, Failure>),
    /// Send `again`, which a redirect asked for, now; `bodiless` when it
    /// carries no body (a redirect turned it into a `GET`).
    Follow {
        again: reqwest::Request,
        bodiless: bool,
    },
    /// Send `again` after `wait`.
    Retry {
        wait: Duration,
        again: reqwest::Request,
    },
}

/// Where the call stands when a request has ended.
pub(super) struct Progress<'a> {
    /// The method of the request that just ended.
    pub(super) method: &'a Method,
    /// Retries made so far.
    pub(super) retries: u32,
    /// Retries allowed.
    pub(super) max_retries: u32,
    /// Redirects this attempt has followed.
    pub(super) hops: u32,
    /// Redirects one attempt may follow.
    pub(super) max_redirects: u32,
    /// Whether a redirect of this attempt already dropped the body.
    pub(super) bodiless: bool,
    /// When the call's deadline passes, if it has one.
    pub(super) deadline: Option<tokio::time::Instant>,
}

/// Decides what follows `outcome`. A redirect is followed when `next`
/// gives the request to send again (it cannot for a streamed body: the
/// redirect is then the answer); a retry is made when it may help, retries
/// are left, its wait ends before the deadline, and `next` gives a request.
pub(super) fn decide(
    outcome: Result<Exchange, Failure>,
    progress: &Progress<'_>,
    next: &mut impl FnMut() -> Option<reqwest::Request>,
) -> Step {
    // Most requests end here: a success is neither followed nor retried.
    // The rest is out of line, so that the code a call runs stays small.
    match outcome {
        Ok(exchange) if exchange.status.is_success() => Step::Done(Ok(exchange)),
        outcome => decide_otherwise(outcome, progress, next),
    }
}

/// [`decide`] for a response that is not a success, or no response.
#[cold]
#[inline(never)]
fn decide_otherwise(
    outcome: Result<Exchange, Failure>,
    progress: &Progress<'_>,
    next: &mut impl FnMut() -> Option<reqwest::Request>,
) -> Step {
    debug_assert!(
        outcome
            .as_ref()
            .map_or(true, |exchange| !exchange.status.is_success()),
        "a success never gets here: it is neither followed nor retried"
    );
    let outcome = match outcome {
        Ok(exchange) => match redirect::next_hop(
            exchange.status,
            &exchange.headers,
            &exchange.url,
            progress.method,
            progress.hops,
            progress.max_redirects,
        ) {
            None => Ok(exchange),
            Some(Err(refusal)) => {
                return Step::Done(Err(Failure::Redirect {
                    refusal,
                    response: Box::new(exchange),
                    attempts: 0,
                }));
            }
            Some(Ok(hop)) => match next() {
                Some(again) => return redirected(again, hop, progress.bodiless),
                None => Ok(exchange),
            },
        },
        failure => failure,
    };
    let retry_hint = match &outcome {
        Ok(exchange) => retry::should_retry_response(exchange.status, &exchange.headers)
            .then_some(Some(&exchange.headers)),
        Err(Failure::Transport { kind, .. }) => kind.is_retryable().then_some(None),
        Err(Failure::TooLarge { status, .. }) => {
            retry::should_retry_response(*status, &HeaderMap::new()).then_some(None)
        }
        Err(Failure::Redirect { .. }) => None,
    };
    let wait = retry_hint
        .filter(|_| progress.retries < progress.max_retries)
        .map(|headers| retry::wait(progress.retries, headers, SystemTime::now()))
        // A wait that would end past the deadline is not made: the call
        // ends with what would have been retried.
        .filter(|wait| {
            progress
                .deadline
                .is_none_or(|at| tokio::time::Instant::now() + *wait < at)
        });
    match wait.and_then(|wait| Some((wait, next()?))) {
        Some((wait, again)) => Step::Retry { wait, again },
        None => Step::Done(outcome),
    }
}

/// `again` (a fresh copy of the call's request) sent where `hop` says, as
/// `hop` says; without its body when this hop or an earlier one dropped it.
fn redirected(mut again: reqwest::Request, hop: Hop, bodiless: bool) -> Step {
    let bodiless = bodiless || !hop.keep_body;
    *again.url_mut() = hop.url;
    *again.method_mut() = hop.method;
    if bodiless {
        *again.body_mut() = None;
        let headers = again.headers_mut();
        for name in [CONTENT_TYPE, CONTENT_LENGTH, TRANSFER_ENCODING] {
            headers.remove(name);
        }
    }
    Step::Follow { again, bodiless }
}
