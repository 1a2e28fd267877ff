//! Files: [`Files`], from `client.files()`; the download of their content
//! is in `download.rs`.

mod download;

pub use download::DOWNLOAD_RANGE_BYTES;

use futures::Stream;
use http::Method;
use std::future::Future;

use crate::call::{Operation, ignoring_body};
use crate::client::Client;
use crate::error::Error;
use crate::ids::{FileId, OrganizationId, ProjectId};
use crate::models::{FilePurpose, UploadedFile};
use crate::paging::paged;
use crate::response::ApiResponse;
use crate::setters::{scope_setters, with_scope};
use crate::transport::{FormValue, Request};
use crate::upload::FileUpload;

const FILES: &str = "/api/v1/beta/files";
const FILE: &str = "/api/v1/beta/files/{file_id}";
const LIST: Operation = Operation::new(Method::GET, FILES, "FileQueryResponseV2");
const GET: Operation = Operation::new(Method::GET, FILE, "FileV2");
const DELETE: Operation = Operation::new(Method::DELETE, FILE, "no body");
const CONTENT: Operation = Operation::new(
    Method::GET,
    "/api/v1/beta/files/{file_id}/content",
    "PresignedUrl",
);
const QUERY: Operation = Operation::new(
    Method::POST,
    "/api/v1/beta/files/query",
    "FileQueryResponseV2",
);

/// Which files a [`FileQuery`] keeps.
pub use llama_cloud_api::types::FileFilter;
/// What [`Files::query`] selects: the generated `FileQueryRequest` (a
/// filter, an order, a page size; build it with `FileQuery::builder()`).
pub use llama_cloud_api::types::FileQueryRequest as FileQuery;
/// A page of files, as [`Files::list_page`] gives it.
pub use llama_cloud_api::types::FileQueryResponseV2 as FilesPage;
/// A presigned URL for a file's content, as [`Files::content_url`] gives it.
pub use llama_cloud_api::types::PresignedUrl;

/// Files stored in LlamaCloud, from [`Client::files`].
#[derive(Debug, Clone)]
pub struct Files {
    client: Client,
}

