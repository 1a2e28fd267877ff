//! Fault injection: what to break, for which requests, and how many times.

use std::time::Duration;

use axum::body::Body;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::response::Response;

use crate::fastapi;
use crate::operation::Operation;

/// Which requests a fault applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Route {
    /// Every request, whatever its method and path.
    Any,
    /// `GET /api/v1/extraction/jobs/{job_id}`, for any `job_id` (valid or not): the same
    /// as `Route::Operation(Operation::GetJob)`.
    GetJob,
    /// Calls of one operation, whatever their path parameters hold (see
    /// [`Operation::matches`]).
    Operation(Operation),
    /// Requests whose path starts with `path_prefix`, with this method or any method.
    Matching {
        /// The method to match, or `None` for every method.
        method: Option<Method>,
        /// A prefix of the percent-encoded path, without the query (`/api/v1/extraction/`).
        path_prefix: String,
    },
}

impl Route {
    /// Any method on paths starting with `path_prefix`.
    pub fn path_prefix(path_prefix: impl Into<String>) -> Self {
        Self::Matching {
            method: None,
            path_prefix: path_prefix.into(),
        }
    }

    /// `method` on paths starting with `path_prefix`.
    pub fn method_path_prefix(method: Method, path_prefix: impl Into<String>) -> Self {
        Self::Matching {
            method: Some(method),
            path_prefix: path_prefix.into(),
        }
    }

    /// Whether a request with this method and (percent-encoded) path is covered.
    pub fn matches(&self, method: &Method, path: &str) -> bool {
        match self {
            Self::Any => true,
            Self::GetJob => Operation::GetJob.matches(method, path),
            Self::Operation(operation) => operation.matches(method, path),
            Self::Matching {
                method: wanted,
                path_prefix,
            } => wanted.as_ref().is_none_or(|m| m == method) && path.starts_with(path_prefix),
        }
    }
}

impl From<Operation> for Route {
    fn from(operation: Operation) -> Self {
        Self::Operation(operation)
    }
}

/// What goes wrong. Give it to [`FakeServer::inject`](crate::FakeServer::inject).
///
/// Faults that answer in the route's place ([`Status`](Fault::Status),
/// [`EmptyBody`](Fault::EmptyBody), the HTML ones, [`DropConnection`](Fault::DropConnection))
/// keep the route from running: a scripted job does not advance. [`Delay`](Fault::Delay)
/// and [`TruncatedJson`](Fault::TruncatedJson) run the route (auth included) and so do
/// advance it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer with this status, headers and body: rate limits, 5xx, redirects, or a
    /// 200 whose body breaks the contract.
    Status(StatusFault),
    /// Wait this long (tokio time, so paused-time tests do not wait), then answer as usual.
    Delay(Duration),
    /// `200 OK`, `Content-Type: application/json`, and no body at all.
    EmptyBody,
    /// `200 OK` with an HTML error page, labelled `text/html`: what a proxy in the way sends.
    Html,
    /// The same HTML page, but labelled `application/json`.
    HtmlLabelledJson,
    /// The route's real answer (status and headers kept) cut to the first half of its body.
    TruncatedJson,
    /// Close the connection without sending a byte of response: the client sees the
    /// connection closed before a response (a request error, not an HTTP status).
    DropConnection,
}

impl Fault {
    /// Answer with `status` and, for 4xx and 5xx, FastAPI's `{"detail": "<reason>"}`.
    pub fn status(status: StatusCode) -> Self {
        Self::Status(StatusFault::new(status))
    }

    /// `429 Too Many Requests` with every retry hint the official client reads:
    /// `Retry-After` (whole seconds, rounded up), `retry-after-ms` and `x-should-retry: true`.
    pub fn rate_limited(retry_after: Duration) -> Self {
        let millis = retry_after.as_millis();
        let seconds = millis.div_ceil(1000);
        Self::Status(
            StatusFault::new(StatusCode::TOO_MANY_REQUESTS)
                .header("retry-after", seconds.to_string())
                .header("retry-after-ms", millis.to_string())
                .header("x-should-retry", "true"),
        )
    }

