//! `cargo xtask fresh-deps`: builds and lints the published crates (the SDK and the emulator)
//! against freshly resolved dependencies, as a user's crate gets them, with warnings denied.
//!
//! A user's crate does not use this workspace's `Cargo.lock`: Cargo resolves the newest
//! versions the manifests allow. A dependency's new release can then bring a warning (a
//! deprecation) or a break that the workspace, pinned by its lock file, never sees. This task
//! copies the two published crates into a scratch workspace under `target/fresh-deps/` (the root
//! manifest's shared settings, none of the unpublished members, no lock file), resolves it, says
//! which dependencies resolved newer than `Cargo.lock` has them, and runs clippy with
//! `-D warnings` on every target: once with the default features and once with the SDK's other
//! TLS provider (`--no-default-features --features ring`). Builds share the workspace's
//! `target/` directory, so only what changed is compiled again.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, anyhow, bail};
use toml_edit::{DocumentMut, Item, Value};

/// The command's synopsis and help, for `cargo xtask fresh-deps --help` and the usage text.
pub const COMMAND: crate::cli::CommandHelp = crate::cli::CommandHelp {
    name: "fresh-deps",
    synopsis: "cargo xtask fresh-deps",
    summary: "build and lint the SDK and the emulator against the newest dependencies, warnings denied",
    details: "Copies the published crates (generated/, emulator/) into a scratch workspace under\n\
              target/fresh-deps/ without Cargo.lock, so dependencies resolve as in a user's crate;\n\
              lists the ones newer than Cargo.lock; then runs `cargo clippy --all-targets -- -D warnings`\n\
              with the default features and with the SDK's `ring` TLS provider. Needs the crates.io\n\
              index (CI runs this).",
};

/// The published crates' directories, copied into the scratch workspace.
pub const PUBLISHED_MEMBERS: [&str; 2] = ["generated", "emulator"];

/// The scratch workspace, relative to the workspace root.
pub const SCRATCH_DIR: &str = "target/fresh-deps";

/// The clippy runs: a label and the arguments after `cargo clippy`.
const CLIPPY_RUNS: [(&str, &[&str]); 2] = [
    (
        "default features",
        &["--workspace", "--all-targets", "--", "-D", "warnings"],
    ),
    (
        "the SDK with the ring TLS provider",
        &[
            "--package",
            "cloudflare-secrets",
            "--all-targets",
            "--no-default-features",
            "--features",
            "ring",
            "--",
            "-D",
            "warnings",
        ],
    ),
];

/// The root manifest of the scratch workspace: the real one's shared settings
/// (`[workspace.package]`, `[workspace.dependencies]`, `[workspace.lints]`), with only the
/// published members and no profiles (they name unpublished packages).
pub fn scratch_manifest(root_manifest: &str) -> anyhow::Result<String> {
    let mut manifest = root_manifest
        .parse::<DocumentMut>()
        .context("Cargo.toml is not valid TOML")?;
    manifest.remove("profile");
    let workspace = manifest
        .get_mut("workspace")
        .and_then(Item::as_table_mut)
        .ok_or_else(|| anyhow!("Cargo.toml has no [workspace] table"))?;
    let members: toml_edit::Array = PUBLISHED_MEMBERS.iter().copied().collect();
    workspace["members"] = Item::Value(Value::Array(members.clone()));
    workspace["default-members"] = Item::Value(Value::Array(members));
    Ok(manifest.to_string())
}

/// Copies `from` into `to`, skipping `target` directories.
fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    for entry in fs::read_dir(from).with_context(|| format!("cannot list {}", from.display()))? {
        let entry = entry.with_context(|| format!("cannot list {}", from.display()))?;
        let name = entry.file_name();
        let source = entry.path();
        let destination = to.join(&name);
        // Follows symbolic links (the license files are links to the root's copies).
        let metadata =
            fs::metadata(&source).with_context(|| format!("cannot read {}", source.display()))?;
        if metadata.is_dir() {
            if name != "target" {
                copy_tree(&source, &destination)?;
            }
        } else {
            fs::copy(&source, &destination).with_context(|| {
                format!(
                    "cannot copy {} to {}",
                    source.display(),
                    destination.display()
                )
            })?;
        }
    }
    Ok(())
}

/// The registry packages of a lock file, name to versions.
pub fn locked_versions(lock: &str) -> BTreeMap<String, Vec<String>> {
    let mut versions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let Ok(lock) = lock.parse::<DocumentMut>() else {
        return versions;
    };
    let Some(packages) = lock.get("package").and_then(Item::as_array_of_tables) else {
        return versions;
    };
    for package in packages.iter() {
        if package.get("source").is_none() {
            continue;
        }
        let name = package.get("name").and_then(Item::as_str);
        let version = package.get("version").and_then(Item::as_str);
        if let (Some(name), Some(version)) = (name, version) {
            versions
                .entry(name.to_owned())
                .or_default()
                .push(version.to_owned());
        }
    }
    versions
}

