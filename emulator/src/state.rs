//! The emulator's in-memory state and the API's rules, independent of HTTP.
//!
//! Every operation validates its whole input before it changes anything, so a request that
//! fails leaves the state exactly as it was. Secret values are never stored and never
//! returned: the state keeps a [`ValueDigest`] (length and keyed hash) of each.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::audit::{AuditAction, AuditEvent};
use crate::digest::{DigestKey, ValueDigest};

/// The number of Secrets Store secrets an account may hold.
pub const SECRETS_QUOTA: usize = 100;
/// The largest Secrets Store secret value, in UTF-8 bytes.
pub const MAX_SECRET_VALUE_BYTES: usize = 65_536;
/// The number of stores an account may hold.
pub const MAX_STORES_PER_ACCOUNT: usize = 1;
/// The largest Workers secret (the text of a `secret_text`, the key material of a
/// `secret_key`), in bytes: 5 KB.
pub const MAX_WORKER_SECRET_BYTES: usize = 5 * 1024;

/// The Workers plan, which sets how many variables and secrets one Worker may have.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Plan {
    /// Workers Free: 64 variables and secrets per Worker.
    #[default]
    Free,
    /// Workers Paid: 128 variables and secrets per Worker.
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
    /// The Worker script does not exist.
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
    /// The spec has this operation but the emulator has no handler for it (a test fails when
    /// this can happen; see the crate docs).
    pub const OPERATION_NOT_EMULATED: u32 = 7010;
    /// The state file could not be written; the change is kept in memory only.
    pub const STATE_NOT_SAVED: u32 = 7011;
}

/// An API error: the HTTP status and one Cloudflare error `{code, message}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    pub code: u32,
    pub message: String,
}

impl ApiError {
    pub fn new(status: u16, code: u32, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    fn worker_invalid(message: impl Into<String>) -> ApiError {
        ApiError::new(400, codes::WORKER_INVALID, message)
    }

    fn store_invalid(message: impl Into<String>) -> ApiError {
        ApiError::new(400, codes::STORE_INVALID, message)
    }
}

/// The result of an API call: a JSON `result` or an error.
pub type ApiResult<T = Value> = Result<T, ApiError>;

/// A Worker script, or a Worker script in a Workers for Platforms dispatch namespace.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ScriptKey {
    pub account: String,
    pub namespace: Option<String>,
    pub script: String,
}

/// A stored Workers secret binding; of its value only a digest is kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Binding {
    Text {
        name: String,
        text: ValueDigest,
    },
    Key {
        name: String,
        algorithm: Value,
        format: String,
        usages: Vec<String>,
        material: ValueDigest,
    },
}

impl Binding {
    /// The response shape: never `text`, `key_base64` or `key_jwk`.
    fn to_response(&self) -> Value {
        match self {
            Binding::Text { name, .. } => json!({"name": name, "type": "secret_text"}),
            Binding::Key {
                name,
                algorithm,
                format,
                usages,
                ..
            } => json!({
                "name": name,
                "type": "secret_key",
                "algorithm": algorithm,
                "format": format,
                "usages": usages,
            }),
        }
    }

    fn name(&self) -> &str {
        match self {
            Binding::Text { name, .. } | Binding::Key { name, .. } => name,
        }
    }
}

const KEY_FORMATS: [&str; 4] = ["raw", "pkcs8", "spki", "jwk"];
const KEY_USAGES: [&str; 8] = [
    "encrypt",
    "decrypt",
    "sign",
    "verify",
    "deriveKey",
    "deriveBits",
    "wrapKey",
    "unwrapKey",
];

/// Refuses a Workers secret over [`MAX_WORKER_SECRET_BYTES`].
fn check_worker_secret_size(bytes: usize, at: &str) -> ApiResult<()> {
    if bytes > MAX_WORKER_SECRET_BYTES {
        return Err(ApiError::new(
            400,
            codes::WORKER_SECRET_TOO_LARGE,
            format!(
                "{at} is {bytes} bytes; a Workers secret may be at most {MAX_WORKER_SECRET_BYTES} bytes (5 KB)"
            ),
        ));
    }
    Ok(())
}

/// Checks one request-shape binding; `at` names it in messages (`body`, `secrets.API_KEY`).
fn parse_binding(value: &Value, at: &str, key: &DigestKey) -> ApiResult<Binding> {
    let object = value
        .as_object()
        .ok_or_else(|| ApiError::worker_invalid(format!("{at} must be a JSON object")))?;
    let name = match object.get("name") {
        Some(Value::String(name)) if !name.is_empty() => name.clone(),
        Some(Value::String(_)) => {
            return Err(ApiError::worker_invalid(format!(
                "{at}.name must not be empty"
            )));
        }
        Some(_) => {
            return Err(ApiError::worker_invalid(format!(
                "{at}.name must be a string"
            )));
        }
        None => return Err(ApiError::worker_invalid(format!("{at}.name is required"))),
    };
    match object.get("type").and_then(Value::as_str) {
        Some("secret_text") => match object.get("text") {
            Some(Value::String(text)) => {
                check_worker_secret_size(text.len(), &format!("{at}.text"))?;
                Ok(Binding::Text {
                    name,
                    text: key.digest(text.as_bytes()),
                })
            }
            Some(_) => Err(ApiError::worker_invalid(format!(
                "{at}.text must be a string"
            ))),
            None => Err(ApiError::worker_invalid(format!(
                "{at}.text is required for type secret_text"
            ))),
        },
        Some("secret_key") => parse_key_binding(object, name, at, key),
        Some(_) => Err(ApiError::worker_invalid(format!(
            "{at}.type must be secret_text or secret_key"
        ))),
        None => Err(ApiError::worker_invalid(format!(
            "{at}.type is required (secret_text or secret_key)"
        ))),
    }
}

