//! Calling an operation of the generated client and turning its answer
//! into this crate's [`ApiResponse`] or [`Error`].
//!
//! The generated client sends through the runtime, which retries, bounds
//! and traces; [`llama_cloud_core::observe`] hands back what the runtime
//! saw (the attempts, the last response with its body), so an error here
//! says as much as it would if this crate had sent the request itself: the
//! status, FastAPI's `detail`, the request id, the JSON path that did not
//! decode, how many attempts were made.

use std::future::Future;

use futures::FutureExt as _;

use http::Method;
use llama_cloud_api::ResponseValue;
use llama_cloud_core::{Observation, observe};
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::{ApiError, Error, InvalidInput};
use crate::response::ApiResponse;
use crate::transport::{decode, is_json};

/// Which operation a call is, for errors and decoding.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    /// The HTTP method.
    pub(crate) method: Method,
    /// The OpenAPI path template.
    pub(crate) path: &'static str,
    /// What the success body is, as errors name it.
    pub(crate) expected: &'static str,
}

impl Operation {
    pub(crate) const fn new(method: Method, path: &'static str, expected: &'static str) -> Self {
        Self {
            method,
            path,
            expected,
        }
    }
}

impl Client {
    /// Runs `call` (a generated builder's `send()`) and maps its outcome.
    pub(crate) fn call<'c, T, E, F>(
        &'c self,
        operation: Operation,
        call: F,
    ) -> impl Future<Output = Result<ApiResponse<T>, Error>> + 'c
    where
        F: 'c,
        T: DeserializeOwned,
        E: std::fmt::Debug,
        F: Future<Output = Result<ResponseValue<T>, llama_cloud_api::Error<E>>>,
    {
        observe(call).map(move |outcome| self.finish(operation, outcome))
    }

    fn finish<T, E>(
        &self,
        operation: Operation,
        (result, mut seen): (
            Result<ResponseValue<T>, llama_cloud_api::Error<E>>,
            Observation,
        ),
    ) -> Result<ApiResponse<T>, Error>
    where
        T: DeserializeOwned,
        E: std::fmt::Debug,
    {
        match (result, seen.response.take()) {
            // The runtime hands over the headers in the observation: the
            // response the generated client decoded carries none.
            (Ok(value), Some(response)) if is_json(&response.headers) => Ok(ApiResponse::new(
                value.status(),
                response.headers,
                seen.attempts,
                value.into_inner(),
            )),
            // A body that decoded but is not labelled JSON: refused as
            // before, with the same error.
            (Ok(_), response) => {
                seen.response = response;
                self.outcome_of(operation, seen, None::<llama_cloud_api::Error<E>>)
            }
            (Err(error), response) => {
                seen.response = response;
                self.outcome_of(operation, seen, Some(error))
            }
        }
    }

    /// The outcome of a call that did not give a model, from what the
    /// runtime saw (and the generated client's error, when there was no
    /// response).
    fn outcome_of<T: DeserializeOwned, E: std::fmt::Debug>(
        &self,
        operation: Operation,
        seen: Observation,
        error: Option<llama_cloud_api::Error<E>>,
    ) -> Result<ApiResponse<T>, Error> {
        let Operation {
            method,
            path,
            expected,
        } = operation;
        if let Some(refusal) = seen.redirect {
            return Err(Error::Redirect {
                method,
                path,
                refusal,
                attempts: seen.attempts,
            });
        }
        if let Some((status, limit)) = seen.too_large {
            return Err(Error::BodyTooLarge {
                method,
                path,
                status,
                limit,
            });
        }
        if let Some(response) = seen.response {
            if response.status.is_success() {
                // The generated decode failed (or the body is not JSON):
                // decoding again names the path, or accepts a success
                // status the contract does not list.
                let body = decode::<T>(
                    &method,
                    path,
                    response.status,
                    &response.headers,
                    &response.body,
                    expected,
                )?;
                return Ok(ApiResponse::new(
                    response.status,
                    response.headers,
                    seen.attempts,
                    body,
                ));
            }
            let mut error = ApiError::from_response(
                method,
                path,
                response.status,
                &response.headers,
                &response.body,
            );
            error.attempts = seen.attempts;
            return Err(error.into());
        }
        Err(match error {
            Some(
                llama_cloud_api::Error::CommunicationError(source)
                | llama_cloud_api::Error::ResponseBodyError(source)
                | llama_cloud_api::Error::InvalidUpgrade(source),
            ) => self.transport_error(&method, path, source, seen.transport, seen.attempts),
            Some(llama_cloud_api::Error::InvalidRequest(reason)) => {
                InvalidInput::new("request", "", reason).into()
            }
            Some(other) => InvalidInput::new(
                "request",
                "",
                format!("the request could not be sent: {other}"),
            )
            .into(),
            None => InvalidInput::new("request", "", "no response was observed").into(),
        })
    }
}

/// The outcome of an operation whose answer carries nothing to keep (a
/// delete): any success status is success, whatever its body (an empty
/// `200`, a `204`), where the contract's "any JSON value" would refuse an
/// empty one.
pub(crate) fn ignoring_body<T>(outcome: Result<ApiResponse<T>, Error>) -> Result<(), Error> {
    match outcome {
        Ok(_) => Ok(()),
        Err(Error::Decode(error)) if error.status.is_success() => Ok(()),
        Err(error) => Err(error),
    }
}

impl Operation {
    /// Refuses an answer about another resource than the one asked for.
    ///
    /// # Errors
    ///
    /// [`Error::WrongResource`] when `got` is not `asked`.
    pub(crate) fn check_id<I: PartialEq + std::fmt::Display>(
        &self,
        what: &'static str,
        asked: &I,
        got: &I,
    ) -> Result<(), Error> {
        if asked == got {
            return Ok(());
        }
        Err(Error::WrongResource {
            method: self.method.clone(),
            path: self.path,
            what,
            asked: asked.to_string(),
            got: got.to_string(),
        })
    }
}
