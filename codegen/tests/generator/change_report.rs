//! Fixture tests for the API change report (`codegen::diff`).
//!
//! Each `codegen/tests/diff/<case>/` holds `old.yaml` and `new.yaml` (tiny specs that go through the
//! generator's real front end, `build_model`) and the expected reports `expected.txt` (plain
//! text) and `expected.md` (Markdown). Each case also states here whether the change is
//! breaking, so a wrong classification fails even if someone refreshes the expected files.
//!
//! Refresh the expected files with `UPDATE_EXPECT=1 cargo test -p cloudflare-secrets-codegen --test generator change_report`
//! and read what changed before committing them.

use std::fs;
use std::path::{Path, PathBuf};

use cloudflare_secrets_codegen::diff::{ApiDiff, Severity, compare};

fn diff_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

fn diff_of(case: &str) -> ApiDiff {
    let dir = diff_root().join(case);
    let old = cloudflare_secrets_codegen::build_model(&read(&dir.join("old.yaml")))
        .unwrap_or_else(|error| panic!("{case}/old.yaml does not build: {error}"));
    let new = cloudflare_secrets_codegen::build_model(&read(&dir.join("new.yaml")))
        .unwrap_or_else(|error| panic!("{case}/new.yaml does not build: {error}"));
    compare(&old, &new)
}

fn check_file(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        fs::write(path, actual)
            .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
        return;
    }
    let expected = read(path).replace("\r\n", "\n");
    assert_eq!(
        actual,
        expected,
        "{} is stale; rerun with UPDATE_EXPECT=1 and review the change",
        path.display()
    );
}

/// Compares the case's reports with the expected files and checks its classification:
/// `breaking` says whether anything is breaking, `kinds` lists `(severity, kind)` pairs that
/// must all be present.
fn check(case: &str, breaking: bool, kinds: &[(Severity, &str)]) -> ApiDiff {
    let diff = diff_of(case);
    let dir = diff_root().join(case);
    check_file(&dir.join("expected.txt"), &diff.render_text());
    check_file(&dir.join("expected.md"), &diff.render_markdown());
    assert_eq!(
        diff.has_breaking(),
        breaking,
        "{case}: wrong breaking verdict:\n{}",
        diff.render_text()
    );
    for (severity, kind) in kinds {
        assert!(
            diff.changes
                .iter()
                .any(|change| change.severity == *severity && change.kind == *kind),
            "{case}: expected a {severity:?} change `{kind}`:\n{}",
            diff.render_text()
        );
    }
    diff
}

/// The cases with a test below; a fixture directory without a test fails `every_fixture_has_a_test`.
const CASES: &[&str] = &[
    "docs_only",
    "field_type_changed",
    "identifier_constraint_loosened",
    "no_changes",
    "operation_added",
    "operation_moved",
    "operation_removed",
    "operation_renamed",
    "parameter_bound_changes_integer_type",
    "parameter_constraint_loosened",
    "parameter_constraint_tightened",
    "parameter_made_required",
    "parameter_optional_added",
    "parameter_removed",
    "parameter_required_added",
    "parameter_type_changed",
    "request_constraint_loosened",
    "request_constraint_tightened",
    "request_enum_value_added",
    "request_field_added_optional",
    "request_field_added_required",
    "request_field_made_optional",
    "request_field_made_required",
    "response_enum_value_added",
    "response_enum_value_removed",
    "response_field_added",
    "response_field_made_nullable",
    "response_field_made_optional",
    "response_field_made_required",
    "response_field_no_longer_nullable",
    "response_field_removed",
    "result_type_changed",
    "type_added",
    "type_direction_changed",
    "type_removed",
    "type_split",
    "union_variant_added",
    "union_variant_removed",
    "version_and_mixed",
];

#[test]
fn every_fixture_has_a_test() {
    let mut dirs: Vec<String> = fs::read_dir(diff_root())
        .expect("tests/diff exists")
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().join("old.yaml").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    assert_eq!(dirs, CASES, "tests/diff and the CASES list disagree");
}

#[test]
fn no_changes() {
    let diff = check("no_changes", false, &[]);
    assert!(diff.is_empty());
}

