//! The people registry: search, the person form's reads and writes, and the trash.
//!
//! The table view asks [`search_ids`] for the ordered ids that match its filter (cheap even
//! at 100k people) and then [`rows`] only for the rows it shows. Every write that changes a
//! name, an address or the trash state keeps the pinyin sort key and the search index of
//! [`search`] in step, in the same transaction.

mod search;

use std::collections::HashMap;

use crate::domain::access::{Action as Access, Area, Reach};
use crate::store::Read;
use rusqlite::{OptionalExtension, Row, params};

pub(super) use search::build_search_index;
pub use search::search_ids;

use super::records::PersonRecord;
use super::{RecordKind, Result, StoreError, Writer, changes::Action};
use crate::domain::id_number::Sex;
use crate::domain::name_sort::sort_key;
use crate::domain::person::NewPerson;
use crate::domain::{CategoryId, PersonId, RegionId};

/// A person as stored, for the form.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// Row id.
    pub id: PersonId,
    /// Name.
    pub name: String,
    /// Normalised 18-character ID number.
    pub id_number: String,
    /// `YYYY-MM-DD`, from the ID number.
    pub birth_date: String,
    /// From the ID number.
    pub sex: Sex,
    /// Normalised phone, or empty.
    pub phone: String,
    /// Address.
    pub address: String,
    /// Village or community.
    pub region_id: RegionId,
    /// Notes.
    pub notes: String,
    /// Hardship categories held.
    pub categories: Vec<CategoryId>,
    /// When moved to the trash, if it is there.
    pub deleted_at: Option<String>,
}

/// One line of the people table.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonRow {
    /// Row id.
    pub id: PersonId,
    /// Name.
    pub name: String,
    /// Full ID number; the view masks it.
    pub id_number: String,
    /// From the ID number.
    pub sex: Sex,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// Full phone; the view masks it.
    pub phone: String,
    /// Short name of the village or community.
    pub place: String,
    /// Ids of the categories held, in list order.
    pub categories: Vec<CategoryId>,
}

/// Column the people table is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// Most recently added first by default.
    #[default]
    Added,
    /// 姓名, in pinyin order (see [`crate::domain::name_sort`]).
    Name,
    /// 身份证号
    IdNumber,
    /// Birth date (so age, reversed).
    BirthDate,
    /// Village by division code.
    Place,
}

/// What the people table shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PeopleFilter {
    /// Part of a name, ID number, phone or address, or of the name of a place (see
    /// [`search_ids`] for what a text of each length finds and in what order).
    pub text: String,
    /// Only people in this place or below it.
    pub region: Option<RegionId>,
    /// Only people holding this category.
    pub category: Option<CategoryId>,
    /// The trash instead of the registry.
    pub trash: bool,
    /// Sort column.
    pub sort: SortKey,
    /// Sort descending.
    pub descending: bool,
}

/// The table rows for `ids`, in the same order.
///
/// A reader limited to some streets gets only the rows of their people: the others are
/// left out, as [`search::search_ids`] never lists them.
pub fn rows(conn: &Read<'_>, ids: &[PersonId]) -> Result<Vec<PersonRow>> {
    let reach = conn.reach(Area::Registry, Access::Read)?;
    let mut streets: HashMap<i64, Option<RegionId>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name, p.id_number, p.sex, p.birth_date, p.phone, r.short_name,
                (SELECT group_concat(category_id) FROM person_hardships WHERE person_id = p.id),
                p.region_id
         FROM people p JOIN regions r ON r.id = p.region_id WHERE p.id = ?1",
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some((row, region)) = stmt
            .query_row([id.0], |r| {
                Ok((
                    PersonRow {
                        id: PersonId(r.get(0)?),
                        name: r.get(1)?,
                        id_number: r.get(2)?,
                        sex: r.get(3)?,
                        birth_date: r.get(4)?,
                        phone: r.get(5)?,
                        place: r.get(6)?,
                        categories: parse_ids(r.get::<_, Option<String>>(7)?),
                    },
                    r.get::<_, i64>(8)?,
                ))
            })
            .optional()?
        {
            if reach != Reach::District {
                let street = match streets.get(&region) {
                    Some(s) => *s,
                    None => {
                        let s = super::regions::street_of(conn, RegionId(region))?;
                        streets.insert(region, s);
                        s
                    }
                };
                if !reach.covers(street) {
                    continue;
                }
            }
            out.push(row);
        }
    }
    Ok(out)
}

