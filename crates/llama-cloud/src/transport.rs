//! Sending a request, retrying it when that may help, and turning the
//! response into a body or an [`Error`].
//!
//! Every operation goes through [`Client::execute`], so authentication,
//! retries, limits, tracing and error mapping live here once and no call
//! site repeats them.

use std::time::{Instant, SystemTime};

use bytes::{Bytes, BytesMut};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use crate::client::Client;
use crate::error::{
    ApiError, DecodeError, Error, InvalidInput, excerpt, retryable_status, should_retry,
};
use crate::response::ApiResponse;
use crate::retry;
use crate::upload::FileUpload;

/// The header telling the server which attempt this is (0 for the first),
/// as the official clients send it.
const RETRY_COUNT_HEADER: &str = "x-stainless-retry-count";
/// The header that lets the server recognise a retried non-GET request.
const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";

/// One request to the API, before it is sent.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(crate) method: Method,
    /// The OpenAPI path template, such as `/api/v1/extraction/jobs/{job_id}`:
    /// what errors and traces name, so ids stay out of metrics labels.
    pub(crate) template: &'static str,
    /// The path with its parameters filled in.
    pub(crate) path: String,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) body: Body,
}

/// A request body, kept so that every attempt sends the same one.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    Empty,
    Json(Bytes),
    Multipart(Vec<(&'static str, FormValue)>),
}

/// One field of a multipart form.
#[derive(Debug, Clone)]
pub(crate) enum FormValue {
    Text(String),
    File(FileUpload),
}

impl Request {
    /// A request of `method` to `path`, which fills in `template`.
    pub(crate) fn new(method: Method, template: &'static str, path: String) -> Self {
        Self {
            method,
            template,
            path,
            query: Vec::new(),
            body: Body::Empty,
        }
    }

    /// A `GET` of `path`, which fills in `template`.
    pub(crate) fn get(template: &'static str, path: String) -> Self {
        Self::new(Method::GET, template, path)
    }

    /// Adds a query parameter.
    pub(crate) fn query(mut self, name: &'static str, value: impl ToString) -> Self {
        self.query.push((name, value.to_string()));
        self
    }

    /// Adds a query parameter when `value` is set.
    pub(crate) fn query_opt(self, name: &'static str, value: Option<impl ToString>) -> Self {
        match value {
            Some(value) => self.query(name, value),
            None => self,
        }
    }

    /// Sets a JSON body.
    pub(crate) fn json(mut self, body: &impl serde::Serialize) -> Result<Self, Error> {
        let bytes = serde_json::to_vec(body).map_err(|error| {
            InvalidInput::new(
                "request body",
                "",
                format!("could not be encoded as JSON: {error}"),
            )
        })?;
        self.body = Body::Json(bytes.into());
        Ok(self)
    }

    /// Sets a multipart form body.
    pub(crate) fn multipart(mut self, fields: Vec<(&'static str, FormValue)>) -> Self {
        self.body = Body::Multipart(fields);
        self
    }

    /// Whether the request can be sent again: not when it streams a file.
    fn is_replayable(&self) -> bool {
        match &self.body {
            Body::Multipart(fields) => fields.iter().all(|(_, value)| match value {
                FormValue::File(file) => file.is_replayable(),
                FormValue::Text(_) => true,
            }),
            Body::Empty | Body::Json(_) => true,
        }
    }

    /// The multipart form for one attempt.
    fn form(fields: &[(&'static str, FormValue)]) -> Result<reqwest::multipart::Form, Error> {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in fields {
            form = match value {
                FormValue::Text(text) => form.text(*name, text.clone()),
                FormValue::File(file) => {
                    let part = file.part().ok_or_else(|| {
                        InvalidInput::new(
                            *name,
                            file.name(),
                            "a streamed file can be sent only once",
                        )
                    })?;
                    form.part(*name, part)
                }
            };
        }
        Ok(form)
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

    /// Sends `request`, retrying as [`retry`] describes; a success status
    /// gives the raw body, any other an [`Error::Api`]. Errors report how
    /// many attempts were made.
    pub(crate) async fn execute(&self, request: Request) -> Result<ApiResponse<Bytes>, Error> {
        let max_retries = if request.is_replayable() {
            self.options.max_retries.unwrap_or(self.inner.max_retries)
        } else {
            0
        };
        // One key for all attempts: that is what lets the server see them as one.
        let idempotency_key =
            (request.method != Method::GET).then(|| uuid::Uuid::new_v4().to_string());
        let mut attempt: u32 = 1;
        loop {
            let outcome = self
                .traced_attempt(&request, attempt, idempotency_key.as_deref())
                .await;
            let retry_hint = match &outcome {
                Ok(response) if response.status.is_success() => None,
                Ok(response) => should_retry(&response.headers)
                    .unwrap_or_else(|| retryable_status(response.status))
                    .then_some(Some(&response.headers)),
                Err(error) => error.is_retryable().then_some(None),
            };
            let Some(headers) = retry_hint.filter(|_| attempt <= max_retries) else {
                return finish(&request, outcome, attempt);
            };
            let wait = retry::wait(attempt - 1, headers, SystemTime::now());
            tracing::debug!(
                http.method = %request.method,
                url.path = request.template,
                attempt,
                wait_ms = wait.as_millis() as u64,
                "retrying"
            );
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// One attempt inside its tracing span.
    async fn traced_attempt(
        &self,
        request: &Request,
        attempt: u32,
        idempotency_key: Option<&str>,
    ) -> Result<ApiResponse<Bytes>, Error> {
        let span = tracing::debug_span!(
            "llama_cloud.request",
            http.method = %request.method,
            url.path = request.template,
            attempt,
            http.status = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
            error = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self
            .attempt(request, attempt, idempotency_key)
            .instrument(span.clone())
            .await;
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        match &result {
            Ok(response) => span.record("http.status", response.status.as_u16()),
            Err(error) => span.record("error", tracing::field::display(error)),
        };
        result
    }

    /// One attempt: send, then read the whole body within the size limit.
    async fn attempt(
        &self,
        request: &Request,
        attempt: u32,
        idempotency_key: Option<&str>,
    ) -> Result<ApiResponse<Bytes>, Error> {
        let inner = &self.inner;
        let url = format!("{}{}", inner.base, request.path);
        let mut builder = inner
            .http
            .request(request.method.clone(), url)
            .header(http::header::ACCEPT, "application/json")
            .header(RETRY_COUNT_HEADER, attempt - 1)
            .headers(self.options.headers.clone());
        if let Some(timeout) = self.options.timeout {
            builder = builder.timeout(timeout);
        }
        if let Some(key) = idempotency_key {
            builder = builder.header(IDEMPOTENCY_KEY_HEADER, key);
        }
        if !request.query.is_empty() {
            builder = builder.query(&request.query);
        }
        match &request.body {
            Body::Empty => {}
            Body::Json(bytes) => {
                builder = builder
                    .header(
                        http::header::CONTENT_TYPE,
                        HeaderValue::from_static("application/json"),
                    )
                    .body(bytes.clone());
            }
            Body::Multipart(fields) => builder = builder.multipart(Request::form(fields)?),
        }
        let transport_error = |source: reqwest::Error| self.transport_error(request, source);
        let mut response = builder.send().await.map_err(transport_error)?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
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
            attempts: attempt,
            body,
        })
    }

    fn transport_error(&self, request: &Request, source: reqwest::Error) -> Error {
        if source.is_timeout() {
            Error::Timeout {
                method: request.method.clone(),
                path: request.template,
                timeout: self.options.timeout.unwrap_or(self.inner.timeout),
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

/// The last attempt's outcome as the call's result, with the attempt count.
fn finish(
    request: &Request,
    outcome: Result<ApiResponse<Bytes>, Error>,
    attempts: u32,
) -> Result<ApiResponse<Bytes>, Error> {
    match outcome {
        Ok(response) if response.status.is_success() => Ok(response),
        Ok(response) => {
            let mut error = ApiError::from_response(
                request.method.clone(),
                request.template,
                response.status,
                &response.headers,
                &response.body,
            );
            error.attempts = attempts;
            Err(error.into())
        }
        Err(mut error) => {
            if let Error::Timeout { attempts: n, .. } | Error::Connection { attempts: n, .. } =
                &mut error
            {
                *n = attempts;
            }
            Err(error)
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
    // The declared length sizes the buffer, up to 1 MiB: a server that
    // declares a large body it never sends does not get memory up front.
    let capacity = declared.map_or(8 * 1024, |len| len.min(1024 * 1024) as usize);
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
    // Untracked first: serde_path_to_error's tracking of the path nearly
    // doubles the cost of a typed decode (benches/decode.rs), and most bodies
    // decode. `from_slice` runs the same `Deserialize` on the same bytes and
    // also refuses trailing data, so it accepts exactly what the tracked pass
    // below accepts; only a failing body is decoded a second time, tracked,
    // to name the path in the error.
    if let Ok(value) = serde_json::from_slice(body) {
        return Ok(value);
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

#[cfg(test)]
mod tests {
    use http::{Method, StatusCode};
    use llama_cloud_fake::{FakeServer, Fault, Route};

    use super::Request;
    use crate::Client;

    async fn fake_and_client() -> (FakeServer, Client) {
        let fake = FakeServer::start().await.unwrap();
        let client = Client::builder()
            .api_key(fake.api_key())
            .base_url(fake.base_url())
            .build()
            .unwrap();
        (fake, client)
    }

    #[tokio::test(start_paused = true)]
    async fn a_retried_post_keeps_its_idempotency_key() {
        let (fake, client) = fake_and_client().await;
        let route = Route::method_path_prefix(Method::POST, "/api/v1/extraction/jobs");
        fake.inject(
            route.clone(),
            Fault::status(StatusCode::SERVICE_UNAVAILABLE),
            2,
        );
        fake.inject(route, Fault::status(StatusCode::CREATED), 1);
        let request = Request::new(
            Method::POST,
            "/api/v1/extraction/jobs",
            "/api/v1/extraction/jobs".to_owned(),
        )
        .json(&serde_json::json!({"a": 1}))
        .unwrap();
        let response = client.execute(request).await.unwrap();
        assert_eq!(response.attempts, 3);

        let requests = fake.requests();
        let keys: Vec<_> = requests
            .iter()
            .map(|r| r.header("idempotency-key"))
            .collect();
        assert_eq!(keys.len(), 3);
        let first = keys[0].expect("a POST carries an Idempotency-Key");
        assert!(uuid::Uuid::parse_str(first).is_ok(), "{first}");
        assert!(keys.iter().all(|key| *key == Some(first)), "{keys:?}");
        for request in &requests {
            assert_eq!(&request.body[..], br#"{"a":1}"#);
            assert_eq!(request.header("content-type"), Some("application/json"));
        }
        let counts: Vec<_> = requests
            .iter()
            .map(|r| r.header("x-stainless-retry-count"))
            .collect();
        assert_eq!(counts, [Some("0"), Some("1"), Some("2")]);

        // A second call is a new operation, with a key of its own.
        fake.clear_requests();
        fake.inject(Route::Any, Fault::status(StatusCode::CREATED), 1);
        let again = Request::new(
            Method::POST,
            "/api/v1/extraction/jobs",
            "/api/v1/extraction/jobs".to_owned(),
        );
        client.execute(again).await.unwrap();
        assert_ne!(fake.requests()[0].header("idempotency-key"), Some(first));
    }

    #[tokio::test]
    async fn a_get_carries_no_idempotency_key() {
        let (fake, client) = fake_and_client().await;
        let job_id = fake.seed_example_job().unwrap();
        let path = format!("/api/v1/extraction/jobs/{job_id}");
        client
            .execute(Request::get("/api/v1/extraction/jobs/{job_id}", path))
            .await
            .unwrap();
        assert_eq!(fake.requests()[0].header("idempotency-key"), None);
    }
}
