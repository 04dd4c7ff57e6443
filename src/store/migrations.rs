//! Numbered, append-only schema migrations embedded in the binary.
//!
//! `PRAGMA user_version` records how many have been applied; all pending ones run in one
//! transaction on open, so a file is either fully upgraded or not touched. A migration is a
//! list of steps: SQL, or Rust for data that SQL can not compute (a sort key, say).
//!
//! Two windows (or a window and a background job) may open the same old file at the same
//! moment. The version is therefore read again inside the `BEGIN IMMEDIATE` transaction
//! that migrates: whoever gets the write lock second finds the file already current and
//! applies nothing. Foreign keys are off while a migration runs, so that a step may rebuild
//! a table (create, copy, drop, rename) that others point at; `PRAGMA foreign_key_check`
//! then proves every reference still holds before the commit.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::open;
use super::{APPLICATION_ID, Result, StoreError};

/// One step of a migration.
pub enum Step {
    /// A batch of SQL statements.
    Sql(&'static str),
    /// Rust code run inside the migration's transaction, between SQL steps.
    Rust(fn(&Transaction<'_>) -> Result<()>),
}

/// The migrations in order; the schema version of a file is the number applied.
const MIGRATIONS: &[&[Step]] = &[
    &[Step::Sql(include_str!("sql/0001_registry.sql"))],
    &[Step::Sql(include_str!("sql/0002_placements.sql"))],
    &[Step::Sql(include_str!(
        "sql/0003_revisions_and_append_only_log.sql"
    ))],
    &[
        Step::Sql(include_str!("sql/0004_name_search.sql")),
        Step::Rust(super::people::build_search_index),
    ],
    &[
        Step::Sql(include_str!("sql/0005_bank_and_notice.sql")),
        Step::Sql(include_str!("sql/0005_month_approval.sql")),
        Step::Sql(include_str!("sql/0005_pay_rules.sql")),
        Step::Sql(include_str!("sql/0005_lock.sql")),
        Step::Rust(super::payroll::seal_approved_months),
    ],
    &[
        Step::Sql(include_str!("sql/0006_accounts.sql")),
        Step::Sql(include_str!("sql/0006_access_log.sql")),
    ],
    &[
        Step::Sql(include_str!("sql/0007_petitions.sql")),
        Step::Sql(include_str!("sql/0007_service_points.sql")),
        Step::Sql(include_str!("sql/0007_import.sql")),
        Step::Sql(include_str!("sql/0007_training_not_in_source.sql")),
    ],
];

/// The newest schema version this program writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the open database up to [`LATEST_VERSION`].
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    apply(conn, MIGRATIONS, LATEST_VERSION)
}

/// Applies pending migrations up to `target` in one transaction.
///
/// Public so that tests can build a file at an older version, as an older program did.
pub fn apply_migrations_up_to(conn: &mut Connection, target: i64) -> Result<()> {
    apply(conn, MIGRATIONS, target)
}

/// Applies `migrations[current..target]`; `migrations` is a parameter so that the unit
/// tests can run lists of their own through the same path.
fn apply(conn: &mut Connection, migrations: &[&[Step]], target: i64) -> Result<()> {
    let latest = migrations.len() as i64;
    if !(0..=latest).contains(&target) {
        // Only tests ask for a version; none beyond the newest exists.
        return Err(StoreError::NewerVersion {
            path: std::path::PathBuf::new(),
            found: target,
            known: latest,
        });
    }
    // Read without a transaction first: a current file (the common case, opened by every
    // window and job) must not wait for, nor take, the write lock.
    let current = open::read_state(conn)?.version;
    if current > latest {
        return Err(newer(conn, current, latest));
    }
    if current >= target {
        return Ok(());
    }
    // `foreign_keys` is a no-op inside a transaction, so it is switched around it, and back
    // on whatever happened in between.
    let foreign_keys: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    if foreign_keys {
        conn.pragma_update(None, "foreign_keys", false)?;
    }
    let result = apply_locked(conn, migrations, target);
    if foreign_keys {
        let restored = conn.pragma_update(None, "foreign_keys", true);
        result?;
        restored?;
        return Ok(());
    }
    result
}

/// The migration proper, under the write lock: what was read before may be stale.
fn apply_locked(conn: &mut Connection, migrations: &[&[Step]], target: i64) -> Result<()> {
    let latest = migrations.len() as i64;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let state = open::read_state(&tx)?;
    open::check_ours(&path_of(&tx), &state)?;
    if state.version > latest {
        return Err(newer(&tx, state.version, latest));
    }
    if state.version >= target {
        return Ok(()); // another connection migrated while this one waited
    }
    for (index, steps) in migrations.iter().enumerate() {
        let version = index as i64 + 1;
        if version > state.version && version <= target {
            for step in *steps {
                match step {
                    Step::Sql(sql) => tx.execute_batch(sql)?,
                    Step::Rust(run) => run(&tx)?,
                }
            }
        }
    }
    check_foreign_keys(&tx, target)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", target)?;
    tx.commit()?;
    Ok(())
}

/// Fails the migration if any row points at a row that is not there.
fn check_foreign_keys(tx: &Transaction<'_>, version: i64) -> Result<()> {
    let mut stmt = tx.prepare("PRAGMA foreign_key_check")?;
    let broken: Vec<(String, Option<i64>, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    match broken.first() {
        None => Ok(()),
        Some((table, row_id, parent)) => Err(StoreError::MigrationBrokeForeignKeys {
            version,
            table: table.clone(),
            row_id: *row_id,
            parent: parent.clone(),
            count: broken.len(),
        }),
    }
}

/// The refusal of a file written by a newer program.
fn newer(conn: &Connection, found: i64, known: i64) -> StoreError {
    StoreError::NewerVersion {
        path: path_of(conn),
        found,
        known,
    }
}

/// The connection's file, for error messages.
fn path_of(conn: &Connection) -> std::path::PathBuf {
    conn.path().unwrap_or_default().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A parent table and a child pointing at it, with one row each.
    const BASE: &[Step] = &[Step::Sql(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
         CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id));
         INSERT INTO parent VALUES (1, 'a');
         INSERT INTO child VALUES (10, 1);",
    )];

    /// Rebuilds `parent` the way SQLite's documentation says to change a table: a new
    /// table, a copy, the old one dropped. With foreign keys on, the drop would fail.
    const REBUILD_SQL: &str =
        "CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL, sort_key TEXT);
         INSERT INTO parent_new (id, name) SELECT id, name FROM parent;
         DROP TABLE parent;
         ALTER TABLE parent_new RENAME TO parent;";
    const REBUILD: &[Step] = &[Step::Sql(REBUILD_SQL)];

    fn fill_sort_keys(tx: &Transaction<'_>) -> Result<()> {
        let names: Vec<(i64, String)> = tx
            .prepare("SELECT id, name FROM parent")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, name) in names {
            tx.execute(
                "UPDATE parent SET sort_key = ?1 WHERE id = ?2",
                rusqlite::params![name.to_uppercase(), id],
            )?;
        }
        Ok(())
    }

