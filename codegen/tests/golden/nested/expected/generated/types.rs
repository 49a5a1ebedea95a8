//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).
#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]

#[allow(unused_imports)]
use super::ids;
use crate::runtime;

/// A config with nested objects, arrays and maps.
///
/// Spec: `#/components/schemas/Config`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct Config {
    /// The `id` field.
    pub id: String,
    /// The `settings` field.
    pub settings: ConfigSettings,
    /// The `matrix` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matrix: Option<Vec<Vec<f64>>>,
    /// The `by_region` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_region: Option<::std::collections::BTreeMap<String, Region>>,
    /// Free-form JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<::serde_json::Value>,
}

impl runtime::Validate for Config {}

/// The `ConfigSettings` object.
///
/// Spec: `#/components/schemas/Config/properties/settings`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct ConfigSettings {
    /// The `enabled` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The `retry` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<ConfigSettingsRetry>,
}

impl runtime::Validate for ConfigSettings {}

/// The `ConfigSettingsRetry` object.
///
/// Spec: `#/components/schemas/Config/properties/settings/properties/retry`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct ConfigSettingsRetry {
    /// The `attempts` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts: Option<i64>,
}

impl runtime::Validate for ConfigSettingsRetry {}

/// The `Region` object.
///
/// Spec: `#/components/schemas/Region`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct Region {
    /// The `name` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl runtime::Validate for Region {}

/// The `UpdateConfigBody` object.
///
/// Spec: `#/paths/~1configs~1{config_id}/patch/requestBody/content/application~1json/schema`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct UpdateConfigBody {
    /// Inline nested object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<UpdateConfigBodyLimits>,
    /// The `routes` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routes: Option<Vec<UpdateConfigBodyRoutesItem>>,
    /// The `labels` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<::std::collections::BTreeMap<String, Vec<String>>>,
}

impl UpdateConfigBody {
    /// Builds a `UpdateConfigBody` from its required fields.
    pub fn new() -> Self {
        Self { limits: None, routes: None, labels: None }
    }
}

runtime::setters! {
    struct UpdateConfigBody {
        /// Inline nested object.
        limits: UpdateConfigBodyLimits,
        /// Sets `routes`.
        routes: Vec<UpdateConfigBodyRoutesItem>,
        /// Sets `labels`.
        labels: ::std::collections::BTreeMap<String, Vec<String>>,
    }
}

impl Default for UpdateConfigBody {
    fn default() -> Self {
        Self::new()
    }
}

impl runtime::Validate for UpdateConfigBody {
    fn validate(&self, field: &str) -> runtime::Result<()> {
        runtime::Validate::validate(&self.limits, &format!("{field}.limits"))?;
        Ok(())
    }
}

/// Inline nested object.
///
/// Spec: `#/paths/~1configs~1{config_id}/patch/requestBody/content/application~1json/schema/properties/limits`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct UpdateConfigBodyLimits {
    /// The `max` field.
    pub max: i64,
    /// The `tags` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

impl UpdateConfigBodyLimits {
    /// Builds a `UpdateConfigBodyLimits` from its required fields.
    pub fn new(max: i64) -> Self {
        Self { max, tags: None }
    }
}

runtime::setters! {
    struct UpdateConfigBodyLimits {
        /// Sets `tags`.
        tags: Vec<String>,
    }
}

impl runtime::Validate for UpdateConfigBodyLimits {
    fn validate(&self, field: &str) -> runtime::Result<()> {
        runtime::check(&format!("{field}.max"), &self.max, &runtime::Rules::NONE.maximum(1000.0))?;
        runtime::check(&format!("{field}.tags"), &self.tags, &runtime::Rules::NONE.max_length(16))?;
        Ok(())
    }
}

/// The `UpdateConfigBodyRoutesItem` object.
///
/// Spec: `#/paths/~1configs~1{config_id}/patch/requestBody/content/application~1json/schema/properties/routes/items`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct UpdateConfigBodyRoutesItem {
    /// The `pattern` field.
    pub pattern: String,
    /// The `zone` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

impl UpdateConfigBodyRoutesItem {
    /// Builds a `UpdateConfigBodyRoutesItem` from its required fields.
    pub fn new(pattern: impl Into<String>) -> Self {
        Self { pattern: pattern.into(), zone: None }
    }
}

runtime::setters! {
    struct UpdateConfigBodyRoutesItem {
        /// Sets `zone`.
        zone: impl Into<String>,
    }
}

impl runtime::Validate for UpdateConfigBodyRoutesItem {}
