//! [`ExtractConfigBuilder`]: an [`ExtractConfig`] from plain values, checked
//! once at [`build`](ExtractConfigBuilder::build).

use llama_cloud_core::{Lenient, NumPagesContext, PageRange};

use crate::error::Error;
use crate::models::{
    ChunkMode, ExtractConfig, ExtractMode, ExtractModel, ExtractTarget, ParseModel, Priority,
};

/// Builds the generated [`ExtractConfig`] from plain values: a page range as
/// text (`"1,3,5-7"`), a context size as a number. [`build`](Self::build)
/// checks them and names the field that breaks a rule. Unset fields keep
/// the API's defaults.
///
/// ```
/// use llama_cloud::{ExtractConfigBuilder, ExtractMode};
///
/// let config = ExtractConfigBuilder::new()
///     .extraction_mode(ExtractMode::Balanced)
///     .page_range("1-3, 7")
///     .build()?;
/// assert_eq!(config.page_range.unwrap().raw(), "1-3,7");
/// assert!(ExtractConfigBuilder::new().page_range("3-1").build().is_err());
/// # Ok::<(), llama_cloud::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ExtractConfigBuilder {
    config: ExtractConfig,
    page_range: Option<String>,
    num_pages_context: Option<u32>,
}

macro_rules! setters {
    ($($(#[$meta:meta])* $name:ident: $ty:ty),* $(,)?) => {
        $(
            $(#[$meta])*
            pub fn $name(mut self, value: impl Into<$ty>) -> Self {
                self.config.$name = value.into();
                self
            }
        )*
    };
}

macro_rules! optional_setters {
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
    /// A builder with the API's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder starting from `config`, to change some of its settings.
    pub fn from_config(config: ExtractConfig) -> Self {
        Self {
            config,
            page_range: None,
            num_pages_context: None,
        }
    }

    setters! {
        /// How the document is cut into chunks.
        chunk_mode: ChunkMode,
        /// Whether to cite the sources of each extracted value.
        cite_sources: bool,
        /// Whether to return confidence scores.
        confidence_scores: bool,
        /// The extraction mode.
        extraction_mode: ExtractMode,
        /// What one result covers.
        extraction_target: ExtractTarget,
        /// Whether to use high resolution mode.
        high_resolution_mode: bool,
        /// Whether to bypass the cache.
        invalidate_cache: bool,
        /// Whether the model reasons before answering.
        use_reasoning: bool,
    }

    optional_setters! {
        /// The model that extracts: a known [`ExtractModel`] or any model
        /// name (`"acme-model-9"`).
        extract_model: ExtractModel,
        /// The model that parses the document.
        parse_model: ParseModel,
        /// The request's priority.
        priority: Priority,
        /// The system prompt.
        system_prompt: String,
    }

    /// The pages to extract from, such as `"1,3,5-7"` (1-based, inclusive);
    /// checked and written canonically at `build`.
    pub fn page_range(mut self, pages: impl Into<String>) -> Self {
        self.page_range = Some(pages.into());
        self
    }

    /// How many pages of context to pass on long documents (at least 1;
    /// checked at `build`).
    pub fn num_pages_context(mut self, pages: u32) -> Self {
        self.num_pages_context = Some(pages);
        self
    }

    /// Whether to fetch citation bounding boxes (PREMIUM mode only).
    #[deprecated(
        note = "the API now treats citation_bbox as a synonym of cite_sources: use cite_sources"
    )]
    #[allow(deprecated)]
    pub fn citation_bbox(mut self, value: bool) -> Self {
        self.config.citation_bbox = value;
        self
    }

    /// Whether to use fast mode for multimodal extraction.
    #[deprecated(note = "the API deprecates multimodal_fast_mode")]
    #[allow(deprecated)]
    pub fn multimodal_fast_mode(mut self, value: bool) -> Self {
        self.config.multimodal_fast_mode = value;
        self
    }

    /// Checks the settings and returns the configuration, with `page_range`
    /// in canonical form.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming `page_range` or `num_pages_context`
    /// when its value breaks the rule, with the value and the rule.
    pub fn build(self) -> Result<ExtractConfig, Error> {
        let mut config = self.config;
        if let Some(text) = self.page_range {
            let range: PageRange = text.parse().map_err(crate::InvalidInput::from)?;
            config.page_range = Some(Lenient::from(range));
        }
        if let Some(pages) = self.num_pages_context {
            let pages = NumPagesContext::new(pages).map_err(crate::InvalidInput::from)?;
            config.num_pages_context = Some(Lenient::from(pages));
        }
        crate::models::validate_config(&config)?;
        Ok(config)
    }
}