fn parse_key_binding(
    object: &Map<String, Value>,
    name: String,
    at: &str,
    key: &DigestKey,
) -> ApiResult<Binding> {
    let algorithm = match object.get("algorithm") {
        Some(algorithm @ Value::Object(_)) => algorithm.clone(),
        Some(_) => {
            return Err(ApiError::worker_invalid(format!(
                "{at}.algorithm must be a JSON object"
            )));
        }
        None => {
            return Err(ApiError::worker_invalid(format!(
                "{at}.algorithm is required for type secret_key"
            )));
        }
    };
    let format = match object.get("format").and_then(Value::as_str) {
        Some(format) if KEY_FORMATS.contains(&format) => format.to_owned(),
        Some(_) => {
            return Err(ApiError::worker_invalid(format!(
                "{at}.format must be one of raw, pkcs8, spki, jwk"
            )));
        }
        None => {
            return Err(ApiError::worker_invalid(format!(
                "{at}.format is required for type secret_key"
            )));
        }
    };
    let usages = match object.get("usages") {
        Some(Value::Array(items)) => {
            let mut usages = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                match item.as_str() {
                    Some(usage) if KEY_USAGES.contains(&usage) => usages.push(usage.to_owned()),
                    _ => {
                        return Err(ApiError::worker_invalid(format!(
                            "{at}.usages[{index}] must be one of {}",
                            KEY_USAGES.join(", ")
                        )));
                    }
                }
            }
            usages
        }
        Some(_) => {
            return Err(ApiError::worker_invalid(format!(
                "{at}.usages must be an array"
            )));
        }
        None => {
            return Err(ApiError::worker_invalid(format!(
                "{at}.usages is required for type secret_key"
            )));
        }
    };
    let material = if format == "jwk" {
        match object.get("key_jwk") {
            Some(jwk @ Value::Object(_)) => jwk.clone(),
            Some(_) => {
                return Err(ApiError::worker_invalid(format!(
                    "{at}.key_jwk must be a JSON object"
                )));
            }
            None => {
                return Err(ApiError::worker_invalid(format!(
                    "{at}.key_jwk is required when format is jwk"
                )));
            }
        }
    } else {
        match object.get("key_base64") {
            Some(base64 @ Value::String(_)) => base64.clone(),
            Some(_) => {
                return Err(ApiError::worker_invalid(format!(
                    "{at}.key_base64 must be a string"
                )));
            }
            None => {
                return Err(ApiError::worker_invalid(format!(
                    "{at}.key_base64 is required when format is {format}"
                )));
            }
        }
    };
    let material = match &material {
        Value::String(base64) => base64.clone(),
        other => other.to_string(),
    };
    let field = if format == "jwk" {
        "key_jwk"
    } else {
        "key_base64"
    };
    check_worker_secret_size(material.len(), &format!("{at}.{field}"))?;
    Ok(Binding::Key {
        name,
        algorithm,
        format,
        usages,
        material: key.digest(material.as_bytes()),
    })
}

/// A Secrets Store store.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Store {
    id: String,
    name: String,
    account: String,
    created: String,
    modified: String,
    created_seq: u64,
    modified_seq: u64,
    secrets: BTreeMap<String, StoreSecret>,
}

impl Store {
    fn to_response(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "account_id": self.account,
            "created": self.created,
            "modified": self.modified,
        })
    }
}

/// A Secrets Store secret; of its value only a digest is kept.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct StoreSecret {
    id: String,
    name: String,
    store_id: String,
    value: ValueDigest,
    comment: Option<String>,
    scopes: Vec<String>,
    status: String,
    created: String,
    modified: String,
    created_seq: u64,
    modified_seq: u64,
}

impl StoreSecret {
    /// The response shape, which never holds the value.
    fn to_response(&self) -> Value {
        let mut object = json!({
            "id": self.id,
            "name": self.name,
            "store_id": self.store_id,
            "created": self.created,
            "modified": self.modified,
            "status": self.status,
            "scopes": self.scopes,
        });
        if let (Some(comment), Some(map)) = (&self.comment, object.as_object_mut()) {
            map.insert("comment".to_owned(), Value::String(comment.clone()));
        }
        object
    }
}

/// Query parameters of the paginated list operations, already validated.
#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    pub page: u64,
    pub per_page: u64,
    pub order: Option<String>,
    pub descending: bool,
    pub search: Option<String>,
    pub scopes: Vec<String>,
}

/// One page of a list and its `result_info`.
#[derive(Clone, Debug, PartialEq)]
pub struct PageResult {
    pub items: Vec<Value>,
    pub result_info: Value,
}

/// Everything the emulator knows: what `--state FILE` writes (without the digest key, which
/// goes to `FILE.key`, and without the plan, which is a command-line choice).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct State {
    #[serde(with = "script_map")]
    scripts: BTreeMap<ScriptKey, BTreeMap<String, Binding>>,
    stores: BTreeMap<String, BTreeMap<String, Store>>,
    /// Grows on every change, audit events included; the persistence layer saves when it moved.
    sequence: u64,
    #[serde(default)]
    audit: Vec<AuditEvent>,
    #[serde(skip)]
    digest_key: DigestKey,
    #[serde(skip)]
    plan: Plan,
}

