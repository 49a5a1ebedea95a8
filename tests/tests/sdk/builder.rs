//! HTTP tests of the runtime's one request builder, `RequestBuilder<O>`, on its own: a
//! hand-written `Operation` (not a generated one) sent to a real local server (wiremock on
//! 127.0.0.1). Generated operations only declare their parameters and how they become a
//! request; everything checked here (`send`, `send_with_response`, `.await`, `timeout`,
//! `max_retries`, `stream`, checks before sending) is the runtime's, for every operation.

use std::time::Duration;

use cloudflare_secrets::Client;
use cloudflare_secrets::runtime::{
    self, Method, Operation, OperationInfo, Paged, Request, RequestBuilder, Rules, Single,
};
use cloudflare_secrets_tests::client::{client_builder, fast_retries};
use cloudflare_secrets_tests::servers::ok;
use futures_util::StreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// `GET /accounts/{account_id}/things/{name}`: one thing.
#[derive(Clone, Debug)]
struct GetThing {
    account_id: String,
    name: String,
    verbose: Option<bool>,
}

impl Operation for GetThing {
    type Response = Single<Value>;
    const INFO: &'static OperationInfo = &OperationInfo {
        id: "getThing",
        method: Method::GET,
        path_template: "/accounts/{account_id}/things/{name}",
        idempotent: true,
        permissions: &[],
    };

    fn build(&self, request: &mut Request) -> runtime::Result<()> {
        runtime::check("name", &self.name, &Rules::NONE.max_length(8))?;
        request.path_params([&self.account_id, &self.name])?;
        request.query("verbose", &self.verbose);
        Ok(())
    }
}

/// `GET /accounts/{account_id}/things`: a paginated list of numbers.
#[derive(Clone, Debug)]
struct ListThings {
    page: Option<u64>,
    per_page: Option<u8>,
}

impl Operation for ListThings {
    type Response = Paged<u32>;
    const INFO: &'static OperationInfo = &OperationInfo {
        id: "listThings",
        method: Method::GET,
        path_template: "/accounts/{account_id}/things",
        idempotent: true,
        permissions: &[],
    };

    fn build(&self, request: &mut Request) -> runtime::Result<()> {
        runtime::check("per_page", &self.per_page, &Rules::NONE.maximum(100.0))?;
        request.path_params([&"acc1"])?;
        request.query("page", &self.page);
        request.query("per_page", &self.per_page);
        Ok(())
    }
}

fn client(server: &MockServer) -> Client {
    client_builder(&server.uri())
        .retry(fast_retries())
        .build()
        .expect("client builds")
}

fn get_thing(client: &Client, name: &str) -> RequestBuilder<GetThing> {
    RequestBuilder::new(
        client.clone(),
        GetThing {
            account_id: "acc1".into(),
            name: name.into(),
            verbose: Some(true),
        },
    )
}

#[tokio::test]
async fn send_await_and_send_with_response_build_the_same_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/client/v4/accounts/acc1/things/a%20b"))
        .and(query_param("verbose", "true"))
        .respond_with(ok(json!({"id": 1})))
        .expect(3)
        .mount(&server)
        .await;
    let client = client(&server);
    assert_eq!(
        get_thing(&client, "a b").send().await.unwrap(),
        json!({"id": 1})
    );
    assert_eq!(get_thing(&client, "a b").await.unwrap(), json!({"id": 1}));
    let response = get_thing(&client, "a b")
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.into_result(), json!({"id": 1}));
    let builder = get_thing(&client, "a b");
    assert_eq!(builder.info().id, "getThing");
    assert_eq!(
        builder.build_request().unwrap().path_and_query(),
        "/accounts/acc1/things/a%20b?verbose=true"
    );
}

#[tokio::test]
async fn a_bad_argument_fails_before_anything_is_sent() {
    let server = MockServer::start().await;
    let client = client(&server);
    let error = get_thing(&client, "much-too-long").await.unwrap_err();
    assert!(
        error.is_validation() && error.field() == Some("name"),
        "{error}"
    );
    let error = get_thing(&client, "..").await.unwrap_err();
    assert_eq!(error.field(), Some("name"), "{error}");
    let stream_error = RequestBuilder::new(
        client.clone(),
        ListThings {
            page: None,
            per_page: Some(101),
        },
    )
    .stream()
    .collect::<Vec<_>>()
    .await;
    assert_eq!(stream_error.len(), 1, "the error is the stream's only item");
    assert!(
        stream_error[0]
            .as_ref()
            .is_err_and(|error| error.field() == Some("per_page"))
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn max_retries_and_timeout_override_the_client_for_one_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/client/v4/accounts/acc1/things/x"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = client(&server);
    get_thing(&client, "x").max_retries(0).await.unwrap_err();
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "no retry"
    );
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    get_thing(&client, "x").max_retries(2).await.unwrap_err();
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        3,
        "two retries"
    );

    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ok(json!(1)).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let started = std::time::Instant::now();
    let error = get_thing(&client, "x")
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error}");
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn stream_walks_the_pages_from_the_one_asked_for() {
    let server = MockServer::start().await;
    for page in 2..=4u32 {
        Mock::given(method("GET"))
            .and(path("/client/v4/accounts/acc1/things"))
            .and(query_param("page", page.to_string()))
            .and(query_param("per_page", "2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "success": true, "errors": [], "messages": [],
                "result": [page * 10, page * 10 + 1],
                "result_info": {"page": page, "per_page": 2, "count": 2, "total_count": 8, "total_pages": 4}
            })))
            .expect(1)
            .mount(&server)
            .await;
    }
    let items: Vec<u32> = RequestBuilder::new(
        client(&server),
        ListThings {
            page: Some(2),
            per_page: Some(2),
        },
    )
    .stream()
    .map(|item| item.unwrap())
    .collect()
    .await;
    assert_eq!(items, vec![20, 21, 30, 31, 40, 41]);
}
