//! What opening and saving do when the file is not simply there and writable: read-only
//! files open read-only and refuse every write before touching anything; old read-only
//! files, missing folders, folders, damaged files, locks and full disks come back as
//! typed errors; and no refused file gets side files or a changed byte.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use minsheng::store::{FileProblem, LATEST_VERSION, Store, StoreError, regions};
use rusqlite::Connection;

/// A current database with the small region tree in it, closed again.
fn current_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let mut store = Store::open(&path).unwrap();
    store.write(common::small_tree).unwrap();
    drop(store);
    path
}

/// A database as the program of schema version 1 left it.
fn old_file(dir: &Path) -> PathBuf {
    let path = dir.join("old.sqlite");
    let mut conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    minsheng::store::apply_migrations_up_to(&mut conn, 1).unwrap();
    path
}

fn set_read_only(path: &Path, read_only: bool) {
    let mut permissions = std::fs::metadata(path).unwrap().permissions();
    permissions.set_readonly(read_only);
    std::fs::set_permissions(path, permissions).unwrap();
}

/// Fails if SQLite left a side file beside `path`.
fn assert_no_side_files(path: &Path) {
    let name = path.file_name().unwrap().to_string_lossy();
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(
            !path.with_file_name(format!("{name}{suffix}")).exists(),
            "{suffix} left beside {name}"
        );
    }
}

/// Opens `path`, expects the refusal `check` accepts, and the file untouched.
fn assert_refused_untouched(path: &Path, check: impl Fn(&StoreError) -> bool) {
    let before = std::fs::read(path).unwrap();
    let error = Store::open(path).err().expect("the file must be refused");
    assert!(check(&error), "unexpected error: {error:?}");
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "the refused file changed"
    );
    assert_no_side_files(path);
}

fn is_problem(e: &StoreError, expected: FileProblem) -> bool {
    matches!(e, StoreError::File { problem, .. } if *problem == expected)
}

#[test]
fn a_read_only_file_opens_read_only_and_refuses_writes_before_touching_it() {
    let dir = tempfile::tempdir().unwrap();
    // A name that only survives as a URI if it is encoded.
    let path = current_file(dir.path(), "台账 #1 %.sqlite");
    set_read_only(&path, true);
    let before = std::fs::read(&path).unwrap();

    let mut store = Store::open(&path).unwrap();
    assert!(store.read_only());
    assert_eq!(regions::count(&store.read()).unwrap(), 4);
    let mut called = false;
    let refused = store.write(|_| {
        called = true;
        Ok(())
    });
    assert!(
        matches!(refused, Err(StoreError::ReadOnly { .. })),
        "{refused:?}"
    );
    assert!(!called, "the write ran on a read-only store");
    let job = store.source().open().unwrap();
    assert!(job.read_only(), "a background job's store is read-only too");
    drop((store, job));

    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_no_side_files(&path);
    set_read_only(&path, false);
}

#[test]
fn an_old_read_only_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = old_file(dir.path());
    set_read_only(&path, true);
    assert_refused_untouched(
        &path,
        |e| matches!(e, StoreError::ReadOnlyNeedsUpgrade { found: 1, needed, .. } if *needed == LATEST_VERSION),
    );
    set_read_only(&path, false);
}

#[test]
fn a_write_that_finds_the_file_read_only_makes_the_store_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = current_file(dir.path(), "t.sqlite");
    let mut store = Store::open(&path).unwrap();
    assert!(!store.read_only());
    // What SQLite answers on the first write to a medium that said it was writable.
    store
        .conn()
        .pragma_update(None, "query_only", true)
        .unwrap();
    let first = store.write(|w| minsheng::store::settings::set(w, "k", "v"));
    assert!(
        matches!(first, Err(StoreError::ReadOnly { .. })),
        "{first:?}"
    );
    assert!(store.read_only());
    let mut called = false;
    let second = store.write(|_| {
        called = true;
        Ok(())
    });
    assert!(matches!(second, Err(StoreError::ReadOnly { .. })));
    assert!(!called);
}

#[test]
fn open_read_only_reads_a_writable_file_and_leaves_it_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = current_file(dir.path(), "t.sqlite");
    let before = std::fs::read(&path).unwrap();
    let mut store = Store::open_read_only(&path).unwrap();
    assert!(store.read_only());
    assert_eq!(regions::count(&store.read()).unwrap(), 4);
    assert!(matches!(
        store.write(|_| Ok(())),
        Err(StoreError::ReadOnly { .. })
    ));
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_no_side_files(&path);

    let old = old_file(dir.path());
    let before = std::fs::read(&old).unwrap();
    assert!(matches!(
        Store::open_read_only(&old),
        Err(StoreError::ReadOnlyNeedsUpgrade { found: 1, .. })
    ));
    assert_eq!(std::fs::read(&old).unwrap(), before);

    let missing = dir.path().join("missing.sqlite");
    let error = Store::open_read_only(&missing).err().unwrap();
    assert!(is_problem(&error, FileProblem::FileMissing), "{error:?}");
    assert!(!missing.exists());
}

#[test]
fn a_missing_folder_is_named_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("2026 台账");
    let error = Store::open(folder.join("ledger.sqlite")).err().unwrap();
    assert!(is_problem(&error, FileProblem::FolderMissing), "{error:?}");
    assert!(!folder.exists());

    let not_a_folder = dir.path().join("notes.txt");
    std::fs::write(&not_a_folder, "x").unwrap();
    let error = Store::open(not_a_folder.join("ledger.sqlite"))
        .err()
        .unwrap();
    assert!(is_problem(&error, FileProblem::FolderMissing), "{error:?}");
    assert_eq!(std::fs::read(&not_a_folder).unwrap(), b"x");
}