/// JSON object keys are strings, so the map keyed by [`ScriptKey`] is written as a list of
/// `{key, secrets}` entries.
mod script_map {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Binding, ScriptKey};

    #[derive(Serialize, Deserialize)]
    struct Entry {
        key: ScriptKey,
        secrets: BTreeMap<String, Binding>,
    }

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<ScriptKey, BTreeMap<String, Binding>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let entries: Vec<Entry> = map
            .iter()
            .map(|(key, secrets)| Entry {
                key: key.clone(),
                secrets: secrets.clone(),
            })
            .collect();
        entries.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<ScriptKey, BTreeMap<String, Binding>>, D::Error> {
        let entries = Vec::<Entry>::deserialize(deserializer)?;
        Ok(entries
            .into_iter()
            .map(|entry| (entry.key, entry.secrets))
            .collect())
    }
}

/// The current time as RFC 3339 with microseconds and `Z`, as the API writes it.
fn now_timestamp() -> String {
    let now = jiff::Timestamp::now();
    let micros = now.as_microsecond();
    match jiff::Timestamp::from_microsecond(micros) {
        Ok(rounded) => format!("{rounded:.6}"),
        Err(_) => format!("{now:.6}"),
    }
}

/// A fresh identifier: 32 lowercase hex characters.
fn new_id() -> String {
    format!("{:032x}", fastrand::u128(..))
}

fn paginate(items: Vec<Value>, query: &ListQuery) -> PageResult {
    let total = items.len() as u64;
    let per_page = query.per_page.max(1);
    let total_pages = total.div_ceil(per_page);
    let start = (query.page.saturating_sub(1)).saturating_mul(per_page);
    let page_items: Vec<Value> = items
        .into_iter()
        .skip(usize::try_from(start).unwrap_or(usize::MAX))
        .take(usize::try_from(per_page).unwrap_or(usize::MAX))
        .collect();
    PageResult {
        result_info: json!({
            "count": page_items.len(),
            "page": query.page,
            "per_page": per_page,
            "total_count": total,
            "total_pages": total_pages,
        }),
        items: page_items,
    }
}

/// Reads a required string field of a JSON object.
fn required_string(object: &Map<String, Value>, field: &str, at: &str) -> ApiResult<String> {
    match object.get(field) {
        Some(Value::String(text)) => Ok(text.clone()),
        Some(_) => Err(ApiError::store_invalid(format!(
            "{at}.{field} must be a string"
        ))),
        None => Err(ApiError::store_invalid(format!("{at}.{field} is required"))),
    }
}

/// Reads an optional string field; JSON `null` counts as absent.
fn optional_string(
    object: &Map<String, Value>,
    field: &str,
    at: &str,
) -> ApiResult<Option<String>> {
    match object.get(field) {
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(Value::Null) | None => Ok(None),
        Some(_) => Err(ApiError::store_invalid(format!(
            "{at}.{field} must be a string"
        ))),
    }
}

fn parse_scopes(value: &Value, at: &str) -> ApiResult<Vec<String>> {
    let items = value
        .as_array()
        .ok_or_else(|| ApiError::store_invalid(format!("{at} must be an array of strings")))?;
    let mut scopes = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(scope) if !scope.is_empty() => scopes.push(scope.to_owned()),
            _ => {
                return Err(ApiError::store_invalid(format!(
                    "{at}[{index}] must be a non-empty string"
                )));
            }
        }
    }
    Ok(scopes)
}

fn check_secret_name(name: &str, at: &str) -> ApiResult<()> {
    if name.is_empty() {
        return Err(ApiError::store_invalid(format!("{at} must not be empty")));
    }
    if name.chars().any(char::is_whitespace) {
        return Err(ApiError::store_invalid(format!(
            "{at} must not contain spaces"
        )));
    }
    Ok(())
}

fn check_secret_value(value: &str, at: &str) -> ApiResult<()> {
    if value.len() > MAX_SECRET_VALUE_BYTES {
        return Err(ApiError::store_invalid(format!(
            "{at} is {} bytes; the limit is {MAX_SECRET_VALUE_BYTES} bytes",
            value.len()
        )));
    }
    Ok(())
}

fn store_not_found(store_id: &str) -> ApiError {
    ApiError::new(
        404,
        codes::STORE_NOT_FOUND,
        format!("store_not_found: no store with id {store_id}"),
    )
}

fn secret_not_found(secret_id: &str) -> ApiError {
    ApiError::new(
        404,
        codes::SECRET_NOT_FOUND,
        format!("secret_not_found: no secret with id {secret_id}"),
    )
}

fn worker_not_found(key: &ScriptKey) -> ApiError {
    ApiError::new(
        404,
        codes::WORKER_NOT_FOUND,
        format!(
            "This Worker does not exist on your account (script {})",
            key.script
        ),
    )
}

impl State {
    /// An empty state whose values are hashed with `digest_key`, for `plan`.
    pub fn new(digest_key: DigestKey, plan: Plan) -> State {
        State {
            digest_key,
            plan,
            ..State::default()
        }
    }

    /// Reads a state written by `serde_json::to_vec(&state)`; values are compared with
    /// `digest_key` from then on.
    pub fn from_json(text: &[u8], digest_key: DigestKey, plan: Plan) -> serde_json::Result<State> {
        let mut state: State = serde_json::from_slice(text)?;
        state.digest_key = digest_key;
        state.plan = plan;
        Ok(state)
    }

    /// A number that grows with every change; equal numbers mean an unchanged state.
    pub fn revision(&self) -> u64 {
        self.sequence
    }

    /// The key values are hashed with.
    pub fn digest_key(&self) -> &DigestKey {
        &self.digest_key
    }

    /// The audit events so far, oldest first.
    pub fn audit_events(&self) -> &[AuditEvent] {
        &self.audit
    }

    fn tick(&mut self) -> u64 {
        self.sequence += 1;
        self.sequence
    }

