//! [`Runtime`]: the one place every request of every operation goes through,
//! whether the ergonomic crate sends it or the generated client does (its
//! `exec` hook calls [`Runtime::exec`]).
//!
//! Per call it holds: retries with the official clients' rules ([`retry`]),
//! one `Idempotency-Key` for all attempts of a non-GET request, the
//! `x-stainless-retry-count` header on every attempt, redirects
//! ([`redirect`]), the API's [`Credentials`] on requests to its origin
//! only, the per-attempt timeout and the whole call's deadline, the
//! per-call extra headers ([`Overrides`]), a bounded read of the response
//! body, and a `tracing` span per request named by the operation's path
//! template (never the ids in the URL).
//!
//! [`redirect`]: crate::redirect

mod attempt;
mod decide;
mod exchange;

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::FutureExt as _;
use http::Method;
use http::header::{HeaderMap, HeaderName, HeaderValue};
use tracing::Instrument as _;

pub use exchange::{BodyTooLarge, Exchange};

use self::attempt::{record, send_and_read};
use self::decide::{Progress, Step, decide};
use self::exchange::{bare_response, too_large_response};
use crate::credentials::Credentials;
use crate::failure::Failure;
use crate::ids::{OrganizationId, ProjectId};
use crate::observe::{Observation, Seen};
use crate::operation::Operation;
use crate::redirect::DEFAULT_MAX_REDIRECTS;

/// The header telling the server which attempt this is (0 for the first),
/// as the official clients send it.
pub const RETRY_COUNT_HEADER: HeaderName = HeaderName::from_static("x-stainless-retry-count");
/// The header that lets the server recognise a retried non-GET request.
pub const IDEMPOTENCY_KEY_HEADER: HeaderName = HeaderName::from_static("idempotency-key");

/// The runtime of one client: its HTTP client, its settings, its
/// credentials and the overrides of the calls made through it. Cloning is
/// cheap (an `Arc` and the overrides).
#[derive(Clone)]
pub struct Runtime {
    shared: Arc<Shared>,
    overrides: Overrides,
}

struct Shared {
    http: reqwest::Client,
    settings: Settings,
    credentials: Credentials,
}

/// What a runtime does for every call, unless a call overrides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Settings {
    /// How many times a failed request is sent again.
    pub max_retries: u32,
    /// The largest response body read, in bytes.
    pub max_response_bytes: usize,
    /// The timeout of each request; `None` leaves it to the HTTP client.
    pub timeout: Option<Duration>,
    /// How many redirects one attempt follows.
    pub max_redirects: u32,
    /// The longest one call may take, every request, redirect and wait
    /// included; `None` bounds each request only. Each request's timeout is
    /// cut to the time left, so set [`timeout`](Self::timeout) too: without
    /// one, the time left becomes each request's timeout, in place of the
    /// HTTP client's own.
    pub deadline: Option<Duration>,
}

impl Settings {
    /// `max_retries` retries, bodies up to `max_response_bytes`,
    /// [`DEFAULT_MAX_REDIRECTS`] redirects, the HTTP client's timeout and no
    /// deadline.
    pub fn new(max_retries: u32, max_response_bytes: usize) -> Self {
        Self {
            max_retries,
            max_response_bytes,
            timeout: None,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            deadline: None,
        }
    }

    /// These settings with `timeout` for each request.
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// These settings following at most `max_redirects` redirects per
    /// attempt (`0`: none; a redirect is then refused, as
    /// [`RedirectRefusal::TooMany`](crate::RedirectRefusal::TooMany)).
    #[must_use]
    pub fn with_max_redirects(mut self, max_redirects: u32) -> Self {
        self.max_redirects = max_redirects;
        self
    }

    /// These settings with a deadline for each whole call.
    #[must_use]
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }
}

/// Per-call changes to a runtime's behaviour.
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct Overrides {
    /// The timeout of each request, instead of [`Settings::timeout`].
    pub timeout: Option<Duration>,
    /// The retry count, instead of [`Settings::max_retries`].
    pub max_retries: Option<u32>,
    /// The whole call's deadline, instead of [`Settings::deadline`].
    pub deadline: Option<Duration>,
    /// The `project_id` query parameter of every operation that takes one
    /// and whose request has none of its own.
    pub project_id: Option<ProjectId>,
    /// The `organization_id` query parameter, likewise.
    pub organization_id: Option<OrganizationId>,
    /// Headers added to every request.
    pub headers: HeaderMap,
    /// Query parameters added to every request, each replacing any of the
    /// same name the request has: the official clients' `extra_query`.
    pub extra_query: Vec<(String, String)>,
    /// Fields added to every JSON object body, each replacing any of the
    /// same name: the official clients' `extra_body`. A request without a
    /// JSON object body (a GET, a multipart upload) is left as it is.
    pub extra_body: serde_json::Map<String, serde_json::Value>,
}

