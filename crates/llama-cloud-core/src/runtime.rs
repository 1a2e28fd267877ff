//! [`Runtime`]: the one place every request of every operation goes through,
//! whether the ergonomic crate sends it or the generated client does (its
//! `exec` hook calls [`Runtime::exec`]).
//!
//! Per call it holds: retries with the official clients' rules ([`retry`]),
//! one `Idempotency-Key` for all attempts of a non-GET request, the
//! `x-stainless-retry-count` header on every attempt, the per-call timeout
//! and extra headers ([`Overrides`]), a bounded read of the response body,
//! and a `tracing` span per attempt named by the operation's path template
//! (never the ids in the URL).

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::{Bytes, BytesMut};
use futures::FutureExt as _;
use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::{Method, StatusCode, Version};
use tracing::Instrument as _;

use crate::observe::{Observation, Seen};
use crate::retry;

/// The header telling the server which attempt this is (0 for the first),
/// as the official clients send it.
pub const RETRY_COUNT_HEADER: HeaderName = HeaderName::from_static("x-stainless-retry-count");
/// The header that lets the server recognise a retried non-GET request.
pub const IDEMPOTENCY_KEY_HEADER: HeaderName = HeaderName::from_static("idempotency-key");

/// The runtime of one client: its HTTP client, its settings and the
/// overrides of the calls made through it. Cloning is cheap (an `Arc` and
/// the overrides).
#[derive(Clone)]
pub struct Runtime {
    shared: Arc<Shared>,
    overrides: Overrides,
}

struct Shared {
    http: reqwest::Client,
    settings: Settings,
}

/// What a runtime does for every call, unless a call overrides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Settings {
    /// How many times a failed request is sent again.
    pub max_retries: u32,
    /// The largest response body read, in bytes.
    pub max_response_bytes: usize,
}

impl Settings {
    /// `max_retries` retries, bodies up to `max_response_bytes`.
    pub fn new(max_retries: u32, max_response_bytes: usize) -> Self {
        Self {
            max_retries,
            max_response_bytes,
        }
    }
}

/// Per-call changes to a runtime's behaviour.
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct Overrides {
    /// The timeout of each attempt, instead of the HTTP client's.
    pub timeout: Option<Duration>,
    /// The retry count, instead of [`Settings::max_retries`].
    pub max_retries: Option<u32>,
    /// Headers added to every attempt.
    pub headers: HeaderMap,
}

impl fmt::Debug for Overrides {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header names only: a value may be a credential of its own.
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Overrides")
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("headers", &names)
            .finish()
    }
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime")
            .field("settings", &self.shared.settings)
            .field("overrides", &self.overrides)
            .finish_non_exhaustive()
    }
}

/// A response as the runtime read it: the whole body, within the limit.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Exchange {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Bytes,
    /// The URL that answered (after redirects).
    pub url: reqwest::Url,
    /// The HTTP version.
    pub version: Version,
    /// How many attempts the call made, this one included.
    pub attempts: u32,
}

impl Exchange {
    /// The exchange as a `reqwest::Response` whose body is the bytes read.
    pub fn into_response(self) -> reqwest::Response {
        use reqwest::ResponseBuilderExt as _;
        let builder = http::Response::builder()
            .status(self.status)
            .version(self.version)
            .url(self.url);
        let mut response = match builder.body(reqwest::Body::from(self.body.clone())) {
            Ok(response) => response,
            // Status, version and URL come from a response already received:
            // building from them cannot fail, but if it did the body and
            // status still go back.
            Err(_) => {
                let mut response = http::Response::new(reqwest::Body::from(self.body));
                *response.status_mut() = self.status;
                response
            }
        };
        *response.headers_mut() = self.headers;
        reqwest::Response::from(response)
    }
}

/// Why a call got no response the runtime could hand back. Exhaustive on
/// purpose: a caller maps every kind to an error of its own.
#[derive(Debug)]
pub enum Failure {
    /// The request could not be sent, or its response not read: a
    /// connection failure, a timeout, a protocol error.
    Transport {
        /// What reqwest reported.
        source: reqwest::Error,
        /// How many attempts the call made.
        attempts: u32,
    },
    /// The response body was larger than the limit.
    TooLarge {
        /// The status of the response whose body was too large.
        status: StatusCode,
        /// The limit, in bytes.
        limit: usize,
        /// How many attempts the call made.
        attempts: u32,
    },
}

