//! The API change report (`codegen::diff`) over its corpus, `codegen/tests/diff/<case>/` (see the
//! corpus's README): every named API change goes through the generator and the report, and its
//! Rust verdict must be the one recorded in the case's `verdict.yaml`.
//!
//! Refresh the expected reports with
//! `UPDATE_EXPECT=1 cargo test -p cloudflare-secrets-codegen --test generator change_report`
//! and read what changed before committing them; a refresh never changes a verdict.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use cloudflare_secrets_codegen::GeneratedFile;
use cloudflare_secrets_codegen::diff::{ApiDiff, CaseVerdict, Verdict, compare};

/// Every case, with the kinds of change its report must contain (beyond its verdict).
const CASES: &[(&str, &[&str])] = &[
    (
        "docs_only",
        &[
            "operation description changed",
            "resource description changed",
        ],
    ),
    (
        "identifier_constraint_loosened",
        &["identifier constraint loosened"],
    ),
    (
        "identifier_constraint_tightened",
        &["identifier constraint tightened"],
    ),
    (
        "keyed_struct_field_added_optional",
        &["optional request field added"],
    ),
    (
        "keyed_struct_field_added_required",
        &["required request field added"],
    ),
    ("no_changes", &[]),
    ("operation_added", &["operation added"]),
    ("operation_made_idempotent", &["retry behaviour changed"]),
    ("operation_moved", &["operation moved"]),
    (
        "operation_permissions_changed",
        &["token permissions changed"],
    ),
    ("operation_removed", &["operation removed"]),
    ("operation_renamed", &["operation renamed"]),
    ("operation_renamed_same_rust_name", &["operation renamed"]),
    (
        "parameter_bound_changes_integer_type",
        &["parameter type changed", "parameter constraint loosened"],
    ),
    (
        "parameter_constraint_loosened",
        &["parameter constraint loosened"],
    ),
    (
        "parameter_constraint_tightened",
        &["parameter constraint tightened"],
    ),
    ("parameter_made_optional", &["parameter made optional"]),
    ("parameter_made_required", &["parameter made required"]),
    ("parameter_optional_added", &["optional parameter added"]),
    ("parameter_removed", &["parameter removed"]),
    (
        "parameter_renamed",
        &["parameter removed", "optional parameter added"],
    ),
    ("parameter_required_added", &["required parameter added"]),
    ("parameter_type_changed", &["parameter type changed"]),
    (
        "path_parameters_reordered",
        &["resource method arguments reordered", "operation moved"],
    ),
    (
        "request_body_made_optional",
        &["request body made optional"],
    ),
    (
        "request_constraint_loosened",
        &["request field constraint loosened"],
    ),
    (
        "request_constraint_tightened",
        &["request field constraint tightened"],
    ),
    (
        "request_content_type_changed",
        &["request content type changed"],
    ),
    (
        "request_enum_now_in_responses",
        &["enum openness changed", "optional response field added"],
    ),
    ("request_enum_value_added", &["enum value added"]),
    ("request_enum_value_removed", &["enum value removed"]),
    (
        "request_field_added_optional",
        &["optional request field added"],
    ),
    (
        "request_field_added_required",
        &["required request field added"],
    ),
    (
        "request_field_made_nullable",
        &["request field made nullable"],
    ),
    (
        "request_field_made_optional",
        &["request field made optional"],
    ),
    (
        "request_field_made_required",
        &["request field made required"],
    ),
    (
        "request_field_made_sensitive",
        &["request field made sensitive"],
    ),
    (
        "request_field_no_longer_sensitive",
        &["request field no longer sensitive"],
    ),
    ("request_field_removed", &["request field removed"]),
    (
        "request_field_renamed",
        &["request field removed", "optional request field added"],
    ),
    (
        "request_field_type_changed",
        &["request field type changed"],
    ),
    (
        "request_type_now_returned",
        &["type direction changed", "operation added"],
    ),
    (
        "response_constraint_loosened",
        &["response field constraint loosened"],
    ),
    (
        "response_constraint_tightened",
        &["response field constraint tightened"],
    ),
    ("response_enum_value_added", &["enum value added"]),
    ("response_enum_value_removed", &["enum value removed"]),
    (
        "response_enum_value_renamed",
        &["enum value removed", "enum value added"],
    ),
    ("response_field_added", &["optional response field added"]),
    (
        "response_field_added_required",
        &["required response field added"],
    ),
    (
        "response_field_made_nullable",
        &["response field made nullable"],
    ),
    (
        "response_field_made_optional",
        &["response field made optional"],
    ),
    (
        "response_field_made_required",
        &["response field made required"],
    ),
    (
        "response_field_made_sensitive",
        &["response field made sensitive"],
    ),
    (
        "response_field_no_longer_nullable",
        &["response field no longer nullable"],
    ),
    ("response_field_removed", &["response field removed"]),
    (
        "response_field_renamed",
        &["response field removed", "optional response field added"],
    ),
    (
        "response_field_type_changed",
        &["response field type changed"],
    ),
    ("result_type_changed", &["result type changed"]),
    (
        "shared_struct_field_added_optional",
        &["optional field added"],
    ),
    ("type_added", &["type added"]),
    (
        "type_direction_changed",
        &[
            "type direction changed",
            "request body type changed",
            "type removed",
        ],
    ),
    ("type_removed", &["type removed", "response field removed"]),
    (
        "type_split",
        &[
            "type direction changed",
            "request body type changed",
            "type added",
        ],
    ),
    (
        "union_variant_added",
        &["union variant added", "type added"],
    ),
    (
        "union_variant_removed",
        &["union variant removed", "type removed"],
    ),
    (
        "union_variant_renamed",
        &["union variant removed", "union variant added"],
    ),
    (
        "version_and_mixed",
        &[
            "operation renamed",
            "enum value added",
            "operation summary changed",
        ],
    ),
];

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
        .replace("\r\n", "\n")
}

