//! `cargo xtask fragment --from <upstream spec> [--check]`: cut the fragment
//! (`openapi/extraction.json`) from LlamaCloud's full OpenAPI 3.1 document.
//!
//! The pipeline, each part in its own module:
//!
//! 1. [`narrow_unions`]: cut the union properties the manifest names down to
//!    the members the SDK covers. [`select`]: keep the operations `openapi/fragment.toml` lists (renamed
//!    to the manifest's operationIds) and every component they reference,
//!    transitively; drop the rest. [`coverage`] lists the upstream
//!    operations under the manifest's prefixes that it neither lists nor
//!    skips.
//! 2. Upstream noise off: [`drop_session_cookie`] (FastAPI's web-session
//!    cookie on every operation), [`pin_schema_names`] (every schema under
//!    the name the manifest gives it, inline enums hoisted), then
//!    [`drop_inline_titles`] (so typify names inline types after the pinned
//!    names, not after FastAPI's titles).
//! 3. [`convert`]: OpenAPI 3.1 → 3.0.3, one named step per construct.
//! 4. [`overlay`]: the manifest's `info`, and the error responses FastAPI
//!    does not declare (`document_error_responses`); then [`seed`]: what the
//!    official Get Job page documents and the upstream does not.
//! 5. Write pretty JSON (two-space indent, keys sorted, final newline): the
//!    same upstream always gives the same bytes.
//!
//! With `--check` nothing is written: [`summary`] prints what differs
//! between the checked-in fragment and the one the upstream gives, and the
//! unlisted operations.

mod convert;
mod coverage;
mod drop_inline_titles;
mod drop_session_cookie;
mod manifest;
mod narrow_unions;
mod overlay;
mod pin_schema_names;
mod seed;
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
    let fragment = build(&upstream, &manifest, root)
        .with_context(|| format!("cutting the fragment from {}", from.display()))?;
    let text = to_text(&fragment.document)?;
    for note in &fragment.notes {
        eprintln!("note: {note}");
    }

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
            print!("{}", unlisted_report(&fragment.unlisted));
            if !fragment.missing.is_empty() {
                eprintln!(
                    "the upstream lacks operations that {MANIFEST} lists ({}): remove them from the manifest before writing",
                    fragment.missing.join(", ")
                );
            }
            if report.differs || !fragment.unlisted.is_empty() {
                if report.differs {
                    eprintln!(
                        "{FRAGMENT} differs from {}: run `cargo xtask fragment --from {}` to update it, then `cargo xtask codegen`",
                        from.display(),
                        from.display()
                    );
                }
                if !fragment.unlisted.is_empty() {
                    eprintln!(
                        "{MANIFEST} neither lists nor skips some upstream operations under its prefixes: add an [[operation]] or a [[skip]] for each"
                    );
                }
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
            eprint!("{}", unlisted_report(&fragment.unlisted));
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
    /// Upstream operations under the manifest's prefixes that it neither
    /// lists nor skips.
    pub unlisted: Vec<String>,
    /// What the manifest could tidy: schemas it does not name, skips and
    /// seed entries that no longer do anything.
    pub notes: Vec<String>,
}

/// Cuts the fragment `manifest` describes from `upstream`; the seed
/// overlay's example files are read relative to `root`.
pub fn build(upstream: &Value, manifest: &Manifest, root: &Path) -> anyhow::Result<Fragment> {
    convert::check_supported(upstream)?;
    let mut upstream = upstream.clone();
    let narrowed = narrow_unions::narrow_unions(&mut upstream, &manifest.narrow)
        .context("step `narrow_unions`")?;
    let selection = select::select(&upstream, manifest)?;
    let missing = manifest
        .operations
        .iter()
        .zip(&selection.locations)
        .filter(|(_, location)| location.is_none())
        .map(|(operation, _)| operation.selector.to_string())
        .collect();
    let coverage = coverage::coverage(&upstream, manifest, &selection.locations);
    let mut notes: Vec<String> = coverage
        .stale_skips
        .iter()
        .map(|(skip, why)| {
            format!(
                "[[skip]] {skip} (\"{why}\"): the upstream has no such operation; the entry can go"
            )
        })
        .collect();
    notes.extend(narrowed);
    let mut document = selection.document;
    drop_session_cookie::drop_session_cookie(&mut document)
        .context("step `drop_session_cookie`")?;
    let unnamed = pin_schema_names::pin_schema_names(&mut document, manifest)
        .context("step `pin_schema_names`")?;
    drop_inline_titles::drop_inline_titles(&mut document).context("step `drop_inline_titles`")?;
    notes.extend(unnamed.iter().map(|name| {
        format!("schema `{name}` is new: it keeps its upstream name; pin it in [schemas] ({name} = \"{name}\") or give it another")
    }));
    convert::to_openapi_3_0(&mut document)?;
    overlay::info(&mut document, &manifest.info);
    overlay::document_error_responses(&mut document, manifest, &selection.locations)?;
    notes.extend(
        seed::seed_overlay(&mut document, &manifest.seed, root).context("step `seed_overlay`")?,
    );
    Ok(Fragment {
        document,
        missing,
        unlisted: coverage.unlisted,
        notes,
    })
}

