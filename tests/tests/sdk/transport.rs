//! HTTP tests of the SDK runtime against a real local server (wiremock on 127.0.0.1): retries,
//! timeouts, error decoding, request building, and pagination. Requests are built with the
//! runtime's public API, the same calls generated operations make.

use std::time::{Duration, Instant};

use cloudflare_secrets::runtime::{
    self, Method, OperationInfo, Page, Request, RequestOptions, paginate,
};
use cloudflare_secrets::{Client, Credentials, ErrorKind, RetryConfig};
use cloudflare_secrets_tests::client::{client_builder, fast_retries};
use cloudflare_secrets_tests::servers::{ResettingServer, envelope, failure, ok};
use futures_util::StreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

static LIST_THINGS: OperationInfo = OperationInfo {
    id: "listThings",
    method: Method::GET,
    path_template: "/accounts/{account_id}/things",
    idempotent: true,
    permissions: &[],
};

static CREATE_THING: OperationInfo = OperationInfo {
    id: "createThing",
    method: Method::POST,
    path_template: "/accounts/{account_id}/things",
    idempotent: false,
    permissions: &[],
};

static GET_SECRET: OperationInfo = OperationInfo {
    id: "getSecret",
    method: Method::GET,
    path_template: "/accounts/{account_id}/things/{secret_name}",
    idempotent: true,
    permissions: &[],
};

static DELETE_THING: OperationInfo = OperationInfo {
    id: "deleteThing",
    method: Method::DELETE,
    path_template: "/accounts/{account_id}/things",
    idempotent: true,
    permissions: &[],
};

static PATCH_THINGS: OperationInfo = OperationInfo {
    id: "patchThings",
    method: Method::PATCH,
    path_template: "/accounts/{account_id}/things",
    idempotent: true,
    permissions: &[],
};

const THINGS_PATH: &str = "/client/v4/accounts/acc1/things";

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// A client for `base` with millisecond backoff so retry tests stay fast.
fn client_for(base: &str) -> Client {
    client_builder(base)
        .retry(fast_retries())
        .build()
        .expect("client builds")
}

fn client(server: &MockServer) -> Client {
    client_for(&server.uri())
}

/// A request for `operation` on `/accounts/acc1/things`.
fn things_request(operation: &'static OperationInfo) -> Request {
    let mut request = Request::new(operation);
    request.path("/accounts/");
    request.path_param("account_id", "acc1").expect("valid id");
    request.path("/things");
    request
}

async fn request_count(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .map_or(0, |requests| requests.len())
}

async fn get_things(client: &Client) -> cloudflare_secrets::Result<Value> {
    client
        .execute::<Value>(things_request(&LIST_THINGS), &RequestOptions::new())
        .await
        .map(|response| response.result)
}

async fn create_thing(client: &Client) -> cloudflare_secrets::Result<Value> {
    let mut request = things_request(&CREATE_THING);
    request
        .json_body(&json!({"name": "thing"}))
        .expect("serializes");
    client
        .execute::<Value>(request, &RequestOptions::new())
        .await
        .map(|response| response.result)
}

// ---- Retries ---------------------------------------------------------------------------------

#[tokio::test]
async fn rate_limit_with_retry_after_is_retried_once_after_the_delay() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(THINGS_PATH))
        .respond_with(failure(429, 10000, "slow down").insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(THINGS_PATH))
        .respond_with(ok(json!(["a"])))
        .mount(&server)
        .await;
    let started = Instant::now();
    let result = get_things(&client(&server))
        .await
        .expect("second attempt succeeds");
    let elapsed = started.elapsed();
    assert_eq!(result, json!(["a"]));
    assert_eq!(request_count(&server).await, 2);
    assert!(
        elapsed >= ms(950),
        "Retry-After was not honoured: {elapsed:?}"
    );
    assert!(elapsed < ms(5000), "waited far too long: {elapsed:?}");
}

