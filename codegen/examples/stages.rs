//! Times the generator stage by stage, in process:
//! `cargo run --release -p cloudflare-secrets-codegen --example stages -- SPEC [RUNS] [DUMP_DIR]`.
//!
//! Prints the median of `RUNS` end-to-end runs of `codegen::generate`, then the median of each
//! stage (parse, validate, lower, emit + format). With `DUMP_DIR`, also writes the generated
//! files there (to compare the output of two versions of the generator byte for byte).

use std::time::{Duration, Instant};

use cloudflare_secrets_codegen as codegen;

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: stages SPEC [RUNS] [DUMP_DIR]");
        return;
    };
    let runs: usize = args
        .next()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(10)
        .max(1);
    let dump = args.next();
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    let files = match codegen::generate(&text) {
        Ok(files) => files,
        Err(error) => {
            eprintln!("{error}");
            return;
        }
    };
    if let Some(dir) = dump {
        for file in &files {
            let target = std::path::Path::new(&dir).join(file.path.replace('/', "__"));
            if let Err(error) = std::fs::write(&target, &file.contents) {
                eprintln!("cannot write {}: {error}", target.display());
                return;
            }
        }
    }

    let mut totals = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let result = codegen::generate(std::hint::black_box(&text));
        totals.push(start.elapsed());
        std::hint::black_box(result.ok());
    }

    let mut models = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let result = codegen::build_model(std::hint::black_box(&text));
        models.push(start.elapsed());
        std::hint::black_box(result.ok());
    }

    let mut stages: [Vec<Duration>; 4] = Default::default();
    for _ in 0..runs {
        let start = Instant::now();
        let Ok(api) = codegen::parse::parse(&text) else {
            return;
        };
        let parsed = Instant::now();
        let Ok(raw) = serde_json::to_value(&api) else {
            return;
        };
        if codegen::validate::validate(&api, &raw).is_err() {
            return;
        }
        let validated = Instant::now();
        let Ok(model) = codegen::lower::lower(&api) else {
            return;
        };
        let lowered = Instant::now();
        std::hint::black_box(codegen::generate_from_model(&model).ok());
        let generated = Instant::now();
        stages[0].push(parsed - start);
        stages[1].push(validated - parsed);
        stages[2].push(lowered - validated);
        stages[3].push(generated - lowered);
    }
    println!("total median of {runs}: {:?}", median(&mut totals));
    println!("  build_model: {:?}", median(&mut models));
    for (name, samples) in ["parse", "validate", "lower", "emit+format"]
        .iter()
        .zip(stages.iter_mut())
    {
        println!("  {name}: {:?}", median(samples));
    }
}
