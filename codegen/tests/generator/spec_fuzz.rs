//! A seeded mutation fuzzer for the generator: thousands of broken versions of
//! `spec/openapi.yaml` and the golden specs (see `spec_mutate.rs` for
//! the mutations) go through `codegen::build_model_named`. None may panic, and every error
//! must carry a JSON pointer, the file name and a line and column inside the text. A YAML error
//! must be the parser's own, at the offending character (never before the first edit); an
//! error at `1:1` must be about what is there (the document, or the entry on line 1), never a
//! fallback. `yaml_errors_are_located_at_the_offending_character` checks the exact place for
//! control characters and second documents inserted anywhere.
//!
//! `SPEC_FUZZ_SEED` and `SPEC_FUZZ_CASES` (per test) change the run; a failure prints the
//! seed, the case number and the mutated text's path (written under the target directory), so
//! it can be kept in `codegen/tests/fixtures/spec_fuzz/` with its expected error (see
//! `fixtures_give_their_expected_errors`).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::spec_mutate::mutate;
use cloudflare_secrets_codegen::locate::clamp;
use cloudflare_secrets_codegen::parse::tree::Tree;
use cloudflare_secrets_codegen::{Error, Location, build_model_named};

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

/// The first line (1-based) where `text` differs from `original`.
fn first_changed_line(original: &str, text: &str) -> usize {
    let (before, after): (Vec<&str>, Vec<&str>) =
        (original.split('\n').collect(), text.split('\n').collect());
    before
        .iter()
        .zip(&after)
        .position(|(old, new)| old != new)
        .unwrap_or(before.len().min(after.len()))
        + 1
}

/// What is wrong with where `error` points, if anything (see the module docs). `original` is
/// the text before mutation, when there is one.
fn check_location(
    text: &str,
    original: Option<&str>,
    error: &Error,
    location: Location,
) -> Option<String> {
    let shown = error.to_string();
    let first_changed = original.map(|original| first_changed_line(original, text));
    match Tree::parse(text) {
        Err(yaml) => {
            // A YAML error: the parser's own, at the place it names.
            let expected = yaml.location.map(|at| clamp(text, at));
            if error.message != yaml.message || Some(location) != expected {
                return Some(format!(
                    "the YAML error {yaml} is reported differently: {shown}"
                ));
            }
            if let Some(first_changed) = first_changed
                && location.line + 1 < first_changed
            {
                return Some(format!(
                    "the YAML error is located before the first edit (line {first_changed}): {shown}"
                ));
            }
        }
        Ok(tree) => {
            let line_one_edited = first_changed == Some(1);
            let start_of_text = Location { line: 1, column: 1 };
            if location == start_of_text && !line_one_edited {
                // Only the document itself, or the entry written at 1:1, is really there.
                let root = tree.root();
                let first_entry = root
                    .and_then(|root| tree.entries(root).first())
                    .filter(|entry| entry.key_start == start_of_text)
                    .map(|entry| format!("#/{}", entry.key.replace('~', "~0").replace('/', "~1")));
                // With no document at all, the start of the text is where it is missing.
                let names_document = error.pointer == "#"
                    && root.is_none_or(|root| tree.start(root) == start_of_text);
                let names_first_entry = first_entry.is_some_and(|first| {
                    error.pointer == first || error.pointer.starts_with(&format!("{first}/"))
                });
                if !names_document && !names_first_entry {
                    return Some(format!("the error falls back to 1:1: {shown}"));
                }
            }
        }
    }
    None
}

/// What is wrong with one outcome, if anything.
fn check(
    name: &str,
    text: &str,
    original: Option<&str>,
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
    check_location(text, original, error, location)
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
        if let Some(problem) = check(name, &text, Some(&original), &outcome) {
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
        if let Some(problem) = check(name, &text, None, &outcome) {
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

/// The 1-based line and column (in characters) of byte `offset` of `text`.
fn location_of(text: &str, offset: usize) -> Location {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    Location {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// Characters YAML does not allow (C0 controls, DEL, C1 controls, U+FFFE/U+FFFF) and `---`
/// lines, inserted at seeded places in `spec/openapi.yaml` (in keys, values, quoted and block
/// scalars, comments, indentation), are reported at the exact line and column of what was
/// inserted, never at `1:1` (the libyaml-based parser put 5 of 600 random edits there).
#[test]
fn yaml_errors_are_located_at_the_offending_character() {
    const CONTROLS: [char; 9] = [
        '\u{0}', '\u{7}', '\u{8}', '\u{1b}', '\u{7f}', '\u{86}', '\u{9f}', '\u{fffe}', '\u{ffff}',
    ];
    let name = "spec/openapi.yaml";
    let original = fs::read_to_string(workspace().join(name)).expect("spec");
    let seed = env_number("SPEC_FUZZ_SEED", DEFAULT_SEED) ^ 0x10ca7e;
    let mut rng = fastrand::Rng::with_seed(seed);
    let boundaries: Vec<usize> = (0..=original.len())
        .filter(|&offset| original.is_char_boundary(offset))
        .collect();
    let lines: Vec<&str> = original.split('\n').collect();
    // A `---` before the document's first line would only make its start explicit.
    let tree = Tree::parse(&original).expect("the spec is YAML");
    let first_line = tree.root().map_or(1, |root| tree.start(root).line);
    let mut failures = Vec::new();
    let cases = env_number("SPEC_FUZZ_CASES", 600);
    for case in 0..cases {
        let (text, expected, message) = if case % 2 == 0 {
            let at = boundaries[rng.usize(..boundaries.len())];
            let control = CONTROLS[rng.usize(..CONTROLS.len())];
            let text = format!("{}{control}{}", &original[..at], &original[at..]);
            (text, location_of(&original, at), "control character")
        } else {
            let at = rng.usize(first_line..lines.len());
            let mut edited = lines.clone();
            edited.insert(at, "---");
            let expected = Location {
                line: at + 1,
                column: 1,
            };
            (edited.join("\n"), expected, "document")
        };
        let located = match build_model_named(name, &text) {
            Ok(_) => Err("it was accepted".to_owned()),
            Err(error) if error.location != Some(expected) => Err(format!(
                "expected {}:{}, got {error}",
                expected.line, expected.column
            )),
            Err(error) if !error.message.contains(message) => {
                Err(format!("expected a message about a {message}, got {error}"))
            }
            Err(_) => Ok(()),
        };
        if let Err(problem) = located {
            failures.push(format!("case {case} (seed {seed:#x}): {problem}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} inserted YAML errors are not located where they were inserted:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
