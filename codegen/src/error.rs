//! The generator's error: a JSON pointer into the spec, a message that says what to do, and,
//! once the entry point has resolved it, the file name and the line and column the pointer
//! names in the spec text.
//!
//! Stages build errors with [`Error::new`] from a pointer and a message only; the entry points
//! ([`crate::generate_named`], [`crate::build_model_named`]) fill in [`Error::file`] and
//! [`Error::location`] from the spec text (see [`crate::locate`]).

use std::fmt;

/// A 1-based line and column in the spec text (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The line, starting at 1.
    pub line: usize,
    /// The column, starting at 1, in characters.
    pub column: usize,
}

/// Why the spec could not be turned into code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// A JSON pointer into the spec, such as `#/paths/~1accounts~1{account_id}/get`.
    pub pointer: String,
    /// What is wrong and what to do about it.
    pub message: String,
    /// The name of the spec file to show (for example `spec/openapi.yaml`), when known.
    pub file: Option<String>,
    /// Where [`pointer`](Self::pointer) is in the spec text: the line of the named key, or of
    /// the nearest enclosing object when the key is missing.
    pub location: Option<Location>,
}

impl Error {
    /// Builds an error at `pointer`, without a file name or location (the entry point adds
    /// them).
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            pointer: pointer.into(),
            message: message.into(),
            file: None,
            location: None,
        }
    }

    /// Sets the location, keeping the pointer and message.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Sets the file name shown before the location.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }
}

impl fmt::Display for Error {
    /// `file:line:column: pointer: message`, the form editors and terminals turn into a link;
    /// the parts not known are left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.location) {
            (Some(file), Some(location)) => {
                write!(f, "{file}:{}:{}: ", location.line, location.column)?;
            }
            (Some(file), None) => write!(f, "{file}: ")?,
            (None, Some(location)) => write!(f, "{}:{}: ", location.line, location.column)?,
            (None, None) => {}
        }
        write!(f, "{}: {}", self.pointer, self.message)
    }
}

impl std::error::Error for Error {}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Escapes one JSON pointer segment (`~` as `~0`, `/` as `~1`).
pub fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Undoes [`escape_segment`] (`~1` as `/`, then `~0` as `~`).
pub fn unescape_segment(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Appends an escaped segment to a pointer.
pub fn join(pointer: &str, segment: &str) -> String {
    format!("{pointer}/{}", escape_segment(segment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_leads_with_file_line_and_column() {
        let error = Error::new("#/paths/~1a/get", "the operation has no `operationId`")
            .in_file("spec/openapi.yaml")
            .at(Location {
                line: 473,
                column: 5,
            });
        assert_eq!(
            error.to_string(),
            "spec/openapi.yaml:473:5: #/paths/~1a/get: the operation has no `operationId`"
        );
        assert_eq!(
            Error::new("#", "bad").to_string(),
            "#: bad",
            "an unlocated error still shows its pointer"
        );
    }

    #[test]
    fn segments_round_trip() {
        for segment in ["/accounts/{id}", "a~b", "~1", "plain"] {
            assert_eq!(unescape_segment(&escape_segment(segment)), segment);
        }
    }
}
