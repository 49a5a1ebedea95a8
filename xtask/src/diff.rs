//! `cargo xtask diff [BASE] [--format text|markdown]`: the API change report.
//!
//! Reads `spec/openapi.yaml` at the git revision `BASE` (by default the merge base with `main`,
//! or `HEAD` when the current branch is `main`) with `git show BASE:spec/openapi.yaml`, reads
//! the working tree's spec, builds both through the generator's front end
//! ([`cloudflare_secrets_codegen::build_model`]) and prints
//! [`cloudflare_secrets_codegen::diff::compare`]'s report.
//!
//! The summary names the version bump the changes need and, when `generated/Cargo.toml` at
//! `BASE` gives the SDK's version (directly or through `version.workspace = true`), the next
//! version by Cargo's rules.
//!
//! The exit status tells CI whether anything breaking was found: [`EXIT_CLEAN`] (0) when
//! nothing is breaking, [`EXIT_BREAKING`] (1) when something is, and [`EXIT_ERROR`] (2) when
//! the report could not be made (a bad argument, a revision that does not exist, a spec that
//! does not parse).

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, anyhow, bail};
use cloudflare_secrets_codegen::diff::{ApiDiff, Version, compare};
use cloudflare_secrets_codegen::model::{Info, Model, ResourceTree};
use toml_edit::DocumentMut;

use crate::codegen::SPEC_PATH;

/// Exit status: nothing breaking.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: at least one breaking change.
pub const EXIT_BREAKING: u8 = 1;
/// Exit status: the report could not be made.
pub const EXIT_ERROR: u8 = 2;

/// The command's synopsis and help, for `cargo xtask diff --help` and the usage text.
pub const COMMAND: crate::cli::CommandHelp = crate::cli::CommandHelp {
    name: "diff",
    synopsis: USAGE,
    summary: "the API change report: what a user of the SDK would notice since BASE",
    details: "Compares spec/openapi.yaml at the git revision BASE (by default the merge base with\n\
              `main`, or HEAD on `main`) with the working tree's spec, and prints the changes grouped\n\
              as breaking, additive and documentation-only, each with the Rust items it touches.\n\n\
              --format text|markdown  plain text (the default) or Markdown for a pull request\n\n\
              Exit status: 0 nothing breaking, 1 something breaking, 2 the report could not be made.",
};

/// The command's synopsis, printed after `usage: ` on bad arguments.
pub const USAGE: &str = "cargo xtask diff [BASE] [--format text|markdown]";

/// How the report is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Plain text, for terminals and CI logs.
    #[default]
    Text,
    /// Markdown, for a pull request comment.
    Markdown,
}

/// The command's arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The revision to compare with; `None` picks the default (see the module docs).
    pub base: Option<String>,
    /// The output format.
    pub format: Format,
}

impl Options {
    /// Parses the arguments that follow `diff`.
    pub fn parse(args: &[&str]) -> anyhow::Result<Options> {
        let mut options = Options::default();
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let format = match *arg {
                "--format" => Some(
                    *rest
                        .next()
                        .ok_or_else(|| anyhow!("`--format` needs a value\nusage: {USAGE}"))?,
                ),
                other => other.strip_prefix("--format="),
            };
            if let Some(format) = format {
                options.format = match format {
                    "text" => Format::Text,
                    "markdown" | "md" => Format::Markdown,
                    other => bail!(
                        "unknown format `{other}` (expected `text` or `markdown`)\nusage: {USAGE}"
                    ),
                };
            } else if arg.starts_with('-') {
                bail!("unknown option `{arg}`\nusage: {USAGE}");
            } else if options.base.is_some() {
                bail!("more than one base revision given\nusage: {USAGE}");
            } else {
                options.base = Some((*arg).to_owned());
            }
        }
        Ok(options)
    }
}

/// A finished report.
#[derive(Clone, Debug)]
pub struct Report {
    /// The revision the working tree was compared with, as given or chosen.
    pub base: String,
    /// The comparison.
    pub diff: ApiDiff,
    /// The rendered report, in the requested format.
    pub output: String,
}

impl Report {
    /// The exit status for this report.
    pub fn exit_status(&self) -> u8 {
        if self.diff.has_breaking() {
            EXIT_BREAKING
        } else {
            EXIT_CLEAN
        }
    }
}

/// Runs `git` in `root` and returns its standard output, or an error with its standard error.
fn git(root: &Path, args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(root)
        .output()
        .with_context(|| format!("cannot run `git {}` (is git installed?)", args.join(" ")))?;
    if output.status.success() {
        String::from_utf8(output.stdout)
            .with_context(|| format!("`git {}` printed non-UTF-8 output", args.join(" ")))
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        bail!("`git {}` failed: {}", args.join(" "), stderr.trim())
    }
}

/// The default base: `HEAD` on `main`, otherwise the merge base with `main` (or `origin/main`).
pub fn default_base(root: &Path) -> anyhow::Result<String> {
    let branch = git(root, &["rev-parse", "--abbrev-ref", "HEAD"])?;
    if branch.trim() == "main" {
        return Ok("HEAD".to_owned());
    }
    for main in ["main", "origin/main"] {
        if let Ok(base) = git(root, &["merge-base", "HEAD", main]) {
            return Ok(base.trim().to_owned());
        }
    }
    bail!(
        "cannot find the merge base of HEAD with `main` or `origin/main`; name a revision: `cargo xtask diff <BASE>`"
    )
}

