//! Project automation for the LlamaCloud Rust SDK workspace.
//!
//! Run through the cargo alias in `.cargo/config.toml`:
//!
//! ```text
//! cargo xtask codegen          regenerate crates/llama-cloud-api/src/generated.rs
//! cargo xtask codegen --check  fail, with a diff, if the checked-in file is stale
//! ```

mod codegen;
mod diff;
mod doc_comments;
mod transforms;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  codegen [--check]   regenerate the low-level client from openapi/extraction.json;
                      with --check, write nothing and fail with a diff when the
                      checked-in generated code is stale
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["codegen"] => codegen::run(&workspace_root(), codegen::Mode::Write),
        ["codegen", "--check"] => codegen::run(&workspace_root(), codegen::Mode::Check),
        ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(codegen::Outcome::UpToDate) => ExitCode::SUCCESS,
        Ok(codegen::Outcome::Stale) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
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
