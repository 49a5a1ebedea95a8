//! `cargo xtask bench [--quick]`: runs the workspace benchmarks in release mode and prints one
//! line per figure (name, median, unit, target, verdict), plus the build cost of the SDK.
//!
//! The benchmark binaries live in `tests/benches/` and print `FIGURE` lines (tab-separated:
//! name, value, unit, target, verdict) on standard output; this task passes their output
//! through, collects those lines, measures the build cost itself, and ends with a summary.
//!
//! `--quick` shortens every benchmark (`BENCH_QUICK=1`), and skips the clean builds: the crate
//! counts are still reported (they need no build), the build times are not.
//! `--build-cost-only` runs only the clean builds and crate counts.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};

/// The benchmark binaries of the tests crate, in the order they run.
pub const BENCHES: &[&str] = &[
    "codegen",
    "decode",
    "client",
    "pagination_memory",
    "emulator_load",
];

/// The package that holds the benchmarks.
const BENCH_PACKAGE: &str = "cloudflare-secrets-tests";

/// The SDK package whose build cost is measured.
const SDK_PACKAGE: &str = "cloudflare-secrets";

/// One reported figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// What was measured.
    pub name: String,
    /// The median (or the single value), as printed.
    pub value: String,
    /// The unit of `value`.
    pub unit: String,
    /// The target, or `-`.
    pub target: String,
    /// `ok`, `MISSED`, `info`, or why it was not measured.
    pub verdict: String,
}

impl Figure {
    /// Reads a `FIGURE` line printed by a benchmark binary.
    pub fn parse(line: &str) -> Option<Figure> {
        let mut fields = line.strip_prefix("FIGURE\t")?.split('\t');
        let mut next = || fields.next().map(str::to_owned);
        Some(Figure {
            name: next()?,
            value: next()?,
            unit: next()?,
            target: next()?,
            verdict: next()?,
        })
    }
}

/// The command's synopsis and help, for `cargo xtask bench --help` and the usage text.
pub const COMMAND: crate::cli::CommandHelp = crate::cli::CommandHelp {
    name: "bench",
    synopsis: "cargo xtask bench [--quick | --build-cost-only]",
    summary: "run every benchmark in release mode and print one line per figure",
    details: "Runs the benchmarks of tests/benches/ (generator speed, decoding, the client against a\n\
              local server, memory while paging) and measures the SDK's build cost, then prints one\n\
              line per figure: name, median, unit, target, verdict.\n\n\
              --quick            short samples, and no clean builds (about 1.5 minutes once built)\n\
              --build-cost-only  only the clean builds and dependency counts",
};

/// The command-line entry point: `args` are the words after `bench`; returns the exit status.
pub fn main(root: &Path, args: &[&str]) -> u8 {
    let result = match args {
        [] => run(root, false),
        ["--quick"] => run(root, true),
        ["--build-cost-only"] => run_build_cost(root),
        _ => {
            eprintln!(
                "error: unexpected arguments `{}`\nusage: {}",
                args.join(" "),
                COMMAND.synopsis
            );
            return crate::cli::EXIT_USAGE;
        }
    };
    match result {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("error: {error:#}");
            1
        }
    }
}

/// Runs every benchmark and prints the summary; fails when a benchmark binary fails.
pub fn run(root: &Path, quick: bool) -> anyhow::Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    println!("machine: {}", machine_description());
    println!(
        "mode: {}",
        if quick {
            "quick (short samples, no clean builds)"
        } else {
            "full"
        }
    );
    let mut figures = run_benches(root, &cargo, quick)?;
    figures.extend(build_cost(root, &cargo, quick));
    print_summary(&figures, quick);
    Ok(())
}

