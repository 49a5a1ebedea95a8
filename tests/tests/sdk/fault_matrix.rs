//! The fault matrix, end to end through the SDK against a scripted server on 127.0.0.1: a body
//! over the size limit, a body that trickles slower than the timeout, a connection reset in the
//! middle of a body, a 200 whose `result` has the wrong type and a 200 without `result`, for
//! every operation. Each case must give a clear error, a bounded number of attempts (counted by
//! the server) and no panic. Also: plain `http://` only to loopback, and redirects are not
//! followed, so credentials never reach another origin.

use std::time::{Duration, Instant};

use cloudflare_secrets::operations::OPERATIONS;
use cloudflare_secrets::{Client, ClientBuilder, Credentials, ErrorKind, RetryConfig};
use cloudflare_secrets_tests::scripted::{
    ACCOUNT, Reply, ResultKind, Server, TOKEN, assert_no_secret, call, valid_result,
};
use serde_json::{Value, json};

/// A client with `retries` retries, millisecond backoff and `timeout` per attempt.
fn fast_client(base_url: &str, retries: u32, timeout: Duration) -> ClientBuilder {
    Client::builder()
        .base_url(base_url)
        .api_token(TOKEN)
        .timeout(timeout)
        .retry(
            RetryConfig::default()
                .with_max_retries(retries)
                .with_backoff(Duration::from_millis(5), Duration::from_millis(20)),
        )
}

#[tokio::test]
async fn a_body_over_the_size_limit_is_refused_once_with_or_without_content_length() {
    let big = json!({"success": true, "errors": [], "messages": [], "result": "x".repeat(5_000)});
    for until_close in [false, true] {
        let body = big.to_string().into_bytes();
        let server = Server::start(move |_| {
            if until_close {
                Reply::UntilClose { body: body.clone() }
            } else {
                Reply::Full {
                    status: 200,
                    headers: Vec::new(),
                    body: body.clone(),
                }
            }
        })
        .await;
        let client = fast_client(&server.base_url, 2, Duration::from_secs(5))
            .max_response_bytes(1_024)
            .build()
            .expect("client");
        let error = call(&client, "secrets-store-quota")
            .await
            .expect_err("too large");
        assert_eq!(error.kind(), ErrorKind::Decode, "{error}");
        assert!(
            error
                .to_string()
                .contains("larger than the limit of 1024 bytes"),
            "{error}"
        );
        assert_eq!(error.operation_id(), Some("secrets-store-quota"));
        assert_eq!(server.count(), 1, "a too-large body is not retried");
    }
    // The default limit is 32 MiB, far above any real response.
    assert_eq!(
        cloudflare_secrets::runtime::DEFAULT_MAX_RESPONSE_BYTES,
        32 * 1024 * 1024
    );
}

#[tokio::test]
async fn a_body_that_trickles_slower_than_the_timeout_times_out_each_attempt() {
    let server = Server::start(|_| Reply::Trickle {
        length: 1_000,
        every: Duration::from_millis(50),
    })
    .await;
    let client = fast_client(&server.base_url, 2, Duration::from_millis(300))
        .build()
        .expect("client");
    let started = Instant::now();
    let error = call(&client, "secrets-store-get-by-id")
        .await
        .expect_err("times out");
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.operation_id(), Some("secrets-store-get-by-id"));
    assert!(
        error.to_string().contains("timed out after 300ms"),
        "{error}"
    );
    assert_eq!(
        server.count(),
        3,
        "an idempotent GET: the first attempt and two retries"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );

    // A create is not retried after a timeout: the server may have acted on it.
    let server = Server::start(|_| Reply::Trickle {
        length: 1_000,
        every: Duration::from_millis(50),
    })
    .await;
    let client = fast_client(&server.base_url, 2, Duration::from_millis(300))
        .build()
        .expect("client");
    let error = call(&client, "secrets-store-secret-create")
        .await
        .expect_err("times out");
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(server.count(), 1);
    assert_no_secret(&error, "trickle");
}

#[tokio::test]
async fn a_connection_reset_in_the_middle_of_a_body_is_a_transport_error() {
    for (operation, attempts) in [
        ("worker-list-script-secrets", 3),
        ("secrets-store-create", 1),
    ] {
        let server = Server::start(|_| Reply::ResetAfter {
            length: 1_000,
            sent: 100,
        })
        .await;
        let client = fast_client(&server.base_url, 2, Duration::from_secs(5))
            .build()
            .expect("client");
        let error = call(&client, operation).await.expect_err("reset");
        assert_eq!(error.kind(), ErrorKind::Transport, "{operation}: {error:?}");
        assert_eq!(error.operation_id(), Some(operation));
        assert!(
            error
                .to_string()
                .contains("the connection to the API failed"),
            "{error}"
        );
        assert_eq!(server.count(), attempts, "{operation}: attempts");
        assert_no_secret(&error, operation);
    }
}

/// A value of the wrong JSON type for each kind of result.
fn wrong_result(kind: ResultKind) -> Value {
    match kind {
        ResultKind::Object | ResultKind::Map => json!([1, 2]),
        ResultKind::List | ResultKind::Page => json!({"name": "not a list"}),
        ResultKind::Unit => json!("ignored"),
    }
}

