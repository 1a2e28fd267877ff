//! [`DataAs`]: reading the data a job extracted into your own type.

use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::models::{ExtractResult, ExtractRun, RawJson};

/// Reads extracted data into a type of yours: an object for `PER_DOC` (so
/// `T` is your struct), a list for `PER_PAGE` and `PER_TABLE_ROW` (so `T` is
/// a `Vec` of it). Implemented for [`ExtractResult`], [`ExtractRun`] and v2's
/// [`ExtractV2Job`](crate::ExtractV2Job).
///
/// ```
/// # fn run(result: llama_cloud::ExtractResult) -> Result<(), llama_cloud::Error> {
/// use llama_cloud::DataAs as _;
///
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
pub trait DataAs {
    /// The extracted data as `T`.
    ///
    /// # Errors
    ///
    /// [`Error::Data`] naming the path of the first value that does not fit
    /// (`lines[2].amount`), or saying there is no data.
    fn data_as<T: DeserializeOwned>(&self) -> Result<T, Error>;
}

impl DataAs for ExtractResult {
    fn data_as<T: DeserializeOwned>(&self) -> Result<T, Error> {
        read(self.data.as_ref())
    }
}

impl DataAs for ExtractRun {
    fn data_as<T: DeserializeOwned>(&self) -> Result<T, Error> {
        read(self.data.as_ref())
    }
}

impl DataAs for crate::extract::ExtractV2Job {
    fn data_as<T: DeserializeOwned>(&self) -> Result<T, Error> {
        read(self.extract_result.as_ref())
    }
}

fn read<T: DeserializeOwned>(data: Option<&RawJson>) -> Result<T, Error> {
    let expected = std::any::type_name::<T>();
    let Some(data) = data else {
        return Err(Error::Data {
            expected,
            path: String::new(),
            reason: "the result has no data".to_owned(),
        });
    };
    // From the text the data is kept as: no tree of values in between.
    let mut json = serde_json::Deserializer::from_str(data.as_str());
    serde_path_to_error::deserialize(&mut json).map_err(|error| {
        let path = error.path().to_string();
        let error = error.into_inner();
        // The path says where; the text's line and column add nothing.
        let position = format!(" at line {} column {}", error.line(), error.column());
        let reason = error.to_string();
        Error::Data {
            expected,
            path: if path == "." { String::new() } else { path },
            reason: reason.strip_suffix(&position).unwrap_or(&reason).to_owned(),
        }
    })
}
