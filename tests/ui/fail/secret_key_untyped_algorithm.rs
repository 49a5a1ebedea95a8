//! A key's algorithm is typed: the JSON a WebCrypto call would take no longer compiles, and
//! neither does a bare name or a hash spelt as a string. `KeyAlgorithm::hmac(Hash::Sha256)` is the
//! typed form (see `ui/pass/secret_key_refused_before_sending.rs`).
use cloudflare_secrets::{KeyAlgorithm, KeyUsage, SecretKeyInput};

fn main() {
    let _json = SecretKeyInput::raw(
        "SIGNING_KEY",
        serde_json::json!({"name": "HMAC", "hash": "SHA-256"}),
        vec![KeyUsage::Sign],
        "c2VjcmV0LWtleQ==",
    );
    let _name = SecretKeyInput::raw("SIGNING_KEY", "HMAC", vec![KeyUsage::Sign], "c2VjcmV0");
    let _hash = KeyAlgorithm::hmac("SHA-256");
}
