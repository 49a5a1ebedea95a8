//! Every operation of the generated SDK against a real HTTP server on 127.0.0.1 (wiremock): the
//! exact method, path, query, content type, auth headers and JSON body sent, and the decoded
//! result.
//!
//! Each test mounts one canned Cloudflare envelope, calls one operation through the public API,
//! then inspects the one request the server received.

use cloudflare_secrets::{
    AccountId, BulkDeleteSecretsRequest, BulkPatchSecretsRequest, Client, CreateSecretRequest,
    CreateStoreRequest, Credentials, DuplicateSecretRequest, Hash, KeyAlgorithm, KeyFormat,
    KeyUsage, PatchSecretRequest, Scope, SecretBinding, SecretBindingInput, SecretId, SecretJson,
    SecretKeyInput, SecretOrder, SecretStatus, SortDirection, StoreId, StoreOrder,
};
use futures_util::TryStreamExt;
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use cloudflare_secrets_tests::client::{TOKEN, client_builder};
use cloudflare_secrets_tests::ids::{ACCOUNT, SECRET, STORE};
use cloudflare_secrets_tests::servers::{answering, envelope};

/// A server that answers every request with `status` and the success envelope around `result`.
async fn server_answering(status: u16, result: Value, result_info: Option<Value>) -> MockServer {
    let mut body = envelope(result);
    if let Some(info) = result_info {
        body["result_info"] = info;
    }
    answering(status, body).await
}

fn client_for(server: &MockServer, credentials: Credentials) -> Client {
    client_builder(&server.uri())
        .credentials(credentials)
        .max_retries(0)
        .build()
        .expect("client builds")
}

fn token_client(server: &MockServer) -> Client {
    client_for(server, Credentials::api_token(TOKEN))
}

