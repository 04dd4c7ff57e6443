//! Finding people: the query behind the People table and the index of name characters it
//! reads for short searches (`person_grams`, see `sql/0004_name_search.sql`).
//!
//! What a search text finds, and in what order:
//! - one character: names holding it (a single character says too little of an address,
//!   an ID number or a place);
//! - two characters: names and addresses holding them, and the people registered in any
//!   place (village, community, street) whose name holds them, or below it;
//! - three or more: names, ID numbers, phones and addresses holding it (the trigram index),
//!   and the people of the places whose name holds it.
//!
//! People whose name is the text come first, then those whose name starts with it, then
//! the other matches; within each group the order is the column the clerk sorts by.

use crate::domain::access::{Action as Access, Area, Reach};
use crate::store::Read;
use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params};

use super::{PeopleFilter, SortKey};
use crate::domain::PersonId;
use crate::domain::name_sort::sort_key;
use crate::store::Result;

/// `gram`'s `match_rank` when it is the whole name.
const WHOLE_NAME: i64 = 0;
/// `match_rank` when the name starts with the gram.
const NAME_START: i64 = 1;
/// `match_rank` anywhere else in the name, or in the address.
const ELSEWHERE: i64 = 2;

/// The places whose full or short name holds the bound text, and every place below them.
const PLACES_NAMED: &str = "WITH RECURSIVE named(id) AS (
         SELECT id FROM regions WHERE instr(name, ?) > 0 OR instr(short_name, ?) > 0
         UNION SELECT r.id FROM regions r JOIN named ON r.parent_id = named.id)
     SELECT id FROM named";

/// The bound place and every place below it.
const PLACE_AND_BELOW: &str = "WITH RECURSIVE below(id) AS (
         SELECT ? UNION ALL SELECT r.id FROM regions r JOIN below ON r.parent_id = below.id)
     SELECT id FROM below";

/// The places of the streets in a bound JSON list, and every place below them.
const STREETS_AND_BELOW: &str = "WITH RECURSIVE below(id) AS (
         SELECT value FROM json_each(?) UNION ALL SELECT r.id FROM regions r JOIN below ON r.parent_id = below.id)
     SELECT id FROM below";

/// Ids of the people matching `filter`, in display order.
///
/// Only the clauses the filter needs are put in the query (values are always bound). A
/// one-character search sorted by name or by date added is answered from `person_grams`
/// alone; two characters are the people holding both characters, checked in their names.
///
/// A reader limited to some streets finds only the people of those streets.
pub fn search_ids(conn: &Read<'_>, filter: &PeopleFilter) -> Result<Vec<PersonId>> {
    let within = match conn.reach(Area::Registry, Access::Read)? {
        Reach::Streets(streets) => Some(serde_json::to_string(
            &streets.iter().map(|s| s.0).collect::<Vec<_>>(),
        )?),
        _ => None,
    };
    let text = normalise_search(&filter.text);
    let length = text.chars().count();
    let mut values = Vec::new();
    let sql = if length == 1 {
        by_grams(filter, within.as_deref(), text, &mut values)
    } else {
        let place = length >= 2 && names_a_place(conn, &text)?;
        by_people(filter, within.as_deref(), &text, place, &mut values)
    };
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

/// Whether `text` could be (part of) a name, so that ranking by name means something.
fn could_be_name(text: &str) -> bool {
    !text.chars().all(|c| c.is_ascii_digit() || c == 'X')
}

fn names_a_place(conn: &Read<'_>, text: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM regions WHERE instr(name, ?1) > 0 OR instr(short_name, ?1) > 0)",
        )?
        .query_row([text], |r| r.get(0))?)
}

/// `ASC` or `DESC` for the chosen sort: date added defaults to newest first, the others
/// ascending.
fn direction(filter: &PeopleFilter) -> &'static str {
    if filter.descending != (filter.sort == SortKey::Added) {
        "DESC"
    } else {
        "ASC"
    }
}

/// The region and category clauses on `column` (a person id), with their values; `within`
/// is the JSON list of the streets a reader limited to streets may see.
fn narrowing(
    filter: &PeopleFilter,
    within: Option<&str>,
    column: &str,
    values: &mut Vec<Value>,
) -> Vec<String> {
    let mut clauses = Vec::new();
    if let Some(streets) = within {
        // The candidate's own place against the streets' few dozen places (one lookup a
        // row), not a list of every person of the streets built for each query.
        let place = if column == "p.id" {
            "p.region_id".to_string()
        } else {
            format!("(SELECT region_id FROM people WHERE id = {column})")
        };
        clauses.push(format!("{place} IN ({STREETS_AND_BELOW})"));
        values.push(Value::Text(streets.to_string()));
    }
    if let Some(region) = filter.region {
        clauses.push(format!(
            "{column} IN (SELECT id FROM people WHERE region_id IN ({PLACE_AND_BELOW}))"
        ));
        values.push(Value::Integer(region.0));
    }
    if let Some(category) = filter.category {
        clauses.push(format!(
            "{column} IN (SELECT person_id FROM person_hardships WHERE category_id = ?)"
        ));
        values.push(Value::Integer(category.0));
    }
    clauses
}

