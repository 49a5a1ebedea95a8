//! Golden tests for the generator: each `codegen/tests/golden/<name>/spec.yaml` is generated and
//! compared with the files checked in under `codegen/tests/golden/<name>/expected/`.
//!
//! Each fixture's `compile.rs` (a trybuild `pass` program that `#[path]`-includes the expected
//! output) must also compile and run; that part runs in the workspace tests' `compile` binary
//! (`tests/tests/compile/main.rs`), because all trybuild cases share one test binary and this
//! binary links only the generator. Generated code extends runtime types (`impl
//! crate::runtime::RequestBuilder<Operation>`, `impl crate::Client`), which Rust allows only in
//! the crate that defines them, so each `compile.rs` compiles the runtime's source as its own
//! `crate::runtime` (`#[path = "../../../../generated/src/runtime/mod.rs"]`).
//!
//! Refresh the expected files with
//! `UPDATE_GOLDEN=1 cargo test -p cloudflare-secrets-codegen --test generator golden`.

use std::fs;
use std::path::{Path, PathBuf};

fn golden_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(golden_root())
        .expect("tests/golden exists")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.join("spec.yaml").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// Every file under `dir`, as paths relative to it with `/` separators.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let Ok(entries) = fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn there_are_at_least_six_fixtures() {
    let names: Vec<String> = fixtures()
        .iter()
        .filter_map(|path| {
            path.file_name()
                .map(|name| name.to_string_lossy().into_owned())
        })
        .collect();
    assert!(
        names.len() >= 6,
        "expected at least 6 golden fixtures, found {names:?}"
    );
    for name in &names {
        assert!(
            golden_root().join(name).join("compile.rs").is_file(),
            "fixture {name} has no compile.rs"
        );
    }
}

#[test]
fn generated_output_matches_expected_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for dir in fixtures() {
        let name = dir
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let spec = fs::read_to_string(dir.join("spec.yaml")).expect("readable spec");
        let files = match cloudflare_secrets_codegen::generate(&spec) {
            Ok(files) => files,
            Err(error) => {
                failures.push(format!("{name}: generation failed: {error}"));
                continue;
            }
        };
        let expected_dir = dir.join("expected");
        let mut produced = Vec::new();
        for file in &files {
            produced.push(file.path.clone());
            let path = expected_dir.join(&file.path);
            if update {
                fs::create_dir_all(path.parent().expect("has a parent")).expect("create dir");
                fs::write(&path, &file.contents).expect("write expected file");
                continue;
            }
            let expected = fs::read_to_string(&path)
                .unwrap_or_default()
                .replace("\r\n", "\n");
            if expected != file.contents {
                let diff = similar_diff(&expected, &file.contents);
                failures.push(format!(
                    "{name}/{}: differs from the expected file:\n{diff}",
                    file.path
                ));
            }
        }
        produced.sort();
        let on_disk = files_under(&expected_dir);
        for extra in on_disk.iter().filter(|path| !produced.contains(path)) {
            if update {
                fs::remove_file(expected_dir.join(extra)).expect("remove stale expected file");
            } else {
                failures.push(format!(
                    "{name}/{extra}: expected file is no longer generated"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is intended, run `UPDATE_GOLDEN=1 cargo test -p cloudflare-secrets-codegen --test generator golden` and review the diff.",
        failures.join("\n")
    );
}

/// A unified diff of the expected and the generated text, as `cargo xtask codegen --check` prints it.
fn similar_diff(expected: &str, actual: &str) -> String {
    xtask::codegen::unified_diff("expected", expected, actual)
}
