//! The one error type of the fake's own API (seeding and scripting).

use std::fmt;

use uuid::Uuid;

/// Why the fake refused a seeding or scripting call.
///
/// The HTTP side never produces this: it answers with status codes. This is only what
/// [`FakeServer::insert_job`](crate::FakeServer::insert_job) and friends return when a
/// test asks for something the fake cannot serve.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FakeError {
    /// The JSON given to an `insert_*` method lacks what the contract requires of it.
    InvalidJson {
        /// What was being inserted: `"job"`, `"agent"`, `"file"`, or `"result"` (for
        /// [`FakeServer::set_job_result`](crate::FakeServer::set_job_result)).
        kind: &'static str,
        /// Which field is wrong, and how.
        reason: String,
    },
    /// No job with this id has been inserted.
    UnknownJob(Uuid),
}

impl fmt::Display for FakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidJson { kind, reason } => write!(f, "invalid {kind} JSON: {reason}"),
            Self::UnknownJob(id) => write!(f, "no job with id {id} in the fake"),
        }
    }
}

impl std::error::Error for FakeError {}
