//! Compiles the `nested` golden output and checks inline objects, arrays of arrays and maps.
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

use generated::operations::UpdateConfig;
use generated::types::{
    Config, UpdateConfigBody, UpdateConfigBodyLimits, UpdateConfigBodyRoutesItem,
};

fn main() {
    let config: Config = serde_json::from_value(json!({
        "id": "c",
        "settings": {"enabled": true, "retry": {"attempts": 3}},
        "matrix": [[1.0, 2.5], []],
        "by_region": {"eu": {"name": "Europe"}},
        "extra": {"anything": [1, "two"]}
    }))
    .unwrap();
    assert_eq!(
        config
            .settings
            .retry
            .as_ref()
            .and_then(|retry| retry.attempts),
        Some(3)
    );
    assert_eq!(config.matrix.as_ref().map(|matrix| matrix[0][1]), Some(2.5));
    assert_eq!(
        config
            .by_region
            .as_ref()
            .and_then(|regions| regions["eu"].name.clone())
            .as_deref(),
        Some("Europe")
    );

    let mut labels = std::collections::BTreeMap::new();
    labels.insert("team".to_owned(), vec!["a".to_owned()]);
    let body = UpdateConfigBody::new()
        .limits(UpdateConfigBodyLimits::new(10).tags(vec!["short".to_owned(), "x".repeat(17)]))
        .routes(vec![UpdateConfigBodyRoutesItem::new("*.example.com/*")])
        .labels(labels);
    assert_eq!(
        body.validate("body").unwrap_err().field(),
        Some("body.limits.tags[1]")
    );
    let too_many = UpdateConfigBody::new().limits(UpdateConfigBodyLimits::new(1001));
    assert_eq!(
        too_many.validate("body").unwrap_err().field(),
        Some("body.limits.max")
    );
    let wire = serde_json::to_value(
        UpdateConfigBody::default().routes(vec![UpdateConfigBodyRoutesItem::new("p")]),
    )
    .unwrap();
    assert_eq!(wire, json!({"routes": [{"pattern": "p"}]}));

    assert_eq!(<UpdateConfig as runtime::Operation>::INFO.method, runtime::Method::PATCH);
}
