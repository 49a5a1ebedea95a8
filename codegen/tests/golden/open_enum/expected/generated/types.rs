//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).
#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]

#[allow(unused_imports)]
use super::ids;
use crate::runtime;

runtime::string_enum! {
    /// Request-only, so closed.
    ///
    /// Spec: `#/components/schemas/Direction`.
    #[non_exhaustive]
    closed Direction {
        Asc = "asc",
        Desc = "desc",
    }
}

runtime::string_enum! {
    /// An open set of scopes.
    ///
    /// Spec: `#/components/schemas/Scope`.
    #[non_exhaustive]
    other Scope {
        Workers = "workers",
        AiGateway = "ai_gateway",
    }
}

/// The `Secret` object.
///
/// Spec: `#/components/schemas/Secret`.
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

impl runtime::Validate for Secret {}

runtime::string_enum! {
    /// Seen in responses, so tolerant of new values.
    ///
    /// Spec: `#/components/schemas/Status`.
    #[non_exhaustive]
    unknown Status {
        Pending = "pending",
        Active = "active",
        Deleted = "deleted",
    }
}
