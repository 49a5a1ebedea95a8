//! Drives the emulator over HTTP with plain reqwest: every documented behaviour, and the bad
//! input a real client can send (no credentials, malformed JSON, unknown routes, oversize
//! values, duplicate names...), checking that failures leave the state unchanged.

use std::time::Duration;

use cloudflare_secrets_emulator::{Emulator, EmulatorHandle, Fault, Outcome};
use reqwest::Method;
use serde_json::{Value, json};

const TOKEN: &str = "test-token";
use cloudflare_secrets_tests::emulator as e2e;
use cloudflare_secrets_tests::ids::ACCOUNT;

/// A response: status, `Content-Type` and the body parsed as JSON.
struct Answer {
    status: u16,
    content_type: String,
    body: Value,
}

impl Answer {
    fn result(&self) -> &Value {
        &self.body["result"]
    }

    fn error_code(&self) -> Option<u64> {
        self.body["errors"][0]["code"].as_u64()
    }

    fn error_message(&self) -> &str {
        self.body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
    }

    /// Checks the Cloudflare failure envelope and returns the first error code.
    fn assert_failure(&self, status: u16) -> u64 {
        assert_eq!(self.status, status, "body: {}", self.body);
        assert_eq!(self.body["success"], false, "{}", self.body);
        assert_eq!(self.body["result"], Value::Null);
        assert!(self.body["messages"].is_array());
        assert!(self.content_type.starts_with("application/json"));
        let code = self.error_code().expect("an error code");
        assert!(code >= 1000, "codes are at least 1000: {code}");
        assert!(!self.error_message().is_empty());
        code
    }

    fn assert_success(&self, status: u16) -> &Value {
        assert_eq!(self.status, status, "body: {}", self.body);
        assert_eq!(self.body["success"], true, "{}", self.body);
        assert_eq!(self.body["errors"], json!([]));
        assert_eq!(self.body["messages"], json!([]));
        self.result()
    }
}

/// How a request authenticates.
#[derive(Clone, Copy)]
enum Auth<'a> {
    None,
    Bearer(&'a str),
    EmailKey(&'a str, &'a str),
}

struct Api {
    emulator: EmulatorHandle,
    http: reqwest::Client,
}

impl Api {
    async fn start() -> Api {
        let emulator = e2e::builder()
            .token(TOKEN)
            .start()
            .await
            .expect("emulator starts");
        Api::with(emulator)
    }

    fn with(emulator: EmulatorHandle) -> Api {
        let http = cloudflare_secrets::runtime::reqwest_client_builder()
            .expect("TLS set-up")
            .timeout(Duration::from_secs(10))
            .build()
            .expect("reqwest client");
        Api { emulator, http }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.emulator.base_url())
    }

    async fn raw(
        &self,
        method: Method,
        path: &str,
        auth: Auth<'_>,
        content_type: Option<&str>,
        body: Option<Vec<u8>>,
    ) -> Answer {
        let mut request = self.http.request(method, self.url(path));
        request = match auth {
            Auth::None => request,
            Auth::Bearer(token) => request.bearer_auth(token),
            Auth::EmailKey(email, key) => request
                .header("X-Auth-Email", email)
                .header("X-Auth-Key", key),
        };
        if let Some(content_type) = content_type {
            request = request.header("Content-Type", content_type);
        }
        if let Some(body) = body {
            request = request.body(body);
        }
        let response = request.send().await.expect("the emulator answers");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let text = response.text().await.expect("a body");
        let body =
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("JSON body, got {text:?}"));
        Answer {
            status,
            content_type,
            body,
        }
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let body = body.map(|body| body.to_string().into_bytes());
        let content_type = body.as_ref().map(|_| "application/json");
        self.raw(method, path, Auth::Bearer(TOKEN), content_type, body)
            .await
    }

    async fn get(&self, path: &str) -> Answer {
        self.call(Method::GET, path, None).await
    }

    async fn create_store(&self) -> String {
        let answer = self
            .call(
                Method::POST,
                &format!("/accounts/{ACCOUNT}/secrets_store/stores"),
                Some(json!({"name": "service_x_keys"})),
            )
            .await;
        answer.assert_success(200)["id"]
            .as_str()
            .expect("store id")
            .to_owned()
    }

    async fn create_secrets(&self, store: &str, secrets: Value) -> Answer {
        self.call(
            Method::POST,
            &format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}/secrets"),
            Some(secrets),
        )
        .await
    }

    async fn store_secrets(&self, store: &str, query: &str) -> Answer {
        self.get(&format!(
            "/accounts/{ACCOUNT}/secrets_store/stores/{store}/secrets?{query}"
        ))
        .await
    }
}

fn workers(script: &str) -> String {
    format!("/accounts/{ACCOUNT}/workers/scripts/{script}")
}

fn text_binding(name: &str, text: &str) -> Value {
    json!({"name": name, "type": "secret_text", "text": text})
}

fn key_binding(name: &str) -> Value {
    json!({
        "name": name,
        "type": "secret_key",
        "algorithm": {"name": "HMAC", "hash": "SHA-256"},
        "format": "raw",
        "usages": ["sign", "verify"],
        "key_base64": "c2VjcmV0LWtleQ==",
    })
}

/// Fails when a response object carries a value field.
fn assert_no_values(value: &Value) {
    let text = value.to_string();
    for field in ["\"text\"", "\"key_base64\"", "\"key_jwk\"", "\"value\""] {
        assert!(!text.contains(field), "{field} leaked in {text}");
    }
}

