//! Redirects, decided by the runtime rather than by reqwest, so that every
//! hop is counted as a request sent, gets the credentials rule of its own
//! origin ([`Credentials`](crate::Credentials)), and is refused when it
//! would go from `https` to clear text.
//!
//! The rules are the fetch standard's (and reqwest's): `301` and `302` turn
//! a `POST` into a `GET`, `303` turns anything but `HEAD` into a `GET`, and
//! `307`/`308` keep the method and the body. At most
//! [`DEFAULT_MAX_REDIRECTS`] are followed unless the settings say otherwise.

use std::fmt;

use http::header::LOCATION;
use http::{HeaderMap, Method, StatusCode};
use reqwest::Url;

/// How many redirects one attempt follows by default (reqwest's number).
pub const DEFAULT_MAX_REDIRECTS: u32 = 10;

/// The longest `Location` an error keeps, in characters.
const MAX_LOCATION_CHARS: usize = 512;

/// Why a redirect was not followed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedirectRefusal {
    /// The attempt had already followed `limit` redirects.
    TooMany {
        /// The limit.
        limit: u32,
        /// Where the last one pointed (escaped, bounded).
        location: String,
    },
    /// From `https` to `http`: the request, and the answer, would travel in
    /// clear text.
    Downgrade {
        /// Where it pointed (escaped, bounded).
        location: String,
    },
    /// The `Location` is not a URL this client can follow.
    BadLocation {
        /// The header's text (escaped, bounded).
        location: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}

impl fmt::Display for RedirectRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooMany { limit, location } => write!(
                f,
                "more than {limit} redirects (the last to `{location}`); the limit is the client's max_redirects"
            ),
            Self::Downgrade { location } => write!(
                f,
                "a redirect from https to clear-text `{location}` was refused; only https targets are followed from https"
            ),
            Self::BadLocation { location, reason } => {
                write!(f, "a redirect to `{location}` was not followed: {reason}")
            }
        }
    }
}

/// The request a followed redirect makes next.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Hop {
    /// Where.
    pub url: Url,
    /// With which method.
    pub method: Method,
    /// Whether the original body is sent again (`307`, `308`).
    pub keep_body: bool,
}

/// What a response of `status` with `headers`, answering `method` on
/// `current`, asks for, after `followed` redirects of this attempt with at
/// most `limit` allowed: `None` when it is not a redirect to follow (not a
/// redirect status, or no `Location`), else the next hop or why not.
pub fn next_hop(
    status: StatusCode,
    headers: &HeaderMap,
    current: &Url,
    method: &Method,
    followed: u32,
    limit: u32,
) -> Option<Result<Hop, RedirectRefusal>> {
    let (method, keep_body) = match status.as_u16() {
        301 | 302 if method == Method::POST => (Method::GET, false),
        303 if method != Method::HEAD => (Method::GET, false),
        301 | 302 | 303 | 307 | 308 => (method.clone(), true),
        _ => return None,
    };
    let raw = headers.get(LOCATION)?;
    let shown = || bounded(&String::from_utf8_lossy(raw.as_bytes()));
    let Ok(text) = raw.to_str() else {
        return Some(Err(RedirectRefusal::BadLocation {
            location: shown(),
            reason: "it is not ASCII text",
        }));
    };
    let Ok(url) = current.join(text) else {
        return Some(Err(RedirectRefusal::BadLocation {
            location: shown(),
            reason: "it is not a URL",
        }));
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Some(Err(RedirectRefusal::BadLocation {
            location: shown(),
            reason: "only http and https URLs are followed",
        }));
    }
    if current.scheme() == "https" && url.scheme() == "http" {
        return Some(Err(RedirectRefusal::Downgrade {
            location: bounded(url.as_str()),
        }));
    }
    if followed >= limit {
        return Some(Err(RedirectRefusal::TooMany {
            limit,
            location: bounded(url.as_str()),
        }));
    }
    Some(Ok(Hop {
        url,
        method,
        keep_body,
    }))
}

/// Whether `a` and `b` have the same origin: scheme, host and port.
pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// Server text for an error: the location without its query or fragment
/// (a presigned URL's signature is a credential of its own), control and
/// bidirectional-formatting characters escaped, at most
/// [`MAX_LOCATION_CHARS`] characters, saying how much was cut.
fn bounded(text: &str) -> String {
    let (location, cut_query) = match text.find(['?', '#']) {
        Some(at) => (&text[..at], true),
        None => (text, false),
    };
    let mut shown = String::new();
    for c in location.chars().take(MAX_LOCATION_CHARS) {
        if c.is_control() || is_bidi_format(c) {
            shown.extend(c.escape_unicode());
        } else {
            shown.push(c);
        }
    }
    let total = location.chars().count();
    if total > MAX_LOCATION_CHARS {
        shown.push_str(&format!(
            "… ({} more characters)",
            total - MAX_LOCATION_CHARS
        ));
    }
    if cut_query {
        shown.push_str("?…");
    }
    shown
}

