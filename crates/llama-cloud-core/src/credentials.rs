//! [`Credentials`]: the headers only the API's own origin receives.
//!
//! They are not reqwest default headers: reqwest would add those to every
//! request it sends, a redirect to another origin included, and would strip
//! only `Authorization` and cookies there. The runtime adds them per
//! request instead, when the request goes to the API's origin, and strips
//! every sensitive header from a request to any other origin.

use std::fmt;

use http::HeaderMap;
use http::header::{AUTHORIZATION, COOKIE, HeaderName, PROXY_AUTHORIZATION, WWW_AUTHENTICATE};
use reqwest::Url;

use crate::redirect::same_origin;

/// Headers that never leave the API's origin.
#[derive(Clone)]
pub struct Credentials {
    origin: Option<Url>,
    headers: HeaderMap,
}

impl Credentials {
    /// `headers` (the bearer key, extra headers) for requests to `origin`'s
    /// scheme, host and port only. Every value is marked sensitive, so it
    /// is kept out of `Debug` output and HTTP/2 header tables too.
    pub fn new(origin: Url, mut headers: HeaderMap) -> Self {
        for value in headers.values_mut() {
            value.set_sensitive(true);
        }
        Self {
            origin: Some(origin),
            headers,
        }
    }

    /// No credentials: requests carry only what they were built with (as a
    /// `reqwest::Client` with its own default headers would have it).
    pub fn none() -> Self {
        Self {
            origin: None,
            headers: HeaderMap::new(),
        }
    }

    /// The API's origin, when there are credentials.
    pub(crate) fn origin(&self) -> Option<&Url> {
        self.origin.as_ref()
    }

    /// Gives `request` what it may carry: the credentials when it goes to
    /// the API's origin (a header the request already has is kept), and no
    /// sensitive header at all when it goes elsewhere. Without credentials,
    /// `home` (the origin the call's first request went to) is the one a
    /// request may carry its own sensitive headers to.
    pub(crate) fn apply(&self, request: &mut reqwest::Request, home: Option<&Url>) {
        let Some(origin) = self.origin.as_ref().or(home) else {
            return;
        };
        if same_origin(origin, request.url()) {
            let headers = request.headers_mut();
            for (name, value) in &self.headers {
                headers.entry(name).or_insert_with(|| value.clone());
            }
        } else {
            strip_sensitive(request.headers_mut());
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Credentials")
            .field("origin", &self.origin.as_ref().map(Url::origin))
            .field("headers", &names)
            .finish()
    }
}

/// Removes every header marked sensitive, and those that carry credentials
/// by their nature whether marked or not.
fn strip_sensitive(headers: &mut HeaderMap) {
    let marked: Vec<HeaderName> = headers
        .iter()
        .filter(|(_, value)| value.is_sensitive())
        .map(|(name, _)| name.clone())
        .collect();
    for name in marked
        .iter()
        .chain(&[AUTHORIZATION, PROXY_AUTHORIZATION, COOKIE, WWW_AUTHENTICATE])
    {
        headers.remove(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn request(url: &str, headers: &[(&'static str, &str, bool)]) -> reqwest::Request {
        let mut request = reqwest::Request::new(http::Method::GET, Url::parse(url).unwrap());
        for (name, value, sensitive) in headers {
            let mut value = HeaderValue::from_str(value).unwrap();
            value.set_sensitive(*sensitive);
            request
                .headers_mut()
                .append(HeaderName::from_static(name), value);
        }
        request
    }

    fn credentials() -> Credentials {
        Credentials::new(
            Url::parse("https://api.test").unwrap(),
            HeaderMap::from_iter([
                (AUTHORIZATION, HeaderValue::from_static("Bearer llx-k")),
                (
                    HeaderName::from_static("x-tenant"),
                    HeaderValue::from_static("t1"),
                ),
            ]),
        )
    }

    #[test]
    fn the_api_origin_gets_the_credentials_and_keeps_its_own_headers() {
        let mut same = request("https://api.test:443/v1", &[("x-tenant", "mine", false)]);
        credentials().apply(&mut same, None);
        assert_eq!(same.headers()[AUTHORIZATION], "Bearer llx-k");
        assert!(same.headers()[AUTHORIZATION].is_sensitive());
        assert_eq!(same.headers()["x-tenant"], "mine");
    }

    #[test]
    fn another_origin_gets_no_sensitive_header() {
        let mut other = request(
            "https://elsewhere.test/v1",
            &[
                ("x-trace", "t", true),
                ("authorization", "Bearer leaked", false),
                ("cookie", "c=1", false),
                ("accept", "application/json", false),
            ],
        );
        credentials().apply(&mut other, None);
        let names: Vec<&str> = other.headers().keys().map(HeaderName::as_str).collect();
        assert_eq!(names, ["accept"]);
        // Another scheme or port is another origin too.
        for url in ["http://api.test/v1", "https://api.test:8443/v1"] {
            let mut other = request(url, &[]);
            credentials().apply(&mut other, None);
            assert!(other.headers().is_empty(), "{url}");
        }
    }

    #[test]
    fn without_credentials_a_request_keeps_its_own_only_on_its_home_origin() {
        let home = Url::parse("https://first.test/a").unwrap();
        let mut same = request("https://first.test/b", &[("authorization", "x", false)]);
        Credentials::none().apply(&mut same, Some(&home));
        assert_eq!(same.headers().len(), 1);
        let mut away = request("https://elsewhere.test/", &[("authorization", "x", false)]);
        Credentials::none().apply(&mut away, Some(&home));
        assert!(away.headers().is_empty());
    }

    #[test]
    fn debug_shows_names_only() {
        let shown = format!("{:?}", credentials());
        assert!(shown.contains("authorization") && shown.contains("x-tenant"));
        assert!(!shown.contains("llx-k") && !shown.contains("t1"));
    }
}
