//! Generator benchmarks: the time from spec text to formatted files, on `spec/openapi.yaml` and
//! on synthetic specs of 20, 200 and 2,000 operations, plus where the time goes at 2,000
//! operations (parse, validate, lower, emit, format).
//!
//! Figures: `generator.spec` (target under 10 ms), `generator.synthetic_{20,200,2000}`
//! (2,000 under 1 s), `generator.scaling_2000_over_200` (at most 12), the stages of the
//! real spec and of 2,000 operations, and the size of the generated code on the real spec and
//! on 200 synthetic operations (`generated.*`: lines per operation in `operations.rs` at most
//! 35, lines per id at most 12, lines per string enum at most 30, bytes per operation over all
//! files at most 4 KB). The spec and the small synthetic specs go through
//! criterion; a run at 2,000 operations takes seconds, so those runs are timed by hand (median
//! of several runs, with each stage timed inside the same run so the stages add up).

mod common;

use std::hint::black_box;
use std::time::Instant;

use cloudflare_secrets_codegen as codegen;
use cloudflare_secrets_tests::synth::synthetic_spec;
use common::{Target, criterion_median_ns, figure, figure_missing};
use criterion::SamplingMode;

/// The group that holds the end-to-end generator timings.
const GROUP: &str = "generator";
/// The sizes of the synthetic specs measured with criterion.
const SIZES: [usize; 2] = [20, 200];
/// The size of the large synthetic spec, measured stage by stage.
const LARGE: usize = 2_000;

fn main() {
    let mut criterion = common::criterion();
    let spec_path = common::workspace_root().join("spec").join("openapi.yaml");
    let real_spec = std::fs::read_to_string(&spec_path).ok();

    let real_ok = match &real_spec {
        Some(text) => match codegen::generate(text) {
            Ok(_) => true,
            Err(error) => {
                eprintln!("spec/openapi.yaml does not generate: {error}");
                false
            }
        },
        None => false,
    };

    {
        let mut group = criterion.benchmark_group(GROUP);
        if let (Some(text), true) = (&real_spec, real_ok) {
            group.bench_function("spec", |b| b.iter(|| codegen::generate(black_box(text))));
        }
        for size in SIZES {
            let text = synthetic_spec(size);
            if let Err(error) = codegen::generate(&text) {
                eprintln!("the synthetic spec of {size} operations does not generate: {error}");
                continue;
            }
            if size >= 200 {
                // Hundreds of milliseconds per run: equal-sized samples, not criterion's
                // linear ramp (which would need hundreds of runs).
                group.sampling_mode(SamplingMode::Flat).sample_size(10);
            }
            group.bench_function(format!("synthetic_{size}"), |b| {
                b.iter(|| codegen::generate(black_box(&text)))
            });
        }
        group.finish();
    }
    criterion.final_summary();
    report_criterion(real_spec.is_some(), real_ok);

    if let (Some(text), true) = (&real_spec, real_ok) {
        report_sizes("generated.spec", text);
    }
    report_sizes("generated.synthetic_200", &synthetic_spec(200));

    // Stage by stage, measured by hand: one run at 2,000 operations takes seconds, too long for
    // criterion's minimum of ten samples plus warm-up in quick mode.
    if let (Some(text), true) = (&real_spec, real_ok) {
        let runs = if common::quick() { 10 } else { 30 };
        if let Some(stages) = staged_runs(text, runs, true) {
            report_stages("generator.spec", &stages, None);
        }
    }
    // A run at 2,000 operations takes well under a second now, so even the quick mode can take
    // the median of three after a warm-up run (a single cold run was off by up to a factor of 2).
    let runs = if common::quick() { 3 } else { 5 };
    let large = synthetic_spec(LARGE);
    match staged_runs(&large, runs, true) {
        Some(stages) => {
            let small = criterion_median_ns(GROUP, "synthetic_200");
            report_stages("generator.synthetic_2000", &stages, small);
        }
        None => figure_missing(
            "generator.synthetic_2000",
            "ms",
            "the spec does not generate",
        ),
    }
}

