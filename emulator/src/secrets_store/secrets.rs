//! Secrets Store secrets: create, list, read, update, duplicate and delete (one, or several by
//! `{"ids": [...]}`), each with its audit event, within the account's quota.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::{
    StoreSecret, check_secret_name, check_secret_value, name_exists, required_scopes,
    secret_not_found,
};
use crate::audit::{AuditAction, AuditEvent};
use crate::digest::ValueDigest;
use crate::limits::{ApiError, ApiResult, SECRETS_QUOTA, codes};
use crate::listing::{ListQuery, PageResult, page_of};
use crate::state::{Changed, State};
use crate::wire::{new_id, now_timestamp, optional_string, required_string, string_array};

/// What a bulk delete needs, named in every refusal of another body.
const BULK_DELETE_BODY: &str = "a JSON body {\"ids\": [\"<secret id>\", ...]} naming the secrets to delete (Cloudflare's secrets-store_deleteSecretsRequest)";

/// Reads the ids of a bulk delete: `{"ids": [...]}`, at least one. The older forms
/// (`{"secret_ids": [...]}`, `[{"id": ...}]`) and a missing body are refused with a message
/// that names the form Cloudflare requires, so a client sending them learns at once.
fn bulk_delete_ids(body: Option<&Value>) -> ApiResult<Vec<String>> {
    let refuse = |what: &str| {
        ApiError::store_invalid(format!(
            "{what}; this operation requires {BULK_DELETE_BODY}"
        ))
    };
    let object = match body {
        None => return Err(refuse("The request has no body")),
        Some(Value::Array(_)) => {
            return Err(refuse(
                "The body is an array, an older form of this request",
            ));
        }
        Some(Value::Object(object)) => object,
        Some(_) => return Err(refuse("The body is not a JSON object")),
    };
    let ids = match object.get("ids") {
        Some(ids) => string_array(ids, "body.ids")?,
        None if object.contains_key("secret_ids") => {
            return Err(refuse("body.secret_ids is an older form of this request"));
        }
        None => return Err(refuse("body.ids is missing")),
    };
    if ids.is_empty() {
        return Err(refuse("body.ids is empty"));
    }
    Ok(ids)
}

impl State {
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

    /// Adds a new secret (answered `pending`, kept `active`) with its `create` event; returns
    /// the response shape.
    fn insert_secret(
        &mut self,
        account: &str,
        mut secret: StoreSecret,
        event: AuditEvent,
    ) -> ApiResult {
        let response = secret.to_response();
        secret.status = "active".to_owned();
        self.record(event);
        self.changes.mark(Changed::Secret(
            account.to_owned(),
            secret.store_id.clone(),
            secret.id.clone(),
        ));
        self.store_mut(account, &secret.store_id.clone())?
            .secrets
            .insert(secret.id.clone(), secret);
        Ok(response)
    }

    /// A new secret record, numbered next.
    fn new_secret(
        &mut self,
        store_id: &str,
        name: String,
        value: ValueDigest,
        scopes: Vec<String>,
        comment: Option<String>,
    ) -> StoreSecret {
        let seq = self.tick();
        let now = now_timestamp();
        StoreSecret {
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
        }
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
            let scopes = required_scopes(object, &at)?;
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
            if store.name_taken(&name) {
                return Err(name_exists(&name));
            }
            let value = self.digest_key.digest(value.as_bytes());
            parsed.push((name, value, scopes, comment));
        }
        self.check_quota(account, parsed.len())?;
        let mut created = Vec::with_capacity(parsed.len());
        for (name, value, scopes, comment) in parsed {
            let secret = self.new_secret(store_id, name, value, scopes, comment);
            let event = self.event(AuditAction::Create, account, &secret);
            created.push(self.insert_secret(account, secret, event)?);
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
        let matching: Vec<&StoreSecret> = store
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
        Ok(page_of(matching, query, StoreSecret::to_response))
    }

    /// Reads one secret; an `access` audit event.
    pub fn secret_get(&mut self, account: &str, store_id: &str, secret_id: &str) -> ApiResult {
        let secret = self
            .store(account, store_id)?
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
            Some(scopes) => Some(string_array(scopes, "body.scopes")?),
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
        self.changes.mark(Changed::Secret(
            account.to_owned(),
            store_id.to_owned(),
            secret_id.to_owned(),
        ));
        Ok(response)
    }

    /// Deletes one secret.
    pub fn secret_delete(&mut self, account: &str, store_id: &str, secret_id: &str) -> ApiResult {
        self.secret_bulk_delete_ids(account, store_id, &[secret_id.to_owned()])
    }

    /// Deletes the secrets a bulk delete names, all or nothing (see [`bulk_delete_ids`]).
    pub fn secret_bulk_delete(
        &mut self,
        account: &str,
        store_id: &str,
        body: Option<&Value>,
    ) -> ApiResult {
        self.store(account, store_id)?;
        let ids = bulk_delete_ids(body)?;
        self.secret_bulk_delete_ids(account, store_id, &ids)
    }

    fn secret_bulk_delete_ids(
        &mut self,
        account: &str,
        store_id: &str,
        ids: &[String],
    ) -> ApiResult {
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
            self.changes.mark(Changed::Secret(
                account.to_owned(),
                store_id.to_owned(),
                secret.id.clone(),
            ));
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
        let scopes = required_scopes(object, "body")?;
        let comment = optional_string(object, "comment", "body")?;
        let store = self.store(account, store_id)?;
        let source = store
            .secrets
            .get(secret_id)
            .ok_or_else(|| secret_not_found(secret_id))?;
        if store.name_taken(&name) {
            return Err(name_exists(&name));
        }
        let value = source.value.clone();
        let source_id = source.id.clone();
        self.check_quota(account, 1)?;
        let secret = self.new_secret(store_id, name, value, scopes, comment);
        let event = AuditEvent {
            duplicated_from_id: Some(source_id),
            ..self.event(AuditAction::Create, account, &secret)
        };
        self.insert_secret(account, secret, event)
    }

    /// The account's quota and usage.
    pub fn quota(&self, account: &str) -> Value {
        json!({"secrets": {"quota": SECRETS_QUOTA, "usage": self.secret_count(account)}})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_delete_requires_ids_and_names_the_body_when_it_refuses() {
        for body in [
            None,
            Some(json!({"secret_ids": ["a"]})),
            Some(json!([{"id": "a"}])),
            Some(json!({"ids": []})),
            Some(json!({})),
            Some(json!("a")),
        ] {
            let error = bulk_delete_ids(body.as_ref()).expect_err("refused");
            assert_eq!(error.status, 400, "{body:?}");
            assert!(
                error.message.contains("{\"ids\": ["),
                "{body:?}: {}",
                error.message
            );
        }
        assert_eq!(
            bulk_delete_ids(Some(&json!({"ids": ["a", "b"]}))).expect("ids"),
            ["a", "b"]
        );
    }
}
