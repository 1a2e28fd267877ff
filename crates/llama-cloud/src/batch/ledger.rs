//! [`Ledger`]: the JSONL file a batch writes one line per document to, and
//! reads back to resume.
//!
//! Each line is an object: `source` (the document's key), `status` (`done`
//! or `failed`), and `job_id` and `data` (the extracted data) when done, or
//! `error` when failed. A rerun with the same ledger skips every source
//! with a `done` line and tries the failed ones again; lines that do not
//! parse (a line cut short by a crash, say) are ignored.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use llama_cloud_core::RawJson;
use serde::{Deserialize, Serialize};
use tokio::io::AsyncWriteExt as _;

use super::{BatchItem, JobRef};
use crate::error::Error;

/// An output ledger: appended to as documents finish.
#[derive(Debug)]
pub struct Ledger {
    path: PathBuf,
    done: HashSet<String>,
    file: tokio::fs::File,
}

/// One line, as written.
#[derive(Serialize)]
struct Line<'a> {
    source: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a RawJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// What a resume reads of a line.
#[derive(Deserialize)]
struct Done {
    source: String,
    status: String,
}

impl Ledger {
    /// Opens (or creates) the ledger at `path`, reading which sources it
    /// already has done.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the file cannot be read or opened for appending.
    pub async fn open(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref().to_owned();
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        let existing = match tokio::fs::read_to_string(&path).await {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(error) => return Err(io(error)),
        };
        let done = existing
            .lines()
            .filter_map(|line| serde_json::from_str::<Done>(line).ok())
            .filter(|line| line.status == "done")
            .map(|line| line.source)
            .collect();
        let mut file = tokio::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .await
            .map_err(io)?;
        // A previous run cut off mid-line: start on a line of our own.
        if !existing.is_empty() && !existing.ends_with('\n') {
            file.write_all(b"\n").await.map_err(io)?;
        }
        Ok(Self { path, done, file })
    }

    /// Whether the source with this key is done already.
    pub fn is_done(&self, key: &str) -> bool {
        self.done.contains(key)
    }

    /// How many sources the ledger has done.
    pub fn done_count(&self) -> usize {
        self.done.len()
    }

    /// Appends the line of a finished document, and flushes it.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the line cannot be written.
    pub async fn record(&mut self, item: &BatchItem) -> Result<(), Error> {
        let line = match &item.result {
            Ok(extracted) => Line {
                source: &item.source,
                status: "done",
                job_id: Some(extracted.job.to_string()),
                data: Some(&extracted.data),
                error: None,
            },
            Err(error) => Line {
                source: &item.source,
                status: "failed",
                job_id: item.job.as_ref().map(JobRef::to_string),
                data: None,
                error: Some(error.to_string()),
            },
        };
        let mut text = serde_json::to_vec(&line).map_err(|error| Error::Io {
            path: self.path.clone(),
            source: std::io::Error::other(error),
        })?;
        text.push(b'\n');
        let io = |source| Error::Io {
            path: self.path.clone(),
            source,
        };
        self.file.write_all(&text).await.map_err(io)?;
        self.file.flush().await.map_err(io)?;
        if item.result.is_ok() {
            self.done.insert(item.source.clone());
        }
        Ok(())
    }
}
