//! HTTP: the one axum handler that records requests, applies faults, checks credentials and
//! permissions, routes by the SDK's generated operation table, dispatches to
//! [`State`](crate::state::State) and saves what changed.
//!
//! There is no route table here: [`classify`] matches a request against
//! [`cloudflare_secrets::operations::OPERATIONS`] (method and path template, from the spec),
//! and [`handler_for`] maps each operation id to the code that serves it. A test checks that
//! every operation of the table has a handler.

use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State as AxumState};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use serde_json::Value;

use cloudflare_secrets::operations::OPERATIONS;
use cloudflare_secrets::runtime::OperationInfo;

use crate::auth::AuthConfig;
use crate::fault::{Fault, FaultAction, Outcome, RecordedRequest};
use crate::limits::{ApiError, ApiResult, codes};
use crate::listing::{ListQuery, PageResult, single_page};
use crate::persist::StateFile;
use crate::ring::Ring;
use crate::state::State;
use crate::wire::{
    Query, envelope_failure, error_response, is_empty_body, json_body, ok, success, success_list,
};
use crate::workers::ScriptKey;
use crate::{ADMIN_PREFIX, BASE_PATH};

/// The largest request body the emulator reads (100 secrets of 64 KiB fit).
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// What the handler shares with the [`EmulatorHandle`](crate::EmulatorHandle).
#[derive(Debug)]
pub struct Shared {
    pub state: Mutex<State>,
    pub faults: Mutex<Vec<Fault>>,
    pub requests: Mutex<Ring<RecordedRequest>>,
    pub auth: AuthConfig,
    /// Where `--state FILE` saves, if anywhere. Only locked while `state` is held.
    pub state_file: Option<Mutex<StateFile>>,
}

impl Shared {
    /// Writes what the state changed since the last save (nothing without a state file);
    /// the caller holds the state's lock, so the database sees changes in order.
    pub fn save(&self, state: &mut State) -> ApiResult<()> {
        let changes = state.take_changes();
        let Some(file) = &self.state_file else {
            return Ok(());
        };
        if changes.is_empty() {
            return Ok(());
        }
        lock(file).save(state, &changes).map_err(|error| {
            ApiError::new(
                500,
                codes::STATE_NOT_SAVED,
                format!(
                    "The change was made in memory but the state database was not written: {error}"
                ),
            )
        })
    }
}

/// Locks a mutex, going on with the data even if a thread panicked while holding it.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A response extension that tells the connection layer to close the socket instead of
/// writing the response.
#[derive(Clone, Copy, Debug)]
pub struct DropConnection;

/// The axum router: one fallback handler serves every path, so unknown routes get the
/// Cloudflare envelope rather than axum's plain 404.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

/// How a path matched the operation table.
enum Matched {
    Route(&'static OperationInfo, Vec<(&'static str, String)>),
    WrongMethod,
    NoRoute,
}

