//! `--state FILE` survives a crash: the emulator program is killed (SIGKILL on Unix) in the middle
//! of a burst of writes from several clients, restarted on the same file, and must hold every
//! write it acknowledged, at most the writes that were in flight besides, and no secret value in
//! the file.

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
    let state = directory.join("state.json");
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

    let file = std::fs::read_to_string(&state).expect("the state file exists");
    let parsed: serde_json::Value = serde_json::from_str(&file).expect("a whole JSON document");
    assert_eq!(parsed["format"], 1);
    assert!(
        !file.contains("burst-value-of-"),
        "the state file holds a secret value"
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
