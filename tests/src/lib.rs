//! Shared support for the workspace tests; the tests themselves live in `tests/tests/`.

pub mod synth;
