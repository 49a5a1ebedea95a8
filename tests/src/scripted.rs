//! Support shared by the response fuzzer and the fault matrix (the sdk binary's `response_fuzz` and
//! `fault_matrix` modules): a raw HTTP/1.1 server on
//! 127.0.0.1 whose every answer the test scripts (including answers no framework would send:
//! a body that trickles, a connection reset in the middle of a body), and one call through the
//! public SDK for every operation of `cloudflare_secrets::operations::OPERATIONS`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use cloudflare_secrets::{
    BulkDeleteSecretsRequest, BulkPatchSecretsRequest, Client, CreateSecretRequest,
    CreateStoreRequest, DuplicateSecretRequest, Error, PatchSecretRequest, Scope,
    SecretBindingInput, SecretId,
};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub use crate::ids::{ACCOUNT, SECRET, STORE};

/// The API token the clients send; it must never appear in an error.
pub const TOKEN: &str = "planted-token-5d1c8e";
/// A secret value sent in request bodies; it must never appear in an error, even when the
/// server echoes it.
pub const REQUEST_SECRET: &str = "planted-request-secret-a91f";
/// A secret value a server puts in sensitive response fields; it must never appear in an
/// error.
pub const RESPONSE_SECRET: &str = "planted-response-secret-77e0";

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A complete response: status, extra headers and body, with `Content-Length`.
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// A 200 without `Content-Length`: the body ends when the connection closes.
    UntilClose { body: Vec<u8> },
    /// The headers at once (announcing `length` bytes), then one byte every `every`.
    Trickle { length: usize, every: Duration },
    /// The headers (announcing `length` bytes), `sent` bytes of body, then a TCP reset.
    ResetAfter { length: usize, sent: usize },
}

impl Reply {
    /// A JSON response.
    pub fn json(status: u16, body: &Value) -> Reply {
        Reply::Full {
            status,
            headers: Vec::new(),
            body: body.to_string().into_bytes(),
        }
    }

    /// A success envelope around `result`.
    pub fn success(result: Value) -> Reply {
        Reply::json(
            200,
            &json!({"success": true, "errors": [], "messages": [], "result": result}),
        )
    }
}

/// A running server: its base URL and how many requests it has read.
pub struct Server {
    pub base_url: String,
    pub requests: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Server {
    /// Starts a server that answers request number `n` (from 0) with `reply(n)`.
    pub async fn start(reply: impl Fn(usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = requests.clone();
        let reply = Arc::new(reply);
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let counter = counter.clone();
                let reply = reply.clone();
                tokio::spawn(async move {
                    serve(stream, &counter, reply.as_ref()).await;
                });
            }
        });
        Server {
            base_url: format!("http://{address}/client/v4"),
            requests,
            task,
        }
    }

    /// How many requests the server has read so far.
    pub fn count(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// Reads one request (headers and `Content-Length` body), then answers as scripted and closes.
async fn serve(
    mut stream: TcpStream,
    counter: &AtomicUsize,
    reply: &(dyn Fn(usize) -> Reply + Send + Sync),
) {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let header_end = loop {
        if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
            break end + 4;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(read) => buffer.extend_from_slice(&chunk[..read]),
        }
    };
    let head = String::from_utf8_lossy(&buffer[..header_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    while buffer.len() < header_end + length {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(read) => buffer.extend_from_slice(&chunk[..read]),
        }
    }
    let index = counter.fetch_add(1, Ordering::SeqCst);
    match reply(index) {
        Reply::Full {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} Scripted\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&body).await;
        }
        Reply::UntilClose { body } => {
            let head =
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n";
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&body).await;
        }
        Reply::Trickle { length, every } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {length}\r\nconnection: close\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes()).await;
            for _ in 0..length {
                tokio::time::sleep(every).await;
                if stream.write_all(b" ").await.is_err() {
                    return;
                }
            }
        }
        Reply::ResetAfter { length, sent } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {length}\r\nconnection: close\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&vec![b'{'; sent]).await;
            let _ = stream.flush().await;
            tokio::time::sleep(Duration::from_millis(20)).await;
            // SO_LINGER 0: closing sends a reset instead of an orderly end.
            let _ = stream.set_zero_linger();
            drop(stream);
            return;
        }
    }
    let _ = stream.shutdown().await;
}

