//! A fake LlamaCloud Extraction API on a loopback port, for tests.
//!
//! `llama-cloud-fake` runs a real HTTP server on `127.0.0.1` that speaks the wire
//! format of `openapi/extraction.json`: the SDK's own tests, its quickstart and your
//! tests point a client at [`FakeServer::base_url`] and get the answers LlamaCloud
//! would give, without network or account. It speaks JSON only and does not depend on
//! the SDK, so it tests any client.
//!
//! # A first test
//!
//! ```
//! use llama_cloud_fake::{FakeServer, JobSpec, Outcome, Script};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let fake = FakeServer::start().await?;
//!
//! // Seed a job, and script it: PENDING for one poll, then SUCCESS.
//! let id = fake.insert_job(JobSpec::new())?;
//! fake.script_job(id, Script::after_polls(1, Outcome::Success))?;
//!
//! let client = reqwest::Client::new();
//! let url = format!("{}/api/v1/extraction/jobs/{id}", fake.base_url());
//! let get = || client.get(&url).bearer_auth(fake.api_key()).send();
//!
//! let first: serde_json::Value = get().await?.json().await?;
//! assert_eq!(first["status"], "PENDING");
//! let second: serde_json::Value = get().await?.json().await?;
//! assert_eq!(second["status"], "SUCCESS");
//!
//! // Every request is recorded.
//! assert_eq!(fake.requests().len(), 2);
//! # Ok(())
//! # }
//! ```
//!
//! # Seeding
//!
//! - [`FakeServer::seed_example_job`] inserts the documentation's example job
//!   ([`SEED_JOB_JSON`], id [`SEED_JOB_ID`]), served back exactly as written.
//! - [`FakeServer::insert_job`] takes an `ExtractJob` as JSON or a [`JobSpec`];
//!   [`JobSpec`], [`AgentSpec`] and [`FileSpec`] fill in every required field and draw
//!   UUID v4 ids. Inserted JSON must have the contract's shape (required fields, JSON
//!   types, UUIDs); enum values are not checked, so a test can serve a status a newer
//!   server might send.
//! - [`FakeServer::insert_agent`] and [`FakeServer::insert_file`] keep agents and files
//!   for the routes that will serve them; [`FakeServer::job`], [`FakeServer::agent`] and
//!   [`FakeServer::file`] read the state back.
//!
//! # Scripted jobs
//!
//! [`FakeServer::script_job`] with a [`Script`]: `PENDING` for a number of GETs
//! ([`Pending::Polls`]) or for a time ([`Pending::For`]), then an [`Outcome`]:
//! `SUCCESS`, `PARTIAL_SUCCESS`, `ERROR` (with its message in `error`) or `CANCELLED`.
//! Time is tokio's: under `#[tokio::test(start_paused = true)]`,
//! `tokio::time::advance` moves scripted jobs along instantly.
//!
//! On paused time, tokio also jumps the clock forward whenever the runtime is idle and
//! a timer is pending, even while a request is on the wire. A client with a timeout or
//! a pool idle timer can therefore see a job finish "early". For exact timing, build
//! the client without them (`reqwest::Client::builder().pool_idle_timeout(None)`) and
//! move time only with `advance`.
//!
//! # What a request goes through
//!
//! 1. It is recorded ([`FakeServer::requests`]), whatever happens next.
//! 2. The first injected fault whose [`Route`] matches it, if any, is applied
//!    ([`FakeServer::inject`]). Faults come before auth, as the proxies and rate
//!    limiters they stand for do.
//! 3. Routing: an unknown path is `404 {"detail": "Not Found"}` and a known path with
//!    another method `405 {"detail": "Method Not Allowed"}` with `Allow`, without any
//!    auth check, as in Starlette.
//! 4. Auth: `Authorization: Bearer <key>` or `401`, in FastAPI's words: `Not
//!    authenticated` (with `WWW-Authenticate: Bearer`) when the header is missing or not
//!    a bearer, `Invalid API key` when the key is wrong.
//! 5. Path parameters: a job id that is not a UUID is `422` with FastAPI's validation
//!    body, for example for `nope`:
//!    `{"detail":[{"type":"uuid_parsing","loc":["path","job_id"],"msg":"Input should be
//!    a valid UUID, invalid character: found `n` at 0","input":"nope","ctx":{"error":
//!    "invalid character: found `n` at 0"}}]}`.
//! 6. Lookup: an unknown job is `404 {"detail": "Job not found"}`.
//!
//! Steps 3 to 6 follow FastAPI 0.165's order, checked against it: security
//! dependencies are solved before the endpoint's own path parameters are validated, so
//! a bad key with a bad id is a 401, not a 422.
//!
//! # Faults
//!
//! ```
//! use std::time::Duration;
//! use llama_cloud_fake::{Fault, FakeServer, Route};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let fake = FakeServer::start().await?;
//! // The next two job GETs are rate limited, the one after that loses its connection.
//! fake.inject(Route::GetJob, Fault::rate_limited(Duration::from_millis(1500)), 2);
//! fake.inject(Route::GetJob, Fault::DropConnection, 1);
//! # Ok(())
//! # }
//! ```
//!
//! See [`Fault`] for the kinds: a status with headers and body ([`StatusFault`]), a
//! delay, an empty body, HTML (as `text/html` or labelled JSON), truncated JSON, a
//! dropped connection (no response at all), and redirects.
//!
//! # The binary
//!
//! `llama-cloud-fake [--port N] [--api-key KEY]` serves the example job and prints
//! `LLAMA_CLOUD_BASE_URL=…` and `LLAMA_CLOUD_API_KEY=…` lines, for trying the SDK by
//! hand; Ctrl-C or SIGTERM stops it.

#![deny(missing_docs)]

mod auth;
mod conn;
mod error;
mod fastapi;
mod faults;
mod intercept;
mod record;
mod routes;
mod script;
mod seed;
mod server;
mod spec;
mod state;
mod store;
mod validate;

pub use auth::DEFAULT_API_KEY;
pub use error::FakeError;
pub use faults::{Fault, Route, StatusFault};
pub use record::RecordedRequest;
pub use script::{Outcome, Pending, Script};
pub use seed::{SEED_JOB_ID, SEED_JOB_JSON};
pub use server::{FakeServer, FakeServerBuilder};
pub use spec::{AgentSpec, DEFAULT_PROJECT_ID, FileSpec, JobSpec};

/// The HTTP types of this crate's API (the `http` crate's, as `reqwest` uses too).
pub use axum::http::{HeaderMap, Method, StatusCode};
/// Ids are `uuid::Uuid`s.
pub use uuid::Uuid;
