//! End to end: the SDK's retry policy against faults injected into the emulator (429 with
//! `Retry-After`, 503s, dropped connections, slow answers), with the emulator's state checked
//! afterwards so that nothing was created twice or lost.

use cloudflare_secrets_tests::emulator::{create_store, start};
use cloudflare_secrets_tests::ids::ACCOUNT;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use cloudflare_secrets::{BulkPatchSecretsRequest, CreateSecretRequest, Scope, SecretBindingInput};
use cloudflare_secrets_emulator::{EmulatorHandle, Fault, Outcome};

fn outcomes(emulator: &EmulatorHandle, operation: &str) -> Vec<Outcome> {
    emulator
        .requests()
        .into_iter()
        .filter(|request| request.operation == Some(operation))
        .map(|request| request.outcome)
        .collect()
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out_and_the_put_lands_once() {
    let (emulator, client) = start().await;
    emulator.inject(
        Fault::status(429)
            .retry_after(1)
            .matching("PUT", "/workers/scripts/s/secrets"),
    );
    let started = Instant::now();
    client
        .workers()
        .scripts()
        .secrets()
        .put(ACCOUNT, "s", SecretBindingInput::text("A", "a"))
        .await
        .expect("the retry succeeds");
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "Retry-After: 1 was honoured ({:?})",
        started.elapsed()
    );
    assert_eq!(
        outcomes(&emulator, "worker-put-script-secret"),
        [Outcome::Status(429), Outcome::Status(200)]
    );
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "s"),
        Some(vec!["A".to_owned()])
    );
}

#[tokio::test]
async fn two_503s_are_retried_and_a_third_gives_up() {
    let (emulator, client) = start().await;
    let secrets = client.workers().scripts().secrets();
    secrets
        .put(ACCOUNT, "s", SecretBindingInput::text("A", "a"))
        .await
        .expect("put");

    emulator.inject(
        Fault::status(503)
            .times(2)
            .operation("worker-list-script-secrets"),
    );
    let listed = secrets
        .list(ACCOUNT, "s")
        .await
        .expect("third attempt works");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        outcomes(&emulator, "worker-list-script-secrets"),
        [
            Outcome::Status(503),
            Outcome::Status(503),
            Outcome::Status(200)
        ]
    );

    emulator.clear_requests();
    emulator.inject(
        Fault::status(503)
            .times(3)
            .operation("worker-list-script-secrets"),
    );
    let error = secrets
        .list(ACCOUNT, "s")
        .await
        .expect_err("out of retries");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(503));
    assert!(error.is_retryable());
    assert_eq!(emulator.count_operation("worker-list-script-secrets"), 3);
    assert_eq!(emulator.pending_faults(), 0);

    // Per-request max_retries(0): one attempt only.
    emulator.clear_requests();
    emulator.inject(Fault::status(503).operation("worker-list-script-secrets"));
    secrets
        .list(ACCOUNT, "s")
        .max_retries(0)
        .await
        .expect_err("no retry");
    assert_eq!(emulator.count_operation("worker-list-script-secrets"), 1);
}

#[tokio::test]
async fn a_503_on_a_create_is_not_retried_but_a_429_is_and_nothing_is_created_twice() {
    let (emulator, client) = start().await;
    let store = create_store(&client, "faults").await;
    let secrets = client.secrets_store().stores().secrets();

    // The server may have acted before a 503, so a non-idempotent create is not retried.
    emulator.inject(Fault::status(503).operation("secrets-store-secret-create"));
    let error = secrets
        .create(
            ACCOUNT,
            &store.id,
            vec![CreateSecretRequest::new("A", "a", vec![Scope::Workers])],
        )
        .await
        .expect_err("not retried");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(503));
    assert_eq!(emulator.count_operation("secrets-store-secret-create"), 1);
    assert_eq!(emulator.secret_count(ACCOUNT), 0);

    // A 429 means the server refused without acting: retried, and created exactly once.
    emulator.inject(
        Fault::status(429)
            .retry_after_ms(20)
            .operation("secrets-store-secret-create"),
    );
    let created = secrets
        .create(
            ACCOUNT,
            &store.id,
            vec![CreateSecretRequest::new("A", "a", vec![Scope::Workers])],
        )
        .await
        .expect("retried after 429");
    assert_eq!(created.len(), 1);
    assert_eq!(emulator.count_operation("secrets-store-secret-create"), 3);
    assert_eq!(emulator.secret_count(ACCOUNT), 1);
}

