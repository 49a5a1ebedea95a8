//! Compiles the `workers_secrets` golden output and checks the tagged union (open on the response side), the direction split and the key-material rules.
#![allow(dead_code)]

/// The SDK runtime, compiled from its source where generated code expects it
/// (`crate::runtime`): generated code extends runtime types (`impl
/// crate::runtime::RequestBuilder<Operation>` for the setters, `impl crate::Client` for the
/// resources), which Rust allows only inside the crate that defines them.
#[path = "../../../../generated/src/runtime/mod.rs"]
mod runtime;

pub use runtime::Client;

#[path = "expected/generated/mod.rs"]
mod generated;

use runtime::Validate;
use serde_json::json;

use generated::operations::WorkerDeleteScriptSecret;
use generated::types::{KeyFormat, KeyUsage, SecretBinding, SecretBindingInput, SecretKeyInput};

fn main() {
    // The union is internally tagged; the tag is written once.
    let text = SecretBindingInput::text("API_KEY", "s3cr3t");
    let wire = serde_json::to_value(&text).unwrap();
    assert_eq!(
        wire,
        json!({"name": "API_KEY", "text": "s3cr3t", "type": "secret_text"})
    );
    assert!(
        !format!("{text:?}").contains("s3cr3t"),
        "Debug must redact the secret"
    );
    text.validate("body").unwrap();

    // Responses never carry the value; an extra field is ignored.
    let binding: SecretBinding =
        serde_json::from_value(json!({"name": "API_KEY", "type": "secret_text", "text": "leak"}))
            .unwrap();
    match binding {
        SecretBinding::SecretText(binding) => assert_eq!(binding.name, "API_KEY"),
        other => panic!("wrong variant: {other:?}"),
    }

    // A kind the SDK does not know yet is kept (and round-trips); a malformed known kind and a
    // missing tag are errors; the request union stays closed.
    let cert = json!({"name": "X", "type": "secret_cert", "cert": "..."});
    let unknown: SecretBinding = serde_json::from_value(cert.clone()).unwrap();
    match &unknown {
        SecretBinding::Unknown(kept) => {
            assert_eq!(kept.tag(), "secret_cert");
            assert_eq!(kept.json(), &cert);
        }
        other => panic!("wrong variant: {other:?}"),
    }
    unknown.validate("result").unwrap();
    assert_eq!(serde_json::to_value(&unknown).unwrap(), cert);
    assert!(
        serde_json::from_value::<SecretBinding>(json!({"type": "secret_key", "name": "K"}))
            .is_err()
    );
    assert!(serde_json::from_value::<SecretBinding>(json!({"name": "X"})).is_err());
    assert!(serde_json::from_value::<SecretBindingInput>(cert).is_err());

    // Key material: each format has its own constructor.
    let key = SecretKeyInput::raw("KEY", json!({"name": "HMAC"}), vec![KeyUsage::Sign], "AAAA");
    assert_eq!(key.format(), &KeyFormat::Raw);
    assert!(key.key_base64().is_some());
    SecretBindingInput::from(key).validate("body").unwrap();
    let jwk = SecretKeyInput::jwk(
        "KEY",
        json!({}),
        vec![KeyUsage::DeriveKey],
        json!({"kty": "oct"}),
    );
    assert_eq!(
        serde_json::to_value(&jwk).unwrap()["usages"],
        json!(["deriveKey"])
    );

    // A raw key without material (only possible through deserialization) fails validation.
    let missing: SecretKeyInput = serde_json::from_value(
        json!({"name": "K", "algorithm": {}, "format": "raw", "usages": ["sign"]}),
    )
    .unwrap();
    let error = missing.validate("body").unwrap_err();
    assert_eq!(error.field(), Some("body.key_base64"));

    // Response enums keep unknown values.
    let usage: KeyUsage = serde_json::from_value(json!("quantum")).unwrap();
    assert_eq!(usage.as_str(), "quantum");
    assert_eq!(serde_json::to_value(&usage).unwrap(), json!("quantum"));
    assert!(
        "quantum".parse::<KeyUsage>().is_err(),
        "callers cannot send unknown values"
    );

    // maxLength on the text.
    let long = SecretBindingInput::text("BIG", "x".repeat(5121));
    assert_eq!(
        long.validate("body").unwrap_err().field(),
        Some("body.text")
    );

    assert_eq!(
        <WorkerDeleteScriptSecret as runtime::Operation>::INFO.id,
        "worker-delete-script-secret"
    );
    assert!(<WorkerDeleteScriptSecret as runtime::Operation>::INFO.idempotent);
}
