//! The rows of the state database: reading the whole state at start, and writing the rows one
//! request changed (see [`Changed`]). Columns are laid out in the parent module's `SCHEMA`.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::Value;

use crate::audit::{AuditAction, AuditEvent};
use crate::digest::{DigestKey, ValueDigest};
use crate::limits::Plan;
use crate::ring::Ring;
use crate::secrets_store::{Store, StoreSecret};
use crate::state::{Changed, Changes, State};
use crate::workers::{Binding, ScriptKey};

/// Reads the whole state, keeping the newest `audit_capacity` audit events.
pub(super) fn read_state(
    connection: &Connection,
    key: DigestKey,
    plan: Plan,
    audit_capacity: usize,
) -> rusqlite::Result<State> {
    let mut state = State::new(key, plan).with_audit_capacity(audit_capacity);
    let meta = |name: &str| -> rusqlite::Result<u64> {
        let value: Option<i64> = connection
            .query_row("SELECT value FROM meta WHERE name = ?1", [name], |row| {
                row.get(0)
            })
            .optional()?;
        Ok(value.map_or(0, |value| value.max(0) as u64))
    };
    state.sequence = meta("sequence")?;
    let audit_total = meta("audit_total")?;
    let mut scripts =
        connection.prepare("SELECT account, namespace, script FROM workers_scripts")?;
    let rows = scripts.query_map([], |row| {
        Ok(script_key(row.get(0)?, row.get(1)?, row.get(2)?))
    })?;
    for key in rows {
        state.workers.scripts.insert(key?, Default::default());
    }
    let mut bindings = connection.prepare(
        "SELECT account, namespace, script, name, type, algorithm, format, usages, value_bytes, value_hmac_sha256 FROM workers_secrets",
    )?;
    let rows = bindings.query_map([], |row| {
        let key = script_key(row.get(0)?, row.get(1)?, row.get(2)?);
        let name: String = row.get(3)?;
        let kind: String = row.get(4)?;
        let digest = ValueDigest {
            bytes: row.get::<_, i64>(8)?.max(0) as usize,
            hmac_sha256: row.get(9)?,
        };
        let binding = if kind == "secret_key" {
            Binding::Key {
                name: name.clone(),
                algorithm: json_column(row.get(5)?),
                format: row.get::<_, Option<String>>(6)?.unwrap_or_default(),
                usages: serde_json::from_value(json_column(row.get(7)?)).unwrap_or_default(),
                material: digest,
            }
        } else {
            Binding::Text {
                name: name.clone(),
                text: digest,
            }
        };
        Ok((key, name, binding))
    })?;
    for row in rows {
        let (key, name, binding) = row?;
        state
            .workers
            .scripts
            .entry(key)
            .or_default()
            .insert(name, binding);
    }
    let mut stores = connection.prepare(
        "SELECT account, id, name, created, modified, created_seq, modified_seq FROM secrets_store_stores",
    )?;
    let rows = stores.query_map([], |row| {
        Ok(Store {
            account: row.get(0)?,
            id: row.get(1)?,
            name: row.get(2)?,
            created: row.get(3)?,
            modified: row.get(4)?,
            created_seq: row.get::<_, i64>(5)?.max(0) as u64,
            modified_seq: row.get::<_, i64>(6)?.max(0) as u64,
            secrets: Default::default(),
        })
    })?;
    for store in rows {
        let store = store?;
        state
            .stores
            .entry(store.account.clone())
            .or_default()
            .insert(store.id.clone(), store);
    }
    let mut secrets = connection.prepare(
        "SELECT account, store_id, id, name, comment, scopes, status, value_bytes, value_hmac_sha256, created, modified, created_seq, modified_seq FROM secrets_store_secrets",
    )?;
    let rows = secrets.query_map([], |row| {
        let account: String = row.get(0)?;
        let secret = StoreSecret {
            store_id: row.get(1)?,
            id: row.get(2)?,
            name: row.get(3)?,
            comment: row.get(4)?,
            scopes: serde_json::from_value(json_column(row.get(5)?)).unwrap_or_default(),
            status: row.get(6)?,
            value: ValueDigest {
                bytes: row.get::<_, i64>(7)?.max(0) as usize,
                hmac_sha256: row.get(8)?,
            },
            created: row.get(9)?,
            modified: row.get(10)?,
            created_seq: row.get::<_, i64>(11)?.max(0) as u64,
            modified_seq: row.get::<_, i64>(12)?.max(0) as u64,
        };
        Ok((account, secret))
    })?;
    for row in rows {
        let (account, secret) = row?;
        if let Some(store) = state
            .stores
            .get_mut(&account)
            .and_then(|stores| stores.get_mut(&secret.store_id))
        {
            store.secrets.insert(secret.id.clone(), secret);
        }
    }
    let mut events = connection.prepare(
        "SELECT sequence, time, action, account_id, store_id, secret_id, secret_name, duplicated_from_id, value_modified FROM audit_events ORDER BY sequence DESC LIMIT ?1",
    )?;
    let capacity = i64::try_from(audit_capacity).unwrap_or(i64::MAX);
    let rows = events.query_map([capacity], |row| {
        let action: String = row.get(2)?;
        Ok(AuditEvent {
            sequence: row.get::<_, i64>(0)?.max(0) as u64,
            when: row.get(1)?,
            action: match action.as_str() {
                "access" => AuditAction::Access,
                "create" => AuditAction::Create,
                "update" => AuditAction::Update,
                _ => AuditAction::Delete,
            },
            account_id: row.get(3)?,
            store_id: row.get(4)?,
            secret_id: row.get(5)?,
            secret_name: row.get(6)?,
            duplicated_from_id: row.get(7)?,
            value_modified: row.get(8)?,
        })
    })?;
    let mut newest_first = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    newest_first.reverse();
    let kept = newest_first.len() as u64;
    state.audit = Ring::new(audit_capacity).with_dropped(audit_total.saturating_sub(kept));
    for event in newest_first {
        state.audit.push(event);
    }
    Ok(state)
}

