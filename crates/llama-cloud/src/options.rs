//! [`RequestOptions`]: per-call overrides of the client's settings.

use std::fmt;
use std::time::Duration;

use http::HeaderMap;
use http::header::{HeaderName, HeaderValue};

use crate::error::{ConfigError, Error};
use crate::ids::{OrganizationId, ProjectId};

/// Settings for some calls only: apply them with [`Client::with_options`],
/// which returns a client (sharing the same connection pool) whose calls use
/// them.
///
/// ```
/// use std::time::Duration;
/// use llama_cloud::{Client, RequestOptions};
///
/// # fn run(client: Client) -> Result<(), llama_cloud::Error> {
/// let patient = client.with_options(
///     RequestOptions::new()
///         .timeout(Duration::from_secs(300))
///         .max_retries(5)
///         .header("x-trace-id", "abc123")?,
/// );
/// # Ok(())
/// # }
/// ```
///
/// [`Client::with_options`]: crate::Client::with_options
#[derive(Clone, Default)]
#[must_use]
pub struct RequestOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) deadline: Option<Duration>,
    pub(crate) project_id: Option<ProjectId>,
    pub(crate) organization_id: Option<OrganizationId>,
    pub(crate) headers: HeaderMap,
    pub(crate) extra_query: Vec<(String, String)>,
    pub(crate) extra_body: serde_json::Map<String, serde_json::Value>,
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header names only: a value may be a credential of its own.
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("deadline", &self.deadline)
            .field("project_id", &self.project_id)
            .field("organization_id", &self.organization_id)
            .field("headers", &names)
            .field("extra_query", &self.extra_query)
            .field("extra_body", &self.extra_body.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl RequestOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// How long each attempt may take, instead of the client's timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many times a failed request is retried (`0`: never), instead of
    /// the client's setting.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// The longest each whole call may take, every attempt, redirect and
    /// wait included, instead of the client's
    /// [`deadline`](crate::ClientBuilder::deadline).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The project of every operation that takes a `project_id`, instead
    /// of the client's (a request type's own `project_id` still wins).
    pub fn project_id(mut self, project_id: ProjectId) -> Self {
        self.project_id = Some(project_id);
        self
    }

    /// The organization, likewise.
    pub fn organization_id(mut self, organization_id: OrganizationId) -> Self {
        self.organization_id = Some(organization_id);
        self
    }

    /// A header for each request; it replaces a default header of the same
    /// name. An invalid name or value is refused here.
    ///
    /// # Errors
    ///
    /// [`ConfigError::InvalidHeader`] naming the header, for a name that is
    /// not a header name or a value with characters a header cannot carry.
    pub fn header(mut self, name: &str, value: &str) -> Result<Self, Error> {
        let invalid = |reason: &str| ConfigError::InvalidHeader {
            name: name.to_owned(),
            reason: reason.to_owned(),
        };
        let name = HeaderName::try_from(name).map_err(|_| invalid("not a valid header name"))?;
        let mut value = HeaderValue::try_from(value)
            .map_err(|_| invalid("the value has characters not allowed in a header"))?;
        // A per-call header may be a credential: never shown by `Debug`.
        value.set_sensitive(true);
        self.headers.append(name, value);
        Ok(self)
    }

    /// Adds the query parameter `name=value` to the requests, replacing one
    /// of the same name: the official clients' `extra_query`, for a
    /// parameter the API accepts and this version does not know yet.
    pub fn extra_query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        self.extra_query.retain(|(existing, _)| *existing != name);
        self.extra_query.push((name, value.into()));
        self
    }

    /// Adds the field `name` to the JSON body of the requests that send one,
    /// replacing a field of the same name: the official clients'
    /// `extra_body`. Requests without a JSON object body (reads, uploads)
    /// are sent as they are.
    pub fn extra_body(mut self, name: impl Into<String>, value: serde_json::Value) -> Self {
        self.extra_body.insert(name.into(), value);
        self
    }

    /// These options as the runtime applies them.
    pub(crate) fn overrides(&self) -> llama_cloud_core::Overrides {
        let mut overrides = llama_cloud_core::Overrides::default();
        overrides.timeout = self.timeout;
        overrides.max_retries = self.max_retries;
        overrides.deadline = self.deadline;
        overrides.project_id = self.project_id;
        overrides.organization_id = self.organization_id;
        overrides.headers = self.headers.clone();
        overrides.extra_query = self.extra_query.clone();
        overrides.extra_body = self.extra_body.clone();
        overrides
    }

    /// These options, with `other`'s set values taking precedence (a header
    /// `other` sets replaces one of the same name here).
    pub(crate) fn merged(&self, other: &RequestOptions) -> RequestOptions {
        let mut headers = self.headers.clone();
        for name in other.headers.keys() {
            headers.remove(name);
        }
        for (name, value) in &other.headers {
            headers.append(name, value.clone());
        }
        let mut extra_query = self.extra_query.clone();
        extra_query.retain(|(name, _)| !other.extra_query.iter().any(|(theirs, _)| theirs == name));
        extra_query.extend(other.extra_query.iter().cloned());
        let mut extra_body = self.extra_body.clone();
        extra_body.extend(other.extra_body.clone());
        RequestOptions {
            extra_query,
            extra_body,
            timeout: other.timeout.or(self.timeout),
            max_retries: other.max_retries.or(self.max_retries),
            deadline: other.deadline.or(self.deadline),
            project_id: other.project_id.or(self.project_id),
            organization_id: other.organization_id.or(self.organization_id),
            headers,
        }
    }
}