/// The lines `--check` prints about the unlisted operations.
fn unlisted_report(unlisted: &[String]) -> String {
    if unlisted.is_empty() {
        return String::new();
    }
    let mut text = format!(
        "{MANIFEST}: {} upstream operations under its prefixes are neither listed nor skipped\n",
        unlisted.len()
    );
    for operation in unlisted {
        text.push_str(&format!("? {operation}\n"));
    }
    text
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

    use serde_json::{Value, json};

    use super::{Mode, Outcome, build, check_report, manifest::Manifest, run, summary, to_text};
    use crate::codegen::FRAGMENT;

    /// LlamaCloud's OpenAPI document as published on 2026-06-04, trimmed to
    /// the SDK's prefixes and a few unrelated operations (see the fixtures'
    /// README): the upstream the checked-in fragment is cut from.
    const JUNE: &str = "xtask/tests/fixtures/llama-platform-2026-06-04.json";
    /// The same, as published on 2026-03-27.
    const MARCH: &str = "xtask/tests/fixtures/llama-platform-2026-03-27.json";

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

    fn cut(upstream: &Value) -> super::Fragment {
        build(upstream, &manifest(), &root()).unwrap()
    }

    #[test]
    fn the_june_upstream_gives_the_checked_in_fragment() {
        let fragment = cut(&fixture(JUNE));
        assert!(fragment.missing.is_empty());
        assert!(fragment.unlisted.is_empty(), "{:?}", fragment.unlisted);
        assert!(fragment.notes.is_empty(), "{:?}", fragment.notes);
        let checked_in: Value = serde_json::from_str(&read(FRAGMENT)).unwrap();
        assert!(
            fragment.document == checked_in,
            "differences at {:#?}",
            summary::other_differences(&checked_in, &fragment.document)
        );
        assert_eq!(to_text(&fragment.document).unwrap(), read(FRAGMENT));
    }

    /// The fragment as this command writes it generates the checked-in
    /// client.
    #[test]
    fn the_june_fragment_generates_the_checked_in_client() {
        let fragment = cut(&fixture(JUNE));
        let table = crate::codegen::load_table(&root()).unwrap();
        let generated =
            crate::codegen::generate(&to_text(&fragment.document).unwrap(), &table).unwrap();
        assert!(generated == read(crate::codegen::GENERATED));
    }

    #[test]
    fn check_against_june_is_clean() {
        let outcome = run(&root(), &root().join(JUNE), Mode::Check).unwrap();
        assert_eq!(outcome, Outcome::UpToDate);
    }

    /// What the SDK's part of the API changed between the two published
    /// documents, cut with the manifest less what March lacks (`GET
    /// /api/v1/beta/files/{file_id}`, v2's cancel, a v2 job's `metadata`).
    #[test]
    fn the_march_to_june_change_summary() {
        let june_manifest = read(super::MANIFEST);
        let get_file = "[[operation]]\nmethod = \"get\"\npath = \"/api/v1/beta/files/{file_id}\"\noperation_id = \"get_file\"\nerrors = [\"404\"]\n\n";
        let cancel = "\n[[operation]]\nmethod = \"post\"\npath = \"/api/v2/extract/{job_id}/cancel\"\noperation_id = \"cancel_extract_job\"\nerrors = [\"400\", \"404\"]\nerror_descriptions = { \"400\" = \"The job has already ended: it cannot be cancelled.\" }\n";
        let metadata = "ExtractV2JobMetadata = \"ExtractV2JobMetadata\"\n";
        let mut march_manifest = june_manifest.clone();
        for lacking in [get_file, cancel, metadata] {
            assert!(march_manifest.contains(lacking), "{lacking}");
            march_manifest = march_manifest.replace(lacking, "");
        }
        let march_manifest = Manifest::parse(&march_manifest).unwrap();
        let march = build(&fixture(MARCH), &march_manifest, &root()).unwrap();
        assert!(march.missing.is_empty());
        let june = cut(&fixture(JUNE));
        let mut lines = summary::summarize(&march.document, &june.document);
        lines.extend(march.notes.iter().map(|note| format!("march: {note}")));
        lines.extend(march.unlisted.iter().map(|op| format!("march: ? {op}")));
        insta::assert_snapshot!("march_to_june", lines.join("\n"));
    }

    /// A table entry that names a schema the upstream no longer has stops
    /// the cut and says which entry.
    #[test]
    fn a_schema_entry_the_upstream_lacks_fails_the_cut_naming_it() {
        let mut renamed = fixture(JUNE);
        let schemas = renamed["components"]["schemas"].as_object_mut().unwrap();
        let file = schemas.remove("FileV2").unwrap();
        schemas.insert("FileV3".to_owned(), file);
        let text = renamed
            .to_string()
            .replace("schemas/FileV2\"", "schemas/FileV3\"");
        let error = build(&serde_json::from_str(&text).unwrap(), &manifest(), &root()).unwrap_err();
        assert!(
            format!("{error:#}").contains("[schemas] FileUploadResponse = `FileV2`"),
            "{error:#}"
        );
    }

    /// A property the upstream adds reaches the fragment under the pinned
    /// schema name, and a schema it adds keeps its own name, with a note.
    #[test]
    fn an_added_field_and_schema_reach_the_fragment() {
        let mut upstream = fixture(JUNE);
        let job = &mut upstream["components"]["schemas"]["ExtractJob"]["properties"];
        job["queued_at"] = json!({"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}], "title": "Queued At"});
        job["metrics"] = json!({"$ref": "#/components/schemas/JobMetrics"});
        upstream["components"]["schemas"]["JobMetrics"] = json!({"type": "object", "title": "JobMetrics", "properties": {"pages": {"type": "integer"}}});
        let fragment = cut(&upstream);
        let job = &fragment.document["components"]["schemas"]["ExtractJob"]["properties"];
        assert_eq!(
            job["queued_at"],
            json!({"type": "string", "format": "date-time", "nullable": true})
        );
        assert_eq!(
            job["metrics"],
            json!({"$ref": "#/components/schemas/JobMetrics"})
        );
        assert!(
            fragment
                .notes
                .iter()
                .any(|note| note.starts_with("schema `JobMetrics` is new")),
            "{:?}",
            fragment.notes
        );
    }

    #[test]
    fn check_lists_operations_the_manifest_does_not_account_for() {
        let mut upstream = fixture(JUNE);
        upstream["paths"]["/api/v2/extract/{job_id}/retry"] = json!({"post": {
            "operationId": "retry_extract_job_api_v2_extract__job_id__retry_post",
            "responses": {"200": {"description": "OK"}}
        }});
        let fragment = cut(&upstream);
        assert_eq!(
            fragment.unlisted,
            [
                "POST /api/v2/extract/{job_id}/retry (retry_extract_job_api_v2_extract__job_id__retry_post)"
            ]
        );
        let scratch = Scratch::new("unlisted", Some(&read(FRAGMENT)));
        let from = scratch.0.join("upstream.json");
        std::fs::write(&from, upstream.to_string()).unwrap();
        assert_eq!(
            run(&scratch.0, &from, Mode::Check).unwrap(),
            Outcome::Differs
        );
    }

    #[test]
    fn check_lists_other_differences_when_nothing_semantic_changed() {
        let mut upstream = fixture(JUNE);
        upstream["paths"]["/api/v1/extraction/jobs/{job_id}"]["get"]["description"] =
            "Reworded.".into();
        let fragment = cut(&upstream);
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

    /// A scratch workspace with the manifest, the seed's example and the
    /// given fragment text.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str, fragment: Option<&str>) -> Self {
            let dir =
                std::env::temp_dir().join(format!("xtask-fragment-{name}-{}", std::process::id()));
            std::fs::create_dir_all(dir.join("openapi/examples")).unwrap();
            std::fs::write(dir.join(super::MANIFEST), read(super::MANIFEST)).unwrap();
            let example = "openapi/examples/get-job.json";
            std::fs::write(dir.join(example), read(example)).unwrap();
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
        let from = root().join(JUNE);
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
        assert_eq!(written, read(FRAGMENT));
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
        let mut upstream = fixture(JUNE);
        let runs = upstream["paths"]["/api/v1/extraction/runs/{run_id}"]
            .as_object_mut()
            .unwrap();
        runs.remove("delete");
        let from = scratch.0.join("upstream.json");
        std::fs::write(&from, upstream.to_string()).unwrap();
        let error = run(&scratch.0, &from, Mode::Write).unwrap_err();
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
