//! Pagination memory: streaming every secret of a Secrets Store with the SDK's `stream()` keeps
//! peak heap independent of the total. Streams 1,000 secrets (10 pages of 100) and 10,000
//! (100 pages of 100) from a local server and reports the peak heap above the starting point,
//! counted by a `#[global_allocator]` (`peak_alloc`) in this binary. For contrast it also
//! reports collecting the 10,000 into a `Vec`, which does grow with the total.
//!
//! The server runs in this process, so its allocations count too; it renders each page on
//! demand, so its share is bounded by one page.

mod common;
mod fixtures;
mod server;

use cloudflare_secrets::Client;
use common::{Target, figure, figure_missing};
use fixtures::{ACCOUNT, STORE};
use futures_util::StreamExt;
use peak_alloc::PeakAlloc;

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

/// Items per page.
const PER_PAGE: u8 = 100;

/// Streams every secret of the store, dropping each as it arrives; returns how many came and
/// the peak heap above the level at the start, in bytes.
async fn stream_all(client: &Client) -> (usize, usize) {
    let baseline = ALLOCATOR.current_usage();
    ALLOCATOR.reset_peak_usage();
    let mut stream = client
        .secrets_store()
        .stores()
        .secrets()
        .list(ACCOUNT, STORE)
        .per_page(PER_PAGE)
        .stream();
    let mut count = 0usize;
    while let Some(item) = stream.next().await {
        match item {
            Ok(secret) => {
                count += usize::from(!secret.name.is_empty());
            }
            Err(error) => {
                eprintln!("streaming failed: {error}");
                break;
            }
        }
    }
    drop(stream);
    (count, ALLOCATOR.peak_usage().saturating_sub(baseline))
}

/// Collects every secret into a `Vec`, for contrast; returns the count and the peak.
async fn collect_all(client: &Client) -> (usize, usize) {
    let baseline = ALLOCATOR.current_usage();
    ALLOCATOR.reset_peak_usage();
    let stream = client
        .secrets_store()
        .stores()
        .secrets()
        .list(ACCOUNT, STORE)
        .per_page(PER_PAGE)
        .stream();
    let all: Vec<_> = stream
        .filter_map(|item| async move { item.ok() })
        .collect()
        .await;
    let count = all.len();
    let peak = ALLOCATOR.peak_usage().saturating_sub(baseline);
    drop(all);
    (count, peak)
}

fn main() {
    let server = match server::start_paginated(1_000) {
        Ok(server) => server,
        Err(error) => {
            figure_missing(
                "pagination.peak_heap",
                "bytes",
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
                "pagination.peak_heap",
                "bytes",
                &format!("no runtime: {error}"),
            );
            return;
        }
    };
    let client = match Client::builder()
        .api_token("bench-token-not-a-secret")
        .base_url(server.base_url())
        .build()
    {
        Ok(client) => client,
        Err(error) => {
            figure_missing(
                "pagination.peak_heap",
                "bytes",
                &format!("no client: {error}"),
            );
            return;
        }
    };
    let set_total = |total: usize| {
        server
            .total
            .store(total, std::sync::atomic::Ordering::Relaxed)
    };

    runtime.block_on(async {
        // A warm-up run sets up the connection pool and lazily built state, which stay.
        set_total(1_000);
        let _ = stream_all(&client).await;
        let mut results = Vec::new();
        for total in [1_000usize, 10_000] {
            set_total(total);
            // The smallest of five runs: the allocator's peak is exact, but thread timing decides
            // how the server's and the client's page buffers overlap in one run.
            let mut best: Option<(usize, usize)> = None;
            for _ in 0..5 {
                let (count, peak) = stream_all(&client).await;
                best = Some(match best {
                    Some((best_count, best_peak)) if best_peak <= peak => (best_count, best_peak),
                    _ => (count, peak),
                });
            }
            let Some((count, peak)) = best else { continue };
            if count != total {
                figure_missing(
                    &format!("pagination.stream_peak_heap_{total}"),
                    "bytes",
                    &format!("streamed {count} of {total} secrets"),
                );
                return;
            }
            figure(
                &format!(
                    "pagination.stream_peak_heap_{total} ({} pages)",
                    total / 100
                ),
                peak as f64,
                "bytes",
                Target::None,
            );
            results.push(peak as f64);
        }
        if let [small, large] = results[..] {
            figure(
                "pagination.stream_peak_10000_over_1000",
                large / small,
                "ratio",
                Target::AtMost(1.5),
            );
        }
        set_total(10_000);
        let (count, peak) = collect_all(&client).await;
        if count == 10_000 {
            figure(
                "pagination.collect_into_vec_peak_heap_10000 (contrast)",
                peak as f64,
                "bytes",
                Target::None,
            );
        }
    });
}
