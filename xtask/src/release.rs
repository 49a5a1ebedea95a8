//! `cargo xtask release [--check]`: the next version of the SDK, from the API change report
//! against the last released spec.
//!
//! The last release is recorded in the repository, so that a fresh clone without tags (CI's)
//! knows it:
//! - [`RELEASED_SPEC_PATH`] (`release/openapi.yaml`) is a byte-for-byte copy of the spec the last
//!   release was generated from;
//! - the SDK's `Cargo.toml` says which version that was and the spec's SHA-256, under
//!   `[package.metadata.release]` (`version`, `spec-sha256`), so the published crate carries
//!   them too;
//! - `CHANGELOG.md` has one section per release, newest first.
//!
//! `cargo xtask release` compares the released spec with `spec/openapi.yaml`
//! ([`cloudflare_secrets_codegen::diff::compare`]), takes the bump the changes need
//! ([`ApiDiff::bump`]) and the version that follows by Cargo's rules ([`Version::next`]; a
//! version already raised by hand further is kept), then writes that version to the SDK's
//! `Cargo.toml`, to every published workspace crate that depends on the SDK (its own version, and
//! its dependency pinned with `=`: they are released together), and to `Cargo.lock`; copies the
//! spec to [`RELEASED_SPEC_PATH`]; records the digest; and prepends a `CHANGELOG.md` section with
//! the breaking changes, the additions and the documentation changes, each naming its Rust item.
//! With no release recorded yet, it records the first one at the version `Cargo.toml` has.
//!
//! `cargo xtask release --check` writes nothing. It fails when the spec changed since the last
//! release in a way that needs a larger bump than the SDK's version shows (an addition to
//! `0.1.0` needs at least `0.1.1`, a breaking change `0.2.0`), when the released copy no longer
//! matches its recorded digest, or when a crate released with the SDK has another version.

use std::fmt::Write as _;
use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, anyhow, bail};
use cloudflare_secrets_codegen::diff::{ApiDiff, Bump, Change, Version, compare};
use toml_edit::{DocumentMut, Item, Table, value};

use crate::codegen::{SPEC_PATH, display_path};

/// The command's synopsis and help, for `cargo xtask release --help` and the usage text.
pub const COMMAND: crate::cli::CommandHelp = crate::cli::CommandHelp {
    name: "release",
    synopsis: "cargo xtask release [--check]",
    summary: "bump the SDK's version and write CHANGELOG.md from the API changes since the last release",
    details: "Compares spec/openapi.yaml with the last released spec (release/openapi.yaml) and picks the\n\
              next version by Cargo's rules (0.x: breaking -> 0.(x+1).0, anything else -> patch;\n\
              from 1.0: major / minor / patch). Writes it to generated/Cargo.toml, to the published\n\
              crates that depend on the SDK (their version and their `=` pin) and to Cargo.lock;\n\
              records the spec's SHA-256 under [package.metadata.release] and copies the spec to\n\
              release/openapi.yaml; prepends a CHANGELOG.md section (breaking, added, documentation,\n\
              each line naming its Rust item). Review and commit the result, then publish.\n\n\
              --check  write nothing; fail when the spec changed since the last release in a way\n\
              \x20        that needs a larger bump than the version shows (CI runs this).\n\n\
              Exit status: 0 done (or nothing to release), 1 the check failed, 2 an error.",
};

/// The copy of the spec the last release was generated from, relative to the workspace root.
pub const RELEASED_SPEC_PATH: &str = "release/openapi.yaml";

/// The changelog, relative to the workspace root.
pub const CHANGELOG_PATH: &str = "CHANGELOG.md";

/// The SDK's manifest, relative to the workspace root.
pub const SDK_MANIFEST_PATH: &str = "generated/Cargo.toml";

/// The first lines of a new `CHANGELOG.md`; sections follow, newest first.
pub const CHANGELOG_HEADER: &str = "# Changelog\n\n\
    Every release of `cloudflare-secrets` and of `cloudflare-secrets-emulator` (released together, with the\n\
    same version), newest first. Sections are written by `cargo xtask release` from the API change report\n\
    against the last released spec; each line names the Rust item it changes. Changes to the hand-written\n\
    runtime are added by hand under the section of the release that ships them.\n";

