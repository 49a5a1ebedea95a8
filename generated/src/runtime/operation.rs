//! The one request builder every operation shares: [`RequestBuilder<O>`], generic over the
//! operation `O`.
//!
//! Generated code declares, for each operation of the spec, a struct of its parameters and an
//! [`Operation`] impl that says what the operation is ([`OperationInfo`]), what its response
//! holds ([`Single`] or [`Paged`]) and how the parameters become a request (checks, path pieces,
//! query, body). Its `operation!` block adds the setters as an inherent `impl RequestBuilder<ThatOperation>`.
//! Everything else a caller uses is written here once: `timeout`, `max_retries`, `send`,
//! `send_with_response`, `.await` (`IntoFuture`) and, for paginated lists, `stream`.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use serde::de::DeserializeOwned;

use super::client::Client;
use super::envelope::{ApiResponse, Page};
use super::error::Result;
use super::pagination::{PageStream, paginate};
use super::request::{OperationInfo, Request, RequestOptions};

/// One operation of the spec, as generated code declares it: a struct holding the operation's
/// parameters.
pub trait Operation: Clone + fmt::Debug + Send + Sync + 'static {
    /// What the envelope's `result` holds: [`Single<T>`] or, for paginated lists, [`Paged<T>`].
    type Response: Response;

    /// The operation's id, method, path template, retry behaviour and token permissions.
    const INFO: &'static OperationInfo;

    /// Checks the parameters against the spec's constraints, then writes them into `request`
    /// (path, query and body). Called once per request sent, before anything goes out.
    fn build(&self, request: &mut Request) -> Result<()>;
}

/// How a response is decoded: [`Single`] or [`Paged`].
pub trait Response: 'static {
    /// What `send()` returns.
    type Output: Send + 'static;

    /// Sends `request` and decodes the envelope.
    fn execute(
        client: &Client,
        request: Request,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<ApiResponse<Self::Output>>> + Send;
}

/// The response holds one `T` in `result` (`()` for a `null` result).
pub struct Single<T>(PhantomData<fn() -> T>);

/// The response is one page of a paginated list of `T` (`result` is an array, `result_info`
/// says where the page is).
pub struct Paged<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned + Send + 'static> Response for Single<T> {
    type Output = T;

    fn execute(
        client: &Client,
        request: Request,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<ApiResponse<T>>> + Send {
        client.execute::<T>(request, options)
    }
}

impl<T: DeserializeOwned + Send + 'static> Response for Paged<T> {
    type Output = Page<T>;

    fn execute(
        client: &Client,
        request: Request,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<ApiResponse<Page<T>>>> + Send {
        client.execute_page::<T>(request, options)
    }
}

/// What `send()` returns for the operation `O`.
pub type Output<O> = <<O as Operation>::Response as Response>::Output;

/// A request that has not been sent yet: the client, the operation's parameters, and the
/// per-request options. Resource methods return it (`client.workers().scripts().secrets().list(..)`);
/// it is sent with `.send().await`, `.send_with_response().await` or simply `.await`.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct RequestBuilder<O> {
    client: Client,
    /// The operation's parameters; generated setters write them.
    pub(crate) operation: O,
    options: RequestOptions,
}

impl<O: Operation> RequestBuilder<O> {
    /// Starts a request for `operation` on `client`. Generated resource methods call this;
    /// a hand-written [`Operation`] (one the spec does not describe) can use it too.
    pub fn new(client: Client, operation: O) -> Self {
        RequestBuilder {
            client,
            operation,
            options: RequestOptions::default(),
        }
    }

    /// The operation's id, method, path template, retry behaviour and token permissions.
    pub fn info(&self) -> &'static OperationInfo {
        O::INFO
    }

    /// The parameters given so far.
    pub fn operation(&self) -> &O {
        &self.operation
    }

    /// Sets the timeout for this request (each attempt), overriding the client's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.set_timeout(timeout);
        self
    }

    /// Sets how many times this request is retried, overriding the client's.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.options.set_max_retries(max_retries);
        self
    }

    /// Checks the arguments and builds the request without sending it (the method, path and
    /// query are in its `Debug` output; the body is not).
    pub fn build_request(&self) -> Result<Request> {
        let mut request = Request::new(O::INFO);
        // The error names the operation, as those of sending do.
        self.operation
            .build(&mut request)
            .map_err(|error| error.with_operation(O::INFO.id))?;
        Ok(request)
    }

    /// Checks the arguments, sends the request and returns the result.
    pub async fn send(self) -> Result<Output<O>> {
        self.send_with_response()
            .await
            .map(ApiResponse::into_result)
    }

    /// Like `send`, and also returns the status, headers and messages.
    pub async fn send_with_response(self) -> Result<ApiResponse<Output<O>>> {
        let request = self.build_request()?;
        O::Response::execute(&self.client, request, &self.options).await
    }
}

impl<O: Operation> IntoFuture for RequestBuilder<O> {
    type Output = Result<Output<O>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<O, T> RequestBuilder<O>
where
    O: Operation<Response = Paged<T>>,
    T: DeserializeOwned + Send + 'static,
{
    /// Streams every item of every page, starting at the page set with `.page(..)` (or 1), one
    /// request per page, with the page size set with `.per_page(..)` (or the API's).
    ///
    /// The arguments are checked before each request; an invalid one is the stream's only
    /// item (an error).
    pub fn stream(self) -> PageStream<T> {
        let (first_page, per_page) = match self.build_request() {
            Ok(request) => (
                request
                    .query_value(PAGE)
                    .and_then(|page| page.parse().ok())
                    .unwrap_or(1),
                request
                    .query_value(PER_PAGE)
                    .and_then(|per_page| per_page.parse().ok()),
            ),
            Err(_) => (1, None),
        };
        paginate(first_page, per_page, move |page| {
            let builder = self.clone();
            async move {
                let mut request = builder.build_request()?;
                request.set_query(PAGE, &page);
                Paged::<T>::execute(&builder.client, request, &builder.options)
                    .await
                    .map(ApiResponse::into_result)
            }
        })
    }
}

/// The query parameter that picks a page of a paginated list.
const PAGE: &str = "page";
/// The query parameter that sets the page size of a paginated list.
const PER_PAGE: &str = "per_page";