impl fmt::Debug for Overrides {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header names only: a value may be a credential of its own.
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Overrides")
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("deadline", &self.deadline)
            .field("project_id", &self.project_id)
            .field("organization_id", &self.organization_id)
            .field("headers", &names)
            .field("extra_query", &self.extra_query)
            .field("extra_body", &self.extra_body.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime")
            .field("settings", &self.shared.settings)
            .field("credentials", &self.shared.credentials)
            .field("overrides", &self.overrides)
            .finish_non_exhaustive()
    }
}

impl Runtime {
    /// A runtime sending through `http` with `settings`, adding
    /// `credentials` to requests for the API's origin. Give `http` no
    /// default credential headers and no redirect policy of its own
    /// (`reqwest::redirect::Policy::none()`): the runtime follows redirects
    /// itself, so that credentials never reach another origin.
    pub fn new(http: reqwest::Client, settings: Settings, credentials: Credentials) -> Self {
        Self {
            shared: Arc::new(Shared {
                http,
                settings,
                credentials,
            }),
            overrides: Overrides::default(),
        }
    }

    /// The HTTP client requests are sent with.
    pub fn http(&self) -> &reqwest::Client {
        &self.shared.http
    }

    /// The settings.
    pub fn settings(&self) -> Settings {
        self.shared.settings
    }

    /// The overrides of calls made through this runtime.
    pub fn overrides(&self) -> &Overrides {
        &self.overrides
    }

    /// This runtime with `overrides` instead of its own, sharing the HTTP
    /// client. The override headers are marked sensitive: they may be
    /// credentials, so they stay out of `Debug` output and never follow a
    /// redirect to another origin.
    pub fn with_overrides(&self, mut overrides: Overrides) -> Self {
        for value in overrides.headers.values_mut() {
            value.set_sensitive(true);
        }
        Self {
            shared: Arc::clone(&self.shared),
            overrides,
        }
    }

