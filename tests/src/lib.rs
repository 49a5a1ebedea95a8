//! Shared support for the workspace tests; the tests themselves live in `tests/tests/`.

pub mod spec_mutate;
pub mod synth;