/// A client for `server` with the planted token and no retries unless `retries` says so.
pub fn client(base_url: &str, retries: u32) -> Client {
    Client::builder()
        .base_url(base_url)
        .api_token(TOKEN)
        .max_retries(retries)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// What an operation's `result` decodes into, for choosing wrong and valid bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultKind {
    /// `null`: the SDK ignores whatever `result` holds.
    Unit,
    /// One object.
    Object,
    /// An array, read by a paginated list (`null` or absent reads as an empty page).
    Page,
    /// An array, not paginated.
    List,
    /// A map from names to objects (the bulk patch result).
    Map,
}

fn binding(name: &str) -> Value {
    json!({"name": name, "type": "secret_text"})
}

fn store_secret(name: &str) -> Value {
    json!({
        "id": SECRET, "name": name, "store_id": STORE,
        "created": "2023-09-21T18:56:32.624632Z", "modified": "2023-09-21T18:56:32.624632Z",
        "status": "active", "comment": "c", "scopes": ["workers"]
    })
}

fn store() -> Value {
    json!({
        "id": STORE, "name": "keys", "account_id": ACCOUNT,
        "created": "2023-09-21T18:56:32.624632Z", "modified": "2023-09-21T18:56:32.624632Z"
    })
}

/// The kind of result of operation `id` and a valid `result` for it.
pub fn valid_result(id: &str) -> (ResultKind, Value) {
    match id {
        "worker-list-script-secrets" | "namespace-worker-list-script-secrets" => (
            ResultKind::List,
            json!([binding("A"), {"name": "K", "type": "secret_key", "algorithm": {"name": "HMAC"}, "format": "raw", "usages": ["sign"]}]),
        ),
        "worker-put-script-secret"
        | "worker-get-script-secret"
        | "namespace-worker-put-script-secret"
        | "namespace-worker-get-script-secret" => (ResultKind::Object, binding("A")),
        "worker-patch-script-secrets-bulk" | "namespace-worker-patch-script-secrets-bulk" => {
            (ResultKind::Map, json!({"A": binding("A")}))
        }
        "secrets-store-quota" => (
            ResultKind::Object,
            json!({"secrets": {"quota": 100, "usage": 3}}),
        ),
        "secrets-store-list" => (ResultKind::Page, json!([store()])),
        "secrets-store-create" | "secrets-store-get-store-by-id" => (ResultKind::Object, store()),
        "secrets-store-secrets-list" => (
            ResultKind::Page,
            json!([store_secret("A"), store_secret("B")]),
        ),
        "secrets-store-secret-create" => (ResultKind::List, json!([store_secret("A")])),
        "secrets-store-get-by-id"
        | "secrets-store-patch-by-id"
        | "secrets-store-duplicate-by-id" => (ResultKind::Object, store_secret("A")),
        "worker-delete-script-secret"
        | "namespace-worker-delete-script-secret"
        | "secrets-store-delete-by-id"
        | "secrets-store-delete-bulk"
        | "secrets-store-secret-delete-by-id" => (ResultKind::Unit, Value::Null),
        other => panic!("no valid result for {other}: add the operation to tests/tests/common"),
    }
}

