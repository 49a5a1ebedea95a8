//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).
#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]

#[allow(unused_imports)]
use super::ids;
use crate::runtime;

runtime::string_enum! {
    /// The key's format.
    ///
    /// Spec: `#/components/schemas/KeyFormat`.
    #[non_exhaustive]
    unknown KeyFormat {
        Raw = "raw",
        Pkcs8 = "pkcs8",
        Spki = "spki",
        Jwk = "jwk",
    }
}

runtime::string_enum! {
    /// A WebCrypto key usage.
    ///
    /// Spec: `#/components/schemas/KeyUsage`.
    #[non_exhaustive]
    unknown KeyUsage {
        Encrypt = "encrypt",
        Decrypt = "decrypt",
        Sign = "sign",
        Verify = "verify",
        DeriveKey = "deriveKey",
        DeriveBits = "deriveBits",
        WrapKey = "wrapKey",
        UnwrapKey = "unwrapKey",
    }
}

/// A secret bound to a script.
///
/// Spec: `#/components/schemas/SecretBinding`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
#[serde(tag = "type")]
#[non_exhaustive]
pub enum SecretBinding {
    /// `type: secret_text`.
    #[serde(rename = "secret_text")]
    SecretText(SecretText),
    /// `type: secret_key`.
    #[serde(rename = "secret_key")]
    SecretKey(SecretKey),
    /// A kind the SDK does not know yet; the JSON is kept as received.
    #[serde(untagged)]
    Unknown(runtime::UnknownVariant),
}

impl From<SecretText> for SecretBinding {
    fn from(value: SecretText) -> Self {
        Self::SecretText(value)
    }
}

impl From<SecretKey> for SecretBinding {
    fn from(value: SecretKey) -> Self {
        Self::SecretKey(value)
    }
}

impl<'de> ::serde::Deserialize<'de> for SecretBinding {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
        let (tag, value) = runtime::union_tag::<D>(deserializer, "type")?;
        match tag.as_str() {
            "secret_text" => runtime::union_variant::<D, _>(value).map(Self::SecretText),
            "secret_key" => runtime::union_variant::<D, _>(value).map(Self::SecretKey),
            _ => runtime::union_unknown::<D>("type", value).map(Self::Unknown),
        }
    }
}

impl runtime::Validate for SecretBinding {}

/// A secret bound to a script.
///
/// Spec: `#/components/schemas/SecretBinding`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(tag = "type")]
#[non_exhaustive]
pub enum SecretBindingInput {
    /// `type: secret_text`.
    #[serde(rename = "secret_text")]
    SecretText(SecretTextInput),
    /// `type: secret_key`.
    #[serde(rename = "secret_key")]
    SecretKey(SecretKeyInput),
}

impl SecretBindingInput {
    /// Builds the `SecretText` variant (`type: secret_text`).
    pub fn text(name: impl Into<String>, text: impl Into<runtime::SecretString>) -> Self {
        Self::SecretText(SecretTextInput::new(name, text))
    }
}

impl From<SecretTextInput> for SecretBindingInput {
    fn from(value: SecretTextInput) -> Self {
        Self::SecretText(value)
    }
}

impl From<SecretKeyInput> for SecretBindingInput {
    fn from(value: SecretKeyInput) -> Self {
        Self::SecretKey(value)
    }
}

impl runtime::Validate for SecretBindingInput {
    fn validate(&self, field: &str) -> runtime::Result<()> {
        match self {
            Self::SecretText(value) => runtime::Validate::validate(value, field),
            Self::SecretKey(value) => runtime::Validate::validate(value, field),
        }
    }
}

/// A cryptographic key.
///
/// Spec: `#/components/schemas/SecretKey`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct SecretKey {
    /// The binding name.
    pub name: String,
    /// The WebCrypto algorithm.
    pub algorithm: ::serde_json::Value,
    /// The key's format.
    pub format: KeyFormat,
    /// What the key may be used for.
    pub usages: Vec<KeyUsage>,
}

impl runtime::Validate for SecretKey {}

/// A cryptographic key.
///
/// Spec: `#/components/schemas/SecretKey`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct SecretKeyInput {
    /// The binding name.
    name: String,
    /// The WebCrypto algorithm.
    algorithm: ::serde_json::Value,
    /// The key's format.
    format: KeyFormat,
    /// What the key may be used for.
    usages: Vec<KeyUsage>,
    /// The key, base64-encoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key_base64: Option<runtime::SecretString>,
    /// The key as a JWK.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key_jwk: Option<runtime::SecretJson>,
}

impl SecretKeyInput {
    /// Builds a `SecretKeyInput` with `format: raw`.
    pub fn raw(
        name: impl Into<String>,
        algorithm: ::serde_json::Value,
        usages: Vec<KeyUsage>,
        key_base64: impl Into<runtime::SecretString>,
    ) -> Self {
        Self {
            name: name.into(),
            algorithm,
            format: KeyFormat::Raw,
            usages,
            key_base64: Some(key_base64.into()),
            key_jwk: None,
        }
    }