    /// An audit event about `secret`, numbered next.
    fn event(&self, action: AuditAction, account: &str, secret: &StoreSecret) -> AuditEvent {
        AuditEvent {
            sequence: self.audit.len() as u64 + 1,
            when: now_timestamp(),
            action,
            account_id: account.to_owned(),
            store_id: secret.store_id.clone(),
            secret_id: secret.id.clone(),
            secret_name: secret.name.clone(),
            duplicated_from_id: None,
            value_modified: None,
        }
    }

    fn record(&mut self, mut event: AuditEvent) {
        event.sequence = self.audit.len() as u64 + 1;
        self.audit.push(event);
        self.tick();
    }

    // ----- Workers secrets ------------------------------------------------------------------

    /// Lists a script's bindings (response shape, sorted by name).
    pub fn worker_list(&self, key: &ScriptKey) -> ApiResult {
        let secrets = self.scripts.get(key).ok_or_else(|| worker_not_found(key))?;
        Ok(Value::Array(
            secrets.values().map(Binding::to_response).collect(),
        ))
    }

    /// Creates or replaces one binding; the script is created when it does not exist yet.
    pub fn worker_put(&mut self, key: &ScriptKey, body: &Value) -> ApiResult {
        let binding = parse_binding(body, "body", &self.digest_key)?;
        let response = binding.to_response();
        let existing = self.scripts.get(key);
        let count = existing.map_or(0, BTreeMap::len)
            + usize::from(!existing.is_some_and(|secrets| secrets.contains_key(binding.name())));
        self.check_binding_limit(count)?;
        self.tick();
        self.scripts
            .entry(key.clone())
            .or_default()
            .insert(binding.name().to_owned(), binding);
        Ok(response)
    }

    /// Refuses a Worker with more bindings than the plan allows.
    fn check_binding_limit(&self, count: usize) -> ApiResult<()> {
        let limit = self.plan.bindings_per_worker();
        if count > limit {
            let plan = match self.plan {
                Plan::Free => "Free",
                Plan::Paid => "Paid",
            };
            return Err(ApiError::new(
                400,
                codes::WORKER_BINDING_LIMIT,
                format!(
                    "This Worker would have {count} variables and secrets; the Workers {plan} plan allows {limit} per Worker"
                ),
            ));
        }
        Ok(())
    }

    /// Reads one binding (response shape).
    pub fn worker_get(&self, key: &ScriptKey, name: &str) -> ApiResult {
        let secrets = self.scripts.get(key).ok_or_else(|| worker_not_found(key))?;
        secrets
            .get(name)
            .map(Binding::to_response)
            .ok_or_else(|| secret_binding_not_found(name))
    }

    /// Deletes one binding.
    pub fn worker_delete(&mut self, key: &ScriptKey, name: &str) -> ApiResult {
        let secrets = self
            .scripts
            .get_mut(key)
            .ok_or_else(|| worker_not_found(key))?;
        secrets
            .remove(name)
            .ok_or_else(|| secret_binding_not_found(name))?;
        self.tick();
        Ok(Value::Null)
    }

    /// Applies a JSON Merge Patch to a script's bindings, all or nothing, and returns the
    /// resulting set as a map from name to binding.
    pub fn worker_bulk_patch(&mut self, key: &ScriptKey, body: &Value) -> ApiResult {
        let object = body
            .as_object()
            .ok_or_else(|| ApiError::worker_invalid("body must be a JSON object"))?;
        let mut changes: Vec<(String, Option<Binding>)> = Vec::new();
        match object.get("secrets") {
            None | Some(Value::Null) => {}
            Some(Value::Object(secrets)) => {
                for (name, value) in secrets {
                    if value.is_null() {
                        changes.push((name.clone(), None));
                        continue;
                    }
                    let at = format!("secrets.{name}");
                    let binding = parse_binding(value, &at, &self.digest_key)?;
                    if binding.name() != name {
                        return Err(ApiError::worker_invalid(format!(
                            "{at}.name must equal its key in secrets"
                        )));
                    }
                    changes.push((name.clone(), Some(binding)));
                }
            }
            Some(_) => {
                return Err(ApiError::worker_invalid(
                    "secrets must be a JSON object mapping names to bindings or null",
                ));
            }
        }
        match object.get("version_tags") {
            None | Some(Value::Null) | Some(Value::Object(_)) => {}
            Some(_) => {
                return Err(ApiError::worker_invalid(
                    "version_tags must be a JSON object",
                ));
            }
        }
        let mut names: BTreeSet<&str> = self
            .scripts
            .get(key)
            .map(|secrets| secrets.keys().map(String::as_str).collect())
            .unwrap_or_default();
        for (name, change) in &changes {
            match change {
                Some(_) => names.insert(name),
                None => names.remove(name.as_str()),
            };
        }
        self.check_binding_limit(names.len())?;
        self.tick();
        let secrets = self.scripts.entry(key.clone()).or_default();
        for (name, change) in changes {
            match change {
                Some(binding) => {
                    secrets.insert(name, binding);
                }
                None => {
                    secrets.remove(&name);
                }
            }
        }
        Ok(Value::Object(
            secrets
                .iter()
                .map(|(name, binding)| (name.clone(), binding.to_response()))
                .collect(),
        ))
    }

    /// The names of a script's bindings, or `None` when the script does not exist.
    pub fn worker_secret_names(&self, key: &ScriptKey) -> Option<Vec<String>> {
        self.scripts
            .get(key)
            .map(|secrets| secrets.keys().cloned().collect())
    }

    /// What is kept of a binding's text or key material (for tests that check what was sent).
    pub fn worker_secret_digest(&self, key: &ScriptKey, name: &str) -> Option<ValueDigest> {
        match self.scripts.get(key)?.get(name)? {
            Binding::Text { text, .. } => Some(text.clone()),
            Binding::Key { material, .. } => Some(material.clone()),
        }
    }

