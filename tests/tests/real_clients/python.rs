//! Cloudflare's Python SDK (`cloudflare` on PyPI, pinned with hashes in
//! `tests/python/requirements.txt`) runs `tests/python/py_sdk_scenario.py` against the emulator:
//! every method of `workers.scripts.secrets`, its Workers for Platforms twin and
//! `secrets_store`, and the SDK's typed errors. The script checks each result; this module checks
//! the emulator's state afterwards.
//!
//! The SDK lives in a virtual environment under the target directory (`target/tmp/python-sdk`),
//! made when missing by `tests/python/install.py`, the one installer (`.ci/run` calls it ahead
//! of time). When `python3` or the package index cannot be reached the test fails and says so.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use cloudflare_secrets_emulator::Role;
use serde_json::Value;

use super::{ACCOUNT, TOKEN, assert_sdk_scenario_outcome, start, summary, text};

/// A token of the emulator that may only read Secrets Store.
const READER_TOKEN: &str = "real-client-reader-token";

fn python_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("python")
}

/// The python of the virtual environment that holds the pinned Python SDK, installed first
/// when missing (once per test run).
fn python_sdk() -> PathBuf {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON
        .get_or_init(|| {
            let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("python-sdk");
            let install = format!("python3 tests/python/install.py {}", venv.display());
            let output = Command::new("python3")
                .arg(python_dir().join("install.py"))
                .arg(&venv)
                .stdin(Stdio::null())
                .output();
            match output {
                Ok(output) if output.status.success() => PathBuf::from(
                    text(&output.stdout)
                        .lines()
                        .last()
                        .expect("install.py prints the environment's python"),
                ),
                Ok(output) => panic!(
                    "`{install}` failed ({}), and the Python SDK cannot run without it:\n{}{}",
                    output.status,
                    text(&output.stdout),
                    text(&output.stderr)
                ),
                Err(error) => panic!(
                    "python3 could not be started ({error}); install Python 3.10 or newer with \
                     its venv module, then run `{install}` from the workspace root (it needs PyPI)"
                ),
            }
        })
        .clone()
}

/// Runs the scenario with the environment's python against `base_url`; fails with its output
/// unless it succeeds, and returns its summary (the last line of standard output).
fn run_scenario(python: &Path, base_url: &str) -> Value {
    let mut command = Command::new(python);
    command
        .arg("py_sdk_scenario.py")
        .current_dir(python_dir())
        .env("CLOUDFLARE_BASE_URL", base_url)
        .env("CLOUDFLARE_API_TOKEN", TOKEN)
        .env("READER_TOKEN", READER_TOKEN)
        .env("ACCOUNT_ID", ACCOUNT)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null());
    // Other credentials the SDK would read, and proxies its HTTP client would send loopback
    // traffic to.
    for variable in [
        "CLOUDFLARE_API_KEY",
        "CLOUDFLARE_EMAIL",
        "CLOUDFLARE_API_USER_SERVICE_KEY",
        "CLOUDFLARE_CUSTOM_HEADERS",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        command.env_remove(variable);
    }
    let output = command.output().expect("the environment's python starts");
    assert!(
        output.status.success(),
        "the Python scenario failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        text(&output.stdout),
        text(&output.stderr)
    );
    summary(&output.stdout)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_python_sdk_calls_every_secrets_method() {
    let python = tokio::task::block_in_place(python_sdk);
    let (emulator, client) = start(|builder| {
        builder
            .token_with_role(READER_TOKEN, Role::SecretsStoreReporter)
            .worker("py-worker")
            .dispatch_worker("py-namespace", "tenant")
    })
    .await;
    let summary = tokio::task::block_in_place(|| run_scenario(&python, emulator.base_url()));

    // Workers secrets as the scenario left them: the text and the key it put last.
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "py-worker"),
        Some(vec!["API_KEY".to_owned(), "SIGNING_KEY".to_owned()])
    );
    assert_eq!(
        emulator.worker_secret_is(ACCOUNT, "py-worker", "API_KEY", "py-value-2"),
        Some(true)
    );
    assert_eq!(
        emulator.worker_secret_is(
            ACCOUNT,
            "py-worker",
            "SIGNING_KEY",
            "c2lnbmluZy1rZXktYnl0ZXM="
        ),
        Some(true),
        "the secret_key binding keeps its key_base64"
    );
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "py-undeclared"),
        None,
        "a refused write creates no script"
    );
    assert_eq!(
        emulator.dispatch_secret_names(ACCOUNT, "py-namespace", "tenant"),
        Some(vec!["SECOND".to_owned()])
    );

    assert_sdk_scenario_outcome(&emulator, &client, &summary).await;

    // The typed errors came from the emulator's answers, not from the SDK.
    let refused: Vec<(u16, &str)> = emulator
        .requests()
        .iter()
        .filter_map(|request| Some((request.status()?, request.operation?)))
        .filter(|(status, _)| matches!(status, 401 | 403))
        .collect();
    assert_eq!(
        refused,
        [(401, "secrets-store-quota"), (403, "secrets-store-create")],
        "one request with a bad token, one with a token that may only read"
    );
    emulator.shutdown().await;
}
