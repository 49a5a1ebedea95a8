//! The generator: OpenAPI spec text in, Rust SDK source files out. No file IO.
