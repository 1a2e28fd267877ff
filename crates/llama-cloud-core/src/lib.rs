//! The hand-written layer under the generated LlamaCloud client.
//!
//! The SDK is three crates, each standing on the one below:
//!
//! 1. `llama-cloud-core` (this crate): what cannot be generated. The value
//!    types: typed ids ([`ids`], and v2's prefixed ones, [`prefixed_ids`]), [`PageRange`], [`NumPagesContext`],
//!    [`Lenient`] (a value kept as sent when it breaks its rule),
//!    [`Timestamp`] (which reads pydantic's naive datetimes), and the
//!    [`open_enum!`] macro the generated code defines its enums with.
//!    And the request [`Runtime`]: every
//!    request of every operation goes through [`Runtime::execute`], for
//!    retries ([`retry`]), idempotency keys, the retry-count header,
//!    per-call overrides, bounded body reads and tracing.
//! 2. `llama-cloud-api`: the client `cargo xtask codegen` generates from
//!    the OpenAPI fragment. Its `exec` hook (emitted by the xtask) calls
//!    [`Runtime::exec`], so the generated client retries, limits and traces
//!    exactly as the ergonomic crate does.
//! 3. `llama-cloud`: the crate users depend on.
//!
//! Most users never name this crate: `llama-cloud` re-exports what its
//! models use ([`Lenient`], [`Timestamp`], the ids, [`PageRange`], ...).

#![deny(missing_docs)]

pub mod credentials;
pub mod data_schema;
pub mod failure;
pub mod file_v2_id;
mod from_text;
pub mod ids;
pub mod lenient;
pub mod num_pages_context;
pub mod observe;
pub mod open_enum;
pub mod operation;
pub mod page_range;
pub mod prefixed_ids;
pub mod raw_json;
pub mod redirect;
pub mod retry;
mod runtime;
pub mod timestamp;

pub use credentials::Credentials;
pub use data_schema::{DataSchema, DataSchemaError};
pub use failure::{Failure, TransportKind};
pub use file_v2_id::FileV2Id;
pub use ids::{
    DataSourceId, ExtractionAgentId, FileId, IdError, JobId, OrganizationId, ProjectId, RunId,
};
pub use lenient::{Checked, Lenient};
pub use num_pages_context::{NumPagesContext, NumPagesContextError};
pub use observe::{Observation, Observed, Seen, observe};
pub use open_enum::UnknownValue;
pub use operation::Operation;
pub use page_range::{PageRange, PageRangeError, PageRangeErrorKind, PageSpan};
pub use prefixed_ids::{ConfigurationId, DocumentInput, ExtractJobId, ParseJobId, ProjectV2Id};
pub use raw_json::RawJson;
pub use redirect::RedirectRefusal;
pub use runtime::{
    BodyTooLarge, Exchange, IDEMPOTENCY_KEY_HEADER, Overrides, RETRY_COUNT_HEADER, Runtime,
    Settings,
};
pub use timestamp::Timestamp;