#[test]
fn docs_only() {
    let diff = check(
        "docs_only",
        false,
        &[(Severity::Documentation, "operation description changed")],
    );
    assert!(!diff.is_empty());
    assert!(
        diff.changes
            .iter()
            .all(|change| change.severity == Severity::Documentation)
    );
}

#[test]
fn operation_added() {
    check(
        "operation_added",
        false,
        &[(Severity::Additive, "operation added")],
    );
}

#[test]
fn operation_removed() {
    check(
        "operation_removed",
        true,
        &[(Severity::Breaking, "operation removed")],
    );
}

#[test]
fn operation_renamed_is_one_rename_not_a_removal_and_an_addition() {
    let diff = check(
        "operation_renamed",
        true,
        &[(Severity::Breaking, "operation renamed")],
    );
    assert!(
        !diff
            .changes
            .iter()
            .any(|change| change.kind == "operation removed" || change.kind == "operation added"),
        "{}",
        diff.render_text()
    );
}

#[test]
fn operation_moved() {
    check(
        "operation_moved",
        true,
        &[(Severity::Breaking, "operation moved")],
    );
}

#[test]
fn parameter_required_added() {
    check(
        "parameter_required_added",
        true,
        &[(Severity::Breaking, "required parameter added")],
    );
}

#[test]
fn parameter_optional_added() {
    check(
        "parameter_optional_added",
        false,
        &[(Severity::Additive, "optional parameter added")],
    );
}

#[test]
fn parameter_removed() {
    check(
        "parameter_removed",
        true,
        &[(Severity::Breaking, "parameter removed")],
    );
}

#[test]
fn parameter_made_required() {
    check(
        "parameter_made_required",
        true,
        &[(Severity::Breaking, "parameter made required")],
    );
}

#[test]
fn parameter_type_changed() {
    check(
        "parameter_type_changed",
        true,
        &[(Severity::Breaking, "parameter type changed")],
    );
}

/// A parameter's bounds decide its Rust integer type (`per_page` up to 100 is a `u8`), so
/// raising `maximum` to 1,000 makes it a `u16`: a type change callers' code may notice, not only
/// a loosened constraint.
#[test]
fn parameter_bound_changes_integer_type() {
    let diff = check(
        "parameter_bound_changes_integer_type",
        true,
        &[
            (Severity::Breaking, "parameter type changed"),
            (Severity::Additive, "parameter constraint loosened"),
        ],
    );
    assert!(
        diff.render_text().contains("u8 -> u16"),
        "{}",
        diff.render_text()
    );
}

#[test]
fn parameter_constraint_tightened() {
    check(
        "parameter_constraint_tightened",
        true,
        &[(Severity::Breaking, "parameter constraint tightened")],
    );
}

#[test]
fn parameter_constraint_loosened() {
    check(
        "parameter_constraint_loosened",
        false,
        &[(Severity::Additive, "parameter constraint loosened")],
    );
}

#[test]
fn request_field_made_required_is_breaking() {
    check(
        "request_field_made_required",
        true,
        &[(Severity::Breaking, "request field made required")],
    );
}

#[test]
fn response_field_made_required_is_additive() {
    check(
        "response_field_made_required",
        false,
        &[(Severity::Additive, "response field made required")],
    );
}

#[test]
fn request_field_made_optional() {
    check(
        "request_field_made_optional",
        true,
        &[(Severity::Breaking, "request field made optional")],
    );
}

#[test]
fn response_field_made_optional_is_breaking() {
    check(
        "response_field_made_optional",
        true,
        &[(Severity::Breaking, "response field made optional")],
    );
}

#[test]
fn request_field_added_optional_is_additive() {
    check(
        "request_field_added_optional",
        false,
        &[(Severity::Additive, "optional request field added")],
    );
}

#[test]
fn request_field_added_required_is_breaking() {
    check(
        "request_field_added_required",
        true,
        &[(Severity::Breaking, "required request field added")],
    );
}

#[test]
fn response_field_added() {
    check(
        "response_field_added",
        false,
        &[(Severity::Additive, "optional response field added")],
    );
}

#[test]
fn response_field_made_nullable_is_breaking() {
    check(
        "response_field_made_nullable",
        true,
        &[(Severity::Breaking, "response field made nullable")],
    );
}

#[test]
fn response_field_no_longer_nullable_is_additive() {
    check(
        "response_field_no_longer_nullable",
        false,
        &[(Severity::Additive, "response field no longer nullable")],
    );
}

