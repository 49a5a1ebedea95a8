//! The emulator on 127.0.0.1 and an SDK client pointed at it, for the end-to-end tests.

use std::time::Duration;

use cloudflare_secrets::{Client, CreateStoreRequest, RetryConfig, Store};
use cloudflare_secrets_emulator::{Emulator, EmulatorBuilder, EmulatorHandle};

use crate::ids::ACCOUNT;

/// The Worker scripts the emulator tests write to. Workers secret calls on a script the
/// emulator does not know answer 10007, as Cloudflare does, so [`builder`] declares these.
pub const WORKERS: &[&str] = &["s", "w", "my-script", "busy"];

/// The Workers for Platforms scripts the emulator tests write to: `(namespace, script)`.
pub const DISPATCH_WORKERS: &[(&str, &str)] = &[
    ("my-dispatch-namespace", "s"),
    ("my-dispatch-namespace", "tenant-a"),
];

/// An emulator builder with [`WORKERS`] and [`DISPATCH_WORKERS`] declared in every account.
pub fn builder() -> EmulatorBuilder {
    let mut builder = Emulator::builder();
    for script in WORKERS {
        builder = builder.worker(*script);
    }
    for (namespace, script) in DISPATCH_WORKERS {
        builder = builder.dispatch_worker(*namespace, *script);
    }
    builder
}

/// The token the emulator requires.
pub const TOKEN: &str = "e2e-token";

/// An emulator that requires [`TOKEN`] and knows the test Workers ([`builder`]), and a client with the default two retries, millisecond
/// backoff (so fault tests stay fast) and a 5 s timeout.
pub async fn start() -> (EmulatorHandle, Client) {
    let emulator = builder()
        .token(TOKEN)
        .start()
        .await
        .expect("emulator starts");
    let client = Client::builder()
        .base_url(emulator.base_url())
        .api_token(TOKEN)
        .timeout(Duration::from_secs(5))
        .retry(
            RetryConfig::default()
                .with_backoff(Duration::from_millis(10), Duration::from_millis(50)),
        )
        .build()
        .expect("client builds");
    (emulator, client)
}

/// Creates the account's one store.
pub async fn create_store(client: &Client, name: &str) -> Store {
    client
        .secrets_store()
        .stores()
        .create(ACCOUNT, CreateStoreRequest::new(name))
        .await
        .expect("store created")
}
