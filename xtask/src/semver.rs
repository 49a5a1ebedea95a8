//! `cargo xtask semver-check [CASE...]`: checks the change report's verdicts from outside, with
//! cargo-semver-checks.
//!
//! The change report (`cloudflare_secrets_codegen::diff`) decides from the model whether a spec
//! change breaks users' code. cargo-semver-checks decides the same from the generated crate's
//! public API, with rules written by other people. For every case of the report's corpus
//! ([`CORPUS_DIR`]`/<case>/old.yaml`, `new.yaml` and the expected `verdict.yaml`), this task
//! generates the SDK from the old spec and from the new one into two scratch crates under
//! [`SCRATCH_DIR`] (the runtime's source, the generated files, and the SDK's exports, as the
//! golden tests compile them), runs `cargo semver-checks` on the pair, and compares:
//!
//! - the corpus says the case breaks the build (`breaks: build`) exactly when
//!   cargo-semver-checks finds a lint that needs a major version;
//! - a case that breaks behaviour only (`breaks: behaviour`: a value refused before sending) has
//!   the same signatures before and after, so cargo-semver-checks must find nothing major;
//! - the report computed now must give the bump the corpus expects.
//!
//! A disagreement is either a bug in the report or a known blind spot of cargo-semver-checks
//! (it does not compare types, for example); the blind spots are listed by case name, with the
//! reason, in [`BLIND_SPOTS_PATH`]. A listed case that agrees is reported too, so the list stays
//! true. cargo-semver-checks comes from crates.io: `cargo install cargo-semver-checks --locked`.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, anyhow, bail};
use cloudflare_secrets_codegen::diff::{Bump, compare};
use toml_edit::{DocumentMut, Item, Table};

/// The command's synopsis and help, for `cargo xtask semver-check --help` and the usage text.
pub const COMMAND: crate::cli::CommandHelp = crate::cli::CommandHelp {
    name: "semver-check",
    synopsis: "cargo xtask semver-check [CASE...]",
    summary: "compare the change report's verdicts on its corpus with cargo-semver-checks",
    details: "For each case of codegen/tests/diff/ (or the CASEs named), generates the SDK from old.yaml\n\
              and from new.yaml into scratch crates under target/semver-check/, runs\n\
              `cargo semver-checks` on the pair, and compares its verdict with the case's verdict.yaml:\n\
              `breaks: build` exactly when cargo-semver-checks finds a major change. Disagreements\n\
              fail, unless xtask/semver-blind-spots.txt lists the case with the reason.\n\n\
              Needs cargo-semver-checks: cargo install cargo-semver-checks --locked (about 6 minutes\n\
              on 2 cores). A full run takes several minutes more.",
};

/// The corpus, relative to the workspace root.
pub const CORPUS_DIR: &str = "codegen/tests/diff";

/// The known blind spots of cargo-semver-checks, relative to the workspace root.
pub const BLIND_SPOTS_PATH: &str = "xtask/semver-blind-spots.txt";

/// The scratch crates, relative to the workspace root.
pub const SCRATCH_DIR: &str = "target/semver-check";

/// The SDK's manifest, whose features and dependencies the scratch crates copy.
const SDK_MANIFEST_PATH: &str = "generated/Cargo.toml";

/// The expected verdict of one case, from its `verdict.yaml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// `none`, `patch`, `minor` or `major`.
    pub bump: String,
    /// `none`, `behaviour` or `build`.
    pub breaks: String,
}

/// Reads a `verdict.yaml` (`bump: major` and `breaks: build` lines; `#` starts a comment).
pub fn parse_verdict(text: &str) -> anyhow::Result<Expected> {
    let mut bump = None;
    let mut breaks = None;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| anyhow!("`{line}` is not a `key: value` line"))?;
        match key.trim() {
            "bump" => bump = Some(value.trim().to_owned()),
            "breaks" => breaks = Some(value.trim().to_owned()),
            _ => {}
        }
    }
    Ok(Expected {
        bump: bump.ok_or_else(|| anyhow!("no `bump:` line"))?,
        breaks: breaks.ok_or_else(|| anyhow!("no `breaks:` line"))?,
    })
}

