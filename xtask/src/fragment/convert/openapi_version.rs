//! `openapi_version`: declare the document OpenAPI 3.0.3.
//!
//! progenitor refuses a document whose `openapi` is 3.1 ("invalid
//! version"). The other steps make the content 3.0; this one says so.

use anyhow::{Context as _, bail};
use serde_json::Value;

/// The version the fragment declares.
const VERSION: &str = "3.0.3";

/// Fails unless `document` is OpenAPI 3.0 or 3.1, the versions the
/// conversion reads.
pub fn check_supported(document: &Value) -> anyhow::Result<()> {
    let version = document
        .get("openapi")
        .and_then(Value::as_str)
        .context("the document has no `openapi` version: it is not OpenAPI 3 (Swagger 2.0?)")?;
    if !(version.starts_with("3.0.") || version.starts_with("3.1.")) {
        bail!("OpenAPI {version} is not supported: the upstream must be 3.1 or 3.0");
    }
    Ok(())
}

/// Sets `openapi` to 3.0.3.
pub fn openapi_version(document: &mut Value) -> anyhow::Result<()> {
    check_supported(document)?;
    document["openapi"] = Value::String(VERSION.to_owned());
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::openapi_version;

    #[test]
    fn three_one_and_three_zero_become_three_zero_three() {
        for version in ["3.1.0", "3.1.1", "3.0.0", "3.0.3"] {
            let mut document = json!({"openapi": version});
            openapi_version(&mut document).unwrap();
            assert_eq!(document, json!({"openapi": "3.0.3"}));
        }
    }

    #[test]
    fn other_versions_are_refused() {
        for document in [json!({"swagger": "2.0"}), json!({"openapi": "4.0.0"})] {
            assert!(openapi_version(&mut document.clone()).is_err());
        }
    }
}
