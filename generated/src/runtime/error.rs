//! The SDK's one error type, [`Error`], with the HTTP status, Cloudflare's error codes and
//! messages, and the operation that failed.
//!
//! An error never holds a request body, a credential or a value that failed validation: only
//! field names, statuses, Cloudflare's messages and a short snippet of an undecodable response.

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;

use super::envelope::ResponseMessage;

/// The result type of every SDK call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The boxed source of a transport error.
type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What went wrong, in broad classes. Use the helpers on [`Error`] for the common questions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An input failed a constraint of the spec before anything was sent.
    Validation,
    /// The API answered with an error: a non-2xx status, or `success: false`.
    Api,
    /// A 2xx response whose body could not be decoded.
    Decode,
    /// The attempt took longer than the timeout.
    Timeout,
    /// No connection could be established (the server cannot have seen the request).
    Connect,
    /// The connection failed after it was established, or another transport error.
    Transport,
    /// The request body could not be serialized.
    Serialize,
    /// The client was configured wrongly (base URL, credentials, environment).
    Config,
}

/// An error from the SDK: see [`Error::kind`] and the helpers (`is_not_found()`, ...).
///
/// The error is a single pointer wide; everything sits in one box.
#[derive(thiserror::Error)]
#[error(transparent)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(thiserror::Error)]
struct Inner {
    kind: ErrorKind,
    operation_id: Option<&'static str>,
    status: Option<StatusCode>,
    errors: Vec<ResponseMessage>,
    field: Option<String>,
    message: String,
    snippet: Option<String>,
    #[source]
    source: Option<BoxError>,
}

impl fmt::Debug for Inner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("operation_id", &self.operation_id)
            .field("status", &self.status)
            .field("errors", &self.errors)
            .field("field", &self.field)
            .field("message", &self.message)
            .field("snippet", &self.snippet)
            .field("source", &self.source)
            .finish()
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

impl fmt::Display for Inner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(operation_id) = self.operation_id {
            write!(f, "{operation_id}: ")?;
        }
        match self.kind {
            ErrorKind::Validation => {
                let field = self.field.as_deref().unwrap_or("value");
                write!(f, "invalid `{field}`: {}", self.message)
            }
            ErrorKind::Api => {
                match self.status {
                    Some(status) => write!(f, "HTTP {status}")?,
                    None => f.write_str("API error")?,
                }
                if self.errors.is_empty() && !self.message.is_empty() {
                    write!(f, ": {}", self.message)?;
                }
                for (index, error) in self.errors.iter().enumerate() {
                    f.write_str(if index == 0 { ": " } else { "; " })?;
                    write!(f, "{} [code {}]", error.message, error.code)?;
                    if let Some(pointer) = error.source.as_ref().and_then(|s| s.pointer.as_ref()) {
                        write!(f, " at {pointer}")?;
                    }
                    if let Some(url) = &error.documentation_url {
                        write!(f, " (see {url})")?;
                    }
                }
                if let Some(snippet) = &self.snippet {
                    write!(f, "; body starts with {snippet:?}")?;
                }
                Ok(())
            }
            ErrorKind::Decode => {
                f.write_str("could not decode the response")?;
                if let Some(status) = self.status {
                    write!(f, " (HTTP {status})")?;
                }
                write!(f, ": {}", self.message)?;
                if let Some(snippet) = &self.snippet {
                    write!(f, "; body starts with {snippet:?}")?;
                }
                Ok(())
            }
            ErrorKind::Timeout
            | ErrorKind::Connect
            | ErrorKind::Transport
            | ErrorKind::Serialize
            | ErrorKind::Config => f.write_str(&self.message),
        }
    }
}

/// The most characters of a response body an error keeps.
const SNIPPET_CHARS: usize = 200;

/// Returns at most [`SNIPPET_CHARS`] characters of a body, cut on a character boundary.
pub(crate) fn body_snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim();
    match trimmed.char_indices().nth(SNIPPET_CHARS) {
        Some((end, _)) => format!("{}...", &trimmed[..end]),
        None => trimmed.to_owned(),
    }
}

impl Error {
    fn from_inner(inner: Inner) -> Self {
        Error {
            inner: Box::new(inner),
        }
    }

    fn simple(kind: ErrorKind, message: String, source: Option<BoxError>) -> Self {
        Error::from_inner(Inner {
            kind,
            operation_id: None,
            status: None,
            errors: Vec::new(),
            field: None,
            message,
            snippet: None,
            source,
        })
    }

