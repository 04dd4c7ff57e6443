//! Numbered, append-only schema migrations embedded in the binary.
//!
//! `PRAGMA user_version` records how many have been applied; all pending ones run in one
//! transaction on open, so a file is either fully upgraded or not touched. A migration is a
//! list of steps: SQL, or Rust for data that SQL can not compute (a sort key, say).

use rusqlite::{Connection, Transaction};

use super::{APPLICATION_ID, Result};

/// One step of a migration.
pub enum Step {
    /// A batch of SQL statements.
    Sql(&'static str),
    /// Rust code run inside the migration's transaction, between SQL steps.
    #[allow(dead_code)] // the first such step is the people's pinyin sort key
    Rust(fn(&Transaction<'_>) -> Result<()>),
}

/// The migrations in order; the schema version of a file is the number applied.
const MIGRATIONS: &[&[Step]] = &[
    &[Step::Sql(include_str!("sql/0001_registry.sql"))],
    &[Step::Sql(include_str!("sql/0002_placements.sql"))],
    &[
        Step::Sql(include_str!("sql/0003_name_search.sql")),
        Step::Rust(super::people::build_search_index),
    ],
];

/// The newest schema version this program writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the open database up to [`LATEST_VERSION`].
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    apply_migrations_up_to(conn, LATEST_VERSION)
}

/// Applies pending migrations up to `target` in one transaction.
///
/// Public so that tests can build a file at an older version, as an older program did.
pub fn apply_migrations_up_to(conn: &mut Connection, target: i64) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current >= target {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (index, steps) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        if version > current && version <= target {
            for step in *steps {
                match step {
                    Step::Sql(sql) => tx.execute_batch(sql)?,
                    Step::Rust(run) => run(&tx)?,
                }
            }
        }
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", target)?;
    tx.commit()?;
    Ok(())
}
