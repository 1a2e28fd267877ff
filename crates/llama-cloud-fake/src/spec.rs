//! Builders for jobs, agents and files, so tests need not hand-write wire JSON.
//!
//! Each builder fills every field the contract requires with something plausible and
//! draws a fresh UUID v4 id; set only what the test is about. Convert with
//! `serde_json::Value::from(spec)`, or pass the spec straight to an `insert_*` method.

use serde_json::{Value, json};
use uuid::Uuid;

/// The `project_id` builders use unless told otherwise, so that everything one fake
/// serves belongs to one project.
pub const DEFAULT_PROJECT_ID: Uuid = uuid::uuid!("00000000-0000-4000-8000-00000000f4ce");

/// An `ExtractAgent`: defaults to the name `fake-agent`, an empty object schema and a
/// `BALANCED`, `PER_DOC` config.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentSpec {
    id: Uuid,
    name: String,
    project_id: Uuid,
    data_schema: Value,
    config: Value,
}

impl AgentSpec {
    /// An agent with a fresh random id.
    pub fn new() -> Self {
        Self {
            id: Uuid::new_v4(),
            name: "fake-agent".to_owned(),
            project_id: DEFAULT_PROJECT_ID,
            data_schema: json!({ "type": "object", "properties": {} }),
            config: json!({
                "chunk_mode": "PAGE",
                "extraction_mode": "BALANCED",
                "extraction_target": "PER_DOC",
            }),
        }
    }

    /// Sets the id.
    pub fn id(mut self, id: Uuid) -> Self {
        self.id = id;
        self
    }

    /// Sets the name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Sets the project id.
    pub fn project_id(mut self, project_id: Uuid) -> Self {
        self.project_id = project_id;
        self
    }

    /// Sets the data schema (a JSON object, usually a JSON Schema).
    pub fn data_schema(mut self, data_schema: Value) -> Self {
        self.data_schema = data_schema;
        self
    }

    /// Sets the whole `ExtractConfig` object.
    pub fn config(mut self, config: Value) -> Self {
        self.config = config;
        self
    }
}

impl Default for AgentSpec {
    fn default() -> Self {
        Self::new()
    }
}

impl From<AgentSpec> for Value {
    fn from(spec: AgentSpec) -> Self {
        json!({
            "id": spec.id,
            "config": spec.config,
            "data_schema": spec.data_schema,
            "name": spec.name,
            "project_id": spec.project_id,
        })
    }
}

/// A `File`: defaults to `document.pdf`, type `pdf`, purpose `extract`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSpec {
    id: Uuid,
    name: String,
    project_id: Uuid,
    file_type: String,
    file_size: Option<u64>,
    purpose: String,
}

impl FileSpec {
    /// A file with a fresh random id.
    pub fn new() -> Self {
        Self {
            id: Uuid::new_v4(),
            name: "document.pdf".to_owned(),
            project_id: DEFAULT_PROJECT_ID,
            file_type: "pdf".to_owned(),
            file_size: None,
            purpose: "extract".to_owned(),
        }
    }

    /// Sets the id.
    pub fn id(mut self, id: Uuid) -> Self {
        self.id = id;
        self
    }

    /// Sets the file name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Sets the project id.
    pub fn project_id(mut self, project_id: Uuid) -> Self {
        self.project_id = project_id;
        self
    }

    /// Sets the file type (`pdf`, `docx`, …).
    pub fn file_type(mut self, file_type: impl Into<String>) -> Self {
        self.file_type = file_type.into();
        self
    }

    /// Sets the size in bytes (absent by default).
    pub fn file_size(mut self, bytes: u64) -> Self {
        self.file_size = Some(bytes);
        self
    }

    /// Sets the purpose (`extract`, `parse`, `user_data`, …).
    pub fn purpose(mut self, purpose: impl Into<String>) -> Self {
        self.purpose = purpose.into();
        self
    }
}

impl Default for FileSpec {
    fn default() -> Self {
        Self::new()
    }
}

impl From<FileSpec> for Value {
    fn from(spec: FileSpec) -> Self {
        let mut file = json!({
            "id": spec.id,
            "name": spec.name,
            "project_id": spec.project_id,
            "file_type": spec.file_type,
            "purpose": spec.purpose,
        });
        if let (Some(size), Some(fields)) = (spec.file_size, file.as_object_mut()) {
            fields.insert("file_size".to_owned(), Value::from(size));
        }
        file
    }
}

/// An `ExtractJob`: defaults to `PENDING`, no error, a fresh [`AgentSpec`] and no file.
///
/// ```
/// use llama_cloud_fake::{AgentSpec, FileSpec, JobSpec};
///
/// let job = serde_json::Value::from(
///     JobSpec::new()
///         .status("SUCCESS")
///         .agent(AgentSpec::new().name("invoices"))
///         .file(FileSpec::new().name("invoice-17.pdf")),
/// );
/// assert_eq!(job["status"], "SUCCESS");
/// assert_eq!(job["file_id"], job["file"]["id"]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct JobSpec {
    id: Uuid,
    status: String,
    error: Option<String>,
    agent: AgentSpec,
    file: Option<FileSpec>,
}

impl JobSpec {
    /// A pending job with a fresh random id.
    pub fn new() -> Self {
        Self {
            id: Uuid::new_v4(),
            status: "PENDING".to_owned(),
            error: None,
            agent: AgentSpec::new(),
            file: None,
        }
    }

    /// Sets the id.
    pub fn id(mut self, id: Uuid) -> Self {
        self.id = id;
        self
    }

    /// Sets the status. Any string is served as given, so a test can also try a
    /// status the contract does not list yet.
    pub fn status(mut self, status: impl Into<String>) -> Self {
        self.status = status.into();
        self
    }

    /// Sets the `error` message.
    pub fn error(mut self, message: impl Into<String>) -> Self {
        self.error = Some(message.into());
        self
    }

    /// Sets the agent the job ran on (embedded whole, as the API does).
    pub fn agent(mut self, agent: AgentSpec) -> Self {
        self.agent = agent;
        self
    }

    /// Sets the file: both the embedded `file` and `file_id`.
    pub fn file(mut self, file: FileSpec) -> Self {
        self.file = Some(file);
        self
    }
}

impl Default for JobSpec {
    fn default() -> Self {
        Self::new()
    }
}

impl From<JobSpec> for Value {
    fn from(spec: JobSpec) -> Self {
        let file_id = spec.file.as_ref().map(|file| file.id);
        json!({
            "id": spec.id,
            "extraction_agent": Value::from(spec.agent),
            "status": spec.status,
            "error": spec.error,
            "file": spec.file.map(Value::from),
            "file_id": file_id,
        })
    }
}
