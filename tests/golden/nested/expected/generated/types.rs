//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).
#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]

/// A config with nested objects, arrays and maps.
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

impl crate::runtime::Validate for Config {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        Ok(())
    }
}

/// The `ConfigSettings` object.
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

impl crate::runtime::Validate for ConfigSettings {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        Ok(())
    }
}

/// The `ConfigSettingsRetry` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct ConfigSettingsRetry {
    /// The `attempts` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts: Option<i64>,
}

impl crate::runtime::Validate for ConfigSettingsRetry {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        Ok(())
    }
}

/// The `Region` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct Region {
    /// The `name` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl crate::runtime::Validate for Region {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        Ok(())
    }
}

/// The `UpdateConfigBody` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
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
        Self {
            limits: None,
            routes: None,
            labels: None,
        }
    }

    /// Inline nested object.
    pub fn limits(mut self, limits: UpdateConfigBodyLimits) -> Self {
        self.limits = Some(limits);
        self
    }

    /// Sets `routes`.
    pub fn routes(mut self, routes: Vec<UpdateConfigBodyRoutesItem>) -> Self {
        self.routes = Some(routes);
        self
    }

    /// Sets `labels`.
    pub fn labels(
        mut self,
        labels: ::std::collections::BTreeMap<String, Vec<String>>,
    ) -> Self {
        self.labels = Some(labels);
        self
    }
}

impl Default for UpdateConfigBody {
    fn default() -> Self {
        Self::new()
    }
}

impl crate::runtime::Validate for UpdateConfigBody {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        if let Some(value) = &self.limits {
            let path = format!("{field}.limits");
            crate::runtime::Validate::validate(value, &path)?;
        }
        Ok(())
    }
}

/// Inline nested object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
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

    /// Sets `tags`.
    pub fn tags(mut self, tags: Vec<String>) -> Self {
        self.tags = Some(tags);
        self
    }
}

impl crate::runtime::Validate for UpdateConfigBodyLimits {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        {
            let value = &self.max;
            let path = format!("{field}.max");
            crate::runtime::validate::maximum(&path, *value as f64, 1000f64)?;
        }
        if let Some(value) = &self.tags {
            let path = format!("{field}.tags");
            for (index, item) in value.iter().enumerate() {
                let item_path = format!("{path}[{index}]");
                crate::runtime::validate::max_length(&item_path, item.as_str(), 16u64)?;
            }
        }
        Ok(())
    }
}

/// The `UpdateConfigBodyRoutesItem` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
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
        Self {
            pattern: pattern.into(),
            zone: None,
        }
    }

    /// Sets `zone`.
    pub fn zone(mut self, zone: impl Into<String>) -> Self {
        self.zone = Some(zone.into());
        self
    }
}

impl crate::runtime::Validate for UpdateConfigBodyRoutesItem {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        Ok(())
    }
}
