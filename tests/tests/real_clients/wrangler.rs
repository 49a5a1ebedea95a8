//! wrangler runs every `wrangler secret` and `wrangler secrets-store ... --remote` command
//! against the emulator, values on standard input as in CI.

use std::path::PathBuf;

use cloudflare_secrets::SecretStatus;
use cloudflare_secrets_emulator::AuditAction;
use serde_json::Value;

use super::npm::{package, run_node};
use super::{ACCOUNT, TOKEN, TemporaryHome, start, text};

/// wrangler, the way a user runs it in CI: values on standard input (`CI=true`), the emulator
/// as its API base URL, the account from `CLOUDFLARE_ACCOUNT_ID`.
struct Wrangler<'a> {
    script: PathBuf,
    base_url: &'a str,
    home: TemporaryHome,
}

impl Wrangler<'_> {
    fn run(&self, arguments: &[&str], stdin: Option<&str>) -> String {
        let mut all = vec![self.script.to_str().expect("UTF-8 path")];
        all.extend_from_slice(arguments);
        let output = run_node(
            &all,
            &[
                ("CLOUDFLARE_API_BASE_URL", self.base_url),
                ("CLOUDFLARE_API_TOKEN", TOKEN),
                ("CLOUDFLARE_ACCOUNT_ID", ACCOUNT),
            ],
            stdin,
            &self.home.0,
        );
        text(&output.stdout)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrangler_runs_every_secret_and_secrets_store_command() {
    let script = package("wrangler").join("bin/wrangler.js");
    let (emulator, client) = start(|builder| builder.worker("my-worker")).await;
    let wrangler = Wrangler {
        script,
        base_url: emulator.base_url(),
        home: TemporaryHome::new("wrangler"),
    };

    // wrangler secret put / list / bulk / delete.
    let put = tokio::task::block_in_place(|| {
        wrangler.run(
            &["secret", "put", "API_KEY", "--name", "my-worker"],
            Some("hunter2"),
        )
    });
    assert!(put.contains("Success! Uploaded secret API_KEY"), "{put}");
    assert_eq!(
        emulator.worker_secret_is(ACCOUNT, "my-worker", "API_KEY", "hunter2"),
        Some(true),
        "wrangler sent the value from standard input"
    );
    let bulk_file = wrangler.home.0.join("secrets.json");
    std::fs::write(
        &bulk_file,
        r#"{"DB_URL": "postgres://db", "TOKEN_B": "b", "API_KEY": "rotated"}"#,
    )
    .expect("bulk file");
    let bulk = tokio::task::block_in_place(|| {
        wrangler.run(
            &[
                "secret",
                "bulk",
                bulk_file.to_str().expect("UTF-8"),
                "--name",
                "my-worker",
            ],
            None,
        )
    });
    assert!(bulk.contains("3 secrets successfully"), "{bulk}");
    assert_eq!(
        emulator.worker_secret_is(ACCOUNT, "my-worker", "API_KEY", "rotated"),
        Some(true)
    );
    let listed = tokio::task::block_in_place(|| {
        wrangler.run(
            &["secret", "list", "--name", "my-worker", "--format", "json"],
            None,
        )
    });
    let start = listed.find('[').expect("a JSON list");
    let listed: Value = serde_json::from_str(&listed[start..]).expect("wrangler prints JSON");
    let mut names: Vec<&str> = listed
        .as_array()
        .expect("array")
        .iter()
        .map(|secret| secret["name"].as_str().expect("name"))
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["API_KEY", "DB_URL", "TOKEN_B"]);
    assert!(
        listed
            .as_array()
            .expect("array")
            .iter()
            .all(|secret| secret.get("text").is_none())
    );
    let deleted = tokio::task::block_in_place(|| {
        wrangler.run(
            &["secret", "delete", "TOKEN_B", "--name", "my-worker"],
            None,
        )
    });
    assert!(
        deleted.contains("Success! Deleted secret TOKEN_B"),
        "{deleted}"
    );
    assert_eq!(
        emulator.worker_secret_names(ACCOUNT, "my-worker"),
        Some(vec!["API_KEY".to_owned(), "DB_URL".to_owned()])
    );

    // wrangler secrets-store store create / list.
    let created = tokio::task::block_in_place(|| {
        wrangler.run(
            &["secrets-store", "store", "create", "my-store", "--remote"],
            None,
        )
    });
    assert!(created.contains("Created store!"), "{created}");
    let stores = client
        .secrets_store()
        .stores()
        .list(ACCOUNT)
        .send()
        .await
        .expect("stores");
    assert_eq!(stores.items.len(), 1);
    let store = stores.items[0].id.as_str().to_owned();
    assert!(
        created.contains(&store),
        "wrangler printed the new store's id: {created}"
    );
    let listed = tokio::task::block_in_place(|| {
        wrangler.run(&["secrets-store", "store", "list", "--remote"], None)
    });
    assert!(
        listed.contains(&store) && listed.contains("my-store"),
        "{listed}"
    );

    // wrangler secrets-store secret create / list / get / update / duplicate / delete.
    let store_arg = store.as_str();
    let created = tokio::task::block_in_place(|| {
        wrangler.run(
            &[
                "secrets-store",
                "secret",
                "create",
                store_arg,
                "--name",
                "MY_KEY",
                "--scopes",
                "workers",
                "--comment",
                "first",
                "--remote",
            ],
            Some("value-one"),
        )
    });
    assert!(
        created.contains("MY_KEY") && created.contains("pending"),
        "{created}"
    );
    let secrets = client.secrets_store().stores().secrets();
    let page = secrets
        .list(ACCOUNT, store_arg)
        .send()
        .await
        .expect("secrets");
    assert_eq!(page.items.len(), 1);
    let secret = page.items[0].id.as_str().to_owned();
    assert_eq!(page.items[0].status, SecretStatus::Active);
    assert_eq!(
        emulator.store_secret_value_is(ACCOUNT, &store, &secret, "value-one"),
        Some(true)
    );
    let secret_arg = secret.as_str();
    let listed = tokio::task::block_in_place(|| {
        wrangler.run(
            &["secrets-store", "secret", "list", store_arg, "--remote"],
            None,
        )
    });
    assert!(
        listed.contains(&secret) && listed.contains("active"),
        "{listed}"
    );
    let got = tokio::task::block_in_place(|| {
        wrangler.run(
            &[
                "secrets-store",
                "secret",
                "get",
                store_arg,
                "--secret-id",
                secret_arg,
                "--remote",
            ],
            None,
        )
    });
    assert!(got.contains("MY_KEY") && got.contains("first"), "{got}");
    let updated = tokio::task::block_in_place(|| {
        wrangler.run(
            &[
                "secrets-store",
                "secret",
                "update",
                store_arg,
                "--secret-id",
                secret_arg,
                "--value",
                "value-two",
                "--comment",
                "second",
                "--remote",
            ],
            None,
        )
    });
    assert!(updated.contains("second"), "{updated}");
    assert_eq!(
        emulator.store_secret_value_is(ACCOUNT, &store, &secret, "value-two"),
        Some(true)
    );
    let duplicated = tokio::task::block_in_place(|| {
        wrangler.run(
            &[
                "secrets-store",
                "secret",
                "duplicate",
                store_arg,
                "--secret-id",
                secret_arg,
                "--name",
                "MY_KEY_COPY",
                "--scopes",
                "workers",
                "--remote",
            ],
            None,
        )
    });
    assert!(duplicated.contains("MY_KEY_COPY"), "{duplicated}");
    let deleted = tokio::task::block_in_place(|| {
        wrangler.run(
            &[
                "secrets-store",
                "secret",
                "delete",
                store_arg,
                "--secret-id",
                secret_arg,
                "--remote",
            ],
            None,
        )
    });
    assert!(deleted.contains("Deleted secret!"), "{deleted}");
    let remaining = secrets
        .list(ACCOUNT, store_arg)
        .send()
        .await
        .expect("secrets");
    assert_eq!(remaining.items.len(), 1);
    let copy = remaining.items[0].id.as_str().to_owned();
    assert_eq!(remaining.items[0].name, "MY_KEY_COPY");
    assert_eq!(
        emulator.store_secret_value_is(ACCOUNT, &store, &copy, "value-two"),
        Some(true),
        "a duplicate keeps the value"
    );

    // The audit log saw what wrangler did, in order.
    let actions: Vec<(AuditAction, String)> = emulator
        .audit_events()
        .into_iter()
        .map(|event| (event.action, event.secret_name))
        .collect();
    assert_eq!(
        actions,
        [
            (AuditAction::Create, "MY_KEY".to_owned()),
            (AuditAction::Access, "MY_KEY".to_owned()),
            (AuditAction::Update, "MY_KEY".to_owned()),
            (AuditAction::Create, "MY_KEY_COPY".to_owned()),
            (AuditAction::Delete, "MY_KEY".to_owned()),
        ]
    );

    // wrangler secrets-store store delete (after emptying it: wrangler does not force).
    secrets
        .delete(ACCOUNT, store_arg, copy.as_str())
        .await
        .expect("copy deleted");
    let deleted = tokio::task::block_in_place(|| {
        wrangler.run(
            &["secrets-store", "store", "delete", store_arg, "--remote"],
            None,
        )
    });
    assert!(deleted.contains("Deleted store!"), "{deleted}");
    assert_eq!(emulator.store_count(ACCOUNT), 0);
    assert_eq!(
        emulator.count_requests("*", "/__emulator"),
        0,
        "wrangler used only the public API"
    );
    emulator.shutdown().await;
}