/// Prints the size of the code generated from `spec`: lines per operation in `operations.rs`,
/// lines per id in `ids.rs`, lines per `string_enum!` in `types.rs`, and bytes per operation
/// over every generated file.
fn report_sizes(name: &str, spec: &str) {
    let (Ok(model), Ok(files)) = (codegen::build_model(spec), codegen::generate(spec)) else {
        figure_missing(name, "-", "the spec does not generate");
        return;
    };
    let file = |path: &str| {
        files
            .iter()
            .find(|file| file.path == path)
            .map_or("", |file| file.contents.as_str())
    };
    let operations = model.operations.len().max(1) as f64;
    let ids = model.ids.len().max(1) as f64;
    let enums = enum_blocks(file("generated/types.rs"));
    let bytes: usize = files.iter().map(|file| file.contents.len()).sum();
    figure(
        &format!("{name}.operations_rs_lines_per_operation"),
        file("generated/operations.rs").lines().count() as f64 / operations,
        "lines",
        Target::AtMost(35.0),
    );
    figure(
        &format!("{name}.ids_rs_lines_per_id"),
        file("generated/ids.rs").lines().count() as f64 / ids,
        "lines",
        Target::AtMost(12.0),
    );
    if !enums.is_empty() {
        figure(
            &format!("{name}.lines_per_string_enum"),
            enums.iter().sum::<usize>() as f64 / enums.len() as f64,
            "lines",
            Target::AtMost(30.0),
        );
    }
    figure(
        &format!("{name}.bytes_per_operation (all files)"),
        bytes as f64 / operations,
        "bytes",
        Target::AtMost(4_096.0),
    );
}

/// The number of lines of each `string_enum!` block in `types.rs` (its line after it included).
fn enum_blocks(types: &str) -> Vec<usize> {
    let mut blocks = Vec::new();
    let mut current: Option<usize> = None;
    for line in types.lines() {
        if line.starts_with("runtime::string_enum! {") {
            current = Some(0);
        }
        if let Some(count) = current.as_mut() {
            *count += 1;
            if line == "}" {
                blocks.push(*count + 1);
                current = None;
            }
        }
    }
    blocks
}

/// The pipeline's stages, in order.
const STAGE_NAMES: [&str; 5] = ["parse", "validate", "lower", "emit", "format"];

/// Wall-clock and CPU time of each stage over several runs, in nanoseconds.
struct Stages {
    /// `wall[stage][run]`.
    wall: Vec<Vec<f64>>,
    /// `cpu[stage][run]`; empty when the thread's CPU time cannot be read.
    cpu: Vec<Vec<f64>>,
    /// The total wall-clock time of each run.
    total_wall: Vec<f64>,
    /// The total CPU time of each run.
    total_cpu: Vec<f64>,
}

/// Runs the whole pipeline `runs` times (after one untimed warm-up run when `warm_up`),
/// timing each stage.
fn staged_runs(text: &str, runs: usize, warm_up: bool) -> Option<Stages> {
    let mut stages = Stages {
        wall: vec![Vec::new(); STAGE_NAMES.len()],
        cpu: vec![Vec::new(); STAGE_NAMES.len()],
        total_wall: Vec::new(),
        total_cpu: Vec::new(),
    };
    let first_timed = usize::from(warm_up);
    for run in 0..runs + first_timed {
        let mut clock = StageClock::start();
        let api = codegen::parse::parse(black_box(text)).ok()?;
        let parse = clock.lap();
        let raw = serde_json::to_value(&api).ok()?;
        codegen::validate::validate(&api, &raw).ok()?;
        let validate = clock.lap();
        let model = codegen::lower::lower(&api).ok()?;
        let lower = clock.lap();
        let texts = codegen::emit::emit(&model).ok()?;
        let emit = clock.lap();
        let mut bytes = 0;
        for (_, text) in texts {
            bytes += codegen::format::format(&text).len();
        }
        black_box(bytes);
        let format = clock.lap();
        if run < first_timed {
            continue;
        }
        for (index, (wall, cpu)) in [parse, validate, lower, emit, format]
            .into_iter()
            .enumerate()
        {
            stages.wall[index].push(wall);
            if let Some(cpu) = cpu {
                stages.cpu[index].push(cpu);
            }
        }
        stages.total_wall.push(clock.total_wall());
        if let Some(cpu) = clock.total_cpu() {
            stages.total_cpu.push(cpu);
        }
    }
    Some(stages)
}

/// Times laps in wall-clock time and, where Linux tells it, this thread's CPU time.
struct StageClock {
    started: Instant,
    lap_started: Instant,
    cpu_started: Option<f64>,
    cpu_lap_started: Option<f64>,
}

