//! The petition log (民意直通车): council meetings, the matters raised, their steps and their
//! timelines. See `sql/0007_petitions.sql` for the tables and `domain::petition` for the
//! state machine this module asks before every step.
//!
//! A reader or writer limited to some streets is narrowed to them in SQL (`street_id` is
//! kept on the rows); a matter of another street is refused as if it were anyone's else.

mod categories;
mod exchange;
mod figures;
mod meetings;
mod steps;
mod timeline;

use jiff::civil::Date;
use rusqlite::{OptionalExtension, Row, params};

use super::values::{Day, date_col};
use super::{RecordKind, Result, StoreError};
use crate::domain::access::{Action as Access, Area, Reach};
use crate::domain::calendar::WorkCalendar;
use crate::domain::petition::{
    Channel, MatterCategoryId, MatterId, MeetingId, Outcome, Satisfaction, Status,
};
use crate::domain::{PersonId, RegionId};
use crate::store::Read;

pub use categories::{MatterCategory, NewMatterCategory, categories, save_category};
pub use exchange::{ExportRow, export_rows};
pub use figures::{Backlog, BacklogRow, FigureSet, figures};
pub use meetings::{
    Attendee, Meeting, MeetingRow, NewAttendee, NewMeeting, add_attendee, add_meeting, meeting,
    meetings, update_minutes,
};
pub(crate) use steps::take_step_on;
pub use steps::{NewMatter, Reporter, StepInput, raise, record_reporter_reveal, take_step};
pub use timeline::{TimelineEntry, timeline};

/// The tables the petition views read.
pub const TABLES: &[&str] = &[
    "petitions",
    "council_meetings",
    "council_attendees",
    "petition_categories",
    "calendar_days",
    "regions",
];

/// Which matters a list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MatterFilter {
    /// Received on or after.
    pub from: Option<Date>,
    /// Received on or before.
    pub to: Option<Date>,
    /// Text, place, owner or reporter's name holding this.
    pub text: String,
    /// In this state only.
    pub status: Option<Status>,
    /// Still open only.
    pub open_only: bool,
    /// Open and past the deadline (as of the day the list is read for).
    pub overdue: bool,
    /// Open and due by the end of this week.
    pub due_this_week: bool,
    /// Supervised only.
    pub supervised: bool,
    /// In this category.
    pub category: Option<MatterCategoryId>,
    /// At this place or below it (a street, a community).
    pub region: Option<RegionId>,
    /// Handed to this unit.
    pub owner_unit: Option<String>,
    /// Raised at this meeting.
    pub meeting: Option<MeetingId>,
    /// The matters behind one figure.
    pub focus: Option<Focus>,
}

/// The matters behind a figure: what a click on it lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Focus {
    /// Closed within the deadline.
    OnTime,
    /// Closed late, or open past the deadline.
    Late,
    /// Closed as fixed.
    Fixed,
    /// Closed, not fixed.
    NotFixed,
    /// Closed as someone else's.
    NotOurs,
    /// The last call-back was satisfied or basically satisfied.
    Satisfied,
    /// The last call-back was unsatisfied.
    Unsatisfied,
    /// Reopened at least once.
    Reopened,
    /// Returned at least once.
    Returned,
}

/// A matter as the list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct MatterRow {
    /// Row id.
    pub id: MatterId,
    /// Received on.
    pub received_on: Date,
    /// The deadline, if it could be counted.
    pub deadline: Option<Date>,
    /// Where it stands.
    pub status: Status,
    /// How it came in.
    pub channel: Channel,
    /// Its category.
    pub category_id: MatterCategoryId,
    /// The start of its text.
    pub text: String,
    /// The community (short name) and the building or unit.
    pub place: String,
    /// The unit responsible.
    pub owner_unit: String,
    /// The person responsible there.
    pub owner_person: String,
    /// Flagged by a supervisor.
    pub supervised: bool,
    /// An extension waits for a decision.
    pub extension_asked: bool,
    /// Reopened this often.
    pub reopen_count: i64,
    /// Returned this often.
    pub return_count: i64,
}

