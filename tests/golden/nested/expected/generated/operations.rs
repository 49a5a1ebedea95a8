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
    &GetConfig::OPERATION,
    &UpdateConfig::OPERATION,
];
/// Get a config
///
/// Built by `client.configs().get(...)`; sends `GET /configs/{config_id}`. Operation ID: `get-config`.
///
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct GetConfig {
    client: crate::Client,
    config_id: String,
    options: crate::runtime::RequestOptions,
}

impl GetConfig {
    /// What the runtime needs to know about `get-config`.
    pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "get-config",
        method: crate::runtime::Method::GET,
        path_template: "/configs/{config_id}",
        idempotent: true,
        permissions: &[],
    };

    /// Starts a `get-config` request.
    pub(crate) fn new(client: crate::Client, config_id: String) -> Self {
        Self {
            client,
            config_id,
            options: crate::runtime::RequestOptions::default(),
        }
    }

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = GetConfig::OPERATION;
        {
            let value = &self.config_id;
            crate::runtime::validate::max_length("config_id", value.as_str(), 64u64)?;
        }
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/configs/");
        request.path_param("config_id", self.config_id.as_str())?;
        Ok(request)
    }
}
request_builder!(GetConfig, super::types::Config, execute);
/// Update a config
///
/// Built by `client.configs().update(...)`; sends `PATCH /configs/{config_id}`. Operation ID: `update-config`.
///
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct UpdateConfig {
    client: crate::Client,
    config_id: String,
    body: super::types::UpdateConfigBody,
    options: crate::runtime::RequestOptions,
}

impl UpdateConfig {
    /// What the runtime needs to know about `update-config`.
    pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "update-config",
        method: crate::runtime::Method::PATCH,
        path_template: "/configs/{config_id}",
        idempotent: true,
        permissions: &[],
    };

    /// Starts a `update-config` request.
    pub(crate) fn new(
        client: crate::Client,
        config_id: String,
        body: super::types::UpdateConfigBody,
    ) -> Self {
        Self {
            client,
            config_id,
            body,
            options: crate::runtime::RequestOptions::default(),
        }
    }

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = UpdateConfig::OPERATION;
        {
            let value = &self.body;
            crate::runtime::Validate::validate(value, "body")?;
        }
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/configs/");
        request.path_param("config_id", self.config_id.as_str())?;
        request.json_body(&self.body)?;
        Ok(request)
    }
}
request_builder!(UpdateConfig, (), execute);
