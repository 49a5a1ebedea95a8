//! End to end: the generated SDK against the emulator for Secrets Store (create a store, create
//! several secrets, stream them across pages, search, duplicate, patch, quota, delete, bulk
//! delete, force-delete the store), with the emulator's state checked along the way.

use cloudflare_secrets_tests::emulator as e2e;
use cloudflare_secrets_tests::emulator::{create_store, start};
use cloudflare_secrets_tests::ids::ACCOUNT;
use std::collections::BTreeSet;

use cloudflare_secrets::{
    BulkDeleteSecretsRequest, Client, CreateSecretRequest, CreateStoreRequest,
    DuplicateSecretRequest, PatchSecretRequest, Scope, Secret, SecretId, SecretOrder, SecretStatus,
    SortDirection, Store,
};
use futures_util::StreamExt;

fn request(name: &str, value: &str, scopes: Vec<Scope>) -> CreateSecretRequest {
    CreateSecretRequest::new(name, value, scopes)
}

async fn collect_all(stream: cloudflare_secrets::runtime::PageStream<Secret>) -> Vec<Secret> {
    stream
        .map(|item| item.expect("every page loads"))
        .collect()
        .await
}

#[tokio::test]
async fn a_store_and_its_secrets_from_creation_to_forced_deletion() {
    let (emulator, client) = start().await;
    let store = create_store(&client, "service_x_keys").await;
    assert_eq!(store.name, "service_x_keys");
    assert_eq!(
        store.account_id.as_ref().map(|id| id.as_str()),
        Some(ACCOUNT)
    );
    let stores = client.secrets_store().stores();
    let fetched = stores.get(ACCOUNT, &store.id).await.expect("get store");
    assert_eq!(fetched, store);

    // Create 45 secrets in one request; every third one also has the ai_gateway scope.
    let secrets = stores.secrets();
    let batch: Vec<CreateSecretRequest> = (0..45)
        .map(|index| {
            let scopes = if index % 3 == 0 {
                vec![Scope::Workers, Scope::AiGateway]
            } else {
                vec![Scope::Workers]
            };
            request(
                &format!("SECRET_{index:02}"),
                &format!("value-{index}"),
                scopes,
            )
            .comment(format!("comment {index}"))
        })
        .collect();
    let created = secrets
        .create(ACCOUNT, &store.id, batch)
        .await
        .expect("create");
    assert_eq!(created.len(), 45);
    assert_eq!(created[0].status, SecretStatus::Pending);
    assert_eq!(created[0].comment.as_deref(), Some("comment 0"));
    assert_eq!(
        created[0].scopes,
        Some(vec![Scope::Workers, Scope::AiGateway])
    );
    assert_eq!(emulator.secret_count(ACCOUNT), 45);
    assert_eq!(
        emulator.store_secret_value_is(
            ACCOUNT,
            store.id.as_str(),
            created[7].id.as_str(),
            "value-7"
        ),
        Some(true)
    );

    // Stream every secret across pages of 10: each exactly once.
    emulator.clear_requests();
    let all = collect_all(secrets.list(ACCOUNT, &store.id).per_page(10).stream()).await;
    assert_eq!(all.len(), 45);
    let ids: BTreeSet<&str> = all.iter().map(|secret| secret.id.as_str()).collect();
    assert_eq!(ids.len(), 45);
    let pages = emulator.count_operation("secrets-store-secrets-list");
    assert!((5..=6).contains(&pages), "{pages} list requests");
    assert!(
        all.iter()
            .all(|secret| secret.status == SecretStatus::Active)
    );

    // One page, sorted by name ascending, with result_info.
    let page = secrets
        .list(ACCOUNT, &store.id)
        .order(SecretOrder::Name)
        .direction(SortDirection::Asc)
        .per_page(5)
        .page(2)
        .send()
        .await
        .expect("page");
    let names: Vec<&str> = page
        .items
        .iter()
        .map(|secret| secret.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "SECRET_05",
            "SECRET_06",
            "SECRET_07",
            "SECRET_08",
            "SECRET_09"
        ]
    );
    let info = page.result_info.expect("result_info");
    assert_eq!(info.total_count, Some(45));
    assert_eq!(info.total_pages, Some(9));

    // Search across name and comment, and filter by scope.
    let found = collect_all(
        secrets
            .list(ACCOUNT, &store.id)
            .search("comment 4")
            .stream(),
    )
    .await;
    let mut found: Vec<&str> = found.iter().map(|secret| secret.name.as_str()).collect();
    found.sort_unstable();
    assert_eq!(
        found,
        [
            "SECRET_04",
            "SECRET_40",
            "SECRET_41",
            "SECRET_42",
            "SECRET_43",
            "SECRET_44"
        ]
    );
    let gateway = collect_all(
        secrets
            .list(ACCOUNT, &store.id)
            .scopes(vec![Scope::AiGateway])
            .stream(),
    )
    .await;
    assert_eq!(gateway.len(), 15);

    // Duplicate keeps the value under a new id.
    let copy = secrets
        .duplicate(
            ACCOUNT,
            &store.id,
            &created[7].id,
            DuplicateSecretRequest::new("SECRET_07_COPY", vec![Scope::Workers]).comment(""),
        )
        .await
        .expect("duplicate");
    assert_ne!(copy.id, created[7].id);
    assert_eq!(copy.name, "SECRET_07_COPY");
    assert_eq!(
        emulator.store_secret_value_is(ACCOUNT, store.id.as_str(), copy.id.as_str(), "value-7"),
        Some(true)
    );

    // Patch the comment, scopes and value.
    let patched = secrets
        .patch(
            ACCOUNT,
            &store.id,
            &created[1].id,
            PatchSecretRequest::new()
                .comment("rotated")
                .scopes(vec![Scope::Dex])
                .value("new-value"),
        )
        .await
        .expect("patch");
    assert_eq!(patched.comment.as_deref(), Some("rotated"));
    assert_eq!(patched.scopes, Some(vec![Scope::Dex]));
    assert!(patched.modified >= created[1].modified);
    assert_eq!(
        emulator.store_secret_value_is(
            ACCOUNT,
            store.id.as_str(),
            created[1].id.as_str(),
            "new-value"
        ),
        Some(true)
    );
    let got = secrets
        .get(ACCOUNT, &store.id, &created[1].id)
        .await
        .expect("get");
    assert_eq!(got.comment.as_deref(), Some("rotated"));

    // Quota counts every secret of the account.
    let quota = client
        .secrets_store()
        .quota()
        .get(ACCOUNT)
        .await
        .expect("quota");
    assert_eq!(quota.secrets.quota, 100.0);
    assert_eq!(quota.secrets.usage, 46.0);

    // Delete one, then three in bulk.
    secrets
        .delete(ACCOUNT, &store.id, &created[0].id)
        .await
        .expect("delete");
    let missing = secrets
        .get(ACCOUNT, &store.id, &created[0].id)
        .await
        .expect_err("deleted");
    assert!(missing.is_not_found());
    let bulk: Vec<SecretId> = created[2..5]
        .iter()
        .map(|secret| secret.id.clone())
        .collect();
    secrets
        .bulk_delete(ACCOUNT, &store.id, BulkDeleteSecretsRequest::new(bulk))
        .await
        .expect("bulk delete");
    assert_eq!(emulator.secret_count(ACCOUNT), 42);

    // A store with secrets is not deleted without force (409, retried like any 409 on an
    // idempotent operation), and nothing is lost.
    emulator.clear_requests();
    let refused = stores
        .delete(ACCOUNT, &store.id)
        .await
        .expect_err("store_not_empty");
    assert!(refused.is_conflict(), "{refused}");
    assert_eq!(refused.codes(), vec![1004]);
    assert_eq!(emulator.count_operation("secrets-store-delete-by-id"), 3);
    assert_eq!(emulator.secret_count(ACCOUNT), 42);
    stores
        .delete(ACCOUNT, &store.id)
        .force(true)
        .await
        .expect("forced delete");
    assert_eq!(emulator.store_count(ACCOUNT), 0);
    assert_eq!(emulator.secret_count(ACCOUNT), 0);
    let gone = stores.get(ACCOUNT, &store.id).await.expect_err("gone");
    assert!(gone.is_not_found());
}

