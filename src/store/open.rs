//! Opening a database file: looking at it before SQLite may write, choosing between
//! reading and writing it, and naming what went wrong in words a clerk can act on.
//!
//! Nothing here writes to a file that is refused. A file this program may not write
//! (its permissions, a read-only medium, or SQLite reporting it read-only on the first
//! attempt) is opened for reading only, and only if it needs no upgrade.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, MAIN_DB, OpenFlags};

use super::encrypt::{Key, apply_key};
use super::migrations::{self, LATEST_VERSION};
use super::{APPLICATION_ID, FileProblem, Result, StoreError};

/// How a file is asked to be opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// For writing, upgrading it if needed; for reading only if the file allows no more.
    Write,
    /// For reading only, even if the file could be written.
    Read,
}

/// An open connection, whether it may only read, and whether the file is encrypted.
pub(super) struct Opened {
    pub conn: Connection,
    pub read_only: bool,
    pub encrypted: bool,
}

/// What the header pragmas of a file say about it.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct DbState {
    pub app_id: i32,
    pub version: i64,
    pub objects: i64,
}

/// What a path holds, found without writing anything.
#[derive(Clone, Copy, Debug)]
pub(super) enum Found {
    /// No file yet, in a folder that exists.
    Missing,
    /// A file of zero bytes, which SQLite treats as an empty database.
    Empty { writable: bool },
    /// A file that starts like a SQLite database.
    Database { writable: bool },
    /// A file that looks like an encrypted database: whole pages of random bytes.
    Encrypted { writable: bool },
}

/// Why opening for writing did not give a store.
enum Refusal {
    /// The file turned out to be read-only: read it instead.
    ReadOnly,
    /// Any other refusal, final.
    Error(StoreError),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal::Error(e)
    }
}

/// Opens `path` as `mode` asks and as the file allows.
///
/// `key` opens an encrypted file, and makes a new (or empty) file an encrypted one; a
/// plain database opens without it. An encrypted file without a key is refused with
/// [`StoreError::Encrypted`], with a key that does not open it with
/// [`StoreError::WrongPassphrase`], both before a byte is written.
pub(super) fn connect(
    path: &Path,
    mode: Mode,
    busy: Duration,
    key: Option<&Key>,
) -> Result<Opened> {
    let found = probe(path)?;
    let key = match found {
        Found::Database { .. } => None,
        Found::Encrypted { .. } if key.is_none() => {
            return Err(StoreError::Encrypted {
                path: path.to_path_buf(),
            });
        }
        _ => key,
    };
    let (state, writable) = match found {
        Found::Missing if mode == Mode::Read => return Err(file(path, FileProblem::FileMissing)),
        Found::Missing => (DbState::default(), true),
        Found::Empty { writable } => (DbState::default(), writable),
        Found::Database { writable } | Found::Encrypted { writable } => {
            (inspect(path, key)?, writable)
        }
    };
    check_ours(path, &state)?;
    check_not_newer(path, &state)?;
    let needs_upgrade = state.version < LATEST_VERSION;
    if needs_upgrade && (mode == Mode::Read || !writable) {
        return Err(read_only_needs_upgrade(path, state.version));
    }
    if writable {
        match connect_writer(path, found, mode, busy, key) {
            Ok(opened) => return Ok(opened),
            Err(Refusal::ReadOnly) => {}
            Err(Refusal::Error(e)) => return Err(e),
        }
        if matches!(found, Found::Missing) {
            return Err(file(path, FileProblem::FolderReadOnly));
        }
        if needs_upgrade {
            return Err(read_only_needs_upgrade(path, state.version));
        }
    }
    connect_reader(path, busy, key)
}

