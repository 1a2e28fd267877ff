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
}

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

    /// Binds the port and starts serving on the current tokio runtime.
    ///
    /// # Errors
    ///
    /// When the port cannot be bound (already in use, say).
    pub async fn start(self) -> io::Result<FakeServer> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(self.api_key));
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

    /// The job as it stands now, without counting as a poll.
    pub fn job(&self, id: Uuid) -> Option<Value> {
        self.shared.store().job(id)
    }

    /// An inserted agent.
    pub fn agent(&self, id: Uuid) -> Option<Value> {
        self.shared.store().agent(id)
    }

    /// An inserted file.
    pub fn file(&self, id: Uuid) -> Option<Value> {
        self.shared.store().file(id)
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

    /// Makes the next `times` requests matching `route` fail with `fault`.
    ///
    /// Injections queue in order: a request takes the first one that matches it.
    pub fn inject(&self, route: Route, fault: impl Into<Fault>, times: usize) {
        self.shared.faults().push(route, fault.into(), times);
    }

    /// Forgets every injected fault not used yet.
    pub fn clear_faults(&self) {
        self.shared.faults().clear();
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.log().clone()
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
