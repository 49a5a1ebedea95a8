//! `--state FILE`: the emulator's state in a SQLite database, so it survives a restart.
//!
//! After every request that changed something, and before the response is sent, the rows that
//! request touched are written in one transaction (write-ahead log, `synchronous = FULL`: the
//! commit is on disk when it returns). A write therefore costs the same however much is
//! stored, and an emulator killed at any moment has every acknowledged write and at most the
//! request it was handling besides. `sqlite3 FILE` opens the database; its tables:
//!
//! | table | one row per |
//! |---|---|
//! | `workers_scripts` | Worker script (`namespace` is `''` outside a dispatch namespace) |
//! | `workers_secrets` | Workers secret binding: name, type, a key's algorithm, format and usages, and the value's length and HMAC |
//! | `secrets_store_stores` | store |
//! | `secrets_store_secrets` | Secrets Store secret: metadata, and the value's length and HMAC |
//! | `audit_events` | audit event, the newest up to the audit log's capacity |
//! | `meta` | counters: `sequence` (creation order), `audit_total` (every audit event ever) |
//!
//! The database holds no secret value: only what the state keeps of values (a length and an
//! HMAC-SHA256, see [`crate::digest`]). The HMAC key lives in `FILE.key` (32 random bytes,
//! written once, readable by the owner only on Unix), so a restarted emulator still tells
//! whether an update changed a value. If `FILE.key` is lost, a new key is made and every
//! later update of an older value counts as a change (`value_modified: true`).
//!
//! A `FILE` in the older JSON format (format 1, rewritten whole on every change) is migrated
//! on start: its state is written to a new database, the JSON is kept beside it as
//! `FILE.v1.json`, and the database takes its place. A file that is neither is refused with a
//! message saying what to do.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::digest::{DIGEST_KEY_BYTES, DigestKey};
use crate::limits::Plan;
use crate::migrate::read_json_state;
use crate::state::{Changes, State};

mod rows;

use rows::{everything, write_changes};

/// The schema version, in SQLite's `user_version` (format 1 was the JSON file).
const SCHEMA_VERSION: i64 = 2;

/// The first bytes of every SQLite database.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

const SCHEMA: &str = "
CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE workers_scripts (
    account TEXT NOT NULL, namespace TEXT NOT NULL, script TEXT NOT NULL,
    PRIMARY KEY (account, namespace, script)
) WITHOUT ROWID;
CREATE TABLE workers_secrets (
    account TEXT NOT NULL, namespace TEXT NOT NULL, script TEXT NOT NULL, name TEXT NOT NULL,
    type TEXT NOT NULL, algorithm TEXT, format TEXT, usages TEXT,
    value_bytes INTEGER NOT NULL, value_hmac_sha256 TEXT NOT NULL,
    PRIMARY KEY (account, namespace, script, name)
) WITHOUT ROWID;
CREATE TABLE secrets_store_stores (
    account TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL,
    created_seq INTEGER NOT NULL, modified_seq INTEGER NOT NULL,
    PRIMARY KEY (account, id)
) WITHOUT ROWID;
CREATE TABLE secrets_store_secrets (
    account TEXT NOT NULL, store_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
    comment TEXT, scopes TEXT NOT NULL, status TEXT NOT NULL,
    value_bytes INTEGER NOT NULL, value_hmac_sha256 TEXT NOT NULL,
    created TEXT NOT NULL, modified TEXT NOT NULL,
    created_seq INTEGER NOT NULL, modified_seq INTEGER NOT NULL,
    PRIMARY KEY (account, store_id, id)
) WITHOUT ROWID;
CREATE TABLE audit_events (
    sequence INTEGER PRIMARY KEY, time TEXT NOT NULL, action TEXT NOT NULL,
    account_id TEXT NOT NULL, store_id TEXT NOT NULL, secret_id TEXT NOT NULL,
    secret_name TEXT NOT NULL, duplicated_from_id TEXT, value_modified INTEGER
);
";

/// Where the state is saved: an open SQLite database.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    connection: Connection,
    audit_capacity: usize,
    migrated_from: Option<PathBuf>,
}

/// `FILE` with `suffix` appended to its name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn named(path: &Path, error: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("{}: {error}", path.display()))
}

fn invalid(path: &Path, message: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("{}: {message}", path.display()),
    )
}

/// What a file holds, judged by its first bytes.
enum Kind {
    Missing,
    Database,
    Json(Vec<u8>),
    Other,
}

