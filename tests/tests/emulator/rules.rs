//! End to end through the Rust SDK: the Cloudflare rules the emulator models. Token permissions
//! (per operation, from the spec) and roles, the documented limits, audit events (from the Rust
//! API and the emulator-only admin path), the pending-then-active lifecycle, the wrangler entry
//! for a created secret, and that every operation of the spec is served.

use std::time::Duration;

use cloudflare_secrets::operations::OPERATIONS;
use cloudflare_secrets::{
    BulkDeleteSecretsRequest, BulkPatchSecretsRequest, Client, CreateSecretRequest,
    CreateStoreRequest, DuplicateSecretRequest, Hash, KeyAlgorithm, KeyUsage, PatchSecretRequest,
    Scope, SecretBindingInput, SecretId, SecretKeyInput, SecretStatus,
};
use cloudflare_secrets_emulator::{
    AuditAction, EmulatorHandle, MAX_WORKER_SECRET_BYTES, Permission, Plan, Role, codes,
};
use cloudflare_secrets_tests::emulator as e2e;
use cloudflare_secrets_tests::ids::ACCOUNT;
use serde_json::{Value, json};

fn client_for(emulator: &EmulatorHandle, token: &str) -> Client {
    Client::builder()
        .base_url(emulator.base_url())
        .api_token(token)
        .max_retries(0)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client builds")
}

fn assert_denied(error: &cloudflare_secrets::Error, operation: &str) {
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403), "{error}");
    assert_eq!(
        error.codes(),
        vec![i64::from(codes::PERMISSION_DENIED)],
        "{error}"
    );
    assert_eq!(error.operation_id(), Some(operation));
}

#[tokio::test]
async fn tokens_may_call_only_what_their_permissions_allow() {
    let emulator = e2e::builder()
        .token("admin")
        .token_with_role("reporter", Role::SecretsStoreReporter)
        .token_with_role("deployer", Role::SecretsStoreDeployer)
        .token_with_permissions("workers-read", [Permission::WorkersScriptsRead])
        .start()
        .await
        .expect("emulator starts");
    let admin = client_for(&emulator, "admin");
    let reporter = client_for(&emulator, "reporter");
    let deployer = client_for(&emulator, "deployer");
    let workers_read = client_for(&emulator, "workers-read");

    // A reporter views but changes nothing, in Secrets Store or in Workers.
    let denied = reporter
        .secrets_store()
        .stores()
        .create(ACCOUNT, CreateStoreRequest::new("s"))
        .await
        .expect_err("a reporter cannot create a store");
    assert_denied(&denied, "secrets-store-create");
    assert_eq!(emulator.store_count(ACCOUNT), 0);
    let store = admin
        .secrets_store()
        .stores()
        .create(ACCOUNT, CreateStoreRequest::new("s"))
        .await
        .expect("an admin creates the store");
    let created = admin
        .secrets_store()
        .stores()
        .secrets()
        .create(
            ACCOUNT,
            &store.id,
            vec![CreateSecretRequest::new("K", "v1", vec![Scope::Workers])],
        )
        .await
        .expect("an admin creates a secret");
    let secret = &created[0].id;
    let seen = reporter
        .secrets_store()
        .stores()
        .secrets()
        .get(ACCOUNT, &store.id, secret)
        .await
        .expect("a reporter reads metadata");
    assert_eq!(seen.name, "K");
    reporter
        .secrets_store()
        .quota()
        .get(ACCOUNT)
        .await
        .expect("quota");
    let denied = reporter
        .secrets_store()
        .stores()
        .secrets()
        .patch(
            ACCOUNT,
            &store.id,
            secret,
            PatchSecretRequest::new().value("v2"),
        )
        .await
        .expect_err("a reporter cannot edit");
    assert_denied(&denied, "secrets-store-patch-by-id");
    assert_eq!(
        emulator.store_secret_value_is(ACCOUNT, store.id.as_str(), secret.as_str(), "v1"),
        Some(true),
        "a denied call changes nothing"
    );
    let denied = reporter
        .workers()
        .scripts()
        .secrets()
        .list(ACCOUNT, "w")
        .await
        .expect_err("a reporter has no Workers permission");
    assert_denied(&denied, "worker-list-script-secrets");

    // A deployer views Store secrets and deploys Workers, but does not change the store.
    let denied = deployer
        .secrets_store()
        .stores()
        .secrets()
        .duplicate(
            ACCOUNT,
            &store.id,
            secret,
            DuplicateSecretRequest::new("K2", vec![]),
        )
        .await
        .expect_err("a deployer cannot duplicate");
    assert_denied(&denied, "secrets-store-duplicate-by-id");
    deployer
        .workers()
        .scripts()
        .secrets()
        .put(ACCOUNT, "w", SecretBindingInput::text("A", "a"))
        .await
        .expect("a deployer changes a Worker");

    // Workers Scripts Read lists and reads, but does not write.
    let names: Vec<String> = workers_read
        .workers()
        .scripts()
        .secrets()
        .list(ACCOUNT, "w")
        .await
        .expect("list")
        .iter()
        .filter_map(|binding| binding.name().map(str::to_owned))
        .collect();
    assert_eq!(names, ["A"]);
    let denied = workers_read
        .workers()
        .scripts()
        .secrets()
        .delete(ACCOUNT, "w", "A")
        .await
        .expect_err("read only");
    assert_denied(&denied, "worker-delete-script-secret");
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "w"),
        Some(vec!["A".to_owned()])
    );

    // An unknown token is not authenticated at all.
    let unknown = client_for(&emulator, "nobody")
        .secrets_store()
        .quota()
        .get(ACCOUNT)
        .await
        .expect_err("unknown token");
    assert_eq!(unknown.status().map(|s| s.as_u16()), Some(401));
    emulator.shutdown().await;
}

