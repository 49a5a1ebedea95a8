//! The emulator under load, on loopback: what a day of development or a CI pipeline does to it.
//!
//! The emulator runs in a child process (this binary started again with
//! `EMULATOR_LOAD_SERVE=1`, serving through the library exactly as the program does), so its
//! resident memory can be read from `/proc`. Clients put and delete Workers secrets on 50
//! Workers and read a Secrets Store secret (an audit event each time), so the state stays the
//! same size while the request and audit logs see every request. It reports:
//!
//! - requests/s and p50/p99 latency with 1 and 16 concurrent clients, in memory and with
//!   `--state` (a SQLite database, one durable commit per write);
//! - resident memory after 10,000 and after 1,000,000 requests (200,000 with `--quick`) and
//!   their ratio (target at most 1.2: the logs are rings, nothing grows with traffic);
//! - the cost of one persisted write with 600 and with 60,000 bindings stored, and their ratio
//!   (target at most 2: a write touches its own rows only).
//!
//! Every loop is bounded by a request count; the child stops when this process closes its
//! standard input (or is killed when the run fails).

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Target, figure, figure_missing, median, quick};
use serde_json::{Value, json};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const TOKEN: &str = "load-token-not-a-secret";
/// The Workers the clients write to.
const WORKERS: usize = 50;

/// Serves the emulator until standard input closes (the child side).
fn serve_child() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let workers: usize = std::env::var("EMULATOR_LOAD_WORKERS")
            .ok()
            .and_then(|text| text.parse().ok())
            .unwrap_or(WORKERS);
        let mut builder = cloudflare_secrets_emulator::Emulator::builder().token(TOKEN);
        for index in 0..workers {
            builder = builder.worker(format!("w{index}"));
        }
        if let Some(path) = std::env::var_os("EMULATOR_LOAD_STATE") {
            builder = builder.state_file(path);
        }
        let emulator = builder.start().await.expect("the emulator starts");
        println!("{}", emulator.base_url());
        tokio::task::spawn_blocking(|| {
            let mut sink = Vec::new();
            let _ = std::io::stdin().read_to_end(&mut sink);
        })
        .await
        .expect("stdin watcher");
        emulator.shutdown().await;
    });
}

/// The emulator in a child process.
struct Served {
    child: Child,
    base_url: String,
    directory: Option<std::path::PathBuf>,
}

impl Served {
    /// Starts a child emulator, with a fresh state database when `persisted`.
    fn start(persisted: bool, workers: usize) -> std::io::Result<Served> {
        let directory = persisted.then(|| {
            std::env::temp_dir().join(format!(
                "cloudflare-secrets-load-{}-{}",
                std::process::id(),
                fastrand::u64(..)
            ))
        });
        let mut command = Command::new(std::env::current_exe()?);
        command
            .env("EMULATOR_LOAD_SERVE", "1")
            .env("EMULATOR_LOAD_WORKERS", workers.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some(directory) = &directory {
            std::fs::create_dir_all(directory)?;
            command.env("EMULATOR_LOAD_STATE", directory.join("state.db"));
        }
        let mut child = command.spawn()?;
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            BufReader::new(stdout).read_line(&mut line)?;
        }
        let base_url = line.trim().to_owned();
        if !base_url.starts_with("http://127.0.0.1:") {
            let _ = child.kill();
            return Err(std::io::Error::other(format!(
                "the emulator did not start: {base_url:?}"
            )));
        }
        Ok(Served {
            child,
            base_url,
            directory,
        })
    }

    /// The child's resident memory in bytes (Linux).
    fn rss_bytes(&self) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let kib: f64 = status
            .lines()
            .find(|line| line.starts_with("VmRSS:"))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()?;
        Some(kib * 1024.0)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(directory) = &self.directory {
            let _ = std::fs::remove_dir_all(directory);
        }
    }
}

/// An HTTP client (plain HTTP on loopback; the SDK's builder sets up TLS all the same).
fn http_client() -> reqwest::Client {
    cloudflare_secrets::runtime::reqwest_client_builder()
        .expect("TLS set-up")
        .build()
        .expect("an HTTP client")
}

/// Sends one request and checks it succeeded.
async fn send(
    http: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<&Value>,
) -> Result<Value, String> {
    let mut request = http.request(method, url).bearer_auth(TOKEN);
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.map_err(|error| error.to_string())?;
    let status = response.status();
    let body: Value = response.json().await.map_err(|error| error.to_string())?;
    if status.is_success() {
        Ok(body)
    } else {
        Err(format!("{status}: {body}"))
    }
}