/// Exit status: done, nothing to release, or the check passed.
pub const EXIT_OK: u8 = 0;
/// Exit status: the check failed.
pub const EXIT_CHECK_FAILED: u8 = 1;
/// Exit status: an error (a bad argument, a file that cannot be read or written, a bad spec).
pub const EXIT_ERROR: u8 = 2;

/// What the last release recorded in the SDK's `Cargo.toml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReleaseRecord {
    /// The version released.
    pub version: Version,
    /// The SHA-256 of the spec it was generated from, in lower-case hex.
    pub spec_sha256: String,
}

/// Everything the command reads, and what follows from it. Built by [`plan`]; writes nothing.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The SDK's package name (`cloudflare-secrets`).
    pub package: String,
    /// The version the SDK's `Cargo.toml` has now.
    pub current_version: Version,
    /// The last release, or `None` before the first.
    pub last_release: Option<ReleaseRecord>,
    /// The API changes since the last release (`None` before the first).
    pub diff: Option<ApiDiff>,
    /// The bump those changes need, or `None` when there are none.
    pub bump: Option<Bump>,
    /// The spec text now.
    pub spec_text: String,
    /// Its SHA-256, in lower-case hex.
    pub spec_sha256: String,
    /// Workspace crates released with the SDK (published, and depending on it with a version),
    /// as (manifest path from the root, package name, its version).
    pub companions: Vec<(String, String, String)>,
}

impl Plan {
    /// The smallest version the changes since the last release allow (the last version when
    /// nothing changed; the current one before the first release).
    pub fn needed_version(&self) -> Version {
        match (&self.last_release, self.bump) {
            (Some(last), Some(bump)) => last.version.next(bump),
            (Some(last), None) => last.version,
            (None, _) => self.current_version,
        }
    }

    /// The version a release made now gets: the needed one, or the current one when it was
    /// raised further by hand.
    pub fn release_version(&self) -> Version {
        self.needed_version().max(self.current_version)
    }

    /// Whether there is something to release: a first release, an API change, or a version
    /// raised by hand since the last release.
    pub fn has_something_to_release(&self) -> bool {
        match &self.last_release {
            None => true,
            Some(last) => self.bump.is_some() || self.current_version > last.version,
        }
    }
}

/// The SHA-256 of `text`, in lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest.as_ref() {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Reads a manifest as an editable TOML document.
fn read_manifest(root: &Path, relative: &str) -> anyhow::Result<DocumentMut> {
    let path = root.join(relative);
    let text =
        fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    text.parse::<DocumentMut>()
        .with_context(|| format!("{relative} is not valid TOML"))
}

/// A string under `table.key`, if there is one.
fn string_at<'a>(table: &'a Table, key: &str) -> Option<&'a str> {
    table.get(key).and_then(Item::as_str)
}

/// The `[package]` table of a manifest.
fn package_table<'a>(manifest: &'a DocumentMut, relative: &str) -> anyhow::Result<&'a Table> {
    manifest
        .get("package")
        .and_then(Item::as_table)
        .ok_or_else(|| anyhow!("{relative} has no [package] table"))
}

/// The SDK's name, version and release record.
fn read_sdk(root: &Path) -> anyhow::Result<(String, Version, Option<ReleaseRecord>)> {
    let manifest = read_manifest(root, SDK_MANIFEST_PATH)?;
    let package = package_table(&manifest, SDK_MANIFEST_PATH)?;
    let name = string_at(package, "name")
        .ok_or_else(|| anyhow!("{SDK_MANIFEST_PATH} has no package name"))?
        .to_owned();
    let version_text = string_at(package, "version").ok_or_else(|| {
        anyhow!("{SDK_MANIFEST_PATH} has no literal `version` (the release writes one there)")
    })?;
    let version: Version = version_text
        .parse()
        .with_context(|| format!("the version in {SDK_MANIFEST_PATH}"))?;
    let record = package
        .get("metadata")
        .and_then(Item::as_table)
        .and_then(|metadata| metadata.get("release"))
        .and_then(Item::as_table);
    let record = match record {
        None => None,
        Some(record) => {
            let field = |key: &str| {
                string_at(record, key).ok_or_else(|| {
                    anyhow!(
                        "{SDK_MANIFEST_PATH}: [package.metadata.release] has no `{key}`; it is written by `cargo xtask release`"
                    )
                })
            };
            let version = field("version")?.parse().with_context(|| {
                format!("the released version in {SDK_MANIFEST_PATH} [package.metadata.release]")
            })?;
            Some(ReleaseRecord {
                version,
                spec_sha256: field("spec-sha256")?.to_owned(),
            })
        }
    };
    Ok((name, version, record))
}

