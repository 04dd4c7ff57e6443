//! The only place with SQL: one SQLite file per ledger.
//!
//! [`Store::open`] refuses anything that is not a Minsheng database (or is from a newer
//! version) before writing a single byte to it, and opens a file it may not write for
//! reading only ([`Store::read_only`]). Every write goes through [`Store::write`],
//! which runs it in one transaction together with its change-log rows and bumps
//! [`Store::revision`] so that views know to query again.

pub mod categories;
pub mod changes;
mod migrations;
mod open;
pub mod payroll;
pub mod people;
pub mod placement_reports;
pub mod placements;
pub mod posts;
pub mod regions;
pub mod settings;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use migrations::{LATEST_VERSION, apply_migrations_up_to};

/// `PRAGMA application_id` of a Minsheng database ("MSLG"), how a file says it is ours.
pub const APPLICATION_ID: i32 = 0x4D53_4C47;

/// How long a write waits for another connection's write to end before the file counts
/// as locked.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// What is wrong with a database file or the path to it, in terms a clerk can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileProblem {
    /// The folder the path names does not exist (or a part of it is a file).
    #[error("the folder does not exist")]
    FolderMissing,
    /// There is no file to read at the path.
    #[error("the file does not exist")]
    FileMissing,
    /// The path names a folder.
    #[error("this is a folder, not a file")]
    IsFolder,
    /// A new file can not be made in the folder (read-only medium, or no permission).
    #[error("a new file can not be saved in this folder")]
    FolderReadOnly,
    /// Another program holds the file locked past the wait.
    #[error("another program is using the file and keeps it locked; close it there and try again")]
    Locked,
    /// The operating system denies this account access to the file.
    #[error("you have no permission to open this file")]
    NoPermission,
    /// The disk holding the file is full.
    #[error("the disk is full")]
    DiskFull,
    /// The file starts like a database but its content is damaged.
    #[error("the file is damaged and can not be read as a database")]
    Damaged,
    /// The disk reported an error (a removed USB stick, a failing disk, a lost network share).
    #[error("the disk reported an error while reading or writing the file")]
    DiskError,
}

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not a SQLite database at all.
    #[error("{path} is not a Minsheng database (it is not a SQLite file); it was left untouched")]
    NotSqlite {
        /// The refused file.
        path: PathBuf,
    },
    /// The file is a SQLite database of some other program.
    #[error(
        "{path} is a database of another program, not of Minsheng Ledger; it was left untouched"
    )]
    NotOurs {
        /// The refused file.
        path: PathBuf,
    },
    /// The file was written by a newer version of this program.
    #[error(
        "{path} was written by a newer version of Minsheng Ledger (schema {found}, this program knows {known}); update the program. The file was left untouched"
    )]
    NewerVersion {
        /// The refused file.
        path: PathBuf,
        /// The file's schema version.
        found: i64,
        /// The newest schema this program knows.
        known: i64,
    },
    /// The file can not be used as asked, for a reason of the file itself.
    #[error("{path}: {problem}")]
    File {
        /// The file (or the path given for it).
        path: PathBuf,
        /// What is wrong.
        problem: FileProblem,
    },
    /// The store was opened read-only (the file can not be written), so nothing is saved.
    #[error("{path} can only be read; changes can not be saved")]
    ReadOnly {
        /// The file that can only be read.
        path: PathBuf,
    },
    /// The file can only be read and was written by an older version: it can not be upgraded.
    #[error(
        "{path} can only be read and was written by an older version of Minsheng Ledger (schema {found}, this program needs {needed}); copy it to a folder where you can save files and open the copy"
    )]
    ReadOnlyNeedsUpgrade {
        /// The refused file.
        path: PathBuf,
        /// The file's schema version.
        found: i64,
        /// The schema this program needs.
        needed: i64,
    },
    /// Upgrading would have left rows pointing at rows that do not exist; nothing was changed.
    #[error(
        "upgrading to schema {version} would leave {count} rows pointing at missing rows (the first: {table} row {row_id:?} to {parent}); the file was left unchanged"
    )]
    MigrationBrokeForeignKeys {
        /// The schema version the upgrade was to reach.
        version: i64,
        /// The table of the first row whose reference is broken.
        table: String,
        /// That row's rowid (none for a table without rowids).
        row_id: Option<i64>,
        /// The table it points at.
        parent: String,
        /// How many references are broken.
        count: usize,
    },
    /// A person with this ID number is already registered.
    #[error("this ID number is already registered (person {existing})")]
    DuplicateIdNumber {
        /// The person already holding the number.
        existing: i64,
        /// That person's name, for the message at the field.
        name: String,
    },
    /// A place can not be deleted while places or people are under it.
    #[error("this place still has places or people under it")]
    RegionNotEmpty,
    /// Another place already has this division code.
    #[error("this division code already exists")]
    DuplicateRegionCode,
    /// A placement may not be made; every reason is listed.
    #[error("the placement is not allowed ({} reasons)", .0.len())]
    Ineligible(Vec<crate::domain::placement::Ineligible>),
    /// An exit dated before the placement started.
    #[error("the exit date is before the start date")]
    ExitBeforeStart,
    /// The month's subsidy sheet is approved and can not change.
    #[error(
        "the subsidy sheet of {0} is approved; corrections go into a later month as adjustments"
    )]
    MonthApproved(String),
    /// The pay rules could not compute a line (e.g. no minimum wage for a day).
    #[error(transparent)]
    Pay(#[from] crate::domain::pay::PayError),
    /// The user cancelled the work; its transaction was rolled back.
    #[error("cancelled")]
    Cancelled,
    /// A row that was asked for does not exist.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A rule of the data was broken (the message says which).
    #[error("{0}")]
    Rule(String),
    /// Reading or writing the file failed.
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// SQLite reported an error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A change-log entry could not be encoded.
    #[error("could not encode a change-log entry: {0}")]
    Json(#[from] serde_json::Error),
}

/// Result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open Minsheng database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: String,
    revision: u64,
    read_only: bool,
}

