//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).
#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]

/// A key format.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Format {
    /// `raw`.
    Raw,
    /// `jwk`.
    Jwk,
    /// A value this version of the SDK does not know (sent by the server).
    Unknown(crate::runtime::UnknownValue),
}

impl Format {
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Raw => "raw",
            Self::Jwk => "jwk",
            Self::Unknown(value) => value.as_str(),
        }
    }

    /// The variant for a value the spec lists.
    fn known(value: &str) -> Option<Self> {
        match value {
            "raw" => Some(Self::Raw),
            "jwk" => Some(Self::Jwk),
            _ => None,
        }
    }
}

impl ::std::fmt::Display for Format {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::std::str::FromStr for Format {
    type Err = crate::runtime::Error;
    fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
        Self::known(value)
            .ok_or_else(|| crate::runtime::Error::validation(
                "value",
                "is not a known `Format` value (expected one of: raw, jwk)",
            ))
    }
}

impl ::serde::Serialize for Format {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for Format {
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

impl crate::runtime::Validate for Format {
    fn validate(&self, _field: &str) -> crate::runtime::Result<()> {
        Ok(())
    }
}

/// A key. Responses guarantee only `name`.
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

impl crate::runtime::Validate for Key {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        Ok(())
    }
}

/// A key. Responses guarantee only `name`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
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
    pub fn new(
        name: impl Into<String>,
        algorithm: ::serde_json::Value,
        format: Format,
    ) -> Self {
        Self {
            name: name.into(),
            algorithm,
            format,
        }
    }
}

impl crate::runtime::Validate for KeyInput {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        Ok(())
    }
}

/// A report on the keys.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// The report's identifier.
    pub id: String,
    /// How many keys there are; older servers leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
}

impl crate::runtime::Validate for Report {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        Ok(())
    }
}
