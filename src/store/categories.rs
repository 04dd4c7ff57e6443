//! The editable list of hardship categories (特困, 低保, 脱贫 …).
//!
//! A category someone holds is retired rather than deleted, so no person silently loses it.

use crate::domain::access::{Action as Access, Area};
use crate::store::Read;
use rusqlite::{Row, params};

use super::records::CategoryRecord;
use super::{CategoryRule, RecordKind, Result, StoreError, Writer, changes::Action};
use crate::domain::CategoryId;
use crate::i18n::Lang;

/// A hardship category.
#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    /// Row id.
    pub id: CategoryId,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Position in lists.
    pub sort_order: i64,
    /// Retired categories stay on the people who hold them but are not offered.
    pub active: bool,
}

impl Category {
    /// The name in the user's language.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }
}

/// What [`remove`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Removed {
    /// Nobody held it, so it is gone.
    Deleted,
    /// This many people hold it, so it was retired instead.
    Retired(i64),
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Category> {
    Ok(Category {
        id: CategoryId(r.get(0)?),
        name_zh: r.get(1)?,
        name_en: r.get(2)?,
        sort_order: r.get(3)?,
        active: r.get(4)?,
    })
}

/// Every category, retired ones included, in list order.
pub fn all(conn: &Read<'_>) -> Result<Vec<Category>> {
    conn.require_signed_in()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, name_zh, name_en, sort_order, active FROM hardship_categories
         ORDER BY sort_order, id",
    )?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds a category at the end of the list.
pub fn insert(w: &Writer<'_>, name_zh: &str, name_en: &str) -> Result<CategoryId> {
    w.require(Area::Registry, Access::Administer, None)?;
    let (name_zh, name_en) = (name_zh.trim(), name_en.trim());
    if name_zh.is_empty() || name_en.is_empty() {
        return Err(StoreError::Category(CategoryRule::NameRequired));
    }
    w.tx().execute(
        "INSERT INTO hardship_categories (name_zh, name_en, sort_order)
         VALUES (?1, ?2, (SELECT coalesce(max(sort_order), 0) + 1 FROM hardship_categories))",
        params![name_zh, name_en],
    )?;
    let id = CategoryId(w.tx().last_insert_rowid());
    w.log::<CategoryRecord>(id.0, Action::Insert, None)?;
    Ok(id)
}

/// Deletes a category nobody holds; retires one that people hold.
pub fn remove(w: &Writer<'_>, id: CategoryId) -> Result<Removed> {
    w.require(Area::Registry, Access::Administer, None)?;
    let before = w.existing::<CategoryRecord>(id.0, RecordKind::Category)?;
    let holders: i64 = w.tx().query_row(
        "SELECT count(*) FROM person_hardships WHERE category_id = ?1",
        [id.0],
        |r| r.get(0),
    )?;
    if holders == 0 {
        w.tx()
            .execute("DELETE FROM hardship_categories WHERE id = ?1", [id.0])?;
        w.log(id.0, Action::Delete, Some(before))?;
        return Ok(Removed::Deleted);
    }
    set_active(w, id, false)?;
    Ok(Removed::Retired(holders))
}

/// Retires or reactivates a category.
pub fn set_active(w: &Writer<'_>, id: CategoryId, active: bool) -> Result<()> {
    w.require(Area::Registry, Access::Administer, None)?;
    let before = w.existing::<CategoryRecord>(id.0, RecordKind::Category)?;
    w.tx().execute(
        "UPDATE hardship_categories SET active = ?2 WHERE id = ?1",
        params![id.0, active],
    )?;
    w.log(id.0, Action::Update, Some(before))
}