/// A `cargo` command without the package variables `cargo run` gave this process
/// (`CARGO_PKG_NAME=xtask`, `CARGO_MANIFEST_DIR`, ...). Build scripts such as ring's rerun when
/// those change, so inheriting them would rebuild half the dependency tree on every run.
fn cargo_command(cargo: &str) -> Command {
    let mut command = Command::new(cargo);
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else { continue };
        if name.starts_with("CARGO_PKG_")
            || name.starts_with("CARGO_MANIFEST_")
            || matches!(
                name,
                "CARGO_CRATE_NAME" | "CARGO_BIN_NAME" | "CARGO_PRIMARY_PACKAGE" | "OUT_DIR"
            )
        {
            command.env_remove(name);
        }
    }
    command
}

/// Measures only the build cost (clean builds and crate counts), without the benchmarks.
pub fn run_build_cost(root: &Path) -> anyhow::Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    println!("machine: {}", machine_description());
    let figures = build_cost(root, &cargo, false);
    print_summary(&figures, false);
    Ok(())
}

/// Runs the benchmark binaries with `cargo bench`, echoing their output and collecting figures.
fn run_benches(root: &Path, cargo: &str, quick: bool) -> anyhow::Result<Vec<Figure>> {
    let mut command = cargo_command(cargo);
    command
        .current_dir(root)
        .args(["bench", "--package", BENCH_PACKAGE]);
    for bench in BENCHES {
        command.args(["--bench", bench]);
    }
    command
        .env("BENCH_QUICK", if quick { "1" } else { "0" })
        .env("CRITERION_HOME", root.join("target").join("criterion"))
        .stdout(Stdio::piped());
    let mut child = command
        .spawn()
        .with_context(|| format!("could not start `{cargo} bench`"))?;
    let mut figures = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.context("could not read the benchmarks' output")?;
            println!("{line}");
            if let Some(figure) = Figure::parse(&line) {
                figures.push(figure);
            }
        }
    }
    let status = child.wait().context("`cargo bench` did not finish")?;
    if !status.success() {
        bail!("`cargo bench -p {BENCH_PACKAGE}` failed ({status}); see its output above");
    }
    Ok(figures)
}

/// The build-cost figures: dependency counts always, clean release build times in full mode.
fn build_cost(root: &Path, cargo: &str, quick: bool) -> Vec<Figure> {
    let mut figures = Vec::new();
    match dependency_count(root, cargo, &["-p", SDK_PACKAGE]) {
        Ok(count) => figures.push(info(
            "build.sdk_dependency_crates (default features, normal deps, incl. itself)",
            count.to_string(),
            "crates",
        )),
        Err(error) => figures.push(not_measured("build.sdk_dependency_crates", &error)),
    }
    if quick {
        figures.push(not_measured_text(
            "build.sdk_clean_release",
            "s",
            "skipped in --quick (run `cargo xtask bench` for it)",
        ));
        return figures;
    }
    let target_dir = std::env::temp_dir().join(format!("cfs-bench-build-{}", std::process::id()));
    let built = clean_build(
        cargo,
        root,
        &["build", "--release", "-p", SDK_PACKAGE],
        &target_dir,
    );
    let _ = std::fs::remove_dir_all(&target_dir);
    match built {
        Ok(seconds) => figures.push(info(
            "build.sdk_clean_release (cargo build --release -p cloudflare-secrets)",
            format!("{seconds:.1}"),
            "s",
        )),
        Err(error) => figures.push(not_measured("build.sdk_clean_release", &error)),
    }
    figures.extend(tls_comparison(root, cargo));
    figures
}

