//! Client overhead: the SDK's Secrets Store list call against a local server, versus a
//! hand-written reqwest call that sends the same request and decodes the same JSON into
//! hand-written structs. 10,000 sequential requests each (2,000 in quick mode), interleaved
//! (SDK, hand, hand, SDK, ...) so drift and noise hit both alike; the figure is the ratio of the
//! medians measured in the same run. Then requests per second with 16 concurrent tasks.
//!
//! The server runs in its own thread and runtime (one core); the clients share the other.
//! This is a macro-benchmark with its own loop: criterion's model (one closure, many
//! iterations) cannot interleave two contenders request by request.

mod common;
mod fixtures;
mod server;

use std::time::{Duration, Instant};

use cloudflare_secrets::{Client, Secret};
use common::{Target, figure, figure_missing, median};
use fixtures::{ACCOUNT, STORE};
use serde::Deserialize;

/// Items on the page the server returns (Cloudflare's default page size).
const PAGE_ITEMS: usize = 20;
/// Concurrent tasks for the throughput figure.
const TASKS: usize = 16;

/// The hand-written client's view of a secret: the same fields, decoded the same way a careful
/// hand-written client would (timestamps parsed, enums kept as strings).
#[derive(Deserialize)]
#[allow(dead_code)]
struct HandSecret {
    id: String,
    name: String,
    store_id: String,
    created: jiff::Timestamp,
    modified: jiff::Timestamp,
    status: String,
    comment: Option<String>,
    scopes: Option<Vec<String>>,
}

/// The hand-written client's `result_info`.
#[derive(Deserialize)]
#[allow(dead_code)]
struct HandResultInfo {
    count: Option<u64>,
    page: Option<u64>,
    per_page: Option<u64>,
    total_count: Option<u64>,
    total_pages: Option<u64>,
}

/// The hand-written client's envelope.
#[derive(Deserialize)]
struct HandEnvelope {
    success: bool,
    result: Vec<HandSecret>,
    #[allow(dead_code)]
    result_info: Option<HandResultInfo>,
}

/// The hand-written contender: one reqwest client, the same URL, headers and decoding.
#[derive(Clone)]
struct Hand {
    http: reqwest::Client,
    url: String,
    authorization: String,
}

