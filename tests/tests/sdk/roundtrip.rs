//! Serde round-trips of every example in the seed documents and the API truth sheet.
//!
//! The examples live in `tests/fixtures/seed_examples.json`, each with its source. A request
//! example must decode into the request type and encode back to the same JSON (so nothing the
//! user sets is lost or renamed on the wire); a response example must decode into the response
//! type and encode back to the same JSON (so nothing Cloudflare sends is dropped); an envelope
//! example is checked the same way on its `result`; a `reject` example must fail to decode, with
//! an error that names the problem.

use cloudflare_secrets::{
    BulkDeleteSecretsRequest, BulkPatchSecretsRequest, CreateSecretRequest, CreateStoreRequest,
    DuplicateSecretRequest, PatchSecretRequest, Quota, Secret, SecretBinding, SecretBindingInput,
    Store,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeMap;

/// One example from the fixture file.
#[derive(serde::Deserialize)]
struct Example {
    name: String,
    source: String,
    kind: String,
    #[serde(rename = "type", default)]
    type_name: String,
    json: Value,
    #[serde(default)]
    error_mentions: Option<String>,
}

fn examples() -> Vec<Example> {
    let text = include_str!("../../fixtures/seed_examples.json");
    serde_json::from_str(text).expect("the fixture file is valid JSON")
}

/// Numbers compare by value: `100` and `100.0` are the same quota.
fn normalize(value: &Value) -> Value {
    match value {
        Value::Number(n) => serde_json::json!(n.as_f64()),
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), normalize(v))).collect())
        }
        other => other.clone(),
    }
}

/// Decodes `json` as `T`, encodes it back, and returns the re-encoded JSON and the `Debug` text.
fn round_trip<T: DeserializeOwned + Serialize + std::fmt::Debug>(
    json: &Value,
) -> Result<(Value, String), String> {
    let decoded: T = serde_json::from_value(json.clone()).map_err(|e| e.to_string())?;
    let encoded = serde_json::to_value(&decoded).map_err(|e| e.to_string())?;
    Ok((encoded, format!("{decoded:?}")))
}

fn round_trip_as(type_name: &str, json: &Value) -> Result<(Value, String), String> {
    match type_name {
        "SecretBinding" => round_trip::<SecretBinding>(json),
        "Vec<SecretBinding>" => round_trip::<Vec<SecretBinding>>(json),
        "SecretBindingInput" => round_trip::<SecretBindingInput>(json),
        "BulkPatchSecretsRequest" => round_trip::<BulkPatchSecretsRequest>(json),
        // The spec's `BulkPatchSecretsResult` is a plain map, so the SDK returns a map.
        "BulkPatchSecretsResult" => round_trip::<BTreeMap<String, SecretBinding>>(json),
        "CreateStoreRequest" => round_trip::<CreateStoreRequest>(json),
        "CreateSecretRequest" => round_trip::<CreateSecretRequest>(json),
        "Vec<CreateSecretRequest>" => round_trip::<Vec<CreateSecretRequest>>(json),
        "PatchSecretRequest" => round_trip::<PatchSecretRequest>(json),
        "BulkDeleteSecretsRequest" => round_trip::<BulkDeleteSecretsRequest>(json),
        "DuplicateSecretRequest" => round_trip::<DuplicateSecretRequest>(json),
        "Secret" => round_trip::<Secret>(json),
        "Vec<Secret>" => round_trip::<Vec<Secret>>(json),
        "Store" => round_trip::<Store>(json),
        "Vec<Store>" => round_trip::<Vec<Store>>(json),
        "Quota" => round_trip::<Quota>(json),
        "()" => round_trip::<()>(json),
        other => panic!("the fixture names a type this test does not map: {other}"),
    }
}

/// Every string that is a secret value in the examples: none may appear in a `Debug` print.
fn secret_strings(json: &Value, out: &mut Vec<String>) {
    match json {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("text" | "value" | "key_base64", Value::String(s)) => out.push(s.clone()),
                    // The private member of a JWK; its public members (`kty`, `crv`) may
                    // legitimately equal words in the algorithm.
                    ("key_jwk", Value::Object(jwk)) => {
                        out.extend(jwk.get("d").and_then(Value::as_str).map(str::to_owned))
                    }
                    _ => secret_strings(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| secret_strings(item, out)),
        _ => {}
    }
}

