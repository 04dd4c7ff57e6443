//! The minimum-wage table the sheet reads: dated rows by tier, each marked checked or "to
//! check", kept as history once an approved month relied on them.

use rusqlite::{OptionalExtension, params};

use super::{lock, pay_rules};
use crate::domain::access::{self, Action as Access};
use crate::domain::pay::{MinimumWage, Month, WageTable};
use crate::store::records::MinimumWageRecord;
use crate::store::values::date_col;
use crate::store::{Read, RecordKind, Result, Writer, changes::Action};

/// A row of the minimum-wage table as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WageRow {
    /// Row id.
    pub id: i64,
    /// The figures.
    pub wage: MinimumWage,
    /// Checked by the user against the provincial notice.
    pub verified: bool,
    /// Where the figure came from.
    pub source: String,
    /// When it was entered (none: shipped, or entered before schema 5). A later row with
    /// the same date and tier corrects an earlier one.
    pub recorded_at: Option<String>,
}

/// The minimum-wage table, oldest first.
pub fn wage_rows(conn: &Read<'_>) -> Result<Vec<WageRow>> {
    conn.reach(access::Area::Placements, Access::Read)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, effective_from, tier, monthly_fen, hourly_fen, verified, source, recorded_at
         FROM minimum_wages ORDER BY effective_from, tier, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(WageRow {
            id: r.get(0)?,
            wage: MinimumWage {
                effective_from: date_col(r, 1)?,
                tier: r.get(2)?,
                monthly_fen: r.get(3)?,
                hourly_fen: r.get(4)?,
            },
            verified: r.get(5)?,
            source: r.get(6)?,
            recorded_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The table the pay rules read.
pub fn wage_table(conn: &Read<'_>) -> Result<WageTable> {
    conn.reach(access::Area::Placements, Access::Read)?;
    Ok(WageTable::new(
        wage_rows(conn)?.into_iter().map(|r| r.wage).collect(),
    ))
}

/// Adds a minimum-wage row. A row of the same date and tier is changed in place while no
/// approved month relied on it; once one did it is history, and a changed figure is a new
/// row (a correction, recorded now) that supersedes it. Marking a row checked changes no
/// figure and is always done in place.
pub fn save_wage(w: &Writer<'_>, wage: &MinimumWage, verified: bool, source: &str) -> Result<()> {
    w.require(access::Area::Placements, Access::Administer, None)?;
    let latest: Option<i64> = w
        .tx()
        .query_row(
            "SELECT id FROM minimum_wages WHERE effective_from = ?1 AND tier = ?2
             ORDER BY id DESC LIMIT 1",
            params![wage.effective_from.to_string(), wage.tier],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = latest {
        let before: MinimumWageRecord = w.existing(id, RecordKind::MinimumWage)?;
        let same_figures =
            (before.monthly_fen, before.hourly_fen) == (wage.monthly_fen, wage.hourly_fen);
        if same_figures && before.verified == i64::from(verified) && before.source == source {
            return Ok(());
        }
        if same_figures || !lock::wage_row_relied_on(&w.read(), id)? {
            w.tx().execute(
                "UPDATE minimum_wages SET monthly_fen = ?2, hourly_fen = ?3, verified = ?4, source = ?5,
                     recorded_at = CASE WHEN ?6 THEN recorded_at ELSE ?7 END WHERE id = ?1",
                params![id, wage.monthly_fen, wage.hourly_fen, verified, source, same_figures, w.stamp()],
            )?;
            return w.log(id, Action::Update, Some(before));
        }
    }
    w.tx().execute(
        "INSERT INTO minimum_wages (effective_from, tier, monthly_fen, hourly_fen, verified, source, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![wage.effective_from.to_string(), wage.tier, wage.monthly_fen, wage.hourly_fen, verified, source, w.stamp()],
    )?;
    let id = w.tx().last_insert_rowid();
    w.log::<MinimumWageRecord>(id, Action::Insert, None)
}

/// The minimum-wage rows of the file's tier in force on some day of `month` and still marked
/// "to check": approving the month asks for confirmation while there are any.
pub fn unverified_rates(conn: &Read<'_>, month: Month) -> Result<Vec<WageRow>> {
    conn.reach(access::Area::Placements, Access::Read)?;
    let tier = pay_rules(conn)?.tier;
    let rows: Vec<WageRow> = wage_rows(conn)?
        .into_iter()
        .filter(|r| r.wage.tier == tier)
        .collect();
    // The row in force on the first day, and every row that starts later in the month.
    let in_force: Vec<&WageRow> = rows
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            let next_from = rows.get(i + 1).map(|n| n.wage.effective_from);
            r.wage.effective_from <= month.last_day()
                && next_from.is_none_or(|d| d > month.first_day())
        })
        .map(|(_, r)| r)
        .collect();
    Ok(in_force
        .into_iter()
        .filter(|r| !r.verified)
        .cloned()
        .collect())
}
