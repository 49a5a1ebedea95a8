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
//! Every request that fails leaves the state as it was. The emulator can run for days: its
//! request and audit logs are rings of a fixed size, and its state is bounded by Cloudflare's
//! own limits (see "Memory" below).
//!
//! # Starting it
//!
//! As a program: `cargo run -p cloudflare-secrets-emulator -- --port 8787` (or
//! `cargo install --path emulator` and then `cloudflare-secrets-emulator --port 8787`). It prints
//! the base URL to give a client, `http://127.0.0.1:8787/client/v4`; `--help` lists the options
//! (`--token`, `--worker NAME`, `--plan free|paid`, `--state FILE`, `--request-log N`, ...).
//!
//! From Rust tests (add the crate as a dev-dependency), in one line:
//!
//! ```no_run
//! use cloudflare_secrets_emulator::{Emulator, Fault, Role};
//!
//! # async fn run() -> std::io::Result<()> {
//! let emulator = Emulator::builder().token("t").worker("my-worker").start().await?;
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
//! | Workers per account: 100 on [`Plan::Free`], 500 on [`Plan::Paid`] (declaring one more; scripts in a dispatch namespace do not count) | `400`, code [`codes::WORKERS_PER_ACCOUNT_EXCEEDED`] |
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
//! # Workers exist or they don't
//!
//! A Workers secret operation on a script the emulator does not know answers `404` with code
//! `10007`, "This Worker does not exist on your account.", as Cloudflare does (the message goes
//! on to say how to declare the script). Declare scripts with [`EmulatorBuilder::worker`] /
//! [`EmulatorBuilder::dispatch_worker`] or `--worker NAME` / `--worker NAMESPACE/NAME` (the
//! script then exists in every account), with [`EmulatorHandle::declare_worker`], or over HTTP
//! with `PUT /client/v4/__emulator/accounts/{account_id}/workers/scripts/{script_name}` (or
//! `.../workers/dispatch/namespaces/{namespace}/scripts/{script_name}`), which declares it in
//! one account. Wrangler meets `10007` by offering to upload a draft Worker; the emulator does
//! not serve script uploads, so declare the Worker first.
//!
//! # Bulk delete takes `{"ids": [...]}`
//!
//! `DELETE .../stores/{store_id}/secrets` ("delete one or more secrets") takes the body
//! Cloudflare's current schema requires, `{"ids": ["<secret id>", ...]}`, and deletes exactly
//! those secrets, all or nothing (`202`, `result: null`). Any other body is refused with `400`
//! and a message naming the required body: no body at all (what Cloudflare's TypeScript SDK
//! 7.3.0 and Python SDK 5.9.0 send), and the older forms `{"secret_ids": [...]}` and
//! `[{"id": ...}]`, which the real API no longer reads. Refusing them, rather than guessing,
//! shows a client's mistake in its first test run instead of in production.
//!
//! # Audit events
//!
//! Secrets Store actions are recorded as [`AuditEvent`]s, as Cloudflare's audit log documents
//! them: `create` (a duplicate carries `duplicated_from_id`), `update` (with `value_modified`),
//! `delete` (also for each secret a forced store delete removes) and `access` (reading one
//! secret). Read them with [`EmulatorHandle::audit_events`], or over HTTP from the emulator-only
//! path `GET /client/v4/__emulator/audit[?account_id=ID]` (any valid credentials; the answer is a
//! success envelope whose `result` is the list and whose `result_info` says `count`, `dropped`
//! and `capacity`). No event holds a value. The emulator's own paths (the audit log, the request log and the
//! declaration of Workers) are listed in [`admin`].
//!
//! # Memory
//!
//! The request log ([`EmulatorHandle::requests`], `GET /client/v4/__emulator/requests`) and the
//! audit log keep the newest [`DEFAULT_REQUEST_LOG_CAPACITY`] and
//! [`DEFAULT_AUDIT_LOG_CAPACITY`] entries (1,000 each) and drop the oldest first; tests that need
//! more ask with [`EmulatorBuilder::request_log_capacity`] and
//! [`EmulatorBuilder::audit_log_capacity`] (`--request-log N`, `--audit-log N`). What was dropped
//! is counted: [`EmulatorHandle::dropped_requests`], [`EmulatorHandle::dropped_audit_events`],
//! and `result_info.dropped` on the admin paths.
//!
//! The state is bounded by Cloudflare's limits: one store and 100 secrets per account, 64 or
//! 128 bindings per Worker, 100 or 500 Workers per account, digests instead of values. What
//! has no bound by nature is the number of accounts and of Workers for Platforms scripts
//! (Cloudflare sets no limit on scripts in a dispatch namespace): each is created only by an
//! explicit declaration or a write to a new account, never by traffic that repeats, so a client
//! that puts and deletes the same secrets for days keeps the same memory.
//!
//! # State that survives a restart
//!
//! By default the state lives in memory. `--state FILE` ([`EmulatorBuilder::state_file`])
//! keeps it in a SQLite database at `FILE` (open it with `sqlite3 FILE`): after every request
//! that changed something, and before answering, the rows it touched are written in one
//! transaction, so one write costs the same however much is stored and every acknowledged write
//! survives a crash. A `FILE` in the older JSON format is migrated on start (the JSON is kept
//! as `FILE.v1.json`). The database holds no secret value; see [`persist`] for the tables.
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

