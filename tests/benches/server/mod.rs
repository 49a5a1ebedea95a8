//! A tiny HTTP server for the benchmarks, on 127.0.0.1 in its own thread and tokio runtime, so
//! the client under test has the other core to itself. It serves the Secrets Store list route:
//! a fixed page, or pages rendered on demand from `page`/`per_page` out of a configurable total.

#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::fixtures;

/// The route both the SDK and the hand-written client call.
pub const LIST_PATH: &str =
    "/client/v4/accounts/{account_id}/secrets_store/stores/{store_id}/secrets";

/// What the server answers.
#[derive(Clone)]
struct Shared {
    /// The fixed body, when the server serves one.
    fixed: Option<Bytes>,
    /// The total number of secrets, when pages are rendered on demand.
    total: Arc<AtomicUsize>,
}

/// A running server: its address and the knob for the total of rendered pages.
pub struct Server {
    /// Where it listens.
    pub address: SocketAddr,
    /// The number of secrets the paginated route pretends to hold.
    pub total: Arc<AtomicUsize>,
    /// Stops the server when sent (or dropped).
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl Server {
    /// The base URL to give clients (`http://127.0.0.1:PORT/client/v4`).
    pub fn base_url(&self) -> String {
        format!("http://{}/client/v4", self.address)
    }
}

/// Starts a server that answers every list request with `body`.
pub fn start_fixed(body: String) -> std::io::Result<Server> {
    start(Shared {
        fixed: Some(Bytes::from(body)),
        total: Arc::new(AtomicUsize::new(0)),
    })
}

/// Starts a server that renders pages on demand out of `total` secrets (changeable later).
pub fn start_paginated(total: usize) -> std::io::Result<Server> {
    start(Shared {
        fixed: None,
        total: Arc::new(AtomicUsize::new(total)),
    })
}

fn start(shared: Shared) -> std::io::Result<Server> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.set_nonblocking(true)?;
    let address = listener.local_addr()?;
    let total = shared.total.clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = Router::new().route(LIST_PATH, get(list)).with_state(shared);
    std::thread::Builder::new()
        .name("bench-server".into())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(error) => {
                    eprintln!("the bench server's runtime failed to start: {error}");
                    return;
                }
            };
            runtime.block_on(async move {
                let listener = match tokio::net::TcpListener::from_std(listener) {
                    Ok(listener) => listener,
                    Err(error) => {
                        eprintln!("the bench server cannot listen: {error}");
                        return;
                    }
                };
                let served = axum::serve(listener, app).with_graceful_shutdown(async move {
                    let _ = stopped.await;
                });
                if let Err(error) = served.await {
                    eprintln!("the bench server failed: {error}");
                }
            });
        })?;
    Ok(Server {
        address,
        total,
        _stop: stop,
    })
}

/// The list handler: the fixed body, or the requested page of the configured total.
async fn list(
    State(shared): State<Shared>,
    Query(query): Query<HashMap<String, String>>,
) -> impl IntoResponse {
    let body: Bytes = match &shared.fixed {
        Some(body) => body.clone(),
        None => {
            let total = shared.total.load(Ordering::Relaxed);
            let number = |key: &str, default: usize| {
                query
                    .get(key)
                    .and_then(|value| value.parse::<usize>().ok())
                    .unwrap_or(default)
            };
            let page = number("page", 1).max(1);
            let per_page = number("per_page", 20).clamp(1, 100);
            let first = (page - 1).saturating_mul(per_page);
            let count = total.saturating_sub(first).min(per_page);
            Bytes::from(fixtures::secrets_page(first, count, page, per_page, total))
        }
    };
    ([(CONTENT_TYPE, "application/json")], body)
}
