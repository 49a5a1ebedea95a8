//! Identifier newtypes: each kind of identifier is its own type, so a store id cannot be passed where a secret id belongs.

/// The `AccountId` identifier.
#[derive(
    Clone,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    ::serde::Serialize,
    ::serde::Deserialize
)]
#[serde(transparent)]
pub struct AccountId(String);
impl AccountId {
    /// Wraps an identifier.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// Returns the identifier as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns the identifier as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl From<String> for AccountId {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for AccountId {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl From<&String> for AccountId {
    fn from(value: &String) -> Self {
        Self(value.clone())
    }
}

impl From<&AccountId> for AccountId {
    fn from(value: &AccountId) -> Self {
        value.clone()
    }
}

impl AsRef<str> for AccountId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl ::std::fmt::Display for AccountId {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl crate::runtime::Validate for AccountId {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let value = &self.0;
        crate::runtime::validate::max_length(field, value.as_str(), 32u64)?;
        Ok(())
    }
}
