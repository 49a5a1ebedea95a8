//! Reading a state file of the older JSON format (format 1, written by emulators before the
//! SQLite database), so that [`crate::persist`] can migrate it on start.
//!
//! Format 1 was one JSON document `{"format": 1, "state": {...}}` rewritten whole after every
//! change. Its types are spelled out here, apart from the in-memory ones, so the state can
//! change without breaking the migration. Like the database, it held no secret value: only
//! digests, under the key in `FILE.key`, which the database goes on using.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::audit::AuditEvent;
use crate::digest::{DigestKey, ValueDigest};
use crate::limits::Plan;
use crate::secrets_store::{Store, StoreSecret};
use crate::state::State;
use crate::workers::{Binding, ScriptKey};

/// The format number of the JSON state file.
pub const JSON_FORMAT: u64 = 1;

#[derive(Deserialize)]
struct FileV1 {
    format: u64,
    state: StateV1,
}

#[derive(Deserialize)]
struct StateV1 {
    scripts: Vec<ScriptV1>,
    stores: BTreeMap<String, BTreeMap<String, StoreV1>>,
    sequence: u64,
    #[serde(default)]
    audit: Vec<AuditEvent>,
}

#[derive(Deserialize)]
struct ScriptV1 {
    key: KeyV1,
    secrets: BTreeMap<String, BindingV1>,
}

#[derive(Deserialize)]
struct KeyV1 {
    account: String,
    namespace: Option<String>,
    script: String,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum BindingV1 {
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

#[derive(Deserialize)]
struct StoreV1 {
    id: String,
    name: String,
    account: String,
    created: String,
    modified: String,
    created_seq: u64,
    modified_seq: u64,
    secrets: BTreeMap<String, SecretV1>,
}

#[derive(Deserialize)]
struct SecretV1 {
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

/// Reads a format-1 state file into a state hashed with `digest_key`, keeping the newest
/// `audit_capacity` audit events. The error says what is wrong, never a value.
pub fn read_json_state(
    bytes: &[u8],
    digest_key: DigestKey,
    plan: Plan,
    audit_capacity: usize,
) -> Result<State, String> {
    let file: FileV1 = serde_json::from_slice(bytes).map_err(|error| error.to_string())?;
    if file.format != JSON_FORMAT {
        return Err(format!(
            "format {} is not {JSON_FORMAT}, the JSON format this emulator migrates",
            file.format
        ));
    }
    let mut state = State::new(digest_key, plan).with_audit_capacity(audit_capacity);
    state.sequence = file.state.sequence;
    for script in file.state.scripts {
        let key = ScriptKey {
            account: script.key.account,
            namespace: script.key.namespace,
            script: script.key.script,
        };
        let bindings = script
            .secrets
            .into_iter()
            .map(|(name, binding)| {
                let binding = match binding {
                    BindingV1::Text { name, text } => Binding::Text { name, text },
                    BindingV1::Key {
                        name,
                        algorithm,
                        format,
                        usages,
                        material,
                    } => Binding::Key {
                        name,
                        algorithm,
                        format,
                        usages,
                        material,
                    },
                };
                (name, binding)
            })
            .collect();
        state.workers.scripts.insert(key, bindings);
    }
    for (account, stores) in file.state.stores {
        let stores = stores
            .into_iter()
            .map(|(id, store)| {
                let secrets = store
                    .secrets
                    .into_iter()
                    .map(|(secret_id, secret)| {
                        let secret = StoreSecret {
                            id: secret.id,
                            name: secret.name,
                            store_id: secret.store_id,
                            value: secret.value,
                            comment: secret.comment,
                            scopes: secret.scopes,
                            status: secret.status,
                            created: secret.created,
                            modified: secret.modified,
                            created_seq: secret.created_seq,
                            modified_seq: secret.modified_seq,
                        };
                        (secret_id, secret)
                    })
                    .collect();
                let store = Store {
                    id: store.id,
                    name: store.name,
                    account: store.account,
                    created: store.created,
                    modified: store.modified,
                    created_seq: store.created_seq,
                    modified_seq: store.modified_seq,
                    secrets,
                };
                (id, store)
            })
            .collect();
        state.stores.insert(account, stores);
    }
    for event in file.state.audit {
        state.audit.push(event);
    }
    Ok(state)
}