/// Builds the same reqwest stack twice in throwaway crates, once with the SDK's TLS choice
/// (rustls + ring, no default provider) and once with reqwest's default rustls provider
/// (aws-lc-rs), and reports the clean build time and crate count of each.
fn tls_comparison(root: &Path, cargo: &str) -> Vec<Figure> {
    let variants = [
        (
            "ring",
            "reqwest = { version = \"0.13\", default-features = false, features = [\"rustls-no-provider\", \"json\"] }\n\
             rustls = { version = \"0.23\", default-features = false, features = [\"ring\", \"std\", \"tls12\", \"logging\"] }\n\
             rustls-platform-verifier = \"0.7\"\n",
        ),
        (
            "aws_lc_rs",
            "reqwest = { version = \"0.13\", default-features = false, features = [\"rustls\", \"json\"] }\n",
        ),
    ];
    let mut figures = Vec::new();
    for (name, dependencies) in variants {
        let crate_dir =
            std::env::temp_dir().join(format!("cfs-bench-tls-{name}-{}", std::process::id()));
        let result = (|| -> anyhow::Result<(f64, usize)> {
            write_tls_crate(root, &crate_dir, name, dependencies)?;
            let seconds = clean_build(
                cargo,
                &crate_dir,
                &["build", "--release"],
                &crate_dir.join("target"),
            )?;
            let count = dependency_count(&crate_dir, cargo, &[])?;
            Ok((seconds, count))
        })();
        let _ = std::fs::remove_dir_all(&crate_dir);
        match result {
            Ok((seconds, count)) => {
                figures.push(info(
                    &format!("build.tls_{name}_reqwest_stack_clean_release"),
                    format!("{seconds:.1}"),
                    "s",
                ));
                figures.push(info(
                    &format!("build.tls_{name}_reqwest_stack_crates"),
                    count.to_string(),
                    "crates",
                ));
            }
            Err(error) => figures.push(not_measured(&format!("build.tls_{name}"), &error)),
        }
    }
    figures
}

/// Writes a throwaway crate that depends on `dependencies` (plus tokio), reusing the
/// workspace's lock file so both variants resolve to the versions the SDK uses.
fn write_tls_crate(root: &Path, dir: &Path, name: &str, dependencies: &str) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir.join("src"))
        .with_context(|| format!("could not create {}", dir.display()))?;
    let manifest = format!(
        "[package]\nname = \"tls-cost-{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{dependencies}tokio = {{ version = \"1\", features = [\"rt\", \"macros\", \"time\", \"sync\"] }}\n\n\
         [workspace]\n",
        name.replace('_', "-")
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).context("could not write the manifest")?;
    std::fs::write(
        dir.join("src").join("main.rs"),
        "//! Measures the build cost of a TLS choice.\n\nfn main() {\n    let _ = reqwest::Client::builder();\n}\n",
    )
    .context("could not write main.rs")?;
    if let Ok(lock) = std::fs::read(root.join("Cargo.lock")) {
        std::fs::write(dir.join("Cargo.lock"), lock).context("could not copy Cargo.lock")?;
    }
    Ok(())
}

/// Fetches dependencies first (so download time is not counted), then times a build in an
/// empty target directory; returns the seconds it took.
fn clean_build(
    cargo: &str,
    dir: &Path,
    args: &[&str],
    target_dir: &PathBuf,
) -> anyhow::Result<f64> {
    let _ = std::fs::remove_dir_all(target_dir);
    let fetched = cargo_command(cargo)
        .current_dir(dir)
        .arg("fetch")
        .status()
        .context("could not run `cargo fetch`")?;
    if !fetched.success() {
        bail!("`cargo fetch` failed in {}", dir.display());
    }
    println!(
        "building in an empty target directory: cargo {} (CARGO_TARGET_DIR={})",
        args.join(" "),
        target_dir.display()
    );
    let started = Instant::now();
    let status = cargo_command(cargo)
        .current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", target_dir)
        .status()
        .context("could not run cargo build")?;
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("`cargo {}` failed ({status})", args.join(" "));
    }
    Ok(seconds)
}

