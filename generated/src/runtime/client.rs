//! The HTTP client: [`Client`], its [`ClientBuilder`] and [`Credentials`], and the send loop
//! (auth headers, timeouts, retries, tracing) behind [`Client::execute`].

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::{Bytes, BytesMut};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue, USER_AGENT};
use serde::de::DeserializeOwned;
use tracing::Instrument;
use zeroize::Zeroizing;

use super::envelope::{self, ApiResponse, Page, RawResponse};
use super::error::{Error, Result};
use super::request::{Request, RequestOptions};
use super::retry::{self, RetryConfig};
use super::secret::SecretString;

/// The API's base URL when none is configured.
pub const DEFAULT_BASE_URL: &str = "https://api.cloudflare.com/client/v4";

/// The default timeout of one attempt.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The `User-Agent` the SDK sends (a suffix may be added with
/// [`ClientBuilder::user_agent_suffix`]).
pub const USER_AGENT_VALUE: &str = concat!("cloudflare-secrets-rust/", env!("CARGO_PKG_VERSION"));

/// The largest response body the client reads by default (responses of these APIs are small);
/// see [`ClientBuilder::max_response_bytes`].
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// How the client authenticates. Every variant keeps its secret in a [`SecretString`], and
/// `Debug` shows only which kind it is.
#[derive(Clone)]
pub struct Credentials(CredentialsInner);

#[derive(Clone)]
enum CredentialsInner {
    ApiToken(SecretString),
    ApiKey { email: String, key: SecretString },
    UserServiceKey(SecretString),
}

impl Credentials {
    /// An API token, sent as `Authorization: Bearer <token>` (the recommended kind).
    pub fn api_token(token: impl Into<SecretString>) -> Self {
        Credentials(CredentialsInner::ApiToken(token.into()))
    }

    /// An account email and global API key, sent as `X-Auth-Email` and `X-Auth-Key`.
    pub fn api_key(email: impl Into<String>, key: impl Into<SecretString>) -> Self {
        Credentials(CredentialsInner::ApiKey {
            email: email.into(),
            key: key.into(),
        })
    }

    /// A user service key, sent as `X-Auth-User-Service-Key`.
    pub fn user_service_key(key: impl Into<SecretString>) -> Self {
        Credentials(CredentialsInner::UserServiceKey(key.into()))
    }

    /// The headers this credential is sent as, each marked sensitive (so HTTP libraries do not
    /// print or index them).
    fn headers(&self) -> Result<Vec<(HeaderName, HeaderValue)>> {
        let sensitive = |name: &str, text: &str| -> Result<HeaderValue> {
            let mut value = HeaderValue::from_str(text).map_err(|_| {
                Error::config(format!(
                    "the credential for the `{name}` header contains characters that are not \
                     allowed in an HTTP header (a stray newline?)"
                ))
            })?;
            value.set_sensitive(true);
            Ok(value)
        };
        Ok(match &self.0 {
            CredentialsInner::ApiToken(token) => {
                let text = Zeroizing::new(format!("Bearer {}", token.expose_secret()));
                vec![(AUTHORIZATION, sensitive("Authorization", &text)?)]
            }
            CredentialsInner::ApiKey { email, key } => vec![
                (
                    HeaderName::from_static("x-auth-email"),
                    sensitive("X-Auth-Email", email)?,
                ),
                (
                    HeaderName::from_static("x-auth-key"),
                    sensitive("X-Auth-Key", key.expose_secret())?,
                ),
            ],
            CredentialsInner::UserServiceKey(key) => vec![(
                HeaderName::from_static("x-auth-user-service-key"),
                sensitive("X-Auth-User-Service-Key", key.expose_secret())?,
            )],
        })
    }

    fn kind_name(&self) -> &'static str {
        match self.0 {
            CredentialsInner::ApiToken(_) => "ApiToken",
            CredentialsInner::ApiKey { .. } => "ApiKey",
            CredentialsInner::UserServiceKey(_) => "UserServiceKey",
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Credentials::{}([REDACTED])", self.kind_name())
    }
}

