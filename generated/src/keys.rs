//! The rules a `secret_key` binding must meet to be imported: one table, written once, used by
//! the SDK before it sends a key and by the emulator before it stores one.
//!
//! Cloudflare imports a key binding with WebCrypto's `importKey(format, keyData, algorithm,
//! extractable, usages)`. The rules here are that method's, from the W3C Web Cryptography API
//! (<https://w3c.github.io/webcrypto/>, "SubtleCrypto.importKey" and the "Import Key" operation
//! of each algorithm; the Ed25519 and X25519 sections came from the "Secure Curves in the Web
//! Cryptography API" draft) and MDN's summary of it
//! (<https://developer.mozilla.org/en-US/docs/Web/API/SubtleCrypto/importKey>):
//!
//! | algorithm | formats | usages | raw key material |
//! |---|---|---|---|
//! | `HMAC` (`hash`, optional `length`) | raw, jwk (`kty: oct`) | sign, verify | not empty; `length`, when given, in `(bits - 8, bits]` |
//! | `AES-GCM`, `AES-CBC`, `AES-CTR` | raw, jwk (`kty: oct`) | encrypt, decrypt, wrapKey, unwrapKey | 16, 24 or 32 bytes |
//! | `AES-KW` | raw, jwk (`kty: oct`) | wrapKey, unwrapKey | 16, 24 or 32 bytes |
//! | `RSASSA-PKCS1-v1_5`, `RSA-PSS` (`hash`) | spki, pkcs8, jwk (`kty: RSA`) | public: verify; private: sign | (no raw) |
//! | `RSA-OAEP` (`hash`) | spki, pkcs8, jwk (`kty: RSA`) | public: encrypt, wrapKey; private: decrypt, unwrapKey | (no raw) |
//! | `ECDSA` (`namedCurve`) | spki, pkcs8, raw, jwk (`kty: EC`, `crv` = `namedCurve`) | public: verify; private: sign | a public point: 65/97/133 bytes uncompressed or 33/49/67 compressed |
//! | `ECDH` (`namedCurve`) | spki, pkcs8, raw, jwk (`kty: EC`, `crv` = `namedCurve`) | public: none; private: deriveKey, deriveBits | as ECDSA |
//! | `Ed25519` | spki, pkcs8, raw, jwk (`kty: OKP`, `crv: Ed25519`) | public: verify; private: sign | a public key, 32 bytes |
//! | `X25519` | spki, pkcs8, raw, jwk (`kty: OKP`, `crv: X25519`) | public: none; private: deriveKey, deriveBits | a public key, 32 bytes |
//! | `HKDF`, `PBKDF2` | raw | deriveKey, deriveBits | not empty |
//!
//! And for every key: a secret or private key needs at least one usage (importKey throws a
//! `SyntaxError` otherwise), while a public key-agreement key (ECDH, X25519) must have none;
//! `spki` is always a public key, `pkcs8` a private one, `raw` of an asymmetric algorithm a
//! public one, and a JWK is private when it has `d`. Algorithm and hash names match without
//! regard to case (WebCrypto's "normalize an algorithm"), and `hash` may be a name or an object
//! with a `name`, as WebCrypto accepts both; `namedCurve` matches exactly.
//!
//! Checked beyond the letter of importKey, and said so in the messages:
//! - key material is never empty (importKey refuses empty HMAC, AES, EC and OKP keys and
//!   DER that does not parse; for HKDF and PBKDF2 it would import an empty key, which the SDK
//!   refuses because it is certainly a mistake);
//! - `key_base64` is base64 of RFC 4648 section 4 (`A-Z a-z 0-9 + /`, with or without `=`
//!   padding; no whitespace, no URL-safe alphabet), and `spki`/`pkcs8` material is one DER
//!   `SEQUENCE` whose length matches the data (what both formats are). Cloudflare does not
//!   document which base64 variants it decodes, so the stricter common form is required.
//!
//! Not checked, because nothing public says what Cloudflare does: the JWK `alg`, `use` and
//! `ext` members (importKey checks them against the algorithm; Cloudflare's importKey will),
//! whether `extractable` matters (the API has no such field), the RSA modulus and the point on
//! the curve (only importKey can parse them), and whether Cloudflare's runtime supports every
//! algorithm here (workerd implements all of them; 192-bit AES and compressed points depend on
//! its crypto library).
//!
//! [`check_key_import`] takes a key's parts as JSON-level values (what the emulator receives);
//! the SDK runs it on every [`SecretKeyInput`] it sends through [`runtime::ExtraValidate`],
//! so `client.workers().scripts().secrets().put(..)` refuses a key that could never be imported
//! before anything is sent. No message holds key material or a value of the JWK.

use std::fmt;

use serde::Deserialize;
use serde::de::IgnoredAny;
use zeroize::Zeroizing;

use crate::runtime::{self, SecretString};
use crate::{Hash, KeyAlgorithm, KeyFormat, KeyUsage, SecretBindingInput, SecretKeyInput};

/// The key material of a binding, as sent.
#[derive(Clone, Copy)]
pub enum KeyMaterial<'a> {
    /// `key_base64`: base64 of the key's bytes (formats `raw`, `pkcs8`, `spki`).
    Base64(&'a str),
    /// `key_jwk` as JSON text (format `jwk`).
    JwkText(&'a str),
    /// `key_jwk` as a parsed JSON value (format `jwk`).
    Jwk(&'a serde_json::Value),
}

impl fmt::Debug for KeyMaterial<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyMaterial::Base64(_) => "Base64([REDACTED])",
            KeyMaterial::JwkText(_) | KeyMaterial::Jwk(_) => "Jwk([REDACTED])",
        })
    }
}

/// A `secret_key` binding's parts, as `importKey` would get them: the `algorithm` object, the
/// `format`, the `usages` and the key material.
#[derive(Clone, Debug)]
pub struct KeyImport<'a> {
    algorithm: &'a serde_json::Value,
    format: &'a str,
    usages: Vec<&'a str>,
    material: KeyMaterial<'a>,
}

impl<'a> KeyImport<'a> {
    /// Collects a binding's parts: `algorithm` as received (an object with a `name`), `format`
    /// (`raw`, `pkcs8`, `spki` or `jwk`), the usages (camelCase, as on the wire) and the
    /// material.
    pub fn new(
        algorithm: &'a serde_json::Value,
        format: &'a str,
        usages: impl IntoIterator<Item = &'a str>,
        material: KeyMaterial<'a>,
    ) -> Self {
        KeyImport {
            algorithm,
            format,
            usages: usages.into_iter().collect(),
            material,
        }
    }
}

/// Why a key binding could not be imported: the field (relative to the binding, with wire
/// names: `algorithm.hash`, `usages[1]`, `key_jwk.kty`) and the rule it breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyRuleViolation {
    field: String,
    rule: String,
}

impl KeyRuleViolation {
    fn new(field: impl Into<String>, rule: impl Into<String>) -> Self {
        KeyRuleViolation {
            field: field.into(),
            rule: rule.into(),
        }
    }

    /// The field, relative to the binding (`usages[0]`, `key_base64`).
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The rule the field breaks, in words; never the value.
    pub fn rule(&self) -> &str {
        &self.rule
    }
}

impl fmt::Display for KeyRuleViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.field, self.rule)
    }
}

impl std::error::Error for KeyRuleViolation {}

/// What an algorithm's import takes besides its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Params {
    None,
    /// `hash`, and for HMAC an optional `length`.
    Hash,
    /// `namedCurve`.
    NamedCurve,
}

