//! Building one API request: [`OperationInfo`] (what generated code declares per operation),
//! [`Request`] (path, query and body) and [`RequestOptions`] (per-request timeout and retries).

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

pub use reqwest::Method;

use super::error::{Error, Result};
use super::secret::SecretBuffer;

/// Static facts about one operation of the spec, declared by generated code as a `static`.
#[derive(Debug)]
pub struct OperationInfo {
    /// The spec's `operationId`.
    pub id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template, e.g. `/accounts/{account_id}/workers/scripts/{script_name}/secrets`.
    pub path_template: &'static str,
    /// Whether sending the request twice has the same effect as sending it once. Operations
    /// that are not idempotent are retried only when the server cannot have acted on them.
    pub idempotent: bool,
    /// Token permissions, any one of which allows the call (the spec's `x-sdk-permissions`, as
    /// Cloudflare names them: `"Workers Scripts Write"`, `"Secrets Store Read"`, ...). Empty when
    /// the spec names none.
    pub permissions: &'static [&'static str],
}

/// Characters left as they are in a path segment: unreserved characters and the sub-delimiters
/// `!$&'()*+,;=:@` (as Cloudflare's TypeScript SDK does). Everything else is percent-encoded,
/// in particular `/`, `?`, `#`, `%`, space, controls and non-ASCII.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// Characters left as they are in a query key or value: only unreserved characters.
const QUERY_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A serialized request body and its content type. The bytes are wiped when the last copy of
/// them is dropped.
#[derive(Clone)]
pub(crate) struct RequestBody {
    pub(crate) bytes: Bytes,
    pub(crate) content_type: &'static str,
}

/// One request, built by generated code and sent by [`Client::execute`](super::Client::execute).
pub struct Request {
    pub(crate) operation: &'static OperationInfo,
    pub(crate) path: String,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) body: Option<RequestBody>,
}

impl Request {
    /// Starts a request for `operation` with an empty path.
    pub fn new(operation: &'static OperationInfo) -> Request {
        Request {
            operation,
            path: String::with_capacity(operation.path_template.len() + 32),
            query: Vec::new(),
            body: None,
        }
    }

    /// Appends a literal piece of the path, such as `/accounts/`.
    pub fn path(&mut self, literal: &'static str) {
        self.path.push_str(literal);
    }

    /// Appends one percent-encoded path segment. Returns `Ok(true)` when encoding changed the
    /// value, and a validation error for `""`, `"."` and `".."`, which would change the path.
    pub fn path_param(&mut self, field: &'static str, value: &str) -> Result<bool> {
        match value {
            "" => return Err(Error::validation(field, "must not be empty")),
            "." | ".." => {
                return Err(Error::validation(
                    field,
                    "must not be `.` or `..` (a path segment with a special meaning)",
                ));
            }
            _ => {}
        }
        let before = self.path.len();
        self.path.extend(utf8_percent_encode(value, PATH_SEGMENT));
        Ok(self.path.len() - before != value.len())
    }

    /// Adds a query parameter; the value is percent-encoded.
    pub fn query(&mut self, key: &'static str, value: &dyn fmt::Display) {
        let value = value.to_string();
        self.query.push((
            key,
            utf8_percent_encode(&value, QUERY_COMPONENT).to_string(),
        ));
    }

    /// Adds an array query parameter as repeated keys (`scopes=a&scopes=b`).
    pub fn query_all(&mut self, key: &'static str, values: &[&dyn fmt::Display]) {
        for value in values {
            self.query(key, *value);
        }
    }

    /// Serializes `body` as JSON and sends it with `Content-Type: application/json`.
    pub fn json_body<T: Serialize>(&mut self, body: &T) -> Result<()> {
        self.set_body(body, "application/json")
    }

    /// Serializes `body` as JSON and sends it with `Content-Type: application/merge-patch+json`.
    pub fn merge_patch_body<T: Serialize>(&mut self, body: &T) -> Result<()> {
        self.set_body(body, "application/merge-patch+json")
    }

