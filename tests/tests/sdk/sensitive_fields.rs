//! The runtime hides the values of sensitive JSON keys in the body snippets its errors keep.
//! Its list of keys is hand-written, so this test reads the spec: every field that the spec
//! marks `x-sensitive` (a `SecretString` or `SecretJson` in the SDK) must be hidden when a server
//! echoes it in an error body. A new sensitive field in the spec that the runtime does not know
//! fails here instead of leaking into someone's logs.

use std::collections::BTreeSet;

use cloudflare_secrets::Client;
use cloudflare_secrets_codegen::model::{TypeKind, TypeRef};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The wire names of every field whose Rust type is a secret.
fn sensitive_field_names() -> BTreeSet<String> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml"))
            .expect("the spec is readable");
    let model = cloudflare_secrets_codegen::build_model(&text).expect("the spec is valid");
    let mut names = BTreeSet::new();
    for ty in model.types.values() {
        if let TypeKind::Struct { fields, .. } = &ty.kind {
            for field in fields {
                let mut inner = &field.ty;
                while let TypeRef::Nullable(next) | TypeRef::Vec(next) | TypeRef::Map(next) = inner
                {
                    inner = next;
                }
                if matches!(inner, TypeRef::Secret | TypeRef::SecretJson) {
                    names.insert(field.api_name.clone());
                }
            }
        }
    }
    names
}

#[tokio::test]
async fn every_sensitive_field_of_the_spec_is_hidden_in_error_snippets() {
    let names = sensitive_field_names();
    assert!(
        names.contains("text") && names.contains("value"),
        "the spec's sensitive fields were not found: {names:?}"
    );
    for name in names {
        let planted = format!("PLANTED-{name}-do-not-show");
        let server = MockServer::start().await;
        let body = json!({
            "success": false,
            "errors": [{"code": 1000, "message": "bad request"}],
            "messages": [],
            "result": {"echo": {name.as_str(): planted}},
        });
        Mock::given(any())
            .respond_with(ResponseTemplate::new(400).set_body_json(body))
            .mount(&server)
            .await;
        let client = Client::builder()
            .base_url(format!("{}/client/v4", server.uri()))
            .api_token("sensitive-fields-token")
            .max_retries(0)
            .build()
            .expect("client builds");
        let error = client
            .secrets_store()
            .quota()
            .get(cloudflare_secrets_tests::ids::ACCOUNT)
            .await
            .expect_err("the server answers 400");
        let shown = format!("{error} {error:?}");
        assert!(
            shown.contains("bad request"),
            "the error keeps the server's message: {shown}"
        );
        assert!(
            !shown.contains(&planted),
            "the value of the sensitive field `{name}` reached the error: {shown}"
        );
    }
}
