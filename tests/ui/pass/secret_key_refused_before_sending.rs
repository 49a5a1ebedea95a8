//! A key `importKey` would refuse compiles (the usages are valid words) but is refused before
//! anything is sent, with the field and the rule named: an HMAC key cannot encrypt. The same key
//! with `sign` builds its request.
use cloudflare_secrets::{Client, Hash, KeyAlgorithm, KeyUsage, SecretBindingInput, SecretKeyInput};

fn main() {
    let client = Client::builder()
        .api_token("token")
        .base_url("http://127.0.0.1:9/client/v4")
        .build()
        .expect("client");
    let secrets = client.workers().scripts().secrets();
    let encrypting = SecretKeyInput::raw(
        "SIGNING_KEY",
        KeyAlgorithm::hmac(Hash::Sha256),
        vec![KeyUsage::Encrypt],
        "c2VjcmV0LWtleQ==",
    );
    let error = secrets
        .put("023e105f4ecef8ad9ca31a8372d0c353", "my-worker", encrypting)
        .build_request()
        .expect_err("an HMAC key cannot encrypt");
    assert!(error.is_validation(), "{error}");
    assert_eq!(error.field(), Some("body.usages[0]"));
    assert_eq!(
        error.to_string(),
        "worker-put-script-secret: invalid `body.usages[0]`: cannot be encrypt for an HMAC key: \
         WebCrypto allows sign or verify"
    );
    let signing = SecretBindingInput::hmac_key("SIGNING_KEY", Hash::Sha256, [7u8; 32]);
    secrets
        .put("023e105f4ecef8ad9ca31a8372d0c353", "my-worker", signing)
        .build_request()
        .expect("a valid HMAC key builds its request");
}
