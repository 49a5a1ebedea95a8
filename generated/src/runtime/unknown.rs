//! [`UnknownValue`]: an enum value the server sent that the spec does not know yet.
//! [`UnknownVariant`]: a union member (a tagged object) of a kind the spec does not know yet.

use std::fmt;

use serde::de::{DeserializeSeed, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value of a response enum that this version of the SDK does not know.
///
/// Generated response enums end with an `Unknown(UnknownValue)` variant so that a value
/// Cloudflare adds later still deserializes, and serializes back unchanged. There is no public
/// constructor: callers cannot send a value the spec does not list.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Wraps a value received from the server. Only the SDK (generated code) builds these.
    #[allow(dead_code, reason = "called by generated enums")]
    pub(crate) fn new(value: impl Into<String>) -> Self {
        UnknownValue(value.into())
    }

    /// Returns the value as the server sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for UnknownValue {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for UnknownValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for UnknownValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(UnknownValue)
    }
}

/// A member of a response union (for example a `SecretBinding`) whose tag this version of the
/// SDK does not know.
///
/// Generated response unions end with an `Unknown(UnknownVariant)` variant so that a kind
/// Cloudflare adds later still deserializes (a list with one new-kind item still decodes), and
/// serializes back exactly as received. There is no public constructor: callers cannot send a
/// kind the spec does not list. The only way to get one is to deserialize a union member
/// (generated unions do it through [`UnknownVariantSeed`]).
///
/// `Debug` shows the tag and the names of the object's fields, never their values.
#[derive(Clone, PartialEq)]
pub struct UnknownVariant {
    tag: String,
    json: serde_json::Value,
}

impl UnknownVariant {
    /// The tag value the server sent (for example `"secret_cert"`).
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The whole JSON object as received, tag included.
    pub fn json(&self) -> &serde_json::Value {
        &self.json
    }
}

impl fmt::Debug for UnknownVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fields: Vec<&str> = self
            .json
            .as_object()
            .map(|object| object.keys().map(String::as_str).collect())
            .unwrap_or_default();
        f.debug_struct("UnknownVariant")
            .field("tag", &self.tag)
            .field("fields", &fields)
            .finish()
    }
}

impl Serialize for UnknownVariant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

/// Deserializes an [`UnknownVariant`] from a union member (a JSON object) whose tag field is
/// `tag_field`; the tag must be present and a string.
///
/// Generated response unions use this for tags they do not know; it is public only because the
/// generated code names it by path. It builds nothing a deserializer did not provide.
#[derive(Clone, Copy, Debug)]
pub struct UnknownVariantSeed {
    tag_field: &'static str,
}

impl UnknownVariantSeed {
    /// A seed for unions tagged by `tag_field` (for example `"type"`).
    pub const fn new(tag_field: &'static str) -> Self {
        UnknownVariantSeed { tag_field }
    }
}

impl<'de> DeserializeSeed<'de> for UnknownVariantSeed {
    type Value = UnknownVariant;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<UnknownVariant, D::Error> {
        let json = serde_json::Value::deserialize(deserializer)?;
        let Some(object) = json.as_object() else {
            return Err(D::Error::custom(format_args!(
                "expected an object with a string `{}` field",
                self.tag_field
            )));
        };
        let tag = match object.get(self.tag_field) {
            Some(serde_json::Value::String(tag)) => tag.clone(),
            Some(_) => {
                return Err(D::Error::custom(format_args!(
                    "the `{}` field must be a string",
                    self.tag_field
                )));
            }
            None => return Err(D::Error::missing_field(self.tag_field)),
        };
        Ok(UnknownVariant { tag, json })
    }
}

/// Reads a response union member as JSON and returns its tag with the JSON: the first step of
/// every generated response union's `Deserialize`. The member must be an object whose
/// `tag_field` is a string.
pub fn union_tag<'de, D: Deserializer<'de>>(
    deserializer: D,
    tag_field: &'static str,
) -> Result<(String, serde_json::Value), D::Error> {
    let json = serde_json::Value::deserialize(deserializer)?;
    let Some(object) = json.as_object() else {
        return Err(D::Error::custom(format_args!(
            "expected an object with a string `{tag_field}` field"
        )));
    };
    let tag = match object.get(tag_field) {
        Some(serde_json::Value::String(tag)) => tag.clone(),
        Some(_) => {
            return Err(D::Error::custom(format_args!(
                "the `{tag_field}` field must be a string"
            )));
        }
        None => return Err(D::Error::missing_field(tag_field)),
    };
    Ok((tag, json))
}

/// Decodes a union member whose tag names a known variant (a malformed body is an error).
pub fn union_variant<'de, D: Deserializer<'de>, T: serde::de::DeserializeOwned>(
    json: serde_json::Value,
) -> Result<T, D::Error> {
    serde_json::from_value(json).map_err(D::Error::custom)
}

/// Decodes a member of a lenient union (`x-sdk-lenient-union`) whose tag names a known variant:
/// `Ok(Ok(value))` when its fields fit, `Ok(Err(kept))` when they do not (the member is kept as
/// received, as for an unknown tag). Only a member that is not an object with a string tag is an
/// error.
pub fn union_variant_or_unknown<'de, D: Deserializer<'de>, T: serde::de::DeserializeOwned>(
    tag_field: &'static str,
    json: serde_json::Value,
) -> Result<Result<T, UnknownVariant>, D::Error> {
    match T::deserialize(&json) {
        Ok(value) => Ok(Ok(value)),
        Err(_) => union_unknown::<D>(tag_field, json).map(Err),
    }
}

/// Keeps a union member whose tag no variant names, as received.
pub fn union_unknown<'de, D: Deserializer<'de>>(
    tag_field: &'static str,
    json: serde_json::Value,
) -> Result<UnknownVariant, D::Error> {
    UnknownVariantSeed::new(tag_field)
        .deserialize(json)
        .map_err(D::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_variant_serializes_as_kept_and_debug_hides_values() {
        let json = serde_json::json!({"name": "X", "type": "secret_cert", "cert": "PEM-VALUE"});
        let variant = UnknownVariantSeed::new("type")
            .deserialize(json.clone())
            .unwrap();
        assert_eq!(variant.tag(), "secret_cert");
        assert_eq!(variant.json(), &json);
        assert_eq!(serde_json::to_value(&variant).unwrap(), json);
        let debug = format!("{variant:?}");
        assert!(
            debug.contains("secret_cert") && debug.contains("cert"),
            "{debug}"
        );
        assert!(!debug.contains("PEM-VALUE"), "{debug}");
    }

    #[test]
    fn the_seed_wants_an_object_with_a_string_tag() {
        let seed = UnknownVariantSeed::new("kind");
        for json in [
            serde_json::json!({"type": "x"}),
            serde_json::json!({"kind": 1}),
            serde_json::json!(["kind"]),
        ] {
            let error = seed.deserialize(json).unwrap_err();
            assert!(error.to_string().contains("`kind`"), "{error}");
        }
    }

    #[test]
    fn round_trips_as_a_string() {
        let value: UnknownValue = serde_json::from_str("\"quantum\"").unwrap();
        assert_eq!(value.as_str(), "quantum");
        assert_eq!(value.to_string(), "quantum");
        assert_eq!(serde_json::to_string(&value).unwrap(), "\"quantum\"");
        assert!(serde_json::from_str::<UnknownValue>("1").is_err());
    }
}