fn is_lower_hex_32(id: &str) -> bool {
    id.len() == 32
        && id
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

fn assert_timestamp(stamp: &Value) {
    let stamp = stamp.as_str().expect("a timestamp string");
    assert!(stamp.ends_with('Z'), "{stamp}");
    let (_, fraction) = stamp.rsplit_once('.').expect("a fraction");
    assert_eq!(fraction.len(), 7, "six digits and Z: {stamp}");
    assert!(
        stamp.parse::<jiff::Timestamp>().is_ok(),
        "RFC 3339: {stamp}"
    );
}

// ----- Auth, routing, malformed input -------------------------------------------------------

#[tokio::test]
async fn requests_without_or_with_wrong_credentials_get_401_envelopes() {
    let api = Api::start().await;
    let path = format!("/accounts/{ACCOUNT}/secrets_store/quota");
    let none = api.raw(Method::GET, &path, Auth::None, None, None).await;
    assert_eq!(none.assert_failure(401), 10000);
    let wrong = api
        .raw(Method::GET, &path, Auth::Bearer("nope"), None, None)
        .await;
    assert_eq!(wrong.assert_failure(401), 10000);
    let key = api
        .raw(
            Method::GET,
            &path,
            Auth::EmailKey("a@example.com", "k"),
            None,
            None,
        )
        .await;
    key.assert_failure(401);
    let right = api
        .raw(Method::GET, &path, Auth::Bearer(TOKEN), None, None)
        .await;
    right.assert_success(200);
    // A rejected write changes nothing.
    let put = api
        .raw(
            Method::PUT,
            &format!("{}/secrets", workers("s")),
            Auth::Bearer("nope"),
            Some("application/json"),
            Some(text_binding("A", "a").to_string().into_bytes()),
        )
        .await;
    put.assert_failure(401);
    assert_eq!(api.emulator.worker_secret_names(ACCOUNT, "s"), Some(vec![]));
}

#[tokio::test]
async fn an_open_emulator_takes_any_credentials_and_a_global_key_can_be_configured() {
    let open = Api::with(e2e::builder().start().await.expect("starts"));
    let path = format!("/accounts/{ACCOUNT}/secrets_store/quota");
    open.raw(Method::GET, &path, Auth::Bearer("anything"), None, None)
        .await
        .assert_success(200);
    open.raw(
        Method::GET,
        &path,
        Auth::EmailKey("a@example.com", "k"),
        None,
        None,
    )
    .await
    .assert_success(200);
    open.raw(Method::GET, &path, Auth::None, None, None)
        .await
        .assert_failure(401);

    let keyed = Api::with(
        e2e::builder()
            .global_key("a@example.com", "global")
            .start()
            .await
            .expect("starts"),
    );
    keyed
        .raw(
            Method::GET,
            &path,
            Auth::EmailKey("a@example.com", "global"),
            None,
            None,
        )
        .await
        .assert_success(200);
    keyed
        .raw(
            Method::GET,
            &path,
            Auth::EmailKey("a@example.com", "other"),
            None,
            None,
        )
        .await
        .assert_failure(401);
}

#[tokio::test]
async fn unknown_routes_get_7003_and_wrong_methods_405() {
    let api = Api::start().await;
    let unknown = api
        .get(&format!("/accounts/{ACCOUNT}/workers/nothing-here"))
        .await;
    assert_eq!(unknown.assert_failure(404), 7003);
    assert_eq!(unknown.error_message(), "No route for the URI");
    // Outside /client/v4 as well.
    let response = api
        .http
        .get(format!("http://{}/other", api.emulator.local_addr()))
        .bearer_auth(TOKEN)
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status().as_u16(), 404);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["errors"][0]["code"], 7003);
    let wrong = api
        .call(
            Method::POST,
            &format!("/accounts/{ACCOUNT}/secrets_store/quota"),
            Some(json!({})),
        )
        .await;
    wrong.assert_failure(405);
    // An account id longer than 32 characters cannot be routed.
    let long = api
        .get(&format!("/accounts/{}/secrets_store/quota", "a".repeat(33)))
        .await;
    assert_eq!(long.assert_failure(404), 7003);
}

#[tokio::test]
async fn malformed_json_gets_400_naming_the_problem_and_changes_nothing() {
    let api = Api::start().await;
    let put = |body: &'static str| {
        api.raw(
            Method::PUT,
            "/accounts/023e105f4ecef8ad9ca31a8372d0c353/workers/scripts/s/secrets",
            Auth::Bearer(TOKEN),
            Some("application/json"),
            Some(body.as_bytes().to_vec()),
        )
    };
    let broken = put("{\"name\": \"A\", \"type\": \"secret_text\", \"text\": \"s3cr3t\"").await;
    assert_eq!(broken.assert_failure(400), 6007);
    assert!(
        broken.error_message().contains("Malformed JSON"),
        "{}",
        broken.error_message()
    );
    assert!(
        broken.error_message().contains("line 1"),
        "{}",
        broken.error_message()
    );
    assert!(!broken.error_message().contains("s3cr3t"));
    let empty = put("").await;
    assert_eq!(empty.assert_failure(400), 6007);
    let not_utf8 = api
        .raw(
            Method::PUT,
            &format!("{}/secrets", workers("s")),
            Auth::Bearer(TOKEN),
            Some("application/json"),
            Some(vec![0xff, 0xfe, b'{']),
        )
        .await;
    not_utf8.assert_failure(400);
    assert_eq!(api.emulator.worker_secret_names(ACCOUNT, "s"), Some(vec![]));
}

#[tokio::test]
async fn json_sent_as_text_plain_and_bodiless_deletes_with_a_json_type_are_accepted() {
    let api = Api::start().await;
    let created = api
        .raw(
            Method::POST,
            &format!("/accounts/{ACCOUNT}/secrets_store/stores"),
            Auth::Bearer(TOKEN),
            Some("text/plain;charset=UTF-8"),
            Some(br#"{"name":"wrangler_store"}"#.to_vec()),
        )
        .await;
    let store = created.assert_success(200)["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let secrets = api
        .raw(
            Method::POST,
            &format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}/secrets"),
            Auth::Bearer(TOKEN),
            Some("text/plain;charset=UTF-8"),
            Some(br#"[{"name":"K","value":"v","scopes":["workers"]}]"#.to_vec()),
        )
        .await;
    let id = secrets.assert_success(200)[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let deleted = api
        .raw(
            Method::DELETE,
            &format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}/secrets/{id}"),
            Auth::Bearer(TOKEN),
            Some("application/json"),
            None,
        )
        .await;
    assert_eq!(deleted.assert_success(202), &Value::Null);
    let store_deleted = api
        .raw(
            Method::DELETE,
            &format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}"),
            Auth::Bearer(TOKEN),
            Some("application/json"),
            None,
        )
        .await;
    assert_eq!(store_deleted.assert_success(200), &Value::Null);
    assert_eq!(api.emulator.store_count(ACCOUNT), 0);
}

#[tokio::test]
async fn no_input_makes_the_emulator_panic_or_forget() {
    let api = Api::start().await;
    api.call(
        Method::PUT,
        &format!("{}/secrets", workers("s")),
        Some(text_binding("KEEP", "k")),
    )
    .await
    .assert_success(200);
    let store = api.create_store().await;
    let bodies: [&[u8]; 8] = [
        b"null",
        b"[]",
        b"42",
        b"\"text\"",
        b"{\"secrets\": []}",
        b"[{\"name\": 1}]",
        b"{\"name\": {\"nested\": [1, 2, {}]}}",
        &[0, 159, 146, 150],
    ];
    let paths = [
        format!("{}/secrets", workers("s")),
        format!("{}/secrets-bulk", workers("s")),
        format!("{}/secrets/%FF%FE", workers("s")),
        format!("/accounts/{ACCOUNT}/secrets_store/stores"),
        format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}/secrets"),
        format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}/secrets/nope"),
        format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}/secrets/nope/duplicate"),
        "/accounts/%FF/secrets_store/stores".to_owned(),
    ];
    for path in &paths {
        for method in [
            Method::GET,
            Method::PUT,
            Method::POST,
            Method::PATCH,
            Method::DELETE,
        ] {
            for body in bodies {
                let answer = api
                    .raw(
                        method.clone(),
                        path,
                        Auth::Bearer(TOKEN),
                        Some("application/json"),
                        Some(body.to_vec()),
                    )
                    .await;
                assert!(answer.status < 500, "{method} {path}: {}", answer.body);
                assert!(answer.body["success"].is_boolean());
            }
        }
    }
    for query in [
        "page=abc",
        "per_page=-1",
        "page=18446744073709551615",
        "per_page=101",
        "order=bogus",
        "direction=up",
    ] {
        let answer = api.store_secrets(&store, query).await;
        assert!(
            answer.status == 400 || answer.status == 200,
            "{query}: {}",
            answer.body
        );
    }
    assert_eq!(
        api.emulator.worker_secret_names(ACCOUNT, "s"),
        Some(vec!["KEEP".to_owned()])
    );
    assert_eq!(api.emulator.store_count(ACCOUNT), 1);
    assert_eq!(api.emulator.secret_count(ACCOUNT), 0);
}

