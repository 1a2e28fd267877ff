//! The API's data, as Rust types.
//!
//! Decoding is strict on shape and lenient on values: a missing required
//! field or a value of the wrong JSON type is an error that names the field;
//! an enum value this version does not know is kept (`Unknown`), unknown
//! fields are ignored, and a value that breaks an input rule (an invalid
//! `page_range`, say) is kept as sent, with its typed accessor reporting the
//! problem. A new value from the server never makes a job unreadable.

pub mod agent;
pub mod enums;
pub mod extract_config;
pub mod file;
pub mod job;
mod timestamp;

pub use agent::ExtractAgent;
pub use enums::{
    ChunkMode, CustomConfiguration, ExtractMode, ExtractModel, ExtractTarget, JobStatus,
    ParseModel, Priority, UnknownValue,
};
pub use extract_config::{ExtractConfig, ExtractConfigBuilder};
pub use file::File;
pub use job::ExtractJob;

/// A free-form JSON object, as used by `data_schema` and file metadata.
pub type JsonObject = serde_json::Map<String, serde_json::Value>;
