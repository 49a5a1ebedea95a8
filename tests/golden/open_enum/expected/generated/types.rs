//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).
#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]

/// Request-only, so closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// `asc`.
    Asc,
    /// `desc`.
    Desc,
}

impl Direction {
    /// The value as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Asc => "asc",
            Self::Desc => "desc",
        }
    }

    /// The variant for a value the spec lists.
    fn known(value: &str) -> Option<Self> {
        match value {
            "asc" => Some(Self::Asc),
            "desc" => Some(Self::Desc),
            _ => None,
        }
    }
}

impl ::std::fmt::Display for Direction {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::std::str::FromStr for Direction {
    type Err = crate::runtime::Error;
    fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
        Self::known(value)
            .ok_or_else(|| crate::runtime::Error::validation(
                "value",
                "is not a known `Direction` value (expected one of: asc, desc)",
            ))
    }
}

impl ::serde::Serialize for Direction {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for Direction {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
        match Self::known(&value) {
            Some(known) => Ok(known),
            None => {
                Err(
                    <D::Error as ::serde::de::Error>::unknown_variant(
                        &value,
                        &["asc", "desc"],
                    ),
                )
            }
        }
    }
}

impl crate::runtime::Validate for Direction {
    fn validate(&self, _field: &str) -> crate::runtime::Result<()> {
        Ok(())
    }
}

/// An open set of scopes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Scope {
    /// `workers`.
    Workers,
    /// `ai_gateway`.
    AiGateway,
    /// Any other value (the API accepts values the spec does not list).
    Other(String),
}

impl Scope {
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Workers => "workers",
            Self::AiGateway => "ai_gateway",
            Self::Other(value) => value.as_str(),
        }
    }

    /// The variant for a value the spec lists.
    fn known(value: &str) -> Option<Self> {
        match value {
            "workers" => Some(Self::Workers),
            "ai_gateway" => Some(Self::AiGateway),
            _ => None,
        }
    }
}

impl ::std::fmt::Display for Scope {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::std::str::FromStr for Scope {
    type Err = crate::runtime::Error;
    fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
        Ok(Self::known(value).unwrap_or_else(|| Self::Other(value.to_owned())))
    }
}

impl ::serde::Serialize for Scope {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for Scope {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
        match Self::known(&value) {
            Some(known) => Ok(known),
            None => Ok(Self::Other(value)),
        }
    }
}

impl crate::runtime::Validate for Scope {
    fn validate(&self, _field: &str) -> crate::runtime::Result<()> {
        Ok(())
    }
}

/// The `Secret` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct Secret {
    /// The `id` field.
    pub id: String,
    /// Seen in responses, so tolerant of new values.
    pub status: Status,
    /// The `scopes` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<Scope>>,
}

impl crate::runtime::Validate for Secret {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        Ok(())
    }
}

/// Seen in responses, so tolerant of new values.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Status {
    /// `pending`.
    Pending,
    /// `active`.
    Active,
    /// `deleted`.
    Deleted,
    /// A value this version of the SDK does not know (sent by the server).
    Unknown(crate::runtime::UnknownValue),
}

impl Status {
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Pending => "pending",
            Self::Active => "active",
            Self::Deleted => "deleted",
            Self::Unknown(value) => value.as_str(),
        }
    }

    /// The variant for a value the spec lists.
    fn known(value: &str) -> Option<Self> {
        match value {
            "pending" => Some(Self::Pending),
            "active" => Some(Self::Active),
            "deleted" => Some(Self::Deleted),
            _ => None,
        }
    }
}

impl ::std::fmt::Display for Status {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::std::str::FromStr for Status {
    type Err = crate::runtime::Error;
    fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
        Self::known(value)
            .ok_or_else(|| crate::runtime::Error::validation(
                "value",
                "is not a known `Status` value (expected one of: pending, active, deleted)",
            ))
    }
}

impl ::serde::Serialize for Status {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for Status {
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

impl crate::runtime::Validate for Status {
    fn validate(&self, _field: &str) -> crate::runtime::Result<()> {
        Ok(())
    }
}