/// One case, through the generator and the report.
struct Case {
    name: &'static str,
    diff: ApiDiff,
    recorded: CaseVerdict,
    old_files: Vec<GeneratedFile>,
    new_files: Vec<GeneratedFile>,
}

fn run(name: &'static str) -> Case {
    let dir = corpus_root().join(name);
    let old_text = read(&dir.join("old.yaml"));
    let new_text = read(&dir.join("new.yaml"));
    let model = |side: &str, text: &str| {
        cloudflare_secrets_codegen::build_model(text)
            .unwrap_or_else(|error| panic!("{name}/{side}.yaml does not build: {error}"))
    };
    let generate = |side: &str, text: &str| {
        cloudflare_secrets_codegen::generate(text)
            .unwrap_or_else(|error| panic!("{name}/{side}.yaml does not generate: {error}"))
    };
    let recorded = read(&dir.join("verdict.yaml"))
        .parse()
        .unwrap_or_else(|error| panic!("{name}/verdict.yaml: {error}"));
    Case {
        name,
        diff: compare(&model("old", &old_text), &model("new", &new_text)),
        recorded,
        old_files: generate("old", &old_text),
        new_files: generate("new", &new_text),
    }
}

fn corpus() -> Vec<Case> {
    CASES.iter().map(|(name, _)| run(name)).collect()
}

fn describe(verdict: CaseVerdict) -> String {
    verdict.to_string().trim_end().replace('\n', ", ")
}

#[test]
fn the_corpus_lists_every_case_and_is_large_enough() {
    let mut dirs: Vec<String> = fs::read_dir(corpus_root())
        .expect("codegen/tests/diff exists")
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let listed: Vec<&str> = CASES.iter().map(|(name, _)| *name).collect();
    assert_eq!(dirs, listed, "codegen/tests/diff and CASES disagree");
    assert!(
        CASES.len() >= 20,
        "the corpus holds at least 20 named API changes"
    );
}

