//! [`ApiResponse`]: a decoded body with the status and headers it came with,
//! and [`with_response`], which gives it for any call.

use std::cell::RefCell;
use std::future::Future;

use http::{HeaderMap, StatusCode};

use crate::error::Error;

/// What a successful call's last response was, for [`with_response`].
#[derive(Debug)]
struct Meta {
    status: StatusCode,
    headers: HeaderMap,
    attempts: u32,
}

tokio::task_local! {
    /// The last successful response of the call [`with_response`] wraps.
    static LAST: RefCell<Option<Meta>>;
}

/// Runs `call` (any call of this crate) and gives its result with the
/// status, headers and attempt count of the last response it got: the
/// official clients' `with_raw_response`, for every operation.
///
/// ```no_run
/// # async fn run(client: llama_cloud::Client, id: llama_cloud::ExtractJobId) -> Result<(), llama_cloud::Error> {
/// use llama_cloud::with_response;
///
/// let response = with_response(client.extract().get(id)).await?;
/// println!("{} after {} attempts, request id {:?}", response.status(), response.attempts(), response.request_id());
/// let job = response.into_body();
/// # Ok(())
/// # }
/// ```
///
/// A call that makes several requests (a wait polls, `run` creates then
/// polls, a download asks for the URL then fetches it) gives its last
/// response.
///
/// # Errors
///
/// Those of `call`, unchanged.
pub fn with_response<T, F>(call: F) -> impl Future<Output = Result<ApiResponse<T>, Error>>
where
    F: Future<Output = Result<T, Error>>,
{
    LAST.scope(RefCell::new(None), async move {
        let body = call.await?;
        let meta = LAST.with(|last| last.borrow_mut().take());
        // Every successful call got a response; should none be recorded,
        // the body still comes back, with what a bare success says.
        let Meta {
            status,
            headers,
            attempts,
        } = meta.unwrap_or(Meta {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            attempts: 0,
        });
        Ok(ApiResponse {
            status,
            headers,
            attempts,
            body,
        })
    })
}

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
    /// A successful response, noted for a [`with_response`] around the call.
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, attempts: u32, body: T) -> Self {
        let _ = LAST.try_with(|last| {
            *last.borrow_mut() = Some(Meta {
                status,
                headers: headers.clone(),
                attempts,
            });
        });
        Self {
            status,
            headers,
            attempts,
            body,
        }
    }

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
