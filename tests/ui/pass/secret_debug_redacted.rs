//! Secret values are redacted in `Debug`, wherever they sit: alone, in a binding, in a Store
//! secret request, in a key, and in a whole bulk patch.
use cloudflare_secrets::{
    BulkPatchSecretsRequest, CreateSecretRequest, Hash, KeyAlgorithm, KeyUsage, NamedCurve,
    PatchSecretRequest, Scope, SecretBindingInput, SecretJson, SecretKeyInput, SecretString,
};

fn assert_hidden(what: &str, debug: String) {
    for secret in ["hunter2", "c2VjcmV0LWtleQ==", "private-d", "store-value", "patched-value"] {
        assert!(!debug.contains(secret), "{what}: Debug shows a secret: {debug}");
    }
}

fn main() {
    assert_hidden("SecretString", format!("{:?}", SecretString::from("hunter2")));
    assert_hidden("SecretString (pretty)", format!("{:#?}", SecretString::from("hunter2")));
    assert_hidden(
        "SecretJson",
        format!("{:?}", SecretJson::from(serde_json::json!({"d": "private-d"}))),
    );
    let text = SecretBindingInput::text("API_KEY", "hunter2");
    assert_hidden("text binding", format!("{text:?}"));
    let raw = SecretKeyInput::raw(
        "SIGNING_KEY",
        KeyAlgorithm::hmac(Hash::Sha256),
        vec![KeyUsage::Sign],
        "c2VjcmV0LWtleQ==",
    );
    assert_hidden("raw key", format!("{raw:?}"));
    let jwk = SecretKeyInput::jwk(
        "JWK_KEY",
        KeyAlgorithm::ecdsa(NamedCurve::P256),
        vec![KeyUsage::Sign],
        SecretJson::from(serde_json::json!({"kty": "EC", "d": "private-d"})),
    );
    assert_hidden("jwk key", format!("{jwk:?}"));
    let hmac = SecretBindingInput::hmac_key("SIGNING_KEY", Hash::Sha256, b"hunter2-key-bytes");
    assert_hidden("hmac key", format!("{hmac:?} {hmac:#?}"));
    assert!(!format!("{hmac:?}").contains("aHVudGVyMi"), "the base64 of the key is hidden too");
    let create = CreateSecretRequest::new("MY_API_KEY", "store-value", vec![Scope::Workers]);
    assert_hidden("create request", format!("{create:?}"));
    let patch = PatchSecretRequest::new().value("patched-value");
    assert_hidden("patch request", format!("{patch:?}"));
    let bulk: BulkPatchSecretsRequest = serde_json::from_value(serde_json::json!({
        "secrets": {"API_KEY": {"name": "API_KEY", "type": "secret_text", "text": "hunter2"}, "OLD": null}
    }))
    .expect("decodes");
    assert_hidden("bulk patch", format!("{bulk:?}"));
    // The value is still sent: serialization exposes it on purpose.
    let wire = serde_json::to_string(&text).expect("encodes");
    assert!(wire.contains("hunter2"), "{wire}");
}