    /// Builds a validation error for `field` (a path such as `body[0].name`).
    ///
    /// The message must describe the constraint, never the value.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::from_inner(Inner {
            kind: ErrorKind::Validation,
            operation_id: None,
            status: None,
            errors: Vec::new(),
            field: Some(field.into()),
            message: message.into(),
            snippet: None,
            source: None,
        })
    }

    /// An error response from the API: a non-2xx status or `success: false`.
    pub(crate) fn api(
        status: StatusCode,
        errors: Vec<ResponseMessage>,
        snippet: Option<String>,
    ) -> Self {
        let message = if errors.is_empty() && snippet.is_none() {
            "the response carried no error details".to_owned()
        } else {
            String::new()
        };
        Error::from_inner(Inner {
            kind: ErrorKind::Api,
            operation_id: None,
            status: Some(status),
            errors,
            field: None,
            message,
            snippet,
            source: None,
        })
    }

    /// A 2xx response whose body could not be decoded.
    pub(crate) fn decode(status: StatusCode, message: impl Into<String>, body: &[u8]) -> Self {
        Error::from_inner(Inner {
            kind: ErrorKind::Decode,
            operation_id: None,
            status: Some(status),
            errors: Vec::new(),
            field: None,
            message: message.into(),
            snippet: Some(body_snippet(body)),
            source: None,
        })
    }

    /// The attempt did not finish within `timeout`.
    pub(crate) fn timeout(timeout: Duration) -> Self {
        Error::simple(
            ErrorKind::Timeout,
            format!("the request timed out after {timeout:?}"),
            None,
        )
    }

    /// A transport error from reqwest, classified as connect, timeout or other.
    pub(crate) fn transport(error: reqwest::Error, timeout: Duration) -> Self {
        // The URL is dropped: the error names the operation instead.
        let error = error.without_url();
        if error.is_timeout() {
            return Error::simple(
                ErrorKind::Timeout,
                format!("the request timed out after {timeout:?}"),
                Some(Box::new(error)),
            );
        }
        let (kind, message) = if error.is_connect() {
            (ErrorKind::Connect, "could not connect to the API")
        } else {
            (ErrorKind::Transport, "the connection to the API failed")
        };
        let message = format!("{message}: {}", error_chain(&error));
        Error::simple(kind, message, Some(Box::new(error)))
    }

    /// The request body could not be serialized; serde's message names the problem.
    pub(crate) fn serialize(error: serde_json::Error) -> Self {
        Error::simple(
            ErrorKind::Serialize,
            format!("could not serialize the request body: {error}"),
            None,
        )
    }

    /// The client is configured wrongly. The message must not contain a credential.
    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::simple(ErrorKind::Config, message.into(), None)
    }

    /// Attaches the operation id, unless one is already set.
    pub(crate) fn with_operation(mut self, operation_id: &'static str) -> Self {
        if self.inner.operation_id.is_none() {
            self.inner.operation_id = Some(operation_id);
        }
        self
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The HTTP status of the response, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        self.inner.status
    }

    /// Cloudflare's error codes from the response's `errors`, in order.
    pub fn codes(&self) -> Vec<i64> {
        self.inner.errors.iter().map(|error| error.code).collect()
    }

    /// Cloudflare's error objects (code, message, documentation URL, source pointer).
    pub fn errors(&self) -> &[ResponseMessage] {
        &self.inner.errors
    }

    /// The `operationId` of the operation that failed, if the error came from a request.
    pub fn operation_id(&self) -> Option<&'static str> {
        self.inner.operation_id
    }

    /// The field a validation error is about.
    pub fn field(&self) -> Option<&str> {
        self.inner.field.as_deref()
    }

    /// The start of a response body that could not be decoded (at most 200 characters).
    pub fn body_snippet(&self) -> Option<&str> {
        self.inner.snippet.as_deref()
    }

    /// True for HTTP 404.
    pub fn is_not_found(&self) -> bool {
        self.inner.status == Some(StatusCode::NOT_FOUND)
    }

    /// True for HTTP 409 (for example deleting a store that is not empty).
    pub fn is_conflict(&self) -> bool {
        self.inner.status == Some(StatusCode::CONFLICT)
    }

    /// True for HTTP 429.
    pub fn is_rate_limited(&self) -> bool {
        self.inner.status == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// True for errors that a retry may cure: connection failures, timeouts, 408, 409, 429 and
    /// 5xx. The client already retried these as far as its configuration allows.
    pub fn is_retryable(&self) -> bool {
        match self.inner.kind {
            ErrorKind::Connect | ErrorKind::Timeout | ErrorKind::Transport => true,
            ErrorKind::Api => self.inner.status.is_some_and(is_retryable_status),
            _ => false,
        }
    }

    /// True when an input failed validation before anything was sent.
    pub fn is_validation(&self) -> bool {
        self.inner.kind == ErrorKind::Validation
    }

    /// True when the request timed out.
    pub fn is_timeout(&self) -> bool {
        self.inner.kind == ErrorKind::Timeout
    }
}

/// The statuses the client retries for idempotent operations.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// Joins an error and its sources with `: `, so the root cause (such as "connection reset")
/// is visible in one line.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }

    #[test]
    fn snippet_is_cut_on_a_char_boundary() {
        let body = "é".repeat(300);
        let snippet = body_snippet(body.as_bytes());
        assert_eq!(snippet.chars().count(), SNIPPET_CHARS + 3);
        assert!(snippet.ends_with("..."));
        assert_eq!(body_snippet(b"  short  "), "short");
    }

    #[test]
    fn validation_error_names_the_field() {
        let error = Error::validation("body.name", "must not be empty").with_operation("putSecret");
        assert!(error.is_validation());
        assert_eq!(error.field(), Some("body.name"));
        assert_eq!(
            error.to_string(),
            "putSecret: invalid `body.name`: must not be empty"
        );
    }
}