#[tokio::test]
async fn one_store_per_account_and_stores_list_in_pages() {
    let (_emulator, client) = start().await;
    let store = create_store(&client, "service_x_keys").await;
    let stores = client.secrets_store().stores();
    let second = stores
        .create(ACCOUNT, CreateStoreRequest::new("another"))
        .await
        .expect_err("one store per account");
    assert_eq!(second.codes(), vec![1003]);
    let page = stores
        .list(ACCOUNT)
        .per_page(10)
        .send()
        .await
        .expect("list");
    assert_eq!(page.items, vec![store.clone()]);
    let all: Vec<Store> = stores
        .list(ACCOUNT)
        .stream()
        .map(|item| item.expect("page"))
        .collect()
        .await;
    assert_eq!(all, vec![store]);
    let empty = stores
        .list("other-account")
        .send()
        .await
        .expect("empty list");
    assert!(empty.items.is_empty());
}

#[tokio::test]
async fn the_quota_stops_the_101st_secret_and_bad_input_is_refused() {
    let (emulator, client) = start().await;
    let store = create_store(&client, "service_x_keys").await;
    let secrets = client.secrets_store().stores().secrets();
    let batch: Vec<CreateSecretRequest> = (0..100)
        .map(|index| request(&format!("K{index}"), "v", vec![Scope::Workers]))
        .collect();
    secrets
        .create(ACCOUNT, &store.id, batch)
        .await
        .expect("100 secrets fit");
    let over = secrets
        .create(ACCOUNT, &store.id, vec![request("ONE_MORE", "v", vec![])])
        .await
        .expect_err("the 101st is refused");
    assert_eq!(over.codes(), vec![1005]);
    let quota = client
        .secrets_store()
        .quota()
        .get(ACCOUNT)
        .await
        .expect("quota");
    assert_eq!(quota.secrets.usage, 100.0);

    // Duplicate names in one request: nothing is created.
    let fresh = e2e::builder().start().await.expect("starts");
    let other = Client::builder()
        .base_url(fresh.base_url())
        .api_token("anything")
        .build()
        .expect("client");
    let store = create_store(&other, "service_x_keys").await;
    let secrets = other.secrets_store().stores().secrets();
    let duplicate = secrets
        .create(
            ACCOUNT,
            &store.id,
            vec![request("SAME", "a", vec![]), request("SAME", "b", vec![])],
        )
        .await
        .expect_err("duplicate names");
    assert!(duplicate.is_conflict());
    let spaced = secrets
        .create(ACCOUNT, &store.id, vec![request("HAS SPACE", "a", vec![])])
        .await
        .expect_err("a name with a space");
    // The SDK checks the spec's name pattern first; the emulator would refuse it with 400 too.
    assert!(
        spaced.is_validation() || spaced.status().map(|status| status.as_u16()) == Some(400),
        "{spaced}"
    );
    assert_eq!(fresh.secret_count(ACCOUNT), 0);

    // An oversize value is refused by the SDK before anything is sent.
    let before = fresh.requests().len();
    let oversize = secrets
        .create(
            ACCOUNT,
            &store.id,
            vec![request("BIG", &"x".repeat(65_537), vec![])],
        )
        .await
        .expect_err("too big");
    assert!(oversize.is_validation(), "{oversize}");
    assert_eq!(fresh.requests().len(), before);
    assert_eq!(emulator.secret_count(ACCOUNT), 100);
}
