//! The server itself: start, address, seeding, scripting, faults, log, stop.

use std::fmt;
use std::future::IntoFuture;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use uuid::Uuid;

use crate::auth::DEFAULT_API_KEY;
use crate::conn::{ConnectionHandle, FakeListener};
use crate::error::FakeError;
use crate::faults::{Fault, Route};
use crate::record::RecordedRequest;
use crate::routes;
use crate::script::Script;
use crate::seed::SEED_JOB_JSON;
use crate::state::Shared;

/// Settings for a [`FakeServer`]; from [`FakeServer::builder`].
#[derive(Debug, Clone)]
pub struct FakeServerBuilder {
    api_key: String,
    port: u16,
    log_capacity: usize,
}

/// How many requests [`FakeServer::requests`] keeps by default: the newest
/// ones; older ones are forgotten (and counted by
/// [`FakeServer::requests_forgotten`]).
pub const DEFAULT_REQUEST_LOG_CAPACITY: usize = 4096;

impl FakeServerBuilder {
    /// The key clients must send as `Authorization: Bearer <key>`
    /// (default [`DEFAULT_API_KEY`]).
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = api_key.into();
        self
    }

    /// The port on 127.0.0.1 (default 0: any free port, which tests should keep).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// How many requests the log keeps (default
    /// [`DEFAULT_REQUEST_LOG_CAPACITY`]): a test that inspects more requests
    /// than that says so here; 0 keeps none.
    pub fn request_log_capacity(mut self, capacity: usize) -> Self {
        self.log_capacity = capacity;
        self
    }

    /// Binds the port and starts serving on the current tokio runtime.
    ///
    /// # Errors
    ///
    /// When the port cannot be bound (already in use, say).
    pub async fn start(self) -> io::Result<FakeServer> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(self.api_key, self.log_capacity));
        let app = routes::router(Arc::clone(&shared))
            .into_make_service_with_connect_info::<ConnectionHandle>();
        let (stop, stopped) = oneshot::channel::<()>();
        // Either a send or the sender's drop (the `FakeServer` dropped) resolves this.
        let signal = async move {
            let _ = stopped.await;
        };
        let serve = axum::serve(FakeListener::new(listener), app).with_graceful_shutdown(signal);
        let task = tokio::spawn(async move {
            // axum's serve loop retries accept errors itself and so never fails.
            let _ = serve.into_future().await;
        });
        Ok(FakeServer {
            addr,
            shared,
            stop,
            task,
        })
    }
}

/// A LlamaCloud Extraction API on a loopback port, for tests.
///
/// Start one per test; it lives until dropped or [`shutdown`](Self::shutdown). Every
/// method but `shutdown` takes `&self` and is synchronous, so a test can seed, script
/// and inspect while requests are in flight (share it with an `Arc` if a spawned task
/// needs it). See the [crate documentation](crate) for a walk-through.
pub struct FakeServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl fmt::Debug for FakeServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeServer")
            .field("addr", &self.addr)
            .field("api_key", &self.shared.api_key)
            .finish_non_exhaustive()
    }
}

impl FakeServer {
    /// Starts a server on a free port of 127.0.0.1 that accepts [`DEFAULT_API_KEY`].
    ///
    /// # Errors
    ///
    /// When no loopback port can be bound.
    pub async fn start() -> io::Result<Self> {
        Self::builder().start().await
    }

    /// Settings other than the defaults: a key, a fixed port.
    pub fn builder() -> FakeServerBuilder {
        FakeServerBuilder {
            api_key: DEFAULT_API_KEY.to_owned(),
            port: 0,
            log_capacity: DEFAULT_REQUEST_LOG_CAPACITY,
        }
    }

    /// `http://127.0.0.1:PORT`, with no trailing slash: the SDK's base URL.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The key the server accepts.
    pub fn api_key(&self) -> &str {
        &self.shared.api_key
    }

    /// The socket address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Inserts (or replaces) a job: an `ExtractJob` as JSON, or a
    /// [`JobSpec`](crate::JobSpec). Returns its id. Replacing a job drops its script.
    ///
    /// # Errors
    ///
    /// [`FakeError::InvalidJson`] when a required field is missing, has the wrong JSON
    /// type, or an id is not a hyphenated UUID. Enum values are not checked.
    pub fn insert_job(&self, job: impl Into<Value>) -> Result<Uuid, FakeError> {
        self.shared.store().insert_job(job.into())
    }

