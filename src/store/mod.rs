//! The only place with SQL: one SQLite file per ledger.
//!
//! [`Store::open`] refuses anything that is not a Minsheng database (or is from a newer
//! version) before writing a single byte to it, and opens a file it may not write for
//! reading only ([`Store::read_only`]). Every write goes through [`Store::write`],
//! which runs it in one transaction together with its change-log rows and raises the
//! revision of each table it touched (kept in the file, so writes by another window or the
//! command line count too); a view reads again only when [`Store::revision`] of the tables
//! it shows changed.

pub mod access_log;
pub mod accounts;
pub mod audit;
pub mod background;
pub mod bank;
pub mod categories;
pub mod changes;
mod encrypt;
mod error;
pub mod imports;
mod migrations;
mod open;
pub mod pay_settings;
pub mod payroll;
pub mod people;
pub mod petitions;
pub mod placement_reports;
pub mod placements;
pub mod posts;
pub mod records;
pub mod regions;
pub mod service_points;
pub mod settings;
pub mod values;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::clock::Clock;
use crate::domain::RegionId;
use crate::domain::access::{Action, Area, Reach, Session};

pub use encrypt::{Key, MIN_PASSPHRASE_CHARS, check_passphrase, is_encrypted_file};
pub use error::{
    AccountRule, CategoryRule, FileProblem, PayrollRule, PlacementRule, PostRule, RecordKind,
    RegionRule, StoreError,
};
pub use migrations::{LATEST_VERSION, apply_migrations_up_to};

/// `PRAGMA application_id` of a Minsheng database ("MSLG"), how a file says it is ours.
pub const APPLICATION_ID: i32 = 0x4D53_4C47;

/// How long a write waits for another connection's write to end before the file counts
/// as locked.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open Minsheng database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    session: Session,
    clock: Clock,
    revisions: std::collections::HashMap<String, u64>,
    read_only: bool,
    last_write_alone: bool,
    /// The passphrase of an encrypted file, for the other connections to it.
    key: Option<Key>,
}

/// What a background job needs to open its own connection to the same ledger.
#[derive(Clone, Debug)]
pub struct Source {
    path: PathBuf,
    clock: Clock,
    read_only: bool,
    session: Session,
    key: Option<Key>,
}

impl Source {
    /// Opens another connection to the ledger, with the same clock, acting for the same
    /// user as the window did when it handed this out; read-only if the window's is.
    pub fn open(&self) -> Result<Store> {
        let mode = if self.read_only {
            open::Mode::Read
        } else {
            open::Mode::Write
        };
        let mut store = Store::connect(&self.path, mode, self.clock.clone(), self.key.clone())?;
        // A job acts as the user who started it.
        store.set_session(self.session.clone());
        Ok(store)
    }

    /// As [`Source::open`], for a background job: it waits longer for the window's own
    /// short writes to finish before giving up on a lock.
    pub fn open_for_job(&self) -> Result<Store> {
        let store = self.open()?;
        store
            .conn
            .busy_timeout(std::time::Duration::from_secs(60))?;
        Ok(store)
    }