#[tokio::test]
async fn a_result_of_the_wrong_type_fails_every_operation_that_has_a_result() {
    for operation in OPERATIONS {
        let (kind, _) = valid_result(operation.id);
        let body = wrong_result(kind);
        let server = Server::start(move |_| Reply::success(body.clone())).await;
        let client = fast_client(&server.base_url, 2, Duration::from_secs(5))
            .build()
            .expect("client");
        let outcome = call(&client, operation.id).await;
        assert_eq!(
            server.count(),
            1,
            "{}: a decode error is not retried",
            operation.id
        );
        if kind == ResultKind::Unit {
            outcome.unwrap_or_else(|error| {
                panic!(
                    "{}: a null-result operation ignores `result`: {error}",
                    operation.id
                )
            });
            continue;
        }
        let error = outcome.expect_err(operation.id);
        assert_eq!(error.kind(), ErrorKind::Decode, "{}: {error}", operation.id);
        assert_eq!(error.operation_id(), Some(operation.id));
        assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
        assert!(
            error.body_snippet().is_some_and(|s| s.contains("result")),
            "{error:?}"
        );
        let text = error.to_string();
        assert!(text.contains("at `result"), "{}: {text}", operation.id);
        assert!(
            text.contains("invalid type") || text.contains("expected an object"),
            "{}: {text}",
            operation.id
        );
    }
}

#[tokio::test]
async fn success_without_a_result_fails_where_one_is_expected() {
    for operation in OPERATIONS {
        let (kind, _) = valid_result(operation.id);
        let server = Server::start(|_| {
            Reply::json(200, &json!({"success": true, "errors": [], "messages": []}))
        })
        .await;
        let client = fast_client(&server.base_url, 2, Duration::from_secs(5))
            .build()
            .expect("client");
        let outcome = call(&client, operation.id).await;
        assert_eq!(server.count(), 1, "{}", operation.id);
        match kind {
            // Nothing expected; and a paginated list without `result` is an empty page.
            ResultKind::Unit | ResultKind::Page => {
                outcome.unwrap_or_else(|error| panic!("{}: {error}", operation.id));
            }
            ResultKind::Object | ResultKind::List | ResultKind::Map => {
                let error = outcome.expect_err(operation.id);
                assert_eq!(error.kind(), ErrorKind::Decode, "{}: {error}", operation.id);
                assert_eq!(error.operation_id(), Some(operation.id));
                assert!(
                    error
                        .to_string()
                        .contains("`result` does not have the expected shape"),
                    "{}: {error}",
                    operation.id
                );
            }
        }
    }
}

#[test]
fn plain_http_is_refused_for_hosts_that_are_not_loopback() {
    let error = Client::builder()
        .base_url("http://api.example.com/client/v4")
        .api_token(TOKEN)
        .build()
        .expect_err("clear text to a remote host");
    assert_eq!(error.kind(), ErrorKind::Config);
    let text = error.to_string();
    assert!(
        text.contains("allow_insecure_http()") && text.contains("https://"),
        "{text}"
    );
    assert_no_secret(&error, "insecure");

    Client::builder()
        .base_url("http://api.example.com/client/v4")
        .api_token(TOKEN)
        .allow_insecure_http()
        .build()
        .expect("allowed by name");
    for loopback in [
        "http://127.0.0.1:8787",
        "http://[::1]:8787",
        "http://localhost:8787",
    ] {
        Client::builder()
            .base_url(loopback)
            .api_token(TOKEN)
            .build()
            .unwrap_or_else(|error| panic!("{loopback}: {error}"));
    }

    let environment = |name: &str| match name {
        "CLOUDFLARE_BASE_URL" => Some("http://10.1.2.3/client/v4".to_owned()),
        "CLOUDFLARE_API_TOKEN" => Some(TOKEN.to_owned()),
        _ => None,
    };
    let error = ClientBuilder::from_env_lookup(environment)
        .expect("the environment is complete")
        .build()
        .expect_err("clear text from the environment");
    let text = error.to_string();
    assert!(text.starts_with("CLOUDFLARE_BASE_URL: "), "{text}");
    assert!(text.contains("allow_insecure_http()"), "{text}");
}

/// A redirect to another origin (another port on 127.0.0.1) is not followed, so neither the
/// bearer token nor the `X-Auth-*` headers reach it; the error says why.
#[tokio::test]
async fn redirects_are_not_followed_so_credentials_stay_with_the_origin() {
    let elsewhere =
        Server::start(|_| Reply::success(json!({"secrets": {"quota": 1, "usage": 0}}))).await;
    let target = format!(
        "{}/accounts/{ACCOUNT}/secrets_store/quota",
        elsewhere.base_url
    );
    for status in [301u16, 302, 307, 308] {
        let location = target.clone();
        let origin = Server::start(move |_| Reply::Full {
            status,
            headers: vec![("location".to_owned(), location.clone())],
            body: Vec::new(),
        })
        .await;
        for credentials in [
            Credentials::api_token(TOKEN),
            Credentials::api_key("me@example.com", TOKEN),
            Credentials::user_service_key(TOKEN),
        ] {
            let client = Client::builder()
                .base_url(&origin.base_url)
                .credentials(credentials)
                .max_retries(2)
                .build()
                .expect("client");
            let error = call(&client, "secrets-store-quota")
                .await
                .expect_err("redirect");
            assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
            let text = error.to_string();
            assert!(text.contains("follows no redirects"), "{text}");
            assert!(text.contains("`127.0.0.1`"), "{text}");
            assert_no_secret(&error, "redirect");
        }
        assert_eq!(
            origin.count(),
            3,
            "one attempt per client, no retries of a redirect"
        );
    }
    assert_eq!(elsewhere.count(), 0, "nothing reached the other origin");
}
