//! Files: [`Files`], from `client.files()`.

use crate::client::Client;
use crate::error::Error;
use crate::ids::{OrganizationId, ProjectId};
use crate::models::{FilePurpose, UploadedFile};
use crate::response::ApiResponse;
use crate::setters::scope_setters;
use crate::transport::{FormValue, Request};
use crate::upload::FileUpload;
use std::future::Future;

const FILES: &str = "/api/v1/beta/files";

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
