//! Request builders, one per operation: required arguments are given to the resource method, optional ones are builder methods, and the request is sent with `.send()`, `.send_with_response()` or `.await`.
#![allow(clippy::too_many_arguments)]

/// Adds the methods every request builder shares: `timeout`, `max_retries`, `send`,
/// `send_with_response` and `IntoFuture`. `$execute` is the client method that sends the request.
macro_rules! request_builder {
    ($builder:ident, $output:ty, $execute:ident) => {
        impl $builder {
            /// Sets the timeout for this request (each attempt), overriding the client's.
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.options.set_timeout(timeout);
                self
            }

            /// Sets how many times this request is retried, overriding the client's.
            pub fn max_retries(mut self, max_retries: u32) -> Self {
                self.options.set_max_retries(max_retries);
                self
            }

            /// Checks the arguments, sends the request and returns the result.
            pub async fn send(self) -> crate::runtime::Result<$output> {
                self.send_with_response().await.map(crate::runtime::ApiResponse::into_result)
            }

            /// Like `send`, and also returns the status, headers and messages.
            pub async fn send_with_response(
                self,
            ) -> crate::runtime::Result<crate::runtime::ApiResponse<$output>> {
                let request = self.build()?;
                self.client.$execute(request, &self.options).await
            }
        }

        impl ::std::future::IntoFuture for $builder {
            type Output = crate::runtime::Result<$output>;
            type IntoFuture =
                ::std::pin::Pin<Box<dyn ::std::future::Future<Output = Self::Output> + Send>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    };
}

/// Every operation of the spec, in spec order: id, method, path template, retry behaviour and token permissions.
pub static OPERATIONS: &[&crate::runtime::OperationInfo] = &[
    &WorkerListScriptSecrets::OPERATION,
    &WorkerPutScriptSecret::OPERATION,
    &WorkerDeleteScriptSecret::OPERATION,
    &WorkerPatchScriptSecrets::OPERATION,
];
/// List secrets
///
/// Built by `client.workers().scripts().secrets().list(...)`; sends `GET /accounts/{account_id}/workers/scripts/{script_name}/secrets`. Operation ID: `worker-list-script-secrets`.
///
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct WorkerListScriptSecrets {
    client: crate::Client,
    account_id: super::ids::AccountId,
    script_name: super::ids::ScriptName,
    options: crate::runtime::RequestOptions,
}

impl WorkerListScriptSecrets {
    /// What the runtime needs to know about `worker-list-script-secrets`.
    pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "worker-list-script-secrets",
        method: crate::runtime::Method::GET,
        path_template: "/accounts/{account_id}/workers/scripts/{script_name}/secrets",
        idempotent: true,
        permissions: &[],
    };

    /// Starts a `worker-list-script-secrets` request.
    pub(crate) fn new(
        client: crate::Client,
        account_id: super::ids::AccountId,
        script_name: super::ids::ScriptName,
    ) -> Self {
        Self {
            client,
            account_id,
            script_name,
            options: crate::runtime::RequestOptions::default(),
        }
    }

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = WorkerListScriptSecrets::OPERATION;
        {
            let value = &self.account_id;
            crate::runtime::Validate::validate(value, "account_id")?;
        }
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/accounts/");
        request.path_param("account_id", self.account_id.as_str())?;
        request.path("/workers/scripts/");
        request.path_param("script_name", self.script_name.as_str())?;
        request.path("/secrets");
        Ok(request)
    }
}
request_builder!(WorkerListScriptSecrets, Vec < super::types::SecretBinding >, execute);
/// Add or replace a secret
///
/// Built by `client.workers().scripts().secrets().put(...)`; sends `PUT /accounts/{account_id}/workers/scripts/{script_name}/secrets`. Operation ID: `worker-put-script-secret`.
///
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct WorkerPutScriptSecret {
    client: crate::Client,
    account_id: super::ids::AccountId,
    script_name: super::ids::ScriptName,
    body: super::types::SecretBindingInput,
    options: crate::runtime::RequestOptions,
}