/// Configures and builds a [`Client`].
///
/// ```no_run
/// # use std::time::Duration;
/// # use cloudflare_secrets::{Client, Credentials};
/// # fn main() -> cloudflare_secrets::Result<()> {
/// let client = Client::builder()
///     .credentials(Credentials::api_token("token from a secure place"))
///     .timeout(Duration::from_secs(30))
///     .max_retries(3)
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct ClientBuilder {
    base_url: String,
    credentials: Option<Credentials>,
    timeout: Duration,
    retry: RetryConfig,
    user_agent_suffix: Option<String>,
    http_client: Option<reqwest::Client>,
    allow_insecure_http: bool,
    max_response_bytes: usize,
    base_url_from_env: bool,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: DEFAULT_BASE_URL.to_owned(),
            credentials: None,
            timeout: DEFAULT_TIMEOUT,
            retry: RetryConfig::default(),
            user_agent_suffix: None,
            http_client: None,
            allow_insecure_http: false,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            base_url_from_env: false,
        }
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("user_agent_suffix", &self.user_agent_suffix)
            .field("custom_http_client", &self.http_client.is_some())
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

impl ClientBuilder {
    /// A builder with the defaults: Cloudflare's API, no credentials, 60 s timeout, 2 retries.
    pub fn new() -> Self {
        ClientBuilder::default()
    }

    /// A builder configured from the process environment; see [`from_env_lookup`](Self::from_env_lookup).
    pub fn from_env() -> Result<Self> {
        ClientBuilder::from_env_lookup(|name| std::env::var(name).ok())
    }

    /// A builder configured from variables returned by `lookup` (the environment, in
    /// [`from_env`](Self::from_env)); empty values count as unset.
    ///
    /// Credentials, first match wins: `CLOUDFLARE_API_TOKEN`; then `CLOUDFLARE_API_KEY` with
    /// `CLOUDFLARE_EMAIL`; then `CLOUDFLARE_API_USER_SERVICE_KEY`. `CLOUDFLARE_BASE_URL`
    /// overrides the base URL. Errors name the variables, never their values.
    pub fn from_env_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let mut builder = ClientBuilder::new();
        if let Some(base_url) = get("CLOUDFLARE_BASE_URL") {
            builder.base_url = base_url.trim().to_owned();
            builder.base_url_from_env = true;
        }
        let token = get("CLOUDFLARE_API_TOKEN");
        let key = get("CLOUDFLARE_API_KEY");
        let email = get("CLOUDFLARE_EMAIL");
        let service_key = get("CLOUDFLARE_API_USER_SERVICE_KEY");
        let credentials = match (token, key, email, service_key) {
            (Some(token), ..) => Credentials::api_token(Zeroizing::new(token).trim()),
            (None, Some(key), Some(email), _) => {
                Credentials::api_key(email.trim(), Zeroizing::new(key).trim())
            }
            (None, Some(_), None, None) => {
                return Err(Error::config(
                    "CLOUDFLARE_API_KEY is set but CLOUDFLARE_EMAIL is not; set both, or set \
                     CLOUDFLARE_API_TOKEN instead",
                ));
            }
            (None, _, _, Some(service_key)) => {
                Credentials::user_service_key(Zeroizing::new(service_key).trim())
            }
            (None, None, _, None) => {
                return Err(Error::config(
                    "no Cloudflare credentials in the environment: set CLOUDFLARE_API_TOKEN, or \
                     CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL, or CLOUDFLARE_API_USER_SERVICE_KEY",
                ));
            }
        };
        builder.credentials = Some(credentials);
        Ok(builder)
    }

    /// Sets the base URL (default `https://api.cloudflare.com/client/v4`); a trailing `/` is
    /// ignored. Use `http://127.0.0.1:PORT` for a local emulator.
    ///
    /// Plain `http://` is accepted only for a loopback host (`127.0.0.0/8`, `::1`,
    /// `localhost`): anywhere else the credentials would travel in clear text, and
    /// [`build`](Self::build) refuses unless [`allow_insecure_http`](Self::allow_insecure_http)
    /// was called.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self.base_url_from_env = false;
        self
    }

    /// Allows a plain `http://` base URL to a host that is not loopback (for example a
    /// proxy on a network you trust). Credentials and secret values are then sent in clear
    /// text.
    pub fn allow_insecure_http(mut self) -> Self {
        self.allow_insecure_http = true;
        self
    }

    /// Sets the largest response body the client reads (default 32 MiB). A larger response,
    /// announced by `Content-Length` or found while reading, fails the call with a decode
    /// error and is not retried.
    pub fn max_response_bytes(mut self, max_response_bytes: usize) -> Self {
        self.max_response_bytes = max_response_bytes;
        self
    }

    /// Sets the credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Shorthand for `.credentials(Credentials::api_token(token))`.
    pub fn api_token(self, token: impl Into<SecretString>) -> Self {
        self.credentials(Credentials::api_token(token))
    }

    /// Sets the timeout of each attempt (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets how many times a failed attempt may be retried (default 2).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.retry.max_retries = max_retries;
        self
    }

    /// Replaces the whole retry policy.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Appends `suffix` to the `User-Agent` (for example `my-app/1.2`).
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Uses this reqwest client (its pool, proxy, TLS and redirect settings) instead of
    /// building one; build it from [`reqwest_client_builder`] to keep the SDK's TLS setup and
    /// its refusal to follow redirects.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client> {
        let base_url =
            normalize_base_url(&self.base_url, self.allow_insecure_http).map_err(|error| {
                if self.base_url_from_env {
                    Error::config(format!("CLOUDFLARE_BASE_URL: {error}"))
                } else {
                    error
                }
            })?;
        let mut user_agent = USER_AGENT_VALUE.to_owned();
        if let Some(suffix) = self.user_agent_suffix.as_deref().map(str::trim)
            && !suffix.is_empty()
        {
            user_agent.push(' ');
            user_agent.push_str(suffix);
        }
        let user_agent = HeaderValue::from_str(&user_agent).map_err(|_| {
            Error::config("the User-Agent suffix contains characters not allowed in a header")
        })?;
        let auth_headers = match &self.credentials {
            Some(credentials) => credentials.headers()?,
            None => Vec::new(),
        };
        let http = match self.http_client {
            Some(client) => client,
            None => reqwest_client_builder()?.build().map_err(|error| {
                Error::config(format!("could not build the HTTP client: {error}"))
            })?,
        };
        Ok(Client {
            inner: Arc::new(ClientInner {
                http,
                base_url,
                auth_headers,
                credentials_kind: self.credentials.as_ref().map(Credentials::kind_name),
                credentials: self.credentials.clone(),
                user_agent,
                timeout: self.timeout,
                retry: self.retry,
                max_response_bytes: self.max_response_bytes,
            }),
        })
    }
}

