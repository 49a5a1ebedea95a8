//! Liberal in what it accepts: every response shape Cloudflare's published schema allows decodes,
//! even when it leaves out fields the SDK's request types require (see `api-truth.md` §1–2 and the
//! `x-sdk-optional-in-response` convention in ARCHITECTURE.md). Strict in what it sends: the
//! request types keep every requirement.
//!
//! Each test serves the smallest response of the real shape from a server on 127.0.0.1
//! (wiremock) and decodes it through the public SDK, over HTTP.

use std::collections::BTreeMap;

use cloudflare_secrets::{
    Client, ErrorKind, Hash, KeyAlgorithm, KeyFormat, KeyUsage, SecretBinding, SecretBindingInput,
    SecretKeyInput, SecretStatus, StoreId,
};
use serde_json::{Value, json};
use wiremock::MockServer;

use cloudflare_secrets_tests::client::client_builder;
use cloudflare_secrets_tests::ids::{ACCOUNT, CREATED, SECRET, STORE};
use cloudflare_secrets_tests::servers::{answering, envelope};

/// A server that answers every request with 200 and this exact envelope.
async fn server_with_envelope(envelope: Value) -> MockServer {
    answering(200, envelope).await
}

/// A server that answers every request with the success envelope around `result`, without
/// `result_info`.
async fn server_with_result(result: Value) -> MockServer {
    answering(200, envelope(result)).await
}

fn client(server: &MockServer) -> Client {
    client_builder(&server.uri())
        .max_retries(0)
        .build()
        .expect("client builds")
}

/// The smallest Secrets Store secret Cloudflare's schema allows: no `comment`, no `scopes`.
fn minimal_secret() -> Value {
    json!({"id": SECRET, "name": "MY_API_KEY", "store_id": STORE,
           "created": CREATED, "modified": CREATED, "status": "pending"})
}

/// The smallest store: no `account_id`.
fn minimal_store() -> Value {
    json!({"id": STORE, "name": "service_x_keys", "created": CREATED, "modified": CREATED})
}

fn expect_bare_key(binding: &SecretBinding, name: &str) {
    let SecretBinding::SecretKey(key) = binding else {
        panic!("expected a key binding, got {binding:?}");
    };
    assert_eq!(key.name, name);
    assert_eq!(key.algorithm, None);
    assert_eq!(key.format, None);
    assert_eq!(key.usages, None);
}

#[tokio::test]
async fn a_listed_secret_key_with_only_name_and_type_decodes() {
    let server = server_with_result(json!([
        {"name": "SIGNING", "type": "secret_key"},
        {"name": "API_KEY", "type": "secret_text"}
    ]))
    .await;
    let listed = client(&server)
        .workers()
        .scripts()
        .secrets()
        .list(ACCOUNT, "my-script")
        .await
        .expect("a key with only name and type is a valid list item");
    assert_eq!(listed.len(), 2);
    expect_bare_key(&listed[0], "SIGNING");
    assert!(matches!(&listed[1], SecretBinding::SecretText(text) if text.name == "API_KEY"));
}

#[tokio::test]
async fn a_dispatch_namespace_secret_key_with_only_name_and_type_decodes() {
    let server = server_with_result(json!({"name": "SIGNING", "type": "secret_key"})).await;
    let binding = client(&server)
        .workers_for_platforms()
        .dispatch()
        .namespaces()
        .scripts()
        .secrets()
        .get(ACCOUNT, "my-ns", "my-script", "SIGNING")
        .await
        .expect("a key with only name and type decodes");
    expect_bare_key(&binding, "SIGNING");
}

#[tokio::test]
async fn a_secret_key_with_some_of_its_fields_keeps_what_it_has() {
    let server =
        server_with_result(json!({"name": "K", "type": "secret_key", "format": "jwk"})).await;
    let binding = client(&server)
        .workers()
        .scripts()
        .secrets()
        .get(ACCOUNT, "my-script", "K")
        .await
        .expect("a key with only its format decodes");
    let SecretBinding::SecretKey(key) = binding else {
        panic!("expected a key binding");
    };
    assert_eq!(key.format, Some(KeyFormat::Jwk));
    assert_eq!(key.algorithm, None);
    assert_eq!(key.usages, None);
}

