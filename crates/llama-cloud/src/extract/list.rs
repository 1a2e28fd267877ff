//! Listing v2 jobs: [`ListExtractJobs`], `extract().list()` and
//! `extract().list_page()`.

use std::future::Future;

use futures::Stream;
use http::Method;
use llama_cloud_core::{ConfigurationId, DocumentInput, ExtractJobId, Timestamp};

use super::{Expand, Extract, ExtractJobsPage, ExtractV2Job, ExtractV2Status, expand_values};
use crate::call::Operation;
use crate::error::Error;
use crate::ids::{OrganizationId, ProjectId};
use crate::paging::paged;
use crate::response::ApiResponse;
use crate::setters::{scope_setters, with_scope};

const LIST: Operation = Operation::new(Method::GET, super::JOBS, "ExtractV2JobQueryResponse");

/// Which v2 jobs [`Extract::list`] gives: every filter set must match.
///
/// ```
/// use llama_cloud::{ExtractV2Status, ListExtractJobs};
///
/// let failed = ListExtractJobs::new().status(ExtractV2Status::Failed).page_size(100);
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ListExtractJobs {
    status: Option<ExtractV2Status>,
    file_input: Option<DocumentInput>,
    configuration_id: Option<ConfigurationId>,
    job_ids: Vec<ExtractJobId>,
    created_on_or_after: Option<Timestamp>,
    created_on_or_before: Option<Timestamp>,
    expand: Vec<Expand>,
    page_size: Option<u32>,
    project_id: Option<ProjectId>,
    organization_id: Option<OrganizationId>,
}

impl ListExtractJobs {
    /// Every job of the API key's default project.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only jobs in this status.
    pub fn status(mut self, status: ExtractV2Status) -> Self {
        self.status = Some(status);
        self
    }

    /// Only jobs that read this file or parse job.
    pub fn file_input(mut self, input: impl Into<DocumentInput>) -> Self {
        self.file_input = Some(input.into());
        self
    }

    /// Only jobs that ran with this saved configuration.
    pub fn configuration_id(mut self, id: ConfigurationId) -> Self {
        self.configuration_id = Some(id);
        self
    }

    /// Only these jobs.
    pub fn job_ids(mut self, ids: impl IntoIterator<Item = ExtractJobId>) -> Self {
        self.job_ids = ids.into_iter().collect();
        self
    }

    /// Only jobs created at or after this time.
    pub fn created_on_or_after(mut self, at: Timestamp) -> Self {
        self.created_on_or_after = Some(at);
        self
    }

    /// Only jobs created at or before this time.
    pub fn created_on_or_before(mut self, at: Timestamp) -> Self {
        self.created_on_or_before = Some(at);
        self
    }

    /// Fields each job is to include (see [`Expand`]).
    pub fn expand(mut self, expand: &[Expand]) -> Self {
        self.expand = expand.to_vec();
        self
    }

    /// How many jobs a page holds (at least 1; the service's default when
    /// unset).
    pub fn page_size(mut self, size: u32) -> Self {
        self.page_size = Some(size.max(1));
        self
    }

    scope_setters!("list the jobs of");
}

impl Extract {
    /// Every job `filter` admits, as a stream that fetches `GET /api/v2/extract`
    /// a page at a time (following each page's `next_page_token`) as it is
    /// read; a page that repeats the token it was fetched with ends it.
    /// Dropping the stream stops the fetching.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client) -> Result<(), llama_cloud::Error> {
    /// use futures::TryStreamExt as _;
    /// use llama_cloud::ListExtractJobs;
    ///
    /// let jobs: Vec<_> = client.extract().list(ListExtractJobs::new()).try_collect().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn list(
        &self,
        filter: ListExtractJobs,
    ) -> impl Stream<Item = Result<ExtractV2Job, Error>> + Send + use<> {
        let extract = self.clone();
        paged(move |token| {
            let page = extract.list_page(filter.clone(), token);
            async move { page.await.map(|page| (page.items, page.next_page_token)) }
        })
    }

    /// One page of jobs: `GET /api/v2/extract`, from `page_token` (the
    /// `next_page_token` of the page before; `None` for the first).
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status, [`Error::Decode`] for a body that
    /// is not the documented shape, and the transport errors every call can
    /// return ([`Error::Timeout`], [`Error::DeadlineExceeded`],
    /// [`Error::Connection`], [`Error::ResponseBody`], [`Error::Protocol`],
    /// [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn list_page(
        &self,
        filter: ListExtractJobs,
        page_token: Option<String>,
    ) -> impl Future<Output = Result<ExtractJobsPage, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let mut call = with_scope!(
                this.client.inner.api.list_extract_jobs(),
                filter.project_id,
                filter.organization_id
            );
            if let Some(status) = filter.status {
                call = call.status(status);
            }
            if let Some(input) = filter.file_input {
                call = call.file_input(input);
            }
            if let Some(id) = filter.configuration_id {
                call = call.configuration_id(id);
            }
            if !filter.job_ids.is_empty() {
                call = call.job_ids(
                    filter
                        .job_ids
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>(),
                );
            }
            if let Some(at) = filter.created_on_or_after {
                call = call.created_at_on_or_after(at);
            }
            if let Some(at) = filter.created_on_or_before {
                call = call.created_at_on_or_before(at);
            }
            if let Some(expand) = expand_values(&filter.expand) {
                call = call.expand(expand);
            }
            if let Some(size) = filter.page_size {
                call = call.page_size(i64::from(size));
            }
            if let Some(token) = page_token {
                call = call.page_token(token);
            }
            this.client
                .call(LIST, call.send())
                .await
                .map(ApiResponse::into_body)
        }
    }
}