    /// A redirect (`307`, `302`, …) to `location`, with an empty body.
    pub fn redirect(status: StatusCode, location: impl Into<String>) -> Self {
        Self::Status(
            StatusFault::new(status)
                .header("location", location)
                .body("text/plain", Vec::new()),
        )
    }
}

impl From<StatusFault> for Fault {
    fn from(fault: StatusFault) -> Self {
        Self::Status(fault)
    }
}

/// A canned answer: status, extra headers, optional body.
///
/// ```
/// use llama_cloud_fake::{Fault, StatusCode, StatusFault};
///
/// let overloaded: Fault = StatusFault::new(StatusCode::SERVICE_UNAVAILABLE)
///     .header("x-should-retry", "false")
///     .json(&serde_json::json!({"detail": "Down for maintenance"}))
///     .into();
/// # let _ = overloaded;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusFault {
    status: StatusCode,
    headers: Vec<(String, String)>,
    body: Option<(String, Vec<u8>)>,
}

impl StatusFault {
    /// `status` with no extra header. Without [`body`](Self::body) or
    /// [`json`](Self::json), a 4xx or 5xx answers `{"detail": "<reason phrase>"}` (as
    /// FastAPI's `HTTPException` does) and any other status an empty body.
    pub fn new(status: StatusCode) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: None,
        }
    }

    /// Adds a response header. A name or value that is not valid HTTP makes the fake
    /// answer `500` with a `detail` naming it, so the mistake shows in the test.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the body, labelled with `content_type`.
    pub fn body(mut self, content_type: impl Into<String>, body: impl Into<Vec<u8>>) -> Self {
        self.body = Some((content_type.into(), body.into()));
        self
    }

    /// Sets a JSON body, labelled `application/json`.
    pub fn json(self, body: &serde_json::Value) -> Self {
        self.body("application/json", body.to_string())
    }

    pub(crate) fn response(&self) -> Response {
        let mut response = match &self.body {
            Some((content_type, bytes)) => {
                let mut response = Response::new(Body::from(bytes.clone()));
                match HeaderValue::from_str(content_type) {
                    Ok(value) => {
                        response.headers_mut().insert(CONTENT_TYPE, value);
                    }
                    Err(_) => return invalid_header("content-type", content_type),
                }
                response
            }
            None if self.status.is_client_error() || self.status.is_server_error() => {
                fastapi::detail(
                    self.status,
                    self.status.canonical_reason().unwrap_or("Error"),
                )
            }
            None => Response::new(Body::empty()),
        };
        *response.status_mut() = self.status;
        for (name, value) in &self.headers {
            match (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                (Ok(name), Ok(value)) => {
                    response.headers_mut().append(name, value);
                }
                _ => return invalid_header(name, value),
            }
        }
        response
    }
}

fn invalid_header(name: &str, value: &str) -> Response {
    fastapi::detail(
        StatusCode::INTERNAL_SERVER_ERROR,
        &format!("llama-cloud-fake: the injected header {name:?}: {value:?} is not valid HTTP"),
    )
}

#[derive(Debug)]
struct Injection {
    route: Route,
    fault: Fault,
    remaining: usize,
}

/// Injected faults in the order they were injected; the first that matches wins.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    injections: Vec<Injection>,
}

impl FaultQueue {
    pub(crate) fn push(&mut self, route: Route, fault: Fault, times: usize) {
        if times > 0 {
            self.injections.push(Injection {
                route,
                fault,
                remaining: times,
            });
        }
    }

    /// The fault for this request, if any, counting it as used.
    pub(crate) fn take(&mut self, method: &Method, path: &str) -> Option<Fault> {
        let index = self
            .injections
            .iter()
            .position(|injection| injection.route.matches(method, path))?;
        let injection = self.injections.get_mut(index)?;
        injection.remaining -= 1;
        if injection.remaining == 0 {
            Some(self.injections.remove(index).fault)
        } else {
            Some(injection.fault.clone())
        }
    }

    pub(crate) fn clear(&mut self) {
        self.injections.clear();
    }
}