    /// Builds a `SecretKeyInput` with `format: pkcs8`.
    pub fn pkcs8(
        name: impl Into<String>,
        algorithm: ::serde_json::Value,
        usages: Vec<KeyUsage>,
        key_base64: impl Into<runtime::SecretString>,
    ) -> Self {
        Self {
            name: name.into(),
            algorithm,
            format: KeyFormat::Pkcs8,
            usages,
            key_base64: Some(key_base64.into()),
            key_jwk: None,
        }
    }

    /// Builds a `SecretKeyInput` with `format: spki`.
    pub fn spki(
        name: impl Into<String>,
        algorithm: ::serde_json::Value,
        usages: Vec<KeyUsage>,
        key_base64: impl Into<runtime::SecretString>,
    ) -> Self {
        Self {
            name: name.into(),
            algorithm,
            format: KeyFormat::Spki,
            usages,
            key_base64: Some(key_base64.into()),
            key_jwk: None,
        }
    }

    /// Builds a `SecretKeyInput` with `format: jwk`.
    pub fn jwk(
        name: impl Into<String>,
        algorithm: ::serde_json::Value,
        usages: Vec<KeyUsage>,
        key_jwk: impl Into<runtime::SecretJson>,
    ) -> Self {
        Self {
            name: name.into(),
            algorithm,
            format: KeyFormat::Jwk,
            usages,
            key_base64: None,
            key_jwk: Some(key_jwk.into()),
        }
    }

    /// The binding name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The WebCrypto algorithm.
    pub fn algorithm(&self) -> &::serde_json::Value {
        &self.algorithm
    }

    /// The key's format.
    pub fn format(&self) -> &KeyFormat {
        &self.format
    }

    /// What the key may be used for.
    pub fn usages(&self) -> &[KeyUsage] {
        &self.usages
    }

    /// The key, base64-encoded.
    pub fn key_base64(&self) -> Option<&runtime::SecretString> {
        self.key_base64.as_ref()
    }

    /// The key as a JWK.
    pub fn key_jwk(&self) -> Option<&runtime::SecretJson> {
        self.key_jwk.as_ref()
    }
}

impl runtime::Validate for SecretKeyInput {
    fn validate(&self, field: &str) -> runtime::Result<()> {
        if matches!(self.format, KeyFormat::Raw | KeyFormat::Pkcs8 | KeyFormat::Spki) && self.key_base64.is_none() {
            return Err(runtime::Error::validation(format!("{field}.key_base64"), "is required when `format` is raw, pkcs8, spki"));
        }
        if matches!(self.format, KeyFormat::Jwk) && self.key_jwk.is_none() {
            return Err(runtime::Error::validation(format!("{field}.key_jwk"), "is required when `format` is jwk"));
        }
        Ok(())
    }
}

/// A text secret.
///
/// Spec: `#/components/schemas/SecretText`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct SecretText {
    /// The binding name.
    pub name: String,
}

impl runtime::Validate for SecretText {}

/// A text secret.
///
/// Spec: `#/components/schemas/SecretText`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct SecretTextInput {
    /// The binding name.
    pub name: String,
    /// The secret value. Never returned.
    pub text: runtime::SecretString,
}

impl SecretTextInput {
    /// Builds a `SecretTextInput` from its required fields.
    pub fn new(name: impl Into<String>, text: impl Into<runtime::SecretString>) -> Self {
        Self { name: name.into(), text: text.into() }
    }
}

impl runtime::Validate for SecretTextInput {
    fn validate(&self, field: &str) -> runtime::Result<()> {
        runtime::check(
            &format!("{field}.text"),
            &self.text,
            &runtime::Rules::NONE.max_length(5120),
        )?;
        Ok(())
    }
}

/// The `WorkerPatchScriptSecretsBody` object.
///
/// Spec: `#/paths/~1accounts~1{account_id}~1workers~1scripts~1{script_name}~1secrets-bulk/patch/requestBody/content/application~1merge-patch+json/schema`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct WorkerPatchScriptSecretsBody {
    /// Secrets to create or update; `null` deletes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets: Option<::std::collections::BTreeMap<String, SecretBindingInput>>,
    /// Tags for the new version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_tags: Option<::serde_json::Value>,
}

impl WorkerPatchScriptSecretsBody {
    /// Builds a `WorkerPatchScriptSecretsBody` from its required fields.
    pub fn new() -> Self {
        Self { secrets: None, version_tags: None }
    }
}

runtime::setters! {
    struct WorkerPatchScriptSecretsBody {
        /// Secrets to create or update; `null` deletes.
        secrets: ::std::collections::BTreeMap<String, SecretBindingInput>,
        /// Tags for the new version.
        version_tags: ::serde_json::Value,
    }
}

impl Default for WorkerPatchScriptSecretsBody {
    fn default() -> Self {
        Self::new()
    }
}

impl runtime::Validate for WorkerPatchScriptSecretsBody {
    fn validate(&self, field: &str) -> runtime::Result<()> {
        runtime::Validate::validate(&self.secrets, &format!("{field}.secrets"))?;
        Ok(())
    }
}