/// How raw key material of an algorithm is judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RawRule {
    /// Any length but zero (HMAC, HKDF, PBKDF2).
    NotEmpty,
    /// 16, 24 or 32 bytes (AES).
    Aes,
    /// An elliptic-curve point of the `namedCurve` (ECDSA, ECDH; a public key).
    EcPoint,
    /// 32 bytes (Ed25519, X25519; a public key).
    Curve25519,
}

/// One row of the table: what `importKey` accepts for an algorithm.
#[derive(Debug)]
struct AlgorithmRule {
    /// The registered name, as WebCrypto spells it.
    name: &'static str,
    /// How the messages call a key of this algorithm ("an HMAC key").
    key_words: &'static str,
    params: Params,
    /// The formats, in the order the messages list them.
    formats: &'static [KeyFormat],
    /// Symmetric algorithms: the usages of their (secret) keys. Asymmetric: `None`.
    secret_usages: Option<&'static [KeyUsage]>,
    /// Asymmetric algorithms: the usages of a public key and of a private key.
    public_usages: &'static [KeyUsage],
    private_usages: &'static [KeyUsage],
    raw: Option<RawRule>,
    /// The JWK `kty` and, for curves, the `crv` (`None`: it must equal `namedCurve`).
    jwk_kty: Option<&'static str>,
    jwk_crv: Option<&'static str>,
}

use KeyFormat::{Jwk, Pkcs8, Raw, Spki};
use KeyUsage::{Decrypt, DeriveBits, DeriveKey, Encrypt, Sign, UnwrapKey, Verify, WrapKey};

const AES_USAGES: &[KeyUsage] = &[Encrypt, Decrypt, WrapKey, UnwrapKey];
const DERIVE_USAGES: &[KeyUsage] = &[DeriveKey, DeriveBits];
const ASYMMETRIC_FORMATS: &[KeyFormat] = &[Spki, Pkcs8, Jwk];
const CURVE_FORMATS: &[KeyFormat] = &[Spki, Pkcs8, Raw, Jwk];

const fn symmetric(
    name: &'static str,
    key_words: &'static str,
    params: Params,
    formats: &'static [KeyFormat],
    usages: &'static [KeyUsage],
    raw: RawRule,
    jwk: bool,
) -> AlgorithmRule {
    AlgorithmRule {
        name,
        key_words,
        params,
        formats,
        secret_usages: Some(usages),
        public_usages: &[],
        private_usages: &[],
        raw: Some(raw),
        jwk_kty: if jwk { Some("oct") } else { None },
        jwk_crv: None,
    }
}

#[allow(clippy::too_many_arguments)]
const fn asymmetric(
    name: &'static str,
    key_words: &'static str,
    params: Params,
    formats: &'static [KeyFormat],
    public_usages: &'static [KeyUsage],
    private_usages: &'static [KeyUsage],
    raw: Option<RawRule>,
    kty: &'static str,
    crv: Option<&'static str>,
) -> AlgorithmRule {
    AlgorithmRule {
        name,
        key_words,
        params,
        formats,
        secret_usages: None,
        public_usages,
        private_usages,
        raw,
        jwk_kty: Some(kty),
        jwk_crv: crv,
    }
}

/// The table, one row per algorithm that can import a key (W3C Web Cryptography API, the
/// "Import Key" operation of each algorithm's section).
const ALGORITHMS: &[AlgorithmRule] = &[
    symmetric(
        "HMAC",
        "an HMAC key",
        Params::Hash,
        &[Raw, Jwk],
        &[Sign, Verify],
        RawRule::NotEmpty,
        true,
    ),
    symmetric(
        "AES-GCM",
        "an AES-GCM key",
        Params::None,
        &[Raw, Jwk],
        AES_USAGES,
        RawRule::Aes,
        true,
    ),
    symmetric(
        "AES-CBC",
        "an AES-CBC key",
        Params::None,
        &[Raw, Jwk],
        AES_USAGES,
        RawRule::Aes,
        true,
    ),
    symmetric(
        "AES-CTR",
        "an AES-CTR key",
        Params::None,
        &[Raw, Jwk],
        AES_USAGES,
        RawRule::Aes,
        true,
    ),
    symmetric(
        "AES-KW",
        "an AES-KW key",
        Params::None,
        &[Raw, Jwk],
        &[WrapKey, UnwrapKey],
        RawRule::Aes,
        true,
    ),
    asymmetric(
        "RSASSA-PKCS1-v1_5",
        "an RSASSA-PKCS1-v1_5 key",
        Params::Hash,
        ASYMMETRIC_FORMATS,
        &[Verify],
        &[Sign],
        None,
        "RSA",
        None,
    ),
    asymmetric(
        "RSA-PSS",
        "an RSA-PSS key",
        Params::Hash,
        ASYMMETRIC_FORMATS,
        &[Verify],
        &[Sign],
        None,
        "RSA",
        None,
    ),
    asymmetric(
        "RSA-OAEP",
        "an RSA-OAEP key",
        Params::Hash,
        ASYMMETRIC_FORMATS,
        &[Encrypt, WrapKey],
        &[Decrypt, UnwrapKey],
        None,
        "RSA",
        None,
    ),
    asymmetric(
        "ECDSA",
        "an ECDSA key",
        Params::NamedCurve,
        CURVE_FORMATS,
        &[Verify],
        &[Sign],
        Some(RawRule::EcPoint),
        "EC",
        None,
    ),
    asymmetric(
        "ECDH",
        "an ECDH key",
        Params::NamedCurve,
        CURVE_FORMATS,
        &[],
        DERIVE_USAGES,
        Some(RawRule::EcPoint),
        "EC",
        None,
    ),
    asymmetric(
        "Ed25519",
        "an Ed25519 key",
        Params::None,
        CURVE_FORMATS,
        &[Verify],
        &[Sign],
        Some(RawRule::Curve25519),
        "OKP",
        Some("Ed25519"),
    ),
    asymmetric(
        "X25519",
        "an X25519 key",
        Params::None,
        CURVE_FORMATS,
        &[],
        DERIVE_USAGES,
        Some(RawRule::Curve25519),
        "OKP",
        Some("X25519"),
    ),
    symmetric(
        "HKDF",
        "an HKDF key",
        Params::None,
        &[Raw],
        DERIVE_USAGES,
        RawRule::NotEmpty,
        false,
    ),
    symmetric(
        "PBKDF2",
        "a PBKDF2 key",
        Params::None,
        &[Raw],
        DERIVE_USAGES,
        RawRule::NotEmpty,
        false,
    ),
];

/// The digest names `hash` may take (WebCrypto's SHA section), matched without regard to case.
const HASHES: &[&str] = &["SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/// The curves `namedCurve` may take, with the sizes of a public point in bytes (SEC 1, 2.3.3:
/// uncompressed `04 || X || Y`, compressed `02|03 || X`).
const CURVES: &[(&str, usize, usize)] = &[("P-256", 65, 33), ("P-384", 97, 49), ("P-521", 133, 67)];

/// Whether the key the material holds is a secret, public or private one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KeyType {
    Secret,
    Public,
    Private,
}

