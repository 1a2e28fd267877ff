//! [`DataAs`]: reading the data a job extracted into your own type.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::models::{ExtractResult, ExtractRun};

/// Reads extracted data into a type of yours: an object for `PER_DOC` (so
/// `T` is your struct), a list for `PER_PAGE` and `PER_TABLE_ROW` (so `T` is
/// a `Vec` of it). Implemented for [`ExtractResult`] and [`ExtractRun`].
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

fn read<T: DeserializeOwned>(data: Option<&impl Serialize>) -> Result<T, Error> {
    let expected = std::any::type_name::<T>();
    let no_data = |reason: String| Error::Data {
        expected,
        path: String::new(),
        reason,
    };
    let value = data
        .ok_or_else(|| no_data("the result has no data".to_owned()))
        .and_then(|data| serde_json::to_value(data).map_err(|error| no_data(error.to_string())))?;
    serde_path_to_error::deserialize(&value).map_err(|error| {
        let path = error.path().to_string();
        Error::Data {
            expected,
            path: if path == "." { String::new() } else { path },
            reason: error.into_inner().to_string(),
        }
    })
}