#[test]
fn response_field_removed() {
    check(
        "response_field_removed",
        true,
        &[(Severity::Breaking, "response field removed")],
    );
}

#[test]
fn field_type_changed() {
    check(
        "field_type_changed",
        true,
        &[(Severity::Breaking, "request field type changed")],
    );
}

#[test]
fn request_constraint_tightened() {
    check(
        "request_constraint_tightened",
        true,
        &[
            (Severity::Breaking, "request field constraint tightened"),
            (Severity::Breaking, "request field constraint tightened"),
        ],
    );
}

#[test]
fn request_constraint_loosened() {
    check(
        "request_constraint_loosened",
        false,
        &[(Severity::Additive, "request field constraint loosened")],
    );
}

#[test]
fn request_enum_value_added_is_breaking() {
    check(
        "request_enum_value_added",
        true,
        &[(Severity::Breaking, "enum value added")],
    );
}

#[test]
fn response_enum_value_added_is_additive() {
    check(
        "response_enum_value_added",
        false,
        &[(Severity::Additive, "enum value added")],
    );
}

#[test]
fn response_enum_value_removed() {
    check(
        "response_enum_value_removed",
        true,
        &[(Severity::Breaking, "enum value removed")],
    );
}

#[test]
fn type_added() {
    check("type_added", false, &[(Severity::Additive, "type added")]);
}

#[test]
fn type_removed() {
    check(
        "type_removed",
        true,
        &[(Severity::Breaking, "type removed")],
    );
}

#[test]
fn type_direction_changed() {
    check(
        "type_direction_changed",
        true,
        &[
            (Severity::Additive, "type direction changed"),
            (Severity::Breaking, "request body type changed"),
            (Severity::Breaking, "type removed"),
        ],
    );
}

#[test]
fn type_split_by_a_read_only_field() {
    check(
        "type_split",
        true,
        &[
            (Severity::Breaking, "type direction changed"),
            (Severity::Breaking, "request body type changed"),
            (Severity::Additive, "type added"),
        ],
    );
}

#[test]
fn union_variant_added_is_additive_for_responses_and_breaking_for_requests() {
    let diff = check(
        "union_variant_added",
        true,
        &[(Severity::Additive, "type added")],
    );
    let added: Vec<(Severity, &str)> = diff
        .changes
        .iter()
        .filter(|change| change.kind == "union variant added")
        .map(|change| (change.severity, change.rust_items[0].as_str()))
        .collect();
    assert_eq!(
        added,
        vec![
            (Severity::Additive, "types::Binding::Flag"),
            (Severity::Breaking, "types::BindingInput::Flag"),
        ]
    );
}

#[test]
fn union_variant_removed() {
    check(
        "union_variant_removed",
        true,
        &[
            (Severity::Breaking, "union variant removed"),
            (Severity::Breaking, "type removed"),
        ],
    );
}

#[test]
fn identifier_constraint_loosened() {
    check(
        "identifier_constraint_loosened",
        false,
        &[(Severity::Additive, "identifier constraint loosened")],
    );
}

#[test]
fn result_type_changed() {
    check(
        "result_type_changed",
        true,
        &[(Severity::Breaking, "result type changed")],
    );
}

#[test]
fn version_and_mixed() {
    let diff = check(
        "version_and_mixed",
        true,
        &[
            (Severity::Breaking, "operation renamed"),
            (Severity::Additive, "enum value added"),
            (Severity::Documentation, "operation summary changed"),
        ],
    );
    assert_eq!(
        (diff.old_version.as_str(), diff.new_version.as_str()),
        ("1.0", "1.1")
    );
}

#[test]
fn the_reports_name_the_rust_items() {
    let diff = diff_of("operation_renamed");
    let text = diff.render_text();
    assert!(text.contains("operations::RemoveSecret"), "{text}");
    assert!(text.contains("Client::store().secrets().delete"), "{text}");
    let diff = diff_of("request_field_made_required");
    assert!(
        diff.render_text().contains("types::SecretInput::comment"),
        "{}",
        diff.render_text()
    );
    assert!(
        diff.render_markdown()
            .contains("`types::SecretInput::comment`"),
        "{}",
        diff.render_markdown()
    );
}