impl Failure {
    fn set_attempts(&mut self, count: u32) {
        match self {
            Self::Transport { attempts, .. } | Self::TooLarge { attempts, .. } => *attempts = count,
        }
    }
}

impl Runtime {
    /// A runtime sending through `http` (which carries the key, the user
    /// agent and the timeouts) with `settings`.
    pub fn new(http: reqwest::Client, settings: Settings) -> Self {
        Self {
            shared: Arc::new(Shared { http, settings }),
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
    /// client.
    pub fn with_overrides(&self, overrides: Overrides) -> Self {
        Self {
            shared: Arc::clone(&self.shared),
            overrides,
        }
    }

    /// The `exec` of the generated client: sends `request` (an operation on
    /// `path`, its OpenAPI template) as [`execute`](Self::execute) does and
    /// hands back the response with its body already read. A body over the
    /// limit comes back as a response whose body fails to read, with the
    /// status kept.
    ///
    /// # Errors
    ///
    /// The last attempt's reqwest error when no attempt got a response.
    pub fn exec(
        &self,
        request: reqwest::Request,
        path: &'static str,
    ) -> impl Future<Output = reqwest::Result<reqwest::Response>> + Send + '_ {
        // A plain `fn` returning the block, not an `async fn`: an `async fn`
        // keeps its arguments twice in its state, and this state is copied
        // into every call's future.
        // Boxed: the spare copy for retries is kept for the whole call,
        // and inline it would add its size to the call's future.
        let spare = request.try_clone().map(Box::new);
        let execute = self.execute(
            request,
            move || spare.as_deref().and_then(reqwest::Request::try_clone),
            path,
        );
        // A map, not an `async` block: awaiting the future from a block
        // would hold it twice.
        execute.map(|outcome| match outcome {
            Ok(exchange) if crate::observe::is_observed() => {
                let response = bare_response(exchange.status, exchange.body.clone(), exchange.url);
                crate::observe::record(Observation {
                    attempts: exchange.attempts,
                    response: Some(Seen {
                        status: exchange.status,
                        headers: exchange.headers,
                        body: exchange.body,
                    }),
                    too_large: None,
                });
                Ok(response)
            }
            Ok(exchange) => Ok(exchange.into_response()),
            Err(Failure::Transport { source, attempts }) => {
                crate::observe::record(Observation {
                    attempts,
                    ..Observation::default()
                });
                Err(source)
            }
            Err(Failure::TooLarge {
                status,
                limit,
                attempts,
            }) => {
                crate::observe::record(Observation {
                    attempts,
                    response: None,
                    too_large: Some((status, limit)),
                });
                Ok(too_large_response(status, limit))
            }
        })
    }

    /// Sends `first`, and further attempts from `next` while a retry may
    /// help and retries are left. `next` gives the request of a further
    /// attempt, or `None` when it cannot be sent again (as a streamed body
    /// cannot). Gives the last response, whatever its
    /// status, with its whole body.
    ///
    /// # Errors
    ///
    /// [`Failure::Transport`] when the last attempt got no response (or its
    /// body could not be read), [`Failure::TooLarge`] when its body passed
    /// [`Settings::max_response_bytes`].
    pub fn execute<'a>(
        &'a self,
        first: reqwest::Request,
        mut next: impl FnMut() -> Option<reqwest::Request> + Send + 'a,
        path: &'static str,
    ) -> impl Future<Output = Result<Exchange, Failure>> + Send + 'a {
        let max_retries = self
            .overrides
            .max_retries
            .unwrap_or(self.shared.settings.max_retries);
        // One key for all attempts: that is what lets the server see them as one.
        let idempotency_key = (first.method() != Method::GET)
            .then(|| HeaderValue::try_from(uuid::Uuid::new_v4().to_string()).ok())
            .flatten();
        let method = first.method().clone();
        // Bound here, outside the block, so the block's state holds the
        // request once (an `async fn` would hold its argument and a copy).
        let mut request = first;
        async move {
            let mut attempt: u32 = 1;
            loop {
                self.prepare(&mut request, attempt, idempotency_key.as_ref());
                let span = tracing::debug_span!(
                    "llama_cloud.request",
                    http.method = %method,
                    url.path = path,
                    attempt,
                    http.status = tracing::field::Empty,
                    duration_ms = tracing::field::Empty,
                    error = tracing::field::Empty,
                );
                let started = Instant::now();
                // The attempt runs on the heap: its state is needed only
                // while it runs, and inline it would grow every call's
                // future, which callers move and allocate.
                let outcome = Box::pin(
                    send_and_read(
                        &self.shared.http,
                        request,
                        self.shared.settings.max_response_bytes,
                        attempt,
                    )
                    .instrument(span.clone()),
                )
                .await;
                record(&span, started, &outcome);
                // Decided in a plain function, so nothing of the outcome is
                // kept in this future's state across the wait below.
                let wait = match decide(outcome, attempt, max_retries, &mut next) {
                    Step::Done(result) => return result,
                    Step::Retry { wait, again } => {
                        request = again;
                        wait
                    }
                };
                tracing::debug!(
                    http.method = %method,
                    url.path = path,
                    attempt,
                    wait_ms = wait.as_millis() as u64,
                    "retrying"
                );
                // Boxed for the same reason: most calls never wait.
                Box::pin(tokio::time::sleep(wait)).await;
                attempt += 1;
            }
        }
    }

    /// Readies `request` for attempt number `attempt`: the retry count, the
    /// idempotency key, the per-call headers and timeout.
    fn prepare(
        &self,
        request: &mut reqwest::Request,
        attempt: u32,
        idempotency_key: Option<&HeaderValue>,
    ) {
        let headers = request.headers_mut();
        headers.insert(RETRY_COUNT_HEADER, retry_count(attempt - 1));
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
        if let Some(timeout) = self.overrides.timeout {
            *request.timeout_mut() = Some(timeout);
        }
    }
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

