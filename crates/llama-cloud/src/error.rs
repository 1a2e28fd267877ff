//! The one error type of this crate, and the details it carries.
//!
//! Every failure, whether it is bad input caught before a request, a
//! configuration problem, an error status from the API, a body that does not
//! decode, a timeout or a broken connection, is an [`Error`]. Match on its
//! variants, or ask it questions: [`Error::status`], [`Error::is_not_found`],
//! [`Error::is_rate_limited`], [`Error::is_retryable`].

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};
use serde::Deserialize;

use crate::extract::{ExtractV2Job, ExtractV2Status};
use crate::models::{ExtractJob, JobStatus};
use llama_cloud_core::{ExtractJobId, IdError, JobId, RedirectRefusal};
use llama_cloud_core::{NumPagesContextError, PageRangeError};

/// How many characters of a response body an error shows.
const EXCERPT_CHARS: usize = 200;
/// How many characters of an error response's body [`ApiError::body`] keeps
/// (and of any other text from the server an error holds: `detail`, a job's
/// `error`, a decode error's reason): every real error body fits, and an
/// error stays small to keep, clone and log.
pub const MAX_ERROR_BODY_CHARS: usize = 4 * 1024;
/// The largest error body whose `detail` is parsed; a larger one is kept
/// only as an excerpt, so a hostile body cannot make parsing it cost many
/// times its size in memory.
const MAX_PARSED_ERROR_BODY: usize = 64 * 1024;
/// How many characters of a request id an error keeps.
const MAX_REQUEST_ID_CHARS: usize = 128;

