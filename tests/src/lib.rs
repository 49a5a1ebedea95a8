//! The one home of what the workspace tests share; the tests themselves live in `tests/tests/`
//! (one binary per subject, one module per topic: see the README's "What the tests cover").
//!
//! - [`ids`]: the account, store and secret ids every test uses.
//! - [`client`]: an SDK client pointed at a local server, and fast retries.
//! - [`servers`]: Cloudflare envelopes, a wiremock server that answers every request, and a
//!   server that resets every connection.
//! - [`scripted`]: a raw HTTP server on 127.0.0.1 that replays scripted replies, for the fault
//!   matrix and the response fuzzer.
//! - [`emulator`]: the emulator on 127.0.0.1 with a client pointed at it.
//! - [`synth`]: synthetic specs of N operations, for the generator's benchmarks.

pub mod client;
pub mod emulator;
pub mod ids;
pub mod scripted;
pub mod servers;
pub mod synth;
