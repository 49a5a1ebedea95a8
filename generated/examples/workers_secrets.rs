//! Workers script secrets from start to finish: put a secret, list the script's secrets, change
//! several at once with a bulk patch (JSON Merge Patch), and delete one.
//!
//! Run it against the local emulator (or any server that speaks the API):
//!
//! ```text
//! cargo run -p cloudflare-secrets-emulator -- --port 8787 &
//! CLOUDFLARE_BASE_URL=http://127.0.0.1:8787/client/v4 CLOUDFLARE_API_TOKEN=dev-token \
//!     cargo run -p cloudflare-secrets --example workers_secrets
//! ```
//!
//! `CLOUDFLARE_ACCOUNT_ID` and `WORKER_SCRIPT_NAME` choose the account and script (defaults are
//! made-up names that suit the emulator). Against the real API the script must exist, and every
//! put, patch and delete deploys a new version of it.

use std::collections::BTreeMap;

use cloudflare_secrets::{Client, SecretBinding, SecretBindingInput};

#[tokio::main]
async fn main() -> cloudflare_secrets::Result<()> {
    let client = Client::from_env()?;
    let account_id = std::env::var("CLOUDFLARE_ACCOUNT_ID")
        .unwrap_or_else(|_| "023e105f4ecef8ad9ca31a8372d0c353".to_owned());
    let script_name =
        std::env::var("WORKER_SCRIPT_NAME").unwrap_or_else(|_| "example-worker".to_owned());
    let secrets = client.workers().scripts().secrets();

    // Add (or replace) one secret. The value is a `SecretString`: it never shows in `Debug`.
    let created = secrets
        .put(
            &account_id,
            &script_name,
            SecretBindingInput::text("API_KEY", "example-api-key-value"),
        )
        .await?;
    println!("put: {}", binding_name(&created));

    // List what is bound to the script; responses never carry secret values.
    for binding in secrets.list(&account_id, &script_name).await? {
        println!("listed: {}", binding_name(&binding));
    }

    // One bulk patch creates `DATABASE_URL` and `SESSION_KEY` and deletes `API_KEY` (an explicit
    // `None` deletes; a name left out of the map is not touched). It makes one new version.
    let mut changes = BTreeMap::new();
    changes.insert(
        "DATABASE_URL".to_owned(),
        Some(SecretBindingInput::text(
            "DATABASE_URL",
            "postgres://app@db.internal/app",
        )),
    );
    changes.insert(
        "SESSION_KEY".to_owned(),
        Some(SecretBindingInput::text(
            "SESSION_KEY",
            "example-session-key",
        )),
    );
    changes.insert("API_KEY".to_owned(), None);
    let patched = secrets
        .bulk_patch(
            &account_id,
            &script_name,
            cloudflare_secrets::BulkPatchSecretsRequest::new().secrets(changes),
        )
        .await?;
    println!("bulk patch: {} secrets now bound", patched.len());

    // Delete one secret. Names that need percent-encoding are encoded (and flagged with
    // `url_encoded=true`) automatically.
    secrets
        .delete(&account_id, &script_name, "SESSION_KEY")
        .await?;
    println!("deleted: SESSION_KEY");

    match secrets
        .delete(&account_id, &script_name, "SESSION_KEY")
        .await
    {
        Err(error) if error.is_not_found() => println!("second delete: not found, as expected"),
        Err(error) => return Err(error),
        Ok(()) => println!("second delete: the server accepted it"),
    }

    for binding in secrets.list(&account_id, &script_name).await? {
        println!("left: {}", binding_name(&binding));
    }
    Ok(())
}

/// The name of a binding, whichever kind it is.
fn binding_name(binding: &SecretBinding) -> String {
    match binding {
        SecretBinding::SecretText(text) => format!("{} (text)", text.name),
        SecretBinding::SecretKey(key) => format!("{} (key)", key.name),
        other => format!("{other:?}"),
    }
}
