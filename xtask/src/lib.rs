//! Maintainer tasks behind `cargo xtask`: code generation, the API change report, benchmarks
//! ([`cli`] lists the commands).
//! See <https://github.com/matklad/cargo-xtask/>.
//!
//! The library half exists so that `cargo test` can run the same checks as the command line
//! (`xtask/tests/xtask/fresh.rs` calls [`codegen::run`] in [`codegen::Mode::Check`]).

pub mod bench;
pub mod cli;
pub mod codegen;
pub mod diff;
pub mod fresh_deps;
pub mod release;
pub mod semver;
