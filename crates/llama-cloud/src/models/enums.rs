//! Forward-compatible enums for the string values of the API.
//!
//! The API adds values over time (new models, new job states). A closed Rust enum
//! would fail to decode a job as soon as the server sent a value newer than this
//! crate, making that job unreadable. Every enum here therefore has, besides a variant
//! per documented value, an `Unknown` variant that keeps any other string exactly as
//! received, so it re-encodes unchanged.
//!
//! All of them work the same way:
//!
//! - converting from a string never fails: [`From<&str>`], [`From<String>`] and
//!   [`str::parse`] (with [`Infallible`] as the error) map a documented value to its
//!   variant and anything else to `Unknown`; matching is exact and case-sensitive,
//!   as on the wire;
//! - [`as_str`](JobStatus::as_str) and [`Display`](fmt::Display) give the wire string,
//!   and serde (de)serializes the enum as that string;
//! - `KNOWN` lists the documented values, and `is_unknown` tells them apart from the
//!   rest;
//! - the enums are `#[non_exhaustive]`, so matches need a wildcard arm and new
//!   variants can be added without breaking your code.
//!
//! An `Unknown` value never holds a documented name: its [`UnknownValue`] can only be
//! made by the conversions above, which pick the named variant whenever there is one.
//! So `==` between two values is the same as comparing their strings.
//!
//! A value that is `Unknown` today may get its own variant in a later release. To
//! react to such a value, compare [`as_str`](JobStatus::as_str) rather than matching on
//! the `Unknown` contents, so the code keeps working after the upgrade:
//!
//! ```
//! use llama_cloud::ExtractModel;
//!
//! let model = ExtractModel::from("openai-gpt-6");
//! assert!(model.is_unknown());
//! if model.as_str() == "openai-gpt-6" {
//!     // still true once `ExtractModel` gains a variant for it
//! }
//! ```

pub use llama_cloud_core::UnknownValue;
use llama_cloud_core::open_enum;

open_enum! {
    /// The state of an extraction job (`ExtractJob.status`).
    ///
    /// A job starts [`Pending`](Self::Pending) and ends in one of the other documented
    /// states. [`is_terminal`](Self::is_terminal), [`is_success`](Self::is_success)
    /// and [`is_failure`](Self::is_failure) group them the way the official pollers
    /// do.
    ///
    /// ```
    /// use llama_cloud::JobStatus;
    ///
    /// let status: JobStatus = serde_json::from_str(r#""PARTIAL_SUCCESS""#)?;
    /// assert_eq!(status, JobStatus::PartialSuccess);
    /// assert!(status.is_terminal() && status.is_success());
    ///
    /// // A state added to the API later is kept, and counts as still running.
    /// let status: JobStatus = serde_json::from_str(r#""QUEUED""#)?;
    /// assert!(status.is_unknown() && !status.is_terminal());
    /// assert_eq!(serde_json::to_string(&status)?, r#""QUEUED""#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub enum JobStatus {
        /// The job is queued or running; its result is not available yet.
        Pending = "PENDING",
        /// The job finished and extracted data from the whole document.
        Success = "SUCCESS",
        /// The job failed; `ExtractJob.error` says why.
        Error = "ERROR",
        /// The job finished, but only part of the document could be extracted.
        PartialSuccess = "PARTIAL_SUCCESS",
        /// The job was cancelled before it finished.
        Cancelled = "CANCELLED",
    }
}

impl JobStatus {
    /// Whether the job has stopped, successfully or not, so polling can end.
    ///
    /// True for every documented state except [`Pending`](Self::Pending).
    ///
    /// An [`Unknown`](Self::Unknown) state counts as *not* terminal. That is what the
    /// official pollers do (they stop only on the four documented end states), and
    /// it is the safer mistake: a new state is most likely an intermediate one (such
    /// as a queueing or post-processing step), and treating it as finished would hand
    /// back a job with no result as if it were done. Waiting instead is bounded by the
    /// poller's timeout, and the unknown state remains visible in the job.
    pub fn is_terminal(&self) -> bool {
        match self {
            Self::Pending | Self::Unknown(_) => false,
            Self::Success | Self::Error | Self::PartialSuccess | Self::Cancelled => true,
        }
    }

