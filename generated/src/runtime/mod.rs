//! The hand-written runtime that generated code calls: client, requests, errors, retries,
//! pagination, validation and secret types. See ARCHITECTURE.md for the contract.
//!
//! Generated code refers to these items by their full path (`crate::runtime::...`); users
//! reach the common ones through the crate root.

mod client;
mod envelope;
mod error;
mod macros;
mod operation;
mod pagination;
mod request;
mod retry;
mod secret;
mod unknown;
pub mod validate;

pub use client::{
    Client, ClientBuilder, Credentials, DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT, USER_AGENT_VALUE, reqwest_client_builder,
};
pub use envelope::{ApiResponse, MessageSource, Page, ResponseMessage, ResultInfo};
pub use error::{Error, ErrorKind, Result, StatusCode};
pub(crate) use macros::{argument_type, id, operation, setters, string_enum};
pub use macros::{double_option, unknown_enum_value};
pub use operation::{Operation, Output, Paged, RequestBuilder, Response, Single};
pub use pagination::{PageStream, paginate};
pub use request::{Method, OperationInfo, PathValue, QueryValue, Request, RequestOptions};
pub use retry::RetryConfig;
pub use secret::{SecretJson, SecretString};
pub use unknown::{
    UnknownValue, UnknownVariant, UnknownVariantSeed, union_tag, union_unknown, union_variant,
    union_variant_or_unknown,
};
pub use validate::{Check, ExtraValidate, Rules, Validate, check};
