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
    &GetReport::OPERATION,
    &PutKey::OPERATION,
];
/// Get the key report
///
/// Built by `client.keys().report(...)`; sends `GET /keys`. Operation ID: `get-report`.
///
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct GetReport {
    client: crate::Client,
    options: crate::runtime::RequestOptions,
}

impl GetReport {
    /// What the runtime needs to know about `get-report`.
    pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "get-report",
        method: crate::runtime::Method::GET,
        path_template: "/keys",
        idempotent: true,
        permissions: &[],
    };

    /// Starts a `get-report` request.
    pub(crate) fn new(client: crate::Client) -> Self {
        Self {
            client,
            options: crate::runtime::RequestOptions::default(),
        }
    }

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = GetReport::OPERATION;
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/keys");
        Ok(request)
    }
}
request_builder!(GetReport, super::types::Report, execute);
/// Add or replace a key
///
/// Built by `client.keys().put(...)`; sends `PUT /keys`. Operation ID: `put-key`.
///
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct PutKey {
    client: crate::Client,
    body: super::types::KeyInput,
    options: crate::runtime::RequestOptions,
}

impl PutKey {
    /// What the runtime needs to know about `put-key`.
    pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "put-key",
        method: crate::runtime::Method::PUT,
        path_template: "/keys",
        idempotent: true,
        permissions: &[],
    };

    /// Starts a `put-key` request.
    pub(crate) fn new(client: crate::Client, body: super::types::KeyInput) -> Self {
        Self {
            client,
            body,
            options: crate::runtime::RequestOptions::default(),
        }
    }

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = PutKey::OPERATION;
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/keys");
        request.json_body(&self.body)?;
        Ok(request)
    }
}
request_builder!(PutKey, super::types::Key, execute);
