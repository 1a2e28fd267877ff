//! The hand-written layer under the generated LlamaCloud client.
//!
//! The SDK is three crates, each standing on the one below:
//!
//! 1. `llama-cloud-core` (this crate): what cannot be generated. Today that
//!    is the request [`Runtime`]: every request of every operation goes
//!    through [`Runtime::execute`], for retries ([`retry`]), idempotency
//!    keys, the retry-count header, per-call overrides, bounded body reads
//!    and tracing.
//! 2. `llama-cloud-api`: the client `cargo xtask codegen` generates from
//!    the OpenAPI fragment. Its `exec` hook (emitted by the xtask) calls
//!    [`Runtime::exec`], so the generated client retries, limits and traces
//!    exactly as the ergonomic crate does.
//! 3. `llama-cloud`: the crate users depend on.
//!
//! Most users never name this crate.

pub mod retry;
mod runtime;

pub use runtime::{
    BodyTooLarge, Exchange, Failure, IDEMPOTENCY_KEY_HEADER, NextAttempt, Overrides,
    RETRY_COUNT_HEADER, Runtime, Settings,
};
