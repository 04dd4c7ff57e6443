//! The editable list of matter categories, each with its default owner unit and deadlines
//! in working days (settings: shipped as commonly practised, changed by an administrator).

use rusqlite::{OptionalExtension, params};

use super::super::records::PetitionCategoryRecord;
use super::super::{Result, Writer};
use crate::domain::access::{Action as Access, Area};
use crate::domain::petition::{MatterCategoryId, PetitionRule};
use crate::i18n::Lang;
use crate::store::Read;

/// A category of matters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatterCategory {
    /// Row id.
    pub id: MatterCategoryId,
    /// The Open311 service code.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// The unit matters of this category go to unless the clerk names another.
    pub owner_unit: String,
    /// Working days to reply.
    pub deadline_days: u32,
    /// Working days to reply for a complex matter.
    pub complex_days: u32,
    /// Offered for new matters.
    pub active: bool,
}

impl MatterCategory {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }
}

/// A category to add or change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMatterCategory {
    /// The service code (letters, digits, `_`).
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Default owner unit.
    pub owner_unit: String,
    /// Working days.
    pub deadline_days: u32,
    /// Working days, complex.
    pub complex_days: u32,
    /// Offered for new matters.
    pub active: bool,
}

/// Every category, in order.
pub fn categories(conn: &Read<'_>) -> Result<Vec<MatterCategory>> {
    conn.reach(Area::Petitions, Access::Read)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, name_zh, name_en, owner_unit, deadline_days, complex_days, active
         FROM petition_categories ORDER BY sort_order, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(MatterCategory {
            id: MatterCategoryId(r.get(0)?),
            code: r.get(1)?,
            name_zh: r.get(2)?,
            name_en: r.get(3)?,
            owner_unit: r.get(4)?,
            deadline_days: r.get(5)?,
            complex_days: r.get(6)?,
            active: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds the category of `c.code`, or changes it; an administrator of the petition log's
/// settings only, logged.
pub fn save_category(w: &Writer<'_>, c: &NewMatterCategory) -> Result<MatterCategoryId> {
    w.require(Area::Petitions, Access::Administer, None)?;
    let code = c.code.trim();
    if code.is_empty()
        || !code
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
        || c.name_zh.trim().is_empty()
        || c.name_en.trim().is_empty()
        || c.owner_unit.trim().is_empty()
    {
        return Err(PetitionRule::CategoryIncomplete.into());
    }
    if !(1..=120).contains(&c.deadline_days) || !(1..=120).contains(&c.complex_days) {
        return Err(PetitionRule::DeadlineDays.into());
    }
    let find = |tx: &rusqlite::Transaction<'_>| -> Result<Option<i64>> {
        Ok(tx
            .query_row(
                "SELECT id FROM petition_categories WHERE code = ?1",
                [code],
                |r| r.get(0),
            )
            .optional()?)
    };
    let id = w.upsert::<PetitionCategoryRecord>(
        super::super::RecordKind::MatterCategory,
        find,
        |tx, _before| {
            tx.execute(
                "INSERT INTO petition_categories (code, name_zh, name_en, owner_unit,
                     deadline_days, complex_days, active, sort_order)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
                     (SELECT coalesce(max(sort_order), 0) + 1 FROM petition_categories))
                 ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh,
                     name_en = excluded.name_en, owner_unit = excluded.owner_unit,
                     deadline_days = excluded.deadline_days,
                     complex_days = excluded.complex_days, active = excluded.active",
                params![
                    code,
                    c.name_zh.trim(),
                    c.name_en.trim(),
                    c.owner_unit.trim(),
                    c.deadline_days,
                    c.complex_days,
                    c.active
                ],
            )?;
            Ok(true)
        },
    )?;
    match id {
        Some(id) => Ok(MatterCategoryId(id)),
        None => Err(super::super::StoreError::NotFound(
            super::super::RecordKind::MatterCategory,
        )),
    }
}
