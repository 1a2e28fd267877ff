//! [`StatelessRun`]: a one-off extraction's inputs, checked before sending.

use base64::Engine as _;
use bytes::Bytes;
use llama_cloud_api::types::{ExtractStatelessRequest, FileData};

use crate::error::{Error, InvalidInput};
use crate::ids::{FileId, OrganizationId, ProjectId};
use crate::models::{DataSchema, ExtractConfig, WebhookConfiguration};
use crate::setters::scope_setters;

/// A one-off extraction: a configuration, a schema, and exactly one source
/// (an uploaded file's id, text, or a file sent inline). Built with
/// [`StatelessRun::builder`]; run with
/// [`Extraction::run`](crate::Extraction::run).
#[derive(Debug, Clone)]
pub struct StatelessRun {
    /// The generated request body.
    pub(crate) body: ExtractStatelessRequest,
    pub(crate) project_id: Option<ProjectId>,
    pub(crate) organization_id: Option<OrganizationId>,
}

impl StatelessRun {
    /// A builder with nothing set.
    pub fn builder() -> StatelessRunBuilder {
        StatelessRunBuilder::default()
    }
}

/// Builds a [`StatelessRun`]; [`build`](Self::build) refuses a run without a
/// config or schema, and one with no source or more than one.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct StatelessRunBuilder {
    config: Option<ExtractConfig>,
    data_schema: Option<DataSchema>,
    file_id: Option<FileId>,
    text: Option<String>,
    file: Option<(Bytes, String)>,
    webhooks: Vec<WebhookConfiguration>,
    project_id: Option<ProjectId>,
    organization_id: Option<OrganizationId>,
}

impl StatelessRunBuilder {
    /// The extraction configuration (required).
    pub fn config(mut self, config: ExtractConfig) -> Self {
        self.config = Some(config);
        self
    }

    /// The schema of the data to extract (required).
    pub fn data_schema(mut self, schema: DataSchema) -> Self {
        self.data_schema = Some(schema);
        self
    }

    /// Source: a file already uploaded.
    pub fn file_id(mut self, file_id: FileId) -> Self {
        self.file_id = Some(file_id);
        self
    }

    /// Source: text.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// Source: a file sent inline (base64-encoded for you), with its MIME
    /// type, such as `application/pdf`.
    pub fn file(mut self, bytes: impl Into<Bytes>, mime_type: impl Into<String>) -> Self {
        self.file = Some((bytes.into(), mime_type.into()));
        self
    }

    /// A webhook to call as the job's status changes; call again for more.
    pub fn webhook(mut self, webhook: impl Into<WebhookConfiguration>) -> Self {
        self.webhooks.push(webhook.into());
        self
    }

    scope_setters!("run in");

    /// Checks the run: a config and a schema, and exactly one source.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming the field: no configuration or no
    /// schema, none or more than one of a file id, a text and a file, or a
    /// configuration that breaks a rule.
    pub fn build(self) -> Result<StatelessRun, Error> {
        let config = self
            .config
            .ok_or_else(|| InvalidInput::new("config", "", "a stateless run needs a config"))?;
        crate::models::validate_config(&config)?;
        let data_schema = self.data_schema.ok_or_else(|| {
            InvalidInput::new("data_schema", "", "a stateless run needs a data schema")
        })?;
        let given: Vec<&str> = [
            self.file_id.is_some().then_some("file_id"),
            self.text.is_some().then_some("text"),
            self.file.is_some().then_some("file"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if given.len() != 1 {
            return Err(InvalidInput::new(
                "source",
                if given.is_empty() {
                    "none".to_owned()
                } else {
                    given.join(", ")
                },
                "give exactly one of file_id, text or file",
            )
            .into());
        }
        let file = self.file.map(|(bytes, mime_type)| {
            FileData::builder()
                .data(base64::engine::general_purpose::STANDARD.encode(&bytes))
                .mime_type(mime_type)
        });
        let file = file
            .map(FileData::try_from)
            .transpose()
            .map_err(|error| InvalidInput::new("file", "", error.to_string()))?;
        let webhooks = (!self.webhooks.is_empty()).then_some(self.webhooks);
        let body = ExtractStatelessRequest::builder()
            .config(config)
            .data_schema(data_schema)
            .file_id(self.file_id)
            .text(self.text)
            .file(file)
            .webhook_configurations(webhooks);
        let body = ExtractStatelessRequest::try_from(body)
            .map_err(|error| InvalidInput::new("request body", "", error.to_string()))?;
        Ok(StatelessRun {
            body,
            project_id: self.project_id,
            organization_id: self.organization_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::StatelessRun;
    use crate::{DataSchema, Error, ExtractConfig};

    fn schema() -> DataSchema {
        DataSchema::from_value(json!({"type": "object"})).unwrap()
    }

    #[test]
    fn exactly_one_source_is_required() {
        let base = || {
            StatelessRun::builder()
                .config(ExtractConfig::default())
                .data_schema(schema())
        };
        let none = base().build().unwrap_err();
        let several = base()
            .text("a")
            .file_id("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".parse().unwrap())
            .build()
            .unwrap_err();
        for (error, value) in [(none, "none"), (several, "file_id, text")] {
            let Error::InvalidInput(input) = &error else {
                panic!("{error:?}")
            };
            assert_eq!((input.field(), input.value()), ("source", value));
        }
    }

    #[test]
    fn an_inline_file_is_base64_encoded() {
        let run = StatelessRun::builder()
            .config(ExtractConfig::default())
            .data_schema(schema())
            .file(&b"hello"[..], "text/plain")
            .build()
            .unwrap();
        assert_eq!(
            serde_json::to_value(&run.body).unwrap(),
            json!({
                "config": serde_json::to_value(ExtractConfig::default()).unwrap(),
                "data_schema": {"type": "object"},
                "file": {"data": "aGVsbG8=", "mime_type": "text/plain"}
            })
        );
    }
}
