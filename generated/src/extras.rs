//! Hand-written conveniences on generated types: the bulk-patch builder, binding accessors, and
//! the wrangler entry that binds a Secrets Store secret to a Worker.
//!
//! The generated `BulkPatchSecretsRequest` mirrors the spec (a map of name to binding or `null`).
//! The methods here build that map the way users think about it: set this secret, delete that
//! one, leave the rest alone. Deletes are kept as an explicit JSON `null`, absent names stay
//! absent, as JSON Merge Patch (RFC 7396) requires.

use crate::{BulkPatchSecretsRequest, Secret, SecretBinding, SecretBindingInput};

impl SecretBindingInput {
    /// The binding's name (the JavaScript variable name the Worker sees).
    pub fn name(&self) -> &str {
        match self {
            SecretBindingInput::SecretText(text) => &text.name,
            SecretBindingInput::SecretKey(key) => key.name(),
        }
    }
}

impl SecretBinding {
    /// The binding's name (the JavaScript variable name the Worker sees).
    ///
    /// Always `Some` for the kinds the SDK knows; for a kind it does not know yet
    /// ([`SecretBinding::Unknown`]), the `name` field of the kept JSON when it is a string,
    /// else `None`.
    pub fn name(&self) -> Option<&str> {
        match self {
            SecretBinding::SecretText(text) => Some(&text.name),
            SecretBinding::SecretKey(key) => Some(&key.name),
            SecretBinding::Unknown(unknown) => unknown
                .json()
                .get("name")
                .and_then(serde_json::Value::as_str),
        }
    }
}

impl BulkPatchSecretsRequest {
    /// Creates or replaces a secret, keyed by the binding's own name.
    ///
    /// Setting the same name twice keeps the last binding; setting a name that was deleted in
    /// this patch turns the delete into a set.
    pub fn set(mut self, binding: impl Into<SecretBindingInput>) -> Self {
        let binding = binding.into();
        self.secrets
            .get_or_insert_with(Default::default)
            .insert(binding.name().to_owned(), Some(binding));
        self
    }

    /// Deletes a secret by name (sent as an explicit `null`).
    pub fn delete(mut self, name: impl Into<String>) -> Self {
        self.secrets
            .get_or_insert_with(Default::default)
            .insert(name.into(), None);
        self
    }

    /// Adds a tag to the script version the patch creates.
    pub fn version_tag(
        mut self,
        key: impl Into<String>,
        value: impl Into<serde_json::Value>,
    ) -> Self {
        self.version_tags
            .get_or_insert_with(Default::default)
            .insert(key.into(), value.into());
        self
    }

    /// The names this patch sets, in order.
    pub fn names_set(&self) -> impl Iterator<Item = &str> {
        self.secrets
            .iter()
            .flatten()
            .filter(|(_, binding)| binding.is_some())
            .map(|(name, _)| name.as_str())
    }

    /// The names this patch deletes, in order.
    pub fn names_deleted(&self) -> impl Iterator<Item = &str> {
        self.secrets
            .iter()
            .flatten()
            .filter(|(_, binding)| binding.is_none())
            .map(|(name, _)| name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_and_delete_build_a_merge_patch() {
        let patch = BulkPatchSecretsRequest::new()
            .set(SecretBindingInput::text("API_KEY", "v1"))
            .delete("OLD")
            .version_tag("release", "2026-11");
        let wire = serde_json::to_value(&patch).expect("encodes");
        assert_eq!(
            wire,
            serde_json::json!({
                "secrets": {
                    "API_KEY": {"name": "API_KEY", "type": "secret_text", "text": "v1"},
                    "OLD": null
                },
                "version_tags": {"release": "2026-11"}
            })
        );
        assert_eq!(patch.names_set().collect::<Vec<_>>(), ["API_KEY"]);
        assert_eq!(patch.names_deleted().collect::<Vec<_>>(), ["OLD"]);
    }

    #[test]
    fn a_later_set_replaces_an_earlier_delete_of_the_same_name() {
        let patch = BulkPatchSecretsRequest::new()
            .delete("API_KEY")
            .set(SecretBindingInput::text("API_KEY", "v2"));
        assert_eq!(patch.names_deleted().count(), 0);
        assert_eq!(patch.names_set().collect::<Vec<_>>(), ["API_KEY"]);
    }

    #[test]
    fn a_binding_of_an_unknown_kind_has_the_name_it_was_sent_with() {
        let cert: SecretBinding = serde_json::from_value(
            serde_json::json!({"name": "X", "type": "secret_cert", "cert": "..."}),
        )
        .expect("decodes");
        assert_eq!(cert.name(), Some("X"));
        let nameless: SecretBinding =
            serde_json::from_value(serde_json::json!({"type": "secret_cert", "name": 7}))
                .expect("decodes");
        assert_eq!(nameless.name(), None);
        let text: SecretBinding =
            serde_json::from_value(serde_json::json!({"name": "T", "type": "secret_text"}))
                .expect("decodes");
        assert_eq!(text.name(), Some("T"));
    }

    #[test]
    fn an_empty_patch_is_an_empty_object() {
        let wire = serde_json::to_string(&BulkPatchSecretsRequest::new()).expect("encodes");
        assert_eq!(wire, "{}");
    }
}

/// A Worker's `secrets_store_secrets` entry in its wrangler configuration: how a Secrets Store
/// secret reaches a Worker. Built by [`Secret::wrangler_binding`].
///
/// The Worker then reads the value with `await env.<binding>.get()` in JavaScript, or
/// `env.secret_store("<binding>")?.get().await?` with workers-rs; `get()` is asynchronous and
/// fails (throws in JavaScript) when the secret cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct WranglerSecretsStoreBinding {
    /// The variable name the Worker sees on `env`.
    pub binding: String,
    /// The store that holds the secret.
    pub store_id: String,
    /// The secret's name (not its id).
    pub secret_name: String,
}

impl WranglerSecretsStoreBinding {
    /// The entry as one JSON object, for the `secrets_store_secrets` array of `wrangler.jsonc`.
    pub fn to_json(&self) -> String {
        format!(
            "{{ \"binding\": {}, \"store_id\": {}, \"secret_name\": {} }}",
            quoted(&self.binding),
            quoted(&self.store_id),
            quoted(&self.secret_name)
        )
    }

    /// The entry as a TOML inline table, for the `secrets_store_secrets` array of
    /// `wrangler.toml`.
    pub fn to_toml(&self) -> String {
        format!(
            "{{ binding = {}, store_id = {}, secret_name = {} }}",
            quoted(&self.binding),
            quoted(&self.store_id),
            quoted(&self.secret_name)
        )
    }
}

/// A string quoted with JSON's escapes, which TOML's basic strings read the same way.
fn quoted(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

impl Secret {
    /// The wrangler entry that binds this secret to a Worker under the variable `binding`.
    ///
    /// ```
    /// # fn show(secret: &cloudflare_secrets::Secret) {
    /// let entry = secret.wrangler_binding("API_KEY");
    /// println!("\"secrets_store_secrets\": [ {} ]", entry.to_json());
    /// # }
    /// ```
    pub fn wrangler_binding(&self, binding: impl Into<String>) -> WranglerSecretsStoreBinding {
        WranglerSecretsStoreBinding {
            binding: binding.into(),
            store_id: self.store_id.as_str().to_owned(),
            secret_name: self.name.clone(),
        }
    }
}