/// The spec text at `revision`, or `None` when the revision exists but has no spec.
pub fn spec_at(root: &Path, revision: &str) -> anyhow::Result<Option<String>> {
    if revision.starts_with('-') {
        bail!("`{revision}` is not a revision");
    }
    let commit = format!("{revision}^{{commit}}");
    git(root, &["rev-parse", "--verify", "--quiet", &commit]).map_err(|_| {
        anyhow!(
            "the revision `{revision}` does not exist in {}",
            root.display()
        )
    })?;
    let object = format!("{revision}:{SPEC_PATH}");
    if git(root, &["cat-file", "-e", &object]).is_err() {
        return Ok(None);
    }
    git(root, &["show", &object]).map(Some)
}

/// The SDK's manifest, relative to the workspace root.
const SDK_MANIFEST: &str = "generated/Cargo.toml";

/// The version a manifest's text states at `path` (`["package", "version"]`), if it is a plain
/// string there.
fn manifest_version(manifest: &str, path: &[&str]) -> Option<String> {
    let document: DocumentMut = manifest.parse().ok()?;
    let mut item = document.as_item();
    for key in path {
        item = item.get(key)?;
    }
    item.as_str().map(str::to_owned)
}

/// The SDK's version at `revision`: its `[package] version`, or the workspace's when the SDK
/// inherits it. `None` when the revision has no SDK manifest or no plain version in it (the
/// report then names the bump without the next version).
pub fn released_version(root: &Path, revision: &str) -> Option<Version> {
    let show = |path: &str| git(root, &["show", &format!("{revision}:{path}")]).ok();
    let version = match manifest_version(&show(SDK_MANIFEST)?, &["package", "version"]) {
        Some(version) => version,
        None => manifest_version(&show("Cargo.toml")?, &["workspace", "package", "version"])?,
    };
    version.parse().ok()
}

/// A model with nothing in it, for a base revision that has no spec yet.
fn empty_model() -> Model {
    Model {
        info: Info {
            title: String::new(),
            version: "(none)".to_owned(),
        },
        ids: Default::default(),
        types: Default::default(),
        operations: Vec::new(),
        resources: ResourceTree::default(),
    }
}

/// Compares the spec at the base revision with the working tree's spec under `root`.
pub fn run(root: &Path, options: &Options) -> anyhow::Result<Report> {
    git(root, &["rev-parse", "--git-dir"])
        .with_context(|| format!("{} is not inside a git repository", root.display()))?;
    let base = match &options.base {
        Some(base) => base.clone(),
        None => default_base(root)?,
    };
    let old = match spec_at(root, &base)? {
        Some(text) => {
            cloudflare_secrets_codegen::build_model_named(&format!("{base}:{SPEC_PATH}"), &text)
                .map_err(|error| anyhow!("the spec at `{base}` does not build: {error}"))?
        }
        None => empty_model(),
    };
    let spec_path = root.join(SPEC_PATH);
    let new_text = fs::read_to_string(&spec_path)
        .with_context(|| format!("cannot read {}", spec_path.display()))?;
    let new = cloudflare_secrets_codegen::build_model_named(
        &crate::codegen::display_path(root, &spec_path),
        &new_text,
    )
    .map_err(|error| anyhow!("the working tree's spec does not build: {error}"))?;
    let mut diff = compare(&old, &new);
    diff.released = released_version(root, &base);
    let output = match options.format {
        Format::Text => diff.render_text(),
        Format::Markdown => diff.render_markdown(),
    };
    Ok(Report { base, diff, output })
}

/// The command line entry point: parses `args` (the words after `diff`), prints the report to
/// `stdout` or the error to `stderr`, and returns the exit status.
pub fn main(root: &Path, args: &[&str], stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let report = Options::parse(args).and_then(|options| run(root, &options));
    match report {
        Ok(report) => {
            if write!(stdout, "{}", report.output)
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return EXIT_ERROR;
            }
            report.exit_status()
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
    fn arguments_parse() {
        assert_eq!(Options::parse(&[]).ok(), Some(Options::default()));
        let options = Options::parse(&["origin/main", "--format", "markdown"]).ok();
        assert_eq!(
            options,
            Some(Options {
                base: Some("origin/main".to_owned()),
                format: Format::Markdown
            })
        );
        assert_eq!(
            Options::parse(&["--format=text"])
                .ok()
                .map(|options| options.format),
            Some(Format::Text)
        );
        assert!(Options::parse(&["--format"]).is_err());
        assert!(Options::parse(&["--format", "html"]).is_err());
        assert!(Options::parse(&["a", "b"]).is_err());
        assert!(Options::parse(&["--check"]).is_err());
    }

    #[test]
    fn manifest_versions_are_read_from_their_table() {
        let manifest = "[package]\nname = \"x\"\nversion = \"0.4.1\" # released\n\n[dependencies]\nversion = \"9\"\n";
        assert_eq!(
            manifest_version(manifest, &["package", "version"]).as_deref(),
            Some("0.4.1")
        );
        let inherited = "[package]\nversion.workspace = true\n";
        assert_eq!(manifest_version(inherited, &["package", "version"]), None);
        let workspace = "[workspace]\nmembers = []\n\n[workspace.package]\nversion = \"1.2.0\"\n";
        assert_eq!(
            manifest_version(workspace, &["workspace", "package", "version"]).as_deref(),
            Some("1.2.0")
        );
    }
}
