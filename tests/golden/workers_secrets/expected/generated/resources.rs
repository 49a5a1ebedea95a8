//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.

/// The `workers` resource.
#[derive(Clone, Debug)]
pub struct Workers {
    client: crate::Client,
}

impl Workers {
    /// The `scripts` resource.
    pub fn scripts(&self) -> WorkersScripts {
        WorkersScripts {
            client: self.client.clone(),
        }
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
        WorkersScriptsSecrets {
            client: self.client.clone(),
        }
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
        account_id: impl Into<super::ids::AccountId>,
        script_name: impl Into<super::ids::ScriptName>,
    ) -> super::operations::WorkerListScriptSecrets {
        super::operations::WorkerListScriptSecrets::new(
            self.client.clone(),
            account_id.into(),
            script_name.into(),
        )
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
        account_id: impl Into<super::ids::AccountId>,
        script_name: impl Into<super::ids::ScriptName>,
        body: super::types::SecretBindingInput,
    ) -> super::operations::WorkerPutScriptSecret {
        super::operations::WorkerPutScriptSecret::new(
            self.client.clone(),
            account_id.into(),
            script_name.into(),
            body,
        )
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
        account_id: impl Into<super::ids::AccountId>,
        script_name: impl Into<super::ids::ScriptName>,
        secret_name: impl Into<super::ids::SecretName>,
    ) -> super::operations::WorkerDeleteScriptSecret {
        super::operations::WorkerDeleteScriptSecret::new(
            self.client.clone(),
            account_id.into(),
            script_name.into(),
            secret_name.into(),
        )
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
        account_id: impl Into<super::ids::AccountId>,
        script_name: impl Into<super::ids::ScriptName>,
        body: super::types::WorkerPatchScriptSecretsBody,
    ) -> super::operations::WorkerPatchScriptSecrets {
        super::operations::WorkerPatchScriptSecrets::new(
            self.client.clone(),
            account_id.into(),
            script_name.into(),
            body,
        )
    }
}

impl crate::Client {
    /// The `workers` resource.
    pub fn workers(&self) -> super::resources::Workers {
        super::resources::Workers {
            client: self.clone(),
        }
    }
}
