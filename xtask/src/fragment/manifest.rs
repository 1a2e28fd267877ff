//! The manifest `openapi/fragment.toml`: which upstream operations make up
//! the fragment, under which operationIds; the name of every schema the
//! fragment holds; which path prefixes it covers (and which operations under
//! them it leaves out, and why); and what the fragment adds that the upstream
//! does not declare (its own `info`, the non-422 error responses, the seed
//! overlay).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use anyhow::{Context as _, bail};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::spec::METHODS;

/// The manifest, checked: every operation has one way to be found, and every
/// error status it documents has a description.
#[derive(Debug)]
pub struct Manifest {
    /// Keys that replace the upstream's `info` keys (`version` is the
    /// upstream's: it is the API version the client is generated for).
    pub info: Map<String, Value>,
    /// The error body schema, when the manifest documents error responses.
    pub error_body: Option<ErrorBody>,
    /// The operations, in manifest order.
    pub operations: Vec<Operation>,
    /// Every schema of the fragment: its name in the fragment (and so in
    /// Rust) to where it comes from upstream.
    pub schemas: BTreeMap<String, SchemaSource>,
    /// The path prefixes the fragment covers: an upstream operation under
    /// one of them that is neither an operation nor skipped is reported.
    pub prefixes: Vec<String>,
    /// Upstream operations under the prefixes that the fragment leaves out,
    /// each with the reason.
    pub skipped: Vec<Skipped>,
    /// What the seed page documents and the upstream does not say.
    pub seed: Vec<SeedEntry>,
    /// Unions cut down to the members the SDK covers.
    pub narrow: Vec<Narrowing>,
}

/// A union property cut down to some of its members, before the selection:
/// the members left out (and what only they reference) stay out of the
/// fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrowing {
    /// The upstream component schema holding the property.
    pub schema: String,
    /// The property whose `oneOf` / `anyOf` is cut down.
    pub property: String,
    /// The upstream schema names of the members kept, in the union's order.
    pub keep: Vec<String>,
    /// Why the other members are left out.
    pub why: String,
}

/// Where a fragment schema comes from in the upstream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaSource {
    /// A component schema, by its upstream name.
    Component(String),
    /// An inline property schema hoisted into a named one: the upstream
    /// schema's name and the property.
    Property {
        /// The upstream component schema holding the property.
        schema: String,
        /// The property whose inline schema is hoisted.
        property: String,
    },
}

impl fmt::Display for SchemaSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Component(name) => write!(f, "{name}"),
            Self::Property { schema, property } => write!(f, "{schema}.{property}"),
        }
    }
}

/// An upstream operation the fragment deliberately leaves out.
#[derive(Debug)]
pub struct Skipped {
    /// Which operation.
    pub selector: Selector,
    /// Why it is left out.
    pub why: String,
}

/// One entry of the seed overlay: a change to a schema (or one of its
/// properties), or an example response, with the reason.
#[derive(Debug)]
pub struct SeedEntry {
    /// What the entry changes.
    pub change: SeedChange,
    /// Why the fragment says more than the upstream here.
    pub why: String,
}

/// What a seed entry changes, in the converted (3.0) fragment.
#[derive(Debug)]
pub enum SeedChange {
    /// Set keys on a fragment schema, or on one of its properties.
    Set {
        /// The fragment schema's name.
        schema: String,
        /// The property, when the keys go on a property.
        property: Option<String>,
        /// The keys and their values.
        keys: Map<String, Value>,
    },
    /// Add values to a fragment schema's enum (those it lacks, at the end).
    AddEnum {
        /// The fragment schema's name.
        schema: String,
        /// The values.
        values: Vec<String>,
    },
    /// Give an operation's JSON response an example, read from a file.
    Example {
        /// The operation, by its fragment operationId.
        operation: String,
        /// The response status.
        status: String,
        /// The example's JSON file, relative to the workspace root.
        file: String,
    },
}

