//! Cloudflare's TypeScript SDK runs `tests/npm/ts-sdk-scenario.mjs` against the emulator: every
//! method of `workers.scripts.secrets`, `workersForPlatforms.dispatch.namespaces.scripts.secrets`
//! and `secretsStore`. The script checks each result; this module checks the emulator's state.

use super::npm::{package, run_node};
use super::{ACCOUNT, TOKEN, TemporaryHome, assert_sdk_scenario_outcome, start, summary};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_typescript_sdk_calls_every_secrets_method() {
    package("cloudflare");
    let (emulator, client) = start(|builder| {
        builder
            .worker("ts-worker")
            .dispatch_worker("ts-namespace", "tenant")
    })
    .await;
    let home = TemporaryHome::new("typescript");
    let output = tokio::task::block_in_place(|| {
        run_node(
            &["ts-sdk-scenario.mjs"],
            &[
                ("CLOUDFLARE_BASE_URL", emulator.base_url()),
                ("CLOUDFLARE_API_TOKEN", TOKEN),
                ("ACCOUNT_ID", ACCOUNT),
            ],
            None,
            &home.0,
        )
    });
    let summary = summary(&output.stdout);

    // Workers secrets as the scenario left them.
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "ts-worker"),
        Some(vec!["API_KEY".to_owned()])
    );
    assert_eq!(
        emulator.worker_secret_is(ACCOUNT, "ts-worker", "API_KEY", "ts-value-2"),
        Some(true)
    );
    assert_eq!(
        emulator.dispatch_secret_names(ACCOUNT, "ts-namespace", "tenant"),
        Some(vec!["SECOND".to_owned()])
    );
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "ts-undeclared"),
        None,
        "a refused write creates no script"
    );
    assert_sdk_scenario_outcome(&emulator, &client, &summary).await;
    emulator.shutdown().await;
}
