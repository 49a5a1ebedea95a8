//! The `cloudflare-secrets-emulator` program: runs the emulator on 127.0.0.1 until interrupted.
//!
//! It prints the base URL to give a client (`http://127.0.0.1:PORT/client/v4`) on standard
//! output, then serves until Ctrl-C or SIGTERM. `--help` lists the options.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use cloudflare_secrets_emulator::{Emulator, Permission, Plan, Role};

const USAGE: &str = "usage: cloudflare-secrets-emulator [--port PORT] [--token TOKEN[@ACCESS]]... [--email EMAIL --key KEY]
                                  [--worker [NAMESPACE/]NAME]... [--plan free|paid] [--state FILE]
                                  [--request-log N] [--audit-log N]

Serves a local emulator of Cloudflare's Workers secrets and Secrets Store APIs on 127.0.0.1
and prints the base URL to give a client.
  --port PORT            port to listen on (default 8787; 0 picks a free one)
  --token TOKEN          accept Authorization: Bearer TOKEN, with every permission (repeatable)
  --token TOKEN@ACCESS   the same token with only ACCESS: a role (super-administrator, admin,
                         deployer, reporter) or comma-separated permissions
                         (\"Secrets Store Read,Workers Scripts Read\")
  --email EMAIL          with --key: also accept X-Auth-Email / X-Auth-Key (every permission)
  --key KEY              the global API key that goes with --email
  --worker NAME          declare the Worker NAME in every account (repeatable); Workers secret
                         calls on an undeclared script answer 10007 \"This Worker does not exist\"
  --worker NS/NAME       declare the script NAME of the dispatch namespace NS in every account
  --plan free|paid       Workers plan: 64 (free, the default) or 128 variables and secrets per
                         Worker, 100 or 500 Workers per account
  --state FILE           keep the state in the SQLite database FILE (created when missing; a JSON
                         state file of older versions is migrated and kept as FILE.v1.json);
                         every change is committed before the answer. The key that hashes values
                         goes to FILE.key. No secret value is written.
  --request-log N        keep the newest N requests for GET /client/v4/__emulator/requests
                         (default 1000); older ones are dropped and counted
  --audit-log N          keep the newest N audit events (default 1000), in memory and in FILE
Without --token (or --email and --key) any credentials are accepted, but a request without
credentials still gets 401.";

/// The command line, parsed.
#[derive(Debug, Default)]
struct Options {
    port: Option<u16>,
    tokens: Vec<(String, BTreeSet<Permission>)>,
    email: Option<String>,
    key: Option<String>,
    plan: Plan,
    state: Option<PathBuf>,
    workers: Vec<(Option<String>, String)>,
    request_log: Option<usize>,
    audit_log: Option<usize>,
}

/// Reads `NAME` or `NAMESPACE/NAME`.
fn parse_worker(text: &str) -> Result<(Option<String>, String), String> {
    let (namespace, name) = match text.split_once('/') {
        Some((namespace, name)) => (Some(namespace.to_owned()), name),
        None => (None, text),
    };
    if name.is_empty() || namespace.as_deref() == Some("") || name.contains('/') {
        return Err(format!(
            "--worker takes NAME or NAMESPACE/NAME, not {text:?}"
        ));
    }
    Ok((namespace, name.to_owned()))
}

/// Reads a log capacity.
fn parse_capacity(flag: &str, text: &str) -> Result<usize, String> {
    text.parse()
        .map_err(|_| format!("{flag} must be a number of entries, not {text}"))
}

/// Reads `TOKEN` or `TOKEN@ACCESS`.
fn parse_token(text: &str) -> Result<(String, BTreeSet<Permission>), String> {
    let (token, access) = match text.rsplit_once('@') {
        Some((token, access)) => (token, Some(access)),
        None => (text, None),
    };
    if token.is_empty() {
        return Err("--token needs a non-empty token".to_owned());
    }
    let permissions = match access {
        None => Permission::ALL.into_iter().collect(),
        Some(access) => match access.parse::<Role>() {
            Ok(role) => role.permissions(),
            Err(_) => access
                .split(',')
                .map(str::parse::<Permission>)
                .collect::<Result<_, _>>()
                .map_err(|error| format!("--token …@{access}: not a role, and {error}"))?,
        },
    };
    Ok((token.to_owned(), permissions))
}

fn parse(arguments: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut options = Options::default();
    let mut arguments = arguments.into_iter();
    while let Some(argument) = arguments.next() {
        let (flag, inline) = match argument.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (argument, None),
        };
        if flag == "--help" || flag == "-h" {
            return Err(String::new());
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| arguments.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--port" => {
                let text = value()?;
                let port = text
                    .parse()
                    .map_err(|_| format!("--port must be a number from 0 to 65535, not {text}"))?;
                options.port = Some(port);
            }
            "--token" => options.tokens.push(parse_token(&value()?)?),
            "--email" => options.email = Some(value()?),
            "--key" => options.key = Some(value()?),
            "--plan" => options.plan = value()?.parse()?,
            "--state" => options.state = Some(PathBuf::from(value()?)),
            "--worker" => options.workers.push(parse_worker(&value()?)?),
            "--request-log" => options.request_log = Some(parse_capacity(&flag, &value()?)?),
            "--audit-log" => options.audit_log = Some(parse_capacity(&flag, &value()?)?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if options.email.is_some() != options.key.is_some() {
        return Err("--email and --key go together".to_owned());
    }
    Ok(options)
}

/// Waits for Ctrl-C, or SIGTERM on Unix.
async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("error: cannot wait for Ctrl-C: {error}");
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) if message.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Emulator::builder()
        .port(options.port.unwrap_or(8787))
        .plan(options.plan);
    for (token, permissions) in options.tokens {
        builder = builder.token_with_permissions(token, permissions);
    }
    if let (Some(email), Some(key)) = (options.email, options.key) {
        builder = builder.global_key(email, key);
    }
    if let Some(state) = options.state {
        builder = builder.state_file(state);
    }
    for (namespace, name) in options.workers {
        builder = match namespace {
            Some(namespace) => builder.dispatch_worker(namespace, name),
            None => builder.worker(name),
        };
    }
    if let Some(capacity) = options.request_log {
        builder = builder.request_log_capacity(capacity);
    }
    if let Some(capacity) = options.audit_log {
        builder = builder.audit_log_capacity(capacity);
    }
    let emulator = match builder.start().await {
        Ok(emulator) => emulator,
        Err(error) => {
            eprintln!("error: cannot start the emulator: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}", emulator.base_url());
    if let (Some(database), Some(json)) =
        (emulator.state_file(), emulator.state_file_migrated_from())
    {
        eprintln!(
            "migrated the JSON state file to the SQLite database {}; the JSON is kept as {}",
            database.display(),
            json.display()
        );
    }
    eprintln!("cloudflare-secrets emulator listening; press Ctrl-C to stop");
    interrupted().await;
    emulator.shutdown().await;
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|text| (*text).to_owned()).collect()
    }

    #[test]
    fn flags_take_separate_or_inline_values() {
        let options = parse(args(&[
            "--port",
            "9000",
            "--token=abc",
            "--plan",
            "paid",
            "--state",
            "s.db",
            "--worker",
            "api",
            "--worker=ns/tenant",
            "--request-log",
            "50",
            "--audit-log=7",
        ]))
        .expect("valid");
        assert_eq!(
            options.workers,
            [
                (None, "api".to_owned()),
                (Some("ns".to_owned()), "tenant".to_owned())
            ]
        );
        assert_eq!(
            (options.request_log, options.audit_log),
            (Some(50), Some(7))
        );
        assert_eq!(options.port, Some(9000));
        assert_eq!(options.tokens[0].0, "abc");
        assert_eq!(options.tokens[0].1.len(), Permission::ALL.len());
        assert_eq!(options.plan, Plan::Paid);
        assert_eq!(options.state, Some(PathBuf::from("s.db")));
    }

    #[test]
    fn tokens_carry_a_role_or_a_list_of_permissions() {
        let options = parse(args(&[
            "--token",
            "r@reporter",
            "--token",
            "w@Workers Scripts Read,Secrets Store Write",
        ]))
        .expect("valid");
        assert_eq!(
            options.tokens[0].1,
            Role::SecretsStoreReporter.permissions()
        );
        assert_eq!(
            options.tokens[1].1,
            [
                Permission::WorkersScriptsRead,
                Permission::SecretsStoreWrite
            ]
            .into()
        );
    }

    #[test]
    fn bad_arguments_are_reported() {
        assert!(parse(args(&["--port", "x"])).is_err());
        assert!(parse(args(&["--port"])).is_err());
        assert!(parse(args(&["--email", "a@b"])).is_err());
        assert!(parse(args(&["--what"])).is_err());
        assert!(parse(args(&["--plan", "enterprise"])).is_err());
        assert!(parse(args(&["--token", "t@owner"])).is_err());
        assert!(parse(args(&["--token", "@reporter"])).is_err());
        assert!(parse(args(&["--worker", ""])).is_err());
        assert!(parse(args(&["--worker", "/name"])).is_err());
        assert!(parse(args(&["--worker", "a/b/c"])).is_err());
        assert!(parse(args(&["--request-log", "-1"])).is_err());
    }
}
