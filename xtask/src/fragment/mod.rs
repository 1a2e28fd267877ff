//! `cargo xtask fragment --from <upstream spec> [--check]`: cut the fragment
//! (`openapi/extraction.json`) from LlamaCloud's full OpenAPI 3.1 document.
//!
//! The pipeline, each part in its own module:
//!
//! 1. [`select`]: keep the operations `openapi/fragment.toml` lists (renamed
//!    to the manifest's operationIds) and every component they reference,
//!    transitively; drop the rest.
//! 2. [`convert`]: OpenAPI 3.1 → 3.0.3, one named step per construct.
//! 3. [`overlay`]: the manifest's `info`, and the error responses FastAPI
//!    does not declare (`document_error_responses`).
//! 4. Write pretty JSON (two-space indent, keys sorted, final newline): the
//!    same upstream always gives the same bytes.
//!
//! With `--check` nothing is written: [`summary`] prints what differs
//! between the checked-in fragment and the one the upstream gives.

mod convert;
mod manifest;
mod overlay;
mod select;
mod summary;

use std::path::Path;

use anyhow::{Context as _, bail};
use serde_json::Value;

use crate::codegen::FRAGMENT;
use manifest::Manifest;

/// The manifest, relative to the workspace root.
pub const MANIFEST: &str = "openapi/fragment.toml";

/// The most "other differences" `--check` lists before saying how many more.
const MAX_OTHER_DIFFERENCES: usize = 30;

/// Whether to write the fragment or only report how it would change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the fragment.
    Write,
    /// Write nothing; summarize the differences.
    Check,
}

/// What a run found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The checked-in fragment already says what the upstream says.
    UpToDate,
    /// The fragment was rewritten.
    Written,
    /// `--check` found differences.
    Differs,
}

/// Runs the command for the workspace at `root` on the upstream spec at
/// `from` (JSON or YAML).
pub fn run(root: &Path, from: &Path, mode: Mode) -> anyhow::Result<Outcome> {
    let manifest_path = root.join(MANIFEST);
    let manifest = Manifest::parse(
        &std::fs::read_to_string(&manifest_path)
            .with_context(|| format!("reading {}", manifest_path.display()))?,
    )
    .with_context(|| format!("in {}", manifest_path.display()))?;
    let upstream_text = std::fs::read_to_string(from)
        .with_context(|| format!("reading the upstream spec {}", from.display()))?;
    let upstream = parse_upstream(&upstream_text, from)?;
    let fragment = build(&upstream, &manifest)
        .with_context(|| format!("cutting the fragment from {}", from.display()))?;
    let text = to_text(&fragment.document)?;

    let target = root.join(FRAGMENT);
    let current = match std::fs::read_to_string(&target) {
        Ok(current) => Some(current),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(error).with_context(|| format!("reading {}", target.display())),
    };
    match mode {
        Mode::Check => {
            let report = check_report(current.as_deref(), &fragment.document)?;
            print!("{}", report.text);
            if !fragment.missing.is_empty() {
                eprintln!(
                    "the upstream lacks operations that {MANIFEST} lists ({}): remove them from the manifest before writing",
                    fragment.missing.join(", ")
                );
            }
            if report.differs {
                eprintln!(
                    "{FRAGMENT} differs from {}: run `cargo xtask fragment --from {}` to update it, then `cargo xtask codegen`",
                    from.display(),
                    from.display()
                );
                Ok(Outcome::Differs)
            } else {
                if current.as_deref() != Some(text.as_str()) {
                    eprintln!(
                        "note: {FRAGMENT} says the same but is not laid out as the command writes it (keys sorted); writing would only reformat it"
                    );
                }
                eprintln!("{FRAGMENT} is up to date with {}", from.display());
                Ok(Outcome::UpToDate)
            }
        }
        Mode::Write => {
            if !fragment.missing.is_empty() {
                bail!(
                    "the upstream lacks operations that {MANIFEST} lists: {}\n\
                     remove them from the manifest (and from the SDK) if the API dropped them",
                    fragment.missing.join(", ")
                );
            }
            if current.as_deref() == Some(text.as_str()) {
                eprintln!("{FRAGMENT} is already up to date");
                return Ok(Outcome::UpToDate);
            }
            std::fs::write(&target, &text)
                .with_context(|| format!("writing {}", target.display()))?;
            eprintln!("wrote {FRAGMENT}; now run `cargo xtask codegen`");
            Ok(Outcome::Written)
        }
    }
}