impl Store {
    /// Opens (or creates) the database at `path`, migrating it to the newest schema.
    ///
    /// A file that is not ours, or is from a newer version, is refused and left
    /// byte-for-byte untouched, with no side files: it is inspected read-only before
    /// anything is written. A file this program may not write is opened read-only
    /// ([`Store::read_only`]) if it needs no upgrade, and refused with
    /// [`StoreError::ReadOnlyNeedsUpgrade`] if it does. A new file is only made in a
    /// folder that exists.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Store::connect(path.as_ref(), open::Mode::Write)
    }

    /// Opens an existing, current database for reading only, even if it could be written.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        Store::connect(path.as_ref(), open::Mode::Read)
    }

    fn connect(path: &Path, mode: open::Mode) -> Result<Store> {
        let opened = open::connect(path, mode, BUSY_TIMEOUT)?;
        Ok(Store {
            conn: opened.conn,
            path: path.to_path_buf(),
            actor: current_actor(),
            revision: 1,
            read_only: opened.read_only,
        })
    }

    /// Opens a second connection to the same file, for a background job; read-only if
    /// this one is.
    pub fn reopen(&self) -> Result<Store> {
        if self.read_only {
            Store::open_read_only(&self.path)
        } else {
            Store::open(&self.path)
        }
    }

    /// The file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this store can only read: the file could not be written when it was
    /// opened, or a write found out so. Every [`Store::write`] then fails with
    /// [`StoreError::ReadOnly`].
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Grows with every write through this store; views reload when it changed.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Tells views that another connection (a background job) changed the data.
    pub fn mark_changed(&mut self) {
        self.revision += 1;
    }

    /// Read access for the query functions of the aggregate modules.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one transaction; commits only if it succeeds, then bumps the revision.
    ///
    /// On a read-only store it fails with [`StoreError::ReadOnly`] before touching
    /// anything; if SQLite finds the file read-only, the store becomes read-only. The
    /// transaction takes the write lock at once (`BEGIN IMMEDIATE`), so a concurrent
    /// writer makes it wait, not fail.
    pub fn write<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        match Store::write_in(&mut self.conn, &self.actor, f) {
            Ok(value) => {
                self.revision += 1;
                Ok(value)
            }
            Err(StoreError::Sqlite(e)) => {
                let e = open::explain(&self.path, e);
                self.read_only |= matches!(e, StoreError::ReadOnly { .. });
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    fn write_in<T>(
        conn: &mut Connection,
        actor: &str,
        f: impl FnOnce(&Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let writer = Writer { tx, actor };
        let value = f(&writer)?;
        writer.tx.commit()?;
        Ok(value)
    }

    /// Copies the whole database to `dest` with SQLite's online backup, safe while the
    /// window keeps using the file. `progress` gets (pages done, pages total).
    pub fn backup_to(&self, dest: &Path, progress: impl FnMut(usize, usize) -> bool) -> Result<()> {
        open::check_folder(dest)?;
        self.copy_to(dest, progress).map_err(|e| match e {
            StoreError::Sqlite(e) => open::explain(dest, e),
            other => other,
        })
    }

    fn copy_to(&self, dest: &Path, mut progress: impl FnMut(usize, usize) -> bool) -> Result<()> {
        let mut out = Connection::open(dest)?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
        loop {
            let step = backup.step(256)?;
            let p = backup.progress();
            let total = usize::try_from(p.pagecount).unwrap_or(0);
            let done = total.saturating_sub(usize::try_from(p.remaining).unwrap_or(0));
            if !progress(done, total) {
                return Err(StoreError::Cancelled);
            }
            if step == rusqlite::backup::StepResult::Done {
                return Ok(());
            }
        }
    }
}

/// A write in progress: the transaction and who is making it.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    actor: &'a str,
}

impl Writer<'_> {
    /// The open transaction.
    pub fn tx(&self) -> &Transaction<'_> {
        &self.tx
    }

    /// Who makes the change.
    pub fn actor(&self) -> &str {
        self.actor
    }

    /// Appends a change-log row in this transaction.
    pub fn log(
        &self,
        table: &str,
        row_id: i64,
        action: changes::Action,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> Result<()> {
        changes::record(&self.tx, self.actor, table, row_id, action, before, after)
    }
}

/// Who is making changes: the operating-system account, for the change log.
fn current_actor() -> String {
    std::env::var("USERNAME")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "unknown".to_string())
}

/// The current local time as `YYYY-MM-DDTHH:MM:SS`, for change-log and audit columns.
pub fn now_text() -> String {
    jiff::ZonedDateTime::now()
        .strftime("%Y-%m-%dT%H:%M:%S")
        .to_string()
}