/// Collects the string values under sensitive keys of a request body (all strings below such a
/// key, and the compact JSON of an object or list there, such as a `key_jwk`).
fn collect_sensitive(
    value: &serde_json::Value,
    under_sensitive_key: bool,
    out: &mut Vec<Zeroizing<String>>,
) {
    match value {
        serde_json::Value::String(text) if under_sensitive_key => {
            out.push(Zeroizing::new(text.clone()));
        }
        serde_json::Value::Object(object) => {
            if under_sensitive_key {
                out.push(Zeroizing::new(value.to_string()));
            }
            for (key, child) in object {
                let sensitive = under_sensitive_key || super::error::is_sensitive_key(key);
                collect_sensitive(child, sensitive, out);
            }
        }
        serde_json::Value::Array(items) => {
            if under_sensitive_key {
                out.push(Zeroizing::new(value.to_string()));
            }
            for item in items {
                collect_sensitive(item, under_sensitive_key, out);
            }
        }
        _ => {}
    }
}

/// A `reqwest::ClientBuilder` with the SDK's TLS setup (rustls with the `ring` provider and the
/// platform's trusted roots) and no redirects followed. Start from this when you pass your own
/// client to [`ClientBuilder::http_client`]: this crate builds reqwest without a default
/// crypto provider, so a plain `reqwest::Client::builder().build()` would need one installed
/// first.
///
/// Redirects are not followed because reqwest drops only the standard credential headers
/// (`Authorization`, `Cookie`) when a redirect leaves the origin, not `X-Auth-Key` or
/// `X-Auth-User-Service-Key`; Cloudflare's API does not redirect, so a 3xx is reported as an
/// error instead.
pub fn reqwest_client_builder() -> Result<reqwest::ClientBuilder> {
    Ok(reqwest::Client::builder()
        .tls_backend_preconfigured(tls_config()?)
        .redirect(reqwest::redirect::Policy::none()))
}

