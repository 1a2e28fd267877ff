//! [`ExtractConfig`]: how an agent extracts, read from the API or built and
//! checked with [`ExtractConfigBuilder`].

use serde::{Deserialize, Serialize};

use crate::error::{Error, InvalidInput};
use crate::models::{ChunkMode, ExtractMode, ExtractModel, ExtractTarget, ParseModel, Priority};
use crate::num_pages_context::NumPagesContext;
use crate::page_range::PageRange;

/// How an extraction agent extracts: mode, target, models, pages and options.
///
/// Every setting is optional; the service fills in its defaults. Read one
/// from the API (an agent's `config`), or build one, checked, with
/// [`ExtractConfig::builder`]:
///
/// ```
/// use llama_cloud::{ExtractConfig, ExtractMode, ExtractTarget};
///
/// let config = ExtractConfig::builder()
///     .extraction_mode(ExtractMode::Premium)
///     .extraction_target(ExtractTarget::PerPage)
///     .page_range("1-3, 8")
///     .num_pages_context(2)
///     .build()?;
/// assert_eq!(config.page_range_raw(), Some("1-3,8"));
/// # Ok::<(), llama_cloud::Error>(())
/// ```
///
/// A configuration read from the API keeps `page_range` and
/// `num_pages_context` exactly as the server sent them, even when they break
/// the documented rules (the documentation's own example has
/// `"page_range": "page_range"`); [`page_range`](Self::page_range) and
/// [`num_pages_context`](Self::num_pages_context) then return the error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtractConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    chunk_mode: Option<ChunkMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    citation_bbox: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cite_sources: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    confidence_scores: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    extract_model: Option<ExtractModel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    extraction_mode: Option<ExtractMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    extraction_target: Option<ExtractTarget>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    high_resolution_mode: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    invalidate_cache: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    multimodal_fast_mode: Option<bool>,
    /// Kept raw: a server value below 1 must not make the job unreadable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    num_pages_context: Option<i64>,
    /// Kept raw: a server value that does not parse must not make the job
    /// unreadable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    page_range: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parse_model: Option<ParseModel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    system_prompt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    use_reasoning: Option<bool>,
}

impl ExtractConfig {
    /// A builder with nothing set.
    pub fn builder() -> ExtractConfigBuilder {
        ExtractConfigBuilder::default()
    }

    /// A builder holding this configuration's settings, to change some.
    pub fn to_builder(&self) -> ExtractConfigBuilder {
        ExtractConfigBuilder {
            config: self.clone(),
        }
    }

    /// How the document is cut into chunks.
    pub fn chunk_mode(&self) -> Option<&ChunkMode> {
        self.chunk_mode.as_ref()
    }

    /// Whether to fetch citation bounding boxes (PREMIUM mode only).
    #[deprecated(note = "the API now treats citation_bbox as a synonym of cite_sources")]
    pub fn citation_bbox(&self) -> Option<bool> {
        self.citation_bbox
    }

    /// Whether to cite the sources of each extracted value.
    pub fn cite_sources(&self) -> Option<bool> {
        self.cite_sources
    }

    /// Whether to return confidence scores.
    pub fn confidence_scores(&self) -> Option<bool> {
        self.confidence_scores
    }

    /// The model that extracts; the mode's default when unset.
    pub fn extract_model(&self) -> Option<&ExtractModel> {
        self.extract_model.as_ref()
    }

    /// The extraction mode.
    pub fn extraction_mode(&self) -> Option<&ExtractMode> {
        self.extraction_mode.as_ref()
    }

    /// What one result covers: the document, a page, or a table row.
    pub fn extraction_target(&self) -> Option<&ExtractTarget> {
        self.extraction_target.as_ref()
    }

    /// Whether to use high resolution mode.
    pub fn high_resolution_mode(&self) -> Option<bool> {
        self.high_resolution_mode
    }

    /// Whether to bypass the cache.
    pub fn invalidate_cache(&self) -> Option<bool> {
        self.invalidate_cache
    }

    /// Whether to use fast mode for multimodal extraction.
    #[deprecated(note = "the API deprecates multimodal_fast_mode")]
    pub fn multimodal_fast_mode(&self) -> Option<bool> {
        self.multimodal_fast_mode
    }

    /// How many pages of context to pass on long documents, checked: an
    /// error when the value is below 1.
    pub fn num_pages_context(&self) -> Result<Option<NumPagesContext>, InvalidInput> {
        self.num_pages_context
            .map(|raw| NumPagesContext::try_from(raw).map_err(InvalidInput::from))
            .transpose()
    }