#[test]
fn a_folder_is_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let error = Store::open(dir.path()).err().unwrap();
    assert!(is_problem(&error, FileProblem::IsFolder), "{error:?}");
}

#[test]
fn a_damaged_file_is_named_damaged_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.sqlite");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend((0..8192u32).map(|i| (i * 7 % 251) as u8));
    std::fs::write(&path, &bytes).unwrap();
    assert_refused_untouched(&path, |e| is_problem(e, FileProblem::Damaged));
}

/// The refusals of a newer or foreign file hold for files in WAL mode too, whose
/// read-only inspection would otherwise leave `-wal` and `-shm` files behind.
#[test]
fn refused_wal_files_get_no_side_files() {
    let dir = tempfile::tempdir().unwrap();
    let newer = current_file(dir.path(), "newer.sqlite");
    let conn = Connection::open(&newer).unwrap();
    conn.pragma_update(None, "user_version", LATEST_VERSION + 1)
        .unwrap();
    drop(conn);
    assert_refused_untouched(&newer, |e| matches!(e, StoreError::NewerVersion { .. }));

    let other = dir.path().join("other.db");
    let conn = Connection::open(&other).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);")
        .unwrap();
    drop(conn);
    assert_refused_untouched(&other, |e| matches!(e, StoreError::NotOurs { .. }));
}

#[test]
fn a_write_kept_waiting_by_another_program_is_named_a_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = current_file(dir.path(), "t.sqlite");
    let mut store = Store::open(&path).unwrap();
    store
        .conn()
        .busy_timeout(Duration::from_millis(50))
        .unwrap();
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let error = store
        .write(|w| minsheng::store::settings::set(w, "k", "v"))
        .err()
        .unwrap();
    assert!(is_problem(&error, FileProblem::Locked), "{error:?}");
    assert!(!store.read_only());
    other.execute_batch("ROLLBACK").unwrap();
    store
        .write(|w| minsheng::store::settings::set(w, "k", "v"))
        .unwrap();
}

#[test]
fn a_full_disk_is_named_and_the_write_rolled_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = current_file(dir.path(), "t.sqlite");
    let mut store = Store::open(&path).unwrap();
    // A disk with no page left, as far as this connection knows.
    let pages: i64 = store
        .conn()
        .pragma_query_value(None, "page_count", |r| r.get(0))
        .unwrap();
    store
        .conn()
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    let error = store
        .write(|w| minsheng::store::settings::set(w, "big", &"字".repeat(100_000)))
        .err()
        .unwrap();
    assert!(is_problem(&error, FileProblem::DiskFull), "{error:?}");
    assert!(!store.read_only());
    assert_eq!(
        minsheng::store::settings::get(&store.read(), "big").unwrap(),
        None
    );
}

/// A folder this account may not create files in: SQLite can not make the `-wal` file
/// beside a current file, so the file opens read-only; an old one is refused; a new one
/// is not made. Needs a folder it can make unwritable (`chmod`, or `chattr +i` as root);
/// where it can not, it says so and checks nothing.
#[cfg(unix)]
#[test]
fn a_folder_that_refuses_new_files_gives_read_only_stores() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    let current = current_file(&folder, "t.sqlite");
    let old = old_file(&folder);
    let locked = UnwritableFolder::new(&folder);
    if !locked.works {
        eprintln!("skipped: this account can not make a folder unwritable");
        return;
    }
    let store = Store::open(&current).unwrap();
    assert!(store.read_only());
    assert_eq!(regions::count(&store.read()).unwrap(), 4);
    drop(store);
    assert_no_side_files(&current);
    assert_refused_untouched(&old, |e| {
        matches!(e, StoreError::ReadOnlyNeedsUpgrade { .. })
    });
    let error = Store::open(folder.join("new.sqlite")).err().unwrap();
    assert!(is_problem(&error, FileProblem::FolderReadOnly), "{error:?}");
    assert!(!folder.join("new.sqlite").exists());
}

/// Makes a folder unwritable for as long as it lives.
#[cfg(unix)]
struct UnwritableFolder {
    path: PathBuf,
    works: bool,
}

#[cfg(unix)]
impl UnwritableFolder {
    fn new(path: &Path) -> Self {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o555)).unwrap();
        let refuses = |path: &Path| {
            let probe = path.join("probe");
            let made = std::fs::write(&probe, "").is_ok();
            let _ = std::fs::remove_file(&probe);
            !made
        };
        let mut works = refuses(path);
        if !works {
            // root writes anyway; the immutable attribute stops root too.
            let chattr = std::process::Command::new("chattr")
                .arg("+i")
                .arg(path)
                .stderr(std::process::Stdio::null())
                .status();
            works = chattr.is_ok_and(|s| s.success()) && refuses(path);
        }
        UnwritableFolder {
            path: path.to_path_buf(),
            works,
        }
    }
}

#[cfg(unix)]
impl Drop for UnwritableFolder {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.path)
            .stderr(std::process::Stdio::null())
            .status();
        let _ = std::fs::set_permissions(&self.path, std::fs::Permissions::from_mode(0o755));
    }
}
