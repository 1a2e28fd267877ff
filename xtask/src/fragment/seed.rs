//! `seed_overlay`: what the official Get Job page documents and the upstream
//! does not say, from the manifest's `[[seed]]` entries.
//!
//! The page is the authority on `GET /api/v1/extraction/jobs/{job_id}`: its
//! deprecations, the parse models it lists, its example response. Where the
//! upstream says less, an entry adds it, after the conversion to 3.0 and
//! under the fragment's schema names. Each entry says why. An entry whose
//! target is gone is an error that names it; an entry the upstream has
//! caught up with is reported, so it can be removed.

use std::path::Path;

use anyhow::Context as _;
use serde_json::Value;

use super::manifest::{SeedChange, SeedEntry};

/// Applies `entries` to the converted `document`; example files are read
/// relative to `root`. Returns a note for each entry that changed nothing
/// because the upstream already says it.
pub fn seed_overlay(
    document: &mut Value,
    entries: &[SeedEntry],
    root: &Path,
) -> anyhow::Result<Vec<String>> {
    let mut notes = Vec::new();
    for entry in entries {
        let changed = apply(document, &entry.change, root)
            .with_context(|| format!("[[seed]] {}", entry.change))?;
        if !changed {
            notes.push(format!(
                "[[seed]] {}: the upstream already says this; the entry (\"{}\") can go",
                entry.change, entry.why
            ));
        }
    }
    Ok(notes)
}

impl std::fmt::Display for SeedChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Set {
                schema,
                property: Some(property),
                ..
            } => write!(f, "{schema}.{property}"),
            Self::Set { schema, .. } | Self::AddEnum { schema, .. } => write!(f, "{schema}"),
            Self::Example {
                operation, status, ..
            } => write!(f, "{operation} {status} example"),
        }
    }
}

/// Whether the change changed anything.
fn apply(document: &mut Value, change: &SeedChange, root: &Path) -> anyhow::Result<bool> {
    match change {
        SeedChange::Set {
            schema,
            property,
            keys,
        } => {
            let mut target = schema_mut(document, schema)?;
            if let Some(property) = property {
                target = target
                    .get_mut("properties")
                    .and_then(|properties| properties.get_mut(property))
                    .with_context(|| {
                        format!("the fragment schema {schema} has no property `{property}`")
                    })?;
            }
            let target = target
                .as_object_mut()
                .context("the target is not a schema object")?;
            let mut changed = false;
            for (key, value) in keys {
                if target.get(key) != Some(value) {
                    target.insert(key.clone(), value.clone());
                    changed = true;
                }
            }
            Ok(changed)
        }
        SeedChange::AddEnum { schema, values } => {
            let values_list = schema_mut(document, schema)?
                .get_mut("enum")
                .and_then(Value::as_array_mut)
                .with_context(|| format!("the fragment schema {schema} has no `enum`"))?;
            let mut changed = false;
            for value in values {
                let value = Value::String(value.clone());
                if !values_list.contains(&value) {
                    values_list.push(value);
                    changed = true;
                }
            }
            Ok(changed)
        }
        SeedChange::Example {
            operation,
            status,
            file,
        } => {
            let media = operation_mut(document, operation)?
                .get_mut("responses")
                .and_then(|responses| responses.get_mut(status))
                .and_then(|response| response.get_mut("content"))
                .and_then(|content| content.get_mut("application/json"))
                .and_then(Value::as_object_mut)
                .with_context(|| format!("{operation} has no JSON response {status}"))?;
            let path = root.join(file);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            let example: Value = serde_json::from_str(&text)
                .with_context(|| format!("{} is not JSON", path.display()))?;
            if media.get("example") == Some(&example) {
                return Ok(false);
            }
            media.insert("example".to_owned(), example);
            Ok(true)
        }
    }
}