#[tokio::test]
async fn a_put_answered_with_a_bare_key_decodes() {
    let server = server_with_result(json!({"name": "SIGNING", "type": "secret_key"})).await;
    let key = SecretKeyInput::raw(
        "SIGNING",
        KeyAlgorithm::hmac(Hash::Sha256),
        vec![KeyUsage::Sign],
        "c2VjcmV0",
    );
    let binding = client(&server)
        .workers()
        .scripts()
        .secrets()
        .put(ACCOUNT, "my-script", key)
        .await
        .expect("the response may leave out algorithm, format and usages");
    expect_bare_key(&binding, "SIGNING");
    let requests = server.received_requests().await.expect("recording is on");
    let sent: Value = serde_json::from_slice(&requests[0].body).expect("the body is JSON");
    assert_eq!(
        sent,
        json!({"name": "SIGNING", "type": "secret_key", "algorithm": {"name": "HMAC", "hash": "SHA-256"},
               "format": "raw", "usages": ["sign"], "key_base64": "c2VjcmV0"}),
        "the request still carries every field a key needs"
    );
}

#[tokio::test]
async fn a_bulk_patch_result_with_a_bare_key_decodes() {
    let server =
        server_with_result(json!({"SIGNING": {"name": "SIGNING", "type": "secret_key"}})).await;
    let patched = client(&server)
        .workers()
        .scripts()
        .secrets()
        .bulk_patch(
            ACCOUNT,
            "my-script",
            cloudflare_secrets::BulkPatchSecretsRequest::new()
                .secrets(BTreeMap::from([("OLD".to_owned(), None)])),
        )
        .await
        .expect("bulk patch result decodes");
    expect_bare_key(&patched["SIGNING"], "SIGNING");
}

#[tokio::test]
async fn a_store_without_account_id_decodes() {
    let server = server_with_result(minimal_store()).await;
    let store = client(&server)
        .secrets_store()
        .stores()
        .get(ACCOUNT, STORE)
        .await
        .expect("account_id is optional");
    assert_eq!(store.id, StoreId::new(STORE));
    assert_eq!(store.account_id, None);
}

#[tokio::test]
async fn a_store_list_of_stores_without_account_id_decodes() {
    let server = server_with_result(json!([minimal_store()])).await;
    let page = client(&server)
        .secrets_store()
        .stores()
        .list(ACCOUNT)
        .send()
        .await
        .expect("account_id is optional in list items");
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].account_id, None);
    assert_eq!(page.result_info, None, "no result_info was sent");
}

#[tokio::test]
async fn a_secret_without_comment_or_scopes_decodes() {
    let server = server_with_result(minimal_secret()).await;
    let secret = client(&server)
        .secrets_store()
        .stores()
        .secrets()
        .get(ACCOUNT, STORE, SECRET)
        .await
        .expect("comment and scopes are optional");
    assert_eq!(secret.status, SecretStatus::Pending);
    assert_eq!(secret.comment, None);
    assert_eq!(secret.scopes, None);
}

#[tokio::test]
async fn a_created_secret_without_scopes_decodes() {
    // The docs' create example returns the secret without `scopes`.
    let server = server_with_result(json!([minimal_secret()])).await;
    let created = client(&server)
        .secrets_store()
        .stores()
        .secrets()
        .create(
            ACCOUNT,
            STORE,
            vec![cloudflare_secrets::CreateSecretRequest::new(
                "MY_API_KEY",
                "value",
                vec![cloudflare_secrets::Scope::Workers],
            )],
        )
        .await
        .expect("create result decodes");
    assert_eq!(created.len(), 1);
    assert_eq!(created[0].scopes, None);
}

#[tokio::test]
async fn a_page_without_result_info_decodes() {
    let server = server_with_result(json!([minimal_secret()])).await;
    let page = client(&server)
        .secrets_store()
        .stores()
        .secrets()
        .list(ACCOUNT, STORE)
        .send()
        .await
        .expect("result_info is optional");
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.result_info, None);
}