/// A matter in full.
#[derive(Clone, Debug, PartialEq)]
pub struct Matter {
    /// Row id.
    pub id: MatterId,
    /// The meeting it was raised at.
    pub meeting_id: Option<MeetingId>,
    /// How it came in.
    pub channel: Channel,
    /// Its category.
    pub category_id: MatterCategoryId,
    /// What the resident raised.
    pub text: String,
    /// The community (or village) it concerns.
    pub region_id: RegionId,
    /// The community's short name.
    pub region_name: String,
    /// The street it lies in.
    pub street_id: Option<RegionId>,
    /// Building, unit, spot.
    pub place_detail: String,
    /// WGS-84 longitude.
    pub lon: Option<f64>,
    /// WGS-84 latitude.
    pub lat: Option<f64>,
    /// The reporter.
    pub reporter: ReporterShown,
    /// The unit responsible.
    pub owner_unit: String,
    /// The person responsible there.
    pub owner_person: String,
    /// Given the longer "complex" deadline.
    pub complex: bool,
    /// Received on.
    pub received_on: Date,
    /// The deadline, if it could be counted.
    pub deadline: Option<Date>,
    /// Where it stands.
    pub status: Status,
    /// Flagged by a supervisor.
    pub supervised: bool,
    /// The matter this one repeats.
    pub duplicate_of: Option<MatterId>,
    /// Working days of an extension waiting for a decision.
    pub extension_days: Option<i64>,
    /// Extensions granted so far.
    pub extensions_granted: i64,
    /// The (last) reply.
    pub reply: String,
    /// The outcome given with it.
    pub outcome: Option<Outcome>,
    /// Who is responsible, for "not ours".
    pub responsible_elsewhere: String,
    /// Replied on.
    pub replied_on: Option<Date>,
    /// Closed on.
    pub closed_on: Option<Date>,
    /// The last call-back's answer.
    pub satisfaction: Option<Satisfaction>,
    /// Reopenings.
    pub reopen_count: i64,
    /// Returns.
    pub return_count: i64,
    /// Calendar days spent returned, in all.
    pub returned_days: i64,
    /// The reason given with the last step.
    pub last_note: String,
}

/// Who raised a matter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReporterShown {
    /// A person of the registry.
    pub person: Option<PersonId>,
    /// The name given (or the registry person's name).
    pub name: String,
    /// The phone given, in full: mask it before showing it.
    pub phone: String,
    /// The reporter asked to stay anonymous: the name is not shown.
    pub anonymous: bool,
}

/// The streets a reader of the petition log is narrowed to, as a JSON list for SQL (none:
/// the whole district).
pub(crate) fn narrowing(conn: &Read<'_>) -> Result<Option<String>> {
    Ok(match conn.reach(Area::Petitions, Access::Read)? {
        Reach::Streets(streets) => Some(serde_json::to_string(
            &streets.iter().map(|s| s.0).collect::<Vec<_>>(),
        )?),
        _ => None,
    })
}

/// The working-day calendar deadlines are counted on.
pub fn calendar(conn: &Read<'_>) -> Result<WorkCalendar> {
    Ok(WorkCalendar::new(
        super::bank::calendar_for(conn, Area::Petitions)?
            .into_iter()
            .map(|d| (d.day, d.kind)),
    ))
}

/// What the window says about the calendar above the list: years not entered, and entered
/// years whose rows are still "to check".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CalendarState {
    /// `this year` and `next year` that have no rows.
    pub missing: Vec<i16>,
    /// Years among them with rows not yet confirmed against the notice.
    pub to_check: Vec<i16>,
}

/// The state of the calendar for `today`'s year and the next.
pub fn calendar_state(conn: &Read<'_>, today: Date) -> Result<CalendarState> {
    let days = super::bank::calendar_for(conn, Area::Petitions)?;
    let mut state = CalendarState::default();
    for year in [today.year(), today.year() + 1] {
        let rows: Vec<_> = days.iter().filter(|d| d.day.year() == year).collect();
        if rows.is_empty() {
            state.missing.push(year);
        } else if rows.iter().any(|d| !d.verified) {
            state.to_check.push(year);
        }
    }
    Ok(state)
}