/// The number of distinct crates (name and version) in the normal dependency tree, the root
/// included: `cargo tree -e normal --prefix none`, deduplicated.
fn dependency_count(dir: &Path, cargo: &str, package: &[&str]) -> anyhow::Result<usize> {
    let output = cargo_command(cargo)
        .current_dir(dir)
        .arg("tree")
        .args(package)
        .args(["-e", "normal", "--prefix", "none"])
        .output()
        .context("could not run `cargo tree`")?;
    if !output.status.success() {
        bail!(
            "`cargo tree` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(count_crates(&String::from_utf8_lossy(&output.stdout)))
}

/// Counts the distinct `name vX.Y.Z` pairs in `cargo tree --prefix none` output.
pub fn count_crates(tree: &str) -> usize {
    let crates: std::collections::BTreeSet<(&str, &str)> = tree
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let name = words.next()?;
            let version = words.next()?;
            version.starts_with('v').then_some((name, version))
        })
        .collect();
    crates.len()
}

/// A figure without a target.
fn info(name: &str, value: String, unit: &str) -> Figure {
    Figure {
        name: name.to_owned(),
        value,
        unit: unit.to_owned(),
        target: "-".to_owned(),
        verdict: "info".to_owned(),
    }
}

/// A figure that failed to be measured, with the error.
fn not_measured(name: &str, error: &anyhow::Error) -> Figure {
    not_measured_text(name, "-", &format!("not measured: {error:#}"))
}

/// A figure that was not measured, with the reason.
fn not_measured_text(name: &str, unit: &str, reason: &str) -> Figure {
    Figure {
        name: name.to_owned(),
        value: "n/a".to_owned(),
        unit: unit.to_owned(),
        target: "-".to_owned(),
        verdict: reason.to_owned(),
    }
}

/// Prints the figures as an aligned table, then the number of missed targets.
fn print_summary(figures: &[Figure], quick: bool) {
    let name_width = figures
        .iter()
        .map(|figure| figure.name.len())
        .max()
        .unwrap_or(0);
    println!();
    println!(
        "== cargo xtask bench{} ==",
        if quick { " --quick" } else { "" }
    );
    println!("machine: {}", machine_description());
    for figure in figures {
        println!(
            "{:<name_width$}  {:>10} {:<7} {:<10} {}",
            figure.name, figure.value, figure.unit, figure.target, figure.verdict
        );
    }
    let missed = figures
        .iter()
        .filter(|figure| figure.verdict == "MISSED")
        .count();
    let with_target = figures.iter().filter(|figure| figure.target != "-").count();
    println!("{missed} of {with_target} targets missed");
}

/// The CPU model, core count, memory and load average, as far as `/proc` tells.
pub fn machine_description() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism()
        .map(|cores| cores.get().to_string())
        .unwrap_or_else(|_| "?".to_owned());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|line| line.starts_with("MemTotal:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kib| kib.parse::<f64>().ok())
                .map(|kib| format!("{:.1} GiB RAM", kib / 1024.0 / 1024.0))
        })
        .unwrap_or_else(|| "? RAM".to_owned());
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| "?".to_owned());
    format!("{cpu}, {cores} cores, {memory}, load average {load}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_lines_parse_and_other_lines_do_not() {
        let figure = Figure::parse("FIGURE\tgenerator.spec\t4.20\tms\t<= 10.0\tok");
        assert_eq!(
            figure,
            Some(Figure {
                name: "generator.spec".into(),
                value: "4.20".into(),
                unit: "ms".into(),
                target: "<= 10.0".into(),
                verdict: "ok".into(),
            })
        );
        assert_eq!(Figure::parse("generator/spec time: [1 ms 2 ms 3 ms]"), None);
        assert_eq!(Figure::parse("FIGURE\tonly-a-name"), None);
    }

    #[test]
    fn crates_are_counted_once_per_name_and_version() {
        let tree = "cloudflare-secrets v0.1.0 (/work/main/generated)\n\
                    bytes v1.10.1\n\
                    serde v1.0.228\n\
                    bytes v1.10.1 (*)\n\
                    serde_derive v1.0.228 (proc-macro)\n\
                    \n\
                    serde v1.0.200\n";
        assert_eq!(count_crates(tree), 5);
    }
}
