//! [`WebhookConfiguration`]: where to be told about a job's progress.

use std::collections::BTreeMap;

use reqwest::Url;
use serde::{Deserialize, Serialize};

use crate::error::InvalidInput;
use crate::models::{WebhookEvent, WebhookOutputFormat};

/// A webhook: the service calls `url` when the job reaches the chosen events.
///
/// ```
/// use llama_cloud::{WebhookConfiguration, WebhookEvent};
///
/// let hook = WebhookConfiguration::new("https://example.com/hooks/extract")?
///     .events([WebhookEvent::ExtractSuccess, WebhookEvent::ExtractError])
///     .header("x-signature", "s3cr3t");
/// assert!(WebhookConfiguration::new("not a url").is_err());
/// # Ok::<(), llama_cloud::InvalidInput>(())
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebhookConfiguration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    webhook_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    webhook_headers: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    webhook_output_format: Option<WebhookOutputFormat>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    webhook_events: Option<Vec<WebhookEvent>>,
}

impl std::fmt::Debug for WebhookConfiguration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Header values are often shared secrets: show names only.
        let headers: Option<Vec<&String>> = self
            .webhook_headers
            .as_ref()
            .map(|headers| headers.keys().collect());
        f.debug_struct("WebhookConfiguration")
            .field("webhook_url", &self.webhook_url)
            .field("webhook_headers", &headers)
            .field("webhook_output_format", &self.webhook_output_format)
            .field("webhook_events", &self.webhook_events)
            .finish()
    }
}

impl WebhookConfiguration {
    /// A webhook to `url`, which must be an absolute `http` or `https` URL.
    pub fn new(url: &str) -> Result<Self, InvalidInput> {
        let parsed = Url::parse(url).map_err(|error| {
            InvalidInput::new("webhook_url", url, format!("not an absolute URL: {error}"))
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(InvalidInput::new(
                "webhook_url",
                url,
                "the scheme must be http or https",
            ));
        }
        Ok(Self {
            webhook_url: Some(parsed.to_string()),
            webhook_headers: None,
            webhook_output_format: None,
            webhook_events: None,
        })
    }

    /// A header to send with each call.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.webhook_headers
            .get_or_insert_with(BTreeMap::new)
            .insert(name.into(), value.into());
        self
    }

    /// The events to be told about; all of them when never called.
    #[must_use]
    pub fn events(mut self, events: impl IntoIterator<Item = WebhookEvent>) -> Self {
        self.webhook_events = Some(events.into_iter().collect());
        self
    }

    /// The payload format.
    #[must_use]
    pub fn output_format(mut self, format: WebhookOutputFormat) -> Self {
        self.webhook_output_format = Some(format);
        self
    }

    /// The URL, as it will be sent.
    pub fn url(&self) -> Option<&str> {
        self.webhook_url.as_deref()
    }
}
