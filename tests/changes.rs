//! The change log: every write leaves the whole row before and after, in the shape of its
//! record type, and the log can only grow, whatever SQL an auditor tries.

use crate::common;
use minsheng::store::Read;

use minsheng::domain::person::PersonDraft;
use minsheng::jobs::{Reporter, demo};
use minsheng::store::changes::{self, Action};
use minsheng::store::records::{self, NOT_LOGGED};
use minsheng::store::{Store, people};
use rusqlite::Connection;

fn demo_store(dir: &tempfile::TempDir) -> Store {
    let mut store = common::open_store(dir.path().join("log.sqlite"));
    demo::generate(&mut store, 1, &Reporter::silent()).expect("demo data");
    store
}

/// The user tables of the file, without the search index's own tables.
fn tables(conn: &Read<'_>) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT LIKE 'people_search%' ORDER BY name",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn columns(conn: &Read<'_>, table: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY name")
        .unwrap();
    stmt.query_map([table], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn every_logged_table_has_a_record_with_exactly_its_columns() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir);
    let conn = &store.read();
    for table in tables(conn) {
        if NOT_LOGGED.contains(&table.as_str()) {
            continue;
        }
        let rowid: i64 = conn
            .query_row(&format!("SELECT min(rowid) FROM {table}"), [], |r| r.get(0))
            .unwrap_or_else(|_| panic!("{table} has no rows in the demo data"));
        let row = records::snapshot(conn, &table, rowid)
            .unwrap_or_else(|e| panic!("{table} has no record type: {e}"))
            .expect("the row exists");
        let mut keys: Vec<String> = row.as_object().unwrap().keys().cloned().collect();
        if table == "people" {
            // A person's categories live in person_hardships and are logged with them.
            keys.retain(|k| k != "categories");
        }
        let mut expected = columns(conn, &table);
        if table == "accounts" {
            // Never the password hash, nor the sign-in's failure counters.
            expected.retain(|c| !records::ACCOUNT_COLUMNS_NOT_LOGGED.contains(&c.as_str()));
        }
        keys.sort();
        assert_eq!(keys, expected, "the record of {table}");
    }
}

/// The row as the log's last entry about it says it is now.
fn last_after(conn: &Read<'_>, table: &str, row_id: i64) -> serde_json::Value {
    let entries = changes::entries_for(conn, table, row_id).unwrap();
    let last = entries
        .last()
        .unwrap_or_else(|| panic!("{table} row {row_id} was not logged"));
    serde_json::from_str(last.after.as_deref().expect("an after")).unwrap()
}

