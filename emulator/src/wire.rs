//! The wire: reading request JSON and query strings, and writing Cloudflare's envelopes,
//! timestamps and identifiers.
//!
//! Request bodies are parsed as JSON whatever their `Content-Type` (wrangler sends
//! `text/plain`). Field readers name the field in their errors (`body[0].name is required`) and
//! never echo a value. Every response is an envelope `{success, errors, messages, result}`
//! (plus `result_info` on a page).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use serde_json::{Map, Value, json};

use crate::limits::{ApiError, ApiResult, codes};

/// Whether a request body is empty (nothing but whitespace).
pub fn is_empty_body(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

/// Parses a JSON body whatever its `Content-Type`.
pub fn json_body(body: &[u8]) -> ApiResult<Value> {
    if is_empty_body(body) {
        return Err(ApiError::new(
            400,
            codes::MALFORMED_JSON,
            "Request body is empty; expected JSON",
        ));
    }
    serde_json::from_slice(body).map_err(|error| {
        // serde_json's syntax errors name a line and column, never the input's text.
        ApiError::new(
            400,
            codes::MALFORMED_JSON,
            format!("Malformed JSON in request body: {error}"),
        )
    })
}

/// Reads a required string field of a JSON object (Secrets Store error code).
pub fn required_string(object: &Map<String, Value>, field: &str, at: &str) -> ApiResult<String> {
    match object.get(field) {
        Some(Value::String(text)) => Ok(text.clone()),
        Some(_) => Err(ApiError::store_invalid(format!(
            "{at}.{field} must be a string"
        ))),
        None => Err(ApiError::store_invalid(format!("{at}.{field} is required"))),
    }
}

/// Reads an optional string field; JSON `null` counts as absent (Secrets Store error code).
pub fn optional_string(
    object: &Map<String, Value>,
    field: &str,
    at: &str,
) -> ApiResult<Option<String>> {
    match object.get(field) {
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(Value::Null) | None => Ok(None),
        Some(_) => Err(ApiError::store_invalid(format!(
            "{at}.{field} must be a string"
        ))),
    }
}

/// Reads an array of non-empty strings (Secrets Store scopes, secret ids).
pub fn string_array(value: &Value, at: &str) -> ApiResult<Vec<String>> {
    let items = value
        .as_array()
        .ok_or_else(|| ApiError::store_invalid(format!("{at} must be an array of strings")))?;
    let mut strings = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(text) if !text.is_empty() => strings.push(text.to_owned()),
            _ => {
                return Err(ApiError::store_invalid(format!(
                    "{at}[{index}] must be a non-empty string"
                )));
            }
        }
    }
    Ok(strings)
}

/// The query string as decoded key/value pairs, repeated keys kept.
#[derive(Debug, Default)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// Decodes a raw query string (`+` is a space).
    pub fn parse(raw: Option<&str>) -> Query {
        let decode = |text: &str| {
            let text = text.replace('+', " ");
            percent_decode_str(&text).decode_utf8_lossy().into_owned()
        };
        Query(
            raw.unwrap_or_default()
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| match pair.split_once('=') {
                    Some((key, value)) => (decode(key), decode(value)),
                    None => (decode(pair), String::new()),
                })
                .collect(),
        )
    }

    /// The first value of `key`.
    pub fn first(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    /// Every value of a repeated key (also `key[]`), with comma-joined values split too.
    pub fn all(&self, key: &str) -> Vec<String> {
        let bracketed = format!("{key}[]");
        self.0
            .iter()
            .filter(|(name, _)| name == key || *name == bracketed)
            .flat_map(|(_, value)| value.split(','))
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// A boolean flag: absent or `false` is false, `true` or a bare key is true.
    pub fn flag(&self, key: &str, code: u32) -> ApiResult<bool> {
        match self.first(key) {
            None | Some("false") => Ok(false),
            Some("true") | Some("") => Ok(true),
            Some(_) => Err(ApiError::new(
                400,
                code,
                format!("{key} must be true or false"),
            )),
        }
    }

    /// A non-negative integer, `default` when absent or empty.
    pub fn number(&self, key: &str, default: u64) -> ApiResult<u64> {
        match self.first(key) {
            None | Some("") => Ok(default),
            Some(text) => text.parse::<u64>().map_err(|_| {
                ApiError::store_invalid(format!("{key} must be a non-negative integer"))
            }),
        }
    }
}

/// The current time as RFC 3339 with microseconds and `Z`, as the API writes it.
pub fn now_timestamp() -> String {
    let now = jiff::Timestamp::now();
    let micros = now.as_microsecond();
    match jiff::Timestamp::from_microsecond(micros) {
        Ok(rounded) => format!("{rounded:.6}"),
        Err(_) => format!("{now:.6}"),
    }
}

/// A fresh identifier: 32 lowercase hex characters.
pub fn new_id() -> String {
    format!("{:032x}", fastrand::u128(..))
}

/// A JSON response with this status.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body.to_string(),
    )
        .into_response()
}

/// A success envelope around `result`.
pub fn success(status: StatusCode, result: Value) -> Response {
    json_response(
        status,
        &json!({"success": true, "errors": [], "messages": [], "result": result}),
    )
}

/// A `200` success envelope around `result`.
pub fn ok(result: Value) -> ApiResult<Response> {
    Ok(success(StatusCode::OK, result))
}

/// A success envelope around a list and its `result_info`.
pub fn success_list(items: Vec<Value>, result_info: Value) -> Response {
    json_response(
        StatusCode::OK,
        &json!({
            "success": true,
            "errors": [],
            "messages": [],
            "result": items,
            "result_info": result_info,
        }),
    )
}

/// The failure envelope for an error.
pub fn envelope_failure(error: &ApiError) -> Value {
    json!({
        "success": false,
        "errors": [{"code": error.code, "message": error.message}],
        "messages": [],
        "result": null,
    })
}

/// The failure envelope with the error's status.
pub fn error_response(error: &ApiError) -> Response {
    let status = StatusCode::from_u16(error.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    json_response(status, &envelope_failure(error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_accept_repeated_keys_and_commas() {
        let query = Query::parse(Some("scopes=workers&scopes=ai_gateway,dex&search=a+b"));
        assert_eq!(query.all("scopes"), ["workers", "ai_gateway", "dex"]);
        assert_eq!(query.first("search"), Some("a b"));
    }

    #[test]
    fn timestamps_have_microseconds_and_z() {
        let stamp = now_timestamp();
        assert!(stamp.ends_with('Z'), "{stamp}");
        let fraction = stamp.rsplit('.').next().unwrap_or_default();
        assert_eq!(fraction.len(), 7, "{stamp}");
        assert!(stamp.parse::<jiff::Timestamp>().is_ok());
    }

    #[test]
    fn ids_are_32_lowercase_hex() {
        let id = new_id();
        assert_eq!(id.len(), 32);
        assert!(
            id.chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
        );
    }

    #[test]
    fn string_arrays_name_the_bad_item() {
        let error = string_array(&json!(["a", 3]), "body.ids").expect_err("3 is not a string");
        assert_eq!(error.message, "body.ids[1] must be a non-empty string");
        assert_eq!(
            string_array(&json!(["a", "b"]), "x").expect("strings"),
            ["a", "b"]
        );
    }
}
