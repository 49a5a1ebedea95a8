//! The generator: OpenAPI spec text in, Rust SDK source files out. No file IO.
//!
//! The pipeline runs in one direction, one module per stage:
//! [`parse`] (saphyr-parser, into openapiv3's types) → [`validate`] → [`lower`] (into [`model`]) →
//! [`emit`] (laid-out text) → [`format`](mod@format) (tidies blank lines). Names go through [`naming`] once.
//! [`generate`] runs all of it; [`build_model`] stops after lowering, for tools that compare
//! two versions of the API. [`generate_named`] and [`build_model_named`] do the same and name
//! the spec file in errors.
//!
//! No spec text makes these entry points panic: each stage runs under [`guard::catch`], and
//! every error leaves with its line and column in the spec text ([`locate`]), resolved from
//! its JSON pointer.

pub mod diff;
pub mod emit;
pub mod error;
pub mod format;
pub mod guard;
pub mod locate;
pub mod lower;
pub mod model;
pub mod naming;
pub mod parse;
pub mod validate;

pub use error::{Error, Location, Result};

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path relative to `generated/src/` (for example `generated/types.rs`).
    pub path: String,
    /// The file's text (without the `@generated` header, which the xtask adds).
    pub contents: String,
}

/// Parses, validates and lowers a spec into the intermediate model. Errors carry a line and
/// column but no file name; see [`build_model_named`].
pub fn build_model(spec_text: &str) -> Result<model::Model> {
    located(None, spec_text, || build_model_unlocated(spec_text))
}

/// Like [`build_model`], with `spec_name` (for example `spec/openapi.yaml`) shown in errors:
/// `spec/openapi.yaml:473:5: #/paths/...: message`.
pub fn build_model_named(spec_name: &str, spec_text: &str) -> Result<model::Model> {
    located(Some(spec_name), spec_text, || {
        build_model_unlocated(spec_text)
    })
}

/// Generates the SDK's files from the spec text. Errors carry a line and column but no file
/// name; see [`generate_named`].
pub fn generate(spec_text: &str) -> Result<Vec<GeneratedFile>> {
    located(None, spec_text, || generate_unlocated(spec_text))
}

/// Like [`generate`], with `spec_name` (for example `spec/openapi.yaml`) shown in errors.
pub fn generate_named(spec_name: &str, spec_text: &str) -> Result<Vec<GeneratedFile>> {
    located(Some(spec_name), spec_text, || generate_unlocated(spec_text))
}

fn build_model_unlocated(spec_text: &str) -> Result<model::Model> {
    let api = guard::catch("parsing the spec", || parse::parse(spec_text))?;
    guard::catch("validating the spec", || {
        let raw = serde_json::to_value(&api).map_err(|error| {
            Error::new(
                "#",
                format!(
                    "the spec could not be re-read as JSON ({error}); check it for non-string keys"
                ),
            )
        })?;
        validate::validate(&api, &raw)
    })?;
    guard::catch("building the model", || lower::lower(&api))
}

fn generate_unlocated(spec_text: &str) -> Result<Vec<GeneratedFile>> {
    let model = build_model_unlocated(spec_text)?;
    guard::catch("generating code", || generate_from_model(&model))
}

/// Runs `work` and fills in the error's file name and, when the stage did not set one, the
/// line and column its pointer names in `spec_text`.
fn located<R>(
    spec_name: Option<&str>,
    spec_text: &str,
    work: impl FnOnce() -> Result<R>,
) -> Result<R> {
    work().map_err(|mut error| {
        let location = match error.location {
            Some(location) => location,
            None => guard::catch("locating the error", || {
                Ok(locate::SourceMap::new(spec_text).locate(&error.pointer))
            })
            .unwrap_or(Location { line: 1, column: 1 }),
        };
        error.location = Some(locate::clamp(spec_text, location));
        if let Some(name) = spec_name {
            error.file = Some(name.to_owned());
        }
        error
    })
}

/// Generates the SDK's files from an already built model.
///
/// The emitters write laid-out text (nothing is parsed again). On large specs each file is
/// emitted on its own thread, with `operations.rs` in [`emit::OPERATION_PARTS`] fixed parts;
/// the parts are joined in a fixed order, so the text does not depend on scheduling or on the
/// number of cores.
pub fn generate_from_model(model: &model::Model) -> Result<Vec<GeneratedFile>> {
    let parts = emit::parts();
    // Below a few hundred operations a thread costs more than it saves: emit in order here.
    let texts: Vec<Result<String>> = if model.operations.len() < PARALLEL_FROM_OPERATIONS {
        parts
            .iter()
            .map(|part| emit::emit_part(model, *part))
            .collect()
    } else {
        emit_in_parallel(model, &parts)
    };
    let mut files: Vec<GeneratedFile> = Vec::with_capacity(emit::FILES.len());
    for (part, text) in parts.iter().zip(texts) {
        let text = text?;
        match files.last_mut() {
            Some(file) if file.path == part.path => file.contents.push_str(&text),
            _ => files.push(GeneratedFile {
                path: part.path.to_owned(),
                contents: text,
            }),
        }
    }
    for file in &mut files {
        file.contents = format::format(&file.contents);
    }
    Ok(files)
}

/// From how many operations the parts are emitted on threads of their own.
const PARALLEL_FROM_OPERATIONS: usize = 200;

/// Emits every part on its own thread; the results come back in the order of `parts`.
fn emit_in_parallel(model: &model::Model, parts: &[emit::Part]) -> Vec<Result<String>> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .iter()
            .map(|part| {
                let part = *part;
                scope.spawn(move || guard::quiet(|| emit::emit_part(model, part)))
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle.join().unwrap_or_else(|_| {
                    Err(Error::new(
                        "#",
                        "internal error: generating a file panicked; please report it with the spec",
                    ))
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    /// Emitting `operations.rs` in parts gives the same text as emitting it whole.
    #[test]
    fn parts_join_to_the_whole_file() {
        let spec = include_str!("../tests/golden/workers_secrets/spec.yaml");
        let model = crate::build_model(spec).expect("fixture is valid");
        let files = crate::generate_from_model(&model).expect("generates");
        for file in files {
            let whole = crate::emit::emit_file(&model, &file.path).expect("emits");
            assert_eq!(
                file.contents,
                crate::format::format(&whole),
                "{} differs",
                file.path
            );
        }
    }

    /// Every generated file is valid Rust: the emitters write text, so this checks it parses.
    #[test]
    fn every_generated_file_parses_as_rust() {
        for spec in [
            include_str!("../tests/golden/workers_secrets/spec.yaml"),
            include_str!("../../spec/openapi.yaml"),
        ] {
            for file in crate::generate(spec).expect("generates") {
                if let Err(error) = syn::parse_file(&file.contents) {
                    panic!("{} does not parse: {error}\n{}", file.path, file.contents);
                }
            }
        }
    }
}
