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
pub static OPERATIONS: &[&crate::runtime::OperationInfo] = &[&ListSecrets::OPERATION];
/// List secrets
///
/// Built by `client.store().secrets().list(...)`; sends `GET /accounts/{account_id}/secrets`. Operation ID: `list-secrets`.
///
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct ListSecrets {
    client: crate::Client,
    account_id: super::ids::AccountId,
    page: Option<i64>,
    per_page: Option<i64>,
    direction: Option<super::types::Direction>,
    scopes: Option<Vec<super::types::Scope>>,
    options: crate::runtime::RequestOptions,
}

impl ListSecrets {
    /// What the runtime needs to know about `list-secrets`.
    pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "list-secrets",
        method: crate::runtime::Method::GET,
        path_template: "/accounts/{account_id}/secrets",
        idempotent: true,
        permissions: &[],
    };

    /// Starts a `list-secrets` request.
    pub(crate) fn new(client: crate::Client, account_id: super::ids::AccountId) -> Self {
        Self {
            client,
            account_id,
            page: None,
            per_page: None,
            direction: None,
            scopes: None,
            options: crate::runtime::RequestOptions::default(),
        }
    }

    /// Sets the `page` query parameter.
    pub fn page(mut self, page: i64) -> Self {
        self.page = Some(page);
        self
    }

    /// Sets the `per_page` query parameter.
    pub fn per_page(mut self, per_page: i64) -> Self {
        self.per_page = Some(per_page);
        self
    }

    /// Sort direction.
    pub fn direction(mut self, direction: super::types::Direction) -> Self {
        self.direction = Some(direction);
        self
    }

    /// Only secrets with these scopes.
    pub fn scopes(mut self, scopes: Vec<super::types::Scope>) -> Self {
        self.scopes = Some(scopes);
        self
    }

    /// Checks every argument against the spec, then builds the request.
    fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
        static OPERATION: crate::runtime::OperationInfo = ListSecrets::OPERATION;
        {
            let value = &self.account_id;
            crate::runtime::Validate::validate(value, "account_id")?;
        }
        if let Some(value) = &self.page {
            crate::runtime::validate::minimum("page", *value as f64, 1f64)?;
        }
        if let Some(value) = &self.per_page {
            crate::runtime::validate::minimum("per_page", *value as f64, 1f64)?;
            crate::runtime::validate::maximum("per_page", *value as f64, 100f64)?;
        }
        let mut request = crate::runtime::Request::new(&OPERATION);
        request.path("/accounts/");
        request.path_param("account_id", self.account_id.as_str())?;
        request.path("/secrets");
        if let Some(value) = &self.page {
            request.query("page", value);
        }
        if let Some(value) = &self.per_page {
            request.query("per_page", value);
        }
        if let Some(value) = &self.direction {
            request.query("direction", value);
        }
        if let Some(value) = &self.scopes {
            let values: Vec<&dyn ::std::fmt::Display> = value
                .iter()
                .map(|value| value as &dyn ::std::fmt::Display)
                .collect();
            request.query_all("scopes", &values);
        }
        Ok(request)
    }

    /// Streams every item of every page, starting at `page` (or 1), one request per page.
    pub fn stream(self) -> crate::runtime::PageStream<super::types::Secret> {
        let first_page = self
            .page
            .and_then(|page| u32::try_from(page).ok())
            .unwrap_or(1);
        let per_page = self.per_page.and_then(|per_page| u32::try_from(per_page).ok());
        crate::runtime::paginate(
            first_page,
            per_page,
            move |page| {
                let mut request = self.clone();
                request.page = Some(i64::from(page));
                request.send()
            },
        )
    }
}
request_builder!(
    ListSecrets, crate ::runtime::Page < super::types::Secret >, execute_page
);
