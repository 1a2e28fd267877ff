//! The request log: what clients actually sent.

use axum::http::{HeaderMap, Method, request::Parts};

/// One request as the fake received it, before any fault or route saw it.
///
/// Every request is recorded, including ones answered with 401, 404 or a fault, and
/// ones whose connection the fake dropped: a retry test counts attempts here.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The HTTP method.
    pub method: Method,
    /// The path as sent, still percent-encoded (`/api/v1/extraction/jobs/…`).
    pub path: String,
    /// The query string without its `?`, if there was one.
    pub query: Option<String>,
    /// All request headers, `Authorization` included.
    pub headers: HeaderMap,
    /// The request body (empty for a GET).
    pub body: Vec<u8>,
}

impl RecordedRequest {
    pub(crate) fn new(parts: &Parts, body: &[u8]) -> Self {
        Self {
            method: parts.method.clone(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().map(str::to_owned),
            headers: parts.headers.clone(),
            body: body.to_vec(),
        }
    }

    /// A header's value, if present and visible ASCII (the first one if repeated).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The path with `?query` appended when there is one, as it appeared on the wire.
    pub fn path_and_query(&self) -> String {
        match &self.query {
            Some(query) => format!("{}?{query}", self.path),
            None => self.path.clone(),
        }
    }
}
