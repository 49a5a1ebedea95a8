//! Real clients against the emulator, run as their users run them, with each result checked and
//! the emulator's state checked afterwards: wrangler and Cloudflare's TypeScript SDK (pinned in
//! `tests/npm/package.json`, module `npm`) and Cloudflare's Python SDK (pinned in
//! `tests/python/requirements.txt`, module `python`). Each test declares the Workers its client
//! uses; the emulator answers 10007 for any other script.
//!
//! The clients are installed by the tests themselves when missing (`.ci/run` installs them ahead
//! of time, in the background, while it builds), so `cargo test --workspace` needs no other
//! step. When npm, Python or a package registry cannot be reached the tests fail and say so;
//! they are never skipped.

mod npm;
mod python;
mod typescript;
mod wrangler;

use std::collections::BTreeSet;
use std::path::PathBuf;

use cloudflare_secrets::{Client, operations};
use cloudflare_secrets_emulator::{
    AuditAction, Emulator, EmulatorBuilder, EmulatorHandle, RecordedRequest,
};
use cloudflare_secrets_tests::ids::ACCOUNT;
use serde_json::Value;

/// The token every emulator here requires.
const TOKEN: &str = "real-client-token";

/// A process output as text (lossy UTF-8).
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The JSON summary a scenario prints as the last line of its standard output.
fn summary(stdout: &[u8]) -> Value {
    let stdout = text(stdout);
    let line = stdout
        .lines()
        .last()
        .expect("the scenario printed a summary line");
    serde_json::from_str(line).expect("the summary is JSON")
}

/// An emulator that requires [`TOKEN`], set up further by `configure` (the Workers a client
/// uses must be declared), and a Rust SDK client for checking its state.
async fn start(
    configure: impl FnOnce(EmulatorBuilder) -> EmulatorBuilder,
) -> (EmulatorHandle, Client) {
    let emulator = configure(Emulator::builder().token(TOKEN))
        .start()
        .await
        .expect("emulator starts");
    let client = Client::builder()
        .base_url(emulator.base_url())
        .api_token(TOKEN)
        .build()
        .expect("client builds");
    (emulator, client)
}

/// A temporary home for one client run, removed at the end.
struct TemporaryHome(PathBuf);

impl TemporaryHome {
    fn new(name: &str) -> TemporaryHome {
        let path = std::env::temp_dir().join(format!(
            "cloudflare-secrets-{name}-{}-{}",
            std::process::id(),
            fastrand_suffix()
        ));
        std::fs::create_dir_all(&path).expect("temporary home");
        TemporaryHome(path)
    }
}

impl Drop for TemporaryHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn fastrand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| u64::from(elapsed.subsec_nanos()))
}

/// Checks what the TypeScript and Python scenarios leave behind in Secrets Store (they run the
/// same steps; `summary` is the JSON line they print): every operation of the spec was called,
/// the bodiless bulk delete was refused and the one with ids deleted exactly its secret, a store
/// with secrets was refused once and deleted with `force`, and the audit log saw each change.
async fn assert_sdk_scenario_outcome(emulator: &EmulatorHandle, client: &Client, summary: &Value) {
    let field = |name: &str| summary[name].as_str().expect("an id").to_owned();
    assert_eq!(
        emulator.dropped_requests(),
        0,
        "the request log holds every request"
    );
    let requests = emulator.requests();
    let called: BTreeSet<&str> = requests
        .iter()
        .filter_map(|request| request.operation)
        .collect();
    let every: BTreeSet<&str> = operations::OPERATIONS
        .iter()
        .map(|operation| operation.id)
        .collect();
    assert_eq!(
        every.difference(&called).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "the scenario calls every operation of the spec"
    );
    assert_eq!(
        emulator.count_requests("*", "/__emulator"),
        0,
        "the SDK used only the public API"
    );
    let bulk_deletes: Vec<Option<u16>> = requests
        .iter()
        .filter(|request| request.operation == Some("secrets-store-delete-bulk"))
        .map(RecordedRequest::status)
        .collect();
    assert_eq!(
        bulk_deletes,
        [Some(400), Some(202)],
        "the bodiless bulk delete is refused, the one with ids accepted"
    );

    let conflicts: Vec<Option<&str>> = requests
        .iter()
        .filter(|request| request.status() == Some(409))
        .map(|request| request.operation)
        .collect();
    assert_eq!(
        conflicts,
        [Some("secrets-store-delete-by-id")],
        "one refused delete of a store with secrets (the SDK was told not to retry it)"
    );

    // The forced delete took the first store; the kept one holds one secret.
    assert_eq!(emulator.store_count(ACCOUNT), 1);
    assert_eq!(emulator.secret_count(ACCOUNT), 1);
    let store = field("store");
    let kept = client
        .secrets_store()
        .stores()
        .secrets()
        .get(ACCOUNT, store.as_str(), field("secret").as_str())
        .await
        .expect("the kept secret");
    assert_eq!(kept.name, "KEPT");
    assert_eq!(
        emulator.store_secret_value_is(ACCOUNT, &store, &field("secret"), "kept-value"),
        Some(true)
    );

    // Deletes, in order: the single delete, the bulk delete by id, then the forced store
    // delete, one event per secret it held.
    let events = emulator.audit_events();
    let deletes: Vec<&str> = events
        .iter()
        .filter(|event| event.action == AuditAction::Delete)
        .map(|event| event.secret_id.as_str())
        .collect();
    let (db, gateway, copy, throwaway) = (
        field("db"),
        field("gateway"),
        field("copy"),
        field("throwaway"),
    );
    assert_eq!(deletes.len(), 4, "{deletes:?}");
    assert_eq!(deletes[..2], [throwaway.as_str(), copy.as_str()]);
    let mut cascaded = deletes[2..].to_vec();
    cascaded.sort_unstable();
    let mut expected = vec![db.as_str(), gateway.as_str()];
    expected.sort_unstable();
    assert_eq!(
        cascaded, expected,
        "the forced store delete, one per secret"
    );
    let update = events
        .iter()
        .find(|event| event.action == AuditAction::Update)
        .expect("the edit");
    assert_eq!(
        (update.secret_id.as_str(), update.value_modified),
        (db.as_str(), Some(true))
    );
    let duplicate = events
        .iter()
        .find(|event| event.secret_id == copy && event.action == AuditAction::Create)
        .expect("the duplicate");
    assert_eq!(
        duplicate.duplicated_from_id.as_deref(),
        Some(gateway.as_str())
    );
}
