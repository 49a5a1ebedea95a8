//! Key usages are `KeyUsage` values, not strings: a misspelt or made-up usage cannot be sent.
use cloudflare_secrets::{Hash, KeyAlgorithm, KeyUsage, SecretKeyInput};

fn main() {
    let _text = SecretKeyInput::raw(
        "SIGNING_KEY",
        KeyAlgorithm::hmac(Hash::Sha256),
        vec!["sign"],
        "c2VjcmV0LWtleQ==",
    );
    let _misspelt = vec![KeyUsage::Signing];
}
