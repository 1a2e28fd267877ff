//! A fake LlamaCloud Extraction API on a loopback port, for tests.
//!
//! `llama-cloud-fake` runs a real HTTP server on `127.0.0.1` that speaks the wire
//! format of `openapi/extraction.json`: the SDK's own tests, its quickstart and your
//! tests point a client at [`FakeServer::base_url`] and get the answers LlamaCloud
//! would give, without network or account. It speaks the contract's JSON and multipart
//! only and does not depend on the SDK, so it tests any client.
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
//! # What it models
//!
//! Every operation of the contract is served, over one in-memory model:
//!
//! - **Agents** (`/extraction/extraction-agents`): created in a project (`project_id`,
//!   else [`DEFAULT_PROJECT_ID`]), listed per project in creation order, read, replaced
//!   (`PUT` of schema and config; the name stays) and deleted (`{}`). A data schema may
//!   come as an object or as the JSON text of one; it is stored parsed. A config keeps
//!   the `ExtractConfig` fields as sent (unknown fields dropped, as pydantic does) and
//!   gets no server-side defaults.
//! - **Files** (`POST /beta/files`, multipart): stored with their bytes
//!   ([`FakeServer::file_bytes`]) and part content type ([`FakeServer::file_content_type`]);
//!   the name is the upload's file name and the `file_type` its lowercased extension.
//!   The upload answers the id as `dfl-<uuid>` (the upstream's spelling); v1 extraction
//!   and the seeding and reading helpers take the bare UUID. A file's presigned content
//!   URL points at the fake itself, which serves the bytes without a key and honours a
//!   single `Range: bytes=FIRST-LAST` as object storage does (`206` with its
//!   `Content-Range`, `416` past the end), with an `ETag` that `If-Match` must name
//!   (`412` otherwise).
//! - **Jobs** (`POST /extraction/jobs`, and `POST /extraction/jobs/file` which uploads
//!   the file in the same multipart request): a job embeds a snapshot of its agent, with
//!   `config_override` and `data_schema_override` (object or JSON text) in place of the
//!   agent's config and schema; later changes to the agent do not reach it. It starts
//!   `PENDING` and follows the default script (see below). Jobs are listed per agent,
//!   newest first.
//! - **Runs** (`/extraction/runs`): every job has one, created with it (`PENDING`, with
//!   the job's `from_ui`, config, schema and file). It mirrors its job: `SUCCESS` with
//!   the result data once the job reaches `SUCCESS` or `PARTIAL_SUCCESS`, `ERROR` (with
//!   the job's error) for `ERROR` and `CANCELLED`, else `PENDING`. Runs are read by id
//!   or by job, deleted (`{}`; the job stays, without a result), and listed per agent
//!   newest first, `skip` (default 0) then at most `limit` (default 25; the upstream
//!   bounds neither), with the `total`, filtered by `status` and `run_id`.
//! - **Schemas**: validation answers the schema (parsed if it came as text; anything but
//!   a JSON object is a 422). Generation generates nothing: it answers the schema given
//!   to refine, else `{"type": "object", "properties": {}}`; a `file_id` must exist.
//! - **v2 extraction** (`/api/v2/extract`): a job on a stored file (`dfl-<uuid>`) with
//!   an inline configuration (stored with the service's defaults: `cost_effective`,
//!   `latest`, `per_doc`) or a saved one ([`FakeServer::insert_extract_configuration`]),
//!   exactly one of the two. Its id is `ext-<uuid>`, its `project_id` `prj-<uuid>`. It
//!   follows the default script like v1's jobs, with v2's statuses: `PENDING` on the
//!   first pending GET, `RUNNING` on later ones, then `COMPLETED` (with `extract_result`:
//!   [`FakeServer::set_extract_result`], else the placeholder below), `FAILED` (with
//!   `error_message`) or `CANCELLED` ([`FakeServer::script_extract_job`]). Reads show
//!   `configuration` and `extract_metadata` only when `expand`ed. Listing is newest
//!   first, filtered (`status`, `file_input`, `job_ids`, `configuration_id`, creation
//!   times), `page_size` (default 25) at a time with an opaque `next_page_token`.
//!   Cancelling a job that has ended is a 400; deleting answers `{}`. Schema generation
//!   answers an `extract_v2` configuration around the schema given (or an empty one).
//!   A parse job (`pjb-`) input is a 404: the fake has no parse jobs.
//!
//! A whole extraction, over plain HTTP:
//!
//! ```
//! use llama_cloud_fake::FakeServer;
//! use reqwest::multipart::{Form, Part};
//! use serde_json::{Value, json};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let fake = FakeServer::start().await?;
//! let client = reqwest::Client::new();
//! let url = |path: &str| format!("{}/api/v1{path}", fake.base_url());
//!
//! let schema = json!({"type": "object", "properties": {"total": {"type": "number"}}});
//! let agent: Value = client
//!     .post(url("/extraction/extraction-agents"))
//!     .bearer_auth(fake.api_key())
//!     .json(&json!({"name": "invoices", "data_schema": schema, "config": {}}))
//!     .send().await?.json().await?;
//! let form = Form::new()
//!     .text("purpose", "extract")
//!     .part("file", Part::bytes(b"%PDF-1.7".to_vec()).file_name("invoice.pdf"));
//! let file: Value = client
//!     .post(url("/beta/files"))
//!     .bearer_auth(fake.api_key())
//!     .multipart(form)
//!     .send().await?.json().await?;
//! // The upload answers `dfl-<uuid>`; v1 jobs take the UUID.
//! let file_id = file["id"].as_str().unwrap_or_default().trim_start_matches("dfl-");
//! let job: Value = client
//!     .post(url("/extraction/jobs"))
//!     .bearer_auth(fake.api_key())
//!     .json(&json!({"extraction_agent_id": agent["id"], "file_id": file_id}))
//!     .send().await?.json().await?;
//! let job_url = url(&format!("/extraction/jobs/{}", job["id"].as_str().unwrap_or_default()));
//!
//! // The default life: one poll sees PENDING, the next one SUCCESS.
//! for expected in ["PENDING", "SUCCESS"] {
//!     let polled: Value = client.get(&job_url).bearer_auth(fake.api_key()).send().await?.json().await?;
//!     assert_eq!(polled["status"], expected);
//! }
//! let result: Value = client
//!     .get(format!("{job_url}/result"))
//!     .bearer_auth(fake.api_key())
//!     .send().await?.json().await?;
//! assert_eq!(result["data"], json!({"total": 0}));
//! # Ok(())
//! # }
//! ```
//!
//! An agent id that no agent has is a 404 for the job and run listings unless a job was
//! run on it (a seeded job's agent need not be inserted, and a deleted agent's jobs stay
//! listable). Unknown ids are `404 {"detail": ...}`: `Extraction agent not found`,
//! `File not found`, `Job not found`, `Extraction run not found`.
//!
//! # Seeding and reading back
//!
//! - [`FakeServer::seed_example_job`] inserts the documentation's example job
//!   ([`SEED_JOB_JSON`], id [`SEED_JOB_ID`]), served back exactly as written.
//! - [`FakeServer::insert_job`] takes an `ExtractJob` as JSON or a [`JobSpec`];
//!   [`JobSpec`], [`AgentSpec`] and [`FileSpec`] fill in every required field and draw
//!   UUID v4 ids. Inserted JSON must have the contract's shape (required fields, JSON
//!   types, UUIDs); enum values are not checked, so a test can serve a status a newer
//!   server might send. An inserted job gets a run like any other (and a result once it
//!   has succeeded).
//! - [`FakeServer::insert_agent`] and [`FakeServer::insert_file`] add agents and files
//!   (an inserted file has no bytes).
//! - [`FakeServer::job`], [`FakeServer::agent`], [`FakeServer::file`] and
//!   [`FakeServer::run`] read one thing back, [`FakeServer::jobs`],
//!   [`FakeServer::agents`], [`FakeServer::files`] and [`FakeServer::runs`] all of them
//!   (oldest first), whether seeded or created through the API.
//!
//! # Job lives
//!
//! A job created through the API follows the default script, which
//! [`FakeServer::set_default_script`] changes for the jobs created after it. The default
//! is `Script::after_polls(1, Outcome::Success)`: the create response and the first GET
//! of the job say `PENDING`, and once that GET has answered the job has succeeded.
//!
//! [`FakeServer::script_job`] gives any job a [`Script`]: `PENDING` for a number of GETs
//! ([`Pending::Polls`]) or for a time ([`Pending::For`]), then an [`Outcome`]:
//! `SUCCESS`, `PARTIAL_SUCCESS`, `ERROR` (with its message in `error`) or `CANCELLED`.
//! Only a GET of the job counts as a poll; every other read (its result, its run,
//! listings, [`FakeServer::job`]) sees where the script stands without moving it.
//! Time is tokio's: under `#[tokio::test(start_paused = true)]`,
//! `tokio::time::advance` moves scripted jobs along instantly.
//!
//! On paused time, tokio also jumps the clock forward whenever the runtime is idle and
//! a timer is pending, even while a request is on the wire. A client with a timeout or
//! a pool idle timer can therefore see a job finish "early". For exact timing, build
//! the client without them (`reqwest::Client::builder().pool_idle_timeout(None)`) and
//! move time only with `advance`.
//!
//! # Results
//!
//! `GET /extraction/jobs/{job_id}/result` answers an `ExtractResultset` (`data`,
//! `extraction_agent_id`, `extraction_metadata` (`{}`), `run_id`) once the job is
//! `SUCCESS` or `PARTIAL_SUCCESS`. Before that, and for `ERROR` and `CANCELLED` jobs, it
//! is a 404 saying why (`Job result not found: the job is PENDING`): the contract
//! documents no other client error for it. So is it once the job's run was deleted.
//!
//! The data is what [`FakeServer::set_job_result`] set, else placeholders shaped by the
//! job's schema and `extraction_target`: one object for `PER_DOC` (or no target), a list
//! of one object for `PER_PAGE` and `PER_TABLE_ROW`. Each property gets its `const`, the
//! first of its `enum`, or its `default`, else by `type`: `""`, `0`, `false`, `[]`, a
//! nested object filled the same way, or `null`. `anyOf`/`oneOf`/`allOf` take their
//! first non-null branch and local `$ref`s (`#/$defs/...`) are followed, 16 deep at
//! most. A schema that describes no object gives `{}`. For example
//! `{"type": "object", "properties": {"total": {"type": "number"}, "currency": {"enum":
//! ["EUR", "USD"]}}}` gives `{"currency": "EUR", "total": 0}`.
//!
//! # Stateless runs
//!
//! `POST /extraction/run` takes a config, a schema, and exactly one of `file_id` (which
//! must exist), `text` or `file` (base64 `data` and a `mime_type`). It creates a job like
//! any other on the project's default agent, with the request's config and schema. The
//! default agent is created on first use (named `default-extraction-agent`) and listed
//! only with `include_default=true`. Text and inline files are stored as files
//! (`text.txt`, and `file.<extension of the MIME type>`), so a test can read back what
//! the client sent.
//!
//! # What a request goes through
//!
//! 1. It is recorded ([`FakeServer::requests`]), whatever happens next.
//! 2. The first injected fault whose [`Route`] matches it, if any, is applied
//!    ([`FakeServer::inject`]). Faults come before auth, as the proxies and rate
//!    limiters they stand for do.
//! 3. Routing: an unknown path is `404 {"detail": "Not Found"}` and a known path with
//!    another method `405 {"detail": "Method Not Allowed"}` with `Allow`, without any
//!    auth check, as in Starlette. A path parameter that decodes to something holding a
//!    `/` leaves its route (a 404), as Starlette routes on the decoded path.
//! 4. The body is decoded, still before auth, as FastAPI does: JSON that does not parse
//!    is a 422 `json_invalid` (only bodies labelled JSON, or unlabelled, are decoded; any
//!    other body reaches the model as text), and a multipart body that does not parse
//!    is Starlette's `400` (`Invalid multipart data.`, `Missing boundary in
//!    multipart.`). A body of another type makes an empty form.
//! 5. Auth: `Authorization: Bearer <key>` or `401`, in FastAPI's words: `Not
//!    authenticated` (with `WWW-Authenticate: Bearer`) when the header is missing or not
//!    a bearer, `Invalid API key` when the key is wrong.
//! 6. Validation: path, query and body are checked together, and every failure is
//!    listed in one 422, path first, then query, then body, with pydantic v2's `type`,
//!    `loc`, `msg`, `input` and `ctx`. For example, for a job id `nope`:
//!    `{"detail":[{"type":"uuid_parsing","loc":["path","job_id"],"msg":"Input should be
//!    a valid UUID, invalid character: found `n` at 0","input":"nope","ctx":{"error":
//!    "invalid character: found `n` at 0"}}]}`. Query strings convert as pydantic's lax
//!    mode converts them (`from_ui=yes` is true, `skip=+1_0` is 10), but JSON bodies are
//!    stricter than pydantic: a value must already have the contract's JSON type (`"true"`
//!    is no boolean, `2.0` no integer), so that a client sending the wrong type is
//!    caught. Form fields follow FastAPI: an empty field is a missing one, and a file
//!    sent as a plain field is a `value_error`.
//! 7. Lookup: an unknown id is a 404 (see above).
//!
//! Steps 3 to 7 follow FastAPI 0.165's order, checked against it: the body is read
//! first, security dependencies are solved next, and the endpoint's own parameters are
//! validated after them, so a bad key with a bad id is a 401, not a 422.
//!
//! # Faults
//!
//! ```
//! use std::time::Duration;
//! use llama_cloud_fake::{Fault, FakeServer, Operation, Route};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let fake = FakeServer::start().await?;
//! // The next two job GETs are rate limited, the one after that loses its connection.
//! fake.inject(Route::GetJob, Fault::rate_limited(Duration::from_millis(1500)), 2);
//! fake.inject(Route::GetJob, Fault::DropConnection, 1);
//! // The next upload fails with a 503.
//! fake.inject(Operation::UploadFile, Fault::status(llama_cloud_fake::StatusCode::SERVICE_UNAVAILABLE), 1);
//! # Ok(())
//! # }
//! ```
//!
//! A [`Route`] is every request, one [`Operation`] (by method and path template), or a
//! method and path prefix. See [`Fault`] for the kinds: a status with headers and body
//! ([`StatusFault`]), a delay, an empty body, HTML (as `text/html` or labelled JSON),
//! truncated JSON, a dropped connection (no response at all), and redirects.
//!
//! # Where the fake departs from the real service
//!
//! - A GET of `/extraction/jobs/file` is a 405 (only POST is documented there), where
//!   Starlette would route it to Get Job and answer a 422 for the id `file`.
//! - Nothing is extracted: results are placeholders or what a test set, schema
//!   generation returns what it was given, and webhooks are accepted but never called.
//! - The contract documents neither the stateless run's 404 for an unknown `file_id`
//!   nor the multipart operations' 400 for a body that does not parse; the fake sends
//!   both, with an `ErrorDetail` body.
//! - JSON decode errors carry serde_json's message and a byte offset, where Python's
//!   decoder has its own words and a character offset.
//!
//! # The binary
//!
//! `llama-cloud-fake [--port N] [--api-key KEY]` serves the example job, its agent and
//! its file (all three with the id [`SEED_JOB_ID`]) and prints
//! `LLAMA_CLOUD_BASE_URL=…` and `LLAMA_CLOUD_API_KEY=…` lines, for trying the SDK by
//! hand; Ctrl-C or SIGTERM stops it.

#![deny(missing_docs)]

mod auth;
mod bodies;
mod config;
mod conn;
mod error;
mod extract_bodies;
mod fastapi;
mod faults;
mod form;
mod intercept;
mod json_body;
mod multipart;
mod operation;
mod pydantic;
mod query;
mod record;
mod results;
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
pub use operation::Operation;
pub use record::RecordedRequest;
pub use script::{Outcome, Pending, Script};
pub use seed::{SEED_JOB_ID, SEED_JOB_JSON};
pub use server::{DEFAULT_REQUEST_LOG_CAPACITY, FakeServer, FakeServerBuilder};
pub use spec::{AgentSpec, DEFAULT_PROJECT_ID, FileSpec, JobSpec};

/// The HTTP types of this crate's API (the `http` crate's, as `reqwest` uses too).
pub use axum::http::{HeaderMap, Method, StatusCode};
/// Ids are `uuid::Uuid`s.
pub use uuid::Uuid;