    /// Inserts the documentation's example job ([`SEED_JOB_JSON`], id
    /// [`SEED_JOB_ID`](crate::SEED_JOB_ID)), and returns its id.
    ///
    /// # Errors
    ///
    /// None in practice: the fixture is valid (a test checks it).
    pub fn seed_example_job(&self) -> Result<Uuid, FakeError> {
        let job =
            serde_json::from_str::<Value>(SEED_JOB_JSON).map_err(|e| FakeError::InvalidJson {
                kind: "job",
                reason: e.to_string(),
            })?;
        self.insert_job(job)
    }

    /// Inserts (or replaces) an extraction agent: an `ExtractAgent` as JSON, or an
    /// [`AgentSpec`](crate::AgentSpec). Returns its id.
    ///
    /// # Errors
    ///
    /// [`FakeError::InvalidJson`], as for [`insert_job`](Self::insert_job).
    pub fn insert_agent(&self, agent: impl Into<Value>) -> Result<Uuid, FakeError> {
        self.shared.store().insert_agent(agent.into())
    }

    /// Inserts (or replaces) a file: a `File` as JSON, or a
    /// [`FileSpec`](crate::FileSpec). Returns its id.
    ///
    /// # Errors
    ///
    /// [`FakeError::InvalidJson`], as for [`insert_job`](Self::insert_job).
    pub fn insert_file(&self, file: impl Into<Value>) -> Result<Uuid, FakeError> {
        self.shared.store().insert_file(file.into())
    }

    /// The job as it stands now, without counting as a poll (a scripted duration that
    /// has run out does end the job).
    pub fn job(&self, id: Uuid) -> Option<Value> {
        self.shared.store().job(id)
    }

    /// Every job, inserted or created through the API, oldest first.
    pub fn jobs(&self) -> Vec<Value> {
        self.shared.store().jobs()
    }

    /// An agent, inserted or created through the API.
    pub fn agent(&self, id: Uuid) -> Option<Value> {
        self.shared.store().agent(id)
    }

    /// Every agent, oldest first, projects' default agents (see the
    /// [crate documentation](crate#stateless-runs)) included.
    pub fn agents(&self) -> Vec<Value> {
        self.shared.store().agents()
    }

    /// A file, inserted or uploaded.
    pub fn file(&self, id: Uuid) -> Option<Value> {
        self.shared.store().file(id)
    }

    /// Every file, oldest first.
    pub fn files(&self) -> Vec<Value> {
        self.shared.store().files()
    }

    /// The bytes of a file as uploaded (empty for a file inserted as JSON), or `None`
    /// for an unknown file.
    pub fn file_bytes(&self, id: Uuid) -> Option<Vec<u8>> {
        self.shared.store().file_bytes(id)
    }

    /// The `Content-Type` an upload's file part carried (or the MIME type of a stateless
    /// run's inline file), if it had one.
    pub fn file_content_type(&self, id: Uuid) -> Option<String> {
        self.shared.store().file_content_type(id)
    }

    /// An extraction run as it stands now.
    pub fn run(&self, id: Uuid) -> Option<Value> {
        self.shared.store().run(id)
    }

    /// Every extraction run, oldest first.
    pub fn runs(&self) -> Vec<Value> {
        self.shared.store().runs()
    }

    /// The life of every job created through the API from now on (Run Job, Run Job On
    /// File, the stateless run); inserted jobs have no script unless given one. The
    /// default is `Script::after_polls(1, Outcome::Success)`: the create response and
    /// the first GET of the job say `PENDING`; from then on the job has succeeded (the
    /// next GET says `SUCCESS`, and its result exists).
    pub fn set_default_script(&self, script: Script) {
        self.shared.store().set_default_script(script);
    }

    /// Sets the `data` the job's result (and its run) carries once the job reaches
    /// `SUCCESS` or `PARTIAL_SUCCESS`, in place of the placeholder data the fake derives
    /// from the job's schema (see the [crate documentation](crate#results)).
    ///
    /// # Errors
    ///
    /// [`FakeError::UnknownJob`] when no job has this id, and
    /// [`FakeError::InvalidJson`] when `data` is not an object, an array of objects or
    /// null (what an `ExtractResultset` may carry).
    pub fn set_job_result(&self, id: Uuid, data: impl Into<Value>) -> Result<(), FakeError> {
        let data = result_data(data.into())?;
        self.shared.store().set_job_result(id, data)
    }