    /// The ledger's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The passphrase of an encrypted ledger, for the reader's and watcher's connections.
    pub(crate) fn key(&self) -> Option<&Key> {
        self.key.as_ref()
    }
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
        Store::open_with(path, Clock::system())
    }

    /// As [`Store::open`], with the clock that dates every change.
    pub fn open_with(path: impl AsRef<Path>, clock: Clock) -> Result<Store> {
        Store::connect(path.as_ref(), open::Mode::Write, clock, None)
    }

    /// As [`Store::open_with`], for an encrypted ledger: `key` is its passphrase. A
    /// wrong one is refused with [`StoreError::WrongPassphrase`] (and [`Store::open`] on
    /// an encrypted file with [`StoreError::Encrypted`]), the file untouched. A plain
    /// database opens as with [`Store::open_with`], without the key; a new file is made
    /// an encrypted one.
    pub fn open_with_key(path: impl AsRef<Path>, clock: Clock, key: Key) -> Result<Store> {
        Store::connect(path.as_ref(), open::Mode::Write, clock, Some(key))
    }

    /// Opens an existing, current database for reading only, even if it could be written.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        Store::connect(path.as_ref(), open::Mode::Read, Clock::system(), None)
    }

    fn connect(path: &Path, mode: open::Mode, clock: Clock, key: Option<Key>) -> Result<Store> {
        let opened = open::connect(path, mode, BUSY_TIMEOUT, key.as_ref())?;
        // A ledger that asks for a sign-in opens for nobody; see `accounts`.
        let session = accounts::session_at_open(&opened.conn, current_actor())?;
        let mut store = Store {
            conn: opened.conn,
            path: path.to_path_buf(),
            session,
            clock,
            revisions: std::collections::HashMap::new(),
            read_only: opened.read_only,
            last_write_alone: true,
            key: key.filter(|_| opened.encrypted),
        };
        store.refresh_revisions()?;
        Ok(store)
    }

    /// How a background job opens its own connection to this ledger, acting for the user
    /// this store acts for now.
    pub fn source(&self) -> Source {
        Source {
            path: self.path.clone(),
            clock: self.clock.clone(),
            read_only: self.read_only,
            session: self.session.clone(),
            key: self.key.clone(),
        }
    }

    /// Whether this store can only read: the file could not be written when it was
    /// opened, or a write found out so. Every [`Store::write`] then fails with
    /// [`StoreError::ReadOnly`].
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Whether nobody else wrote to the file between this store's last reading of the
    /// revisions and its last write: then a view that patched its rows to match that write
    /// shows the file as it is, and need not read again.
    pub fn last_write_was_alone(&self) -> bool {
        self.last_write_alone
    }

    /// The clock that dates this store's changes.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The revision of the newest change to any of `tables`: it grows whenever one of
    /// them is written, by this window or any other program of ours, so a view that keeps
    /// the value its rows were read at knows when to read again.
    pub fn revision(&self, tables: &[&str]) -> u64 {
        tables
            .iter()
            .filter_map(|t| self.revisions.get(*t))
            .copied()
            .max()
            .unwrap_or(0)
    }

    /// Reads the tables' revisions again from the file, after another connection (a
    /// background job, another window, the command line) wrote to it. Returns whether any
    /// changed.
    pub fn refresh_revisions(&mut self) -> Result<bool> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT table_name, rev FROM revisions")?;
        let fresh = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })?
            .collect::<Result<std::collections::HashMap<_, _>, _>>()?;
        drop(stmt);
        let changed = fresh != self.revisions;
        self.revisions = fresh;
        Ok(changed)
    }

    /// The connection itself, for raw SQL: the migrations, the health checks and the
    /// tests that attack the file as an auditor would. It checks no permission; the
    /// query functions of the aggregate modules take [`Store::read`] instead.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Reading the ledger as the signed-in user: every query function takes this, and
    /// refuses or narrows to what [`Store::session`] may see.
    pub fn read(&self) -> Read<'_> {
        Read {
            conn: &self.conn,
            session: &self.session,
        }
    }

    /// Who is acting: the signed-in account, or the operating-system account on a ledger
    /// that needs no sign-in.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Acts as `session` from now on: the accounts module calls this when someone signs in
    /// or out.
    pub(crate) fn set_session(&mut self, session: Session) {
        self.session = session;
    }

    /// Runs `f` in one transaction; commits only if it succeeds, together with a new
    /// revision for every table `f` touched.
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
        let known = self.revisions.values().copied().max().unwrap_or(0);
        match self.write_in(f) {
            Ok((value, touched, rev)) => {
                // The write took the next revision after the newest in the file: if that
                // was newer than the newest this store knew, someone else wrote meanwhile.
                self.last_write_alone = rev == known + 1;
                for table in touched {
                    self.revisions.insert(table.to_string(), rev);
                }
                if !self.last_write_alone {
                    self.refresh_revisions()?;
                }
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

    /// The write itself; returns the tables it touched and their new revision.
    fn write_in<T>(
        &mut self,
        f: impl FnOnce(&Writer<'_>) -> Result<T>,
    ) -> Result<(T, std::collections::BTreeSet<&'static str>, u64)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let writer = Writer {
            tx,
            session: &self.session,
            clock: &self.clock,
            touched: std::cell::RefCell::new(std::collections::BTreeSet::new()),
        };
        let value = f(&writer)?;
        let touched = writer.touched.take();
        let rev: i64 =
            writer
                .tx
                .query_row("SELECT coalesce(max(rev), 0) + 1 FROM revisions", [], |r| {
                    r.get(0)
                })?;
        if !touched.is_empty() {
            let mut stmt = writer.tx.prepare_cached(
                "INSERT INTO revisions (table_name, rev) VALUES (?1, ?2)
                 ON CONFLICT (table_name) DO UPDATE SET rev = excluded.rev",
            )?;
            for table in &touched {
                stmt.execute(rusqlite::params![table, rev])?;
            }
        }
        writer.tx.commit()?;
        Ok((value, touched, rev as u64))
    }

    /// Copies the whole database to `dest` with SQLite's online backup, safe while the
    /// window keeps using the file. `progress` gets (pages done, pages total). The copy of
    /// an encrypted ledger is encrypted with the same passphrase.
    pub fn backup_to(&self, dest: &Path, progress: impl FnMut(usize, usize) -> bool) -> Result<()> {
        open::check_folder(dest)?;
        self.copy_to(dest, progress).map_err(|e| match e {
            StoreError::Sqlite(e) => open::explain(dest, e),
            other => other,
        })
    }

    fn copy_to(&self, dest: &Path, mut progress: impl FnMut(usize, usize) -> bool) -> Result<()> {
        let mut out = Connection::open(dest)?;
        encrypt::apply_key(&out, self.key.as_ref())?;
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

/// Where a reader's records lie: the whole district, or the places (streets and everything
/// below them) of the streets a grant names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Within {
    /// Every place.
    District,
    /// These places only.
    Places(Vec<RegionId>),
}

impl Within {
    /// An SQL condition holding for a row whose place (`column`, a region id) lies within:
    /// `1` for the district. The ids are integers read from the ledger, written into the
    /// text (a street has a few dozen places), so the condition binds no value.
    pub fn sql(&self, column: &str) -> String {
        match self {
            Within::District => "1".to_string(),
            Within::Places(places) if places.is_empty() => "0".to_string(),
            Within::Places(places) => {
                let ids: Vec<String> = places.iter().map(|p| p.0.to_string()).collect();
                format!("{column} IN ({})", ids.join(","))
            }
        }
    }
}

/// Reading the ledger as one user: the connection (for the SQL of the query functions) and
/// the session they check before answering.
#[derive(Clone, Copy)]
pub struct Read<'a> {
    conn: &'a Connection,
    session: &'a Session,
}

impl<'a> Read<'a> {
    /// Reading through `conn` as `session` (a background reader's own connection).
    pub fn new(conn: &'a Connection, session: &'a Session) -> Read<'a> {
        Read { conn, session }
    }

    /// Who reads.
    pub fn session(&self) -> &'a Session {
        self.session
    }

    /// Refuses unless the reader may do `action` in `area` on a record of `street` (none:
    /// a record of the whole district).
    pub fn require(&self, area: Area, action: Action, street: Option<RegionId>) -> Result<()> {
        require(self.session, area, action, street)
    }

    /// Refuses unless the reader may do `action` in `area` on a record of the place
    /// `region` (its street is looked up only when the grants are limited to streets).
    pub fn require_at(&self, area: Area, action: Action, region: RegionId) -> Result<()> {
        require_at(self.conn, self.session, area, action, region)
    }

    /// Refuses unless the reader may do `action` in `area` somewhere; says where: the whole
    /// district, or the places of the streets it was granted, for a list to be narrowed to
    /// with [`Within::sql`].
    pub fn within(&self, area: Area, action: Action) -> Result<Within> {
        match self.reach(area, action)? {
            Reach::Streets(streets) => Ok(Within::Places(regions::places_in(self.conn, &streets)?)),
            _ => Ok(Within::District),
        }
    }

    /// The error refusing the reader `action` in `area`, for a check made in SQL.
    pub fn refusal(&self, area: Area, action: Action) -> StoreError {
        refused(self.session, area, action)
    }

    /// Refuses unless someone is signed in: what every user may read (the region tree, the
    /// category list, the display settings).
    pub fn require_signed_in(&self) -> Result<()> {
        if self.session.grants.is_empty() {
            Err(StoreError::NotSignedIn)
        } else {
            Ok(())
        }
    }

    /// Refuses unless the reader may do `action` in `area` somewhere; returns the streets
    /// it reaches, to narrow a list to.
    pub fn reach(&self, area: Area, action: Action) -> Result<Reach> {
        let reach = self.session.reach(area, action);
        if reach.any() {
            Ok(reach)
        } else {
            Err(refused(self.session, area, action))
        }
    }
}

