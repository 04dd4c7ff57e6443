//! Reading the change log and the access records for an administrator's audit: filtered by
//! user, area, table, person and period, a page at a time (newest first, each page below the
//! last one's oldest row, so the millionth row costs what the first does).

use jiff::civil::Date;
use rusqlite::types::Value;

use super::access_log::{Access, What};
use super::changes::Action;
use super::{Read, Result, StoreError};
use crate::domain::access::{Action as Permission, Area};

/// The tables of each area, as the change log names them; a table of none (the settings, the
/// accounts) is listed only when no area is chosen.
const AREAS: &[(&str, Area)] = &[
    ("regions", Area::Registry),
    ("hardship_categories", Area::Registry),
    ("people", Area::Registry),
    ("bank_accounts", Area::Registry),
    ("posts", Area::Placements),
    ("trainings", Area::Placements),
    ("placements", Area::Placements),
    ("attendance", Area::Placements),
    ("subsidy_months", Area::Placements),
    ("subsidy_adjustments", Area::Placements),
    ("minimum_wages", Area::Placements),
    ("notice_candidates", Area::Placements),
    ("calendar_days", Area::Placements),
    ("finding_acceptances", Area::Placements),
    ("insurance_rates", Area::Placements),
    ("retirement_rules", Area::Placements),
    ("accident_policies", Area::Placements),
    ("petition_categories", Area::Petitions),
    ("council_meetings", Area::Petitions),
    ("council_attendees", Area::Petitions),
    ("petitions", Area::Petitions),
];

/// The area a logged table belongs to, if any.
pub fn area_of_table(table: &str) -> Option<Area> {
    AREAS.iter().find(|(t, _)| *t == table).map(|(_, a)| *a)
}

/// The logged tables of `area`.
pub fn tables_of(area: Area) -> impl Iterator<Item = &'static str> {
    AREAS
        .iter()
        .filter(move |(_, a)| *a == area)
        .map(|(t, _)| *t)
}

/// Every table the audit can filter by, in the order of [`area_of_table`]'s list, then the
/// settings.
pub fn tables() -> impl Iterator<Item = &'static str> {
    AREAS.iter().map(|(t, _)| *t).chain(["settings"])
}

/// What the audit shows: every field empty or none means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AuditFilter {
    /// Who acted, exactly as the log names them.
    pub actor: String,
    /// The area of the changed table (of the data seen, for access records).
    pub area: Option<Area>,
    /// The changed table (changes only).
    pub table: Option<String>,
    /// Whom it concerns: a person's ID number or name, exactly.
    pub person: String,
    /// First day.
    pub from: Option<Date>,
    /// Last day.
    pub to: Option<Date>,
}

/// One page of rows, newest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// The rows.
    pub rows: Vec<T>,
    /// Whether older rows follow.
    pub more: bool,
}

/// One change, as the audit lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditChange {
    /// Order of the change.
    pub seq: i64,
    /// Local time, `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    /// Who made it.
    pub actor: String,
    /// The table changed.
    pub table_name: String,
    /// The row changed.
    pub row_id: i64,
    /// What happened.
    pub action: Action,
    /// The row's name (a person's, a place's …).
    pub subject: String,
    /// The fields whose value differs between before and after.
    pub changed: Vec<String>,
}

/// A change with its row before and after, for the detail view.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeDetail {
    /// The change.
    pub change: AuditChange,
    /// The row before, as JSON (none for an insert).
    pub before: Option<String>,
    /// The row after, as JSON (none for a delete).
    pub after: Option<String>,
}

/// One field of a change: its name and its value before and after (none where the row or
/// the field was not there).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDiff {
    /// The field.
    pub field: String,
    /// The value before.
    pub before: Option<serde_json::Value>,
    /// The value after.
    pub after: Option<serde_json::Value>,
}