    // ----- Secrets Store: stores -------------------------------------------------------------

    fn stores_of(&self, account: &str) -> impl Iterator<Item = &Store> {
        self.stores
            .get(account)
            .into_iter()
            .flat_map(BTreeMap::values)
    }

    fn store(&self, account: &str, store_id: &str) -> ApiResult<&Store> {
        self.stores
            .get(account)
            .and_then(|stores| stores.get(store_id))
            .ok_or_else(|| store_not_found(store_id))
    }

    fn store_mut(&mut self, account: &str, store_id: &str) -> ApiResult<&mut Store> {
        self.stores
            .get_mut(account)
            .and_then(|stores| stores.get_mut(store_id))
            .ok_or_else(|| store_not_found(store_id))
    }

    /// The number of Secrets Store secrets an account holds, across its stores.
    pub fn secret_count(&self, account: &str) -> usize {
        self.stores_of(account)
            .map(|store| store.secrets.len())
            .sum()
    }

    /// The number of stores an account holds.
    pub fn store_count(&self, account: &str) -> usize {
        self.stores.get(account).map_or(0, BTreeMap::len)
    }

    /// What is kept of a secret's value (for tests that check what was sent).
    pub fn store_secret_digest(
        &self,
        account: &str,
        store_id: &str,
        secret_id: &str,
    ) -> Option<ValueDigest> {
        let store = self.store(account, store_id).ok()?;
        store
            .secrets
            .get(secret_id)
            .map(|secret| secret.value.clone())
    }

    /// Creates a store from `{name}` (or a one-element array holding it).
    pub fn store_create(&mut self, account: &str, body: &Value) -> ApiResult {
        let object = match body {
            Value::Object(object) => object,
            Value::Array(items) if items.len() == 1 => items[0].as_object().ok_or_else(|| {
                ApiError::store_invalid("body[0] must be a JSON object with a name")
            })?,
            _ => {
                return Err(ApiError::store_invalid(
                    "body must be a JSON object {\"name\": ...}",
                ));
            }
        };
        let name = required_string(object, "name", "body")?;
        if name.trim().is_empty() {
            return Err(ApiError::store_invalid("body.name must not be empty"));
        }
        if self.store_count(account) >= MAX_STORES_PER_ACCOUNT {
            return Err(ApiError::new(
                400,
                codes::MAXIMUM_STORES_EXCEEDED,
                "maximum_stores_exceeded",
            ));
        }
        let seq = self.tick();
        let now = now_timestamp();
        let store = Store {
            id: new_id(),
            name,
            account: account.to_owned(),
            created: now.clone(),
            modified: now,
            created_seq: seq,
            modified_seq: seq,
            secrets: BTreeMap::new(),
        };
        let response = store.to_response();
        self.stores
            .entry(account.to_owned())
            .or_default()
            .insert(store.id.clone(), store);
        Ok(response)
    }

    /// Lists an account's stores, one page.
    pub fn store_list(&self, account: &str, query: &ListQuery) -> ApiResult<PageResult> {
        let mut stores: Vec<&Store> = self.stores_of(account).collect();
        match query.order.as_deref() {
            Some("name") => {
                stores.sort_by(|a, b| (&a.name, a.created_seq).cmp(&(&b.name, b.created_seq)))
            }
            Some("modified") => stores.sort_by_key(|store| store.modified_seq),
            _ => stores.sort_by_key(|store| store.created_seq),
        }
        if query.descending {
            stores.reverse();
        }
        Ok(paginate(
            stores.into_iter().map(Store::to_response).collect(),
            query,
        ))
    }

    /// Reads one store.
    pub fn store_get(&self, account: &str, store_id: &str) -> ApiResult {
        self.store(account, store_id).map(Store::to_response)
    }

    /// Deletes a store; one that holds secrets only with `force`.
    pub fn store_delete(&mut self, account: &str, store_id: &str, force: bool) -> ApiResult {
        let store = self.store(account, store_id)?;
        if !store.secrets.is_empty() && !force {
            return Err(ApiError::new(
                409,
                codes::STORE_NOT_EMPTY,
                format!(
                    "store_not_empty: the store holds {} secrets; pass force=true to delete them with it",
                    store.secrets.len()
                ),
            ));
        }
        let removed = self
            .stores
            .get_mut(account)
            .and_then(|stores| stores.remove(store_id));
        for secret in removed.iter().flat_map(|store| store.secrets.values()) {
            let event = self.event(AuditAction::Delete, account, secret);
            self.record(event);
        }
        self.tick();
        Ok(Value::Null)
    }

    // ----- Secrets Store: secrets ------------------------------------------------------------

    fn check_quota(&self, account: &str, adding: usize) -> ApiResult<()> {
        let usage = self.secret_count(account);
        if usage + adding > SECRETS_QUOTA {
            return Err(ApiError::new(
                400,
                codes::MAXIMUM_SECRETS_EXCEEDED,
                format!(
                    "maximum_secrets_exceeded: the account holds {usage} of {SECRETS_QUOTA} secrets and this request adds {adding}"
                ),
            ));
        }
        Ok(())
    }

    fn name_taken(store: &Store, name: &str) -> bool {
        store.secrets.values().any(|secret| secret.name == name)
    }

