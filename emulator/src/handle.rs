//! [`EmulatorHandle`]: a running emulator, and what tests ask it (requests received, audit
//! events, what a secret holds, which scripts exist).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::BASE_PATH;
use crate::audit::AuditEvent;
use crate::fault::{Fault, RecordedRequest};
use crate::routes::{Shared, lock};
use crate::workers::ScriptKey;

/// A running emulator. Dropping it stops the server; [`EmulatorHandle::shutdown`] also waits
/// for it.
#[derive(Debug)]
pub struct EmulatorHandle {
    address: SocketAddr,
    base_url: String,
    shared: Arc<Shared>,
    state_file: Option<PathBuf>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl EmulatorHandle {
    pub(crate) fn new(
        address: SocketAddr,
        shared: Arc<Shared>,
        state_file: Option<PathBuf>,
        stop: oneshot::Sender<()>,
        task: JoinHandle<()>,
    ) -> EmulatorHandle {
        EmulatorHandle {
            address,
            base_url: format!("http://{address}{BASE_PATH}"),
            shared,
            state_file,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// The base URL to give a client: `http://127.0.0.1:PORT/client/v4` (no trailing `/`).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The address the emulator listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.address
    }

    /// Adds a fault; see [`Fault`].
    pub fn inject(&self, fault: Fault) {
        lock(&self.shared.faults).push(fault);
    }

    /// Removes every fault that has not fired yet.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// The number of faults still waiting to fire.
    pub fn pending_faults(&self) -> usize {
        lock(&self.shared.faults).len()
    }

    /// The requests in the request log, in arrival order: the newest ones, up to the log's
    /// capacity ([`EmulatorBuilder::request_log_capacity`](crate::EmulatorBuilder::request_log_capacity)).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.requests).iter().cloned().collect()
    }

    /// How many requests the request log dropped to stay within its capacity (or forgot in
    /// [`EmulatorHandle::clear_requests`]).
    pub fn dropped_requests(&self) -> u64 {
        lock(&self.shared.requests).dropped()
    }

    /// The number of logged requests with this method (`"*"` for any) whose path contains
    /// `path_fragment`.
    pub fn count_requests(&self, method: &str, path_fragment: &str) -> usize {
        lock(&self.shared.requests)
            .iter()
            .filter(|request| method == "*" || request.method.eq_ignore_ascii_case(method))
            .filter(|request| request.path.contains(path_fragment))
            .count()
    }

    /// The number of logged requests to an operation (by `operationId`).
    pub fn count_operation(&self, operation_id: &str) -> usize {
        lock(&self.shared.requests)
            .iter()
            .filter(|request| request.operation == Some(operation_id))
            .count()
    }

    /// Forgets the logged requests.
    pub fn clear_requests(&self) {
        lock(&self.shared.requests).clear();
    }

    /// The number of Secrets Store secrets in an account (what the quota counts).
    pub fn secret_count(&self, account_id: &str) -> usize {
        lock(&self.shared.state).secret_count(account_id)
    }

    /// The number of Secrets Store stores in an account.
    pub fn store_count(&self, account_id: &str) -> usize {
        lock(&self.shared.state).store_count(account_id)
    }

    /// Whether a Secrets Store secret's value is `candidate` (`None` when there is no such
    /// secret), for tests that check what a client sent. The emulator keeps a keyed hash of each
    /// value, not the value.
    pub fn store_secret_value_is(
        &self,
        account_id: &str,
        store_id: &str,
        secret_id: &str,
        candidate: &str,
    ) -> Option<bool> {
        let state = lock(&self.shared.state);
        let digest = state.store_secret_digest(account_id, store_id, secret_id)?;
        Some(*digest == state.digest_key().digest(candidate.as_bytes()))
    }

    /// The length in bytes of a Secrets Store secret's value.
    pub fn store_secret_value_bytes(
        &self,
        account_id: &str,
        store_id: &str,
        secret_id: &str,
    ) -> Option<usize> {
        lock(&self.shared.state)
            .store_secret_digest(account_id, store_id, secret_id)
            .map(|digest| digest.bytes)
    }

    /// The audit events in the audit log, oldest first: the newest ones, up to the log's
    /// capacity (see the crate docs).
    pub fn audit_events(&self) -> Vec<AuditEvent> {
        lock(&self.shared.state)
            .audit_log()
            .iter()
            .cloned()
            .collect()
    }

    /// How many audit events the audit log dropped to stay within its capacity.
    pub fn dropped_audit_events(&self) -> u64 {
        lock(&self.shared.state).audit_log().dropped()
    }

    /// The state database, when the emulator was started with one.
    pub fn state_file(&self) -> Option<&Path> {
        self.state_file.as_deref()
    }

    /// Where the JSON state file was kept when the emulator migrated it to a database on this
    /// start (`FILE.v1.json`); see [`persist`](crate::persist).
    pub fn state_file_migrated_from(&self) -> Option<PathBuf> {
        let file = self.shared.state_file.as_ref()?;
        lock(file).migrated_from().map(Path::to_path_buf)
    }

    /// Declares a Worker script in one account (see the crate docs); `Ok(true)` when it is
    /// new. Fails when the account already has the plan's number of Workers, or when the
    /// state database cannot be written.
    pub fn declare_worker(&self, account_id: &str, script_name: &str) -> Result<bool, String> {
        self.declare(ScriptKey::worker(account_id, script_name))
    }

    /// Declares a Workers for Platforms script of a dispatch namespace in one account.
    pub fn declare_dispatch_worker(
        &self,
        account_id: &str,
        namespace: &str,
        script_name: &str,
    ) -> Result<bool, String> {
        self.declare(ScriptKey {
            namespace: Some(namespace.to_owned()),
            ..ScriptKey::worker(account_id, script_name)
        })
    }

    fn declare(&self, key: ScriptKey) -> Result<bool, String> {
        let mut state = lock(&self.shared.state);
        let created = state.declare_worker(&key).map_err(|error| error.message)?;
        self.shared
            .save(&mut state)
            .map_err(|error| error.message)?;
        Ok(created)
    }

    /// The names of a Worker script's secrets, or `None` when the script does not exist.
    pub fn worker_secret_names(&self, account_id: &str, script_name: &str) -> Option<Vec<String>> {
        lock(&self.shared.state).worker_secret_names(&ScriptKey::worker(account_id, script_name))
    }

    /// The names of a dispatch-namespace script's secrets, or `None` when it does not exist.
    pub fn dispatch_secret_names(
        &self,
        account_id: &str,
        namespace: &str,
        script_name: &str,
    ) -> Option<Vec<String>> {
        lock(&self.shared.state).worker_secret_names(&ScriptKey {
            namespace: Some(namespace.to_owned()),
            ..ScriptKey::worker(account_id, script_name)
        })
    }

    /// Whether a Worker script's binding holds `candidate` (the text of a `secret_text`, the
    /// `key_base64` of a `secret_key`, or its `key_jwk` as compact JSON); `None` when there is
    /// no such binding.
    pub fn worker_secret_is(
        &self,
        account_id: &str,
        script_name: &str,
        name: &str,
        candidate: &str,
    ) -> Option<bool> {
        let state = lock(&self.shared.state);
        let digest =
            state.worker_secret_digest(&ScriptKey::worker(account_id, script_name), name)?;
        Some(*digest == state.digest_key().digest(candidate.as_bytes()))
    }

    /// Stops accepting connections, ends the open ones and waits for the server task.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for EmulatorHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