impl FieldDiff {
    /// Whether the value changed.
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

/// The fields of a row before and after a change, in the row's order (fields only one side
/// has come after), each with both values.
pub fn diff(before: Option<&str>, after: Option<&str>) -> Vec<FieldDiff> {
    let parse = |s: Option<&str>| -> serde_json::Map<String, serde_json::Value> {
        match s.and_then(|s| serde_json::from_str(s).ok()) {
            Some(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        }
    };
    let (before, after) = (parse(before), parse(after));
    let mut fields: Vec<&String> = before.keys().collect();
    fields.extend(after.keys().filter(|k| !before.contains_key(*k)));
    fields
        .into_iter()
        .map(|field| FieldDiff {
            field: field.clone(),
            before: before.get(field).cloned(),
            after: after.get(field).cloned(),
        })
        .collect()
}

/// The SQL naming a change's subject, as the Settings tab's change log does.
const SUBJECT: &str = "coalesce(json_extract(coalesce(after, before), '$.short_name'),
         json_extract(coalesce(after, before), '$.name'),
         json_extract(coalesce(after, before), '$.name_zh'),
         json_extract(coalesce(after, before), '$.key'),
         json_extract(coalesce(after, before), '$.title'),
         json_extract(coalesce(after, before), '$.course'),
         json_extract(coalesce(after, before), '$.reason'),
         json_extract(coalesce(after, before), '$.month'),
         json_extract(coalesce(after, before), '$.effective_from'),
         json_extract(coalesce(after, before), '$.exit_date'), '')";

/// The people a filter's person text (parameter `p`) names, by ID number or name, exactly.
fn person_ids(p: &str) -> String {
    format!(
        "SELECT id FROM people WHERE id_number = {p} UNION SELECT id FROM people WHERE name = {p}"
    )
}

/// Refuses unless the reader keeps the accounts or administers an area: the audit shows
/// every change and every access, whoever made them.
pub fn require_auditor(r: Read<'_>) -> Result<()> {
    let s = r.session();
    if s.keeps_accounts()
        || Area::ALL
            .into_iter()
            .any(|a| s.may_somewhere(a, Permission::Administer))
    {
        Ok(())
    } else if s.grants.is_empty() && s.user.is_none() {
        Err(StoreError::NotSignedIn)
    } else {
        Err(StoreError::Forbidden {
            area: Area::Registry,
            action: Permission::Administer,
            elsewhere: false,
        })
    }
}

/// Builds a `WHERE` clause and its parameters.
struct Conditions {
    sql: Vec<String>,
    params: Vec<Value>,
}

impl Conditions {
    fn new() -> Conditions {
        Conditions {
            sql: Vec::new(),
            params: Vec::new(),
        }
    }

    /// Adds a parameter; returns its placeholder.
    fn param(&mut self, value: Value) -> String {
        self.params.push(value);
        format!("?{}", self.params.len())
    }

    fn push(&mut self, sql: &str, value: Value) {
        let p = self.param(value);
        self.sql.push(sql.replace('?', &p));
    }

    /// The common filters: user and period.
    fn common(&mut self, filter: &AuditFilter) {
        let actor = filter.actor.trim();
        if !actor.is_empty() {
            self.push("actor = ?", Value::Text(actor.to_string()));
        }
        if let Some(from) = filter.from {
            self.push("at >= ?", Value::Text(from.to_string()));
        }
        if let Some(to) = filter.to {
            // Up to the end of the day: every stamp of it sorts before the day after.
            let end = to
                .tomorrow()
                .map_or_else(|_| "9999".into(), |d| d.to_string());
            self.push("at < ?", Value::Text(end));
        }
    }

    fn before(&mut self, before_seq: Option<i64>) {
        if let Some(seq) = before_seq {
            self.push("seq < ?", Value::Integer(seq));
        }
    }

    fn clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.sql.join(" AND "))
        }
    }
}

fn change_conditions(filter: &AuditFilter, before_seq: Option<i64>) -> Conditions {
    let mut c = Conditions::new();
    c.common(filter);
    if let Some(table) = &filter.table {
        c.push("table_name = ?", Value::Text(table.clone()));
    }
    if let Some(area) = filter.area {
        let tables: Vec<String> = tables_of(area).map(|t| format!("'{t}'")).collect();
        c.sql.push(format!("table_name IN ({})", tables.join(", ")));
    }
    let person = filter.person.trim();
    if !person.is_empty() {
        // The person's own row, and every row that names them (placements, bank account,
        // candidacy …): each side of the OR has its index.
        // Each part of the union is read through its own index (the row's, and the
        // expression index on the person named), not by scanning the log in order.
        let ids = person_ids(&c.param(Value::Text(person.to_string())));
        c.sql.push(format!(
            "seq IN (SELECT seq FROM changes WHERE table_name = 'people' AND row_id IN ({ids})
                     UNION ALL
                     SELECT seq FROM changes WHERE json_valid(coalesce(after, before))
                        AND json_extract(coalesce(after, before), '$.person_id') IN ({ids}))"
        ));
    }
    c.before(before_seq);
    c
}

fn access_conditions(filter: &AuditFilter, before_seq: Option<i64>) -> Conditions {
    let mut c = Conditions::new();
    c.common(filter);
    if let Some(area) = filter.area {
        let kinds: Vec<String> = What::ALL
            .into_iter()
            .filter(|w| w.area() == area)
            .map(|w| format!("'{}'", w.as_str()))
            .collect();
        c.sql.push(format!("what IN ({})", kinds.join(", ")));
    }
    if filter.table.is_some() {
        // Access records belong to no table: a table chosen shows changes only.
        c.sql.push("0".into());
    }
    let person = filter.person.trim();
    if !person.is_empty() {
        let ids = person_ids(&c.param(Value::Text(person.to_string())));
        c.sql.push(format!("person_id IN ({ids})"));
    }
    c.before(before_seq);
    c
}

