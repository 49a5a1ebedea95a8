//! Tests that secrets stay secret in the SDK runtime: `Debug` of every type that holds one,
//! every error produced while sending one, and the `tracing` output; plus configuration from
//! the environment (through a lookup function, since the workspace forbids `unsafe`
//! `set_var`). Servers are wiremock or raw sockets on 127.0.0.1.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cloudflare_secrets::runtime::{
    self, Method, OperationInfo, Request, RequestOptions, SecretJson, SecretString, validate,
};
use cloudflare_secrets::{Client, ClientBuilder, Credentials, ErrorKind, RetryConfig};
use cloudflare_secrets_tests::client::fast_retries;
use cloudflare_secrets_tests::servers::ResettingServer;
use serde::Serialize;
use serde_json::{Value, json};
use tracing::instrument::WithSubscriber;
use wiremock::matchers::{any, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "tok-SUPERSECRET-1";
const API_KEY: &str = "key-SUPERSECRET-2";
const SERVICE_KEY: &str = "svc-SUPERSECRET-3";
const BODY_SECRET: &str = "body-SUPERSECRET-4";
const JSON_SECRET: &str = "jwk-SUPERSECRET-5";

/// The part every secret above shares; no output may contain it.
const MARKER: &str = "SUPERSECRET";

static PUT_SECRET: OperationInfo = OperationInfo {
    id: "putSecret",
    method: Method::PUT,
    path_template: "/accounts/{account_id}/workers/scripts/{script_name}/secrets",
    idempotent: true,
    permissions: &[],
};

static CREATE_SECRET: OperationInfo = OperationInfo {
    id: "createStoreSecret",
    method: Method::POST,
    path_template: "/accounts/{account_id}/secrets_store/stores/{store_id}/secrets",
    idempotent: false,
    permissions: &[],
};

/// A request body shaped like the SDK's secret inputs.
#[derive(Debug, Serialize)]
struct SecretInput {
    name: String,
    text: SecretString,
    key_jwk: SecretJson,
}

fn secret_input() -> SecretInput {
    SecretInput {
        name: "API_KEY".to_owned(),
        text: SecretString::from(BODY_SECRET),
        key_jwk: SecretJson::from(json!({"kty": "oct", "k": JSON_SECRET})),
    }
}

fn put_request(operation: &'static OperationInfo) -> Request {
    let mut request = Request::new(operation);
    request.path("/accounts/");
    request.path_param("account_id", "acc1").unwrap();
    request.path("/workers/scripts/");
    request.path_param("script_name", "worker").unwrap();
    request.path("/secrets");
    request.json_body(&secret_input()).unwrap();
    request
}

/// A client for `base` (the whole base URL) with `credentials` and fast retries.
fn client_for(base: &str, credentials: Credentials) -> Client {
    Client::builder()
        .base_url(base)
        .credentials(credentials)
        .retry(fast_retries())
        .build()
        .unwrap()
}

fn assert_no_secret(what: &str, text: &str) {
    assert!(!text.contains(MARKER), "{what} leaks a secret: {text}");
}

/// Checks `Display` and `Debug` of an error and of every error in its source chain.
fn assert_error_has_no_secret(what: &str, error: &cloudflare_secrets::Error) {
    assert_no_secret(what, &format!("{error} | {error:?}"));
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        assert_no_secret(what, &format!("{cause} | {cause:?}"));
        source = cause.source();
    }
}

// ---- A minimal tracing subscriber that writes every span field and event to a string -------

#[derive(Clone, Default)]
struct Capture {
    log: Arc<Mutex<String>>,
    next_id: Arc<AtomicU64>,
}

struct FieldWriter<'a>(&'a mut String);

impl tracing::field::Visit for FieldWriter<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn fmt::Debug) {
        let _ = write!(self.0, "{}={:?} ", field.name(), value);
    }
}

impl tracing::Subscriber for Capture {
    fn register_callsite(
        &self,
        _metadata: &'static tracing::Metadata<'static>,
    ) -> tracing::subscriber::Interest {
        tracing::subscriber::Interest::always()
    }

    fn enabled(&self, _metadata: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
        Some(tracing::level_filters::LevelFilter::TRACE)
    }

    fn new_span(&self, attributes: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut log = self.log.lock().unwrap();
        let _ = write!(log, "\nspan {} ", attributes.metadata().name());
        attributes.record(&mut FieldWriter(&mut log));
        tracing::span::Id::from_u64(self.next_id.fetch_add(1, Ordering::SeqCst) + 1)
    }

    fn record(&self, _span: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut log = self.log.lock().unwrap();
        log.push_str("\nrecord ");
        values.record(&mut FieldWriter(&mut log));
    }