/// Every operation of the spec, for every role: a role whose permissions include one the
/// operation lists gets past the permission check; any other gets 403. Sent as raw HTTP
/// because the point is the table, not the bodies.
#[tokio::test]
async fn every_operation_checks_its_permissions_for_every_role() {
    let roles = [
        ("super", Role::SuperAdministrator),
        ("admin", Role::SecretsStoreAdmin),
        ("deployer", Role::SecretsStoreDeployer),
        ("reporter", Role::SecretsStoreReporter),
    ];
    let mut builder = e2e::builder();
    for (token, role) in roles {
        builder = builder.token_with_role(token, role);
    }
    let emulator = builder.start().await.expect("emulator starts");
    let http = plain_http();
    for operation in OPERATIONS {
        let path = operation
            .path_template
            .replace("{account_id}", ACCOUNT)
            .replace("{store_id}", "0123456789abcdef0123456789abcdef")
            .replace("{secret_id}", "fedcba9876543210fedcba9876543210")
            .replace(['{', '}'], "");
        for (token, role) in roles {
            let response = http
                .request(
                    operation.method.clone(),
                    format!("{}{path}", emulator.base_url()),
                )
                .bearer_auth(token)
                .body("{}")
                .send()
                .await
                .expect("answered");
            let status = response.status().as_u16();
            let body: Value = response.json().await.expect("JSON");
            let held = role.permissions();
            let allowed = operation.permissions.is_empty()
                || operation
                    .permissions
                    .iter()
                    .any(|name| held.iter().any(|permission| permission.as_str() == *name));
            if allowed {
                assert_ne!(status, 403, "{} as {token}: {body}", operation.id);
            } else {
                assert_eq!(status, 403, "{} as {token}: {body}", operation.id);
                assert_eq!(body["success"], false);
                assert_eq!(body["result"], Value::Null);
                assert_eq!(body["errors"][0]["code"], codes::PERMISSION_DENIED);
            }
            assert_ne!(
                body["errors"][0]["code"],
                codes::OPERATION_NOT_EMULATED,
                "the spec has {} but the emulator does not serve it",
                operation.id
            );
            assert_ne!(
                body["errors"][0]["code"],
                codes::NO_ROUTE,
                "{} routes",
                operation.id
            );
        }
    }
    emulator.shutdown().await;
}

