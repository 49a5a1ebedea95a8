//! The identifiers the tests use, in Cloudflare's formats.

/// The account every test works in (32 hex digits, like Cloudflare's).
pub const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
/// A Secrets Store store id.
pub const STORE: &str = "985e105f4ecef8ad9ca31a8372d0c353";
/// A Secrets Store secret id.
pub const SECRET: &str = "3fd85f74b32742f1bff64a85009dda07";
/// A timestamp as Cloudflare writes them (RFC 3339 with microseconds).
pub const CREATED: &str = "2023-09-21T18:56:32.624632Z";
