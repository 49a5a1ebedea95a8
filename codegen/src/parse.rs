//! Stage 1: spec text to `openapiv3::OpenAPI`, with errors that point into the spec.
//!
//! The text is read defensively, in three steps, each with its own kind of error:
//! 1. YAML into a generic `serde_yaml::Value` (a syntax error carries serde_yaml's line and
//!    column);
//! 2. after the top level and the `openapi` version are checked, that value normalised to what
//!    JSON can hold, in the same order (keys become strings, tags are dropped; a non-scalar
//!    key, two keys that are equal as strings, or `.nan` is an error at its pointer);
//! 3. the normalised value into openapiv3's types through `serde_path_to_error`, so a shape
//!    error names the pointer of the deepest object serde reached (`narrow` goes deeper
//!    where openapiv3's untagged `ReferenceOr` hides the path).
//!
//! This avoids a panic in openapiv3 2.2 (`reference.rs:56`, "somehow this parsed successfully
//! the second time"), which fires when a value fails to deserialize from serde_yaml's stream
//! but succeeds from the `serde_json::Value` openapiv3 re-reads it as: a duplicated key did
//! that in 184 of 3,000 of the fuzzer's mutations of `spec/openapi.yaml`. A generic
//! `serde_yaml::Value` refuses duplicated keys with a location. The entry points still catch
//! panics (see [`crate::build_model_named`]).

use openapiv3::OpenAPI;
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

use crate::error::{Error, Location, Result, join};

/// Parses the spec text. Checks that it is YAML, that it is OpenAPI 3.0.x, and that it has the
/// shape of an OpenAPI document.
pub fn parse(spec_text: &str) -> Result<OpenAPI> {
    check_flow_depth(spec_text)?;
    let yaml: Yaml = serde_yaml::from_str(spec_text).map_err(syntax_error)?;
    let Yaml::Mapping(mapping) = strip_tags(&yaml) else {
        return Err(Error::new(
            "#",
            "the spec must be a YAML mapping with `openapi`, `info` and `paths` at the top level",
        ));
    };
    match mapping.get("openapi").map(strip_tags) {
        Some(Yaml::String(version)) => check_version(Some(version))?,
        Some(_) => {
            return Err(Error::new(
                "#/openapi",
                "`openapi` must be a string such as `3.0.3` (quote it if YAML reads it as a number)",
            ));
        }
        None => check_version(None)?,
    }
    let normalized = normalize(&yaml, "#")?;
    match serde_path_to_error::deserialize::<_, OpenAPI>(&normalized) {
        Ok(api) => Ok(api),
        Err(error) => {
            let pointer = pointer_of(error.path(), "#");
            let json = serde_json::to_value(&normalized).unwrap_or(Json::Null);
            let (pointer, inner) = narrow(&json, pointer, error.into_inner().to_string());
            Err(Error::new(
                pointer,
                format!(
                    "the spec does not have the shape of an OpenAPI 3.0 document here ({inner}); compare it with the OpenAPI 3.0.3 specification"
                ),
            ))
        }
    }
}

/// The OpenAPI object a JSON pointer names, judged from the pointer's last segments; only
/// objects that sit behind openapiv3's untagged `ReferenceOr` (where `serde_path_to_error`
/// loses the path) and their containers are named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    MediaType,
    Header,
    Schema,
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn shape_of(segments: &[String]) -> Option<Shape> {
    let n = segments.len();
    let last = segments.last()?.as_str();
    let parent = n.checked_sub(2).map(|index| segments[index].as_str());
    let in_components = |kind: &str| n == 3 && segments[0] == "components" && segments[1] == kind;
    if n == 2 && segments[0] == "paths" {
        return Some(Shape::PathItem);
    }
    if n == 3 && segments[0] == "paths" && METHODS.contains(&last) {
        return Some(Shape::Operation);
    }
    if in_components("schemas")
        || matches!(last, "schema" | "items" | "not" | "additionalProperties")
        || matches!(parent, Some("properties" | "allOf" | "oneOf" | "anyOf"))
    {
        return Some(Shape::Schema);
    }
    if in_components("parameters") || parent == Some("parameters") {
        return Some(Shape::Parameter);
    }
    if in_components("requestBodies") || last == "requestBody" {
        return Some(Shape::RequestBody);
    }
    if in_components("responses") || (parent == Some("responses") && n >= 4) {
        return Some(Shape::Response);
    }
    if parent == Some("content") {
        return Some(Shape::MediaType);
    }
    if in_components("headers") || parent == Some("headers") {
        return Some(Shape::Header);
    }
    None
}

