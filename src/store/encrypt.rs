//! Encrypted ledgers (SQLCipher): the passphrase that opens one, and writing an encrypted
//! copy of the open ledger.
//!
//! An encrypted file is SQLCipher's format (AES-256 pages, a key derived from the
//! passphrase with PBKDF2-HMAC-SHA512, every page authenticated): without the passphrase
//! its bytes are indistinguishable from random ones, header included. Every connection to
//! it, the window's, its reader's and watcher's and each job's, gives the passphrase as
//! `PRAGMA key` before any other statement ([`apply_key`]).

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::open::{self, check_folder, explain};
use super::{Result, Store, StoreError};

/// The fewest characters a new passphrase may have.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The passphrase of an encrypted ledger.
///
/// It is never shown: its `Debug` prints `Key(…)`, and no log line or message carries it.
#[derive(Clone, PartialEq, Eq)]
pub struct Key(String);

impl Key {
    /// The key made from `passphrase`, as the user typed it (nothing is trimmed).
    pub fn new(passphrase: impl Into<String>) -> Key {
        Key(passphrase.into())
    }

    /// The passphrase, for SQLCipher only.
    fn passphrase(&self) -> &str {
        &self.0
    }
}

/// The passphrase is wiped from memory when the key is dropped.
impl Drop for Key {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

/// Refuses a passphrase too short to protect a ledger: fewer than
/// [`MIN_PASSPHRASE_CHARS`] characters (Chinese characters count one each).
pub fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(StoreError::PassphraseTooShort {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    Ok(())
}

/// Whether the file at `path` looks encrypted: there, and made of whole pages of what
/// looks like random bytes instead of starting like a SQLite file. Only the file system
/// is asked; nothing is opened. The command line uses it to ask for the passphrase
/// before the window opens.
pub fn is_encrypted_file(path: &Path) -> bool {
    matches!(open::probe(path), Ok(open::Found::Encrypted { .. }))
}

/// Gives SQLCipher the passphrase: the first statement on a new connection, before
/// anything reads the file. Without a key, nothing is done (a plain file).
pub(super) fn apply_key(conn: &Connection, key: Option<&Key>) -> rusqlite::Result<()> {
    match key {
        Some(key) => {
            quiet_sqlcipher();
            conn.pragma_update(None, "key", key.passphrase())
        }
        None => Ok(()),
    }
}

/// Turns off SQLCipher's own log, once per process. It writes to standard error by
/// default, so a wrong passphrase printed "hmac check failed for pgno=1" lines on the
/// terminal beside this program's own message. The setting is global; it is made on a
/// connection of its own, so `PRAGMA key` stays the first statement on every connection
/// to a ledger.
fn quiet_sqlcipher() {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        if let Ok(conn) = Connection::open_in_memory() {
            let _ = conn.pragma_update(None, "cipher_log", "off");
        }
    });
}

impl Store {
    /// Whether the file is encrypted (it was opened with its passphrase).
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Writes an encrypted copy of the ledger to `dest`, which opens with `passphrase`
    /// ([`Store::open_with_key`]); the ledger itself is not changed.
    ///
    /// The copy is made with SQLCipher's `sqlcipher_export` on a connection of its own to
    /// `dest` (keyed first), the ledger attached read-only, in one transaction so it is
    /// one moment of the ledger even while others write. `sqlcipher_export` copies the
    /// schema and the rows but not the header's `application_id` and `user_version`, which
    /// say the file is ours and of which schema: they are set on the copy in the same
    /// transaction. Refused: a passphrase of fewer than [`MIN_PASSPHRASE_CHARS`]
    /// characters, the ledger's own file, and any file that exists. A copy that fails
    /// half-way is removed. The copy of an encrypted ledger with a new passphrase is how a
    /// passphrase is changed.
    pub fn encrypt_to(&self, dest: &Path, passphrase: &str) -> Result<()> {
        // A copy of every record: only an administrator of the whole district makes one.
        if !self.session.keeps_accounts() {
            return Err(StoreError::AccountsOnlyAdmin);
        }
        check_passphrase(passphrase)?;
        if dest.exists() {
            if same_file(&self.path, dest) {
                return Err(StoreError::SameFile {
                    path: dest.to_path_buf(),
                });
            }
            return Err(StoreError::Io(std::io::ErrorKind::AlreadyExists.into()));
        }
        check_folder(dest)?;
        let result = self.export_encrypted(dest, &Key::new(passphrase));
        if result.is_err() {
            // Half a copy is worse than none.
            let _ = std::fs::remove_file(dest);
            let _ = std::fs::remove_file(open::side_file(dest, "-journal"));
        }
        result.map_err(|e| match e {
            StoreError::Sqlite(e) => explain(dest, e),
            other => other,
        })
    }

    fn export_encrypted(&self, dest: &Path, key: &Key) -> Result<()> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut out = Connection::open_with_flags(open::file_uri(dest), flags)?;
        apply_key(&out, Some(key))?;
        // The ledger read-only, as the window's reader opens it, with its own key (an
        // empty one: not encrypted).
        let source = open::reader_uri(&self.path);
        let source_key = self.key.as_ref().map_or("", Key::passphrase);
        out.execute(
            "ATTACH DATABASE ?1 AS ledger KEY ?2",
            rusqlite::params![source, source_key],
        )
        .map_err(|e| explain(&self.path, e))?;
        let tx = out.transaction()?;
        tx.query_row("SELECT sqlcipher_export('main', 'ledger')", [], |_| Ok(()))?;
        let app_id: i32 = tx.pragma_query_value(Some("ledger"), "application_id", |r| r.get(0))?;
        let version: i64 = tx.pragma_query_value(Some("ledger"), "user_version", |r| r.get(0))?;
        tx.pragma_update(None, "application_id", app_id)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        out.execute_batch("DETACH DATABASE ledger")?;
        out.close().map_err(|(_, e)| e)?;
        Ok(())
    }
}

/// Whether `a` and `b` name one file (both exist).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
