//! `--state FILE`: the emulator's state on disk, so it survives a restart.
//!
//! After every request that changed the state, and before the response is sent, the whole
//! state is written to `FILE.tmp`, flushed to disk and renamed over `FILE`. A rename within one
//! directory is atomic, so `FILE` always holds the state after some complete request: an
//! emulator killed at any moment loses at most the request it was handling, and never leaves a
//! half-written file.
//!
//! The file holds no secret value: only what the state keeps of values (a length and an
//! HMAC-SHA256, see [`crate::digest`]). The HMAC key lives in `FILE.key` (32 random bytes,
//! written once, readable by the owner only on Unix), so a restarted emulator still tells
//! whether an update changed a value. If `FILE.key` is lost, a new key is made and every
//! later update of an older value counts as a change (`value_modified: true`).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::digest::{DIGEST_KEY_BYTES, DigestKey};
use crate::state::{Plan, State};

/// The format written to the file; a file with another number is refused.
const FORMAT: u64 = 1;

/// Where the state is saved.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    temporary: PathBuf,
}

/// The first line of the file's JSON: which format it is.
#[derive(serde::Serialize)]
struct Written<'a> {
    format: u64,
    state: &'a State,
}

#[derive(serde::Deserialize)]
struct Read {
    format: u64,
    state: serde_json::Value,
}

/// `FILE` with `suffix` appended to its name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

impl StateFile {
    /// Opens (or prepares) the state at `path`: reads the key from `FILE.key` or makes one,
    /// and reads the state when `FILE` exists. Errors name the file.
    pub fn open(path: &Path, plan: Plan) -> io::Result<(StateFile, State)> {
        let key = read_or_create_key(&with_suffix(path, ".key"))?;
        let file = StateFile {
            path: path.to_owned(),
            temporary: with_suffix(path, ".tmp"),
        };
        let state = match fs::read(path) {
            Ok(bytes) => {
                let read: Read = serde_json::from_slice(&bytes)
                    .map_err(|error| invalid(path, &error.to_string()))?;
                if read.format != FORMAT {
                    return Err(invalid(
                        path,
                        &format!(
                            "format {} is not {FORMAT}, the one this emulator reads",
                            read.format
                        ),
                    ));
                }
                let text = serde_json::to_vec(&read.state)
                    .map_err(|error| invalid(path, &error.to_string()))?;
                State::from_json(&text, key, plan)
                    .map_err(|error| invalid(path, &error.to_string()))?
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => State::new(key, plan),
            Err(error) => return Err(named(path, error)),
        };
        Ok((file, state))
    }

    /// The path of the state file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `state` to the temporary file, flushes it and renames it over the state file.
    pub fn save(&self, state: &State) -> io::Result<()> {
        let bytes = serde_json::to_vec(&Written {
            format: FORMAT,
            state,
        })
        .map_err(io::Error::other)?;
        let mut temporary = File::create(&self.temporary).map_err(|e| named(&self.temporary, e))?;
        temporary
            .write_all(&bytes)
            .and_then(|()| temporary.sync_all())
            .map_err(|error| named(&self.temporary, error))?;
        drop(temporary);
        fs::rename(&self.temporary, &self.path).map_err(|error| named(&self.path, error))
    }
}

fn named(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

fn invalid(path: &Path, message: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "{} is not an emulator state file: {message}",
            path.display()
        ),
    )
}

/// Reads the digest key, or writes a new one (to a temporary file, then renamed).
fn read_or_create_key(path: &Path) -> io::Result<DigestKey> {
    match fs::read(path) {
        Ok(bytes) => {
            let bytes: [u8; DIGEST_KEY_BYTES] = bytes.try_into().map_err(|_| {
                invalid(
                    path,
                    &format!("a key file holds exactly {DIGEST_KEY_BYTES} bytes"),
                )
            })?;
            Ok(DigestKey::from_bytes(bytes))
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            let key = DigestKey::random();
            let temporary = with_suffix(path, ".tmp");
            let mut options = OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let mut file = options.open(&temporary).map_err(|e| named(&temporary, e))?;
            file.write_all(key.bytes())
                .and_then(|()| file.sync_all())
                .map_err(|error| named(&temporary, error))?;
            drop(file);
            fs::rename(&temporary, path).map_err(|error| named(path, error))?;
            Ok(key)
        }
        Err(error) => Err(named(path, error)),
    }
}
