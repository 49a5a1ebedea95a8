//! The Cloudflare response envelope (`success`, `errors`, `messages`, `result`, `result_info`)
//! and its decoding into [`ApiResponse`] and [`Page`].

use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

use super::error::{Error, Result, body_snippet};

/// One entry of the envelope's `errors` or `messages` array.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseMessage {
    /// Cloudflare's numeric code (1000 and up; 0 when the server sent none).
    #[serde(default, deserialize_with = "lenient_i64")]
    pub code: i64,
    /// The human-readable message.
    #[serde(default)]
    pub message: String,
    /// A link to documentation about this error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_url: Option<String>,
    /// Where in the request the problem is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<MessageSource>,
}

/// The `source` of a [`ResponseMessage`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageSource {
    /// A JSON pointer into the request body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

/// Pagination information of a list response. Every field is optional; Cloudflare types them
/// as `number`, so `100.0` is read as `100`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResultInfo {
    /// The number of items on this page.
    #[serde(default, deserialize_with = "lenient_u64")]
    pub count: Option<u64>,
    /// The page number of this page.
    #[serde(default, deserialize_with = "lenient_u64")]
    pub page: Option<u64>,
    /// The page size the server used.
    #[serde(default, deserialize_with = "lenient_u64")]
    pub per_page: Option<u64>,
    /// The number of items across all pages.
    #[serde(default, deserialize_with = "lenient_u64")]
    pub total_count: Option<u64>,
    /// The number of pages.
    #[serde(default, deserialize_with = "lenient_u64")]
    pub total_pages: Option<u64>,
}

impl ResultInfo {
    /// Builds a `ResultInfo` (for tests and emulators); unknown fields stay `None`.
    pub fn new(
        page: Option<u64>,
        per_page: Option<u64>,
        count: Option<u64>,
        total_count: Option<u64>,
        total_pages: Option<u64>,
    ) -> Self {
        ResultInfo {
            count,
            page,
            per_page,
            total_count,
            total_pages,
        }
    }
}

/// Reads a non-negative number as `u64`, accepting integral floats such as `100.0`; anything
/// else (strings, negatives, fractions) becomes `None` rather than failing the whole response.
fn lenient_u64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(value.and_then(|value| match value {
        serde_json::Value::Number(number) => number.as_u64().or_else(|| {
            number
                .as_f64()
                .filter(|f| f.is_finite() && *f >= 0.0 && f.fract() == 0.0 && *f < 1.8e19)
                .map(|f| f as u64)
        }),
        _ => None,
    }))
}

/// Reads an error code as `i64`, accepting integral floats; anything else becomes 0.
fn lenient_i64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(match value {
        Some(serde_json::Value::Number(number)) => number
            .as_i64()
            .or_else(|| {
                number
                    .as_f64()
                    .filter(|f| f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e18)
                    .map(|f| f as i64)
            })
            .unwrap_or(0),
        _ => 0,
    })
}

/// A decoded response: the unwrapped `result` plus what else the server said.
#[derive(Clone)]
#[non_exhaustive]
pub struct ApiResponse<T> {
    /// The HTTP status (200, 201 or 202 for success).
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The envelope's `result`, decoded (`()` for operations that return nothing).
    pub result: T,
    /// The envelope's `result_info`, when present.
    pub result_info: Option<ResultInfo>,
    /// The envelope's `messages` (informational).
    pub messages: Vec<ResponseMessage>,
}

impl<T> ApiResponse<T> {
    /// Returns the decoded `result`, dropping the rest.
    pub fn into_result(self) -> T {
        self.result
    }

    /// Maps the result, keeping status, headers and messages.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ApiResponse<U> {
        ApiResponse {
            status: self.status,
            headers: self.headers,
            result: f(self.result),
            result_info: self.result_info,
            messages: self.messages,
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for ApiResponse<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values are not printed: a proxy may echo something sensitive.
        let header_names: Vec<&str> = self.headers.keys().map(|name| name.as_str()).collect();
        f.debug_struct("ApiResponse")
            .field("status", &self.status)
            .field("headers", &header_names)
            .field("result", &self.result)
            .field("result_info", &self.result_info)
            .field("messages", &self.messages)
            .finish()
    }
}