// ----- Workers secrets ---------------------------------------------------------------------

#[tokio::test]
async fn workers_secrets_put_list_get_replace_and_delete_without_returning_values() {
    let api = Api::start().await;
    let base = workers("my-script");
    let put = api
        .call(
            Method::PUT,
            &format!("{base}/secrets"),
            Some(text_binding("API_KEY", "s3cr3t")),
        )
        .await;
    assert_eq!(
        put.assert_success(200),
        &json!({"name": "API_KEY", "type": "secret_text"})
    );
    let key = api
        .call(
            Method::PUT,
            &format!("{base}/secrets"),
            Some(key_binding("SIGNING")),
        )
        .await;
    assert_eq!(
        key.assert_success(200),
        &json!({
            "name": "SIGNING",
            "type": "secret_key",
            "algorithm": {"name": "HMAC", "hash": "SHA-256"},
            "format": "raw",
            "usages": ["sign", "verify"],
        })
    );
    let jwk = json!({
        "name": "JWK",
        "type": "secret_key",
        "algorithm": {"name": "ECDSA", "namedCurve": "P-256"},
        "format": "jwk",
        "usages": ["deriveKey", "unwrapKey"],
        "key_jwk": {"kty": "EC", "d": "private"},
    });
    api.call(Method::PUT, &format!("{base}/secrets"), Some(jwk))
        .await
        .assert_success(200);
    let list = api.get(&format!("{base}/secrets")).await;
    let listed = list.assert_success(200);
    assert_no_values(listed);
    let names: Vec<&str> = listed
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|binding| binding["name"].as_str())
        .collect();
    assert_eq!(names, ["API_KEY", "JWK", "SIGNING"]);
    assert!(list.body.get("result_info").is_none());

    let got = api.get(&format!("{base}/secrets/JWK")).await;
    assert_eq!(
        got.assert_success(200)["usages"],
        json!(["deriveKey", "unwrapKey"])
    );
    assert_no_values(got.result());

    // Put replaces.
    api.call(
        Method::PUT,
        &format!("{base}/secrets"),
        Some(text_binding("API_KEY", "rotated")),
    )
    .await
    .assert_success(200);
    assert_eq!(
        api.emulator
            .worker_secret_is(ACCOUNT, "my-script", "API_KEY", "rotated"),
        Some(true)
    );
    assert_eq!(
        api.get(&format!("{base}/secrets"))
            .await
            .result()
            .as_array()
            .map(Vec::len),
        Some(3)
    );

    let deleted = api
        .call(Method::DELETE, &format!("{base}/secrets/API_KEY"), None)
        .await;
    assert_eq!(deleted.assert_success(200), &Value::Null);
    let again = api
        .call(Method::DELETE, &format!("{base}/secrets/API_KEY"), None)
        .await;
    assert_eq!(again.assert_failure(404), 10056);
    let missing = api.get(&format!("{base}/secrets/API_KEY")).await;
    assert_eq!(missing.assert_failure(404), 10056);
    let no_script = api
        .get(&format!("{}/secrets", workers("never-created")))
        .await;
    assert_eq!(no_script.assert_failure(404), 10007);
}

#[tokio::test]
async fn bindings_are_validated_with_400_envelopes() {
    let api = Api::start().await;
    let path = format!("{}/secrets", workers("s"));
    let cases = [
        (json!({"name": "A", "type": "secret_text"}), "text"),
        (json!({"type": "secret_text", "text": "x"}), "name"),
        (
            json!({"name": "A", "type": "plain_text", "text": "x"}),
            "type",
        ),
        (json!({"name": "A", "text": "x"}), "type"),
        (
            json!({"name": "A", "type": "secret_text", "text": 5}),
            "text",
        ),
        (json!(["A"]), "object"),
        (
            {
                let mut key = key_binding("K");
                key.as_object_mut().map(|map| map.remove("algorithm"));
                key
            },
            "algorithm",
        ),
        (
            {
                let mut key = key_binding("K");
                key.as_object_mut().map(|map| map.remove("format"));
                key
            },
            "format",
        ),
        (
            {
                let mut key = key_binding("K");
                key.as_object_mut().map(|map| map.remove("usages"));
                key
            },
            "usages",
        ),
        (
            {
                let mut key = key_binding("K");
                key.as_object_mut().map(|map| map.remove("key_base64"));
                key
            },
            "key_base64",
        ),
        (
            {
                let mut key = key_binding("K");
                key["format"] = json!("jwk");
                key
            },
            "key_jwk",
        ),
        (
            {
                let mut key = key_binding("K");
                key["usages"] = json!(["derive_key"]);
                key
            },
            "usages",
        ),
        (
            {
                let mut key = key_binding("K");
                key["format"] = json!("pem");
                key
            },
            "format",
        ),
    ];
    for (body, field) in cases {
        let answer = api.call(Method::PUT, &path, Some(body.clone())).await;
        assert_eq!(answer.assert_failure(400), 10021, "{body}");
        assert!(
            answer.error_message().contains(field),
            "{body}: {}",
            answer.error_message()
        );
    }
    assert_eq!(api.emulator.worker_secret_names(ACCOUNT, "s"), Some(vec![]));
}

#[tokio::test]
async fn url_encoded_true_decodes_the_secret_name() {
    let api = Api::start().await;
    let base = workers("s");
    api.call(
        Method::PUT,
        &format!("{base}/secrets"),
        Some(text_binding("MY SECRET/x", "v")),
    )
    .await
    .assert_success(200);
    let got = api
        .get(&format!("{base}/secrets/MY%20SECRET%2Fx?url_encoded=true"))
        .await;
    assert_eq!(got.assert_success(200)["name"], "MY SECRET/x");
    // Without the flag the segment is taken as sent, so the name does not match.
    let literal = api.get(&format!("{base}/secrets/MY%20SECRET%2Fx")).await;
    literal.assert_failure(404);
    let bad_flag = api
        .get(&format!("{base}/secrets/MY%20SECRET%2Fx?url_encoded=maybe"))
        .await;
    bad_flag.assert_failure(400);
    api.call(
        Method::DELETE,
        &format!("{base}/secrets/MY%20SECRET%2Fx?url_encoded=true"),
        None,
    )
    .await
    .assert_success(200);
    assert_eq!(api.emulator.worker_secret_names(ACCOUNT, "s"), Some(vec![]));
}