/// Text from the server as an error may show it: control characters
/// escaped (`\n`, `\u{1b}`), so it cannot forge log lines or terminal
/// output, and cut after `max` characters, saying how many were cut.
pub(crate) fn server_text(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max + 32));
    let mut chars = text.chars();
    for (shown, c) in chars.by_ref().enumerate() {
        if shown == max {
            let rest = 1 + chars.count();
            out.push_str(&format!("… ({rest} more characters cut)"));
            return out;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Anything that can go wrong when using this crate.
///
/// Match on the variants a caller can act on, and let the rest pass; the
/// enum is `#[non_exhaustive]`, so a new kind of failure is no breaking
/// change:
///
/// ```no_run
/// # async fn run(client: llama_cloud::Client, id: llama_cloud::JobId) -> Result<(), llama_cloud::Error> {
/// use llama_cloud::Error;
///
/// match client.extraction().jobs().get(id).await {
///     Ok(job) => println!("{}", job.status),
///     Err(error) if error.is_not_found() => println!("no job {id}"),
///     Err(Error::Api(api)) if api.status.as_u16() == 403 => {
///         println!("this key may not read it (request id {:?})", api.request_id)
///     }
///     Err(Error::Timeout { attempts, .. } | Error::DeadlineExceeded { attempts, .. }) => {
///         println!("gave up after {attempts} attempts");
///     }
///     Err(error) if error.is_retryable() => println!("try again later: {error}"),
///     Err(error) => return Err(error),
/// }
/// # Ok(())
/// # }
/// ```
///
/// The transport errors keep reqwest's error as their `source` field and
/// `source()`, for logging; the crate's own variants and methods
/// ([`Error::status`], [`Error::is_retryable`], ...) are the stable way to
/// tell failures apart.
///
/// # reqwest is a public dependency
///
/// reqwest 0.13 is part of this crate's API, on purpose: those `source`
/// fields are `reqwest::Error`, and
/// [`ClientBuilder::http_client`](crate::ClientBuilder::http_client) takes a
/// `reqwest::Client` (the way to bring proxies, a custom CA or mTLS). Hiding
/// it would take that away. The commitment: reqwest moves to a new
/// breaking version only with a new breaking version of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A value given to the SDK breaks a documented rule; no request was sent.
    #[error(transparent)]
    InvalidInput(#[from] InvalidInput),
    /// The client could not be configured.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The API answered with an error status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The API answered with a success status but a body that is not the
    /// documented shape.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// The request (or reading its response) took longer than the timeout.
    #[error("{method} {path} timed out after {timeout:?} ({attempts} attempt{s})", s = plural(*attempts))]
    Timeout {
        /// The request's method.
        method: Method,
        /// The request's path template, such as `/api/v1/extraction/jobs/{job_id}`.
        path: &'static str,
        /// The timeout that elapsed.
        timeout: Duration,
        /// How many attempts were made in all.
        attempts: u32,
    },
    /// The whole call took longer than its deadline
    /// ([`ClientBuilder::deadline`](crate::ClientBuilder::deadline),
    /// [`RequestOptions::deadline`](crate::RequestOptions::deadline)): the
    /// deadline, not an attempt's own timeout, cut the last request.
    #[error("{method} {path} did not finish within its deadline of {deadline:?} ({attempts} request{s} sent)", s = plural(*attempts))]
    DeadlineExceeded {
        /// The request's method.
        method: Method,
        /// The request's path template.
        path: &'static str,
        /// The deadline that passed.
        deadline: Duration,
        /// How many requests were sent in all, redirects included.
        attempts: u32,
    },
    /// The connection failed before a response began: refused, reset,
    /// dropped, or TLS failed.
    #[error("{method} {path} failed to connect or lost its connection ({attempts} attempt{s}): {}", root_cause(source), s = plural(*attempts))]
    Connection {
        /// The request's method.
        method: Method,
        /// The request's path template.
        path: &'static str,
        /// How many attempts were made in all.
        attempts: u32,
        /// The underlying transport error.
        #[source]
        source: reqwest::Error,
    },
    /// The response began, but its body broke off before it was whole.
    #[error("{method} {path}: the response body broke off ({attempts} attempt{s}): {}", root_cause(source), s = plural(*attempts))]
    ResponseBody {
        /// The request's method.
        method: Method,
        /// The request's path template.
        path: &'static str,
        /// How many requests were sent in all, redirects included.
        attempts: u32,
        /// The underlying transport error.
        #[source]
        source: reqwest::Error,
    },
    /// The server's answer was not valid HTTP. Not retried.
    #[error("{method} {path}: the server's answer was not valid HTTP ({attempts} attempt{s}): {}", root_cause(source), s = plural(*attempts))]
    Protocol {
        /// The request's method.
        method: Method,
        /// The request's path template.
        path: &'static str,
        /// How many requests were sent in all, redirects included.
        attempts: u32,
        /// The underlying transport error.
        #[source]
        source: reqwest::Error,
    },
    /// A redirect was not followed: more than
    /// [`max_redirects`](crate::ClientBuilder::max_redirects) of them, from
    /// https to http, or to a location that is not an http(s) URL. Not
    /// retried.
    #[error("{method} {path}: {refusal} ({attempts} request{s} sent)", s = plural(*attempts))]
    Redirect {
        /// The request's method.
        method: Method,
        /// The request's path template.
        path: &'static str,
        /// Why it was not followed, with where it pointed.
        refusal: RedirectRefusal,
        /// How many requests were sent in all, the redirects included.
        attempts: u32,
    },
    /// The job ended in `ERROR`.
    #[error("job {job_id} failed: {}", message.as_deref().map_or_else(|| "the service gave no reason".to_owned(), |m| server_text(m, MAX_ERROR_BODY_CHARS)))]
    JobFailed {
        /// The job.
        job_id: JobId,
        /// The job's error message.
        message: Option<String>,
        /// The job as last seen.
        job: Box<ExtractJob>,
    },
    /// The job was cancelled.
    #[error("job {job_id} was cancelled")]
    JobCancelled {
        /// The job.
        job_id: JobId,
    },
    /// Waiting for a job took longer than its timeout.
    #[error("gave up waiting for job {job_id} after {waited:?}; its last status was {}", last_status.as_ref().map_or("unknown (never polled)", JobStatus::as_str))]
    WaitTimedOut {
        /// The job.
        job_id: JobId,
        /// How long the wait lasted.
        waited: Duration,
        /// The last status seen, if any poll succeeded.
        last_status: Option<JobStatus>,
    },
    /// A v2 extraction job ended in `FAILED`.
    #[error("extract job {job_id} failed: {}", message.as_deref().map_or_else(|| "the service gave no reason".to_owned(), |m| server_text(m, MAX_ERROR_BODY_CHARS)))]
    ExtractJobFailed {
        /// The job.
        job_id: ExtractJobId,
        /// The job's `error_message`.
        message: Option<String>,
        /// The job as last seen.
        job: Box<ExtractV2Job>,
    },
    /// A v2 extraction job was cancelled.
    #[error("extract job {job_id} was cancelled")]
    ExtractJobCancelled {
        /// The job.
        job_id: ExtractJobId,
    },
    /// Waiting for a v2 extraction job took longer than its timeout.
    #[error("gave up waiting for extract job {job_id} after {waited:?}; its last status was {}", last_status.as_ref().map_or("unknown (never polled)", ExtractV2Status::as_str))]
    ExtractWaitTimedOut {
        /// The job.
        job_id: ExtractJobId,
        /// How long the wait lasted.
        waited: Duration,
        /// The last status seen, if any poll succeeded.
        last_status: Option<ExtractV2Status>,
    },
    /// Extracted data does not fit the type it was asked for.
    #[error("the extracted data does not fit {expected}{}: {reason}", if path.is_empty() { String::new() } else { format!(" at `{path}`") })]
    Data {
        /// The type asked for.
        expected: &'static str,
        /// The path of the first value that did not fit; empty for the data
        /// itself.
        path: String,
        /// What did not fit.
        reason: String,
    },
    /// A local file could not be read (for an upload).
    #[error("could not read {}: {source}", path.display())]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
    /// A download's writer failed ([`Files::download_to`](crate::files::Files::download_to)).
    #[error("could not write the download after {written} bytes: {source}")]
    Write {
        /// The bytes of the whole ranges written before the failure; the
        /// writer may also hold part of the range that failed.
        written: u64,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
    /// The response body was larger than the client's limit; reading stopped
    /// there.
    #[error(
        "{method} {path} answered {status} with a body over the limit of {limit} bytes (set a larger one with `ClientBuilder::max_response_bytes`)"
    )]
    BodyTooLarge {
        /// The request's method.
        method: Method,
        /// The request's path template.
        path: &'static str,
        /// The status of the response whose body was too large.
        status: StatusCode,
        /// The limit in bytes.
        limit: usize,
    },
    /// The API answered a request for one resource with another: a job,
    /// run or agent whose id is not the one the request named.
    #[error("{method} {path} asked for {what} {asked} but the answer is {what} {got}")]
    WrongResource {
        /// The request's method.
        method: Method,
        /// The request's path template.
        path: &'static str,
        /// What kind of resource: `job`, `run`, `extraction agent`.
        what: &'static str,
        /// The id the request named.
        asked: String,
        /// The id the answer carries.
        got: String,
    },
}

/// The innermost cause: reqwest's own message ("error sending request")
/// says less than the I/O error under it ("Connection refused").
fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl Error {
    /// The HTTP status of the response this error came from, if any.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Decode(decode) => Some(decode.status),
            _ => None,
        }
    }

    /// True when the API answered 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// How long the server asked to wait before the next request
    /// (`retry-after-ms` or `Retry-After`), if it did.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Api(api) => api.retry_after,
            _ => None,
        }
    }

    /// True when the API answered 429 Too Many Requests.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// True when the API rejected the API key (401 Unauthorized).
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(StatusCode::UNAUTHORIZED)
    }

    /// True when the same request may succeed if sent again: timeouts,
    /// connection failures, bodies that broke off, and the statuses 408,
    /// 409, 429 and 5xx, unless the server said otherwise with
    /// `x-should-retry`. A passed deadline, an answer that is not HTTP and
    /// a refused redirect are not.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout { .. } | Error::Connection { .. } | Error::ResponseBody { .. } => true,
            Error::Api(api) => api.is_retryable(),
            _ => false,
        }
    }
}

