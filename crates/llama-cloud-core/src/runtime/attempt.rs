//! One attempt: send a request, then read its whole body within the
//! limit, on the heap as one small future.

use std::future::Future;
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};

use super::Exchange;
use crate::failure::{Failure, TransportKind};

/// One attempt: send `request`, then read the whole body within `limit`.
/// `deadline` is the call's deadline (when it passes, and how long it is)
/// when it, not the attempt's own timeout, bounds this attempt: a timeout
/// once it has passed is the deadline's, an earlier one (connecting, say)
/// the attempt's. The request goes to reqwest before the block, so the
/// block's state holds reqwest's small pending future rather than the
/// request.
pub(super) fn send_and_read(
    http: &reqwest::Client,
    request: reqwest::Request,
    limit: usize,
    deadline: Option<(tokio::time::Instant, Duration)>,
) -> impl Future<Output = Result<Exchange, Failure>> + Send + use<> {
    let pending = http.execute(request);
    async move {
        let transport = |source: reqwest::Error| {
            let passed = deadline
                .filter(|(at, _)| tokio::time::Instant::now() >= *at)
                .map(|(_, limit)| limit);
            Failure::Transport {
                kind: TransportKind::of(&source, passed),
                source,
                attempts: 0,
            }
        };
        let mut response = pending.await.map_err(transport)?;
        let status = response.status();
        let body = read_limited(&mut response, limit)
            .await
            .map_err(|error| match error {
                ReadError::TooLarge => Failure::TooLarge {
                    status,
                    limit,
                    attempts: 0,
                },
                ReadError::Transport(source) => transport(source),
            })?;
        let version = response.version();
        let url = response.url().clone();
        let headers = std::mem::take(response.headers_mut());
        Ok(Exchange {
            status,
            headers,
            body,
            url,
            version,
            attempts: 0,
        })
    }
}

/// Writes an attempt's outcome and duration into its span.
pub(super) fn record(span: &tracing::Span, started: Instant, outcome: &Result<Exchange, Failure>) {
    if span.is_disabled() {
        return;
    }
    span.record("duration_ms", started.elapsed().as_millis() as u64);
    match outcome {
        Ok(exchange) => span.record("http.status", exchange.status.as_u16()),
        Err(Failure::Transport { source, kind, .. }) => span.record(
            "error",
            tracing::field::display(format_args!("{kind}: {source}")),
        ),
        Err(Failure::TooLarge { status, .. }) => {
            span.record("http.status", status.as_u16());
            span.record("error", "the body is larger than the limit")
        }
        Err(Failure::Redirect {
            refusal, response, ..
        }) => {
            span.record("http.status", response.status.as_u16());
            span.record("error", tracing::field::display(refusal))
        }
    };
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
    let Some(first) = response.chunk().await.map_err(ReadError::Transport)? else {
        return Ok(Bytes::new());
    };
    if first.len() > limit {
        return Err(ReadError::TooLarge);
    }
    // A body that comes in one chunk (most API answers) is kept as it came,
    // without a copy; hyper enforces the declared length, so this chunk is
    // the whole body when it has that length.
    if declared == Some(first.len() as u64) {
        return Ok(first);
    }
    // The declared length sizes the buffer, up to 1 MiB: a server that
    // declares a large body it never sends does not get memory up front.
    let capacity = declared.map_or(8 * 1024, |len| len.min(1024 * 1024) as usize);
    let mut body = BytesMut::with_capacity(capacity.max(first.len()));
    body.extend_from_slice(&first);
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(ReadError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}