/// Reads the blind-spot list: `case: reason` lines; `#` starts a comment line.
pub fn parse_blind_spots(text: &str) -> anyhow::Result<BTreeMap<String, String>> {
    let mut spots = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (case, reason) = line
            .split_once(':')
            .ok_or_else(|| anyhow!("{BLIND_SPOTS_PATH}:{}: expected `case: reason`", number + 1))?;
        if spots
            .insert(case.trim().to_owned(), reason.trim().to_owned())
            .is_some()
        {
            bail!(
                "{BLIND_SPOTS_PATH}:{}: `{}` is listed twice",
                number + 1,
                case.trim()
            );
        }
    }
    Ok(spots)
}

/// What cargo-semver-checks found for one pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SemverChecksVerdict {
    /// Whether a lint that needs a major version fired.
    pub major: bool,
    /// The names of the lints that fired, in order.
    pub lints: Vec<String>,
}

/// Reads cargo-semver-checks' output: `--- failure LINT: ...` lines name the lints, and the
/// summary says `semver requires new major version` when one of them needs a major version.
pub fn parse_semver_checks_output(output: &str) -> SemverChecksVerdict {
    let lints = output
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("--- failure "))
        .filter_map(|rest| rest.split(':').next())
        .map(|lint| lint.trim().to_owned())
        .collect();
    SemverChecksVerdict {
        major: output.contains("requires new major version"),
        lints,
    }
}

/// How one case came out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The corpus and cargo-semver-checks agree.
    Agree,
    /// They disagree, and the blind-spot list names the case (with this reason).
    KnownBlindSpot(String),
    /// They disagree and the list does not name the case: a bug in the report, or a blind
    /// spot to list.
    Disagree,
    /// The list names the case but they agree: the entry is stale.
    StaleBlindSpot,
}

/// Decides one case's outcome.
pub fn judge(
    expected: &Expected,
    found: &SemverChecksVerdict,
    blind_spot: Option<&String>,
) -> Outcome {
    let agree = (expected.breaks == "build") == found.major;
    match (agree, blind_spot) {
        (true, None) => Outcome::Agree,
        (true, Some(_)) => Outcome::StaleBlindSpot,
        (false, Some(reason)) => Outcome::KnownBlindSpot(reason.clone()),
        (false, None) => Outcome::Disagree,
    }
}

/// The scratch crate's manifest: the SDK's features and dependencies (workspace entries
/// written out), under the SDK's name and the given version, outside any workspace.
pub fn scratch_manifest(
    root_manifest: &str,
    sdk_manifest: &str,
    version: &str,
) -> anyhow::Result<String> {
    let root = root_manifest
        .parse::<DocumentMut>()
        .context("Cargo.toml is not valid TOML")?;
    let sdk = sdk_manifest
        .parse::<DocumentMut>()
        .with_context(|| format!("{SDK_MANIFEST_PATH} is not valid TOML"))?;
    let shared = root
        .get("workspace")
        .and_then(|workspace| workspace.get("dependencies"))
        .and_then(Item::as_table)
        .ok_or_else(|| anyhow!("Cargo.toml has no [workspace.dependencies]"))?;
    let mut manifest = DocumentMut::new();
    let mut package = Table::new();
    package["name"] = toml_edit::value("cloudflare-secrets");
    package["version"] = toml_edit::value(version);
    package["edition"] = toml_edit::value("2024");
    package["publish"] = toml_edit::value(false);
    manifest["package"] = Item::Table(package);
    if let Some(features) = sdk.get("features") {
        manifest["features"] = features.clone();
    }
    let mut dependencies = Table::new();
    let sdk_dependencies = sdk
        .get("dependencies")
        .and_then(Item::as_table)
        .ok_or_else(|| anyhow!("{SDK_MANIFEST_PATH} has no [dependencies]"))?;
    for (name, dependency) in sdk_dependencies.iter() {
        let inherits = dependency
            .get("workspace")
            .and_then(Item::as_bool)
            .unwrap_or(false);
        let resolved = if inherits {
            shared
                .get(name)
                .cloned()
                .ok_or_else(|| anyhow!("`{name}` is not in [workspace.dependencies]"))?
        } else {
            dependency.clone()
        };
        dependencies[name] = resolved;
    }
    manifest["dependencies"] = Item::Table(dependencies);
    manifest["workspace"] = Item::Table(Table::new());
    Ok(manifest.to_string())
}

