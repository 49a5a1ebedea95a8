//! The resource tree: `client.workers().scripts().secrets()`, built from each operation's
//! resource path (its tag's `x-sdk-resource`). Method clashes were rejected by validation.

use std::collections::BTreeMap;

use openapiv3::OpenAPI;

use super::doc_lines;
use crate::model::{Operation, Resource, ResourceTree};
use crate::naming::{Namespace, field_name, type_name};

/// Builds the resource tree from the operations' resource paths.
pub(super) fn build(api: &OpenAPI, operations: &[Operation]) -> ResourceTree {
    let mut tree = ResourceTree::default();
    let mut struct_names = Namespace::new();
    for (index, operation) in operations.iter().enumerate() {
        let mut level = &mut tree.roots;
        let mut path: Vec<&str> = Vec::new();
        for (depth, segment) in operation.resource.iter().enumerate() {
            path.push(segment);
            let current = level.entry(segment.clone()).or_insert_with(|| Resource {
                api_name: segment.clone(),
                method_name: field_name(segment),
                rust_name: struct_names.claim(type_name(&path.join(" "))),
                docs: Vec::new(),
                children: BTreeMap::new(),
                operations: Vec::new(),
            });
            if depth + 1 == operation.resource.len() {
                if current.docs.is_empty() {
                    let tag = api.tags.iter().find(|tag| tag.name == operation.tag);
                    current.docs = doc_lines(tag.and_then(|tag| tag.description.as_deref()));
                }
                current.operations.push(index);
                break;
            }
            level = &mut current.children;
        }
    }
    tree
}
