//! Response-decoding fuzz: for every operation in `OPERATIONS`, random JSON and mutated valid
//! envelopes are served over HTTP (a raw server on 127.0.0.1) and decoded by the SDK. No call
//! may panic; every error must carry the status, the operation id and a snippet of the body,
//! and must not show the token, the secret sent in the request, or a secret the server put in
//! a sensitive field (even when the server echoes the request's secret anywhere).
//!
//! Also: what happens when one item of a list has a malformed shape (the whole call fails with
//! an error naming the item's index and the field).
//!
//! `RESPONSE_FUZZ_SEED` and `RESPONSE_FUZZ_CASES` (per operation, default 200: 4,400 responses) change the run.

use std::sync::{Arc, Mutex};

use cloudflare_secrets::ErrorKind;
use cloudflare_secrets::operations::OPERATIONS;
use cloudflare_secrets_tests::scripted::{
    REQUEST_SECRET, RESPONSE_SECRET, Reply, Server, assert_no_secret, call, client, valid_result,
};
use fastrand::Rng;
use serde_json::{Value, json};

fn random_scalar(rng: &mut Rng) -> Value {
    match rng.u8(..8) {
        0 => Value::Null,
        1 => json!(rng.bool()),
        2 => json!(rng.i64(..)),
        3 => json!(rng.f64() * 1e6),
        4 => json!(""),
        5 => json!(REQUEST_SECRET),
        6 => json!("\u{202e}é\u{0}"),
        _ => json!(format!("s{}", rng.u32(..1000))),
    }
}

/// Random JSON up to `depth` levels deep, with sensitive fields holding the planted secret.
fn random_json(rng: &mut Rng, depth: u32) -> Value {
    if depth == 0 || rng.u8(..3) == 0 {
        return random_scalar(rng);
    }
    if rng.bool() {
        Value::Array(
            (0..rng.usize(..4))
                .map(|_| random_json(rng, depth - 1))
                .collect(),
        )
    } else {
        let keys = [
            "name",
            "type",
            "id",
            "text",
            "value",
            "key_base64",
            "result",
            "success",
            "errors",
            "messages",
            "code",
            "message",
            "scopes",
            "status",
            "created",
            "algorithm",
            "usages",
        ];
        let mut object = serde_json::Map::new();
        for _ in 0..rng.usize(..5) {
            let key = keys[rng.usize(..keys.len())];
            let value = if matches!(key, "text" | "value" | "key_base64") {
                json!(RESPONSE_SECRET)
            } else {
                random_json(rng, depth - 1)
            };
            object.insert(key.to_owned(), value);
        }
        Value::Object(object)
    }
}