#[tokio::test]
async fn a_dropped_connection_is_retried_only_where_repeating_is_safe() {
    let (emulator, client) = start().await;
    let store = create_store(&client, "faults").await;

    // A PUT is idempotent: the dropped attempt is retried and the secret exists once.
    emulator.inject(Fault::drop_connection().matching("PUT", "/workers/"));
    client
        .workers()
        .scripts()
        .secrets()
        .put(ACCOUNT, "s", SecretBindingInput::text("A", "a"))
        .await
        .expect("retried after the drop");
    assert_eq!(
        outcomes(&emulator, "worker-put-script-secret"),
        [Outcome::Dropped, Outcome::Status(200)]
    );
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "s"),
        Some(vec!["A".to_owned()])
    );

    // A bulk patch is a merge patch, so repeating it is harmless: applied once, nothing lost.
    emulator.inject(Fault::drop_connection().operation("worker-patch-script-secrets-bulk"));
    let mut changes = BTreeMap::new();
    changes.insert("A".to_owned(), None);
    changes.insert("B".to_owned(), Some(SecretBindingInput::text("B", "b")));
    let patched = client
        .workers()
        .scripts()
        .secrets()
        .bulk_patch(
            ACCOUNT,
            "s",
            BulkPatchSecretsRequest::new().secrets(changes),
        )
        .await
        .expect("retried after the drop");
    assert_eq!(
        patched.keys().map(String::as_str).collect::<Vec<_>>(),
        ["B"]
    );
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "s"),
        Some(vec!["B".to_owned()])
    );

    // A create is not idempotent: after a dropped connection the SDK reports the failure
    // instead of risking a second secret, and the emulator (which never handled it) holds none.
    emulator.inject(Fault::drop_connection().operation("secrets-store-secret-create"));
    let secrets = client.secrets_store().stores().secrets();
    let error = secrets
        .create(
            ACCOUNT,
            &store.id,
            vec![CreateSecretRequest::new("C", "c", vec![Scope::Workers])],
        )
        .await
        .expect_err("not retried");
    assert!(error.status().is_none(), "{error}");
    assert_eq!(
        outcomes(&emulator, "secrets-store-secret-create"),
        [Outcome::Dropped]
    );
    assert_eq!(emulator.secret_count(ACCOUNT), 0);
    assert!(!format!("{error} {error:?}").contains("\"c\""));

    // The caller's own retry then creates it once.
    secrets
        .create(
            ACCOUNT,
            &store.id,
            vec![CreateSecretRequest::new("C", "c", vec![Scope::Workers])],
        )
        .await
        .expect("created");
    assert_eq!(emulator.secret_count(ACCOUNT), 1);
}

#[tokio::test]
async fn a_slow_answer_times_out_and_the_retry_succeeds() {
    let (emulator, client) = start().await;
    let store = create_store(&client, "faults").await;
    emulator
        .inject(Fault::delay(Duration::from_secs(3)).operation("secrets-store-get-store-by-id"));
    let started = Instant::now();
    let fetched = client
        .secrets_store()
        .stores()
        .get(ACCOUNT, &store.id)
        .timeout(Duration::from_millis(300))
        .await
        .expect("the second attempt is fast");
    assert_eq!(fetched, store);
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(emulator.count_operation("secrets-store-get-store-by-id"), 2);
}

#[tokio::test]
async fn x_should_retry_false_stops_retries_and_errors_keep_the_server_codes() {
    let (emulator, client) = start().await;
    emulator.inject(
        Fault::status(503)
            .header("x-should-retry", "false")
            .body(
                r#"{"success":false,"errors":[{"code":10013,"message":"busy"}],"messages":[],"result":null}"#,
            )
            .operation("secrets-store-quota"),
    );
    let error = client
        .secrets_store()
        .quota()
        .get(ACCOUNT)
        .await
        .expect_err("not retried");
    assert_eq!(error.codes(), vec![10013]);
    assert_eq!(emulator.count_operation("secrets-store-quota"), 1);
    // The next call is served normally.
    let quota = client
        .secrets_store()
        .quota()
        .get(ACCOUNT)
        .await
        .expect("quota");
    assert_eq!(quota.secrets.usage, 0.0);
}