/// The one request the server received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// Checks method, raw path, exact query pairs (in order), bearer auth and the user agent.
fn assert_request(request: &Request, method: &str, path: &str, query: &[(&str, &str)]) {
    assert_eq!(request.method.as_str(), method);
    assert_eq!(request.url.path(), path);
    let sent: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let wanted: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(sent, wanted, "query of {method} {path}");
    assert_eq!(
        header(request, "authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    let agent = header(request, "user-agent").unwrap_or_default();
    assert!(agent.contains("cloudflare-secrets"), "user agent: {agent}");
}

fn assert_no_body(request: &Request) {
    assert!(request.body.is_empty(), "unexpected body");
    assert_eq!(header(request, "content-type"), None);
}

fn assert_json_body(request: &Request, content_type: &str, body: Value) {
    assert_eq!(header(request, "content-type"), Some(content_type));
    let sent: Value = serde_json::from_slice(&request.body).expect("the body is JSON");
    assert_eq!(sent, body);
}

fn secret_json(name: &str) -> Value {
    json!({
        "id": SECRET, "name": name, "store_id": STORE,
        "created": "2023-09-21T18:56:32.624632Z", "modified": "2023-09-21T18:56:32.624632Z",
        "status": "active", "comment": "info about my secret", "scopes": ["workers", "ai_gateway"]
    })
}

fn store_json() -> Value {
    json!({
        "id": STORE, "name": "service_x_keys", "account_id": ACCOUNT,
        "created": "2023-09-21T18:56:32.624632Z", "modified": "2023-09-21T18:56:32.624632Z"
    })
}

const WORKERS: &str =
    "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/workers/scripts/my-script";
const DISPATCH: &str = "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/workers/dispatch/namespaces/my-ns/scripts/my-script";
const STORES: &str = "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/secrets_store/stores";
const SECRETS: &str = "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/secrets_store/stores/985e105f4ecef8ad9ca31a8372d0c353/secrets";

// Workers script secrets.

#[tokio::test]
async fn worker_list_script_secrets() {
    let server = server_answering(
        200,
        json!([{"name": "myBinding", "type": "secret_text"}]),
        None,
    )
    .await;
    let secrets = token_client(&server)
        .workers()
        .scripts()
        .secrets()
        .list(ACCOUNT, "my-script")
        .await
        .expect("lists");
    let request = only_request(&server).await;
    assert_request(&request, "GET", &format!("{WORKERS}/secrets"), &[]);
    assert_no_body(&request);
    assert_eq!(secrets.len(), 1);
    assert_eq!(secrets[0].name(), Some("myBinding"));
}

#[tokio::test]
async fn worker_list_keeps_a_binding_of_a_kind_the_sdk_does_not_know() {
    let cert = json!({"name": "X", "type": "secret_cert", "cert": "-----BEGIN CERTIFICATE-----"});
    let server = server_answering(
        200,
        json!([{"name": "myBinding", "type": "secret_text"}, cert.clone()]),
        None,
    )
    .await;
    let secrets = token_client(&server)
        .workers()
        .scripts()
        .secrets()
        .list(ACCOUNT, "my-script")
        .await
        .expect("one new-kind binding does not fail the whole list");
    assert_eq!(secrets.len(), 2);
    assert!(matches!(&secrets[0], SecretBinding::SecretText(text) if text.name == "myBinding"));
    let SecretBinding::Unknown(unknown) = &secrets[1] else {
        panic!("expected the unknown kind to be kept, got {:?}", secrets[1]);
    };
    assert_eq!(unknown.tag(), "secret_cert");
    assert_eq!(unknown.json(), &cert);
    assert_eq!(secrets[1].name(), Some("X"));
    assert_eq!(serde_json::to_value(&secrets[1]).expect("encodes"), cert);
}

#[tokio::test]
async fn worker_put_script_secret() {
    let server = server_answering(
        200,
        json!({"name": "myBinding", "type": "secret_text"}),
        None,
    )
    .await;
    let binding = token_client(&server)
        .workers()
        .scripts()
        .secrets()
        .put(
            ACCOUNT,
            "my-script",
            SecretBindingInput::text("myBinding", "My secret."),
        )
        .await
        .expect("puts");
    let request = only_request(&server).await;
    assert_request(&request, "PUT", &format!("{WORKERS}/secrets"), &[]);
    assert_json_body(
        &request,
        "application/json",
        json!({"name": "myBinding", "text": "My secret.", "type": "secret_text"}),
    );
    assert!(matches!(binding, SecretBinding::SecretText(ref text) if text.name == "myBinding"));
}

#[tokio::test]
async fn worker_put_script_secret_key() {
    let server = server_answering(
        200,
        json!({"name": "K", "type": "secret_key", "algorithm": {"name": "HMAC", "hash": "SHA-256"},
               "format": "jwk", "usages": ["sign", "verify"]}),
        None,
    )
    .await;
    let key = SecretKeyInput::jwk(
        "K",
        KeyAlgorithm::hmac(Hash::Sha256),
        vec![KeyUsage::Sign, KeyUsage::Verify],
        SecretJson::from(json!({"kty": "oct", "k": "c2VjcmV0"})),
    );
    let binding = token_client(&server)
        .workers()
        .scripts()
        .secrets()
        .put(ACCOUNT, "my-script", key)
        .await
        .expect("puts a key");
    let request = only_request(&server).await;
    assert_json_body(
        &request,
        "application/json",
        json!({"name": "K", "type": "secret_key", "algorithm": {"name": "HMAC", "hash": "SHA-256"},
               "format": "jwk", "usages": ["sign", "verify"], "key_jwk": {"kty": "oct", "k": "c2VjcmV0"}}),
    );
    let SecretBinding::SecretKey(key) = binding else {
        panic!("expected a key binding")
    };
    assert_eq!(key.format, Some(KeyFormat::Jwk));
    assert_eq!(
        key.usages.as_deref(),
        Some(&[KeyUsage::Sign, KeyUsage::Verify][..])
    );
}

#[tokio::test]
async fn worker_get_script_secret_plain_name_sends_no_flag() {
    let server = server_answering(
        200,
        json!({"name": "mySecret", "type": "secret_text"}),
        None,
    )
    .await;
    let binding = token_client(&server)
        .workers()
        .scripts()
        .secrets()
        .get(ACCOUNT, "my-script", "mySecret")
        .await
        .expect("gets");
    let request = only_request(&server).await;
    assert_request(&request, "GET", &format!("{WORKERS}/secrets/mySecret"), &[]);
    assert_no_body(&request);
    assert_eq!(binding.name(), Some("mySecret"));
}

#[tokio::test]
async fn worker_get_script_secret_encodes_the_name_and_sets_url_encoded() {
    let server = server_answering(
        200,
        json!({"name": "my secret/x", "type": "secret_text"}),
        None,
    )
    .await;
    token_client(&server)
        .workers()
        .scripts()
        .secrets()
        .get(ACCOUNT, "my-script", "my secret/x")
        .await
        .expect("gets");
    let request = only_request(&server).await;
    assert_request(
        &request,
        "GET",
        &format!("{WORKERS}/secrets/my%20secret%2Fx"),
        &[("url_encoded", "true")],
    );
}

#[tokio::test]
async fn worker_delete_script_secret() {
    let server = server_answering(200, Value::Null, None).await;
    token_client(&server)
        .workers()
        .scripts()
        .secrets()
        .delete(ACCOUNT, "my-script", "MY SECRET/x")
        .await
        .expect("deletes");
    let request = only_request(&server).await;
    assert_request(
        &request,
        "DELETE",
        &format!("{WORKERS}/secrets/MY%20SECRET%2Fx"),
        &[("url_encoded", "true")],
    );
    assert_no_body(&request);
}

#[tokio::test]
async fn worker_delete_script_secret_explicit_flag_wins() {
    let server = server_answering(200, Value::Null, None).await;
    token_client(&server)
        .workers()
        .scripts()
        .secrets()
        .delete(ACCOUNT, "my-script", "plain")
        .url_encoded(false)
        .await
        .expect("deletes");
    let request = only_request(&server).await;
    assert_request(
        &request,
        "DELETE",
        &format!("{WORKERS}/secrets/plain"),
        &[("url_encoded", "false")],
    );
}

#[tokio::test]
async fn worker_patch_script_secrets_bulk() {
    let server = server_answering(
        200,
        json!({"A": {"name": "A", "type": "secret_text"}, "KEEP": {"name": "KEEP", "type": "secret_text"}}),
        None,
    )
    .await;
    let patch = BulkPatchSecretsRequest::new()
        .set(SecretBindingInput::text("A", "a"))
        .delete("OLD")
        .version_tag("t", "v1");
    let result = token_client(&server)
        .workers()
        .scripts()
        .secrets()
        .bulk_patch(ACCOUNT, "my-script", patch)
        .await
        .expect("patches");
    let request = only_request(&server).await;
    assert_request(&request, "PATCH", &format!("{WORKERS}/secrets-bulk"), &[]);
    assert_json_body(
        &request,
        "application/merge-patch+json",
        json!({"secrets": {"A": {"name": "A", "text": "a", "type": "secret_text"}, "OLD": null},
               "version_tags": {"t": "v1"}}),
    );
    assert_eq!(result.keys().collect::<Vec<_>>(), ["A", "KEEP"]);
}

// Workers for Platforms: the same five under the dispatch namespace.

#[tokio::test]
async fn namespace_worker_list_script_secrets() {
    let server = server_answering(
        200,
        json!([{"name": "myBinding", "type": "secret_text"}]),
        None,
    )
    .await;
    let secrets = token_client(&server)
        .workers_for_platforms()
        .dispatch()
        .namespaces()
        .scripts()
        .secrets()
        .list(ACCOUNT, "my-ns", "my-script")
        .await
        .expect("lists");
    let request = only_request(&server).await;
    assert_request(&request, "GET", &format!("{DISPATCH}/secrets"), &[]);
    assert_eq!(secrets[0].name(), Some("myBinding"));
}

#[tokio::test]
async fn namespace_worker_put_script_secret() {
    let server = server_answering(
        200,
        json!({"name": "myBinding", "type": "secret_text"}),
        None,
    )
    .await;
    token_client(&server)
        .workers_for_platforms()
        .dispatch()
        .namespaces()
        .scripts()
        .secrets()
        .put(
            ACCOUNT,
            "my-ns",
            "my-script",
            SecretBindingInput::text("myBinding", "v"),
        )
        .await
        .expect("puts");
    let request = only_request(&server).await;
    assert_request(&request, "PUT", &format!("{DISPATCH}/secrets"), &[]);
    assert_json_body(
        &request,
        "application/json",
        json!({"name": "myBinding", "text": "v", "type": "secret_text"}),
    );
}

#[tokio::test]
async fn namespace_worker_get_script_secret() {
    let server = server_answering(200, json!({"name": "a b", "type": "secret_text"}), None).await;
    let binding = token_client(&server)
        .workers_for_platforms()
        .dispatch()
        .namespaces()
        .scripts()
        .secrets()
        .get(ACCOUNT, "my-ns", "my-script", "a b")
        .await
        .expect("gets");
    let request = only_request(&server).await;
    assert_request(
        &request,
        "GET",
        &format!("{DISPATCH}/secrets/a%20b"),
        &[("url_encoded", "true")],
    );
    assert_eq!(binding.name(), Some("a b"));
}

#[tokio::test]
async fn namespace_worker_delete_script_secret() {
    let server = server_answering(202, Value::Null, None).await;
    token_client(&server)
        .workers_for_platforms()
        .dispatch()
        .namespaces()
        .scripts()
        .secrets()
        .delete(ACCOUNT, "my-ns", "my-script", "mySecret")
        .await
        .expect("a 202 with a null result is success");
    let request = only_request(&server).await;
    assert_request(
        &request,
        "DELETE",
        &format!("{DISPATCH}/secrets/mySecret"),
        &[],
    );
}

#[tokio::test]
async fn namespace_worker_patch_script_secrets_bulk() {
    let server = server_answering(200, json!({}), None).await;
    let result = token_client(&server)
        .workers_for_platforms()
        .dispatch()
        .namespaces()
        .scripts()
        .secrets()
        .bulk_patch(
            ACCOUNT,
            "my-ns",
            "my-script",
            BulkPatchSecretsRequest::new().delete("GONE"),
        )
        .await
        .expect("patches");
    let request = only_request(&server).await;
    assert_request(&request, "PATCH", &format!("{DISPATCH}/secrets-bulk"), &[]);
    assert_json_body(
        &request,
        "application/merge-patch+json",
        json!({"secrets": {"GONE": null}}),
    );
    assert!(result.is_empty());
}

// Secrets Store.

#[tokio::test]
async fn secrets_store_quota_with_email_and_key() {
    let server = server_answering(200, json!({"secrets": {"quota": 100, "usage": 1}}), None).await;
    let client = client_for(
        &server,
        Credentials::api_key("user@example.com", "global-key-value"),
    );
    let response = client
        .secrets_store()
        .quota()
        .get(ACCOUNT)
        .send_with_response()
        .await
        .expect("reads the quota");
    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        format!("/client/v4/accounts/{ACCOUNT}/secrets_store/quota")
    );
    assert_eq!(header(&request, "x-auth-email"), Some("user@example.com"));
    assert_eq!(header(&request, "x-auth-key"), Some("global-key-value"));
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.result.secrets.quota, 100.0);
    assert_eq!(response.result.secrets.usage, 1.0);
}