    /// Whether the job finished with a result: [`Success`](Self::Success) or
    /// [`PartialSuccess`](Self::PartialSuccess).
    pub fn is_success(&self) -> bool {
        matches!(self, Self::Success | Self::PartialSuccess)
    }

    /// Whether the job ended without a result: [`Error`](Self::Error) or
    /// [`Cancelled`](Self::Cancelled).
    pub fn is_failure(&self) -> bool {
        matches!(self, Self::Error | Self::Cancelled)
    }
}

open_enum! {
    /// How thoroughly an agent extracts (`extraction_mode`): faster and cheaper, or
    /// slower and more accurate.
    ///
    /// ```
    /// use llama_cloud::ExtractMode;
    ///
    /// assert_eq!(ExtractMode::Balanced.as_str(), "BALANCED");
    /// assert_eq!("PREMIUM".parse::<ExtractMode>(), Ok(ExtractMode::Premium));
    /// ```
    pub enum ExtractMode {
        /// The fastest and cheapest mode, for simple documents.
        Fast = "FAST",
        /// A balance of speed and accuracy.
        Balanced = "BALANCED",
        /// The most accurate mode, for complex documents.
        Premium = "PREMIUM",
        /// Reads pages as images as well as text, for visually rich documents.
        Multimodal = "MULTIMODAL",
    }
}

open_enum! {
    /// What one extracted record covers (`extraction_target`).
    ///
    /// ```
    /// use llama_cloud::ExtractTarget;
    ///
    /// assert_eq!(ExtractTarget::PerPage.to_string(), "PER_PAGE");
    /// ```
    pub enum ExtractTarget {
        /// One record for the whole document.
        PerDoc = "PER_DOC",
        /// One record per page.
        PerPage = "PER_PAGE",
        /// One record per table row.
        PerTableRow = "PER_TABLE_ROW",
    }
}

open_enum! {
    /// How a document is split into chunks for extraction (`chunk_mode`).
    ///
    /// ```
    /// use llama_cloud::ChunkMode;
    ///
    /// assert_eq!(ChunkMode::from("SECTION"), ChunkMode::Section);
    /// ```
    pub enum ChunkMode {
        /// One chunk per page.
        Page = "PAGE",
        /// Chunks follow the document's sections.
        Section = "SECTION",
    }
}

open_enum! {
    /// The priority of a request (`priority`). The server may ignore or override it
    /// depending on the organization's tier.
    ///
    /// ```
    /// use llama_cloud::Priority;
    ///
    /// assert_eq!(serde_json::to_string(&Priority::High)?, r#""high""#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub enum Priority {
        /// Lowest priority.
        Low = "low",
        /// Normal priority.
        Medium = "medium",
        /// Raised priority.
        High = "high",
        /// Highest priority.
        Critical = "critical",
    }
}

open_enum! {
    /// The custom configuration type of an extraction agent (`custom_configuration`).
    /// The API currently documents only `"default"`.
    ///
    /// ```
    /// use llama_cloud::CustomConfiguration;
    ///
    /// assert_eq!(CustomConfiguration::KNOWN, [CustomConfiguration::Default]);
    /// ```
    pub enum CustomConfiguration {
        /// The default configuration.
        Default = "default",
    }
}

