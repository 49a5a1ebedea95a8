//! A local, stateful emulator of Cloudflare's secrets APIs, for tests.
//!
//! It serves Workers script secrets, their Workers for Platforms twin and Secrets Store over
//! HTTP/1.1 on `127.0.0.1`, under `/client/v4`, with the behaviour described in the API truth
//! sheet: Cloudflare envelopes, write-only values that no response returns, JSON Merge Patch for
//! `secrets-bulk`, one store and 100 secrets per account, pagination that answers past the end
//! with an empty page, and tolerance for what real clients send (JSON as `text/plain`, bodiless
//! `DELETE`s with a JSON content type, repeated or comma-joined `scopes`).
//!
//! Every request that fails leaves the state as it was. Error codes `1003`, `7003`, `10000` and
//! `10007` are the real service's; the others are listed in [`codes`].
//!
//! ```no_run
//! use cloudflare_secrets::emulator::{Emulator, Fault};
//!
//! # async fn run() -> std::io::Result<()> {
//! let emulator = Emulator::builder().token("t").start().await?;
//! let base_url = emulator.base_url(); // http://127.0.0.1:PORT/client/v4
//! emulator.inject(Fault::status(503).times(2).matching("PUT", "/workers/"));
//! # let _ = base_url;
//! emulator.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! The same server runs as a program:
//! `cargo run -p cloudflare-secrets --features emulator --bin cloudflare-secrets-emulator -- --port 8787 --token TOKEN`.

mod fault;
mod routes;
mod state;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

pub use fault::{Fault, Outcome, RecordedRequest};
pub use routes::{BASE_PATH, OPERATIONS, Route};
pub use state::{MAX_SECRET_VALUE_BYTES, MAX_STORES_PER_ACCOUNT, SECRETS_QUOTA, codes};

use routes::{AuthConfig, DropConnection, Shared, lock};
use state::ScriptKey;

/// The entry point: `Emulator::builder()...start().await`.
#[derive(Debug)]
pub struct Emulator;

impl Emulator {
    /// A builder with no credentials configured (any credentials are accepted, none are not)
    /// and a free port.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }
}

/// Configures and starts an emulator.
#[derive(Debug, Default)]
pub struct EmulatorBuilder {
    auth: AuthConfig,
    port: u16,
}

impl EmulatorBuilder {
    /// Requires `Authorization: Bearer <token>` with exactly this token.
    pub fn token(mut self, token: impl Into<String>) -> EmulatorBuilder {
        self.auth.token = Some(token.into());
        self
    }

    /// Accepts `X-Auth-Email` + `X-Auth-Key` with exactly these values (alone, or beside a
    /// token set with [`EmulatorBuilder::token`]).
    pub fn global_key(
        mut self,
        email: impl Into<String>,
        key: impl Into<String>,
    ) -> EmulatorBuilder {
        self.auth.global_key = Some((email.into(), key.into()));
        self
    }

    /// Listens on this port of 127.0.0.1 instead of a free one.
    pub fn port(mut self, port: u16) -> EmulatorBuilder {
        self.port = port;
        self
    }