#[tokio::test]
async fn secrets_store_list_stores() {
    let server = server_answering(
        200,
        json!([store_json()]),
        Some(json!({"count": 1, "page": 2, "per_page": 50, "total_count": 51, "total_pages": 2})),
    )
    .await;
    let page = token_client(&server)
        .secrets_store()
        .stores()
        .list(ACCOUNT)
        .direction(SortDirection::Asc)
        .order(StoreOrder::Name)
        .page(2)
        .per_page(50)
        .send()
        .await
        .expect("lists stores");
    let request = only_request(&server).await;
    assert_request(
        &request,
        "GET",
        STORES,
        &[
            ("direction", "asc"),
            ("order", "name"),
            ("page", "2"),
            ("per_page", "50"),
        ],
    );
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].id, StoreId::new(STORE));
    assert_eq!(page.items[0].account_id, Some(AccountId::new(ACCOUNT)));
    let info = page.result_info.expect("result_info is kept");
    assert_eq!(info.total_pages, Some(2));
}

#[tokio::test]
async fn secrets_store_create_store() {
    let server = server_answering(200, store_json(), None).await;
    let store = token_client(&server)
        .secrets_store()
        .stores()
        .create(ACCOUNT, CreateStoreRequest::new("service_x_keys"))
        .await
        .expect("creates");
    let request = only_request(&server).await;
    assert_request(&request, "POST", STORES, &[]);
    assert_json_body(
        &request,
        "application/json",
        json!({"name": "service_x_keys"}),
    );
    assert_eq!(store.name, "service_x_keys");
    assert_eq!(store.created.to_string(), "2023-09-21T18:56:32.624632Z");
}