fn schema_mut<'d>(document: &'d mut Value, name: &str) -> anyhow::Result<&'d mut Value> {
    document
        .pointer_mut("/components/schemas")
        .and_then(|schemas| schemas.get_mut(name))
        .with_context(|| format!("the fragment has no schema {name}"))
}

fn operation_mut<'d>(document: &'d mut Value, id: &str) -> anyhow::Result<&'d mut Value> {
    crate::spec::operation_mut(document, id)
        .with_context(|| format!("the fragment has no operation `{id}`"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::seed_overlay;
    use crate::fragment::manifest::Manifest;

    fn entries(toml: &str) -> Manifest {
        Manifest::parse(toml).unwrap()
    }

    fn document() -> serde_json::Value {
        json!({
            "paths": {"/jobs/{id}": {"get": {"operationId": "get_job", "responses": {
                "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}}
            }}}},
            "components": {"schemas": {
                "Job": {"type": "object", "properties": {"fast": {"type": "boolean"}}},
                "Model": {"type": "string", "enum": ["a", "b"]}
            }}
        })
    }

    #[test]
    fn entries_set_keys_add_enum_values_and_examples() {
        let dir = std::env::temp_dir().join(format!("xtask-seed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("example.json"), r#"{"id": 1}"#).unwrap();
        let manifest = entries(
            r#"
            [[seed]]
            schema = "Job"
            property = "fast"
            set = { deprecated = true }
            why = "The page marks it deprecated."
            [[seed]]
            schema = "Model"
            add_enum = ["b", "c"]
            why = "The page lists c."
            [[seed]]
            operation = "get_job"
            status = "200"
            example_file = "example.json"
            why = "The page's example."
            "#,
        );
        let mut document = document();
        let notes = seed_overlay(&mut document, &manifest.seed, &dir).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            document["components"]["schemas"]["Job"]["properties"]["fast"],
            json!({"type": "boolean", "deprecated": true})
        );
        assert_eq!(
            document["components"]["schemas"]["Model"]["enum"],
            json!(["a", "b", "c"])
        );
        assert_eq!(
            document["paths"]["/jobs/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
                ["example"],
            json!({"id": 1})
        );
        let again = seed_overlay(&mut document, &manifest.seed, &dir).unwrap();
        assert_eq!(again.len(), 3, "{again:?}");
        assert!(again[0].contains("Job.fast: the upstream already says this"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_gone_target_fails_and_names_it() {
        for (entry, message) in [
            (
                "schema = \"Gone\"\nset = { deprecated = true }",
                "[[seed]] Gone: the fragment has no schema Gone",
            ),
            (
                "schema = \"Job\"\nproperty = \"slow\"\nset = { deprecated = true }",
                "has no property `slow`",
            ),
            ("schema = \"Job\"\nadd_enum = [\"x\"]", "has no `enum`"),
            (
                "operation = \"list_jobs\"\nstatus = \"200\"\nexample_file = \"x.json\"",
                "no operation `list_jobs`",
            ),
        ] {
            let manifest = entries(&format!("[[seed]]\n{entry}\nwhy = \"w\"\n"));
            let error = seed_overlay(
                &mut document(),
                &manifest.seed,
                std::path::Path::new("/nonexistent"),
            )
            .unwrap_err();
            assert!(
                format!("{error:#}").contains(message),
                "{error:#} lacks {message}"
            );
        }
    }

    #[test]
    fn an_entry_needs_one_shape_and_a_reason() {
        for (entry, message) in [
            (
                "schema = \"Job\"\nset = {}\nadd_enum = []\nwhy = \"w\"",
                "give `schema` with `set`",
            ),
            ("schema = \"Job\"\nset = {}\nwhy = \" \"", "`why` is empty"),
        ] {
            let error = Manifest::parse(&format!("[[seed]]\n{entry}\n")).unwrap_err();
            assert!(
                format!("{error:#}").contains(message),
                "{error:#} lacks {message}"
            );
        }
    }
}
