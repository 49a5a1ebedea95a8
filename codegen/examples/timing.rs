//! Times `codegen::generate` on a spec, in process: `cargo run --release -p cloudflare-secrets-codegen --example timing -- SPEC [RUNS]`.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: timing SPEC [RUNS]");
        return;
    };
    let runs: u32 = args.next().and_then(|runs| runs.parse().ok()).unwrap_or(10);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    let mut best = std::time::Duration::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        let result = cloudflare_secrets_codegen::generate(&text);
        let elapsed = start.elapsed();
        if let Err(error) = result {
            eprintln!("{error}");
            return;
        }
        best = best.min(elapsed);
    }
    println!("best of {runs}: {best:?}");
}
