//! The emulator on 127.0.0.1 and an SDK client pointed at it, for the end-to-end tests.

use std::time::Duration;

use cloudflare_secrets::{Client, CreateStoreRequest, RetryConfig, Store};
use cloudflare_secrets_emulator::{Emulator, EmulatorHandle};

use crate::ids::ACCOUNT;

/// The token the emulator requires.
pub const TOKEN: &str = "e2e-token";

/// An emulator that requires [`TOKEN`], and a client with the default two retries, millisecond
/// backoff (so fault tests stay fast) and a 5 s timeout.
pub async fn start() -> (EmulatorHandle, Client) {
    let emulator = Emulator::builder()
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