/// What follows an attempt.
enum Step {
    /// The call ends with this.
    Done(Result<Exchange, Failure>),
    /// Send `again` after `wait`.
    Retry {
        wait: Duration,
        again: reqwest::Request,
    },
}

/// Whether attempt number `attempt`, which ended in `outcome`, is the last:
/// it is unless a retry may help, retries are left and `next` gives a
/// request to send again.
fn decide(
    outcome: Result<Exchange, Failure>,
    attempt: u32,
    max_retries: u32,
    next: &mut impl FnMut() -> Option<reqwest::Request>,
) -> Step {
    let retry_hint = match &outcome {
        Ok(exchange) if exchange.status.is_success() => None,
        Ok(exchange) => retry::should_retry_response(exchange.status, &exchange.headers)
            .then_some(Some(&exchange.headers)),
        Err(Failure::Transport { .. }) => Some(None),
        Err(Failure::TooLarge { status, .. }) => {
            retry::should_retry_response(*status, &HeaderMap::new()).then_some(None)
        }
    };
    let wait = retry_hint
        .filter(|_| attempt <= max_retries)
        .map(|headers| retry::wait(attempt - 1, headers, SystemTime::now()));
    match wait.and_then(|wait| Some((wait, next()?))) {
        Some((wait, again)) => Step::Retry { wait, again },
        None => Step::Done(match outcome {
            Ok(mut exchange) => {
                exchange.attempts = attempt;
                Ok(exchange)
            }
            Err(mut failure) => {
                failure.set_attempts(attempt);
                Err(failure)
            }
        }),
    }
}

/// Writes an attempt's outcome and duration into its span.
fn record(span: &tracing::Span, started: Instant, outcome: &Result<Exchange, Failure>) {
    if span.is_disabled() {
        return;
    }
    span.record("duration_ms", started.elapsed().as_millis() as u64);
    match outcome {
        Ok(exchange) => span.record("http.status", exchange.status.as_u16()),
        Err(Failure::Transport { source, .. }) => {
            span.record("error", tracing::field::display(source))
        }
        Err(Failure::TooLarge { status, .. }) => {
            span.record("http.status", status.as_u16());
            span.record("error", "the body is larger than the limit")
        }
    };
}

