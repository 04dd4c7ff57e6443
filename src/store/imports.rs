//! Imports as the store keeps them: each import is one batch of the change log, with the
//! records it created or changed and how they were before, so that the batch can be undone
//! as a whole while none of them has changed since; the ledger's side of planning (who is
//! registered, which posts exist); and the column mappings remembered per header row.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Read, Result, StoreError, Writer};
use crate::domain::access::{Action as Access, Area};
use crate::domain::id_number::IdNumber;
use crate::domain::person::NewPerson;
use crate::domain::phone::Phone;
use crate::domain::{CategoryId, PersonId, PostId, RegionId};

/// An import batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BatchId(pub i64);

/// Opens a batch for an import of `kind` from `file_name`: its changes are the change
/// log's entries written after this.
pub fn begin(w: &Writer<'_>, kind: &str, file_name: &str) -> Result<BatchId> {
    let seq: i64 = w
        .tx()
        .query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
            r.get(0)
        })?;
    w.tx().execute(
        "INSERT INTO import_batches (kind, file_name, at, actor, first_seq)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![kind, file_name, w.stamp(), w.actor(), seq + 1],
    )?;
    w.touch("import_batches");
    Ok(BatchId(w.tx().last_insert_rowid()))
}

/// Closes a batch with its counts (created, updated, skipped, refused).
pub fn finish(w: &Writer<'_>, batch: BatchId, counts: [usize; 4]) -> Result<()> {
    let seq: i64 = w
        .tx()
        .query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
            r.get(0)
        })?;
    w.tx().execute(
        "UPDATE import_batches SET last_seq = ?2, created = ?3, updated = ?4, skipped = ?5,
            refused = ?6 WHERE id = ?1",
        params![
            batch.0,
            seq,
            counts[0] as i64,
            counts[1] as i64,
            counts[2] as i64,
            counts[3] as i64
        ],
    )?;
    Ok(())
}

/// Removes a batch that wrote nothing (every row refused while saving): no empty batch
/// stays in the list to be undone.
pub fn discard(w: &Writer<'_>, batch: BatchId) -> Result<()> {
    w.tx()
        .execute("DELETE FROM import_batches WHERE id = ?1", [batch.0])?;
    Ok(())
}

/// Runs `f` so that, if it fails, what it wrote is taken back and the rest of the
/// transaction stands (a savepoint): how a row refused while saving leaves the good rows.
pub fn attempt<T>(w: &Writer<'_>, f: impl FnOnce() -> Result<T>) -> Result<Result<T>> {
    w.tx().execute_batch("SAVEPOINT import_row")?;
    match f() {
        Ok(v) => {
            w.tx().execute_batch("RELEASE import_row")?;
            Ok(Ok(v))
        }
        Err(StoreError::Cancelled) => Err(StoreError::Cancelled),
        Err(e) => {
            w.tx()
                .execute_batch("ROLLBACK TO import_row; RELEASE import_row")?;
            Ok(Err(e))
        }
    }
}

fn record(
    w: &Writer<'_>,
    batch: BatchId,
    source_row: u32,
    table: &str,
    row_id: i64,
    action: &str,
    before: Option<String>,
) -> Result<()> {
    w.tx()
        .prepare_cached(
            "INSERT INTO import_rows (batch_id, source_row, table_name, row_id, action, before)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![batch.0, source_row, table, row_id, action, before])?;
    Ok(())
}

/// Notes that the batch created row `row_id` of `table` from sheet row `source_row`.
pub fn record_insert(
    w: &Writer<'_>,
    batch: BatchId,
    source_row: u32,
    table: &str,
    row_id: i64,
) -> Result<()> {
    record(w, batch, source_row, table, row_id, "insert", None)
}

/// A person as an update found them, to put back on undo.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct PersonBefore {
    name: String,
    id_number: String,
    phone: String,
    address: String,
    region_id: i64,
    notes: String,
    categories: Vec<i64>,
}

/// Notes, before the batch changes person `id`, how they are now.
pub fn record_person_update(
    w: &Writer<'_>,
    batch: BatchId,
    source_row: u32,
    id: PersonId,
) -> Result<()> {
    let p = super::people::get(&w.read(), id)?;
    let before = PersonBefore {
        name: p.name,
        id_number: p.id_number,
        phone: p.phone,
        address: p.address,
        region_id: p.region_id.0,
        notes: p.notes,
        categories: p.categories.iter().map(|c| c.0).collect(),
    };
    record(
        w,
        batch,
        source_row,
        "people",
        id.0,
        "update",
        Some(serde_json::to_string(&before)?),
    )
}