impl WorkerPutScriptSecret {
    /// What the runtime needs to know about `worker-put-script-secret`.
    pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "worker-put-script-secret",
        method: crate::runtime::Method::PUT,
        path_template: "/accounts/{account_id}/workers/scripts/{script_name}/secrets",
        idempotent: true,
        permissions: &[],
    };

    /// Starts a `worker-put-script-secret` request.
    pub(crate) fn new(
        client: crate::Client,
        account_id: super::ids::AccountId,
        script_name: super::ids::ScriptName,
        body: super::types::SecretBindingInput,
    ) -> Self {
        Self {
            client,
            account_id,
            script_name,
            body,
            options: crate::runtime::RequestOptions::default(),
        }
    }

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = WorkerPutScriptSecret::OPERATION;
        {
            let value = &self.account_id;
            crate::runtime::Validate::validate(value, "account_id")?;
        }
        {
            let value = &self.body;
            crate::runtime::Validate::validate(value, "body")?;
        }
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/accounts/");
        request.path_param("account_id", self.account_id.as_str())?;
        request.path("/workers/scripts/");
        request.path_param("script_name", self.script_name.as_str())?;
        request.path("/secrets");
        request.json_body(&self.body)?;
        Ok(request)
    }
}
request_builder!(WorkerPutScriptSecret, super::types::SecretBinding, execute);
/// Delete a secret
///
/// Built by `client.workers().scripts().secrets().delete(...)`; sends `DELETE /accounts/{account_id}/workers/scripts/{script_name}/secrets/{secret_name}`. Operation ID: `worker-delete-script-secret`.
///
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct WorkerDeleteScriptSecret {
    client: crate::Client,
    account_id: super::ids::AccountId,
    script_name: super::ids::ScriptName,
    secret_name: super::ids::SecretName,
    url_encoded: Option<bool>,
    options: crate::runtime::RequestOptions,
}

impl WorkerDeleteScriptSecret {
    /// What the runtime needs to know about `worker-delete-script-secret`.
    pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "worker-delete-script-secret",
        method: crate::runtime::Method::DELETE,
        path_template: "/accounts/{account_id}/workers/scripts/{script_name}/secrets/{secret_name}",
        idempotent: true,
        permissions: &[],
    };

    /// Starts a `worker-delete-script-secret` request.
    pub(crate) fn new(
        client: crate::Client,
        account_id: super::ids::AccountId,
        script_name: super::ids::ScriptName,
        secret_name: super::ids::SecretName,
    ) -> Self {
        Self {
            client,
            account_id,
            script_name,
            secret_name,
            url_encoded: None,
            options: crate::runtime::RequestOptions::default(),
        }
    }

    /// Whether the secret name is URL encoded.
    ///
    /// When not set, the SDK sends `true` exactly when `secret_name` had to be percent-encoded.
    pub fn url_encoded(mut self, url_encoded: bool) -> Self {
        self.url_encoded = Some(url_encoded);
        self
    }

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = WorkerDeleteScriptSecret::OPERATION;
        {
            let value = &self.account_id;
            crate::runtime::Validate::validate(value, "account_id")?;
        }
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/accounts/");
        request.path_param("account_id", self.account_id.as_str())?;
        request.path("/workers/scripts/");
        request.path_param("script_name", self.script_name.as_str())?;
        request.path("/secrets/");
        let secret_name_encoded = request
            .path_param("secret_name", self.secret_name.as_str())?;
        match self.url_encoded {
            Some(value) => request.query("url_encoded", &value),
            None if secret_name_encoded => request.query("url_encoded", &true),
            None => {}
        }
        Ok(request)
    }
}
request_builder!(WorkerDeleteScriptSecret, (), execute);
/// Patch several secrets
///
/// Built by `client.workers().scripts().secrets().bulk_patch(...)`; sends `PATCH /accounts/{account_id}/workers/scripts/{script_name}/secrets-bulk`. Operation ID: `worker-patch-script-secrets`.
///
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct WorkerPatchScriptSecrets {
    client: crate::Client,
    account_id: super::ids::AccountId,
    script_name: super::ids::ScriptName,
    body: super::types::WorkerPatchScriptSecretsBody,
    options: crate::runtime::RequestOptions,
}

impl WorkerPatchScriptSecrets {
    /// What the runtime needs to know about `worker-patch-script-secrets`.
    pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "worker-patch-script-secrets",
        method: crate::runtime::Method::PATCH,
        path_template: "/accounts/{account_id}/workers/scripts/{script_name}/secrets-bulk",
        idempotent: true,
        permissions: &[],
    };

    /// Starts a `worker-patch-script-secrets` request.
    pub(crate) fn new(
        client: crate::Client,
        account_id: super::ids::AccountId,
        script_name: super::ids::ScriptName,
        body: super::types::WorkerPatchScriptSecretsBody,
    ) -> Self {
        Self {
            client,
            account_id,
            script_name,
            body,
            options: crate::runtime::RequestOptions::default(),
        }
    }

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = WorkerPatchScriptSecrets::OPERATION;
        {
            let value = &self.account_id;
            crate::runtime::Validate::validate(value, "account_id")?;
        }
        {
            let value = &self.body;
            crate::runtime::Validate::validate(value, "body")?;
        }
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/accounts/");
        request.path_param("account_id", self.account_id.as_str())?;
        request.path("/workers/scripts/");
        request.path_param("script_name", self.script_name.as_str())?;
        request.path("/secrets-bulk");
        request.merge_patch_body(&self.body)?;
        Ok(request)
    }
}
request_builder!(
    WorkerPatchScriptSecrets, ::std::collections::BTreeMap < String,
    super::types::SecretBinding >, execute
);
