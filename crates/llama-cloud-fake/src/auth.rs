//! `Authorization: Bearer <key>`, checked the way FastAPI's `HTTPBearer` checks it.

use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::fastapi;

/// The default key a [`FakeServer`](crate::FakeServer) accepts.
pub const DEFAULT_API_KEY: &str = "llx-fake-test-key";

/// Why a request was refused; answered as a 401.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unauthorized {
    /// No header, a scheme other than `Bearer`, or no credentials.
    NotAuthenticated,
    /// A bearer token other than the server's key.
    InvalidKey,
}

impl IntoResponse for Unauthorized {
    /// FastAPI 0.165's `HTTPBearer` answers the first with `WWW-Authenticate: Bearer`;
    /// the second is the application's own `HTTPException(401)`.
    fn into_response(self) -> Response {
        match self {
            Self::NotAuthenticated => {
                let mut response = fastapi::detail(StatusCode::UNAUTHORIZED, "Not authenticated");
                response
                    .headers_mut()
                    .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                response
            }
            Self::InvalidKey => fastapi::detail(StatusCode::UNAUTHORIZED, "Invalid API key"),
        }
    }
}

/// Checks for `Bearer <api_key>`; the scheme is matched in any case, as in FastAPI.
pub(crate) fn check(headers: &HeaderMap, api_key: &str) -> Result<(), Unauthorized> {
    let value = headers
        .get(AUTHORIZATION)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default();
    let (scheme, credentials) = value.split_once(' ').unwrap_or((&value, ""));
    let credentials = credentials.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || credentials.is_empty() {
        return Err(Unauthorized::NotAuthenticated);
    }
    if credentials != api_key {
        return Err(Unauthorized::InvalidKey);
    }
    Ok(())
}
