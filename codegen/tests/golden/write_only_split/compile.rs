//! Compiles the `write_only_split` golden output and checks the request/response split and constraints.
#![allow(dead_code)]

/// The SDK runtime, compiled from its source where generated code expects it
/// (`crate::runtime`): generated code extends runtime types (`impl
/// crate::runtime::RequestBuilder<Operation>` for the setters, `impl crate::Client` for the
/// resources), which Rust allows only inside the crate that defines them.
#[path = "../../../../generated/src/runtime/mod.rs"]
mod runtime;

pub use runtime::Client;

#[path = "expected/generated/mod.rs"]
mod generated;

use runtime::Validate;
use serde_json::json;

use generated::operations::{CreateItems, PutFolder};
use generated::types::{Folder, FolderInput, Item, ItemInput};

fn main() {
    // The request shape has no readOnly fields and carries the writeOnly value.
    let input = ItemInput::new("name_1", "v").priority(3);
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({"name": "name_1", "value": "v", "priority": 3})
    );
    input.validate("body[0]").unwrap();

    // The response shape has readOnly fields and no value.
    let item: Item = serde_json::from_value(json!({
        "id": "abc", "created_on": "2025-01-01T00:00:00.624632Z", "name": "n", "value": "ignored"
    }))
    .unwrap();
    assert_eq!(item.id.as_deref(), Some("abc"));
    assert!(item.created_on.is_some());

    // Constraints, with field paths.
    let empty = ItemInput::new("", "v");
    assert_eq!(
        empty.validate("body[0]").unwrap_err().field(),
        Some("body[0].name")
    );
    let bad_pattern = ItemInput::new("has-dash", "v");
    assert_eq!(
        bad_pattern.validate("body[0]").unwrap_err().field(),
        Some("body[0].name")
    );
    let too_high = ItemInput::new("ok", "v").priority(11);
    assert_eq!(
        too_high.validate("body[0]").unwrap_err().field(),
        Some("body[0].priority")
    );
    let too_big = ItemInput::new("ok", "é".repeat(513));
    assert_eq!(
        too_big.validate("body[0]").unwrap_err().field(),
        Some("body[0].value")
    );
    ItemInput::new("ok", "é".repeat(512))
        .validate("body[0]")
        .unwrap();

    // The split follows references: a folder of items splits too.
    let folder = FolderInput::new(vec![ItemInput::new("a", "1"), ItemInput::new("b c", "2")]);
    assert_eq!(
        folder.validate("body").unwrap_err().field(),
        Some("body.items[1].name")
    );
    let response: Folder = serde_json::from_value(json!({"items": [{"name": "a"}]})).unwrap();
    assert_eq!(response.items.len(), 1);

    assert!(
        !<CreateItems as runtime::Operation>::INFO.idempotent,
        "POST is not idempotent by default"
    );
    assert!(<PutFolder as runtime::Operation>::INFO.idempotent);
}
