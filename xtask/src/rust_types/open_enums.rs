//! Emitting every string enum of the fragment as an open enum
//! (`llama_cloud_core::open_enum!`): a variant per value, plus `Unknown`
//! for any value the fragment does not list, so a new upstream value never
//! makes a response unreadable and becomes a variant on regeneration.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use anyhow::{Context as _, bail};
use serde_json::Value;

use super::table::Predicate;

/// A string enum of the fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenEnum {
    /// The Rust name (the schema's name).
    pub name: String,
    /// The schema's description.
    pub doc: Option<String>,
    /// The wire values, in the fragment's order.
    pub values: Vec<String>,
}

impl OpenEnum {
    /// The enum the schema `name` describes.
    pub fn from_schema(name: &str, schema: &Value) -> anyhow::Result<Self> {
        let values = schema["enum"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|value| value.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .with_context(|| format!("{name}: an enum value is not a string"))?;
        Ok(Self {
            name: name.to_owned(),
            doc: schema
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned),
            values,
        })
    }
}

/// The Rust code of `enums` and their `predicates`, for the generated
/// `types` module.
pub fn emit_open_enums(enums: &[OpenEnum], predicates: &[Predicate]) -> anyhow::Result<String> {
    let mut code = String::new();
    for open in enums {
        let mut variants = BTreeSet::new();
        let doc = open
            .doc
            .clone()
            .unwrap_or_else(|| format!("The values of `{}`.", open.name));
        writeln!(code, "llama_cloud_core::open_enum! {{")?;
        for line in doc.lines() {
            writeln!(code, "    /// {line}")?;
        }
        writeln!(code, "    pub enum {} {{", type_name(&open.name))?;
        for value in &open.values {
            let variant = variant_name(value);
            if !variants.insert(variant.clone()) {
                bail!(
                    "{}: two values give the Rust variant {variant}; one of them is {value:?}",
                    open.name
                );
            }
            writeln!(code, "        {variant} = {value:?},")?;
        }
        writeln!(code, "    }}\n}}")?;
        let methods: Vec<_> = predicates
            .iter()
            .filter(|p| p.enum_name == open.name)
            .collect();
        if !methods.is_empty() {
            writeln!(code, "impl {} {{", type_name(&open.name))?;
            for predicate in methods {
                let arms: Vec<String> = predicate
                    .values
                    .iter()
                    .map(|value| format!("Self::{}", variant_name(value)))
                    .collect();
                writeln!(code, "    /// {}", predicate.doc)?;
                writeln!(code, "    pub fn {}(&self) -> bool {{", predicate.method)?;
                writeln!(code, "        matches!(self, {})", arms.join(" | "))?;
                writeln!(code, "    }}")?;
            }
            writeln!(code, "}}")?;
        }
    }
    Ok(code)
}

/// The variant for a wire value: its alphanumeric runs, each capitalized
/// (`PER_DOC` → `PerDoc`, `openai-gpt-4o` → `OpenaiGpt4o`,
/// `extract.pending` → `ExtractPending`), with `V` in front of a leading
/// digit.
pub fn variant_name(value: &str) -> String {
    let name = pascal_case(value);
    match name.chars().next() {
        None => "Empty".to_owned(),
        Some(first) if first.is_ascii_digit() => format!("V{name}"),
        // `Unknown` is the open enum's own variant, and `Self` a keyword.
        Some(_) if name == "Unknown" || name == "Self" => format!("{name}Value"),
        Some(_) => name,
    }
}

/// A schema name as a Rust type name: kept when it is one already
/// (`ExtractConfig`), else in `PascalCase` (`ExtractConfig-Input` →
/// `ExtractConfigInput`), as typify names it.
pub fn type_name(schema: &str) -> String {
    let is_ident = schema
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && schema
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if is_ident {
        schema.to_owned()
    } else {
        variant_name(schema)
    }
}

/// `snake_case`, `kebab-case` or `SCREAMING_CASE` to `PascalCase`.
pub fn pascal_case(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            let rest: String = if part.chars().all(|c| !c.is_ascii_lowercase()) {
                chars.map(|c| c.to_ascii_lowercase()).collect()
            } else {
                chars.collect()
            };
            first.into_iter().chain(rest.chars()).collect::<String>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{OpenEnum, emit_open_enums, type_name, variant_name};
    use crate::rust_types::table::Predicate;

    #[test]
    fn variant_names_read_like_rust() {
        for (wire, variant) in [
            ("PER_DOC", "PerDoc"),
            ("PARTIAL_SUCCESS", "PartialSuccess"),
            ("openai-gpt-4o", "OpenaiGpt4o"),
            ("openai-gpt-4-1-mini", "OpenaiGpt41Mini"),
            ("anthropic-sonnet-3.5-v2", "AnthropicSonnet35V2"),
            ("extract.partial_success", "ExtractPartialSuccess"),
            ("low", "Low"),
            ("3d", "V3d"),
            ("UNKNOWN", "UnknownValue"),
            ("self", "SelfValue"),
        ] {
            assert_eq!(variant_name(wire), variant, "{wire}");
        }
    }

    #[test]
    fn schema_names_become_rust_type_names() {
        assert_eq!(type_name("ExtractConfig"), "ExtractConfig");
        assert_eq!(type_name("Body_upload_file"), "Body_upload_file");
        assert_eq!(type_name("ExtractConfig-Input"), "ExtractConfigInput");
    }

    #[test]
    fn enums_and_predicates_are_emitted_and_clashes_refused() {
        let status = OpenEnum {
            name: "Status".into(),
            doc: Some("A status.".into()),
            values: vec!["PENDING".into(), "DONE".into()],
        };
        let done = Predicate {
            enum_name: "Status".into(),
            method: "is_done".into(),
            doc: "Whether it is done.".into(),
            values: vec!["DONE".into()],
        };
        insta::assert_snapshot!(emit_open_enums(&[status], &[done]).unwrap(), @r#"
        llama_cloud_core::open_enum! {
            /// A status.
            pub enum Status {
                Pending = "PENDING",
                Done = "DONE",
            }
        }
        impl Status {
            /// Whether it is done.
            pub fn is_done(&self) -> bool {
                matches!(self, Self::Done)
            }
        }
        "#);
        let clash = OpenEnum {
            name: "Clash".into(),
            doc: None,
            values: vec!["a-b".into(), "a_b".into()],
        };
        let error = emit_open_enums(&[clash], &[]).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("two values give the Rust variant AB"),
            "{error}"
        );
    }
}