const LIST_COLUMNS: &str = "p.id, p.received_on, p.deadline, p.status, p.channel, p.category_id,
    substr(p.text, 1, 80), r.short_name, p.place_detail, p.owner_unit, p.owner_person,
    p.supervised, p.extension_days IS NOT NULL, p.reopen_count, p.return_count";

fn list_row(r: &Row<'_>) -> rusqlite::Result<MatterRow> {
    let community: String = r.get(7)?;
    let detail: String = r.get(8)?;
    Ok(MatterRow {
        id: MatterId(r.get(0)?),
        received_on: date_col(r, 1)?,
        deadline: r.get::<_, Option<Day>>(2)?.map(|d| d.0),
        status: r.get(3)?,
        channel: r.get(4)?,
        category_id: MatterCategoryId(r.get(5)?),
        text: r.get(6)?,
        place: if detail.is_empty() {
            community
        } else {
            format!("{community} {detail}")
        },
        owner_unit: r.get(9)?,
        owner_person: r.get(10)?,
        supervised: r.get(11)?,
        extension_asked: r.get(12)?,
        reopen_count: r.get(13)?,
        return_count: r.get(14)?,
    })
}

/// The SQL condition and values of `filter` as of `today`, on `petitions p`.
pub(crate) fn filter_sql(
    conn: &Read<'_>,
    filter: &MatterFilter,
    today: Date,
    values: &mut Vec<rusqlite::types::Value>,
) -> Result<String> {
    use rusqlite::types::Value as V;
    let mut sql = String::from("1");
    let mut add = |clause: &str, vals: Vec<V>, sql: &mut String| {
        sql.push_str(" AND ");
        sql.push_str(clause);
        values.extend(vals);
    };
    if let Some(streets) = narrowing(conn)? {
        add(
            "p.street_id IN (SELECT value FROM json_each(?))",
            vec![V::Text(streets)],
            &mut sql,
        );
    }
    if let Some(from) = filter.from {
        add(
            "p.received_on >= ?",
            vec![V::Text(from.to_string())],
            &mut sql,
        );
    }
    if let Some(to) = filter.to {
        add(
            "p.received_on <= ?",
            vec![V::Text(to.to_string())],
            &mut sql,
        );
    }
    let text = filter.text.trim();
    if !text.is_empty() {
        let t = V::Text(text.to_string());
        add(
            "(instr(p.text, ?) > 0 OR instr(p.place_detail, ?) > 0 OR instr(p.owner_unit, ?) > 0
              OR instr(p.owner_person, ?) > 0 OR (p.anonymous = 0 AND instr(p.reporter_name, ?) > 0)
              OR CAST(p.id AS TEXT) = ?)",
            vec![t.clone(), t.clone(), t.clone(), t.clone(), t.clone(), t],
            &mut sql,
        );
    }
    if let Some(status) = filter.status {
        add(
            "p.status = ?",
            vec![V::Text(status.as_str().into())],
            &mut sql,
        );
    }
    const OPEN: &str = "p.status NOT IN ('closed', 'duplicate')";
    if filter.open_only {
        add(OPEN, vec![], &mut sql);
    }
    if filter.overdue {
        add(
            &format!("{OPEN} AND p.deadline < ?"),
            vec![V::Text(today.to_string())],
            &mut sql,
        );
    }
    if filter.due_this_week {
        add(
            &format!("{OPEN} AND p.deadline >= ? AND p.deadline <= ?"),
            vec![
                V::Text(today.to_string()),
                V::Text(crate::domain::petition::end_of_week(today).to_string()),
            ],
            &mut sql,
        );
    }
    if filter.supervised {
        add("p.supervised = 1", vec![], &mut sql);
    }
    if let Some(c) = filter.category {
        add("p.category_id = ?", vec![V::Integer(c.0)], &mut sql);
    }
    if let Some(region) = filter.region {
        add(
            "(p.region_id = ? OR p.street_id = ? OR p.region_id IN (WITH RECURSIVE below(id) AS (
                 SELECT ? UNION ALL SELECT c.id FROM regions c JOIN below ON c.parent_id = below.id)
               SELECT id FROM below))",
            vec![
                V::Integer(region.0),
                V::Integer(region.0),
                V::Integer(region.0),
            ],
            &mut sql,
        );
    }
    if let Some(unit) = &filter.owner_unit {
        add("p.owner_unit = ?", vec![V::Text(unit.clone())], &mut sql);
    }
    if let Some(m) = filter.meeting {
        add("p.meeting_id = ?", vec![V::Integer(m.0)], &mut sql);
    }
    if let Some(focus) = filter.focus {
        let today = V::Text(today.to_string());
        let (clause, vals) = match focus {
            Focus::OnTime => ("p.status = 'closed' AND p.closed_on <= p.deadline", vec![]),
            Focus::Late => (
                "((p.status = 'closed' AND p.closed_on > p.deadline)
                  OR (p.status NOT IN ('closed', 'duplicate') AND p.deadline < ?))",
                vec![today],
            ),
            Focus::Fixed => ("p.status = 'closed' AND p.outcome = 'fixed'", vec![]),
            Focus::NotFixed => ("p.status = 'closed' AND p.outcome = 'not_fixed'", vec![]),
            Focus::NotOurs => ("p.status = 'closed' AND p.outcome = 'not_ours'", vec![]),
            Focus::Satisfied => (
                "p.status <> 'duplicate' AND p.satisfaction IN ('satisfied', 'basic')",
                vec![],
            ),
            Focus::Unsatisfied => (
                "p.status <> 'duplicate' AND p.satisfaction = 'unsatisfied'",
                vec![],
            ),
            Focus::Reopened => ("p.reopen_count > 0", vec![]),
            Focus::Returned => ("p.return_count > 0", vec![]),
        };
        add(clause, vals, &mut sql);
    }
    Ok(sql)
}

