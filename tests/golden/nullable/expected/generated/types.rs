//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).
#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]

/// The `Note` object.
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

impl crate::runtime::Validate for Note {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        {
            let value = &self.text;
            let path = format!("{field}.text");
            crate::runtime::validate::max_length(&path, value.as_str(), 100u64)?;
        }
        Ok(())
    }
}

/// The `Record` object.
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
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    pub optional_nullable: Option<Option<String>>,
    /// The `optional_nullable_ref` field.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
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
    pub fn new(
        required_plain: impl Into<String>,
        required_nullable: Option<String>,
    ) -> Self {
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

    /// May be absent, never null.
    pub fn optional_plain(mut self, optional_plain: i64) -> Self {
        self.optional_plain = Some(optional_plain);
        self
    }

    /// Absent, null, and a value are three different things.
    ///
    /// `None` sends an explicit `null`.
    pub fn optional_nullable(mut self, optional_nullable: Option<String>) -> Self {
        self.optional_nullable = Some(optional_nullable);
        self
    }

    /// Sets `optional_nullable_ref`.
    ///
    /// `None` sends an explicit `null`.
    pub fn optional_nullable_ref(mut self, optional_nullable_ref: Option<Note>) -> Self {
        self.optional_nullable_ref = Some(optional_nullable_ref);
        self
    }

    /// A map whose values may be null (null deletes).
    pub fn notes(
        mut self,
        notes: ::std::collections::BTreeMap<String, Option<Note>>,
    ) -> Self {
        self.notes = Some(notes);
        self
    }

    /// Sets `maybe_numbers`.
    pub fn maybe_numbers(mut self, maybe_numbers: Vec<Option<i64>>) -> Self {
        self.maybe_numbers = Some(maybe_numbers);
        self
    }
}

impl crate::runtime::Validate for Record {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        if let Some(Some(value)) = &self.optional_nullable {
            let path = format!("{field}.optional_nullable");
            crate::runtime::validate::max_length(&path, value.as_str(), 10u64)?;
        }
        if let Some(Some(value)) = &self.optional_nullable_ref {
            let path = format!("{field}.optional_nullable_ref");
            crate::runtime::Validate::validate(value, &path)?;
        }
        if let Some(value) = &self.notes {
            let path = format!("{field}.notes");
            for (key, item) in value {
                let item_path = format!("{path}.{key}");
                if let Some(inner_present) = item {
                    crate::runtime::Validate::validate(inner_present, &item_path)?;
                }
            }
        }
        if let Some(value) = &self.maybe_numbers {
            let path = format!("{field}.maybe_numbers");
            for (index, item) in value.iter().enumerate() {
                let item_path = format!("{path}[{index}]");
                if let Some(inner_present) = item {
                    crate::runtime::validate::maximum(
                        &item_path,
                        *inner_present as f64,
                        5f64,
                    )?;
                }
            }
        }
        Ok(())
    }
}

/// Serde support for optional nullable fields (`Option<Option<T>>`): an absent field
/// is `None`, `null` is `Some(None)`.
mod double_option {
    pub(super) fn serialize<T, S>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error>
    where
        T: ::serde::Serialize,
        S: ::serde::Serializer,
    {
        match value {
            Some(inner) => ::serde::Serialize::serialize(inner, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, T, D>(
        deserializer: D,
    ) -> ::core::result::Result<Option<Option<T>>, D::Error>
    where
        T: ::serde::Deserialize<'de>,
        D: ::serde::Deserializer<'de>,
    {
        <Option<T> as ::serde::Deserialize>::deserialize(deserializer).map(Some)
    }
}