open_enum! {
    /// The model used for data extraction (`extract_model`); when not set, the
    /// server picks the default for the [`ExtractMode`].
    ///
    /// Unlike the other enums here, the API documents this one as open: it accepts
    /// the listed names *or any other string*. This crate keeps the same name for the
    /// catch-all as elsewhere, [`Unknown`](Self::Unknown), and it is also how you
    /// send a model name that this crate does not list yet:
    ///
    /// ```
    /// use llama_cloud::ExtractModel;
    ///
    /// assert_eq!(ExtractModel::from("gemini-2.5-pro"), ExtractModel::Gemini25Pro);
    ///
    /// let newer = ExtractModel::from("openai-gpt-6");
    /// assert!(newer.is_unknown());
    /// assert_eq!(serde_json::to_string(&newer)?, r#""openai-gpt-6""#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub enum ExtractModel {
        /// OpenAI GPT-4.1.
        OpenaiGpt41 = "openai-gpt-4-1",
        /// OpenAI GPT-4.1 mini.
        OpenaiGpt41Mini = "openai-gpt-4-1-mini",
        /// OpenAI GPT-4.1 nano.
        OpenaiGpt41Nano = "openai-gpt-4-1-nano",
        /// OpenAI GPT-5.
        OpenaiGpt5 = "openai-gpt-5",
        /// OpenAI GPT-5 mini.
        OpenaiGpt5Mini = "openai-gpt-5-mini",
        /// Google Gemini 2.0 Flash.
        Gemini20Flash = "gemini-2.0-flash",
        /// Google Gemini 2.5 Flash.
        Gemini25Flash = "gemini-2.5-flash",
        /// Google Gemini 2.5 Flash-Lite.
        Gemini25FlashLite = "gemini-2.5-flash-lite",
        /// Google Gemini 2.5 Pro.
        Gemini25Pro = "gemini-2.5-pro",
        /// OpenAI GPT-4o.
        OpenaiGpt4o = "openai-gpt-4o",
        /// OpenAI GPT-4o mini.
        OpenaiGpt4oMini = "openai-gpt-4o-mini",
    }
}