#[tokio::test]
async fn secrets_store_get_store_by_id() {
    let server = server_answering(200, store_json(), None).await;
    let store = token_client(&server)
        .secrets_store()
        .stores()
        .get(ACCOUNT, STORE)
        .await
        .expect("gets");
    let request = only_request(&server).await;
    assert_request(&request, "GET", &format!("{STORES}/{STORE}"), &[]);
    assert_eq!(store.id.as_str(), STORE);
}

#[tokio::test]
async fn secrets_store_delete_store_with_force() {
    let server = server_answering(200, Value::Null, None).await;
    token_client(&server)
        .secrets_store()
        .stores()
        .delete(ACCOUNT, STORE)
        .force(true)
        .await
        .expect("deletes");
    let request = only_request(&server).await;
    assert_request(
        &request,
        "DELETE",
        &format!("{STORES}/{STORE}"),
        &[("force", "true")],
    );
    assert_no_body(&request);
}

#[tokio::test]
async fn secrets_store_secrets_list_with_every_filter() {
    let server = server_answering(
        200,
        json!([secret_json("MY_API_KEY")]),
        Some(json!({"count": 1, "page": 1, "per_page": 20, "total_count": 1, "total_pages": 1})),
    )
    .await;
    let page = token_client(&server)
        .secrets_store()
        .stores()
        .secrets()
        .list(ACCOUNT, STORE)
        .search("MY")
        .scopes(vec![Scope::Workers, Scope::AiGateway])
        .order(SecretOrder::Name)
        .direction(SortDirection::Desc)
        .per_page(20)
        .send()
        .await
        .expect("lists secrets");
    let request = only_request(&server).await;
    assert_request(
        &request,
        "GET",
        SECRETS,
        &[
            ("search", "MY"),
            ("scopes", "workers"),
            ("scopes", "ai_gateway"),
            ("order", "name"),
            ("direction", "desc"),
            ("per_page", "20"),
        ],
    );
    let secret = &page.items[0];
    assert_eq!(secret.id, SecretId::new(SECRET));
    assert_eq!(secret.status, SecretStatus::Active);
    assert_eq!(
        secret.scopes.as_deref(),
        Some(&[Scope::Workers, Scope::AiGateway][..])
    );
}