/// A value that breaks a documented rule: which field, the value, and the rule.
///
/// Its message says all three, for example
/// `invalid page range "7-5": segment 1 ("7-5") runs backwards (7 > 5); …`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct InvalidInput {
    field: Cow<'static, str>,
    value: String,
    rule: Cow<'static, str>,
    message: String,
}

impl InvalidInput {
    /// An input error for `field` holding `value`, which breaks `rule`.
    pub fn new(
        field: impl Into<Cow<'static, str>>,
        value: impl Into<String>,
        rule: impl Into<Cow<'static, str>>,
    ) -> Self {
        let (field, value, rule) = (field.into(), value.into(), rule.into());
        let message = format!("invalid {field} {:?}: {rule}", cut(&value));
        Self {
            field,
            value,
            rule,
            message,
        }
    }

    /// The field or argument, such as `page_range` or `job_id`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The value that was given.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The rule it breaks, in words.
    pub fn rule(&self) -> &str {
        &self.rule
    }
}

/// A value cut to 64 characters for a message.
fn cut(value: &str) -> String {
    match value.char_indices().nth(64) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_owned(),
    }
}

impl From<IdError> for InvalidInput {
    fn from(error: IdError) -> Self {
        Self {
            field: Cow::Borrowed(error.kind()),
            value: error.value().to_owned(),
            rule: Cow::Borrowed("a UUID, such as 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"),
            message: error.to_string(),
        }
    }
}

