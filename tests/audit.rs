//! Audit and access records: the access records only grow, as the change log does, whatever
//! SQL an auditor tries; revealing a person in the window and exporting personal data in full
//! leave a record; the audit view filters and shows a change's before and after; exports
//! name who made them.

use crate::common;

use minsheng::domain::PersonId;
use minsheng::jobs::{Reporter, demo};
use minsheng::store::access_log::{self, What};
use minsheng::store::audit::{self, AuditFilter};
use minsheng::store::{Store, people};

fn demo_store(dir: &tempfile::TempDir) -> Store {
    let mut store = common::open_store(dir.path().join("audit.sqlite"));
    demo::generate(&mut store, 1, &Reporter::silent()).expect("demo data");
    store
}

fn first_person(store: &Store) -> PersonId {
    people::search_ids(store.conn(), &Default::default()).unwrap()[0]
}

fn access_count(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM access_log", [], |r| r.get(0))
        .unwrap()
}

/// Every way SQL could rewrite history in `table` (whose columns after `seq` are given with
/// values), each refused; returns nothing, panics naming the attack that got through.
fn attack(store: &Store, table: &str, columns: &str, values: &str) {
    let conn = store.conn();
    let fingerprint = || -> (i64, i64, String) {
        conn.query_row(
            &format!(
                "SELECT count(*), max(seq), group_concat(seq || '|' || at || '|' || actor, ';')
                 FROM {table}"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    let before = fingerprint();
    let (rows, last, _) = before.clone();
    assert!(rows >= 2, "{table} needs rows to attack");
    let attacks = [
        format!("UPDATE {table} SET actor = 'nobody' WHERE seq = {last}"),
        format!("UPDATE OR REPLACE {table} SET seq = seq + 1000000 WHERE seq = {last}"),
        format!("UPDATE OR IGNORE {table} SET at = '2000-01-01T00:00:00'"),
        format!("DELETE FROM {table} WHERE seq = {last}"),
        format!("DELETE FROM {table}"),
        format!("INSERT OR REPLACE INTO {table} (seq, {columns}) VALUES ({last}, {values})"),
        format!("REPLACE INTO {table} (seq, {columns}) VALUES (1, {values})"),
        format!("INSERT OR IGNORE INTO {table} (seq, {columns}) VALUES ({last}, {values})"),
        format!(
            "INSERT INTO {table} (seq, {columns}) VALUES ({last}, {values})
             ON CONFLICT (seq) DO UPDATE SET actor = 'x'"
        ),
        // An old sequence number, or none at all, may not be inserted before the end.
        format!("INSERT INTO {table} (seq, {columns}) VALUES (0, {values})"),
        format!("INSERT INTO {table} (seq, {columns}) VALUES (-3, {values})"),
    ];
    for sql in &attacks {
        assert!(conn.execute_batch(sql).is_err(), "{table} accepted: {sql}");
        assert_eq!(fingerprint(), before, "{table} changed by: {sql}");
    }
    // A gap may be left, but not filled in afterwards.
    conn.execute_batch(&format!(
        "INSERT INTO {table} (seq, {columns}) VALUES ({}, {values})",
        last + 10
    ))
    .unwrap();
    let back_fill = format!(
        "INSERT INTO {table} (seq, {columns}) VALUES ({}, {values})",
        last + 5
    );
    assert!(conn.execute_batch(&back_fill).is_err(), "{table} back-filled");
    let (rows_now, last_now, all) = fingerprint();
    assert_eq!((rows_now, last_now), (rows + 1, last + 10));
    assert!(all.starts_with(&before.2));
}

#[test]
fn the_access_records_and_the_change_log_only_grow_whatever_sql_is_tried() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir);
    let person = first_person(&store);
    store
        .write(|w| {
            access_log::record_reveal(w, person, What::IdNumber, None)?;
            access_log::record_reveal(w, person, What::Phone, Some("回访"))
        })
        .unwrap();
    attack(
        &store,
        "access_log",
        "at, actor, person_id, what",
        "'2020-01-01T00:00:00', 'x', 1, 'phone'",
    );
    attack(
        &store,
        "changes",
        "at, actor, table_name, row_id, action",
        "'2020-01-01T00:00:00', 'x', 'people', 1, 'insert'",
    );
}

#[test]
fn a_reveal_is_recorded_with_who_whom_and_when_and_a_bank_file_needs_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir);
    let person = first_person(&store);
    store
        .write(|w| access_log::record_reveal(w, person, What::IdNumber, Some("  核对  ")))
        .unwrap();
    let page = audit::accesses(store.read(), &AuditFilter::default(), None, 10).unwrap();
    let record = &page.rows[0];
    assert_eq!(record.actor, store.session().name);
    assert_eq!(record.person_id, Some(person));
    assert_eq!(record.what, What::IdNumber);
    assert_eq!(record.reason.as_deref(), Some("核对"));
    assert_eq!(record.at, "2026-11-20T09:00:00");
    assert_eq!(
        record.person_name,
        people::get(store.conn(), person).unwrap().name
    );
    // The file itself refuses a bank file recorded without a reason.
    for reason in [None, Some("   ")] {
        assert!(
            store
                .write(|w| access_log::record_export(w, What::BankFile, reason))
                .is_err()
        );
    }
    assert_eq!(access_count(&store), 1);
}
