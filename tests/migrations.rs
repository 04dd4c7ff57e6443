//! Upgrades keep the data: every old schema version has a fixture with rows in every
//! table (`tests/fixtures/v{N}.sql`), and opening such a file changes none of them.
//! Two windows opening one old file at once upgrade it once, and both open.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

use minsheng::store::{LATEST_VERSION, Store, apply_migrations_up_to};
use rusqlite::Connection;
use rusqlite::types::Value;

/// The fixture of schema version `version`.
fn fixture_path(version: i64) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/v{version}.sql"))
}

/// A file at schema `version` holding that version's fixture, as the program of that
/// version would have left it.
fn file_at(dir: &Path, version: i64) -> PathBuf {
    let fixture = fixture_path(version);
    let sql = std::fs::read_to_string(&fixture).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; every old schema version needs a fixture with rows in every table",
            fixture.display()
        )
    });
    let path = dir.join(format!("v{version}.sqlite"));
    let mut conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    apply_migrations_up_to(&mut conn, version).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let tx = conn.transaction().unwrap();
    tx.execute_batch(&sql)
        .unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
    tx.commit().unwrap();
    assert_eq!(
        foreign_key_violations(&conn),
        0,
        "{} breaks a foreign key",
        fixture.display()
    );
    path
}

/// The tables that hold data: not SQLite's own, not virtual tables and not their shadow
/// tables (an FTS index is checked with its own integrity check instead).
fn data_tables(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT name FROM pragma_table_list
             WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
             ORDER BY name",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn columns(conn: &Connection, table: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
        .unwrap();
    stmt.query_map([table], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Every row of `table`, reading only `cols`, in an order that needs no rowid.
fn rows(conn: &Connection, table: &str, cols: &[String]) -> Vec<Vec<Value>> {
    let list = cols
        .iter()
        .map(|c| quoted(c))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("SELECT {list} FROM {} ORDER BY {list}", quoted(table));
    let mut stmt = conn
        .prepare(&sql)
        .unwrap_or_else(|e| panic!("{table} lost a column in the upgrade? {e}"));
    stmt.query_map([], |r| {
        (0..cols.len()).map(|i| r.get::<_, Value>(i)).collect()
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// Every data table with its columns and rows.
type Snapshot = Vec<(String, Vec<String>, Vec<Vec<Value>>)>;

fn snapshot(conn: &Connection) -> Snapshot {
    data_tables(conn)
        .into_iter()
        .map(|table| {
            let cols = columns(conn, &table);
            let rows = rows(conn, &table, &cols);
            (table, cols, rows)
        })
        .collect()
}

fn foreign_key_violations(conn: &Connection) -> usize {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").unwrap();
    stmt.query_map([], |_| Ok(())).unwrap().count()
}

/// SQLite's own checks of the file and of every full-text index against its content.
fn assert_intact(conn: &Connection, label: &str) {
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "{label}");
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'",
        )
        .unwrap();
    let indexes: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for index in indexes {
        let name = quoted(&index);
        conn.execute(
            &format!("INSERT INTO {name} ({name}) VALUES ('integrity-check')"),
            [],
        )
        .unwrap_or_else(|e| panic!("{label}: index {index}: {e}"));
    }
}

/// Each old version's data, upgraded, is what it was, value for value.
///
/// A table of that version without rows in its fixture fails the test, so a new table
/// can not be forgotten; a table or column an upgrade drops fails it too. The fixture of
/// the newest version, once written ahead of the next migration, is checked the same way.
#[test]
fn every_old_version_keeps_every_row_through_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let mut versions: Vec<i64> = (1..LATEST_VERSION).collect();
    if fixture_path(LATEST_VERSION).exists() {
        versions.push(LATEST_VERSION);
    }
    for version in versions {
        let path = file_at(dir.path(), version);
        let before = snapshot(&Connection::open(&path).unwrap());
        for (table, _, rows) in &before {
            assert!(
                !rows.is_empty(),
                "tests/fixtures/v{version}.sql has no rows in {table}"
            );
        }

        let store = Store::open(&path).unwrap();
        assert!(!store.read_only());
        drop(store);

        let conn = Connection::open(&path).unwrap();
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(found, LATEST_VERSION, "v{version} was not upgraded");
        for (table, cols, old_rows) in &before {
            let mut now = rows(&conn, table, cols);
            if table == "calendar_days" {
                // Schema 7 ships 2027's statutory holidays ("to check") to a file that had
                // none of 2027: rows added, none changed.
                let of_2027 = |row: &Vec<Value>| {
                    row.iter()
                        .any(|v| matches!(v, Value::Text(t) if t.starts_with("2027-")))
                };
                now.retain(|row| old_rows.contains(row) || !of_2027(row));
            }
            assert_eq!(
                &now, old_rows,
                "v{version}: the rows of {table} changed in the upgrade"
            );
        }
        assert_eq!(foreign_key_violations(&conn), 0, "v{version}");
        assert_intact(&conn, &format!("v{version}"));
    }
}

/// The full-text index still answers after an upgrade (it is excluded from the row
/// comparison, so this shows it was not emptied or left stale).
#[test]
fn search_finds_old_people_after_the_upgrade() {
    use minsheng::store::people::{self, PeopleFilter};
    let dir = tempfile::tempdir().unwrap();
    let path = file_at(dir.path(), 1);
    let store = Store::open(&path).unwrap();
    let found = people::search_ids(
        &store.read(),
        &PeopleFilter {
            text: "英花".into(),
            ..PeopleFilter::default()
        },
    )
    .unwrap();
    assert_eq!(found.len(), 1);
}

fn schema(conn: &Connection) -> Vec<(String, String, Option<String>)> {
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Two windows (or a window and a background job) opening one old file at the same
/// moment: both open, the file ends with the fresh schema, and each migration ran once
/// (a second run would fail on its `CREATE TABLE` and on the seeded rows' `UNIQUE`).
#[test]
fn two_windows_opening_one_old_file_upgrade_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.sqlite");
    drop(Store::open(&fresh).unwrap());
    let fresh_schema = schema(&Connection::open(&fresh).unwrap());
    let seeded_wages: i64 = Connection::open(&fresh)
        .unwrap()
        .query_row("SELECT count(*) FROM minimum_wages", [], |r| r.get(0))
        .unwrap();
    for round in 0..8 {
        let round_dir = dir.path().join(format!("round{round}"));
        std::fs::create_dir(&round_dir).unwrap();
        let path = file_at(&round_dir, 1);
        let start = Arc::new(Barrier::new(2));
        let windows: Vec<_> = (0..2)
            .map(|_| {
                let (path, start) = (path.clone(), Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    Store::open(&path).map(drop)
                })
            })
            .collect();
        for window in windows {
            let opened = window.join().unwrap();
            assert!(opened.is_ok(), "round {round}: {opened:?}");
        }
        let conn = Connection::open(&path).unwrap();
        assert_eq!(schema(&conn), fresh_schema, "round {round}");
        let wages: i64 = conn
            .query_row("SELECT count(*) FROM minimum_wages", [], |r| r.get(0))
            .unwrap();
        assert_eq!(wages, seeded_wages, "round {round}");
    }
}

/// The same for a file that does not exist yet: two windows creating it at once.
#[test]
fn two_windows_creating_one_file_both_open_it() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..8 {
        let path = dir.path().join(format!("new{round}.sqlite"));
        let start = Arc::new(Barrier::new(2));
        let windows: Vec<_> = (0..2)
            .map(|_| {
                let (path, start) = (path.clone(), Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    Store::open(&path).map(drop)
                })
            })
            .collect();
        for window in windows {
            let opened = window.join().unwrap();
            assert!(opened.is_ok(), "round {round}: {opened:?}");
        }
        let version: i64 = Connection::open(&path)
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, LATEST_VERSION);
    }
}