impl From<PageRangeError> for InvalidInput {
    fn from(error: PageRangeError) -> Self {
        Self {
            field: Cow::Borrowed("page_range"),
            value: error.input().to_owned(),
            rule: Cow::Borrowed(
                "1-based pages or inclusive ranges separated by commas, such as \"1,3,5-7\"",
            ),
            message: error.to_string(),
        }
    }
}

impl From<NumPagesContextError> for InvalidInput {
    fn from(error: NumPagesContextError) -> Self {
        Self {
            field: Cow::Borrowed("num_pages_context"),
            value: error.value_text(),
            rule: Cow::Borrowed("a whole number of pages, at least 1"),
            message: error.to_string(),
        }
    }
}

impl From<llama_cloud_core::DataSchemaError> for InvalidInput {
    fn from(error: llama_cloud_core::DataSchemaError) -> Self {
        Self::new(error.field(), error.value(), error.rule().to_owned())
    }
}

impl From<llama_cloud_core::DataSchemaError> for Error {
    fn from(error: llama_cloud_core::DataSchemaError) -> Self {
        Error::InvalidInput(error.into())
    }
}

impl From<IdError> for Error {
    fn from(error: IdError) -> Self {
        Error::InvalidInput(error.into())
    }
}

impl From<PageRangeError> for Error {
    fn from(error: PageRangeError) -> Self {
        Error::InvalidInput(error.into())
    }
}

impl From<NumPagesContextError> for Error {
    fn from(error: NumPagesContextError) -> Self {
        Error::InvalidInput(error.into())
    }
}

