//! The SDK's one error type, [`Error`], with the HTTP status, Cloudflare's error codes and
//! messages, and the operation that failed.
//!
//! An error reads the same wherever it is printed: `Debug` (what `main` prints when it returns
//! the error) shows the `Display` line (operation, status, Cloudflare's codes and messages, the
//! field), and `{:#?}` shows every part; the accessors give them to code.
//!
//! An error never holds a request body, a credential or a value that failed validation: only
//! field names, statuses, Cloudflare's messages and a short snippet of the response. The
//! snippet has the values of sensitive fields (`text`, `value`, `key_base64`, `key_jwk`, ...)
//! replaced by `[REDACTED]`, and the client removes its own credentials and the secret values
//! of the request from every text of the error ([`Error::scrub`]), in case a server echoes
//! them.

use std::fmt;
use std::time::Duration;

pub use reqwest::StatusCode;

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
/// `Display` and `Debug` print the same one line, so an error returned from `main` reads
/// `Error: worker-put-script-secret: HTTP 403 Forbidden: Authentication error [code 10000]`;
/// the alternate `Debug` (`{:#?}`) prints every part (kind, operation, status, errors, field,
/// snippet, source). Neither ever shows a secret.
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
    /// The `Display` line; with `{:#?}`, the structure.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            fmt::Debug::fmt(&self.inner, f)
        } else {
            fmt::Display::fmt(&self.inner, f)
        }
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
                if self.errors.is_empty()
                    && let Some(snippet) = &self.snippet
                    && !snippet.is_empty()
                {
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

/// The JSON keys whose values a snippet never shows: the spec's sensitive fields (binding
/// `text`, `key_base64`, `key_jwk`, Secrets Store `value`) and common credential names.
const SENSITIVE_KEYS: &[&str] = &[
    "text",
    "value",
    "key_base64",
    "key_jwk",
    "secret",
    "password",
    "token",
    "api_token",
    "api_key",
    "private_key",
    "authorization",
    "x-auth-key",
    "x-auth-user-service-key",
];

/// True when `key` (compared without case) names a sensitive value.
pub(crate) fn is_sensitive_key(key: &str) -> bool {
    SENSITIVE_KEYS
        .iter()
        .any(|sensitive| sensitive.eq_ignore_ascii_case(key))
}

/// What replaces a hidden value.
const REDACTED: &str = "[REDACTED]";

/// Returns at most [`SNIPPET_CHARS`] characters of a body, cut on a character boundary, with
/// the values of [`SENSITIVE_KEYS`] replaced by `[REDACTED]` (also in a body that is not
/// valid JSON, such as a truncated one).
pub(crate) fn body_snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let redacted = redact_sensitive_values(text.trim());
    cut(&redacted, SNIPPET_CHARS)
}

/// `text` cut to at most `limit` characters, with `...` when something was cut.
fn cut(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}

/// Replaces the value after every `"key":` whose key (compared without case) is in
/// [`SENSITIVE_KEYS`]: a string up to its closing quote, an object or array up to its matching
/// bracket, anything else up to the next `,` or `}`; whatever is cut off by the end of the
/// text is hidden too. Works on any text, so a truncated or malformed body is covered.
pub(crate) fn redact_sensitive_values(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0usize;
    let mut index = 0usize;
    while index < bytes.len() {
        if bytes[index] != b'"' {
            index += 1;
            continue;
        }
        let key_end = string_end(bytes, index + 1);
        let key = &text[index + 1..key_end.min(bytes.len())];
        let mut after = key_end.saturating_add(1);
        while after < bytes.len() && bytes[after].is_ascii_whitespace() {
            after += 1;
        }
        let is_key = after < bytes.len() && bytes[after] == b':';
        if !is_key {
            index = key_end.saturating_add(1);
            continue;
        }
        after += 1;
        while after < bytes.len() && bytes[after].is_ascii_whitespace() {
            after += 1;
        }
        if !is_sensitive_key(key) {
            index = after;
            continue;
        }
        let value_end = value_end(bytes, after);
        out.push_str(&text[copied..after]);
        out.push('"');
        out.push_str(REDACTED);
        out.push('"');
        copied = value_end;
        index = value_end;
    }
    out.push_str(&text[copied..]);
    out
}

/// The index of the quote that closes the string whose contents start at `start` (or the
/// length of the text when it is not closed).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut index = start;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 2,
            b'"' => return index,
            _ => index += 1,
        }
    }
    bytes.len()
}

