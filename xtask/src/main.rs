//! Entry point of `cargo xtask`: `cargo xtask codegen [--check]`, `cargo xtask diff [BASE] [--format text|markdown]`.

use std::process::ExitCode;

use xtask::codegen::{Mode, run, workspace_root};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    if let ["bench", rest @ ..] = args.as_slice() {
        return xtask::bench::main(&workspace_root(), rest);
    }
    if let ["diff", rest @ ..] = args.as_slice() {
        let status = xtask::diff::main(
            &workspace_root(),
            rest,
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        );
        return ExitCode::from(status);
    }
    let mode = match args.as_slice() {
        ["codegen"] => Mode::Write,
        ["codegen", "--check"] => Mode::Check,
        _ => {
            eprintln!(
                "usage: cargo xtask codegen [--check]\n       {}",
                xtask::diff::USAGE
            );
            return ExitCode::from(2);
        }
    };
    match run(&workspace_root(), mode) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
