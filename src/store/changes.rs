//! The change log: who changed which row when, with the row before and after.

use crate::store::Read;
use rusqlite::{Transaction, params};
use serde::{Deserialize, Serialize};

use super::Result;

/// What a change did to its row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// A new row.
    Insert,
    /// A changed row.
    Update,
    /// A row removed for good.
    Delete,
    /// A row moved to the trash.
    Trash,
    /// A row taken back out of the trash.
    Restore,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 5] = [
        Action::Insert,
        Action::Update,
        Action::Delete,
        Action::Trash,
        Action::Restore,
    ];

    /// Reads the stored text.
    pub fn parse(s: &str) -> Option<Action> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// The text stored in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Insert => "insert",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Trash => "trash",
            Action::Restore => "restore",
        }
    }
}

/// One entry of the change log: who changed which row when, and the whole row before and
/// after (as JSON of its [`super::records::Record`] type).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Local time of the change, `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    /// Who made it.
    pub actor: String,
    /// The table changed.
    pub table_name: String,
    /// The row's rowid.
    pub row_id: i64,
    /// What happened.
    pub action: Action,
    /// The row before (none for an insert).
    pub before: Option<String>,
    /// The row after (none for a delete).
    pub after: Option<String>,
    /// The schema version the rows are written in (none before version 3, whose entries
    /// held partial rows).
    pub schema: Option<i64>,
}

/// Appends one entry inside the caller's transaction; the log only ever grows (triggers
/// refuse any change or removal of an entry, whatever program tries).
pub(super) fn record(tx: &Transaction<'_>, e: &Entry) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO changes (at, actor, table_name, row_id, action, before, after, schema)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        e.at,
        e.actor,
        e.table_name,
        e.row_id,
        e.action,
        e.before,
        e.after,
        e.schema
    ])?;
    Ok(())
}

/// Every entry about one row, oldest first: a row's history.
pub fn entries_for(conn: &Read<'_>, table: &str, row_id: i64) -> Result<Vec<Entry>> {
    conn.require_signed_in()?;
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor, table_name, row_id, action, before, after, schema FROM changes
         WHERE table_name = ?1 AND row_id = ?2 ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![table, row_id], |r| {
        Ok(Entry {
            at: r.get(0)?,
            actor: r.get(1)?,
            table_name: r.get(2)?,
            row_id: r.get(3)?,
            action: r.get(4)?,
            before: r.get(5)?,
            after: r.get(6)?,
            schema: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One change-log row, as shown in the change-log view.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Order of the change.
    pub seq: i64,
    /// Local time of the change.
    pub at: String,
    /// Account that made it.
    pub actor: String,
    /// Table changed.
    pub table_name: String,
    /// Row changed.
    pub row_id: i64,
    /// What happened.
    pub action: Action,
    /// The changed row's name (a person's, a place's, a category's, a setting's key).
    pub subject: String,
}

/// The most recent `limit` changes, newest first: every change for an administrator of the
/// whole district, who keeps the ledger; one's own for everyone else (the log names the
/// people of every street).
pub fn recent(conn: &Read<'_>, limit: usize) -> Result<Vec<Change>> {
    conn.require_signed_in()?;
    let everyone = conn.session().keeps_accounts();
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, actor, table_name, row_id, action,
                coalesce(json_extract(coalesce(after, before), '$.short_name'),
                         json_extract(coalesce(after, before), '$.name'),
                         json_extract(coalesce(after, before), '$.name_zh'),
                         json_extract(coalesce(after, before), '$.key'),
                         json_extract(coalesce(after, before), '$.title'),
                         json_extract(coalesce(after, before), '$.course'),
                         json_extract(coalesce(after, before), '$.reason'),
                         json_extract(coalesce(after, before), '$.month'),
                         json_extract(coalesce(after, before), '$.effective_from'),
                         json_extract(coalesce(after, before), '$.exit_date'), '')
         FROM changes WHERE ?2 OR actor = ?3 ORDER BY seq DESC LIMIT ?1",
    )?;
    let who = conn.session().name.as_str();
    let rows = stmt.query_map(rusqlite::params![limit as i64, everyone, who], |r| {
        Ok(Change {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            table_name: r.get(3)?,
            row_id: r.get(4)?,
            action: r.get(5)?,
            subject: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many change-log rows mention `table`/`row_id`.
pub fn count_for(conn: &Read<'_>, table: &str, row_id: i64) -> Result<i64> {
    conn.require_signed_in()?;
    Ok(conn.query_row(
        "SELECT count(*) FROM changes WHERE table_name = ?1 AND row_id = ?2",
        params![table, row_id],
        |r| r.get(0),
    )?)
}
