//! The generator's error: a JSON pointer into the spec and a message that says what to do.

use std::fmt;

/// Why the spec could not be turned into code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// A JSON pointer into the spec, such as `#/paths/~1accounts~1{account_id}/get`.
    pub pointer: String,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl Error {
    /// Builds an error at `pointer`.
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "spec/openapi.yaml {}: {}", self.pointer, self.message)
    }
}

impl std::error::Error for Error {}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Escapes one JSON pointer segment (`~` as `~0`, `/` as `~1`).
pub fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Appends an escaped segment to a pointer.
pub fn join(pointer: &str, segment: &str) -> String {
    format!("{pointer}/{}", escape_segment(segment))
}