/// One page of a paginated list.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// The server's pagination information, when it sent any.
    pub result_info: Option<ResultInfo>,
}

impl<T> Page<T> {
    /// Builds a page (for tests and custom fetch functions given to `paginate`).
    pub fn new(items: Vec<T>, result_info: Option<ResultInfo>) -> Self {
        Page { items, result_info }
    }

    /// True when `result_info` says there is no page after this one. Without `result_info`
    /// this is false for a non-empty page: only an empty page ends such a list.
    pub fn is_last(&self) -> bool {
        if self.items.is_empty() {
            return true;
        }
        self.result_info
            .is_some_and(|info| info_says_last(&info, None, None, self.items.len()))
    }
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Decides from `result_info` whether a page is the last one.
///
/// `requested_page` and `requested_per_page` are what the client asked for, used only when the
/// server did not echo them; `seen_items` is the number of items received so far, including
/// this page.
pub(crate) fn info_says_last(
    info: &ResultInfo,
    requested_page: Option<u64>,
    requested_per_page: Option<u64>,
    seen_items: usize,
) -> bool {
    let page = info.page.or(requested_page);
    if let (Some(page), Some(total_pages)) = (page, info.total_pages)
        && page >= total_pages
    {
        return true;
    }
    if let Some(total_count) = info.total_count
        && seen_items as u64 >= total_count
    {
        return true;
    }
    if let (Some(count), Some(per_page)) = (info.count, info.per_page.or(requested_per_page))
        && count < per_page
    {
        return true;
    }
    false
}

/// The raw response of the last attempt, before the envelope is decoded.
pub(crate) struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// The envelope with `result` left as raw JSON.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(default)]
    success: Option<bool>,
    #[serde(default, deserialize_with = "null_as_empty")]
    errors: Vec<ResponseMessage>,
    #[serde(default, deserialize_with = "null_as_empty")]
    messages: Vec<ResponseMessage>,
    #[serde(default, borrow)]
    result: Option<&'a serde_json::value::RawValue>,
    #[serde(default)]
    result_info: Option<serde_json::Value>,
}

/// Reads `null` as an empty list.
fn null_as_empty<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<ResponseMessage>, D::Error> {
    Ok(Option::<Vec<ResponseMessage>>::deserialize(deserializer)?.unwrap_or_default())
}

/// True when `T` is `()`: such operations ignore whatever `result` holds.
fn is_unit<T: 'static>() -> bool {
    std::any::TypeId::of::<T>() == std::any::TypeId::of::<()>()
}

/// Checks the status and envelope and returns the raw `result`, or the error the response
/// describes. `T` is used only to let `()` results accept an empty 204/205 body.
fn open_envelope(
    raw: &RawResponse,
) -> Result<(Option<&str>, Option<ResultInfo>, Vec<ResponseMessage>)> {
    let status = raw.status;
    let body = raw.body.as_ref();
    if status.is_redirection() {
        return Err(Error::api(status, Vec::new(), Some(body_snippet(body)))
            .with_message(redirect_message(&raw.headers)));
    }
    if !status.is_success() {
        return Err(match serde_json::from_slice::<Envelope<'_>>(body) {
            Ok(envelope) if !envelope.errors.is_empty() => {
                Error::api(status, envelope.errors, Some(body_snippet(body)))
            }
            _ => Error::api(status, Vec::new(), Some(body_snippet(body))),
        });
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        if matches!(status.as_u16(), 204 | 205) {
            return Ok((None, None, Vec::new()));
        }
        return Err(Error::decode(status, "the response body is empty", body));
    }
    let envelope: Envelope<'_> = serde_json::from_slice(body).map_err(|error| {
        let reason = if error.is_eof() {
            "the JSON is truncated".to_owned()
        } else if error.is_syntax() {
            "the body is not JSON".to_owned()
        } else {
            format!("the body is not a Cloudflare response envelope ({error})")
        };
        Error::decode(status, reason, body)
    })?;
    let failed = match envelope.success {
        Some(success) => !success,
        None => !envelope.errors.is_empty(),
    };
    if failed {
        return Err(Error::api(
            status,
            envelope.errors,
            Some(body_snippet(body)),
        ));
    }
    let result_info = envelope
        .result_info
        .and_then(|value| serde_json::from_value::<ResultInfo>(value).ok());
    Ok((
        envelope.result.map(|raw| raw.get()),
        result_info,
        envelope.messages,
    ))
}