#[test]
fn every_seed_example_round_trips_or_is_rejected_for_a_stated_reason() {
    let examples = examples();
    assert!(examples.len() >= 30, "the fixture file lost examples");
    let mut failures = Vec::new();
    for example in &examples {
        let (json, expect_ok) = match example.kind.as_str() {
            "request" | "response" => (example.json.clone(), true),
            "envelope" => (example.json["result"].clone(), true),
            "reject" => (example.json.clone(), false),
            // Failure envelopes are decoded by the runtime; `runtime_errors` tests cover them.
            "failure" => continue,
            other => panic!("unknown example kind {other} in {}", example.name),
        };
        match (round_trip_as(&example.type_name, &json), expect_ok) {
            (Ok((encoded, debug)), true) => {
                if normalize(&encoded) != normalize(&json) {
                    failures.push(format!(
                        "{} ({}): re-encoded JSON differs\n  sent:     {json}\n  re-encoded: {encoded}",
                        example.name, example.source
                    ));
                }
                let mut secrets = Vec::new();
                secret_strings(&json, &mut secrets);
                for secret in secrets.iter().filter(|s| s.len() >= 3) {
                    if debug.contains(secret.as_str()) {
                        failures.push(format!(
                            "{}: Debug output shows the secret value",
                            example.name
                        ));
                    }
                }
            }
            (Err(error), true) => failures.push(format!(
                "{} ({}): did not decode as {}: {error}",
                example.name, example.source, example.type_name
            )),
            (Ok(_), false) => failures.push(format!(
                "{} ({}): decoded, but the example is wrong and should be rejected",
                example.name, example.source
            )),
            (Err(error), false) => {
                let wanted = example.error_mentions.as_deref().unwrap_or_default();
                if !error.contains(wanted) {
                    failures.push(format!(
                        "{}: rejected, but the error does not mention {wanted:?}: {error}",
                        example.name
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bulk_patch_keeps_null_deletes_and_leaves_absent_keys_out() {
    let json = serde_json::json!({
        "secrets": {"A": {"name": "A", "text": "a", "type": "secret_text"}, "OLD": null}
    });
    let patch: BulkPatchSecretsRequest = serde_json::from_value(json.clone()).expect("decodes");
    let encoded = serde_json::to_value(&patch).expect("encodes");
    assert_eq!(
        encoded["secrets"]["OLD"],
        Value::Null,
        "a delete must stay an explicit null"
    );
    assert!(
        encoded["secrets"].get("B").is_none() && encoded.get("version_tags").is_none(),
        "absent keys must stay absent: {encoded}"
    );
    assert_eq!(encoded, json);
}

#[test]
fn responses_without_text_or_key_material_decode() {
    let text: SecretBinding =
        serde_json::from_value(serde_json::json!({"name": "myBinding", "type": "secret_text"}))
            .expect("a secret_text response carries no text");
    assert!(matches!(text, SecretBinding::SecretText(_)));
    let key: SecretBinding = serde_json::from_value(serde_json::json!({
        "name": "K", "type": "secret_key", "algorithm": {"name": "HMAC"},
        "format": "jwk", "usages": ["wrapKey"]
    }))
    .expect("a secret_key response carries no key material");
    assert!(matches!(key, SecretBinding::SecretKey(_)));
    // The tag is not repeated in the variant: encoding writes `type` exactly once.
    let encoded = serde_json::to_string(&key).expect("encodes");
    assert_eq!(encoded.matches("\"type\"").count(), 1, "{encoded}");
}

#[test]
fn an_unknown_binding_type_is_kept_not_an_error_nor_a_wrong_variant() {
    let json = serde_json::json!({"name": "X", "type": "plain_text", "text": "x", "extra": [1, {"a": null}]});
    let binding = serde_json::from_value::<SecretBinding>(json.clone())
        .expect("a binding type the SDK does not know yet still decodes");
    let SecretBinding::Unknown(unknown) = &binding else {
        panic!("an unknown binding type must not decode as a known one: {binding:?}");
    };
    assert_eq!(unknown.tag(), "plain_text");
    assert_eq!(unknown.json(), &json, "the JSON is kept as received");
    assert_eq!(binding.name(), Some("X"));
    assert!(
        !format!("{binding:?}").contains("\"x\""),
        "Debug shows field names, not values: {binding:?}"
    );
    cloudflare_secrets::runtime::Validate::validate(&binding, "result").expect("validates");
    // It serializes back exactly as received, and decodes again to the same value.
    let encoded = serde_json::to_value(&binding).expect("encodes");
    assert_eq!(encoded, json);
    assert_eq!(
        serde_json::from_value::<SecretBinding>(encoded).expect("decodes again"),
        binding
    );
}

#[test]
fn a_known_binding_type_with_a_malformed_body_is_an_error_not_unknown() {
    let error = serde_json::from_value::<SecretBinding>(
        serde_json::json!({"type": "secret_key", "format": "jwk"}),
    )
    .expect_err("a secret_key without its `name` must not fall back to Unknown");
    assert!(error.to_string().contains("missing field"), "{error}");
    let error = serde_json::from_value::<SecretBinding>(
        serde_json::json!({"name": 7, "type": "secret_text"}),
    )
    .expect_err("a secret_text whose name is not a string is an error");
    assert!(error.to_string().contains("invalid type"), "{error}");
}

#[test]
fn a_binding_without_a_string_type_is_an_error_naming_the_tag() {
    for json in [
        serde_json::json!({"name": "X"}),
        serde_json::json!({"name": "X", "type": 3}),
        serde_json::json!({"name": "X", "type": null}),
        serde_json::json!("secret_text"),
    ] {
        let error = serde_json::from_value::<SecretBinding>(json.clone())
            .expect_err("no string tag, no binding");
        assert!(error.to_string().contains("`type`"), "{json}: {error}");
    }
}

#[test]
fn request_bindings_stay_closed() {
    let error = serde_json::from_value::<SecretBindingInput>(
        serde_json::json!({"name": "X", "type": "plain_text", "text": "x"}),
    )
    .expect_err("callers cannot send kinds the spec does not list");
    assert!(error.to_string().contains("plain_text"), "{error}");
}
