//! The emulator on 127.0.0.1, over plain HTTP and end to end through the SDK, one module per
//! topic. Shared helpers are in `cloudflare_secrets_tests` (`tests/src/`).
//!
//! | module | topic |
//! |---|---|
//! | `api` | plain HTTP: every documented behaviour and the bad input a real client can send, state unchanged on failure |
//! | `workers` | Workers script secrets and the Workers for Platforms twin through the SDK |
//! | `secrets_store` | Secrets Store through the SDK: stores, secrets, pages, search, duplicate, quota, bulk delete |
//! | `rules` | permissions and roles, limits, audit events, lifecycle, every spec operation served |
//! | `faults` | the SDK's retry policy against injected faults, with the state checked afterwards |

mod api;
mod faults;
mod rules;
mod secrets_store;
mod workers;
