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

/// A value that can fill a `{placeholder}` of a path template: its text (percent-encoded by
/// [`Request::path_params`]) and the check it must pass first. Implemented for strings,
/// booleans, numbers, and the generated identifiers (which check their constraints) and enums.
pub trait PathValue {
    /// The value's text, before percent-encoding.
    fn path_text(&self) -> std::borrow::Cow<'_, str>;

    /// Checks the value against its constraints; `field` is the placeholder's name.
    fn check_path_value(&self, field: &str) -> Result<()> {
        let _ = field;
        Ok(())
    }
}

macro_rules! path_value_by_display {
    ($($ty:ty),* $(,)?) => {
        $(
            impl PathValue for $ty {
                fn path_text(&self) -> std::borrow::Cow<'_, str> {
                    std::borrow::Cow::Owned(self.to_string())
                }
            }
        )*
    };
}

path_value_by_display!(bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

impl PathValue for str {
    fn path_text(&self) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Borrowed(self)
    }
}

impl<T: PathValue + ?Sized> PathValue for &T {
    fn path_text(&self) -> std::borrow::Cow<'_, str> {
        (**self).path_text()
    }

    fn check_path_value(&self, field: &str) -> Result<()> {
        (**self).check_path_value(field)
    }
}

impl PathValue for String {
    fn path_text(&self) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Borrowed(self)
    }
}

/// A value that can be sent as a query parameter: its text, once per value (none for `None`,
/// one per item for a list). Implemented for strings, booleans, numbers, `Option`, lists, and
/// the generated identifiers and enums.
pub trait QueryValue {
    /// Calls `push` with the text of each value.
    fn each_query_value(&self, push: &mut dyn FnMut(&str));
}

macro_rules! query_value_by_display {
    ($($ty:ty),* $(,)?) => {
        $(
            impl QueryValue for $ty {
                fn each_query_value(&self, push: &mut dyn FnMut(&str)) {
                    push(&self.to_string());
                }
            }
        )*
    };
}