    /// Checks the values the API constrains (`page_range`,
    /// `num_pages_context`), so a configuration read from the API, or changed
    /// since it was built, is never sent with an invalid value.
    pub(crate) fn validate(&self) -> Result<(), InvalidInput> {
        self.page_range()?;
        self.num_pages_context()?;
        Ok(())
    }

    /// `num_pages_context` as the server sent it.
    pub fn num_pages_context_raw(&self) -> Option<i64> {
        self.num_pages_context
    }

    /// The pages to extract from, checked: an error when the text does not
    /// parse as a page range.
    pub fn page_range(&self) -> Result<Option<PageRange>, InvalidInput> {
        self.page_range
            .as_deref()
            .map(|raw| raw.parse::<PageRange>().map_err(InvalidInput::from))
            .transpose()
    }

    /// `page_range` as the server sent it.
    pub fn page_range_raw(&self) -> Option<&str> {
        self.page_range.as_deref()
    }

    /// The model that parses the document before extraction.
    pub fn parse_model(&self) -> Option<&ParseModel> {
        self.parse_model.as_ref()
    }

    /// The request's priority (the service may ignore it, depending on the
    /// organization's tier).
    pub fn priority(&self) -> Option<&Priority> {
        self.priority.as_ref()
    }

    /// The system prompt.
    pub fn system_prompt(&self) -> Option<&str> {
        self.system_prompt.as_deref()
    }

    /// Whether the model reasons before answering.
    pub fn use_reasoning(&self) -> Option<bool> {
        self.use_reasoning
    }
}

/// Builds an [`ExtractConfig`]; [`build`](Self::build) checks `page_range`
/// and `num_pages_context` and names the field that breaks a rule.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ExtractConfigBuilder {
    config: ExtractConfig,
}

macro_rules! setters {
    ($($(#[$meta:meta])* $name:ident: $ty:ty),* $(,)?) => {
        $(
            $(#[$meta])*
            pub fn $name(mut self, value: impl Into<$ty>) -> Self {
                self.config.$name = Some(value.into());
                self
            }
        )*
    };
}

impl ExtractConfigBuilder {
    setters! {
        /// How the document is cut into chunks.
        chunk_mode: ChunkMode,
        /// Whether to cite the sources of each extracted value.
        cite_sources: bool,
        /// Whether to return confidence scores.
        confidence_scores: bool,
        /// The model that extracts: a known [`ExtractModel`] or any model
        /// name (`"acme-model-9"`).
        extract_model: ExtractModel,
        /// The extraction mode.
        extraction_mode: ExtractMode,
        /// What one result covers.
        extraction_target: ExtractTarget,
        /// Whether to use high resolution mode.
        high_resolution_mode: bool,
        /// Whether to bypass the cache.
        invalidate_cache: bool,
        /// The pages to extract from, such as `"1,3,5-7"` (1-based,
        /// inclusive); checked and written canonically at `build`.
        page_range: String,
        /// The model that parses the document.
        parse_model: ParseModel,
        /// The request's priority.
        priority: Priority,
        /// The system prompt.
        system_prompt: String,
        /// Whether the model reasons before answering.
        use_reasoning: bool,
    }

    /// Whether to fetch citation bounding boxes (PREMIUM mode only).
    #[deprecated(
        note = "the API now treats citation_bbox as a synonym of cite_sources: use cite_sources"
    )]
    pub fn citation_bbox(mut self, value: bool) -> Self {
        self.config.citation_bbox = Some(value);
        self
    }

    /// Whether to use fast mode for multimodal extraction.
    #[deprecated(note = "the API deprecates multimodal_fast_mode")]
    pub fn multimodal_fast_mode(mut self, value: bool) -> Self {
        self.config.multimodal_fast_mode = Some(value);
        self
    }

    /// How many pages of context to pass on long documents (at least 1;
    /// checked at `build`).
    pub fn num_pages_context(mut self, pages: u32) -> Self {
        self.config.num_pages_context = Some(i64::from(pages));
        self
    }

    /// Checks the settings and returns the configuration, with `page_range`
    /// in canonical form.
    pub fn build(self) -> Result<ExtractConfig, Error> {
        let mut config = self.config;
        if let Some(range) = config.page_range()? {
            config.page_range = Some(range.to_string());
        }
        config.num_pages_context()?;
        Ok(config)
    }
}