/// The workspace's member directories, from the root `Cargo.toml` (plain paths only).
fn workspace_members(root: &Path) -> anyhow::Result<Vec<String>> {
    let manifest = read_manifest(root, "Cargo.toml")?;
    let members = manifest
        .get("workspace")
        .and_then(|workspace| workspace.get("members"))
        .and_then(Item::as_array)
        .ok_or_else(|| anyhow!("Cargo.toml has no [workspace] members list"))?;
    Ok(members
        .iter()
        .filter_map(|member| member.as_str().map(str::to_owned))
        .collect())
}

/// The dependency tables of a manifest that can name the SDK.
const DEPENDENCY_TABLES: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];

/// Workspace crates released with the SDK: published (no `publish = false`), depending on the SDK
/// with a `version`. Returns (manifest path, package name, version).
fn companions(root: &Path, sdk: &str) -> anyhow::Result<Vec<(String, String, String)>> {
    let mut found = Vec::new();
    for member in workspace_members(root)? {
        let relative = format!("{member}/Cargo.toml");
        if relative == SDK_MANIFEST_PATH || !root.join(&relative).exists() {
            continue;
        }
        let manifest = read_manifest(root, &relative)?;
        let package = package_table(&manifest, &relative)?;
        if package.get("publish").and_then(Item::as_bool) == Some(false) {
            continue;
        }
        let pins_sdk = DEPENDENCY_TABLES.iter().any(|table| {
            manifest
                .get(table)
                .and_then(|dependencies| dependencies.get(sdk))
                .and_then(|dependency| dependency.get("version"))
                .is_some()
        });
        if pins_sdk {
            let name = string_at(package, "name").unwrap_or(&member).to_owned();
            let version = string_at(package, "version").unwrap_or("").to_owned();
            found.push((relative, name, version));
        }
    }
    Ok(found)
}

/// Builds the model of a spec text for the change report.
fn model(name: &str, text: &str) -> anyhow::Result<cloudflare_secrets_codegen::model::Model> {
    cloudflare_secrets_codegen::build_model_named(name, text).map_err(|error| anyhow!("{error}"))
}

/// Reads everything and works out the release; writes nothing.
pub fn plan(root: &Path) -> anyhow::Result<Plan> {
    let (package, current_version, last_release) = read_sdk(root)?;
    let spec_path = root.join(SPEC_PATH);
    let spec_text = fs::read_to_string(&spec_path)
        .with_context(|| format!("cannot read {}", spec_path.display()))?;
    let spec_name = display_path(root, &spec_path);
    let new_model = model(&spec_name, &spec_text)
        .map_err(|error| anyhow!("the spec does not build: {error}"))?;
    let released_path = root.join(RELEASED_SPEC_PATH);
    let diff = match &last_release {
        None => None,
        Some(last) => {
            let released_text = fs::read_to_string(&released_path).with_context(|| {
                format!(
                    "{SDK_MANIFEST_PATH} records release {} but {RELEASED_SPEC_PATH} cannot be read",
                    last.version
                )
            })?;
            let digest = sha256_hex(&released_text);
            if digest != last.spec_sha256 {
                bail!(
                    "{RELEASED_SPEC_PATH} is not the spec released as {} (its SHA-256 is {digest}, the release recorded {}); \
                     it is written only by `cargo xtask release`: restore it with `git checkout -- {RELEASED_SPEC_PATH}`",
                    last.version,
                    last.spec_sha256
                );
            }
            let old_model = model(RELEASED_SPEC_PATH, &released_text)
                .map_err(|error| anyhow!("the released spec does not build: {error}"))?;
            Some(compare(&old_model, &new_model))
        }
    };
    let bump = diff.as_ref().and_then(ApiDiff::bump);
    let companions = companions(root, &package)?;
    Ok(Plan {
        package,
        current_version,
        last_release,
        diff,
        bump,
        spec_sha256: sha256_hex(&spec_text),
        spec_text,
        companions,
    })
}

