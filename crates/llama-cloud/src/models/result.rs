//! [`ExtractResult`]: the data a finished job extracted.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::Error;

use crate::ids::{ExtractionAgentId, RunId};
use crate::models::JsonObject;

/// The result of a finished extraction job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtractResult {
    /// The extracted data, shaped by the agent's extraction target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<ExtractedData>,
    /// The agent that extracted it.
    pub extraction_agent_id: ExtractionAgentId,
    /// Citations, confidence scores, usage: what the service adds about the
    /// extraction.
    pub extraction_metadata: JsonObject,
    /// The run that holds this result.
    pub run_id: RunId,
}

impl ExtractResult {
    /// The extracted data as `T`: an object for `PER_DOC` (so `T` is your
    /// struct), a list for `PER_PAGE` and `PER_TABLE_ROW` (so `T` is a
    /// `Vec` of it).
    ///
    /// ```
    /// # fn run(result: llama_cloud::ExtractResult) -> Result<(), llama_cloud::Error> {
    /// #[derive(serde::Deserialize)]
    /// struct Invoice {
    ///     number: String,
    ///     total: f64,
    /// }
    ///
    /// let invoice: Invoice = result.data_as()?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Data`] naming the path of the first value that does not fit
    /// (`lines[2].amount`), or saying there is no data.
    pub fn data_as<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let expected = std::any::type_name::<T>();
        let value = match &self.data {
            Some(ExtractedData::Document(object)) => serde_json::Value::Object(object.clone()),
            Some(ExtractedData::Items(items)) => serde_json::Value::Array(items.clone()),
            Some(ExtractedData::Other(value)) => value.clone(),
            None => {
                return Err(Error::Data {
                    expected,
                    path: String::new(),
                    reason: "the result has no data".to_owned(),
                });
            }
        };
        serde_path_to_error::deserialize(&value).map_err(|error| {
            let path = error.path().to_string();
            Error::Data {
                expected,
                path: if path == "." { String::new() } else { path },
                reason: error.into_inner().to_string(),
            }
        })
    }
}

/// Extracted data: one object for the whole document (`PER_DOC`), or one per
/// page or table row (`PER_PAGE`, `PER_TABLE_ROW`).
///
/// Lenient on values: a list item that is not an object (a `null` for an
/// empty page, say), or data of a shape this version does not expect, is
/// kept as sent rather than making the whole result unreadable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ExtractedData {
    /// One object for the whole document.
    Document(JsonObject),
    /// One item per page or per table row: objects, as the API documents.
    Items(Vec<serde_json::Value>),
    /// Data of another shape, kept as sent.
    Other(serde_json::Value),
}