fn parse_ids(list: Option<String>) -> Vec<CategoryId> {
    let mut ids: Vec<CategoryId> = list
        .unwrap_or_default()
        .split(',')
        .filter_map(|s| s.parse().ok().map(CategoryId))
        .collect();
    ids.sort();
    ids
}

fn sex_code(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "M",
        Sex::Female => "F",
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: PersonId(r.get(0)?),
        name: r.get(1)?,
        id_number: r.get(2)?,
        birth_date: r.get(3)?,
        sex: r.get(4)?,
        phone: r.get(5)?,
        address: r.get(6)?,
        region_id: RegionId(r.get(7)?),
        notes: r.get(8)?,
        categories: parse_ids(r.get(9)?),
        deleted_at: r.get(10)?,
    })
}

/// One person, trashed or not.
pub fn get(conn: &Read<'_>, id: PersonId) -> Result<Person> {
    conn.reach(Area::Registry, Access::Read)?;
    let person = conn.prepare_cached(
        "SELECT id, name, id_number, birth_date, sex, phone, address, region_id, notes,
                (SELECT group_concat(category_id) FROM person_hardships WHERE person_id = people.id),
                deleted_at
         FROM people WHERE id = ?1",
    )?
    .query_row([id.0], from_row)
    .optional()?
    .ok_or(StoreError::NotFound(RecordKind::Person))?;
    conn.require_at(Area::Registry, Access::Read, person.region_id)?;
    Ok(person)
}

/// The person holding `id_number`, if any (trash included): one person per number.
pub fn find_by_id_number(conn: &Read<'_>, id_number: &str) -> Result<Option<(PersonId, String)>> {
    conn.reach(Area::Registry, Access::Read)?;
    Ok(conn
        .prepare_cached("SELECT id, name FROM people WHERE id_number = ?1")?
        .query_row([id_number], |r| Ok((PersonId(r.get(0)?), r.get(1)?)))
        .optional()?)
}

