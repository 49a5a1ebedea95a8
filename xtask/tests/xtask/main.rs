//! The maintainer tasks' tests, one module per command. This binary links the xtask library
//! and the generator only.
//!
//! | module | subject |
//! |---|---|
//! | `fresh` | the checked-in generated code is fresh (`cargo test` fails on stale output), write and check modes |
//! | `codegen_command` | `cargo xtask codegen` on a bad spec: a located error and nothing written; what it says it wrote |
//! | `diff_command` | `cargo xtask diff` against temporary git repositories: report, exit status, errors |
//! | `release_command` | `cargo xtask release [--check]` on scratch workspaces: first release, an addition, a breaking change |
//! | `usage` | every command answers `--help`, the usage lists every command, bad command lines exit 2 |

mod codegen_command;
mod diff_command;
mod fresh;
mod release_command;
mod usage;