    /// Binds 127.0.0.1 and starts serving on the current tokio runtime.
    pub async fn start(self) -> std::io::Result<EmulatorHandle> {
        let listener =
            TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))).await?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared {
            auth: self.auth,
            ..Shared::default()
        });
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(serve(listener, Arc::clone(&shared), stopped));
        Ok(EmulatorHandle {
            address,
            base_url: format!("http://{address}{BASE_PATH}"),
            shared,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

/// Accepts connections until told to stop; dropping the set of connections ends them all.
async fn serve(listener: TcpListener, shared: Arc<Shared>, mut stopped: oneshot::Receiver<()>) {
    let router = routes::router(shared);
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut stopped => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    // Out of file descriptors or a connection reset before accept: wait a little.
                    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                    continue;
                };
                let service = TowerToHyperService::new(router.clone());
                connections.spawn(async move {
                    let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                        let response = hyper::service::Service::call(&service, request);
                        async move {
                            let response = match response.await {
                                Ok(response) => response,
                                Err(never) => match never {},
                            };
                            if response.extensions().get::<DropConnection>().is_some() {
                                // An error from the service makes hyper close the socket
                                // without writing anything.
                                Err(ConnectionDropped)
                            } else {
                                Ok::<_, ConnectionDropped>(response)
                            }
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// The error that makes hyper drop a connection for [`Fault::drop_connection`].
#[derive(Debug)]
struct ConnectionDropped;

impl std::fmt::Display for ConnectionDropped {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for ConnectionDropped {}

/// A running emulator. Dropping it stops the server; [`EmulatorHandle::shutdown`] also waits
/// for it.
#[derive(Debug)]
pub struct EmulatorHandle {
    address: SocketAddr,
    base_url: String,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl EmulatorHandle {
    /// The base URL to give a client: `http://127.0.0.1:PORT/client/v4` (no trailing `/`).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The address the emulator listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.address
    }

    /// Adds a fault; see [`Fault`].
    pub fn inject(&self, fault: Fault) {
        lock(&self.shared.faults).push(fault);
    }

    /// Removes every fault that has not fired yet.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// The number of faults still waiting to fire.
    pub fn pending_faults(&self) -> usize {
        lock(&self.shared.faults).len()
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.requests).clone()
    }

    /// The number of requests with this method (`"*"` for any) whose path contains
    /// `path_fragment`.
    pub fn count_requests(&self, method: &str, path_fragment: &str) -> usize {
        lock(&self.shared.requests)
            .iter()
            .filter(|request| method == "*" || request.method.eq_ignore_ascii_case(method))
            .filter(|request| request.path.contains(path_fragment))
            .count()
    }

    /// The number of requests to an operation (by `operationId`).
    pub fn count_operation(&self, operation_id: &str) -> usize {
        lock(&self.shared.requests)
            .iter()
            .filter(|request| request.operation == Some(operation_id))
            .count()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        lock(&self.shared.requests).clear();
    }

    /// The number of Secrets Store secrets in an account (what the quota counts).
    pub fn secret_count(&self, account_id: &str) -> usize {
        lock(&self.shared.state).secret_count(account_id)
    }

    /// The number of Secrets Store stores in an account.
    pub fn store_count(&self, account_id: &str) -> usize {
        lock(&self.shared.state).store_count(account_id)
    }

    /// The stored value of a Secrets Store secret, for tests that check what a client sent.
    pub fn store_secret_value(
        &self,
        account_id: &str,
        store_id: &str,
        secret_id: &str,
    ) -> Option<String> {
        lock(&self.shared.state).store_secret_value(account_id, store_id, secret_id)
    }

    /// The names of a Worker script's secrets, or `None` when the script does not exist.
    pub fn worker_secret_names(&self, account_id: &str, script_name: &str) -> Option<Vec<String>> {
        lock(&self.shared.state).worker_secret_names(&ScriptKey {
            account: account_id.to_owned(),
            namespace: None,
            script: script_name.to_owned(),
        })
    }

    /// The names of a dispatch-namespace script's secrets, or `None` when it does not exist.
    pub fn dispatch_secret_names(
        &self,
        account_id: &str,
        namespace: &str,
        script_name: &str,
    ) -> Option<Vec<String>> {
        lock(&self.shared.state).worker_secret_names(&ScriptKey {
            account: account_id.to_owned(),
            namespace: Some(namespace.to_owned()),
            script: script_name.to_owned(),
        })
    }

    /// The stored text of a Worker script's `secret_text` binding.
    pub fn worker_secret_text(
        &self,
        account_id: &str,
        script_name: &str,
        name: &str,
    ) -> Option<String> {
        lock(&self.shared.state).worker_secret_text(
            &ScriptKey {
                account: account_id.to_owned(),
                namespace: None,
                script: script_name.to_owned(),
            },
            name,
        )
    }

    /// Stops accepting connections, ends the open ones and waits for the server task.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for EmulatorHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
