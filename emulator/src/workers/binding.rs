//! A Workers secret binding: its request shape checked whole, its response shape, and what is
//! kept of its text or key material (a [`ValueDigest`], never the value).
//!
//! A key binding passes through [`check_key_binding`], the one place where a `secret_key`'s
//! algorithm, format and usages are judged before it is stored.

use serde_json::{Map, Value, json};

use crate::digest::{DigestKey, ValueDigest};
use crate::limits::{ApiError, ApiResult, MAX_WORKER_SECRET_BYTES, codes};

/// A stored Workers secret binding; of its value only a digest is kept.
#[derive(Clone, Debug, PartialEq)]
pub enum Binding {
    /// A `secret_text`.
    Text {
        /// The binding's name.
        name: String,
        /// What is kept of the text.
        text: ValueDigest,
    },
    /// A `secret_key` (a WebCrypto key).
    Key {
        /// The binding's name.
        name: String,
        /// The `algorithm` object, as sent.
        algorithm: Value,
        /// `raw`, `pkcs8`, `spki` or `jwk`.
        format: String,
        /// The key usages, as sent.
        usages: Vec<String>,
        /// What is kept of `key_base64`, or of `key_jwk` as compact JSON.
        material: ValueDigest,
    },
}

impl Binding {
    /// The response shape: never `text`, `key_base64` or `key_jwk`.
    pub fn to_response(&self) -> Value {
        match self {
            Binding::Text { name, .. } => json!({"name": name, "type": "secret_text"}),
            Binding::Key {
                name,
                algorithm,
                format,
                usages,
                ..
            } => json!({
                "name": name,
                "type": "secret_key",
                "algorithm": algorithm,
                "format": format,
                "usages": usages,
            }),
        }
    }

    /// The binding's name.
    pub fn name(&self) -> &str {
        match self {
            Binding::Text { name, .. } | Binding::Key { name, .. } => name,
        }
    }

    /// What is kept of the text or the key material.
    pub fn digest(&self) -> &ValueDigest {
        match self {
            Binding::Text { text, .. } => text,
            Binding::Key { material, .. } => material,
        }
    }
}

/// The key formats a `secret_key` may have.
const KEY_FORMATS: [&str; 4] = ["raw", "pkcs8", "spki", "jwk"];

/// The WebCrypto key usages.
const KEY_USAGES: [&str; 8] = [
    "encrypt",
    "decrypt",
    "sign",
    "verify",
    "deriveKey",
    "deriveBits",
    "wrapKey",
    "unwrapKey",
];

/// Refuses a Workers secret over [`MAX_WORKER_SECRET_BYTES`].
fn check_worker_secret_size(bytes: usize, at: &str) -> ApiResult<()> {
    if bytes > MAX_WORKER_SECRET_BYTES {
        return Err(ApiError::new(
            400,
            codes::WORKER_SECRET_TOO_LARGE,
            format!(
                "{at} is {bytes} bytes; a Workers secret may be at most {MAX_WORKER_SECRET_BYTES} bytes (5 KB)"
            ),
        ));
    }
    Ok(())
}

/// Checks one request-shape binding; `at` names it in messages (`body`, `secrets.API_KEY`).
pub(crate) fn parse_binding(value: &Value, at: &str, key: &DigestKey) -> ApiResult<Binding> {
    let object = value
        .as_object()
        .ok_or_else(|| ApiError::worker_invalid(format!("{at} must be a JSON object")))?;
    let name = match object.get("name") {
        Some(Value::String(name)) if !name.is_empty() => name.clone(),
        Some(Value::String(_)) => {
            return Err(ApiError::worker_invalid(format!(
                "{at}.name must not be empty"
            )));
        }
        Some(_) => {
            return Err(ApiError::worker_invalid(format!(
                "{at}.name must be a string"
            )));
        }
        None => return Err(ApiError::worker_invalid(format!("{at}.name is required"))),
    };
    match object.get("type").and_then(Value::as_str) {
        Some("secret_text") => match object.get("text") {
            Some(Value::String(text)) => {
                check_worker_secret_size(text.len(), &format!("{at}.text"))?;
                Ok(Binding::Text {
                    name,
                    text: key.digest(text.as_bytes()),
                })
            }
            Some(_) => Err(ApiError::worker_invalid(format!(
                "{at}.text must be a string"
            ))),
            None => Err(ApiError::worker_invalid(format!(
                "{at}.text is required for type secret_text"
            ))),
        },
        Some("secret_key") => parse_key_binding(object, name, at, key),
        Some(_) => Err(ApiError::worker_invalid(format!(
            "{at}.type must be secret_text or secret_key"
        ))),
        None => Err(ApiError::worker_invalid(format!(
            "{at}.type is required (secret_text or secret_key)"
        ))),
    }
}

