//! Operations, one per API operation: the parameters, how they become a request, and their setters on `runtime::RequestBuilder`.

#[allow(unused_imports)]
use super::{ids, types};
use crate::runtime;

/// Every operation of the spec, in spec order: id, method, path template, retry behaviour and token permissions.
pub static OPERATIONS: &[&runtime::OperationInfo] = &[
    <WorkerListScriptSecrets as runtime::Operation>::INFO,
    <WorkerPutScriptSecret as runtime::Operation>::INFO,
    <WorkerDeleteScriptSecret as runtime::Operation>::INFO,
    <WorkerPatchScriptSecrets as runtime::Operation>::INFO,
];

runtime::operation! {
    /// List secrets
    ///
    /// Built by `client.workers().scripts().secrets().list(...)`. Spec: `#/paths/~1accounts~1{account_id}~1workers~1scripts~1{script_name}~1secrets/get`. Token permissions: none are named in the spec.
    WorkerListScriptSecrets {
        account_id: ids::AccountId,
        script_name: ids::ScriptName,
    }
}

impl runtime::Operation for WorkerListScriptSecrets {
    type Response = runtime::Single<Vec<types::SecretBinding>>;
    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {
        id: "worker-list-script-secrets",
        method: runtime::Method::GET,
        path_template: "/accounts/{account_id}/workers/scripts/{script_name}/secrets",
        idempotent: true,
        permissions: &[],
    };
    fn build(&self, request: &mut runtime::Request) -> runtime::Result<()> {
        request.path_params([&self.account_id, &self.script_name])?;
        Ok(())
    }
}

runtime::operation! {
    /// Add or replace a secret
    ///
    /// Built by `client.workers().scripts().secrets().put(...)`. Spec: `#/paths/~1accounts~1{account_id}~1workers~1scripts~1{script_name}~1secrets/put`. Token permissions: none are named in the spec.
    WorkerPutScriptSecret {
        account_id: ids::AccountId,
        script_name: ids::ScriptName,
        body: types::SecretBindingInput,
    }
}

impl runtime::Operation for WorkerPutScriptSecret {
    type Response = runtime::Single<types::SecretBinding>;
    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {
        id: "worker-put-script-secret",
        method: runtime::Method::PUT,
        path_template: "/accounts/{account_id}/workers/scripts/{script_name}/secrets",
        idempotent: true,
        permissions: &[],
    };
    fn build(&self, request: &mut runtime::Request) -> runtime::Result<()> {
        runtime::Validate::validate(&self.body, "body")?;
        request.path_params([&self.account_id, &self.script_name])?;
        request.json_body(&self.body)?;
        Ok(())
    }
}

runtime::operation! {
    /// Delete a secret
    ///
    /// Built by `client.workers().scripts().secrets().delete(...)`. Spec: `#/paths/~1accounts~1{account_id}~1workers~1scripts~1{script_name}~1secrets~1{secret_name}/delete`. Token permissions: none are named in the spec.
    WorkerDeleteScriptSecret {
        account_id: ids::AccountId,
        script_name: ids::ScriptName,
        secret_name: ids::SecretName,
    }
    optional {
        /// Whether the secret name is URL encoded.
        url_encoded: bool,
    }
}

impl runtime::Operation for WorkerDeleteScriptSecret {
    type Response = runtime::Single<()>;
    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {
        id: "worker-delete-script-secret",
        method: runtime::Method::DELETE,
        path_template: "/accounts/{account_id}/workers/scripts/{script_name}/secrets/{secret_name}",
        idempotent: true,
        permissions: &[],
    };
    fn build(&self, request: &mut runtime::Request) -> runtime::Result<()> {
        let encoded = request.path_params([
            &self.account_id,
            &self.script_name,
            &self.secret_name,
        ])?;
        request.query("url_encoded", &self.url_encoded.or(encoded[2].then_some(true)));
        Ok(())
    }
}

runtime::operation! {
    /// Patch several secrets
    ///
    /// Built by `client.workers().scripts().secrets().bulk_patch(...)`. Spec: `#/paths/~1accounts~1{account_id}~1workers~1scripts~1{script_name}~1secrets-bulk/patch`. Token permissions: none are named in the spec.
    WorkerPatchScriptSecrets {
        account_id: ids::AccountId,
        script_name: ids::ScriptName,
        body: types::WorkerPatchScriptSecretsBody,
    }
}

impl runtime::Operation for WorkerPatchScriptSecrets {
    type Response = runtime::Single<::std::collections::BTreeMap<String, types::SecretBinding>>;
    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {
        id: "worker-patch-script-secrets",
        method: runtime::Method::PATCH,
        path_template: "/accounts/{account_id}/workers/scripts/{script_name}/secrets-bulk",
        idempotent: true,
        permissions: &[],
    };
    fn build(&self, request: &mut runtime::Request) -> runtime::Result<()> {
        runtime::Validate::validate(&self.body, "body")?;
        request.path_params([&self.account_id, &self.script_name])?;
        request.merge_patch_body(&self.body)?;
        Ok(())
    }
}