    fn record_follows_from(&self, _span: &tracing::span::Id, _follows: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut log = self.log.lock().unwrap();
        log.push_str("\nevent ");
        event.record(&mut FieldWriter(&mut log));
    }

    fn enter(&self, _span: &tracing::span::Id) {}

    fn exit(&self, _span: &tracing::span::Id) {}
}

/// A subscriber that wants nothing but never answers "never" for a call site.
struct Undecided;

impl tracing::Subscriber for Undecided {
    fn register_callsite(
        &self,
        _metadata: &'static tracing::Metadata<'static>,
    ) -> tracing::subscriber::Interest {
        tracing::subscriber::Interest::sometimes()
    }

    fn enabled(&self, _metadata: &tracing::Metadata<'_>) -> bool {
        false
    }

    fn new_span(&self, _attributes: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }

    fn record(&self, _span: &tracing::span::Id, _values: &tracing::span::Record<'_>) {}

    fn record_follows_from(&self, _span: &tracing::span::Id, _follows: &tracing::span::Id) {}

    fn event(&self, _event: &tracing::Event<'_>) {}

    fn enter(&self, _span: &tracing::span::Id) {}

    fn exit(&self, _span: &tracing::span::Id) {}
}

/// Lets a `Capture` scoped to one test see every call site while other tests of this binary run.
///
/// tracing caches, per call site, whether any subscriber is interested. While at most one
/// subscriber is registered, a call site that another test's thread reaches first is judged by
/// that thread's default alone (none: "never"), and the cache keeps that. With this second
/// subscriber alive for the rest of the process, call sites are judged by every registered
/// subscriber, so none is "never" while a `Capture` exists; rebuilding the cache inside the
/// capture then corrects those judged before.
fn keep_call_sites_undecided() {
    static UNDECIDED: std::sync::OnceLock<tracing::Dispatch> = std::sync::OnceLock::new();
    UNDECIDED.get_or_init(|| tracing::Dispatch::new(Undecided));
}

// ---- Redaction ---------------------------------------------------------------------------

#[test]
fn debug_of_every_type_holding_a_secret_is_redacted() {
    let credentials = [
        Credentials::api_token(TOKEN),
        Credentials::api_key("me@example.com", API_KEY),
        Credentials::user_service_key(SERVICE_KEY),
    ];
    for credential in &credentials {
        assert_no_secret("Credentials", &format!("{credential:?}"));
        let builder = Client::builder().credentials(credential.clone());
        assert_no_secret("ClientBuilder", &format!("{builder:?}"));
        let client = builder.build().unwrap();
        assert_no_secret("Client", &format!("{client:?} {:?}", client.clone()));
    }
    let secret = SecretString::from(BODY_SECRET);
    assert_eq!(format!("{secret:?}"), "[REDACTED]");
    assert_eq!(secret.expose_secret(), BODY_SECRET);
    let json_secret = SecretJson::from(json!({"k": JSON_SECRET}));
    assert_eq!(format!("{json_secret:?}"), "[REDACTED]");
    assert!(json_secret.expose_secret().contains(JSON_SECRET));
    let input = secret_input();
    assert_no_secret(
        "a struct with secret fields",
        &format!("{input:?} {input:#?}"),
    );
    let request = put_request(&PUT_SECRET);
    assert_no_secret("Request", &format!("{request:?}"));
    let from_env = ClientBuilder::from_env_lookup(|name| match name {
        "CLOUDFLARE_API_TOKEN" => Some(TOKEN.to_owned()),
        _ => None,
    })
    .unwrap();
    assert_no_secret("ClientBuilder::from_env_lookup", &format!("{from_env:?}"));
}

#[test]
fn validation_and_config_errors_never_hold_the_value() {
    let errors = [
        validate::max_bytes("body.value", BODY_SECRET, 4).unwrap_err(),
        validate::max_length("body.value", BODY_SECRET, 4).unwrap_err(),
        validate::min_length("body.value", BODY_SECRET, 400).unwrap_err(),
        validate::pattern("body.value", BODY_SECRET, "^[0-9]+$").unwrap_err(),
        SecretJson::from_json_str(&format!("{{\"k\": {JSON_SECRET}")).unwrap_err(),
        Client::builder()
            .api_token(format!("{TOKEN}\n"))
            .build()
            .unwrap_err(),
        Client::builder()
            .credentials(Credentials::api_key(
                "me@example.com",
                format!("{API_KEY}\r\n"),
            ))
            .build()
            .unwrap_err(),
    ];
    for error in &errors {
        assert_error_has_no_secret("validation/config error", error);
    }
    assert_eq!(errors[0].field(), Some("body.value"));
    assert_eq!(errors[5].kind(), ErrorKind::Config);
}

#[tokio::test]
async fn errors_and_traces_while_sending_a_secret_hold_no_secret() {
    let capture = Capture::default();
    let server = MockServer::start().await;
    // The server answers differently per status code asked for in a header, so one server
    // produces every kind of failure.
    let cases: [(&str, ResponseTemplate); 5] = [
        (
            "400",
            ResponseTemplate::new(400).set_body_json(json!({
                "success": false, "errors": [{"code": 10021, "message": "bad input",
                "source": {"pointer": "/text"}}], "messages": [], "result": null
            })),
        ),
        (
            "502",
            ResponseTemplate::new(502).set_body_raw("<html>Bad Gateway</html>", "text/html"),
        ),
        (
            "truncated",
            ResponseTemplate::new(200).set_body_raw(r#"{"success":true,"result":{"#, "application/json"),
        ),
        ("slow", ResponseTemplate::new(200).set_delay(Duration::from_millis(800))),
        ("ok", ResponseTemplate::new(200).set_body_json(json!({
            "success": true, "errors": [], "messages": [], "result": {"name": "API_KEY", "type": "secret_text"}
        }))),
    ];
    for (case, template) in cases {
        Mock::given(method("PUT"))
            .and(wiremock::matchers::header("x-case", case))
            .respond_with(template)
            .mount(&server)
            .await;
    }
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .with_priority(10)
        .mount(&server)
        .await;

    let credentials = [
        Credentials::api_token(TOKEN),
        Credentials::api_key("me@example.com", API_KEY),
        Credentials::user_service_key(SERVICE_KEY),
    ];
    let mut error_count = 0;
    keep_call_sites_undecided();
    async {
        tracing::callsite::rebuild_interest_cache();
        for credential in &credentials {
            for case in ["400", "502", "truncated", "slow"] {
                let client = Client::builder()
                    .base_url(server.uri())
                    .credentials(credential.clone())
                    .retry(
                        RetryConfig::default()
                            .with_backoff(Duration::from_millis(1), Duration::from_millis(2)),
                    )
                    .http_client(
                        runtime::reqwest_client_builder()
                            .unwrap()
                            .default_headers(
                                [(
                                    reqwest::header::HeaderName::from_static("x-case"),
                                    reqwest::header::HeaderValue::from_static(case),
                                )]
                                .into_iter()
                                .collect(),
                            )
                            .build()
                            .unwrap(),
                    )
                    .build()
                    .unwrap();
                let options = RequestOptions::new().with_timeout(Duration::from_millis(100));
                let error = client
                    .execute::<Value>(put_request(&PUT_SECRET), &options)
                    .await
                    .unwrap_err();
                assert_error_has_no_secret(case, &error);
                error_count += 1;
            }
            let resetting = ResettingServer::start().await;
            let error = client_for(&resetting.base, credential.clone())
                .execute::<Value>(put_request(&CREATE_SECRET), &RequestOptions::new())
                .await
                .unwrap_err();
            drop(resetting);
            assert_eq!(error.kind(), ErrorKind::Transport);
            assert_error_has_no_secret("connection reset", &error);
            let refused = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let refused_base = format!("http://{}", refused.local_addr().unwrap());
            drop(refused);
            let error = client_for(&refused_base, credential.clone())
                .execute::<Value>(put_request(&PUT_SECRET), &RequestOptions::new())
                .await
                .unwrap_err();
            assert_eq!(error.kind(), ErrorKind::Connect);
            assert_error_has_no_secret("connection refused", &error);
            error_count += 2;
        }
    }
    .with_subscriber(capture.clone())
    .await;
    assert_eq!(error_count, 18);

    // The secrets did reach the server, so the checks above were not vacuous.
    let received = server.received_requests().await.unwrap();
    let body = String::from_utf8_lossy(&received[0].body).into_owned();
    assert!(body.contains(BODY_SECRET) && body.contains(JSON_SECRET));
    assert_eq!(
        received[0].headers["authorization"],
        format!("Bearer {TOKEN}").as_str()
    );

    let log = capture.log.lock().unwrap().clone();
    assert!(log.contains("operation=\"putSecret\""), "{log}");
    assert!(
        log.contains("path=\"/accounts/{account_id}/workers/scripts/{script_name}/secrets\""),
        "{log}"
    );
    assert!(log.contains("status=400"), "{log}");
    assert!(log.contains("attempt=3"), "{log}");
    assert_no_secret("the tracing output", &log);
}

#[tokio::test]
async fn successful_response_debug_has_no_secret_headers() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-echo", TOKEN)
                .set_body_json(
                    json!({"success": true, "errors": [], "messages": [], "result": null}),
                ),
        )
        .mount(&server)
        .await;
    let response = client_for(&server.uri(), Credentials::api_token(TOKEN))
        .execute::<()>(put_request(&PUT_SECRET), &RequestOptions::new())
        .await
        .unwrap();
    assert_no_secret("ApiResponse", &format!("{response:?}"));
    assert_eq!(response.headers["x-echo"], TOKEN);
}

// ---- Configuration from the environment ----------------------------------------------------

/// Builds a client from `vars` (plus `CLOUDFLARE_BASE_URL` pointing at `server`), sends one
/// request, and returns its headers.
async fn headers_sent_with_env(
    server: &MockServer,
    vars: &[(&str, &str)],
) -> cloudflare_secrets::Result<reqwest::header::HeaderMap> {
    server.reset().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"success": true, "errors": [], "messages": [], "result": []}),
            ),
        )
        .mount(server)
        .await;
    let mut env: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    env.insert(
        "CLOUDFLARE_BASE_URL".to_owned(),
        format!("{}/client/v4/", server.uri()),
    );
    let client = ClientBuilder::from_env_lookup(|name| env.get(name).cloned())?.build()?;
    assert_eq!(client.base_url(), format!("{}/client/v4", server.uri()));
    let mut request = Request::new(&PUT_SECRET);
    request.path("/accounts/acc1/workers/scripts/worker/secrets");
    client
        .execute::<Value>(request, &RequestOptions::new())
        .await?;
    let received = server.received_requests().await.unwrap().remove(0);
    assert_eq!(
        received.url.path(),
        "/client/v4/accounts/acc1/workers/scripts/worker/secrets"
    );
    Ok(received
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect())
}

