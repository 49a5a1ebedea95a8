//! `--state FILE` survives a crash: the emulator program is killed (SIGKILL on Unix) in the middle
//! of a burst of writes from several clients, restarted on the same database, and must hold
//! every write it acknowledged, at most the writes that were in flight besides, and no secret
//! value in the database or its write-ahead log.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cloudflare_secrets::{Client, CreateSecretRequest, CreateStoreRequest, Scope};
use futures_util::StreamExt;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const WRITERS: usize = 4;

/// The emulator program; killed when dropped, so a failing test leaves no server behind.
struct Running {
    child: Child,
    base_url: String,
}

impl Running {
    fn start(state: &Path) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cloudflare-secrets-emulator"))
            .args(["--port", "0", "--token", "t", "--state"])
            .arg(state)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the emulator starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the emulator prints its base URL");
        let base_url = line.trim().to_owned();
        assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url:?}");
        Running { child, base_url }
    }

    fn client(&self) -> Client {
        Client::builder()
            .base_url(&self.base_url)
            .api_token("t")
            .max_retries(0)
            .timeout(Duration::from_secs(5))
            .build()
            .expect("client builds")
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.kill();
    }
}

fn temporary_directory() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.subsec_nanos());
    let path = std::env::temp_dir().join(format!(
        "cloudflare-secrets-emulator-kill-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&path).expect("temporary directory");
    path
}

fn value_of(name: &str) -> String {
    format!("burst-value-of-{name}-q7z")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_emulator_keeps_every_acknowledged_write_and_no_value() {
    let directory = temporary_directory();
    let state = directory.join("state.db");
    let mut first = Running::start(&state);
    let client = first.client();
    let store = client
        .secrets_store()
        .stores()
        .create(ACCOUNT, CreateStoreRequest::new("burst"))
        .await
        .expect("store");

    // Several writers create secrets one after another until the emulator dies under them.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut writers = Vec::new();
    for writer in 0..WRITERS {
        let client = client.clone();
        let store = store.id.clone();
        let acknowledged = Arc::clone(&acknowledged);
        writers.push(tokio::spawn(async move {
            for index in 0.. {
                let name = format!("W{writer}_{index:03}");
                let request =
                    CreateSecretRequest::new(&name, value_of(&name), vec![Scope::Workers]);
                match client
                    .secrets_store()
                    .stores()
                    .secrets()
                    .create(ACCOUNT, &store, vec![request])
                    .await
                {
                    Ok(_) => acknowledged.lock().expect("lock").push(name),
                    Err(_) => break,
                }
                if index >= 24 {
                    break;
                }
            }
        }));
    }
    loop {
        let done = acknowledged.lock().expect("lock").len();
        if done >= 30 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    first.kill();
    for writer in writers {
        writer.await.expect("writer finishes");
    }
    let acknowledged: BTreeSet<String> =
        acknowledged.lock().expect("lock").iter().cloned().collect();
    assert!(acknowledged.len() >= 30);
    assert!(
        acknowledged.len() < WRITERS * 25,
        "the kill came after the burst ended, so it proves nothing"
    );

    // The database and its write-ahead log, as the kill left them (not yet checkpointed).
    let mut written = std::fs::read(&state).expect("the state database exists");
    assert!(
        written.starts_with(b"SQLite format 3\0"),
        "not a SQLite database"
    );
    written.extend(std::fs::read(directory.join("state.db-wal")).unwrap_or_default());
    assert!(
        !written
            .windows(b"burst-value-of-".len())
            .any(|window| window == b"burst-value-of-"),
        "the state database holds a secret value"
    );

    // A restarted emulator serves what the killed one acknowledged.
    let second = Running::start(&state);
    let client = second.client();
    let present: BTreeSet<String> = client
        .secrets_store()
        .stores()
        .secrets()
        .list(ACCOUNT, &store.id)
        .per_page(100)
        .stream()
        .map(|secret| secret.expect("page").name)
        .collect()
        .await;
    let missing: Vec<&String> = acknowledged.difference(&present).collect();
    assert!(
        missing.is_empty(),
        "acknowledged writes were lost: {missing:?}"
    );
    let extra: Vec<&String> = present.difference(&acknowledged).collect();
    assert!(
        extra.len() <= WRITERS,
        "only the requests in flight may have landed unacknowledged: {extra:?}"
    );
    let quota = client
        .secrets_store()
        .quota()
        .get(ACCOUNT)
        .await
        .expect("quota");
    assert_eq!(quota.secrets.usage as usize, present.len());
    drop(second);
    let _ = std::fs::remove_dir_all(&directory);
}

/// The state file an emulator of the JSON era wrote (format 1), with its key: a store with
/// three secrets (one updated, one read, one duplicated), a Worker with a text and a key
/// binding, a Worker whose only secret was deleted, and a dispatch-namespace script.
const V1_STATE: &[u8] = include_bytes!("fixtures/state-v1/state.json");
const V1_KEY: &[u8] = include_bytes!("fixtures/state-v1/state.json.key");
const V1_STORE: &str = "3c8fca04a440055f7114cd67f2ee48c0";
const V1_API_KEY: &str = "2c160e608bb16614fa7c62bea2d44890";
const V1_DB_PASSWORD: &str = "445757e46c492a801720c18b9d8d8bff";
const V1_API_KEY_COPY: &str = "ddc6cf13bcdcff1a3259a6a5af153619";

fn client_for(emulator: &cloudflare_secrets_emulator::EmulatorHandle) -> Client {
    Client::builder()
        .base_url(emulator.base_url())
        .api_token("t")
        .max_retries(0)
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn a_json_state_file_is_migrated_to_the_database_on_start_and_kept_beside_it() {
    use cloudflare_secrets_emulator::{AuditAction, Emulator};
    let directory = temporary_directory();
    let state = directory.join("state.json");
    std::fs::write(&state, V1_STATE).expect("fixture");
    std::fs::write(directory.join("state.json.key"), V1_KEY).expect("key");
    let emulator = Emulator::builder()
        .token("t")
        .state_file(&state)
        .start()
        .await
        .expect("starts on a JSON state file");
    let backup = directory.join("state.json.v1.json");
    assert_eq!(emulator.state_file_migrated_from(), Some(backup.clone()));
    assert_eq!(std::fs::read(&backup).expect("the JSON is kept"), V1_STATE);
    let header = std::fs::read(&state).expect("the database");
    assert!(header.starts_with(b"SQLite format 3\0"));

    for (secret, value) in [
        (V1_API_KEY, "v1-api-key-value"),
        (V1_DB_PASSWORD, "v1-db-password-2"),
        (V1_API_KEY_COPY, "v1-api-key-value"),
    ] {
        assert_eq!(
            emulator.store_secret_value_is(ACCOUNT, V1_STORE, secret, value),
            Some(true),
            "{secret}"
        );
    }
    assert_eq!(
        emulator.store_secret_value_is(ACCOUNT, V1_STORE, V1_DB_PASSWORD, "v1-db-password"),
        Some(false)
    );
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "my-worker"),
        Some(vec!["SIGNING".to_owned(), "TOKEN".to_owned()])
    );
    assert_eq!(
        emulator.worker_secret_is(ACCOUNT, "my-worker", "SIGNING", "djEta2V5LW1hdGVyaWFs"),
        Some(true)
    );
    assert_eq!(
        emulator.worker_secret_is(ACCOUNT, "my-worker", "TOKEN", "v1-worker-token"),
        Some(true)
    );
    assert_eq!(
        emulator.dispatch_secret_names(ACCOUNT, "prod", "tenant-a"),
        Some(vec!["TENANT".to_owned()])
    );
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "emptied"),
        Some(vec![])
    );
    let events = emulator.audit_events();
    assert_eq!(
        events.iter().map(|event| event.action).collect::<Vec<_>>(),
        [
            AuditAction::Create,
            AuditAction::Create,
            AuditAction::Update,
            AuditAction::Access,
            AuditAction::Create
        ]
    );
    assert_eq!(events[4].duplicated_from_id.as_deref(), Some(V1_API_KEY));

    // A key binding's metadata survived, and new writes go on from the old numbering.
    let client = client_for(&emulator);
    let listed = client
        .workers()
        .scripts()
        .secrets()
        .list(ACCOUNT, "my-worker")
        .await
        .expect("list");
    assert_eq!(listed.len(), 2);
    let store = cloudflare_secrets::StoreId::from(V1_STORE);
    client
        .secrets_store()
        .stores()
        .secrets()
        .get(ACCOUNT, &store, V1_DB_PASSWORD)
        .await
        .expect("get");
    assert_eq!(
        emulator.audit_events().last().map(|event| event.sequence),
        Some(6)
    );
    emulator.shutdown().await;

    // The next start opens the database as it is: no second migration.
    let again = Emulator::builder()
        .token("t")
        .state_file(&state)
        .start()
        .await
        .expect("restarts");
    assert_eq!(again.state_file_migrated_from(), None);
    assert_eq!(again.audit_events().len(), 6);
    assert_eq!(again.secret_count(ACCOUNT), 3);
    again.shutdown().await;
    let _ = std::fs::remove_dir_all(&directory);
}

