//! Client configuration: [`ClientBuilder`], from code or from the environment.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use llama_cloud_core::redirect::DEFAULT_MAX_REDIRECTS;
use llama_cloud_core::{Credentials, OrganizationId, ProjectId};
use reqwest::Url;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::api_key::ApiKey;
use crate::client::Client;
use crate::error::{ConfigError, Error};
use crate::retry::DEFAULT_MAX_RETRIES;

/// The LlamaCloud API, used when no base URL is given.
pub const DEFAULT_BASE_URL: &str = "https://api.cloud.llamaindex.ai";
/// The base URL of LlamaCloud's EU region (the official services package's
/// `EU_BASE_URL`).
pub const EU_BASE_URL: &str = "https://api.cloud.eu.llamaindex.ai";

/// A LlamaCloud region, for [`ClientBuilder::region`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Region {
    /// The default region, [`DEFAULT_BASE_URL`].
    Us,
    /// The EU region, [`EU_BASE_URL`].
    Eu,
}

impl Region {
    /// The region's base URL.
    pub fn base_url(self) -> &'static str {
        match self {
            Self::Us => DEFAULT_BASE_URL,
            Self::Eu => EU_BASE_URL,
        }
    }
}
/// The environment variable holding the API key.
pub const API_KEY_ENV: &str = "LLAMA_CLOUD_API_KEY";
/// The environment variable holding the base URL.
pub const BASE_URL_ENV: &str = "LLAMA_CLOUD_BASE_URL";
/// The API key's fallback variable, as the official 2.x client reads it.
pub const PARSE_API_KEY_ENV: &str = "LLAMA_PARSE_API_KEY";
/// Extra headers for every request, one `Name: value` per line, as the
/// official 2.x client reads them.
pub const CUSTOM_HEADERS_ENV: &str = "LLAMA_CLOUD_CUSTOM_HEADERS";
/// The environment variable with the default project (as the official
/// services package reads it).
pub const PROJECT_ID_ENV: &str = "LLAMA_CLOUD_PROJECT_ID";
/// The environment variable with the default organization.
pub const ORGANIZATION_ID_ENV: &str = "LLAMA_CLOUD_ORGANIZATION_ID";
/// How long a whole request may take by default, as in the official clients.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// How long connecting may take by default, as in the official clients.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest response body read by default: far above any job or result
/// the API returns, far below what could exhaust memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// The default `User-Agent`: `llama-cloud-rust/<crate version>`.
pub fn default_user_agent() -> String {
    format!("llama-cloud-rust/{}", env!("CARGO_PKG_VERSION"))
}

/// Builds a [`Client`]. Start from [`Client::builder`] (nothing set) or
/// [`ClientBuilder::from_env`] (key and base URL from the environment), then
/// override what you need.
///
/// ```
/// use std::time::Duration;
///
/// let client = llama_cloud::Client::builder()
///     .api_key("llx-...")
///     .timeout(Duration::from_secs(30))
///     .build()?;
/// # Ok::<(), llama_cloud::Error>(())
/// ```
#[derive(Clone)]
#[must_use]
pub struct ClientBuilder {
    pub(crate) api_key: Option<String>,
    pub(crate) base_url: Option<String>,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) default_headers: Vec<(String, String)>,
    pub(crate) user_agent: String,
    pub(crate) allow_insecure_http: bool,
    pub(crate) max_response_bytes: usize,
    pub(crate) max_retries: u32,
    pub(crate) max_redirects: u32,
    pub(crate) deadline: Option<Duration>,
    pub(crate) project_id: Option<ProjectId>,
    pub(crate) organization_id: Option<OrganizationId>,
    /// A client to send with instead of one built here.
    http_client: Option<reqwest::Client>,
    /// The first environment variable of the wrong form, reported by
    /// `build`.
    bad_environment: Option<(&'static str, String, String)>,
    /// The first malformed `LLAMA_CLOUD_CUSTOM_HEADERS` line, reported by
    /// `build`.
    pub(crate) bad_custom_header_line: Option<usize>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            api_key: None,
            base_url: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            default_headers: Vec::new(),
            user_agent: default_user_agent(),
            allow_insecure_http: false,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_retries: DEFAULT_MAX_RETRIES,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            deadline: None,
            project_id: None,
            organization_id: None,
            http_client: None,
            bad_environment: None,
            bad_custom_header_line: None,
        }
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("default_headers", &header_names(&self.default_headers))
            .field("user_agent", &self.user_agent)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_retries", &self.max_retries)
            .field("http_client", &self.http_client.is_some())
            .finish()
    }
}