impl StageClock {
    fn start() -> Self {
        let cpu = thread_cpu_ns();
        let now = Instant::now();
        StageClock {
            started: now,
            lap_started: now,
            cpu_started: cpu,
            cpu_lap_started: cpu,
        }
    }

    /// The wall and CPU nanoseconds since the previous lap.
    fn lap(&mut self) -> (f64, Option<f64>) {
        let now = Instant::now();
        let cpu = thread_cpu_ns();
        let wall = now.duration_since(self.lap_started).as_nanos() as f64;
        let cpu_lap = cpu.zip(self.cpu_lap_started).map(|(now, then)| now - then);
        self.lap_started = now;
        self.cpu_lap_started = cpu;
        (wall, cpu_lap)
    }

    fn total_wall(&self) -> f64 {
        self.lap_started.duration_since(self.started).as_nanos() as f64
    }

    fn total_cpu(&self) -> Option<f64> {
        self.cpu_lap_started
            .zip(self.cpu_started)
            .map(|(now, then)| now - then)
    }
}

/// This thread's CPU time in nanoseconds, from `/proc/thread-self/schedstat` (Linux only).
/// CPU time is not inflated by other processes competing for the cores, unlike wall time.
fn thread_cpu_ns() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Prints criterion's medians for the real spec and the small synthetic specs.
fn report_criterion(real_present: bool, real_ok: bool) {
    match criterion_median_ns(GROUP, "spec") {
        Some(ns) if real_ok => {
            figure("generator.spec", ns / MS, "ms", Target::AtMost(10.0));
        }
        _ if !real_present => {
            figure_missing("generator.spec", "ms", "spec/openapi.yaml is missing")
        }
        _ => figure_missing(
            "generator.spec",
            "ms",
            "spec/openapi.yaml does not generate",
        ),
    }
    for size in SIZES {
        let name = format!("generator.synthetic_{size}");
        match criterion_median_ns(GROUP, &format!("synthetic_{size}")) {
            Some(ns) => {
                figure(&name, ns / MS, "ms", Target::None);
            }
            None => figure_missing(&name, "ms", "no result (see the errors above)"),
        }
    }
}

/// The smallest total CPU time worth reporting (250 ms), given tick-based accounting.
const CPU_TIME_FLOOR_NS: f64 = 250e6;

/// Nanoseconds per millisecond.
const MS: f64 = 1e6;

/// Prints the total and per-stage medians of staged runs; for the large spec, also the total
/// against its target and the ratio to the criterion median at 200 operations.
fn report_stages(name: &str, stages: &Stages, small_ns: Option<f64>) {
    let runs = stages.total_wall.len();
    let mut total_wall = stages.total_wall.clone();
    let mut total_cpu = stages.total_cpu.clone();
    let wall = common::median(&mut total_wall).unwrap_or(f64::NAN);
    if let Some(small) = small_ns {
        figure(
            &format!("{name} (median of {runs})"),
            wall / MS,
            "ms",
            Target::AtMost(1_000.0),
        );
        figure(
            "generator.scaling_2000_over_200",
            wall / small,
            "ratio",
            Target::AtMost(12.0),
        );
    }
    // The kernel may count CPU time in scheduler ticks (4 ms here), so CPU figures are shown
    // only where a tick is a small fraction of the total.
    let cpu_total = common::median(&mut total_cpu).filter(|cpu| *cpu >= CPU_TIME_FLOOR_NS);
    if let Some(cpu) = cpu_total {
        figure(
            &format!("{name}.cpu_time (median of {runs})"),
            cpu / MS,
            "ms",
            Target::None,
        );
    }
    for (index, stage) in STAGE_NAMES.iter().enumerate() {
        let mut wall_samples = stages.wall[index].clone();
        let Some(stage_wall) = common::median(&mut wall_samples) else {
            continue;
        };
        let share = 100.0 * stage_wall / wall;
        let mut cpu_samples = stages.cpu[index].clone();
        let cpu_text = common::median(&mut cpu_samples)
            .filter(|_| cpu_total.is_some())
            .map(|cpu| format!(", cpu {}", common::format_value(cpu / MS)))
            .unwrap_or_default();
        figure(
            &format!("{name}.stage.{stage} ({share:.0}%{cpu_text})"),
            stage_wall / MS,
            "ms",
            Target::None,
        );
    }
}