/// A rustls configuration that uses the `ring` provider and the platform's trusted roots, so
/// no other crypto library is needed and no process-wide default provider is installed.
fn tls_config() -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls_platform_verifier::Verifier::new(provider.clone()).map_err(|error| {
        Error::config(format!(
            "could not set up TLS certificate verification: {error}"
        ))
    })?;
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| Error::config(format!("could not configure TLS: {error}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(config)
}

/// True for hosts that do not leave the machine: `127.0.0.0/8`, `::1` and `localhost` (the
/// host as the URL parser wrote it: IPv6 in brackets, names in lower case).
fn is_loopback_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(address) = bare.parse::<std::net::IpAddr>() {
        return address.is_loopback();
    }
    let name = host.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost")
}

/// Checks a base URL (https, or http to a loopback host unless `allow_insecure_http`; no query
/// or fragment) and drops trailing slashes.
fn normalize_base_url(base_url: &str, allow_insecure_http: bool) -> Result<String> {
    let trimmed = base_url.trim().trim_end_matches('/');
    let parsed = reqwest::Url::parse(trimmed)
        .map_err(|error| Error::config(format!("the base URL is not a valid URL: {error}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::config(
            "the base URL must start with http:// or https://",
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::config(
            "the base URL must not have a query or a fragment",
        ));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Error::config(
            "the base URL must not contain a user name or password; use Credentials",
        ));
    }
    if parsed.scheme() == "http"
        && !allow_insecure_http
        && !is_loopback_host(parsed.host_str().unwrap_or(""))
    {
        let host = parsed.host_str().unwrap_or("");
        return Err(Error::config(format!(
            "the base URL uses plain http:// to `{host}`, which is not a loopback address, so \
             the credentials would travel in clear text; use https://, or call \
             ClientBuilder::allow_insecure_http() to send them unencrypted on purpose"
        )));
    }
    Ok(trimmed.to_owned())
}

/// The client for Cloudflare's secrets APIs. Cheap to clone (one `Arc`), `Send + Sync`, and
/// sharing one connection pool between clones.
#[derive(Clone)]
pub struct Client {
    inner: Arc<ClientInner>,
}

struct ClientInner {
    http: reqwest::Client,
    base_url: String,
    auth_headers: Vec<(HeaderName, HeaderValue)>,
    credentials_kind: Option<&'static str>,
    credentials: Option<Credentials>,
    user_agent: HeaderValue,
    timeout: Duration,
    retry: RetryConfig,
    max_response_bytes: usize,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field(
                "credentials",
                &self
                    .inner
                    .credentials_kind
                    .map(|kind| format!("{kind}([REDACTED])")),
            )
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish()
    }
}

/// How one attempt ended.
enum Attempt {
    Response(RawResponse),
    Failed(Error),
}

impl Client {
    /// A builder with the defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client for Cloudflare's API with these credentials and the defaults.
    pub fn new(credentials: Credentials) -> Result<Client> {
        ClientBuilder::new().credentials(credentials).build()
    }

    /// A client configured from the environment (`CLOUDFLARE_API_TOKEN`, or
    /// `CLOUDFLARE_API_KEY` + `CLOUDFLARE_EMAIL`, or `CLOUDFLARE_API_USER_SERVICE_KEY`, and
    /// optionally `CLOUDFLARE_BASE_URL`).
    pub fn from_env() -> Result<Client> {
        ClientBuilder::from_env()?.build()
    }

    /// The base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The client's retry policy.
    pub fn retry_config(&self) -> &RetryConfig {
        &self.inner.retry
    }