#[tokio::test]
async fn bulk_patch_applies_a_merge_patch_and_returns_the_whole_set() {
    let api = Api::start().await;
    let base = workers("s");
    for name in ["KEEP", "OLD", "CHANGE"] {
        api.call(
            Method::PUT,
            &format!("{base}/secrets"),
            Some(text_binding(name, "1")),
        )
        .await
        .assert_success(200);
    }
    let patch = json!({
        "secrets": {
            "NEW": text_binding("NEW", "2"),
            "CHANGE": key_binding("CHANGE"),
            "OLD": null,
            "NEVER_EXISTED": null,
        },
        "version_tags": {"t": "v1"},
    });
    let answer = api
        .raw(
            Method::PATCH,
            &format!("{base}/secrets-bulk"),
            Auth::Bearer(TOKEN),
            Some("application/merge-patch+json"),
            Some(patch.to_string().into_bytes()),
        )
        .await;
    let result = answer.assert_success(200);
    assert_no_values(result);
    assert_eq!(
        result,
        &json!({
            "CHANGE": {
                "name": "CHANGE",
                "type": "secret_key",
                "algorithm": {"name": "HMAC", "hash": "SHA-256"},
                "format": "raw",
                "usages": ["sign", "verify"],
            },
            "KEEP": {"name": "KEEP", "type": "secret_text"},
            "NEW": {"name": "NEW", "type": "secret_text"},
        })
    );
    // application/json works too, and an empty patch changes nothing.
    let empty = api
        .call(
            Method::PATCH,
            &format!("{base}/secrets-bulk"),
            Some(json!({})),
        )
        .await;
    assert_eq!(
        empty.assert_success(200).as_object().map(|map| map.len()),
        Some(3)
    );
    // A patch with one bad entry fails as a whole.
    let bad =
        json!({"secrets": {"KEEP": null, "BROKEN": {"name": "BROKEN", "type": "secret_text"}}});
    let failed = api
        .call(Method::PATCH, &format!("{base}/secrets-bulk"), Some(bad))
        .await;
    failed.assert_failure(400);
    assert!(
        failed.error_message().contains("secrets.BROKEN.text"),
        "{}",
        failed.error_message()
    );
    let mismatched = json!({"secrets": {"KEEP": null, "X": text_binding("Y", "v")}});
    api.call(
        Method::PATCH,
        &format!("{base}/secrets-bulk"),
        Some(mismatched),
    )
    .await
    .assert_failure(400);
    let not_a_map = api
        .call(
            Method::PATCH,
            &format!("{base}/secrets-bulk"),
            Some(json!({"secrets": []})),
        )
        .await;
    not_a_map.assert_failure(400);
    assert_eq!(
        api.emulator.worker_secret_names(ACCOUNT, "s"),
        Some(vec![
            "CHANGE".to_owned(),
            "KEEP".to_owned(),
            "NEW".to_owned()
        ])
    );
}

#[tokio::test]
async fn dispatch_namespace_scripts_are_separate_from_plain_scripts() {
    let api = Api::start().await;
    let dispatch =
        format!("/accounts/{ACCOUNT}/workers/dispatch/namespaces/my-dispatch-namespace/scripts/s");
    api.call(
        Method::PUT,
        &format!("{dispatch}/secrets"),
        Some(text_binding("A", "a")),
    )
    .await
    .assert_success(200);
    let bulk = api
        .call(
            Method::PATCH,
            &format!("{dispatch}/secrets-bulk"),
            Some(json!({"secrets": {"B": text_binding("B", "b")}})),
        )
        .await;
    assert_eq!(
        bulk.assert_success(200).as_object().map(|map| map.len()),
        Some(2)
    );
    assert_eq!(
        api.get(&format!("{dispatch}/secrets/B"))
            .await
            .assert_success(200)["name"],
        "B"
    );
    api.call(Method::DELETE, &format!("{dispatch}/secrets/A"), None)
        .await
        .assert_success(200);
    assert_eq!(
        api.emulator
            .dispatch_secret_names(ACCOUNT, "my-dispatch-namespace", "s"),
        Some(vec!["B".to_owned()])
    );
    // The plain script of the same name holds none of them.
    assert_eq!(api.emulator.worker_secret_names(ACCOUNT, "s"), Some(vec![]));
    assert_eq!(
        api.get(&format!("{}/secrets", workers("s")))
            .await
            .assert_success(200),
        &json!([])
    );
    // A script declared in a namespace only does not exist outside it.
    assert_eq!(api.emulator.worker_secret_names(ACCOUNT, "tenant-a"), None);
    api.get(&format!("{}/secrets", workers("tenant-a")))
        .await
        .assert_failure(404);
}

// ----- Secrets Store ------------------------------------------------------------------------

#[tokio::test]
async fn one_store_per_account_with_get_list_and_delete() {
    let api = Api::start().await;
    let store = api.create_store().await;
    assert!(is_lower_hex_32(&store));
    let got = api
        .get(&format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}"))
        .await;
    let got = got.assert_success(200);
    assert_eq!(got["name"], "service_x_keys");
    assert_eq!(got["account_id"], ACCOUNT);
    assert_timestamp(&got["created"]);
    assert_timestamp(&got["modified"]);

    let second = api
        .call(
            Method::POST,
            &format!("/accounts/{ACCOUNT}/secrets_store/stores"),
            Some(json!({"name": "two"})),
        )
        .await;
    assert_eq!(second.assert_failure(400), 1003);
    assert_eq!(second.error_message(), "maximum_stores_exceeded");
    assert_eq!(api.emulator.store_count(ACCOUNT), 1);

    // Another account may have its own; the old one-element array body works too.
    let other = api
        .call(
            Method::POST,
            "/accounts/other/secrets_store/stores",
            Some(json!([{"name": "legacy"}])),
        )
        .await;
    assert!(other.assert_success(200).is_object());
    let missing_name = api
        .call(
            Method::POST,
            "/accounts/third/secrets_store/stores",
            Some(json!({"title": "x"})),
        )
        .await;
    missing_name.assert_failure(400);

    let list = api
        .get(&format!(
            "/accounts/{ACCOUNT}/secrets_store/stores?per_page=10&page=1"
        ))
        .await;
    assert_eq!(list.assert_success(200).as_array().map(Vec::len), Some(1));
    assert_eq!(
        list.body["result_info"],
        json!({"count": 1, "page": 1, "per_page": 10, "total_count": 1, "total_pages": 1})
    );
    let past_end = api
        .get(&format!("/accounts/{ACCOUNT}/secrets_store/stores?page=2"))
        .await;
    assert_eq!(past_end.assert_success(200), &json!([]));

    // A non-empty store needs force=true.
    api.create_secrets(
        &store,
        json!([{"name": "A", "value": "a", "scopes": ["workers"]}]),
    )
    .await
    .assert_success(200);
    let refused = api
        .call(
            Method::DELETE,
            &format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}"),
            None,
        )
        .await;
    assert_eq!(refused.assert_failure(409), 1004);
    assert!(refused.error_message().contains("store_not_empty"));
    let refused = api
        .call(
            Method::DELETE,
            &format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}?force=false"),
            None,
        )
        .await;
    refused.assert_failure(409);
    assert_eq!(api.emulator.secret_count(ACCOUNT), 1);
    let forced = api
        .call(
            Method::DELETE,
            &format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}?force=true"),
            None,
        )
        .await;
    assert_eq!(forced.assert_success(200), &Value::Null);
    assert_eq!(api.emulator.store_count(ACCOUNT), 0);
    assert_eq!(api.emulator.secret_count(ACCOUNT), 0);
    let gone = api
        .get(&format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}"))
        .await;
    assert_eq!(gone.assert_failure(404), 1001);
    // The slot is free again.
    api.create_store().await;
}

