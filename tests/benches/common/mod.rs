//! Helpers shared by the benchmark binaries: quick mode, criterion settings, reading criterion's
//! medians back, and printing one `FIGURE` line per measured figure for `cargo xtask bench`.
//!
//! Each benchmark binary prints lines of the form
//! `FIGURE<TAB>name<TAB>value<TAB>unit<TAB>target<TAB>verdict` on standard output; the xtask
//! collects them into its summary. `BENCH_QUICK=1` selects the short mode.

#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use criterion::Criterion;

/// True when `BENCH_QUICK` is set to anything but `0` or the empty string.
pub fn quick() -> bool {
    std::env::var("BENCH_QUICK").is_ok_and(|value| !value.is_empty() && value != "0")
}

/// Where criterion keeps its results: `$CRITERION_HOME`, or `target/criterion` in the workspace.
pub fn criterion_home() -> PathBuf {
    match std::env::var_os("CRITERION_HOME") {
        Some(path) => PathBuf::from(path),
        None => workspace_root().join("target").join("criterion"),
    }
}

/// The workspace root (the parent of the tests crate).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}

/// A criterion configured for this run: fewer, shorter samples in quick mode, no plots, and an
/// output directory this module knows how to read back.
pub fn criterion() -> Criterion {
    let base = Criterion::default()
        .output_directory(&criterion_home())
        .without_plots()
        .configure_from_args();
    if quick() {
        base.sample_size(10)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_millis(1_000))
            .nresamples(1_000)
    } else {
        base.sample_size(30)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(4))
    }
}

/// The median criterion measured for `group/function`, in nanoseconds per iteration.
pub fn criterion_median_ns(group: &str, function: &str) -> Option<f64> {
    let path = criterion_home()
        .join(group)
        .join(function)
        .join("new")
        .join("estimates.json");
    let text = std::fs::read_to_string(&path).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("median")?.get("point_estimate")?.as_f64()
}

/// A target a figure is compared with.
#[derive(Clone, Copy, Debug)]
pub enum Target {
    /// No target: the figure is reported for information.
    None,
    /// The figure must be at most this value.
    AtMost(f64),
}

/// Prints one figure line for the xtask and returns whether the target (if any) was met.
pub fn figure(name: &str, value: f64, unit: &str, target: Target) -> bool {
    let (target_text, verdict, met) = match target {
        Target::None => (String::from("-"), "info", true),
        Target::AtMost(limit) => {
            let met = value <= limit;
            (
                format!("<= {}", format_value(limit)),
                if met { "ok" } else { "MISSED" },
                met,
            )
        }
    };
    println!(
        "FIGURE\t{name}\t{}\t{unit}\t{target_text}\t{verdict}",
        format_value(value)
    );
    met
}

/// Prints a figure that could not be measured, with the reason.
pub fn figure_missing(name: &str, unit: &str, reason: &str) {
    println!("FIGURE\t{name}\tn/a\t{unit}\t-\tnot measured: {reason}");
}

/// Formats a value with a precision that suits its size.
pub fn format_value(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 100.0 {
        format!("{value:.0}")
    } else if magnitude >= 10.0 {
        format!("{value:.1}")
    } else if magnitude >= 1.0 {
        format!("{value:.2}")
    } else {
        format!("{value:.3}")
    }
}

/// The median of `samples` (which it sorts); `None` when empty.
pub fn median(samples: &mut [f64]) -> Option<f64> {
    if samples.is_empty() {
        return None;
    }
    samples.sort_by(f64::total_cmp);
    let middle = samples.len() / 2;
    Some(if samples.len().is_multiple_of(2) {
        (samples[middle - 1] + samples[middle]) / 2.0
    } else {
        samples[middle]
    })
}
