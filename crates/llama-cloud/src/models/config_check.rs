//! Checking an [`ExtractConfig`] before it is sent.

use crate::error::InvalidInput;
use crate::models::ExtractConfig;

/// Refuses a configuration whose values break the API's documented rules:
/// a page range or a context size read from the API as sent (kept raw in a
/// [`Lenient`](llama_cloud_core::Lenient)) and sent back unchanged.
///
/// # Errors
///
/// [`InvalidInput`] naming the field, its value and the rule.
pub(crate) fn validate(config: &ExtractConfig) -> Result<(), InvalidInput> {
    if let Some(Err(error)) = config.page_range.as_ref().map(|range| range.get()) {
        return Err(error.into());
    }
    if let Some(Err(error)) = config.num_pages_context.as_ref().map(|pages| pages.get()) {
        return Err(error.into());
    }
    Ok(())
}
