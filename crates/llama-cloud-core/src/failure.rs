//! [`Failure`]: why a call got no response the runtime could hand back,
//! and [`TransportKind`]: which of the ways a request can fail in transit
//! it was. Each kind has its own retry decision.

use std::error::Error as _;
use std::fmt;
use std::time::Duration;

use http::StatusCode;

use crate::redirect::RedirectRefusal;
use crate::runtime::Exchange;

/// How a request failed in transit, without a response to show for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportKind {
    /// No connection, or it was lost before the response began: refused,
    /// reset, DNS or TLS failed. Retried.
    Connect,
    /// The attempt took longer than its timeout. Retried.
    Timeout,
    /// The call's deadline passed during the attempt. Not retried: there is
    /// no time left.
    Deadline(Duration),
    /// The response began but its body broke off. Retried.
    Body,
    /// The server's answer was not valid HTTP. Not retried: a server that
    /// speaks garbage once will again.
    Protocol,
}

impl TransportKind {
    /// Classifies `error`; `deadline` is the call's deadline when it had
    /// passed as the error happened (a timeout is then the deadline's).
    pub fn of(error: &reqwest::Error, deadline: Option<Duration>) -> Self {
        if error.is_timeout() {
            return deadline.map_or(Self::Timeout, Self::Deadline);
        }
        if error.is_body() || error.is_decode() {
            return Self::Body;
        }
        let mut source = error.source();
        while let Some(cause) = source {
            if let Some(hyper) = cause.downcast_ref::<hyper::Error>()
                && hyper.is_parse()
            {
                return Self::Protocol;
            }
            source = cause.source();
        }
        Self::Connect
    }

    /// Whether another attempt may help.
    pub fn is_retryable(self) -> bool {
        matches!(self, Self::Connect | Self::Timeout | Self::Body)
    }
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Connect => f.write_str("the connection failed"),
            Self::Timeout => f.write_str("the attempt timed out"),
            Self::Deadline(deadline) => write!(f, "the call's deadline of {deadline:?} passed"),
            Self::Body => f.write_str("the response body broke off"),
            Self::Protocol => f.write_str("the server's answer was not valid HTTP"),
        }
    }
}

/// Why a call got no response the runtime could hand back. Exhaustive on
/// purpose: a caller maps every kind to an error of its own.
#[derive(Debug)]
pub enum Failure {
    /// The request could not be sent, or its response not read.
    Transport {
        /// What reqwest reported.
        source: reqwest::Error,
        /// Which way it failed.
        kind: TransportKind,
        /// How many requests the call sent, redirects included.
        attempts: u32,
    },
    /// The response body was larger than the limit.
    TooLarge {
        /// The status of the response whose body was too large.
        status: StatusCode,
        /// The limit, in bytes.
        limit: usize,
        /// How many requests the call sent, redirects included.
        attempts: u32,
    },
    /// A redirect was not followed: too many of them, to clear text, or to
    /// nowhere. Not retried.
    Redirect {
        /// Why it was refused.
        refusal: RedirectRefusal,
        /// The redirect response itself.
        response: Box<Exchange>,
        /// How many requests the call sent, redirects included.
        attempts: u32,
    },
}

impl Failure {
    /// How many requests the call sent.
    pub fn attempts(&self) -> u32 {
        match self {
            Self::Transport { attempts, .. }
            | Self::TooLarge { attempts, .. }
            | Self::Redirect { attempts, .. } => *attempts,
        }
    }

    pub(crate) fn set_attempts(&mut self, count: u32) {
        match self {
            Self::Transport { attempts, .. }
            | Self::TooLarge { attempts, .. }
            | Self::Redirect { attempts, .. } => *attempts = count,
        }
    }
}
