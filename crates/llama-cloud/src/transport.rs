//! Sending one request and turning its response into a body or an [`Error`].
//!
//! Every operation goes through [`Client::execute`]: it adds nothing per call
//! site, so authentication, limits, tracing and error mapping live here once.

use std::time::Instant;

use bytes::{Bytes, BytesMut};
use http::{HeaderMap, Method, StatusCode};
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use crate::client::Client;
use crate::error::{ApiError, DecodeError, Error, excerpt};
use crate::response::ApiResponse;

/// One request to the API, before it is sent.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(crate) method: Method,
    /// The OpenAPI path template, such as `/api/v1/extraction/jobs/{job_id}`:
    /// what errors and traces name, so ids stay out of metrics labels.
    pub(crate) template: &'static str,
    /// The path with its parameters filled in.
    pub(crate) path: String,
}

impl Request {
    /// A `GET` of `path`, which fills in `template`.
    pub(crate) fn get(template: &'static str, path: String) -> Self {
        Self {
            method: Method::GET,
            template,
            path,
        }
    }
}

impl Client {
    /// Sends `request` and decodes a success body as `T`; `expected` names `T`
    /// in decode errors.
    pub(crate) async fn execute_json<T: DeserializeOwned>(
        &self,
        request: Request,
        expected: &'static str,
    ) -> Result<ApiResponse<T>, Error> {
        let method = request.method.clone();
        let template = request.template;
        let raw = self.execute(request).await?;
        let body = decode(
            &method,
            template,
            raw.status,
            &raw.headers,
            &raw.body,
            expected,
        )?;
        Ok(ApiResponse {
            status: raw.status,
            headers: raw.headers,
            attempts: raw.attempts,
            body,
        })
    }

    /// Sends `request`; a success status gives the raw body, any other status
    /// an [`Error::Api`].
    pub(crate) async fn execute(&self, request: Request) -> Result<ApiResponse<Bytes>, Error> {
        let span = tracing::debug_span!(
            "llama_cloud.request",
            http.method = %request.method,
            url.path = request.template,
            attempt = 1u32,
            http.status = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self.attempt(&request).instrument(span.clone()).await;
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        if let Ok(response) = &result {
            span.record("http.status", response.status.as_u16());
        }
        let response = result?;
        if response.status.is_success() {
            Ok(response)
        } else {
            Err(ApiError::from_response(
                request.method,
                request.template,
                response.status,
                &response.headers,
                &response.body,
            )
            .into())
        }
    }

    /// One attempt: send, then read the whole body within the size limit.
    async fn attempt(&self, request: &Request) -> Result<ApiResponse<Bytes>, Error> {
        let inner = &self.inner;
        let url = format!("{}{}", inner.base, request.path);
        let transport_error = |source: reqwest::Error| self.transport_error(request, source);
        let mut response = inner
            .http
            .request(request.method.clone(), url)
            .header(http::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(transport_error)?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        tracing::debug!(status = status.as_u16(), "response headers received");
        let body = read_limited(&mut response, inner.max_response_bytes)
            .await
            .map_err(|error| match error {
                ReadError::TooLarge => Error::BodyTooLarge {
                    method: request.method.clone(),
                    path: request.template,
                    limit: inner.max_response_bytes,
                },
                ReadError::Transport(source) => transport_error(source),
            })?;
        Ok(ApiResponse {
            status,
            headers,
            attempts: 1,
            body,
        })
    }

    fn transport_error(&self, request: &Request, source: reqwest::Error) -> Error {
        if source.is_timeout() {
            Error::Timeout {
                method: request.method.clone(),
                path: request.template,
                timeout: self.inner.timeout,
                attempts: 1,
            }
        } else {
            Error::Connection {
                method: request.method.clone(),
                path: request.template,
                attempts: 1,
                source,
            }
        }
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
    let capacity = declared.map_or(8 * 1024, |len| len as usize);
    let mut body = BytesMut::with_capacity(capacity);
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(ReadError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// Decodes a success body as `T`: strictly JSON, the whole body, with the
/// path of the first value that does not fit.
pub(crate) fn decode<T: DeserializeOwned>(
    method: &Method,
    path: &'static str,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    expected: &'static str,
) -> Result<T, Error> {
    let fail = |reason: String, json_path: String| -> Error {
        DecodeError {
            method: method.clone(),
            path,
            status,
            expected,
            reason,
            json_path,
            excerpt: excerpt(body),
        }
        .into()
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(fail("the body is empty".to_owned(), String::new()));
    }
    if let Some(content_type) = headers.get(http::header::CONTENT_TYPE) {
        let content_type = content_type.to_str().unwrap_or("");
        if !content_type.to_ascii_lowercase().contains("json") {
            return Err(fail(
                format!("expected a JSON body, got content type {content_type:?}"),
                String::new(),
            ));
        }
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let json_path = error.path().to_string();
        let json_path = if json_path == "." {
            String::new()
        } else {
            json_path
        };
        let reason = if json_path.is_empty() {
            error.inner().to_string()
        } else {
            format!("at `{json_path}`: {}", error.inner())
        };
        fail(reason, json_path)
    })?;
    deserializer.end().map_err(|error| {
        fail(
            format!("trailing data after the JSON value: {error}"),
            String::new(),
        )
    })?;
    Ok(value)
}