impl Files {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// Uploads a file for `purpose` (use [`FilePurpose::Extract`] for
    /// extraction jobs): `POST /api/v1/beta/files`, multipart. The file name
    /// and content type are sent with it.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client) -> Result<(), llama_cloud::Error> {
    /// use llama_cloud::{FilePurpose, FileUpload};
    ///
    /// let file = client
    ///     .files()
    ///     .upload(FileUpload::from_path("invoice.pdf").await?, FilePurpose::Extract)
    ///     .await?;
    /// println!("uploaded {} as {}", file.name.as_str(), file.id);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn upload(
        &self,
        file: FileUpload,
        purpose: FilePurpose,
    ) -> impl Future<Output = Result<UploadedFile, Error>> + Send + use<> {
        let this = self.clone();
        async move { this.upload_with(UploadFile::new(file, purpose)).await }
    }

    /// Every file that `filter` admits, oldest first, as a stream that
    /// fetches `GET /api/v1/beta/files` a page at a time (following each
    /// page's `next_page_token`) as it is read; a page that repeats the
    /// token it was fetched with ends it. Dropping the stream stops
    /// the fetching.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client) -> Result<(), llama_cloud::Error> {
    /// use futures::TryStreamExt as _;
    /// use llama_cloud::ListFiles;
    ///
    /// let files: Vec<_> = client.files().list(ListFiles::new()).try_collect().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn list(
        &self,
        filter: ListFiles,
    ) -> impl Stream<Item = Result<UploadedFile, Error>> + Send + use<> {
        let files = self.clone();
        paged(move |token| {
            let page = files.list_page(filter.clone(), token);
            async move { page.await.map(|page| (page.items, page.next_page_token)) }
        })
    }

    /// One page of files: `GET /api/v1/beta/files`, from `page_token` (the
    /// `next_page_token` of the page before; `None` for the first).
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn list_page(
        &self,
        filter: ListFiles,
        page_token: Option<String>,
    ) -> impl Future<Output = Result<FilesPage, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let mut call = with_scope!(
                this.client.inner.api.list_files(),
                filter.project_id,
                filter.organization_id
            );
            if let Some(size) = filter
                .page_size
                .and_then(|size| std::num::NonZeroU64::new(u64::from(size)))
            {
                call = call.page_size(size);
            }
            if let Some(token) = page_token {
                call = call.page_token(token);
            }
            if let Some(name) = filter.file_name {
                call = call.file_name(name);
            }
            if let Some(external) = filter.external_file_id {
                call = call.external_file_id(external);
            }
            if !filter.file_ids.is_empty() {
                let ids: Vec<uuid::Uuid> = filter.file_ids.iter().map(|id| *id.as_uuid()).collect();
                call = call.file_ids(ids);
            }
            this.client
                .call(LIST, call.send())
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// Every file `query` selects, as a stream that fetches
    /// `POST /api/v1/beta/files/query` a page at a time from the query's own
    /// `page_token` (none: the first page) as it is read. Deprecated
    /// upstream in favour of `GET /files` ([`list`](Self::list)), and kept so.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use futures::TryStreamExt as _;
    /// use llama_cloud::files::{FileFilter, FileQuery};
    ///
    /// let query = FileQuery::builder()
    ///     .filter(Some(FileFilter::builder().file_name(Some("invoice.pdf".to_owned())).try_into()?))
    ///     .order_by(Some("created_at desc".to_owned()))
    ///     .try_into()?;
    /// # #[allow(deprecated)]
    /// let files: Vec<_> = client.files().query(query).try_collect().await?;
    /// # Ok(())
    /// # }
    /// ```
    #[deprecated(note = "deprecated upstream: use `Files::list`")]
    pub fn query(
        &self,
        query: FileQuery,
    ) -> impl Stream<Item = Result<UploadedFile, Error>> + Send + use<> {
        let files = self.clone();
        let first = query.page_token.clone();
        paged(move |token| {
            let mut page = query.clone();
            page.page_token = token.or_else(|| first.clone());
            #[allow(deprecated)]
            let page = files.query_page(page);
            async move { page.await.map(|page| (page.items, page.next_page_token)) }
        })
    }

    /// One page of [`query`](Self::query): `POST /api/v1/beta/files/query`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status, [`Error::Decode`] for a body that
    /// is not the documented shape, and the transport errors every call can
    /// return ([`Error::Timeout`], [`Error::DeadlineExceeded`],
    /// [`Error::Connection`], [`Error::ResponseBody`], [`Error::Protocol`],
    /// [`Error::Redirect`], [`Error::BodyTooLarge`]).
    #[deprecated(note = "deprecated upstream: use `Files::list_page`")]
    pub fn query_page(
        &self,
        query: FileQuery,
    ) -> impl Future<Output = Result<FilesPage, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            #[allow(deprecated)]
            let call = this.client.inner.api.query_files().body(query);
            this.client
                .call(QUERY, call.send())
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// A file's metadata: `GET /api/v1/beta/files/{file_id}`.
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
        file_id: FileId,
    ) -> impl Future<Output = Result<UploadedFile, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = this.client.inner.api.get_file().file_id(file_id).send();
            let file = this.client.call(GET, call).await?.into_body();
            GET.check_id("file", &file_id, &file.id.v1())?;
            Ok(file)
        }
    }

    /// Deletes a file: `DELETE /api/v1/beta/files/{file_id}`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn delete(
        &self,
        file_id: FileId,
    ) -> impl Future<Output = Result<(), Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = this.client.inner.api.delete_file().file_id(file_id).send();
            ignoring_body(this.client.call(DELETE, call).await)
        }
    }

    /// A presigned URL to read a file's content from:
    /// `GET /api/v1/beta/files/{file_id}/content`.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn content_url(
        &self,
        file_id: FileId,
    ) -> impl Future<Output = Result<PresignedUrl, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let call = this
                .client
                .inner
                .api
                .read_file_content()
                .file_id(file_id)
                .send();
            this.client
                .call(CONTENT, call)
                .await
                .map(ApiResponse::into_body)
        }
    }

    /// [`upload`](Self::upload) with every option.
    ///
    /// # Errors
    ///
    /// [`Error::Api`] for an error status ([`Error::is_not_found`] for an unknown
    /// id), [`Error::Decode`] for a body that is not the documented shape,
    /// [`Error::InvalidInput`] for an input refused before sending, and the
    /// transport errors every call can return ([`Error::Timeout`],
    /// [`Error::DeadlineExceeded`], [`Error::Connection`], [`Error::ResponseBody`],
    /// [`Error::Protocol`], [`Error::Redirect`], [`Error::BodyTooLarge`]).
    pub fn upload_with(
        &self,
        upload: UploadFile,
    ) -> impl Future<Output = Result<UploadedFile, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let mut fields = vec![
                ("file", FormValue::File(upload.file)),
                ("purpose", FormValue::Text(upload.purpose.to_string())),
            ];
            if let Some(external) = upload.external_file_id {
                fields.push(("external_file_id", FormValue::Text(external)));
            }
            let request = Request::new(http::Method::POST, FILES, FILES.to_owned())
                .query_opt("project_id", upload.project_id)
                .query_opt("organization_id", upload.organization_id)
                .multipart(fields);
            this.client
                .execute_json(request, "FileUploadResponse")
                .await
                .map(ApiResponse::into_body)
        }
    }
}

/// Which files [`Files::list`] and [`Files::list_page`] give: the API key's
/// default project's, all of them, 50 a page, unless narrowed here.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ListFiles {
    page_size: Option<u16>,
    file_ids: Vec<FileId>,
    file_name: Option<String>,
    external_file_id: Option<String>,
    project_id: Option<ProjectId>,
    organization_id: Option<OrganizationId>,
}

impl ListFiles {
    /// Every file of the API key's default project.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many files a page holds: 1 to 1000 (the API's bounds; a value
    /// outside them is clamped to them). Default 50.
    pub fn page_size(mut self, size: u16) -> Self {
        self.page_size = Some(size.clamp(1, 1000));
        self
    }

    /// Only these files.
    pub fn file_ids(mut self, ids: impl IntoIterator<Item = FileId>) -> Self {
        self.file_ids = ids.into_iter().collect();
        self
    }

    /// Only files of this name (exact match).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Only files with this external id.
    pub fn external_file_id(mut self, id: impl Into<String>) -> Self {
        self.external_file_id = Some(id.into());
        self
    }

    scope_setters!("list the files of");
}

/// What [`Files::upload_with`] sends.
#[derive(Debug, Clone)]
#[must_use]
pub struct UploadFile {
    file: FileUpload,
    purpose: FilePurpose,
    external_file_id: Option<String>,
    project_id: Option<ProjectId>,
    organization_id: Option<OrganizationId>,
}

impl UploadFile {
    /// Upload `file` for `purpose`.
    pub fn new(file: FileUpload, purpose: FilePurpose) -> Self {
        Self {
            file,
            purpose,
            external_file_id: None,
            project_id: None,
            organization_id: None,
        }
    }

    /// The file's id in your own system.
    pub fn external_file_id(mut self, id: impl Into<String>) -> Self {
        self.external_file_id = Some(id.into());
        self
    }

    scope_setters!("store it in");
}