/// Header names only: values may hold secrets of their own.
fn header_names(headers: &[(String, String)]) -> Vec<&str> {
    headers.iter().map(|(name, _)| name.as_str()).collect()
}

impl ClientBuilder {
    /// A builder configured from the environment, as the official clients
    /// are: the API key from `LLAMA_CLOUD_API_KEY` (else
    /// `LLAMA_PARSE_API_KEY`), the base URL from `LLAMA_CLOUD_BASE_URL`, and
    /// extra headers from `LLAMA_CLOUD_CUSTOM_HEADERS` (one `Name: value`
    /// per line). Unset variables leave the defaults.
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// [`ClientBuilder::from_env`] with the environment given as a lookup
    /// function, so that it can be tested without touching the process.
    pub(crate) fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let set = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let mut builder = Self {
            api_key: set(API_KEY_ENV)
                .or_else(|| set(PARSE_API_KEY_ENV))
                .or_else(|| lookup(API_KEY_ENV)),
            base_url: set(BASE_URL_ENV),
            ..Self::default()
        };
        if let Some(value) = set(PROJECT_ID_ENV) {
            match value.trim().parse() {
                Ok(id) => builder.project_id = Some(id),
                Err(error) => builder.refuse_environment(PROJECT_ID_ENV, &value, error),
            }
        }
        if let Some(value) = set(ORGANIZATION_ID_ENV) {
            match value.trim().parse() {
                Ok(id) => builder.organization_id = Some(id),
                Err(error) => builder.refuse_environment(ORGANIZATION_ID_ENV, &value, error),
            }
        }
        for (index, line) in set(CUSTOM_HEADERS_ENV)
            .unwrap_or_default()
            .lines()
            .enumerate()
        {
            if line.trim().is_empty() {
                continue;
            }
            match line.split_once(':') {
                Some((name, value)) => {
                    builder
                        .default_headers
                        .push((name.trim().to_owned(), value.trim().to_owned()));
                }
                None => {
                    builder.bad_custom_header_line.get_or_insert(index + 1);
                }
            }
        }
        builder
    }

    /// Keeps the first bad environment variable for `build` to report.
    fn refuse_environment(&mut self, name: &'static str, value: &str, reason: impl fmt::Display) {
        self.bad_environment
            .get_or_insert_with(|| (name, value.chars().take(64).collect(), reason.to_string()));
    }

    /// The API key, sent as `Authorization: Bearer <key>`.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// The API's base URL, such as `https://api.cloud.llamaindex.ai` or a
    /// local fake's `http://127.0.0.1:8080`. A path prefix is kept.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// How long a whole request (connect, send, and read the body) may take.
    /// Default 60 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long connecting may take. Default 5 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// A header sent with every request. Checked at [`build`](Self::build).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// The `User-Agent` header. Default `llama-cloud-rust/<version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Allow a plain `http://` base URL on a host that is not loopback. Off
    /// by default, because the API key would cross the network in clear
    /// text. Loopback hosts (`127.0.0.1`, `::1`, `localhost`) are always
    /// allowed, for local fakes.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// The largest response body the client reads, in bytes; a larger one
    /// ends in [`Error::BodyTooLarge`]. Default 64 MiB.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// How many times a failed request is sent again (`0`: never). Default
    /// 2, as in the official clients. See [`crate::retry`] for which
    /// failures are retried and how long each wait is.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// How many redirects one request follows (`0`: none: any redirect is
    /// then refused with [`Error::Redirect`]). Default 10. A redirect to another origin never
    /// carries the key or any header marked sensitive, and one from https
    /// to http is refused ([`Error::Redirect`]).
    pub fn max_redirects(mut self, redirects: u32) -> Self {
        self.max_redirects = redirects;
        self
    }

    /// The longest one call may take in all: every attempt, redirect and
    /// wait between retries. Each attempt's timeout is cut to what is left,
    /// and a retry whose wait would end past the deadline is not made (the
    /// call returns the error that would have been retried). When it
    /// passes, the call fails with [`Error::DeadlineExceeded`]. Default:
    /// none, so a call may take up to `(max_retries + 1) × timeout` plus
    /// the waits.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The region to talk to: its base URL, as [`base_url`](Self::base_url)
    /// would set it (the later of the two calls wins).
    ///
    /// ```
    /// use llama_cloud::{Client, config::Region};
    ///
    /// let client = Client::builder().api_key("llx-...").region(Region::Eu).build()?;
    /// assert_eq!(client.base_url().as_str(), "https://api.cloud.eu.llamaindex.ai/");
    /// # Ok::<(), llama_cloud::Error>(())
    /// ```
    pub fn region(mut self, region: Region) -> Self {
        self.base_url = Some(region.base_url().to_owned());
        self
    }

    /// The project every operation that takes a `project_id` works in,
    /// unless a call names another (a request type's `project_id`, or
    /// [`RequestOptions::project_id`](crate::RequestOptions::project_id)).
    /// Read from `LLAMA_CLOUD_PROJECT_ID` by [`from_env`](Self::from_env).
    /// Unset, the API uses the key's default project.
    pub fn project_id(mut self, project_id: ProjectId) -> Self {
        self.project_id = Some(project_id);
        self
    }

    /// The organization every operation that takes an `organization_id`
    /// works in, likewise; read from `LLAMA_CLOUD_ORGANIZATION_ID`.
    pub fn organization_id(mut self, organization_id: OrganizationId) -> Self {
        self.organization_id = Some(organization_id);
        self
    }

    /// Sends with `client` instead of a client built from these settings:
    /// for a proxy, a custom CA or client certificate (mTLS), another TLS
    /// stack, or one connection pool shared with the rest of a service.
    ///
    /// What still applies: the key and extra headers (added by the SDK to
    /// requests for the base URL's origin only), [`timeout`](Self::timeout)
    /// (set on each request), retries, redirects, the deadline and the body
    /// limit. What is then the given client's: the connect timeout, the user
    /// agent, the pool, TLS. Build it with
    /// `.redirect(reqwest::redirect::Policy::none())`, so that the SDK sees
    /// and checks every redirect hop; with reqwest's own policy, reqwest
    /// follows them (it strips `Authorization` when the host changes, but
    /// not the client's extra headers), and `max_redirects` does not apply.
    /// Give it no default `Authorization` header: the SDK adds the key.
    ///
    /// ```no_run
    /// let http = reqwest::Client::builder()
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .proxy(reqwest::Proxy::https("http://proxy.internal:3128")?)
    ///     .build()?;
    /// let client = llama_cloud::Client::builder()
    ///     .api_key("llx-...")
    ///     .http_client(http)
    ///     .build()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Checks the settings and builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`]: no key or an empty one ([`ConfigError::MissingApiKey`],
    /// [`ConfigError::EmptyApiKey`]), a key that cannot go in a header, a base
    /// URL that is not one or is plain `http` to a host off this machine, a
    /// malformed default header or `LLAMA_CLOUD_CUSTOM_HEADERS` line, a
    /// project or organization variable that is not a UUID, or an HTTP client
    /// that cannot be built.
    pub fn build(self) -> Result<Client, Error> {
        if let Some((name, value, reason)) = self.bad_environment.clone() {
            return Err(ConfigError::InvalidEnvironment {
                name,
                value,
                reason,
            }
            .into());
        }
        if let Some(line) = self.bad_custom_header_line {
            return Err(ConfigError::InvalidCustomHeaders { line }.into());
        }
        let api_key = ApiKey::new(self.api_key.clone().ok_or(ConfigError::MissingApiKey)?)?;
        let base_url = parse_base_url(
            self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL),
            self.allow_insecure_http,
        )?;
        let mut headers = HeaderMap::new();
        for (name, value) in &self.default_headers {
            let invalid = |reason: &str| ConfigError::InvalidHeader {
                name: name.clone(),
                reason: reason.to_owned(),
            };
            let header_name = HeaderName::try_from(name.as_str())
                .map_err(|_| invalid("not a valid header name"))?;
            let mut header_value = HeaderValue::try_from(value.as_str())
                .map_err(|_| invalid("the value has characters not allowed in a header"))?;
            // Extra headers often carry credentials of their own: keep their
            // values out of `Debug` output and HTTP/2 header tables.
            header_value.set_sensitive(true);
            headers.append(header_name, header_value);
        }
        headers.insert(reqwest::header::AUTHORIZATION, api_key.bearer_header()?);
        // No default headers and no redirect policy in reqwest: the runtime
        // adds the key and the extra headers to requests for the API's
        // origin only, and follows redirects itself.
        let http = match self.http_client.clone() {
            Some(http) => http,
            None => {
                install_tls_provider();
                reqwest::Client::builder()
                    .redirect(reqwest::redirect::Policy::none())
                    .user_agent(self.user_agent.clone())
                    .timeout(self.timeout)
                    .connect_timeout(self.connect_timeout)
                    .build()
                    .map_err(ConfigError::Http)?
            }
        };
        let credentials = Credentials::new(base_url.clone(), headers);
        Ok(Client::from_parts(http, base_url, credentials, self))
    }
}

