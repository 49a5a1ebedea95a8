//! Checks the resource tree the tags' `x-sdk-resource` paths build: on each resource, every
//! operation's method name (`x-sdk-method`) differs from the other operations' and from the
//! accessors of its child resources.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr};

use super::components::join;
use super::path_operations;
use crate::error::{Error, Result};
use crate::naming::field_name;

/// One resource: the accessor names of its children, and its operations (method name,
/// operationId, pointer) in spec order.
#[derive(Default)]
struct Node {
    children: BTreeMap<String, String>,
    operations: Vec<(String, String, String)>,
}

/// The resource path of a tag (`workers.scripts.secrets`), from `x-sdk-resource`.
pub fn resource_path<'a>(api: &'a OpenAPI, tag: &str) -> Vec<&'a str> {
    api.tags
        .iter()
        .find(|candidate| candidate.name == tag)
        .and_then(|candidate| candidate.extensions.get("x-sdk-resource"))
        .and_then(serde_json::Value::as_str)
        .map(|path| path.split('.').collect())
        .unwrap_or_default()
}

/// Checks that no two operations, or an operation and a child resource, share a method name.
pub fn check(api: &OpenAPI) -> Result<()> {
    let mut nodes: BTreeMap<Vec<&str>, Node> = BTreeMap::new();
    for (path, item) in api.paths.paths.iter() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in path_operations(item) {
            let pointer = join(&join("#/paths", path), method);
            let Some(tag) = operation.tags.first() else {
                continue;
            };
            let resource = resource_path(api, tag);
            for depth in 1..resource.len() {
                let child = resource[depth];
                nodes
                    .entry(resource[..depth].to_vec())
                    .or_default()
                    .children
                    .insert(child.to_owned(), field_name(child));
            }
            let method_name = operation
                .extensions
                .get("x-sdk-method")
                .and_then(serde_json::Value::as_str)
                .map(field_name)
                .unwrap_or_default();
            nodes.entry(resource).or_default().operations.push((
                method_name,
                operation.operation_id.clone().unwrap_or_default(),
                pointer,
            ));
        }
    }
    for node in nodes.values() {
        let mut taken: BTreeMap<&str, String> = node
            .children
            .iter()
            .map(|(api_name, method)| (method.as_str(), format!("child resource `{api_name}`")))
            .collect();
        for (method_name, operation_id, pointer) in &node.operations {
            if let Some(other) =
                taken.insert(method_name.as_str(), format!("operation `{operation_id}`"))
            {
                return Err(Error::new(
                    join(pointer, "x-sdk-method"),
                    format!(
                        "method `{method_name}` is already used on this resource by {other}; choose another `x-sdk-method`"
                    ),
                ));
            }
        }
    }
    Ok(())
}
