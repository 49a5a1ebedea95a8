//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).
#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]

/// The key's format.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum KeyFormat {
    /// `raw`.
    Raw,
    /// `pkcs8`.
    Pkcs8,
    /// `spki`.
    Spki,
    /// `jwk`.
    Jwk,
    /// A value this version of the SDK does not know (sent by the server).
    Unknown(crate::runtime::UnknownValue),
}

impl KeyFormat {
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Raw => "raw",
            Self::Pkcs8 => "pkcs8",
            Self::Spki => "spki",
            Self::Jwk => "jwk",
            Self::Unknown(value) => value.as_str(),
        }
    }

    /// The variant for a value the spec lists.
    fn known(value: &str) -> Option<Self> {
        match value {
            "raw" => Some(Self::Raw),
            "pkcs8" => Some(Self::Pkcs8),
            "spki" => Some(Self::Spki),
            "jwk" => Some(Self::Jwk),
            _ => None,
        }
    }
}

impl ::std::fmt::Display for KeyFormat {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::std::str::FromStr for KeyFormat {
    type Err = crate::runtime::Error;
    fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
        Self::known(value)
            .ok_or_else(|| crate::runtime::Error::validation(
                "value",
                "is not a known `KeyFormat` value (expected one of: raw, pkcs8, spki, jwk)",
            ))
    }
}

impl ::serde::Serialize for KeyFormat {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for KeyFormat {
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

impl crate::runtime::Validate for KeyFormat {
    fn validate(&self, _field: &str) -> crate::runtime::Result<()> {
        Ok(())
    }
}

/// A WebCrypto key usage.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum KeyUsage {
    /// `encrypt`.
    Encrypt,
    /// `decrypt`.
    Decrypt,
    /// `sign`.
    Sign,
    /// `verify`.
    Verify,
    /// `deriveKey`.
    DeriveKey,
    /// `deriveBits`.
    DeriveBits,
    /// `wrapKey`.
    WrapKey,
    /// `unwrapKey`.
    UnwrapKey,
    /// A value this version of the SDK does not know (sent by the server).
    Unknown(crate::runtime::UnknownValue),
}

impl KeyUsage {
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Encrypt => "encrypt",
            Self::Decrypt => "decrypt",
            Self::Sign => "sign",
            Self::Verify => "verify",
            Self::DeriveKey => "deriveKey",
            Self::DeriveBits => "deriveBits",
            Self::WrapKey => "wrapKey",
            Self::UnwrapKey => "unwrapKey",
            Self::Unknown(value) => value.as_str(),
        }
    }

    /// The variant for a value the spec lists.
    fn known(value: &str) -> Option<Self> {
        match value {
            "encrypt" => Some(Self::Encrypt),
            "decrypt" => Some(Self::Decrypt),
            "sign" => Some(Self::Sign),
            "verify" => Some(Self::Verify),
            "deriveKey" => Some(Self::DeriveKey),
            "deriveBits" => Some(Self::DeriveBits),
            "wrapKey" => Some(Self::WrapKey),
            "unwrapKey" => Some(Self::UnwrapKey),
            _ => None,
        }
    }
}

impl ::std::fmt::Display for KeyUsage {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::std::str::FromStr for KeyUsage {
    type Err = crate::runtime::Error;
    fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
        Self::known(value)
            .ok_or_else(|| crate::runtime::Error::validation(
                "value",
                "is not a known `KeyUsage` value (expected one of: encrypt, decrypt, sign, verify, deriveKey, deriveBits, wrapKey, unwrapKey)",
            ))
    }
}

impl ::serde::Serialize for KeyUsage {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for KeyUsage {
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

impl crate::runtime::Validate for KeyUsage {
    fn validate(&self, _field: &str) -> crate::runtime::Result<()> {
        Ok(())
    }
}

/// A secret bound to a script.
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
    /// A kind the SDK does not know yet; the JSON is kept as received, minus nothing.
    #[serde(untagged)]
    Unknown(crate::runtime::UnknownVariant),
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
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(
            deserializer,
        )?;
        let Some(object) = value.as_object() else {
            return Err(
                <D::Error as ::serde::de::Error>::custom(
                    "expected an object with a string `type` field",
                ),
            );
        };
        let tag = match object.get("type") {
            Some(::serde_json::Value::String(tag)) => tag.clone(),
            Some(_) => {
                return Err(
                    <D::Error as ::serde::de::Error>::custom(
                        "the `type` field must be a string",
                    ),
                );
            }
            None => return Err(<D::Error as ::serde::de::Error>::missing_field("type")),
        };
        match tag.as_str() {
            "secret_text" => {
                ::serde_json::from_value(value)
                    .map(Self::SecretText)
                    .map_err(<D::Error as ::serde::de::Error>::custom)
            }
            "secret_key" => {
                ::serde_json::from_value(value)
                    .map(Self::SecretKey)
                    .map_err(<D::Error as ::serde::de::Error>::custom)
            }
            _ => {
                ::serde::de::DeserializeSeed::deserialize(
                        crate::runtime::UnknownVariantSeed::new("type"),
                        value,
                    )
                    .map(Self::Unknown)
                    .map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    }
}

impl crate::runtime::Validate for SecretBinding {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        match self {
            Self::SecretText(value) => crate::runtime::Validate::validate(value, field),
            Self::SecretKey(value) => crate::runtime::Validate::validate(value, field),
            Self::Unknown(_) => Ok(()),
        }
    }
}

/// A secret bound to a script.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(tag = "type")]
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
    pub fn text(
        name: impl Into<String>,
        text: impl Into<crate::runtime::SecretString>,
    ) -> Self {
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

impl crate::runtime::Validate for SecretBindingInput {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        match self {
            Self::SecretText(value) => crate::runtime::Validate::validate(value, field),
            Self::SecretKey(value) => crate::runtime::Validate::validate(value, field),
        }
    }
}

/// A cryptographic key.
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

impl crate::runtime::Validate for SecretKey {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        Ok(())
    }
}