/// A one-character search read from the gram index, joined to `people` only for a sort
/// column the index does not hold.
fn by_grams(
    filter: &PeopleFilter,
    within: Option<&str>,
    text: String,
    values: &mut Vec<Value>,
) -> String {
    values.push(Value::Text(text));
    values.push(Value::Integer(i64::from(filter.trash)));
    let mut clauses = vec!["g.gram = ?".to_string(), "g.trashed = ?".to_string()];
    clauses.extend(narrowing(filter, within, "g.person_id", values));
    let (join, order) = match filter.sort {
        SortKey::Added => ("", "g.person_id"),
        SortKey::Name => ("", "g.name_key"),
        SortKey::IdNumber => ("JOIN people p ON p.id = g.person_id", "p.id_number"),
        SortKey::BirthDate => ("JOIN people p ON p.id = g.person_id", "p.birth_date"),
        SortKey::Place => (
            "JOIN people p ON p.id = g.person_id",
            "(SELECT code FROM regions WHERE id = p.region_id)",
        ),
    };
    let direction = direction(filter);
    format!(
        "SELECT g.person_id FROM person_grams g {join} WHERE {}
         ORDER BY g.match_rank, {order} {direction}, g.person_id {direction}",
        clauses.join(" AND ")
    )
}

/// Every other search (none, two characters, three or more) over `people`; `place` says
/// whether the text is part of a place's name.
fn by_people(
    filter: &PeopleFilter,
    within: Option<&str>,
    text: &str,
    place: bool,
    values: &mut Vec<Value>,
) -> String {
    let trashed = Value::Integer(i64::from(filter.trash));
    let mut clauses = vec![
        if filter.trash {
            "p.deleted_at IS NOT NULL"
        } else {
            "p.deleted_at IS NULL"
        }
        .to_string(),
    ];
    let mut found = Vec::new();
    let mut chars = text.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (None, ..) | (Some(_), None, _) => {}
        (Some(first), Some(second), None) => {
            // Both characters from the index, then together in the name; or an address pair.
            found.push(
                "p.id IN (SELECT a.person_id FROM person_grams a WHERE a.gram = ? AND a.trashed = ?
                     AND a.person_id IN (SELECT person_id FROM person_grams WHERE gram = ? AND trashed = ?))
                 AND instr(p.name, ?) > 0
                 OR p.id IN (SELECT person_id FROM person_grams WHERE gram = ? AND trashed = ?)"
                    .to_string(),
            );
            values.extend([
                Value::Text(first.to_string()),
                trashed.clone(),
                Value::Text(second.to_string()),
                trashed.clone(),
                Value::Text(text.to_string()),
                Value::Text(text.to_string()),
                trashed,
            ]);
        }
        (Some(_), Some(_), Some(_)) => {
            found.push(
                "p.id IN (SELECT rowid FROM people_search WHERE people_search MATCH ?)".to_string(),
            );
            values.push(Value::Text(format!("\"{}\"", text.replace('"', "\"\""))));
        }
    }
    if place {
        found.push(format!("p.region_id IN ({PLACES_NAMED})"));
        values.push(Value::Text(text.to_string()));
        values.push(Value::Text(text.to_string()));
    }
    if !found.is_empty() {
        clauses.push(format!("({})", found.join(" OR ")));
    }
    clauses.extend(narrowing(filter, within, "p.id", values));
    let rank = if !text.is_empty() && could_be_name(text) {
        values.push(Value::Text(text.to_string()));
        values.push(Value::Text(text.to_string()));
        "CASE WHEN p.name = ? THEN 0 WHEN instr(p.name, ?) = 1 THEN 1 ELSE 2 END, "
    } else {
        ""
    };
    let order = match filter.sort {
        SortKey::Added => "p.id",
        SortKey::Name => "p.name_key",
        SortKey::IdNumber => "p.id_number",
        SortKey::BirthDate => "p.birth_date",
        SortKey::Place => "(SELECT code FROM regions WHERE id = p.region_id)",
    };
    let direction = direction(filter);
    format!(
        "SELECT p.id FROM people p WHERE {}
         ORDER BY {rank}{order} {direction}, p.id {direction}",
        clauses.join(" AND ")
    )
}

