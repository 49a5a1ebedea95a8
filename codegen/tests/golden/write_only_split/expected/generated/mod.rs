//! Code generated from `Direction split (golden fixture)` version 1.0: identifiers, types, request builders and resources.
pub mod ids;
pub mod operations;
pub mod resources;
pub mod types;
