//! The command line a newcomer meets first: `cargo xtask --help` lists every command, every
//! command answers `--help` (exit 0, on standard output), and a bad command line says what is
//! wrong with the usage (exit 2, on standard error). Runs the entry point `xtask::cli::main`.

use std::path::Path;

use xtask::cli::{COMMANDS, EXIT_USAGE, usage};

/// Runs the command line with `args`; returns (status, stdout, stderr).
fn xtask(args: &[&str]) -> (u8, String, String) {
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    // Help and argument errors are decided before the workspace is looked at.
    let root = Path::new("/nonexistent-workspace");
    let status = xtask::cli::main(root, args, &mut stdout, &mut stderr);
    (
        status,
        String::from_utf8(stdout).expect("utf-8"),
        String::from_utf8(stderr).expect("utf-8"),
    )
}

#[test]
fn the_usage_lists_every_command_and_every_command_answers_help() {
    let names: Vec<&str> = COMMANDS.iter().map(|command| command.name).collect();
    for expected in [
        "codegen",
        "diff",
        "release",
        "fresh-deps",
        "semver-check",
        "bench",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} is not listed: {names:?}"
        );
    }
    for help in [&["--help"][..], &["-h"], &["help"]] {
        let (status, stdout, stderr) = xtask(help);
        assert_eq!((status, stderr.as_str()), (0, ""), "{help:?}");
        assert_eq!(stdout, usage());
    }
    for command in COMMANDS {
        assert!(
            usage().contains(command.synopsis),
            "the usage leaves out {}",
            command.name
        );
        for args in [
            vec![command.name, "--help"],
            vec![command.name, "-h"],
            vec!["help", command.name],
        ] {
            let (status, stdout, stderr) = xtask(&args);
            assert_eq!(status, 0, "{args:?}: {stderr}");
            assert!(stderr.is_empty(), "{args:?}: {stderr}");
            assert!(
                stdout.contains(&format!("usage: {}", command.synopsis)),
                "{args:?}:\n{stdout}"
            );
            assert!(stdout.len() > 200, "{args:?} says too little:\n{stdout}");
        }
    }
}

#[test]
fn help_after_other_arguments_still_answers_help() {
    let (status, stdout, _) = xtask(&["diff", "origin/main", "--help"]);
    assert_eq!(status, 0);
    assert!(stdout.contains("--format text|markdown"), "{stdout}");
}

#[test]
fn bad_command_lines_exit_2_with_the_usage() {
    let (status, stdout, stderr) = xtask(&[]);
    assert_eq!(status, EXIT_USAGE);
    assert!(stdout.is_empty());
    assert!(stderr.starts_with("error: no command given"), "{stderr}");
    assert!(stderr.contains(&usage()), "{stderr}");

    let (status, _, stderr) = xtask(&["generate"]);
    assert_eq!(status, EXIT_USAGE);
    assert!(
        stderr.starts_with("error: unknown command `generate`"),
        "{stderr}"
    );
    assert!(stderr.contains("cargo xtask codegen [--check]"), "{stderr}");

    let (status, _, stderr) = xtask(&["help", "generate"]);
    assert_eq!(status, EXIT_USAGE);
    assert!(stderr.contains("unknown command `generate`"), "{stderr}");

    for (args, synopsis) in [
        (&["codegen", "--write"][..], "cargo xtask codegen [--check]"),
        (&["release", "--force"], "cargo xtask release [--check]"),
        (&["fresh-deps", "now"], "cargo xtask fresh-deps"),
        (
            &["semver-check", "--all"],
            "cargo xtask semver-check [CASE...]",
        ),
    ] {
        let (status, _, stderr) = xtask(args);
        assert_eq!(status, EXIT_USAGE, "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!("usage: {synopsis}")),
            "{args:?}: {stderr}"
        );
    }
}
