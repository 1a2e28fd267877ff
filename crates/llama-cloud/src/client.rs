//! [`Client`]: the entry point, cheap to clone and shared across tasks.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use llama_cloud_core::{Credentials, Runtime, Settings};
use reqwest::Url;

use crate::config::ClientBuilder;
use crate::error::Error;
use crate::extract::Extract;
use crate::extraction::Extraction;
use crate::files::Files;
use crate::options::RequestOptions;

/// A LlamaCloud client.
///
/// Cloning is cheap (an `Arc`), and every clone shares one connection pool,
/// so build one client and pass it around. Build it with
/// [`Client::from_env`] or [`Client::builder`].
#[derive(Clone)]
pub struct Client {
    /// One `Arc`, so that a clone (every resource handle and every call
    /// holds one) is a reference count, not a copy.
    pub(crate) inner: Arc<Inner>,
}

/// What every clone shares.
pub(crate) struct Inner {
    /// No trailing slash, so `base + "/api/..."` is the full URL.
    pub(crate) base: String,
    pub(crate) base_url: Url,
    pub(crate) timeout: Duration,
    /// Overrides from [`Client::with_options`]; empty on a built client.
    pub(crate) options: RequestOptions,
    /// The runtime every request goes through, with `options` applied.
    pub(crate) runtime: Runtime,
    /// The generated client on that runtime: every operation it has is
    /// sent through it.
    pub(crate) api: llama_cloud_api::Client,
    user_agent: String,
    allow_insecure_http: bool,
}

impl Client {
    /// A client configured from the environment: the API key from
    /// `LLAMA_CLOUD_API_KEY` (required; `LLAMA_PARSE_API_KEY` is read when it
    /// is unset), the base URL from `LLAMA_CLOUD_BASE_URL` (default
    /// `https://api.cloud.llamaindex.ai`), and extra headers from
    /// `LLAMA_CLOUD_CUSTOM_HEADERS` (one `Name: value` per line). See
    /// [`ClientBuilder::from_env`].
    ///
    /// ```no_run
    /// let client = llama_cloud::Client::from_env()?;
    /// # Ok::<(), llama_cloud::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`ClientBuilder::build`]: most often [`ConfigError::MissingApiKey`]
    /// when no key is set.
    ///
    /// [`ConfigError::MissingApiKey`]: crate::ConfigError::MissingApiKey
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::from_env().build()
    }

    /// A builder with nothing read from the environment.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    pub(crate) fn from_parts(
        http: reqwest::Client,
        base_url: Url,
        credentials: Credentials,
        builder: ClientBuilder,
    ) -> Self {
        let base = base_url.as_str().trim_end_matches('/').to_owned();
        let mut settings = Settings::new(builder.max_retries, builder.max_response_bytes)
            .with_timeout(builder.timeout)
            .with_max_redirects(builder.max_redirects);
        if let Some(deadline) = builder.deadline {
            settings = settings.with_deadline(deadline);
        }
        // The client-wide project and organization are its base options:
        // per-call options merge over them.
        let options = RequestOptions {
            project_id: builder.project_id,
            organization_id: builder.organization_id,
            ..RequestOptions::default()
        };
        let runtime = Runtime::new(http, settings, credentials).with_overrides(options.overrides());
        Self {
            inner: Arc::new(Inner {
                api: generated(&base, &runtime),
                base,
                base_url,
                timeout: builder.timeout,
                options,
                runtime,
                user_agent: builder.user_agent,
                allow_insecure_http: builder.allow_insecure_http,
            }),
        }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// A client whose calls use `options` (timeout, retries, extra headers)
    /// on top of this one's settings. It shares this client's connection
    /// pool, so making one per call is cheap.
    pub fn with_options(&self, options: RequestOptions) -> Client {
        let inner = &self.inner;
        let options = inner.options.merged(&options);
        let runtime = inner.runtime.with_overrides(options.overrides());
        Client {
            inner: Arc::new(Inner {
                api: generated(&inner.base, &runtime),
                base: inner.base.clone(),
                base_url: inner.base_url.clone(),
                timeout: inner.timeout,
                options,
                runtime,
                user_agent: inner.user_agent.clone(),
                allow_insecure_http: inner.allow_insecure_http,
            }),
        }
    }

    /// The extraction API: jobs, extraction agents, runs and the stateless
    /// run.
    pub fn extraction(&self) -> Extraction {
        Extraction::new(self.clone())
    }

    /// v2 extraction (`/api/v2/extract`), the official clients'
    /// `client.extract`: jobs that read a file with an inline or saved
    /// configuration and carry their result.
    pub fn extract(&self) -> Extract {
        Extract::new(self.clone())
    }

    /// Files stored in LlamaCloud: uploads for extraction jobs.
    pub fn files(&self) -> Files {
        Files::new(self.clone())
    }

    /// The generated low-level client, sharing this client's connection pool,
    /// base URL, key, timeouts and runtime: its requests are retried,
    /// bounded and traced exactly as this crate's are, with this client's
    /// [`RequestOptions`].
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let job = client
    ///     .low_level()
    ///     .get_job()
    ///     .job_id("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e")
    ///     .send()
    ///     .await?;
    /// println!("{}", job.status);
    /// # Ok(())
    /// # }
    /// ```
    pub fn low_level(&self) -> llama_cloud_api::Client {
        self.inner.api.clone()
    }
}

/// The generated client for `base`, sending through `runtime`.
fn generated(base: &str, runtime: &Runtime) -> llama_cloud_api::Client {
    llama_cloud_api::Client::new_with_client(base, runtime.http().clone(), runtime.clone())
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base)
            .field("api_key", &"<redacted>")
            .field("timeout", &self.inner.timeout)
            .field("user_agent", &self.inner.user_agent)
            .field("allow_insecure_http", &self.inner.allow_insecure_http)
            .field(
                "max_response_bytes",
                &self.inner.runtime.settings().max_response_bytes,
            )
            .field("max_retries", &self.inner.runtime.settings().max_retries)
            .field(
                "max_redirects",
                &self.inner.runtime.settings().max_redirects,
            )
            .field("deadline", &self.inner.runtime.settings().deadline)
            .field("options", &self.inner.options)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::Client;

    #[test]
    fn debug_redacts_the_key() {
        let client = Client::builder()
            .api_key("llx-very-secret")
            .base_url("http://127.0.0.1:8080")
            .default_header("x-team", "extraction")
            .build()
            .unwrap();
        let debug = format!("{client:#?}");
        assert!(!debug.contains("llx-very-secret"));
        insta::assert_snapshot!(debug.replace(env!("CARGO_PKG_VERSION"), "<version>"));
        let builder = format!("{:?}", Client::builder().api_key("llx-very-secret"));
        assert!(!builder.contains("llx-very-secret"), "{builder}");
    }

    #[test]
    fn clones_share_one_pool() {
        let client = Client::builder().api_key("k").build().unwrap();
        let clone = client.clone();
        assert!(std::sync::Arc::ptr_eq(&client.inner, &clone.inner));
        fn assert_send_sync<T: Send + Sync + 'static>() {}
        assert_send_sync::<Client>();
    }
}