/// The message for a 3xx answer: the SDK follows no redirects, because a redirect to another
/// host would carry the credentials there.
fn redirect_message(headers: &HeaderMap) -> String {
    let target = headers
        .get(reqwest::header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|location| reqwest::Url::parse(location).ok())
        .and_then(|url| url.host_str().map(str::to_owned));
    let to = target
        .map(|host| format!(" to `{host}`"))
        .unwrap_or_default();
    format!(
        "the server answered with a redirect{to}; the SDK follows no redirects (they could \
         carry the credentials to another host): set the base URL to the final address"
    )
}

/// Explains why `text` (the raw `result`) is not a `T`, again with `serde_path_to_error` so
/// the message names the place: `result[3].algorithm: missing field` for one bad item of a
/// list. serde's text is kept only in forms that cannot hold a value from the body (see
/// [`value_free`]), so a secret the server sent does not reach the error.
fn shape_error<T: DeserializeOwned>(raw: &RawResponse, text: &str, what: &str) -> Error {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let (place, reason) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(error) => {
            let path = error.path().to_string();
            let place = if path == "." {
                "result".to_owned()
            } else if path.starts_with('[') {
                format!("result{path}")
            } else {
                format!("result.{path}")
            };
            (place, value_free(&error.into_inner().to_string()))
        }
        Ok(_) => ("result".to_owned(), "it did not decode".to_owned()),
    };
    Error::decode(
        raw.status,
        format!("{what}: at `{place}`: {reason}"),
        &raw.body,
    )
}

/// serde_json's message reduced to what cannot hold a value from the body: `invalid type:
/// string "x", expected u64` becomes `invalid type: string, expected u64`, an unknown variant
/// keeps only what was expected, and a custom message (which may quote the value) is replaced
/// by a generic one. Field names and what the type expected come from the SDK and are kept.
fn value_free(message: &str) -> String {
    let message = match message.rfind(" at line ") {
        Some(position) => &message[..position],
        None => message,
    };
    let expected = message
        .find(", expected")
        .map_or("", |position| &message[position..]);
    let keep_whole = [
        "missing field",
        "duplicate field",
        "unknown field",
        "invalid length",
        "data did not match",
        // The generated unions' own messages (static text naming the tag field).
        "expected an object with a string `",
    ];
    if message.starts_with("the `") && message.ends_with("` field must be a string") {
        return message.to_owned();
    }
    if keep_whole.iter().any(|start| message.starts_with(start)) {
        return message.to_owned();
    }
    for start in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(start) {
            let kind: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphabetic() || *c == ' ')
                .collect();
            return format!("{start}{}{expected}", kind.trim());
        }
    }
    if message.starts_with("unknown variant") {
        return format!("unknown variant{expected}");
    }
    "the value is not valid here".to_owned()
}

/// Decodes a response whose `result` is a `T` (`()` for null results).
pub(crate) fn decode<T: DeserializeOwned + 'static>(raw: RawResponse) -> Result<ApiResponse<T>> {
    let (result_text, result_info, messages) = open_envelope(&raw)?;
    let result_text = if is_unit::<T>() {
        "null"
    } else {
        result_text.unwrap_or("null")
    };
    let result = serde_json::from_str::<T>(result_text).map_err(|_| {
        shape_error::<T>(
            &raw,
            result_text,
            "`result` does not have the expected shape",
        )
    })?;
    Ok(ApiResponse {
        status: raw.status,
        headers: raw.headers,
        result,
        result_info,
        messages,
    })
}

