//! Key bindings at the emulator, over plain HTTP (the body a client other than this SDK could
//! send): what WebCrypto's `importKey` would refuse is answered 400 with code 10021, a message
//! naming the field and the rule (from the SDK's one table, `cloudflare_secrets::keys`), and
//! nothing stored; forms importKey accepts are stored, `hash` as an object included.

use std::time::Duration;

use cloudflare_secrets_emulator::codes;
use serde_json::{Value, json};

use cloudflare_secrets_tests::emulator::{TOKEN, builder};
use cloudflare_secrets_tests::ids::ACCOUNT;

fn hmac() -> Value {
    json!({"name": "K", "type": "secret_key", "algorithm": {"name": "HMAC", "hash": "SHA-256"},
           "format": "raw", "usages": ["sign", "verify"], "key_base64": "c2lnbmluZy1rZXk="})
}

#[tokio::test]
async fn keys_importkey_would_refuse_are_refused_and_not_stored() {
    let emulator = builder()
        .token(TOKEN)
        .start()
        .await
        .expect("emulator starts");
    let http = cloudflare_secrets::runtime::reqwest_client_builder()
        .expect("TLS set-up")
        .timeout(Duration::from_secs(10))
        .build()
        .expect("reqwest client");
    let url = format!(
        "{}/accounts/{ACCOUNT}/workers/scripts/my-script/secrets",
        emulator.base_url()
    );
    let put = |body: Value| {
        let request = http.put(&url).bearer_auth(TOKEN).json(&body);
        async move {
            let response = request.send().await.expect("the emulator answers");
            let status = response.status().as_u16();
            let body: Value = response.json().await.expect("a JSON envelope");
            (status, body)
        }
    };
    let with = |field: &str, value: Value| {
        let mut body = hmac();
        body[field] = value;
        body
    };
    for (body, field, rule) in [
        (
            with("key_base64", json!("not base64 !!")),
            "body.key_base64",
            "is not valid base64",
        ),
        (
            with("algorithm", json!({})),
            "body.algorithm.name",
            "is required",
        ),
        (
            with("usages", json!([])),
            "body.usages",
            "must not be empty",
        ),
        (
            with("key_base64", json!("")),
            "body.key_base64",
            "must not be empty",
        ),
        (
            with("usages", json!(["sign", "encrypt"])),
            "body.usages[1]",
            "cannot be encrypt for an HMAC key",
        ),
    ] {
        let (status, answer) = put(body.clone()).await;
        assert_eq!(status, 400, "{body}: {answer}");
        assert_eq!(
            answer["errors"][0]["code"],
            json!(codes::WORKER_INVALID),
            "{answer}"
        );
        let message = answer["errors"][0]["message"].as_str().expect("a message");
        assert!(
            message.contains(field) && message.contains(rule),
            "{body}: {message}"
        );
        assert!(
            !message.contains("c2lnbmluZy1rZXk"),
            "no key material: {message}"
        );
    }
    let listed = http
        .get(&url)
        .bearer_auth(TOKEN)
        .send()
        .await
        .expect("list");
    let listed: Value = listed.json().await.expect("JSON");
    assert_eq!(listed["result"], json!([]), "nothing was stored");

    for accepted in [
        hmac(),
        with(
            "algorithm",
            json!({"name": "hmac", "hash": {"name": "SHA-256"}}),
        ),
    ] {
        let (status, answer) = put(accepted.clone()).await;
        assert_eq!(status, 200, "{accepted}: {answer}");
    }
}