/// The end (exclusive) of the JSON value that starts at `start`; the length of the text when
/// it is not closed.
fn value_end(bytes: &[u8], start: usize) -> usize {
    match bytes.get(start) {
        None => bytes.len(),
        Some(b'"') => (string_end(bytes, start + 1) + 1).min(bytes.len()),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut index = start;
            while index < bytes.len() {
                match bytes[index] {
                    b'"' => {
                        index = string_end(bytes, index + 1);
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return index + 1;
                        }
                    }
                    _ => {}
                }
                index += 1;
            }
            bytes.len()
        }
        Some(_) => {
            let mut index = start;
            while index < bytes.len() && !matches!(bytes[index], b',' | b'}' | b']') {
                index += 1;
            }
            index
        }
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

    /// Replaces the message (for errors whose default message says too little).
    pub(crate) fn with_message(mut self, message: impl Into<String>) -> Self {
        self.inner.message = message.into();
        self
    }

    /// Replaces every occurrence of each of `secrets` (the client's credentials, the secret
    /// values of the request) in the error's texts with `[REDACTED]`: a server may echo them
    /// where no key marks them as sensitive. Secrets shorter than 4 characters are skipped,
    /// as they would hide ordinary words.
    pub(crate) fn scrub(mut self, secrets: &[&str]) -> Self {
        let scrub_text = |text: &mut String| {
            for secret in secrets.iter().filter(|secret| secret.chars().count() >= 4) {
                if text.contains(secret) {
                    *text = text.replace(secret, REDACTED);
                }
            }
        };
        let inner = &mut *self.inner;
        scrub_text(&mut inner.message);
        if let Some(snippet) = &mut inner.snippet {
            scrub_text(snippet);
        }
        for error in &mut inner.errors {
            scrub_text(&mut error.message);
            if let Some(url) = &mut error.documentation_url {
                scrub_text(url);
            }
            if let Some(pointer) = error
                .source
                .as_mut()
                .and_then(|source| source.pointer.as_mut())
            {
                scrub_text(pointer);
            }
        }
        self
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

    /// The HTTP status of the response, if there was one ([`StatusCode`] is re-exported at the
    /// crate root: `cloudflare_secrets::StatusCode::NOT_FOUND`).
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

    /// The start of the response body (at most 200 characters, sensitive values redacted), for
    /// API errors and bodies that could not be decoded.
    pub fn body_snippet(&self) -> Option<&str> {
        self.inner.snippet.as_deref()
    }

    /// True for HTTP 401: the credentials are missing, malformed or not valid (Cloudflare code
    /// 10000 or 9109, for example).
    pub fn is_unauthorized(&self) -> bool {
        self.inner.status == Some(StatusCode::UNAUTHORIZED)
    }

    /// True for HTTP 403: the credentials are valid but lack a permission the operation needs
    /// (see the operation's `Token permissions` in its docs).
    pub fn is_forbidden(&self) -> bool {
        self.inner.status == Some(StatusCode::FORBIDDEN)
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
    fn sensitive_values_are_redacted_even_in_broken_json() {
        let cases = [
            (
                r#"{"name":"A","text":"hunter2-x","type":"secret_text"}"#,
                r#"{"name":"A","text":"[REDACTED]","type":"secret_text"}"#,
            ),
            (
                r#"{"key_jwk": {"k": "hunter2-x", "n": [1]}, "b": 1}"#,
                r#"{"key_jwk": "[REDACTED]", "b": 1}"#,
            ),
            (r#"{"Value" : "hunter2-x"#, r#"{"Value" : "[REDACTED]""#),
            (
                r#"{"value": 12345, "x": "y"}"#,
                r#"{"value": "[REDACTED]", "x": "y"}"#,
            ),
            (r#"["text", "hunter2-x"]"#, r#"["text", "hunter2-x"]"#),
            (r#"{"a\"text": "b"}"#, r#"{"a\"text": "b"}"#),
        ];
        for (body, expected) in cases {
            assert_eq!(redact_sensitive_values(body), expected, "{body}");
        }
    }

    #[test]
    fn scrub_removes_known_secrets_everywhere() {
        let error = Error::decode(StatusCode::OK, "echo hunter2-x", br#"{"note":"hunter2-x"}"#)
            .scrub(&["hunter2-x", "ab"]);
        let text = format!("{error} {error:?}");
        assert!(!text.contains("hunter2-x"), "{text}");
        assert!(text.contains("[REDACTED]"), "{text}");
    }

    #[test]
    fn debug_prints_the_display_line_and_alternate_debug_the_structure() {
        let error = Error::api(
            StatusCode::FORBIDDEN,
            vec![ResponseMessage {
                code: 10000,
                message: "Authentication error".to_owned(),
                documentation_url: None,
                source: None,
            }],
            None,
        )
        .with_operation("worker-put-script-secret");
        let line =
            "worker-put-script-secret: HTTP 403 Forbidden: Authentication error [code 10000]";
        assert_eq!(error.to_string(), line);
        assert_eq!(format!("{error:?}"), line);
        let structure = format!("{error:#?}");
        for part in [
            "kind: Api",
            "operation_id",
            "status",
            "errors",
            "10000",
            "snippet",
        ] {
            assert!(structure.contains(part), "{part} missing from {structure}");
        }
        assert!(error.is_forbidden() && !error.is_unauthorized());
        let unauthorized = Error::api(StatusCode::UNAUTHORIZED, Vec::new(), None);
        assert!(unauthorized.is_unauthorized() && !unauthorized.is_forbidden());
        assert_eq!(unauthorized.status(), Some(StatusCode::UNAUTHORIZED));
        let config = Error::config("no Cloudflare credentials: set CLOUDFLARE_API_TOKEN");
        assert_eq!(
            format!("{config:?}"),
            "no Cloudflare credentials: set CLOUDFLARE_API_TOKEN"
        );
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
