//! OpenAPI 3.1 → 3.0.3, one named step per construct.
//!
//! LlamaCloud's backend is FastAPI, whose documents are OpenAPI 3.1 with
//! JSON Schema 2020-12 schemas; progenitor reads 3.0 only. Each step rewrites
//! one 3.1 construct into the form the checked-in fragment uses, lives in its
//! own module with its own tests, and leaves 3.0 documents unchanged, so the
//! conversion can run on either. [`STEPS`] applies them in an order where
//! each sees the constructs it handles: `ref_siblings` before `any_of_null`
//! (which lifts a wrapped `$ref`), `any_of_null` before `nullable_type_arrays`
//! (which would turn the `{type: null}` members it looks for into something
//! else), and `reject_untranslatable` last.

mod any_of_null;
mod binary_content;
mod const_to_enum;
mod drop_31_keys;
mod examples_to_example;
mod exclusive_bounds;
mod nullable_type_arrays;
mod openapi_version;
mod ref_siblings;
mod reject_untranslatable;

use serde_json::Value;

use crate::spec::{Transform, apply_all};

pub use any_of_null::any_of_null;
pub use binary_content::binary_content;
pub use const_to_enum::const_to_enum;
pub use drop_31_keys::drop_31_keys;
pub use examples_to_example::examples_to_example;
pub use exclusive_bounds::exclusive_bounds;
pub use nullable_type_arrays::nullable_type_arrays;
pub use openapi_version::{check_supported, openapi_version};
pub use ref_siblings::ref_siblings;
pub use reject_untranslatable::reject_untranslatable;

/// The conversion steps, in order.
pub const STEPS: &[Transform] = &[
    Transform {
        name: "openapi_version",
        apply: openapi_version,
    },
    Transform {
        name: "drop_31_keys",
        apply: drop_31_keys,
    },
    Transform {
        name: "ref_siblings",
        apply: ref_siblings,
    },
    Transform {
        name: "any_of_null",
        apply: any_of_null,
    },
    Transform {
        name: "nullable_type_arrays",
        apply: nullable_type_arrays,
    },
    Transform {
        name: "const_to_enum",
        apply: const_to_enum,
    },
    Transform {
        name: "exclusive_bounds",
        apply: exclusive_bounds,
    },
    Transform {
        name: "examples_to_example",
        apply: examples_to_example,
    },
    Transform {
        name: "binary_content",
        apply: binary_content,
    },
    Transform {
        name: "reject_untranslatable",
        apply: reject_untranslatable,
    },
];

/// Converts an OpenAPI 3.1 (or 3.0) document to 3.0.3 in place.
pub fn to_openapi_3_0(document: &mut Value) -> anyhow::Result<()> {
    apply_all(STEPS, document)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::to_openapi_3_0;

    /// Every step on one document, including the constructs that the
    /// fixture cannot hold without changing the checked-in fragment.
    #[test]
    fn the_steps_together() {
        let mut document = json!({
            "openapi": "3.1.0",
            "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
            "info": {"title": "T", "version": "1", "summary": "s", "license": {"name": "MIT", "identifier": "MIT"}},
            "paths": {},
            "webhooks": {},
            "components": {"schemas": {"Thing": {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "object",
                "properties": {
                    "parent": {"anyOf": [{"$ref": "#/components/schemas/Thing"}, {"type": "null"}], "description": "Up."},
                    "child": {"$ref": "#/components/schemas/Thing", "description": "Down."},
                    "kind": {"const": "thing"},
                    "size": {"type": ["integer", "null"], "exclusiveMinimum": 0},
                    "ratio": {"type": "number", "exclusiveMaximum": 1, "examples": [0.5]},
                    "raw": {"type": "string", "contentMediaType": "application/octet-stream"},
                    "id": {"anyOf": [{"type": "string", "format": "uuid"}, {"type": "null"}], "title": "Id"}
                }
            }}}
        });
        to_openapi_3_0(&mut document).unwrap();
        insta::assert_json_snapshot!(document, @r##"
        {
          "components": {
            "schemas": {
              "Thing": {
                "properties": {
                  "child": {
                    "allOf": [
                      {
                        "$ref": "#/components/schemas/Thing"
                      }
                    ],
                    "description": "Down."
                  },
                  "id": {
                    "format": "uuid",
                    "nullable": true,
                    "title": "Id",
                    "type": "string"
                  },
                  "kind": {
                    "enum": [
                      "thing"
                    ],
                    "type": "string"
                  },
                  "parent": {
                    "allOf": [
                      {
                        "$ref": "#/components/schemas/Thing"
                      }
                    ],
                    "description": "Up.",
                    "nullable": true
                  },
                  "ratio": {
                    "example": 0.5,
                    "exclusiveMaximum": true,
                    "maximum": 1,
                    "type": "number"
                  },
                  "raw": {
                    "format": "binary",
                    "type": "string"
                  },
                  "size": {
                    "minimum": 1,
                    "nullable": true,
                    "type": "integer"
                  }
                },
                "type": "object"
              }
            }
          },
          "info": {
            "license": {
              "name": "MIT"
            },
            "title": "T",
            "version": "1"
          },
          "openapi": "3.0.3",
          "paths": {}
        }
        "##);
    }

    #[test]
    fn the_checked_in_3_0_fragment_passes_through_unchanged() {
        let text = std::fs::read_to_string(crate::workspace_root().join(crate::codegen::FRAGMENT))
            .unwrap();
        let fragment: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut converted = fragment.clone();
        to_openapi_3_0(&mut converted).unwrap();
        assert_eq!(converted, fragment);
    }
}
