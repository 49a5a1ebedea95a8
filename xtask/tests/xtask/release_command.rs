//! `cargo xtask release [--check]` on scratch workspaces: the first release, a sample addition
//! (a patch bump under 0.x) and a sample breaking change (a minor bump under 0.x), each with its
//! CHANGELOG.md section, the versions written to the SDK, the crates released with it and
//! Cargo.lock, and `--check` failing before and passing after.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use xtask::release::{
    CHANGELOG_PATH, EXIT_CHECK_FAILED, EXIT_ERROR, EXIT_OK, RELEASED_SPEC_PATH, sha256_hex,
};

/// The change report's corpus: `<case>/old.yaml` and `<case>/new.yaml`.
fn corpus_spec(case: &str, side: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../codegen/tests/diff")
        .join(case)
        .join(format!("{side}.yaml"));
    fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// A scratch workspace shaped like this one: the SDK, an emulator that pins it, and an
/// unpublished tests crate that depends on it by path. Removed on drop.
struct Workspace {
    root: PathBuf,
}

impl Workspace {
    fn new(name: &str, spec: &str) -> Workspace {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "xtask-release-{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&root);
        let workspace = Workspace { root };
        workspace.write(
            "Cargo.toml",
            "[workspace]\nmembers = [\"generated\", \"emulator\", \"tests\"]\n",
        );
        workspace.write(
            "generated/Cargo.toml",
            "[package]\nname = \"cloudflare-secrets\"\n# The SDK's version.\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[dependencies]\nserde = \"1\"\n",
        );
        workspace.write(
            "emulator/Cargo.toml",
            "[package]\nname = \"cloudflare-secrets-emulator\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[dependencies]\n# Pinned.\ncloudflare-secrets = { path = \"../generated\", version = \"=0.1.0\" }\n",
        );
        workspace.write(
            "tests/Cargo.toml",
            "[package]\nname = \"tests\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dev-dependencies]\ncloudflare-secrets = { path = \"../generated\" }\n",
        );
        workspace.write(
            "Cargo.lock",
            "version = 4\n\n[[package]]\nname = \"cloudflare-secrets\"\nversion = \"0.1.0\"\ndependencies = [\n \"serde\",\n]\n\n\
             [[package]]\nname = \"cloudflare-secrets-emulator\"\nversion = \"0.1.0\"\n\n\
             [[package]]\nname = \"serde\"\nversion = \"0.1.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n\
             [[package]]\nname = \"tests\"\nversion = \"0.0.0\"\n",
        );
        workspace.write("spec/openapi.yaml", spec);
        workspace
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.root.join(relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("create the directory");
        fs::write(&path, text).expect("write the file");
    }

    fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.root.join(relative))
            .unwrap_or_else(|error| panic!("cannot read {relative}: {error}"))
    }

    /// Runs the command's entry point; returns (status, stdout, stderr).
    fn release(&self, args: &[&str]) -> (u8, String, String) {
        let mut stdout = Vec::new();
        let mut stderr = Vec::new();
        let status = xtask::release::main(&self.root, args, &mut stdout, &mut stderr);
        (
            status,
            String::from_utf8(stdout).expect("utf-8"),
            String::from_utf8(stderr).expect("utf-8"),
        )
    }

    /// `release` succeeds; returns its output.
    fn release_ok(&self) -> String {
        let (status, stdout, stderr) = self.release(&[]);
        assert_eq!(status, EXIT_OK, "stdout:\n{stdout}\nstderr:\n{stderr}");
        stdout
    }

    /// The version in a manifest's `[package]`.
    fn version(&self, manifest: &str) -> String {
        let text = self.read(manifest);
        let line = text
            .lines()
            .find(|line| line.starts_with("version = "))
            .unwrap_or_else(|| panic!("{manifest} has no version:\n{text}"));
        line.trim_start_matches("version = ")
            .trim_matches('"')
            .to_owned()
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

#[test]
fn the_first_release_records_the_spec_and_check_passes_until_the_spec_changes() {
    let base = corpus_spec("no_changes", "old");
    let workspace = Workspace::new("first", &base);

    let (status, _, stderr) = workspace.release(&["--check"]);
    assert_eq!(status, EXIT_CHECK_FAILED, "{stderr}");
    assert!(stderr.contains("no release is recorded"), "{stderr}");

    let output = workspace.release_ok();
    assert!(output.contains("first release, 0.1.0"), "{output}");
    assert_eq!(workspace.read(RELEASED_SPEC_PATH), base);
    let manifest = workspace.read("generated/Cargo.toml");
    assert!(
        manifest.contains(&format!(
            "[package.metadata.release]\nversion = \"0.1.0\"\nspec-sha256 = \"{}\"",
            sha256_hex(&base)
        )),
        "{manifest}"
    );
    assert!(
        manifest.contains("# The SDK's version.\nversion = \"0.1.0\""),
        "comments and layout are kept:\n{manifest}"
    );
    let changelog = workspace.read(CHANGELOG_PATH);
    assert!(changelog.starts_with("# Changelog\n"), "{changelog}");
    assert!(changelog.contains("\n## 0.1.0 ("), "{changelog}");
    assert!(changelog.contains(&sha256_hex(&base)), "{changelog}");

    let (status, stdout, stderr) = workspace.release(&["--check"]);
    assert_eq!(status, EXIT_OK, "{stderr}");
    assert!(
        stdout.contains("no API change since release 0.1.0"),
        "{stdout}"
    );
    let output = workspace.release_ok();
    assert!(output.contains("nothing to release"), "{output}");
    assert_eq!(workspace.read(CHANGELOG_PATH), changelog, "nothing written");
}

#[test]
fn an_addition_is_a_patch_release_and_a_breaking_change_a_minor_one_under_zero_x() {
    let workspace = Workspace::new("bumps", &corpus_spec("no_changes", "old"));
    workspace.release_ok();

    // A sample addition: an optional request field.
    workspace.write(
        "spec/openapi.yaml",
        &corpus_spec("request_field_added_optional", "new"),
    );
    let (status, _, stderr) = workspace.release(&["--check"]);
    assert_eq!(status, EXIT_CHECK_FAILED, "{stderr}");
    assert!(
        stderr.contains("needs a minor bump (to 0.1.1), but cloudflare-secrets is still at 0.1.0"),
        "{stderr}"
    );
    assert!(stderr.contains("run `cargo xtask release`"), "{stderr}");

    let output = workspace.release_ok();
    assert!(output.contains("0.1.0 -> 0.1.1 (minor bump)"), "{output}");
    assert_eq!(workspace.version("generated/Cargo.toml"), "0.1.1");
    assert_eq!(workspace.version("emulator/Cargo.toml"), "0.1.1");
    let emulator = workspace.read("emulator/Cargo.toml");
    assert!(
        emulator.contains(
            "# Pinned.\ncloudflare-secrets = { path = \"../generated\", version = \"=0.1.1\" }"
        ),
        "{emulator}"
    );
    assert_eq!(
        workspace.read("tests/Cargo.toml"),
        "[package]\nname = \"tests\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dev-dependencies]\ncloudflare-secrets = { path = \"../generated\" }\n",
        "an unpublished crate that depends by path is left alone"
    );
    let lock = workspace.read("Cargo.lock");
    assert!(
        lock.contains("name = \"cloudflare-secrets\"\nversion = \"0.1.1\""),
        "{lock}"
    );
    assert!(
        lock.contains("name = \"cloudflare-secrets-emulator\"\nversion = \"0.1.1\""),
        "{lock}"
    );
    assert!(
        lock.contains("name = \"serde\"\nversion = \"0.1.0\""),
        "a registry package is left alone:\n{lock}"
    );
    let changelog = workspace.read(CHANGELOG_PATH);
    let section = &changelog[changelog.find("## 0.1.1").expect("the new section")
        ..changelog.find("## 0.1.0").expect("the first section")];
    assert!(
        section.contains("compared with 0.1.0: the changes need a minor bump"),
        "{section}"
    );
    assert!(section.contains("### Added\n\n- `types::"), "{section}");
    assert!(!section.contains("### Breaking"), "{section}");

    let (status, _, stderr) = workspace.release(&["--check"]);
    assert_eq!(status, EXIT_OK, "{stderr}");

    // A sample breaking change: an operation removed.
    workspace.write(
        "spec/openapi.yaml",
        &corpus_spec("operation_removed", "new"),
    );
    let (status, _, stderr) = workspace.release(&["--check"]);
    assert_eq!(status, EXIT_CHECK_FAILED, "{stderr}");
    assert!(
        stderr.contains("needs a major bump (to 0.2.0), but cloudflare-secrets is still at 0.1.1"),
        "{stderr}"
    );
    assert!(stderr.contains("operation removed"), "{stderr}");

    let output = workspace.release_ok();
    assert!(output.contains("0.1.1 -> 0.2.0 (major bump)"), "{output}");
    assert_eq!(workspace.version("generated/Cargo.toml"), "0.2.0");
    assert_eq!(workspace.version("emulator/Cargo.toml"), "0.2.0");
    let changelog = workspace.read(CHANGELOG_PATH);
    let newest = changelog.find("## 0.2.0").expect("the breaking section");
    assert!(
        newest < changelog.find("## 0.1.1").expect("older"),
        "{changelog}"
    );
    let section = &changelog[newest..changelog.find("## 0.1.1").expect("older")];
    assert!(section.contains("### Breaking\n\n- `"), "{section}");
    assert!(section.contains("operation removed"), "{section}");
    assert_eq!(
        workspace.read(RELEASED_SPEC_PATH),
        corpus_spec("operation_removed", "new")
    );
    let (status, _, stderr) = workspace.release(&["--check"]);
    assert_eq!(status, EXIT_OK, "{stderr}");
}

#[test]
fn a_version_raised_by_hand_far_enough_passes_the_check_and_is_kept() {
    let workspace = Workspace::new("by-hand", &corpus_spec("no_changes", "old"));
    workspace.release_ok();
    workspace.write(
        "spec/openapi.yaml",
        &corpus_spec("operation_removed", "new"),
    );
    let manifest = workspace.read("generated/Cargo.toml");

    // 0.1.1 does not cover a breaking change, 0.3.0 does.
    workspace.write(
        "generated/Cargo.toml",
        &manifest.replacen("version = \"0.1.0\"", "version = \"0.1.1\"", 1),
    );
    workspace.write(
        "emulator/Cargo.toml",
        &workspace
            .read("emulator/Cargo.toml")
            .replace("0.1.0", "0.1.1"),
    );
    let (status, _, stderr) = workspace.release(&["--check"]);
    assert_eq!(status, EXIT_CHECK_FAILED, "{stderr}");

    workspace.write(
        "generated/Cargo.toml",
        &manifest.replacen("version = \"0.1.0\"", "version = \"0.3.0\"", 1),
    );
    let (status, _, stderr) = workspace.release(&["--check"]);
    assert_eq!(status, EXIT_CHECK_FAILED, "the emulator still says 0.1.1");
    assert!(
        stderr.contains("cloudflare-secrets-emulator (emulator/Cargo.toml) is at version 0.1.1"),
        "{stderr}"
    );
    workspace.write(
        "emulator/Cargo.toml",
        &workspace
            .read("emulator/Cargo.toml")
            .replace("0.1.1", "0.3.0"),
    );
    let (status, stdout, stderr) = workspace.release(&["--check"]);
    assert_eq!(status, EXIT_OK, "{stderr}");
    assert!(stdout.contains("which covers them"), "{stdout}");

    let output = workspace.release_ok();
    assert!(output.contains("0.1.0 -> 0.3.0"), "{output}");
    assert_eq!(workspace.version("emulator/Cargo.toml"), "0.3.0");
}

#[test]
fn a_released_spec_edited_by_hand_is_refused() {
    let workspace = Workspace::new("tampered", &corpus_spec("no_changes", "old"));
    workspace.release_ok();
    let released = workspace.read(RELEASED_SPEC_PATH);
    workspace.write(RELEASED_SPEC_PATH, &format!("{released}\n# edited\n"));
    let (status, _, stderr) = workspace.release(&["--check"]);
    assert_eq!(status, EXIT_ERROR, "{stderr}");
    assert!(
        stderr.contains("release/openapi.yaml is not the spec released as 0.1.0"),
        "{stderr}"
    );
    assert!(
        stderr.contains("git checkout -- release/openapi.yaml"),
        "{stderr}"
    );
}

#[test]
fn bad_arguments_are_refused_with_the_usage() {
    let workspace = Workspace::new("arguments", &corpus_spec("no_changes", "old"));
    let (status, _, stderr) = workspace.release(&["--force"]);
    assert_eq!(status, xtask::cli::EXIT_USAGE);
    assert!(
        stderr.contains("usage: cargo xtask release [--check]"),
        "{stderr}"
    );
}
