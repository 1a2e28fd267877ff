//! `coverage`: the upstream operations under the manifest's path prefixes
//! that the manifest neither lists nor skips, so a new endpoint is noticed
//! when the spec is updated rather than when a user asks for it.

use serde_json::Value;

use super::manifest::{Manifest, Selector};
use super::select::Location;
use crate::spec::METHODS;

/// What the upstream has under the prefixes that the manifest does not
/// account for.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Operations neither listed nor skipped: `METHOD path (operationId)`.
    pub unlisted: Vec<String>,
    /// Skip entries for operations the upstream no longer has: the
    /// operation and the entry's reason.
    pub stale_skips: Vec<(String, String)>,
}

/// Compares the upstream's operations under `manifest.prefixes` with the
/// manifest's operations (found at `locations`) and skips.
pub fn coverage(upstream: &Value, manifest: &Manifest, locations: &[Option<Location>]) -> Coverage {
    let listed = |method: &str, path: &str| {
        locations
            .iter()
            .flatten()
            .any(|location| location.method == method && location.path == path)
    };
    let skipped = |method: &str, path: &str| {
        manifest.skipped.iter().any(|skip| {
            matches!(&skip.selector, Selector::Location { method: m, path: p } if m == method && p == path)
        })
    };
    let mut coverage = Coverage::default();
    let paths = upstream.get("paths").and_then(Value::as_object);
    for (path, item) in paths.into_iter().flatten() {
        if !manifest.prefixes.iter().any(|prefix| under(path, prefix)) {
            continue;
        }
        for method in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            if listed(method, path) || skipped(method, path) {
                continue;
            }
            let id = operation
                .get("operationId")
                .and_then(Value::as_str)
                .unwrap_or("no operationId");
            coverage
                .unlisted
                .push(format!("{} {path} ({id})", method.to_uppercase()));
        }
    }
    for skip in &manifest.skipped {
        if let Selector::Location { method, path } = &skip.selector
            && paths
                .and_then(|paths| paths.get(path))
                .and_then(|item| item.get(method))
                .is_none()
        {
            coverage
                .stale_skips
                .push((skip.selector.to_string(), skip.why.clone()));
        }
    }
    coverage
}

/// Whether `path` is `prefix` or below it (`/api/v2/extract` covers
/// `/api/v2/extract/{job_id}`, not `/api/v2/extraction`).
fn under(path: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Coverage, coverage};
    use crate::fragment::manifest::Manifest;
    use crate::fragment::select::Location;

    #[test]
    fn new_operations_under_the_prefixes_are_listed() {
        let manifest = Manifest::parse(
            r#"
            prefixes = ["/api/v2/extract"]
            [[operation]]
            method = "get"
            path = "/api/v2/extract/{id}"
            [[skip]]
            method = "delete"
            path = "/api/v2/extract/{id}"
            why = "Not offered."
            [[skip]]
            method = "post"
            path = "/api/v2/extract/gone"
            why = "Not offered."
            "#,
        )
        .unwrap();
        let upstream = json!({"paths": {
            "/api/v2/extract/{id}": {
                "get": {"operationId": "get"},
                "delete": {"operationId": "delete"},
                "post": {"operationId": "cancel"}
            },
            "/api/v2/extract": {"get": {"operationId": "list"}},
            "/api/v2/extraction": {"get": {"operationId": "elsewhere"}},
            "/api/v1/other": {"get": {"operationId": "other"}}
        }});
        let locations = [Some(Location {
            method: "get".into(),
            path: "/api/v2/extract/{id}".into(),
        })];
        assert_eq!(
            coverage(&upstream, &manifest, &locations),
            Coverage {
                unlisted: vec![
                    "GET /api/v2/extract (list)".to_owned(),
                    "POST /api/v2/extract/{id} (cancel)".to_owned(),
                ],
                stale_skips: vec![(
                    "POST /api/v2/extract/gone".to_owned(),
                    "Not offered.".to_owned()
                )],
            }
        );
    }
}