pub mod admin;
pub mod audit;
mod auth;
pub mod digest;
mod fault;
mod handle;
mod limits;
mod listing;
mod migrate;
pub mod permissions;
pub mod persist;
mod ring;
mod routes;
mod secrets_store;
mod state;
mod wire;
mod workers;

use std::collections::BTreeSet;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinSet;

pub use audit::{AuditAction, AuditEvent};
pub use fault::{Fault, Outcome, RecordedRequest};
pub use handle::EmulatorHandle;
pub use limits::{
    MAX_SECRET_VALUE_BYTES, MAX_STORES_PER_ACCOUNT, MAX_WORKER_SECRET_BYTES, Plan, SECRETS_QUOTA,
    codes,
};
pub use permissions::{Permission, Role};
pub use ring::{DEFAULT_AUDIT_LOG_CAPACITY, DEFAULT_REQUEST_LOG_CAPACITY};

use auth::AuthConfig;
use digest::DigestKey;
use persist::StateFile;
use ring::Ring;
use routes::{DropConnection, Shared};
use state::State;

/// The path every route lives under.
pub const BASE_PATH: &str = "/client/v4";

/// The path prefix (under [`BASE_PATH`]) of the emulator's own admin paths, which Cloudflare
/// does not have: `GET /client/v4/__emulator/audit`, `.../requests`, and the declaration of
/// Workers (see the crate docs).
pub const ADMIN_PREFIX: &str = "/__emulator";

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
#[derive(Debug)]
pub struct EmulatorBuilder {
    auth: AuthConfig,
    port: u16,
    plan: Plan,
    state_file: Option<PathBuf>,
    workers: Vec<(Option<String>, String)>,
    request_log_capacity: usize,
    audit_log_capacity: usize,
}

impl Default for EmulatorBuilder {
    fn default() -> EmulatorBuilder {
        EmulatorBuilder {
            auth: AuthConfig::default(),
            port: 0,
            plan: Plan::default(),
            state_file: None,
            workers: Vec::new(),
            request_log_capacity: DEFAULT_REQUEST_LOG_CAPACITY,
            audit_log_capacity: DEFAULT_AUDIT_LOG_CAPACITY,
        }
    }
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

    /// The Workers plan, which sets the number of secrets per Worker and of Workers per
    /// account (Free by default).
    pub fn plan(mut self, plan: Plan) -> EmulatorBuilder {
        self.plan = plan;
        self
    }

    /// Declares a Worker script in every account (`--worker NAME`); Workers secret operations
    /// on a script that is not declared answer `10007` (see the crate docs).
    pub fn worker(mut self, script_name: impl Into<String>) -> EmulatorBuilder {
        self.workers.push((None, script_name.into()));
        self
    }

    /// Declares a Workers for Platforms script of a dispatch namespace in every account
    /// (`--worker NAMESPACE/NAME`).
    pub fn dispatch_worker(
        mut self,
        namespace: impl Into<String>,
        script_name: impl Into<String>,
    ) -> EmulatorBuilder {
        self.workers
            .push((Some(namespace.into()), script_name.into()));
        self
    }

    /// Keeps the state in a SQLite database at this path (created when missing, migrated from
    /// the older JSON format when it is one) and saves every change before answering; see
    /// [`persist`].
    pub fn state_file(mut self, path: impl Into<PathBuf>) -> EmulatorBuilder {
        self.state_file = Some(path.into());
        self
    }

    /// Keeps the newest `capacity` requests in the request log
    /// ([`DEFAULT_REQUEST_LOG_CAPACITY`] unless set); older ones are dropped and counted.
    pub fn request_log_capacity(mut self, capacity: usize) -> EmulatorBuilder {
        self.request_log_capacity = capacity;
        self
    }

    /// Keeps the newest `capacity` audit events ([`DEFAULT_AUDIT_LOG_CAPACITY`] unless set),
    /// in memory and in the state database; older ones are dropped and counted.
    pub fn audit_log_capacity(mut self, capacity: usize) -> EmulatorBuilder {
        self.audit_log_capacity = capacity;
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

    /// Opens the state database (if one is set), binds 127.0.0.1 and starts serving on the
    /// current tokio runtime.
    pub async fn start(self) -> std::io::Result<EmulatorHandle> {
        let (state_file, mut state) = match &self.state_file {
            Some(path) => {
                let (file, state) = StateFile::open(path, self.plan, self.audit_log_capacity)?;
                (Some(Mutex::new(file)), state)
            }
            None => (
                None,
                State::new(DigestKey::random(), self.plan)
                    .with_audit_capacity(self.audit_log_capacity),
            ),
        };
        for (namespace, script) in self.workers {
            state.declare_worker_everywhere(namespace, script);
        }
        let listener =
            TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))).await?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared {
            state: Mutex::new(state),
            faults: Mutex::default(),
            requests: Mutex::new(Ring::new(self.request_log_capacity)),
            auth: self.auth,
            state_file,
        });
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(serve(listener, Arc::clone(&shared), stopped));
        Ok(EmulatorHandle::new(
            address,
            shared,
            self.state_file,
            stop,
            task,
        ))
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

/// The crate's README (its crates.io page), compiled as a doctest so that its example stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctest;
