//! Project automation for the LlamaCloud Rust SDK workspace.
//!
//! Run through the cargo alias in `.cargo/config.toml`:
//!
//! ```text
//! cargo xtask fragment --from <spec>          cut openapi/extraction.json from the upstream spec
//! cargo xtask fragment --from <spec> --check  summarize how the upstream differs from it
//! cargo xtask codegen                         regenerate crates/llama-cloud-api/src/generated.rs
//! cargo xtask codegen --check                 fail, with a diff, if the checked-in file is stale
//! ```

mod codegen;
mod default_extra_maps;
mod diff;
mod doc_comments;
mod drop_api_version_header;
mod fragment;
mod rust_types;
mod spec;
mod transforms;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  fragment --from <spec> [--check]
                      cut openapi/extraction.json from LlamaCloud's full OpenAPI
                      spec (3.1 or 3.0, JSON or YAML), keeping the operations
                      openapi/fragment.toml lists; with --check, write nothing,
                      summarize what differs and fail when anything does
  codegen [--check]   regenerate the low-level client from openapi/extraction.json;
                      with --check, write nothing and fail with a diff when the
                      checked-in generated code is stale
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = workspace_root();
    // Ok(true): success; Ok(false): a check found a difference.
    let result = match args.as_slice() {
        ["codegen"] => codegen::run(&root, codegen::Mode::Write).map(|_| true),
        ["codegen", "--check"] => codegen::run(&root, codegen::Mode::Check)
            .map(|outcome| outcome == codegen::Outcome::UpToDate),
        ["fragment", options @ ..] => match fragment_options(options) {
            Some((from, mode)) => fragment::run(&root, from, mode)
                .map(|outcome| outcome != fragment::Outcome::Differs),
            None => return usage_error(),
        },
        ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => return usage_error(),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn usage_error() -> ExitCode {
    eprint!("{USAGE}");
    ExitCode::from(2)
}

/// `--from <path>` (or `--from=<path>`) and an optional `--check`, in any
/// order. The path is taken as given, relative to the current directory.
fn fragment_options<'a>(options: &[&'a str]) -> Option<(&'a Path, fragment::Mode)> {
    let mut from = None;
    let mut mode = fragment::Mode::Write;
    let mut rest = options.iter();
    while let Some(option) = rest.next() {
        match *option {
            "--check" => mode = fragment::Mode::Check,
            "--from" => from = Some(Path::new(*rest.next()?)),
            other => from = Some(Path::new(other.strip_prefix("--from=")?)),
        }
    }
    Some((from?, mode))
}

/// The workspace root: the parent of this crate's manifest directory, so the
/// xtask works from any current directory.
pub(crate) fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}
