//! A `raw` key without its `key_base64` material cannot be built: the fields are private and the
//! only constructor for `raw` takes the material.
use cloudflare_secrets::{KeyFormat, KeyUsage, SecretKeyInput};

fn main() {
    let _by_literal = SecretKeyInput {
        name: "SIGNING_KEY".to_owned(),
        algorithm: serde_json::json!({"name": "HMAC", "hash": "SHA-256"}),
        format: KeyFormat::Raw,
        usages: vec![KeyUsage::Sign],
        key_base64: None,
        key_jwk: None,
    };
    let _by_constructor = SecretKeyInput::raw(
        "SIGNING_KEY",
        serde_json::json!({"name": "HMAC", "hash": "SHA-256"}),
        vec![KeyUsage::Sign],
    );
}