/// Opens for writing (or, in [`Mode::Read`], read-write with `query_only`, which lets
/// SQLite remove its `-wal`/`-shm` files on close) and upgrades the schema.
fn connect_writer(
    path: &Path,
    found: Found,
    mode: Mode,
    busy: Duration,
    key: Option<&Key>,
) -> std::result::Result<Opened, Refusal> {
    let create = matches!(found, Found::Missing);
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let first_touch = |e: rusqlite::Error| {
        if is_read_only_signal(&e) {
            Refusal::ReadOnly
        } else {
            Refusal::Error(explain(path, e))
        }
    };
    let mut conn = Connection::open_with_flags(path, flags).map_err(first_touch)?;
    apply_key(&conn, key).map_err(first_touch)?;
    // SQLite quietly opens read-only a file it may not write.
    if conn.is_readonly(MAIN_DB).map_err(first_touch)? {
        return Err(Refusal::ReadOnly);
    }
    let sqlite = |e: rusqlite::Error| Refusal::Error(explain(path, e));
    conn.busy_timeout(busy).map_err(sqlite)?;
    // The first read: a folder that refuses SQLite's `-wal` file says so here.
    let state = read_state(&conn).map_err(|e| match key {
        Some(_) if is_damage(&e) => wrong_passphrase(path).into(),
        _ => first_touch(e),
    })?;
    check_ours(path, &state)?;
    check_not_newer(path, &state)?;
    if mode == Mode::Read {
        if state.version < LATEST_VERSION {
            return Err(read_only_needs_upgrade(path, state.version).into());
        }
        conn.pragma_update(None, "query_only", true)
            .map_err(sqlite)?;
        return Ok(Opened {
            conn,
            read_only: true,
            encrypted: key.is_some(),
        });
    }
    switch_to_wal(&conn, busy).map_err(first_touch)?;
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(sqlite)?;
    // 64 MiB of page cache instead of SQLite's 2 MiB: a bulk write (demo data, an import)
    // touches the search index's pages all over the file.
    conn.pragma_update(None, "cache_size", -65_536)
        .map_err(sqlite)?;
    match migrations::migrate(&mut conn) {
        Ok(()) => Ok(Opened {
            conn,
            read_only: false,
            encrypted: key.is_some(),
        }),
        Err(StoreError::Sqlite(e)) if is_read_only_signal(&e) => {
            drop(conn);
            Err(if create {
                Refusal::ReadOnly
            } else {
                read_only_needs_upgrade(path, state.version).into()
            })
        }
        Err(StoreError::Sqlite(e)) => Err(explain(path, e).into()),
        Err(e) => Err(e.into()),
    }
}

/// Puts the file in WAL mode (a no-op when it is), so windows and jobs read while one
/// writes.
///
/// The switch needs an exclusive lock, and SQLite does not wait for it (its busy handler
/// would deadlock there): when two windows create one file at once, the second is told
/// "busy" while the first switches. It then waits, as for any lock, until the file is in
/// WAL mode or the busy timeout has passed.
fn switch_to_wal(conn: &Connection, busy: Duration) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + busy;
    loop {
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

/// Opens a file this program may not write, for reading.
fn connect_reader(path: &Path, busy: Duration, key: Option<&Key>) -> Result<Opened> {
    let conn = open_reader(path, key).map_err(|e| explain(path, e))?;
    conn.busy_timeout(busy).map_err(|e| explain(path, e))?;
    let state = read_state(&conn).map_err(|e| explain_keyed(path, e, key))?;
    check_ours(path, &state)?;
    check_not_newer(path, &state)?;
    if state.version < LATEST_VERSION {
        return Err(read_only_needs_upgrade(path, state.version));
    }
    Ok(Opened {
        conn,
        read_only: true,
        encrypted: key.is_some(),
    })
}

/// A read-only connection that leaves no file beside `path`.
///
/// A read-only SQLite connection to a WAL database creates `-wal` and `-shm` files that
/// it can not remove again. When no `-wal` file exists, the main file holds every
/// committed change, so it is opened `immutable` (no locks, no side files); otherwise
/// the side files are already there and are read as usual. An encrypted file is given
/// its `key` before anything else.
pub(super) fn open_reader(path: &Path, key: Option<&Key>) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        reader_uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    apply_key(&conn, key)?;
    Ok(conn)
}

/// The URI [`open_reader`] opens `path` by: read-only, and `immutable` when no `-wal`
/// file is there.
pub(super) fn reader_uri(path: &Path) -> String {
    let query = if side_file(path, "-wal").exists() {
        "?mode=ro"
    } else {
        "?mode=ro&immutable=1"
    };
    format!("{}{query}", file_uri(path))
}

/// Reads the header pragmas of a file without writing to it or beside it.
///
/// Read without locks (see [`open_reader`]), the file can be met halfway through another
/// window's last checkpoint, which rewrites it just before removing the `-wal` file. What
/// looks damaged is therefore looked at again a few times: by then the `-wal` file is
/// there (and read with locks) or gone (and the file whole).
///
/// With a `key`, what still looks damaged after that is the key not fitting: a wrong
/// passphrase.
fn inspect(path: &Path, key: Option<&Key>) -> Result<DbState> {
    let mut attempts = 0;
    loop {
        match open_reader(path, key).and_then(|conn| read_state(&conn)) {
            Err(e) if attempts < 3 && is_damage(&e) => {
                attempts += 1;
                std::thread::sleep(Duration::from_millis(10));
            }
            result => return result.map_err(|e| explain_keyed(path, e, key)),
        }
    }
}

