//! Named rewrites of an OpenAPI document, each working around one way the
//! generator (progenitor 0.15 with typify 0.8) mishandles a valid schema.
//!
//! The checked-in fragment stays a faithful copy of the contract; these run
//! only on the copy handed to the generator. Each lives in its own module with
//! its own tests, and [`for_codegen`] applies them in a fixed order.

mod any_json_value;
mod drop_multipart_operations;
mod keep_extra_properties;
mod open_string_unions;
mod unify_error_bodies;

use serde_json::Value;

use crate::spec::{Transform, apply_all};

pub use any_json_value::any_json_value;
pub use drop_multipart_operations::drop_multipart_operations;
pub use keep_extra_properties::keep_extra_properties;
pub use open_string_unions::open_string_unions;
pub use unify_error_bodies::unify_error_bodies;

/// The transformations `cargo xtask codegen` applies, in order.
pub const CODEGEN: &[Transform] = &[
    Transform {
        name: "drop_multipart_operations",
        apply: drop_multipart_operations,
    },
    Transform {
        name: "unify_error_bodies",
        apply: unify_error_bodies,
    },
    Transform {
        name: "any_json_value",
        apply: any_json_value,
    },
    Transform {
        name: "open_string_unions",
        apply: open_string_unions,
    },
    Transform {
        name: "keep_extra_properties",
        apply: keep_extra_properties,
    },
];

/// Applies every codegen transformation to `spec`.
pub fn for_codegen(spec: &mut Value) -> anyhow::Result<()> {
    apply_all(CODEGEN, spec)
}