#[tokio::test]
async fn secrets_store_secrets_stream_reads_every_page() {
    let server = MockServer::start().await;
    for page in 1..=3 {
        let items: Vec<Value> = (0..2)
            .map(|i| secret_json(&format!("S{page}{i}")))
            .collect();
        Mock::given(wiremock::matchers::query_param("page", page.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "success": true, "errors": [], "messages": [], "result": items,
                "result_info": {"count": 2, "page": page, "per_page": 2, "total_count": 6, "total_pages": 3}
            })))
            .mount(&server)
            .await;
    }
    let names: Vec<String> = token_client(&server)
        .secrets_store()
        .stores()
        .secrets()
        .list(ACCOUNT, STORE)
        .per_page(2)
        .stream()
        .map_ok(|secret| secret.name)
        .try_collect()
        .await
        .expect("streams");
    assert_eq!(names, ["S10", "S11", "S20", "S21", "S30", "S31"]);
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(
        requests.len(),
        3,
        "no fourth page after result_info says the third is last"
    );
}

#[tokio::test]
async fn secrets_store_secret_create() {
    let server = server_answering(
        200,
        json!([secret_json("MY_API_KEY"), secret_json("OTHER")]),
        Some(json!({"count": 2, "page": 1, "per_page": 20, "total_count": 2})),
    )
    .await;
    let created = token_client(&server)
        .secrets_store()
        .stores()
        .secrets()
        .create(
            ACCOUNT,
            STORE,
            vec![
                CreateSecretRequest::new(
                    "MY_API_KEY",
                    "api-token-secret-123",
                    vec![Scope::Workers],
                )
                .comment("info about my secret"),
                CreateSecretRequest::new("OTHER", "v", vec![Scope::Other("future".into())]),
            ],
        )
        .await
        .expect("creates");
    let request = only_request(&server).await;
    assert_request(&request, "POST", SECRETS, &[]);
    assert_json_body(
        &request,
        "application/json",
        json!([
            {"name": "MY_API_KEY", "value": "api-token-secret-123", "scopes": ["workers"], "comment": "info about my secret"},
            {"name": "OTHER", "value": "v", "scopes": ["future"]}
        ]),
    );
    assert_eq!(created.len(), 2);
}