/// A script key from its three columns.
fn script_key(account: String, namespace: String, script: String) -> ScriptKey {
    ScriptKey {
        account,
        namespace: (!namespace.is_empty()).then_some(namespace),
        script,
    }
}

/// A JSON column (`NULL` or unreadable text reads as JSON `null`).
fn json_column(text: Option<String>) -> Value {
    text.and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

/// Every row of `state`, as changes (what a migration writes).
pub(super) fn everything(state: &State) -> Changes {
    let mut changes = Changes::default();
    for (key, bindings) in &state.workers.scripts {
        changes.mark(Changed::Script(key.clone()));
        for name in bindings.keys() {
            changes.mark(Changed::Binding(key.clone(), name.clone()));
        }
    }
    for (account, stores) in &state.stores {
        for (id, store) in stores {
            changes.mark(Changed::Store(account.clone(), id.clone()));
            for secret_id in store.secrets.keys() {
                changes.mark(Changed::Secret(
                    account.clone(),
                    id.clone(),
                    secret_id.clone(),
                ));
            }
        }
    }
    changes.audit = state.audit.iter().cloned().collect();
    changes
}

fn as_sql(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Writes each changed row as it is in `state`, or deletes it when it is gone; appends the
/// audit events and drops those past the capacity; updates the counters.
pub(super) fn write_changes(
    transaction: &Transaction<'_>,
    state: &State,
    changes: &Changes,
    audit_capacity: usize,
) -> rusqlite::Result<()> {
    for changed in &changes.items {
        match changed {
            Changed::Script(key) => {
                let namespace = key.namespace.as_deref().unwrap_or_default();
                if state.workers.scripts.contains_key(key) {
                    transaction
                        .prepare_cached("INSERT OR IGNORE INTO workers_scripts (account, namespace, script) VALUES (?1, ?2, ?3)")?
                        .execute(params![key.account, namespace, key.script])?;
                } else {
                    transaction
                        .prepare_cached("DELETE FROM workers_secrets WHERE account = ?1 AND namespace = ?2 AND script = ?3")?
                        .execute(params![key.account, namespace, key.script])?;
                    transaction
                        .prepare_cached("DELETE FROM workers_scripts WHERE account = ?1 AND namespace = ?2 AND script = ?3")?
                        .execute(params![key.account, namespace, key.script])?;
                }
            }
            Changed::Binding(key, name) => {
                let namespace = key.namespace.as_deref().unwrap_or_default();
                match state
                    .workers
                    .scripts
                    .get(key)
                    .and_then(|bindings| bindings.get(name))
                {
                    Some(binding) => {
                        let (kind, algorithm, format, usages) = match binding {
                            Binding::Text { .. } => ("secret_text", None, None, None),
                            Binding::Key {
                                algorithm,
                                format,
                                usages,
                                ..
                            } => (
                                "secret_key",
                                Some(algorithm.to_string()),
                                Some(format.as_str()),
                                Some(Value::from(usages.clone()).to_string()),
                            ),
                        };
                        let digest = binding.digest();
                        transaction
                            .prepare_cached("INSERT OR REPLACE INTO workers_secrets (account, namespace, script, name, type, algorithm, format, usages, value_bytes, value_hmac_sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?
                            .execute(params![
                                key.account,
                                namespace,
                                key.script,
                                name,
                                kind,
                                algorithm,
                                format,
                                usages,
                                as_sql(digest.bytes as u64),
                                digest.hmac_sha256
                            ])?;
                    }
                    None => {
                        transaction
                            .prepare_cached("DELETE FROM workers_secrets WHERE account = ?1 AND namespace = ?2 AND script = ?3 AND name = ?4")?
                            .execute(params![key.account, namespace, key.script, name])?;
                    }
                }
            }
            Changed::Store(account, id) => {
                match state.stores.get(account).and_then(|stores| stores.get(id)) {
                    Some(store) => {
                        transaction
                            .prepare_cached("INSERT OR REPLACE INTO secrets_store_stores (account, id, name, created, modified, created_seq, modified_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
                            .execute(params![
                                account,
                                id,
                                store.name,
                                store.created,
                                store.modified,
                                as_sql(store.created_seq),
                                as_sql(store.modified_seq)
                            ])?;
                    }
                    None => {
                        transaction
                            .prepare_cached("DELETE FROM secrets_store_secrets WHERE account = ?1 AND store_id = ?2")?
                            .execute(params![account, id])?;
                        transaction
                            .prepare_cached(
                                "DELETE FROM secrets_store_stores WHERE account = ?1 AND id = ?2",
                            )?
                            .execute(params![account, id])?;
                    }
                }
            }
            Changed::Secret(account, store_id, id) => {
                let secret = state
                    .stores
                    .get(account)
                    .and_then(|stores| stores.get(store_id))
                    .and_then(|store| store.secrets.get(id));
                match secret {
                    Some(secret) => {
                        transaction
                            .prepare_cached("INSERT OR REPLACE INTO secrets_store_secrets (account, store_id, id, name, comment, scopes, status, value_bytes, value_hmac_sha256, created, modified, created_seq, modified_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")?
                            .execute(params![
                                account,
                                store_id,
                                id,
                                secret.name,
                                secret.comment,
                                Value::from(secret.scopes.clone()).to_string(),
                                secret.status,
                                as_sql(secret.value.bytes as u64),
                                secret.value.hmac_sha256,
                                secret.created,
                                secret.modified,
                                as_sql(secret.created_seq),
                                as_sql(secret.modified_seq)
                            ])?;
                    }
                    None => {
                        transaction
                            .prepare_cached("DELETE FROM secrets_store_secrets WHERE account = ?1 AND store_id = ?2 AND id = ?3")?
                            .execute(params![account, store_id, id])?;
                    }
                }
            }
        }
    }
    for event in &changes.audit {
        let action = match event.action {
            AuditAction::Access => "access",
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Delete => "delete",
        };
        transaction
            .prepare_cached("INSERT OR REPLACE INTO audit_events (sequence, time, action, account_id, store_id, secret_id, secret_name, duplicated_from_id, value_modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?
            .execute(params![
                as_sql(event.sequence),
                event.when,
                action,
                event.account_id,
                event.store_id,
                event.secret_id,
                event.secret_name,
                event.duplicated_from_id,
                event.value_modified
            ])?;
    }
    let audit_total = state.audit.total();
    if !changes.audit.is_empty() {
        let oldest_kept = audit_total.saturating_sub(audit_capacity as u64);
        transaction
            .prepare_cached("DELETE FROM audit_events WHERE sequence <= ?1")?
            .execute([as_sql(oldest_kept)])?;
    }
    let mut counter =
        transaction.prepare_cached("INSERT OR REPLACE INTO meta (name, value) VALUES (?1, ?2)")?;
    counter.execute(params!["sequence", as_sql(state.sequence)])?;
    counter.execute(params!["audit_total", as_sql(audit_total)])?;
    Ok(())
}