/// Checks a `secret_key` binding against WebCrypto's `importKey` rules (the table in the
/// module docs): the algorithm and its parameters, the format, the usages and the material.
/// The first rule broken is returned; its field is relative to the binding.
pub fn check_key_import(key: &KeyImport<'_>) -> Result<(), KeyRuleViolation> {
    let (rule, named_curve) = check_algorithm(key.algorithm)?;
    let Some(format) = ALL_FORMATS
        .iter()
        .find(|format| format.as_str() == key.format)
    else {
        return Err(KeyRuleViolation::new(
            "format",
            "must be one of raw, pkcs8, spki, jwk",
        ));
    };
    if !rule.formats.contains(format) {
        return Err(KeyRuleViolation::new(
            "format",
            format!(
                "cannot be {} for {}: WebCrypto imports it from {} only",
                format.as_str(),
                rule.key_words,
                list(rule.formats.iter().map(|format| format.as_str()))
            ),
        ));
    }
    let key_type = match (key.material, format) {
        (KeyMaterial::Base64(base64), _) => {
            if *format == Jwk {
                return Err(KeyRuleViolation::new(
                    "key_jwk",
                    "is required when `format` is jwk",
                ));
            }
            check_base64_material(rule, format, named_curve, key.algorithm, base64)?
        }
        (KeyMaterial::JwkText(_) | KeyMaterial::Jwk(_), Jwk) => {
            check_jwk(rule, named_curve, key.algorithm, key.material, &key.usages)?
        }
        (_, _) => {
            return Err(KeyRuleViolation::new(
                "key_base64",
                format!("is required when `format` is {}", format.as_str()),
            ));
        }
    };
    check_usages(rule, key_type, &key.usages)
}

/// The formats, in wire order.
const ALL_FORMATS: &[KeyFormat] = &[Raw, Pkcs8, Spki, Jwk];

/// `a, b or c`.
fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    match items.as_slice() {
        [] => "nothing".to_owned(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Finds the algorithm's row and checks its parameters; returns the row and the curve.
fn check_algorithm(
    algorithm: &serde_json::Value,
) -> Result<(&'static AlgorithmRule, Option<&'static str>), KeyRuleViolation> {
    let Some(object) = algorithm.as_object() else {
        return Err(KeyRuleViolation::new(
            "algorithm",
            "must be an object with a `name`, such as {\"name\": \"HMAC\", \"hash\": \"SHA-256\"}",
        ));
    };
    let name = match object.get("name") {
        Some(serde_json::Value::String(name)) => name,
        Some(_) => {
            return Err(KeyRuleViolation::new("algorithm.name", "must be a string"));
        }
        None => {
            return Err(KeyRuleViolation::new(
                "algorithm.name",
                "is required: WebCrypto needs the algorithm's name to import a key",
            ));
        }
    };
    let Some(rule) = ALGORITHMS
        .iter()
        .find(|rule| rule.name.eq_ignore_ascii_case(name))
    else {
        return Err(KeyRuleViolation::new(
            "algorithm.name",
            format!(
                "is not an algorithm WebCrypto can import a key for ({})",
                list(ALGORITHMS.iter().map(|rule| rule.name))
            ),
        ));
    };
    match rule.params {
        Params::None => Ok((rule, None)),
        Params::Hash => {
            check_hash(rule, object.get("hash"))?;
            if rule.name == "HMAC"
                && let Some(length) = object.get("length")
                && length.as_u64().is_none_or(|length| length == 0)
            {
                return Err(KeyRuleViolation::new(
                    "algorithm.length",
                    "must be a positive whole number of bits",
                ));
            }
            Ok((rule, None))
        }
        Params::NamedCurve => {
            let curve = match object.get("namedCurve") {
                Some(serde_json::Value::String(curve)) => CURVES
                    .iter()
                    .find(|(name, ..)| name == curve)
                    .map(|(name, ..)| *name),
                Some(_) => None,
                None => {
                    return Err(KeyRuleViolation::new(
                        "algorithm.namedCurve",
                        format!("is required for {}", rule.key_words),
                    ));
                }
            };
            match curve {
                Some(curve) => Ok((rule, Some(curve))),
                None => Err(KeyRuleViolation::new(
                    "algorithm.namedCurve",
                    "must be P-256, P-384 or P-521",
                )),
            }
        }
    }
}

/// `hash` is required and names a SHA digest, as a string or an object with a `name`.
fn check_hash(
    rule: &AlgorithmRule,
    hash: Option<&serde_json::Value>,
) -> Result<(), KeyRuleViolation> {
    let name = match hash {
        None => {
            return Err(KeyRuleViolation::new(
                "algorithm.hash",
                format!("is required for {}", rule.key_words),
            ));
        }
        Some(serde_json::Value::String(name)) => Some(name.as_str()),
        Some(serde_json::Value::Object(object)) => {
            object.get("name").and_then(serde_json::Value::as_str)
        }
        Some(_) => None,
    };
    match name {
        Some(name) if HASHES.iter().any(|hash| hash.eq_ignore_ascii_case(name)) => Ok(()),
        _ => Err(KeyRuleViolation::new(
            "algorithm.hash",
            "must be SHA-1, SHA-256, SHA-384 or SHA-512 (a name, or an object with that `name`)",
        )),
    }
}

/// The usages, in wire order.
const ALL_USAGES: &[KeyUsage] = &[
    Encrypt, Decrypt, Sign, Verify, DeriveKey, DeriveBits, WrapKey, UnwrapKey,
];

/// Checks `key_base64` and works out which kind of key it holds.
fn check_base64_material(
    rule: &AlgorithmRule,
    format: &KeyFormat,
    named_curve: Option<&str>,
    algorithm: &serde_json::Value,
    base64: &str,
) -> Result<KeyType, KeyRuleViolation> {
    let Some(bytes) = decode_base64(base64, Alphabet::Standard) else {
        return Err(KeyRuleViolation::new(
            "key_base64",
            "is not valid base64 (RFC 4648: A-Z, a-z, 0-9, + and /, with or without = padding)",
        ));
    };
    if bytes.is_empty() {
        return Err(KeyRuleViolation::new(
            "key_base64",
            "must not be empty: a key needs key material",
        ));
    }
    match format {
        Spki | Pkcs8 => {
            if !is_one_der_sequence(&bytes) {
                return Err(KeyRuleViolation::new(
                    "key_base64",
                    format!(
                        "is not {} key material: {} is one DER SEQUENCE, base64-encoded",
                        format.as_str(),
                        format.as_str()
                    ),
                ));
            }
            Ok(if *format == Spki {
                KeyType::Public
            } else {
                KeyType::Private
            })
        }
        _ => check_raw(rule, named_curve, algorithm, bytes.len()),
    }
}

/// Checks the length of raw key material (`length` bytes) against the algorithm.
fn check_raw(
    rule: &AlgorithmRule,
    named_curve: Option<&str>,
    algorithm: &serde_json::Value,
    length: usize,
) -> Result<KeyType, KeyRuleViolation> {
    match rule.raw {
        Some(RawRule::NotEmpty) => {
            check_hmac_length(rule, algorithm, length, "key_base64")?;
            Ok(KeyType::Secret)
        }
        Some(RawRule::Aes) => {
            check_aes_length(rule, length, "key_base64")?;
            Ok(KeyType::Secret)
        }
        Some(RawRule::EcPoint) => {
            let Some((curve, uncompressed, compressed)) = CURVES
                .iter()
                .find(|(curve, ..)| Some(*curve) == named_curve)
            else {
                return Err(KeyRuleViolation::new(
                    "algorithm.namedCurve",
                    "must be P-256, P-384 or P-521",
                ));
            };
            if length != *uncompressed && length != *compressed {
                return Err(KeyRuleViolation::new(
                    "key_base64",
                    format!(
                        "is not a {curve} point: raw {} keys are public points of {uncompressed} bytes (uncompressed) or {compressed} bytes (compressed), and this one has {length}",
                        rule.name
                    ),
                ));
            }
            Ok(KeyType::Public)
        }
        Some(RawRule::Curve25519) => {
            if length != 32 {
                return Err(KeyRuleViolation::new(
                    "key_base64",
                    format!(
                        "is not a raw {} key: raw keys are 32-byte public keys, and this one has {length} bytes",
                        rule.name
                    ),
                ));
            }
            Ok(KeyType::Public)
        }
        None => Err(KeyRuleViolation::new(
            "format",
            format!("cannot be raw for {}", rule.key_words),
        )),
    }
}

/// AES keys are 128, 192 or 256 bits.
fn check_aes_length(
    rule: &AlgorithmRule,
    length: usize,
    field: &str,
) -> Result<(), KeyRuleViolation> {
    if matches!(length, 16 | 24 | 32) {
        return Ok(());
    }
    Err(KeyRuleViolation::new(
        field,
        format!(
            "must hold 16, 24 or 32 bytes (128, 192 or 256 bits) for {}, and this one has {length} bytes",
            rule.key_words
        ),
    ))
}

/// HMAC's optional `length` (in bits) must be at most the material's and more than that minus 8.
/// Other algorithms have no `length` to import with.
fn check_hmac_length(
    rule: &AlgorithmRule,
    algorithm: &serde_json::Value,
    length: usize,
    field: &str,
) -> Result<(), KeyRuleViolation> {
    if rule.name != "HMAC" {
        return Ok(());
    }
    let Some(declared) = algorithm.get("length").and_then(serde_json::Value::as_u64) else {
        return Ok(());
    };
    let bits = (length as u64).saturating_mul(8);
    if declared > bits || declared <= bits.saturating_sub(8) {
        return Err(KeyRuleViolation::new(
            "algorithm.length",
            format!(
                "must be more than {} and at most {bits}: `length` is in bits and must fit the {length} bytes of `{field}`",
                bits.saturating_sub(8)
            ),
        ));
    }
    Ok(())
}

/// True when `bytes` are exactly one DER `SEQUENCE` (tag 0x30, then a definite length that
/// covers the rest of the data): the outer shape of both SubjectPublicKeyInfo (spki) and
/// PrivateKeyInfo (pkcs8).
fn is_one_der_sequence(bytes: &[u8]) -> bool {
    let [0x30, first_length, rest @ ..] = bytes else {
        return false;
    };
    let (length, content) = match *first_length {
        short @ 0..=0x7f => (usize::from(short), rest),
        0x81..=0x84 => {
            let count = usize::from(first_length & 0x7f);
            if rest.len() < count {
                return false;
            }
            let (length_bytes, content) = rest.split_at(count);
            let length = length_bytes
                .iter()
                .fold(0usize, |length, byte| (length << 8) | usize::from(*byte));
            (length, content)
        }
        _ => return false,
    };
    length == content.len()
}

/// The non-secret members of a JWK, and what the secret ones look like (never their values).
#[derive(Deserialize)]
struct JwkShape {
    kty: Option<serde_json::Value>,
    crv: Option<serde_json::Value>,
    key_ops: Option<serde_json::Value>,
    /// The symmetric key (`oct`): only whether it is base64url and its decoded length.
    k: Option<Base64UrlShape>,
    /// The private part of an RSA, EC or OKP key: only whether it is there.
    d: Option<IgnoredAny>,
}

/// What a base64url member looks like, read without keeping its text.
enum Base64UrlShape {
    /// Valid base64url of this many bytes.
    Bytes(usize),
    /// Not a string, or not base64url.
    Invalid,
}

impl<'de> Deserialize<'de> for Base64UrlShape {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShapeVisitor;
        impl<'de> serde::de::Visitor<'de> for ShapeVisitor {
            type Value = Base64UrlShape;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a base64url string")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Base64UrlShape, E> {
                Ok(match decoded_length(text, Alphabet::UrlSafe) {
                    Some(length) => Base64UrlShape::Bytes(length),
                    None => Base64UrlShape::Invalid,
                })
            }

            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Base64UrlShape, E> {
                Ok(Base64UrlShape::Invalid)
            }

            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Base64UrlShape, E> {
                Ok(Base64UrlShape::Invalid)
            }

            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Base64UrlShape, E> {
                Ok(Base64UrlShape::Invalid)
            }

            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Base64UrlShape, E> {
                Ok(Base64UrlShape::Invalid)
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<Base64UrlShape, E> {
                Ok(Base64UrlShape::Invalid)
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Base64UrlShape, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Base64UrlShape::Invalid)
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Base64UrlShape, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Base64UrlShape::Invalid)
            }
        }
        deserializer.deserialize_any(ShapeVisitor)
    }
}