#[tokio::test]
async fn secrets_are_created_from_an_array_and_never_returned_with_values() {
    let api = Api::start().await;
    let store = api.create_store().await;
    let answer = api
        .create_secrets(
            &store,
            json!([
                {"name": "MY_API_KEY", "value": "api-token-secret-123", "scopes": ["workers", "ai_gateway"], "comment": "info about my secret"},
                {"name": "OTHER", "value": "x", "scopes": []},
            ]),
        )
        .await;
    let created = answer.assert_success(200);
    assert_no_values(created);
    assert_eq!(answer.body["result_info"]["count"], 2);
    let first = &created[0];
    assert_eq!(first["name"], "MY_API_KEY");
    assert_eq!(first["store_id"], store.as_str());
    assert_eq!(first["status"], "pending");
    assert_eq!(first["comment"], "info about my secret");
    assert_eq!(first["scopes"], json!(["workers", "ai_gateway"]));
    assert!(created[1].get("comment").is_none());
    let id = first["id"].as_str().expect("id");
    assert!(is_lower_hex_32(id), "{id}");
    assert_timestamp(&first["created"]);
    assert_timestamp(&first["modified"]);
    assert_eq!(
        api.emulator
            .store_secret_value_is(ACCOUNT, &store, id, "api-token-secret-123"),
        Some(true)
    );
    let got = api
        .get(&format!(
            "/accounts/{ACCOUNT}/secrets_store/stores/{store}/secrets/{id}"
        ))
        .await;
    let got = got.assert_success(200);
    assert_no_values(got);
    assert_eq!(got["status"], "active");
    let missing = api
        .get(&format!(
            "/accounts/{ACCOUNT}/secrets_store/stores/{store}/secrets/{}",
            "0".repeat(32)
        ))
        .await;
    assert_eq!(missing.assert_failure(404), 1002);
    let no_store = api
        .create_secrets(
            &"f".repeat(32),
            json!([{"name": "A", "value": "a", "scopes": []}]),
        )
        .await;
    assert_eq!(no_store.assert_failure(404), 1001);
}

#[tokio::test]
async fn bad_secret_creates_are_rejected_whole() {
    let api = Api::start().await;
    let store = api.create_store().await;
    api.create_secrets(
        &store,
        json!([{"name": "EXISTING", "value": "v", "scopes": ["workers"]}]),
    )
    .await
    .assert_success(200);
    let big = "x".repeat(65_537);
    let exact = "é".repeat(32_768); // 65,536 bytes.
    let cases = [
        (
            json!([{"name": "OK", "value": "v", "scopes": []}, {"name": "BIG", "value": big, "scopes": []}]),
            400,
            "65536",
        ),
        (
            json!([{"name": "OK", "value": "v", "scopes": []}, {"name": "HAS SPACE", "value": "v", "scopes": []}]),
            400,
            "spaces",
        ),
        (
            json!([{"name": "DUP", "value": "v", "scopes": []}, {"name": "DUP", "value": "w", "scopes": []}]),
            409,
            "body[1].name",
        ),
        (
            json!([{"name": "OK", "value": "v", "scopes": []}, {"name": "EXISTING", "value": "v", "scopes": []}]),
            409,
            "EXISTING",
        ),
        (json!([{"name": "OK", "value": "v"}]), 400, "scopes"),
        (json!([{"name": "OK", "scopes": []}]), 400, "value"),
        (json!([{"value": "v", "scopes": []}]), 400, "name"),
        (
            json!([{"name": "OK", "value": "v", "scopes": [1]}]),
            400,
            "scopes[0]",
        ),
        (
            json!({"name": "OK", "value": "v", "scopes": []}),
            400,
            "array",
        ),
        (json!([]), 400, "at least one"),
    ];
    for (body, status, needle) in cases {
        let answer = api.create_secrets(&store, body).await;
        answer.assert_failure(status);
        assert!(
            answer.error_message().contains(needle),
            "{needle}: {}",
            answer.error_message()
        );
        assert!(!answer.error_message().contains("xxxx"));
    }
    assert_eq!(api.emulator.secret_count(ACCOUNT), 1);
    let exact = api
        .create_secrets(
            &store,
            json!([{"name": "EXACT", "value": exact, "scopes": []}]),
        )
        .await;
    exact.assert_success(200);
    assert_eq!(api.emulator.secret_count(ACCOUNT), 2);
}

#[tokio::test]
async fn secret_lists_paginate_sort_search_and_filter_by_scope() {
    let api = Api::start().await;
    let store = api.create_store().await;
    let mut batch = Vec::new();
    for index in 0..25 {
        let scopes = if index % 2 == 0 {
            json!(["workers"])
        } else {
            json!(["workers", "ai_gateway"])
        };
        let comment = if index == 7 {
            json!("the needle")
        } else {
            Value::Null
        };
        batch.push(json!({"name": format!("S{index:02}"), "value": "v", "scopes": scopes, "comment": comment}));
    }
    api.create_secrets(&store, Value::Array(batch))
        .await
        .assert_success(200);

    let first = api.store_secrets(&store, "").await;
    assert_eq!(first.assert_success(200).as_array().map(Vec::len), Some(20));
    assert_eq!(
        first.body["result_info"],
        json!({"count": 20, "page": 1, "per_page": 20, "total_count": 25, "total_pages": 2})
    );
    // Default order: created, newest first.
    assert_eq!(first.result()[0]["name"], "S24");
    let second = api.store_secrets(&store, "page=2").await;
    assert_eq!(second.assert_success(200).as_array().map(Vec::len), Some(5));
    assert_eq!(second.body["result_info"]["count"], 5);
    let beyond = api.store_secrets(&store, "page=9").await;
    assert_eq!(beyond.assert_success(200), &json!([]));
    assert_eq!(beyond.body["result_info"]["count"], 0);

    let sorted = api
        .store_secrets(&store, "order=name&direction=asc&per_page=3")
        .await;
    let names: Vec<&str> = sorted
        .assert_success(200)
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|secret| secret["name"].as_str())
        .collect();
    assert_eq!(names, ["S00", "S01", "S02"]);
    assert_eq!(sorted.body["result_info"]["total_pages"], 9);

    let by_name = api.store_secrets(&store, "search=s1").await;
    assert_eq!(
        by_name.assert_success(200).as_array().map(Vec::len),
        Some(10)
    );
    let by_comment = api.store_secrets(&store, "search=NEEDLE").await;
    assert_eq!(by_comment.assert_success(200)[0]["name"], "S07");
    assert_eq!(by_comment.body["result_info"]["total_count"], 1);

    let repeated = api
        .store_secrets(&store, "scopes=workers&scopes=ai_gateway&per_page=100")
        .await;
    assert_eq!(
        repeated.assert_success(200).as_array().map(Vec::len),
        Some(12)
    );
    let joined = api
        .store_secrets(&store, "scopes=workers,ai_gateway&per_page=100")
        .await;
    assert_eq!(joined.assert_success(200), repeated.result());

    assert_eq!(
        api.store_secrets(&store, "per_page=101")
            .await
            .assert_failure(400),
        1000
    );
    api.store_secrets(&store, "order=size")
        .await
        .assert_failure(400);
    api.store_secrets(&store, "direction=sideways")
        .await
        .assert_failure(400);
    api.store_secrets(&store, "page=one")
        .await
        .assert_failure(400);
}

