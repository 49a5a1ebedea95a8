//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).
#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]

#[allow(unused_imports)]
use super::ids;
use crate::runtime;

/// The `Note` object.
///
/// Spec: `#/components/schemas/Note`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct Note {
    /// The `text` field.
    pub text: String,
}

impl Note {
    /// Builds a `Note` from its required fields.
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }
}

impl runtime::Validate for Note {
    fn validate(&self, field: &str) -> runtime::Result<()> {
        runtime::check(
            &format!("{field}.text"),
            &self.text,
            &runtime::Rules::NONE.max_length(100),
        )?;
        Ok(())
    }
}

/// The `Record` object.
///
/// Spec: `#/components/schemas/Record`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct Record {
    /// The `required_plain` field.
    pub required_plain: String,
    /// Always present, may be null.
    pub required_nullable: Option<String>,
    /// May be absent, never null.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional_plain: Option<i64>,
    /// Absent, null, and a value are three different things.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "runtime::double_option")]
    pub optional_nullable: Option<Option<String>>,
    /// The `optional_nullable_ref` field.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "runtime::double_option")]
    pub optional_nullable_ref: Option<Option<Note>>,
    /// A map whose values may be null (null deletes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<::std::collections::BTreeMap<String, Option<Note>>>,
    /// The `maybe_numbers` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maybe_numbers: Option<Vec<Option<i64>>>,
}

impl Record {
    /// Builds a `Record` from its required fields.
    pub fn new(required_plain: impl Into<String>, required_nullable: Option<String>) -> Self {
        Self {
            required_plain: required_plain.into(),
            required_nullable,
            optional_plain: None,
            optional_nullable: None,
            optional_nullable_ref: None,
            notes: None,
            maybe_numbers: None,
        }
    }
}

runtime::setters! {
    struct Record {
        /// May be absent, never null.
        optional_plain: i64,
        /// Absent, null, and a value are three different things.
        ///
        /// `None` sends an explicit `null`.
        optional_nullable: Option<String>,
        /// Sets `optional_nullable_ref`.
        ///
        /// `None` sends an explicit `null`.
        optional_nullable_ref: Option<Note>,
        /// A map whose values may be null (null deletes).
        notes: ::std::collections::BTreeMap<String, Option<Note>>,
        /// Sets `maybe_numbers`.
        maybe_numbers: Vec<Option<i64>>,
    }
}

impl runtime::Validate for Record {
    fn validate(&self, field: &str) -> runtime::Result<()> {
        runtime::check(
            &format!("{field}.optional_nullable"),
            &self.optional_nullable,
            &runtime::Rules::NONE.max_length(10),
        )?;
        runtime::Validate::validate(
            &self.optional_nullable_ref,
            &format!("{field}.optional_nullable_ref"),
        )?;
        runtime::Validate::validate(&self.notes, &format!("{field}.notes"))?;
        runtime::check(
            &format!("{field}.maybe_numbers"),
            &self.maybe_numbers,
            &runtime::Rules::NONE.maximum(5.0),
        )?;
        Ok(())
    }
}