    /// The `exec` of the generated client: sends `request` (of
    /// `operation`) as [`execute`](Self::execute) does and
    /// hands back the response with its body already read. A body over the
    /// limit comes back as a response whose body fails to read, with the
    /// status kept; a refused redirect comes back as the redirect itself.
    ///
    /// # Errors
    ///
    /// The last request's reqwest error when no request got a response.
    pub fn exec(
        &self,
        request: reqwest::Request,
        operation: &'static Operation,
    ) -> impl Future<Output = reqwest::Result<reqwest::Response>> + Send + '_ {
        // A plain `fn` returning the future, not an `async fn`: an `async
        // fn` keeps its arguments twice in its state, and this state is
        // copied into every call's future. A map, not an `async` block:
        // awaiting the future from a block would hold it twice.
        self.execute_replayable(request, operation)
            .map(|outcome| match outcome {
                Ok(exchange) => Ok(hand_over(exchange, Observation::default())),
                Err(failure) => handed_over_failure(failure),
            })
    }

    /// [`execute`](Self::execute) for a request that is sent again as it
    /// is: each retry or redirect sends a copy of `request`, and none can be
    /// made when its body is a stream.
    ///
    /// # Errors
    ///
    /// As [`execute`](Self::execute).
    pub fn execute_replayable(
        &self,
        request: reqwest::Request,
        operation: &'static Operation,
    ) -> impl Future<Output = Result<Exchange, Failure>> + Send + '_ {
        // Boxed: the spare copy is kept for the whole call, and inline it
        // would grow the call's future.
        let spare = request.try_clone().map(Box::new);
        self.execute(
            request,
            move || spare.as_deref().and_then(reqwest::Request::try_clone),
            operation,
        )
    }

    /// Sends `first` (a request of `operation`), and further requests from
    /// `next` while a redirect
    /// asks for one, or a retry may help and retries are left. `next`
    /// gives a fresh copy of the call's request, or `None` when it cannot
    /// be sent again (as a streamed body cannot). Gives the last response,
    /// whatever its status, with its whole body; its `attempts` counts
    /// every request sent, redirects included.
    ///
    /// # Errors
    ///
    /// [`Failure::Transport`] when the last request got no response (or its
    /// body could not be read), [`Failure::TooLarge`] when its body passed
    /// [`Settings::max_response_bytes`], [`Failure::Redirect`] for a
    /// redirect not followed.
    pub fn execute<'a>(
        &'a self,
        first: reqwest::Request,
        mut next: impl FnMut() -> Option<reqwest::Request> + Send + 'a,
        operation: &'static Operation,
    ) -> impl Future<Output = Result<Exchange, Failure>> + Send + 'a {
        let path = operation.path;
        let settings = self.shared.settings;
        let max_retries = self.overrides.max_retries.unwrap_or(settings.max_retries);
        let deadline = self.overrides.deadline.or(settings.deadline);
        // One key for all attempts: that is what lets the server see them as one.
        let idempotency_key = (first.method() != Method::GET)
            .then(|| HeaderValue::try_from(uuid::Uuid::new_v4().to_string()).ok())
            .flatten();
        // Bound here, outside the block, so the block's state holds the
        // request once (an `async fn` would hold its argument and a copy).
        let mut request = first;
        async move {
            // The deadline counts from the first poll, when the call starts.
            // One too far away to be an instant is no deadline.
            let deadline = deadline.and_then(|limit| {
                tokio::time::Instant::now()
                    .checked_add(limit)
                    .map(|at| (at, limit))
            });
            let (mut sent, mut retries, mut hops) = (0_u32, 0_u32, 0_u32);
            let mut bodiless = false;
            // Without credentials, the first request's origin is the one its
            // own sensitive headers may go to (kept only then: a clone).
            let home = self
                .shared
                .credentials
                .origin()
                .is_none()
                .then(|| request.url().clone());
            loop {
                if hops == 0 {
                    self.scope(&mut request, operation);
                    self.extras(&mut request);
                }
                let bound = self.prepare(&mut request, retries, idempotency_key.as_ref(), deadline);
                self.shared.credentials.apply(&mut request, home.as_ref());
                let method = request.method().clone();
                sent += 1;
                let span = tracing::debug_span!(
                    "llama_cloud.request",
                    http.method = %method,
                    url.path = path,
                    attempt = sent,
                    http.status = tracing::field::Empty,
                    duration_ms = tracing::field::Empty,
                    error = tracing::field::Empty,
                );
                let started = Instant::now();
                // The request runs on the heap: its state is needed only
                // while it runs, and inline it would grow every call's
                // future, which callers move and allocate.
                let outcome = Box::pin(
                    send_and_read(
                        &self.shared.http,
                        request,
                        settings.max_response_bytes,
                        bound,
                    )
                    .instrument(span.clone()),
                )
                .await;
                record(&span, started, &outcome);
                let progress = Progress {
                    method: &method,
                    retries,
                    max_retries,
                    hops,
                    max_redirects: settings.max_redirects,
                    bodiless,
                    deadline: deadline.map(|(at, _)| at),
                };
                let wait = match decide(outcome, &progress, &mut next) {
                    Step::Done(Ok(mut exchange)) => {
                        exchange.attempts = sent;
                        return Ok(exchange);
                    }
                    Step::Done(Err(mut failure)) => {
                        failure.set_attempts(sent);
                        return Err(failure);
                    }
                    Step::Follow {
                        again,
                        bodiless: dropped,
                    } => {
                        request = again;
                        bodiless = dropped;
                        hops += 1;
                        continue;
                    }
                    Step::Retry { wait, again } => {
                        request = again;
                        wait
                    }
                };
                // Info, as the official clients log a retry: rare, and worth
                // seeing without every request.
                tracing::info!(
                    http.method = %method,
                    url.path = path,
                    attempt = sent,
                    wait_ms = wait.as_millis() as u64,
                    "retrying"
                );
                // Boxed for the same reason: most calls never wait.
                Box::pin(tokio::time::sleep(wait)).await;
                retries += 1;
                (hops, bodiless) = (0, false);
            }
        }
    }

    /// Adds the overrides' project and organization to `request` where
    /// `operation` takes them and the request has none of its own.
    fn scope(&self, request: &mut reqwest::Request, operation: &Operation) {
        let pairs = [
            (
                "project_id",
                self.overrides.project_id.map(|id| id.to_string()),
            ),
            (
                "organization_id",
                self.overrides.organization_id.map(|id| id.to_string()),
            ),
        ];
        for (name, value) in pairs {
            let Some(value) = value.filter(|_| operation.takes(name)) else {
                continue;
            };
            let url = request.url_mut();
            if !url.query_pairs().any(|(key, _)| key == name) {
                url.query_pairs_mut().append_pair(name, &value);
            }
        }
    }

    /// Adds the overrides' extra query parameters and body fields.
    fn extras(&self, request: &mut reqwest::Request) {
        let overrides = &self.overrides;
        if !overrides.extra_query.is_empty() {
            let url = request.url_mut();
            let kept: Vec<(String, String)> = url
                .query_pairs()
                .filter(|(key, _)| !overrides.extra_query.iter().any(|(name, _)| name == key))
                .map(|(key, value)| (key.into_owned(), value.into_owned()))
                .collect();
            url.query_pairs_mut()
                .clear()
                .extend_pairs(kept.iter().chain(&overrides.extra_query));
        }
        if overrides.extra_body.is_empty() {
            return;
        }
        let merged = request
            .body()
            .and_then(reqwest::Body::as_bytes)
            .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(bytes).ok())
            .and_then(|body| match body {
                serde_json::Value::Object(mut fields) => {
                    fields.extend(overrides.extra_body.clone());
                    serde_json::to_vec(&fields).ok()
                }
                _ => None,
            });
        if let Some(bytes) = merged {
            *request.body_mut() = Some(bytes.into());
        }
    }

    /// Readies `request` for retry number `retries`: the retry count, the
    /// idempotency key, the per-call headers, and its timeout, which the
    /// call's `deadline` shortens when less time is left. Gives the
    /// deadline when it is what bounds this request.
    fn prepare(
        &self,
        request: &mut reqwest::Request,
        retries: u32,
        idempotency_key: Option<&HeaderValue>,
        deadline: Option<(tokio::time::Instant, Duration)>,
    ) -> Option<(tokio::time::Instant, Duration)> {
        let headers = request.headers_mut();
        headers.insert(RETRY_COUNT_HEADER, retry_count(retries));
        if let Some(key) = idempotency_key {
            headers.insert(IDEMPOTENCY_KEY_HEADER, key.clone());
        }
        // A per-call header replaces one of the same name the request
        // already has (the generated client's `accept`, say), rather than
        // sending both.
        for name in self.overrides.headers.keys() {
            headers.remove(name);
        }
        for (name, value) in &self.overrides.headers {
            headers.append(name, value.clone());
        }
        let mut timeout = self.overrides.timeout.or(self.shared.settings.timeout);
        let mut bound = None;
        if let Some((at, limit)) = deadline {
            let left = at.saturating_duration_since(tokio::time::Instant::now());
            if timeout.is_none_or(|timeout| left < timeout) {
                timeout = Some(left);
                bound = Some((at, limit));
            }
        }
        if let Some(timeout) = timeout {
            *request.timeout_mut() = Some(timeout);
        }
        bound
    }
}

