//! [`Source`]: one document of a batch, and the key that names it.

use std::path::PathBuf;

use bytes::Bytes;

use crate::error::Error;
use crate::upload::FileUpload;

/// One document of a batch: a file on disk, bytes, or text. Its
/// [`key`](Self::key) names it in results and in the ledger, so a rerun
/// knows what is done: a path's key is the path as given; bytes and text
/// are keyed by the name given with them.
#[derive(Debug, Clone)]
pub struct Source {
    key: String,
    content: Content,
}

#[derive(Debug, Clone)]
enum Content {
    Path(PathBuf),
    Bytes(Bytes),
    Text(String),
}

impl Source {
    /// The file at `path`, read when its turn comes.
    pub fn path(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        Self {
            key: path.display().to_string(),
            content: Content::Path(path),
        }
    }

    /// A document already in memory, uploaded as a file named `name` (the
    /// extension gives its type, as for [`FileUpload::from_bytes`]).
    pub fn bytes(name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        Self {
            key: name.into(),
            content: Content::Bytes(bytes.into()),
        }
    }

    /// Text, uploaded as a `text/plain` file named `name` (`.txt` is added
    /// when the name has no extension).
    pub fn text(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            key: name.into(),
            content: Content::Text(text.into()),
        }
    }

    /// What names this document in results and in the ledger.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The upload of this document.
    pub(crate) async fn into_upload(self) -> Result<FileUpload, Error> {
        match self.content {
            Content::Path(path) => FileUpload::from_path(path).await,
            Content::Bytes(bytes) => Ok(FileUpload::from_bytes(self.key, bytes)),
            Content::Text(text) => {
                let name = if std::path::Path::new(&self.key).extension().is_some() {
                    self.key
                } else {
                    format!("{}.txt", self.key)
                };
                Ok(FileUpload::from_bytes(name, Bytes::from(text)))
            }
        }
    }
}