#[tokio::test]
async fn secrets_store_delete_bulk() {
    let server = server_answering(202, Value::Null, None).await;
    token_client(&server)
        .secrets_store()
        .stores()
        .secrets()
        .bulk_delete(
            ACCOUNT,
            STORE,
            BulkDeleteSecretsRequest::new(vec![SecretId::new("id-1"), SecretId::new("id-2")]),
        )
        .await
        .expect("deletes");
    let request = only_request(&server).await;
    assert_request(&request, "DELETE", SECRETS, &[]);
    assert_json_body(
        &request,
        "application/json",
        json!({"ids": ["id-1", "id-2"]}),
    );
}

#[tokio::test]
async fn secrets_store_delete_bulk_checks_the_ids_before_sending() {
    let server = server_answering(202, Value::Null, None).await;
    let client = token_client(&server);
    let secrets = client.secrets_store().stores().secrets();
    let error = secrets
        .bulk_delete(ACCOUNT, STORE, BulkDeleteSecretsRequest::new(vec![]))
        .await
        .expect_err("no id");
    assert!(error.is_validation(), "{error}");
    assert_eq!(error.field(), Some("body.ids"), "{error}");
    let too_long = SecretId::new("a".repeat(33));
    let error = secrets
        .bulk_delete(
            ACCOUNT,
            STORE,
            BulkDeleteSecretsRequest::new(vec![SecretId::new(SECRET), too_long]),
        )
        .await
        .expect_err("an id over 32 characters");
    assert!(error.is_validation(), "{error}");
    assert_eq!(error.field(), Some("body.ids[1]"), "{error}");
    let requests = server.received_requests().await.expect("recorded");
    assert!(requests.is_empty(), "nothing may be sent: {requests:?}");
}

#[tokio::test]
async fn secrets_store_get_by_id() {
    let server = server_answering(200, secret_json("MY_API_KEY"), None).await;
    let secret = token_client(&server)
        .secrets_store()
        .stores()
        .secrets()
        .get(ACCOUNT, STORE, SECRET)
        .await
        .expect("gets");
    let request = only_request(&server).await;
    assert_request(&request, "GET", &format!("{SECRETS}/{SECRET}"), &[]);
    assert_eq!(secret.comment.as_deref(), Some("info about my secret"));
}

#[tokio::test]
async fn secrets_store_patch_by_id() {
    let server = server_answering(200, secret_json("MY_API_KEY"), None).await;
    token_client(&server)
        .secrets_store()
        .stores()
        .secrets()
        .patch(
            ACCOUNT,
            STORE,
            SECRET,
            PatchSecretRequest::new().value("new").comment("x"),
        )
        .await
        .expect("patches");
    let request = only_request(&server).await;
    assert_request(&request, "PATCH", &format!("{SECRETS}/{SECRET}"), &[]);
    assert_json_body(
        &request,
        "application/json",
        json!({"value": "new", "comment": "x"}),
    );
}

