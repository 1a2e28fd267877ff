//! When to send a request again, and how long to wait first.
//!
//! The rules are the official clients', so a service tuned for them sees the
//! same traffic from Rust:
//!
//! - Retried: connection failures, timeouts, and the statuses 408, 409, 429
//!   and 5xx. A response header `x-should-retry: true|false` overrides the
//!   status rule either way.
//! - The wait: the server's hint when it asks for more than 0 and at most
//!   60 s, read from `retry-after-ms` (milliseconds), else `Retry-After`
//!   (seconds, or an HTTP date). Otherwise `min(0.5 s × 2^n, 8 s)` for the
//!   n-th retry (counting from 0), times a random factor in [0.75, 1] so that
//!   many clients do not retry in step.
//! - Two retries (three attempts) by default; `0` turns retries off.

use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};

/// How many times a failed request is sent again by default.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// The first backoff, doubled for each further retry.
const INITIAL_BACKOFF: Duration = Duration::from_millis(500);
/// The longest backoff the formula gives.
const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// The longest server hint that is obeyed; a longer one is ignored in favour
/// of the formula, so a misbehaving server cannot park a client for hours.
const MAX_SERVER_HINT: Duration = Duration::from_secs(60);

/// Statuses worth another attempt when the server gives no `x-should-retry`.
pub fn retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// The `x-should-retry` header: `true` or `false`, anything else ignored.
pub fn should_retry(headers: &HeaderMap) -> Option<bool> {
    match headers.get("x-should-retry")?.to_str().ok()?.trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// Whether a response of `status` with `headers` is worth another attempt:
/// the server's `x-should-retry` when it says, else the status rule.
pub fn should_retry_response(status: StatusCode, headers: &HeaderMap) -> bool {
    should_retry(headers).unwrap_or_else(|| retryable_status(status))
}

/// How long to wait before retry number `retry` (0 for the first retry),
/// given the failed response's headers, if there was a response.
pub fn wait(retry: u32, headers: Option<&HeaderMap>, now: SystemTime) -> Duration {
    headers
        .and_then(|headers| server_hint(headers, now))
        .unwrap_or_else(|| backoff(retry, jitter()))
}

/// `min(0.5 s × 2^retry, 8 s) × jitter`, with `jitter` in [0.75, 1].
pub fn backoff(retry: u32, jitter: f64) -> Duration {
    let exponential = INITIAL_BACKOFF.saturating_mul(2u32.saturating_pow(retry.min(16)));
    exponential
        .min(MAX_BACKOFF)
        .mul_f64(jitter.clamp(0.75, 1.0))
}

/// The server's requested wait, if it gave a usable one.
pub fn server_hint(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let header = |name: &str| headers.get(name)?.to_str().ok().map(str::trim);
    let hint = header("retry-after-ms")
        .and_then(|ms| ms.parse::<f64>().ok())
        .and_then(|ms| Duration::try_from_secs_f64(ms / 1000.0).ok())
        .or_else(|| {
            let value = header("retry-after")?;
            match value.parse::<f64>() {
                Ok(seconds) => Duration::try_from_secs_f64(seconds).ok(),
                Err(_) => http_date_from_now(value, now),
            }
        })?;
    (hint > Duration::ZERO && hint <= MAX_SERVER_HINT).then_some(hint)
}

/// `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`, as a wait from `now`.
fn http_date_from_now(value: &str, now: SystemTime) -> Option<Duration> {
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    // chrono arithmetic, not `SystemTime::from`: a date the platform clock
    // cannot hold (before 1601 on Windows) must be ignored, not panic.
    let now = chrono::DateTime::<chrono::Utc>::from(now);
    (at.with_timezone(&chrono::Utc) - now).to_std().ok()
}

/// A random factor in [0.75, 1]. std's `RandomState` is randomly seeded per
/// instance, which is all jitter needs; no RNG crate is pulled in for it.
fn jitter() -> f64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(0);
    let unit = (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64;
    0.75 + 0.25 * unit
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use http::{HeaderMap, HeaderValue};

    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    http::HeaderName::from_static(name),
                    HeaderValue::from_str(value).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn backoff_doubles_from_half_a_second_up_to_eight() {
        let full: Vec<_> = (0..7).map(|n| backoff(n, 1.0).as_millis()).collect();
        assert_eq!(full, [500, 1000, 2000, 4000, 8000, 8000, 8000]);
        assert_eq!(backoff(0, 0.75), Duration::from_millis(375));
        assert_eq!(backoff(u32::MAX, 1.0), Duration::from_secs(8));
    }

    #[test]
    fn jitter_stays_in_range() {
        for _ in 0..1000 {
            let j = jitter();
            assert!((0.75..=1.0).contains(&j), "{j}");
        }
    }

    #[test]
    fn retry_after_ms_wins_over_retry_after() {
        let now = SystemTime::now();
        let h = headers(&[("retry-after-ms", "250"), ("retry-after", "3")]);
        assert_eq!(server_hint(&h, now), Some(Duration::from_millis(250)));
        assert_eq!(
            server_hint(&headers(&[("retry-after", "3")]), now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            server_hint(&headers(&[("retry-after", "1.5")]), now),
            Some(Duration::from_millis(1500))
        );
    }

    #[test]
    fn retry_after_as_an_http_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_470); // 07:27:50 GMT
        let h = headers(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")]);
        assert_eq!(server_hint(&h, now), Some(Duration::from_secs(10)));
    }

    #[test]
    fn unusable_hints_fall_back_to_the_formula() {
        let now = SystemTime::now();
        for value in [
            "0",
            "-1",
            "61",
            "soon",
            "Wed, 21 Oct 2015 07:28:00 GMT",
            "Sat, 01 Jan 1600 00:00:00 GMT",
        ] {
            assert_eq!(
                server_hint(&headers(&[("retry-after", value)]), now),
                None,
                "{value}"
            );
        }
        let wait = wait(1, Some(&headers(&[("retry-after", "600")])), now);
        assert!(
            (Duration::from_millis(750)..=Duration::from_secs(1)).contains(&wait),
            "{wait:?}"
        );
    }
}
