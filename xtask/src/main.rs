//! See <https://github.com/matklad/cargo-xtask/>. Entry point of `cargo xtask`.
fn main() {}