#[tokio::test]
async fn retry_after_ms_overrides_the_backoff() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(THINGS_PATH))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after-ms", "300"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(THINGS_PATH))
        .respond_with(ok(json!([])))
        .mount(&server)
        .await;
    let started = Instant::now();
    get_things(&client(&server)).await.expect("retry succeeds");
    assert!(started.elapsed() >= ms(290), "{:?}", started.elapsed());
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn service_unavailable_gives_up_after_two_retries_with_the_last_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(THINGS_PATH))
        .respond_with(failure(503, 10001, "try later"))
        .mount(&server)
        .await;
    let error = get_things(&client(&server)).await.unwrap_err();
    assert_eq!(request_count(&server).await, 3);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.codes(), vec![10001]);
    assert_eq!(error.operation_id(), Some("listThings"));
    assert!(error.is_retryable());
    assert_eq!(error.kind(), ErrorKind::Api);
}

#[tokio::test]
async fn conflict_is_retried_like_the_official_sdks() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(THINGS_PATH))
        .respond_with(failure(409, 10002, "busy"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(THINGS_PATH))
        .respond_with(ok(json!(["b"])))
        .mount(&server)
        .await;
    assert_eq!(get_things(&client(&server)).await.unwrap(), json!(["b"]));
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn non_idempotent_post_is_not_retried_after_a_server_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(THINGS_PATH))
        .respond_with(failure(500, 10003, "internal"))
        .mount(&server)
        .await;
    let error = create_thing(&client(&server)).await.unwrap_err();
    assert_eq!(request_count(&server).await, 1);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(error.operation_id(), Some("createThing"));
}

#[tokio::test]
async fn non_idempotent_post_is_retried_after_a_rate_limit() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(THINGS_PATH))
        .respond_with(failure(429, 10004, "slow down"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(THINGS_PATH))
        .respond_with(ok(json!({"id": "t1"})))
        .mount(&server)
        .await;
    assert_eq!(
        create_thing(&client(&server)).await.unwrap(),
        json!({"id": "t1"})
    );
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn x_should_retry_false_stops_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(THINGS_PATH))
        .respond_with(failure(503, 10005, "no").insert_header("x-should-retry", "false"))
        .mount(&server)
        .await;
    let error = get_things(&client(&server)).await.unwrap_err();
    assert_eq!(request_count(&server).await, 1);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
}

#[tokio::test]
async fn max_retries_per_client_and_per_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(THINGS_PATH))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/client/v4", server.uri()))
        .api_token("t")
        .retry(RetryConfig::default().with_backoff(ms(1), ms(2)))
        .max_retries(4)
        .build()
        .unwrap();
    get_things(&client).await.unwrap_err();
    assert_eq!(request_count(&server).await, 5);
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let options = RequestOptions::new().with_max_retries(0);
    client
        .execute::<Value>(things_request(&LIST_THINGS), &options)
        .await
        .unwrap_err();
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn connection_reset_is_retried_for_idempotent_operations() {
    let server = ResettingServer::start().await;
    let error = get_things(&client_for(&server.base)).await.unwrap_err();
    assert_eq!(server.accepted(), 3);
    assert_eq!(error.kind(), ErrorKind::Transport, "{error:?}");
    assert!(error.is_retryable());
    assert_eq!(error.status(), None);
    assert_eq!(error.operation_id(), Some("listThings"));
}

#[tokio::test]
async fn connection_reset_is_not_retried_for_a_create() {
    let server = ResettingServer::start().await;
    let error = create_thing(&client_for(&server.base)).await.unwrap_err();
    assert_eq!(server.accepted(), 1);
    assert_eq!(error.kind(), ErrorKind::Transport, "{error:?}");
}

#[tokio::test]
async fn refused_connection_is_a_connect_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let error = create_thing(&client_for(&base)).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Connect, "{error:?}");
    assert!(error.is_retryable());
}