    fn set_body<T: Serialize>(&mut self, body: &T, content_type: &'static str) -> Result<()> {
        let mut buffer = SecretBuffer::default();
        serde_json::to_writer(&mut buffer, body).map_err(Error::serialize)?;
        self.body = Some(RequestBody {
            bytes: Bytes::from_owner(buffer),
            content_type,
        });
        Ok(())
    }

    /// The operation this request belongs to.
    pub fn operation(&self) -> &'static OperationInfo {
        self.operation
    }

    /// The path and query as they will be sent, relative to the base URL.
    pub fn path_and_query(&self) -> String {
        let mut text = self.path.clone();
        for (index, (key, value)) in self.query.iter().enumerate() {
            text.push(if index == 0 { '?' } else { '&' });
            text.extend(utf8_percent_encode(key, QUERY_COMPONENT));
            text.push('=');
            text.push_str(value);
        }
        text
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body may hold secrets: only its size and type are shown.
        f.debug_struct("Request")
            .field("operation", &self.operation.id)
            .field("method", &self.operation.method)
            .field("path_and_query", &self.path_and_query())
            .field(
                "body",
                &self.body.as_ref().map(|body| {
                    format!(
                        "[REDACTED] {} bytes of {}",
                        body.bytes.len(),
                        body.content_type
                    )
                }),
            )
            .finish()
    }
}

/// Per-request settings that override the client's: timeout and retries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestOptions {
    timeout: Option<Duration>,
    max_retries: Option<u32>,
}

impl RequestOptions {
    /// Options that change nothing.
    pub fn new() -> Self {
        RequestOptions::default()
    }

    /// Sets the timeout of each attempt.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = Some(timeout);
    }

    /// Sets how many times a failed attempt may be retried (0 disables retries).
    pub fn set_max_retries(&mut self, max_retries: u32) {
        self.max_retries = Some(max_retries);
    }

    /// Builder form of [`set_timeout`](Self::set_timeout).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.set_timeout(timeout);
        self
    }

    /// Builder form of [`set_max_retries`](Self::set_max_retries).
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.set_max_retries(max_retries);
        self
    }

    /// The timeout override, if any.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// The retry override, if any.
    pub fn max_retries(&self) -> Option<u32> {
        self.max_retries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static GET_SECRET: OperationInfo = OperationInfo {
        id: "getSecret",
        method: Method::GET,
        path_template: "/accounts/{account_id}/secrets/{secret_name}",
        idempotent: true,
        permissions: &[],
    };

    #[test]
    fn path_segments_are_encoded() {
        let mut request = Request::new(&GET_SECRET);
        request.path("/accounts/");
        assert!(!request.path_param("account_id", "abc123").unwrap());
        request.path("/secrets/");
        assert!(
            request
                .path_param("secret_name", "my secret/x?#%é")
                .unwrap()
        );
        assert_eq!(
            request.path_and_query(),
            "/accounts/abc123/secrets/my%20secret%2Fx%3F%23%25%C3%A9"
        );
        assert!(
            request
                .path_param("secret_name", "..")
                .unwrap_err()
                .is_validation()
        );
        assert!(
            request
                .path_param("secret_name", "")
                .unwrap_err()
                .is_validation()
        );
        assert!(!request.path_param("secret_name", "a:b@c").unwrap());
    }

    #[test]
    fn query_values_are_encoded_and_arrays_repeat() {
        let mut request = Request::new(&GET_SECRET);
        request.path("/x");
        request.query("search", &"a b&c=d");
        request.query_all("scopes", &[&"workers", &"ai_gateway"]);
        request.query("page", &2);
        assert_eq!(
            request.path_and_query(),
            "/x?search=a%20b%26c%3Dd&scopes=workers&scopes=ai_gateway&page=2"
        );
    }

    #[test]
    fn debug_hides_the_body() {
        let mut request = Request::new(&GET_SECRET);
        request
            .json_body(&serde_json::json!({"text": "hunter2"}))
            .unwrap();
        let text = format!("{request:?}");
        assert!(!text.contains("hunter2"));
        assert!(text.contains("[REDACTED]"));
    }
}
