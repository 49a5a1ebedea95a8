//! What a first program meets, with only the SDK and tokio: paging with the stream's own
//! `next()` and `collect_all()` (no `futures` import in this module), and errors that print the
//! same readable line from `Debug` (what `main` shows) as from `Display`.

use cloudflare_secrets::{Client, ErrorKind, Secret, StatusCode, StoreId};
use serde_json::{Value, json};
use wiremock::matchers::{method, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use cloudflare_secrets_tests::client::client_builder;
use cloudflare_secrets_tests::ids::{ACCOUNT, CREATED, STORE};
use cloudflare_secrets_tests::servers::failure;

fn secret(name: &str) -> Value {
    json!({"id": format!("{:0>32}", name.len()), "name": name, "store_id": STORE,
           "created": CREATED, "modified": CREATED, "status": "active"})
}

/// Three pages of two, two and one secrets.
async fn paged_server() -> MockServer {
    let server = MockServer::start().await;
    let pages = [vec!["a", "b"], vec!["c", "d"], vec!["e"]];
    for (index, names) in pages.iter().enumerate() {
        let page = index + 1;
        let body = json!({"success": true, "errors": [], "messages": [],
            "result": names.iter().map(|name| secret(name)).collect::<Vec<_>>(),
            "result_info": {"page": page, "per_page": 2, "count": names.len(), "total_count": 5, "total_pages": 3}});
        let matcher = Mock::given(method("GET"));
        let matcher = if page == 1 {
            matcher
        } else {
            matcher.and(query_param("page", page.to_string()))
        };
        matcher
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .with_priority(if page == 1 { 10 } else { 1 })
            .mount(&server)
            .await;
    }
    server
}

fn client(server: &MockServer) -> Client {
    client_builder(&server.uri())
        .max_retries(0)
        .build()
        .expect("client")
}

#[tokio::test]
async fn the_stream_walks_every_page_with_its_own_next_and_collect_all() {
    let server = paged_server().await;
    let client = client(&server);
    let list = || {
        client
            .secrets_store()
            .stores()
            .secrets()
            .list(ACCOUNT, StoreId::new(STORE))
            .per_page(2)
            .stream()
    };
    let mut walked = Vec::new();
    let mut stream = list();
    while let Some(secret) = stream.next().await {
        walked.push(secret.expect("each item decodes").name);
    }
    assert_eq!(walked, ["a", "b", "c", "d", "e"]);
    assert!(stream.next().await.is_none(), "it stays ended");
    let collected: Vec<Secret> = list().collect_all().await.expect("every page");
    let names: Vec<&str> = collected
        .iter()
        .map(|secret| secret.name.as_str())
        .collect();
    assert_eq!(names, ["a", "b", "c", "d", "e"]);
    let requests = server.received_requests().await.expect("recording");
    assert_eq!(requests.len(), 6, "three pages, twice, and not one more");
}

#[tokio::test]
async fn an_error_prints_the_same_line_from_debug_as_from_display() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(failure(403, 10000, "Authentication error"))
        .mount(&server)
        .await;
    let error = client(&server)
        .workers()
        .scripts()
        .secrets()
        .put(
            ACCOUNT,
            "my-script",
            cloudflare_secrets::SecretBindingInput::text("API_KEY", "hunter2-secret"),
        )
        .await
        .expect_err("403");
    let line = "worker-put-script-secret: HTTP 403 Forbidden: Authentication error [code 10000]";
    assert_eq!(error.to_string(), line);
    assert_eq!(format!("{error:?}"), line, "what `main` prints");
    assert!(error.is_forbidden() && !error.is_unauthorized());
    let status: Option<StatusCode> = error.status();
    assert_eq!(status, Some(StatusCode::FORBIDDEN));
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.codes(), vec![10000]);
    let structure = format!("{error:#?}");
    assert!(structure.contains("kind: Api"), "{structure}");
    assert!(!structure.contains("hunter2"), "{structure}");

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(failure(401, 10001, "Unable to authenticate request"))
        .mount(&server)
        .await;
    let error = client(&server)
        .secrets_store()
        .quota()
        .get(ACCOUNT)
        .await
        .expect_err("401");
    assert!(error.is_unauthorized() && !error.is_forbidden());
    assert_eq!(format!("{error:?}"), error.to_string());

    let validation = Client::builder()
        .base_url("http://127.0.0.1:9/client/v4")
        .api_token("t")
        .build()
        .expect("client")
        .secrets_store()
        .stores()
        .secrets()
        .list(ACCOUNT, StoreId::new(STORE))
        .per_page(200)
        .send()
        .await
        .expect_err("per_page above 100");
    assert_eq!(
        format!("{validation:?}"),
        "secrets-store-secrets-list: invalid `per_page`: must be at most 100"
    );
}
