//! Request types are `#[non_exhaustive]`, like response types, so a struct literal does not
//! compile outside the SDK: that is what lets the API add an optional field in a minor version.
//! Build them with `new` and the setters; rustc's error points to `rustc --explain E0639`, which
//! says to look for a `new` function.
use cloudflare_secrets::{CreateSecretRequest, CreateStoreRequest, Scope};

fn main() {
    let _by_literal = CreateStoreRequest {
        name: "keys".to_owned(),
    };
    let _by_constructor = CreateStoreRequest::new("keys");
    let _with_setter = CreateSecretRequest::new("DB_URL", "postgres://", vec![Scope::Workers])
        .comment("the primary database");
}