/// A fragment cut from an upstream document.
#[derive(Debug)]
pub struct Fragment {
    /// The OpenAPI 3.0.3 fragment.
    pub document: Value,
    /// The manifest's operations the upstream does not have, as the
    /// manifest names them.
    pub missing: Vec<String>,
}

/// Cuts the fragment `manifest` describes from `upstream`.
pub fn build(upstream: &Value, manifest: &Manifest) -> anyhow::Result<Fragment> {
    convert::check_supported(upstream)?;
    let selection = select::select(upstream, manifest)?;
    let missing = manifest
        .operations
        .iter()
        .zip(&selection.locations)
        .filter(|(_, location)| location.is_none())
        .map(|(operation, _)| operation.selector.to_string())
        .collect();
    let mut document = selection.document;
    convert::to_openapi_3_0(&mut document)?;
    overlay::info(&mut document, &manifest.info);
    overlay::document_error_responses(&mut document, manifest, &selection.locations)?;
    Ok(Fragment { document, missing })
}

/// The upstream document, from JSON or YAML (by the file's extension; other
/// names are tried as JSON, then YAML).
fn parse_upstream(text: &str, path: &Path) -> anyhow::Result<Value> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let as_json = || serde_json::from_str::<Value>(text);
    let as_yaml = || serde_yaml_ng::from_str::<Value>(text);
    match extension.as_deref() {
        Some("json") => as_json().context("the upstream spec is not valid JSON"),
        Some("yaml" | "yml") => as_yaml().context("the upstream spec is not valid YAML"),
        _ => as_json()
            .or_else(|_| as_yaml())
            .context("the upstream spec is neither JSON nor YAML"),
    }
}

/// The fragment's text, as written to disk: keys sorted at every level
/// (whatever order the upstream had), two-space indent, final newline.
fn to_text(document: &Value) -> anyhow::Result<String> {
    let mut document = document.clone();
    document.sort_all_objects();
    let mut text = serde_json::to_string_pretty(&document).context("serializing the fragment")?;
    text.push('\n');
    Ok(text)
}

/// What `--check` prints, and whether it found a difference.
#[derive(Debug)]
struct Report {
    text: String,
    differs: bool,
}

