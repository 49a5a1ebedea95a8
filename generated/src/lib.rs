//! A Rust SDK for Cloudflare's secrets APIs: Workers script secrets, their Workers for Platforms
//! twin, and Secrets Store.
//!
//! The types and operations in this crate are generated from `spec/openapi.yaml` by
//! `cargo xtask codegen` (the files under `src/generated/`); this file and `src/runtime/` are
//! written by hand.
#![warn(missing_docs)]

pub mod runtime;

pub use runtime::{
    ApiResponse, Client, ClientBuilder, Credentials, Error, ErrorKind, Page, RequestOptions,
    ResponseMessage, Result, ResultInfo, RetryConfig, SecretJson, SecretString,
};

#[rustfmt::skip]
mod generated;

#[cfg(feature = "emulator")]
pub mod emulator;
