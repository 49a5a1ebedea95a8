//! Secret value types: [`SecretString`] for secret text and [`SecretJson`] for secret JSON.
//!
//! Both keep their contents in memory that is zeroized on drop, print as `[REDACTED]` in
//! `Debug`, have no `Display`, and (de)serialize as the plain value so they can sit inside
//! request and response types. The only way to read the value is `expose_secret()`.

use std::fmt;
use std::io;

use secrecy::{ExposeSecret, SecretBox};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroize;

use super::error::{Error, Result};

/// The text every secret type prints instead of its value.
pub(crate) const REDACTED: &str = "[REDACTED]";

/// A secret string: a Workers secret's text, a Secrets Store value, or a credential.
///
/// `Debug` prints `[REDACTED]`; there is deliberately no `Display`. The memory is zeroized when
/// the value is dropped. Serde reads and writes it as a plain JSON string.
pub struct SecretString(SecretBox<str>);

impl SecretString {
    /// Wraps a secret string.
    pub fn new(value: impl Into<SecretString>) -> Self {
        value.into()
    }

    /// Returns the secret text. Keep the borrow short and do not log it.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }

    /// Returns the length of the secret in UTF-8 bytes.
    pub fn len(&self) -> usize {
        self.expose_secret().len()
    }

    /// Returns true when the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.expose_secret().is_empty()
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        SecretString(SecretBox::from(value))
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        SecretString(SecretBox::from(value))
    }
}

impl From<&String> for SecretString {
    fn from(value: &String) -> Self {
        SecretString::from(value.as_str())
    }
}

impl From<Box<str>> for SecretString {
    fn from(value: Box<str>) -> Self {
        SecretString(SecretBox::new(value))
    }
}

impl Clone for SecretString {
    fn clone(&self) -> Self {
        SecretString::from(self.expose_secret())
    }
}

impl Default for SecretString {
    fn default() -> Self {
        SecretString::from("")
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Compares two byte strings in time that depends only on their lengths.
fn constant_time_eq(left: &[u8], right: &[u8]) -> bool {
    if left.len() != right.len() {
        return false;
    }
    let mut difference = 0u8;
    for (a, b) in left.iter().zip(right) {
        difference |= a ^ b;
    }
    difference == 0
}

impl PartialEq for SecretString {
    fn eq(&self, other: &Self) -> bool {
        constant_time_eq(
            self.expose_secret().as_bytes(),
            other.expose_secret().as_bytes(),
        )
    }
}

impl Eq for SecretString {}

impl Serialize for SecretString {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose_secret())
    }
}

impl<'de> Deserialize<'de> for SecretString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct SecretStringVisitor;

        impl<'de> Visitor<'de> for SecretStringVisitor {
            type Value = SecretString;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> std::result::Result<SecretString, E> {
                Ok(SecretString::from(value))
            }

            fn visit_string<E: de::Error>(
                self,
                mut value: String,
            ) -> std::result::Result<SecretString, E> {
                let secret = SecretString::from(value.as_str());
                value.zeroize();
                Ok(secret)
            }
        }

        deserializer.deserialize_string(SecretStringVisitor)
    }
}

/// Arbitrary secret JSON (for example a JSON Web Key), kept as JSON text in zeroized memory.
///
/// `Debug` prints `[REDACTED]`. Serde writes it as the JSON value itself (not as a string) and
/// reads any JSON value.
pub struct SecretJson(SecretBox<str>);

impl SecretJson {
    /// Parses JSON text and keeps it as a secret. The error never contains the text.
    pub fn from_json_str(text: &str) -> Result<Self> {
        match serde_json::from_str::<&serde_json::value::RawValue>(text) {
            Ok(raw) => Ok(SecretJson(SecretBox::from(raw.get()))),
            Err(error) => Err(Error::validation(
                "json",
                format!(
                    "is not valid JSON (line {}, column {})",
                    error.line(),
                    error.column()
                ),
            )),
        }
    }

