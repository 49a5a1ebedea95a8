//! Stage 2: checks the parsed spec against what the generator supports, before anything is
//! lowered, so that lowering has (almost) no error paths. In order:
//! 1. every `$ref` is local and resolves (this file);
//! 2. every operation has the fields the spec conventions in ARCHITECTURE.md require
//!    (operationId, one declared tag, `x-sdk-method`, `x-sdk-permissions`; this file);
//! 3. its parameters, body and success responses have shapes the generator supports
//!    ([`operations`]), and so does every schema they reach ([`schemas`], with the
//!    property-naming extensions in [`extensions`]);
//! 4. no resource has two methods of the same name ([`resources`]);
//! 5. no named type contains itself without an array or a map in between ([`schemas`]).
//!
//! [`components`] is the one lookup of a `$ref` into `components`, shared with lowering.

pub mod components;
pub mod extensions;
pub mod operations;
pub mod resources;
pub mod schemas;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, ReferenceOr};

use crate::error::{Error, Result};
use components::join;

/// The HTTP methods of a path item, in the order the generator visits them.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Returns the operations of a path item in [`METHODS`] order.
pub fn path_operations(item: &openapiv3::PathItem) -> Vec<(&'static str, &openapiv3::Operation)> {
    let slots = [
        &item.get,
        &item.put,
        &item.post,
        &item.delete,
        &item.options,
        &item.head,
        &item.patch,
        &item.trace,
    ];
    METHODS
        .iter()
        .zip(slots)
        .filter_map(|(method, slot)| slot.as_ref().map(|operation| (*method, operation)))
        .collect()
}

/// Runs every check. `raw` is the same document as untyped JSON, used to follow `$ref`s.
pub fn validate(api: &OpenAPI, raw: &serde_json::Value) -> Result<()> {
    check_refs(raw, raw, &mut String::from("#"))?;
    check_operations(api)?;
    let mut schemas = schemas::Schemas::new(api);
    for (path, item) in api.paths.paths.iter() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let path_pointer = join("#/paths", path);
        for (method, operation) in path_operations(item) {
            let pointer = join(&path_pointer, method);
            operations::check(&mut schemas, api, path, item, operation, &pointer)?;
        }
    }
    resources::check(api)?;
    schemas.check_containment()
}

/// Resolves a local reference (`#/components/schemas/Name`) in the raw document.
pub fn resolve_pointer<'a>(
    raw: &'a serde_json::Value,
    reference: &str,
) -> Option<&'a serde_json::Value> {
    let pointer = reference.strip_prefix('#')?;
    raw.pointer(pointer)
}

/// Walks the whole document and checks that every `$ref` is local and resolves.
fn check_refs(
    node: &serde_json::Value,
    raw: &serde_json::Value,
    pointer: &mut String,
) -> Result<()> {
    match node {
        serde_json::Value::Object(map) => {
            if let Some(reference) = map.get("$ref") {
                let Some(reference) = reference.as_str() else {
                    return Err(Error::new(
                        join(pointer, "$ref"),
                        "`$ref` must be a string such as `#/components/schemas/Name`",
                    ));
                };
                if !reference.starts_with("#/") {
                    return Err(Error::new(
                        join(pointer, "$ref"),
                        format!(
                            "`{reference}` is not a local reference; only references into this file (`#/components/...`) are supported, so move the definition into components"
                        ),
                    ));
                }
                if resolve_pointer(raw, reference).is_none() {
                    return Err(Error::new(
                        join(pointer, "$ref"),
                        format!(
                            "`{reference}` does not resolve; define it in components or fix the reference"
                        ),
                    ));
                }
            }
            for (key, value) in map {
                let length = pointer.len();
                pointer.push('/');
                pointer.push_str(&crate::error::escape_segment(key));
                check_refs(value, raw, pointer)?;
                pointer.truncate(length);
            }
        }
        serde_json::Value::Array(items) => {
            for (index, value) in items.iter().enumerate() {
                let length = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                check_refs(value, raw, pointer)?;
                pointer.truncate(length);
            }
        }
        _ => {}
    }
    Ok(())
}

