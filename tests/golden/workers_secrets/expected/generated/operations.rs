//! Request builders, one per operation: required arguments are given to the resource method, optional ones are builder methods, and the request is sent with `.send()`, `.send_with_response()` or `.await`.
#![allow(clippy::too_many_arguments)]

/// List secrets
///
/// List secrets bound to a script.
///
/// Sends `GET /accounts/{account_id}/workers/scripts/{script_name}/secrets`.
///
/// Operation ID: `worker-list-script-secrets`.
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

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = WorkerListScriptSecrets::OPERATION;
        {
            let value = &self.account_id;
            crate::runtime::Validate::validate(value, "account_id")?;
        }
        {
            let value = &self.script_name;
            crate::runtime::Validate::validate(value, "script_name")?;
        }
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/accounts/");
        request.path_param("account_id", self.account_id.as_str())?;
        request.path("/workers/scripts/");
        request.path_param("script_name", self.script_name.as_str())?;
        request.path("/secrets");
        Ok(request)
    }

    /// Sends the request and returns the result.
    pub async fn send(self) -> crate::runtime::Result<Vec<super::types::SecretBinding>> {
        self.send_with_response().await.map(crate::runtime::ApiResponse::into_result)
    }

    /// Sends the request and returns the result with the status, headers and messages.
    pub async fn send_with_response(
        self,
    ) -> crate::runtime::Result<
        crate::runtime::ApiResponse<Vec<super::types::SecretBinding>>,
    > {
        let request = self.build()?;
        self.client
            .execute::<Vec<super::types::SecretBinding>>(request, &self.options)
            .await
    }
}

impl ::std::future::IntoFuture for WorkerListScriptSecrets {
    type Output = crate::runtime::Result<Vec<super::types::SecretBinding>>;
    type IntoFuture = ::std::pin::Pin<
        Box<dyn ::std::future::Future<Output = Self::Output> + Send>,
    >;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// Add or replace a secret
///
/// Add a secret to a script.
///
/// This creates a new version of the script.
///
/// Sends `PUT /accounts/{account_id}/workers/scripts/{script_name}/secrets`.
///
/// Operation ID: `worker-put-script-secret`.
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

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = WorkerPutScriptSecret::OPERATION;
        {
            let value = &self.account_id;
            crate::runtime::Validate::validate(value, "account_id")?;
        }
        {
            let value = &self.script_name;
            crate::runtime::Validate::validate(value, "script_name")?;
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

    /// Sends the request and returns the result.
    pub async fn send(self) -> crate::runtime::Result<super::types::SecretBinding> {
        self.send_with_response().await.map(crate::runtime::ApiResponse::into_result)
    }

    /// Sends the request and returns the result with the status, headers and messages.
    pub async fn send_with_response(
        self,
    ) -> crate::runtime::Result<
        crate::runtime::ApiResponse<super::types::SecretBinding>,
    > {
        let request = self.build()?;
        self.client.execute::<super::types::SecretBinding>(request, &self.options).await
    }
}

impl ::std::future::IntoFuture for WorkerPutScriptSecret {
    type Output = crate::runtime::Result<super::types::SecretBinding>;
    type IntoFuture = ::std::pin::Pin<
        Box<dyn ::std::future::Future<Output = Self::Output> + Send>,
    >;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// Delete a secret
///
/// Remove a secret from a script.
///
/// Sends `DELETE /accounts/{account_id}/workers/scripts/{script_name}/secrets/{secret_name}`.
///
/// Operation ID: `worker-delete-script-secret`.
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

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = WorkerDeleteScriptSecret::OPERATION;
        {
            let value = &self.account_id;
            crate::runtime::Validate::validate(value, "account_id")?;
        }
        {
            let value = &self.script_name;
            crate::runtime::Validate::validate(value, "script_name")?;
        }
        {
            let value = &self.secret_name;
            crate::runtime::Validate::validate(value, "secret_name")?;
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

    /// Sends the request and returns the result.
    pub async fn send(self) -> crate::runtime::Result<()> {
        self.send_with_response().await.map(crate::runtime::ApiResponse::into_result)
    }

    /// Sends the request and returns the result with the status, headers and messages.
    pub async fn send_with_response(
        self,
    ) -> crate::runtime::Result<crate::runtime::ApiResponse<()>> {
        let request = self.build()?;
        self.client.execute::<()>(request, &self.options).await
    }
}

impl ::std::future::IntoFuture for WorkerDeleteScriptSecret {
    type Output = crate::runtime::Result<()>;
    type IntoFuture = ::std::pin::Pin<
        Box<dyn ::std::future::Future<Output = Self::Output> + Send>,
    >;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// Patch several secrets
///
/// JSON Merge Patch of the script's secrets.
///
/// Sends `PATCH /accounts/{account_id}/workers/scripts/{script_name}/secrets-bulk`.
///
/// Operation ID: `worker-patch-script-secrets`.
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

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = WorkerPatchScriptSecrets::OPERATION;
        {
            let value = &self.account_id;
            crate::runtime::Validate::validate(value, "account_id")?;
        }
        {
            let value = &self.script_name;
            crate::runtime::Validate::validate(value, "script_name")?;
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

    /// Sends the request and returns the result.
    pub async fn send(
        self,
    ) -> crate::runtime::Result<
        ::std::collections::BTreeMap<String, super::types::SecretBinding>,
    > {
        self.send_with_response().await.map(crate::runtime::ApiResponse::into_result)
    }

    /// Sends the request and returns the result with the status, headers and messages.
    pub async fn send_with_response(
        self,
    ) -> crate::runtime::Result<
        crate::runtime::ApiResponse<
            ::std::collections::BTreeMap<String, super::types::SecretBinding>,
        >,
    > {
        let request = self.build()?;
        self.client
            .execute::<
                ::std::collections::BTreeMap<String, super::types::SecretBinding>,
            >(request, &self.options)
            .await
    }
}

impl ::std::future::IntoFuture for WorkerPatchScriptSecrets {
    type Output = crate::runtime::Result<
        ::std::collections::BTreeMap<String, super::types::SecretBinding>,
    >;
    type IntoFuture = ::std::pin::Pin<
        Box<dyn ::std::future::Future<Output = Self::Output> + Send>,
    >;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
