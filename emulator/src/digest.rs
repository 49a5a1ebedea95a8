//! What the emulator keeps of a secret value: its length and a keyed hash, never the value.
//!
//! The emulator needs to know two things about a value: whether a later update changed it (for
//! the `value_modified` field of an audit event) and, in tests, whether it is the value a client
//! meant to send. An HMAC-SHA256 under a key that only this emulator holds answers both without
//! keeping the value. The key is random per emulator; with `--state FILE` it is kept in
//! `FILE.key` (not in the state file), so a restarted emulator can still compare.

use std::fmt;

use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};
use serde::{Deserialize, Serialize};

/// The length of a [`DigestKey`] in bytes.
pub const DIGEST_KEY_BYTES: usize = 32;

/// The key the emulator hashes values with. Its `Debug` does not show it.
#[derive(Clone)]
pub struct DigestKey {
    bytes: [u8; DIGEST_KEY_BYTES],
    key: hmac::Key,
}

impl DigestKey {
    /// A fresh random key from the operating system's generator.
    pub fn random() -> DigestKey {
        let mut bytes = [0u8; DIGEST_KEY_BYTES];
        if SystemRandom::new().fill(&mut bytes).is_err() {
            // The system generator does not fail on Linux, macOS or Windows; should it, a key
            // from fastrand still keeps values out of memory dumps of the state.
            bytes.iter_mut().for_each(|byte| *byte = fastrand::u8(..));
        }
        DigestKey::from_bytes(bytes)
    }

    /// The key with these bytes (read back from a key file).
    pub fn from_bytes(bytes: [u8; DIGEST_KEY_BYTES]) -> DigestKey {
        DigestKey {
            key: hmac::Key::new(hmac::HMAC_SHA256, &bytes),
            bytes,
        }
    }

    /// The key's bytes, to write to a key file.
    pub fn bytes(&self) -> &[u8; DIGEST_KEY_BYTES] {
        &self.bytes
    }

    /// What the emulator keeps of `value`.
    pub fn digest(&self, value: &[u8]) -> ValueDigest {
        let tag = hmac::sign(&self.key, value);
        let hmac_sha256 = tag
            .as_ref()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        ValueDigest {
            bytes: value.len(),
            hmac_sha256,
        }
    }
}

impl Default for DigestKey {
    fn default() -> DigestKey {
        DigestKey::random()
    }
}

impl fmt::Debug for DigestKey {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("DigestKey([REDACTED])")
    }
}

/// A value's length in bytes and its HMAC-SHA256 (hex) under the emulator's [`DigestKey`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueDigest {
    /// The length of the value in UTF-8 bytes.
    pub bytes: usize,
    /// HMAC-SHA256 of the value, lowercase hex.
    pub hmac_sha256: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_have_equal_digests_and_different_values_do_not() {
        let key = DigestKey::random();
        assert_eq!(key.digest(b"s3cr3t"), key.digest(b"s3cr3t"));
        assert_ne!(key.digest(b"s3cr3t"), key.digest(b"s3cr3T"));
        assert_eq!(key.digest(b"s3cr3t").bytes, 6);
        let other = DigestKey::random();
        assert_ne!(key.digest(b"s3cr3t"), other.digest(b"s3cr3t"));
        let again = DigestKey::from_bytes(*key.bytes());
        assert_eq!(key.digest(b"x"), again.digest(b"x"));
        assert!(!format!("{key:?}").contains(&format!("{:?}", key.bytes())));
    }
}