/// Checks operationIds, tags, `x-sdk-method` and `x-sdk-resource`.
fn check_operations(api: &OpenAPI) -> Result<()> {
    let mut resources: BTreeMap<&str, &str> = BTreeMap::new();
    for (index, tag) in api.tags.iter().enumerate() {
        let pointer = format!("#/tags/{index}");
        match tag.extensions.get("x-sdk-resource") {
            Some(serde_json::Value::String(path))
                if !path.is_empty() && path.split('.').all(|segment| !segment.is_empty()) =>
            {
                resources.insert(tag.name.as_str(), path.as_str());
            }
            _ => {
                return Err(Error::new(
                    pointer,
                    format!(
                        "tag `{}` needs `x-sdk-resource: <dot.path>` (for example `workers.scripts.secrets`) so its operations get a place in the resource tree",
                        tag.name
                    ),
                ));
            }
        }
    }
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (path, item) in api.paths.paths.iter() {
        let path_pointer = join("#/paths", path);
        let item = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { .. } => {
                return Err(Error::new(
                    path_pointer,
                    "path items given by `$ref` are not supported; write the path item inline",
                ));
            }
        };
        for (method, operation) in path_operations(item) {
            let pointer = join(&path_pointer, method);
            let Some(operation_id) = operation.operation_id.as_deref() else {
                return Err(Error::new(
                    pointer,
                    "the operation has no `operationId`; add a unique one (it names the request builder)",
                ));
            };
            if operation_id.trim().is_empty() {
                return Err(Error::new(
                    join(&pointer, "operationId"),
                    "`operationId` is empty; give the operation a unique name",
                ));
            }
            if let Some(first) = seen.insert(operation_id.to_owned(), pointer.clone()) {
                return Err(Error::new(
                    join(&pointer, "operationId"),
                    format!(
                        "operationId `{operation_id}` is also used at {first}; operationIds must be unique, so rename one of them"
                    ),
                ));
            }
            if operation.tags.len() != 1 {
                return Err(Error::new(
                    join(&pointer, "tags"),
                    format!(
                        "operation `{operation_id}` has {} tags; give it exactly one tag, declared in the top-level `tags` with `x-sdk-resource`",
                        operation.tags.len()
                    ),
                ));
            }
            if !resources.contains_key(operation.tags[0].as_str()) {
                return Err(Error::new(
                    join(&pointer, "tags"),
                    format!(
                        "tag `{}` is not declared in the top-level `tags`; declare it there with `x-sdk-resource`",
                        operation.tags[0]
                    ),
                ));
            }
            match operation.extensions.get("x-sdk-method") {
                Some(serde_json::Value::String(name))
                    if !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                        && !name.starts_with(|c: char| c.is_ascii_digit()) => {}
                _ => {
                    return Err(Error::new(
                        pointer,
                        format!(
                            "operation `{operation_id}` needs `x-sdk-method: <snake_case name>` (for example `list`), the method name on its resource"
                        ),
                    ));
                }
            }
            if let Some(permissions) = operation.extensions.get("x-sdk-permissions") {
                let valid = permissions.as_array().is_some_and(|list| {
                    !list.is_empty()
                        && list
                            .iter()
                            .all(|item| item.as_str().is_some_and(|name| !name.trim().is_empty()))
                });
                if !valid {
                    return Err(Error::new(
                        join(&pointer, "x-sdk-permissions"),
                        format!(
                            "operation `{operation_id}` has a malformed `x-sdk-permissions`; write a non-empty list of token permission names, any one of which allows the call (for example `[\"Secrets Store Read\", \"Secrets Store Write\"]`)"
                        ),
                    ));
                }
            }
            if !braces_balance(path) {
                return Err(Error::new(
                    path_pointer,
                    "the path template has a `{` without its `}` (or a `}` without its `{`); write each parameter as `{name}`",
                ));
            }
            let declared: BTreeSet<&str> = template_params(path).into_iter().collect();
            if declared.len() != template_params(path).len() {
                return Err(Error::new(
                    path_pointer,
                    "the path template names one parameter twice; give each path parameter a unique name",
                ));
            }
        }
    }
    Ok(())
}

/// Whether every `{` of a path template is closed by a `}` before the next `{`, and every
/// `}` closes one.
fn braces_balance(path: &str) -> bool {
    let mut open = false;
    for character in path.chars() {
        match character {
            '{' if open => return false,
            '{' => open = true,
            '}' if !open => return false,
            '}' => open = false,
            _ => {}
        }
    }
    !open
}

/// The parameter names in a path template, in order (`/a/{x}/b/{y}` gives `x`, `y`).
pub fn template_params(path: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            break;
        };
        names.push(&after[..end]);
        rest = &after[end + 1..];
    }
    names
}
