//! The generator: OpenAPI spec text in, Rust SDK source files out. No file IO.
//!
//! The pipeline runs in one direction, one module per stage:
//! [`parse`] (openapiv3 + serde_yaml) → [`validate`] → [`lower`] (into [`model`]) →
//! [`emit`] (quote) → [`format`] (prettyplease). Names go through [`naming`] once.
//! [`generate`] runs all of it; [`build_model`] stops after lowering, for tools that compare
//! two versions of the API.

pub mod diff;
pub mod emit;
pub mod error;
pub mod format;
pub mod lower;
pub mod model;
pub mod naming;
pub mod parse;
pub mod validate;

pub use error::{Error, Result};

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path relative to `generated/src/` (for example `generated/types.rs`).
    pub path: String,
    /// The file's text (without the `@generated` header, which the xtask adds).
    pub contents: String,
}

/// Parses, validates and lowers a spec into the intermediate model.
pub fn build_model(spec_text: &str) -> Result<model::Model> {
    let api = parse::parse(spec_text)?;
    let raw = serde_json::to_value(&api).map_err(|error| {
        Error::new(
            "#",
            format!(
                "the spec could not be re-read as JSON ({error}); check it for non-string keys"
            ),
        )
    })?;
    validate::validate(&api, &raw)?;
    lower::lower(&api)
}

/// Generates the SDK's files from the spec text.
pub fn generate(spec_text: &str) -> Result<Vec<GeneratedFile>> {
    let model = build_model(spec_text)?;
    generate_from_model(&model)
}

/// Generates the SDK's files from an already built model.
pub fn generate_from_model(model: &model::Model) -> Result<Vec<GeneratedFile>> {
    emit::emit(model)?
        .into_iter()
        .map(|(path, tokens)| {
            Ok(GeneratedFile {
                contents: format::format(&path, tokens)?,
                path,
            })
        })
        .collect()
}