/// A record of a batch that changed after it, so the batch can not be undone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocker {
    /// The sheet row it came from.
    pub source_row: u32,
    /// The table.
    pub table: String,
    /// The record.
    pub row_id: i64,
}

/// What [`undo`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Undone {
    /// Every record of the batch was put back; this many.
    Done(usize),
    /// Nothing was done: these records changed after the batch.
    Blocked(Vec<Blocker>),
    /// The batch was undone before.
    AlreadyUndone,
}

/// Undoes a batch as a whole: removes the records it created and puts back the ones it
/// changed, each through the store's checked functions and logged, unless one of them has
/// changed since; then nothing is done and the blocking records are named.
pub fn undo(w: &Writer<'_>, batch: BatchId) -> Result<Undone> {
    let (last_seq, undone): (Option<i64>, Option<String>) = w
        .tx()
        .query_row(
            "SELECT last_seq, undone_at FROM import_batches WHERE id = ?1",
            [batch.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound(super::RecordKind::Person))?;
    if undone.is_some() {
        return Ok(Undone::AlreadyUndone);
    }
    let last_seq = last_seq.unwrap_or(i64::MAX);
    let mut stmt = w.tx().prepare(
        "SELECT source_row, table_name, row_id, action, before,
            EXISTS (SELECT 1 FROM changes c WHERE c.table_name = i.table_name
                    AND c.row_id = i.row_id AND c.seq > ?2)
         FROM import_rows i WHERE batch_id = ?1 ORDER BY id DESC",
    )?;
    type Item = (u32, String, i64, String, Option<String>, bool);
    let rows: Vec<Item> = stmt
        .query_map(params![batch.0, last_seq], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<std::result::Result<_, _>>()?;
    drop(stmt);
    let mut blockers: Vec<Blocker> = rows
        .iter()
        .filter(|r| r.5)
        .map(|r| Blocker {
            source_row: r.0,
            table: r.1.clone(),
            row_id: r.2,
        })
        .collect();
    if !blockers.is_empty() {
        blockers.sort_by_key(|b| (b.source_row, b.row_id));
        blockers.dedup();
        return Ok(Undone::Blocked(blockers));
    }
    // A record something else now rests on (a placement on a person the batch created,
    // attendance on its placement) can not go: every step is tried, and if any fails
    // nothing is undone and those rows are named.
    w.tx().execute_batch("SAVEPOINT import_undo")?;
    let mut refused = Vec::new();
    for (source_row, table, row_id, action, before, _) in &rows {
        match attempt(w, || undo_one(w, table, *row_id, action, before.as_deref()))? {
            Ok(()) => {}
            // A foreign key (or a lock of an approved month) holds the record.
            Err(StoreError::Sqlite(_)) => refused.push(Blocker {
                source_row: *source_row,
                table: table.clone(),
                row_id: *row_id,
            }),
            Err(e) => return Err(e),
        }
    }
    if !refused.is_empty() {
        w.tx()
            .execute_batch("ROLLBACK TO import_undo; RELEASE import_undo")?;
        refused.sort_by_key(|b| (b.source_row, b.row_id));
        return Ok(Undone::Blocked(refused));
    }
    w.tx().execute_batch("RELEASE import_undo")?;
    w.tx().execute(
        "UPDATE import_batches SET undone_at = ?2 WHERE id = ?1",
        params![batch.0, w.stamp()],
    )?;
    w.touch("import_batches");
    Ok(Undone::Done(rows.len()))
}

/// Takes back one record of a batch.
fn undo_one(
    w: &Writer<'_>,
    table: &str,
    row_id: i64,
    action: &str,
    before: Option<&str>,
) -> Result<()> {
    match (table, action) {
        ("people", "insert") => super::people::remove_imported(w, PersonId(row_id)),
        ("people", "update") => {
            let b: PersonBefore = serde_json::from_str(before.unwrap_or("{}"))?;
            let new = NewPerson {
                name: b.name,
                id_number: IdNumber::parse(&b.id_number)
                    .map_err(|_| StoreError::NotFound(super::RecordKind::Person))?,
                phone: Phone::parse(&b.phone).ok(),
                address: b.address,
                region_id: RegionId(b.region_id),
                categories: b.categories.into_iter().map(CategoryId).collect(),
                notes: b.notes,
            };
            super::people::update(w, PersonId(row_id), &new)
        }
        ("posts", "insert") => super::posts::remove_imported(w, PostId(row_id)),
        ("placements", "insert") => {
            super::placements::remove_imported(w, crate::domain::PlacementId(row_id))
        }
        ("trainings", "insert") => {
            super::placements::remove_imported_training(w, crate::domain::TrainingId(row_id))
        }
        _ => Ok(()),
    }
}

/// A batch, as the window lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchInfo {
    /// Which.
    pub id: BatchId,
    /// The kind's key.
    pub kind: String,
    /// The file's name.
    pub file_name: String,
    /// When.
    pub at: String,
    /// Who.
    pub actor: String,
    /// Created, updated, skipped, refused.
    pub counts: [usize; 4],
    /// When undone, if it was.
    pub undone_at: Option<String>,
}

/// The newest batches first.
pub fn batches(conn: &Read<'_>, limit: usize) -> Result<Vec<BatchInfo>> {
    conn.require_signed_in()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, file_name, at, actor, created, updated, skipped, refused, undone_at
         FROM import_batches ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(BatchInfo {
            id: BatchId(r.get(0)?),
            kind: r.get(1)?,
            file_name: r.get(2)?,
            at: r.get(3)?,
            actor: r.get(4)?,
            counts: [
                r.get::<_, i64>(5)? as usize,
                r.get::<_, i64>(6)? as usize,
                r.get::<_, i64>(7)? as usize,
                r.get::<_, i64>(8)? as usize,
            ],
            undone_at: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// A registered person, as planning compares the file with them.
#[derive(Clone, Debug, PartialEq)]
pub struct KnownPerson {
    /// Row id.
    pub id: PersonId,
    /// Name.
    pub name: String,
    /// Phone, or empty.
    pub phone: String,
    /// Address.
    pub address: String,
    /// Village.
    pub region: RegionId,
    /// Notes.
    pub notes: String,
    /// Categories held.
    pub categories: Vec<CategoryId>,
}

/// Registered people (trash included) by ID number, as planning compares rows with them.
pub fn known_people(conn: &Read<'_>) -> Result<HashMap<String, KnownPerson>> {
    conn.reach(Area::Registry, Access::Read)?;
    let mut stmt = conn.prepare(
        "SELECT p.id, p.id_number, p.name, p.phone, p.address, p.region_id, p.notes,
            (SELECT group_concat(category_id) FROM person_hardships WHERE person_id = p.id)
         FROM people p",
    )?;
    let rows = stmt.query_map([], |r| {
        let categories: Option<String> = r.get(7)?;
        Ok((
            r.get::<_, String>(1)?,
            KnownPerson {
                id: PersonId(r.get(0)?),
                name: r.get(2)?,
                phone: r.get(3)?,
                address: r.get(4)?,
                region: RegionId(r.get(5)?),
                notes: r.get(6)?,
                categories: categories
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|s| s.parse().ok().map(CategoryId))
                    .collect(),
            },
        ))
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Remembers the mapping chosen for a file of `kind` whose headers are `headers` (see
/// [`crate::import::layout::signature`]).
pub fn remember_mapping(w: &Writer<'_>, kind: &str, headers: &str, mapping: &str) -> Result<()> {
    w.tx().execute(
        "INSERT INTO import_mappings (kind, headers, mapping, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (kind, headers) DO UPDATE SET mapping = excluded.mapping,
            updated_at = excluded.updated_at",
        params![kind, headers, mapping, w.stamp()],
    )?;
    w.touch("import_mappings");
    Ok(())
}

/// The mapping remembered for these headers, if any.
pub fn remembered_mapping(conn: &Read<'_>, kind: &str, headers: &str) -> Result<Option<String>> {
    conn.require_signed_in()?;
    Ok(conn
        .query_row(
            "SELECT mapping FROM import_mappings WHERE kind = ?1 AND headers = ?2",
            params![kind, headers],
            |r| r.get(0),
        )
        .optional()?)
}