/// A required field of a `secret_key` binding.
fn key_field<'a>(object: &'a Map<String, Value>, field: &str, at: &str) -> ApiResult<&'a Value> {
    object.get(field).ok_or_else(|| {
        ApiError::worker_invalid(format!("{at}.{field} is required for type secret_key"))
    })
}

/// Reads the fields of a `secret_key` binding, checks them with [`check_key_binding`], and
/// keeps a digest of the key material.
fn parse_key_binding(
    object: &Map<String, Value>,
    name: String,
    at: &str,
    key: &DigestKey,
) -> ApiResult<Binding> {
    let algorithm = key_field(object, "algorithm", at)?;
    if !algorithm.is_object() {
        return Err(ApiError::worker_invalid(format!(
            "{at}.algorithm must be a JSON object"
        )));
    }
    let format = key_field(object, "format", at)?
        .as_str()
        .filter(|format| KEY_FORMATS.contains(format))
        .ok_or_else(|| {
            ApiError::worker_invalid(format!("{at}.format must be one of raw, pkcs8, spki, jwk"))
        })?;
    let usages = match key_field(object, "usages", at)? {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                item.as_str().map(str::to_owned).ok_or_else(|| {
                    ApiError::worker_invalid(format!("{at}.usages[{index}] must be a string"))
                })
            })
            .collect::<ApiResult<Vec<String>>>()?,
        _ => {
            return Err(ApiError::worker_invalid(format!(
                "{at}.usages must be an array"
            )));
        }
    };
    let (field, material) = if format == "jwk" {
        match object.get("key_jwk") {
            Some(jwk @ Value::Object(_)) => ("key_jwk", jwk.to_string()),
            Some(_) => {
                return Err(ApiError::worker_invalid(format!(
                    "{at}.key_jwk must be a JSON object"
                )));
            }
            None => {
                return Err(ApiError::worker_invalid(format!(
                    "{at}.key_jwk is required when format is jwk"
                )));
            }
        }
    } else {
        match object.get("key_base64") {
            Some(Value::String(base64)) => ("key_base64", base64.clone()),
            Some(_) => {
                return Err(ApiError::worker_invalid(format!(
                    "{at}.key_base64 must be a string"
                )));
            }
            None => {
                return Err(ApiError::worker_invalid(format!(
                    "{at}.key_base64 is required when format is {format}"
                )));
            }
        }
    };
    check_key_binding(algorithm, format, &usages, at)?;
    check_worker_secret_size(material.len(), &format!("{at}.{field}"))?;
    Ok(Binding::Key {
        name,
        algorithm: algorithm.clone(),
        format: format.to_owned(),
        usages,
        material: key.digest(material.as_bytes()),
    })
}

/// The one place a `secret_key` binding is judged before it is stored: its `algorithm`, its
/// `format` (already one of raw, pkcs8, spki, jwk) and its `usages`.
///
/// The WebCrypto `importKey` rules (which usages an algorithm allows, which formats it
/// imports) belong to the SDK crate `cloudflare_secrets`, which checks a key before sending it;
/// this function is where the emulator calls those same rules, so that both refuse the same
/// keys. Until they are wired in, it checks that each usage is a WebCrypto usage.
pub fn check_key_binding(
    algorithm: &Value,
    format: &str,
    usages: &[String],
    at: &str,
) -> ApiResult<()> {
    let _ = (algorithm, format);
    for (index, usage) in usages.iter().enumerate() {
        if !KEY_USAGES.contains(&usage.as_str()) {
            return Err(ApiError::worker_invalid(format!(
                "{at}.usages[{index}] must be one of {}",
                KEY_USAGES.join(", ")
            )));
        }
    }
    Ok(())
}