/// People in the registry (not in the trash).
pub fn count(conn: &Read<'_>) -> Result<i64> {
    conn.reach(Area::Registry, Access::Read)?;
    Ok(conn.query_row(
        "SELECT count(*) FROM people WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

fn refuse_duplicate(w: &Writer<'_>, new: &NewPerson, except: Option<PersonId>) -> Result<()> {
    match find_by_id_number(&w.read(), new.id_number.as_str())? {
        Some((existing, name)) if Some(existing) != except => Err(StoreError::DuplicateIdNumber {
            existing: existing.0,
            name,
        }),
        _ => Ok(()),
    }
}

/// Registers a new person; a second person with the same ID number is refused.
pub fn insert(w: &Writer<'_>, new: &NewPerson) -> Result<PersonId> {
    w.require_at(Area::Registry, Access::Write, new.region_id)?;
    refuse_duplicate(w, new, None)?;
    let now = w.stamp();
    w.tx()
        .prepare_cached(
            "INSERT INTO people (name, id_number, birth_date, sex, phone, address, region_id,
                                 notes, created_at, updated_at, name_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
        )?
        .execute(params![
            new.name,
            new.id_number.as_str(),
            new.id_number.birth_date().to_string(),
            sex_code(new.id_number.sex()),
            new.phone.as_ref().map(|p| p.as_str()).unwrap_or(""),
            new.address,
            new.region_id.0,
            new.notes,
            now,
            sort_key(&new.name)
        ])?;
    let id = PersonId(w.tx().last_insert_rowid());
    search::index_person(&w.read(), id)?;
    set_categories(w, id, &new.categories)?;
    w.log::<PersonRecord>(id.0, Action::Insert, None)?;
    Ok(id)
}

/// Replaces a person's fields with the validated form.
pub fn update(w: &Writer<'_>, id: PersonId, new: &NewPerson) -> Result<()> {
    // Both where the person was and where they move to must be the writer's.
    w.require_at(Area::Registry, Access::Write, get(&w.read(), id)?.region_id)?;
    w.require_at(Area::Registry, Access::Write, new.region_id)?;
    let before = w.existing::<PersonRecord>(id.0, RecordKind::Person)?;
    refuse_duplicate(w, new, Some(id))?;
    search::unindex_person(&w.read(), id)?;
    w.tx().execute(
        "UPDATE people SET name = ?2, id_number = ?3, birth_date = ?4, sex = ?5, phone = ?6,
                address = ?7, region_id = ?8, notes = ?9, updated_at = ?10, name_key = ?11
         WHERE id = ?1",
        params![
            id.0,
            new.name,
            new.id_number.as_str(),
            new.id_number.birth_date().to_string(),
            sex_code(new.id_number.sex()),
            new.phone.as_ref().map(|p| p.as_str()).unwrap_or(""),
            new.address,
            new.region_id.0,
            new.notes,
            w.stamp(),
            sort_key(&new.name)
        ],
    )?;
    search::index_person(&w.read(), id)?;
    w.tx()
        .execute("DELETE FROM person_hardships WHERE person_id = ?1", [id.0])?;
    set_categories(w, id, &new.categories)?;
    w.log(id.0, Action::Update, Some(before))
}

fn set_categories(w: &Writer<'_>, id: PersonId, categories: &[CategoryId]) -> Result<()> {
    let mut stmt = w
        .tx()
        .prepare_cached("INSERT INTO person_hardships (person_id, category_id) VALUES (?1, ?2)")?;
    for category in categories {
        stmt.execute(params![id.0, category.0])?;
    }
    Ok(())
}

/// Moves a person to the trash, or back out of it.
pub fn set_trashed(w: &Writer<'_>, id: PersonId, trashed: bool) -> Result<()> {
    w.require_at(Area::Registry, Access::Write, get(&w.read(), id)?.region_id)?;
    let before = w.existing::<PersonRecord>(id.0, RecordKind::Person)?;
    if trashed {
        // Someone on a post stays in the registry until the exit is recorded: the trash
        // would hide a person who is still being paid.
        let placed: Option<String> = w
            .tx()
            .query_row(
                "SELECT po.title FROM placements pl JOIN posts po ON po.id = pl.post_id
                 WHERE pl.person_id = ?1 AND pl.exit_date IS NULL ORDER BY pl.start_date LIMIT 1",
                [id.0],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(post) = placed {
            return Err(StoreError::PersonPlaced { post });
        }
    }
    let deleted_at = trashed.then(|| w.stamp());
    search::unindex_person(&w.read(), id)?;
    w.tx().execute(
        "UPDATE people SET deleted_at = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.0, deleted_at, w.stamp()],
    )?;
    search::index_person(&w.read(), id)?;
    let action = if trashed {
        Action::Trash
    } else {
        Action::Restore
    };
    w.log(id.0, action, Some(before))
}

/// People in the registry holding any of `categories`, with their village, by id.
pub fn holding_any(
    conn: &Read<'_>,
    categories: &[CategoryId],
) -> Result<Vec<(PersonId, RegionId)>> {
    conn.reach(Area::Registry, Access::Read)?;
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT p.id, p.region_id FROM people p JOIN person_hardships h ON h.person_id = p.id
         WHERE h.category_id IN (SELECT value FROM json_each(?1)) AND p.deleted_at IS NULL ORDER BY p.id",
    )?;
    let ids: Vec<i64> = categories.iter().map(|c| c.0).collect();
    let rows = stmt.query_map([serde_json::to_string(&ids)?], |r| {
        Ok((PersonId(r.get(0)?), RegionId(r.get(1)?)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Removes a person an import registered, when the import is undone (see
/// [`super::imports::undo`]): logged as a delete, with the row as it was.
pub(crate) fn remove_imported(w: &Writer<'_>, id: PersonId) -> Result<()> {
    w.require_at(Area::Registry, Access::Write, get(&w.read(), id)?.region_id)?;
    let before = w.existing::<PersonRecord>(id.0, RecordKind::Person)?;
    search::unindex_person(&w.read(), id)?;
    w.tx()
        .execute("DELETE FROM person_hardships WHERE person_id = ?1", [id.0])?;
    w.tx().execute("DELETE FROM people WHERE id = ?1", [id.0])?;
    w.log(id.0, Action::Delete, Some(before))
}