#[tokio::test]
async fn patch_duplicate_delete_and_bulk_delete() {
    let api = Api::start().await;
    let store = api.create_store().await;
    let created = api
        .create_secrets(
            &store,
            json!([
                {"name": "A", "value": "alpha", "scopes": ["workers"], "comment": "first"},
                {"name": "B", "value": "beta", "scopes": ["workers"]},
                {"name": "C", "value": "gamma", "scopes": ["workers"]},
                {"name": "D", "value": "delta", "scopes": ["workers"]},
            ]),
        )
        .await;
    let ids: Vec<String> = created
        .assert_success(200)
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|secret| secret["id"].as_str().map(str::to_owned))
        .collect();
    let secret =
        |id: &str| format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}/secrets/{id}");

    let patched = api
        .call(
            Method::PATCH,
            &secret(&ids[0]),
            Some(json!({"comment": "changed", "scopes": ["dex"], "value": "alpha2"})),
        )
        .await;
    let patched = patched.assert_success(200).clone();
    assert_no_values(&patched);
    assert_eq!(patched["comment"], "changed");
    assert_eq!(patched["scopes"], json!(["dex"]));
    assert_eq!(patched["name"], "A");
    assert_eq!(
        api.emulator
            .store_secret_value_is(ACCOUNT, &store, &ids[0], "alpha2"),
        Some(true)
    );
    let only_comment = api
        .call(
            Method::PATCH,
            &secret(&ids[0]),
            Some(json!({"comment": "again"})),
        )
        .await;
    assert_eq!(only_comment.assert_success(200)["scopes"], json!(["dex"]));
    let too_big = api
        .call(
            Method::PATCH,
            &secret(&ids[0]),
            Some(json!({"value": "x".repeat(65_537)})),
        )
        .await;
    too_big.assert_failure(400);
    assert_eq!(
        api.emulator
            .store_secret_value_is(ACCOUNT, &store, &ids[0], "alpha2"),
        Some(true)
    );

    let copy = api
        .call(
            Method::POST,
            &format!("{}/duplicate", secret(&ids[1])),
            Some(json!({"name": "B_COPY", "scopes": ["workers"], "comment": ""})),
        )
        .await;
    let copy = copy.assert_success(200).clone();
    assert_no_values(&copy);
    let copy_id = copy["id"].as_str().expect("id").to_owned();
    assert_ne!(copy_id, ids[1]);
    assert!(is_lower_hex_32(&copy_id));
    assert_eq!(copy["name"], "B_COPY");
    assert_eq!(
        api.emulator
            .store_secret_value_is(ACCOUNT, &store, &copy_id, "beta"),
        Some(true)
    );
    let no_scopes = api
        .call(
            Method::POST,
            &format!("{}/duplicate", secret(&ids[1])),
            Some(json!({"name": "B2"})),
        )
        .await;
    no_scopes.assert_failure(400);
    let no_name = api
        .call(
            Method::POST,
            &format!("{}/duplicate", secret(&ids[1])),
            Some(json!({"scopes": []})),
        )
        .await;
    no_name.assert_failure(400);
    let taken = api
        .call(
            Method::POST,
            &format!("{}/duplicate", secret(&ids[1])),
            Some(json!({"name": "A", "scopes": []})),
        )
        .await;
    taken.assert_failure(409);
    assert_eq!(api.emulator.secret_count(ACCOUNT), 5);

    let deleted = api.call(Method::DELETE, &secret(&ids[2]), None).await;
    assert_eq!(deleted.assert_success(202), &Value::Null);
    api.call(Method::DELETE, &secret(&ids[2]), None)
        .await
        .assert_failure(404);

    let bulk = format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}/secrets");
    // One unknown id: nothing is deleted.
    let partial = api
        .call(
            Method::DELETE,
            &bulk,
            Some(json!({"ids": [ids[3].clone(), "0".repeat(32)]})),
        )
        .await;
    partial.assert_failure(404);
    assert_eq!(api.emulator.secret_count(ACCOUNT), 4);
    // Without a body, and with the older forms, the answer names the body the API requires
    // and nothing is deleted.
    let bodiless = api.call(Method::DELETE, &bulk, None).await;
    bodiless.assert_failure(400);
    assert!(
        bodiless.error_message().contains("The request has no body")
            && bodiless
                .error_message()
                .contains(r#"requires a JSON body {"ids": ["<secret id>", ...]}"#),
        "{}",
        bodiless.error_message()
    );
    let json_typed_but_empty = api
        .raw(
            Method::DELETE,
            &bulk,
            Auth::Bearer(TOKEN),
            Some("application/json"),
            Some(Vec::new()),
        )
        .await;
    json_typed_but_empty.assert_failure(400);
    for (older, named) in [
        (
            json!({"secret_ids": [ids[3].clone()]}),
            "body.secret_ids is an older form",
        ),
        (
            json!([{"id": ids[3].clone()}]),
            "The body is an array, an older form",
        ),
        (json!({"ids": []}), "body.ids is empty"),
    ] {
        let refused = api.call(Method::DELETE, &bulk, Some(older)).await;
        refused.assert_failure(400);
        assert!(
            refused.error_message().starts_with(named)
                && refused.error_message().contains(r#"{"ids": ["#),
            "{}",
            refused.error_message()
        );
    }
    assert_eq!(api.emulator.secret_count(ACCOUNT), 4);
    let by_ids = api
        .call(
            Method::DELETE,
            &bulk,
            Some(json!({"ids": [ids[3].clone(), ids[0].clone(), copy_id]})),
        )
        .await;
    assert_eq!(by_ids.assert_success(202), &Value::Null);
    assert_eq!(api.emulator.secret_count(ACCOUNT), 1);
    assert!(
        api.emulator
            .store_secret_value_bytes(ACCOUNT, &store, &ids[1])
            .is_some(),
        "the one secret not named is kept"
    );
}

#[tokio::test]
async fn the_quota_counts_secrets_and_the_101st_is_rejected() {
    let api = Api::start().await;
    let store = api.create_store().await;
    let quota_path = format!("/accounts/{ACCOUNT}/secrets_store/quota");
    assert_eq!(
        api.get(&quota_path).await.assert_success(200),
        &json!({"secrets": {"quota": 100, "usage": 0}})
    );
    let batch: Vec<Value> = (0..99)
        .map(|index| json!({"name": format!("K{index}"), "value": "v", "scopes": ["workers"]}))
        .collect();
    api.create_secrets(&store, Value::Array(batch))
        .await
        .assert_success(200);
    let two = api
        .create_secrets(&store, json!([{"name": "X1", "value": "v", "scopes": []}, {"name": "X2", "value": "v", "scopes": []}]))
        .await;
    assert_eq!(two.assert_failure(400), 1005);
    assert_eq!(api.emulator.secret_count(ACCOUNT), 99);
    api.create_secrets(
        &store,
        json!([{"name": "LAST", "value": "v", "scopes": []}]),
    )
    .await
    .assert_success(200);
    assert_eq!(
        api.get(&quota_path).await.assert_success(200),
        &json!({"secrets": {"quota": 100, "usage": 100}})
    );
    let over = api
        .create_secrets(
            &store,
            json!([{"name": "ONE_MORE", "value": "v", "scopes": []}]),
        )
        .await;
    assert_eq!(over.assert_failure(400), 1005);
    let listed = api.store_secrets(&store, "per_page=1").await;
    assert_eq!(listed.body["result_info"]["total_count"], 100);
    let first_id = listed.result()[0]["id"].as_str().expect("id").to_owned();
    let duplicate = api
        .call(
            Method::POST,
            &format!(
                "/accounts/{ACCOUNT}/secrets_store/stores/{store}/secrets/{first_id}/duplicate"
            ),
            Some(json!({"name": "COPY", "scopes": []})),
        )
        .await;
    assert_eq!(duplicate.assert_failure(400), 1005);
    assert_eq!(api.emulator.secret_count(ACCOUNT), 100);
}

// ----- Faults, the request log and shutdown -------------------------------------------------

#[tokio::test]
async fn injected_status_faults_fire_the_given_number_of_times_on_matching_requests() {
    let api = Api::start().await;
    api.emulator.inject(
        Fault::status(503)
            .times(2)
            .matching("PUT", "/workers/")
            .retry_after(1),
    );
    let path = format!("{}/secrets", workers("s"));
    // A GET does not match the fault.
    assert_eq!(api.get(&path).await.assert_success(200), &json!([]));
    for _ in 0..2 {
        let response = api
            .http
            .put(api.url(&path))
            .bearer_auth(TOKEN)
            .json(&text_binding("A", "a"))
            .send()
            .await
            .expect("answer");
        assert_eq!(response.status().as_u16(), 503);
        assert_eq!(
            response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok()),
            Some("1")
        );
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(body["success"], false);
    }
    assert_eq!(api.emulator.worker_secret_names(ACCOUNT, "s"), Some(vec![]));
    api.call(Method::PUT, &path, Some(text_binding("A", "a")))
        .await
        .assert_success(200);
    assert_eq!(api.emulator.pending_faults(), 0);

    assert_eq!(
        api.emulator
            .count_requests("PUT", "/workers/scripts/s/secrets"),
        3
    );
    assert_eq!(api.emulator.count_operation("worker-put-script-secret"), 3);
    let log = api.emulator.requests();
    assert_eq!(log.len(), 4);
    assert_eq!(log[0].outcome, Outcome::Status(200));
    assert!(log[1].faulted && log[2].faulted && !log[3].faulted);
    assert_eq!(log[1].status(), Some(503));
    assert_eq!(log[3].content_type.as_deref(), Some("application/json"));
    assert_eq!(log[3].operation, Some("worker-put-script-secret"));
}

