//! The table `openapi/rust-types.toml`: which hand-written types the
//! generated code uses, where, and the names of inline enums.

use anyhow::{Context as _, bail};
use serde::Deserialize;
use serde_json::{Map, Value};

/// The table, relative to the workspace root.
pub const TABLE: &str = "openapi/rust-types.toml";

/// The table, checked.
#[derive(Debug, Default)]
pub struct Table {
    /// Hand-written value types and where they go.
    pub values: Vec<ValueType>,
    /// Names for inline enums, and where those enums are.
    pub enums: Vec<EnumName>,
    /// Methods emitted on open enums.
    pub predicates: Vec<Predicate>,
}

/// A hand-written type of `llama-cloud-core` used in place of a schema.
#[derive(Debug)]
pub struct ValueType {
    /// The schema name it is generated under (and replaced by).
    pub name: String,
    /// Its Rust path.
    pub rust: String,
    /// The places listed by name.
    pub places: Vec<Place>,
    /// A shape: every schema of exactly this shape (besides metadata) is
    /// replaced too.
    pub shape: Option<Map<String, Value>>,
    /// The traits typify may rely on (`Display`, `FromStr`, `Default`).
    pub impls: Vec<String>,
    /// Whether `name` is a component schema of the fragment that the type
    /// replaces whole (where it is used: in responses, say), rather than a
    /// schema hoisted from `places` or `shape`.
    pub component: bool,
}

/// A name for an inline enum found at `places` (all the same enum).
#[derive(Debug)]
pub struct EnumName {
    /// The Rust name.
    pub name: String,
    /// Where the enum is.
    pub places: Vec<Place>,
}

/// A `bool` method of an open enum: whether the value is one of `values`.
#[derive(Debug)]
pub struct Predicate {
    /// The enum's Rust name.
    pub enum_name: String,
    /// The method's name.
    pub method: String,
    /// Its doc comment.
    pub doc: String,
    /// The wire values for which it is true.
    pub values: Vec<String>,
}

/// A place in the fragment that holds a schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// `Schema.property`, or `Schema.property[]` for the items of an array.
    Property {
        /// The component schema.
        schema: String,
        /// The property.
        property: String,
        /// Whether the place is the property's `items`.
        items: bool,
    },
    /// `operationId(parameter)`.
    Parameter {
        /// The operation.
        operation: String,
        /// The parameter's name.
        parameter: String,
    },
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Property {
                schema,
                property,
                items,
            } => write!(f, "{schema}.{property}{}", if *items { "[]" } else { "" }),
            Self::Parameter {
                operation,
                parameter,
            } => write!(f, "{operation}({parameter})"),
        }
    }
}