    /// Creates secrets from an array body, all or nothing; returns them in request order.
    pub fn secret_create(
        &mut self,
        account: &str,
        store_id: &str,
        body: &Value,
    ) -> ApiResult<Vec<Value>> {
        let items = body.as_array().ok_or_else(|| {
            ApiError::store_invalid(
                "body must be a JSON array of secrets [{name, value, scopes, comment?}]",
            )
        })?;
        if items.is_empty() {
            return Err(ApiError::store_invalid(
                "body must hold at least one secret",
            ));
        }
        let store = self.store(account, store_id)?;
        let mut parsed = Vec::with_capacity(items.len());
        let mut names = BTreeSet::new();
        for (index, item) in items.iter().enumerate() {
            let at = format!("body[{index}]");
            let object = item
                .as_object()
                .ok_or_else(|| ApiError::store_invalid(format!("{at} must be a JSON object")))?;
            let name = required_string(object, "name", &at)?;
            check_secret_name(&name, &format!("{at}.name"))?;
            let value = required_string(object, "value", &at)?;
            check_secret_value(&value, &format!("{at}.value"))?;
            let scopes = match object.get("scopes") {
                Some(scopes) => parse_scopes(scopes, &format!("{at}.scopes"))?,
                None => return Err(ApiError::store_invalid(format!("{at}.scopes is required"))),
            };
            let comment = optional_string(object, "comment", &at)?;
            if !names.insert(name.clone()) {
                return Err(ApiError::new(
                    409,
                    codes::SECRET_NAME_EXISTS,
                    format!(
                        "secret_name_already_exists: {at}.name repeats a name given earlier in the request"
                    ),
                ));
            }
            if Self::name_taken(store, &name) {
                return Err(ApiError::new(
                    409,
                    codes::SECRET_NAME_EXISTS,
                    format!(
                        "secret_name_already_exists: a secret named {name} already exists in the store"
                    ),
                ));
            }
            let value = self.digest_key.digest(value.as_bytes());
            parsed.push((name, value, scopes, comment));
        }
        self.check_quota(account, parsed.len())?;
        let now = now_timestamp();
        let mut created = Vec::with_capacity(parsed.len());
        let mut new_secrets = Vec::with_capacity(parsed.len());
        for (name, value, scopes, comment) in parsed {
            let seq = self.tick();
            let secret = StoreSecret {
                id: new_id(),
                name,
                store_id: store_id.to_owned(),
                value,
                comment,
                scopes,
                status: "pending".to_owned(),
                created: now.clone(),
                modified: now.clone(),
                created_seq: seq,
                modified_seq: seq,
            };
            created.push(secret.to_response());
            new_secrets.push(secret);
        }
        for secret in &new_secrets {
            self.record(AuditEvent {
                duplicated_from_id: None,
                ..self.event(AuditAction::Create, account, secret)
            });
        }
        let store = self.store_mut(account, store_id)?;
        for mut secret in new_secrets {
            // The create response says `pending`; later reads see the secret as deployed.
            secret.status = "active".to_owned();
            store.secrets.insert(secret.id.clone(), secret);
        }
        Ok(created)
    }

    /// Lists a store's secrets, filtered, sorted and paginated.
    pub fn secret_list(
        &self,
        account: &str,
        store_id: &str,
        query: &ListQuery,
    ) -> ApiResult<PageResult> {
        let store = self.store(account, store_id)?;
        let search = query.search.as_ref().map(|search| search.to_lowercase());
        let mut secrets: Vec<&StoreSecret> = store
            .secrets
            .values()
            .filter(|secret| match &search {
                Some(search) => {
                    secret.name.to_lowercase().contains(search)
                        || secret
                            .comment
                            .as_ref()
                            .is_some_and(|comment| comment.to_lowercase().contains(search))
                }
                None => true,
            })
            .filter(|secret| {
                query
                    .scopes
                    .iter()
                    .all(|scope| secret.scopes.contains(scope))
            })
            .collect();
        match query.order.as_deref() {
            Some("name") => {
                secrets.sort_by(|a, b| (&a.name, a.created_seq).cmp(&(&b.name, b.created_seq)))
            }
            Some("comment") => secrets
                .sort_by(|a, b| (&a.comment, a.created_seq).cmp(&(&b.comment, b.created_seq))),
            Some("status") => {
                secrets.sort_by(|a, b| (&a.status, a.created_seq).cmp(&(&b.status, b.created_seq)))
            }
            Some("modified") => secrets.sort_by_key(|secret| secret.modified_seq),
            _ => secrets.sort_by_key(|secret| secret.created_seq),
        }
        if query.descending {
            secrets.reverse();
        }
        Ok(paginate(
            secrets.into_iter().map(StoreSecret::to_response).collect(),
            query,
        ))
    }

    /// Reads one secret; an `access` audit event.
    pub fn secret_get(&mut self, account: &str, store_id: &str, secret_id: &str) -> ApiResult {
        let store = self.store(account, store_id)?;
        let secret = store
            .secrets
            .get(secret_id)
            .ok_or_else(|| secret_not_found(secret_id))?;
        let response = secret.to_response();
        let event = self.event(AuditAction::Access, account, secret);
        self.record(event);
        Ok(response)
    }

