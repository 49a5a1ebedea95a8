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
    &ResultValue::OPERATION,
    &ResultValue2::OPERATION,
];
/// An operation named like a prelude type
///
/// Built by `client.the_things().async_(...)`; sends `POST /things/{type}`. Operation ID: `Result`.
///
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct ResultValue {
    client: crate::Client,
    type_: String,
    self_: Option<bool>,
    _2fa: Option<String>,
    body: super::types::ResultValue,
    options: crate::runtime::RequestOptions,
}

impl ResultValue {
    /// What the runtime needs to know about `Result`.
    pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "Result",
        method: crate::runtime::Method::POST,
        path_template: "/things/{type}",
        idempotent: false,
        permissions: &[],
    };

    /// Starts a `Result` request.
    pub(crate) fn new(
        client: crate::Client,
        type_: String,
        body: super::types::ResultValue,
    ) -> Self {
        Self {
            client,
            type_,
            self_: None,
            _2fa: None,
            body,
            options: crate::runtime::RequestOptions::default(),
        }
    }

    /// Sets the `self` query parameter.
    pub fn self_(mut self, self_: bool) -> Self {
        self.self_ = Some(self_);
        self
    }

    /// Sets the `2fa` query parameter.
    pub fn _2fa(mut self, _2fa: impl Into<String>) -> Self {
        self._2fa = Some(_2fa.into());
        self
    }

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = ResultValue::OPERATION;
        {
            let value = &self.body;
            crate::runtime::Validate::validate(value, "body")?;
        }
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/things/");
        request.path_param("type", self.type_.as_str())?;
        if let Some(value) = &self.self_ {
            request.query("self", value);
        }
        if let Some(value) = &self._2fa {
            request.query("2fa", value);
        }
        request.json_body(&self.body)?;
        Ok(request)
    }
}
request_builder!(ResultValue, super::types::OptionValue2, execute);
/// Same operationId up to case
///
/// Built by `client.things().match_().fn_(...)`; sends `GET /things/{type}/match`. Operation ID: `result`.
///
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct ResultValue2 {
    client: crate::Client,
    type_: i64,
    options: crate::runtime::RequestOptions,
}

impl ResultValue2 {
    /// What the runtime needs to know about `result`.
    pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "result",
        method: crate::runtime::Method::GET,
        path_template: "/things/{type}/match",
        idempotent: true,
        permissions: &[],
    };

    /// Starts a `result` request.
    pub(crate) fn new(client: crate::Client, type_: i64) -> Self {
        Self {
            client,
            type_,
            options: crate::runtime::RequestOptions::default(),
        }
    }

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = ResultValue2::OPERATION;
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/things/");
        request.path_param("type", &self.type_.to_string())?;
        request.path("/match");
        Ok(request)
    }
}
request_builder!(ResultValue2, super::types::Weird, execute);
