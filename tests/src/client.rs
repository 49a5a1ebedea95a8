//! An SDK client pointed at a local server.

use std::time::Duration;

use cloudflare_secrets::{Client, ClientBuilder, RetryConfig};

/// The API token the test clients send (tests that look for leaks plant their own).
pub const TOKEN: &str = "test-token-value";

/// A client builder for a server at `base` (`http://127.0.0.1:PORT`): the API under
/// `{base}/client/v4`, authenticated with [`TOKEN`]. Tests add what they need (`.max_retries(0)`,
/// `.retry(fast_retries())`, a timeout) and build.
pub fn client_builder(base: &str) -> ClientBuilder {
    Client::builder()
        .base_url(format!("{base}/client/v4"))
        .api_token(TOKEN)
}

/// The default retry policy with millisecond backoff, so retry tests stay fast.
pub fn fast_retries() -> RetryConfig {
    RetryConfig::default().with_backoff(Duration::from_millis(1), Duration::from_millis(4))
}
