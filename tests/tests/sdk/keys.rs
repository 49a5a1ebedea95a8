//! Key bindings through the SDK: what WebCrypto's `importKey` would refuse is refused before
//! anything is sent (the server below counts requests), with the field and the rule named, on
//! every operation that sends a binding; and a valid key goes out exactly as the TypeScript SDK
//! sends the same call.

use cloudflare_secrets::{
    BulkPatchSecretsRequest, Client, Hash, HmacImportParams, KeyAlgorithm, KeyUsage, NamedCurve,
    SecretBinding, SecretBindingInput, SecretJson, SecretKeyInput, keys,
};
use serde_json::{Value, json};
use wiremock::MockServer;

use cloudflare_secrets_tests::client::client_builder;
use cloudflare_secrets_tests::ids::ACCOUNT;
use cloudflare_secrets_tests::servers::{answering, envelope};

async fn server() -> MockServer {
    answering(200, envelope(json!({"name": "K", "type": "secret_key"}))).await
}

fn client(server: &MockServer) -> Client {
    client_builder(&server.uri())
        .max_retries(0)
        .build()
        .expect("client")
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.expect("recording").len()
}

fn hmac(usages: Vec<KeyUsage>, key_base64: &str) -> SecretKeyInput {
    SecretKeyInput::raw("K", KeyAlgorithm::hmac(Hash::Sha256), usages, key_base64)
}

/// Puts `binding` with the Workers `put`, the Workers for Platforms `put` and a bulk patch, and
/// expects each call to be refused before sending, naming `field` (below the binding).
async fn refused_everywhere(binding: SecretBindingInput, field: &str, rule: &str) {
    let server = server().await;
    let client = client(&server);
    let errors = [
        client
            .workers()
            .scripts()
            .secrets()
            .put(ACCOUNT, "my-script", binding.clone())
            .await
            .expect_err("workers put"),
        client
            .workers_for_platforms()
            .dispatch()
            .namespaces()
            .scripts()
            .secrets()
            .put(ACCOUNT, "my-namespace", "my-script", binding.clone())
            .await
            .expect_err("workers for platforms put"),
        client
            .workers()
            .scripts()
            .secrets()
            .bulk_patch(
                ACCOUNT,
                "my-script",
                BulkPatchSecretsRequest::new().set(binding.clone()),
            )
            .await
            .expect_err("bulk patch"),
    ];
    let fields = [
        format!("body.{field}"),
        format!("body.{field}"),
        format!("body.secrets.K.{field}"),
    ];
    for (error, expected) in errors.iter().zip(&fields) {
        assert!(error.is_validation(), "{error}");
        assert_eq!(error.field(), Some(expected.as_str()), "{error}");
        assert!(error.to_string().contains(rule), "{error}");
    }
    assert_eq!(requests(&server).await, 0, "nothing may be sent");
}

#[tokio::test]
async fn the_keys_importkey_would_refuse_are_refused_before_sending() {
    refused_everywhere(
        hmac(vec![KeyUsage::Sign], "not base64 !!").into(),
        "key_base64",
        "is not valid base64",
    )
    .await;
    refused_everywhere(
        hmac(Vec::new(), "c2VjcmV0").into(),
        "usages",
        "must not be empty",
    )
    .await;
    refused_everywhere(
        hmac(vec![KeyUsage::Sign], "").into(),
        "key_base64",
        "must not be empty",
    )
    .await;
    refused_everywhere(
        hmac(vec![KeyUsage::Sign, KeyUsage::Encrypt], "c2VjcmV0").into(),
        "usages[1]",
        "cannot be encrypt for an HMAC key: WebCrypto allows sign or verify",
    )
    .await;
    refused_everywhere(
        SecretKeyInput::raw(
            "K",
            KeyAlgorithm::aes_gcm(),
            vec![KeyUsage::Encrypt],
            keys::encode_base64([1u8; 20]),
        )
        .into(),
        "key_base64",
        "16, 24 or 32 bytes",
    )
    .await;
    refused_everywhere(
        SecretKeyInput::jwk(
            "K",
            KeyAlgorithm::ecdsa(NamedCurve::P256),
            vec![KeyUsage::Sign],
            SecretJson::from(json!({"kty": "RSA", "d": "private"})),
        )
        .into(),
        "key_jwk.kty",
        "must be \"EC\"",
    )
    .await;
}