    /// Returns the secret as compact JSON text. Keep the borrow short and do not log it.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }

    /// Parses the secret into a `serde_json::Value` (which is not zeroized: drop it soon).
    pub fn expose_value(&self) -> serde_json::Value {
        serde_json::from_str(self.expose_secret()).unwrap_or(serde_json::Value::Null)
    }
}

impl From<serde_json::Value> for SecretJson {
    fn from(value: serde_json::Value) -> Self {
        SecretJson::from(&value)
    }
}

impl From<&serde_json::Value> for SecretJson {
    fn from(value: &serde_json::Value) -> Self {
        let mut buffer = SecretBuffer::default();
        // Serializing a `Value` into memory cannot fail: its map keys are always strings.
        if serde_json::to_writer(&mut buffer, value).is_err() {
            buffer.clear();
            buffer.push_bytes(b"null");
        }
        SecretJson(buffer.into_secret())
    }
}

impl Clone for SecretJson {
    fn clone(&self) -> Self {
        SecretJson(SecretBox::from(self.expose_secret()))
    }
}

impl fmt::Debug for SecretJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl PartialEq for SecretJson {
    fn eq(&self, other: &Self) -> bool {
        constant_time_eq(
            self.expose_secret().as_bytes(),
            other.expose_secret().as_bytes(),
        )
    }
}

impl Eq for SecretJson {}

impl Serialize for SecretJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        // The text was valid JSON when it was stored, so this parse only borrows it.
        let raw: &serde_json::value::RawValue =
            serde_json::from_str(self.expose_secret()).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for SecretJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        // The value is rebuilt as JSON text by a visitor (instead of `RawValue`) so that this
        // also works inside internally tagged enums, where serde buffers the input first.
        let mut buffer = SecretBuffer::default();
        JsonTextSeed {
            buffer: &mut buffer,
        }
        .deserialize(deserializer)?;
        Ok(SecretJson(buffer.into_secret()))
    }
}

/// A growable byte buffer that zeroizes every allocation it leaves behind.
#[derive(Default)]
pub(crate) struct SecretBuffer {
    bytes: Vec<u8>,
}

impl SecretBuffer {
    /// Appends bytes, moving to a larger allocation (and wiping the old one) when needed.
    pub(crate) fn push_bytes(&mut self, data: &[u8]) {
        let needed = self.bytes.len() + data.len();
        if needed > self.bytes.capacity() {
            let mut larger = Vec::with_capacity(needed.max(self.bytes.capacity() * 2).max(64));
            larger.extend_from_slice(&self.bytes);
            self.bytes.zeroize();
            self.bytes = larger;
        }
        self.bytes.extend_from_slice(data);
    }

    /// Empties the buffer, wiping what it held.
    pub(crate) fn clear(&mut self) {
        self.bytes.zeroize();
    }

    /// Returns the bytes written so far.
    pub(crate) fn as_slice(&self) -> &[u8] {
        &self.bytes
    }

    /// Converts the buffer into a secret string. Non-UTF-8 content (which serde_json never
    /// writes) becomes `null` rather than a panic.
    fn into_secret(mut self) -> SecretBox<str> {
        let secret = match std::str::from_utf8(&self.bytes) {
            Ok(text) => SecretBox::from(text),
            Err(_) => SecretBox::from("null"),
        };
        self.bytes.zeroize();
        secret
    }
}

impl Drop for SecretBuffer {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

impl io::Write for SecretBuffer {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.push_bytes(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl AsRef<[u8]> for SecretBuffer {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

/// Deserializes any self-describing value and writes it to a buffer as compact JSON text.
struct JsonTextSeed<'a> {
    buffer: &'a mut SecretBuffer,
}

impl JsonTextSeed<'_> {
    fn write_json<T: Serialize + ?Sized, E: de::Error>(
        &mut self,
        value: &T,
    ) -> std::result::Result<(), E> {
        serde_json::to_writer(&mut *self.buffer, value).map_err(E::custom)
    }
}

impl<'de> DeserializeSeed<'de> for JsonTextSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for JsonTextSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(mut self, value: bool) -> std::result::Result<(), E> {
        self.write_json(&value)
    }

