//! Any status, headers and body given to the error-body parser: no panic,
//! and the error it makes stays bounded and shows no raw control
//! character, whatever the server sent.
#![no_main]

use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use libfuzzer_sys::fuzz_target;
use llama_cloud::ApiError;

/// Display is the bounded body (4,096 characters, escaped: up to 10 bytes a
/// character) plus the request id and the fixed text around them.
const MAX_DISPLAY_BYTES: usize = 64 * 1024;

fuzz_target!(|input: &[u8]| {
    let (head, body) = input.split_at(input.len().min(64));
    let status = head
        .first()
        .map_or(400, |byte| 400 + u16::from(*byte) % 200);
    let mut headers = HeaderMap::new();
    for (name, chunk) in ["x-request-id", "retry-after", "retry-after-ms", "x-should-retry"]
        .into_iter()
        .zip(head.get(1..).unwrap_or_default().chunks(16))
    {
        if let Ok(value) = HeaderValue::from_bytes(chunk) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
    let error = ApiError::from_response(
        Method::GET,
        "/api/v1/extraction/jobs/{job_id}",
        StatusCode::from_u16(status).expect("400 to 599 is a status"),
        &headers,
        body,
    );
    let shown = error.to_string();
    assert!(shown.len() <= MAX_DISPLAY_BYTES, "{} bytes", shown.len());
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
    let _ = format!("{error:?}");
});
