//! Stage 1: spec text to `openapiv3::OpenAPI`, with errors that point into the spec.

use openapiv3::OpenAPI;

use crate::error::{Error, Result};

/// Parses the spec text. Checks that it is YAML, that it is OpenAPI 3.0.x, and that it has the
/// shape of an OpenAPI document.
pub fn parse(spec_text: &str) -> Result<OpenAPI> {
    let value: serde_yaml::Value = serde_yaml::from_str(spec_text).map_err(|error| {
        Error::new(
            "#",
            format!("the spec is not valid YAML ({error}); fix the syntax at that location"),
        )
    })?;
    let Some(mapping) = value.as_mapping() else {
        return Err(Error::new(
            "#",
            "the spec must be a YAML mapping with `openapi`, `info` and `paths` at the top level",
        ));
    };
    match mapping.get("openapi") {
        Some(serde_yaml::Value::String(version)) if version.starts_with("3.0.") => {}
        Some(serde_yaml::Value::String(version)) => {
            return Err(Error::new(
                "#/openapi",
                format!(
                    "OpenAPI version `{version}` is not supported; write the spec as OpenAPI 3.0.3 (`openapi: 3.0.3`)"
                ),
            ));
        }
        Some(_) => {
            return Err(Error::new(
                "#/openapi",
                "`openapi` must be a string such as `3.0.3` (quote it if YAML reads it as a number)",
            ));
        }
        None => {
            return Err(Error::new(
                "#/openapi",
                "the spec has no `openapi` field; add `openapi: 3.0.3` at the top",
            ));
        }
    }
    serde_yaml::from_value(value).map_err(|error| {
        Error::new(
            "#",
            format!(
                "the spec does not have the shape of an OpenAPI 3.0 document ({error}); compare it with the OpenAPI 3.0.3 specification"
            ),
        )
    })
}
