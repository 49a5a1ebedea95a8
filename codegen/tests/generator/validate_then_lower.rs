//! The contract between the generator's stages: whatever passes validation, lowering translates.
//! Lowering has one error, "internal error: ... validation let through something lowering
//! cannot translate"; this test searches for a spec that reaches it, and for one whose model the
//! emitters then refuse.
//!
//! Seeded mutations of `spec/openapi.yaml` and of every golden spec (lines deleted, duplicated,
//! swapped or re-indented; values replaced by references, lists, objects, numbers and keywords)
//! are run through parse and validate; each one validation accepts must lower, and (for the small
//! golden specs) generate. Inputs that make the parser itself panic belong to the parser's own
//! fuzzing and are skipped here.

use std::fs;
use std::path::Path;

use cloudflare_secrets_codegen as codegen;

/// xorshift64*: a small deterministic generator, so every run tries the same cases.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % bound.max(1)
    }
}

/// Values that replace a scalar: each one is valid YAML that changes what a key means.
const JUNK: &[&str] = &[
    "'#/components/schemas/SecretText'",
    "'#/components/parameters/page'",
    "[]",
    "{}",
    "[a, b]",
    "3",
    "-1",
    "true",
    "null",
    "string",
    "object",
    "array",
    "{type: array}",
    "{type: string, format: date-time}",
    "{$ref: '#/components/schemas/Message'}",
    "{allOf: [{$ref: '#/components/schemas/ResultInfo'}]}",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let edits = 1 + rng.below(3);
    for _ in 0..edits {
        if lines.len() < 3 {
            break;
        }
        let at = rng.below(lines.len());
        match rng.below(6) {
            0 => {
                lines.remove(at);
            }
            1 => {
                let copy = lines[at].clone();
                lines.insert(at, copy);
            }
            2 => {
                let other = (at + 1).min(lines.len() - 1);
                lines.swap(at, other);
            }
            3 => {
                if lines[at].starts_with("  ") && rng.below(2) == 0 {
                    lines[at].replace_range(..2, "");
                } else {
                    lines[at].insert_str(0, "  ");
                }
            }
            _ => {
                if let Some(colon) = lines[at].find(": ") {
                    let junk = JUNK[rng.below(JUNK.len())];
                    lines[at].truncate(colon + 2);
                    lines[at].push_str(junk);
                }
            }
        }
    }
    lines.join("\n")
}

/// What one mutated spec did.
enum Outcome {
    /// Parsing panicked (the parser's own fuzzing covers it) or failed, or validation refused.
    Rejected,
    /// Validation accepted it, and lowering (and emitting, when asked) succeeded.
    Generated,
}

fn run(text: &str, emit: bool) -> Result<Outcome, String> {
    // The parser's known panics are caught quietly; this test is about what comes after.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let parsed = std::panic::catch_unwind(|| codegen::parse::parse(text));
    std::panic::set_hook(hook);
    let Ok(Ok(api)) = parsed else {
        return Ok(Outcome::Rejected);
    };
    let Ok(raw) = serde_json::to_value(&api) else {
        return Ok(Outcome::Rejected);
    };
    if codegen::validate::validate(&api, &raw).is_err() {
        return Ok(Outcome::Rejected);
    }
    let model = codegen::lower::lower(&api)
        .map_err(|error| format!("validation accepted it, lowering failed: {error}"))?;
    if emit {
        codegen::generate_from_model(&model)
            .map_err(|error| format!("validation accepted it, emitting failed: {error}"))?;
    }
    Ok(Outcome::Generated)
}

fn specs() -> Vec<(String, String, bool)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut specs = vec![(
        "spec/openapi.yaml".to_owned(),
        fs::read_to_string(root.join("../spec/openapi.yaml")).expect("the spec"),
        false,
    )];
    let mut golden: Vec<_> = fs::read_dir(root.join("tests/golden"))
        .expect("golden fixtures")
        .filter_map(|entry| entry.ok().map(|entry| entry.path().join("spec.yaml")))
        .filter(|path| path.is_file())
        .collect();
    golden.sort();
    for path in golden {
        let text = fs::read_to_string(&path).expect("a golden spec");
        specs.push((path.display().to_string(), text, true));
    }
    specs
}

#[test]
fn whatever_validation_accepts_lowers_and_emits() {
    let mut generated = 0;
    let mut rejected = 0;
    for (seed, (name, text, emit)) in specs().into_iter().enumerate() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (seed as u64 + 1));
        let cases = std::env::var("VALIDATE_THEN_LOWER_CASES")
            .ok()
            .and_then(|cases| cases.parse().ok())
            .unwrap_or(if emit { 120 } else { 300 });
        for case in 0..cases {
            let mutated = mutate(&text, &mut rng);
            match run(&mutated, emit) {
                Ok(Outcome::Generated) => generated += 1,
                Ok(Outcome::Rejected) => rejected += 1,
                Err(problem) => {
                    panic!("{name}, case {case}: {problem}\n--- the mutated spec ---\n{mutated}")
                }
            }
        }
    }
    eprintln!("{generated} mutated specs generated, {rejected} rejected");
    assert!(
        generated > 100 && rejected > 100,
        "the mutations should both keep specs valid and break them ({generated} generated, {rejected} rejected)"
    );
}
