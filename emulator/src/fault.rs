//! Fault injection and the request log: what tests use to make the emulator misbehave on purpose
//! and to count what a client sent.

use std::time::Duration;

/// A fault to inject into the emulator's answers, built with [`Fault::status`],
/// [`Fault::drop_connection`] or [`Fault::delay`] and narrowed with [`Fault::times`],
/// [`Fault::matching`] and [`Fault::operation`].
///
/// A fault applies to the next request it matches (once by default) and is then used up. Faults
/// are tried in the order they were injected; the first one that matches a request is the one
/// that fires, and at most one fault fires per request.
///
/// ```
/// use std::time::Duration;
/// use cloudflare_secrets_emulator::Fault;
///
/// // The next two PUTs to a Workers path answer 503.
/// let fault = Fault::status(503).times(2).matching("PUT", "/workers/");
/// // The next request of any kind waits 50 ms and then gets a 429 asking for a 1 s pause.
/// let slow = Fault::status(429).retry_after(1).after(Duration::from_millis(50));
/// # let _ = (fault, slow);
/// ```
#[derive(Clone, Debug)]
pub struct Fault {
    pub(crate) action: FaultAction,
    pub(crate) remaining: Option<u32>,
    pub(crate) method: Option<String>,
    pub(crate) path_contains: Option<String>,
    pub(crate) operation: Option<String>,
    pub(crate) delay: Option<Duration>,
}

/// What a fault does once it fires.
#[derive(Clone, Debug)]
pub(crate) enum FaultAction {
    /// Answer with this status, headers and body instead of handling the request.
    Respond {
        status: u16,
        body: Option<String>,
        headers: Vec<(String, String)>,
    },
    /// Close the connection without writing any response.
    DropConnection,
    /// Wait (see `Fault::delay`) and then handle the request normally.
    PassThrough,
}

impl Fault {
    /// Answers with `status` and a Cloudflare error envelope (code 1000 + status, with a message
    /// saying the fault was injected) instead of handling the request.
    pub fn status(status: u16) -> Fault {
        Fault::new(FaultAction::Respond {
            status,
            body: None,
            headers: Vec::new(),
        })
    }

    /// Closes the connection without writing a response, as a crashed proxy would. The request is
    /// not handled, so the emulator's state does not change.
    pub fn drop_connection() -> Fault {
        Fault::new(FaultAction::DropConnection)
    }

    /// Waits `delay` before handling the request normally (useful for timeouts).
    pub fn delay(delay: Duration) -> Fault {
        Fault::new(FaultAction::PassThrough).after(delay)
    }

    fn new(action: FaultAction) -> Fault {
        Fault {
            action,
            remaining: Some(1),
            method: None,
            path_contains: None,
            operation: None,
            delay: None,
        }
    }

    /// Fires for the next `n` matching requests instead of only the next one.
    pub fn times(mut self, n: u32) -> Fault {
        self.remaining = Some(n);
        self
    }

    /// Fires for every matching request until [`EmulatorHandle::clear_faults`](crate::EmulatorHandle::clear_faults).
    pub fn always(mut self) -> Fault {
        self.remaining = None;
        self
    }

    /// Fires only for requests with this HTTP method (case-insensitive; `"*"` means any) whose
    /// path contains `path_fragment` (the raw, percent-encoded path, `/client/v4` included).
    pub fn matching(mut self, method: &str, path_fragment: &str) -> Fault {
        self.method = (method != "*").then(|| method.to_ascii_uppercase());
        self.path_contains = Some(path_fragment.to_owned());
        self
    }

    /// Fires only for requests to this operation, named by its OpenAPI `operationId` (for
    /// example `worker-put-script-secret` or `secrets-store-secret-create`; see
    /// [`OPERATIONS`](cloudflare_secrets::operations::OPERATIONS)).
    pub fn operation(mut self, operation_id: &str) -> Fault {
        self.operation = Some(operation_id.to_owned());
        self
    }