/// The grams of a person with their best `match_rank`: each character of the name, and
/// each pair of neighbouring letters of the address.
///
/// Address pairs with a digit, a mark or a space are left out: a two-character number
/// says nothing (numbers are searched from three characters on, by the trigram index),
/// and most demo and real addresses end in a house number.
fn grams(name: &str, address: &str) -> BTreeMap<String, i64> {
    let mut best: BTreeMap<String, i64> = BTreeMap::new();
    let mut keep = |gram: String, rank: i64| {
        best.entry(gram)
            .and_modify(|r| *r = (*r).min(rank))
            .or_insert(rank);
    };
    let length = name.chars().count();
    for (start, c) in name.chars().enumerate() {
        let rank = match start {
            0 if length == 1 => WHOLE_NAME,
            0 => NAME_START,
            _ => ELSEWHERE,
        };
        keep(c.to_string(), rank);
    }
    let address: Vec<char> = address.chars().collect();
    for pair in address.windows(2) {
        if pair.iter().all(|c| c.is_alphabetic()) {
            keep(pair.iter().collect(), ELSEWHERE);
        }
    }
    best
}

/// What the index of one person is made of, as stored in their row.
struct Indexed {
    name: String,
    address: String,
    name_key: String,
    trashed: bool,
}

fn indexed(conn: &Read<'_>, id: PersonId) -> Result<Option<Indexed>> {
    Ok(conn
        .prepare_cached(
            "SELECT name, address, name_key, deleted_at IS NOT NULL FROM people WHERE id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok(Indexed {
                name: r.get(0)?,
                address: r.get(1)?,
                name_key: r.get(2)?,
                trashed: r.get(3)?,
            })
        })
        .optional()?)
}

/// Adds the person's grams, as their row now is, to the index.
///
/// Every write to a person's name, address or trash state runs [`unindex_person`] before
/// it and this after it, in the same transaction.
pub(super) fn index_person(conn: &Read<'_>, id: PersonId) -> Result<()> {
    let Some(row) = indexed(conn, id)? else {
        return Ok(());
    };
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO person_grams (gram, trashed, person_id, match_rank, name_key)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (gram, rank) in grams(&row.name, &row.address) {
        insert.execute(params![gram, row.trashed, id.0, rank, row.name_key])?;
    }
    Ok(())
}

/// Removes the person's grams, as their row now is, from the index: by their whole key,
/// so no index on `person_id` is needed (nor written on every insert).
pub(super) fn unindex_person(conn: &Read<'_>, id: PersonId) -> Result<()> {
    let Some(row) = indexed(conn, id)? else {
        return Ok(());
    };
    let mut delete = conn.prepare_cached(
        "DELETE FROM person_grams WHERE gram = ?1 AND trashed = ?2 AND person_id = ?3",
    )?;
    for gram in grams(&row.name, &row.address).into_keys() {
        delete.execute(params![gram, row.trashed, id.0])?;
    }
    Ok(())
}

/// Migration step: computes every person's sort key and builds the gram index afresh.
///
/// The grams are inserted in key order, which appends to the table instead of splitting
/// its pages all over.
pub(crate) fn build_search_index(tx: &Transaction<'_>) -> Result<()> {
    let people: Vec<(i64, String, String, bool)> = tx
        .prepare("SELECT id, name, address, deleted_at IS NOT NULL FROM people")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut rows = Vec::new();
    let mut set_key = tx.prepare("UPDATE people SET name_key = ?2 WHERE id = ?1")?;
    for (id, name, address, trashed) in &people {
        let key = sort_key(name);
        set_key.execute(params![id, key])?;
        for (gram, rank) in grams(name, address) {
            rows.push((gram, *trashed, *id, rank, key.clone()));
        }
    }
    rows.sort_unstable();
    tx.execute("DELETE FROM person_grams", [])?;
    let mut insert = tx.prepare(
        "INSERT INTO person_grams (gram, trashed, person_id, match_rank, name_key)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (gram, trashed, id, rank, key) in rows {
        insert.execute(params![gram, trashed, id, rank, key])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(name: &str, address: &str) -> Vec<(String, i64)> {
        grams(name, address).into_iter().collect()
    }

    #[test]
    fn a_name_gives_its_characters_ranked() {
        let g = |s: &str, r| (s.to_string(), r);
        assert_eq!(list("王建国", ""), [g("国", 2), g("建", 2), g("王", 1)]);
        assert_eq!(list("王", ""), [g("王", 0)]);
    }

    #[test]
    fn a_repeated_gram_keeps_its_best_rank() {
        assert_eq!(list("娇娇", ""), [("娇".to_string(), 1)]);
        let grams = grams("古墩", "古墩村东街5号");
        assert_eq!(grams.get("古"), Some(&1));
        assert_eq!(grams.get("古墩"), Some(&2), "from the address");
        assert_eq!(grams.get("东街"), Some(&2));
        assert_eq!(grams.get("5号"), None);
        assert_eq!(grams.get("东"), None, "no single characters of an address");
    }

    #[test]
    fn digits_are_not_names() {
        assert!(!could_be_name("1203"));
        assert!(!could_be_name("11010519491231002X"));
        assert!(could_be_name("王"));
        assert!(could_be_name("Tom"));
    }
}