/// `algorithm: {}` cannot be built with the typed API (see `ui/fail/secret_key_untyped_algorithm.rs`)
/// nor decoded into a request binding; an algorithm read back that the SDK does not know is kept,
/// but refused if sent.
#[tokio::test]
async fn an_algorithm_without_a_name_cannot_be_built_and_an_unknown_one_is_not_sent() {
    let untyped = json!({"name": "K", "type": "secret_key", "algorithm": {}, "format": "raw",
                         "usages": ["sign"], "key_base64": "c2VjcmV0"});
    let error = serde_json::from_value::<SecretBindingInput>(untyped)
        .expect_err("no algorithm name, no binding");
    assert!(error.to_string().contains("name"), "{error}");

    let read_back: KeyAlgorithm = serde_json::from_value(json!({"name": "ML-DSA-65"}))
        .expect("an algorithm Cloudflare may add later decodes");
    assert!(matches!(read_back, KeyAlgorithm::Unknown(ref kept) if kept.tag() == "ML-DSA-65"));
    refused_everywhere(
        SecretKeyInput::raw("K", read_back, vec![KeyUsage::Sign], "c2VjcmV0").into(),
        "algorithm.name",
        "is not an algorithm WebCrypto can import a key for",
    )
    .await;
}

/// The one-line HMAC key goes out as the TypeScript SDK sends
/// `secrets.update(script, {account_id, name, type: "secret_key", algorithm: {name: "HMAC", hash: "SHA-256"}, format: "raw", usages: ["sign", "verify"], key_base64})`.
#[tokio::test]
async fn a_one_line_hmac_key_goes_out_as_the_typescript_sdk_sends_it() {
    let server = server().await;
    let key_bytes: Vec<u8> = (0u8..32).collect();
    client(&server)
        .workers()
        .scripts()
        .secrets()
        .put(
            ACCOUNT,
            "my-script",
            SecretBindingInput::hmac_key("SIGNING_KEY", Hash::Sha256, &key_bytes),
        )
        .await
        .expect("sent");
    let received = server.received_requests().await.expect("recording");
    assert_eq!(received.len(), 1);
    let body: Value = serde_json::from_slice(&received[0].body).expect("JSON body");
    assert_eq!(
        body,
        json!({"name": "SIGNING_KEY", "type": "secret_key",
               "algorithm": {"name": "HMAC", "hash": "SHA-256"}, "format": "raw",
               "usages": ["sign", "verify"],
               "key_base64": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="})
    );
}

/// Each typed algorithm serializes to the WebCrypto object, and a valid key of it is sent.
#[tokio::test]
async fn every_typed_algorithm_serializes_as_webcrypto_names_it_and_a_valid_key_is_sent() {
    let der = keys::encode_base64([0x30, 0x03, 0x02, 0x01, 0x00]);
    let cases: Vec<(KeyAlgorithm, Value, SecretKeyInput)> = vec![
        (
            KeyAlgorithm::from(HmacImportParams::new(Hash::Sha512).length(256)),
            json!({"name": "HMAC", "hash": "SHA-512", "length": 256}),
            SecretKeyInput::hmac("K", Hash::Sha512, [1u8; 32]),
        ),
        (
            KeyAlgorithm::aes_kw(),
            json!({"name": "AES-KW"}),
            SecretKeyInput::raw(
                "K",
                KeyAlgorithm::aes_kw(),
                vec![KeyUsage::WrapKey, KeyUsage::UnwrapKey],
                keys::encode_base64([2u8; 32]),
            ),
        ),
        (
            KeyAlgorithm::rsassa_pkcs1_v1_5(Hash::Sha256),
            json!({"name": "RSASSA-PKCS1-v1_5", "hash": "SHA-256"}),
            SecretKeyInput::spki(
                "K",
                KeyAlgorithm::rsassa_pkcs1_v1_5(Hash::Sha256),
                vec![KeyUsage::Verify],
                der.clone(),
            ),
        ),
        (
            KeyAlgorithm::ecdh(NamedCurve::P384),
            json!({"name": "ECDH", "namedCurve": "P-384"}),
            SecretKeyInput::pkcs8(
                "K",
                KeyAlgorithm::ecdh(NamedCurve::P384),
                vec![KeyUsage::DeriveBits],
                der,
            ),
        ),
        (
            KeyAlgorithm::ed25519(),
            json!({"name": "Ed25519"}),
            SecretKeyInput::raw(
                "K",
                KeyAlgorithm::ed25519(),
                vec![KeyUsage::Verify],
                keys::encode_base64([3u8; 32]),
            ),
        ),
    ];
    let server = server().await;
    let client = client(&server);
    for (index, (algorithm, wire, key)) in cases.into_iter().enumerate() {
        assert_eq!(serde_json::to_value(&algorithm).expect("serializes"), wire);
        let response = client
            .workers()
            .scripts()
            .secrets()
            .put(ACCOUNT, "my-script", key)
            .await;
        assert!(
            matches!(response, Ok(SecretBinding::SecretKey(_))),
            "{wire}: {response:?}"
        );
        assert_eq!(requests(&server).await, index + 1);
    }
}

/// Liberal in what it accepts: an algorithm read back decodes whatever its form. Known and
/// readable ones are typed; unknown names, a `hash` as an object, or missing parameters are kept
/// as received in `Unknown`, and the list still decodes.
#[tokio::test]
async fn algorithms_read_back_decode_whatever_their_form() {
    let algorithms = [
        json!({"name": "HMAC", "hash": "SHA-256", "length": 256}),
        json!({"name": "HMAC", "hash": {"name": "SHA-256"}}),
        json!({"name": "HMAC"}),
        json!({"name": "ML-DSA-65", "context": "x"}),
        json!({"name": "ECDSA", "namedCurve": "P-256"}),
        json!({"name": "ECDSA", "namedCurve": "secp256k1"}),
    ];
    let list: Vec<Value> = algorithms
        .iter()
        .enumerate()
        .map(|(index, algorithm)| {
            json!({"name": format!("K{index}"), "type": "secret_key", "algorithm": algorithm,
                   "format": "raw", "usages": ["sign"]})
        })
        .collect();
    let server = answering(200, envelope(Value::Array(list))).await;
    let bindings = client(&server)
        .workers()
        .scripts()
        .secrets()
        .list(ACCOUNT, "my-script")
        .await
        .expect("every algorithm decodes");
    let decoded: Vec<&KeyAlgorithm> = bindings
        .iter()
        .map(|binding| match binding {
            SecretBinding::SecretKey(key) => key.algorithm.as_ref().expect("present"),
            other => panic!("a key, not {other:?}"),
        })
        .collect();
    assert!(
        matches!(decoded[0], KeyAlgorithm::Hmac(params) if params.hash == Hash::Sha256 && params.length == Some(256))
    );
    assert!(
        matches!(decoded[4], KeyAlgorithm::Ecdsa(params) if params.named_curve == NamedCurve::P256)
    );
    // The enums are open too: a curve Cloudflare adds later is kept in the typed variant.
    assert!(
        matches!(decoded[5], KeyAlgorithm::Ecdsa(params) if params.named_curve.as_str() == "secp256k1")
    );
    for index in [1, 2, 3] {
        let KeyAlgorithm::Unknown(kept) = decoded[index] else {
            panic!("{index}: {:?}", decoded[index]);
        };
        assert_eq!(kept.json(), &algorithms[index], "kept as received");
        assert_eq!(
            serde_json::to_value(decoded[index]).expect("encodes"),
            algorithms[index],
            "and written back unchanged"
        );
    }
}
