//! Workers secrets: a Worker script's secret bindings and their Workers for Platforms twin, and
//! which scripts exist.
//!
//! A script exists once it is declared: `--worker NAME` or [`EmulatorBuilder::worker`]
//! (in every account), or the admin path `PUT /client/v4/__emulator/accounts/{account_id}/workers/scripts/{name}`
//! (in one account; see the crate docs). Every secrets operation on a script the emulator does
//! not know answers `404` with code `10007`, "This Worker does not exist on your account.",
//! as Cloudflare does (wrangler reads that code to offer creating the Worker).
//!
//! A binding is checked whole before anything changes ([`binding`]); of its text or key
//! material only a digest is kept. A key binding passes through
//! [`binding::check_key_binding`], the one place where a `secret_key`'s algorithm, format and
//! usages are judged.
//!
//! [`EmulatorBuilder::worker`]: crate::EmulatorBuilder::worker

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::ADMIN_PREFIX;
use crate::digest::ValueDigest;
use crate::limits::{ApiError, ApiResult, codes};
use crate::state::{Changed, State};

pub mod binding;

pub use binding::Binding;
use binding::parse_binding;

/// A Worker script, or a Worker script in a Workers for Platforms dispatch namespace.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ScriptKey {
    /// The account.
    pub account: String,
    /// The dispatch namespace, for a Workers for Platforms script.
    pub namespace: Option<String>,
    /// The script's name.
    pub script: String,
}

impl ScriptKey {
    /// A script of the account, outside any dispatch namespace.
    pub fn worker(account: &str, script: &str) -> ScriptKey {
        ScriptKey {
            account: account.to_owned(),
            namespace: None,
            script: script.to_owned(),
        }
    }

    /// The admin path that declares this script.
    fn declare_path(&self) -> String {
        match &self.namespace {
            None => format!(
                "{ADMIN_PREFIX}/accounts/{}/workers/scripts/{}",
                self.account, self.script
            ),
            Some(namespace) => format!(
                "{ADMIN_PREFIX}/accounts/{}/workers/dispatch/namespaces/{namespace}/scripts/{}",
                self.account, self.script
            ),
        }
    }
}

/// Cloudflare's answer for a script that does not exist, with the way to declare it.
fn worker_not_found(key: &ScriptKey) -> ApiError {
    ApiError::new(
        404,
        codes::WORKER_NOT_FOUND,
        format!(
            "This Worker does not exist on your account. (The emulator knows no script {:?} here; declare it with --worker {}, EmulatorBuilder::worker, or PUT /client/v4{}.)",
            key.script,
            match &key.namespace {
                None => key.script.clone(),
                Some(namespace) => format!("{namespace}/{}", key.script),
            },
            key.declare_path()
        ),
    )
}

fn secret_binding_not_found(name: &str) -> ApiError {
    ApiError::new(
        404,
        codes::WORKER_SECRET_NOT_FOUND,
        format!("Secret binding {name} not found on this script"),
    )
}

/// The Workers scripts the emulator knows and their bindings.
#[derive(Debug, Default)]
pub struct Workers {
    /// Scripts of one account (declared there, or written to), with their bindings.
    pub(crate) scripts: BTreeMap<ScriptKey, BTreeMap<String, Binding>>,
    /// Scripts declared in every account (`--worker`): `(dispatch namespace, name)`.
    pub(crate) everywhere: BTreeSet<(Option<String>, String)>,
}

impl Workers {
    /// A script's bindings; `None` when the script does not exist (an empty map when it is
    /// declared in every account and has none here yet).
    fn bindings(&self, key: &ScriptKey) -> ApiResult<Option<&BTreeMap<String, Binding>>> {
        match self.scripts.get(key) {
            Some(bindings) => Ok(Some(bindings)),
            None if self.declared_everywhere(key) => Ok(None),
            None => Err(worker_not_found(key)),
        }
    }

    fn declared_everywhere(&self, key: &ScriptKey) -> bool {
        self.everywhere
            .contains(&(key.namespace.clone(), key.script.clone()))
    }
}

impl State {
    /// Declares a script in every account (`--worker NAME` or `NAMESPACE/NAME`); not saved,
    /// since it is configuration given at every start.
    pub fn declare_worker_everywhere(&mut self, namespace: Option<String>, script: String) {
        self.workers.everywhere.insert((namespace, script));
    }