#[tokio::test]
async fn slow_response_times_out_per_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(THINGS_PATH))
        .respond_with(ok(json!([])).set_delay(ms(1500)))
        .mount(&server)
        .await;
    let client = client(&server);
    let options = RequestOptions::new()
        .with_timeout(ms(100))
        .with_max_retries(1);
    let started = Instant::now();
    let error = client
        .execute::<Value>(things_request(&LIST_THINGS), &options)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert!(error.is_timeout(), "{error:?}");
    assert!(error.is_retryable());
    assert!(
        elapsed < ms(1000),
        "the timeout was not applied: {elapsed:?}"
    );
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn client_timeout_applies_when_the_request_sets_none() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok(json!([])).set_delay(ms(1500)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_token("t")
        .timeout(ms(100))
        .max_retries(0)
        .build()
        .unwrap();
    let error = get_things(&client).await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(request_count(&server).await, 1);
}

// ---- Errors and the envelope -----------------------------------------------------------------

#[tokio::test]
async fn not_found_surfaces_cloudflare_error_details() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "success": false,
            "errors": [{
                "code": 10007,
                "message": "This Worker does not exist on your account.",
                "documentation_url": "https://developers.cloudflare.com/workers/",
                "source": {"pointer": "/script_name"}
            }],
            "messages": [],
            "result": null
        })))
        .mount(&server)
        .await;
    let error = get_things(&client(&server)).await.unwrap_err();
    assert_eq!(request_count(&server).await, 1, "404 is not retried");
    assert!(error.is_not_found());
    assert!(!error.is_retryable());
    assert_eq!(error.codes(), vec![10007]);
    let first = &error.errors()[0];
    assert_eq!(first.message, "This Worker does not exist on your account.");
    assert_eq!(
        first.documentation_url.as_deref(),
        Some("https://developers.cloudflare.com/workers/")
    );
    assert_eq!(
        first.source.as_ref().and_then(|s| s.pointer.as_deref()),
        Some("/script_name")
    );
    let text = error.to_string();
    assert!(text.contains("listThings"), "{text}");
    assert!(text.contains("404"), "{text}");
    assert!(text.contains("10007"), "{text}");
    assert!(text.contains("/script_name"), "{text}");
}

#[tokio::test]
async fn success_false_on_200_is_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "success": false,
            "errors": [{"code": 1003, "message": "maximum_stores_exceeded"}],
            "messages": [],
            "result": null
        })))
        .mount(&server)
        .await;
    let error = get_things(&client(&server)).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(error.codes(), vec![1003]);
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn html_bad_gateway_gives_status_and_snippet() {
    let server = MockServer::start().await;
    let page = format!(
        "<html><head><title>502 Bad Gateway</title></head><body>{}</body></html>",
        "cloudflare ".repeat(100)
    );
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
        .mount(&server)
        .await;
    let error = get_things(&client(&server)).await.unwrap_err();
    assert_eq!(request_count(&server).await, 3, "502 is retried");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    let snippet = error.body_snippet().expect("a snippet");
    assert!(snippet.starts_with("<html><head><title>502 Bad Gateway"));
    assert!(snippet.chars().count() <= 203, "{}", snippet.len());
    assert!(error.to_string().contains("502"));
}

#[tokio::test]
async fn truncated_json_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"success":true,"errors":[],"result":[{"id":"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let error = get_things(&client(&server)).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert!(error.to_string().contains("truncated"), "{error}");
    assert!(error.body_snippet().unwrap().starts_with("{\"success\""));
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn empty_body_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let error = get_things(&client(&server)).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert!(error.to_string().contains("empty"), "{error}");
}

#[tokio::test]
async fn wrong_result_type_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok(json!({"id": 5})))
        .mount(&server)
        .await;
    let error = client(&server)
        .execute::<Vec<String>>(things_request(&LIST_THINGS), &RequestOptions::new())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.operation_id(), Some("listThings"));
}

#[tokio::test]
async fn null_result_and_202_are_success_for_unit() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(202).set_body_json(envelope(Value::Null)))
        .mount(&server)
        .await;
    let response = client(&server)
        .execute::<()>(things_request(&DELETE_THING), &RequestOptions::new())
        .await
        .expect("202 with null is success");
    assert_eq!(response.status.as_u16(), 202);
}

