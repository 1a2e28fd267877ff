//! The API's data, as Rust types.
//!
//! Decoding is strict on shape and lenient on values: a missing required
//! field or a value of the wrong JSON type is an error that names the field;
//! an enum value this version does not know is kept (`Unknown`), unknown
//! fields are ignored, and a value that breaks an input rule (an invalid
//! `page_range`, say) is kept as sent, with its typed accessor reporting the
//! problem. A new value from the server never makes a job unreadable.

pub mod agent;
pub mod data_schema;
pub mod enums;
pub mod extract_config;
pub mod file;
pub mod job;
pub mod result;
pub mod run;

pub mod uploaded_file;
pub mod webhook;

pub use agent::ExtractAgent;
pub use data_schema::DataSchema;
pub use enums::{
    ChunkMode, CustomConfiguration, ExtractMode, ExtractModel, ExtractTarget, FilePurpose,
    JobStatus, ParseModel, Priority, RunStatus, UnknownValue, WebhookEvent, WebhookOutputFormat,
};
pub use extract_config::{ExtractConfig, ExtractConfigBuilder};
pub use file::File;
pub use job::ExtractJob;
pub use result::{ExtractResult, ExtractedData};
pub use run::ExtractRun;
pub use uploaded_file::UploadedFile;
pub use webhook::WebhookConfiguration;

/// A free-form JSON object, as used by `data_schema` and file metadata.
pub type JsonObject = serde_json::Map<String, serde_json::Value>;