/// As [`explain`], except that an encrypted file that reads as damaged (SQLCipher's
/// answer to a key that does not decrypt the first page) is named a wrong passphrase.
fn explain_keyed(path: &Path, e: rusqlite::Error, key: Option<&Key>) -> StoreError {
    if key.is_some() && is_damage(&e) {
        return wrong_passphrase(path);
    }
    explain(path, e)
}

fn wrong_passphrase(path: &Path) -> StoreError {
    StoreError::WrongPassphrase {
        path: path.to_path_buf(),
    }
}

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

/// Reads `application_id`, `user_version` and whether the file holds any schema.
///
/// One statement, so one snapshot: read one by one, another window's upgrade committing
/// in between would show a schema without an application id, i.e. "not ours".
pub(super) fn read_state(conn: &Connection) -> rusqlite::Result<DbState> {
    conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id),
                (SELECT user_version FROM pragma_user_version),
                (SELECT count(*) FROM sqlite_master)",
        [],
        |r| {
            Ok(DbState {
                app_id: r.get(0)?,
                version: r.get(1)?,
                objects: r.get(2)?,
            })
        },
    )
}

/// Refuses a database of another program. An empty database is ours to set up.
pub(super) fn check_ours(path: &Path, state: &DbState) -> Result<()> {
    let empty = state.objects == 0 && state.version == 0 && state.app_id == 0;
    if state.app_id != APPLICATION_ID && !empty {
        return Err(StoreError::NotOurs {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Refuses a database written by a newer version of this program.
fn check_not_newer(path: &Path, state: &DbState) -> Result<()> {
    if state.version > LATEST_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found: state.version,
            known: LATEST_VERSION,
        });
    }
    Ok(())
}

fn read_only_needs_upgrade(path: &Path, found: i64) -> StoreError {
    StoreError::ReadOnlyNeedsUpgrade {
        path: path.to_path_buf(),
        found,
        needed: LATEST_VERSION,
    }
}

/// Looks at `path` with the file system only: is it there, is it a folder, does it
/// start like a SQLite file or look like an encrypted one, may this program write it.
pub(super) fn probe(path: &Path) -> Result<Found> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            check_folder(path)?;
            return Ok(Found::Missing);
        }
        Err(e) => return Err(io_error(path, e)),
    };
    if meta.is_dir() {
        return Err(file(path, FileProblem::IsFolder));
    }
    let writable = may_write(path, &meta)?;
    if meta.len() == 0 {
        return Ok(Found::Empty { writable });
    }
    let mut head = Vec::with_capacity(ENCRYPTED_SAMPLE);
    {
        use std::io::Read;
        let f = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
        f.take(ENCRYPTED_SAMPLE as u64)
            .read_to_end(&mut head)
            .map_err(|e| io_error(path, e))?;
    }
    if head.starts_with(b"SQLite format 3\0") {
        Ok(Found::Database { writable })
    } else if looks_encrypted(meta.len(), &head) {
        Ok(Found::Encrypted { writable })
    } else {
        Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
        })
    }
}

/// How many bytes of a file [`looks_encrypted`] looks at.
const ENCRYPTED_SAMPLE: usize = 1024;

/// Whether a file of `len` bytes starting with `head` looks like an encrypted database:
/// SQLCipher writes whole pages (512 bytes at the least, 4096 by default) of what looks
/// like random bytes, header included, so nearly every byte value occurs in its first
/// kilobyte (about 250 of 256; a text file has under 100). A file of another kind
/// that passes is taken for an encrypted ledger, and then refused as a wrong passphrase.
fn looks_encrypted(len: u64, head: &[u8]) -> bool {
    let mut seen = [false; 256];
    for &b in head {
        seen[usize::from(b)] = true;
    }
    let distinct = seen.iter().filter(|&&s| s).count();
    len >= 512 && len.is_multiple_of(512) && distinct >= 180
}

/// Refuses a path whose folder does not exist (SQLite would fail to create the file
/// there with a bare "unable to open database file").
pub(super) fn check_folder(path: &Path) -> Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match std::fs::metadata(folder) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(file(path, FileProblem::FolderMissing)),
        Err(e) => Err(io_error(path, e)),
    }
}

/// Whether this program may write the file, found by opening it for writing (which
/// changes nothing). A file marked read-only counts as read-only even for an account
/// that could override the mark: the mark says what its owner wants.
fn may_write(path: &Path, meta: &std::fs::Metadata) -> Result<bool> {
    if meta.permissions().readonly() {
        return Ok(false);
    }
    match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(_) => Ok(true),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            Ok(false)
        }
        Err(e) => Err(io_error(path, e)),
    }
}

