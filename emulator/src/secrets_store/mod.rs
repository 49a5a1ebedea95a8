//! Secrets Store: an account's stores and their secrets, the quota, and the audit events the
//! secrets' lifecycle produces.
//!
//! Limits: one store per account, 100 secrets per account across its stores, values of at
//! most 65,536 bytes (see [`crate::limits`]). A created or duplicated secret is answered
//! `pending` and read back `active`. Bulk delete takes Cloudflare's current body,
//! `{"ids": [...]}`, and deletes exactly those secrets or none.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::audit::{AuditAction, AuditEvent};
use crate::digest::ValueDigest;
use crate::limits::{ApiError, ApiResult, MAX_SECRET_VALUE_BYTES, MAX_STORES_PER_ACCOUNT, codes};
use crate::listing::{ListQuery, Listed, PageResult, page_of};
use crate::state::{Changed, State};
use crate::wire::{new_id, now_timestamp, required_string, string_array};

/// A Secrets Store store.
#[derive(Clone, Debug, PartialEq)]
pub struct Store {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) account: String,
    pub(crate) created: String,
    pub(crate) modified: String,
    pub(crate) created_seq: u64,
    pub(crate) modified_seq: u64,
    pub(crate) secrets: BTreeMap<String, StoreSecret>,
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

    fn name_taken(&self, name: &str) -> bool {
        self.secrets.values().any(|secret| secret.name == name)
    }
}

impl Listed for Store {
    fn name(&self) -> &str {
        &self.name
    }
    fn created_seq(&self) -> u64 {
        self.created_seq
    }
    fn modified_seq(&self) -> u64 {
        self.modified_seq
    }
}

/// A Secrets Store secret; of its value only a digest is kept.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreSecret {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) store_id: String,
    pub(crate) value: ValueDigest,
    pub(crate) comment: Option<String>,
    pub(crate) scopes: Vec<String>,
    pub(crate) status: String,
    pub(crate) created: String,
    pub(crate) modified: String,
    pub(crate) created_seq: u64,
    pub(crate) modified_seq: u64,
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

impl Listed for StoreSecret {
    fn name(&self) -> &str {
        &self.name
    }
    fn comment(&self) -> Option<&str> {
        self.comment.as_deref()
    }
    fn status(&self) -> &str {
        &self.status
    }
    fn created_seq(&self) -> u64 {
        self.created_seq
    }
    fn modified_seq(&self) -> u64 {
        self.modified_seq
    }
}

pub(super) fn check_secret_name(name: &str, at: &str) -> ApiResult<()> {
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

pub(super) fn check_secret_value(value: &str, at: &str) -> ApiResult<()> {
    if value.len() > MAX_SECRET_VALUE_BYTES {
        return Err(ApiError::store_invalid(format!(
            "{at} is {} bytes; the limit is {MAX_SECRET_VALUE_BYTES} bytes",
            value.len()
        )));
    }
    Ok(())
}

/// Reads `scopes`, which create and duplicate require.
pub(super) fn required_scopes(
    object: &serde_json::Map<String, Value>,
    at: &str,
) -> ApiResult<Vec<String>> {
    match object.get("scopes") {
        Some(scopes) => string_array(scopes, &format!("{at}.scopes")),
        None => Err(ApiError::store_invalid(format!("{at}.scopes is required"))),
    }
}

pub(super) fn store_not_found(store_id: &str) -> ApiError {
    ApiError::new(
        404,
        codes::STORE_NOT_FOUND,
        format!("store_not_found: no store with id {store_id}"),
    )
}

pub(super) fn secret_not_found(secret_id: &str) -> ApiError {
    ApiError::new(
        404,
        codes::SECRET_NOT_FOUND,
        format!("secret_not_found: no secret with id {secret_id}"),
    )
}

pub(super) fn name_exists(name: &str) -> ApiError {
    ApiError::new(
        409,
        codes::SECRET_NAME_EXISTS,
        format!("secret_name_already_exists: a secret named {name} already exists in the store"),
    )
}

mod secrets;

impl State {
    pub(super) fn stores_of(&self, account: &str) -> impl Iterator<Item = &Store> {
        self.stores
            .get(account)
            .into_iter()
            .flat_map(BTreeMap::values)
    }

    pub(super) fn store(&self, account: &str, store_id: &str) -> ApiResult<&Store> {
        self.stores
            .get(account)
            .and_then(|stores| stores.get(store_id))
            .ok_or_else(|| store_not_found(store_id))
    }

    pub(super) fn store_mut(&mut self, account: &str, store_id: &str) -> ApiResult<&mut Store> {
        self.stores
            .get_mut(account)
            .and_then(|stores| stores.get_mut(store_id))
            .ok_or_else(|| store_not_found(store_id))
    }

    /// An audit event about `secret`, numbered next.
    pub(super) fn event(
        &self,
        action: AuditAction,
        account: &str,
        secret: &StoreSecret,
    ) -> AuditEvent {
        AuditEvent {
            sequence: self.audit.total() + 1,
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
    ) -> Option<&ValueDigest> {
        let store = self.store(account, store_id).ok()?;
        store.secrets.get(secret_id).map(|secret| &secret.value)
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
        self.changes
            .mark(Changed::Store(account.to_owned(), store.id.clone()));
        self.stores
            .entry(account.to_owned())
            .or_default()
            .insert(store.id.clone(), store);
        Ok(response)
    }

    /// Lists an account's stores, one page.
    pub fn store_list(&self, account: &str, query: &ListQuery) -> PageResult {
        page_of(self.stores_of(account).collect(), query, Store::to_response)
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
            self.changes.mark(Changed::Secret(
                account.to_owned(),
                store_id.to_owned(),
                secret.id.clone(),
            ));
        }
        self.changes
            .mark(Changed::Store(account.to_owned(), store_id.to_owned()));
        self.tick();
        Ok(Value::Null)
    }
}