/// The characters that reorder the text around them when shown.
fn is_bidi_format(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(to: &str) -> HeaderMap {
        HeaderMap::from_iter([(LOCATION, to.parse().unwrap())])
    }

    fn hop(
        status: u16,
        method: Method,
        from: &str,
        to: &str,
    ) -> Option<Result<Hop, RedirectRefusal>> {
        next_hop(
            StatusCode::from_u16(status).unwrap(),
            &location(to),
            &Url::parse(from).unwrap(),
            &method,
            0,
            DEFAULT_MAX_REDIRECTS,
        )
    }

    #[test]
    fn methods_change_as_the_fetch_standard_says() {
        let cases = [
            (301, Method::POST, Method::GET, false),
            (302, Method::POST, Method::GET, false),
            (303, Method::PUT, Method::GET, false),
            (303, Method::HEAD, Method::HEAD, true),
            (301, Method::DELETE, Method::DELETE, true),
            (307, Method::POST, Method::POST, true),
            (308, Method::PUT, Method::PUT, true),
        ];
        for (status, method, then, keep_body) in cases {
            let next = hop(status, method.clone(), "https://a.test/x", "/y")
                .unwrap()
                .unwrap();
            assert_eq!(
                (next.method, next.keep_body),
                (then, keep_body),
                "{status} {method}"
            );
            assert_eq!(next.url.as_str(), "https://a.test/y");
        }
    }

    #[test]
    fn not_a_redirect_or_no_location_is_handed_back() {
        assert_eq!(hop(200, Method::GET, "https://a.test/", "/y"), None);
        assert_eq!(hop(304, Method::GET, "https://a.test/", "/y"), None);
        let none = next_hop(
            StatusCode::FOUND,
            &HeaderMap::new(),
            &Url::parse("https://a.test/").unwrap(),
            &Method::GET,
            0,
            10,
        );
        assert_eq!(none, None);
    }

    #[test]
    fn https_to_http_is_refused_and_http_to_https_is_followed() {
        assert_eq!(
            hop(302, Method::GET, "https://a.test/", "http://b.test/x"),
            Some(Err(RedirectRefusal::Downgrade {
                location: "http://b.test/x".into()
            }))
        );
        assert!(
            hop(302, Method::GET, "http://127.0.0.1/", "https://b.test/")
                .unwrap()
                .is_ok()
        );
    }

    #[test]
    fn the_limit_counts_redirects_already_followed() {
        let headers = location("/again");
        let current = Url::parse("http://127.0.0.1:9/loop").unwrap();
        let at = |followed| {
            next_hop(
                StatusCode::FOUND,
                &headers,
                &current,
                &Method::GET,
                followed,
                3,
            )
        };
        assert!(at(2).unwrap().is_ok());
        assert_eq!(
            at(3),
            Some(Err(RedirectRefusal::TooMany {
                limit: 3,
                location: "http://127.0.0.1:9/again".into()
            }))
        );
    }

    #[test]
    fn a_location_that_is_not_followable_says_why_escaped_and_bounded() {
        let refused = hop(302, Method::GET, "https://a.test/", "ftp://b.test/x").unwrap();
        assert!(
            matches!(refused, Err(RedirectRefusal::BadLocation { reason, .. }) if reason.contains("http and https"))
        );
        // Tabs are the one control character a header value may carry.
        let long = format!("https://[{}", "\t".repeat(600));
        let headers = HeaderMap::from_iter([(
            LOCATION,
            http::HeaderValue::from_bytes(long.as_bytes()).unwrap(),
        )]);
        let Some(Err(RedirectRefusal::BadLocation { location, .. })) = next_hop(
            StatusCode::FOUND,
            &headers,
            &Url::parse("https://a.test/").unwrap(),
            &Method::GET,
            0,
            10,
        ) else {
            panic!("an unparsable location is refused");
        };
        assert!(!location.contains('\t'));
        assert!(location.contains("\\u{9}"));
        assert!(location.ends_with("(97 more characters)"), "{location}");
    }

    #[test]
    fn a_location_in_an_error_shows_no_query_and_no_reordering_characters() {
        let refused = hop(
            302,
            Method::GET,
            "https://a.test/",
            "http://bucket.test/file?X-Amz-Signature=secret",
        );
        assert_eq!(
            refused,
            Some(Err(RedirectRefusal::Downgrade {
                location: "http://bucket.test/file?…".into()
            }))
        );
        assert_eq!(bounded("/x\u{202e}gpj.exe"), "/x\\u{202e}gpj.exe");
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        let url = |text| Url::parse(text).unwrap();
        assert!(same_origin(
            &url("https://a.test/x"),
            &url("https://a.test:443/y")
        ));
        assert!(!same_origin(
            &url("https://a.test/"),
            &url("http://a.test/")
        ));
        assert!(!same_origin(
            &url("http://127.0.0.1:1/"),
            &url("http://127.0.0.1:2/")
        ));
        assert!(!same_origin(
            &url("https://a.test/"),
            &url("https://b.a.test/")
        ));
    }
}