/// Creates the store and the secret the clients read; returns the secret's URL.
async fn prepare_store(http: &reqwest::Client, base: &str) -> Result<String, String> {
    let stores = format!("{base}/accounts/{ACCOUNT}/secrets_store/stores");
    let store = send(
        http,
        reqwest::Method::POST,
        &stores,
        Some(&json!({"name": "load"})),
    )
    .await?;
    let store_id = store["result"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let secrets = format!("{stores}/{store_id}/secrets");
    let created = send(
        http,
        reqwest::Method::POST,
        &secrets,
        Some(&json!([{"name": "READ_ME", "value": "load-value", "scopes": ["workers"]}])),
    )
    .await?;
    let secret_id = created["result"][0]["id"].as_str().unwrap_or_default();
    Ok(format!("{secrets}/{secret_id}"))
}

/// Runs `total` requests spread over `clients` concurrent clients; returns the elapsed time
/// and, when `keep_latencies`, every request's latency in milliseconds.
async fn run_load(
    base: &str,
    secret_url: &str,
    clients: usize,
    total: usize,
    keep_latencies: bool,
) -> Result<(Duration, Vec<f64>), String> {
    let base = Arc::new(base.to_owned());
    let secret_url = Arc::new(secret_url.to_owned());
    let started = Instant::now();
    let mut tasks = Vec::new();
    for client in 0..clients {
        let share = total / clients + usize::from(client < total % clients);
        let base = Arc::clone(&base);
        let secret_url = Arc::clone(&secret_url);
        tasks.push(tokio::spawn(async move {
            let http = http_client();
            let mut latencies = Vec::with_capacity(if keep_latencies { share } else { 0 });
            for step in 0..share {
                let round = step / 3;
                let worker = (round + client) % WORKERS;
                let name = format!("S{client}_{}", round % 10);
                let secrets = format!("{base}/accounts/{ACCOUNT}/workers/scripts/w{worker}/secrets");
                let sent = Instant::now();
                match step % 3 {
                    0 => {
                        let body = json!({"name": name, "type": "secret_text", "text": format!("value-{step}")});
                        send(&http, reqwest::Method::PUT, &secrets, Some(&body)).await?
                    }
                    1 => {
                        let url = format!("{secrets}/{name}");
                        send(&http, reqwest::Method::DELETE, &url, None).await?
                    }
                    _ => send(&http, reqwest::Method::GET, &secret_url, None).await?,
                };
                if keep_latencies {
                    latencies.push(sent.elapsed().as_secs_f64() * 1_000.0);
                }
            }
            Ok::<_, String>(latencies)
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.map_err(|error| error.to_string())??);
    }
    Ok((started.elapsed(), latencies))
}

/// The value at fraction `quantile` of sorted `samples`.
fn percentile(sorted: &[f64], quantile: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let index = ((sorted.len() - 1) as f64 * quantile).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// Throughput and latency for one configuration.
async fn throughput(persisted: bool, clients: usize, total: usize) -> Result<(), String> {
    let label = format!(
        "emulator.{}_{clients}_client{}",
        if persisted { "persisted" } else { "in_memory" },
        if clients == 1 { "" } else { "s" }
    );
    let served = Served::start(persisted, WORKERS).map_err(|error| error.to_string())?;
    let http = http_client();
    let secret_url = prepare_store(&http, &served.base_url).await?;
    // Warm up: connections, lazily built state.
    run_load(&served.base_url, &secret_url, clients, clients * 30, false).await?;
    let (elapsed, mut latencies) =
        run_load(&served.base_url, &secret_url, clients, total, true).await?;
    latencies.sort_by(f64::total_cmp);
    figure(
        &format!("{label}.requests_per_s ({total} requests)"),
        total as f64 / elapsed.as_secs_f64(),
        "req/s",
        Target::None,
    );
    figure(
        &format!("{label}.p50"),
        percentile(&latencies, 0.5),
        "ms",
        Target::None,
    );
    figure(
        &format!("{label}.p99"),
        percentile(&latencies, 0.99),
        "ms",
        Target::None,
    );
    Ok(())
}

/// Resident memory after 10,000 requests and after `long_run` requests.
async fn memory(long_run: usize) -> Result<(), String> {
    let served = Served::start(false, WORKERS).map_err(|error| error.to_string())?;
    let http = http_client();
    let secret_url = prepare_store(&http, &served.base_url).await?;
    run_load(&served.base_url, &secret_url, 16, 10_000, false).await?;
    let early = served
        .rss_bytes()
        .ok_or("no /proc/PID/status (not Linux?)")?;
    run_load(&served.base_url, &secret_url, 16, long_run - 10_000, false).await?;
    let late = served.rss_bytes().ok_or("no /proc/PID/status")?;
    let mib = 1024.0 * 1024.0;
    figure(
        "emulator.rss_after_10k_requests",
        early / mib,
        "MiB",
        Target::None,
    );
    figure(
        &format!("emulator.rss_after_{}k_requests", long_run / 1_000),
        late / mib,
        "MiB",
        Target::None,
    );
    figure(
        &format!("emulator.rss_ratio_{}k_over_10k", long_run / 1_000),
        late / early,
        "x",
        Target::AtMost(1.2),
    );
    Ok(())
}

/// The latency of one single-binding write to Worker `w0` (replacing one binding), in ms.
async fn one_write(http: &reqwest::Client, base: &str, sample: usize) -> Result<f64, String> {
    let url = format!("{base}/accounts/{ACCOUNT}/workers/scripts/w0/secrets");
    let body = json!({"name": "B0", "type": "secret_text", "text": format!("write-{sample}")});
    let sent = Instant::now();
    send(http, reqwest::Method::PUT, &url, Some(&body)).await?;
    Ok(sent.elapsed().as_secs_f64() * 1_000.0)
}

/// Fills Workers `w{from}..w{to}` with 60 bindings each, one merge patch per Worker.
async fn fill(http: &reqwest::Client, base: &str, from: usize, to: usize) -> Result<(), String> {
    for worker in from..to {
        let secrets: serde_json::Map<String, Value> = (0..60)
            .map(|index| {
                let name = format!("B{index}");
                let binding = json!({"name": name, "type": "secret_text", "text": "fill"});
                (name, binding)
            })
            .collect();
        let url = format!("{base}/accounts/{ACCOUNT}/workers/scripts/w{worker}/secrets-bulk");
        send(
            http,
            reqwest::Method::PATCH,
            &url,
            Some(&json!({"secrets": secrets})),
        )
        .await?;
    }
    Ok(())
}

/// One persisted write with 600 bindings stored and with 60,000, and their ratio. Two
/// emulators (one database each) are filled, then written to in turn, so that both medians
/// come from the same minutes of a disk whose `fsync` time drifts with other work.
async fn write_cost_ratio(samples: usize) -> Result<(), String> {
    let small = Served::start(true, 10).map_err(|error| error.to_string())?;
    let large = Served::start(true, 1_000).map_err(|error| error.to_string())?;
    let http = http_client();
    fill(&http, &small.base_url, 0, 10).await?;
    fill(&http, &large.base_url, 0, 1_000).await?;
    let (mut at_small, mut at_large) = (Vec::new(), Vec::new());
    for sample in 0..samples {
        at_small.push(one_write(&http, &small.base_url, sample).await?);
        at_large.push(one_write(&http, &large.base_url, sample).await?);
    }
    let small = median(&mut at_small).ok_or("no samples")?;
    let large = median(&mut at_large).ok_or("no samples")?;
    figure(
        "emulator.persisted_write_at_600_bindings",
        small,
        "ms",
        Target::None,
    );
    figure(
        "emulator.persisted_write_at_60000_bindings",
        large,
        "ms",
        Target::None,
    );
    figure(
        "emulator.persisted_write_ratio_60000_over_600",
        large / small,
        "x",
        Target::AtMost(2.0),
    );
    Ok(())
}

fn main() {
    if std::env::var_os("EMULATOR_LOAD_SERVE").is_some() {
        serve_child();
        return;
    }
    let quick = quick();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            figure_missing("emulator", "-", &format!("no runtime: {error}"));
            return;
        }
    };
    runtime.block_on(async {
        let (in_memory, persisted) = if quick {
            (6_000, 1_500)
        } else {
            (30_000, 6_000)
        };
        for (is_persisted, total) in [(false, in_memory), (true, persisted)] {
            for clients in [1, 16] {
                if let Err(error) = throughput(is_persisted, clients, total).await {
                    figure_missing(
                        &format!(
                            "emulator.throughput (persisted: {is_persisted}, {clients} clients)"
                        ),
                        "req/s",
                        &error,
                    );
                }
            }
        }
        let long_run = if quick { 200_000 } else { 1_000_000 };
        if let Err(error) = memory(long_run).await {
            figure_missing("emulator.rss_ratio", "x", &error);
        }
        if let Err(error) = write_cost_ratio(if quick { 101 } else { 301 }).await {
            figure_missing("emulator.persisted_write_ratio", "x", &error);
        }
    });
}