#[tokio::test]
async fn from_env_lookup_precedence() {
    let server = MockServer::start().await;
    let all = [
        ("CLOUDFLARE_API_TOKEN", TOKEN),
        ("CLOUDFLARE_API_KEY", API_KEY),
        ("CLOUDFLARE_EMAIL", "me@example.com"),
        ("CLOUDFLARE_API_USER_SERVICE_KEY", SERVICE_KEY),
    ];
    let headers = headers_sent_with_env(&server, &all).await.unwrap();
    assert_eq!(headers["authorization"], format!("Bearer {TOKEN}").as_str());
    assert!(headers.get("x-auth-key").is_none());
    assert!(headers.get("x-auth-user-service-key").is_none());

    // An empty token counts as unset; the key and email come next.
    let mut without_token = all;
    without_token[0].1 = "";
    let headers = headers_sent_with_env(&server, &without_token)
        .await
        .unwrap();
    assert!(headers.get("authorization").is_none());
    assert_eq!(headers["x-auth-key"], API_KEY);
    assert_eq!(headers["x-auth-email"], "me@example.com");

    let headers = headers_sent_with_env(&server, &all[3..]).await.unwrap();
    assert_eq!(headers["x-auth-user-service-key"], SERVICE_KEY);

    // A key without its email is not used on its own.
    let headers = headers_sent_with_env(&server, &[all[1], all[3]])
        .await
        .unwrap();
    assert_eq!(headers["x-auth-user-service-key"], SERVICE_KEY);
    assert!(headers.get("x-auth-key").is_none());
    let error = headers_sent_with_env(&server, &[all[1]]).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(error.to_string().contains("CLOUDFLARE_EMAIL"), "{error}");
    assert_error_has_no_secret("missing email", &error);

    let error = headers_sent_with_env(&server, &[]).await.unwrap_err();
    assert!(
        error.to_string().contains("CLOUDFLARE_API_TOKEN"),
        "{error}"
    );
}

#[test]
fn from_env_lookup_defaults_to_cloudflare_and_checks_the_base_url() {
    let client = ClientBuilder::from_env_lookup(|name| {
        (name == "CLOUDFLARE_API_TOKEN").then(|| TOKEN.to_owned())
    })
    .unwrap()
    .build()
    .unwrap();
    assert_eq!(client.base_url(), runtime::DEFAULT_BASE_URL);
    assert_eq!(client.base_url(), "https://api.cloudflare.com/client/v4");
    assert_eq!(client.timeout(), Duration::from_secs(60));
    assert_eq!(client.retry_config().max_retries, 2);

    let error = ClientBuilder::from_env_lookup(|name| match name {
        "CLOUDFLARE_API_TOKEN" => Some(TOKEN.to_owned()),
        "CLOUDFLARE_BASE_URL" => Some("ftp://example.com".to_owned()),
        _ => None,
    })
    .unwrap()
    .build()
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
}