fn kind_of(path: &Path) -> io::Result<Kind> {
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Kind::Missing),
        Err(error) => return Err(named(path, error)),
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|e| named(path, e))?;
    if bytes.is_empty() {
        return Ok(Kind::Missing);
    }
    if bytes.starts_with(SQLITE_HEADER) {
        return Ok(Kind::Database);
    }
    if bytes.iter().find(|byte| !byte.is_ascii_whitespace()) == Some(&b'{') {
        return Ok(Kind::Json(bytes));
    }
    Ok(Kind::Other)
}

impl StateFile {
    /// Opens the state at `path` (creating an empty database when there is none, migrating a
    /// JSON state file), reads the key from `FILE.key` or makes one, and loads the state,
    /// keeping the newest `audit_capacity` audit events. Errors name the file.
    pub fn open(path: &Path, plan: Plan, audit_capacity: usize) -> io::Result<(StateFile, State)> {
        let key = read_or_create_key(&with_suffix(path, ".key"))?;
        let mut migrated_from = None;
        match kind_of(path)? {
            Kind::Missing | Kind::Database => {}
            Kind::Json(bytes) => {
                let state = read_json_state(&bytes, key.clone(), plan, audit_capacity).map_err(
                    |message| {
                        invalid(
                            path,
                            &format!(
                                "not a state file this emulator can migrate ({message}); move it away or pass another --state path"
                            ),
                        )
                    },
                )?;
                migrated_from = Some(migrate(path, &state, audit_capacity)?);
            }
            Kind::Other => {
                return Err(invalid(
                    path,
                    "neither an emulator database (SQLite) nor a state file of the older JSON format; move it away or pass another --state path",
                ));
            }
        }
        let connection = connect(path)?;
        let file = StateFile {
            path: path.to_owned(),
            connection,
            audit_capacity,
            migrated_from,
        };
        let state = rows::read_state(&file.connection, key, plan, audit_capacity)
            .map_err(|error| named(path, format!("cannot read the state database: {error}")))?;
        Ok((file, state))
    }

    /// The path of the database.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the JSON state file this database was migrated from was kept, when it was
    /// migrated on this start.
    pub fn migrated_from(&self) -> Option<&Path> {
        self.migrated_from.as_deref()
    }

    /// Writes the rows `changes` touched, as they now are in `state`, in one transaction.
    pub fn save(&mut self, state: &State, changes: &Changes) -> rusqlite::Result<()> {
        let transaction = self.connection.transaction()?;
        write_changes(&transaction, state, changes, self.audit_capacity)?;
        transaction.commit()
    }
}

/// Opens the database with durable commits and makes its tables when it is new.
fn connect(path: &Path) -> io::Result<Connection> {
    let connection = Connection::open(path).map_err(|error| named(path, error))?;
    let setup = || -> rusqlite::Result<i64> {
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        let version: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if version == 0 {
            connection.execute_batch(&format!(
                "BEGIN; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
            ))?;
            return Ok(SCHEMA_VERSION);
        }
        Ok(version)
    };
    let version =
        setup().map_err(|error| named(path, format!("cannot open the state database: {error}")))?;
    if version != SCHEMA_VERSION {
        return Err(invalid(
            path,
            &format!(
                "the state database has schema version {version}, and this emulator reads {SCHEMA_VERSION}; use the emulator that wrote it, or pass another --state path"
            ),
        ));
    }
    Ok(connection)
}

/// Writes `state` whole into a new database beside `path`, keeps the JSON file as
/// `FILE.v1.json` and puts the database in its place; returns the JSON copy's path.
fn migrate(path: &Path, state: &State, audit_capacity: usize) -> io::Result<PathBuf> {
    let building = with_suffix(path, ".migrating");
    let _ = fs::remove_file(&building);
    {
        let mut connection = connect(&building)?;
        // Back to a rollback journal, so the finished database is one file to rename.
        connection
            .pragma_update(None, "journal_mode", "DELETE")
            .map_err(|error| named(&building, error))?;
        let transaction = connection.transaction().map_err(|e| named(&building, e))?;
        write_changes(&transaction, state, &everything(state), audit_capacity)
            .and_then(|()| transaction.commit())
            .map_err(|error| named(&building, error))?;
    }
    let backup = with_suffix(path, ".v1.json");
    fs::copy(path, &backup).map_err(|error| named(&backup, error))?;
    fs::File::open(&backup)
        .and_then(|file| file.sync_all())
        .map_err(|error| named(&backup, error))?;
    fs::rename(&building, path).map_err(|error| named(path, error))?;
    Ok(backup)
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

#[cfg(test)]
mod tests;
