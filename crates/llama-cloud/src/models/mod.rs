//! The API's data, as Rust types: the models of the generated client
//! (`llama_cloud_api::types`), under the names this crate has always used,
//! and the few values the contract describes only in prose.
//!
//! Every model comes from the OpenAPI fragment through `cargo xtask
//! codegen`, so a field or enum value the upstream adds reaches these types
//! by regeneration. Decoding is strict on shape and lenient on values: a
//! missing required field or a value of the wrong JSON type is an error that
//! names the field; an enum value this version does not know is kept
//! (`Unknown`), unknown fields are ignored, and a value that breaks an input
//! rule (an invalid `page_range`, say) is kept as sent in a
//! [`Lenient`](llama_cloud_core::Lenient), whose `get` reports the problem.
//! A new value from the server never makes a job unreadable.

mod config_builder;
mod config_check;
mod purpose;
mod result;
mod webhook;

pub use config_builder::ExtractConfigBuilder;
/// How a document is cut into chunks (`chunk_mode`).
pub use llama_cloud_api::types::DocumentChunkMode as ChunkMode;
/// The model used for data extraction (`extract_model`).
pub use llama_cloud_api::types::ExtractModels as ExtractModel;
/// The result of a finished job (`GET /api/v1/extraction/jobs/{job_id}/result`).
pub use llama_cloud_api::types::ExtractResultset as ExtractResult;
/// The state of an extraction run (`ExtractRun.status`).
pub use llama_cloud_api::types::ExtractRunStatus as RunStatus;
/// A file just uploaded (`FileV2` upstream): its `id` is what jobs take.
pub use llama_cloud_api::types::FileUploadResponse as UploadedFile;
/// The model used for parsing (`parse_model`).
pub use llama_cloud_api::types::PublicModelName as ParseModel;
/// The state of an extraction job (`ExtractJob.status`), with
/// [`is_terminal`](JobStatus::is_terminal), [`is_success`](JobStatus::is_success)
/// and [`is_failure`](JobStatus::is_failure).
pub use llama_cloud_api::types::StatusEnum as JobStatus;
pub use llama_cloud_api::types::{
    CustomConfiguration, ExtractAgent, ExtractConfig, ExtractJob, ExtractMode, ExtractRun,
    ExtractTarget, File, Priority, WebhookConfiguration, WebhookEvent,
};
pub use llama_cloud_core::{DataSchema, RawJson, UnknownValue};
pub use purpose::{FilePurpose, WebhookOutputFormat};
pub use result::DataAs;
pub use webhook::Webhook;

pub(crate) use config_check::validate as validate_config;