#[test]
fn each_change_logs_the_whole_row_before_and_after() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir);
    let conn_rows = |store: &Store, table: &str| -> i64 {
        store
            .conn()
            .query_row(&format!("SELECT max(rowid) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    // The newest row of every logged table is, whole, the last "after" logged for it
    // (unless every new file has it: the categories and wages the schema ships with).
    let fresh = common::open_store(dir.path().join("fresh.sqlite"));
    for table in tables(&store.read()) {
        if NOT_LOGGED.contains(&table.as_str()) {
            continue;
        }
        let rowid = conn_rows(&store, &table);
        let now = records::snapshot(store.conn(), &table, rowid)
            .unwrap()
            .unwrap();
        if records::snapshot(fresh.conn(), &table, rowid).unwrap() == Some(now.clone()) {
            continue;
        }
        assert_eq!(last_after(&store.read(), &table, rowid), now, "{table}");
    }
    // An edit: the before is the row as it was, the after the row as it is.
    let id = people::search_ids(&store.read(), &Default::default()).unwrap()[0];
    let before = records::snapshot(store.conn(), "people", id.0)
        .unwrap()
        .unwrap();
    let person = people::get(&store.read(), id).unwrap();
    let draft = PersonDraft {
        name: person.name.clone(),
        id_number: person.id_number.clone(),
        phone: String::new(),
        address: "新地址 8 号".into(),
        region_id: Some(person.region_id),
        categories: Vec::new(),
        notes: "搬家".into(),
    };
    let new = draft.validate(common::test_day()).unwrap();
    store.write(|w| people::update(w, id, &new)).unwrap();
    let entries = changes::entries_for(&store.read(), "people", id.0).unwrap();
    let last = entries.last().unwrap();
    assert_eq!(last.action, Action::Update);
    let logged_before: serde_json::Value =
        serde_json::from_str(last.before.as_deref().unwrap()).unwrap();
    assert_eq!(logged_before, before);
    let after = records::snapshot(store.conn(), "people", id.0)
        .unwrap()
        .unwrap();
    assert_eq!(last_after(&store.read(), "people", id.0), after);
    assert_eq!(after["address"], "新地址 8 号");
    assert_eq!(after["categories"], serde_json::json!([]));
}

#[test]
fn the_log_only_grows_whatever_sql_is_tried() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir);
    drop(store);
    let conn = Connection::open(dir.path().join("log.sqlite")).unwrap();
    let count = || -> (i64, i64) {
        conn.query_row("SELECT count(*), max(seq) FROM changes", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
    };
    let (rows, last) = count();
    let fingerprint = || -> String {
        conn.query_row(
            "SELECT group_concat(seq || at || actor || coalesce(after, ''), '|') FROM changes",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let before = fingerprint();
    for attack in [
        "UPDATE changes SET actor = 'nobody' WHERE seq = 1",
        "DELETE FROM changes WHERE seq = 1",
        "DELETE FROM changes",
        "INSERT OR REPLACE INTO changes (seq, at, actor, table_name, row_id, action)
             VALUES (1, '2020-01-01T00:00:00', 'x', 'people', 1, 'insert')",
        "REPLACE INTO changes (seq, at, actor, table_name, row_id, action)
             SELECT max(seq), '2020-01-01T00:00:00', 'x', 'people', 1, 'insert' FROM changes",
        "INSERT INTO changes (seq, at, actor, table_name, row_id, action)
             VALUES (0, '2020-01-01T00:00:00', 'x', 'people', 1, 'insert')",
        "INSERT INTO changes (seq, at, actor, table_name, row_id, action)
             VALUES (-5, '2020-01-01T00:00:00', 'x', 'people', 1, 'insert')",
        "UPDATE OR REPLACE changes SET seq = seq + 1000000 WHERE seq = 2",
    ] {
        let result = conn.execute_batch(attack);
        assert!(result.is_err(), "the log accepted: {attack}");
    }
    // A gap in the sequence may not be filled in afterwards either.
    conn.execute_batch(&format!(
        "INSERT INTO changes (seq, at, actor, table_name, row_id, action)
         VALUES ({}, '2026-11-20T10:00:00', 'x', 'people', 1, 'update')",
        last + 10
    ))
    .unwrap();
    let back_fill = format!(
        "INSERT INTO changes (seq, at, actor, table_name, row_id, action)
         VALUES ({}, '2020-01-01T00:00:00', 'x', 'people', 1, 'insert')",
        last + 5
    );
    assert!(conn.execute_batch(&back_fill).is_err());
    assert_eq!(count(), (rows + 1, last + 10));
    assert!(fingerprint().starts_with(&before));
}

#[test]
fn a_save_that_changes_nothing_writes_nothing() {
    use minsheng::domain::pay::Month;
    use minsheng::store::payroll;
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir);
    // The demo's open month has attendance entered; take one entered row.
    let month = Month::of(common::test_day());
    let row = payroll::attendance(&store.read(), month)
        .unwrap()
        .into_iter()
        .find(|r| r.entered)
        .expect("an entered attendance row");
    let entries = |store: &Store| -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
            .unwrap()
    };
    let before = entries(&store);
    let status = payroll::month_status(&store.read(), month).unwrap();
    store
        .write(|w| {
            payroll::set_attendance(
                w,
                row.placement_id,
                month,
                row.days_worked,
                row.hours_tenths,
            )
        })
        .unwrap();
    assert_eq!(entries(&store), before, "an unchanged cell was logged");
    assert_eq!(payroll::month_status(&store.read(), month).unwrap(), status);
}
