//! The people registry: search, the person form's reads and writes, and the trash.
//!
//! The table view asks [`search_ids`] for the ordered ids that match its filter (cheap even
//! at 100k people) and then [`rows`] only for the rows it shows.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::records::PersonRecord;
use super::{RecordKind, Result, StoreError, Writer, changes::Action};
use crate::domain::id_number::Sex;
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
    /// 姓名
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
    /// Substring of name, ID number, phone or address.
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

/// Ids of the people matching `filter`, in display order.
///
/// Only the clauses the filter needs are put in the query (values are always bound), so
/// an unfiltered list is a plain scan. Text of three or more characters goes through the
/// trigram index; shorter text can only be part of a name, which a scan of names finds.
pub fn search_ids(conn: &Connection, filter: &PeopleFilter) -> Result<Vec<PersonId>> {
    let mut clauses = vec![if filter.trash {
        "p.deleted_at IS NOT NULL"
    } else {
        "p.deleted_at IS NULL"
    }];
    let mut values: Vec<Value> = Vec::new();
    let text = normalise_search(&filter.text);
    if text.chars().count() >= 3 {
        clauses.push("p.id IN (SELECT rowid FROM people_search WHERE people_search MATCH ?)");
        values.push(Value::Text(format!("\"{}\"", text.replace('"', "\"\""))));
    } else if !text.is_empty() {
        clauses.push("instr(p.name, ?) > 0");
        values.push(Value::Text(text));
    }
    if let Some(region) = filter.region {
        clauses.push(
            "p.region_id IN (WITH RECURSIVE below(id) AS (
                 SELECT ? UNION ALL SELECT r.id FROM regions r JOIN below ON r.parent_id = below.id)
             SELECT id FROM below)",
        );
        values.push(Value::Integer(region.0));
    }
    if let Some(category) = filter.category {
        clauses.push("p.id IN (SELECT person_id FROM person_hardships WHERE category_id = ?)");
        values.push(Value::Integer(category.0));
    }
    let order = match filter.sort {
        SortKey::Added => "p.id",
        SortKey::Name => "p.name",
        SortKey::IdNumber => "p.id_number",
        SortKey::BirthDate => "p.birth_date",
        SortKey::Place => "(SELECT code FROM regions WHERE id = p.region_id)",
    };
    // Added defaults to newest first; the others ascending.
    let descending = filter.descending != (filter.sort == SortKey::Added);
    let direction = if descending { "DESC" } else { "ASC" };
    let sql = format!(
        "SELECT p.id FROM people p WHERE {} ORDER BY {order} {direction}, p.id {direction}",
        clauses.join(" AND ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt.query_map(rusqlite::params_from_iter(values), |r| {
        r.get(0).map(PersonId)
    })?;
    Ok(ids.collect::<Result<_, _>>()?)
}

/// The search text as stored: trimmed, and an ID typed with a lowercase x in upper case.
fn normalise_search(text: &str) -> String {
    let text = text.trim();
    if text
        .chars()
        .all(|c| c.is_ascii_digit() || c == 'x' || c == 'X')
    {
        text.to_ascii_uppercase()
    } else {
        text.to_string()
    }
}

/// The table rows for `ids`, in the same order.
pub fn rows(conn: &Connection, ids: &[PersonId]) -> Result<Vec<PersonRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name, p.id_number, p.sex, p.birth_date, p.phone, r.short_name,
                (SELECT group_concat(category_id) FROM person_hardships WHERE person_id = p.id)
         FROM people p JOIN regions r ON r.id = p.region_id WHERE p.id = ?1",
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(row) = stmt
            .query_row([id.0], |r| {
                Ok(PersonRow {
                    id: PersonId(r.get(0)?),
                    name: r.get(1)?,
                    id_number: r.get(2)?,
                    sex: r.get(3)?,
                    birth_date: r.get(4)?,
                    phone: r.get(5)?,
                    place: r.get(6)?,
                    categories: parse_ids(r.get::<_, Option<String>>(7)?),
                })
            })
            .optional()?
        {
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
pub fn get(conn: &Connection, id: PersonId) -> Result<Person> {
    conn.prepare_cached(
        "SELECT id, name, id_number, birth_date, sex, phone, address, region_id, notes,
                (SELECT group_concat(category_id) FROM person_hardships WHERE person_id = people.id),
                deleted_at
         FROM people WHERE id = ?1",
    )?
    .query_row([id.0], from_row)
    .optional()?
    .ok_or(StoreError::NotFound(RecordKind::Person))
}

/// The person holding `id_number`, if any (trash included): one person per number.
pub fn find_by_id_number(conn: &Connection, id_number: &str) -> Result<Option<(PersonId, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, name FROM people WHERE id_number = ?1")?
        .query_row([id_number], |r| Ok((PersonId(r.get(0)?), r.get(1)?)))
        .optional()?)
}

/// People in the registry (not in the trash).
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM people WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

fn refuse_duplicate(w: &Writer<'_>, new: &NewPerson, except: Option<PersonId>) -> Result<()> {
    match find_by_id_number(w.tx(), new.id_number.as_str())? {
        Some((existing, name)) if Some(existing) != except => Err(StoreError::DuplicateIdNumber {
            existing: existing.0,
            name,
        }),
        _ => Ok(()),
    }
}

/// Registers a new person; a second person with the same ID number is refused.
pub fn insert(w: &Writer<'_>, new: &NewPerson) -> Result<PersonId> {
    refuse_duplicate(w, new, None)?;
    let now = w.stamp();
    w.tx()
        .prepare_cached(
            "INSERT INTO people (name, id_number, birth_date, sex, phone, address, region_id,
                                 notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
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
            now
        ])?;
    let id = PersonId(w.tx().last_insert_rowid());
    set_categories(w, id, &new.categories)?;
    w.log::<PersonRecord>(id.0, Action::Insert, None)?;
    Ok(id)
}

/// Replaces a person's fields with the validated form.
pub fn update(w: &Writer<'_>, id: PersonId, new: &NewPerson) -> Result<()> {
    let before = w.existing::<PersonRecord>(id.0, RecordKind::Person)?;
    refuse_duplicate(w, new, Some(id))?;
    w.tx().execute(
        "UPDATE people SET name = ?2, id_number = ?3, birth_date = ?4, sex = ?5, phone = ?6,
                address = ?7, region_id = ?8, notes = ?9, updated_at = ?10 WHERE id = ?1",
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
            w.stamp()
        ],
    )?;
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
    let before = w.existing::<PersonRecord>(id.0, RecordKind::Person)?;
    let deleted_at = trashed.then(|| w.stamp());
    w.tx().execute(
        "UPDATE people SET deleted_at = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.0, deleted_at, w.stamp()],
    )?;
    let action = if trashed {
        Action::Trash
    } else {
        Action::Restore
    };
    w.log(id.0, action, Some(before))
}

/// People in the registry holding any of `categories`, with their village, by id.
pub fn holding_any(
    conn: &Connection,
    categories: &[CategoryId],
) -> Result<Vec<(PersonId, RegionId)>> {
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