impl std::ops::Deref for Read<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

/// Whether `session` may do `action` in `area` on a record of `street`, as an error if not.
fn require(session: &Session, area: Area, action: Action, street: Option<RegionId>) -> Result<()> {
    if session.may(area, action, street) {
        Ok(())
    } else {
        Err(refused(session, area, action))
    }
}

fn require_at(
    conn: &Connection,
    session: &Session,
    area: Area,
    action: Action,
    region: RegionId,
) -> Result<()> {
    match session.reach(area, action) {
        Reach::District => Ok(()),
        Reach::Nothing => Err(refused(session, area, action)),
        Reach::Streets(_) => require(session, area, action, regions::street_of(conn, region)?),
    }
}

fn refused(session: &Session, area: Area, action: Action) -> StoreError {
    if session.grants.is_empty() && session.user.is_none() {
        return StoreError::NotSignedIn;
    }
    StoreError::Forbidden {
        area,
        action,
        elsewhere: session.may_somewhere(area, action),
    }
}

/// A write in progress: the transaction and who is making it.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    session: &'a Session,
    clock: &'a Clock,
    touched: std::cell::RefCell<std::collections::BTreeSet<&'static str>>,
}

impl Writer<'_> {
    /// The open transaction.
    pub fn tx(&self) -> &Transaction<'_> {
        &self.tx
    }

    /// Who makes the change, as the change log names them.
    pub fn actor(&self) -> &str {
        &self.session.name
    }

    /// Who makes the change.
    pub fn session(&self) -> &Session {
        self.session
    }

    /// Reading inside this write, as its user.
    pub fn read(&self) -> Read<'_> {
        Read {
            conn: &self.tx,
            session: self.session,
        }
    }

    /// Refuses unless the writer may do `action` in `area` on a record of `street` (none:
    /// a record of the whole district).
    pub fn require(&self, area: Area, action: Action, street: Option<RegionId>) -> Result<()> {
        require(self.session, area, action, street)
    }

    /// Refuses unless the writer is an administrator of the whole district: the ledger's
    /// own settings (masking, sign-in, the display of personal data) are theirs.
    pub fn require_admin(&self) -> Result<()> {
        if self.session.keeps_accounts() {
            Ok(())
        } else {
            Err(refused(self.session, Area::Registry, Action::Administer))
        }
    }

    /// Refuses unless the writer may do `action` in `area` on a record of the place
    /// `region`.
    pub fn require_at(&self, area: Area, action: Action, region: RegionId) -> Result<()> {
        require_at(&self.tx, self.session, area, action, region)
    }

    /// The time of the change as `YYYY-MM-DDTHH:MM:SS`.
    pub fn stamp(&self) -> String {
        self.clock.stamp()
    }

    /// Marks `table` as written, so views showing it read again after the commit. Every
    /// [`Writer::log`] does this; a bulk write that logs a summary row calls it itself.
    pub fn touch(&self, table: &'static str) {
        self.touched.borrow_mut().insert(table);
    }

    /// Row `rowid` of `R` as it is before a change, for [`Writer::log`].
    pub fn before<R: records::Record>(&self, rowid: i64) -> Result<Option<R>> {
        R::load(&self.tx, rowid)
    }

    /// Row `rowid` of `R` before a change; an error naming `missing` when there is none.
    pub fn existing<R: records::Record>(&self, rowid: i64, missing: RecordKind) -> Result<R> {
        self.before(rowid)?.ok_or(StoreError::NotFound(missing))
    }

    /// Inserts or updates the one row of `R` that `find` locates by its natural key, and
    /// logs it whole: an insert, or an update with the row as it was. `write` gets the row
    /// as it is (none yet) and does the upsert; returning `false` means it had nothing to
    /// change, and nothing is logged. Returns the row's rowid.
    pub fn upsert<R: records::Record>(
        &self,
        missing: RecordKind,
        find: impl Fn(&Transaction<'_>) -> Result<Option<i64>>,
        write: impl FnOnce(&Transaction<'_>, Option<&R>) -> Result<bool>,
    ) -> Result<Option<i64>> {
        let before = find(&self.tx)?
            .map(|id| self.existing::<R>(id, missing))
            .transpose()?;
        if !write(&self.tx, before.as_ref())? {
            return Ok(None);
        }
        let id = find(&self.tx)?.ok_or(StoreError::NotFound(missing))?;
        let action = if before.is_some() {
            changes::Action::Update
        } else {
            changes::Action::Insert
        };
        self.log(id, action, before)?;
        Ok(Some(id))
    }

    /// Appends to the change log, in this transaction, row `rowid` of `R` whole as it is
    /// now (none after a delete) and as it was `before` (none for an insert).
    pub fn log<R: records::Record>(
        &self,
        rowid: i64,
        action: changes::Action,
        before: Option<R>,
    ) -> Result<()> {
        let after = R::load(&self.tx, rowid)?;
        self.touch(R::TABLE);
        self.touch("changes");
        let entry = changes::Entry {
            at: self.stamp(),
            actor: self.session.name.clone(),
            table_name: R::TABLE.to_string(),
            row_id: rowid,
            action,
            before: before.map(|b| serde_json::to_string(&b)).transpose()?,
            after: after.map(|a| serde_json::to_string(&a)).transpose()?,
            schema: Some(LATEST_VERSION),
        };
        changes::record(&self.tx, &entry)
    }
}

/// Who is making changes: the operating-system account, for the change log.
pub(crate) fn current_actor() -> String {
    std::env::var("USERNAME")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "unknown".to_string())
}