/// Decodes a response whose `result` is an array of `T` (or `null`, read as an empty page).
pub(crate) fn decode_page<T: DeserializeOwned>(raw: RawResponse) -> Result<ApiResponse<Page<T>>> {
    let (result_text, result_info, messages) = open_envelope(&raw)?;
    let items = match result_text {
        None | Some("null") => Vec::new(),
        Some(text) => serde_json::from_str::<Vec<T>>(text).map_err(|_| {
            shape_error::<Vec<T>>(&raw, text, "`result` is not a list of the expected items")
        })?,
    };
    Ok(ApiResponse {
        status: raw.status,
        headers: raw.headers,
        result: Page { items, result_info },
        result_info,
        messages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(status: u16, body: &str) -> RawResponse {
        RawResponse {
            status: StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body: Bytes::copy_from_slice(body.as_bytes()),
        }
    }

    #[test]
    fn null_result_with_202_is_unit() {
        let response: ApiResponse<()> = decode(raw(
            202,
            r#"{"success":true,"errors":[],"messages":[],"result":null}"#,
        ))
        .unwrap();
        assert_eq!(response.status.as_u16(), 202);
    }

    #[test]
    fn unit_ignores_an_object_result() {
        decode::<()>(raw(
            200,
            r#"{"success":true,"errors":[],"messages":[],"result":{"id":"x"}}"#,
        ))
        .unwrap();
    }

    #[test]
    fn result_info_accepts_floats() {
        let response: ApiResponse<Page<u32>> = decode_page(raw(
            200,
            r#"{"success":true,"errors":[],"messages":[{"code":1000,"message":"hi"}],"result":[1,2],
                "result_info":{"page":1.0,"per_page":20,"count":2,"total_count":2.0}}"#,
        ))
        .unwrap();
        let info = response.result_info.unwrap();
        assert_eq!(info.page, Some(1));
        assert_eq!(info.total_count, Some(2));
        assert_eq!(response.result.items, vec![1, 2]);
        assert_eq!(response.messages[0].code, 1000);
        assert!(response.result.is_last());
    }

    #[test]
    fn wrong_result_type_is_a_decode_error() {
        let error = decode::<Vec<u32>>(raw(
            200,
            r#"{"success":true,"errors":[],"messages":[],"result":{"a":1}}"#,
        ))
        .unwrap_err();
        assert_eq!(error.kind(), super::super::error::ErrorKind::Decode);
        assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    }

    #[test]
    fn serde_messages_lose_the_values_they_quote() {
        let cases = [
            (
                "invalid type: string \"hunter2\", expected u64 at line 1 column 9",
                "invalid type: string, expected u64",
            ),
            (
                "invalid value: string \"hunter2\", expected a timestamp",
                "invalid value: string, expected a timestamp",
            ),
            (
                "unknown variant `hunter2`, expected `a` or `b`",
                "unknown variant, expected `a` or `b`",
            ),
            ("missing field `name`", "missing field `name`"),
            (
                "the `type` field must be a string",
                "the `type` field must be a string",
            ),
            (
                "failed to parse \"hunter2\" as a date",
                "the value is not valid here",
            ),
        ];
        for (message, expected) in cases {
            assert_eq!(value_free(message), expected);
        }
    }

    #[test]
    fn one_bad_list_item_is_named_by_index_and_field() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Item {
            name: String,
        }
        let error = decode_page::<Item>(raw(
            200,
            r#"{"success":true,"result":[{"name":"a"},{"name":"b"},{"name":7}]}"#,
        ))
        .unwrap_err();
        let text = error.to_string();
        assert!(
            text.contains("at `result[2].name`: invalid type: integer"),
            "{text}"
        );
    }

    #[test]
    fn last_page_rules() {
        let info = |page, per_page, count, total_count, total_pages| {
            ResultInfo::new(page, per_page, count, total_count, total_pages)
        };
        assert!(info_says_last(
            &info(Some(3), None, None, None, Some(3)),
            None,
            None,
            1
        ));
        assert!(!info_says_last(
            &info(Some(2), None, None, None, Some(3)),
            None,
            None,
            1
        ));
        assert!(info_says_last(
            &info(None, None, None, Some(5), None),
            None,
            None,
            5
        ));
        assert!(!info_says_last(
            &info(None, None, None, Some(6), None),
            None,
            None,
            5
        ));
        assert!(info_says_last(
            &info(None, Some(10), Some(3), None, None),
            None,
            None,
            13
        ));
        assert!(!info_says_last(
            &info(None, Some(10), Some(10), None, None),
            None,
            None,
            10
        ));
        assert!(info_says_last(
            &info(None, None, Some(3), None, None),
            None,
            Some(10),
            3
        ));
        assert!(!info_says_last(
            &ResultInfo::default(),
            Some(9),
            Some(10),
            90
        ));
    }
}