/// The heart of the corpus: the report's Rust verdict of every case is the recorded one. All
/// disagreements are listed at once.
#[test]
fn every_case_gets_its_recorded_verdict() {
    let wrong: Vec<String> = corpus()
        .iter()
        .filter(|case| case.diff.verdict() != case.recorded)
        .map(|case| {
            format!(
                "{}: recorded {}, reported {}\n{}",
                case.name,
                describe(case.recorded),
                describe(case.diff.verdict()),
                case.diff.render_text()
            )
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} wrong verdicts:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_case_reports_its_changes_as_expected() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    for (case, (_, kinds)) in corpus().iter().zip(CASES) {
        let dir = corpus_root().join(case.name);
        for (file, actual) in [
            ("expected.txt", case.diff.render_text()),
            ("expected.md", case.diff.render_markdown()),
        ] {
            let path = dir.join(file);
            if update {
                fs::write(&path, &actual)
                    .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
                continue;
            }
            assert_eq!(
                actual,
                read(&path),
                "{} is stale; rerun with UPDATE_EXPECT=1 and review the change",
                path.display()
            );
        }
        for kind in *kinds {
            assert!(
                case.diff.changes.iter().any(|change| change.kind == *kind),
                "{}: expected a change `{kind}`:\n{}",
                case.name,
                case.diff.render_text()
            );
        }
    }
}

/// The lines of generated code that make up the public surface, each with the item it belongs
/// to: lines starting with `pub` (a multi-line signature joined into one), and every entry of
/// a declaration macro (`string_enum!`, `setters!`, `operation!`). Doc comments are left out.
fn public_lines(files: &[GeneratedFile]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for file in files {
        let mut item = String::new();
        let mut macro_item = String::new();
        let mut pending: Option<String> = None;
        for line in file.contents.lines() {
            let trimmed = line.trim();
            if trimmed.starts_with("//") || trimmed.is_empty() {
                continue;
            }
            if let Some(signature) = pending.as_mut() {
                signature.push_str(trimmed);
                if trimmed.ends_with('{') || trimmed.ends_with(';') {
                    out.insert(pending.take().unwrap_or_default());
                }
                continue;
            }
            let indent = line.len() - line.trim_start().len();
            if indent == 0 {
                item = format!("{}: {trimmed}", file.path);
                macro_item.clear();
            } else if indent == 4 && item.ends_with("! {") && trimmed.ends_with('{') {
                macro_item = trimmed.to_owned();
            }
            let in_macro = item.ends_with("! {") && indent > 4;
            if trimmed.starts_with("pub ") || in_macro {
                let signature = format!("{item} / {macro_item} / {trimmed}");
                if trimmed.ends_with('(') {
                    pending = Some(signature);
                } else {
                    out.insert(signature);
                }
            }
        }
    }
    out
}

/// Where the verdict can be read from the generated text, it must agree with it: no change
/// leaves the code as it was, a patch verdict changes only doc comments, and a compatible change
/// keeps every public line of the old code.
#[test]
fn verdicts_agree_with_the_generated_code() {
    let code = |files: &[GeneratedFile]| -> Vec<String> {
        files
            .iter()
            .flat_map(|file| {
                file.contents
                    .lines()
                    .filter(|line| !line.trim_start().starts_with("//"))
                    .map(|line| format!("{}: {line}", file.path))
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let mut checked = BTreeSet::new();
    for case in corpus() {
        match case.diff.verdict().0 {
            None => assert_eq!(case.old_files, case.new_files, "{}", case.name),
            Some(Verdict::Documentation) => {
                assert_eq!(
                    code(&case.old_files),
                    code(&case.new_files),
                    "{}",
                    case.name
                );
            }
            Some(Verdict::Compatible) => {
                let new = public_lines(&case.new_files);
                let gone: Vec<String> = public_lines(&case.old_files)
                    .into_iter()
                    .filter(|line| !new.contains(line))
                    .collect();
                assert!(
                    gone.is_empty(),
                    "{}: reported compatible, but these public lines are gone:\n{}",
                    case.name,
                    gone.join("\n")
                );
            }
            Some(Verdict::BreaksBehaviour | Verdict::BreaksBuild) => continue,
        }
        checked.insert(case.diff.verdict().0);
    }
    assert_eq!(
        checked.len(),
        3,
        "cases with no change, patch and minor verdicts were checked"
    );
}

/// The check above must be able to fail: a removed field is a public line gone.
#[test]
fn a_removed_public_line_is_seen() {
    let case = run("response_field_removed");
    let new = public_lines(&case.new_files);
    assert!(
        public_lines(&case.old_files)
            .iter()
            .any(|line| !new.contains(line) && line.contains("pub comment")),
        "the removed `Secret.comment` is not among the public lines"
    );
}

/// Where the API reads a change differently, the report says so beside the Rust verdict.
#[test]
fn the_api_reading_stands_beside_the_verdict() {
    let readings = [
        ("response_field_made_required", Verdict::BreaksBuild, false),
        ("request_field_made_optional", Verdict::BreaksBuild, false),
        (
            "response_field_no_longer_nullable",
            Verdict::BreaksBuild,
            false,
        ),
        ("request_field_made_sensitive", Verdict::BreaksBuild, false),
        ("operation_moved", Verdict::Compatible, true),
        ("response_constraint_loosened", Verdict::Documentation, true),
    ];
    for (name, verdict, api_breaking) in readings {
        let case = run(name);
        let change = case
            .diff
            .changes
            .iter()
            .find(|change| change.verdict == verdict && change.api.is_some())
            .unwrap_or_else(|| panic!("{name}: no {verdict:?} change with an API reading"));
        let api = change.api.as_ref().map(|api| api.breaking);
        assert_eq!(api, Some(api_breaking), "{name}");
        let line = change.to_text();
        let word = if api_breaking {
            "breaking"
        } else {
            "compatible"
        };
        assert!(line.contains(&format!("(API reading: {word}, ")), "{line}");
    }
}

#[test]
fn the_reports_name_the_rust_items_and_the_bump() {
    let case = run("operation_renamed");
    let text = case.diff.render_text();
    assert!(text.contains("operations::RemoveSecret"), "{text}");
    assert!(text.contains("Client::store().secrets().delete"), "{text}");
    assert!(text.contains("\nNeeds a major version bump.\n"), "{text}");
    let case = run("request_field_made_required");
    assert!(
        case.diff
            .render_markdown()
            .contains("`types::SecretInput::comment`"),
        "{}",
        case.diff.render_markdown()
    );
    let case = run("version_and_mixed");
    assert_eq!(
        (
            case.diff.old_version.as_str(),
            case.diff.new_version.as_str()
        ),
        ("1.0", "1.1")
    );
}