/// The changes of one section, by the bump each needs.
fn changes_needing(diff: &ApiDiff, bump: Bump) -> Vec<&Change> {
    diff.changes
        .iter()
        .filter(|change| change.bump() == bump)
        .collect()
}

/// One changelog line: the Rust items first, then what happened.
pub fn changelog_line(change: &Change) -> String {
    let mut line = String::from("- ");
    if change.rust_items.is_empty() {
        line.push_str(&change.subject);
        let _ = write!(line, ": {}", change.kind);
    } else {
        let items: Vec<String> = change
            .rust_items
            .iter()
            .map(|item| format!("`{item}`"))
            .collect();
        let _ = write!(
            line,
            "{}: {} ({}",
            items.join(", "),
            change.kind,
            change.subject
        );
        if let Some(detail) = &change.detail {
            let _ = write!(line, "; {detail}");
        }
        line.push(')');
        return line;
    }
    if let Some(detail) = &change.detail {
        let _ = write!(line, " ({detail})");
    }
    line
}

/// The changelog section for a release of `version` made on `date` (`YYYY-MM-DD`).
pub fn changelog_section(plan: &Plan, version: Version, date: &str) -> String {
    let mut section = format!("## {version} ({date})\n\n");
    let digest = &plan.spec_sha256;
    match (&plan.last_release, &plan.diff) {
        (Some(last), Some(diff)) => {
            let needed = match plan.bump {
                Some(bump) => format!("the changes need a {bump} bump"),
                None => "no change to the API".to_owned(),
            };
            let _ = writeln!(
                section,
                "Generated from `{SPEC_PATH}` with SHA-256 `{digest}`; compared with {}: {needed}.",
                last.version
            );
            for (bump, heading) in [
                (Bump::Major, "Breaking"),
                (Bump::Minor, "Added"),
                (Bump::Patch, "Documentation"),
            ] {
                let changes = changes_needing(diff, bump);
                if changes.is_empty() {
                    continue;
                }
                let _ = writeln!(section, "\n### {heading}\n");
                for change in changes {
                    let _ = writeln!(section, "{}", changelog_line(change));
                }
            }
        }
        _ => {
            let _ = writeln!(
                section,
                "First release, generated from `{SPEC_PATH}` with SHA-256 `{digest}`."
            );
        }
    }
    section
}

/// `CHANGELOG.md` with `section` placed before the newest section (or after the header).
pub fn prepend_section(changelog: Option<&str>, section: &str) -> String {
    let text = changelog.unwrap_or(CHANGELOG_HEADER);
    let split = if text.starts_with("## ") {
        Some(0)
    } else {
        text.find("\n## ").map(|index| index + 1)
    };
    match split {
        Some(index) => format!("{}{section}\n{}", &text[..index], &text[index..]),
        None => format!(
            "{}\n{section}",
            text.trim_end_matches('\n').to_owned() + "\n"
        ),
    }
}

/// What a release wrote, for the command's output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Released {
    /// The version before.
    pub previous: Option<Version>,
    /// The version released.
    pub version: Version,
    /// The bump the API changes needed, if any.
    pub bump: Option<Bump>,
    /// The files written, from the workspace root.
    pub written: Vec<String>,
    /// The changelog section added.
    pub section: String,
}

