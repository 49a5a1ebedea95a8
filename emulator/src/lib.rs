//! A local, stateful emulator of Cloudflare's secrets APIs, for tests: Workers script secrets,
//! their Workers for Platforms twin, and Secrets Store.
//!
//! It serves HTTP/1.1 on `127.0.0.1` under `/client/v4`, with the behaviour described in the
//! project's API truth sheet: Cloudflare envelopes, write-only values that no response returns,
//! JSON Merge Patch for `secrets-bulk`, pagination that answers past the end with an empty page,
//! and tolerance for what real clients send (JSON as `text/plain`, bodiless `DELETE`s with a JSON
//! content type, repeated or comma-joined `scopes`). The project's test suite drives it with the
//! Rust SDK, with wrangler and with Cloudflare's TypeScript SDK.
//!
//! Every request that fails leaves the state as it was.
//!
//! # Starting it
//!
//! As a program: `cargo run -p cloudflare-secrets-emulator -- --port 8787` (or
//! `cargo install --path emulator` and then `cloudflare-secrets-emulator --port 8787`). It prints
//! the base URL to give a client, `http://127.0.0.1:8787/client/v4`; `--help` lists the options
//! (`--token`, `--plan free|paid`, `--state FILE`, ...).
//!
//! From Rust tests (add the crate as a dev-dependency), in one line:
//!
//! ```no_run
//! use cloudflare_secrets_emulator::{Emulator, Fault, Role};
//!
//! # async fn run() -> std::io::Result<()> {
//! let emulator = Emulator::builder().token("t").start().await?;
//! let base_url = emulator.base_url(); // http://127.0.0.1:PORT/client/v4
//! emulator.inject(Fault::status(503).times(2).matching("PUT", "/workers/"));
//! # let _ = base_url;
//! emulator.shutdown().await;
//!
//! // A second token that may only read Secrets Store metadata.
//! let emulator = Emulator::builder()
//!     .token("admin")
//!     .token_with_role("viewer", Role::SecretsStoreReporter)
//!     .start()
//!     .await?;
//! # let _ = emulator;
//! # Ok(()) }
//! ```
//!
//! # Routes come from the spec
//!
//! The emulator has no route table of its own. It matches each request against the SDK's
//! generated [`cloudflare_secrets::operations::OPERATIONS`] (method and path template, from
//! `spec/openapi.yaml`) and serves the operation by its `operationId`. An operation the spec gains
//! and the emulator has no handler for answers `501` with code
//! [`codes::OPERATION_NOT_EMULATED`], and a test of this crate fails until it is handled.
//!
//! # Token permissions and roles
//!
//! Each operation lists the token permissions that allow it (`x-sdk-permissions` in the spec,
//! [`OperationInfo::permissions`](cloudflare_secrets::runtime::OperationInfo) in the SDK); a
//! token needs any one of them. [`EmulatorBuilder::token`] gives a token every permission,
//! [`EmulatorBuilder::token_with_permissions`] a chosen set of [`Permission`]s and
//! [`EmulatorBuilder::token_with_role`] the set that stands for a dashboard [`Role`]. A token
//! without a needed permission gets `403` and Cloudflare's error envelope with code `10000`
//! ("Authentication error"); a missing or unknown token gets `401`. With no token and no global
//! key configured, any credentials are accepted with every permission (a request with none
//! still gets `401`).
//!
//! | role | may | emulator permissions |
//! |---|---|---|
//! | Super Administrator | create, edit, duplicate, delete and view secrets; bind them to a Worker | every permission |
//! | Secrets Store Admin | create, edit, duplicate, delete and view secrets | Secrets Store Read, Secrets Store Write |
//! | Secrets Store Deployer | view secrets' metadata; bind a secret to a Worker (not create, edit, duplicate or delete) | Secrets Store Read, Workers Scripts Read, Workers Scripts Write |
//! | Secrets Store Reporter | view secrets' metadata only | Secrets Store Read |
//!
//! Cloudflare's dashboard names the Secrets Store token permissions "Account Secrets Store Edit"
//! and "Account Secrets Store Read"; the API docs and the spec say "Secrets Store Write" and
//! "Secrets Store Read". Both spellings parse.
//!
//! # Limits
//!
//! Each answers Cloudflare's status with an error envelope; the codes are in [`codes`].
//!
//! | limit | answer |
//! |---|---|
//! | one store per account ([`MAX_STORES_PER_ACCOUNT`]) | `400`, code `1003` `maximum_stores_exceeded` (Cloudflare's code) |
//! | 100 Secrets Store secrets per account, counted across its stores ([`SECRETS_QUOTA`]) | `400`, code [`codes::MAXIMUM_SECRETS_EXCEEDED`] |
//! | a Secrets Store value of at most 65,536 bytes ([`MAX_SECRET_VALUE_BYTES`]) | `400`, code [`codes::STORE_INVALID`] |
//! | a Workers secret of at most 5 KB ([`MAX_WORKER_SECRET_BYTES`]) | `400`, code [`codes::WORKER_SECRET_TOO_LARGE`] |
//! | variables plus secrets per Worker: 64 on [`Plan::Free`], 128 on [`Plan::Paid`] (`--plan free\|paid`, [`EmulatorBuilder::plan`]) | `400`, code [`codes::WORKER_BINDING_LIMIT`] |
//!
//! The emulator holds no plain variables, so the per-Worker limit counts secret bindings.
//!
//! # Secret values and the secret lifecycle
//!
//! No response carries a value, and the emulator does not keep one: it keeps each value's
//! length and an HMAC-SHA256 under a key only it holds (see [`digest`]), which is enough to tell
//! whether an update changed the value. Tests check what a client sent with
//! [`EmulatorHandle::store_secret_value_is`] and [`EmulatorHandle::worker_secret_is`].
//!
//! A created or duplicated Secrets Store secret is answered with `status: "pending"`, as in
//! Cloudflare's examples; every later read shows it `active`.
//!
//! # Bulk delete without a body
//!
//! `DELETE .../stores/{store_id}/secrets` ("delete one or more secrets") has no request body in
//! the spec, and Cloudflare's TypeScript SDK 7.3.0 sends none; how the real API picks the secrets
//! to delete is not documented. The emulator accepts such a request (`202`, `result: null`) and
//! deletes nothing: guessing "every secret in the store" would let a test pass that would wipe a
//! real store. A body names the secrets, as `[{"id": ...}]` (the older spec) or
//! `{"secret_ids": [...]}` (the docs' example), and deletes exactly those, all or nothing.
//!
//! # Audit events
//!
//! Secrets Store actions are recorded as [`AuditEvent`]s, as Cloudflare's audit log documents
//! them: `create` (a duplicate carries `duplicated_from_id`), `update` (with `value_modified`),
//! `delete` (also for each secret a forced store delete removes) and `access` (reading one
//! secret). Read them with [`EmulatorHandle::audit_events`], or over HTTP from the emulator-only
//! path `GET /client/v4/__emulator/audit[?account_id=ID]` (any valid credentials; the answer is a
//! success envelope whose `result` is the list). No event holds a value.
//!
//! # State that survives a restart
//!
//! By default the state lives in memory. `--state FILE` ([`EmulatorBuilder::state_file`]) loads
//! `FILE` at start and rewrites it atomically after every request that changed something, before
//! answering; see [`persist`] for the details. The file holds no secret value.
//!
//! # From a Store secret to a Worker
//!
//! A Worker does not read a Secrets Store secret through this API: it declares a binding in its
//! wrangler configuration, and the runtime hands it the value. The `secrets_store_secrets` entry
//! names a binding (the variable the Worker sees), the store's id and the secret's name:
//!
//! ```jsonc
//! // wrangler.jsonc
//! {
//!   "secrets_store_secrets": [
//!     { "binding": "API_KEY", "store_id": "023e105f4ecef8ad9ca31a8372d0c353", "secret_name": "MY_API_KEY" }
//!   ]
//! }
//! ```
//!
//! `cloudflare_secrets::Secret::wrangler_binding` renders that entry for a secret the SDK
//! created. In a Rust Worker (workers-rs), `env.secret_store("API_KEY")?.get().await?` reads the
//! value; in JavaScript, `await env.API_KEY.get()`. `get()` is asynchronous and throws (in Rust:
//! returns an error) when the secret cannot be read, for example when it was deleted or its
//! scopes do not include `workers`. Binding a secret needs the Super Administrator or Secrets
//! Store Deployer role. The emulator serves the management API only; it runs no Workers.
//!
//! Error codes `1003`, `7003`, `10000` and `10007` are the real service's; the others are the
//! emulator's own, listed in [`codes`].

