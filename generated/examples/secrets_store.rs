//! Secrets Store from start to finish: create a store, create secrets in it, walk every secret
//! with the paginated stream, duplicate one, patch one, and clean up.
//!
//! Run it against the local emulator (or any server that speaks the API):
//!
//! ```text
//! cargo run -p cloudflare-secrets-emulator -- --port 8787 &
//! CLOUDFLARE_BASE_URL=http://127.0.0.1:8787/client/v4 CLOUDFLARE_API_TOKEN=dev-token \
//!     cargo run -p cloudflare-secrets --example secrets_store
//! ```
//!
//! `CLOUDFLARE_ACCOUNT_ID` chooses the account (the default is a made-up id that suits the
//! emulator). Cloudflare allows one store per account during the beta; when creating a store fails
//! with code 1003 (`maximum_stores_exceeded`) the example uses the existing store instead.

use cloudflare_secrets::{
    BulkDeleteSecretsRequest, Client, CreateSecretRequest, CreateStoreRequest,
    DuplicateSecretRequest, PatchSecretRequest, Scope, SecretId,
};

#[tokio::main]
async fn main() -> cloudflare_secrets::Result<()> {
    let client = Client::from_env()?;
    let account_id = std::env::var("CLOUDFLARE_ACCOUNT_ID")
        .unwrap_or_else(|_| "023e105f4ecef8ad9ca31a8372d0c353".to_owned());
    let store_api = client.secrets_store().stores();

    // Create a store, or reuse the account's one store when the limit is reached.
    let (store, created_store) = match store_api
        .create(&account_id, CreateStoreRequest::new("example-store"))
        .await
    {
        Ok(store) => (store, true),
        Err(error) if error.codes().contains(&1003) => {
            let page = store_api.list(&account_id).per_page(10).send().await?;
            let Some(store) = page.items.into_iter().next() else {
                return Err(error);
            };
            (store, false)
        }
        Err(error) => return Err(error),
    };
    println!("store: {} ({})", store.name, store.id);
    let secrets = store_api.secrets();

    // Create three secrets in one request (the API always takes and returns a list). The
    // values are `SecretString`s and are checked against the 64 KiB limit before sending.
    let created = secrets
        .create(
            &account_id,
            &store.id,
            (1..=3)
                .map(|n| {
                    CreateSecretRequest::new(
                        format!("example_secret_{n}"),
                        format!("example-value-{n}"),
                        vec![Scope::Workers],
                    )
                    .comment("created by the secrets_store example")
                })
                .collect(),
        )
        .await?;
    let mut to_delete: Vec<SecretId> = created.iter().map(|secret| secret.id.clone()).collect();
    println!("created {} secrets", created.len());

    // Walk every secret, two per page: the stream fetches the next page only when needed and
    // stops when `result_info` says the last page was reached (or a page is empty). `next()` is
    // the stream's own; no other crate is needed.
    let mut all = secrets.list(&account_id, &store.id).per_page(2).stream();
    while let Some(secret) = all.next().await {
        let secret = secret?;
        println!("listed: {} ({:?})", secret.name, secret.status);
    }

    // Duplicate the first secret under a new name, with the AI Gateway scope as well.
    let first = created[0].id.clone();
    let copy = secrets
        .duplicate(
            &account_id,
            &store.id,
            first.clone(),
            DuplicateSecretRequest::new(
                "example_secret_copy",
                vec![Scope::Workers, Scope::AiGateway],
            ),
        )
        .await?;
    println!("duplicated: {} -> {}", created[0].name, copy.name);
    to_delete.push(copy.id.clone());

    // Patch only what is given: a new comment and a new value; the scopes stay as they were.
    let patched = secrets
        .patch(
            &account_id,
            &store.id,
            first.clone(),
            PatchSecretRequest::new()
                .comment("rotated by the secrets_store example")
                .value("example-value-rotated"),
        )
        .await?;
    println!(
        "patched: {} (comment: {:?})",
        patched.name,
        patched.comment.as_deref().unwrap_or("")
    );

    // Delete one secret by id, then the rest in one bulk request.
    if let Some(last) = to_delete.pop() {
        secrets.delete(&account_id, &store.id, last).await?;
    }
    secrets
        .bulk_delete(
            &account_id,
            &store.id,
            BulkDeleteSecretsRequest::new(to_delete),
        )
        .await?;
    println!("deleted the example's secrets");

    if created_store {
        store_api.delete(&account_id, &store.id).await?;
        println!("deleted the store");
    }
    Ok(())
}
