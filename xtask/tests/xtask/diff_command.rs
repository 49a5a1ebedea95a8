//! Runs `cargo xtask diff`'s entry point (`xtask::diff::main`) against small temporary git
//! repositories: a spec is committed, changed in the working tree, and the report and exit
//! status are checked, including the error paths (a revision that does not exist, an old spec
//! that no longer builds, bad arguments).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use xtask::diff::{EXIT_BREAKING, EXIT_CLEAN, EXIT_ERROR};

/// The base fixture spec shared with `codegen/tests/diff/` (the old side of every case).
fn base_spec() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/diff/no_changes/old.yaml");
    fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// A temporary git repository, removed on drop.
struct Repo {
    root: PathBuf,
}

impl Repo {
    fn new(name: &str) -> Repo {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "xtask-diff-{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("spec")).expect("create the temporary repository");
        let repo = Repo { root };
        repo.git(&["init", "--quiet", "--initial-branch=main"]);
        repo
    }

    fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
            .args([
                "-c",
                "user.name=Diff Test",
                "-c",
                "user.email=diff@example.invalid",
            ])
            .args([
                "-c",
                "commit.gpgsign=false",
                "-c",
                "core.hooksPath=/dev/null",
            ])
            .args(args)
            .current_dir(&self.root)
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    fn write_spec(&self, text: &str) {
        fs::write(self.root.join("spec/openapi.yaml"), text).expect("write the spec");
    }