#[tokio::test]
async fn faults_can_match_an_operation_carry_a_body_and_run_forever_until_cleared() {
    let api = Api::start().await;
    api.emulator.inject(
        Fault::status(429)
            .operation("secrets-store-quota")
            .body(r#"{"success":false,"errors":[{"code":1015,"message":"slow down"}],"messages":[],"result":null}"#)
            .retry_after_ms(20)
            .always(),
    );
    let quota = format!("/accounts/{ACCOUNT}/secrets_store/quota");
    for _ in 0..3 {
        let answer = api.get(&quota).await;
        assert_eq!(answer.assert_failure(429), 1015);
    }
    api.get(&format!("/accounts/{ACCOUNT}/secrets_store/stores"))
        .await
        .assert_success(200);
    assert_eq!(api.emulator.pending_faults(), 1);
    api.emulator.clear_faults();
    api.get(&quota).await.assert_success(200);
    api.emulator.clear_requests();
    assert!(api.emulator.requests().is_empty());
}

#[tokio::test]
async fn a_dropped_connection_gets_no_response_and_changes_nothing() {
    let api = Api::start().await;
    let store = api.create_store().await;
    api.emulator
        .inject(Fault::drop_connection().matching("post", "/secrets_store/stores/"));
    let result = api
        .http
        .post(api.url(&format!(
            "/accounts/{ACCOUNT}/secrets_store/stores/{store}/secrets"
        )))
        .bearer_auth(TOKEN)
        .json(&json!([{"name": "A", "value": "a", "scopes": []}]))
        .send()
        .await;
    let error = result.expect_err("the connection is closed without a response");
    assert!(!error.is_status(), "{error}");
    assert_eq!(api.emulator.secret_count(ACCOUNT), 0);
    let log = api.emulator.requests();
    assert_eq!(
        log.last().map(|request| request.outcome.clone()),
        Some(Outcome::Dropped)
    );
    // The server keeps serving.
    api.create_secrets(&store, json!([{"name": "A", "value": "a", "scopes": []}]))
        .await
        .assert_success(200);
}

#[tokio::test]
async fn a_delay_fault_slows_the_answer_without_changing_it() {
    let api = Api::start().await;
    api.emulator
        .inject(Fault::delay(Duration::from_millis(300)).matching("GET", "/quota"));
    let started = std::time::Instant::now();
    api.get(&format!("/accounts/{ACCOUNT}/secrets_store/quota"))
        .await
        .assert_success(200);
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(!api.emulator.requests()[0].faulted);

    // A delayed status: a client that gives up first sees a timeout.
    api.emulator
        .inject(Fault::status(500).after(Duration::from_secs(5)));
    let timed_out = api
        .http
        .get(api.url(&format!("/accounts/{ACCOUNT}/secrets_store/quota")))
        .bearer_auth(TOKEN)
        .timeout(Duration::from_millis(200))
        .send()
        .await
        .expect_err("times out");
    assert!(timed_out.is_timeout(), "{timed_out}");
}

#[tokio::test]
async fn shutdown_and_drop_stop_the_server() {
    let emulator = e2e::builder().token(TOKEN).start().await.expect("starts");
    let address = emulator.local_addr();
    assert!(emulator.base_url().starts_with("http://127.0.0.1:"));
    assert!(emulator.base_url().ends_with("/client/v4"));
    assert!(tokio::net::TcpStream::connect(address).await.is_ok());
    emulator.shutdown().await;
    assert!(tokio::net::TcpStream::connect(address).await.is_err());

    let dropped = e2e::builder().start().await.expect("starts");
    let address = dropped.local_addr();
    drop(dropped);
    let mut refused = false;
    for _ in 0..50 {
        if tokio::net::TcpStream::connect(address).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(refused, "the listener closes after drop");
}

#[tokio::test]
async fn workers_secret_calls_on_an_undeclared_script_answer_10007_until_it_is_declared() {
    let api = Api::with(
        Emulator::builder()
            .token(TOKEN)
            .start()
            .await
            .expect("starts"),
    );
    let plain = workers("new-worker");
    let dispatch = format!("/accounts/{ACCOUNT}/workers/dispatch/namespaces/ns/scripts/tenant");
    for script in [&plain, &dispatch] {
        let calls = [
            (Method::GET, format!("{script}/secrets"), None),
            (
                Method::PUT,
                format!("{script}/secrets"),
                Some(text_binding("A", "v")),
            ),
            (Method::GET, format!("{script}/secrets/A"), None),
            (Method::DELETE, format!("{script}/secrets/A"), None),
            (
                Method::PATCH,
                format!("{script}/secrets-bulk"),
                Some(json!({"secrets": {"A": text_binding("A", "v")}})),
            ),
        ];
        for (method, path, body) in calls {
            let answer = api.call(method.clone(), &path, body).await;
            assert_eq!(answer.assert_failure(404), 10007, "{method} {path}");
            assert!(
                answer
                    .error_message()
                    .starts_with("This Worker does not exist on your account."),
                "{}",
                answer.error_message()
            );
            assert!(answer.error_message().contains("__emulator/accounts/"));
        }
    }
    assert_eq!(
        api.emulator.worker_secret_names(ACCOUNT, "new-worker"),
        None
    );

    // Declared over the admin path (201, then 200), each script takes secrets.
    for script in [&plain, &dispatch] {
        let declare = format!("/__emulator{script}");
        assert_eq!(
            api.call(Method::PUT, &declare, None)
                .await
                .assert_success(201)["account_id"],
            ACCOUNT
        );
        api.call(Method::PUT, &declare, None)
            .await
            .assert_success(200);
        api.call(Method::GET, &declare, None)
            .await
            .assert_failure(405);
        api.call(
            Method::PUT,
            &format!("{script}/secrets"),
            Some(text_binding("A", "v")),
        )
        .await
        .assert_success(200);
    }
    assert_eq!(
        api.emulator.worker_secret_names(ACCOUNT, "new-worker"),
        Some(vec!["A".to_owned()])
    );
    assert_eq!(
        api.emulator.dispatch_secret_names(ACCOUNT, "ns", "tenant"),
        Some(vec!["A".to_owned()])
    );
    // Declared in one account only; the handle declares too.
    let elsewhere = format!(
        "/accounts/{}/workers/scripts/new-worker/secrets",
        "1".repeat(32)
    );
    api.get(&elsewhere).await.assert_failure(404);
    assert_eq!(
        api.emulator.declare_worker(&"1".repeat(32), "new-worker"),
        Ok(true)
    );
    assert_eq!(api.get(&elsewhere).await.assert_success(200), &json!([]));
    // The admin path needs credentials like any other.
    api.raw(
        Method::PUT,
        &format!("/__emulator{}", workers("other")),
        Auth::None,
        None,
        None,
    )
    .await
    .assert_failure(401);
}

#[tokio::test]
async fn a_path_outside_client_v4_is_told_where_the_api_lives() {
    let api = Api::start().await;
    let address = api.emulator.local_addr();
    let response = api
        .http
        .get(format!(
            "http://{address}/accounts/{ACCOUNT}/secrets_store/quota"
        ))
        .bearer_auth(TOKEN)
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 404);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["success"], false);
    assert_eq!(body["errors"][0]["code"], 7003);
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("under /client/v4")
            && message.contains(&format!(
                "did you mean /client/v4/accounts/{ACCOUNT}/secrets_store/quota?"
            )),
        "{message}"
    );
    // Inside the base path an unknown route keeps Cloudflare's plain message.
    let inside = api.get(&format!("/accounts/{ACCOUNT}/nothing")).await;
    inside.assert_failure(404);
    assert_eq!(inside.error_message(), "No route for the URI");
}