/// `name old -> new` for each package whose versions differ between the two lock files.
pub fn newer_than_locked(locked: &str, fresh: &str) -> Vec<String> {
    let locked = locked_versions(locked);
    let mut lines = Vec::new();
    for (name, fresh_versions) in locked_versions(fresh) {
        match locked.get(&name) {
            Some(old) if old != &fresh_versions => lines.push(format!(
                "{name} {} -> {}",
                old.join(", "),
                fresh_versions.join(", ")
            )),
            Some(_) => {}
            None => lines.push(format!(
                "{name} (not in Cargo.lock) {}",
                fresh_versions.join(", ")
            )),
        }
    }
    lines
}

/// Runs cargo in `dir` with the workspace's target directory, echoing its output.
fn cargo(root: &Path, dir: &Path, args: &[&str]) -> anyhow::Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(&cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .status()
        .with_context(|| format!("cannot run `{cargo} {}`", args.join(" ")))?;
    if !status.success() {
        bail!("`cargo {}` failed ({status})", args.join(" "));
    }
    Ok(())
}

/// Runs the task: builds the scratch workspace, resolves it, and lints it twice.
pub fn run(root: &Path, stdout: &mut dyn Write) -> anyhow::Result<()> {
    let scratch = root.join(SCRATCH_DIR);
    let _ = fs::remove_dir_all(&scratch);
    fs::create_dir_all(&scratch).with_context(|| format!("cannot create {}", scratch.display()))?;
    let root_manifest = fs::read_to_string(root.join("Cargo.toml"))
        .context("cannot read the workspace's Cargo.toml")?;
    fs::write(
        scratch.join("Cargo.toml"),
        scratch_manifest(&root_manifest)?,
    )
    .context("cannot write the scratch workspace's Cargo.toml")?;
    for member in PUBLISHED_MEMBERS {
        copy_tree(&root.join(member), &scratch.join(member))?;
    }
    cargo(root, &scratch, &["generate-lockfile"])?;
    let locked = fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    let fresh = fs::read_to_string(scratch.join("Cargo.lock"))
        .context("cargo generate-lockfile wrote no Cargo.lock")?;
    let newer = newer_than_locked(&locked, &fresh);
    if newer.is_empty() {
        writeln!(
            stdout,
            "fresh-deps: every dependency resolves as in Cargo.lock"
        )?;
    } else {
        writeln!(
            stdout,
            "fresh-deps: resolved differently from Cargo.lock:\n  {}",
            newer.join("\n  ")
        )?;
    }
    for (label, args) in CLIPPY_RUNS {
        writeln!(stdout, "fresh-deps: cargo clippy, {label}")?;
        stdout.flush()?;
        let mut all = vec!["clippy"];
        all.extend_from_slice(args);
        cargo(root, &scratch, &all)?;
    }
    writeln!(
        stdout,
        "fresh-deps: the SDK and the emulator build without warnings against fresh dependencies"
    )?;
    Ok(())
}

/// The command line entry point: `args` are the words after `fresh-deps`.
pub fn main(root: &Path, args: &[&str], stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    if !args.is_empty() {
        let _ = writeln!(
            stderr,
            "error: unexpected arguments `{}`\nusage: {}",
            args.join(" "),
            COMMAND.synopsis
        );
        return crate::cli::EXIT_USAGE;
    }
    match run(root, stdout) {
        Ok(()) => 0,
        Err(error) => {
            let _ = writeln!(stderr, "error: {error:#}");
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scratch_manifest_keeps_shared_settings_and_only_published_members() {
        let root = "[workspace]\nmembers = [\"codegen\", \"generated\", \"emulator\", \"xtask\"]\n\
                    default-members = [\"codegen\"]\n\n[workspace.dependencies]\nserde = \"1\"\n\n\
                    [profile.dev.package.cloudflare-secrets-codegen]\nopt-level = 2\n";
        let scratch = scratch_manifest(root).expect("valid");
        assert!(
            scratch.contains("members = [\"generated\", \"emulator\"]"),
            "{scratch}"
        );
        assert!(
            scratch.contains("default-members = [\"generated\", \"emulator\"]"),
            "{scratch}"
        );
        assert!(scratch.contains("serde = \"1\""), "{scratch}");
        assert!(!scratch.contains("profile"), "{scratch}");
    }

    #[test]
    fn newer_versions_are_listed_and_local_packages_ignored() {
        let registry = "source = \"registry+https://github.com/rust-lang/crates.io-index\"";
        let locked = format!(
            "[[package]]\nname = \"rustls\"\nversion = \"0.23.46\"\n{registry}\n\n\
             [[package]]\nname = \"serde\"\nversion = \"1.0.1\"\n{registry}\n\n\
             [[package]]\nname = \"cloudflare-secrets\"\nversion = \"0.1.0\"\n"
        );
        let fresh = format!(
            "[[package]]\nname = \"rustls\"\nversion = \"0.23.48\"\n{registry}\n\n\
             [[package]]\nname = \"serde\"\nversion = \"1.0.1\"\n{registry}\n\n\
             [[package]]\nname = \"cloudflare-secrets\"\nversion = \"0.1.0\"\n"
        );
        assert_eq!(
            newer_than_locked(&locked, &fresh),
            vec!["rustls 0.23.46 -> 0.23.48".to_owned()]
        );
    }
}
