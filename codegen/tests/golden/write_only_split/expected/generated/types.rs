//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).
#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]

#[allow(unused_imports)]
use super::ids;
use crate::runtime;

/// The `Folder` object.
///
/// Spec: `#/components/schemas/Folder`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct Folder {
    /// The `items` field.
    pub items: Vec<Item>,
    /// The `label` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl runtime::Validate for Folder {}

/// The `Folder` object.
///
/// Spec: `#/components/schemas/Folder`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct FolderInput {
    /// The `items` field.
    pub items: Vec<ItemInput>,
    /// The `label` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl FolderInput {
    /// Builds a `FolderInput` from its required fields.
    pub fn new(items: Vec<ItemInput>) -> Self {
        Self { items, label: None }
    }
}

runtime::setters! {
    struct FolderInput {
        /// Sets `label`.
        label: impl Into<String>,
    }
}

impl runtime::Validate for FolderInput {
    fn validate(&self, field: &str) -> runtime::Result<()> {
        runtime::Validate::validate(&self.items, &format!("{field}.items"))?;
        Ok(())
    }
}

/// An item.
///
/// Spec: `#/components/schemas/Item`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct Item {
    /// Set by the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The `created_on` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_on: Option<::jiff::Timestamp>,
    /// The `name` field.
    pub name: String,
    /// The `priority` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    /// The `weight` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

impl runtime::Validate for Item {}

/// An item.
///
/// Spec: `#/components/schemas/Item`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct ItemInput {
    /// The `name` field.
    pub name: String,
    /// The secret value; never returned.
    pub value: runtime::SecretString,
    /// The `priority` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    /// The `weight` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

impl ItemInput {
    /// Builds a `ItemInput` from its required fields.
    pub fn new(name: impl Into<String>, value: impl Into<runtime::SecretString>) -> Self {
        Self { name: name.into(), value: value.into(), priority: None, weight: None }
    }
}

runtime::setters! {
    struct ItemInput {
        /// Sets `priority`.
        priority: i64,
        /// Sets `weight`.
        weight: f64,
    }
}

impl runtime::Validate for ItemInput {
    fn validate(&self, field: &str) -> runtime::Result<()> {
        runtime::check(
            &format!("{field}.name"),
            &self.name,
            &runtime::Rules::NONE.min_length(1).max_length(255).pattern("^[A-Za-z0-9_]+$"),
        )?;
        runtime::check(
            &format!("{field}.value"),
            &self.value,
            &runtime::Rules::NONE.max_length(1024).max_bytes(1024),
        )?;
        runtime::check(
            &format!("{field}.priority"),
            &self.priority,
            &runtime::Rules::NONE.minimum(0.0).maximum(10.0),
        )?;
        Ok(())
    }
}