query_value_by_display!(bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

impl QueryValue for str {
    fn each_query_value(&self, push: &mut dyn FnMut(&str)) {
        push(self);
    }
}

impl QueryValue for String {
    fn each_query_value(&self, push: &mut dyn FnMut(&str)) {
        push(self);
    }
}

impl<T: QueryValue + ?Sized> QueryValue for &T {
    fn each_query_value(&self, push: &mut dyn FnMut(&str)) {
        (**self).each_query_value(push);
    }
}

impl<T: QueryValue> QueryValue for Option<T> {
    fn each_query_value(&self, push: &mut dyn FnMut(&str)) {
        if let Some(value) = self {
            value.each_query_value(push);
        }
    }
}

impl<T: QueryValue> QueryValue for [T] {
    fn each_query_value(&self, push: &mut dyn FnMut(&str)) {
        for value in self {
            value.each_query_value(push);
        }
    }
}

impl<T: QueryValue> QueryValue for Vec<T> {
    fn each_query_value(&self, push: &mut dyn FnMut(&str)) {
        self.as_slice().each_query_value(push);
    }
}

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
        self.path_param_named(field, value)
    }

    /// Fills the operation's path template: each `{name}` in
    /// [`OperationInfo::path_template`] is replaced, in order, by the next of `values`, checked
    /// against its own constraints (an identifier's `Validate`) and percent-encoded. Returns,
    /// for each value, whether encoding changed it. A value that breaks its constraints, or is
    /// `""`, `"."` or `".."` (which would change the path), is a validation error naming its
    /// placeholder; so is a number of values that does not match the template.
    pub fn path_params<const N: usize>(
        &mut self,
        values: [&dyn PathValue; N],
    ) -> Result<[bool; N]> {
        let mut encoded = [false; N];
        let mut rest = self.operation.path_template;
        let mut index = 0;
        while let Some(start) = rest.find('{') {
            self.path.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let end = after.find('}').unwrap_or(after.len());
            let name = &after[..end];
            let Some(value) = values.get(index) else {
                return Err(Error::config(format!(
                    "internal error: `{}` has more path parameters than the {N} given",
                    self.operation.id
                )));
            };
            value.check_path_value(name)?;
            encoded[index] = self.path_param_named(name, &value.path_text())?;
            index += 1;
            rest = after.get(end + 1..).unwrap_or("");
        }
        self.path.push_str(rest);
        if index != N {
            return Err(Error::config(format!(
                "internal error: `{}` has {index} path parameters, not {N}",
                self.operation.id
            )));
        }
        Ok(encoded)
    }

    fn path_param_named(&mut self, field: &str, value: &str) -> Result<bool> {
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

    /// Adds a query parameter; the value is percent-encoded. `None` adds nothing, and a list
    /// adds the key once per item (`scopes=a&scopes=b`, OpenAPI's `style: form, explode: true`).
    pub fn query<V: QueryValue + ?Sized>(&mut self, key: &'static str, value: &V) {
        value.each_query_value(&mut |text| {
            self.query
                .push((key, utf8_percent_encode(text, QUERY_COMPONENT).to_string()));
        });
    }

    /// Adds an array query parameter as repeated keys (`scopes=a&scopes=b`).
    pub fn query_all(&mut self, key: &'static str, values: &[&dyn fmt::Display]) {
        for value in values {
            self.query(key, &value.to_string());
        }
    }

    /// Replaces every value of a query parameter with `value` (the paginator sets `page`).
    pub fn set_query<V: QueryValue + ?Sized>(&mut self, key: &'static str, value: &V) {
        self.query.retain(|(existing, _)| *existing != key);
        self.query(key, value);
    }

    /// The first value of a query parameter, as sent (percent-encoded).
    pub fn query_value(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(existing, _)| *existing == key)
            .map(|(_, value)| value.as_str())
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
    fn path_params_fill_the_template_in_order() {
        let mut request = Request::new(&GET_SECRET);
        let encoded = request.path_params([&"abc123", &"my secret/x"]).unwrap();
        assert_eq!(encoded, [false, true]);
        assert_eq!(
            request.path_and_query(),
            "/accounts/abc123/secrets/my%20secret%2Fx"
        );
        for bad in ["", ".", ".."] {
            let error = Request::new(&GET_SECRET)
                .path_params([&"abc", &bad])
                .unwrap_err();
            assert_eq!(error.field(), Some("secret_name"), "{bad:?}");
        }
        let error = Request::new(&GET_SECRET).path_params([&"abc"]).unwrap_err();
        assert!(error.to_string().contains("internal error"), "{error}");
        let error = Request::new(&GET_SECRET)
            .path_params([&"a", &"b", &"c"])
            .unwrap_err();
        assert!(error.to_string().contains("internal error"), "{error}");
        let mut numbered = Request::new(&GET_SECRET);
        numbered.path_params([&"a", &7u64]).unwrap();
        assert_eq!(numbered.path_and_query(), "/accounts/a/secrets/7");
    }

    /// Seeded random segments: a filled path always has the template's literal pieces and
    /// decodes back to the values given.
    #[test]
    fn path_params_round_trip_random_values() {
        let alphabet = [
            'a', 'Z', '0', ' ', '/', '?', '#', '%', 'é', '~', ':', '@', '+',
        ];
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..2_000 {
            let mut value = || -> String {
                (0..rng.usize(3..10))
                    .map(|_| alphabet[rng.usize(0..alphabet.len())])
                    .collect()
            };
            let (account, secret) = (value(), value());
            let mut request = Request::new(&GET_SECRET);
            request
                .path_params([&account.as_str(), &secret.as_str()])
                .unwrap();
            let path = request.path_and_query();
            let pieces: Vec<&str> = path.split('/').collect();
            assert_eq!(pieces.len(), 5, "{path}");
            assert_eq!((pieces[1], pieces[3]), ("accounts", "secrets"));
            let decode = |text: &str| {
                percent_encoding::percent_decode_str(text)
                    .decode_utf8()
                    .unwrap()
                    .into_owned()
            };
            assert_eq!(decode(pieces[2]), account);
            assert_eq!(decode(pieces[4]), secret);
        }
    }

    #[test]
    fn set_query_replaces_and_options_and_lists_expand() {
        let mut request = Request::new(&GET_SECRET);
        request.query("page", &Some(2u64));
        request.query("per_page", &None::<u8>);
        request.query("scopes", &vec!["a".to_owned(), "b c".to_owned()]);
        request.set_query("page", &3u32);
        assert_eq!(request.query_value("page"), Some("3"));
        assert_eq!(request.query_value("per_page"), None);
        assert_eq!(request.path_and_query(), "?scopes=a&scopes=b%20c&page=3");
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