    /// Updates a secret's comment, scopes and value (each optional).
    pub fn secret_patch(
        &mut self,
        account: &str,
        store_id: &str,
        secret_id: &str,
        body: &Value,
    ) -> ApiResult {
        let object = body.as_object().ok_or_else(|| {
            ApiError::store_invalid("body must be a JSON object {comment?, scopes?, value?}")
        })?;
        let comment = match object.get("comment") {
            None => None,
            Some(Value::Null) => Some(None),
            Some(Value::String(comment)) => Some(Some(comment.clone())),
            Some(_) => return Err(ApiError::store_invalid("body.comment must be a string")),
        };
        let scopes = match object.get("scopes") {
            None | Some(Value::Null) => None,
            Some(scopes) => Some(parse_scopes(scopes, "body.scopes")?),
        };
        let value = optional_string(object, "value", "body")?;
        if let Some(value) = &value {
            check_secret_value(value, "body.value")?;
        }
        let value = value.map(|value| self.digest_key.digest(value.as_bytes()));
        self.store(account, store_id)?
            .secrets
            .get(secret_id)
            .ok_or_else(|| secret_not_found(secret_id))?;
        let seq = self.tick();
        let store = self.store_mut(account, store_id)?;
        let secret = store
            .secrets
            .get_mut(secret_id)
            .ok_or_else(|| secret_not_found(secret_id))?;
        if let Some(comment) = comment {
            secret.comment = comment;
        }
        if let Some(scopes) = scopes {
            secret.scopes = scopes;
        }
        let mut value_modified = false;
        if let Some(value) = value {
            value_modified = secret.value != value;
            secret.value = value;
        }
        secret.modified = now_timestamp();
        secret.modified_seq = seq;
        let response = secret.to_response();
        let secret = secret.clone();
        let event = AuditEvent {
            value_modified: Some(value_modified),
            ..self.event(AuditAction::Update, account, &secret)
        };
        self.record(event);
        Ok(response)
    }

    /// Deletes one secret.
    pub fn secret_delete(&mut self, account: &str, store_id: &str, secret_id: &str) -> ApiResult {
        let store = self.store_mut(account, store_id)?;
        let removed = store
            .secrets
            .remove(secret_id)
            .ok_or_else(|| secret_not_found(secret_id))?;
        let event = self.event(AuditAction::Delete, account, &removed);
        self.record(event);
        Ok(Value::Null)
    }

    /// Deletes several secrets named by `{"secret_ids": [...]}` or `[{"id": ...}]`, all or
    /// nothing. Without a body (what the TypeScript SDK 7.3.0 and the spec send) it deletes
    /// nothing and succeeds: see "Bulk delete without a body" in the crate docs.
    pub fn secret_bulk_delete(
        &mut self,
        account: &str,
        store_id: &str,
        body: Option<&Value>,
    ) -> ApiResult {
        let ids: Vec<String> = match body {
            None => {
                self.store(account, store_id)?;
                return Ok(Value::Null);
            }
            Some(Value::Object(object)) => match object.get("secret_ids") {
                Some(Value::Array(items)) => items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| {
                        item.as_str().map(str::to_owned).ok_or_else(|| {
                            ApiError::store_invalid(format!(
                                "body.secret_ids[{index}] must be a string"
                            ))
                        })
                    })
                    .collect::<ApiResult<_>>()?,
                _ => {
                    return Err(ApiError::store_invalid(
                        "body.secret_ids must be an array of secret ids",
                    ));
                }
            },
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    item.get("id")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                        .ok_or_else(|| {
                            ApiError::store_invalid(format!("body[{index}].id must be a string"))
                        })
                })
                .collect::<ApiResult<_>>()?,
            Some(_) => {
                return Err(ApiError::store_invalid(
                    "body must be {\"secret_ids\": [...]} or [{\"id\": ...}]",
                ));
            }
        };
        if ids.is_empty() {
            return Err(ApiError::store_invalid("no secret ids given"));
        }
        let store = self.store_mut(account, store_id)?;
        if let Some(missing) = ids
            .iter()
            .find(|id| !store.secrets.contains_key(id.as_str()))
        {
            return Err(secret_not_found(missing));
        }
        let removed: Vec<StoreSecret> = ids
            .iter()
            .filter_map(|id| store.secrets.remove(id))
            .collect();
        for secret in &removed {
            let event = self.event(AuditAction::Delete, account, secret);
            self.record(event);
        }
        Ok(Value::Null)
    }

    /// Copies a secret, value included, under a new name and id.
    pub fn secret_duplicate(
        &mut self,
        account: &str,
        store_id: &str,
        secret_id: &str,
        body: &Value,
    ) -> ApiResult {
        let object = body.as_object().ok_or_else(|| {
            ApiError::store_invalid("body must be a JSON object {name, scopes, comment?}")
        })?;
        let name = required_string(object, "name", "body")?;
        check_secret_name(&name, "body.name")?;
        let scopes = match object.get("scopes") {
            Some(scopes) => parse_scopes(scopes, "body.scopes")?,
            None => return Err(ApiError::store_invalid("body.scopes is required")),
        };
        let comment = optional_string(object, "comment", "body")?;
        let store = self.store(account, store_id)?;
        let source = store
            .secrets
            .get(secret_id)
            .ok_or_else(|| secret_not_found(secret_id))?;
        if Self::name_taken(store, &name) {
            return Err(ApiError::new(
                409,
                codes::SECRET_NAME_EXISTS,
                format!(
                    "secret_name_already_exists: a secret named {name} already exists in the store"
                ),
            ));
        }
        let value = source.value.clone();
        let source_id = source.id.clone();
        self.check_quota(account, 1)?;
        let seq = self.tick();
        let now = now_timestamp();
        let mut secret = StoreSecret {
            id: new_id(),
            name,
            store_id: store_id.to_owned(),
            value,
            comment,
            scopes,
            status: "pending".to_owned(),
            created: now.clone(),
            modified: now,
            created_seq: seq,
            modified_seq: seq,
        };
        let response = secret.to_response();
        secret.status = "active".to_owned();
        let event = AuditEvent {
            duplicated_from_id: Some(source_id),
            ..self.event(AuditAction::Create, account, &secret)
        };
        self.record(event);
        self.store_mut(account, store_id)?
            .secrets
            .insert(secret.id.clone(), secret);
        Ok(response)
    }

    /// The account's quota and usage.
    pub fn quota(&self, account: &str) -> Value {
        json!({"secrets": {"quota": SECRETS_QUOTA, "usage": self.secret_count(account)}})
    }
}