    fn commit_spec(&self, text: &str, message: &str) -> String {
        self.write_spec(text);
        self.git(&["add", "spec/openapi.yaml"]);
        self.git(&["commit", "--quiet", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }

    /// Runs the entry point; returns (exit status, stdout, stderr).
    fn diff(&self, args: &[&str]) -> (u8, String, String) {
        let mut stdout = Vec::new();
        let mut stderr = Vec::new();
        let status = xtask::diff::main(&self.root, args, &mut stdout, &mut stderr);
        (
            status,
            String::from_utf8_lossy(&stdout).into_owned(),
            String::from_utf8_lossy(&stderr).into_owned(),
        )
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

#[test]
fn a_breaking_change_in_the_working_tree_exits_with_1() {
    let repo = Repo::new("breaking");
    let base = base_spec();
    repo.commit_spec(&base, "spec");
    repo.write_spec(&base.replace(
        "required: [name, value]",
        "required: [name, value, comment]",
    ));
    let (status, stdout, stderr) = repo.diff(&[]);
    assert_eq!(
        status, EXIT_BREAKING,
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(stderr.is_empty(), "{stderr}");
    assert!(
        stdout.contains(
            "request field made required: SecretInput.comment: its type changes from Option<String> to String; the constructor takes it as a new argument [types::SecretInput::comment]"
        ),
        "{stdout}"
    );
    assert!(
        stdout.starts_with(
            "API changes: 1 breaking, 0 compatible, 0 documentation-only.\nNeeds a major version bump.\n"
        ),
        "{stdout}"
    );
}

/// With the SDK's manifest at the base revision, the summary names the next version by Cargo's
/// rules, whether the SDK states its version or inherits the workspace's.
#[test]
fn the_summary_names_the_next_version_from_the_base_revision_manifest() {
    let repo = Repo::new("version");
    let base = base_spec();
    fs::create_dir_all(repo.root.join("generated")).expect("create generated/");
    let manifests = [
        (
            "[package]\nname = \"sdk\"\nversion = \"0.3.1\"\n",
            None,
            "0.3.1 -> 0.4.0",
        ),
        (
            "[package]\nname = \"sdk\"\nversion.workspace = true\n",
            Some(
                "[workspace]\nmembers = [\"generated\"]\n\n[workspace.package]\nversion = \"2.4.0\"\n",
            ),
            "2.4.0 -> 3.0.0",
        ),
    ];
    for (sdk, workspace, expected) in manifests {
        fs::write(repo.root.join("generated/Cargo.toml"), sdk).expect("write the SDK manifest");
        let mut paths = vec!["generated/Cargo.toml"];
        if let Some(workspace) = workspace {
            fs::write(repo.root.join("Cargo.toml"), workspace)
                .expect("write the workspace manifest");
            paths.push("Cargo.toml");
        }
        repo.git(&[&["add"][..], &paths].concat());
        repo.commit_spec(&base, "spec and manifests");
        repo.write_spec(&base.replace("enum: [active, deleted]", "enum: [active]"));
        let (status, stdout, stderr) = repo.diff(&["HEAD"]);
        assert_eq!(
            status, EXIT_BREAKING,
            "stdout:\n{stdout}\nstderr:\n{stderr}"
        );
        assert!(
            stdout.contains(&format!("\nNeeds a major version bump: {expected}")),
            "{stdout}"
        );
    }
}

#[test]
fn an_additive_change_exits_with_0_and_markdown_works() {
    let repo = Repo::new("additive");
    let base = base_spec();
    repo.commit_spec(&base, "spec");
    repo.write_spec(&base.replace(
        "enum: [active, deleted]",
        "enum: [active, pending, deleted]",
    ));
    let (status, stdout, stderr) = repo.diff(&["--format", "markdown"]);
    assert_eq!(status, EXIT_CLEAN, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.starts_with("### API changes\n"), "{stdout}");
    assert!(stdout.contains("`types::Status::Pending`"), "{stdout}");
    assert!(stdout.contains("**Nothing breaking**"), "{stdout}");
}

#[test]
fn no_change_exits_with_0() {
    let repo = Repo::new("unchanged");
    repo.commit_spec(&base_spec(), "spec");
    let (status, stdout, _) = repo.diff(&["HEAD"]);
    assert_eq!(
        (status, stdout.as_str()),
        (EXIT_CLEAN, "API changes: none.\n")
    );
}

#[test]
fn an_explicit_base_revision_is_compared_with_the_working_tree() {
    let repo = Repo::new("explicit");
    let base = base_spec();
    let first = repo.commit_spec(&base, "first");
    let without_delete = {
        let start = base
            .find("  /accounts/{account_id}/secrets/{secret_id}:\n")
            .expect("delete path");
        let end = base.find("components:\n").expect("components");
        format!("{}{}", &base[..start], &base[end..])
    };
    repo.commit_spec(&without_delete, "second");
    // Against HEAD nothing changed; against the first commit an operation is gone.
    let (status, stdout, _) = repo.diff(&[]);
    assert_eq!(
        (status, stdout.as_str()),
        (EXIT_CLEAN, "API changes: none.\n")
    );
    let (status, stdout, stderr) = repo.diff(&[&first]);
    assert_eq!(
        status, EXIT_BREAKING,
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(
        stdout.contains("operation removed: delete-secret"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Client::store().secrets().delete"),
        "{stdout}"
    );
}

#[test]
fn on_a_branch_the_default_base_is_the_merge_base_with_main() {
    let repo = Repo::new("branch");
    let base = base_spec();
    repo.commit_spec(&base, "on main");
    repo.git(&["checkout", "--quiet", "-b", "feature"]);
    repo.commit_spec(
        &base.replace("enum: [asc, desc]", "enum: [asc, desc, random]"),
        "on the branch",
    );
    // The branch's committed change is reported, because the base is where it left main (an
    // enum value added: compatible, since request enums are `#[non_exhaustive]`).
    let (status, stdout, stderr) = repo.diff(&[]);
    assert_eq!(status, EXIT_CLEAN, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(
        stdout.contains("enum value added: Direction value random"),
        "{stdout}"
    );
}

#[test]
fn a_base_without_a_spec_reports_everything_as_added() {
    let repo = Repo::new("nospec");
    fs::write(repo.root.join("README"), "empty\n").expect("write a file");
    repo.git(&["add", "README"]);
    repo.git(&["commit", "--quiet", "-m", "no spec yet"]);
    repo.write_spec(&base_spec());
    let (status, stdout, stderr) = repo.diff(&["HEAD"]);
    assert_eq!(status, EXIT_CLEAN, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.contains("operation added: list-secrets"), "{stdout}");
}

#[test]
fn a_revision_that_does_not_exist_is_an_error() {
    let repo = Repo::new("norev");
    repo.commit_spec(&base_spec(), "spec");
    let (status, stdout, stderr) = repo.diff(&["no-such-revision"]);
    assert_eq!(status, EXIT_ERROR);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("the revision `no-such-revision` does not exist"),
        "{stderr}"
    );
    let (status, _, stderr) = repo.diff(&["--upload-pack=touch"]);
    assert_eq!(status, EXIT_ERROR);
    assert!(stderr.contains("unknown option"), "{stderr}");
}

#[test]
fn an_old_spec_that_does_not_build_is_an_error() {
    let repo = Repo::new("badold");
    let base = base_spec();
    repo.commit_spec("openapi: 3.0.3\ninfo: [not, a, mapping]\n", "broken");
    repo.write_spec(&base);
    let (status, stdout, stderr) = repo.diff(&["HEAD"]);
    assert_eq!(status, EXIT_ERROR, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("the spec at `HEAD` does not build"),
        "{stderr}"
    );
}

#[test]
fn a_working_tree_spec_that_does_not_build_is_an_error() {
    let repo = Repo::new("badnew");
    let base = base_spec();
    repo.commit_spec(&base, "spec");
    repo.write_spec(&base.replace("operationId: delete-secret\n", ""));
    let (status, _, stderr) = repo.diff(&["HEAD"]);
    assert_eq!(status, EXIT_ERROR, "{stderr}");
    assert!(
        stderr.contains("the working tree's spec does not build"),
        "{stderr}"
    );
}

#[test]
fn bad_arguments_are_an_error() {
    let repo = Repo::new("args");
    repo.commit_spec(&base_spec(), "spec");
    for args in [&["--format", "html"][..], &["a", "b"], &["--format"]] {
        let (status, stdout, stderr) = repo.diff(args);
        assert_eq!(status, EXIT_ERROR, "{args:?}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains("usage: cargo xtask diff"), "{stderr}");
    }
}

#[test]
fn outside_a_git_repository_is_an_error() {
    let dir = std::env::temp_dir().join(format!("xtask-diff-nogit-{}", std::process::id()));
    fs::create_dir_all(dir.join("spec")).expect("create a directory");
    fs::write(dir.join("spec/openapi.yaml"), base_spec()).expect("write the spec");
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let status = xtask::diff::main(&dir, &["HEAD"], &mut stdout, &mut stderr);
    let _ = fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(status, EXIT_ERROR, "{stderr}");
    assert!(
        stderr.contains("is not inside a git repository"),
        "{stderr}"
    );
}
