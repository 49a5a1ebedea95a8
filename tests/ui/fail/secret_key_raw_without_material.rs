//! A `raw` key without its `key_base64` material cannot be built: the fields are private and the
//! only constructor for `raw` takes the material.
use cloudflare_secrets::{Hash, KeyAlgorithm, KeyFormat, KeyUsage, SecretKeyInput};

fn main() {
    let _by_literal = SecretKeyInput {
        name: "SIGNING_KEY".to_owned(),
        algorithm: KeyAlgorithm::hmac(Hash::Sha256),
        format: KeyFormat::Raw,
        usages: vec![KeyUsage::Sign],
        key_base64: None,
        key_jwk: None,
    };
    let _by_constructor = SecretKeyInput::raw(
        "SIGNING_KEY",
        KeyAlgorithm::hmac(Hash::Sha256),
        vec![KeyUsage::Sign],
    );
}