/// The path after [`BASE_PATH`], when the path is under it.
fn under_base(path: &str) -> Option<&str> {
    path.strip_prefix(BASE_PATH)
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Matches a method and a raw path against the SDK's [`OPERATIONS`].
fn classify(method: &str, path: &str) -> Matched {
    let Some(rest) = under_base(path) else {
        return Matched::NoRoute;
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let segments: Vec<&str> = rest.split('/').skip(1).collect();
    let mut path_exists = false;
    for route in OPERATIONS.iter().copied() {
        let template: Vec<&str> = route.path_template.split('/').skip(1).collect();
        if template.len() != segments.len() {
            continue;
        }
        let mut params = Vec::new();
        let fits = template.iter().zip(&segments).all(|(expected, actual)| {
            match expected
                .strip_prefix('{')
                .and_then(|name| name.strip_suffix('}'))
            {
                Some(name) if !actual.is_empty() => {
                    params.push((name, (*actual).to_owned()));
                    true
                }
                Some(_) => false,
                None => expected == actual,
            }
        });
        if !fits {
            continue;
        }
        if route.method.as_str() == method {
            return Matched::Route(route, params);
        }
        path_exists = true;
    }
    if path_exists {
        Matched::WrongMethod
    } else {
        Matched::NoRoute
    }
}

/// The 404 for a path no operation has; outside `/client/v4` it says where the API lives.
fn no_route(path: &str) -> ApiError {
    if under_base(path).is_some() {
        return ApiError::no_route("No route for the URI");
    }
    ApiError::no_route(format!(
        "No route for the URI: this emulator serves Cloudflare's API under {BASE_PATH} (give clients the base URL http://HOST:PORT{BASE_PATH}); did you mean {BASE_PATH}{}?",
        if path.starts_with('/') {
            path.to_owned()
        } else {
            format!("/{path}")
        }
    ))
}

/// Takes the first fault that matches a request, using one of its shots.
fn take_fault(shared: &Shared, method: &str, path: &str, operation: Option<&str>) -> Option<Fault> {
    let mut faults = lock(&shared.faults);
    let index = faults
        .iter()
        .position(|fault| fault.matches(method, path, operation))?;
    let fired = faults[index].clone();
    if let Some(remaining) = &mut faults[index].remaining {
        *remaining = remaining.saturating_sub(1);
        if *remaining == 0 {
            faults.remove(index);
        }
    }
    Some(fired)
}

/// The one handler: record, maybe fault, authenticate, dispatch.
async fn handle(AxumState(shared): AxumState<Arc<Shared>>, request: Request) -> Response {
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    if under_base(&path).is_some_and(|rest| rest.starts_with(ADMIN_PREFIX)) {
        return crate::admin::handle(&shared, &method, &path, &request);
    }
    let matched = classify(&method, &path);
    let operation = match &matched {
        Matched::Route(route, _) => Some(route.id),
        _ => None,
    };
    let fault = take_fault(&shared, &method, &path, operation);
    let number = lock(&shared.requests).push(RecordedRequest {
        method: method.clone(),
        path: path.clone(),
        query: request.uri().query().map(str::to_owned),
        operation,
        content_type: request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned),
        faulted: fault
            .as_ref()
            .is_some_and(|fault| !matches!(fault.action, FaultAction::PassThrough)),
        outcome: Outcome::Unanswered,
    });
    let response = match fault {
        Some(fault) => {
            if let Some(delay) = fault.delay {
                tokio::time::sleep(delay).await;
            }
            match fault.action {
                FaultAction::Respond {
                    status,
                    body,
                    headers,
                } => fault_response(status, body, &headers),
                FaultAction::DropConnection => {
                    let mut response = Response::new(Body::empty());
                    response.extensions_mut().insert(DropConnection);
                    response
                }
                FaultAction::PassThrough => serve(&shared, request, matched, &path).await,
            }
        }
        None => serve(&shared, request, matched, &path).await,
    };
    let outcome = if response.extensions().get::<DropConnection>().is_some() {
        Outcome::Dropped
    } else {
        Outcome::Status(response.status().as_u16())
    };
    if let Some(entry) = lock(&shared.requests).get_mut(number) {
        entry.outcome = outcome;
    }
    response
}

fn fault_response(status: u16, body: Option<String>, headers: &[(String, String)]) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = body.unwrap_or_else(|| {
        envelope_failure(&ApiError::new(
            status.as_u16(),
            1000,
            format!("Injected fault: HTTP {}", status.as_u16()),
        ))
        .to_string()
    });
    let mut response = (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response();
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}

/// Handles a request that no fault replaced.
async fn serve(shared: &Shared, request: Request, matched: Matched, path: &str) -> Response {
    let (route, params) = match matched {
        Matched::Route(route, params) => (route, params),
        Matched::WrongMethod => {
            return error_response(&ApiError::method_not_allowed(request.method().as_str()));
        }
        Matched::NoRoute => return error_response(&no_route(path)),
    };
    if let Err(error) = shared.auth.authorize(request.headers(), route) {
        return error_response(&error);
    }
    let query = Query::parse(request.uri().query());
    let body = match to_bytes(request.into_body(), MAX_BODY_BYTES).await {
        Ok(body) => body,
        Err(_) => {
            return error_response(&ApiError::new(
                413,
                codes::BODY_TOO_LARGE,
                format!("Request body is larger than {MAX_BODY_BYTES} bytes or was cut short"),
            ));
        }
    };
    let params = Params(params);
    let Some(handler) = handler_for(route.id) else {
        return error_response(&ApiError::new(
            501,
            codes::OPERATION_NOT_EMULATED,
            format!("The emulator does not handle operation {} yet", route.id),
        ));
    };
    // One lock for the operation and the save, so the database sees changes in order.
    let mut state = lock(&shared.state);
    let response = match handler(&mut state, &params, &query, &body) {
        Ok(response) => response,
        Err(error) => return error_response(&error),
    };
    match shared.save(&mut state) {
        Ok(()) => response,
        Err(error) => error_response(&error),
    }
}

/// The path parameters of the matched route, still percent-encoded.
struct Params(Vec<(&'static str, String)>);

impl Params {
    fn raw(&self, name: &str) -> ApiResult<&str> {
        self.0
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
            .ok_or_else(|| ApiError::no_route("No route for the URI"))
    }

    fn decoded(&self, name: &str) -> ApiResult<String> {
        let raw = self.raw(name)?;
        percent_decode_str(raw)
            .decode_utf8()
            .map(|text| text.into_owned())
            .map_err(|_| {
                ApiError::new(
                    400,
                    codes::NO_ROUTE,
                    format!("{name} is not valid UTF-8 once percent-decoded"),
                )
            })
    }

    /// The account id; longer than 32 characters cannot be routed, as on the real API.
    fn account(&self) -> ApiResult<String> {
        let account = self.decoded("account_id")?;
        if account.chars().count() > 32 {
            return Err(ApiError::no_route(
                "Could not route to this account, perhaps your object identifier is invalid?",
            ));
        }
        Ok(account)
    }

    fn script_key(&self) -> ApiResult<ScriptKey> {
        let namespace = match self.raw("dispatch_namespace") {
            Ok(_) => Some(self.decoded("dispatch_namespace")?),
            Err(_) => None,
        };
        Ok(ScriptKey {
            account: self.account()?,
            namespace,
            script: self.decoded("script_name")?,
        })
    }

    /// The secret name: percent-decoded when `url_encoded=true`, taken as sent otherwise.
    fn secret_name(&self, query: &Query) -> ApiResult<String> {
        if query.flag("url_encoded", codes::WORKER_INVALID)? {
            self.decoded("secret_name")
        } else {
            self.raw("secret_name").map(str::to_owned)
        }
    }
}

/// A page of a list in its envelope.
fn page(page: PageResult) -> ApiResult<Response> {
    Ok(success_list(page.items, page.result_info))
}

/// A `202` with `result: null`, what Secrets Store deletes answer.
fn accepted(result: Value) -> ApiResult<Response> {
    Ok(success(StatusCode::ACCEPTED, result))
}

/// What serves one operation: the state, the path parameters, the query and the raw body.
type Handler = fn(&mut State, &Params, &Query, &[u8]) -> ApiResult<Response>;

/// The code that serves an operation, by its `operationId`; `None` for an operation the
/// emulator does not know (a test fails when the spec has one).
fn handler_for(operation_id: &str) -> Option<Handler> {
    let handler: Handler = match operation_id {
        "worker-list-script-secrets" | "namespace-worker-list-script-secrets" => {
            |state, params, _, _| ok(state.worker_list(&params.script_key()?)?)
        }
        "worker-put-script-secret" | "namespace-worker-put-script-secret" => {
            |state, params, _, body| ok(state.worker_put(&params.script_key()?, &json_body(body)?)?)
        }
        "worker-get-script-secret" | "namespace-worker-get-script-secret" => {
            |state, params, query, _| {
                let key = params.script_key()?;
                ok(state.worker_get(&key, &params.secret_name(query)?)?)
            }
        }
        "worker-delete-script-secret" | "namespace-worker-delete-script-secret" => {
            |state, params, query, _| {
                let key = params.script_key()?;
                ok(state.worker_delete(&key, &params.secret_name(query)?)?)
            }
        }
        "worker-patch-script-secrets-bulk" | "namespace-worker-patch-script-secrets-bulk" => {
            |state, params, _, body| {
                let key = params.script_key()?;
                ok(state.worker_bulk_patch(&key, &json_body(body)?)?)
            }
        }
        "secrets-store-quota" => |state, params, _, _| ok(state.quota(&params.account()?)),
        "secrets-store-list" => |state, params, query, _| {
            let list = ListQuery::from_query(query)?;
            page(state.store_list(&params.account()?, &list))
        },
        "secrets-store-create" => {
            |state, params, _, body| ok(state.store_create(&params.account()?, &json_body(body)?)?)
        }
        "secrets-store-get-store-by-id" => |state, params, _, _| {
            ok(state.store_get(&params.account()?, &params.decoded("store_id")?)?)
        },
        "secrets-store-delete-by-id" => |state, params, query, _| {
            let store = params.decoded("store_id")?;
            let force = query.flag("force", codes::STORE_INVALID)?;
            ok(state.store_delete(&params.account()?, &store, force)?)
        },
        "secrets-store-secrets-list" => |state, params, query, _| {
            let store = params.decoded("store_id")?;
            let list = ListQuery::from_query(query)?;
            page(state.secret_list(&params.account()?, &store, &list)?)
        },
        "secrets-store-secret-create" => |state, params, _, body| {
            let store = params.decoded("store_id")?;
            let created = state.secret_create(&params.account()?, &store, &json_body(body)?)?;
            page(single_page(created))
        },
        "secrets-store-delete-bulk" => |state, params, _, body| {
            let store = params.decoded("store_id")?;
            let body = if is_empty_body(body) {
                None
            } else {
                Some(json_body(body)?)
            };
            accepted(state.secret_bulk_delete(&params.account()?, &store, body.as_ref())?)
        },
        "secrets-store-get-by-id" => |state, params, _, _| {
            let store = params.decoded("store_id")?;
            let secret = params.decoded("secret_id")?;
            ok(state.secret_get(&params.account()?, &store, &secret)?)
        },
        "secrets-store-patch-by-id" => |state, params, _, body| {
            let store = params.decoded("store_id")?;
            let secret = params.decoded("secret_id")?;
            let body = json_body(body)?;
            ok(state.secret_patch(&params.account()?, &store, &secret, &body)?)
        },
        "secrets-store-secret-delete-by-id" => |state, params, _, _| {
            let store = params.decoded("store_id")?;
            let secret = params.decoded("secret_id")?;
            accepted(state.secret_delete(&params.account()?, &store, &secret)?)
        },
        "secrets-store-duplicate-by-id" => |state, params, _, body| {
            let store = params.decoded("store_id")?;
            let secret = params.decoded("secret_id")?;
            let body = json_body(body)?;
            ok(state.secret_duplicate(&params.account()?, &store, &secret, &body)?)
        },
        _ => return None,
    };
    Some(handler)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_of_the_spec_routes_to_itself_and_has_a_handler() {
        for route in OPERATIONS.iter().copied() {
            let path = format!(
                "{BASE_PATH}{}",
                route.path_template.replace('{', "x").replace('}', "")
            );
            match classify(route.method.as_str(), &path) {
                Matched::Route(found, _) => assert_eq!(found.id, route.id),
                _ => panic!("{} {} does not route", route.method, route.path_template),
            }
            assert!(
                handler_for(route.id).is_some(),
                "the spec has operation {} ({} {}) but the emulator has no handler for it: add one in handler_for",
                route.id,
                route.method,
                route.path_template
            );
        }
        assert!(handler_for("not-an-operation").is_none());
    }

    #[test]
    fn unknown_paths_and_methods_are_told_apart() {
        assert!(matches!(
            classify("GET", "/client/v4/accounts/a/nothing"),
            Matched::NoRoute
        ));
        assert!(matches!(classify("GET", "/elsewhere"), Matched::NoRoute));
        assert!(matches!(
            classify("GET", "/client/v4x/accounts/a/secrets_store/quota"),
            Matched::NoRoute
        ));
        assert!(matches!(
            classify("POST", "/client/v4/accounts/a/secrets_store/quota"),
            Matched::WrongMethod
        ));
        assert!(matches!(
            classify("GET", "/client/v4/accounts//secrets_store/quota"),
            Matched::NoRoute
        ));
    }

    #[test]
    fn a_path_outside_the_base_is_told_where_the_api_lives() {
        let outside = no_route("/accounts/a/secrets_store/quota");
        assert_eq!(outside.status, 404);
        assert!(
            outside
                .message
                .contains("did you mean /client/v4/accounts/a/secrets_store/quota?"),
            "{}",
            outside.message
        );
        assert_eq!(
            no_route("/client/v4/accounts/a/nothing").message,
            "No route for the URI"
        );
    }
}
