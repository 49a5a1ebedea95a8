//! `cargo test` fails when the checked-in generated code is stale, and names the command that
//! fixes it (the same check as `cargo xtask codegen --check`, which CI runs). The other tests
//! here exercise the xtask's write and check modes on a scratch copy of the workspace.

use std::fs;
use std::path::{Path, PathBuf};

use xtask::codegen::{HEADER, Mode, run, workspace_root};

#[test]
fn generated_code_is_fresh() {
    if let Err(error) = run(&workspace_root(), Mode::Check) {
        panic!("{error:#}");
    }
}

#[test]
fn every_generated_file_starts_with_the_header() {
    let dir = workspace_root().join("generated/src/generated");
    let mut count = 0;
    for entry in fs::read_dir(&dir).expect("generated dir") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("readable");
        assert!(
            text.starts_with(HEADER),
            "{} does not start with the header",
            path.display()
        );
        count += 1;
    }
    assert_eq!(
        count, 5,
        "mod.rs, ids.rs, types.rs, operations.rs, resources.rs"
    );
}

/// A scratch workspace with a copy of the golden `workers_secrets` spec as its spec.
fn scratch(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("xtask-fresh-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("spec")).expect("spec dir");
    let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../codegen/tests/golden/workers_secrets/spec.yaml");
    fs::copy(spec, root.join("spec/openapi.yaml")).expect("copy spec");
    root
}

#[test]
fn write_then_check_passes_and_edits_are_caught() {
    let root = scratch("edits");
    let error = run(&root, Mode::Check).expect_err("nothing generated yet");
    assert!(format!("{error:#}").contains("run `cargo xtask codegen` and commit the result"));

    run(&root, Mode::Write).expect("write");
    run(&root, Mode::Check).expect("fresh after writing");

    // CRLF line endings (a Windows checkout) are not a difference.
    let types = root.join("generated/src/generated/types.rs");
    let text = fs::read_to_string(&types).expect("types.rs");
    fs::write(&types, text.replace('\n', "\r\n")).expect("crlf");
    run(&root, Mode::Check).expect("CRLF is normalised");

    // A hand edit is reported as a unified diff.
    fs::write(
        &types,
        text.replace("pub struct SecretTextInput", "pub struct HandEdited"),
    )
    .expect("edit");
    let message = format!("{:#}", run(&root, Mode::Check).expect_err("stale"));
    assert!(
        message.contains("--- a/generated/src/generated/types.rs"),
        "{message}"
    );
    assert!(message.contains("-pub struct HandEdited"), "{message}");
    assert!(message.contains("+pub struct SecretTextInput"), "{message}");
    assert!(
        message.contains("run `cargo xtask codegen` and commit the result"),
        "{message}"
    );

    run(&root, Mode::Write).expect("rewrite");
    run(&root, Mode::Check).expect("fresh again");
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn stale_generated_files_are_removed_and_hand_written_ones_kept() {
    let root = scratch("stale");
    run(&root, Mode::Write).expect("write");
    let dir = root.join("generated/src/generated");
    fs::write(
        dir.join("old.rs"),
        format!("{HEADER}\n//! An output the generator no longer produces.\n"),
    )
    .expect("stale file");
    fs::write(
        dir.join("notes.rs"),
        "//! Hand-written: no header, so the xtask leaves it alone.\n",
    )
    .expect("hand file");

    let message = format!("{:#}", run(&root, Mode::Check).expect_err("stale file"));
    assert!(
        message.contains("generated/src/generated/old.rs"),
        "{message}"
    );

    run(&root, Mode::Write).expect("write");
    assert!(!dir.join("old.rs").exists(), "stale generated file removed");
    assert!(dir.join("notes.rs").exists(), "hand-written file kept");
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let root = scratch("mtime");
    run(&root, Mode::Write).expect("write");
    let path = root.join("generated/src/generated/ids.rs");
    let before = fs::metadata(&path)
        .and_then(|meta| meta.modified())
        .expect("mtime");
    std::thread::sleep(std::time::Duration::from_millis(20));
    run(&root, Mode::Write).expect("write again");
    let after = fs::metadata(&path)
        .and_then(|meta| meta.modified())
        .expect("mtime");
    assert_eq!(
        before, after,
        "an unchanged file keeps its mtime (no needless rebuilds)"
    );
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn codegen_says_which_files_it_wrote_or_left_unchanged_and_the_time() {
    let root = scratch("summary");
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let status = xtask::codegen::main(&root, &[], &mut stdout, &mut stderr);
    let first = String::from_utf8(stdout).expect("utf-8");
    assert_eq!(status, 0, "{}", String::from_utf8_lossy(&stderr));
    assert!(
        first.starts_with("codegen: wrote 5 files (generated/src/generated/"),
        "{first}"
    );
    assert!(first.contains(", 0 unchanged, in "), "{first}");
    assert!(
        first.trim_end().ends_with(" ms (from spec/openapi.yaml)"),
        "{first}"
    );

    // One file edited by hand: it alone is written again.
    let types = root.join("generated/src/generated/types.rs");
    let text = fs::read_to_string(&types).expect("types.rs");
    fs::write(&types, format!("{text}// edited\n")).expect("edit");
    let summary = run(&root, Mode::Write).expect("write");
    assert_eq!(
        summary.written,
        vec!["generated/src/generated/types.rs".to_owned()]
    );
    assert_eq!(summary.unchanged, 4);
    assert!(
        summary.to_string().starts_with(
            "codegen: wrote 1 file (generated/src/generated/types.rs), 4 unchanged, in "
        ),
        "{summary}"
    );

    let summary = run(&root, Mode::Write).expect("write again");
    assert!(
        summary
            .to_string()
            .starts_with("codegen: wrote nothing, 5 unchanged, in "),
        "{summary}"
    );
    let summary = run(&root, Mode::Check).expect("check");
    assert!(
        summary
            .to_string()
            .starts_with("codegen --check: 5 files up to date with spec/openapi.yaml, in "),
        "{summary}"
    );
    let _ = fs::remove_dir_all(&root);
}