/// Reads `value` as `shape`; on failure returns the pointer (from `base`) and message of the
/// deepest place `serde_path_to_error` reached.
fn try_shape(shape: Shape, value: &Json, base: &str) -> Option<(String, String)> {
    fn attempt<T: serde::de::DeserializeOwned>(
        value: &Json,
        base: &str,
    ) -> Option<(String, String)> {
        serde_path_to_error::deserialize::<_, T>(value)
            .err()
            .map(|error| {
                (
                    pointer_of(error.path(), base),
                    error.into_inner().to_string(),
                )
            })
    }
    if value.get("$ref").is_some() {
        return attempt::<openapiv3::ReferenceOr<serde_json::Value>>(value, base);
    }
    match shape {
        Shape::PathItem => attempt::<openapiv3::PathItem>(value, base),
        Shape::Operation => attempt::<openapiv3::Operation>(value, base),
        Shape::Parameter => attempt::<openapiv3::Parameter>(value, base),
        Shape::RequestBody => attempt::<openapiv3::RequestBody>(value, base),
        Shape::Response => attempt::<openapiv3::Response>(value, base),
        Shape::MediaType => attempt::<openapiv3::MediaType>(value, base),
        Shape::Header => attempt::<openapiv3::Header>(value, base),
        Shape::Schema => attempt::<openapiv3::Schema>(value, base),
    }
}

/// Splits a pointer (`#/a/b`) into unescaped segments.
fn segments_of(pointer: &str) -> Vec<String> {
    pointer
        .trim_start_matches('#')
        .split('/')
        .skip(1)
        .map(crate::error::unescape_segment)
        .collect()
}

/// Moves a shape error from where `serde_path_to_error` lost track (the nearest `ReferenceOr`
/// or flattened schema) down to the deepest object that fails on its own, and returns its
/// pointer and message.
fn narrow(root: &Json, mut pointer: String, mut message: String) -> (String, String) {
    // Each step goes at least one level deeper, so the depth of the document bounds the loop.
    for _ in 0..256 {
        let Some(found) = failing_descendant(root, &pointer, 2) else {
            break;
        };
        (pointer, message) = found;
    }
    (pointer, message)
}

/// The first descendant of `pointer` (looking `depth` levels into containers of no known
/// shape) whose own shape fails to read.
fn failing_descendant(root: &Json, pointer: &str, depth: u32) -> Option<(String, String)> {
    let value = root.pointer(pointer.trim_start_matches('#'))?;
    let children: Vec<(String, &Json)> = match value {
        Json::Object(object) => object
            .iter()
            .map(|(key, child)| (join(pointer, key), child))
            .collect(),
        Json::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, child)| (join(pointer, &index.to_string()), child))
            .collect(),
        _ => return None,
    };
    for (child_pointer, child) in children {
        match shape_of(&segments_of(&child_pointer)) {
            Some(shape) => {
                if let Some(found) = try_shape(shape, child, &child_pointer) {
                    return Some(found);
                }
            }
            None if depth > 0 => {
                if let Some(found) = failing_descendant(root, &child_pointer, depth - 1) {
                    return Some(found);
                }
            }
            None => {}
        }
    }
    None
}

/// The deepest nesting of `[` and `{` the spec may have. libyaml (inside serde_yaml) takes
/// time quadratic in the nesting depth before its own recursion limit stops it: 100,000 `[`
/// on one line took ten seconds. No real spec comes close to this limit.
const MAX_FLOW_DEPTH: usize = 256;

/// Refuses text whose `[`/`{` nesting (counted outside quotes and comments) exceeds
/// [`MAX_FLOW_DEPTH`], before the YAML parser sees it.
fn check_flow_depth(spec_text: &str) -> Result<()> {
    for (line_index, line) in spec_text.split('\n').enumerate() {
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        for (column, character) in line.chars().enumerate() {
            match (quote, character) {
                (Some(open), c) if c == open => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(character),
                (None, '#') => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Err(Error::new(
                            "#",
                            format!(
                                "this line nests `[` and `{{` more than {MAX_FLOW_DEPTH} deep; the spec cannot be read (close the brackets, or quote the text)"
                            ),
                        )
                        .at(Location {
                            line: line_index + 1,
                            column: column + 1,
                        }));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                (None, _) => {}
            }
        }
    }
    Ok(())
}