#[tokio::test]
async fn a_page_with_partial_result_info_decodes() {
    let server = server_with_envelope(json!({
        "success": true, "errors": [], "messages": [], "result": [minimal_secret()],
        "result_info": {"page": 1.0, "per_page": 20}
    }))
    .await;
    let page = client(&server)
        .secrets_store()
        .stores()
        .secrets()
        .list(ACCOUNT, STORE)
        .send()
        .await
        .expect("every result_info field is optional, and numbers may be floats");
    let info = page.result_info.expect("result_info was sent");
    assert_eq!(info.page, Some(1));
    assert_eq!(info.per_page, Some(20));
    assert_eq!(info.count, None);
    assert_eq!(info.total_count, None);
    assert_eq!(info.total_pages, None);
}

#[tokio::test]
async fn a_page_with_empty_or_null_result_info_decodes() {
    for result_info in [json!({}), Value::Null] {
        let server = server_with_envelope(json!({
            "success": true, "errors": [], "messages": [], "result": [minimal_store()],
            "result_info": result_info
        }))
        .await;
        let page = client(&server)
            .secrets_store()
            .stores()
            .list(ACCOUNT)
            .send()
            .await
            .unwrap_or_else(|error| panic!("result_info {result_info} must decode: {error}"));
        assert_eq!(page.items.len(), 1);
        if let Some(info) = page.result_info {
            assert_eq!(info.page, None);
            assert_eq!(info.total_pages, None);
        }
    }
}

/// What a malformed item does: the shape the schema guarantees is still checked, so one item
/// with a wrong type (here `status: 42`) fails the whole call with a decode error that names the
/// status, the operation and a snippet of the body. The SDK does not drop the item silently.
#[tokio::test]
async fn one_malformed_list_item_fails_the_call_with_a_decode_error() {
    let mut broken = minimal_secret();
    broken["status"] = json!(42);
    let server = server_with_result(json!([minimal_secret(), broken])).await;
    let error = client(&server)
        .secrets_store()
        .stores()
        .secrets()
        .list(ACCOUNT, STORE)
        .send()
        .await
        .expect_err("a malformed item is an error");
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.status().map(|status| status.as_u16()), Some(200));
    assert_eq!(error.operation_id(), Some("secrets-store-secrets-list"));
    let text = error.to_string();
    assert!(
        text.contains("MY_API_KEY"),
        "the error shows a snippet: {text}"
    );
}

/// A required field the schema does guarantee is still required in responses: a binding without
/// `name` is an error, not an empty name.
#[tokio::test]
async fn a_binding_without_name_is_still_an_error() {
    let server = server_with_result(json!([{"type": "secret_key"}])).await;
    let error = client(&server)
        .workers()
        .scripts()
        .secrets()
        .list(ACCOUNT, "my-script")
        .await
        .expect_err("name is guaranteed, so its absence is an error");
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.operation_id(), Some("worker-list-script-secrets"));
}

/// Strict in what it sends: the request shape of a key still requires `algorithm`, `format` and
/// `usages`. The constructors take them (a call without them does not compile, see
/// `tests/ui/fail/secret_key_raw_without_material.rs`), and the request type refuses to be read
/// from JSON that lacks any of them.
#[test]
fn the_request_shape_of_a_key_still_requires_every_field() {
    let complete = json!({"name": "K", "type": "secret_key", "algorithm": {"name": "HMAC"},
                          "format": "raw", "usages": ["sign"], "key_base64": "c2VjcmV0"});
    serde_json::from_value::<SecretBindingInput>(complete.clone()).expect("a complete key");
    for missing in ["algorithm", "format", "usages"] {
        let mut partial = complete.clone();
        partial.as_object_mut().expect("an object").remove(missing);
        let error = serde_json::from_value::<SecretBindingInput>(partial)
            .expect_err("the request shape requires the field");
        assert!(
            error.to_string().contains(missing),
            "the error names `{missing}`: {error}"
        );
    }
}
