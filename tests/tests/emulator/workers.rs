//! End to end: the generated SDK against the emulator for Workers script secrets and their
//! Workers for Platforms twin (put, list, get, bulk patch with deletes, delete), with the
//! emulator's state and request log checked after each step.

use cloudflare_secrets_tests::emulator::start;
use cloudflare_secrets_tests::ids::ACCOUNT;
use std::collections::BTreeMap;

use cloudflare_secrets::{
    BulkPatchSecretsRequest, Hash, KeyAlgorithm, KeyFormat, KeyUsage, NamedCurve, SecretBinding,
    SecretBindingInput, SecretKeyInput,
};
use serde_json::json;

const NAMESPACE: &str = "my-dispatch-namespace";

fn hmac_key(name: &str) -> SecretBindingInput {
    SecretKeyInput::raw(
        name,
        KeyAlgorithm::hmac(Hash::Sha256),
        vec![KeyUsage::Sign, KeyUsage::Verify],
        "c2VjcmV0LWtleQ==",
    )
    .into()
}

#[tokio::test]
async fn put_list_get_bulk_patch_and_delete_a_scripts_secrets() {
    let (emulator, client) = start().await;
    let secrets = client.workers().scripts().secrets();

    let put = secrets
        .put(
            ACCOUNT,
            "my-script",
            SecretBindingInput::text("API_KEY", "s3cr3t"),
        )
        .await
        .expect("put");
    assert_eq!(put.name(), Some("API_KEY"));
    assert!(matches!(put, SecretBinding::SecretText(_)));
    assert_eq!(
        emulator.worker_secret_is(ACCOUNT, "my-script", "API_KEY", "s3cr3t"),
        Some(true),
        "the SDK sent the value"
    );
    let key = secrets
        .put(ACCOUNT, "my-script", hmac_key("SIGNING"))
        .await
        .expect("put key");
    match &key {
        SecretBinding::SecretKey(key) => {
            assert_eq!(key.format, Some(KeyFormat::Raw));
            assert_eq!(key.usages, Some(vec![KeyUsage::Sign, KeyUsage::Verify]));
            assert!(
                matches!(key.algorithm, Some(KeyAlgorithm::Hmac(_))),
                "{:?}",
                key.algorithm
            );
        }
        other => panic!("expected a key, got {other:?}"),
    }
    let jwk = SecretKeyInput::jwk(
        "JWK",
        KeyAlgorithm::ecdh(NamedCurve::P256),
        vec![KeyUsage::DeriveKey, KeyUsage::DeriveBits],
        json!({"kty": "EC", "crv": "P-256", "d": "private"}),
    );
    secrets
        .put(ACCOUNT, "my-script", jwk)
        .await
        .expect("put jwk");

    let listed = secrets.list(ACCOUNT, "my-script").await.expect("list");
    let names: Vec<Option<&str>> = listed.iter().map(SecretBinding::name).collect();
    assert_eq!(names, [Some("API_KEY"), Some("JWK"), Some("SIGNING")]);

    let got = secrets.get(ACCOUNT, "my-script", "JWK").await.expect("get");
    match got {
        SecretBinding::SecretKey(key) => {
            assert_eq!(
                key.usages,
                Some(vec![KeyUsage::DeriveKey, KeyUsage::DeriveBits])
            );
        }
        other => panic!("expected a key, got {other:?}"),
    }

    // One bulk patch: create NEW, replace API_KEY, delete SIGNING; JWK is left alone.
    let mut changes = BTreeMap::new();
    changes.insert("NEW".to_owned(), Some(SecretBindingInput::text("NEW", "n")));
    changes.insert(
        "API_KEY".to_owned(),
        Some(SecretBindingInput::text("API_KEY", "rotated")),
    );
    changes.insert("SIGNING".to_owned(), None);
    let patched = secrets
        .bulk_patch(
            ACCOUNT,
            "my-script",
            BulkPatchSecretsRequest::new().secrets(changes),
        )
        .await
        .expect("bulk patch");
    assert_eq!(
        patched.keys().map(String::as_str).collect::<Vec<_>>(),
        ["API_KEY", "JWK", "NEW"],
        "the result is the whole resulting set"
    );
    assert_eq!(
        emulator.worker_secret_is(ACCOUNT, "my-script", "API_KEY", "rotated"),
        Some(true)
    );
    let bulk_request = emulator
        .requests()
        .into_iter()
        .find(|request| request.operation == Some("worker-patch-script-secrets-bulk"))
        .expect("the bulk patch was recorded");
    assert_eq!(
        bulk_request.content_type.as_deref(),
        Some("application/merge-patch+json")
    );

    secrets
        .delete(ACCOUNT, "my-script", "NEW")
        .await
        .expect("delete");
    let again = secrets
        .delete(ACCOUNT, "my-script", "NEW")
        .await
        .expect_err("already deleted");
    assert!(again.is_not_found(), "{again}");
    assert_eq!(again.codes(), vec![10056]);
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "my-script"),
        Some(vec!["API_KEY".to_owned(), "JWK".to_owned()])
    );

    let missing_script = secrets
        .list(ACCOUNT, "no-such-script")
        .await
        .expect_err("404");
    assert!(missing_script.is_not_found());
    assert_eq!(missing_script.codes(), vec![10007]);
}

