//! Compiles the `optional_in_response` golden output and checks `x-sdk-optional-in-response`:
//! the request shape keeps the listed fields required, the response shape decodes without them.
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

use serde_json::json;

use generated::types::{Format, Key, KeyInput, Report};

fn main() {
    // The request shape takes every required field in its constructor.
    let input = KeyInput::new("k", json!({"name": "HMAC"}), Format::Raw);
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({"name": "k", "algorithm": {"name": "HMAC"}, "format": "raw"})
    );
    assert!(
        serde_json::from_value::<KeyInput>(json!({"name": "k", "format": "raw"})).is_err(),
        "the request shape still requires `algorithm`"
    );

    // The response shape decodes with only the fields the schema guarantees.
    let key: Key = serde_json::from_value(json!({"name": "k"})).unwrap();
    assert_eq!(key.name, "k");
    assert_eq!(key.algorithm, None);
    assert_eq!(key.format, None);
    let full: Key =
        serde_json::from_value(json!({"name": "k", "algorithm": {}, "format": "jwk"})).unwrap();
    assert_eq!(full.format, Some(Format::Jwk));

    // A response-only schema: the listed field is optional, the others stay required.
    let report: Report = serde_json::from_value(json!({"id": "r"})).unwrap();
    assert_eq!(report.total, None);
    assert!(serde_json::from_value::<Report>(json!({"total": 3})).is_err());
}