    /// Gives a job a scripted life, replacing any earlier script. From now on each GET
    /// of the job that reaches the route advances the script and sees its `status`
    /// (`error` is null except for [`Outcome::Error`](crate::Outcome::Error)).
    ///
    /// # Errors
    ///
    /// [`FakeError::UnknownJob`] when no job has this id.
    pub fn script_job(&self, id: Uuid, script: Script) -> Result<(), FakeError> {
        self.shared.store().script_job(id, script)
    }

    /// Every v2 extraction job, oldest first, with every field (`configuration` and
    /// `extract_metadata` included, which reads show only when expanded).
    pub fn extract_jobs(&self) -> Vec<Value> {
        self.shared.store().extract_jobs()
    }

    /// Gives a v2 extraction job (by the UUID after its `ext-`) a scripted life,
    /// replacing its script. Each GET of the job advances it: `PENDING` on the first
    /// pending GET, `RUNNING` on later ones, then `COMPLETED` (for
    /// [`Outcome::Success`](crate::Outcome::Success) and `PartialSuccess`), `FAILED`
    /// with `error_message` (for [`Outcome::Error`](crate::Outcome::Error)) or
    /// `CANCELLED`. Jobs created through the API follow the
    /// [default script](Self::set_default_script).
    ///
    /// # Errors
    ///
    /// [`FakeError::UnknownJob`] when no v2 job has this id.
    pub fn script_extract_job(&self, id: Uuid, script: Script) -> Result<(), FakeError> {
        self.shared.store().script_extract_job(id, script)
    }

    /// Sets the `extract_result` a v2 job (by the UUID after its `ext-`) carries once
    /// `COMPLETED`, in place of the placeholder derived from its schema.
    ///
    /// # Errors
    ///
    /// [`FakeError::UnknownJob`] when no v2 job has this id, and
    /// [`FakeError::InvalidJson`] when `data` is not an object, an array of objects
    /// or null.
    pub fn set_extract_result(&self, id: Uuid, data: impl Into<Value>) -> Result<(), FakeError> {
        let data = result_data(data.into())?;
        self.shared.store().set_extract_result(id, data)
    }

    /// Saves a v2 extraction configuration (an `ExtractConfiguration` object) that
    /// jobs can then name by the id this returns (`cfg-<uuid>`).
    pub fn insert_extract_configuration(&self, configuration: impl Into<Value>) -> String {
        self.shared
            .store()
            .insert_extract_configuration(configuration.into())
    }

    /// Makes the next `times` requests matching `route` (a [`Route`], or an
    /// [`Operation`](crate::Operation)) fail with `fault`.
    ///
    /// Injections queue in order: a request takes the first one that matches it.
    pub fn inject(&self, route: impl Into<Route>, fault: impl Into<Fault>, times: usize) {
        self.shared.faults().push(route.into(), fault.into(), times);
    }

    /// Forgets every injected fault not used yet.
    pub fn clear_faults(&self) {
        self.shared.faults().clear();
    }

    /// The requests received, oldest first: all of them, or the newest
    /// [`request_log_capacity`](FakeServerBuilder::request_log_capacity).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.log().to_vec()
    }

    /// How many requests the log forgot to stay within its capacity, since
    /// the start or the last [`clear_requests`](Self::clear_requests).
    pub fn requests_forgotten(&self) -> u64 {
        self.shared.log().dropped()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        self.shared.log().clear();
    }

    /// Stops accepting connections, lets requests in flight finish (an injected
    /// [`Fault::Delay`] included), and returns once the server has stopped.
    /// Dropping the server stops it the same way without waiting.
    pub async fn shutdown(self) {
        let Self { stop, task, .. } = self;
        let _ = stop.send(());
        // The task only ends by finishing: it never panics and nothing aborts it.
        let _ = task.await;
    }
}

/// Result data as a job may carry it: an object, an array of objects, or null.
fn result_data(data: Value) -> Result<Value, FakeError> {
    let valid = match &data {
        Value::Null | Value::Object(_) => true,
        Value::Array(items) => items.iter().all(Value::is_object),
        _ => false,
    };
    if valid {
        Ok(data)
    } else {
        Err(FakeError::InvalidJson {
            kind: "result",
            reason: "the data must be an object, an array of objects, or null".to_owned(),
        })
    }
}
