//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).
#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]

/// The `Folder` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct Folder {
    /// The `items` field.
    pub items: Vec<Item>,
    /// The `label` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl crate::runtime::Validate for Folder {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        {
            let value = &self.items;
            let path = format!("{field}.items");
            for (index, item) in value.iter().enumerate() {
                let item_path = format!("{path}[{index}]");
                crate::runtime::Validate::validate(item, &item_path)?;
            }
        }
        Ok(())
    }
}

/// The `Folder` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
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

    /// Sets `label`.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

impl crate::runtime::Validate for FolderInput {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        {
            let value = &self.items;
            let path = format!("{field}.items");
            for (index, item) in value.iter().enumerate() {
                let item_path = format!("{path}[{index}]");
                crate::runtime::Validate::validate(item, &item_path)?;
            }
        }
        Ok(())
    }
}

/// An item.
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

impl crate::runtime::Validate for Item {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        {
            let value = &self.name;
            let path = format!("{field}.name");
            crate::runtime::validate::min_length(&path, value.as_str(), 1u64)?;
            crate::runtime::validate::max_length(&path, value.as_str(), 255u64)?;
            crate::runtime::validate::pattern(&path, value.as_str(), "^[A-Za-z0-9_]+$")?;
        }
        if let Some(value) = &self.priority {
            let path = format!("{field}.priority");
            crate::runtime::validate::minimum(&path, *value as f64, 0f64)?;
            crate::runtime::validate::maximum(&path, *value as f64, 10f64)?;
        }
        Ok(())
    }
}

/// An item.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ItemInput {
    /// The `name` field.
    pub name: String,
    /// The secret value; never returned.
    pub value: crate::runtime::SecretString,
    /// The `priority` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    /// The `weight` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

impl ItemInput {
    /// Builds a `ItemInput` from its required fields.
    pub fn new(
        name: impl Into<String>,
        value: impl Into<crate::runtime::SecretString>,
    ) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
            priority: None,
            weight: None,
        }
    }

    /// Sets `priority`.
    pub fn priority(mut self, priority: i64) -> Self {
        self.priority = Some(priority);
        self
    }

    /// Sets `weight`.
    pub fn weight(mut self, weight: f64) -> Self {
        self.weight = Some(weight);
        self
    }
}

impl crate::runtime::Validate for ItemInput {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        {
            let value = &self.name;
            let path = format!("{field}.name");
            crate::runtime::validate::min_length(&path, value.as_str(), 1u64)?;
            crate::runtime::validate::max_length(&path, value.as_str(), 255u64)?;
            crate::runtime::validate::pattern(&path, value.as_str(), "^[A-Za-z0-9_]+$")?;
        }
        {
            let value = &self.value;
            let path = format!("{field}.value");
            crate::runtime::validate::max_length(&path, value.expose_secret(), 1024u64)?;
            crate::runtime::validate::max_bytes(&path, value.expose_secret(), 1024u64)?;
        }
        if let Some(value) = &self.priority {
            let path = format!("{field}.priority");
            crate::runtime::validate::minimum(&path, *value as f64, 0f64)?;
            crate::runtime::validate::maximum(&path, *value as f64, 10f64)?;
        }
        Ok(())
    }
}