#[tokio::test]
async fn a_file_that_is_neither_a_database_nor_a_json_state_is_refused_with_what_to_do() {
    use cloudflare_secrets_emulator::Emulator;
    let directory = temporary_directory();
    for (name, contents) in [
        ("notes.txt", &b"not a state file"[..]),
        ("broken.json", &b"{\"format\": 1, \"state\": 3}"[..]),
        ("future.json", &b"{\"format\": 7, \"state\": {}}"[..]),
    ] {
        let path = directory.join(name);
        std::fs::write(&path, contents).expect("write");
        let error = Emulator::builder()
            .state_file(&path)
            .start()
            .await
            .expect_err("refused");
        let message = error.to_string();
        assert!(message.contains(name), "{message}");
        assert!(
            message.contains("move it away or pass another --state path"),
            "{message}"
        );
        assert_eq!(std::fs::read(&path).expect("untouched"), contents);
    }
    let _ = std::fs::remove_dir_all(&directory);
}

#[tokio::test]
async fn the_audit_log_in_the_database_keeps_its_capacity_and_counts_what_it_dropped() {
    use cloudflare_secrets::{CreateSecretRequest, CreateStoreRequest};
    use cloudflare_secrets_emulator::Emulator;
    let directory = temporary_directory();
    let state = directory.join("audit.db");
    let emulator = Emulator::builder()
        .token("t")
        .audit_log_capacity(3)
        .state_file(&state)
        .start()
        .await
        .expect("starts");
    let client = client_for(&emulator);
    let store = client
        .secrets_store()
        .stores()
        .create(ACCOUNT, CreateStoreRequest::new("audit"))
        .await
        .expect("store");
    let created = client
        .secrets_store()
        .stores()
        .secrets()
        .create(
            ACCOUNT,
            &store.id,
            vec![CreateSecretRequest::new(
                "A",
                "audit-value",
                vec![Scope::Workers],
            )],
        )
        .await
        .expect("create");
    for _ in 0..4 {
        client
            .secrets_store()
            .stores()
            .secrets()
            .get(ACCOUNT, &store.id, &created[0].id)
            .await
            .expect("get");
    }
    let sequences = |events: Vec<cloudflare_secrets_emulator::AuditEvent>| {
        events
            .iter()
            .map(|event| event.sequence)
            .collect::<Vec<_>>()
    };
    assert_eq!(sequences(emulator.audit_events()), [3, 4, 5]);
    assert_eq!(emulator.dropped_audit_events(), 2);
    emulator.shutdown().await;
    let again = Emulator::builder()
        .token("t")
        .audit_log_capacity(3)
        .state_file(&state)
        .start()
        .await
        .expect("restarts");
    assert_eq!(sequences(again.audit_events()), [3, 4, 5]);
    assert_eq!(again.dropped_audit_events(), 2);
    again.shutdown().await;
    let _ = std::fs::remove_dir_all(&directory);
}
