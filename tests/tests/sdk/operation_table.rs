//! The generated table of operations (`cloudflare_secrets::operations::OPERATIONS`) is the one
//! place the emulator and other tools read methods, paths and permissions from: it must list
//! every operation of `spec/openapi.yaml` exactly once, with what the spec says about it.

use std::collections::BTreeMap;

use cloudflare_secrets::operations::OPERATIONS;

/// `operationId` -> (method, path, permissions), read from the spec text itself.
fn spec_operations() -> BTreeMap<String, (String, String, Vec<String>)> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml"))
            .unwrap();
    let spec: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let mut out = BTreeMap::new();
    for (path, item) in spec["paths"].as_mapping().unwrap() {
        for (method, operation) in item.as_mapping().unwrap() {
            let Some(id) = operation.get("operationId").and_then(|id| id.as_str()) else {
                continue;
            };
            let permissions = operation["x-sdk-permissions"]
                .as_sequence()
                .unwrap_or_else(|| panic!("{id} has no x-sdk-permissions"))
                .iter()
                .map(|name| name.as_str().unwrap().to_owned())
                .collect();
            out.insert(
                id.to_owned(),
                (
                    method.as_str().unwrap().to_ascii_uppercase(),
                    path.as_str().unwrap().to_owned(),
                    permissions,
                ),
            );
        }
    }
    out
}

#[test]
fn the_table_lists_every_spec_operation_once_with_its_method_path_and_permissions() {
    let spec = spec_operations();
    assert_eq!(OPERATIONS.len(), spec.len(), "one entry per operation");
    let mut seen = BTreeMap::new();
    for info in OPERATIONS {
        assert!(
            seen.insert(info.id, ()).is_none(),
            "{} listed twice",
            info.id
        );
        let (method, path, permissions) = spec
            .get(info.id)
            .unwrap_or_else(|| panic!("{} is not in the spec", info.id));
        assert_eq!(info.method.as_str(), method, "{}", info.id);
        assert_eq!(info.path_template, path, "{}", info.id);
        assert_eq!(info.permissions, permissions.as_slice(), "{}", info.id);
        assert_eq!(info.idempotent, method != "POST", "{}", info.id);
    }
}