/// With the `rustls-ring` feature alone, reqwest's rustls has no crypto
/// provider of its own and refuses to build a client without a process
/// default: ring becomes it, unless the application installed one.
#[cfg(all(feature = "rustls-ring", not(feature = "rustls-aws-lc")))]
fn install_tls_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing a race to another thread installing one is fine: there is
        // a provider either way.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// Every other TLS choice brings its own provider.
#[cfg(not(all(feature = "rustls-ring", not(feature = "rustls-aws-lc"))))]
fn install_tls_provider() {}

/// Parses and checks a base URL; the result has no trailing slash.
fn parse_base_url(raw: &str, allow_insecure_http: bool) -> Result<Url, ConfigError> {
    let invalid = |reason: &str| ConfigError::InvalidBaseUrl {
        url: raw.to_owned(),
        reason: reason.to_owned(),
    };
    let mut url = Url::parse(raw.trim()).map_err(|error| invalid(&error.to_string()))?;
    match url.scheme() {
        "https" => {}
        "http" if allow_insecure_http || is_loopback(&url) => {}
        "http" => {
            return Err(ConfigError::InsecureBaseUrl {
                url: raw.to_owned(),
            });
        }
        _ => {
            return Err(invalid(
                "the scheme must be https (or http for a loopback host)",
            ));
        }
    }
    if url.host().is_none() {
        return Err(invalid("it has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it must not have a query or a fragment"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("it must not carry credentials; use the API key"));
    }
    let path = url.path().trim_end_matches('/').to_owned();
    url.set_path(&path);
    Ok(url)
}

/// `localhost`, `127.0.0.0/8` or `::1`: traffic that never leaves the machine.
fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    /// Whichever TLS feature is on (`.ci/features.sh` runs this with each),
    /// an https client builds: with `rustls-ring` alone, reqwest would
    /// refuse (panic) without the provider the builder installs.
    #[test]
    fn an_https_client_builds_with_the_tls_feature_chosen() {
        let client = ClientBuilder::default()
            .api_key("llx-test")
            .base_url("https://api.cloud.llamaindex.ai")
            .build();
        assert!(client.is_ok(), "{client:?}");
    }

    #[test]
    fn a_given_http_client_is_used_as_it_is() {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let builder = ClientBuilder::default()
            .api_key("llx-test")
            .http_client(http);
        assert!(format!("{builder:?}").contains("http_client: true"));
        assert!(builder.build().is_ok());
    }

    #[test]
    fn the_project_and_organization_come_from_the_environment_and_are_checked() {
        let builder = ClientBuilder::from_lookup(env(&[
            ("LLAMA_CLOUD_API_KEY", "llx-k"),
            (
                "LLAMA_CLOUD_PROJECT_ID",
                "7e2f0c9a-1b2c-4d3e-8f40-123456789abc",
            ),
        ]));
        assert_eq!(
            builder.project_id.map(|id| id.to_string()).as_deref(),
            Some("7e2f0c9a-1b2c-4d3e-8f40-123456789abc")
        );
        let error = ClientBuilder::from_lookup(env(&[
            ("LLAMA_CLOUD_API_KEY", "llx-k"),
            ("LLAMA_CLOUD_ORGANIZATION_ID", "my-org"),
        ]))
        .build()
        .unwrap_err();
        let shown = error.to_string();
        assert!(
            shown.starts_with("LLAMA_CLOUD_ORGANIZATION_ID=\"my-org\" is not valid"),
            "{shown}"
        );
    }

    #[test]
    fn from_env_reads_key_and_base_url() {
        let builder = ClientBuilder::from_lookup(env(&[
            (API_KEY_ENV, "llx-env"),
            (BASE_URL_ENV, "http://127.0.0.1:9"),
        ]));
        let client = builder.build().unwrap();
        assert_eq!(client.base_url().as_str(), "http://127.0.0.1:9/");
    }

    #[test]
    fn from_env_reads_the_official_fallbacks_and_custom_headers() {
        let builder = ClientBuilder::from_lookup(env(&[
            (PARSE_API_KEY_ENV, "llx-parse"),
            (CUSTOM_HEADERS_ENV, "x-team: extraction\n\nx-env:  staging "),
        ]));
        assert_eq!(builder.api_key.as_deref(), Some("llx-parse"));
        assert_eq!(
            builder.default_headers,
            [
                ("x-team".to_owned(), "extraction".to_owned()),
                ("x-env".to_owned(), "staging".to_owned())
            ]
        );
        let preferred = ClientBuilder::from_lookup(env(&[
            (API_KEY_ENV, "llx-cloud"),
            (PARSE_API_KEY_ENV, "llx-parse"),
        ]));
        assert_eq!(preferred.api_key.as_deref(), Some("llx-cloud"));

        let error = ClientBuilder::from_lookup(env(&[
            (API_KEY_ENV, "k"),
            (CUSTOM_HEADERS_ENV, "x-ok: 1\nsecret-without-colon"),
        ]))
        .build()
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "LLAMA_CLOUD_CUSTOM_HEADERS line 2 is not `Name: value`"
        );
    }

    #[test]
    fn missing_key_is_an_error_at_construction() {
        let error = ClientBuilder::from_lookup(env(&[])).build().unwrap_err();
        assert!(
            matches!(error, Error::Config(ConfigError::MissingApiKey)),
            "{error:?}"
        );
        let error = ClientBuilder::from_lookup(env(&[(API_KEY_ENV, "")]))
            .build()
            .unwrap_err();
        assert!(
            matches!(error, Error::Config(ConfigError::EmptyApiKey)),
            "{error:?}"
        );
    }

    #[test]
    fn default_base_url_is_the_public_api() {
        let client = ClientBuilder::default().api_key("k").build().unwrap();
        assert_eq!(
            client.base_url().as_str(),
            "https://api.cloud.llamaindex.ai/"
        );
    }

    #[test]
    fn base_urls_are_checked() {
        let ok = |raw| parse_base_url(raw, false).map(|u| u.to_string());
        assert_eq!(
            ok("https://example.com/prefix/").unwrap(),
            "https://example.com/prefix"
        );
        assert_eq!(
            ok("http://localhost:8080").unwrap(),
            "http://localhost:8080/"
        );
        assert_eq!(ok("http://[::1]:8080").unwrap(), "http://[::1]:8080/");
        assert!(matches!(
            ok("http://example.com"),
            Err(ConfigError::InsecureBaseUrl { .. })
        ));
        assert!(parse_base_url("http://example.com", true).is_ok());
        for bad in [
            "ftp://example.com",
            "not a url",
            "https://u:p@example.com",
            "https://e.com/?q=1",
        ] {
            assert!(
                matches!(ok(bad), Err(ConfigError::InvalidBaseUrl { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn bad_default_headers_are_refused_at_build() {
        let error = ClientBuilder::default()
            .api_key("k")
            .default_header("bad header", "v")
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("bad header"), "{error}");
    }
}