    /// Declares a script in one account; `true` when it is new. An account holds at most the
    /// plan's number of Workers outside dispatch namespaces.
    pub fn declare_worker(&mut self, key: &ScriptKey) -> ApiResult<bool> {
        if self.workers.scripts.contains_key(key) {
            return Ok(false);
        }
        if key.namespace.is_none() {
            let count = self
                .workers
                .scripts
                .keys()
                .filter(|known| known.account == key.account && known.namespace.is_none())
                .count();
            let limit = self.plan.workers_per_account();
            if count >= limit {
                return Err(ApiError::new(
                    400,
                    codes::WORKERS_PER_ACCOUNT_EXCEEDED,
                    format!(
                        "The account already has {count} Workers; the Workers {} plan allows {limit}",
                        self.plan.name()
                    ),
                ));
            }
        }
        self.materialize(key);
        Ok(true)
    }

    /// The script's bindings, created (empty) and saved when it was only declared everywhere.
    fn materialize(&mut self, key: &ScriptKey) -> &mut BTreeMap<String, Binding> {
        if !self.workers.scripts.contains_key(key) {
            self.changes.mark(Changed::Script(key.clone()));
            self.tick();
        }
        self.workers.scripts.entry(key.clone()).or_default()
    }

    /// Lists a script's bindings (response shape, sorted by name).
    pub fn worker_list(&self, key: &ScriptKey) -> ApiResult {
        let bindings = self.workers.bindings(key)?;
        Ok(Value::Array(
            bindings
                .into_iter()
                .flat_map(BTreeMap::values)
                .map(Binding::to_response)
                .collect(),
        ))
    }

    /// Creates or replaces one binding of an existing script.
    pub fn worker_put(&mut self, key: &ScriptKey, body: &Value) -> ApiResult {
        let existing = self.workers.bindings(key)?;
        let binding = parse_binding(body, "body", &self.digest_key)?;
        let count = existing.map_or(0, BTreeMap::len)
            + usize::from(!existing.is_some_and(|bindings| bindings.contains_key(binding.name())));
        self.check_binding_limit(count)?;
        let response = binding.to_response();
        self.changes
            .mark(Changed::Binding(key.clone(), binding.name().to_owned()));
        self.tick();
        self.materialize(key)
            .insert(binding.name().to_owned(), binding);
        Ok(response)
    }

    /// Refuses a Worker with more bindings than the plan allows.
    fn check_binding_limit(&self, count: usize) -> ApiResult<()> {
        let limit = self.plan.bindings_per_worker();
        if count > limit {
            return Err(ApiError::new(
                400,
                codes::WORKER_BINDING_LIMIT,
                format!(
                    "This Worker would have {count} variables and secrets; the Workers {} plan allows {limit} per Worker",
                    self.plan.name()
                ),
            ));
        }
        Ok(())
    }

    /// Reads one binding (response shape).
    pub fn worker_get(&self, key: &ScriptKey, name: &str) -> ApiResult {
        self.workers
            .bindings(key)?
            .and_then(|bindings| bindings.get(name))
            .map(Binding::to_response)
            .ok_or_else(|| secret_binding_not_found(name))
    }

    /// Deletes one binding.
    pub fn worker_delete(&mut self, key: &ScriptKey, name: &str) -> ApiResult {
        self.workers
            .bindings(key)?
            .filter(|bindings| bindings.contains_key(name))
            .ok_or_else(|| secret_binding_not_found(name))?;
        self.materialize(key).remove(name);
        self.changes
            .mark(Changed::Binding(key.clone(), name.to_owned()));
        self.tick();
        Ok(Value::Null)
    }

    /// Applies a JSON Merge Patch to a script's bindings, all or nothing, and returns the
    /// resulting set as a map from name to binding.
    pub fn worker_bulk_patch(&mut self, key: &ScriptKey, body: &Value) -> ApiResult {
        let existing = self.workers.bindings(key)?;
        let object = body
            .as_object()
            .ok_or_else(|| ApiError::worker_invalid("body must be a JSON object"))?;
        let mut changes: Vec<(String, Option<Binding>)> = Vec::new();
        match object.get("secrets") {
            None | Some(Value::Null) => {}
            Some(Value::Object(secrets)) => {
                for (name, value) in secrets {
                    if value.is_null() {
                        changes.push((name.clone(), None));
                        continue;
                    }
                    let at = format!("secrets.{name}");
                    let binding = parse_binding(value, &at, &self.digest_key)?;
                    if binding.name() != name {
                        return Err(ApiError::worker_invalid(format!(
                            "{at}.name must equal its key in secrets"
                        )));
                    }
                    changes.push((name.clone(), Some(binding)));
                }
            }
            Some(_) => {
                return Err(ApiError::worker_invalid(
                    "secrets must be a JSON object mapping names to bindings or null",
                ));
            }
        }
        match object.get("version_tags") {
            None | Some(Value::Null) | Some(Value::Object(_)) => {}
            Some(_) => {
                return Err(ApiError::worker_invalid(
                    "version_tags must be a JSON object",
                ));
            }
        }
        let mut names: BTreeSet<&str> = existing
            .map(|bindings| bindings.keys().map(String::as_str).collect())
            .unwrap_or_default();
        for (name, change) in &changes {
            match change {
                Some(_) => names.insert(name),
                None => names.remove(name.as_str()),
            };
        }
        self.check_binding_limit(names.len())?;
        self.tick();
        for (name, _) in &changes {
            self.changes
                .mark(Changed::Binding(key.clone(), name.clone()));
        }
        let bindings = self.materialize(key);
        for (name, change) in changes {
            match change {
                Some(binding) => {
                    bindings.insert(name, binding);
                }
                None => {
                    bindings.remove(&name);
                }
            }
        }
        Ok(Value::Object(
            bindings
                .iter()
                .map(|(name, binding)| (name.clone(), binding.to_response()))
                .collect(),
        ))
    }