/// Sets `[package] version` of the manifest at `relative`, and pins `sdk` to `=version` in its
/// dependency tables where it names a version.
fn write_versions(
    root: &Path,
    relative: &str,
    version: &str,
    sdk: &str,
    record: Option<&ReleaseRecord>,
) -> anyhow::Result<()> {
    let mut manifest = read_manifest(root, relative)?;
    let package = manifest
        .get_mut("package")
        .and_then(Item::as_table_mut)
        .ok_or_else(|| anyhow!("{relative} has no [package] table"))?;
    package["version"] = value(version);
    if let Some(record) = record {
        let metadata = package
            .entry("metadata")
            .or_insert_with(|| {
                let mut table = Table::new();
                table.set_implicit(true);
                Item::Table(table)
            })
            .as_table_mut()
            .ok_or_else(|| anyhow!("{relative}: [package.metadata] is not a table"))?;
        let release = metadata
            .entry("release")
            .or_insert_with(|| Item::Table(Table::new()))
            .as_table_mut()
            .ok_or_else(|| anyhow!("{relative}: [package.metadata.release] is not a table"))?;
        release["version"] = value(record.version.to_string());
        release["spec-sha256"] = value(record.spec_sha256.clone());
        release.decor_mut().set_prefix(
            "\n# Written by `cargo xtask release`: the version last released and the SHA-256 of the spec it\n\
             # was generated from (a copy is release/openapi.yaml in the source repository).\n",
        );
    }
    for table in DEPENDENCY_TABLES {
        let Some(dependency) = manifest
            .get_mut(table)
            .and_then(|dependencies| dependencies.get_mut(sdk))
        else {
            continue;
        };
        if dependency.get("version").is_some() {
            dependency["version"] = value(format!("={version}"));
        }
    }
    let path = root.join(relative);
    fs::write(&path, manifest.to_string())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Sets the version of the workspace packages named in `names` in `Cargo.lock`, if there is one
/// (entries without a `source` are the workspace's own). Returns whether it wrote the file.
fn write_lock_versions(root: &Path, names: &[&str], version: &str) -> anyhow::Result<bool> {
    let path = root.join("Cargo.lock");
    let Ok(text) = fs::read_to_string(&path) else {
        return Ok(false);
    };
    let mut lock = text
        .parse::<DocumentMut>()
        .context("Cargo.lock is not valid TOML")?;
    let mut changed = false;
    if let Some(packages) = lock
        .get_mut("package")
        .and_then(Item::as_array_of_tables_mut)
    {
        for package in packages.iter_mut() {
            let local = package.get("source").is_none();
            let named = package
                .get("name")
                .and_then(Item::as_str)
                .is_some_and(|name| names.contains(&name));
            if local && named && package.get("version").and_then(Item::as_str) != Some(version) {
                package["version"] = value(version);
                changed = true;
            }
        }
    }
    if changed {
        fs::write(&path, lock.to_string()).context("cannot write Cargo.lock")?;
    }
    Ok(changed)
}

/// Makes the release `plan` describes, dated `date` (`YYYY-MM-DD`): writes the versions, the
/// record, the released spec and the changelog. Returns `None` when there is nothing to release.
pub fn release(root: &Path, plan: &Plan, date: &str) -> anyhow::Result<Option<Released>> {
    if !plan.has_something_to_release() {
        return Ok(None);
    }
    let version = plan.release_version();
    let version_text = version.to_string();
    let record = ReleaseRecord {
        version,
        spec_sha256: plan.spec_sha256.clone(),
    };
    let mut written = Vec::new();
    write_versions(
        root,
        SDK_MANIFEST_PATH,
        &version_text,
        &plan.package,
        Some(&record),
    )?;
    written.push(SDK_MANIFEST_PATH.to_owned());
    for (manifest, _, _) in &plan.companions {
        write_versions(root, manifest, &version_text, &plan.package, None)?;
        written.push(manifest.clone());
    }
    let mut names: Vec<&str> = vec![plan.package.as_str()];
    names.extend(plan.companions.iter().map(|(_, name, _)| name.as_str()));
    if write_lock_versions(root, &names, &version_text)? {
        written.push("Cargo.lock".to_owned());
    }
    let released_path = root.join(RELEASED_SPEC_PATH);
    if let Some(parent) = released_path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    fs::write(&released_path, &plan.spec_text)
        .with_context(|| format!("cannot write {}", released_path.display()))?;
    written.push(RELEASED_SPEC_PATH.to_owned());
    let section = changelog_section(plan, version, date);
    let changelog_path = root.join(CHANGELOG_PATH);
    let changelog = fs::read_to_string(&changelog_path).ok();
    fs::write(
        &changelog_path,
        prepend_section(changelog.as_deref(), &section),
    )
    .with_context(|| format!("cannot write {}", changelog_path.display()))?;
    written.push(CHANGELOG_PATH.to_owned());
    Ok(Some(Released {
        previous: plan.last_release.as_ref().map(|last| last.version),
        version,
        bump: plan.bump,
        written,
        section,
    }))
}

/// The changes that need `bump`, as indented report lines, for a failed check's message.
fn report_lines(diff: &ApiDiff, bump: Bump) -> String {
    let mut lines = String::new();
    for change in changes_needing(diff, bump) {
        let _ = writeln!(lines, "  - {}", change.to_text());
    }
    lines
}

/// Checks that the version shows every API change since the last release and that the crates
/// released together agree. `Ok` holds the one-line verdict; `Err` the reason it fails.
pub fn check(plan: &Plan) -> Result<String, String> {
    let current = plan.current_version;
    for (manifest, name, version) in &plan.companions {
        if version != &current.to_string() {
            return Err(format!(
                "{name} ({manifest}) is at version {version} but {} is at {current}; they are released together: run `cargo xtask release`",
                plan.package
            ));
        }
    }
    let Some(last) = &plan.last_release else {
        return Err(format!(
            "no release is recorded ({SDK_MANIFEST_PATH} has no [package.metadata.release]); run `cargo xtask release` to record the first, {current}"
        ));
    };
    let Some(bump) = plan.bump else {
        return Ok(format!(
            "release --check: {SPEC_PATH} has no API change since release {} (spec SHA-256 {}); {} is at {current}",
            last.version, last.spec_sha256, plan.package
        ));
    };
    let needed = last.version.next(bump);
    if current.covers(last.version, bump) {
        return Ok(format!(
            "release --check: the API changes since release {} need a {bump} bump (at least {needed}); {} is at {current}, which covers them; run `cargo xtask release` to write CHANGELOG.md",
            last.version, plan.package
        ));
    }
    let diff = plan.diff.as_ref().map(|diff| report_lines(diff, bump));
    Err(format!(
        "{SPEC_PATH} changed since release {} in a way that needs a {bump} bump (to {needed}), but {} is still at {current}:\n{}\
         run `cargo xtask release` to set the version to {needed} and write the CHANGELOG.md section, then commit both with the spec",
        last.version,
        plan.package,
        diff.unwrap_or_default()
    ))
}

/// Today's date in UTC, `YYYY-MM-DD`.
fn today() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%d").to_string()
}