fn change_from_row(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(AuditChange, Option<String>, Option<String>)> {
    let before: Option<String> = r.get(7)?;
    let after: Option<String> = r.get(8)?;
    let changed = diff(before.as_deref(), after.as_deref())
        .into_iter()
        .filter(FieldDiff::changed)
        .map(|d| d.field)
        .collect();
    let change = AuditChange {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        table_name: r.get(3)?,
        row_id: r.get(4)?,
        action: r.get(5)?,
        subject: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
        changed,
    };
    Ok((change, before, after))
}

/// Up to `limit` changes matching `filter`, newest first, older than `before_seq` if given.
pub fn changes(
    r: Read<'_>,
    filter: &AuditFilter,
    before_seq: Option<i64>,
    limit: usize,
) -> Result<Page<AuditChange>> {
    require_auditor(r)?;
    let c = change_conditions(filter, before_seq);
    let sql = format!(
        "SELECT seq, at, actor, table_name, row_id, action, {SUBJECT}, before, after
         FROM changes {} ORDER BY seq DESC LIMIT {}",
        c.clause(),
        limit + 1
    );
    let mut stmt = r.prepare(&sql)?;
    let mut rows = stmt
        .query_map(rusqlite::params_from_iter(&c.params), |row| {
            change_from_row(row).map(|(change, _, _)| change)
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    Ok(Page { rows, more })
}

/// How many changes match `filter`.
pub fn count_changes(r: Read<'_>, filter: &AuditFilter) -> Result<u64> {
    require_auditor(r)?;
    let c = change_conditions(filter, None);
    let sql = format!("SELECT count(*) FROM changes {}", c.clause());
    Ok(
        r.query_row(&sql, rusqlite::params_from_iter(&c.params), |row| {
            row.get::<_, i64>(0)
        })? as u64,
    )
}

/// One change with its row before and after.
pub fn change(r: Read<'_>, seq: i64) -> Result<Option<ChangeDetail>> {
    require_auditor(r)?;
    let sql = format!(
        "SELECT seq, at, actor, table_name, row_id, action, {SUBJECT}, before, after
         FROM changes WHERE seq = ?1"
    );
    let mut stmt = r.prepare_cached(&sql)?;
    let mut rows = stmt.query_map([seq], change_from_row)?;
    Ok(rows
        .next()
        .transpose()?
        .map(|(change, before, after)| ChangeDetail {
            change,
            before,
            after,
        }))
}

/// Up to `limit` access records matching `filter`, newest first, older than `before_seq`
/// if given.
pub fn accesses(
    r: Read<'_>,
    filter: &AuditFilter,
    before_seq: Option<i64>,
    limit: usize,
) -> Result<Page<Access>> {
    require_auditor(r)?;
    let c = access_conditions(filter, before_seq);
    let sql = format!(
        "SELECT seq, at, actor, person_id, what, reason,
                (SELECT name FROM people WHERE people.id = access_log.person_id)
         FROM access_log {} ORDER BY seq DESC LIMIT {}",
        c.clause(),
        limit + 1
    );
    let mut stmt = r.prepare(&sql)?;
    let mut rows = stmt
        .query_map(rusqlite::params_from_iter(&c.params), Access::from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    Ok(Page { rows, more })
}

/// How many access records match `filter`.
pub fn count_accesses(r: Read<'_>, filter: &AuditFilter) -> Result<u64> {
    require_auditor(r)?;
    let c = access_conditions(filter, None);
    let sql = format!("SELECT count(*) FROM access_log {}", c.clause());
    Ok(
        r.query_row(&sql, rusqlite::params_from_iter(&c.params), |row| {
            row.get::<_, i64>(0)
        })? as u64,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_lists_every_field_once_and_marks_the_changed() {
        let d = diff(
            Some(r#"{"name":"张三","phone":"1","notes":""}"#),
            Some(r#"{"name":"张三","phone":"2","notes":"","address":"x"}"#),
        );
        let fields: Vec<(&str, bool)> = d.iter().map(|f| (f.field.as_str(), f.changed())).collect();
        assert_eq!(
            fields,
            [
                ("name", false),
                ("notes", false),
                ("phone", true),
                ("address", true)
            ]
        );
        assert!(diff(None, Some(r#"{"a":1}"#))[0].changed());
    }

    #[test]
    fn every_logged_table_but_the_settings_has_an_area() {
        for table in tables() {
            if table != "settings" {
                assert!(area_of_table(table).is_some(), "{table}");
                assert!(crate::store::records::label(table).is_some(), "{table}");
            }
        }
    }
}