impl Hand {
    async fn list(&self) -> Option<usize> {
        let response = self
            .http
            .get(&self.url)
            .header(reqwest::header::AUTHORIZATION, &self.authorization)
            .header(
                reqwest::header::USER_AGENT,
                cloudflare_secrets::runtime::USER_AGENT_VALUE,
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .ok()?;
        if !response.status().is_success() {
            return None;
        }
        let body = response.bytes().await.ok()?;
        let envelope: HandEnvelope = serde_json::from_slice(&body).ok()?;
        envelope.success.then_some(envelope.result.len())
    }
}

/// The SDK contender.
async fn sdk_list(client: &Client) -> Option<usize> {
    let page = client
        .secrets_store()
        .stores()
        .secrets()
        .list(ACCOUNT, STORE)
        .per_page(PAGE_ITEMS as u8)
        .send()
        .await
        .ok()?;
    let items: &Vec<Secret> = &page.items;
    Some(items.len())
}

fn main() {
    let quick = common::quick();
    let requests = if quick { 2_000 } else { 10_000 };
    let concurrent_requests = if quick { 4_000 } else { 20_000 };

    let body = fixtures::secrets_page(0, PAGE_ITEMS, 1, PAGE_ITEMS, PAGE_ITEMS);
    let server = match server::start_fixed(body) {
        Ok(server) => server,
        Err(error) => {
            figure_missing(
                "client.sdk_over_hand",
                "ratio",
                &format!("no server: {error}"),
            );
            return;
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            figure_missing(
                "client.sdk_over_hand",
                "ratio",
                &format!("no runtime: {error}"),
            );
            return;
        }
    };
    let token = "bench-token-not-a-secret";
    let client = Client::builder()
        .api_token(token)
        .base_url(server.base_url())
        .build();
    let http = cloudflare_secrets::runtime::reqwest_client_builder()
        .ok()
        .and_then(|builder| builder.build().ok());
    let (client, http) = match (client, http) {
        (Ok(client), Some(http)) => (client, http),
        _ => {
            figure_missing(
                "client.sdk_over_hand",
                "ratio",
                "the clients could not be built",
            );
            return;
        }
    };
    let hand = Hand {
        http,
        url: format!(
            "{}/accounts/{ACCOUNT}/secrets_store/stores/{STORE}/secrets?per_page={PAGE_ITEMS}",
            server.base_url()
        ),
        authorization: format!("Bearer {token}"),
    };

    runtime.block_on(async {
        // Both contenders must work before anything is timed.
        if sdk_list(&client).await != Some(PAGE_ITEMS) || hand.list().await != Some(PAGE_ITEMS) {
            figure_missing(
                "client.sdk_over_hand",
                "ratio",
                "a contender failed its first request",
            );
            return;
        }
        sequential(&client, &hand, requests).await;
        concurrent(&client, &hand, concurrent_requests).await;
    });
}

/// Interleaved sequential requests; prints the medians and their ratio.
async fn sequential(client: &Client, hand: &Hand, requests: usize) {
    let warm_up = requests / 10;
    let mut sdk_times = Vec::with_capacity(requests);
    let mut hand_times = Vec::with_capacity(requests);
    let mut failures = 0usize;
    for round in 0..warm_up + requests {
        // ABBA order: the contender that goes first alternates every round.
        let sdk_first = round % 2 == 0;
        let mut timings = [Duration::ZERO; 2];
        for slot in 0..2 {
            let run_sdk = (slot == 0) == sdk_first;
            let started = Instant::now();
            let ok = if run_sdk {
                sdk_list(client).await == Some(PAGE_ITEMS)
            } else {
                hand.list().await == Some(PAGE_ITEMS)
            };
            let elapsed = started.elapsed();
            if !ok {
                failures += 1;
            }
            timings[usize::from(!run_sdk)] = elapsed;
        }
        if round >= warm_up {
            sdk_times.push(timings[0].as_nanos() as f64);
            hand_times.push(timings[1].as_nanos() as f64);
        }
    }
    if failures > 0 {
        figure_missing(
            "client.sdk_over_hand",
            "ratio",
            &format!("{failures} requests failed"),
        );
        return;
    }
    let sdk_total: f64 = sdk_times.iter().sum();
    let hand_total: f64 = hand_times.iter().sum();
    let (Some(sdk), Some(hand)) = (median(&mut sdk_times), median(&mut hand_times)) else {
        return;
    };
    figure(
        &format!("client.sdk_list_median ({requests} sequential, {PAGE_ITEMS} items)"),
        sdk / 1e3,
        "us",
        Target::None,
    );
    figure(
        &format!("client.hand_list_median ({requests} sequential, {PAGE_ITEMS} items)"),
        hand / 1e3,
        "us",
        Target::None,
    );
    figure(
        "client.sdk_over_hand (medians)",
        sdk / hand,
        "ratio",
        Target::AtMost(1.10),
    );
    figure(
        "client.sdk_over_hand (totals)",
        sdk_total / hand_total,
        "ratio",
        Target::None,
    );
}

/// `total` requests spread over 16 tasks, SDK then hand-written then SDK again; prints requests
/// per second (the better of the two SDK runs, to even out warm-up and drift).
async fn concurrent(client: &Client, hand: &Hand, total: usize) {
    let per_task = total / TASKS;
    let run_sdk = || async {
        let started = Instant::now();
        let tasks: Vec<_> = (0..TASKS)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move {
                    let mut ok = 0usize;
                    for _ in 0..per_task {
                        ok += usize::from(sdk_list(&client).await == Some(PAGE_ITEMS));
                    }
                    ok
                })
            })
            .collect();
        let mut ok = 0;
        for task in tasks {
            ok += task.await.unwrap_or(0);
        }
        (ok, started.elapsed())
    };
    let run_hand = || async {
        let started = Instant::now();
        let tasks: Vec<_> = (0..TASKS)
            .map(|_| {
                let hand = hand.clone();
                tokio::spawn(async move {
                    let mut ok = 0usize;
                    for _ in 0..per_task {
                        ok += usize::from(hand.list().await == Some(PAGE_ITEMS));
                    }
                    ok
                })
            })
            .collect();
        let mut ok = 0;
        for task in tasks {
            ok += task.await.unwrap_or(0);
        }
        (ok, started.elapsed())
    };
    let (sdk_ok_1, sdk_time_1) = run_sdk().await;
    let (hand_ok, hand_time) = run_hand().await;
    let (sdk_ok_2, sdk_time_2) = run_sdk().await;
    let expected = per_task * TASKS;
    if sdk_ok_1 != expected || sdk_ok_2 != expected || hand_ok != expected {
        figure_missing(
            "client.concurrent_16",
            "req/s",
            &format!("failures: sdk {sdk_ok_1}+{sdk_ok_2}, hand {hand_ok} of {expected} each"),
        );
        return;
    }
    let rate = |elapsed: Duration| expected as f64 / elapsed.as_secs_f64();
    let sdk_rate = rate(sdk_time_1).max(rate(sdk_time_2));
    let hand_rate = rate(hand_time);
    figure(
        &format!("client.sdk_concurrent_16 ({expected} requests)"),
        sdk_rate,
        "req/s",
        Target::None,
    );
    figure(
        &format!("client.hand_concurrent_16 ({expected} requests)"),
        hand_rate,
        "req/s",
        Target::None,
    );
    figure(
        "client.concurrent_sdk_over_hand_rate",
        sdk_rate / hand_rate,
        "ratio",
        Target::None,
    );
}