/// One attempt: send `request`, then read the whole body within `limit`.
/// The request goes to reqwest before the block, so the block's state
/// holds reqwest's small pending future rather than the request.
fn send_and_read(
    http: &reqwest::Client,
    request: reqwest::Request,
    limit: usize,
    attempt: u32,
) -> impl Future<Output = Result<Exchange, Failure>> + Send + use<> {
    let pending = http.execute(request);
    async move {
        let transport = |source| Failure::Transport {
            source,
            attempts: attempt,
        };
        let mut response = pending.await.map_err(transport)?;
        let status = response.status();
        let body = read_limited(&mut response, limit)
            .await
            .map_err(|error| match error {
                ReadError::TooLarge => Failure::TooLarge {
                    status,
                    limit,
                    attempts: attempt,
                },
                ReadError::Transport(source) => transport(source),
            })?;
        let version = response.version();
        let url = response.url().clone();
        let headers = std::mem::take(response.headers_mut());
        Ok(Exchange {
            status,
            headers,
            body,
            url,
            version,
            attempts: attempt,
        })
    }
}

enum ReadError {
    TooLarge,
    Transport(reqwest::Error),
}

/// Reads the body, stopping as soon as it passes `limit` bytes, so a huge or
/// endless body never takes more than `limit` of memory.
async fn read_limited(response: &mut reqwest::Response, limit: usize) -> Result<Bytes, ReadError> {
    let declared = response.content_length();
    if declared.is_some_and(|len| len > limit as u64) {
        return Err(ReadError::TooLarge);
    }
    let Some(first) = response.chunk().await.map_err(ReadError::Transport)? else {
        return Ok(Bytes::new());
    };
    if first.len() > limit {
        return Err(ReadError::TooLarge);
    }
    // A body that comes in one chunk (most API answers) is kept as it came,
    // without a copy; hyper enforces the declared length, so this chunk is
    // the whole body when it has that length.
    if declared == Some(first.len() as u64) {
        return Ok(first);
    }
    // The declared length sizes the buffer, up to 1 MiB: a server that
    // declares a large body it never sends does not get memory up front.
    let capacity = declared.map_or(8 * 1024, |len| len.min(1024 * 1024) as usize);
    let mut body = BytesMut::with_capacity(capacity.max(first.len()));
    body.extend_from_slice(&first);
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(ReadError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// The body was larger than the limit: the reason a too-large response's
/// body fails to read for a generated-client caller.
#[derive(Debug)]
pub struct BodyTooLarge {
    /// The limit, in bytes.
    pub limit: usize,
}

impl fmt::Display for BodyTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the response body is larger than the limit of {} bytes",
            self.limit
        )
    }
}

impl std::error::Error for BodyTooLarge {}

/// A response of `status` with `body` from `url` and no headers, for an
/// observed call (whose observer has the headers). The URL is handed over,
/// not left for reqwest to fill in (it would parse a placeholder URL).
fn bare_response(status: StatusCode, body: Bytes, url: reqwest::Url) -> reqwest::Response {
    use reqwest::ResponseBuilderExt as _;
    let response = http::Response::builder().status(status).url(url);
    match response.body(reqwest::Body::from(body.clone())) {
        Ok(response) => reqwest::Response::from(response),
        // A status read off a response always builds; were it not to, the
        // status and body still go back.
        Err(_) => {
            let mut response = http::Response::new(reqwest::Body::from(body));
            *response.status_mut() = status;
            reqwest::Response::from(response)
        }
    }
}

/// A response of `status` whose body fails with [`BodyTooLarge`].
fn too_large_response(status: StatusCode, limit: usize) -> reqwest::Response {
    let failing = futures::stream::once(async move { Err::<Bytes, _>(BodyTooLarge { limit }) });
    let mut response = http::Response::new(reqwest::Body::wrap_stream(failing));
    *response.status_mut() = status;
    reqwest::Response::from(response)
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
