//! Retry policy: which failures are retried, and how long to wait before the next attempt.
//!
//! The rules follow Cloudflare's official (Stainless-generated) SDKs: 2 retries by default, on
//! connection errors, timeouts, 408, 409, 429 and 5xx, exponential backoff from 0.5 s doubling
//! up to 8 s with up to 25% jitter, `retry-after-ms` / `Retry-After` honoured when between 0 and
//! 60 seconds, and `x-should-retry: true|false` obeyed.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

use super::error::{Error, ErrorKind, is_retryable_status};

/// How a client retries failed attempts.
///
/// ```
/// # use cloudflare_secrets::RetryConfig;
/// let mut retry = RetryConfig::default();
/// retry.max_retries = 4;
/// assert_eq!(retry.initial_backoff.as_millis(), 500);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RetryConfig {
    /// How many times a failed attempt may be retried (so at most `max_retries + 1` attempts).
    pub max_retries: u32,
    /// The wait before the first retry; each further retry doubles it.
    pub initial_backoff: Duration,
    /// The longest wait between two attempts (before jitter).
    pub max_backoff: Duration,
    /// The largest fraction (0.0 to 1.0) taken off a wait at random, so clients spread out.
    pub jitter: f64,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            jitter: 0.25,
        }
    }
}

impl RetryConfig {
    /// The default policy: 2 retries, 0.5 s doubling up to 8 s, 25% jitter.
    pub fn new() -> Self {
        RetryConfig::default()
    }

    /// A policy that never retries.
    pub fn disabled() -> Self {
        RetryConfig {
            max_retries: 0,
            ..RetryConfig::default()
        }
    }

    /// Sets the number of retries.
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// Sets the first wait and the cap (use milliseconds in tests).
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max;
        self
    }

    /// Sets the jitter fraction (clamped to 0.0..=1.0).
    pub fn with_jitter(mut self, jitter: f64) -> Self {
        self.jitter = jitter;
        self
    }

    /// The wait before retry number `retry` (0 for the first retry), with jitter applied.
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.min(31));
        let base = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        let jitter = if self.jitter.is_finite() {
            self.jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        // `try_from` instead of `mul_f64`, which panics when rounding pushes a huge cap past
        // `Duration::MAX`.
        Duration::try_from_secs_f64(base.as_secs_f64() * (1.0 - fastrand::f64() * jitter))
            .unwrap_or(base)
    }
}

/// The longest server-requested wait the client honours; longer ones fall back to backoff.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Reads `retry-after-ms` (milliseconds) or `Retry-After` (seconds or an HTTP date) and
/// returns the wait when it is more than 0 and at most 60 seconds.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let header = |name| headers.get(name).and_then(|value| value.to_str().ok());
    let wait = header("retry-after-ms")
        .and_then(|text| text.trim().parse::<f64>().ok())
        .filter(|ms| ms.is_finite() && *ms > 0.0)
        .and_then(|ms| Duration::try_from_secs_f64(ms / 1000.0).ok())
        .or_else(|| {
            let text = header(RETRY_AFTER.as_str())?.trim();
            match text.parse::<f64>() {
                Ok(seconds) if seconds.is_finite() && seconds > 0.0 => {
                    Duration::try_from_secs_f64(seconds).ok()
                }
                Ok(_) => None,
                Err(_) => httpdate::parse_http_date(text)
                    .ok()
                    .and_then(|date| date.duration_since(now).ok()),
            }
        })?;
    (!wait.is_zero() && wait <= MAX_RETRY_AFTER).then_some(wait)
}

/// Reads `x-should-retry: true|false`, the server's explicit retry advice.
fn should_retry_header(headers: &HeaderMap) -> Option<bool> {
    let value = headers.get("x-should-retry")?.to_str().ok()?.trim();
    if value.eq_ignore_ascii_case("true") {
        Some(true)
    } else if value.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// Whether a response with this status and these headers should be retried.
///
/// `x-should-retry` wins when present (the server states whether it acted). Otherwise an
/// idempotent operation retries 408, 409, 429 and 5xx, and a non-idempotent one only 429 (the
/// server refused it without acting).
pub(crate) fn should_retry_response(
    status: StatusCode,
    headers: &HeaderMap,
    idempotent: bool,
) -> bool {
    if status.is_success() {
        return false;
    }
    if let Some(advice) = should_retry_header(headers) {
        return advice;
    }
    if idempotent {
        is_retryable_status(status)
    } else {
        status == StatusCode::TOO_MANY_REQUESTS
    }
}

/// Whether a transport failure should be retried: always when no connection was made, and for
/// idempotent operations also after timeouts and broken connections.
pub(crate) fn should_retry_error(error: &Error, idempotent: bool) -> bool {
    match error.kind() {
        ErrorKind::Connect => true,
        ErrorKind::Timeout | ErrorKind::Transport => idempotent,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn backoff_doubles_caps_and_jitters_down() {
        let config = RetryConfig::default();
        for _ in 0..100 {
            let first = config.backoff(0);
            assert!(first <= Duration::from_millis(500) && first >= Duration::from_millis(375));
            let third = config.backoff(2);
            assert!(third <= Duration::from_secs(2) && third >= Duration::from_millis(1500));
            let late = config.backoff(30);
            assert!(late <= Duration::from_secs(8) && late >= Duration::from_secs(6));
        }
        let exact = RetryConfig::default().with_jitter(0.0);
        assert_eq!(exact.backoff(1), Duration::from_secs(1));
        assert_eq!(exact.backoff(u32::MAX), Duration::from_secs(8));
        let unbounded = RetryConfig::default().with_backoff(Duration::MAX, Duration::MAX);
        assert!(unbounded.backoff(40) > Duration::from_secs(1_000_000));
        let nan_jitter = RetryConfig::default().with_jitter(f64::NAN);
        assert_eq!(nan_jitter.backoff(0), Duration::from_millis(500));
    }

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers, now), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("2"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(2)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("0"));
        assert_eq!(retry_after(&headers, now), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("61"));
        assert_eq!(retry_after(&headers, now), None);
        let date = httpdate::fmt_http_date(now + Duration::from_secs(30));
        headers.insert(RETRY_AFTER, HeaderValue::from_str(&date).unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(30)));
        headers.insert("retry-after-ms", HeaderValue::from_static("250"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_millis(250)));
        headers.insert("retry-after-ms", HeaderValue::from_static("nonsense"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(30)));
    }

    #[test]
    fn which_responses_are_retried() {
        let none = HeaderMap::new();
        let status = |code| StatusCode::from_u16(code).unwrap();
        for code in [408, 409, 429, 500, 502, 503, 504] {
            assert!(should_retry_response(status(code), &none, true), "{code}");
        }
        for code in [200, 202, 400, 401, 403, 404, 422] {
            assert!(!should_retry_response(status(code), &none, true), "{code}");
        }
        assert!(should_retry_response(status(429), &none, false));
        assert!(!should_retry_response(status(500), &none, false));
        let mut no = HeaderMap::new();
        no.insert("x-should-retry", HeaderValue::from_static("false"));
        assert!(!should_retry_response(status(503), &no, true));
        let mut yes = HeaderMap::new();
        yes.insert("x-should-retry", HeaderValue::from_static("true"));
        assert!(should_retry_response(status(400), &yes, true));
    }
}
