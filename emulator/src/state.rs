//! The emulator's state, independent of HTTP: Workers scripts and their bindings
//! ([`crate::workers`]), Secrets Store stores and secrets ([`crate::secrets_store`]), the audit
//! log, and what changed since the last save.
//!
//! Every operation validates its whole input before it changes anything, so a request that
//! fails leaves the state (and its list of changes) exactly as it was. Secret values are never
//! stored and never returned: the state keeps a [`ValueDigest`](crate::digest::ValueDigest)
//! (length and keyed hash) of each.
//!
//! Each change marks what it touched ([`Changed`]); the persistence layer writes exactly those
//! rows after the request, so a write costs the same however much is stored.

use std::collections::{BTreeMap, BTreeSet};

use crate::audit::AuditEvent;
use crate::digest::DigestKey;
use crate::limits::Plan;
use crate::ring::{DEFAULT_AUDIT_LOG_CAPACITY, Ring};
use crate::secrets_store::Store;
use crate::workers::{ScriptKey, Workers};

/// One thing a request changed: the persistence layer writes its current value, or deletes
/// its row when it is gone.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Changed {
    /// A Worker script came to exist.
    Script(ScriptKey),
    /// A Workers secret binding was written or deleted: the script and the binding's name.
    Binding(ScriptKey, String),
    /// A store was created or deleted: account and store id.
    Store(String, String),
    /// A Secrets Store secret was written or deleted: account, store id and secret id.
    Secret(String, String, String),
}

/// What changed since the changes were last taken.
#[derive(Debug, Default)]
pub struct Changes {
    /// The rows to write or delete.
    pub items: BTreeSet<Changed>,
    /// The audit events recorded, oldest first.
    pub audit: Vec<AuditEvent>,
}

impl Changes {
    /// Notes that `changed` must be written.
    pub fn mark(&mut self, changed: Changed) {
        self.items.insert(changed);
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.audit.is_empty()
    }
}

/// Everything the emulator knows.
#[derive(Debug)]
pub struct State {
    pub(crate) workers: Workers,
    /// Stores by account, then by id.
    pub(crate) stores: BTreeMap<String, BTreeMap<String, Store>>,
    /// Grows on every change; orders creation and modification.
    pub(crate) sequence: u64,
    pub(crate) audit: Ring<AuditEvent>,
    pub(crate) digest_key: DigestKey,
    pub(crate) plan: Plan,
    pub(crate) changes: Changes,
}

impl State {
    /// An empty state whose values are hashed with `digest_key`, for `plan`.
    pub fn new(digest_key: DigestKey, plan: Plan) -> State {
        State {
            workers: Workers::default(),
            stores: BTreeMap::new(),
            sequence: 0,
            audit: Ring::new(DEFAULT_AUDIT_LOG_CAPACITY),
            digest_key,
            plan,
            changes: Changes::default(),
        }
    }

    /// Keeps at most `capacity` audit events, the newest.
    pub fn with_audit_capacity(mut self, capacity: usize) -> State {
        let mut audit = Ring::new(capacity).with_dropped(self.audit.dropped());
        for event in self.audit.iter() {
            audit.push(event.clone());
        }
        self.audit = audit;
        self
    }

    /// A number that grows with every change.
    pub fn revision(&self) -> u64 {
        self.sequence
    }

    /// The key values are hashed with.
    pub fn digest_key(&self) -> &DigestKey {
        &self.digest_key
    }

    /// The audit log: the newest events, oldest first, and how many were dropped.
    pub fn audit_log(&self) -> &Ring<AuditEvent> {
        &self.audit
    }

    /// Takes what changed since the last call.
    pub fn take_changes(&mut self) -> Changes {
        std::mem::take(&mut self.changes)
    }

    /// Moves the sequence on; returns the new value.
    pub(crate) fn tick(&mut self) -> u64 {
        self.sequence += 1;
        self.sequence
    }

    /// Appends an audit event, numbered after every event so far.
    pub(crate) fn record(&mut self, mut event: AuditEvent) {
        event.sequence = self.audit.total() + 1;
        self.changes.audit.push(event.clone());
        self.audit.push(event);
        self.tick();
    }
}
