//! Stage 1: spec text to `openapiv3::OpenAPI`, with errors that point into the spec.
//!
//! The text is read in one pass of saphyr-parser's events into a positioned tree ([`tree`]),
//! which refuses, each at the line and column of the offending character, what YAML or JSON
//! cannot hold: characters YAML does not allow, syntax errors, a second document, nesting
//! deeper than 128, keys that are lists or mappings, two keys equal as strings, NaN and
//! infinities, recursive aliases and alias bombs. After the top level and the `openapi`
//! version are checked, `read` builds openapiv3's types from the tree by hand, so a shape
//! error names the JSON pointer of the exact value at fault.
//!
//! Nothing here goes through openapiv3's own `Deserialize` for paths, operations, parameters,
//! bodies, responses or schemas, so its panic in `reference.rs:56` ("somehow this parsed
//! successfully the second time", reached by 184 of 3,000 of the fuzzer's mutations when
//! serde_yaml fed it a duplicated key) cannot fire. The entry points still catch panics (see
//! [`crate::build_model_named`]).

mod read;
pub mod tree;

use openapiv3::OpenAPI;

use crate::error::{Error, Result};
use tree::{Tree, Value};

/// Parses the spec text. Checks that it is YAML, that it is OpenAPI 3.0.x, and that it has the
/// shape of an OpenAPI document.
pub fn parse(spec_text: &str) -> Result<OpenAPI> {
    let tree = Tree::parse(spec_text)?;
    let root = tree
        .root()
        .filter(|root| matches!(tree.node(*root).value, Value::Mapping { .. }))
        .ok_or_else(|| {
            Error::new(
                "#",
                "the spec must be a YAML mapping with `openapi`, `info` and `paths` at the top level",
            )
        })?;
    match tree
        .get(root, "openapi")
        .map(|entry| &tree.node(entry.value).value)
    {
        Some(Value::String(version)) => check_version(Some(version))?,
        Some(_) => {
            return Err(Error::new(
                "#/openapi",
                "`openapi` must be a string such as `3.0.3` (quote it if YAML reads it as a number)",
            ));
        }
        None => check_version(None)?,
    }
    read::openapi(&tree, root)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_errors_point_at_the_value_at_fault() {
        let text = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      responses: 7\n";
        let error = parse(text).unwrap_err();
        assert_eq!(error.pointer, "#/paths/~1a/get/responses", "{error}");
        let text = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                properties:\n                  a:\n                    items: 5\n";
        let error = parse(text).unwrap_err();
        assert_eq!(
            error.pointer,
            "#/paths/~1a/get/responses/200/content/application~1json/schema/properties/a/items",
            "{error}"
        );
    }

    #[test]
    fn syntax_errors_carry_a_location() {
        let error = parse("openapi: 3.0.3\ninfo: {\n").unwrap_err();
        assert_eq!(error.pointer, "#");
        assert!(error.location.is_some(), "{error}");
    }

    #[test]
    fn keys_that_collide_once_stringified_are_an_error() {
        let text = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths: {}\nx-a:\n  1: a\n  '1': b\n";
        let error = parse(text).unwrap_err();
        assert_eq!(error.pointer, "#/x-a/1", "{error}");
        assert_eq!(error.location.map(|at| (at.line, at.column)), Some((8, 3)));
    }
}