impl std::str::FromStr for Place {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> anyhow::Result<Self> {
        let word = |part: &str| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        };
        if let Some((operation, rest)) = text.split_once('(')
            && let Some(parameter) = rest.strip_suffix(')')
            && word(operation)
            && word(parameter)
        {
            return Ok(Self::Parameter {
                operation: operation.to_owned(),
                parameter: parameter.to_owned(),
            });
        }
        if let Some((schema, property)) = text.split_once('.') {
            let (property, items) = match property.strip_suffix("[]") {
                Some(property) => (property, true),
                None => (property, false),
            };
            if word(schema) && word(property) {
                return Ok(Self::Property {
                    schema: schema.to_owned(),
                    property: property.to_owned(),
                    items,
                });
            }
        }
        bail!(
            "`{text}` is not a place: write `Schema.property`, `Schema.property[]` or `operation(parameter)`"
        )
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default, rename = "value")]
    values: Vec<ValueEntry>,
    #[serde(default, rename = "enum")]
    enums: Vec<EnumEntry>,
    #[serde(default, rename = "predicate")]
    predicates: Vec<PredicateEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueEntry {
    name: String,
    rust: String,
    #[serde(default)]
    at: Vec<String>,
    shape: Option<Map<String, Value>>,
    #[serde(default)]
    impls: Vec<String>,
    #[serde(default)]
    component: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EnumEntry {
    name: String,
    at: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PredicateEntry {
    #[serde(rename = "enum")]
    enum_name: String,
    method: String,
    doc: String,
    values: Vec<String>,
}

impl Table {
    /// Parses and checks the table.
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let file: File = toml::from_str(text).context("the table is not valid")?;
        let places = |at: &[String], name: &str| {
            at.iter()
                .map(|place| place.parse().with_context(|| format!("{TABLE}: {name}")))
                .collect::<anyhow::Result<Vec<Place>>>()
        };
        let mut values = Vec::new();
        for entry in file.values {
            let context = format!("[[value]] {}", entry.name);
            match (
                entry.component,
                entry.at.is_empty() && entry.shape.is_none(),
            ) {
                (true, false) => {
                    bail!(
                        "{TABLE}: {context}: a `component` replaces one schema whole; it takes no `at` or `shape`"
                    )
                }
                (false, true) => {
                    bail!(
                        "{TABLE}: {context} lists no place (`at`), no `shape` and is no `component`"
                    )
                }
                _ => {}
            }
            for implemented in &entry.impls {
                if !["Display", "FromStr", "FromStringIrrefutable", "Default"]
                    .contains(&implemented.as_str())
                {
                    bail!("{TABLE}: {context}: `{implemented}` is not a trait typify knows");
                }
            }
            values.push(ValueType {
                places: places(&entry.at, &context)?,
                name: entry.name,
                rust: entry.rust,
                shape: entry.shape,
                impls: entry.impls,
                component: entry.component,
            });
        }
        let mut enums = Vec::new();
        for entry in file.enums {
            let context = format!("[[enum]] {}", entry.name);
            enums.push(EnumName {
                places: places(&entry.at, &context)?,
                name: entry.name,
            });
        }
        let predicates = file
            .predicates
            .into_iter()
            .map(|entry| Predicate {
                enum_name: entry.enum_name,
                method: entry.method,
                doc: entry.doc,
                values: entry.values,
            })
            .collect();
        Ok(Self {
            values,
            enums,
            predicates,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Place, Table};

    #[test]
    fn places_are_properties_items_or_parameters() {
        assert_eq!(
            "ExtractJob.id".parse::<Place>().unwrap(),
            Place::Property {
                schema: "ExtractJob".into(),
                property: "id".into(),
                items: false
            }
        );
        assert_eq!(
            "WebhookConfiguration.webhook_events[]"
                .parse::<Place>()
                .unwrap()
                .to_string(),
            "WebhookConfiguration.webhook_events[]"
        );
        assert_eq!(
            "get_job(job_id)".parse::<Place>().unwrap(),
            Place::Parameter {
                operation: "get_job".into(),
                parameter: "job_id".into()
            }
        );
        for bad in ["ExtractJob", "a.b.c", "get_job(", "(x)", "a.", ".b"] {
            assert!(bad.parse::<Place>().is_err(), "{bad}");
        }
    }

    #[test]
    fn entries_need_places_and_known_traits() {
        let error = Table::parse("[[value]]\nname = \"X\"\nrust = \"a::X\"\n").unwrap_err();
        assert!(
            format!("{error:#}").contains("[[value]] X lists no place"),
            "{error:#}"
        );
        let error = Table::parse(
            "[[value]]\nname = \"X\"\nrust = \"a::X\"\nat = [\"A.b\"]\nimpls = [\"Hash\"]\n",
        )
        .unwrap_err();
        assert!(
            format!("{error:#}").contains("`Hash` is not a trait"),
            "{error:#}"
        );
        let error = Table::parse("[[enum]]\nname = \"E\"\nat = [\"nowhere\"]\n").unwrap_err();
        assert!(format!("{error:#}").contains("[[enum]] E"), "{error:#}");
    }
}