pub mod audit;
pub mod digest;
mod fault;
pub mod permissions;
pub mod persist;
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

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use audit::{AuditAction, AuditEvent};
pub use fault::{Fault, Outcome, RecordedRequest};
pub use permissions::{Permission, Role};
pub use routes::{ADMIN_PREFIX, BASE_PATH};
pub use state::{
    MAX_SECRET_VALUE_BYTES, MAX_STORES_PER_ACCOUNT, MAX_WORKER_SECRET_BYTES, Plan, SECRETS_QUOTA,
    codes,
};

use digest::DigestKey;
use persist::StateFile;
use routes::{AuthConfig, DropConnection, Shared, lock};
use state::{ScriptKey, State};

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
    plan: Plan,
    state_file: Option<PathBuf>,
}

impl EmulatorBuilder {
    /// Accepts `Authorization: Bearer <token>` with this token, which holds every permission.
    /// Once any token or global key is configured, only configured credentials are accepted.
    pub fn token(self, token: impl Into<String>) -> EmulatorBuilder {
        self.token_with_permissions(token, Permission::ALL)
    }

    /// Accepts this token with exactly these permissions (see the crate docs).
    pub fn token_with_permissions(
        mut self,
        token: impl Into<String>,
        permissions: impl IntoIterator<Item = Permission>,
    ) -> EmulatorBuilder {
        let token = token.into();
        let permissions: BTreeSet<Permission> = permissions.into_iter().collect();
        self.auth.tokens.retain(|(known, _)| *known != token);
        self.auth.tokens.push((token, permissions));
        self
    }

