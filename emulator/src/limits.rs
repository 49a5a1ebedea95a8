//! Cloudflare's limits and error codes, and the emulator's error value.
//!
//! Every number a request can run into lives here: the Secrets Store quota and value size, the
//! Workers secret size, the bindings per Worker and the Workers per account of each plan. The
//! error codes the emulator answers with are in [`codes`]; [`ApiError`] is what every rule
//! returns when it refuses a request.

use serde_json::Value;

/// The number of Secrets Store secrets an account may hold.
pub const SECRETS_QUOTA: usize = 100;
/// The largest Secrets Store secret value, in UTF-8 bytes.
pub const MAX_SECRET_VALUE_BYTES: usize = 65_536;
/// The number of stores an account may hold.
pub const MAX_STORES_PER_ACCOUNT: usize = 1;
/// The largest Workers secret (the text of a `secret_text`, the key material of a
/// `secret_key`), in bytes: 5 KB.
pub const MAX_WORKER_SECRET_BYTES: usize = 5 * 1024;

/// The Workers plan, which sets how many variables and secrets one Worker may have and how
/// many Workers an account may have.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Plan {
    /// Workers Free: 64 variables and secrets per Worker, 100 Workers per account.
    #[default]
    Free,
    /// Workers Paid: 128 variables and secrets per Worker, 500 Workers per account.
    Paid,
}

impl Plan {
    /// The number of environment variables plus secrets one Worker may have. The emulator
    /// holds no plain variables, so this is the number of secret bindings.
    pub fn bindings_per_worker(self) -> usize {
        match self {
            Plan::Free => 64,
            Plan::Paid => 128,
        }
    }

    /// The number of Workers an account may have (Workers for Platforms scripts in a dispatch
    /// namespace do not count; Cloudflare sets no limit on them).
    pub fn workers_per_account(self) -> usize {
        match self {
            Plan::Free => 100,
            Plan::Paid => 500,
        }
    }

    /// The plan's name as Cloudflare writes it.
    pub fn name(self) -> &'static str {
        match self {
            Plan::Free => "Free",
            Plan::Paid => "Paid",
        }
    }
}

impl std::str::FromStr for Plan {
    type Err = String;

    fn from_str(text: &str) -> Result<Plan, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "free" => Ok(Plan::Free),
            "paid" => Ok(Plan::Paid),
            _ => Err(format!("unknown plan {text:?}; expected free or paid")),
        }
    }
}

/// Error codes the emulator answers with. `1003`, `7003`, `10000` and `10007` are the real
/// service's codes; the others are the emulator's own choice where the real code is not known.
pub mod codes {
    /// Malformed JSON in the request body.
    pub const MALFORMED_JSON: u32 = 6007;
    /// The request body is larger than the emulator accepts.
    pub const BODY_TOO_LARGE: u32 = 6008;
    /// The request is not authenticated (missing or wrong credentials).
    pub const AUTHENTICATION: u32 = 10000;
    /// No route matches the path.
    pub const NO_ROUTE: u32 = 7003;
    /// The path exists but not with this method.
    pub const METHOD_NOT_ALLOWED: u32 = 7001;
    /// The Worker script does not exist (Cloudflare: "This Worker does not exist on your
    /// account.", status 404).
    pub const WORKER_NOT_FOUND: u32 = 10007;
    /// A Workers secret binding does not exist.
    pub const WORKER_SECRET_NOT_FOUND: u32 = 10056;
    /// A Workers request failed validation.
    pub const WORKER_INVALID: u32 = 10021;
    /// A Secrets Store request failed validation (query or body).
    pub const STORE_INVALID: u32 = 1000;
    /// The store does not exist.
    pub const STORE_NOT_FOUND: u32 = 1001;
    /// The secret does not exist.
    pub const SECRET_NOT_FOUND: u32 = 1002;
    /// The account already has its one store.
    pub const MAXIMUM_STORES_EXCEEDED: u32 = 1003;
    /// The store still holds secrets and `force=true` was not given.
    pub const STORE_NOT_EMPTY: u32 = 1004;
    /// The account's secrets quota would be exceeded.
    pub const MAXIMUM_SECRETS_EXCEEDED: u32 = 1005;
    /// A secret with this name already exists in the store (or twice in one request).
    pub const SECRET_NAME_EXISTS: u32 = 1006;
    /// The token lacks every permission the operation accepts (Cloudflare answers `403` with
    /// code `10000`, "Authentication error").
    pub const PERMISSION_DENIED: u32 = 10000;
    /// A Workers secret is larger than 5 KB.
    pub const WORKER_SECRET_TOO_LARGE: u32 = 10054;
    /// A Worker would have more variables and secrets than its plan allows.
    pub const WORKER_BINDING_LIMIT: u32 = 10055;
    /// An account would have more Workers than its plan allows (declaring one more).
    pub const WORKERS_PER_ACCOUNT_EXCEEDED: u32 = 10057;
    /// The spec has this operation but the emulator has no handler for it (a test fails when
    /// this can happen; see the crate docs).
    pub const OPERATION_NOT_EMULATED: u32 = 7010;
    /// The state database could not be written; the change is kept in memory only.
    pub const STATE_NOT_SAVED: u32 = 7011;
}

/// An API error: the HTTP status and one Cloudflare error `{code, message}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The Cloudflare error code.
    pub code: u32,
    /// The message; it never holds a secret value.
    pub message: String,
}

impl ApiError {
    /// An error with this status, code and message.
    pub fn new(status: u16, code: u32, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    /// A `400` for a Workers request that failed validation.
    pub fn worker_invalid(message: impl Into<String>) -> ApiError {
        ApiError::new(400, codes::WORKER_INVALID, message)
    }

    /// A `400` for a Secrets Store request that failed validation.
    pub fn store_invalid(message: impl Into<String>) -> ApiError {
        ApiError::new(400, codes::STORE_INVALID, message)
    }

    /// A `404` "No route for the URI", Cloudflare's answer to a path it does not serve.
    pub fn no_route(message: impl Into<String>) -> ApiError {
        ApiError::new(404, codes::NO_ROUTE, message)
    }

    /// A `405` for a path that exists with another method.
    pub fn method_not_allowed(method: &str) -> ApiError {
        ApiError::new(
            405,
            codes::METHOD_NOT_ALLOWED,
            format!("Method {method} not allowed for this route"),
        )
    }
}

/// The result of an API call: a JSON `result` or an error.
pub type ApiResult<T = Value> = Result<T, ApiError>;
