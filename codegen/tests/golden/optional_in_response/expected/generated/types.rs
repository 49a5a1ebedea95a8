//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).
#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]

#[allow(unused_imports)]
use super::ids;
use crate::runtime;

runtime::string_enum! {
    /// A key format.
    ///
    /// Spec: `#/components/schemas/Format`.
    #[non_exhaustive]
    unknown Format {
        Raw = "raw",
        Jwk = "jwk",
    }
}

/// A key. Responses guarantee only `name`.
///
/// Spec: `#/components/schemas/Key`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct Key {
    /// The key's name.
    pub name: String,
    /// The algorithm, as free-form JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<::serde_json::Value>,
    /// A key format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
}

impl runtime::Validate for Key {}

/// A key. Responses guarantee only `name`.
///
/// Spec: `#/components/schemas/Key`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct KeyInput {
    /// The key's name.
    pub name: String,
    /// The algorithm, as free-form JSON.
    pub algorithm: ::serde_json::Value,
    /// A key format.
    pub format: Format,
}

impl KeyInput {
    /// Builds a `KeyInput` from its required fields.
    pub fn new(name: impl Into<String>, algorithm: ::serde_json::Value, format: Format) -> Self {
        Self { name: name.into(), algorithm, format }
    }
}

impl runtime::Validate for KeyInput {}

/// A report on the keys.
///
/// Spec: `#/components/schemas/Report`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// The report's identifier.
    pub id: String,
    /// How many keys there are; older servers leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
}

impl runtime::Validate for Report {}
