//! The command line of `cargo xtask`: the list of commands, the usage text, `--help` for every
//! command, and the dispatch to each task's entry point.
//!
//! Every command is listed once, in [`COMMANDS`]; the usage text and each command's `--help`
//! are printed from that list, so a new command cannot be left out of either.

use std::io::Write;
use std::path::Path;

/// Exit status of a bad command line (an unknown command or option), as `diff` uses too.
pub const EXIT_USAGE: u8 = 2;

/// What `--help` and the usage text say about one command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommandHelp {
    /// The word after `cargo xtask` (`codegen`).
    pub name: &'static str,
    /// The command with its arguments (`cargo xtask codegen [--check]`).
    pub synopsis: &'static str,
    /// One line for the usage text.
    pub summary: &'static str,
    /// The rest of `--help`: what the command reads, writes and prints, and each option.
    pub details: &'static str,
}

impl CommandHelp {
    /// The full `--help` text.
    pub fn help(&self) -> String {
        format!(
            "{}\n\nusage: {}\n\n{}\n",
            capitalise(self.summary),
            self.synopsis,
            self.details
        )
    }
}

/// Every command, in the order the usage text lists them.
pub const COMMANDS: &[CommandHelp] = &[
    crate::codegen::COMMAND,
    crate::diff::COMMAND,
    crate::release::COMMAND,
    crate::fresh_deps::COMMAND,
    crate::semver::COMMAND,
    crate::bench::COMMAND,
];

/// The usage text: every command's synopsis and summary, and how to get more.
pub fn usage() -> String {
    let width = COMMANDS
        .iter()
        .map(|command| command.synopsis.len())
        .max()
        .unwrap_or(0);
    let mut text =
        String::from("Maintainer tasks of the cloudflare-secrets workspace.\n\nusage:\n");
    for command in COMMANDS {
        text.push_str(&format!(
            "  {:<width$}  {}\n",
            command.synopsis, command.summary
        ));
    }
    text.push_str("\n`cargo xtask <command> --help` says more about one command.\n");
    text
}

/// The help of the command called `name`, if there is one.
pub fn command(name: &str) -> Option<&'static CommandHelp> {
    COMMANDS.iter().find(|command| command.name == name)
}

/// Whether the arguments ask for help (`--help` or `-h` anywhere).
fn asks_for_help(args: &[&str]) -> bool {
    args.iter().any(|arg| matches!(*arg, "--help" | "-h"))
}

/// Runs `cargo xtask` with `args` (the words after `xtask`) against the workspace at `root` and
/// returns the exit status: help goes to `stdout` with status 0, a bad command line to `stderr`
/// with [`EXIT_USAGE`].
pub fn main(root: &Path, args: &[&str], stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let Some((&name, rest)) = args.split_first() else {
        let _ = write!(stderr, "error: no command given\n\n{}", usage());
        return EXIT_USAGE;
    };
    if matches!(name, "--help" | "-h" | "help") {
        return match rest {
            [] => print(stdout, &usage()),
            [topic] => match command(topic) {
                Some(command) => print(stdout, &command.help()),
                None => unknown_command(stderr, topic),
            },
            _ => {
                let _ = write!(
                    stderr,
                    "error: `help` takes one command name\n\n{}",
                    usage()
                );
                EXIT_USAGE
            }
        };
    }
    let Some(help) = command(name) else {
        return unknown_command(stderr, name);
    };
    if asks_for_help(rest) {
        return print(stdout, &help.help());
    }
    match name {
        "codegen" => crate::codegen::main(root, rest, stdout, stderr),
        "diff" => crate::diff::main(root, rest, stdout, stderr),
        "release" => crate::release::main(root, rest, stdout, stderr),
        "fresh-deps" => crate::fresh_deps::main(root, rest, stdout, stderr),
        "semver-check" => crate::semver::main(root, rest, stdout, stderr),
        "bench" => crate::bench::main(root, rest),
        other => unknown_command(stderr, other),
    }
}

/// Writes `text` to `out`; status 0, or 2 when it cannot be written.
fn print(out: &mut dyn Write, text: &str) -> u8 {
    match write!(out, "{text}").and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(_) => EXIT_USAGE,
    }
}

/// Reports an unknown command with the usage text.
fn unknown_command(stderr: &mut dyn Write, name: &str) -> u8 {
    let _ = write!(stderr, "error: unknown command `{name}`\n\n{}", usage());
    EXIT_USAGE
}

/// The text with its first letter in upper case.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_each_synopsis_starts_with_its_command() {
        for (index, command) in COMMANDS.iter().enumerate() {
            assert!(
                command
                    .synopsis
                    .starts_with(&format!("cargo xtask {}", command.name)),
                "{command:?}"
            );
            assert!(
                COMMANDS[index + 1..]
                    .iter()
                    .all(|other| other.name != command.name),
                "{} is listed twice",
                command.name
            );
        }
    }
}
