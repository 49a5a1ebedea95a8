//! A first program, with only this crate and tokio as dependencies: put a text secret and an
//! HMAC key on a Worker, change several secrets in one bulk patch, and page through the account's
//! Secrets Store secrets.
//!
//! ```toml
//! [dependencies]
//! cloudflare-secrets = { path = "generated" }
//! tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
//! ```
//!
//! Run it against the local emulator (or the API):
//!
//! ```text
//! cargo run -p cloudflare-secrets-emulator -- --port 8787 &
//! CLOUDFLARE_BASE_URL=http://127.0.0.1:8787/client/v4 CLOUDFLARE_API_TOKEN=dev-token \
//!     cargo run -p cloudflare-secrets --example first_program
//! ```
//!
//! `CLOUDFLARE_ACCOUNT_ID` and `WORKER_SCRIPT_NAME` choose the account and script (the defaults
//! suit the emulator). An error returned from `main` prints one readable line, such as
//! `Error: worker-put-script-secret: HTTP 403 Forbidden: Authentication error [code 10000]`.

use cloudflare_secrets::{
    BulkPatchSecretsRequest, Client, CreateSecretRequest, CreateStoreRequest, Hash, Scope,
    SecretBinding, SecretBindingInput,
};

#[tokio::main]
async fn main() -> cloudflare_secrets::Result<()> {
    let client = Client::from_env()?;
    let account_id = std::env::var("CLOUDFLARE_ACCOUNT_ID")
        .unwrap_or_else(|_| "023e105f4ecef8ad9ca31a8372d0c353".to_owned());
    let script_name =
        std::env::var("WORKER_SCRIPT_NAME").unwrap_or_else(|_| "example-worker".to_owned());
    let secrets = client.workers().scripts().secrets();

    // A text secret: the Worker reads it as `env.API_KEY`.
    secrets
        .put(
            &account_id,
            &script_name,
            SecretBindingInput::text("API_KEY", "example-api-key-value"),
        )
        .await?;

    // An HMAC-SHA-256 key: the Worker receives it as a `CryptoKey` that can sign and verify.
    // The SDK checks it the way WebCrypto's importKey would before sending it.
    let key_bytes = *b"an example key of thirty-two by!";
    secrets
        .put(
            &account_id,
            &script_name,
            SecretBindingInput::hmac_key("SIGNING_KEY", Hash::Sha256, key_bytes),
        )
        .await?;

    // Several changes, one new version of the Worker: replace API_KEY, add SESSION_KEY.
    let patched = secrets
        .bulk_patch(
            &account_id,
            &script_name,
            BulkPatchSecretsRequest::new()
                .set(SecretBindingInput::text("API_KEY", "rotated-api-key-value"))
                .set(SecretBindingInput::text(
                    "SESSION_KEY",
                    "example-session-key",
                )),
        )
        .await?;
    for (name, binding) in &patched {
        let kind = match binding {
            SecretBinding::SecretText(_) => "text",
            SecretBinding::SecretKey(_) => "key",
            _ => "a kind this SDK does not know",
        };
        println!("bound to the Worker: {name} ({kind})");
    }

    // Page through the Secrets Store: reuse the account's store, or create one.
    let stores = client.secrets_store().stores();
    let store = match stores
        .list(&account_id)
        .per_page(1)
        .send()
        .await?
        .items
        .into_iter()
        .next()
    {
        Some(store) => store,
        None => {
            stores
                .create(&account_id, CreateStoreRequest::new("first-program"))
                .await?
        }
    };
    let store_secrets = stores.secrets();
    store_secrets
        .create(
            &account_id,
            &store.id,
            vec![
                CreateSecretRequest::new("first_program_a", "value-a", vec![Scope::Workers]),
                CreateSecretRequest::new("first_program_b", "value-b", vec![Scope::Workers]),
                CreateSecretRequest::new("first_program_c", "value-c", vec![Scope::Workers]),
            ],
        )
        .await?;

    // Two per page: the stream asks for the next page only when the items run out.
    let mut pages = store_secrets
        .list(&account_id, &store.id)
        .per_page(2)
        .stream();
    while let Some(secret) = pages.next().await {
        let secret = secret?;
        println!("store secret: {} ({})", secret.name, secret.id);
    }

    // Or everything at once, into a Vec.
    let everything = store_secrets
        .list(&account_id, &store.id)
        .stream()
        .collect_all()
        .await?;
    println!("{} secrets in store {}", everything.len(), store.name);
    Ok(())
}
