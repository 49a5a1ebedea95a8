//! The generated rustdoc speaks to users of the SDK: what an item does, its limits and what
//! Cloudflare promises. How the spec was curated (the seed documents, what older docs or SDKs
//! said) belongs in `spec/README.md`, and each operation states its token permissions once, in
//! the line the generator writes from `x-sdk-permissions`.

use std::fs;
use std::path::Path;

use cloudflare_secrets_codegen::{GeneratedFile, generate};

/// Words that only make sense to someone curating the spec.
const CURATION_WORDS: &[&str] = &["seed", "older docs", "docs snapshot", "this spec ", "typo"];

fn generated_from_the_spec() -> Vec<GeneratedFile> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml");
    let text = fs::read_to_string(&path).expect("spec/openapi.yaml");
    generate(&text).unwrap_or_else(|error| panic!("the spec generates: {error}"))
}

/// The doc comments of a file, as blocks of consecutive `///` or `//!` lines, each with the
/// line number it starts on.
fn doc_blocks(text: &str) -> Vec<(usize, Vec<&str>)> {
    let mut blocks: Vec<(usize, Vec<&str>)> = Vec::new();
    let mut previous_was_doc = false;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let is_doc = trimmed.starts_with("///") || trimmed.starts_with("//!");
        if is_doc {
            if previous_was_doc {
                blocks.last_mut().expect("a block").1.push(trimmed);
            } else {
                blocks.push((index + 1, vec![trimmed]));
            }
        }
        previous_was_doc = is_doc;
    }
    blocks
}

#[test]
fn generated_docs_never_speak_of_curation() {
    let mut found = Vec::new();
    for file in generated_from_the_spec() {
        for (start, block) in doc_blocks(&file.contents) {
            for (offset, line) in block.iter().enumerate() {
                let lower = line.to_lowercase();
                for word in CURATION_WORDS {
                    if lower.contains(word) {
                        found.push(format!("{}:{}: {line}", file.path, start + offset));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "generated rustdoc speaks of how the spec was curated (move it to spec/README.md):\n{}",
        found.join("\n")
    );
}

#[test]
fn each_operation_states_its_permissions_once() {
    let mut operations_with_permissions = 0;
    for file in generated_from_the_spec() {
        for (start, block) in doc_blocks(&file.contents) {
            let mentions = block
                .iter()
                .map(|line| line.to_lowercase().matches("permission").count())
                .sum::<usize>();
            assert!(
                mentions <= 1,
                "{}:{start}: a doc block names permissions {mentions} times:\n{}",
                file.path,
                block.join("\n")
            );
            if block.iter().any(|line| line.contains("Token permission")) {
                operations_with_permissions += 1;
            }
        }
    }
    // Each of the 22 operations has its permissions on its operation struct and on its
    // resource method.
    assert_eq!(operations_with_permissions, 44);
}