/// The client could not be built from the settings given.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// No API key was given and `LLAMA_CLOUD_API_KEY` is not set.
    #[error("no API key: set LLAMA_CLOUD_API_KEY or call ClientBuilder::api_key")]
    MissingApiKey,
    /// The API key is empty or only white space.
    #[error("the API key is empty: set LLAMA_CLOUD_API_KEY to a key from the LlamaCloud dashboard")]
    EmptyApiKey,
    /// The API key holds characters that cannot go in an HTTP header. The key
    /// itself is not repeated here.
    #[error(
        "the API key contains characters not allowed in an HTTP header (control characters or non-ASCII)"
    )]
    InvalidApiKey,
    /// The base URL does not parse or is not http(s).
    #[error("invalid base URL {url:?}: {reason}")]
    InvalidBaseUrl {
        /// The base URL given.
        url: String,
        /// Why it was refused.
        reason: String,
    },
    /// The base URL is plain `http://` to a host that is not loopback: the API
    /// key would travel in clear text.
    #[error(
        "refusing to send the API key over plain http to {url:?}: use https, or call ClientBuilder::allow_insecure_http(true) if this network is trusted"
    )]
    InsecureBaseUrl {
        /// The base URL given.
        url: String,
    },
    /// A default header has an invalid name or value.
    #[error("invalid default header {name:?}: {reason}")]
    InvalidHeader {
        /// The header name given.
        name: String,
        /// Why it was refused.
        reason: String,
    },
    /// A line of `LLAMA_CLOUD_CUSTOM_HEADERS` is not `Name: value`. The line
    /// itself is not repeated: it may hold a secret.
    #[error("LLAMA_CLOUD_CUSTOM_HEADERS line {line} is not `Name: value`")]
    InvalidCustomHeaders {
        /// The line number, from 1.
        line: usize,
    },
    /// An environment variable holds a value of the wrong form.
    #[error("{name}={value:?} is not valid: {reason}")]
    InvalidEnvironment {
        /// The variable.
        name: &'static str,
        /// Its value (the first 64 characters).
        value: String,
        /// Why not.
        reason: String,
    },
    /// The HTTP client could not be built (for example, no TLS roots).
    #[error("could not build the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
}

/// An error status from the API, with what the server said about it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The request's method.
    pub method: Method,
    /// The request's path template.
    pub path: &'static str,
    /// The response status.
    pub status: StatusCode,
    /// FastAPI's `detail`, parsed; `None` when the body had none.
    pub detail: Option<ErrorDetail>,
    /// The request id the server assigned (`x-request-id` and similar), for
    /// support requests.
    pub request_id: Option<String>,
    /// The server's `x-should-retry` header, which overrides the status rule.
    pub should_retry: Option<bool>,
    /// The wait the server asked for (`retry-after-ms` or `Retry-After`,
    /// when above 0 and at most 60 s).
    pub retry_after: Option<Duration>,
    /// How many attempts were made in all.
    pub attempts: u32,
    /// The response body as text (lossy UTF-8), cut after
    /// [`MAX_ERROR_BODY_CHARS`] characters.
    pub body: String,
}

impl ApiError {
    /// The error a response of `status` with `headers` and `body` makes,
    /// for a request `method path` (its OpenAPI path template): FastAPI's
    /// `detail` parsed when the body is at most 64 KiB, the request id, the
    /// retry hints, and the body kept as bounded, escaped text. For tests
    /// that need an `ApiError`, and for code that sends requests of its own.
    ///
    /// ```
    /// use llama_cloud::{ApiError, ErrorDetail};
    /// use http::{HeaderMap, Method, StatusCode};
    ///
    /// let error = ApiError::from_response(
    ///     Method::GET,
    ///     "/api/v1/extraction/jobs/{job_id}",
    ///     StatusCode::NOT_FOUND,
    ///     &HeaderMap::new(),
    ///     br#"{"detail": "Job not found"}"#,
    /// );
    /// assert!(matches!(error.detail, Some(ErrorDetail::Message(ref m)) if m == "Job not found"));
    /// ```
    pub fn from_response(
        method: Method,
        path: &'static str,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Self {
        Self {
            method,
            path,
            status,
            detail: ErrorDetail::parse(body),
            request_id: request_id(headers),
            should_retry: llama_cloud_core::retry::should_retry(headers),
            retry_after: llama_cloud_core::retry::server_hint(
                headers,
                std::time::SystemTime::now(),
            ),
            attempts: 1,
            body: cut_body(body),
        }
    }

    /// True when the request may succeed if sent again (see
    /// [`Error::is_retryable`]).
    pub fn is_retryable(&self) -> bool {
        self.should_retry
            .unwrap_or_else(|| llama_cloud_core::retry::retryable_status(self.status))
    }
}