/// Checks `key_jwk` and works out which kind of key it holds.
fn check_jwk(
    rule: &AlgorithmRule,
    named_curve: Option<&str>,
    algorithm: &serde_json::Value,
    material: KeyMaterial<'_>,
    usages: &[&str],
) -> Result<KeyType, KeyRuleViolation> {
    let not_an_object = || {
        KeyRuleViolation::new(
            "key_jwk",
            "must be a JSON Web Key: a JSON object with a `kty` (RFC 7517)",
        )
    };
    let shape: JwkShape = match material {
        KeyMaterial::Jwk(value) if value.is_object() => {
            JwkShape::deserialize(value).map_err(|_| not_an_object())?
        }
        KeyMaterial::JwkText(text) if text.trim_start().starts_with('{') => {
            serde_json::from_str(text).map_err(|_| not_an_object())?
        }
        _ => return Err(not_an_object()),
    };
    let Some(kty) = rule.jwk_kty else {
        return Err(KeyRuleViolation::new(
            "format",
            format!("cannot be jwk for {}", rule.key_words),
        ));
    };
    if shape.kty.as_ref().and_then(serde_json::Value::as_str) != Some(kty) {
        return Err(KeyRuleViolation::new(
            "key_jwk.kty",
            format!("must be \"{kty}\" for {} (RFC 7518)", rule.key_words),
        ));
    }
    if let Some(crv) = rule.jwk_crv.or(named_curve)
        && shape.crv.as_ref().and_then(serde_json::Value::as_str) != Some(crv)
    {
        return Err(KeyRuleViolation::new(
            "key_jwk.crv",
            format!(
                "must be \"{crv}\" for {}, the same curve as the algorithm",
                rule.key_words
            ),
        ));
    }
    if let Some(key_ops) = &shape.key_ops {
        let operations: Option<Vec<&str>> = key_ops
            .as_array()
            .and_then(|items| items.iter().map(serde_json::Value::as_str).collect());
        let Some(operations) = operations else {
            return Err(KeyRuleViolation::new(
                "key_jwk.key_ops",
                "must be an array of strings (RFC 7517)",
            ));
        };
        if !usages.iter().all(|usage| operations.contains(usage)) {
            return Err(KeyRuleViolation::new(
                "key_jwk.key_ops",
                "must list every one of `usages`: WebCrypto refuses a JWK whose key_ops leave a usage out",
            ));
        }
    }
    if kty != "oct" {
        return Ok(if shape.d.is_some() {
            KeyType::Private
        } else {
            KeyType::Public
        });
    }
    let length = match shape.k {
        Some(Base64UrlShape::Bytes(length)) => length,
        Some(Base64UrlShape::Invalid) => {
            return Err(KeyRuleViolation::new(
                "key_jwk.k",
                "must be a base64url string (RFC 7515: A-Z, a-z, 0-9, - and _)",
            ));
        }
        None => {
            return Err(KeyRuleViolation::new(
                "key_jwk.k",
                "is required: an `oct` JWK carries its key in `k`",
            ));
        }
    };
    if length == 0 {
        return Err(KeyRuleViolation::new(
            "key_jwk.k",
            "must not be empty: a key needs key material",
        ));
    }
    match rule.raw {
        Some(RawRule::Aes) => check_aes_length(rule, length, "key_jwk.k")?,
        _ => check_hmac_length(rule, algorithm, length, "key_jwk.k")?,
    }
    Ok(KeyType::Secret)
}

