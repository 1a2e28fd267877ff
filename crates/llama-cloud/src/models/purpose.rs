//! The values the API documents in prose only: the contract types these
//! fields as plain strings, so they are not generated. Open enums like the
//! generated ones (see [`llama_cloud_core::open_enum`]).

use llama_cloud_core::open_enum;

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
        /// A spreadsheet, for sheet extraction.
        Sheet = "sheet",
        /// Input to an agent app.
        AgentApp = "agent_app",
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
