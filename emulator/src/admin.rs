//! The emulator's own paths under `/client/v4/__emulator`, which Cloudflare does not have. Any
//! valid credentials may call them; they are not in the request log and faults do not apply.
//!
//! | method and path | what it does |
//! |---|---|
//! | `GET /__emulator/audit[?account_id=ID]` | the audit log (newest events, oldest first); `result_info` says `count`, `dropped` and `capacity` |
//! | `GET /__emulator/requests` | the request log, the same way |
//! | `PUT /__emulator/accounts/{account_id}/workers/scripts/{script_name}` | declares a Worker in one account (`201` when new, `200` when it existed) |
//! | `PUT /__emulator/accounts/{account_id}/workers/dispatch/namespaces/{namespace}/scripts/{script_name}` | declares a Workers for Platforms script |

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::Response;
use percent_encoding::percent_decode_str;
use serde_json::{Value, json};

use crate::fault::{Outcome, RecordedRequest};
use crate::limits::{ApiError, ApiResult};
use crate::ring::Ring;
use crate::routes::{Shared, lock};
use crate::wire::{Query, error_response, json_response, success};
use crate::workers::ScriptKey;
use crate::{ADMIN_PREFIX, BASE_PATH};

/// `result_info` of a log: how many entries are shown, dropped and kept at most.
fn log_info<T>(ring: &Ring<T>, shown: usize) -> Value {
    json!({"count": shown, "dropped": ring.dropped(), "capacity": ring.capacity()})
}

/// A list envelope with a log's `result_info`.
fn log_response(items: Vec<Value>, info: Value) -> Response {
    json_response(
        StatusCode::OK,
        &json!({"success": true, "errors": [], "messages": [], "result": items, "result_info": info}),
    )
}

/// One recorded request as the admin path shows it.
fn request_json(request: &RecordedRequest) -> Value {
    let (outcome, status) = match request.outcome {
        Outcome::Status(status) => ("answered", Some(status)),
        Outcome::Dropped => ("dropped", None),
        Outcome::Unanswered => ("unanswered", None),
    };
    json!({
        "method": request.method,
        "path": request.path,
        "query": request.query,
        "operation": request.operation,
        "content_type": request.content_type,
        "faulted": request.faulted,
        "outcome": outcome,
        "status": status,
    })
}

/// Reads a script key from the segments after `/accounts/`.
fn script_key(segments: &[&str]) -> Option<ScriptKey> {
    let decode = |segment: &str| {
        (!segment.is_empty())
            .then(|| percent_decode_str(segment).decode_utf8().ok())
            .flatten()
            .map(|text| text.into_owned())
    };
    match segments {
        [account, "workers", "scripts", script] => Some(ScriptKey {
            account: decode(account)?,
            namespace: None,
            script: decode(script)?,
        }),
        [
            account,
            "workers",
            "dispatch",
            "namespaces",
            namespace,
            "scripts",
            script,
        ] => Some(ScriptKey {
            account: decode(account)?,
            namespace: Some(decode(namespace)?),
            script: decode(script)?,
        }),
        _ => None,
    }
}

/// Answers a request whose path starts with `/client/v4/__emulator`.
pub(crate) fn handle(shared: &Shared, method: &str, path: &str, request: &Request) -> Response {
    match answer(shared, method, path, request) {
        Ok(response) => response,
        Err(error) => error_response(&error),
    }
}

fn answer(shared: &Shared, method: &str, path: &str, request: &Request) -> ApiResult<Response> {
    shared.auth.authenticate(request.headers())?;
    let rest = path
        .strip_prefix(BASE_PATH)
        .and_then(|rest| rest.strip_prefix(ADMIN_PREFIX))
        .unwrap_or_default()
        .trim_end_matches('/');
    let segments: Vec<&str> = rest.split('/').skip(1).collect();
    match (method, segments.as_slice()) {
        ("GET", ["audit"]) => {
            let query = Query::parse(request.uri().query());
            let account = query.first("account_id");
            let state = lock(&shared.state);
            let log = state.audit_log();
            let events: Vec<Value> = log
                .iter()
                .filter(|event| account.is_none_or(|wanted| event.account_id == wanted))
                .map(|event| serde_json::to_value(event).unwrap_or(Value::Null))
                .collect();
            let info = log_info(log, events.len());
            Ok(log_response(events, info))
        }
        ("GET", ["requests"]) => {
            let log = lock(&shared.requests);
            let requests: Vec<Value> = log.iter().map(request_json).collect();
            let info = log_info(&log, requests.len());
            Ok(log_response(requests, info))
        }
        ("PUT", ["accounts", script @ ..]) if script_key(script).is_some() => {
            let key =
                script_key(script).ok_or_else(|| ApiError::no_route("No route for the URI"))?;
            let mut state = lock(&shared.state);
            let created = state.declare_worker(&key)?;
            shared.save(&mut state)?;
            let status = if created {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            Ok(success(
                status,
                json!({
                    "account_id": key.account,
                    "dispatch_namespace": key.namespace,
                    "script_name": key.script,
                }),
            ))
        }
        (_, ["audit" | "requests"]) => Err(ApiError::method_not_allowed(method)),
        (_, ["accounts", script @ ..]) if script_key(script).is_some() => {
            Err(ApiError::method_not_allowed(method))
        }
        _ => Err(ApiError::no_route(format!(
            "No route for the URI: the emulator's own paths are GET {BASE_PATH}{ADMIN_PREFIX}/audit, GET {BASE_PATH}{ADMIN_PREFIX}/requests and PUT {BASE_PATH}{ADMIN_PREFIX}/accounts/{{account_id}}/workers/scripts/{{script_name}}"
        ))),
    }
}