fn create(name: &str, value: &str) -> CreateSecretRequest {
    CreateSecretRequest::new(name, value, vec![Scope::Workers])
}

#[tokio::test]
async fn stores_and_secrets_per_account_are_limited_with_cloudflare_errors() {
    let (emulator, client) = e2e::start().await;
    let stores = client.secrets_store().stores();
    let store = e2e::create_store(&client, "only").await;
    let second = stores
        .create(ACCOUNT, CreateStoreRequest::new("second"))
        .await
        .expect_err("one store per account");
    assert_eq!(second.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(second.codes(), vec![1003]);
    assert_eq!(emulator.store_count(ACCOUNT), 1);

    let secrets = stores.secrets();
    let first: Vec<CreateSecretRequest> = (0..60).map(|i| create(&format!("A{i}"), "a")).collect();
    secrets
        .create(ACCOUNT, &store.id, first)
        .await
        .expect("60 fit");
    let too_many: Vec<CreateSecretRequest> =
        (0..41).map(|i| create(&format!("B{i}"), "b")).collect();
    let refused = secrets
        .create(ACCOUNT, &store.id, too_many)
        .await
        .expect_err("101 do not fit");
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(
        refused.codes(),
        vec![i64::from(codes::MAXIMUM_SECRETS_EXCEEDED)]
    );
    assert_eq!(emulator.secret_count(ACCOUNT), 60, "all or nothing");
    let rest: Vec<CreateSecretRequest> = (0..40).map(|i| create(&format!("B{i}"), "b")).collect();
    let last = secrets
        .create(ACCOUNT, &store.id, rest)
        .await
        .expect("100 fit");
    let quota = client
        .secrets_store()
        .quota()
        .get(ACCOUNT)
        .await
        .expect("quota");
    assert_eq!(quota.secrets.usage, 100.0);
    assert_eq!(quota.secrets.quota, 100.0);
    let refused = secrets
        .duplicate(
            ACCOUNT,
            &store.id,
            &last[0].id,
            DuplicateSecretRequest::new("C", vec![]),
        )
        .await
        .expect_err("a duplicate counts too");
    assert_eq!(
        refused.codes(),
        vec![i64::from(codes::MAXIMUM_SECRETS_EXCEEDED)]
    );
    secrets
        .delete(ACCOUNT, &store.id, &last[0].id)
        .await
        .expect("delete");
    secrets
        .create(ACCOUNT, &store.id, vec![create("AGAIN", "x")])
        .await
        .expect("room again after a delete");

    // The SDK refuses a Store value over 65,536 bytes before sending; the emulator refuses it
    // from any other client.
    let too_long = "x".repeat(65_537);
    let refused = secrets
        .patch(
            ACCOUNT,
            &store.id,
            &last[1].id,
            PatchSecretRequest::new().value(too_long.clone()),
        )
        .await
        .expect_err("too long");
    assert!(refused.is_validation(), "{refused}");
    let raw = plain_http()
        .patch(format!(
            "{}/accounts/{ACCOUNT}/secrets_store/stores/{}/secrets/{}",
            emulator.base_url(),
            store.id,
            last[1].id
        ))
        .bearer_auth(e2e::TOKEN)
        .json(&json!({"value": too_long}))
        .send()
        .await
        .expect("answered");
    assert_eq!(raw.status().as_u16(), 400);
    let fits = "y".repeat(65_536);
    secrets
        .patch(
            ACCOUNT,
            &store.id,
            &last[1].id,
            PatchSecretRequest::new().value(fits),
        )
        .await
        .expect("65,536 bytes fit");
    assert_eq!(
        emulator.store_secret_value_bytes(ACCOUNT, store.id.as_str(), last[1].id.as_str()),
        Some(65_536)
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_workers_secret_is_at_most_5_kb() {
    let (emulator, client) = e2e::start().await;
    let secrets = client.workers().scripts().secrets();
    secrets
        .put(
            ACCOUNT,
            "w",
            SecretBindingInput::text("FITS", "a".repeat(MAX_WORKER_SECRET_BYTES)),
        )
        .await
        .expect("5 KB fit");
    // Multi-byte characters count in bytes: 1,707 × 3 bytes = 5,121 bytes. The SDK refuses that
    // text before sending (the spec's `x-sdk-max-bytes`); other clients reach the emulator's rule.
    let big_text = "€".repeat(1_707);
    let refused = secrets
        .put(
            ACCOUNT,
            "w",
            SecretBindingInput::text("BIG", big_text.as_str()),
        )
        .await
        .expect_err("over 5 KB");
    assert!(refused.is_validation(), "{refused}");
    assert_eq!(refused.status(), None, "nothing was sent: {refused}");
    let raw = plain_http()
        .put(format!(
            "{}/accounts/{ACCOUNT}/workers/scripts/w/secrets",
            emulator.base_url()
        ))
        .bearer_auth(e2e::TOKEN)
        .json(&json!({"type": "secret_text", "name": "BIG", "text": big_text}))
        .send()
        .await
        .expect("the emulator answers");
    assert_eq!(raw.status().as_u16(), 400);
    let body: Value = raw.json().await.expect("an error envelope");
    assert_eq!(
        body["errors"][0]["code"],
        json!(codes::WORKER_SECRET_TOO_LARGE)
    );
    let big_key = SecretKeyInput::raw(
        "KEY",
        KeyAlgorithm::hmac(Hash::Sha256),
        vec![KeyUsage::Sign],
        // Valid base64 (a multiple of four characters), so only the size is wrong.
        "A".repeat(MAX_WORKER_SECRET_BYTES + 4),
    );
    let refused = secrets
        .put(ACCOUNT, "w", big_key)
        .await
        .expect_err("key material over 5 KB");
    assert_eq!(
        refused.codes(),
        vec![i64::from(codes::WORKER_SECRET_TOO_LARGE)]
    );
    let mut changes = std::collections::BTreeMap::new();
    changes.insert(
        "BULK".to_owned(),
        Some(SecretBindingInput::text("BULK", "b".repeat(6000))),
    );
    let refused = secrets
        .bulk_patch(
            ACCOUNT,
            "w",
            BulkPatchSecretsRequest::new().secrets(changes),
        )
        .await
        .expect_err("over 5 KB in a bulk patch");
    assert!(refused.is_validation(), "{refused}");
    let raw = plain_http()
        .patch(format!(
            "{}/accounts/{ACCOUNT}/workers/scripts/w/secrets-bulk",
            emulator.base_url()
        ))
        .bearer_auth(e2e::TOKEN)
        .header("content-type", "application/merge-patch+json")
        .body(
            json!({"secrets": {"BULK": {"type": "secret_text", "name": "BULK", "text": "b".repeat(6000)}}})
                .to_string(),
        )
        .send()
        .await
        .expect("the emulator answers");
    assert_eq!(raw.status().as_u16(), 400);
    let body: Value = raw.json().await.expect("an error envelope");
    assert_eq!(
        body["errors"][0]["code"],
        json!(codes::WORKER_SECRET_TOO_LARGE)
    );
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "w"),
        Some(vec!["FITS".to_owned()])
    );
    emulator.shutdown().await;
}

async fn fill_worker(client: &Client, script: &str, count: usize) {
    let mut request = BulkPatchSecretsRequest::new();
    for index in 0..count {
        request = request.set(SecretBindingInput::text(format!("S{index:03}"), "v"));
    }
    client
        .workers()
        .scripts()
        .secrets()
        .bulk_patch(ACCOUNT, script, request)
        .await
        .expect("fits the plan");
}

#[tokio::test]
async fn a_worker_holds_64_secrets_on_free_and_128_on_paid() {
    for (plan, limit) in [(Plan::Free, 64), (Plan::Paid, 128)] {
        let emulator = e2e::builder()
            .token("t")
            .plan(plan)
            .start()
            .await
            .expect("emulator starts");
        let client = client_for(&emulator, "t");
        let secrets = client.workers().scripts().secrets();
        fill_worker(&client, "w", limit).await;
        let refused = secrets
            .put(ACCOUNT, "w", SecretBindingInput::text("ONE_MORE", "v"))
            .await
            .expect_err("over the plan's limit");
        assert_eq!(refused.status().map(|s| s.as_u16()), Some(400), "{plan:?}");
        assert_eq!(
            refused.codes(),
            vec![i64::from(codes::WORKER_BINDING_LIMIT)]
        );
        // Replacing a secret does not add one; a bulk patch that deletes one may add one.
        secrets
            .put(ACCOUNT, "w", SecretBindingInput::text("S000", "new"))
            .await
            .expect("a replacement fits");
        secrets
            .bulk_patch(
                ACCOUNT,
                "w",
                BulkPatchSecretsRequest::new()
                    .delete("S001")
                    .set(SecretBindingInput::text("SWAPPED", "v")),
            )
            .await
            .expect("one out, one in");
        let refused = secrets
            .bulk_patch(
                ACCOUNT,
                "w",
                BulkPatchSecretsRequest::new().set(SecretBindingInput::text("EXTRA", "v")),
            )
            .await
            .expect_err("one in, none out");
        assert_eq!(
            refused.codes(),
            vec![i64::from(codes::WORKER_BINDING_LIMIT)]
        );
        let names = emulator
            .worker_secret_names(ACCOUNT, "w")
            .expect("the script");
        assert_eq!(names.len(), limit, "{plan:?}");
        assert!(names.contains(&"SWAPPED".to_owned()) && !names.contains(&"S001".to_owned()));
        emulator.shutdown().await;
    }
}

#[tokio::test]
async fn audit_events_record_every_documented_action_without_values() {
    let (emulator, client) = e2e::start().await;
    let store = e2e::create_store(&client, "audited").await;
    let secrets = client.secrets_store().stores().secrets();
    let created = secrets
        .create(
            ACCOUNT,
            &store.id,
            vec![
                create("ALPHA", "alpha-value-1"),
                create("BETA", "beta-value-1"),
            ],
        )
        .await
        .expect("create");
    let (alpha, beta) = (created[0].id.clone(), created[1].id.clone());
    secrets
        .get(ACCOUNT, &store.id, &alpha)
        .await
        .expect("access");
    secrets
        .patch(
            ACCOUNT,
            &store.id,
            &alpha,
            PatchSecretRequest::new().value("alpha-value-1"),
        )
        .await
        .expect("same value again");
    secrets
        .patch(
            ACCOUNT,
            &store.id,
            &alpha,
            PatchSecretRequest::new().value("alpha-value-2"),
        )
        .await
        .expect("new value");
    secrets
        .patch(
            ACCOUNT,
            &store.id,
            &alpha,
            PatchSecretRequest::new().comment("no value"),
        )
        .await
        .expect("comment only");
    let copy = secrets
        .duplicate(
            ACCOUNT,
            &store.id,
            &beta,
            DuplicateSecretRequest::new("BETA_COPY", vec![]),
        )
        .await
        .expect("duplicate");
    secrets
        .delete(ACCOUNT, &store.id, &alpha)
        .await
        .expect("delete");
    secrets
        .bulk_delete(
            ACCOUNT,
            &store.id,
            BulkDeleteSecretsRequest::new(vec![beta.clone()]),
        )
        .await
        .expect("bulk delete");
    client
        .secrets_store()
        .stores()
        .delete(ACCOUNT, &store.id)
        .force(true)
        .await
        .expect("forced store delete");

    let events = emulator.audit_events();
    let summary: Vec<(AuditAction, &str, Option<&str>, Option<bool>)> = events
        .iter()
        .map(|event| {
            (
                event.action,
                event.secret_id.as_str(),
                event.duplicated_from_id.as_deref(),
                event.value_modified,
            )
        })
        .collect();
    let id = |id: &SecretId| id.as_str().to_owned();
    let (alpha, beta, copy) = (id(&alpha), id(&beta), id(&copy.id));
    assert_eq!(
        summary,
        [
            (AuditAction::Create, alpha.as_str(), None, None),
            (AuditAction::Create, beta.as_str(), None, None),
            (AuditAction::Access, alpha.as_str(), None, None),
            (AuditAction::Update, alpha.as_str(), None, Some(false)),
            (AuditAction::Update, alpha.as_str(), None, Some(true)),
            (AuditAction::Update, alpha.as_str(), None, Some(false)),
            (
                AuditAction::Create,
                copy.as_str(),
                Some(beta.as_str()),
                None
            ),
            (AuditAction::Delete, alpha.as_str(), None, None),
            (AuditAction::Delete, beta.as_str(), None, None),
            (AuditAction::Delete, copy.as_str(), None, None),
        ]
    );
    assert!(
        events
            .iter()
            .all(|event| event.account_id == ACCOUNT && event.store_id == store.id.as_str())
    );
    assert_eq!(
        events
            .iter()
            .map(|event| event.sequence)
            .collect::<Vec<_>>(),
        (1..=10).collect::<Vec<u64>>()
    );

    // The admin path answers the same events, and nothing in them is a value.
    let http = plain_http();
    let url = format!(
        "{}/__emulator/audit?account_id={ACCOUNT}",
        emulator.base_url()
    );
    let body: Value = http
        .get(&url)
        .bearer_auth(e2e::TOKEN)
        .send()
        .await
        .expect("answered")
        .json()
        .await
        .expect("JSON");
    assert_eq!(body["success"], true);
    assert_eq!(
        body["result"],
        serde_json::to_value(&events).expect("events serialize")
    );
    assert_eq!(body["result"][6]["duplicated_from_id"], beta.as_str());
    assert_eq!(body["result"][4]["value_modified"], true);
    let text = body.to_string();
    for value in ["alpha-value-1", "alpha-value-2", "beta-value-1"] {
        assert!(!text.contains(value), "an audit event holds a value");
    }
    let other: Value = http
        .get(format!(
            "{}/__emulator/audit?account_id=someone-else",
            emulator.base_url()
        ))
        .bearer_auth(e2e::TOKEN)
        .send()
        .await
        .expect("answered")
        .json()
        .await
        .expect("JSON");
    assert_eq!(other["result"], json!([]));
    let anonymous = http.get(&url).send().await.expect("answered");
    assert_eq!(anonymous.status().as_u16(), 401);
    assert_eq!(
        emulator.count_requests("*", "/__emulator"),
        0,
        "admin requests stay out of the request log"
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn created_and_duplicated_secrets_are_pending_then_active() {
    let (emulator, client) = e2e::start().await;
    let store = e2e::create_store(&client, "lifecycle").await;
    let secrets = client.secrets_store().stores().secrets();
    let created = secrets
        .create(ACCOUNT, &store.id, vec![create("NEW", "v")])
        .await
        .expect("create");
    assert_eq!(created[0].status, SecretStatus::Pending);
    let read = secrets
        .get(ACCOUNT, &store.id, &created[0].id)
        .await
        .expect("get");
    assert_eq!(read.status, SecretStatus::Active);
    let copy = secrets
        .duplicate(
            ACCOUNT,
            &store.id,
            &created[0].id,
            DuplicateSecretRequest::new("COPY", vec![]),
        )
        .await
        .expect("duplicate");
    assert_eq!(copy.status, SecretStatus::Pending);
    let listed = secrets.list(ACCOUNT, &store.id).send().await.expect("list");
    assert!(
        listed
            .items
            .iter()
            .all(|secret| secret.status == SecretStatus::Active)
    );

    // The wrangler entry that binds the secret to a Worker.
    let entry = read.wrangler_binding("API_KEY");
    assert_eq!(entry.store_id, store.id.as_str());
    assert_eq!(entry.secret_name, "NEW");
    let parsed: Value = serde_json::from_str(&entry.to_json()).expect("the entry is JSON");
    assert_eq!(
        parsed,
        json!({"binding": "API_KEY", "store_id": store.id.as_str(), "secret_name": "NEW"})
    );
    assert_eq!(
        entry.to_toml(),
        format!(
            r#"{{ binding = "API_KEY", store_id = "{}", secret_name = "NEW" }}"#,
            store.id
        )
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_state_file_keeps_the_state_and_the_audit_log_across_a_restart() {
    let directory = std::env::temp_dir().join(format!(
        "cloudflare-secrets-state-{}-{}",
        std::process::id(),
        fastrand_like_suffix()
    ));
    std::fs::create_dir_all(&directory).expect("directory");
    let path = directory.join("state.db");
    let start = || e2e::builder().token("t").state_file(&path).start();
    let emulator = start().await.expect("first start");
    let client = client_for(&emulator, "t");
    let store = e2e::create_store(&client, "kept").await;
    let secrets = client.secrets_store().stores().secrets();
    let created = secrets
        .create(
            ACCOUNT,
            &store.id,
            vec![create("KEPT", "persisted-value-123")],
        )
        .await
        .expect("create");
    client
        .workers()
        .scripts()
        .secrets()
        .put(
            ACCOUNT,
            "w",
            SecretBindingInput::text("W", "worker-value-456"),
        )
        .await
        .expect("put");
    emulator.shutdown().await;

    // The database and its write-ahead log hold no value; the hashing key is beside them.
    let mut written = std::fs::read(&path).expect("the state database");
    written.extend(std::fs::read(directory.join("state.db-wal")).unwrap_or_default());
    for value in ["persisted-value-123", "worker-value-456"] {
        assert!(
            !written
                .windows(value.len())
                .any(|window| window == value.as_bytes()),
            "{value} reached the database"
        );
    }
    assert!(std::fs::metadata(directory.join("state.db.key")).is_ok());

    let emulator = start().await.expect("second start");
    let client = client_for(&emulator, "t");
    let secrets = client.secrets_store().stores().secrets();
    let read = secrets
        .get(ACCOUNT, &store.id, &created[0].id)
        .await
        .expect("still there");
    assert_eq!(read.name, "KEPT");
    assert_eq!(
        emulator.store_secret_value_is(
            ACCOUNT,
            store.id.as_str(),
            created[0].id.as_str(),
            "persisted-value-123"
        ),
        Some(true)
    );
    assert_eq!(
        emulator.worker_secret_is(ACCOUNT, "w", "W", "worker-value-456"),
        Some(true)
    );
    secrets
        .patch(
            ACCOUNT,
            &store.id,
            &created[0].id,
            PatchSecretRequest::new().value("persisted-value-123"),
        )
        .await
        .expect("same value");
    let events = emulator.audit_events();
    assert_eq!(
        events.iter().map(|event| event.action).collect::<Vec<_>>(),
        [
            AuditAction::Create,
            AuditAction::Access,
            AuditAction::Update
        ]
    );
    assert_eq!(
        events[2].value_modified,
        Some(false),
        "the restarted emulator still compares"
    );
    emulator.shutdown().await;
    let _ = std::fs::remove_dir_all(&directory);
}

fn fastrand_like_suffix() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.subsec_nanos())
}

/// A reqwest client with the SDK's TLS setup (plain HTTP here, but reqwest wants a provider).
fn plain_http() -> reqwest::Client {
    cloudflare_secrets::runtime::reqwest_client_builder()
        .expect("builder")
        .build()
        .expect("client")
}
