//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).
#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]

/// Collides with `option` after naming.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct OptionValue {
    /// The `loop` field.
    #[serde(rename = "loop")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loop_: Option<String>,
}

impl OptionValue {
    /// Builds a `OptionValue` from its required fields.
    pub fn new() -> Self {
        Self { loop_: None }
    }

    /// Sets `loop`.
    pub fn loop_(mut self, loop_: impl Into<String>) -> Self {
        self.loop_ = Some(loop_.into());
        self
    }
}

impl Default for OptionValue {
    fn default() -> Self {
        Self::new()
    }
}

impl crate::runtime::Validate for OptionValue {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        Ok(())
    }
}

/// The `option` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct OptionValue2 {
    /// The `match` field.
    #[serde(rename = "match")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_: Option<String>,
}

impl crate::runtime::Validate for OptionValue2 {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        Ok(())
    }
}

/// A schema named like a prelude type.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ResultValue {
    /// The `type` field.
    #[serde(rename = "type")]
    pub type_: String,
    /// The `self` field.
    #[serde(rename = "self")]
    pub self_: String,
    /// The `foo-bar` field.
    #[serde(rename = "foo-bar")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foo_bar: Option<String>,
    /// The `foo_bar` field.
    #[serde(rename = "foo_bar")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foo_bar_2: Option<String>,
    /// The `fooBar` field.
    #[serde(rename = "fooBar")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foo_bar_3: Option<String>,
    /// The `2fa` field.
    #[serde(rename = "2fa")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub _2fa: Option<bool>,
    /// The `` field.
    #[serde(rename = "")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The `{braces}` field.
    #[serde(rename = "{braces}")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

    /// Sets `foo-bar`.
    pub fn foo_bar(mut self, foo_bar: impl Into<String>) -> Self {
        self.foo_bar = Some(foo_bar.into());
        self
    }

    /// Sets `foo_bar`.
    pub fn foo_bar_2(mut self, foo_bar_2: impl Into<String>) -> Self {
        self.foo_bar_2 = Some(foo_bar_2.into());
        self
    }

    /// Sets `fooBar`.
    pub fn foo_bar_3(mut self, foo_bar_3: impl Into<String>) -> Self {
        self.foo_bar_3 = Some(foo_bar_3.into());
        self
    }

    /// Sets `2fa`.
    pub fn _2fa(mut self, _2fa: bool) -> Self {
        self._2fa = Some(_2fa);
        self
    }

    /// Sets ``.
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// Sets `{braces}`.
    pub fn braces(mut self, braces: impl Into<String>) -> Self {
        self.braces = Some(braces.into());
        self
    }

    /// Collides with `option` after naming.
    pub fn other(mut self, other: OptionValue) -> Self {
        self.other = Some(other);
        self
    }
}

impl crate::runtime::Validate for ResultValue {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        if let Some(value) = &self.braces {
            let path = format!("{field}.{{braces}}");
            crate::runtime::validate::max_length(&path, value.as_str(), 3u64)?;
        }
        Ok(())
    }
}

/// The `Weird` values.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Weird {
    /// `unknown`.
    Unknown2,
    /// `Unknown`.
    Unknown3,
    /// `1d`.
    V1d,
    /// `+`.
    Empty,
    /// ``.
    Empty2,
    /// `self`.
    SelfValue,
    /// `ai-gateway`.
    AiGateway,
    /// `ai_gateway`.
    AiGateway2,
    /// A value this version of the SDK does not know (sent by the server).
    Unknown(crate::runtime::UnknownValue),
}

impl Weird {
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Unknown2 => "unknown",
            Self::Unknown3 => "Unknown",
            Self::V1d => "1d",
            Self::Empty => "+",
            Self::Empty2 => "",
            Self::SelfValue => "self",
            Self::AiGateway => "ai-gateway",
            Self::AiGateway2 => "ai_gateway",
            Self::Unknown(value) => value.as_str(),
        }
    }

    /// The variant for a value the spec lists.
    fn known(value: &str) -> Option<Self> {
        match value {
            "unknown" => Some(Self::Unknown2),
            "Unknown" => Some(Self::Unknown3),
            "1d" => Some(Self::V1d),
            "+" => Some(Self::Empty),
            "" => Some(Self::Empty2),
            "self" => Some(Self::SelfValue),
            "ai-gateway" => Some(Self::AiGateway),
            "ai_gateway" => Some(Self::AiGateway2),
            _ => None,
        }
    }
}

impl ::std::fmt::Display for Weird {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::std::str::FromStr for Weird {
    type Err = crate::runtime::Error;
    fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
        Self::known(value)
            .ok_or_else(|| crate::runtime::Error::validation(
                "value",
                "is not a known `Weird` value (expected one of: unknown, Unknown, 1d, +, , self, ai-gateway, ai_gateway)",
            ))
    }
}

impl ::serde::Serialize for Weird {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for Weird {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
        match Self::known(&value) {
            Some(known) => Ok(known),
            None => {
                <crate::runtime::UnknownValue as ::serde::Deserialize>::deserialize(
                        ::serde::de::value::StringDeserializer::<D::Error>::new(value),
                    )
                    .map(Self::Unknown)
            }
        }
    }
}

impl crate::runtime::Validate for Weird {
    fn validate(&self, _field: &str) -> crate::runtime::Result<()> {
        Ok(())
    }
}