#[tokio::test]
async fn names_that_need_encoding_travel_with_url_encoded_true() {
    let (emulator, client) = start().await;
    let secrets = client.workers().scripts().secrets();
    secrets
        .put(ACCOUNT, "s", SecretBindingInput::text("MY SECRET/x", "v"))
        .await
        .expect("put");
    let got = secrets.get(ACCOUNT, "s", "MY SECRET/x").await.expect("get");
    assert_eq!(got.name(), Some("MY SECRET/x"));
    secrets
        .delete(ACCOUNT, "s", "MY SECRET/x")
        .await
        .expect("delete");
    assert_eq!(emulator.worker_secret_names(ACCOUNT, "s"), Some(vec![]));
    let encoded: Vec<_> = emulator
        .requests()
        .into_iter()
        .filter(|request| request.path.ends_with("/secrets/MY%20SECRET%2Fx"))
        .collect();
    assert_eq!(encoded.len(), 2);
    for request in encoded {
        assert_eq!(
            request.query.as_deref(),
            Some("url_encoded=true"),
            "{request:?}"
        );
    }
}

#[tokio::test]
async fn an_invalid_bulk_patch_is_refused_by_the_server_and_changes_nothing() {
    let (emulator, client) = start().await;
    let secrets = client.workers().scripts().secrets();
    secrets
        .put(ACCOUNT, "s", SecretBindingInput::text("KEEP", "k"))
        .await
        .expect("put");
    // The map key and the binding name disagree; the emulator refuses the whole patch.
    let mut changes = BTreeMap::new();
    changes.insert("KEEP".to_owned(), None);
    changes.insert(
        "OTHER".to_owned(),
        Some(SecretBindingInput::text("MISMATCH", "v")),
    );
    let error = secrets
        .bulk_patch(
            ACCOUNT,
            "s",
            BulkPatchSecretsRequest::new().secrets(changes),
        )
        .await
        .expect_err("refused");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(400));
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "s"),
        Some(vec!["KEEP".to_owned()])
    );
    assert!(!error.to_string().contains("\"v\""));
}

#[tokio::test]
async fn dispatch_namespace_secrets_work_the_same_way() {
    let (emulator, client) = start().await;
    let secrets = client
        .workers_for_platforms()
        .dispatch()
        .namespaces()
        .scripts()
        .secrets();
    secrets
        .put(
            ACCOUNT,
            NAMESPACE,
            "tenant-a",
            SecretBindingInput::text("TOKEN", "t"),
        )
        .await
        .expect("put");
    secrets
        .put(ACCOUNT, NAMESPACE, "tenant-a", hmac_key("KEY"))
        .await
        .expect("put key");
    let listed = secrets
        .list(ACCOUNT, NAMESPACE, "tenant-a")
        .await
        .expect("list");
    assert_eq!(
        listed.iter().map(SecretBinding::name).collect::<Vec<_>>(),
        [Some("KEY"), Some("TOKEN")]
    );
    let got = secrets
        .get(ACCOUNT, NAMESPACE, "tenant-a", "TOKEN")
        .await
        .expect("get");
    assert_eq!(got.name(), Some("TOKEN"));

    let mut changes = BTreeMap::new();
    changes.insert("TOKEN".to_owned(), None);
    changes.insert(
        "EXTRA".to_owned(),
        Some(SecretBindingInput::text("EXTRA", "e")),
    );
    let patched = secrets
        .bulk_patch(
            ACCOUNT,
            NAMESPACE,
            "tenant-a",
            BulkPatchSecretsRequest::new().secrets(changes),
        )
        .await
        .expect("bulk patch");
    assert_eq!(
        patched.keys().map(String::as_str).collect::<Vec<_>>(),
        ["EXTRA", "KEY"]
    );

    secrets
        .delete(ACCOUNT, NAMESPACE, "tenant-a", "KEY")
        .await
        .expect("delete");
    let missing = secrets
        .get(ACCOUNT, NAMESPACE, "tenant-a", "KEY")
        .await
        .expect_err("deleted");
    assert!(missing.is_not_found());
    assert_eq!(
        emulator.dispatch_secret_names(ACCOUNT, NAMESPACE, "tenant-a"),
        Some(vec!["EXTRA".to_owned()])
    );
    // The plain script of the same name is another script.
    assert_eq!(emulator.worker_secret_names(ACCOUNT, "tenant-a"), None);
    assert!(
        emulator.count_requests("*", "/workers/dispatch/namespaces/my-dispatch-namespace/") >= 7
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_puts_from_one_client_all_land() {
    let (emulator, client) = start().await;
    let mut tasks = Vec::new();
    for index in 0..24 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            client
                .workers()
                .scripts()
                .secrets()
                .put(
                    ACCOUNT,
                    "busy",
                    SecretBindingInput::text(format!("S{index:02}"), format!("v{index}")),
                )
                .await
        }));
    }
    for task in tasks {
        task.await.expect("task ran").expect("put");
    }
    let names = emulator
        .worker_secret_names(ACCOUNT, "busy")
        .expect("script exists");
    assert_eq!(names.len(), 24);
    assert_eq!(
        emulator.worker_secret_is(ACCOUNT, "busy", "S17", "v17"),
        Some(true)
    );
    assert_eq!(emulator.count_operation("worker-put-script-secret"), 24);
}