/// The order of a list: open matters by deadline (the most urgent first, those without a
/// deadline before all), then the closed ones, newest first.
const LIST_ORDER: &str = "p.status IN ('closed', 'duplicate'),
    CASE WHEN p.status IN ('closed', 'duplicate') THEN NULL ELSE coalesce(p.deadline, '0000') END,
    p.received_on DESC, p.id DESC";

/// The matters matching `filter` as of `today`, in the list's order (see [`list_ids`]),
/// with their rows. A reader limited to some streets sees theirs only.
pub fn list(conn: &Read<'_>, filter: &MatterFilter, today: Date) -> Result<Vec<MatterRow>> {
    let mut values = Vec::new();
    let condition = filter_sql(conn, filter, today, &mut values)?;
    let sql = format!(
        "SELECT {LIST_COLUMNS} FROM petitions p JOIN regions r ON r.id = p.region_id
         WHERE {condition} ORDER BY {LIST_ORDER}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), list_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The ids of the matters matching `filter` as of `today`, the most urgent first (open
/// ones by deadline, then the closed ones, newest first): all a long list holds, its rows
/// read a screenful at a time with [`rows`]. Narrowed to the reader's streets.
pub fn list_ids(conn: &Read<'_>, filter: &MatterFilter, today: Date) -> Result<Vec<MatterId>> {
    let mut values = Vec::new();
    let condition = filter_sql(conn, filter, today, &mut values)?;
    let sql = format!("SELECT p.id FROM petitions p WHERE {condition} ORDER BY {LIST_ORDER}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt.query_map(rusqlite::params_from_iter(values), |r| {
        r.get(0).map(MatterId)
    })?;
    Ok(ids.collect::<Result<_, _>>()?)
}

/// The list rows of `ids`, in that order; a matter of a street the reader may not read, or
/// gone, is left out.
pub fn rows(conn: &Read<'_>, ids: &[MatterId]) -> Result<Vec<MatterRow>> {
    let within = narrowing(conn)?;
    let list = serde_json::to_string(&ids.iter().map(|i| i.0).collect::<Vec<_>>())?;
    let sql = format!(
        "SELECT {LIST_COLUMNS} FROM petitions p JOIN regions r ON r.id = p.region_id
         WHERE p.id IN (SELECT value FROM json_each(?1))
           AND (?2 IS NULL OR p.street_id IN (SELECT value FROM json_each(?2)))"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut found: std::collections::HashMap<MatterId, MatterRow> = stmt
        .query_map(params![list, within], list_row)?
        .map(|r| r.map(|row| (row.id, row)))
        .collect::<Result<_, _>>()?;
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// One matter in full; refused for a matter of a street the reader may not read.
pub fn get(conn: &Read<'_>, id: MatterId) -> Result<Matter> {
    conn.reach(Area::Petitions, Access::Read)?;
    let matter = conn
        .prepare_cached(
            "SELECT p.id, p.meeting_id, p.channel, p.category_id, p.text, p.region_id,
                    r.short_name, p.street_id, p.place_detail, p.lon, p.lat,
                    p.reporter_person_id, coalesce(pe.name, p.reporter_name),
                    coalesce(nullif(p.reporter_phone, ''), pe.phone, ''), p.anonymous,
                    p.owner_unit, p.owner_person, p.complex, p.received_on, p.deadline,
                    p.status, p.supervised, p.duplicate_of, p.extension_days,
                    p.extensions_granted, p.reply, p.outcome, p.responsible_elsewhere,
                    p.replied_on, p.closed_on, p.satisfaction, p.reopen_count,
                    p.return_count, p.returned_days, p.last_note
             FROM petitions p JOIN regions r ON r.id = p.region_id
             LEFT JOIN people pe ON pe.id = p.reporter_person_id
             WHERE p.id = ?1",
        )?
        .query_row([id.0], matter_row)
        .optional()?
        .ok_or(StoreError::NotFound(RecordKind::Matter))?;
    conn.require(Area::Petitions, Access::Read, matter.street_id)?;
    Ok(matter)
}

fn opt_date(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<Date>> {
    Ok(r.get::<_, Option<Day>>(i)?.map(|d| d.0))
}

fn matter_row(r: &Row<'_>) -> rusqlite::Result<Matter> {
    Ok(Matter {
        id: MatterId(r.get(0)?),
        meeting_id: r.get::<_, Option<i64>>(1)?.map(MeetingId),
        channel: r.get(2)?,
        category_id: MatterCategoryId(r.get(3)?),
        text: r.get(4)?,
        region_id: RegionId(r.get(5)?),
        region_name: r.get(6)?,
        street_id: r.get::<_, Option<i64>>(7)?.map(RegionId),
        place_detail: r.get(8)?,
        lon: r.get(9)?,
        lat: r.get(10)?,
        reporter: ReporterShown {
            person: r.get::<_, Option<i64>>(11)?.map(PersonId),
            name: r.get(12)?,
            phone: r.get(13)?,
            anonymous: r.get(14)?,
        },
        owner_unit: r.get(15)?,
        owner_person: r.get(16)?,
        complex: r.get(17)?,
        received_on: date_col(r, 18)?,
        deadline: opt_date(r, 19)?,
        status: r.get(20)?,
        supervised: r.get(21)?,
        duplicate_of: r.get::<_, Option<i64>>(22)?.map(MatterId),
        extension_days: r.get(23)?,
        extensions_granted: r.get(24)?,
        reply: r.get(25)?,
        outcome: r.get(26)?,
        responsible_elsewhere: r.get(27)?,
        replied_on: opt_date(r, 28)?,
        closed_on: opt_date(r, 29)?,
        satisfaction: r.get(30)?,
        reopen_count: r.get(31)?,
        return_count: r.get(32)?,
        returned_days: r.get(33)?,
        last_note: r.get(34)?,
    })
}

/// The owner units in use, for the filter and the intake's suggestions.
pub fn owner_units(conn: &Read<'_>) -> Result<Vec<String>> {
    conn.reach(Area::Petitions, Access::Read)?;
    let mut stmt = conn.prepare_cached(
        "SELECT owner_unit FROM petition_categories
         UNION SELECT DISTINCT owner_unit FROM petitions ORDER BY 1",
    )?;
    let rows = stmt.query_map(params![], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A matter's street, checked against what the writer or reader may do there.
pub(crate) fn street_of_matter(
    conn: &rusqlite::Connection,
    id: MatterId,
) -> Result<Option<RegionId>> {
    conn.prepare_cached("SELECT street_id FROM petitions WHERE id = ?1")?
        .query_row([id.0], |r| r.get::<_, Option<i64>>(0))
        .optional()?
        .map(|s| s.map(RegionId))
        .ok_or(StoreError::NotFound(RecordKind::Matter))
}
