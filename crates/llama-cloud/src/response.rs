//! [`ApiResponse`]: a decoded body with the status and headers it came with.

use http::{HeaderMap, StatusCode};

/// A decoded response body together with the response's status and headers,
/// as the official clients' `with_raw_response` gives.
///
/// ```no_run
/// # async fn run(client: llama_cloud::Client, id: llama_cloud::JobId) -> Result<(), llama_cloud::Error> {
/// let response = client.extraction().jobs().get_with_response(id).await?;
/// println!("{} (request id {:?})", response.status(), response.request_id());
/// let job = response.into_body();
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct ApiResponse<T> {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) attempts: u32,
    pub(crate) body: T,
}

impl<T> ApiResponse<T> {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The request id the server assigned, if it sent one.
    pub fn request_id(&self) -> Option<String> {
        crate::error::request_id(&self.headers)
    }

    /// How many attempts it took (1 when the first one succeeded).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, consuming the response.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Status, headers and body, consuming the response.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }
}
