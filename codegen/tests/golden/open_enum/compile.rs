//! Compiles the `open_enum` golden output and checks closed, tolerant and extensible enums.
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

use generated::operations::ListSecrets;
use generated::types::{Direction, Scope, Secret, Status};

fn main() {
    // Request-only: closed.
    assert_eq!("asc".parse::<Direction>().unwrap(), Direction::Asc);
    assert!("sideways".parse::<Direction>().is_err());
    assert!(serde_json::from_value::<Direction>(json!("sideways")).is_err());
    assert_eq!(Direction::Desc.to_string(), "desc");

    // Extensible: callers may send other values.
    let dex = "dex".parse::<Scope>().unwrap();
    assert_eq!(dex, Scope::Other("dex".to_owned()));
    assert_eq!(serde_json::to_value(&dex).unwrap(), json!("dex"));
    assert_eq!(
        serde_json::to_value(Scope::AiGateway).unwrap(),
        json!("ai_gateway")
    );

    // Response: tolerant of new values, which survive a round trip.
    let secret: Secret = serde_json::from_value(
        json!({"id": "1", "status": "archived", "scopes": ["workers", "websearch"]}),
    )
    .unwrap();
    assert_eq!(secret.status.as_str(), "archived");
    assert!(!matches!(
        secret.status,
        Status::Active | Status::Pending | Status::Deleted
    ));
    assert_eq!(
        serde_json::to_value(&secret).unwrap()["status"],
        json!("archived")
    );
    assert_eq!(secret.scopes.as_deref().map(<[Scope]>::len), Some(2));
    secret.validate("result").unwrap();

    assert_eq!(
        <ListSecrets as runtime::Operation>::INFO.path_template,
        "/accounts/{account_id}/secrets"
    );
}