    /// Accepts this token with the permissions that stand for `role`.
    pub fn token_with_role(self, token: impl Into<String>, role: Role) -> EmulatorBuilder {
        self.token_with_permissions(token, role.permissions())
    }

    /// The Workers plan, which sets the number of secrets per Worker (Free by default).
    pub fn plan(mut self, plan: Plan) -> EmulatorBuilder {
        self.plan = plan;
        self
    }

    /// Loads the state from this file (when it exists) and saves it there after every change;
    /// see [`persist`].
    pub fn state_file(mut self, path: impl Into<PathBuf>) -> EmulatorBuilder {
        self.state_file = Some(path.into());
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

    /// Loads the state file (if one is set), binds 127.0.0.1 and starts serving on the current
    /// tokio runtime.
    pub async fn start(self) -> std::io::Result<EmulatorHandle> {
        let (state_file, state) = match &self.state_file {
            Some(path) => {
                let (file, state) = StateFile::open(path, self.plan)?;
                (Some(file), state)
            }
            None => (None, State::new(DigestKey::random(), self.plan)),
        };
        let listener =
            TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))).await?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared {
            state: std::sync::Mutex::new(state),
            faults: std::sync::Mutex::default(),
            requests: std::sync::Mutex::default(),
            auth: self.auth,
            state_file,
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

    /// Whether a Secrets Store secret's value is `candidate` (`None` when there is no such
    /// secret), for tests that check what a client sent. The emulator keeps a keyed hash of each
    /// value, not the value.
    pub fn store_secret_value_is(
        &self,
        account_id: &str,
        store_id: &str,
        secret_id: &str,
        candidate: &str,
    ) -> Option<bool> {
        let state = lock(&self.shared.state);
        let digest = state.store_secret_digest(account_id, store_id, secret_id)?;
        Some(digest == state.digest_key().digest(candidate.as_bytes()))
    }

    /// The length in bytes of a Secrets Store secret's value.
    pub fn store_secret_value_bytes(
        &self,
        account_id: &str,
        store_id: &str,
        secret_id: &str,
    ) -> Option<usize> {
        lock(&self.shared.state)
            .store_secret_digest(account_id, store_id, secret_id)
            .map(|digest| digest.bytes)
    }

    /// Every audit event so far, oldest first (see the crate docs).
    pub fn audit_events(&self) -> Vec<AuditEvent> {
        lock(&self.shared.state).audit_events().to_vec()
    }

    /// The state file, when the emulator was started with one.
    pub fn state_file(&self) -> Option<&Path> {
        self.shared.state_file.as_ref().map(StateFile::path)
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

    /// Whether a Worker script's binding holds `candidate` (the text of a `secret_text`, the
    /// `key_base64` of a `secret_key`, or its `key_jwk` as compact JSON); `None` when there is
    /// no such binding.
    pub fn worker_secret_is(
        &self,
        account_id: &str,
        script_name: &str,
        name: &str,
        candidate: &str,
    ) -> Option<bool> {
        let state = lock(&self.shared.state);
        let digest = state.worker_secret_digest(
            &ScriptKey {
                account: account_id.to_owned(),
                namespace: None,
                script: script_name.to_owned(),
            },
            name,
        )?;
        Some(digest == state.digest_key().digest(candidate.as_bytes()))
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

/// The crate's README (its crates.io page), compiled as a doctest so that its example stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctest;