/// Compares the checked-in fragment's text (if any) with the fragment the
/// upstream gives. Formatting (key order, spacing) is not a difference: the
/// generator reads the document, not its layout.
fn check_report(checked_in: Option<&str>, fragment: &Value) -> anyhow::Result<Report> {
    let Some(checked_in) = checked_in else {
        return Ok(Report {
            text: format!("{FRAGMENT} does not exist yet\n"),
            differs: true,
        });
    };
    let current: Value = serde_json::from_str(checked_in)
        .with_context(|| format!("{FRAGMENT} is not valid JSON"))?;
    if current == *fragment {
        return Ok(Report {
            text: String::new(),
            differs: false,
        });
    }
    let lines = summary::summarize(&current, fragment);
    let mut text = String::new();
    if lines.is_empty() {
        let pointers = summary::other_differences(&current, fragment);
        text.push_str(&format!(
            "{FRAGMENT}: no change to operations, fields, types or constraints; other differences (descriptions, examples, ...) at:\n"
        ));
        for pointer in pointers.iter().take(MAX_OTHER_DIFFERENCES) {
            text.push_str(&format!("  {pointer}\n"));
        }
        if pointers.len() > MAX_OTHER_DIFFERENCES {
            text.push_str(&format!(
                "  ... and {} more\n",
                pointers.len() - MAX_OTHER_DIFFERENCES
            ));
        }
    } else {
        text.push_str(&format!("{FRAGMENT}: {} changes\n", lines.len()));
        for line in lines {
            text.push_str(&line);
            text.push('\n');
        }
    }
    Ok(Report {
        text,
        differs: true,
    })
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use serde_json::Value;

    use super::{Mode, Outcome, build, check_report, manifest::Manifest, run, to_text};
    use crate::codegen::FRAGMENT;

    /// The synthetic upstream: FastAPI-style OpenAPI 3.1 holding today's
    /// extraction operations, unrelated ones, and the constructs the
    /// conversion handles.
    const UPSTREAM: &str = "xtask/tests/fixtures/upstream.json";
    /// The same upstream a release later: a field's type changed, an enum
    /// value added, an operation removed, and more (see the summary).
    const UPSTREAM_CHANGED: &str = "xtask/tests/fixtures/upstream-changed.yaml";

    fn root() -> PathBuf {
        crate::workspace_root()
    }

    fn read(path: &str) -> String {
        std::fs::read_to_string(root().join(path)).unwrap()
    }

    fn manifest() -> Manifest {
        Manifest::parse(&read(super::MANIFEST)).unwrap()
    }

    fn fixture(path: &str) -> Value {
        super::parse_upstream(&read(path), Path::new(path)).unwrap()
    }

    #[test]
    fn the_fixture_gives_the_checked_in_fragment() {
        let fragment = build(&fixture(UPSTREAM), &manifest()).unwrap();
        assert!(fragment.missing.is_empty());
        let checked_in: Value = serde_json::from_str(&read(FRAGMENT)).unwrap();
        assert!(
            fragment.document == checked_in,
            "differences at {:#?}",
            super::summary::other_differences(&checked_in, &fragment.document)
        );
    }

    #[test]
    fn the_fixture_fragment_snapshot() {
        let fragment = build(&fixture(UPSTREAM), &manifest()).unwrap();
        insta::assert_snapshot!("fixture_fragment", to_text(&fragment.document).unwrap());
    }

    /// The fragment as this command writes it (keys sorted) generates the
    /// checked-in client: the layout is not something the generator sees.
    #[test]
    fn the_fixture_fragment_generates_the_checked_in_client() {
        let fragment = build(&fixture(UPSTREAM), &manifest()).unwrap();
        let generated = crate::codegen::generate(&to_text(&fragment.document).unwrap()).unwrap();
        assert!(generated == read(crate::codegen::GENERATED));
    }

    #[test]
    fn check_against_the_fixture_is_clean() {
        let outcome = run(&root(), &root().join(UPSTREAM), Mode::Check).unwrap();
        assert_eq!(outcome, Outcome::UpToDate);
    }

    #[test]
    fn check_summarizes_the_changed_upstream() {
        let fragment = build(&fixture(UPSTREAM_CHANGED), &manifest()).unwrap();
        assert_eq!(
            fragment.missing,
            ["DELETE /api/v1/extraction/runs/{run_id}"]
        );
        let report = check_report(Some(&read(FRAGMENT)), &fragment.document).unwrap();
        assert!(report.differs);
        insta::assert_snapshot!(report.text, @r#"
        openapi/extraction.json: 7 changes
        ~ info.version: "0.1.0" -> "0.2.0"
        ~ list_extraction_runs(query limit): maximum 100 -> 200
        - operation DELETE /api/v1/extraction/runs/{run_id} (delete_extraction_run)
        ~ ExtractConfig.page_range: type string -> integer
        + field ExtractJob.queued_at: string (date-time), optional, nullable
        ~ ExtractJobCreate.file_id: required -> optional
        + StatusEnum: enum value "QUEUED"
        "#);
        let outcome = run(&root(), &root().join(UPSTREAM_CHANGED), Mode::Check).unwrap();
        assert_eq!(outcome, Outcome::Differs);
    }

    #[test]
    fn check_lists_other_differences_when_nothing_semantic_changed() {
        let mut upstream = fixture(UPSTREAM);
        upstream["paths"]["/api/v1/extraction/jobs/{job_id}"]["get"]["description"] =
            "Reworded.".into();
        let fragment = build(&upstream, &manifest()).unwrap();
        let report = check_report(Some(&read(FRAGMENT)), &fragment.document).unwrap();
        assert!(report.differs);
        insta::assert_snapshot!(report.text, @r"
        openapi/extraction.json: no change to operations, fields, types or constraints; other differences (descriptions, examples, ...) at:
          /paths/~1api~1v1~1extraction~1jobs~1{job_id}/get/description
        ");
    }

    #[test]
    fn formatting_alone_is_not_a_difference() {
        let fragment: Value = serde_json::from_str(&read(FRAGMENT)).unwrap();
        let compact = serde_json::to_string(&fragment).unwrap();
        let report = check_report(Some(&compact), &fragment).unwrap();
        assert!(!report.differs);
        assert_eq!(report.text, "");
    }

    /// A scratch workspace with the manifest and the given fragment text.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str, fragment: Option<&str>) -> Self {
            let dir =
                std::env::temp_dir().join(format!("xtask-fragment-{name}-{}", std::process::id()));
            std::fs::create_dir_all(dir.join("openapi")).unwrap();
            std::fs::write(dir.join(super::MANIFEST), read(super::MANIFEST)).unwrap();
            if let Some(fragment) = fragment {
                std::fs::write(dir.join(FRAGMENT), fragment).unwrap();
            }
            Self(dir)
        }

        fn fragment(&self) -> String {
            std::fs::read_to_string(self.0.join(FRAGMENT)).unwrap()
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn write_then_check_round_trip() {
        let scratch = Scratch::new("round-trip", Some("{}\n"));
        let from = root().join(UPSTREAM);
        assert_eq!(
            run(&scratch.0, &from, Mode::Check).unwrap(),
            Outcome::Differs
        );
        assert_eq!(scratch.fragment(), "{}\n", "--check wrote the fragment");
        assert_eq!(
            run(&scratch.0, &from, Mode::Write).unwrap(),
            Outcome::Written
        );
        let written = scratch.fragment();
        assert_eq!(
            serde_json::from_str::<Value>(&written).unwrap(),
            serde_json::from_str::<Value>(&read(FRAGMENT)).unwrap()
        );
        assert_eq!(
            run(&scratch.0, &from, Mode::Check).unwrap(),
            Outcome::UpToDate
        );
        assert_eq!(
            run(&scratch.0, &from, Mode::Write).unwrap(),
            Outcome::UpToDate
        );
        assert_eq!(scratch.fragment(), written);
    }

    #[test]
    fn write_refuses_an_upstream_without_a_listed_operation() {
        let scratch = Scratch::new("missing", None);
        let error = run(&scratch.0, &root().join(UPSTREAM_CHANGED), Mode::Write).unwrap_err();
        assert!(
            format!("{error:#}").contains("DELETE /api/v1/extraction/runs/{run_id}"),
            "{error:#}"
        );
        assert!(!scratch.0.join(FRAGMENT).exists());
    }

    #[test]
    fn yaml_and_json_read_the_same() {
        let yaml = "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      responses:\n        200:\n          description: OK\n";
        let json = r#"{"openapi": "3.1.0", "paths": {"/a": {"get": {"responses": {"200": {"description": "OK"}}}}}}"#;
        let from_yaml = super::parse_upstream(yaml, Path::new("spec.yaml")).unwrap();
        let from_json = super::parse_upstream(json, Path::new("spec")).unwrap();
        assert_eq!(from_yaml, from_json);
        assert_eq!(
            super::parse_upstream(yaml, Path::new("spec")).unwrap(),
            from_json
        );
    }
}