/// The single monthly social-insurance subsidy of a version-4 file stays in force: it
/// replaces the shipped rates (to check), so open months compute as they did until the
/// office enters its own base and rates.
#[test]
fn the_old_fixed_subsidy_stays_in_force() {
    use jiff::civil::date;
    use minsheng::store::pay_settings;
    let dir = tempfile::tempdir().unwrap();
    let path = file_at(dir.path(), 4);
    Connection::open(&path)
        .unwrap()
        .execute(
            "INSERT INTO settings (key, value) VALUES ('pay.social_insurance_fen', '70000')",
            [],
        )
        .unwrap();
    let store = Store::open(&path).unwrap();
    let rows = pay_settings::insurance_rows(&store.read()).unwrap();
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].verified);
    // 700.00 × 100 % = 700.00 employer share, nothing deducted: as before.
    let table = pay_settings::insurance_table(&store.read()).unwrap();
    assert_eq!(
        table
            .in_force(date(2026, 11, 1))
            .map(|r| (r.employer_fen(), r.person_fen())),
        Some((70_000, 0))
    );
    let left: Option<String> =
        minsheng::store::settings::get(&store.read(), "pay.social_insurance_fen").unwrap();
    assert_eq!(left, None);
}

/// A new file ships the rates marked to check: 4416.00 × (16 + 8 + 0.7 + 0.4) % = 1108.41.
#[test]
fn a_new_file_ships_the_rates_to_check() {
    use jiff::civil::date;
    use minsheng::store::pay_settings;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("new.sqlite")).unwrap();
    let rows = pay_settings::insurance_rows(&store.read()).unwrap();
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].verified);
    assert_eq!(rows[0].value.effective_from, date(2018, 6, 1));
    assert_eq!(rows[0].value.employer_fen(), 110_841);
    let retirement = pay_settings::retirement_rows(&store.read()).unwrap();
    assert_eq!(retirement.len(), 3);
    assert!(retirement.iter().all(|r| !r.verified));
}