/// A file-system error as a [`FileProblem`] when it is one.
pub(super) fn io_error(path: &Path, e: std::io::Error) -> StoreError {
    use std::io::ErrorKind;
    let problem = match e.kind() {
        ErrorKind::NotFound | ErrorKind::NotADirectory => FileProblem::FolderMissing,
        ErrorKind::IsADirectory => FileProblem::IsFolder,
        ErrorKind::PermissionDenied => FileProblem::NoPermission,
        ErrorKind::StorageFull => FileProblem::DiskFull,
        _ if is_sharing_violation(&e) => FileProblem::Locked,
        _ => return StoreError::Io(e),
    };
    file(path, problem)
}

/// Windows refuses to open a file another program holds without sharing it.
fn is_sharing_violation(e: &std::io::Error) -> bool {
    // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
    cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
}

/// A SQLite error about the file as a [`StoreError::File`] or [`StoreError::ReadOnly`];
/// any other error (a broken rule, say) stays [`StoreError::Sqlite`].
pub(super) fn explain(path: &Path, e: rusqlite::Error) -> StoreError {
    let problem = match e.sqlite_error_code() {
        Some(ErrorCode::ReadOnly) => {
            return StoreError::ReadOnly {
                path: path.to_path_buf(),
            };
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => FileProblem::Locked,
        Some(ErrorCode::DiskFull) => FileProblem::DiskFull,
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => FileProblem::Damaged,
        Some(ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => FileProblem::NoPermission,
        Some(ErrorCode::SystemIoFailure) => FileProblem::DiskError,
        _ => return StoreError::Sqlite(e),
    };
    file(path, problem)
}

/// SQLite saying, on a first attempt, that the file (or its folder) can not be written.
fn is_read_only_signal(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied)
    )
}

fn file(path: &Path, problem: FileProblem) -> StoreError {
    StoreError::File {
        path: path.to_path_buf(),
        problem,
    }
}

/// `path` with `suffix` appended to its file name, as SQLite names its side files.
pub(super) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A `file:` URI for `path`, for the open flags only a URI can carry.
///
/// Every byte but unreserved ones and `/` is percent-encoded, so `?`, `#` and `%` in a
/// name stay part of it, and so do Chinese folder names (as UTF-8). A leading `//` is
/// encoded so that it is not read as a host.
pub(super) fn file_uri(path: &Path) -> String {
    let bytes = path_bytes(path);
    let mut uri = String::from("file:");
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        uri.push('/'); // Windows: file:/C:/...
    }
    for (i, &b) in bytes.iter().enumerate() {
        let leading_slash = b == b'/' && i < 2 && bytes.starts_with(b"//");
        if (b.is_ascii_alphanumeric() || b"-._~/:".contains(&b)) && !leading_slash {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(path.to_string_lossy().replace('\\', "/").into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_keep_odd_names_whole() {
        assert_eq!(
            file_uri(Path::new("/tmp/台账 #1?%.sqlite")),
            "file:/tmp/%E5%8F%B0%E8%B4%A6%20%231%3F%25.sqlite"
        );
        assert_eq!(file_uri(Path::new("ledger.db")), "file:ledger.db");
        assert_eq!(file_uri(Path::new("//share/x.db")), "file:%2F%2Fshare/x.db");
        assert_eq!(file_uri(Path::new("C:/x.db")), "file:/C:/x.db");
    }

    #[test]
    fn a_lock_held_past_the_busy_timeout_is_named_a_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        let mut old = Connection::open(&path).unwrap();
        old.pragma_update(None, "journal_mode", "WAL").unwrap();
        migrations::apply_migrations_up_to(&mut old, 1).unwrap();
        // Another program writes and does not let go.
        old.execute_batch("BEGIN IMMEDIATE; INSERT INTO settings VALUES ('k', 'v');")
            .unwrap();
        let error = connect(&path, Mode::Write, Duration::from_millis(50), None)
            .err()
            .expect("the upgrade needs the lock");
        assert!(
            matches!(
                error,
                StoreError::File {
                    problem: FileProblem::Locked,
                    ..
                }
            ),
            "{error:?}"
        );
        // Reading a current file needs no lock: a window opens while another writes.
        old.execute_batch("ROLLBACK").unwrap();
        migrations::apply_migrations_up_to(&mut old, LATEST_VERSION).unwrap();
        old.execute_batch("BEGIN IMMEDIATE; INSERT INTO settings VALUES ('k', 'v');")
            .unwrap();
        assert!(connect(&path, Mode::Write, Duration::from_millis(50), None).is_ok());
    }
}