fn secret_binding_not_found(name: &str) -> ApiError {
    ApiError::new(
        404,
        codes::WORKER_SECRET_NOT_FOUND,
        format!("Secret binding {name} not found on this script"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script() -> ScriptKey {
        ScriptKey {
            account: "a".into(),
            namespace: None,
            script: "s".into(),
        }
    }

    #[test]
    fn a_failed_bulk_patch_changes_nothing() {
        let mut state = State::default();
        let key = script();
        state
            .worker_put(
                &key,
                &json!({"name": "A", "type": "secret_text", "text": "a"}),
            )
            .expect("put");
        let error = state
            .worker_bulk_patch(
                &key,
                &json!({"secrets": {"A": null, "B": {"name": "B", "type": "secret_text"}}}),
            )
            .expect_err("B has no text");
        assert_eq!(error.status, 400);
        assert_eq!(state.worker_secret_names(&key), Some(vec!["A".to_owned()]));
    }

    /// The ids of every secret in a store, in creation order.
    fn secret_ids(state: &State, account: &str, store: &str) -> Vec<String> {
        let page = state
            .secret_list(
                account,
                store,
                &ListQuery {
                    page: 1,
                    per_page: 100,
                    ..ListQuery::default()
                },
            )
            .expect("list");
        page.items
            .iter()
            .map(|item| item["id"].as_str().expect("id").to_owned())
            .collect()
    }

    #[test]
    fn a_saved_state_reads_back_the_same_after_random_operations() {
        for seed in 0..25 {
            let mut random = fastrand::Rng::with_seed(seed);
            let key = DigestKey::random();
            let mut state = State::new(key.clone(), Plan::Free);
            let store = state
                .store_create("acct", &json!({"name": "s"}))
                .expect("store")["id"]
                .as_str()
                .expect("id")
                .to_owned();
            let mut values = Vec::new();
            for step in 0..80 {
                let value = format!("secret-value-{seed}-{step}-x9");
                let ids = secret_ids(&state, "acct", &store);
                let pick = |random: &mut fastrand::Rng| {
                    (!ids.is_empty()).then(|| ids[random.usize(..ids.len())].clone())
                };
                // Failures (a taken name, a missing id) are part of the mix: they must change
                // nothing, which the round trip below also covers.
                let _ = match random.u8(0..7) {
                    0 | 1 => state
                        .secret_create(
                            "acct",
                            &store,
                            &json!([{"name": format!("N{}", random.u8(0..30)), "value": value, "scopes": ["workers"]}]),
                        )
                        .map(|_| Value::Null),
                    2 => match pick(&mut random) {
                        Some(id) => state.secret_patch("acct", &store, &id, &json!({"value": value})),
                        None => Ok(Value::Null),
                    },
                    3 => match pick(&mut random) {
                        Some(id) => state.secret_delete("acct", &store, &id),
                        None => Ok(Value::Null),
                    },
                    4 => match pick(&mut random) {
                        Some(id) => state.secret_get("acct", &store, &id),
                        None => Ok(Value::Null),
                    },
                    5 => state.worker_put(
                        &ScriptKey {
                            account: "acct".into(),
                            namespace: random.bool().then(|| "ns".to_owned()),
                            script: format!("w{}", random.u8(0..3)),
                        },
                        &json!({"name": format!("B{}", random.u8(0..10)), "type": "secret_text", "text": value}),
                    ),
                    _ => state.worker_bulk_patch(
                        &ScriptKey {
                            account: "acct".into(),
                            namespace: None,
                            script: format!("w{}", random.u8(0..3)),
                        },
                        &json!({"secrets": {format!("B{}", random.u8(0..10)): null}}),
                    ),
                };
                values.push(value);
            }
            let text = serde_json::to_vec(&state).expect("serializes");
            let back = State::from_json(&text, key.clone(), Plan::Free).expect("reads back");
            assert_eq!(
                serde_json::to_value(&back).expect("serializes"),
                serde_json::to_value(&state).expect("serializes"),
                "seed {seed}"
            );
            assert_eq!(back.revision(), state.revision());
            assert_eq!(back.audit_events(), state.audit_events());
            assert_eq!(
                secret_ids(&back, "acct", &store),
                secret_ids(&state, "acct", &store)
            );
            for id in secret_ids(&state, "acct", &store) {
                assert_eq!(
                    back.store_secret_digest("acct", &store, &id),
                    state.store_secret_digest("acct", &store, &id)
                );
            }
            let text = String::from_utf8(text).expect("UTF-8");
            assert!(
                values.iter().all(|value| !text.contains(value.as_str())),
                "seed {seed}: a value reached the serialized state"
            );
        }
    }

    #[test]
    fn timestamps_have_microseconds_and_z() {
        let stamp = now_timestamp();
        assert!(stamp.ends_with('Z'), "{stamp}");
        let fraction = stamp.rsplit('.').next().unwrap_or_default();
        assert_eq!(fraction.len(), 7, "{stamp}");
        assert!(stamp.parse::<jiff::Timestamp>().is_ok());
    }

    #[test]
    fn ids_are_32_lowercase_hex() {
        let id = new_id();
        assert_eq!(id.len(), 32);
        assert!(
            id.chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
        );
    }

    #[test]
    fn pagination_past_the_end_is_empty() {
        let items = (0..5).map(|n| json!(n)).collect();
        let page = paginate(
            items,
            &ListQuery {
                page: 3,
                per_page: 2,
                ..ListQuery::default()
            },
        );
        assert_eq!(page.items, vec![json!(4)]);
        let info = &page.result_info;
        assert_eq!(info["total_pages"], 3);
        assert_eq!(info["total_count"], 5);
        assert_eq!(info["count"], 1);
    }
}
