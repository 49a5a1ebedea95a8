//! The maintainer tasks' command lines, run against scratch workspaces: one module per command.

mod release_command;