/// A cryptographic key.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
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
    key_base64: Option<crate::runtime::SecretString>,
    /// The key as a JWK.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key_jwk: Option<crate::runtime::SecretJson>,
}

impl SecretKeyInput {
    /// Builds a `SecretKeyInput` with `format: raw`.
    pub fn raw(
        name: impl Into<String>,
        algorithm: ::serde_json::Value,
        usages: Vec<KeyUsage>,
        key_base64: impl Into<crate::runtime::SecretString>,
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
        key_base64: impl Into<crate::runtime::SecretString>,
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
        key_base64: impl Into<crate::runtime::SecretString>,
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
        key_jwk: impl Into<crate::runtime::SecretJson>,
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
    pub fn key_base64(&self) -> Option<&crate::runtime::SecretString> {
        self.key_base64.as_ref()
    }

    /// The key as a JWK.
    pub fn key_jwk(&self) -> Option<&crate::runtime::SecretJson> {
        self.key_jwk.as_ref()
    }
}

impl crate::runtime::Validate for SecretKeyInput {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        if matches!(self.format, KeyFormat::Raw | KeyFormat::Pkcs8 | KeyFormat::Spki)
            && self.key_base64.is_none()
        {
            return Err(
                crate::runtime::Error::validation(
                    format!("{field}.key_base64"),
                    "is required when `format` is raw, pkcs8, spki",
                ),
            );
        }
        if matches!(self.format, KeyFormat::Jwk) && self.key_jwk.is_none() {
            return Err(
                crate::runtime::Error::validation(
                    format!("{field}.key_jwk"),
                    "is required when `format` is jwk",
                ),
            );
        }
        Ok(())
    }
}

/// A text secret.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct SecretText {
    /// The binding name.
    pub name: String,
}

impl crate::runtime::Validate for SecretText {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        Ok(())
    }
}

/// A text secret.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct SecretTextInput {
    /// The binding name.
    pub name: String,
    /// The secret value. Never returned.
    pub text: crate::runtime::SecretString,
}

impl SecretTextInput {
    /// Builds a `SecretTextInput` from its required fields.
    pub fn new(
        name: impl Into<String>,
        text: impl Into<crate::runtime::SecretString>,
    ) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
        }
    }
}

impl crate::runtime::Validate for SecretTextInput {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        {
            let value = &self.text;
            let path = format!("{field}.text");
            crate::runtime::validate::max_length(&path, value.expose_secret(), 5120u64)?;
        }
        Ok(())
    }
}

/// The `WorkerPatchScriptSecretsBody` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
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
        Self {
            secrets: None,
            version_tags: None,
        }
    }

    /// Secrets to create or update; `null` deletes.
    pub fn secrets(
        mut self,
        secrets: ::std::collections::BTreeMap<String, SecretBindingInput>,
    ) -> Self {
        self.secrets = Some(secrets);
        self
    }

    /// Tags for the new version.
    pub fn version_tags(mut self, version_tags: ::serde_json::Value) -> Self {
        self.version_tags = Some(version_tags);
        self
    }
}

impl Default for WorkerPatchScriptSecretsBody {
    fn default() -> Self {
        Self::new()
    }
}

impl crate::runtime::Validate for WorkerPatchScriptSecretsBody {
    fn validate(&self, field: &str) -> crate::runtime::Result<()> {
        let _ = field;
        if let Some(value) = &self.secrets {
            let path = format!("{field}.secrets");
            for (key, item) in value {
                let item_path = format!("{path}.{key}");
                crate::runtime::Validate::validate(item, &item_path)?;
            }
        }
        Ok(())
    }
}