#[tokio::test]
async fn empty_204_is_success_for_unit() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let response = client(&server)
        .execute::<()>(things_request(&DELETE_THING), &RequestOptions::new())
        .await
        .expect("204 without a body is success");
    assert_eq!(response.status.as_u16(), 204);
}

#[tokio::test]
async fn messages_and_headers_are_kept() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("cf-ray", "abc123")
                .set_body_json(json!({
                    "success": true, "errors": [],
                    "messages": [{"code": 10100, "message": "deprecated soon"}],
                    "result": {"ok": true}
                })),
        )
        .mount(&server)
        .await;
    let response = client(&server)
        .execute::<Value>(things_request(&LIST_THINGS), &RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(response.messages[0].code, 10100);
    assert_eq!(response.headers["cf-ray"], "abc123");
    assert_eq!(response.result, json!({"ok": true}));
}

// ---- What is sent ----------------------------------------------------------------------------

async fn captured_request(credentials: Credentials) -> wiremock::Request {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok(json!([])))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(credentials)
        .build()
        .unwrap();
    get_things(&client).await.unwrap();
    server.received_requests().await.unwrap().remove(0)
}

#[tokio::test]
async fn auth_headers_per_credential_kind() {
    let token = captured_request(Credentials::api_token("tok-123")).await;
    assert_eq!(token.headers["authorization"], "Bearer tok-123");
    assert!(token.headers.get("x-auth-key").is_none());

    let key = captured_request(Credentials::api_key("me@example.com", "key-456")).await;
    assert_eq!(key.headers["x-auth-email"], "me@example.com");
    assert_eq!(key.headers["x-auth-key"], "key-456");
    assert!(key.headers.get("authorization").is_none());

    let service = captured_request(Credentials::user_service_key("v1.0-svc-789")).await;
    assert_eq!(service.headers["x-auth-user-service-key"], "v1.0-svc-789");
    assert!(service.headers.get("authorization").is_none());
}

#[tokio::test]
async fn user_agent_names_the_crate_and_version() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok(json!([])))
        .mount(&server)
        .await;
    let plain = client(&server);
    get_things(&plain).await.unwrap();
    let suffixed = Client::builder()
        .base_url(server.uri())
        .api_token("t")
        .user_agent_suffix("my-app/1.2")
        .build()
        .unwrap();
    get_things(&suffixed).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let expected = format!("cloudflare-secrets-rust/{}", env!("CARGO_PKG_VERSION"));
    assert_eq!(requests[0].headers["user-agent"], expected.as_str());
    assert_eq!(
        requests[1].headers["user-agent"],
        format!("{expected} my-app/1.2").as_str()
    );
    assert_eq!(runtime::USER_AGENT_VALUE, expected);
}

#[tokio::test]
async fn path_segments_are_percent_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok(json!({"name": "my secret/x"})))
        .mount(&server)
        .await;
    let mut request = Request::new(&GET_SECRET);
    request.path("/accounts/");
    request.path_param("account_id", "acc1").unwrap();
    request.path("/things/");
    let changed = request.path_param("secret_name", "my secret/x").unwrap();
    assert!(changed);
    request.query("url_encoded", &changed);
    client(&server)
        .execute::<Value>(request, &RequestOptions::new())
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap().remove(0);
    assert_eq!(
        received.url.path(),
        "/client/v4/accounts/acc1/things/my%20secret%2Fx"
    );
    assert_eq!(received.url.query(), Some("url_encoded=true"));
}