    /// Waits `delay` before the fault acts.
    pub fn after(mut self, delay: Duration) -> Fault {
        self.delay = Some(delay);
        self
    }

    /// Replaces the response body (sent as `application/json`). Only meaningful for
    /// [`Fault::status`].
    pub fn body(mut self, body: impl Into<String>) -> Fault {
        if let FaultAction::Respond { body: slot, .. } = &mut self.action {
            *slot = Some(body.into());
        }
        self
    }

    /// Adds a response header. Only meaningful for [`Fault::status`].
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Fault {
        if let FaultAction::Respond { headers, .. } = &mut self.action {
            headers.push((name.into(), value.into()));
        }
        self
    }

    /// Adds `Retry-After: seconds`. Only meaningful for [`Fault::status`].
    pub fn retry_after(self, seconds: u64) -> Fault {
        self.header("retry-after", seconds.to_string())
    }

    /// Adds `retry-after-ms: millis`. Only meaningful for [`Fault::status`].
    pub fn retry_after_ms(self, millis: u64) -> Fault {
        self.header("retry-after-ms", millis.to_string())
    }

    /// Whether this fault applies to a request.
    pub(crate) fn matches(&self, method: &str, path: &str, operation: Option<&str>) -> bool {
        if self.remaining == Some(0) {
            return false;
        }
        if let Some(wanted) = &self.method
            && !wanted.eq_ignore_ascii_case(method)
        {
            return false;
        }
        if let Some(fragment) = &self.path_contains
            && !path.contains(fragment.as_str())
        {
            return false;
        }
        if let Some(wanted) = &self.operation
            && operation != Some(wanted.as_str())
        {
            return false;
        }
        true
    }
}

/// How the emulator answered one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A response with this status was sent.
    Status(u16),
    /// The connection was closed without a response (an injected fault).
    Dropped,
    /// No answer yet: the request is still being handled, or the client went away first.
    Unanswered,
}

/// One request the emulator received, in arrival order. Credentials and bodies are not kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The HTTP method, upper case (`PUT`).
    pub method: String,
    /// The raw path as sent, percent-encoding kept (`/client/v4/accounts/a/...`).
    pub path: String,
    /// The raw query string without `?`, if there was one.
    pub query: Option<String>,
    /// The `operationId` of the route the request matched, if any.
    pub operation: Option<&'static str>,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// Whether an injected fault handled this request instead of the API.
    pub faulted: bool,
    /// The answer.
    pub outcome: Outcome,
}

impl RecordedRequest {
    /// The answer's status, or `None` when the connection was dropped.
    pub fn status(&self) -> Option<u16> {
        match self.outcome {
            Outcome::Status(status) => Some(status),
            Outcome::Dropped | Outcome::Unanswered => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_matches_on_method_path_and_operation() {
        let fault = Fault::status(503)
            .matching("put", "/workers/")
            .operation("worker-put-script-secret");
        assert!(fault.matches(
            "PUT",
            "/client/v4/accounts/a/workers/scripts/s/secrets",
            Some("worker-put-script-secret")
        ));
        assert!(!fault.matches(
            "GET",
            "/client/v4/accounts/a/workers/scripts/s/secrets",
            Some("worker-put-script-secret")
        ));
        assert!(!fault.matches(
            "PUT",
            "/client/v4/accounts/a/secrets_store/stores",
            Some("worker-put-script-secret")
        ));
        assert!(!fault.matches(
            "PUT",
            "/client/v4/accounts/a/workers/scripts/s/secrets",
            Some("worker-list-script-secrets")
        ));
    }

    #[test]
    fn a_used_up_fault_no_longer_matches() {
        let fault = Fault::drop_connection().times(0);
        assert!(!fault.matches("GET", "/", None));
        assert!(Fault::drop_connection().always().matches("GET", "/", None));
        assert!(
            Fault::status(500)
                .matching("*", "")
                .matches("DELETE", "/x", None)
        );
    }
}