#[tokio::test]
async fn secrets_store_secret_delete_by_id() {
    let server = server_answering(202, Value::Null, None).await;
    let response = token_client(&server)
        .secrets_store()
        .stores()
        .secrets()
        .delete(ACCOUNT, STORE, SECRET)
        .send_with_response()
        .await
        .expect("deletes");
    let request = only_request(&server).await;
    assert_request(&request, "DELETE", &format!("{SECRETS}/{SECRET}"), &[]);
    assert_no_body(&request);
    assert_eq!(response.status.as_u16(), 202);
}

#[tokio::test]
async fn secrets_store_duplicate_by_id() {
    let mut copy = secret_json("COPY");
    copy["id"] = json!("0123456789abcdef0123456789abcdef");
    let server = server_answering(200, copy, None).await;
    let duplicate = token_client(&server)
        .secrets_store()
        .stores()
        .secrets()
        .duplicate(
            ACCOUNT,
            STORE,
            SECRET,
            DuplicateSecretRequest::new("COPY", vec![Scope::Workers]).comment(""),
        )
        .await
        .expect("duplicates");
    let request = only_request(&server).await;
    assert_request(
        &request,
        "POST",
        &format!("{SECRETS}/{SECRET}/duplicate"),
        &[],
    );
    assert_json_body(
        &request,
        "application/json",
        json!({"name": "COPY", "scopes": ["workers"], "comment": ""}),
    );
    assert_eq!(duplicate.id.as_str(), "0123456789abcdef0123456789abcdef");
}

// Validation happens before anything is sent.

#[tokio::test]
async fn invalid_arguments_send_nothing() {
    let server = server_answering(200, Value::Null, None).await;
    let client = token_client(&server);
    let long_id = "0".repeat(33);
    let store = client.secrets_store().stores();

    let error = store
        .get(long_id.as_str(), STORE)
        .await
        .expect_err("account id too long");
    assert!(
        error.is_validation() && error.field() == Some("account_id"),
        "{error}"
    );

    let error = store
        .list(ACCOUNT)
        .per_page(101)
        .send()
        .await
        .expect_err("per_page above 100");
    assert_eq!(error.field(), Some("per_page"), "{error}");

    // A negative page no longer compiles (`page` takes a `u64`): `ui/fail/negative_page.rs`.

    let big = "x".repeat(65_537);
    let error = create_one_expecting_error(&client, "BIG", &big).await;
    assert_eq!(error.field(), Some("body[0].value"), "{error}");
    assert!(
        !error.to_string().contains("xxxxxxxx"),
        "the value leaked: {error}"
    );

    // 65,538 bytes of two-byte characters: under 65,536 characters, over 65,536 bytes.
    let wide = "é".repeat(32_769);
    let error = create_one_expecting_error(&client, "WIDE", &wide).await;
    assert_eq!(error.field(), Some("body[0].value"), "{error}");

    // A Workers secret is at most 5,120 bytes: 1,707 three-byte characters are 5,121.
    let error = client
        .workers()
        .scripts()
        .secrets()
        .put(
            ACCOUNT,
            "my-script",
            SecretBindingInput::text("BIG", "€".repeat(1_707)),
        )
        .await
        .expect_err("a Workers secret over 5 KiB");
    assert_eq!(error.field(), Some("body.text"), "{error}");
    assert!(
        !error.to_string().contains('€'),
        "the value leaked: {error}"
    );

    let error = create_one_expecting_error(&client, "HAS SPACE", "v").await;
    assert_eq!(error.field(), Some("body[0].name"), "{error}");

    let error = client
        .workers()
        .scripts()
        .secrets()
        .get(ACCOUNT, "my-script", "..")
        .await
        .expect_err("a dot-dot segment would change the path");
    assert!(error.is_validation(), "{error}");

    let received = server.received_requests().await.expect("recording is on");
    assert!(
        received.is_empty(),
        "validation errors must send nothing, sent {}",
        received.len()
    );
}

/// Creates one Store secret that must be refused before sending, and returns the error.
async fn create_one_expecting_error(
    client: &Client,
    name: &str,
    value: &str,
) -> cloudflare_secrets::Error {
    client
        .secrets_store()
        .stores()
        .secrets()
        .create(
            ACCOUNT,
            STORE,
            vec![CreateSecretRequest::new(name, value, vec![Scope::Workers])],
        )
        .await
        .expect_err("the create must be refused before sending")
}
