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
    &PutFolder::OPERATION,
    &CreateItems::OPERATION,
];
/// Replace a folder
///
/// Built by `client.items().put_folder(...)`; sends `PUT /items`. Operation ID: `put-folder`.
///
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct PutFolder {
    client: crate::Client,
    body: super::types::FolderInput,
    options: crate::runtime::RequestOptions,
}

impl PutFolder {
    /// What the runtime needs to know about `put-folder`.
    pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "put-folder",
        method: crate::runtime::Method::PUT,
        path_template: "/items",
        idempotent: true,
        permissions: &[],
    };

    /// Starts a `put-folder` request.
    pub(crate) fn new(client: crate::Client, body: super::types::FolderInput) -> Self {
        Self {
            client,
            body,
            options: crate::runtime::RequestOptions::default(),
        }
    }

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = PutFolder::OPERATION;
        {
            let value = &self.body;
            crate::runtime::Validate::validate(value, "body")?;
        }
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/items");
        request.json_body(&self.body)?;
        Ok(request)
    }
}
request_builder!(PutFolder, super::types::Item, execute);
/// Create items
///
/// Built by `client.items().create(...)`; sends `POST /items`. Operation ID: `create-items`.
///
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct CreateItems {
    client: crate::Client,
    body: Vec<super::types::ItemInput>,
    options: crate::runtime::RequestOptions,
}

impl CreateItems {
    /// What the runtime needs to know about `create-items`.
    pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "create-items",
        method: crate::runtime::Method::POST,
        path_template: "/items",
        idempotent: false,
        permissions: &[],
    };

    /// Starts a `create-items` request.
    pub(crate) fn new(
        client: crate::Client,
        body: Vec<super::types::ItemInput>,
    ) -> Self {
        Self {
            client,
            body,
            options: crate::runtime::RequestOptions::default(),
        }
    }

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = CreateItems::OPERATION;
        {
            let value = &self.body;
            for (index, item) in value.iter().enumerate() {
                let item_path = format!("body[{index}]");
                crate::runtime::Validate::validate(item, &item_path)?;
            }
        }
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/items");
        request.json_body(&self.body)?;
        Ok(request)
    }
}
request_builder!(CreateItems, Vec < super::types::Folder >, execute);
