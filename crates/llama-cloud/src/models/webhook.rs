//! [`Webhook`]: a checked way to build a [`WebhookConfiguration`].

use std::collections::HashMap;

use reqwest::Url;

use crate::error::InvalidInput;
use crate::models::{WebhookConfiguration, WebhookEvent, WebhookOutputFormat};

/// A webhook: the service calls `url` when the job reaches the chosen
/// events. Builds the generated [`WebhookConfiguration`], with the URL
/// checked first.
///
/// ```
/// use llama_cloud::{Webhook, WebhookEvent};
///
/// let hook = Webhook::new("https://example.com/hooks/extract")?
///     .events([WebhookEvent::ExtractSuccess, WebhookEvent::ExtractError])
///     .header("x-signature", "s3cr3t")
///     .build();
/// assert_eq!(hook.webhook_url.as_deref(), Some("https://example.com/hooks/extract"));
/// assert!(Webhook::new("not a url").is_err());
/// # Ok::<(), llama_cloud::InvalidInput>(())
/// ```
#[derive(Clone)]
#[must_use]
pub struct Webhook {
    url: String,
    headers: Option<HashMap<String, String>>,
    output_format: Option<WebhookOutputFormat>,
    events: Option<Vec<WebhookEvent>>,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Header values are often shared secrets: show names only.
        let headers: Option<Vec<&String>> = self.headers.as_ref().map(|h| h.keys().collect());
        f.debug_struct("Webhook")
            .field("url", &self.url)
            .field("headers", &headers)
            .field("output_format", &self.output_format)
            .field("events", &self.events)
            .finish()
    }
}

impl Webhook {
    /// A webhook to `url`, which must be an absolute `http` or `https` URL.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`] naming `webhook_url` when `url` is not one.
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
            url: parsed.to_string(),
            headers: None,
            output_format: None,
            events: None,
        })
    }

    /// A header to send with each call.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers
            .get_or_insert_with(HashMap::new)
            .insert(name.into(), value.into());
        self
    }

    /// The events to be told about; all of them when never called.
    pub fn events(mut self, events: impl IntoIterator<Item = WebhookEvent>) -> Self {
        self.events = Some(events.into_iter().collect());
        self
    }

    /// The payload format.
    pub fn output_format(mut self, format: WebhookOutputFormat) -> Self {
        self.output_format = Some(format);
        self
    }

    /// The configuration, as the API takes it.
    pub fn build(self) -> WebhookConfiguration {
        let mut hook = WebhookConfiguration::default();
        hook.webhook_url = Some(self.url);
        hook.webhook_headers = self.headers;
        hook.webhook_output_format = self.output_format.map(|format| format.to_string());
        hook.webhook_events = self.events;
        hook
    }
}

impl From<Webhook> for WebhookConfiguration {
    fn from(hook: Webhook) -> Self {
        hook.build()
    }
}