/// The body as lossy UTF-8, escaped and cut at [`MAX_ERROR_BODY_CHARS`]
/// characters.
fn cut_body(body: &[u8]) -> String {
    body_text(body, MAX_ERROR_BODY_CHARS)
}

/// The first `max` characters of `body` as escaped text (see
/// [`server_text`]); only the head of a large body is decoded, and what was
/// not decoded is counted in bytes.
fn body_text(body: &[u8], max: usize) -> String {
    let head = &body[..body.len().min(max * 4 + 4)];
    let text = server_text(&String::from_utf8_lossy(head), max);
    if head.len() < body.len() && !text.ends_with("characters cut)") {
        format!("{text}… ({} more bytes cut)", body.len() - head.len())
    } else {
        text
    }
}

/// The first request-id header present.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    ["x-request-id", "x-correlation-id", "request-id"]
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
        .map(|id| server_text(id, MAX_REQUEST_ID_CHARS))
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} returned {}", self.method, self.path, self.status)?;
        match &self.detail {
            Some(detail) => write!(f, ": {detail}")?,
            None if self.body.trim().is_empty() => write!(f, " with an empty body")?,
            None => write!(f, ": {}", excerpt(self.body.as_bytes()))?,
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        if self.attempts > 1 {
            write!(f, " after {} attempts", self.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

impl From<ApiError> for Error {
    fn from(error: ApiError) -> Self {
        Error::Api(Box::new(error))
    }
}

/// FastAPI's `detail`: a message for most errors, a list of failed checks
/// for 422.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorDetail {
    /// `{"detail": "Job not found"}`.
    Message(String),
    /// `{"detail": [{"loc": [...], "msg": ..., "type": ...}]}`.
    Validation(Vec<ValidationIssue>),
    /// A `detail` of any other shape, kept as JSON.
    Other(serde_json::Value),
}

impl ErrorDetail {
    /// Parses `{"detail": ...}`; `None` when the body is not JSON or has no
    /// `detail`.
    fn parse(body: &[u8]) -> Option<Self> {
        #[derive(Deserialize)]
        struct Body {
            detail: serde_json::Value,
        }
        if body.len() > MAX_PARSED_ERROR_BODY {
            return None;
        }
        let Body { detail } = serde_json::from_slice(body).ok()?;
        Some(match detail {
            serde_json::Value::String(message) => {
                ErrorDetail::Message(server_text(&message, MAX_ERROR_BODY_CHARS))
            }
            serde_json::Value::Array(_) => match serde_json::from_value(detail.clone()) {
                Ok(issues) => ErrorDetail::Validation(issues),
                Err(_) => ErrorDetail::Other(detail),
            },
            other => ErrorDetail::Other(other),
        })
    }
}

impl fmt::Display for ErrorDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorDetail::Message(message) => f.write_str(message),
            ErrorDetail::Validation(issues) => {
                // The issues as one escaped line, cut like any server text.
                let mut line = String::new();
                for (i, issue) in issues.iter().enumerate() {
                    if i > 0 {
                        line.push_str("; ");
                    }
                    write_issue(&mut line, issue);
                    if line.chars().count() > MAX_ERROR_BODY_CHARS {
                        break;
                    }
                }
                f.write_str(&server_text(&line, MAX_ERROR_BODY_CHARS))
            }
            ErrorDetail::Other(value) => {
                f.write_str(&server_text(&value.to_string(), MAX_ERROR_BODY_CHARS))
            }
        }
    }
}

/// One failed check of a request, as FastAPI reports it: the contract's
/// `ValidationError` (`loc`, `msg`, and `type_` for its `type`).
pub use llama_cloud_api::types::ValidationError as ValidationIssue;
/// One step of a [`ValidationIssue`]'s location: a field name (or the
/// request part, `path`, `query`, `body`), or a list index.
pub use llama_cloud_api::types::ValidationErrorLocItem as LocationSegment;

