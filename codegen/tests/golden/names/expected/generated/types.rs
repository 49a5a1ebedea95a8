//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).
#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]

#[allow(unused_imports)]
use super::ids;
use crate::runtime;

/// Collides with `option` after naming.
///
/// Spec: `#/components/schemas/Option`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct OptionValue {
    /// The `loop` field.
    #[serde(rename = "loop", default, skip_serializing_if = "Option::is_none")]
    pub loop_: Option<String>,
}

impl OptionValue {
    /// Builds a `OptionValue` from its required fields.
    pub fn new() -> Self {
        Self { loop_: None }
    }
}

runtime::setters! {
    struct OptionValue {
        /// Sets `loop`.
        loop_: impl Into<String>,
    }
}

impl Default for OptionValue {
    fn default() -> Self {
        Self::new()
    }
}

impl runtime::Validate for OptionValue {}

/// The `option` object.
///
/// Spec: `#/components/schemas/option`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct OptionValue2 {
    /// The `match` field.
    #[serde(rename = "match", default, skip_serializing_if = "Option::is_none")]
    pub match_: Option<String>,
}

impl runtime::Validate for OptionValue2 {}

/// A schema named like a prelude type.
///
/// Spec: `#/components/schemas/Result`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct ResultValue {
    /// The `type` field.
    #[serde(rename = "type")]
    pub type_: String,
    /// The `self` field.
    #[serde(rename = "self")]
    pub self_: String,
    /// The `foo-bar` field.
    #[serde(rename = "foo-bar", default, skip_serializing_if = "Option::is_none")]
    pub foo_bar: Option<String>,
    /// The `foo_bar` field.
    #[serde(rename = "foo_bar", default, skip_serializing_if = "Option::is_none")]
    pub foo_bar_2: Option<String>,
    /// The `fooBar` field.
    #[serde(rename = "fooBar", default, skip_serializing_if = "Option::is_none")]
    pub foo_bar_3: Option<String>,
    /// The `2fa` field.
    #[serde(rename = "2fa", default, skip_serializing_if = "Option::is_none")]
    pub _2fa: Option<bool>,
    /// The `` field.
    #[serde(rename = "", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The `{braces}` field.
    #[serde(rename = "{braces}", default, skip_serializing_if = "Option::is_none")]
    pub braces: Option<String>,
    /// Collides with `option` after naming.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<OptionValue>,
}

impl ResultValue {
    /// Builds a `ResultValue` from its required fields.
    pub fn new(type_: impl Into<String>, self_: impl Into<String>) -> Self {
        Self {
            type_: type_.into(),
            self_: self_.into(),
            foo_bar: None,
            foo_bar_2: None,
            foo_bar_3: None,
            _2fa: None,
            value: None,
            braces: None,
            other: None,
        }
    }
}

runtime::setters! {
    struct ResultValue {
        /// Sets `foo-bar`.
        foo_bar: impl Into<String>,
        /// Sets `foo_bar`.
        foo_bar_2: impl Into<String>,
        /// Sets `fooBar`.
        foo_bar_3: impl Into<String>,
        /// Sets `2fa`.
        _2fa: bool,
        /// Sets ``.
        value: impl Into<String>,
        /// Sets `{braces}`.
        braces: impl Into<String>,
        /// Collides with `option` after naming.
        other: OptionValue,
    }
}

impl runtime::Validate for ResultValue {
    fn validate(&self, field: &str) -> runtime::Result<()> {
        runtime::check(
            &format!("{field}.{{braces}}"),
            &self.braces,
            &runtime::Rules::NONE.max_length(3),
        )?;
        Ok(())
    }
}

runtime::string_enum! {
    /// The `Weird` values.
    ///
    /// Spec: `#/components/schemas/Weird`.
    #[non_exhaustive]
    unknown Weird {
        Unknown2 = "unknown",
        Unknown3 = "Unknown",
        V1d = "1d",
        Empty = "+",
        Empty2 = "",
        SelfValue = "self",
        AiGateway = "ai-gateway",
        AiGateway2 = "ai_gateway",
    }
}