    /// The names of a script's bindings, or `None` when the script does not exist.
    pub fn worker_secret_names(&self, key: &ScriptKey) -> Option<Vec<String>> {
        let bindings = self.workers.bindings(key).ok()?;
        Some(
            bindings
                .into_iter()
                .flat_map(BTreeMap::keys)
                .cloned()
                .collect(),
        )
    }

    /// What is kept of a binding's text or key material (for tests that check what was sent).
    pub fn worker_secret_digest(&self, key: &ScriptKey, name: &str) -> Option<&ValueDigest> {
        self.workers
            .scripts
            .get(key)?
            .get(name)
            .map(Binding::digest)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::digest::DigestKey;
    use crate::limits::Plan;

    #[test]
    fn an_undeclared_script_is_not_found_and_a_declared_one_takes_secrets() {
        let mut state = State::new(DigestKey::random(), Plan::Free);
        let key = ScriptKey::worker("a", "s");
        let put = json!({"name": "A", "type": "secret_text", "text": "a"});
        let error = state.worker_put(&key, &put).expect_err("not declared");
        assert_eq!((error.status, error.code), (404, codes::WORKER_NOT_FOUND));
        assert!(
            error
                .message
                .starts_with("This Worker does not exist on your account.")
        );
        assert!(state.take_changes().is_empty());
        assert!(state.declare_worker(&key).expect("declared"));
        assert!(!state.declare_worker(&key).expect("again"));
        state.worker_put(&key, &put).expect("put");
        assert_eq!(state.worker_secret_names(&key), Some(vec!["A".to_owned()]));
    }

    #[test]
    fn a_script_declared_everywhere_exists_in_every_account() {
        let mut state = State::new(DigestKey::random(), Plan::Free);
        state.declare_worker_everywhere(None, "s".into());
        for account in ["a", "b"] {
            let key = ScriptKey::worker(account, "s");
            assert_eq!(state.worker_list(&key).expect("list"), json!([]));
            state
                .worker_put(
                    &key,
                    &json!({"name": "A", "type": "secret_text", "text": "a"}),
                )
                .expect("put");
        }
        assert!(state.worker_list(&ScriptKey::worker("a", "other")).is_err());
    }

    #[test]
    fn an_account_holds_at_most_the_plans_workers() {
        let mut state = State::new(DigestKey::random(), Plan::Free);
        for index in 0..Plan::Free.workers_per_account() {
            state
                .declare_worker(&ScriptKey::worker("a", &format!("w{index}")))
                .expect("within the limit");
        }
        let error = state
            .declare_worker(&ScriptKey::worker("a", "one-more"))
            .expect_err("over the limit");
        assert_eq!(error.code, codes::WORKERS_PER_ACCOUNT_EXCEEDED);
        let dispatch = ScriptKey {
            namespace: Some("ns".into()),
            ..ScriptKey::worker("a", "tenant")
        };
        assert!(
            state
                .declare_worker(&dispatch)
                .expect("no limit in a namespace")
        );
    }

    #[test]
    fn a_failed_bulk_patch_changes_nothing() {
        let mut state = State::new(DigestKey::random(), Plan::Free);
        let key = ScriptKey::worker("a", "s");
        state.declare_worker(&key).expect("declared");
        state
            .worker_put(
                &key,
                &json!({"name": "A", "type": "secret_text", "text": "a"}),
            )
            .expect("put");
        let _ = state.take_changes();
        let error = state
            .worker_bulk_patch(
                &key,
                &json!({"secrets": {"A": null, "B": {"name": "B", "type": "secret_text"}}}),
            )
            .expect_err("B has no text");
        assert_eq!(error.status, 400);
        assert_eq!(state.worker_secret_names(&key), Some(vec!["A".to_owned()]));
        assert!(state.take_changes().is_empty());
    }
}