    fn connection() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        conn
    }

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    }

    fn foreign_keys(conn: &Connection) -> bool {
        conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_table_others_point_at_can_be_rebuilt_and_a_rust_step_fills_it() {
        let mut conn = connection();
        let migrations: &[&[Step]] = &[
            BASE,
            &[
                Step::Sql(REBUILD_SQL),
                Step::Rust(fill_sort_keys),
                // SQL after the Rust step sees what it wrote.
                Step::Sql(
                    "CREATE UNIQUE INDEX parent_sort ON parent (sort_key) WHERE sort_key = 'A';",
                ),
            ],
        ];
        apply(&mut conn, migrations, 2).unwrap();
        assert_eq!(version(&conn), 2);
        assert!(foreign_keys(&conn), "foreign keys are back on");
        let key: String = conn
            .query_row("SELECT sort_key FROM parent WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(key, "A");
        let children: i64 = conn
            .query_row("SELECT count(*) FROM child WHERE parent_id = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(children, 1, "the rebuild did not cascade");
    }

    #[test]
    fn a_migration_that_breaks_a_reference_changes_nothing() {
        let mut conn = connection();
        apply(&mut conn, &[BASE], 1).unwrap();
        let migrations: &[&[Step]] = &[
            BASE,
            &[
                Step::Sql("CREATE TABLE log (id INTEGER PRIMARY KEY);"),
                Step::Sql("DELETE FROM parent;"),
            ],
        ];
        match apply(&mut conn, migrations, 2) {
            Err(StoreError::MigrationBrokeForeignKeys {
                version,
                table,
                row_id,
                parent,
                count,
            }) => {
                assert_eq!((version, count), (2, 1));
                assert_eq!(
                    (table.as_str(), row_id, parent.as_str()),
                    ("child", Some(10), "parent")
                );
            }
            other => panic!("expected broken foreign keys, got {other:?}"),
        }
        assert_eq!(version(&conn), 1);
        assert!(
            foreign_keys(&conn),
            "foreign keys are back on after a failure"
        );
        let parents: i64 = conn
            .query_row("SELECT count(*) FROM parent", [], |r| r.get(0))
            .unwrap();
        assert_eq!(parents, 1);
        let log_tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'log'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(log_tables, 0, "the whole migration was rolled back");
    }

    #[test]
    fn a_failing_rust_step_rolls_back_the_sql_before_it() {
        fn fail(_: &Transaction<'_>) -> Result<()> {
            Err(StoreError::Cancelled)
        }
        let mut conn = connection();
        let migrations: &[&[Step]] = &[BASE, &[Step::Sql("DELETE FROM child;"), Step::Rust(fail)]];
        apply(&mut conn, &migrations[..1], 1).unwrap();
        assert!(matches!(
            apply(&mut conn, migrations, 2),
            Err(StoreError::Cancelled)
        ));
        assert_eq!(version(&conn), 1);
        let children: i64 = conn
            .query_row("SELECT count(*) FROM child", [], |r| r.get(0))
            .unwrap();
        assert_eq!(children, 1);
    }

    #[test]
    fn a_file_newer_than_the_list_is_refused() {
        let mut conn = connection();
        apply(&mut conn, &[BASE, REBUILD], 2).unwrap();
        assert!(matches!(
            apply(&mut conn, &[BASE], 1),
            Err(StoreError::NewerVersion {
                found: 2,
                known: 1,
                ..
            })
        ));
    }
}