/// Mutates a value in place: deletes or retypes a key, replaces an element, plants secrets.
fn mutate_value(rng: &mut Rng, value: &mut Value, depth: u32) {
    match value {
        Value::Object(object) if !object.is_empty() && depth > 0 => {
            let keys: Vec<String> = object.keys().cloned().collect();
            let key = keys[rng.usize(..keys.len())].clone();
            match rng.u8(..5) {
                0 => {
                    object.remove(&key);
                }
                1 => {
                    object.insert(key, random_json(rng, 2));
                }
                2 => {
                    object.insert("text".to_owned(), json!(RESPONSE_SECRET));
                }
                _ => {
                    if let Some(child) = object.get_mut(&key) {
                        mutate_value(rng, child, depth - 1);
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() && depth > 0 => {
            let index = rng.usize(..items.len());
            if rng.bool() {
                items[index] = random_json(rng, 2);
            } else {
                mutate_value(rng, &mut items[index], depth - 1);
            }
        }
        _ => *value = random_json(rng, 2),
    }
}

/// One response body for operation `id`, and the status to send it with.
fn random_reply(rng: &mut Rng, id: &str) -> (u16, Vec<u8>) {
    let statuses = [
        200, 200, 200, 200, 201, 202, 204, 400, 404, 409, 429, 500, 503,
    ];
    let status = statuses[rng.usize(..statuses.len())];
    let (_, valid) = valid_result(id);
    let mut envelope = json!({"success": true, "errors": [], "messages": [], "result": valid});
    let body = match rng.u8(..10) {
        0 => random_json(rng, 4).to_string().into_bytes(),
        1 => {
            let text = envelope.to_string();
            let cut = rng.usize(..text.len());
            text.as_bytes()[..cut].to_vec()
        }
        2 => {
            let mut bytes = envelope.to_string().into_bytes();
            let at = rng.usize(..bytes.len());
            bytes[at] = 0xff;
            bytes
        }
        3 => {
            envelope["success"] = json!(false);
            envelope["errors"] =
                json!([{"code": 10000, "message": format!("echo {REQUEST_SECRET}")}]);
            envelope.to_string().into_bytes()
        }
        4 => format!("<html>{REQUEST_SECRET}</html>").into_bytes(),
        _ => {
            for _ in 0..1 + rng.usize(..3) {
                mutate_value(rng, &mut envelope, 5);
            }
            envelope.to_string().into_bytes()
        }
    };
    // A server can only echo a secret the request carried.
    let sends_secret = matches!(
        id,
        "worker-put-script-secret"
            | "namespace-worker-put-script-secret"
            | "worker-patch-script-secrets-bulk"
            | "namespace-worker-patch-script-secrets-bulk"
            | "secrets-store-secret-create"
            | "secrets-store-patch-by-id"
    );
    let body = if sends_secret {
        body
    } else {
        String::from_utf8_lossy(&body)
            .replace(REQUEST_SECRET, "an-ordinary-string")
            .into_bytes()
    };
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_and_mutated_responses_decode_or_fail_cleanly() {
    let seed = std::env::var("RESPONSE_FUZZ_SEED")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(0x0dec_0de5_u64);
    let cases: usize = std::env::var("RESPONSE_FUZZ_CASES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(200);
    let next: Arc<Mutex<(u16, Vec<u8>)>> = Arc::new(Mutex::new((200, Vec::new())));
    let shared = next.clone();
    let server = Server::start(move |_| {
        let (status, body) = shared.lock().expect("reply").clone();
        Reply::Full {
            status,
            headers: Vec::new(),
            body,
        }
    })
    .await;
    let client = client(&server.base_url, 0);
    let mut rng = Rng::with_seed(seed);
    let (mut total, mut errors, mut decoded) = (0usize, 0usize, 0usize);
    for operation in OPERATIONS {
        for case in 0..cases {
            let (status, body) = random_reply(&mut rng, operation.id);
            *next.lock().expect("reply") = (status, body.clone());
            let before = server.count();
            let outcome = call(&client, operation.id).await;
            total += 1;
            let context = format!(
                "{} case {case} (seed {seed:#x}), HTTP {status}, body {:?}",
                operation.id,
                String::from_utf8_lossy(&body)
            );
            assert_eq!(
                server.count(),
                before + 1,
                "{context}: one attempt, no retry"
            );
            let Err(error) = outcome else {
                decoded += 1;
                continue;
            };
            errors += 1;
            assert!(
                matches!(error.kind(), ErrorKind::Api | ErrorKind::Decode),
                "{context}: {error:?}"
            );
            assert_eq!(
                error.operation_id(),
                Some(operation.id),
                "{context}: {error}"
            );
            assert_eq!(
                error.status().map(|s| s.as_u16()),
                Some(status),
                "{context}: {error}"
            );
            assert!(
                error.body_snippet().is_some(),
                "{context}: no snippet: {error:?}"
            );
            assert_no_secret(&error, &context);
        }
    }
    println!(
        "{total} responses ({} operations): {decoded} decoded, {errors} refused",
        OPERATIONS.len()
    );
    assert!(errors > total / 2, "most random responses are refused");
    assert!(decoded > 0, "some mutations are still valid");
}

/// One malformed item fails the whole list, and the error names the item's index and field:
/// nothing is dropped silently. (A binding of an unknown kind is not malformed: it survives as
/// `SecretBinding::Unknown`.)
#[tokio::test]
async fn one_malformed_list_item_fails_the_call_and_names_its_index_and_field() {
    let bindings = json!([
        {"name": "A", "type": "secret_text"},
        {"name": "B", "type": "a_kind_from_the_future", "x": 1},
        {"type": "secret_text"},
    ]);
    let server = Server::start(move |_| Reply::success(bindings.clone())).await;
    let client = client(&server.base_url, 0);
    let error = call(&client, "worker-list-script-secrets")
        .await
        .expect_err("the third binding has no name");
    assert_eq!(error.kind(), ErrorKind::Decode);
    let text = error.to_string();
    assert!(text.contains("result[2]"), "{text}");
    assert!(text.contains("`name`"), "{text}");

    let secrets = json!([
        valid_result("secrets-store-secrets-list").1[0].clone(),
        {"id": "x", "name": "N", "store_id": "s", "created": "2023-09-21T18:56:32Z",
         "modified": "2023-09-21T18:56:32Z", "status": "active", "scopes": 7},
    ]);
    let server = Server::start(move |_| Reply::success(secrets.clone())).await;
    let client = cloudflare_secrets_tests::scripted::client(&server.base_url, 0);
    let error = call(&client, "secrets-store-secrets-list")
        .await
        .expect_err("the second secret's scopes are a number");
    let text = error.to_string();
    assert!(text.contains("result[1].scopes"), "{text}");
    assert!(text.contains("invalid type: integer"), "{text}");
}

/// The list operations' valid results really decode (so the fuzzer's mutations start from
/// something the SDK accepts).
#[tokio::test]
async fn the_valid_results_decode() {
    for operation in OPERATIONS {
        let (kind, result) = valid_result(operation.id);
        let server = Server::start(move |_| Reply::success(result.clone())).await;
        let client = client(&server.base_url, 0);
        call(&client, operation.id)
            .await
            .unwrap_or_else(|error| panic!("{} ({kind:?}): {error}", operation.id));
    }
}