/// The command line entry point: `args` are the words after `release`.
pub fn main(root: &Path, args: &[&str], stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let checking = match args {
        [] => false,
        ["--check"] => true,
        _ => {
            let _ = writeln!(
                stderr,
                "error: unexpected arguments `{}`\nusage: {}",
                args.join(" "),
                COMMAND.synopsis
            );
            return crate::cli::EXIT_USAGE;
        }
    };
    let plan = match plan(root) {
        Ok(plan) => plan,
        Err(error) => {
            let _ = writeln!(stderr, "error: {error:#}");
            return EXIT_ERROR;
        }
    };
    if checking {
        return match check(&plan) {
            Ok(verdict) => {
                let _ = writeln!(stdout, "{verdict}");
                EXIT_OK
            }
            Err(reason) => {
                let _ = writeln!(stderr, "error: {reason}");
                EXIT_CHECK_FAILED
            }
        };
    }
    match release(root, &plan, &today()) {
        Ok(None) => {
            let last = plan
                .last_release
                .as_ref()
                .map(|last| last.version.to_string())
                .unwrap_or_default();
            let _ = writeln!(
                stdout,
                "release: nothing to release; {SPEC_PATH} has no API change since {last} and the version was not raised"
            );
            EXIT_OK
        }
        Ok(Some(released)) => {
            let from = released
                .previous
                .map(|previous| format!("{previous} -> "))
                .unwrap_or_else(|| "first release, ".to_owned());
            let why = released
                .bump
                .map(|bump| format!(" ({bump} bump)"))
                .unwrap_or_default();
            let _ = writeln!(
                stdout,
                "release: {} {from}{}{why}; wrote {}\n\n{}\nReview, commit, then publish: cargo publish -p {} (and the crates released with it), git tag v{}",
                plan.package,
                released.version,
                released.written.join(", "),
                released.section,
                plan.package,
                released.version
            );
            EXIT_OK
        }
        Err(error) => {
            let _ = writeln!(stderr, "error: {error:#}");
            EXIT_ERROR
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_standard_test_vector() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_section_goes_before_the_newest_one_and_after_the_header() {
        let first = prepend_section(None, "## 0.1.0 (2026-01-01)\n\nFirst.\n");
        assert!(first.starts_with(CHANGELOG_HEADER), "{first}");
        let second = prepend_section(Some(&first), "## 0.2.0 (2026-02-01)\n\nSecond.\n");
        let newest = second.find("## 0.2.0").expect("new section");
        let older = second.find("## 0.1.0").expect("old section");
        assert!(newest < older, "{second}");
        assert!(second.starts_with(CHANGELOG_HEADER), "{second}");
    }
}