/// The scratch crate's `lib.rs`: the runtime from its source, and the generated code exported
/// as the SDK exports it.
pub fn scratch_lib(root: &Path) -> String {
    let runtime = root.join("generated/src/runtime/mod.rs");
    format!(
        "//! A scratch copy of the SDK for `cargo xtask semver-check`: the runtime's source and the\n\
         //! code generated from one spec of the change report's corpus, exported as the SDK does.\n\
         #![allow(dead_code, missing_docs)]\n\n\
         #[path = {runtime:?}]\npub mod runtime;\n\n\
         pub use runtime::{{Client, ClientBuilder, Error, RequestBuilder, Result}};\n\n\
         #[rustfmt::skip]\nmod generated;\n\n\
         pub use generated::ids::*;\npub use generated::types::*;\n\
         pub use generated::{{ids, operations, resources, types}};\n"
    )
}

/// Writes the generated files for `spec` into the scratch crate at `dir`.
fn write_generated(dir: &Path, spec_name: &str, spec: &str) -> anyhow::Result<()> {
    let generated = dir.join("src/generated");
    let _ = fs::remove_dir_all(&generated);
    fs::create_dir_all(&generated)
        .with_context(|| format!("cannot create {}", generated.display()))?;
    let files = cloudflare_secrets_codegen::generate_named(spec_name, spec)
        .map_err(|error| anyhow!("{error}"))?;
    for file in files {
        let path = dir.join("src").join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        fs::write(&path, file.contents)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// Creates the two scratch crates (old at 0.1.0, new at 0.1.1, so cargo-semver-checks reads the
/// pair as a patch release and reports every lint that needs more).
fn prepare_scratch(root: &Path) -> anyhow::Result<(PathBuf, PathBuf)> {
    let scratch = root.join(SCRATCH_DIR);
    let root_manifest =
        fs::read_to_string(root.join("Cargo.toml")).context("cannot read Cargo.toml")?;
    let sdk_manifest = fs::read_to_string(root.join(SDK_MANIFEST_PATH))
        .with_context(|| format!("cannot read {SDK_MANIFEST_PATH}"))?;
    let lock = fs::read_to_string(root.join("Cargo.lock")).ok();
    let mut dirs = Vec::new();
    for (side, version) in [("old", "0.1.0"), ("new", "0.1.1")] {
        let dir = scratch.join(side);
        fs::create_dir_all(dir.join("src"))
            .with_context(|| format!("cannot create {}", dir.display()))?;
        fs::write(
            dir.join("Cargo.toml"),
            scratch_manifest(&root_manifest, &sdk_manifest, version)?,
        )
        .context("cannot write a scratch manifest")?;
        fs::write(dir.join("src/lib.rs"), scratch_lib(root))
            .context("cannot write a scratch lib.rs")?;
        if let Some(lock) = &lock {
            fs::write(dir.join("Cargo.lock"), lock).context("cannot write a scratch lock")?;
        }
        dirs.push(dir);
    }
    let new = dirs.pop().unwrap_or_default();
    let old = dirs.pop().unwrap_or_default();
    Ok((old, new))
}

/// The cases of the corpus that have a verdict, by name (all, or those in `only`).
fn cases(root: &Path, only: &[&str]) -> anyhow::Result<Vec<String>> {
    let dir = root.join(CORPUS_DIR);
    let mut names = Vec::new();
    for entry in fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        let case = entry.path();
        if case.join("old.yaml").exists()
            && case.join("new.yaml").exists()
            && case.join("verdict.yaml").exists()
        {
            names.push(name);
        }
    }
    names.sort();
    for name in only {
        if !names.iter().any(|known| known == name) {
            bail!(
                "`{name}` is not a case of {CORPUS_DIR} with old.yaml, new.yaml and verdict.yaml"
            );
        }
    }
    if !only.is_empty() {
        names.retain(|name| only.contains(&name.as_str()));
    }
    if names.is_empty() {
        bail!("{CORPUS_DIR} has no case with old.yaml, new.yaml and verdict.yaml");
    }
    Ok(names)
}

/// Runs cargo-semver-checks on the pair and returns its verdict.
fn run_semver_checks(old: &Path, new: &Path) -> anyhow::Result<SemverChecksVerdict> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(&cargo)
        .args(["semver-checks", "check-release", "--manifest-path"])
        .arg(new.join("Cargo.toml"))
        .arg("--baseline-root")
        .arg(old)
        .args(["--release-type", "patch", "--color", "never"])
        .output()
        .context("cannot run `cargo semver-checks`")?;
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let verdict = parse_semver_checks_output(&text);
    let concluded = text.contains("Summary");
    if !output.status.success() && !concluded {
        bail!("cargo semver-checks failed without a verdict:\n{text}");
    }
    Ok(verdict)
}