#[tokio::test]
async fn the_request_and_audit_logs_are_rings_that_count_what_they_dropped() {
    let api = Api::with(
        e2e::builder()
            .token(TOKEN)
            .request_log_capacity(5)
            .audit_log_capacity(2)
            .start()
            .await
            .expect("starts"),
    );
    let store = api.create_store().await;
    let created = api
        .create_secrets(
            &store,
            json!([{"name": "A", "value": "ring-value", "scopes": ["workers"]}]),
        )
        .await;
    let secret = created.assert_success(200)[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let secret_path = format!("/accounts/{ACCOUNT}/secrets_store/stores/{store}/secrets/{secret}");
    for _ in 0..6 {
        api.get(&secret_path).await.assert_success(200);
    }
    // 8 requests: the log keeps the newest 5, in order.
    let requests = api.emulator.requests();
    assert_eq!(requests.len(), 5);
    assert_eq!(api.emulator.dropped_requests(), 3);
    assert!(
        requests
            .iter()
            .all(|request| request.path == format!("/client/v4{secret_path}"))
    );
    assert_eq!(api.emulator.count_operation("secrets-store-get-by-id"), 5);
    let logged = api.get("/__emulator/requests").await;
    assert_eq!(logged.assert_success(200).as_array().map(Vec::len), Some(5));
    assert_eq!(
        logged.body["result_info"],
        json!({"count": 5, "dropped": 3, "capacity": 5})
    );
    assert_eq!(logged.result()[4]["status"], 200);
    assert_eq!(logged.result()[4]["operation"], "secrets-store-get-by-id");
    // 7 audit events (one create, six reads): the newest 2.
    let events = api.emulator.audit_events();
    assert_eq!(
        events
            .iter()
            .map(|event| event.sequence)
            .collect::<Vec<_>>(),
        [6, 7]
    );
    assert_eq!(api.emulator.dropped_audit_events(), 5);
    let audit = api.get("/__emulator/audit").await;
    assert_eq!(
        audit.body["result_info"],
        json!({"count": 2, "dropped": 5, "capacity": 2})
    );
    api.emulator.clear_requests();
    assert!(api.emulator.requests().is_empty());
    assert_eq!(api.emulator.dropped_requests(), 8);
}