    /// The client's per-attempt timeout.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// Sends `request` (with retries) and decodes the envelope's `result` as `T`; use `()` for
    /// operations whose result is `null`.
    pub async fn execute<T: DeserializeOwned + 'static>(
        &self,
        request: Request,
        options: &RequestOptions,
    ) -> Result<ApiResponse<T>> {
        let operation_id = request.operation.id;
        let body = request.body.as_ref().map(|body| body.bytes.clone());
        let outcome = match self.send(request, options).await {
            Ok(raw) => envelope::decode(raw),
            Err(error) => Err(error),
        };
        outcome.map_err(|error| self.scrub(error.with_operation(operation_id), body.as_ref()))
    }

    /// Sends a paginated list request and decodes `result` as a page of `T`, keeping
    /// `result_info`.
    pub async fn execute_page<T: DeserializeOwned>(
        &self,
        request: Request,
        options: &RequestOptions,
    ) -> Result<ApiResponse<Page<T>>> {
        let operation_id = request.operation.id;
        let body = request.body.as_ref().map(|body| body.bytes.clone());
        let outcome = match self.send(request, options).await {
            Ok(raw) => envelope::decode_page(raw),
            Err(error) => Err(error),
        };
        outcome.map_err(|error| self.scrub(error.with_operation(operation_id), body.as_ref()))
    }

    /// Removes the client's credentials and the secret values of the request body from the
    /// error's texts, in case the server echoed them (see [`Error::scrub`]).
    fn scrub(&self, error: Error, body: Option<&Bytes>) -> Error {
        let mut secrets: Vec<Zeroizing<String>> = Vec::new();
        if let Some(credentials) = &self.inner.credentials {
            match &credentials.0 {
                CredentialsInner::ApiToken(token) => {
                    secrets.push(Zeroizing::new(token.expose_secret().to_owned()));
                }
                CredentialsInner::ApiKey { key, .. } | CredentialsInner::UserServiceKey(key) => {
                    secrets.push(Zeroizing::new(key.expose_secret().to_owned()));
                }
            }
        }
        if let Some(value) =
            body.and_then(|bytes| serde_json::from_slice::<serde_json::Value>(bytes).ok())
        {
            collect_sensitive(&value, false, &mut secrets);
        }
        let texts: Vec<&str> = secrets.iter().map(|secret| secret.as_str()).collect();
        error.scrub(&texts)
    }

    /// The send loop: one attempt after another until success, a final failure, or the retry
    /// budget is spent. Returns the last response (success or not) for decoding.
    async fn send(&self, request: Request, options: &RequestOptions) -> Result<RawResponse> {
        let operation = request.operation;
        let url_text = format!("{}{}", self.inner.base_url, request.path_and_query());
        let url = reqwest::Url::parse(&url_text).map_err(|error| {
            Error::config(format!("could not build the request URL: {error}"))
                .with_operation(operation.id)
        })?;
        let timeout = options.timeout().unwrap_or(self.inner.timeout);
        let max_retries = options
            .max_retries()
            .unwrap_or(self.inner.retry.max_retries);
        let span = tracing::info_span!(
            "cloudflare_secrets.request",
            operation = operation.id,
            method = %operation.method,
            path = operation.path_template,
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let recorder = span.clone();
        async {
            let mut retries_done = 0u32;
            loop {
                let attempt_number = retries_done.saturating_add(1);
                let attempt_started = Instant::now();
                recorder.record("attempt", attempt_number);
                let outcome = self.attempt(&request, &url, timeout).await;
                let (retry, wait) = match &outcome {
                    Attempt::Response(response) => {
                        recorder.record("status", response.status.as_u16());
                        let retry = retry::should_retry_response(
                            response.status,
                            &response.headers,
                            operation.idempotent,
                        );
                        let wait = retry::retry_after(&response.headers, SystemTime::now());
                        (retry, wait)
                    }
                    Attempt::Failed(error) => {
                        (retry::should_retry_error(error, operation.idempotent), None)
                    }
                };
                tracing::debug!(
                    attempt = attempt_number,
                    elapsed_ms = attempt_started.elapsed().as_millis() as u64,
                    retry,
                    "attempt finished"
                );
                if retry && retries_done < max_retries {
                    let wait = wait.unwrap_or_else(|| self.inner.retry.backoff(retries_done));
                    tracing::debug!(wait_ms = wait.as_millis() as u64, "retrying");
                    tokio::time::sleep(wait).await;
                    retries_done = retries_done.saturating_add(1);
                    continue;
                }
                recorder.record("duration_ms", started.elapsed().as_millis() as u64);
                return match outcome {
                    Attempt::Response(response) => Ok(response),
                    Attempt::Failed(error) => Err(error.with_operation(operation.id)),
                };
            }
        }
        .instrument(span)
        .await
    }

    /// One attempt: send, then read the whole body, all within `timeout`.
    async fn attempt(&self, request: &Request, url: &reqwest::Url, timeout: Duration) -> Attempt {
        let mut builder = self
            .inner
            .http
            .request(request.operation.method.clone(), url.clone())
            .header(USER_AGENT, self.inner.user_agent.clone())
            .header(ACCEPT, HeaderValue::from_static("application/json"));
        for (name, value) in &self.inner.auth_headers {
            builder = builder.header(name.clone(), value.clone());
        }
        if let Some(body) = &request.body {
            builder = builder
                .header(CONTENT_TYPE, HeaderValue::from_static(body.content_type))
                .body(body.bytes.clone());
        }
        let limit = self.inner.max_response_bytes;
        let too_large = move |status, body: &[u8]| {
            Error::decode(
                status,
                format!(
                    "the response body is larger than the limit of {limit} bytes \
                     (ClientBuilder::max_response_bytes)"
                ),
                body,
            )
        };
        let exchange = async {
            let mut response = builder.send().await?;
            let status = response.status();
            let headers = std::mem::take(response.headers_mut());
            if response
                .content_length()
                .is_some_and(|length| length > limit as u64)
            {
                return Ok(Err(too_large(status, b"")));
            }
            let mut body = BytesMut::new();
            while let Some(chunk) = response.chunk().await? {
                if body.len() + chunk.len() > limit {
                    return Ok(Err(too_large(status, &body)));
                }
                body.extend_from_slice(&chunk);
            }
            Ok::<_, reqwest::Error>(Ok(RawResponse {
                status,
                headers,
                body: Bytes::from(body),
            }))
        };
        match tokio::time::timeout(timeout, exchange).await {
            Ok(Ok(Ok(response))) => Attempt::Response(response),
            Ok(Ok(Err(error))) => Attempt::Failed(error),
            Ok(Err(error)) => Attempt::Failed(Error::transport(error, timeout)),
            Err(_elapsed) => Attempt::Failed(Error::timeout(timeout)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync + Clone>() {}

    #[test]
    fn client_is_send_sync_and_clone() {
        assert_send_sync::<Client>();
    }

    #[test]
    fn base_urls_are_checked_and_trimmed() {
        assert_eq!(
            normalize_base_url("http://127.0.0.1:8787/client/v4/", false).unwrap(),
            "http://127.0.0.1:8787/client/v4"
        );
        assert!(normalize_base_url("ftp://example.com", false).is_err());
        assert!(normalize_base_url("not a url", false).is_err());
        assert!(normalize_base_url("https://user:pw@example.com", false).is_err());
    }

    #[test]
    fn plain_http_is_only_for_loopback_unless_allowed() {
        for loopback in [
            "http://127.0.0.1:1",
            "http://127.255.0.9",
            "http://[::1]:8787/client/v4",
            "http://localhost:8787",
            "http://LOCALHOST.",
            "http://api.localhost",
        ] {
            assert!(normalize_base_url(loopback, false).is_ok(), "{loopback}");
        }
        for remote in [
            "http://api.cloudflare.com/client/v4",
            "http://10.0.0.1",
            "http://[::2]",
            "http://localhost.example.com",
            "http://128.0.0.1",
        ] {
            let error = normalize_base_url(remote, false).unwrap_err().to_string();
            assert!(error.contains("allow_insecure_http()"), "{remote}: {error}");
            assert!(normalize_base_url(remote, true).is_ok(), "{remote}");
        }
        assert!(normalize_base_url("https://api.cloudflare.com", false).is_ok());
    }

    #[test]
    fn credential_with_newline_is_a_config_error_without_the_value() {
        let error = Client::builder()
            .api_token("abc\ndef-secret")
            .build()
            .unwrap_err();
        let text = format!("{error} {error:?}");
        assert!(!text.contains("def-secret"), "{text}");
    }
}
