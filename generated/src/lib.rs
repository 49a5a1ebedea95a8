//! A Rust SDK for Cloudflare's secrets APIs: Workers script secrets, their Workers for Platforms
//! twin, and Secrets Store.
//!
//! The types and operations in this crate are generated from `spec/openapi.yaml` by
//! `cargo xtask codegen` (the files under `src/generated/`); this file and `src/runtime/` are
//! written by hand.
//!
//! # Quick start
//!
//! ```no_run
//! use cloudflare_secrets::{Client, Hash, SecretBindingInput};
//!
//! # async fn run() -> cloudflare_secrets::Result<()> {
//! let client = Client::from_env()?;
//! let account = "023e105f4ecef8ad9ca31a8372d0c353";
//! let worker_secrets = client.workers().scripts().secrets();
//!
//! // Add or replace a Workers script secret, then list the script's secrets (names and kinds
//! // only: the API never returns values).
//! worker_secrets
//!     .put(account, "my-worker", SecretBindingInput::text("API_KEY", "s3cr3t"))
//!     .await?;
//! // A key the Worker receives as a WebCrypto `CryptoKey`: HMAC-SHA-256, for sign and verify.
//! let key_bytes = [7u8; 32];
//! worker_secrets
//!     .put(account, "my-worker", SecretBindingInput::hmac_key("SIGNING_KEY", Hash::Sha256, key_bytes))
//!     .await?;
//! for binding in worker_secrets.list(account, "my-worker").await? {
//!     println!("{binding:?}");
//! }
//!
//! // Secrets Store lists are paginated: `send()` returns one page, `stream()` every item (with
//! // its own `next()` and `collect_all()`; it is a `futures` `Stream` too).
//! let stores = client.secrets_store().stores().list(account).send().await?;
//! if let Some(store) = stores.items.first() {
//!     let mut secrets = client
//!         .secrets_store()
//!         .stores()
//!         .secrets()
//!         .list(account, &store.id)
//!         .per_page(100)
//!         .stream();
//!     while let Some(secret) = secrets.next().await {
//!         println!("{}", secret?.name);
//!     }
//! }
//!
//! // Errors carry the HTTP status, Cloudflare's error codes and the operation.
//! match worker_secrets.delete(account, "my-worker", "NOT_THERE").await {
//!     Err(error) if error.is_not_found() => println!("already gone"),
//!     other => other?,
//! }
//! # Ok(()) }
//! ```
//!
//! The `examples/` directory has complete programs that run against the API or the local
//! emulator: `first_program` (a text secret, an HMAC key, a bulk patch and paging, with only this
//! crate and tokio as dependencies), `workers_secrets` and `secrets_store`.
//!
//! # The client
//!
//! One [`Client`] serves every resource. It is cheap to clone (an `Arc` inside), `Send + Sync`,
//! and keeps one pool of connections. [`Client::from_env`] reads the variables Cloudflare's
//! official SDKs read:
//!
//! | variable | meaning |
//! |---|---|
//! | `CLOUDFLARE_API_TOKEN` | an API token, sent as `Authorization: Bearer` (checked first) |
//! | `CLOUDFLARE_API_KEY` + `CLOUDFLARE_EMAIL` | a global API key and its account email |
//! | `CLOUDFLARE_API_USER_SERVICE_KEY` | a user service key |
//! | `CLOUDFLARE_BASE_URL` | overrides `https://api.cloudflare.com/client/v4` (a trailing `/` is fine) |
//!
//! [`Client::builder`] sets the same things in code, plus the timeout, the retry policy, a
//! `User-Agent` suffix, or your own `reqwest::Client`:
//!
//! ```no_run
//! use std::time::Duration;
//! use cloudflare_secrets::{Client, Credentials, RetryConfig};
//!
//! # fn main() -> cloudflare_secrets::Result<()> {
//! let client = Client::builder()
//!     .credentials(Credentials::api_token(std::env::var("MY_TOKEN").unwrap_or_default()))
//!     .base_url("http://127.0.0.1:8787/client/v4")
//!     .timeout(Duration::from_secs(20))
//!     .retry(RetryConfig::default().with_max_retries(4))
//!     .user_agent_suffix("my-app/1.0")
//!     .build()?;
//! # let _ = client;
//! # Ok(()) }
//! ```
//!
//! # Errors
//!
//! Every call returns [`Result`]. An [`Error`] carries the HTTP status (a [`StatusCode`]),
//! Cloudflare's error codes and messages (with `documentation_url` and `source.pointer`), and the
//! operation id; helpers answer the usual questions ([`Error::is_unauthorized`],
//! [`Error::is_forbidden`], [`Error::is_not_found`], [`Error::is_conflict`],
//! [`Error::is_rate_limited`], [`Error::is_retryable`], [`Error::is_validation`],
//! [`Error::is_timeout`]). `Debug` prints the same line as `Display`, so an error returned from
//! `main` reads `Error: worker-put-script-secret: HTTP 403 Forbidden: Authentication error
//! [code 10000]`; `{:#?}` prints every part. `success: false` is an error even with status 200, and a body that is
//! not the expected JSON (an HTML error page, truncated JSON) is an error with the status and the
//! first 200 characters of the body ([`Error::body_snippet`]). A `result` of the wrong shape
//! names the place: ``at `result[2].name`: missing field `name` ``. Inputs are checked against the
//! spec before anything is sent; those errors name the field and never contain the value.
//!
//! When one item of a list has a malformed shape, the whole call fails with an error naming the
//! item's index and field, so nothing is dropped silently. An item that is merely of a kind the
//! SDK does not know yet (a new binding type) is not malformed: it decodes as
//! `SecretBinding::Unknown` and keeps its JSON.
//!
//! No error shows a secret: the snippet replaces the values of sensitive fields (`text`,
//! `value`, `key_base64`, `key_jwk`, `token`, ...) with `[REDACTED]`, even in truncated JSON;
//! serde's messages are kept only in forms that quote no value from the body; and the client
//! removes its own credentials and the request's secret values from every text of the error,
//! in case a server echoes them. A response larger than 32 MiB
//! ([`ClientBuilder::max_response_bytes`]) is refused without being read to the end.
//!
//! # Key bindings
//!
//! A `secret_key` binding's algorithm is a [`KeyAlgorithm`] (`KeyAlgorithm::hmac(Hash::Sha256)`,
//! `KeyAlgorithm::aes_gcm()`, `KeyAlgorithm::ecdsa(NamedCurve::P256)`, ...) and its usages are
//! [`KeyUsage`]s. Before sending, the SDK checks the key the way WebCrypto's `importKey` would
//! (format, usages, key material; the rules and their sources are in [`keys`]), and the error
//! names the field and the rule: ``invalid `body.usages[0]`: cannot be encrypt for an HMAC key:
//! WebCrypto allows sign or verify``. [`SecretBindingInput::hmac_key`] builds the common case in
//! one line; [`keys::encode_base64`] turns key bytes into `key_base64`.
//!
//! # Retries and timeouts
//!
//! Failed attempts are retried twice by default, with exponential backoff (0.5 s doubling up to
//! 8 s, minus up to 25% jitter), on connection errors, timeouts, 408, 409, 429 and 5xx.
//! `retry-after-ms` and `Retry-After` replace the backoff when they ask for at most 60 s, and
//! `x-should-retry: true|false` is obeyed. Operations that are not idempotent (creating Secrets
//! Store secrets, for example) are retried only when the server cannot have acted on them: when
//! no connection was made, or on 429. Each attempt times out after 60 s by default. Both settings
//! can be changed per client ([`ClientBuilder::timeout`], [`ClientBuilder::retry`]) and per
//! request (`.timeout(..)` and `.max_retries(..)` on every request builder).
//!
//! # Secrets
//!
//! Secret values are [`SecretString`] (text) or [`SecretJson`] (key material as JSON). Both are
//! zeroized when dropped, print `[REDACTED]` in `Debug`, have no `Display`, and are read only
//! through `expose_secret()`. Credentials are held the same way and sent as sensitive headers.
//! Neither errors nor `tracing` output ever contain a secret or a request body.
//!
//! # Tracing
//!
//! Each request runs in a `tracing` span named `cloudflare_secrets.request` with the fields
//! `operation`, `method`, `path` (the template, such as
//! `/accounts/{account_id}/workers/scripts/{script_name}/secrets`), `status`, `attempt` and
//! `duration_ms`; retries are logged at `debug` level.
//!
//! # TLS
//!
//! HTTPS uses rustls with the `ring` provider and the platform's trusted roots; no other crypto
//! library is compiled in and no process-wide crypto provider is installed. To pass your own
//! `reqwest::Client`, start from [`runtime::reqwest_client_builder`].
//!
//! Credentials never travel in clear text by accident: a plain `http://` base URL is refused
//! (by [`ClientBuilder::build`] and so by [`Client::from_env`] for `CLOUDFLARE_BASE_URL`)
//! unless its host is loopback (`127.0.0.0/8`, `::1`, `localhost`, as for a local emulator) or
//! the caller opts in with [`ClientBuilder::allow_insecure_http`]. Redirects are not followed:
//! reqwest would drop `Authorization` on a redirect to another origin but not `X-Auth-Key` or
//! `X-Auth-User-Service-Key`, and Cloudflare's API does not redirect, so a 3xx is an error that
//! names the host it pointed to. A client passed with [`ClientBuilder::http_client`] keeps its
//! own redirect policy; build it from [`runtime::reqwest_client_builder`] to keep this one.
#![warn(missing_docs)]

pub mod runtime;

pub use runtime::{
    ApiResponse, Client, ClientBuilder, Credentials, Error, ErrorKind, Page, PageStream,
    RequestBuilder, RequestOptions, ResponseMessage, Result, ResultInfo, RetryConfig, SecretJson,
    SecretString, StatusCode,
};

#[rustfmt::skip]
mod generated;

pub use generated::ids::*;
pub use generated::types::*;
pub use generated::{ids, operations, resources, types};

mod extras;
pub use extras::WranglerSecretsStoreBinding;

pub mod keys;

/// The crate's README (its crates.io page), compiled as a doctest so that its example stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctest;
