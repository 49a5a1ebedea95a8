//! Maintainer tasks behind `cargo xtask`: code generation, the API change report, benchmarks.
