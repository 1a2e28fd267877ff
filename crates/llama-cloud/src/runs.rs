//! Extraction runs: [`Runs`], from `client.extraction().runs()`.

use futures::{Stream, TryStreamExt as _, stream};
use std::future::Future;

use http::Method;

use crate::call::Operation;
use crate::client::Client;
use crate::error::Error;
use crate::ids::{ExtractionAgentId, JobId, RunId};
use crate::models::ExtractRun;

const RUN: &str = "/api/v1/extraction/runs/{run_id}";
const LIST: Operation = Operation::new(
    Method::GET,
    "/api/v1/extraction/runs",
    "PaginatedExtractRunsResponse",
);
const GET: Operation = Operation::new(Method::GET, RUN, "ExtractRun");
const BY_JOB: Operation = Operation::new(
    Method::GET,
    "/api/v1/extraction/runs/by-job/{job_id}",
    "ExtractRun",
);
const DELETE: Operation = Operation::new(Method::DELETE, RUN, "any JSON value");
const LATEST_FROM_UI: Operation = Operation::new(
    Method::GET,
    "/api/v1/extraction/runs/latest-from-ui",
    "an ExtractRun or null",
);

/// How many runs one page request of [`Runs::list`] asks for. The API sets
/// no upper bound; 100 keeps each page's body small while a long listing
/// takes few requests.
pub const RUNS_PAGE_SIZE: u32 = 100;

/// Extraction runs: the official clients' `client.extraction.runs`.
#[derive(Debug, Clone)]
pub struct Runs {
    client: Client,
}

/// One page of runs, from [`Runs::list_page`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RunsPage {
    /// The runs on this page.
    pub items: Vec<ExtractRun>,
    /// How many runs come before this page: the `skip` asked for.
    pub skip: u64,
    /// How many runs there are in all.
    pub total: u64,
}

impl RunsPage {
    /// Where the next page starts, or `None` after the last page.
    pub fn next_skip(&self) -> Option<u64> {
        // Counted from the skip asked for, not the one the server echoes, and
        // an empty page ends the listing whatever `total` says: a server that
        // miscounts cannot make a listing loop forever or overflow.
        let next = self.skip.checked_add(self.items.len() as u64)?;
        (!self.items.is_empty() && next < self.total).then_some(next)
    }
}