    fn visit_i64<E: de::Error>(mut self, value: i64) -> std::result::Result<(), E> {
        self.write_json(&value)
    }

    fn visit_u64<E: de::Error>(mut self, value: u64) -> std::result::Result<(), E> {
        self.write_json(&value)
    }

    fn visit_f64<E: de::Error>(mut self, value: f64) -> std::result::Result<(), E> {
        // serde_json writes `null` for NaN and infinities, as JavaScript does.
        self.write_json(&value)
    }

    fn visit_str<E: de::Error>(mut self, value: &str) -> std::result::Result<(), E> {
        self.write_json(value)
    }

    fn visit_string<E: de::Error>(mut self, mut value: String) -> std::result::Result<(), E> {
        let result = self.write_json(value.as_str());
        value.zeroize();
        result
    }

    fn visit_unit<E: de::Error>(self) -> std::result::Result<(), E> {
        self.buffer.push_bytes(b"null");
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> std::result::Result<(), E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        self.buffer.push_bytes(b"[");
        let mut first = true;
        loop {
            if !first {
                self.buffer.push_bytes(b",");
            }
            let before = self.buffer.as_slice().len();
            let seed = JsonTextSeed {
                buffer: &mut *self.buffer,
            };
            if seq.next_element_seed(seed)?.is_none() {
                // Nothing was written for the missing element; drop the separator, if any.
                if !first && self.buffer.as_slice().len() == before {
                    self.buffer.bytes.pop();
                }
                break;
            }
            first = false;
        }
        self.buffer.push_bytes(b"]");
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        self.buffer.push_bytes(b"{");
        let mut first = true;
        while let Some(mut key) = map.next_key::<String>()? {
            if !first {
                self.buffer.push_bytes(b",");
            }
            first = false;
            let written = serde_json::to_writer(&mut *self.buffer, key.as_str());
            key.zeroize();
            written.map_err(de::Error::custom)?;
            self.buffer.push_bytes(b":");
            map.next_value_seed(JsonTextSeed {
                buffer: &mut *self.buffer,
            })?;
        }
        self.buffer.push_bytes(b"}");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_string_debug_is_redacted_and_serde_is_plain() {
        let secret = SecretString::from("hunter2");
        assert_eq!(format!("{secret:?}"), "[REDACTED]");
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"hunter2\"");
        let back: SecretString = serde_json::from_str("\"hunter2\"").unwrap();
        assert_eq!(back.expose_secret(), "hunter2");
        assert_eq!(back, secret.clone());
    }

    #[test]
    fn secret_json_round_trips_the_value() {
        let value = serde_json::json!({"kty": "oct", "k": "c2VjcmV0", "n": [1, 2.5, null, true]});
        let secret = SecretJson::from(value.clone());
        assert_eq!(format!("{secret:?}"), "[REDACTED]");
        let text = serde_json::to_string(&secret).unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            value
        );
        let back: SecretJson = serde_json::from_str(&text).unwrap();
        assert_eq!(back.expose_value(), value);
    }

    #[test]
    fn secret_json_deserializes_inside_an_internally_tagged_enum() {
        #[derive(Deserialize)]
        #[serde(tag = "type")]
        enum Tagged {
            #[serde(rename = "key")]
            Key { jwk: SecretJson },
        }
        let Tagged::Key { jwk } =
            serde_json::from_str(r#"{"type":"key","jwk":{"a":[1,{"b":"c"}],"d":{}}}"#).unwrap();
        assert_eq!(jwk.expose_secret(), r#"{"a":[1,{"b":"c"}],"d":{}}"#);
    }

    #[test]
    fn invalid_secret_json_error_has_no_text() {
        let error = SecretJson::from_json_str("{\"k\": hunter2").unwrap_err();
        assert!(!format!("{error} {error:?}").contains("hunter2"));
    }
}