#[tokio::test]
async fn content_types_and_array_queries() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ok(Value::Null))
        .mount(&server)
        .await;
    let client = client(&server);

    let mut get = things_request(&LIST_THINGS);
    get.query_all("scopes", &[&"workers", &"ai_gateway"]);
    get.query("search", &"a b&c");
    client
        .execute::<()>(get, &RequestOptions::new())
        .await
        .unwrap();

    create_thing(&client).await.unwrap();

    let mut patch = things_request(&PATCH_THINGS);
    patch
        .merge_patch_body(&json!({"secrets": {"OLD": null}}))
        .unwrap();
    client
        .execute::<()>(patch, &RequestOptions::new())
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.query(),
        Some("scopes=workers&scopes=ai_gateway&search=a%20b%26c")
    );
    assert!(requests[0].headers.get("content-type").is_none());
    assert!(requests[0].body.is_empty());
    assert_eq!(requests[1].headers["content-type"], "application/json");
    assert_eq!(
        serde_json::from_slice::<Value>(&requests[1].body).unwrap(),
        json!({"name": "thing"})
    );
    assert_eq!(
        requests[2].headers["content-type"],
        "application/merge-patch+json"
    );
    assert_eq!(requests[2].body, br#"{"secrets":{"OLD":null}}"#);
}

// ---- Pagination ------------------------------------------------------------------------------

/// Mounts pages 1..=3 of a 5-item list with `per_page=2`, each with a full `result_info`.
async fn mount_three_pages(server: &MockServer, with_info: bool) {
    let pages: [&[&str]; 3] = [&["a", "b"], &["c", "d"], &["e"]];
    for (index, items) in pages.iter().enumerate() {
        let page = index + 1;
        let mut body = envelope(json!(items));
        if with_info {
            body["result_info"] = json!({
                "page": page, "per_page": 2, "count": items.len(),
                "total_count": 5, "total_pages": 3
            });
        }
        Mock::given(method("GET"))
            .and(wiremock::matchers::query_param("page", page.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(server)
            .await;
    }
    Mock::given(method("GET"))
        .respond_with(ok(json!([])))
        .with_priority(10)
        .mount(server)
        .await;
}

fn stream_things(client: &Client) -> runtime::PageStream<String> {
    let client = client.clone();
    paginate(1, Some(2), move |page| {
        let client = client.clone();
        async move {
            let mut request = things_request(&LIST_THINGS);
            request.query("page", &page);
            request.query("per_page", &2);
            let response = client
                .execute_page::<String>(request, &RequestOptions::new())
                .await?;
            Ok::<Page<String>, cloudflare_secrets::Error>(response.result)
        }
    })
}

#[tokio::test]
async fn pagination_walks_three_pages_without_a_fourth_request() {
    let server = MockServer::start().await;
    mount_three_pages(&server, true).await;
    let items: Vec<String> = stream_things(&client(&server))
        .map(|item| item.unwrap())
        .collect()
        .await;
    assert_eq!(items, ["a", "b", "c", "d", "e"]);
    let requests = server.received_requests().await.unwrap();
    let pages: Vec<String> = requests
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        pages,
        [
            "page=1&per_page=2",
            "page=2&per_page=2",
            "page=3&per_page=2"
        ]
    );
}

#[tokio::test]
async fn pagination_without_result_info_stops_on_an_empty_page() {
    let server = MockServer::start().await;
    mount_three_pages(&server, false).await;
    let items: Vec<String> = stream_things(&client(&server))
        .map(|item| item.unwrap())
        .collect()
        .await;
    assert_eq!(items, ["a", "b", "c", "d", "e"]);
    assert_eq!(request_count(&server).await, 4);
}

#[tokio::test]
async fn execute_page_keeps_result_info() {
    let server = MockServer::start().await;
    mount_three_pages(&server, true).await;
    let mut request = things_request(&LIST_THINGS);
    request.query("page", &2);
    let response = client(&server)
        .execute_page::<String>(request, &RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(response.result.items, ["c", "d"]);
    let info = response.result.result_info.unwrap();
    assert_eq!(
        (info.page, info.total_pages, info.total_count),
        (Some(2), Some(3), Some(5))
    );
    assert!(!response.result.is_last());
}

#[tokio::test]
async fn pagination_error_is_yielded_and_ends_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(failure(403, 10000, "Authentication error"))
        .mount(&server)
        .await;
    let items: Vec<_> = stream_things(&client(&server)).collect().await;
    assert_eq!(items.len(), 1);
    let error = items.into_iter().next().unwrap().unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
}