/// `body.job_id: Input should be a valid UUID (uuid_parsing)`.
fn write_issue(out: &mut String, issue: &ValidationIssue) {
    for (i, segment) in issue.loc.iter().enumerate() {
        match segment {
            LocationSegment::String(name) if i == 0 => out.push_str(name),
            LocationSegment::String(name) => {
                out.push('.');
                out.push_str(name);
            }
            LocationSegment::Integer(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out.push_str(&format!(": {} ({})", issue.msg, issue.type_));
}

/// A success response whose body is not the documented shape.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "{method} {path} returned {status} but its body is not a valid {expected}: {reason}; body: {excerpt}"
)]
#[non_exhaustive]
pub struct DecodeError {
    /// The request's method.
    pub method: Method,
    /// The request's path template.
    pub path: &'static str,
    /// The response status.
    pub status: StatusCode,
    /// The type that was expected, such as `ExtractJob`.
    pub expected: &'static str,
    /// What did not fit, with the JSON path where it was found.
    pub reason: String,
    /// The path of the first value that did not fit (`extraction_agent.id`),
    /// empty for the document itself.
    pub json_path: String,
    /// The start of the body, for display.
    pub excerpt: String,
}

impl From<DecodeError> for Error {
    fn from(error: DecodeError) -> Self {
        Error::Decode(Box::new(error))
    }
}

/// The start of `body` as printable text, cut at [`EXCERPT_CHARS`].
pub(crate) fn excerpt(body: &[u8]) -> String {
    if body.is_empty() {
        return "(empty)".to_owned();
    }
    body_text(body, EXCERPT_CHARS)
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;
    use std::time::Duration;

    use http::{HeaderMap, HeaderValue, Method, StatusCode};

    use super::*;

    const PATH: &str = "/api/v1/extraction/jobs/{job_id}";

    fn api(status: u16, headers: &[(&'static str, &str)], body: &str) -> Error {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        let status = StatusCode::from_u16(status).unwrap();
        ApiError::from_response(Method::GET, PATH, status, &map, body.as_bytes()).into()
    }

    async fn connection_error() -> reqwest::Error {
        // Port 1 on loopback: nothing listens there, so the connection is refused.
        reqwest::Client::new()
            .get("http://127.0.0.1:1/")
            .send()
            .await
            .unwrap_err()
    }

    #[tokio::test]
    async fn the_display_of_every_error_kind() {
        let mut errors: Vec<(&str, Error)> = vec![
            (
                "invalid id",
                "../admin".parse::<crate::JobId>().unwrap_err().into(),
            ),
            (
                "invalid page range",
                "7-5".parse::<crate::PageRange>().unwrap_err().into(),
            ),
            (
                "invalid num_pages_context",
                crate::NumPagesContext::try_from(0i64).unwrap_err().into(),
            ),
            (
                "invalid input, by hand",
                InvalidInput::new("webhook_url", "ftp://x", "an http(s) URL").into(),
            ),
            ("missing key", ConfigError::MissingApiKey.into()),
            ("empty key", ConfigError::EmptyApiKey.into()),
            ("unsendable key", ConfigError::InvalidApiKey.into()),
            (
                "insecure base URL",
                ConfigError::InsecureBaseUrl {
                    url: "http://example.com".into(),
                }
                .into(),
            ),
            (
                "bad base URL",
                ConfigError::InvalidBaseUrl {
                    url: "ftp://x".into(),
                    reason: "the scheme must be https".into(),
                }
                .into(),
            ),
            (
                "bad header",
                ConfigError::InvalidHeader {
                    name: "bad header".into(),
                    reason: "not a valid header name".into(),
                }
                .into(),
            ),
            (
                "404 detail",
                api(
                    404,
                    &[("x-request-id", "req-123")],
                    r#"{"detail":"Job not found"}"#,
                ),
            ),
            (
                "422 validation",
                api(
                    422,
                    &[],
                    r#"{"detail":[{"loc":["path","job_id"],"msg":"Input should be a valid UUID","type":"uuid_parsing"},{"loc":["body","items",2],"msg":"Field required","type":"missing"}]}"#,
                ),
            ),
            ("500 odd detail", api(500, &[], r#"{"detail":{"code":7}}"#)),
            (
                "502 html",
                api(502, &[], "<html><body>Bad Gateway</body></html>"),
            ),
            ("503 empty", api(503, &[], "")),
            (
                "decode",
                DecodeError {
                    method: Method::GET,
                    path: PATH,
                    status: StatusCode::OK,
                    expected: "ExtractJob",
                    reason: "at `extraction_agent`: missing field `name`".into(),
                    json_path: "extraction_agent".into(),
                    excerpt: excerpt(br#"{"id":"182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"}"#),
                }
                .into(),
            ),
            (
                "timeout",
                Error::Timeout {
                    method: Method::GET,
                    path: PATH,
                    timeout: Duration::from_secs(60),
                    attempts: 3,
                },
            ),
            (
                "too large",
                Error::BodyTooLarge {
                    method: Method::GET,
                    path: PATH,
                    status: StatusCode::OK,
                    limit: 1024,
                },
            ),
            (
                "deadline",
                Error::DeadlineExceeded {
                    method: Method::GET,
                    path: PATH,
                    deadline: Duration::from_secs(30),
                    attempts: 2,
                },
            ),
            (
                "redirect loop",
                Error::Redirect {
                    method: Method::GET,
                    path: PATH,
                    refusal: RedirectRefusal::TooMany {
                        limit: 10,
                        location: "https://api.cloud.llamaindex.ai/loop".into(),
                    },
                    attempts: 11,
                },
            ),
            (
                "redirect to clear text",
                Error::Redirect {
                    method: Method::GET,
                    path: PATH,
                    refusal: RedirectRefusal::Downgrade {
                        location: "http://api.cloud.llamaindex.ai/x".into(),
                    },
                    attempts: 1,
                },
            ),
        ];
        errors.push((
            "connection",
            Error::Connection {
                method: Method::GET,
                path: PATH,
                attempts: 1,
                source: connection_error().await,
            },
        ));
        let mut table = String::new();
        for (name, error) in &errors {
            writeln!(table, "{name}:\n  {error}").unwrap();
        }
        insta::assert_snapshot!(table);
    }

    #[test]
    fn predicates() {
        let not_found = api(404, &[], r#"{"detail":"Job not found"}"#);
        assert!(not_found.is_not_found() && !not_found.is_retryable());
        assert_eq!(not_found.status(), Some(StatusCode::NOT_FOUND));
        let limited = api(429, &[], "{}");
        assert!(limited.is_rate_limited() && limited.is_retryable());
        assert!(api(401, &[], "{}").is_unauthorized());
        for status in [408, 409, 500, 502, 503, 504] {
            assert!(api(status, &[], "").is_retryable(), "{status}");
        }
        assert!(!api(500, &[("x-should-retry", "false")], "").is_retryable());
        assert!(api(400, &[("x-should-retry", "true")], "").is_retryable());
        let timeout = Error::Timeout {
            method: Method::GET,
            path: PATH,
            timeout: Duration::from_secs(1),
            attempts: 1,
        };
        assert!(timeout.is_retryable() && timeout.status().is_none());
        let input: Error = "".parse::<crate::JobId>().unwrap_err().into();
        assert!(!input.is_retryable() && input.status().is_none());
    }

    #[test]
    fn validation_details_are_parsed() {
        let Error::Api(error) = api(
            422,
            &[],
            r#"{"detail":[{"loc":["path","job_id"],"msg":"bad","type":"uuid_parsing","input":"x"}]}"#,
        ) else {
            panic!("not an API error")
        };
        let Some(ErrorDetail::Validation(issues)) = &error.detail else {
            panic!("{:?}", error.detail)
        };
        assert_eq!(
            issues[0].loc,
            vec![
                LocationSegment::String("path".into()),
                LocationSegment::String("job_id".into())
            ]
        );
        assert_eq!(issues[0].type_, "uuid_parsing");
    }
}
