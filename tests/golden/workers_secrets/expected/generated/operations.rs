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

/// List secrets
///
/// Built by `client.workers().scripts().secrets().list(...)`. Spec: `#/paths/~1accounts~1{account_id}~1workers~1scripts~1{script_name}~1secrets/get`.
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
pub struct WorkerListScriptSecrets {
    pub(crate) account_id: ids::AccountId,
    pub(crate) script_name: ids::ScriptName,
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

/// Add or replace a secret
///
/// Built by `client.workers().scripts().secrets().put(...)`. Spec: `#/paths/~1accounts~1{account_id}~1workers~1scripts~1{script_name}~1secrets/put`.
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
pub struct WorkerPutScriptSecret {
    pub(crate) account_id: ids::AccountId,
    pub(crate) script_name: ids::ScriptName,
    pub(crate) body: types::SecretBindingInput,
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

/// Delete a secret
///
/// Built by `client.workers().scripts().secrets().delete(...)`. Spec: `#/paths/~1accounts~1{account_id}~1workers~1scripts~1{script_name}~1secrets~1{secret_name}/delete`.
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
pub struct WorkerDeleteScriptSecret {
    pub(crate) account_id: ids::AccountId,
    pub(crate) script_name: ids::ScriptName,
    pub(crate) secret_name: ids::SecretName,
    pub(crate) url_encoded: Option<bool>,
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
        let [_, _, secret_name_encoded] = request.path_params([
            &self.account_id,
            &self.script_name,
            &self.secret_name,
        ])?;
        request.query("url_encoded", &self.url_encoded.or(secret_name_encoded.then_some(true)));
        Ok(())
    }
}

runtime::setters! {
    builder WorkerDeleteScriptSecret {
        /// Whether the secret name is URL encoded.
        url_encoded: bool,
    }
}

/// Patch several secrets
///
/// Built by `client.workers().scripts().secrets().bulk_patch(...)`. Spec: `#/paths/~1accounts~1{account_id}~1workers~1scripts~1{script_name}~1secrets-bulk/patch`.
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
pub struct WorkerPatchScriptSecrets {
    pub(crate) account_id: ids::AccountId,
    pub(crate) script_name: ids::ScriptName,
    pub(crate) body: types::WorkerPatchScriptSecretsBody,
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
