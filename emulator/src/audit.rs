//! Audit events for Secrets Store secrets, as Cloudflare's audit log documents them.
//!
//! Cloudflare logs four actions on a secret: `access`, `create` (a duplicate is a `create` with
//! `duplicated_from_id`), `update` (with `value_modified: true` when the value was edited) and
//! `delete`. The emulator records the same, in order, and answers them from
//! [`EmulatorHandle::audit_events`](crate::EmulatorHandle::audit_events) and from the
//! emulator-only path `GET /client/v4/__emulator/audit` (see the crate docs). An event names a
//! secret by id and name; it never holds a value.
//!
//! What counts as an `access`: reading one secret's metadata
//! (`GET .../secrets/{secret_id}`, operation `secrets-store-get-by-id`). The real service also
//! logs a Worker reading the secret through its binding; the emulator runs no Workers.

use serde::{Deserialize, Serialize};

/// What happened to a secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditAction {
    /// The secret was read.
    Access,
    /// The secret was created, or duplicated from another one.
    Create,
    /// The secret's comment, scopes or value were changed.
    Update,
    /// The secret was deleted (alone, in a bulk delete, or with its store).
    Delete,
}

/// One audit event. Serialized as the admin path answers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuditEvent {
    /// Position in the log, from 1.
    pub sequence: u64,
    /// When, RFC 3339 with microseconds.
    pub when: String,
    /// What happened.
    pub action: AuditAction,
    /// The account.
    pub account_id: String,
    /// The store that holds (or held) the secret.
    pub store_id: String,
    /// The secret.
    pub secret_id: String,
    /// The secret's name at the time.
    pub secret_name: String,
    /// For a `create` by duplication: the id of the secret it was copied from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicated_from_id: Option<String>,
    /// For an `update`: whether the value changed (`false` when the update set the same value
    /// again or did not send one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_modified: Option<bool>,
}
