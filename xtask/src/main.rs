//! Entry point of `cargo xtask`: see [`xtask::cli`] for the commands (`cargo xtask --help`
//! lists them).

use std::process::ExitCode;

use xtask::codegen::workspace_root;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ExitCode::from(xtask::cli::main(
        &workspace_root(),
        &args,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    ))
}
