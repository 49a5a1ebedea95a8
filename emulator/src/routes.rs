//! HTTP: the one axum handler that records requests, applies faults, checks credentials and
//! permissions, routes by the SDK's generated operation table and dispatches to
//! [`State`](crate::state::State), and the Cloudflare envelopes.
//!
//! There is no route table here: [`classify`] matches a request against
//! [`cloudflare_secrets::operations::OPERATIONS`] (method and path template, from the spec),
//! and [`handler_for`] maps each operation id to the code that serves it. A test checks that
//! every operation of the table has a handler.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State as AxumState};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use serde_json::{Value, json};

use cloudflare_secrets::operations::OPERATIONS;
use cloudflare_secrets::runtime::OperationInfo;

use crate::fault::{Fault, FaultAction, Outcome, RecordedRequest};
use crate::permissions::{Permission, allows};
use crate::persist::StateFile;
use crate::state::{ApiError, ApiResult, ListQuery, PageResult, ScriptKey, State, codes};

/// The path every route lives under.
pub const BASE_PATH: &str = "/client/v4";

/// The largest request body the emulator reads (100 secrets of 64 KiB fit).
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// The path prefix (under [`BASE_PATH`]) of the emulator's own admin paths, which Cloudflare
/// does not have: `GET /client/v4/__emulator/audit`.
pub const ADMIN_PREFIX: &str = "/__emulator";

/// The credentials the emulator accepts.
#[derive(Clone, Debug, Default)]
pub struct AuthConfig {
    /// Bearer tokens and the permissions each carries. Token text is never logged.
    pub tokens: Vec<(String, BTreeSet<Permission>)>,
    /// When set, `X-Auth-Email` + `X-Auth-Key` must carry exactly these (a global key holds
    /// every permission).
    pub global_key: Option<(String, String)>,
}

impl AuthConfig {
    fn is_open(&self) -> bool {
        self.tokens.is_empty() && self.global_key.is_none()
    }
}