open_enum! {
    /// The model used to parse the document before extraction (`parse_model`).
    ///
    /// ```
    /// use llama_cloud::ParseModel;
    ///
    /// assert_eq!(ParseModel::AnthropicSonnet35V2.as_str(), "anthropic-sonnet-3.5-v2");
    /// assert_eq!(ParseModel::KNOWN.len(), 26);
    /// ```
    pub enum ParseModel {
        /// OpenAI GPT-4o.
        OpenaiGpt4o = "openai-gpt-4o",
        /// OpenAI GPT-4o mini.
        OpenaiGpt4oMini = "openai-gpt-4o-mini",
        /// OpenAI GPT-4.1.
        OpenaiGpt41 = "openai-gpt-4-1",
        /// OpenAI GPT-4.1 mini.
        OpenaiGpt41Mini = "openai-gpt-4-1-mini",
        /// OpenAI GPT-4.1 nano.
        OpenaiGpt41Nano = "openai-gpt-4-1-nano",
        /// OpenAI GPT-5.
        OpenaiGpt5 = "openai-gpt-5",
        /// OpenAI GPT-5 mini.
        OpenaiGpt5Mini = "openai-gpt-5-mini",
        /// OpenAI GPT-5 nano.
        OpenaiGpt5Nano = "openai-gpt-5-nano",
        /// OpenAI text-embedding-3-large.
        OpenaiTextEmbedding3Large = "openai-text-embedding-3-large",
        /// OpenAI text-embedding-3-small.
        OpenaiTextEmbedding3Small = "openai-text-embedding-3-small",
        /// OpenAI Whisper 1.
        OpenaiWhisper1 = "openai-whisper-1",
        /// Anthropic Claude Sonnet 3.5.
        AnthropicSonnet35 = "anthropic-sonnet-3.5",
        /// Anthropic Claude Sonnet 3.5 v2.
        AnthropicSonnet35V2 = "anthropic-sonnet-3.5-v2",
        /// Anthropic Claude Sonnet 3.7.
        AnthropicSonnet37 = "anthropic-sonnet-3.7",
        /// Anthropic Claude Sonnet 4.0.
        AnthropicSonnet40 = "anthropic-sonnet-4.0",
        /// Anthropic Claude Sonnet 4.5.
        AnthropicSonnet45 = "anthropic-sonnet-4.5",
        /// Anthropic Claude Haiku 3.5.
        AnthropicHaiku35 = "anthropic-haiku-3.5",
        /// Anthropic Claude Haiku 4.5.
        AnthropicHaiku45 = "anthropic-haiku-4.5",
        /// Google Gemini 2.5 Flash.
        Gemini25Flash = "gemini-2.5-flash",
        /// Google Gemini 3.0 Pro.
        Gemini30Pro = "gemini-3.0-pro",
        /// Google Gemini 2.5 Pro.
        Gemini25Pro = "gemini-2.5-pro",
        /// Google Gemini 2.0 Flash.
        Gemini20Flash = "gemini-2.0-flash",
        /// Google Gemini 2.0 Flash-Lite.
        Gemini20FlashLite = "gemini-2.0-flash-lite",
        /// Google Gemini 2.5 Flash-Lite.
        Gemini25FlashLite = "gemini-2.5-flash-lite",
        /// Google Gemini 1.5 Flash.
        Gemini15Flash = "gemini-1.5-flash",
        /// Google Gemini 1.5 Pro.
        Gemini15Pro = "gemini-1.5-pro",
    }
}
open_enum! {
    /// The state of an extraction run (`ExtractRun.status`).
    ///
    /// ```
    /// use llama_cloud::RunStatus;
    ///
    /// assert_eq!("SUCCESS".parse::<RunStatus>(), Ok(RunStatus::Success));
    /// assert!(RunStatus::from("ARCHIVED").is_unknown());
    /// ```
    pub enum RunStatus {
        /// The run exists; extraction has not started.
        Created = "CREATED",
        /// Extraction is running.
        Pending = "PENDING",
        /// Extraction finished; the run holds the data.
        Success = "SUCCESS",
        /// Extraction failed; the run's `error` says why.
        Error = "ERROR",
    }
}
open_enum! {
    /// An event a webhook can be told about (`webhook_events`).
    ///
    /// ```
    /// use llama_cloud::WebhookEvent;
    ///
    /// assert_eq!(WebhookEvent::ExtractSuccess.as_str(), "extract.success");
    /// ```
    pub enum WebhookEvent {
        /// An extraction job was queued.
        ExtractPending = "extract.pending",
        /// An extraction job succeeded.
        ExtractSuccess = "extract.success",
        /// An extraction job failed.
        ExtractError = "extract.error",
        /// An extraction job finished with part of the document extracted.
        ExtractPartialSuccess = "extract.partial_success",
        /// An extraction job was cancelled.
        ExtractCancelled = "extract.cancelled",
        /// A parse job was queued.
        ParsePending = "parse.pending",
        /// A parse job succeeded.
        ParseSuccess = "parse.success",
        /// A parse job failed.
        ParseError = "parse.error",
        /// A parse job finished partly.
        ParsePartialSuccess = "parse.partial_success",
        /// A parse job was cancelled.
        ParseCancelled = "parse.cancelled",
        /// A classify job was queued.
        ClassifyPending = "classify.pending",
        /// A classify job succeeded.
        ClassifySuccess = "classify.success",
        /// A classify job failed.
        ClassifyError = "classify.error",
        /// A classify job finished partly.
        ClassifyPartialSuccess = "classify.partial_success",
        /// A classify job was cancelled.
        ClassifyCancelled = "classify.cancelled",
        /// An event with no mapping of its own.
        UnmappedEvent = "unmapped_event",
    }
}
open_enum! {
    /// What an uploaded file is for (`purpose`).
    ///
    /// ```
    /// use llama_cloud::FilePurpose;
    ///
    /// assert_eq!(FilePurpose::Extract.as_str(), "extract");
    /// ```
    pub enum FilePurpose {
        /// Input to extraction: what files for `jobs().create` are uploaded as.
        Extract = "extract",
        /// Input to parsing.
        Parse = "parse",
        /// Input to splitting.
        Split = "split",
        /// Input to classification.
        Classify = "classify",
        /// The user's own data.
        UserData = "user_data",
    }
}
open_enum! {
    /// The format of a webhook's payload (`webhook_output_format`).
    pub enum WebhookOutputFormat {
        /// The payload as a JSON object.
        Json = "json",
        /// The payload as a string.
        String = "string",
    }
}