/// Checks the usages against the kind of key and the algorithm.
fn check_usages(
    rule: &AlgorithmRule,
    key_type: KeyType,
    usages: &[&str],
) -> Result<(), KeyRuleViolation> {
    let (allowed, kind) = match key_type {
        KeyType::Secret => (rule.secret_usages.unwrap_or(&[]), ""),
        KeyType::Public => (rule.public_usages, "public "),
        KeyType::Private => (rule.private_usages, "private "),
    };
    let key_words = if kind.is_empty() {
        rule.key_words.to_owned()
    } else {
        // "an ECDH key" becomes "an ECDH public key".
        format!(
            "{} {kind}key",
            rule.key_words.trim_end_matches(" key").to_owned()
        )
    };
    let allowed_words = list(allowed.iter().map(|usage| usage.as_str()));
    if usages.is_empty() {
        if key_type == KeyType::Public {
            return Ok(());
        }
        return Err(KeyRuleViolation::new(
            "usages",
            format!(
                "must not be empty: WebCrypto refuses a secret or private key without usages ({key_words} allows {allowed_words})"
            ),
        ));
    }
    for (index, usage) in usages.iter().enumerate() {
        let field = format!("usages[{index}]");
        let Some(known) = ALL_USAGES.iter().find(|known| known.as_str() == *usage) else {
            return Err(KeyRuleViolation::new(
                field,
                format!(
                    "must be one of {}",
                    list(ALL_USAGES.iter().map(|usage| usage.as_str()))
                ),
            ));
        };
        if allowed.is_empty() {
            return Err(KeyRuleViolation::new(
                "usages",
                format!(
                    "must be empty for {key_words}: WebCrypto gives a public key-agreement key no usages (it is passed as the `public` of deriveBits)"
                ),
            ));
        }
        if !allowed.contains(known) {
            return Err(KeyRuleViolation::new(
                field,
                format!(
                    "cannot be {} for {key_words}: WebCrypto allows {allowed_words}",
                    known.as_str()
                ),
            ));
        }
    }
    Ok(())
}

/// The two base64 alphabets of RFC 4648.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Alphabet {
    /// Section 4: `+` and `/`.
    Standard,
    /// Section 5 (JWK members, RFC 7515): `-` and `_`.
    UrlSafe,
}

/// The value of one base64 character, or `None` when the alphabet does not have it.
fn sextet(character: u8, alphabet: Alphabet) -> Option<u8> {
    match (character, alphabet) {
        (b'A'..=b'Z', _) => Some(character - b'A'),
        (b'a'..=b'z', _) => Some(character - b'a' + 26),
        (b'0'..=b'9', _) => Some(character - b'0' + 52),
        (b'+', Alphabet::Standard) | (b'-', Alphabet::UrlSafe) => Some(62),
        (b'/', Alphabet::Standard) | (b'_', Alphabet::UrlSafe) => Some(63),
        _ => None,
    }
}

/// The text without its `=` padding, when the text is well-formed base64 of `alphabet` (padding
/// only at the end, at most two, and only to a multiple of four; no length of 1 modulo 4).
fn unpadded(text: &str, alphabet: Alphabet) -> Option<&[u8]> {
    let bytes = text.as_bytes();
    let data = bytes
        .strip_suffix(b"==")
        .or_else(|| bytes.strip_suffix(b"="))
        .unwrap_or(bytes);
    if data.len() != bytes.len() && !bytes.len().is_multiple_of(4) {
        return None;
    }
    if data.len() % 4 == 1 || !data.iter().all(|byte| sextet(*byte, alphabet).is_some()) {
        return None;
    }
    Some(data)
}

/// The number of bytes `text` decodes to, or `None` when it is not base64 of `alphabet`.
fn decoded_length(text: &str, alphabet: Alphabet) -> Option<usize> {
    let data = unpadded(text, alphabet)?;
    Some(data.len() / 4 * 3 + (data.len() % 4).saturating_sub(1))
}

/// Decodes base64 into memory that is wiped when dropped, or `None` when it is not valid.
fn decode_base64(text: &str, alphabet: Alphabet) -> Option<Zeroizing<Vec<u8>>> {
    let data = unpadded(text, alphabet)?;
    let mut out = Zeroizing::new(Vec::with_capacity(data.len() / 4 * 3 + 2));
    for chunk in data.chunks(4) {
        let mut buffer = 0u32;
        for (index, byte) in chunk.iter().enumerate() {
            buffer |= u32::from(sextet(*byte, alphabet)?) << (18 - 6 * index);
        }
        let [_, first, second, third] = buffer.to_be_bytes();
        out.extend_from_slice(&[first, second, third][..chunk.len() - 1]);
    }
    Some(out)
}

/// Encodes bytes as padded base64 (RFC 4648 section 4) straight into a [`SecretString`], the
/// form `key_base64` takes: `SecretKeyInput::raw(.., keys::encode_base64(&key_bytes))`.
///
/// The text is written once into memory of its final size, so no unwiped copy is left behind.
pub fn encode_base64(bytes: impl AsRef<[u8]>) -> SecretString {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = bytes.as_ref();
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let buffer = chunk
            .iter()
            .enumerate()
            .fold(0u32, |buffer, (index, byte)| {
                buffer | u32::from(*byte) << (16 - 8 * index)
            });
        for index in 0..4 {
            if index <= chunk.len() {
                let sextet = (buffer >> (18 - 6 * index)) & 0x3f;
                text.push(char::from(ALPHABET[sextet as usize]));
            } else {
                text.push('=');
            }
        }
    }
    SecretString::from(text.into_boxed_str())
}

impl runtime::ExtraValidate for SecretKeyInput {
    /// Runs [`check_key_import`] on the key, so an SDK call refuses it before sending.
    fn extra_validate(&self, field: &str) -> runtime::Result<()> {
        let material = match self.format() {
            KeyFormat::Jwk => self
                .key_jwk()
                .map(|jwk| KeyMaterial::JwkText(jwk.expose_secret())),
            _ => self
                .key_base64()
                .map(|base64| KeyMaterial::Base64(base64.expose_secret())),
        };
        // A missing material was refused by the `x-sdk-required-when` check before this.
        let Some(material) = material else {
            return Ok(());
        };
        let algorithm = serde_json::to_value(self.algorithm()).map_err(|_| {
            runtime::Error::validation(format!("{field}.algorithm"), "could not be serialized")
        })?;
        let usages = self.usages().iter().map(KeyUsage::as_str);
        check_key_import(&KeyImport::new(
            &algorithm,
            self.format().as_str(),
            usages,
            material,
        ))
        .map_err(|violation| {
            runtime::Error::validation(format!("{field}.{}", violation.field), violation.rule)
        })
    }
}