/// What the handler shares with the [`EmulatorHandle`](crate::EmulatorHandle).
#[derive(Debug)]
pub struct Shared {
    pub state: Mutex<State>,
    pub faults: Mutex<Vec<Fault>>,
    pub requests: Mutex<Vec<RecordedRequest>>,
    pub auth: AuthConfig,
    /// Where `--state FILE` saves, if anywhere.
    pub state_file: Option<StateFile>,
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

/// Matches a method and a raw path against the SDK's [`OPERATIONS`].
fn classify(method: &str, path: &str) -> Matched {
    let Some(rest) = path.strip_prefix(BASE_PATH) else {
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

/// Records a request and returns its index in the log.
fn record(shared: &Shared, request: RecordedRequest) -> usize {
    let mut requests = lock(&shared.requests);
    requests.push(request);
    requests.len() - 1
}

/// The one handler: record, maybe fault, authenticate, dispatch.
async fn handle(AxumState(shared): AxumState<Arc<Shared>>, request: Request) -> Response {
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let matched = classify(&method, &path);
    if path
        .strip_prefix(BASE_PATH)
        .is_some_and(|rest| rest.starts_with(ADMIN_PREFIX))
    {
        return admin(&shared, &method, &path, &request);
    }
    let operation = match &matched {
        Matched::Route(route, _) => Some(route.id),
        _ => None,
    };
    let fault = take_fault(&shared, &method, &path, operation);
    let index = record(
        &shared,
        RecordedRequest {
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
        },
    );
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
                FaultAction::PassThrough => serve(&shared, request, matched).await,
            }
        }
        None => serve(&shared, request, matched).await,
    };
    let outcome = if response.extensions().get::<DropConnection>().is_some() {
        Outcome::Dropped
    } else {
        Outcome::Status(response.status().as_u16())
    };
    if let Some(entry) = lock(&shared.requests).get_mut(index) {
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
async fn serve(shared: &Shared, request: Request, matched: Matched) -> Response {
    let (route, params) = match matched {
        Matched::Route(route, params) => (route, params),
        Matched::WrongMethod => {
            return error_response(&ApiError::new(
                405,
                codes::METHOD_NOT_ALLOWED,
                format!("Method {} not allowed for this route", request.method()),
            ));
        }
        Matched::NoRoute => {
            return error_response(&ApiError::new(404, codes::NO_ROUTE, "No route for the URI"));
        }
    };
    let held = match check_auth(&shared.auth, request.headers()) {
        Ok(held) => held,
        Err(error) => return error_response(&error),
    };
    if !allows(&held, route.permissions) {
        return error_response(&ApiError::new(
            403,
            codes::PERMISSION_DENIED,
            format!(
                "Authentication error: this token lacks the permission {} needs (any of: {})",
                route.id,
                route.permissions.join(", ")
            ),
        ));
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
    // One lock for the operation and the save, so the file sees changes in order.
    let mut state = lock(&shared.state);
    let revision = state.revision();
    let response = match handler(&mut state, &params, &query, &body) {
        Ok(response) => response,
        Err(error) => return error_response(&error),
    };
    if state.revision() != revision
        && let Some(file) = &shared.state_file
        && let Err(error) = file.save(&state)
    {
        return error_response(&ApiError::new(
            500,
            codes::STATE_NOT_SAVED,
            format!("The change was made in memory but the state file was not written: {error}"),
        ));
    }
    response
}

/// Answers the emulator's own paths (no faults, not in the request log): `GET
/// /client/v4/__emulator/audit[?account_id=...]` lists audit events in a success envelope.
/// Any valid credentials may read it.
fn admin(shared: &Shared, method: &str, path: &str, request: &Request) -> Response {
    if let Err(error) = check_auth(&shared.auth, request.headers()) {
        return error_response(&error);
    }
    let rest = path
        .strip_prefix(BASE_PATH)
        .and_then(|rest| rest.strip_prefix(ADMIN_PREFIX))
        .unwrap_or_default();
    match (method, rest.trim_end_matches('/')) {
        ("GET", "/audit") => {
            let query = Query::parse(request.uri().query());
            let account = query.first("account_id").map(str::to_owned);
            let state = lock(&shared.state);
            let events: Vec<Value> = state
                .audit_events()
                .iter()
                .filter(|event| {
                    account
                        .as_ref()
                        .is_none_or(|wanted| &event.account_id == wanted)
                })
                .map(|event| serde_json::to_value(event).unwrap_or(Value::Null))
                .collect();
            success(StatusCode::OK, Value::Array(events))
        }
        (_, "/audit") => error_response(&ApiError::new(
            405,
            codes::METHOD_NOT_ALLOWED,
            format!("Method {method} not allowed for this route"),
        )),
        _ => error_response(&ApiError::new(404, codes::NO_ROUTE, "No route for the URI")),
    }
}

/// Checks the credential headers; returns the permissions the caller holds.
fn check_auth(auth: &AuthConfig, headers: &HeaderMap) -> ApiResult<BTreeSet<Permission>> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
            .filter(|value| !value.is_empty())
    };
    let bearer = text("authorization").and_then(|value| {
        let (scheme, token) = value.split_once(' ')?;
        let token = token.trim();
        (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
    });
    let email_and_key = text("x-auth-email").zip(text("x-auth-key"));
    let service_key = text("x-auth-user-service-key");
    if bearer.is_none() && email_and_key.is_none() && service_key.is_none() {
        return Err(ApiError::new(
            401,
            codes::AUTHENTICATION,
            "Authentication error: send Authorization: Bearer <token>, or X-Auth-Email and X-Auth-Key",
        ));
    }
    if auth.is_open() {
        return Ok(Permission::ALL.into_iter().collect());
    }
    if let Some(given) = bearer
        && let Some((_, permissions)) = auth.tokens.iter().find(|(token, _)| token == given)
    {
        return Ok(permissions.clone());
    }
    let key_ok = matches!(
        (&auth.global_key, email_and_key),
        (Some((email, key)), Some((given_email, given_key))) if email == given_email && key == given_key
    );
    if key_ok {
        Ok(Permission::ALL.into_iter().collect())
    } else {
        Err(ApiError::new(
            401,
            codes::AUTHENTICATION,
            "Authentication error: the credentials are not valid",
        ))
    }
}

/// The query string as decoded key/value pairs, repeated keys kept.
struct Query(Vec<(String, String)>);

impl Query {
    fn parse(raw: Option<&str>) -> Query {
        let decode = |text: &str| {
            let text = text.replace('+', " ");
            percent_decode_str(&text).decode_utf8_lossy().into_owned()
        };
        Query(
            raw.unwrap_or_default()
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| match pair.split_once('=') {
                    Some((key, value)) => (decode(key), decode(value)),
                    None => (decode(pair), String::new()),
                })
                .collect(),
        )
    }

    fn first(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    /// Every value of a repeated key, with comma-joined values split too.
    fn all(&self, key: &str) -> Vec<String> {
        let bracketed = format!("{key}[]");
        self.0
            .iter()
            .filter(|(name, _)| name == key || *name == bracketed)
            .flat_map(|(_, value)| value.split(','))
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
            .collect()
    }

    fn flag(&self, key: &str, code: u32) -> ApiResult<bool> {
        match self.first(key) {
            None | Some("false") => Ok(false),
            Some("true") | Some("") => Ok(true),
            Some(_) => Err(ApiError::new(
                400,
                code,
                format!("{key} must be true or false"),
            )),
        }
    }

    fn number(&self, key: &str, default: u64) -> ApiResult<u64> {
        match self.first(key) {
            None | Some("") => Ok(default),
            Some(text) => text.parse::<u64>().map_err(|_| {
                ApiError::new(
                    400,
                    codes::STORE_INVALID,
                    format!("{key} must be a non-negative integer"),
                )
            }),
        }
    }

    fn list_query(&self, orders: &[&str]) -> ApiResult<ListQuery> {
        let page = self.number("page", 1)?.max(1);
        let per_page = match self.number("per_page", 20)? {
            0 => 20,
            n if n > 100 => {
                return Err(ApiError::new(
                    400,
                    codes::STORE_INVALID,
                    "per_page must be at most 100",
                ));
            }
            n => n,
        };
        let order = match self.first("order") {
            None | Some("") => None,
            Some(order) if orders.contains(&order) => Some(order.to_owned()),
            Some(_) => {
                return Err(ApiError::new(
                    400,
                    codes::STORE_INVALID,
                    format!("order must be one of {}", orders.join(", ")),
                ));
            }
        };
        let descending = match self.first("direction") {
            None | Some("") | Some("desc") => true,
            Some("asc") => false,
            Some(_) => {
                return Err(ApiError::new(
                    400,
                    codes::STORE_INVALID,
                    "direction must be asc or desc",
                ));
            }
        };
        Ok(ListQuery {
            page,
            per_page,
            order,
            descending,
            search: self
                .first("search")
                .filter(|search| !search.is_empty())
                .map(str::to_owned),
            scopes: self.all("scopes"),
        })
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
            .ok_or_else(|| ApiError::new(404, codes::NO_ROUTE, "No route for the URI"))
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
            return Err(ApiError::new(
                404,
                codes::NO_ROUTE,
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

/// Parses a JSON body whatever its `Content-Type` (wrangler sends `text/plain`).
fn json_body(body: &[u8]) -> ApiResult<Value> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::new(
            400,
            codes::MALFORMED_JSON,
            "Request body is empty; expected JSON",
        ));
    }
    serde_json::from_slice(body).map_err(|error| {
        // serde_json's syntax errors name a line and column, never the input's text.
        ApiError::new(
            400,
            codes::MALFORMED_JSON,
            format!("Malformed JSON in request body: {error}"),
        )
    })
}

const SECRET_ORDERS: &[&str] = &["name", "comment", "created", "modified", "status"];
const STORE_ORDERS: &[&str] = &["name", "comment", "created", "modified", "status"];

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
            let list = query.list_query(STORE_ORDERS)?;
            Ok(success_page(state.store_list(&params.account()?, &list)?))
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
            let list = query.list_query(SECRET_ORDERS)?;
            Ok(success_page(state.secret_list(
                &params.account()?,
                &store,
                &list,
            )?))
        },
        "secrets-store-secret-create" => |state, params, _, body| {
            let store = params.decoded("store_id")?;
            let created = state.secret_create(&params.account()?, &store, &json_body(body)?)?;
            let count = created.len();
            Ok(success_page(PageResult {
                items: created,
                result_info: json!({
                    "count": count,
                    "page": 1,
                    "per_page": count,
                    "total_count": count,
                    "total_pages": 1,
                }),
            }))
        },
        "secrets-store-delete-bulk" => |state, params, _, body| {
            let store = params.decoded("store_id")?;
            let body = if body.iter().all(u8::is_ascii_whitespace) {
                None
            } else {
                Some(json_body(body)?)
            };
            let result = state.secret_bulk_delete(&params.account()?, &store, body.as_ref())?;
            Ok(success(StatusCode::ACCEPTED, result))
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
            let result = state.secret_delete(&params.account()?, &store, &secret)?;
            Ok(success(StatusCode::ACCEPTED, result))
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

/// A `200` success envelope around `result`.
fn ok(result: Value) -> ApiResult<Response> {
    Ok(success(StatusCode::OK, result))
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body.to_string(),
    )
        .into_response()
}

fn success(status: StatusCode, result: Value) -> Response {
    json_response(
        status,
        &json!({"success": true, "errors": [], "messages": [], "result": result}),
    )
}

fn success_page(page: PageResult) -> Response {
    json_response(
        StatusCode::OK,
        &json!({
            "success": true,
            "errors": [],
            "messages": [],
            "result": page.items,
            "result_info": page.result_info,
        }),
    )
}

fn envelope_failure(error: &ApiError) -> Value {
    json!({
        "success": false,
        "errors": [{"code": error.code, "message": error.message}],
        "messages": [],
        "result": null,
    })
}

fn error_response(error: &ApiError) -> Response {
    let status = StatusCode::from_u16(error.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    json_response(status, &envelope_failure(error))
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
            classify("POST", "/client/v4/accounts/a/secrets_store/quota"),
            Matched::WrongMethod
        ));
        assert!(matches!(
            classify("GET", "/client/v4/accounts//secrets_store/quota"),
            Matched::NoRoute
        ));
    }

    #[test]
    fn scopes_accept_repeated_keys_and_commas() {
        let query = Query::parse(Some("scopes=workers&scopes=ai_gateway,dex&search=a+b"));
        assert_eq!(query.all("scopes"), ["workers", "ai_gateway", "dex"]);
        assert_eq!(query.first("search"), Some("a b"));
    }
}