/// Checks that cargo-semver-checks is installed, with the install command if not.
fn require_semver_checks() -> anyhow::Result<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(&cargo)
        .args(["semver-checks", "--version"])
        .output()
        .context("cannot run cargo")?;
    if !output.status.success() {
        bail!(
            "cargo-semver-checks is not installed; install it from crates.io with\n  cargo install cargo-semver-checks --locked\n(about 6 minutes of building on 2 cores)"
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Runs the task on `only` (or every case) and prints one line per case, then a summary.
/// Returns whether every case agreed or is a listed blind spot.
pub fn run(root: &Path, only: &[&str], stdout: &mut dyn Write) -> anyhow::Result<bool> {
    let started = Instant::now();
    let version = require_semver_checks()?;
    let blind_spots = parse_blind_spots(
        &fs::read_to_string(root.join(BLIND_SPOTS_PATH))
            .with_context(|| format!("cannot read {BLIND_SPOTS_PATH}"))?,
    )?;
    let names = cases(root, only)?;
    for listed in blind_spots.keys() {
        if !root.join(CORPUS_DIR).join(listed).exists() {
            bail!("{BLIND_SPOTS_PATH} lists `{listed}`, which is not a case of {CORPUS_DIR}");
        }
    }
    let (old_dir, new_dir) = prepare_scratch(root)?;
    writeln!(stdout, "semver-check: {} cases with {version}", names.len())?;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for name in &names {
        let case = root.join(CORPUS_DIR).join(name);
        let read = |file: &str| {
            fs::read_to_string(case.join(file))
                .with_context(|| format!("cannot read {CORPUS_DIR}/{name}/{file}"))
        };
        let (old_spec, new_spec) = (read("old.yaml")?, read("new.yaml")?);
        let expected = parse_verdict(&read("verdict.yaml")?)
            .with_context(|| format!("{CORPUS_DIR}/{name}/verdict.yaml"))?;
        let old_model = cloudflare_secrets_codegen::build_model_named("old.yaml", &old_spec)
            .map_err(|error| anyhow!("{name}: {error}"))?;
        let new_model = cloudflare_secrets_codegen::build_model_named("new.yaml", &new_spec)
            .map_err(|error| anyhow!("{name}: {error}"))?;
        let report_bump = compare(&old_model, &new_model)
            .bump()
            .map_or("none", Bump::as_str);
        write_generated(&old_dir, "old.yaml", &old_spec)
            .with_context(|| format!("{name}: generating from old.yaml"))?;
        write_generated(&new_dir, "new.yaml", &new_spec)
            .with_context(|| format!("{name}: generating from new.yaml"))?;
        let found = run_semver_checks(&old_dir, &new_dir).with_context(|| name.clone())?;
        let outcome = judge(&expected, &found, blind_spots.get(name));
        let lints = if found.lints.is_empty() {
            "no lint".to_owned()
        } else {
            found.lints.join(", ")
        };
        let theirs = if found.major { "major" } else { "not major" };
        let ours = format!("bump {}, breaks {}", expected.bump, expected.breaks);
        let (word, note) = match &outcome {
            Outcome::Agree => ("agree", String::new()),
            Outcome::KnownBlindSpot(reason) => ("blind spot", format!(" ({reason})")),
            Outcome::Disagree => ("DISAGREE", String::new()),
            Outcome::StaleBlindSpot => (
                "STALE ENTRY",
                format!(" ({BLIND_SPOTS_PATH} lists it, but they agree)"),
            ),
        };
        writeln!(
            stdout,
            "  {name}: {word}: corpus {ours}; cargo-semver-checks {theirs} ({lints}){note}"
        )?;
        *counts.entry(word).or_default() += 1;
        if report_bump != expected.bump {
            failures.push(format!(
                "{name}: the report computes bump {report_bump}, the corpus expects {}",
                expected.bump
            ));
        }
        if matches!(outcome, Outcome::Disagree | Outcome::StaleBlindSpot) {
            failures.push(format!("{name}: {word}"));
        }
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(word, count)| format!("{count} {word}"))
        .collect();
    writeln!(
        stdout,
        "semver-check: {} in {:.0} s",
        summary.join(", "),
        started.elapsed().as_secs_f64()
    )?;
    for failure in &failures {
        writeln!(stdout, "  failed: {failure}")?;
    }
    Ok(failures.is_empty())
}

/// The command line entry point: `args` are the case names after `semver-check`.
pub fn main(root: &Path, args: &[&str], stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    if let Some(option) = args.iter().find(|arg| arg.starts_with('-')) {
        let _ = writeln!(
            stderr,
            "error: unknown option `{option}`\nusage: {}",
            COMMAND.synopsis
        );
        return crate::cli::EXIT_USAGE;
    }
    match run(root, args, stdout) {
        Ok(true) => 0,
        Ok(false) => {
            let _ = writeln!(
                stderr,
                "error: the change report and cargo-semver-checks disagree (see above): fix the report, or list the case in {BLIND_SPOTS_PATH} with the reason"
            );
            1
        }
        Err(error) => {
            let _ = writeln!(stderr, "error: {error:#}");
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_and_blind_spots_parse() {
        assert_eq!(
            parse_verdict("# a comment\nbump: major   # why\nbreaks: build\n").ok(),
            Some(Expected {
                bump: "major".into(),
                breaks: "build".into()
            })
        );
        assert!(parse_verdict("bump: major\n").is_err());
        let spots = parse_blind_spots("# header\n\nfield_type_changed: types are not compared\n")
            .expect("valid");
        assert_eq!(
            spots.get("field_type_changed").map(String::as_str),
            Some("types are not compared")
        );
        assert!(parse_blind_spots("a: x\na: y\n").is_err());
        assert!(parse_blind_spots("no colon\n").is_err());
    }

    #[test]
    fn semver_checks_output_gives_the_lints_and_whether_one_is_major() {
        let output = "     Checking cloudflare-secrets v0.1.0 -> v0.1.1 (minor change)\n\
                      --- failure constructible_struct_adds_field: externally-constructible struct adds field ---\n\
                      --- failure enum_variant_added: enum variant added on exhaustive enum ---\n\
                      \x20    Summary semver requires new major version: 2 major and 0 minor checks failed\n";
        assert_eq!(
            parse_semver_checks_output(output),
            SemverChecksVerdict {
                major: true,
                lints: vec![
                    "constructible_struct_adds_field".into(),
                    "enum_variant_added".into()
                ],
            }
        );
        let clean = "     Summary no semver update required\n";
        assert!(!parse_semver_checks_output(clean).major);
    }

    #[test]
    fn outcomes_follow_build_breaks_and_the_list() {
        let build = Expected {
            bump: "major".into(),
            breaks: "build".into(),
        };
        let behaviour = Expected {
            bump: "major".into(),
            breaks: "behaviour".into(),
        };
        let major = SemverChecksVerdict {
            major: true,
            lints: vec!["x".into()],
        };
        let quiet = SemverChecksVerdict {
            major: false,
            lints: Vec::new(),
        };
        let reason = "types are not compared".to_owned();
        assert_eq!(judge(&build, &major, None), Outcome::Agree);
        assert_eq!(judge(&behaviour, &quiet, None), Outcome::Agree);
        assert_eq!(judge(&build, &quiet, None), Outcome::Disagree);
        assert_eq!(
            judge(&build, &quiet, Some(&reason)),
            Outcome::KnownBlindSpot(reason.clone())
        );
        assert_eq!(
            judge(&build, &major, Some(&reason)),
            Outcome::StaleBlindSpot
        );
    }
}
