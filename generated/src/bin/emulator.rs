//! Runs the secrets API emulator on 127.0.0.1 until interrupted.
//!
//! `cloudflare-secrets-emulator [--port PORT] [--token TOKEN] [--email EMAIL --key KEY]`
//! prints the base URL to give a client (`http://127.0.0.1:PORT/client/v4`) and serves until
//! Ctrl-C. Without `--token` (or `--email` and `--key`) any credentials are accepted, but a
//! request without credentials still gets 401.

use std::process::ExitCode;

use cloudflare_secrets::emulator::Emulator;

const USAGE: &str =
    "usage: cloudflare-secrets-emulator [--port PORT] [--token TOKEN] [--email EMAIL --key KEY]

Serves a local emulator of Cloudflare's Workers secrets and Secrets Store APIs on 127.0.0.1.
  --port PORT     port to listen on (default 8787; 0 picks a free one)
  --token TOKEN   require Authorization: Bearer TOKEN
  --email EMAIL   with --key: also accept X-Auth-Email / X-Auth-Key
  --key KEY       the global API key that goes with --email";

/// The command line, parsed.
#[derive(Debug, Default)]
struct Options {
    port: Option<u16>,
    token: Option<String>,
    email: Option<String>,
    key: Option<String>,
}

fn parse(arguments: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut options = Options::default();
    let mut arguments = arguments.into_iter();
    while let Some(argument) = arguments.next() {
        let (flag, inline) = match argument.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (argument, None),
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
            "--token" => options.token = Some(value()?),
            "--email" => options.email = Some(value()?),
            "--key" => options.key = Some(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if options.email.is_some() != options.key.is_some() {
        return Err("--email and --key go together".to_owned());
    }
    Ok(options)
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
    let mut builder = Emulator::builder().port(options.port.unwrap_or(8787));
    if let Some(token) = options.token {
        builder = builder.token(token);
    }
    if let (Some(email), Some(key)) = (options.email, options.key) {
        builder = builder.global_key(email, key);
    }
    let emulator = match builder.start().await {
        Ok(emulator) => emulator,
        Err(error) => {
            eprintln!("error: cannot listen on 127.0.0.1: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}", emulator.base_url());
    eprintln!("cloudflare-secrets emulator listening; press Ctrl-C to stop");
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("error: cannot wait for Ctrl-C: {error}");
    }
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
        let options = parse(args(&["--port", "9000", "--token=abc"])).expect("valid");
        assert_eq!(options.port, Some(9000));
        assert_eq!(options.token.as_deref(), Some("abc"));
    }

    #[test]
    fn bad_arguments_are_reported() {
        assert!(parse(args(&["--port", "x"])).is_err());
        assert!(parse(args(&["--port"])).is_err());
        assert!(parse(args(&["--email", "a@b"])).is_err());
        assert!(parse(args(&["--what"])).is_err());
    }
}