impl SecretKeyInput {
    /// An HMAC key for signing and verifying (`format: raw`, usages `sign` and `verify`), from
    /// the key's bytes: `SecretKeyInput::hmac("SIGNING_KEY", Hash::Sha256, &key_bytes)`.
    pub fn hmac(name: impl Into<String>, hash: Hash, key: impl AsRef<[u8]>) -> Self {
        SecretKeyInput::raw(
            name,
            KeyAlgorithm::hmac(hash),
            vec![KeyUsage::Sign, KeyUsage::Verify],
            encode_base64(key),
        )
    }
}

impl SecretBindingInput {
    /// A `secret_key` binding holding an HMAC key for signing and verifying, from the key's
    /// bytes: `SecretBindingInput::hmac_key("SIGNING_KEY", Hash::Sha256, &key_bytes)`. See
    /// [`SecretKeyInput::raw`] and friends for other algorithms.
    pub fn hmac_key(name: impl Into<String>, hash: Hash, key: impl AsRef<[u8]>) -> Self {
        SecretBindingInput::SecretKey(SecretKeyInput::hmac(name, hash, key))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    /// A base64url text of `length` bytes (the JWK `k` form).
    fn base64url(bytes: &[u8]) -> String {
        encode_base64(bytes)
            .expose_secret()
            .trim_end_matches('=')
            .replace('+', "-")
            .replace('/', "_")
    }

    /// A DER SEQUENCE of `length` content bytes: the outer shape of spki and pkcs8.
    fn der(length: usize) -> Vec<u8> {
        let mut bytes = vec![0x30];
        if length < 0x80 {
            bytes.push(length as u8);
        } else {
            bytes.extend([0x82, (length >> 8) as u8, length as u8]);
        }
        bytes.extend(std::iter::repeat_n(0x02, length));
        bytes
    }

    /// One binding, owned, for the cases below.
    #[derive(Clone, Debug)]
    struct Case {
        algorithm: Value,
        format: &'static str,
        usages: Vec<&'static str>,
        base64: Option<String>,
        jwk: Option<Value>,
    }

    impl Case {
        fn check(&self) -> Result<(), KeyRuleViolation> {
            let material = match (&self.base64, &self.jwk) {
                (Some(base64), _) => KeyMaterial::Base64(base64),
                (None, Some(jwk)) => KeyMaterial::Jwk(jwk),
                (None, None) => KeyMaterial::Base64(""),
            };
            check_key_import(&KeyImport::new(
                &self.algorithm,
                self.format,
                self.usages.iter().copied(),
                material,
            ))
        }

        fn refused_at(&self, field: &str) -> KeyRuleViolation {
            let violation = self
                .check()
                .expect_err(&format!("{self:?} must be refused"));
            assert_eq!(violation.field(), field, "{self:?}: {violation}");
            violation
        }
    }

    fn raw(algorithm: Value, usages: &[&'static str], bytes: &[u8]) -> Case {
        Case {
            algorithm,
            format: "raw",
            usages: usages.to_vec(),
            base64: Some(encode_base64(bytes).expose_secret().to_owned()),
            jwk: None,
        }
    }

    fn hmac() -> Case {
        raw(
            json!({"name": "HMAC", "hash": "SHA-256"}),
            &["sign", "verify"],
            &[7; 32],
        )
    }

    /// What the issue lists as accepted before and refused now, each with the field named.
    #[test]
    fn the_values_the_issue_lists_are_refused_with_the_field_and_the_rule() {
        let mut case = hmac();
        case.base64 = Some("not base64 !!".to_owned());
        let violation = case.refused_at("key_base64");
        assert!(violation.rule().contains("base64"), "{violation}");

        let mut case = hmac();
        case.algorithm = json!({});
        let violation = case.refused_at("algorithm.name");
        assert!(violation.rule().contains("required"), "{violation}");

        let mut case = hmac();
        case.usages.clear();
        let violation = case.refused_at("usages");
        assert!(
            violation.rule().contains("must not be empty"),
            "{violation}"
        );

        let mut case = hmac();
        case.base64 = Some(String::new());
        let violation = case.refused_at("key_base64");
        assert!(
            violation.rule().contains("must not be empty"),
            "{violation}"
        );

        let mut case = hmac();
        case.usages = vec!["sign", "encrypt"];
        let violation = case.refused_at("usages[1]");
        assert_eq!(
            violation.to_string(),
            "`usages[1]` cannot be encrypt for an HMAC key: WebCrypto allows sign or verify"
        );
    }

    #[test]
    fn formats_follow_the_algorithm() {
        let mut case = hmac();
        case.format = "pkcs8";
        let violation = case.refused_at("format");
        assert!(violation.rule().contains("raw or jwk"), "{violation}");

        let mut hkdf = raw(json!({"name": "HKDF"}), &["deriveBits"], &[1; 16]);
        assert_eq!(hkdf.check(), Ok(()));
        hkdf.format = "jwk";
        hkdf.base64 = None;
        hkdf.jwk = Some(json!({"kty": "oct", "k": "AAAA"}));
        hkdf.refused_at("format");

        let mut rsa = raw(
            json!({"name": "RSA-PSS", "hash": "SHA-256"}),
            &["sign"],
            &der(10),
        );
        rsa.refused_at("format");
        rsa.format = "pkcs8";
        assert_eq!(rsa.check(), Ok(()));
        rsa.format = "spki";
        rsa.refused_at("usages[0]");
        rsa.usages = vec!["verify"];
        assert_eq!(rsa.check(), Ok(()));

        let mut case = hmac();
        case.format = "pem";
        case.refused_at("format");
    }

    #[test]
    fn material_lengths_follow_the_algorithm() {
        for length in [16, 24, 32] {
            let case = raw(json!({"name": "AES-GCM"}), &["encrypt"], &vec![1; length]);
            assert_eq!(case.check(), Ok(()), "{length}");
        }
        for length in [1, 15, 20, 31, 33, 64] {
            let case = raw(json!({"name": "aes-cbc"}), &["decrypt"], &vec![1; length]);
            let violation = case.refused_at("key_base64");
            assert!(
                violation.rule().contains("16, 24 or 32 bytes"),
                "{violation}"
            );
        }
        let curve = |name: &str| json!({"name": "ECDSA", "namedCurve": name});
        assert_eq!(raw(curve("P-256"), &["verify"], &[4; 65]).check(), Ok(()));
        assert_eq!(raw(curve("P-384"), &["verify"], &[3; 49]).check(), Ok(()));
        raw(curve("P-256"), &["verify"], &[4; 97]).refused_at("key_base64");
        raw(curve("P-256"), &["sign"], &[4; 65]).refused_at("usages[0]");
        raw(curve("p-256"), &["verify"], &[4; 65]).refused_at("algorithm.namedCurve");
        let ed = |length: usize| raw(json!({"name": "Ed25519"}), &["verify"], &vec![9; length]);
        assert_eq!(ed(32).check(), Ok(()));
        ed(31).refused_at("key_base64");

        let mut hmac_with_length = hmac();
        for (length, fits) in [
            (256, true),
            (249, true),
            (248, false),
            (257, false),
            (0, false),
        ] {
            hmac_with_length.algorithm["length"] = json!(length);
            let result = hmac_with_length.check();
            assert_eq!(result.is_ok(), fits, "{length}: {result:?}");
            if !fits {
                hmac_with_length.refused_at("algorithm.length");
            }
        }

        let mut spki = raw(json!({"name": "X25519"}), &[], &der(40));
        spki.format = "spki";
        assert_eq!(spki.check(), Ok(()));
        spki.base64 = Some(encode_base64([0x30, 0x05, 0x00]).expose_secret().to_owned());
        spki.refused_at("key_base64");
        spki.base64 = Some(encode_base64(der(300)).expose_secret().to_owned());
        assert_eq!(spki.check(), Ok(()));
    }

    #[test]
    fn public_key_agreement_keys_take_no_usages_and_private_ones_need_some() {
        let mut ecdh = raw(
            json!({"name": "ECDH", "namedCurve": "P-256"}),
            &[],
            &[4; 65],
        );
        assert_eq!(ecdh.check(), Ok(()));
        ecdh.usages = vec!["deriveBits"];
        let violation = ecdh.refused_at("usages");
        assert!(
            violation.rule().contains("an ECDH public key"),
            "{violation}"
        );
        ecdh.format = "pkcs8";
        ecdh.base64 = Some(encode_base64(der(60)).expose_secret().to_owned());
        assert_eq!(ecdh.check(), Ok(()));
        ecdh.usages.clear();
        ecdh.refused_at("usages");
    }

    #[test]
    fn algorithm_names_and_hashes_match_as_webcrypto_normalizes_them() {
        for algorithm in [
            json!({"name": "hmac", "hash": "sha-256"}),
            json!({"name": "HMAC", "hash": {"name": "SHA-512"}}),
        ] {
            let mut case = hmac();
            case.algorithm = algorithm;
            assert_eq!(case.check(), Ok(()));
        }
        for (algorithm, field) in [
            (json!("HMAC"), "algorithm"),
            (json!({"name": 1}), "algorithm.name"),
            (json!({"name": "HMAC-SHA256"}), "algorithm.name"),
            (json!({"name": "HMAC"}), "algorithm.hash"),
            (json!({"name": "HMAC", "hash": "MD5"}), "algorithm.hash"),
            (json!({"name": "HMAC", "hash": {}}), "algorithm.hash"),
            (
                json!({"name": "HMAC", "hash": "SHA-256", "length": -1}),
                "algorithm.length",
            ),
            (json!({"name": "ECDSA"}), "algorithm.namedCurve"),
        ] {
            let mut case = hmac();
            case.algorithm = algorithm;
            case.refused_at(field);
        }
    }

    #[test]
    fn jwk_members_must_fit_the_algorithm() {
        let oct = |k: &[u8]| json!({"kty": "oct", "k": base64url(k)});
        let jwk = |algorithm: Value, usages: &[&'static str], jwk: Value| Case {
            algorithm,
            format: "jwk",
            usages: usages.to_vec(),
            base64: None,
            jwk: Some(jwk),
        };
        let hmac_jwk = |value| jwk(json!({"name": "HMAC", "hash": "SHA-1"}), &["sign"], value);
        assert_eq!(hmac_jwk(oct(&[1; 20])).check(), Ok(()));
        hmac_jwk(json!(["oct"])).refused_at("key_jwk");
        hmac_jwk(json!({"kty": "RSA", "k": "AAAA"})).refused_at("key_jwk.kty");
        hmac_jwk(json!({"kty": "oct"})).refused_at("key_jwk.k");
        hmac_jwk(json!({"kty": "oct", "k": "a+b/"})).refused_at("key_jwk.k");
        hmac_jwk(json!({"kty": "oct", "k": {"x": 1}})).refused_at("key_jwk.k");
        hmac_jwk(json!({"kty": "oct", "k": ""})).refused_at("key_jwk.k");
        let mut with_ops = oct(&[1; 20]);
        with_ops["key_ops"] = json!(["verify"]);
        hmac_jwk(with_ops.clone()).refused_at("key_jwk.key_ops");
        with_ops["key_ops"] = json!(["sign", "verify"]);
        assert_eq!(hmac_jwk(with_ops).check(), Ok(()));

        let aes = |k: &[u8]| jwk(json!({"name": "AES-KW"}), &["wrapKey"], oct(k));
        assert_eq!(aes(&[1; 32]).check(), Ok(()));
        aes(&[1; 20]).refused_at("key_jwk.k");

        let ec = |value| {
            jwk(
                json!({"name": "ECDSA", "namedCurve": "P-384"}),
                &["sign"],
                value,
            )
        };
        let private = json!({"kty": "EC", "crv": "P-384", "x": "AA", "y": "AA", "d": "AA"});
        assert_eq!(ec(private.clone()).check(), Ok(()));
        let mut public = private.clone();
        if let Some(object) = public.as_object_mut() {
            object.remove("d");
        }
        ec(public).refused_at("usages[0]");
        let mut other_curve = private;
        other_curve["crv"] = json!("P-256");
        ec(other_curve).refused_at("key_jwk.crv");

        let okp = jwk(
            json!({"name": "X25519"}),
            &["deriveKey"],
            json!({"kty": "OKP", "crv": "Ed25519", "x": "AA", "d": "AA"}),
        );
        okp.refused_at("key_jwk.crv");
    }

    #[test]
    fn messages_never_hold_key_material() {
        let secret = "c2VjcmV0LWtleS1tYXRlcmlhbA==";
        let mut case = hmac();
        case.base64 = Some(format!("{secret}!"));
        let violation = case.refused_at("key_base64");
        assert!(!violation.to_string().contains("c2VjcmV0"), "{violation}");
        let case = Case {
            algorithm: json!({"name": "AES-GCM"}),
            format: "jwk",
            usages: vec!["encrypt"],
            base64: None,
            jwk: Some(json!({"kty": "oct-secret-kty", "k": "c2VjcmV0"})),
        };
        let violation = case.refused_at("key_jwk.kty");
        assert!(!violation.to_string().contains("secret"), "{violation}");
    }

    #[test]
    fn base64_round_trips_and_refuses_what_is_not_base64() {
        let mut rng = fastrand::Rng::with_seed(17);
        for _ in 0..500 {
            let bytes: Vec<u8> = (0..rng.usize(0..70)).map(|_| rng.u8(..)).collect();
            let text = encode_base64(&bytes);
            assert_eq!(
                decode_base64(text.expose_secret(), Alphabet::Standard).as_deref(),
                Some(&bytes),
                "{bytes:?}"
            );
            let unpadded = text.expose_secret().trim_end_matches('=');
            assert_eq!(
                decode_base64(unpadded, Alphabet::Standard).as_deref(),
                Some(&bytes)
            );
            assert_eq!(
                decoded_length(&base64url(&bytes), Alphabet::UrlSafe),
                Some(bytes.len())
            );
        }
        for text in [
            "not base64 !!",
            "AAAA=",
            "A",
            "AAAAA",
            "AA=A",
            "AA===",
            "a-b_",
            "AA AA",
        ] {
            assert!(decode_base64(text, Alphabet::Standard).is_none(), "{text}");
        }
    }

    /// One valid binding of a row of the table, built from facts restated here from the W3C
    /// specification rather than read from the table, with a random key type, usages and form.
    fn valid_case(rng: &mut fastrand::Rng) -> Case {
        let pick = |rng: &mut fastrand::Rng, items: &[&'static str]| -> Vec<&'static str> {
            let mut chosen: Vec<&'static str> =
                items.iter().copied().filter(|_| rng.bool()).collect();
            if chosen.is_empty() {
                chosen.push(items[rng.usize(..items.len())]);
            }
            chosen
        };
        let hash = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"][rng.usize(..4)];
        let hash = if rng.bool() {
            json!(hash)
        } else {
            json!({ "name": hash })
        };
        let curve = [("P-256", 65), ("P-384", 97), ("P-521", 133)][rng.usize(..3)];
        let asymmetric = |rng: &mut fastrand::Rng,
                          algorithm: Value,
                          public: &[&'static str],
                          private: &[&'static str],
                          raw_length: Option<usize>,
                          jwk: Value| {
            let private_key = rng.bool();
            let formats: &[&str] = match (private_key, raw_length) {
                (true, _) => &["pkcs8", "jwk"],
                (false, Some(_)) => &["spki", "raw", "jwk"],
                (false, None) => &["spki", "jwk"],
            };
            let format = formats[rng.usize(..formats.len())];
            let usages = if private_key {
                pick(rng, private)
            } else if public.is_empty() {
                Vec::new()
            } else {
                pick(rng, public)
            };
            let mut jwk = jwk;
            if private_key {
                jwk["d"] = json!("AA");
            }
            let (base64, jwk) = match format {
                "jwk" => (None, Some(jwk)),
                "raw" => (Some(vec![4; raw_length.unwrap_or(1)]), None),
                _ => (Some(der(rng.usize(30..400))), None),
            };
            Case {
                algorithm,
                format,
                usages,
                base64: base64.map(|bytes| encode_base64(bytes).expose_secret().to_owned()),
                jwk,
            }
        };
        let symmetric = |rng: &mut fastrand::Rng,
                         algorithm: Value,
                         usages: &[&'static str],
                         length: usize,
                         jwk: bool| {
            let bytes = vec![rng.u8(..); length];
            let use_jwk = jwk && rng.bool();
            Case {
                algorithm,
                format: if use_jwk { "jwk" } else { "raw" },
                usages: pick(rng, usages),
                base64: (!use_jwk).then(|| encode_base64(&bytes).expose_secret().to_owned()),
                jwk: use_jwk.then(|| json!({"kty": "oct", "k": base64url(&bytes)})),
            }
        };
        let aes = ["encrypt", "decrypt", "wrapKey", "unwrapKey"];
        let aes_length = [16, 24, 32][rng.usize(..3)];
        let hmac_length = rng.usize(1..100);
        let derive_length = rng.usize(1..64);
        match rng.usize(..14) {
            0 => symmetric(
                rng,
                json!({"name": "HMAC", "hash": hash}),
                &["sign", "verify"],
                hmac_length,
                true,
            ),
            1 => symmetric(rng, json!({"name": "AES-GCM"}), &aes, aes_length, true),
            2 => symmetric(rng, json!({"name": "AES-CBC"}), &aes, aes_length, true),
            3 => symmetric(rng, json!({"name": "AES-CTR"}), &aes, aes_length, true),
            4 => symmetric(
                rng,
                json!({"name": "AES-KW"}),
                &["wrapKey", "unwrapKey"],
                aes_length,
                true,
            ),
            5 => symmetric(
                rng,
                json!({"name": "HKDF"}),
                &["deriveKey", "deriveBits"],
                derive_length,
                false,
            ),
            6 => symmetric(
                rng,
                json!({"name": "PBKDF2"}),
                &["deriveKey", "deriveBits"],
                derive_length,
                false,
            ),
            7 => asymmetric(
                rng,
                json!({"name": "RSASSA-PKCS1-v1_5", "hash": hash}),
                &["verify"],
                &["sign"],
                None,
                json!({"kty": "RSA", "n": "AQAB", "e": "AQAB"}),
            ),
            8 => asymmetric(
                rng,
                json!({"name": "RSA-PSS", "hash": hash}),
                &["verify"],
                &["sign"],
                None,
                json!({"kty": "RSA", "n": "AQAB", "e": "AQAB"}),
            ),
            9 => asymmetric(
                rng,
                json!({"name": "RSA-OAEP", "hash": hash}),
                &["encrypt", "wrapKey"],
                &["decrypt", "unwrapKey"],
                None,
                json!({"kty": "RSA", "n": "AQAB", "e": "AQAB"}),
            ),
            10 => asymmetric(
                rng,
                json!({"name": "ECDSA", "namedCurve": curve.0}),
                &["verify"],
                &["sign"],
                Some(curve.1),
                json!({"kty": "EC", "crv": curve.0, "x": "AA", "y": "AA"}),
            ),
            11 => asymmetric(
                rng,
                json!({"name": "ECDH", "namedCurve": curve.0}),
                &[],
                &["deriveKey", "deriveBits"],
                Some(curve.1),
                json!({"kty": "EC", "crv": curve.0, "x": "AA", "y": "AA"}),
            ),
            12 => asymmetric(
                rng,
                json!({"name": "Ed25519"}),
                &["verify"],
                &["sign"],
                Some(32),
                json!({"kty": "OKP", "crv": "Ed25519", "x": "AA"}),
            ),
            _ => asymmetric(
                rng,
                json!({"name": "X25519"}),
                &[],
                &["deriveKey", "deriveBits"],
                Some(32),
                json!({"kty": "OKP", "crv": "X25519", "x": "AA"}),
            ),
        }
    }

    /// Seeded: 3,000 valid bindings of every algorithm, form and key type are accepted, and one
    /// random mistake in each is refused with the field that holds it.
    #[test]
    fn seeded_valid_keys_pass_and_one_mistake_names_its_field() {
        let mut rng = fastrand::Rng::with_seed(0x005e_ed17);
        for round in 0..3_000 {
            let valid = valid_case(&mut rng);
            assert_eq!(valid.check(), Ok(()), "round {round}: {valid:?}");
            let mut broken = valid.clone();
            let field = match rng.usize(..7) {
                0 => {
                    broken.algorithm["name"] = json!("RSA-KEM");
                    "algorithm.name"
                }
                1 => {
                    broken.algorithm = json!({});
                    "algorithm.name"
                }
                2 => {
                    let usage = ["sign", "encrypt", "deriveBits", "wrapKey"][rng.usize(..4)];
                    if broken.usages.contains(&usage) {
                        continue;
                    }
                    let index = rng.usize(..=broken.usages.len());
                    broken.usages.insert(index, usage);
                    // A public key-agreement key refuses any usage as a whole.
                    if valid.usages.is_empty() {
                        "usages"
                    } else if broken.check().is_ok() {
                        continue;
                    } else {
                        broken.refused_at(&format!("usages[{index}]"));
                        continue;
                    }
                }
                3 => {
                    broken.usages = vec!["sign", "bogus"];
                    if broken.check().is_ok() {
                        panic!("{broken:?} must be refused");
                    }
                    continue;
                }
                4 => match &mut broken.base64 {
                    Some(base64) => {
                        let at = rng.usize(..=base64.len());
                        base64.insert(at, [' ', '!', '-', '_', '*'][rng.usize(..5)]);
                        "key_base64"
                    }
                    None => {
                        if let Some(jwk) = broken.jwk.as_mut() {
                            jwk["kty"] = json!("none");
                        }
                        "key_jwk.kty"
                    }
                },
                5 => match &mut broken.base64 {
                    Some(base64) => {
                        base64.clear();
                        "key_base64"
                    }
                    None => {
                        broken.jwk = Some(json!([1, 2]));
                        "key_jwk"
                    }
                },
                _ => {
                    broken.format = "pem";
                    "format"
                }
            };
            broken.refused_at(field);
        }
    }
}