impl Runs {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// Every run of an agent, newest first, fetched a page at a time as the
    /// stream is read: `GET /api/v1/extraction/runs`.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client, agent: llama_cloud::ExtractionAgentId) -> Result<(), llama_cloud::Error> {
    /// use futures::TryStreamExt as _;
    ///
    /// let runs = client.extraction().runs().list(agent);
    /// futures::pin_mut!(runs);
    /// while let Some(run) = runs.try_next().await? {
    ///     println!("{} {}", run.id, run.status);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// The stream yields the errors of the calls it makes: [`Error::Api`]
    /// for an error status ([`Error::is_not_found`] for an unknown id),
    /// [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn list(
        &self,
        extraction_agent_id: ExtractionAgentId,
    ) -> impl Stream<Item = Result<ExtractRun, Error>> + Send + use<> {
        let client = self.client.clone();
        stream::try_unfold(Some(0u64), move |skip| {
            let client = client.clone();
            async move {
                let Some(skip) = skip else {
                    return Ok::<_, Error>(None);
                };
                let page = Runs::new(client.clone())
                    .list_page(extraction_agent_id, skip, RUNS_PAGE_SIZE)
                    .await?;
                let next = page.next_skip();
                Ok(Some((stream::iter(page.items.into_iter().map(Ok)), next)))
            }
        })
        .try_flatten()
    }

    /// One page of an agent's runs: `skip` runs in, at most `limit` (at
    /// least 1; the API sets no upper bound) long.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a `limit` of 0, before any request;
    /// [`Error::Api`] with 404 for an unknown agent, and the transport errors
    /// every call can return.
    pub fn list_page(
        &self,
        extraction_agent_id: ExtractionAgentId,
        skip: u64,
        limit: u32,
    ) -> impl Future<Output = Result<RunsPage, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            if limit == 0 {
                return Err(crate::InvalidInput::new(
                    "limit",
                    limit.to_string(),
                    "a page size of at least 1",
                )
                .into());
            }
            let call = this
                .client
                .inner
                .api
                .list_extraction_runs()
                .extraction_agent_id(extraction_agent_id)
                .skip(i64::try_from(skip).unwrap_or(i64::MAX))
                .limit(i64::from(limit))
                .send();
            let page = this.client.call(LIST, call).await?.into_body();
            Ok(RunsPage {
                items: page.items,
                skip,
                // A negative count from the server counts as none.
                total: u64::try_from(page.total).unwrap_or(0),
            })
        }
    }

    /// Gets a run: `GET /api/v1/extraction/runs/{run_id}`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn get(
        &self,
        run_id: RunId,
    ) -> impl Future<Output = Result<ExtractRun, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = this
                .client
                .inner
                .api
                .get_extraction_run()
                .run_id(run_id)
                .send();
            let run = this.client.call(GET, call).await?.into_body();
            GET.check_id("run", &run_id, &run.id)?;
            Ok(run)
        }
    }

    /// The latest run of an agent started from the web UI, if there is
    /// one: `GET /api/v1/extraction/runs/latest-from-ui`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn latest_from_ui(
        &self,
        extraction_agent_id: ExtractionAgentId,
    ) -> impl Future<Output = Result<Option<ExtractRun>, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = this
                .client
                .inner
                .api
                .get_latest_run_from_ui()
                .extraction_agent_id(extraction_agent_id)
                .send();
            let run = this.client.call(LATEST_FROM_UI, call).await?.into_body();
            if let Some(run) = &run {
                LATEST_FROM_UI.check_id(
                    "extraction agent",
                    &extraction_agent_id,
                    &run.extraction_agent_id,
                )?;
            }
            Ok(run)
        }
    }

    /// The run of a job: `GET /api/v1/extraction/runs/by-job/{job_id}`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn by_job(
        &self,
        job_id: JobId,
    ) -> impl Future<Output = Result<ExtractRun, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = this
                .client
                .inner
                .api
                .get_extraction_run_by_job()
                .job_id(job_id)
                .send();
            let run = this.client.call(BY_JOB, call).await?.into_body();
            if let Some(run_job) = &run.job_id {
                BY_JOB.check_id("job", &job_id, run_job)?;
            }
            Ok(run)
        }
    }

    /// Deletes a run: `DELETE /api/v1/extraction/runs/{run_id}`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn delete(&self, run_id: RunId) -> impl Future<Output = Result<(), Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = this
                .client
                .inner
                .api
                .delete_extraction_run()
                .run_id(run_id)
                .send();
            crate::call::ignoring_body(this.client.call(DELETE, call).await)
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::RunsPage;
    use crate::ExtractRun;

    fn runs(n: usize) -> Vec<ExtractRun> {
        let run: ExtractRun = serde_json::from_value(json!({
            "id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
            "config": {},
            "data_schema": {},
            "extraction_agent_id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
            "from_ui": false,
            "project_id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
            "status": "SUCCESS"
        }))
        .unwrap();
        vec![run; n]
    }

    #[test]
    fn the_next_page_is_counted_from_the_skip_asked_for() {
        let page = |skip, n, total| RunsPage {
            items: runs(n),
            skip,
            total,
        };
        assert_eq!(page(0, 100, 250).next_skip(), Some(100));
        assert_eq!(page(200, 50, 250).next_skip(), None);
        // A server that miscounts: an empty page ends the listing.
        assert_eq!(page(100, 0, 250).next_skip(), None);
        // No overflow, whatever the numbers.
        assert_eq!(page(u64::MAX, 1, u64::MAX).next_skip(), None);
    }
}