/// A call that ended without a usable response, as the generated client
/// is handed it: the transport error itself, or a response standing for
/// the body over the limit or the refused redirect. Out of line: most
/// calls never fail.
#[cold]
#[inline(never)]
fn handed_over_failure(failure: Failure) -> reqwest::Result<reqwest::Response> {
    match failure {
        Failure::Transport {
            source,
            kind,
            attempts,
        } => {
            crate::observe::record(Observation {
                attempts,
                transport: Some(kind),
                ..Observation::default()
            });
            Err(source)
        }
        Failure::TooLarge {
            status,
            limit,
            attempts,
        } => {
            crate::observe::record(Observation {
                attempts,
                too_large: Some((status, limit)),
                ..Observation::default()
            });
            Ok(too_large_response(status, limit))
        }
        Failure::Redirect {
            refusal,
            response,
            attempts,
        } => {
            let mut exchange = *response;
            exchange.attempts = attempts;
            let seen = Observation {
                redirect: Some(refusal),
                ..Observation::default()
            };
            Ok(hand_over(exchange, seen))
        }
    }
}

/// An exchange as the `reqwest` response the generated client decodes.
/// Inside [`observe`](crate::observe), the observation gets the headers and
/// body (moved, not copied) and the response carries the status and body
/// only; outside it, the response carries everything.
fn hand_over(exchange: Exchange, mut observation: Observation) -> reqwest::Response {
    if !crate::observe::is_observed() {
        return exchange.into_response();
    }
    let response = bare_response(exchange.status, exchange.body.clone(), exchange.url);
    observation.attempts = exchange.attempts;
    observation.response = Some(Seen {
        status: exchange.status,
        headers: exchange.headers,
        body: exchange.body,
    });
    crate::observe::record(observation);
    response
}

/// The retry-count header's value for `retries`: the counts a call
/// reaches with the default settings come from static text, with no
/// allocation.
fn retry_count(retries: u32) -> HeaderValue {
    const COUNTS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    match COUNTS.get(retries as usize) {
        Some(count) => HeaderValue::from_static(count),
        None => HeaderValue::from(retries),
    }
}

#[cfg(test)]
mod tests {
    use super::retry_count;

    #[test]
    fn retry_counts_are_decimal_text_at_any_size() {
        assert_eq!(retry_count(0), "0");
        assert_eq!(retry_count(9), "9");
        assert_eq!(retry_count(10), "10");
        assert_eq!(retry_count(u32::MAX), "4294967295");
    }
}
