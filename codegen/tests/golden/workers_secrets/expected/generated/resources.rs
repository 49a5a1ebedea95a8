//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.

#[allow(unused_imports)]
use super::{ids, operations, types};
use crate::runtime;

/// The `workers` resource.
#[derive(Clone, Debug)]
pub struct Workers {
    client: crate::Client,
}

impl Workers {
    /// The `scripts` resource.
    pub fn scripts(&self) -> WorkersScripts {
        WorkersScripts { client: self.client.clone() }
    }
}

/// The `scripts` resource.
#[derive(Clone, Debug)]
pub struct WorkersScripts {
    client: crate::Client,
}

impl WorkersScripts {
    /// The `secrets` resource.
    pub fn secrets(&self) -> WorkersScriptsSecrets {
        WorkersScriptsSecrets { client: self.client.clone() }
    }
}

/// Secrets bound to a Worker script.
#[derive(Clone, Debug)]
pub struct WorkersScriptsSecrets {
    client: crate::Client,
}

impl WorkersScriptsSecrets {
    /// List secrets
    ///
    /// List secrets bound to a script.
    ///
    /// Sends `GET /accounts/{account_id}/workers/scripts/{script_name}/secrets`.
    ///
    /// Token permissions: none are named in the spec.
    ///
    /// Operation ID: `worker-list-script-secrets`.
    pub fn list(
        &self,
        account_id: impl Into<ids::AccountId>,
        script_name: impl Into<ids::ScriptName>,
    ) -> runtime::RequestBuilder<operations::WorkerListScriptSecrets> {
        let operation = operations::WorkerListScriptSecrets {
            account_id: account_id.into(),
            script_name: script_name.into(),
        };
        runtime::RequestBuilder::new(self.client.clone(), operation)
    }

    /// Add or replace a secret
    ///
    /// Add a secret to a script.
    ///
    /// This creates a new version of the script.
    ///
    /// Sends `PUT /accounts/{account_id}/workers/scripts/{script_name}/secrets`.
    ///
    /// Token permissions: none are named in the spec.
    ///
    /// Operation ID: `worker-put-script-secret`.
    pub fn put(
        &self,
        account_id: impl Into<ids::AccountId>,
        script_name: impl Into<ids::ScriptName>,
        body: impl Into<types::SecretBindingInput>,
    ) -> runtime::RequestBuilder<operations::WorkerPutScriptSecret> {
        let operation = operations::WorkerPutScriptSecret {
            account_id: account_id.into(),
            script_name: script_name.into(),
            body: body.into(),
        };
        runtime::RequestBuilder::new(self.client.clone(), operation)
    }

    /// Delete a secret
    ///
    /// Remove a secret from a script.
    ///
    /// Sends `DELETE /accounts/{account_id}/workers/scripts/{script_name}/secrets/{secret_name}`.
    ///
    /// Token permissions: none are named in the spec.
    ///
    /// Operation ID: `worker-delete-script-secret`.
    pub fn delete(
        &self,
        account_id: impl Into<ids::AccountId>,
        script_name: impl Into<ids::ScriptName>,
        secret_name: impl Into<ids::SecretName>,
    ) -> runtime::RequestBuilder<operations::WorkerDeleteScriptSecret> {
        let operation = operations::WorkerDeleteScriptSecret {
            account_id: account_id.into(),
            script_name: script_name.into(),
            secret_name: secret_name.into(),
            url_encoded: None,
        };
        runtime::RequestBuilder::new(self.client.clone(), operation)
    }

    /// Patch several secrets
    ///
    /// JSON Merge Patch of the script's secrets.
    ///
    /// Sends `PATCH /accounts/{account_id}/workers/scripts/{script_name}/secrets-bulk`.
    ///
    /// Token permissions: none are named in the spec.
    ///
    /// Operation ID: `worker-patch-script-secrets`.
    pub fn bulk_patch(
        &self,
        account_id: impl Into<ids::AccountId>,
        script_name: impl Into<ids::ScriptName>,
        body: impl Into<types::WorkerPatchScriptSecretsBody>,
    ) -> runtime::RequestBuilder<operations::WorkerPatchScriptSecrets> {
        let operation = operations::WorkerPatchScriptSecrets {
            account_id: account_id.into(),
            script_name: script_name.into(),
            body: body.into(),
        };
        runtime::RequestBuilder::new(self.client.clone(), operation)
    }
}

impl crate::Client {
    /// The `workers` resource.
    pub fn workers(&self) -> Workers {
        Workers { client: self.clone() }
    }
}
