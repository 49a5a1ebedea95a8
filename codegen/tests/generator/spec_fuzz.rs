//! A seeded mutation fuzzer for the generator: thousands of broken versions of
//! `spec/openapi.yaml` and the golden specs (see `spec_mutate.rs` for
//! the mutations) go through `codegen::build_model_named`. None may panic, and every error
//! must carry a JSON pointer, the file name and a line and column inside the text.
//!
//! `SPEC_FUZZ_SEED` and `SPEC_FUZZ_CASES` (per test) change the run; a failure prints the
//! seed, the case number and the mutated text's path (written under the target directory), so
//! it can be kept in `codegen/tests/fixtures/spec_fuzz/` with its expected error (see
//! `fixtures_give_their_expected_errors`).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::spec_mutate::mutate;
use cloudflare_secrets_codegen::{Error, build_model_named};

/// The default seed; any other reproduces a different run.
const DEFAULT_SEED: u64 = 0x005e_ed0f_5bec;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(default)
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// What is wrong with one outcome, if anything.
fn check(
    name: &str,
    text: &str,
    outcome: &std::thread::Result<Result<(), Error>>,
) -> Option<String> {
    let error = match outcome {
        Err(_) => return Some("the generator panicked".to_owned()),
        Ok(Ok(())) => return None,
        Ok(Err(error)) => error,
    };
    let lines = text.split('\n').count().max(1);
    let shown = error.to_string();
    if !error.pointer.starts_with('#') {
        return Some(format!(
            "the pointer {:?} does not start with `#`: {shown}",
            error.pointer
        ));
    }
    if error.message.trim().is_empty() {
        return Some(format!("the message is empty: {shown}"));
    }
    if error.message.contains("internal error") {
        return Some(format!("a panic was caught inside the generator: {shown}"));
    }
    if error.file.as_deref() != Some(name) {
        return Some(format!("the error does not name the file {name}: {shown}"));
    }
    let Some(location) = error.location else {
        return Some(format!("the error has no line: {shown}"));
    };
    if location.line == 0 || location.line > lines || location.column == 0 {
        return Some(format!(
            "the location {}:{} is outside the text ({lines} lines): {shown}",
            location.line, location.column
        ));
    }
    let prefix = format!(
        "{name}:{}:{}: {}: ",
        location.line, location.column, error.pointer
    );
    if !shown.starts_with(&prefix) {
        return Some(format!("the error does not start with {prefix:?}: {shown}"));
    }
    None
}

/// Runs `cases` mutations of the spec at `relative` and fails with every bad outcome found.
fn fuzz(relative: &str, salt: u64, default_cases: u64) {
    let path = workspace().join(relative);
    let original = fs::read_to_string(&path).expect("spec");
    let name = relative;
    assert!(
        build_model_named(name, &original).is_ok(),
        "{relative} itself must build"
    );
    let seed = env_number("SPEC_FUZZ_SEED", DEFAULT_SEED) ^ salt;
    let cases = env_number("SPEC_FUZZ_CASES", default_cases);
    let mut rng = fastrand::Rng::with_seed(seed);
    let started = Instant::now();
    let mut failures = Vec::new();
    let mut errors = 0u64;
    for case in 0..cases {
        let (text, kinds) = mutate(&mut rng, &original);
        let case_started = Instant::now();
        let outcome = std::panic::catch_unwind(|| build_model_named(name, &text).map(drop));
        if std::env::var_os("SPEC_FUZZ_SLOW").is_some() && case_started.elapsed().as_millis() > 40 {
            println!(
                "slow case {case} {kinds:?}: {:?} {}",
                case_started.elapsed(),
                text.len()
            );
        }
        if matches!(outcome, Ok(Err(_))) {
            errors += 1;
        }
        if let Some(problem) = check(name, &text, &outcome) {
            let dump = std::env::temp_dir().join(format!(
                "spec-fuzz-{}-{seed:x}-{case}.yaml",
                relative.replace('/', "_")
            ));
            let _ = fs::write(&dump, &text);
            failures.push(format!(
                "case {case} (seed {seed:#x}, {kinds:?}, text in {}): {problem}",
                dump.display()
            ));
        }
    }
    println!(
        "{relative}: {cases} cases, {errors} refused with an error, {} failures, in {:?}",
        failures.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} mutations of {relative} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        errors > cases / 4,
        "most mutations should be refused; only {errors} were"
    );
}

#[test]
fn mutations_of_the_real_spec() {
    fuzz("spec/openapi.yaml", 1, 3_000);
}

#[test]
fn mutations_of_the_golden_specs() {
    let mut names: Vec<String> = fs::read_dir(workspace().join("codegen/tests/golden"))
        .expect("golden dir")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for (index, name) in names.iter().enumerate() {
        fuzz(
            &format!("codegen/tests/golden/{name}/spec.yaml"),
            100 + index as u64,
            1_000,
        );
    }
}

/// Inputs the fuzzer (or the issue that asked for it) found, each with the error it must give:
/// `NAME.yaml` and `NAME.expected` (the error's `Display`, with the file shown as `NAME.yaml`).
/// `UPDATE_FIXTURES=1` rewrites the expected files.
#[test]
fn fixtures_give_their_expected_errors() {
    let dir = workspace().join("codegen/tests/fixtures/spec_fuzz");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("fixture dir")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no fixtures in {}", dir.display());
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut mismatches = Vec::new();
    for name in &names {
        let text = fs::read_to_string(dir.join(name)).expect("fixture");
        let outcome = std::panic::catch_unwind(|| build_model_named(name, &text).map(drop));
        if let Some(problem) = check(name, &text, &outcome) {
            mismatches.push(format!("{name}: {problem}"));
            continue;
        }
        let shown = match outcome {
            Ok(Err(error)) => error.to_string(),
            _ => "ok".to_owned(),
        };
        let expected_path = dir.join(name.replace(".yaml", ".expected"));
        if update {
            fs::write(&expected_path, format!("{shown}\n")).expect("write expected");
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if expected.trim_end() != shown {
            mismatches.push(format!(
                "{name}:\n  expected {:?}\n  got      {shown:?}",
                expected.trim_end()
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "fixtures differ (UPDATE_FIXTURES=1 rewrites them):\n{}",
        mismatches.join("\n")
    );
}
