//! Stage 1: spec text to `openapiv3::OpenAPI`, with errors that point into the spec.
//!
//! The common case (a valid spec) takes one typed pass. Only when that fails, or when the
//! version is wrong, is the text read again as untyped YAML to say precisely what is wrong.

use openapiv3::OpenAPI;

use crate::error::{Error, Result};

/// Parses the spec text. Checks that it is YAML, that it is OpenAPI 3.0.x, and that it has the
/// shape of an OpenAPI document.
pub fn parse(spec_text: &str) -> Result<OpenAPI> {
    match serde_yaml::from_str::<OpenAPI>(spec_text) {
        Ok(api) => {
            check_version(Some(&api.openapi))?;
            Ok(api)
        }
        Err(typed_error) => Err(diagnose(spec_text, &typed_error)),
    }
}

fn check_version(version: Option<&str>) -> Result<()> {
    match version {
        Some(version) if version.starts_with("3.0.") => Ok(()),
        Some(version) => Err(Error::new(
            "#/openapi",
            format!(
                "OpenAPI version `{version}` is not supported; write the spec as OpenAPI 3.0.3 (`openapi: 3.0.3`)"
            ),
        )),
        None => Err(Error::new(
            "#/openapi",
            "the spec has no `openapi` field; add `openapi: 3.0.3` at the top",
        )),
    }
}

/// Explains why the typed parse failed.
fn diagnose(spec_text: &str, typed_error: &serde_yaml::Error) -> Error {
    let value: serde_yaml::Value = match serde_yaml::from_str(spec_text) {
        Ok(value) => value,
        Err(error) => {
            return Error::new(
                "#",
                format!("the spec is not valid YAML ({error}); fix the syntax at that location"),
            );
        }
    };
    let Some(mapping) = value.as_mapping() else {
        return Error::new(
            "#",
            "the spec must be a YAML mapping with `openapi`, `info` and `paths` at the top level",
        );
    };
    match mapping.get("openapi") {
        Some(serde_yaml::Value::String(version)) => {
            if let Err(error) = check_version(Some(version)) {
                return error;
            }
        }
        Some(_) => {
            return Error::new(
                "#/openapi",
                "`openapi` must be a string such as `3.0.3` (quote it if YAML reads it as a number)",
            );
        }
        None => {
            if let Err(error) = check_version(None) {
                return error;
            }
        }
    }
    Error::new(
        "#",
        format!(
            "the spec does not have the shape of an OpenAPI 3.0 document ({typed_error}); compare it with the OpenAPI 3.0.3 specification"
        ),
    )
}
