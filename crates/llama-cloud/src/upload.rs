//! [`FileUpload`]: a file's bytes, name and content type, ready to send.

use std::path::Path;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures::TryStream;

use crate::error::Error;

/// A file to upload: from a path, from bytes, or from a stream.
///
/// Bytes (and files read from a path) can be sent again when a request is
/// retried; a stream is sent once, so a call with a streamed file is never
/// retried.
///
/// ```no_run
/// use llama_cloud::FileUpload;
///
/// # async fn run() -> Result<(), llama_cloud::Error> {
/// let from_disk = FileUpload::from_path("invoices/2024-01.pdf").await?;
/// let in_memory = FileUpload::from_bytes("note.txt", "Total: 42 EUR").content_type("text/plain");
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct FileUpload {
    pub(crate) name: String,
    pub(crate) content_type: String,
    pub(crate) content: Content,
}

#[derive(Clone)]
pub(crate) enum Content {
    Bytes(Bytes),
    /// Taken by the first attempt; `None` afterwards.
    Stream(Arc<Mutex<Option<reqwest::Body>>>),
}

impl std::fmt::Debug for FileUpload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let content = match &self.content {
            Content::Bytes(bytes) => format!("{} bytes", bytes.len()),
            Content::Stream(_) => "a stream".to_owned(),
        };
        f.debug_struct("FileUpload")
            .field("name", &self.name)
            .field("content_type", &self.content_type)
            .field("content", &content)
            .finish()
    }
}

impl FileUpload {
    /// Reads the file at `path`; its name is the file name, its content type
    /// guessed from the extension.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] with the path when the file cannot be read. A path with
    /// no file name is sent as `upload`.
    pub async fn from_path(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let bytes = tokio::fs::read(path).await.map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        let name = path.file_name().map_or_else(
            || "upload".to_owned(),
            |name| name.to_string_lossy().into_owned(),
        );
        Ok(Self::from_bytes(name, bytes))
    }

    /// A file named `name` holding `bytes`; the content type is guessed from
    /// the name's extension.
    pub fn from_bytes(name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        let name = name.into();
        Self {
            content_type: guess(&name),
            name,
            content: Content::Bytes(bytes.into()),
        }
    }

    /// A file named `name` read from `stream` as it is sent. It is sent
    /// once: a call that uploads a stream is not retried.
    pub fn from_stream<S>(name: impl Into<String>, stream: S) -> Self
    where
        S: TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        Bytes: From<S::Ok>,
    {
        let name = name.into();
        let body = reqwest::Body::wrap_stream(stream);
        Self {
            content_type: guess(&name),
            name,
            content: Content::Stream(Arc::new(Mutex::new(Some(body)))),
        }
    }

    /// Sets the content type (a MIME type such as `application/pdf`).
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }

    /// The file name sent.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the upload can be sent again on a retry.
    pub(crate) fn is_replayable(&self) -> bool {
        matches!(self.content, Content::Bytes(_))
    }

    /// The multipart part for one attempt; `None` when a stream was already
    /// sent.
    pub(crate) fn part(&self) -> Option<reqwest::multipart::Part> {
        let part = match &self.content {
            Content::Bytes(bytes) => reqwest::multipart::Part::stream_with_length(
                reqwest::Body::from(bytes.clone()),
                bytes.len() as u64,
            ),
            Content::Stream(slot) => reqwest::multipart::Part::stream(slot.lock().ok()?.take()?),
        };
        // A content type that does not parse is sent as the generic one
        // rather than failing the upload: the service sniffs the bytes anyway.
        let content_type = if self.content_type.parse::<mime_guess::mime::Mime>().is_ok() {
            self.content_type.as_str()
        } else {
            "application/octet-stream"
        };
        part.file_name(self.name.clone())
            .mime_str(content_type)
            .ok()
    }
}

fn guess(name: &str) -> String {
    mime_guess::from_path(name)
        .first_or_octet_stream()
        .essence_str()
        .to_owned()
}
