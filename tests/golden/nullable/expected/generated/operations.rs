//! Request builders, one per operation: required arguments are given to the resource method, optional ones are builder methods, and the request is sent with `.send()`, `.send_with_response()` or `.await`.
#![allow(clippy::too_many_arguments)]

/// Put a record
///
/// Sends `PUT /records`.
///
/// Operation ID: `put-record`.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct PutRecord {
    client: crate::Client,
    body: super::types::Record,
    options: crate::runtime::RequestOptions,
}

impl PutRecord {
    /// What the runtime needs to know about `put-record`.
    pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "put-record",
        method: crate::runtime::Method::PUT,
        path_template: "/records",
        idempotent: true,
    };

    /// Starts a `put-record` request.
    pub(crate) fn new(client: crate::Client, body: super::types::Record) -> Self {
        Self {
            client,
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
        static OPERATION: crate::runtime::OperationInfo = PutRecord::OPERATION;
        {
            let value = &self.body;
            crate::runtime::Validate::validate(value, "body")?;
        }
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/records");
        request.merge_patch_body(&self.body)?;
        Ok(request)
    }

    /// Sends the request and returns the result.
    pub async fn send(self) -> crate::runtime::Result<super::types::Record> {
        self.send_with_response().await.map(crate::runtime::ApiResponse::into_result)
    }

    /// Sends the request and returns the result with the status, headers and messages.
    pub async fn send_with_response(
        self,
    ) -> crate::runtime::Result<crate::runtime::ApiResponse<super::types::Record>> {
        let request = self.build()?;
        self.client.execute::<super::types::Record>(request, &self.options).await
    }
}

impl ::std::future::IntoFuture for PutRecord {
    type Output = crate::runtime::Result<super::types::Record>;
    type IntoFuture = ::std::pin::Pin<
        Box<dyn ::std::future::Future<Output = Self::Output> + Send>,
    >;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