/// The body schema of the error responses the manifest documents.
#[derive(Debug)]
pub struct ErrorBody {
    /// The component schema name, such as `ErrorDetail`.
    pub name: String,
    /// The schema, in OpenAPI 3.0 form.
    pub schema: Value,
}

/// One operation of the fragment.
#[derive(Debug)]
pub struct Operation {
    /// How to find it in the upstream.
    pub selector: Selector,
    /// Its operationId in the fragment; the upstream's when `None`.
    pub operation_id: Option<String>,
    /// The error responses to document when the upstream has none for the
    /// status: status code to description.
    pub errors: BTreeMap<String, String>,
}

/// How an operation is found in the upstream document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Selector {
    /// By method (lower case) and path.
    Location {
        /// `get`, `post`, ...
        method: String,
        /// The path template, such as `/api/v1/extraction/jobs/{job_id}`.
        path: String,
    },
    /// By the upstream operationId.
    UpstreamId(String),
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Location { method, path } => write!(f, "{} {path}", method.to_uppercase()),
            Self::UpstreamId(id) => write!(f, "upstream operationId `{id}`"),
        }
    }
}

/// The file as written; [`Manifest::parse`] checks it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    info: Map<String, Value>,
    errors: Option<ErrorsSection>,
    #[serde(rename = "operation", default)]
    operations: Vec<OperationEntry>,
    #[serde(default)]
    schemas: BTreeMap<String, String>,
    #[serde(default)]
    prefixes: Vec<String>,
    #[serde(default)]
    skip: Vec<SkipEntry>,
    #[serde(default)]
    seed: Vec<SeedFileEntry>,
    #[serde(default)]
    narrow: Vec<NarrowEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NarrowEntry {
    schema: String,
    property: String,
    keep: Vec<String>,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SkipEntry {
    method: String,
    path: String,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedFileEntry {
    schema: Option<String>,
    property: Option<String>,
    set: Option<Map<String, Value>>,
    add_enum: Option<Vec<String>>,
    operation: Option<String>,
    status: Option<String>,
    example_file: Option<String>,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorsSection {
    schema_name: String,
    schema: Value,
    #[serde(default)]
    every_operation: Vec<String>,
    #[serde(default)]
    descriptions: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OperationEntry {
    method: Option<String>,
    path: Option<String>,
    upstream_id: Option<String>,
    operation_id: Option<String>,
    #[serde(default)]
    errors: Vec<String>,
    #[serde(default)]
    error_descriptions: BTreeMap<String, String>,
}

impl Manifest {
    /// Parses and checks a manifest.
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let file: File = toml::from_str(text).context("the manifest is not valid")?;
        if file.info.contains_key("version") {
            bail!("[info] may not set `version`: the fragment keeps the upstream's API version");
        }
        let (error_body, every_operation, descriptions) = match file.errors {
            Some(errors) => (
                Some(ErrorBody {
                    name: errors.schema_name,
                    schema: errors.schema,
                }),
                errors.every_operation,
                errors.descriptions,
            ),
            None => (None, Vec::new(), BTreeMap::new()),
        };
        let mut selectors = BTreeSet::new();
        let mut operation_ids = BTreeSet::new();
        let mut operations = Vec::with_capacity(file.operations.len());
        for (index, entry) in file.operations.into_iter().enumerate() {
            let selector =
                selector(&entry).with_context(|| format!("[[operation]] number {}", index + 1))?;
            let context = || format!("[[operation]] {selector}");
            if !selectors.insert(selector.clone()) {
                bail!("{} is listed twice", context());
            }
            if let Some(id) = &entry.operation_id
                && !operation_ids.insert(id.clone())
            {
                bail!("{}: operation_id `{id}` is used twice", context());
            }
            let errors = errors(
                &entry,
                &every_operation,
                &descriptions,
                error_body.is_some(),
            )
            .with_context(context)?;
            operations.push(Operation {
                selector,
                operation_id: entry.operation_id,
                errors,
            });
        }
        let schemas = file
            .schemas
            .into_iter()
            .map(|(name, source)| Ok((name.clone(), schema_source(&name, &source)?)))
            .collect::<anyhow::Result<BTreeMap<_, _>>>()?;
        let mut sources = BTreeMap::new();
        for (name, source) in &schemas {
            if let Some(other) = sources.insert(source.to_string(), name) {
                bail!("[schemas] {other} and {name} both name the upstream schema `{source}`");
            }
        }
        let mut skipped = Vec::with_capacity(file.skip.len());
        for entry in file.skip {
            let selector = location(&entry.method, &entry.path).context("[[skip]]")?;
            if !selectors.insert(selector.clone()) {
                bail!("[[skip]] {selector} is also an [[operation]], or skipped twice");
            }
            if entry.why.trim().is_empty() {
                bail!("[[skip]] {selector}: `why` is empty");
            }
            skipped.push(Skipped {
                selector,
                why: entry.why,
            });
        }
        if let Some(prefix) = file.prefixes.iter().find(|prefix| !prefix.starts_with('/')) {
            bail!("prefix `{prefix}` does not start with `/`");
        }
        let seed = file
            .seed
            .into_iter()
            .enumerate()
            .map(|(index, entry)| {
                seed_entry(entry).with_context(|| format!("[[seed]] number {}", index + 1))
            })
            .collect::<anyhow::Result<_>>()?;
        let narrow = file
            .narrow
            .into_iter()
            .map(|entry| {
                let context = format!("[[narrow]] {}.{}", entry.schema, entry.property);
                if entry.keep.is_empty() {
                    bail!("{context}: `keep` is empty; a union keeps at least one member");
                }
                if entry.why.trim().is_empty() {
                    bail!("{context}: `why` is empty");
                }
                Ok(Narrowing {
                    schema: entry.schema,
                    property: entry.property,
                    keep: entry.keep,
                    why: entry.why,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Self {
            info: file.info,
            error_body,
            operations,
            schemas,
            prefixes: file.prefixes,
            skipped,
            seed,
            narrow,
        })
    }

    /// The fragment name of the upstream component schema `upstream`, when
    /// the manifest names it.
    pub fn fragment_name_of(&self, upstream: &str) -> Option<&str> {
        self.schemas.iter().find_map(|(name, source)| {
            (*source == SchemaSource::Component(upstream.to_owned())).then_some(name.as_str())
        })
    }
}

/// `Schema` or `Schema.property`.
fn schema_source(name: &str, source: &str) -> anyhow::Result<SchemaSource> {
    let valid = |part: &str| !part.is_empty() && !part.contains(['/', '#', '~']);
    match source.split_once('.') {
        None if valid(source) => Ok(SchemaSource::Component(source.to_owned())),
        Some((schema, property)) if valid(schema) && valid(property) => {
            Ok(SchemaSource::Property {
                schema: schema.to_owned(),
                property: property.to_owned(),
            })
        }
        _ => bail!(
            "[schemas] {name} = `{source}`: give an upstream schema name, or `Schema.property`"
        ),
    }
}

fn seed_entry(entry: SeedFileEntry) -> anyhow::Result<SeedEntry> {
    if entry.why.trim().is_empty() {
        bail!("`why` is empty");
    }
    let change = match entry {
        SeedFileEntry {
            schema: Some(schema),
            property,
            set: Some(keys),
            add_enum: None,
            operation: None,
            status: None,
            example_file: None,
            ..
        } => SeedChange::Set {
            schema,
            property,
            keys,
        },
        SeedFileEntry {
            schema: Some(schema),
            property: None,
            set: None,
            add_enum: Some(values),
            operation: None,
            status: None,
            example_file: None,
            ..
        } => SeedChange::AddEnum { schema, values },
        SeedFileEntry {
            schema: None,
            property: None,
            set: None,
            add_enum: None,
            operation: Some(operation),
            status: Some(status),
            example_file: Some(file),
            ..
        } => SeedChange::Example {
            operation,
            status,
            file,
        },
        _ => bail!(
            "give `schema` with `set` (and optionally `property`), `schema` with `add_enum`, \
             or `operation`, `status` and `example_file`"
        ),
    };
    Ok(SeedEntry {
        change,
        why: entry.why.trim().to_owned(),
    })
}

fn selector(entry: &OperationEntry) -> anyhow::Result<Selector> {
    match (&entry.method, &entry.path, &entry.upstream_id) {
        (Some(method), Some(path), None) => location(method, path),
        (None, None, Some(id)) => Ok(Selector::UpstreamId(id.clone())),
        _ => bail!("give either `method` and `path`, or `upstream_id`"),
    }
}

fn location(method: &str, path: &str) -> anyhow::Result<Selector> {
    let method = method.to_lowercase();
    if !METHODS.contains(&method.as_str()) {
        bail!("`{method}` is not an HTTP method");
    }
    if !path.starts_with('/') {
        bail!("path `{path}` does not start with `/`");
    }
    Ok(Selector::Location {
        method,
        path: path.to_owned(),
    })
}

/// The statuses `entry` documents (every operation's and its own), each
/// with its description.
fn errors(
    entry: &OperationEntry,
    every_operation: &[String],
    descriptions: &BTreeMap<String, String>,
    has_body: bool,
) -> anyhow::Result<BTreeMap<String, String>> {
    let mut errors = BTreeMap::new();
    for status in every_operation.iter().chain(&entry.errors) {
        if !is_error_status(status) {
            bail!("`{status}` is not an error status (400 to 599)");
        }
        let description = entry
            .error_descriptions
            .get(status)
            .or_else(|| descriptions.get(status))
            .with_context(|| {
                format!("status {status} has no description in [errors.descriptions]")
            })?;
        errors.insert(status.clone(), description.clone());
    }
    if let Some(status) = entry
        .error_descriptions
        .keys()
        .find(|status| !errors.contains_key(*status))
    {
        bail!("error_descriptions describes {status}, which the operation does not list");
    }
    if !errors.is_empty() && !has_body {
        bail!("error responses are listed but there is no [errors] section with their schema");
    }
    Ok(errors)
}

fn is_error_status(status: &str) -> bool {
    status.len() == 3
        && status.bytes().all(|b| b.is_ascii_digit())
        && matches!(status.as_bytes()[0], b'4' | b'5')
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Manifest, Selector};

    const ERRORS: &str = r#"
        [errors]
        schema_name = "ErrorDetail"
        every_operation = ["401", "500"]
        [errors.descriptions]
        "401" = "Unauthorized."
        "404" = "Not found."
        "500" = "Failed."
        [errors.schema]
        type = "object"
        required = ["detail"]
        [errors.schema.properties.detail]
        type = "string"
    "#;

    fn parse(operations: &str) -> anyhow::Result<Manifest> {
        Manifest::parse(&format!("{ERRORS}\n{operations}"))
    }

    #[test]
    fn operations_are_found_by_location_or_upstream_id() {
        let manifest = parse(
            r#"
            [[operation]]
            method = "GET"
            path = "/jobs/{id}"
            operation_id = "get_job"
            errors = ["404"]
            error_descriptions = { "404" = "No such job." }

            [[operation]]
            upstream_id = "list_jobs_api_jobs_get"
            "#,
        )
        .unwrap();
        let [get, list] = manifest.operations.as_slice() else {
            panic!("two operations expected");
        };
        assert_eq!(
            get.selector,
            Selector::Location {
                method: "get".into(),
                path: "/jobs/{id}".into()
            }
        );
        assert_eq!(get.operation_id.as_deref(), Some("get_job"));
        assert_eq!(
            json!(get.errors),
            json!({"401": "Unauthorized.", "404": "No such job.", "500": "Failed."})
        );
        assert_eq!(
            list.selector,
            Selector::UpstreamId("list_jobs_api_jobs_get".into())
        );
        assert_eq!(list.operation_id, None);
        let body = manifest.error_body.unwrap();
        assert_eq!(body.name, "ErrorDetail");
        assert_eq!(
            body.schema,
            json!({"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}})
        );
    }

    #[test]
    fn mistakes_are_refused_with_the_operation_named() {
        for (operations, message) in [
            (
                "[[operation]]\nmethod = \"get\"\n",
                "give either `method` and `path`, or `upstream_id`",
            ),
            (
                "[[operation]]\nmethod = \"get\"\npath = \"/a\"\nupstream_id = \"x\"\n",
                "give either",
            ),
            (
                "[[operation]]\nmethod = \"fetch\"\npath = \"/a\"\n",
                "`fetch` is not an HTTP method",
            ),
            (
                "[[operation]]\nupstream_id = \"x\"\n[[operation]]\nupstream_id = \"x\"\n",
                "listed twice",
            ),
            (
                "[[operation]]\nupstream_id = \"x\"\noperation_id = \"a\"\n[[operation]]\nupstream_id = \"y\"\noperation_id = \"a\"\n",
                "operation_id `a` is used twice",
            ),
            (
                "[[operation]]\nupstream_id = \"x\"\nerrors = [\"403\"]\n",
                "status 403 has no description",
            ),
            (
                "[[operation]]\nupstream_id = \"x\"\nerrors = [\"200\"]\n",
                "`200` is not an error status",
            ),
            (
                "[[operation]]\nupstream_id = \"x\"\nerror_descriptions = { \"409\" = \"Conflict.\" }\n",
                "describes 409, which the operation does not list",
            ),
            (
                "[[operation]]\nupstream_id = \"x\"\nrename = \"y\"\n",
                "unknown field",
            ),
            ("[info]\nversion = \"1\"\n", "may not set `version`"),
        ] {
            let error = format!("{:#}", parse(operations).unwrap_err());
            assert!(error.contains(message), "{error:?} lacks {message:?}");
        }
    }

    #[test]
    fn error_statuses_need_an_errors_section() {
        let error = Manifest::parse("[[operation]]\nupstream_id = \"x\"\nerrors = [\"404\"]\n")
            .unwrap_err();
        assert!(format!("{error:#}").contains("status 404 has no description"));
        let manifest = Manifest::parse("[[operation]]\nupstream_id = \"x\"\n").unwrap();
        assert!(manifest.error_body.is_none());
        assert!(manifest.operations[0].errors.is_empty());
    }

    #[test]
    fn the_checked_in_manifest_lists_the_checked_in_fragments_operations() {
        let root = crate::workspace_root();
        let manifest = Manifest::parse(
            &std::fs::read_to_string(root.join(crate::fragment::MANIFEST)).unwrap(),
        )
        .unwrap();
        let fragment: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(root.join(crate::codegen::FRAGMENT)).unwrap(),
        )
        .unwrap();
        let mut in_fragment = Vec::new();
        for (path, item) in fragment["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                in_fragment.push((
                    method.clone(),
                    path.clone(),
                    operation["operationId"].as_str().unwrap().to_owned(),
                ));
            }
        }
        let mut in_manifest: Vec<_> = manifest
            .operations
            .iter()
            .map(|operation| match &operation.selector {
                Selector::Location { method, path } => (
                    method.clone(),
                    path.clone(),
                    operation.operation_id.clone().unwrap(),
                ),
                Selector::UpstreamId(id) => panic!("{id}: the manifest selects by location"),
            })
            .collect();
        in_fragment.sort();
        in_manifest.sort();
        assert_eq!(in_manifest.len(), 34);
        assert_eq!(in_manifest, in_fragment);
    }
}
