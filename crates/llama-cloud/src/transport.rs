//! The requests the generated client cannot send (the two multipart
//! operations: the upload, and a job on a file): building them, handing them
//! to the same [`llama_cloud_core::Runtime`] the generated client's `exec`
//! hook calls, and turning the response into a body or an [`Error`]. Every
//! other operation is a generated builder's `send()`, mapped in `call.rs`;
//! both share [`decode`] and the transport errors.

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};
use llama_cloud_core::{Exchange, Failure, TransportKind};
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::{ApiError, DecodeError, Error, InvalidInput, excerpt};
use crate::response::ApiResponse;
use crate::upload::FileUpload;

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
            Body::Empty => true,
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

    /// Sends `request` through the runtime, which retries as
    /// [`llama_cloud_core::retry`] describes; a success status gives the raw
    /// body, any other an [`Error::Api`]. Errors report how many attempts
    /// were made.
    pub(crate) async fn execute(&self, request: Request) -> Result<ApiResponse<Bytes>, Error> {
        let first = self.build(&request)?;
        // A multipart form is rebuilt for each attempt (reqwest cannot clone
        // it); a streamed file cannot be, so such a request is sent once.
        let replayable = request.is_replayable();
        let mut next = || {
            if replayable {
                self.build(&request).ok()
            } else {
                None
            }
        };
        let outcome = self
            .inner
            .runtime
            .execute(
                first,
                &mut next,
                llama_cloud_api::operation_at(request.method.as_str(), request.template),
            )
            .await;
        self.outcome(&request.method, request.template, outcome)
    }

    /// The answer of a request the runtime sent outside the generated
    /// client (a multipart operation, a download), as this crate's
    /// response or error.
    pub(crate) fn outcome(
        &self,
        method: &Method,
        path: &'static str,
        outcome: Result<Exchange, Failure>,
    ) -> Result<ApiResponse<Bytes>, Error> {
        match outcome {
            Ok(exchange) if exchange.status.is_success() => Ok(ApiResponse::new(
                exchange.status,
                exchange.headers,
                exchange.attempts,
                exchange.body,
            )),
            Ok(exchange) => {
                let mut error = ApiError::from_response(
                    method.clone(),
                    path,
                    exchange.status,
                    &exchange.headers,
                    &exchange.body,
                );
                error.attempts = exchange.attempts;
                Err(error.into())
            }
            Err(Failure::Transport {
                source,
                kind,
                attempts,
            }) => Err(self.transport_error(method, path, source, Some(kind), attempts)),
            Err(Failure::Redirect {
                refusal, attempts, ..
            }) => Err(Error::Redirect {
                method: method.clone(),
                path,
                refusal,
                attempts,
            }),
            Err(Failure::TooLarge { status, limit, .. }) => Err(Error::BodyTooLarge {
                method: method.clone(),
                path,
                status,
                limit,
            }),
        }
    }

    /// The request for one attempt.
    fn build(&self, request: &Request) -> Result<reqwest::Request, Error> {
        let url = format!("{}{}", self.inner.base, request.path);
        let mut builder = self
            .inner
            .runtime
            .http()
            .request(request.method.clone(), url)
            .header(http::header::ACCEPT, "application/json");
        if !request.query.is_empty() {
            builder = builder.query(&request.query);
        }
        match &request.body {
            Body::Empty => {}
            Body::Multipart(fields) => builder = builder.multipart(Request::form(fields)?),
        }
        builder.build().map_err(|source| {
            self.transport_error(&request.method, request.template, source, None, 0)
        })
    }

    /// A connection failure or a timeout, as an [`Error`].
    pub(crate) fn transport_error(
        &self,
        method: &Method,
        path: &'static str,
        source: reqwest::Error,
        kind: Option<TransportKind>,
        attempts: u32,
    ) -> Error {
        let method = method.clone();
        match kind.unwrap_or_else(|| TransportKind::of(&source, None)) {
            TransportKind::Timeout => Error::Timeout {
                method,
                path,
                timeout: self.inner.options.timeout.unwrap_or(self.inner.timeout),
                attempts,
            },
            TransportKind::Deadline(deadline) => Error::DeadlineExceeded {
                method,
                path,
                deadline,
                attempts,
            },
            TransportKind::Body => Error::ResponseBody {
                method,
                path,
                attempts,
                source,
            },
            TransportKind::Protocol => Error::Protocol {
                method,
                path,
                attempts,
                source,
            },
            _ => Error::Connection {
                method,
                path,
                attempts,
                source,
            },
        }
    }
}

/// Whether a response's headers label its body JSON (or say nothing).
pub(crate) fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .is_none_or(|content_type| {
            // Case-insensitive, without a lowercased copy per response.
            content_type.to_str().is_ok_and(|text| {
                text.as_bytes()
                    .windows(4)
                    .any(|window| window.eq_ignore_ascii_case(b"json"))
            })
        })
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
    if !is_json(headers) {
        let content_type = headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("");
        return Err(fail(
            format!(
                "expected a JSON body, got content type {:?}",
                crate::error::server_text(content_type, 128)
            ),
            String::new(),
        ));
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
        // serde quotes the offending value: bounded and escaped like any
        // server text.
        let inner = crate::error::server_text(&error.inner().to_string(), 1024);
        let json_path = crate::error::server_text(&json_path, 512);
        let reason = if json_path.is_empty() {
            inner
        } else {
            format!("at `{json_path}`: {inner}")
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
