//! The state database reads back exactly what was written, after random operations.

use serde_json::{Value, json};

use super::*;
use crate::workers::ScriptKey;

fn temporary_path(name: &str) -> PathBuf {
    let directory = std::env::temp_dir().join(format!(
        "cloudflare-secrets-emulator-persist-{}-{name}-{}",
        std::process::id(),
        fastrand::u64(..)
    ));
    fs::create_dir_all(&directory).expect("temporary directory");
    directory.join("state.db")
}

/// The ids of every secret in a store, in creation order.
fn secret_ids(state: &State, account: &str, store: &str) -> Vec<String> {
    let query = crate::listing::ListQuery {
        page: 1,
        per_page: 100,
        ..Default::default()
    };
    state
        .secret_list(account, store, &query)
        .map(|page| {
            page.items
                .iter()
                .filter_map(|item| item["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_saved_state_reads_back_the_same_after_random_operations() {
    for seed in 0..12 {
        let mut random = fastrand::Rng::with_seed(seed);
        let path = temporary_path(&seed.to_string());
        let (mut file, mut state) = StateFile::open(&path, Plan::Free, 20).expect("opens");
        for script in ["w0", "w1", "w2"] {
            state
                .declare_worker(&ScriptKey::worker("acct", script))
                .expect("declared");
        }
        let store = state
            .store_create("acct", &json!({"name": "s"}))
            .expect("store")["id"]
            .as_str()
            .expect("id")
            .to_owned();
        let mut values = Vec::new();
        for step in 0..60 {
            let value = format!("secret-value-{seed}-{step}-x9");
            let ids = secret_ids(&state, "acct", &store);
            let pick = |random: &mut fastrand::Rng| {
                (!ids.is_empty()).then(|| ids[random.usize(..ids.len())].clone())
            };
            let script = ScriptKey {
                namespace: None,
                ..ScriptKey::worker("acct", &format!("w{}", random.u8(0..4)))
            };
            // Failures (a taken name, a missing id, an undeclared w3) are part of the mix:
            // they must change nothing, which the comparison below also covers.
            let _ = match random.u8(0..8) {
                0 | 1 => state
                    .secret_create(
                        "acct",
                        &store,
                        &json!([{"name": format!("N{}", random.u8(0..30)), "value": value, "scopes": ["workers"]}]),
                    )
                    .map(|_| Value::Null),
                2 => match pick(&mut random) {
                    Some(id) => state.secret_patch("acct", &store, &id, &json!({"value": value, "comment": "c"})),
                    None => Ok(Value::Null),
                },
                3 => match pick(&mut random) {
                    Some(id) => state.secret_bulk_delete("acct", &store, Some(&json!({"ids": [id]}))),
                    None => Ok(Value::Null),
                },
                4 => match pick(&mut random) {
                    Some(id) => state.secret_get("acct", &store, &id),
                    None => Ok(Value::Null),
                },
                5 => state.worker_put(
                    &script,
                    &json!({"name": format!("B{}", random.u8(0..10)), "type": "secret_key", "algorithm": {"name": "HMAC"}, "format": "raw", "usages": ["sign"], "key_base64": value}),
                ),
                6 => state.worker_put(
                    &script,
                    &json!({"name": format!("B{}", random.u8(0..10)), "type": "secret_text", "text": value}),
                ),
                _ => state.worker_bulk_patch(
                    &script,
                    &json!({"secrets": {format!("B{}", random.u8(0..10)): null}}),
                ),
            };
            values.push(value);
            let changes = state.take_changes();
            file.save(&state, &changes).expect("saved");
        }
        drop(file);
        let (_, back) = StateFile::open(&path, Plan::Free, 20).expect("reopens");
        assert_eq!(back.workers.scripts, state.workers.scripts, "seed {seed}");
        assert_eq!(back.stores, state.stores, "seed {seed}");
        assert_eq!(back.sequence, state.sequence, "seed {seed}");
        assert_eq!(
            back.audit.iter().collect::<Vec<_>>(),
            state.audit.iter().collect::<Vec<_>>(),
            "seed {seed}"
        );
        assert_eq!(back.audit.dropped(), state.audit.dropped(), "seed {seed}");
        let mut written = fs::read(&path).expect("database");
        written.extend(fs::read(with_suffix(&path, "-wal")).unwrap_or_default());
        assert!(
            values.iter().all(|value| !written
                .windows(value.len())
                .any(|window| window == value.as_bytes())),
            "seed {seed}: a value reached the database"
        );
        if let Some(directory) = path.parent() {
            let _ = fs::remove_dir_all(directory);
        }
    }
}