/// Calls operation `id` through the public API, with the planted secret in every request body
/// that can hold one, and drops the result.
pub async fn call(client: &Client, id: &str) -> Result<(), Error> {
    let workers = client.workers().scripts().secrets();
    let dispatch = client
        .workers_for_platforms()
        .dispatch()
        .namespaces()
        .scripts()
        .secrets();
    let stores = client.secrets_store().stores();
    let secrets = client.secrets_store().stores().secrets();
    let text = || SecretBindingInput::text("A", REQUEST_SECRET);
    let patch =
        || BulkPatchSecretsRequest::new().set(SecretBindingInput::text("B", REQUEST_SECRET));
    match id {
        "worker-list-script-secrets" => workers.list(ACCOUNT, "s").await.map(drop),
        "worker-put-script-secret" => workers.put(ACCOUNT, "s", text()).await.map(drop),
        "worker-get-script-secret" => workers.get(ACCOUNT, "s", "A").await.map(drop),
        "worker-delete-script-secret" => workers.delete(ACCOUNT, "s", "A").await.map(drop),
        "worker-patch-script-secrets-bulk" => {
            workers.bulk_patch(ACCOUNT, "s", patch()).await.map(drop)
        }
        "namespace-worker-list-script-secrets" => dispatch.list(ACCOUNT, "n", "s").await.map(drop),
        "namespace-worker-put-script-secret" => {
            dispatch.put(ACCOUNT, "n", "s", text()).await.map(drop)
        }
        "namespace-worker-get-script-secret" => {
            dispatch.get(ACCOUNT, "n", "s", "A").await.map(drop)
        }
        "namespace-worker-delete-script-secret" => {
            dispatch.delete(ACCOUNT, "n", "s", "A").await.map(drop)
        }
        "namespace-worker-patch-script-secrets-bulk" => dispatch
            .bulk_patch(ACCOUNT, "n", "s", patch())
            .await
            .map(drop),
        "secrets-store-quota" => client.secrets_store().quota().get(ACCOUNT).await.map(drop),
        "secrets-store-list" => stores.list(ACCOUNT).send().await.map(drop),
        "secrets-store-create" => stores
            .create(ACCOUNT, CreateStoreRequest::new("keys"))
            .await
            .map(drop),
        "secrets-store-get-store-by-id" => stores.get(ACCOUNT, STORE).await.map(drop),
        "secrets-store-delete-by-id" => stores.delete(ACCOUNT, STORE).await.map(drop),
        "secrets-store-secrets-list" => secrets.list(ACCOUNT, STORE).send().await.map(drop),
        "secrets-store-secret-create" => secrets
            .create(
                ACCOUNT,
                STORE,
                vec![CreateSecretRequest::new(
                    "A",
                    REQUEST_SECRET,
                    vec![Scope::Workers],
                )],
            )
            .await
            .map(drop),
        "secrets-store-delete-bulk" => secrets
            .bulk_delete(
                ACCOUNT,
                STORE,
                BulkDeleteSecretsRequest::new(vec![SecretId::new(SECRET)]),
            )
            .await
            .map(drop),
        "secrets-store-get-by-id" => secrets.get(ACCOUNT, STORE, SECRET).await.map(drop),
        "secrets-store-secret-delete-by-id" => {
            secrets.delete(ACCOUNT, STORE, SECRET).await.map(drop)
        }
        "secrets-store-patch-by-id" => secrets
            .patch(
                ACCOUNT,
                STORE,
                SECRET,
                PatchSecretRequest::new().value(REQUEST_SECRET),
            )
            .await
            .map(drop),
        "secrets-store-duplicate-by-id" => secrets
            .duplicate(
                ACCOUNT,
                STORE,
                SECRET,
                DuplicateSecretRequest::new("COPY", vec![Scope::Workers]),
            )
            .await
            .map(drop),
        other => panic!("no call for {other}: add the operation to tests/tests/common"),
    }
}

/// Fails when `error`'s text (Display and Debug) holds a planted secret or the token.
pub fn assert_no_secret(error: &Error, context: &str) {
    let text = format!("{error} {error:?}");
    for secret in [TOKEN, REQUEST_SECRET, RESPONSE_SECRET] {
        assert!(
            !text.contains(secret),
            "{context}: the error shows {secret}: {text}"
        );
    }
}