/// A YAML syntax error, at the line and column serde_yaml names.
fn syntax_error(error: serde_yaml::Error) -> Error {
    let located = error.location().map(|location| Location {
        line: location.line().max(1),
        column: location.column().max(1),
    });
    let error = Error::new(
        "#",
        format!("the spec is not valid YAML ({error}); fix the syntax at that location"),
    );
    match located {
        Some(location) => error.at(location),
        None => error,
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

/// The value under any number of YAML tags (`!tag value`).
fn strip_tags(value: &Yaml) -> &Yaml {
    let mut value = value;
    while let Yaml::Tagged(tagged) = value {
        value = &tagged.value;
    }
    value
}

/// Normalises YAML to what JSON can hold, keeping the order of keys: mapping keys become
/// strings (`200` as `"200"`), tags are dropped, and NaN, infinities and non-scalar keys are
/// errors at their pointer.
fn normalize(value: &Yaml, pointer: &str) -> Result<Yaml> {
    Ok(match strip_tags(value) {
        Yaml::Null => Yaml::Null,
        Yaml::Bool(flag) => Yaml::Bool(*flag),
        Yaml::Number(number) => {
            if number.is_i64() || number.is_u64() {
                Yaml::Number(number.clone())
            } else {
                let float = number.as_f64().unwrap_or(f64::NAN);
                match float.is_finite() {
                    true => Yaml::Number(number.clone()),
                    false => {
                        return Err(Error::new(
                            pointer,
                            format!(
                                "the number `{number}` cannot be used in an OpenAPI document (JSON has no NaN or infinity); write a finite number, or quote it to make a string"
                            ),
                        ));
                    }
                }
            }
        }
        Yaml::String(text) => Yaml::String(text.clone()),
        Yaml::Sequence(items) => Yaml::Sequence(
            items
                .iter()
                .enumerate()
                .map(|(index, item)| normalize(item, &join(pointer, &index.to_string())))
                .collect::<Result<_>>()?,
        ),
        Yaml::Mapping(mapping) => {
            let mut object = serde_yaml::Mapping::with_capacity(mapping.len());
            for (key, item) in mapping {
                let key = match strip_tags(key) {
                    Yaml::String(text) => text.clone(),
                    Yaml::Number(number) => number.to_string(),
                    Yaml::Bool(flag) => flag.to_string(),
                    Yaml::Null => "null".to_owned(),
                    Yaml::Sequence(_) | Yaml::Mapping(_) | Yaml::Tagged(_) => {
                        return Err(Error::new(
                            pointer,
                            "this mapping has a key that is a list or a mapping (a stray `?` or `[`?); keys must be plain strings",
                        ));
                    }
                };
                let child = normalize(item, &join(pointer, &key))?;
                if object.insert(Yaml::String(key.clone()), child).is_some() {
                    return Err(Error::new(
                        join(pointer, &key),
                        format!(
                            "the key `{key}` appears twice in this mapping (once as a number or boolean); remove one"
                        ),
                    ));
                }
            }
            Yaml::Mapping(object)
        }
        Yaml::Tagged(_) => Yaml::Null,
    })
}

/// The JSON pointer of a `serde_path_to_error` path (`paths./a.get` as `#/paths/~1a/get`).
fn pointer_of(path: &serde_path_to_error::Path, base: &str) -> String {
    let mut pointer = base.to_owned();
    for segment in path {
        match segment {
            serde_path_to_error::Segment::Seq { index } => {
                pointer = join(&pointer, &index.to_string());
            }
            serde_path_to_error::Segment::Map { key } => pointer = join(&pointer, key),
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_errors_point_at_the_deepest_object_reached() {
        let text = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      responses: 7\n";
        let error = parse(text).unwrap_err();
        assert_eq!(error.pointer, "#/paths/~1a/get/responses", "{error}");
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
    }
}
