//! [`Exchange`]: a response as the runtime read it, and the `reqwest`
//! responses the generated client is handed in its place.

use std::fmt;

use bytes::Bytes;
use http::header::HeaderMap;
use http::{StatusCode, Version};

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
pub(super) fn bare_response(
    status: StatusCode,
    body: Bytes,
    url: reqwest::Url,
) -> reqwest::Response {
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
pub(super) fn too_large_response(status: StatusCode, limit: usize) -> reqwest::Response {
    let failing = futures::stream::once(async move { Err::<Bytes, _>(BodyTooLarge { limit }) });
    let mut response = http::Response::new(reqwest::Body::wrap_stream(failing));
    *response.status_mut() = status;
    reqwest::Response::from(response)
}
