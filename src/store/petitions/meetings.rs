//! Residents' council meetings (居民议事会) and who sat at them.

use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};

use super::super::records::{CouncilAttendeeRecord, CouncilMeetingRecord};
use super::super::values::{Day, date_col};
use super::super::{RecordKind, Result, StoreError, Writer, changes::Action};
use super::narrowing;
use crate::domain::RegionId;
use crate::domain::access::{Action as Access, Area};
use crate::domain::petition::{AttendeeRole, MeetingId, PetitionRule};
use crate::store::Read;

/// Someone at a meeting, to add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAttendee {
    /// Name.
    pub name: String,
    /// Seat.
    pub role: AttendeeRole,
    /// Unit or building they speak for.
    pub note: String,
}

/// A meeting to hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMeeting {
    /// The community (from the region tree).
    pub region_id: RegionId,
    /// The day.
    pub held_on: Date,
    /// Where (党群服务中心会议室 …).
    pub place: String,
    /// Who chairs.
    pub chair: String,
    /// The minutes.
    pub minutes: String,
    /// Who sat there.
    pub attendees: Vec<NewAttendee>,
}

/// Someone who sat at a meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attendee {
    /// Name.
    pub name: String,
    /// Seat.
    pub role: AttendeeRole,
    /// Unit or building.
    pub note: String,
}

/// A meeting as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingRow {
    /// Row id.
    pub id: MeetingId,
    /// The day.
    pub held_on: Date,
    /// The community's short name.
    pub community: String,
    /// Where.
    pub place: String,
    /// Matters raised there.
    pub matters: i64,
    /// Of them still open.
    pub open: i64,
}

/// A meeting in full.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    /// Row id.
    pub id: MeetingId,
    /// The community.
    pub region_id: RegionId,
    /// Its short name.
    pub community: String,
    /// Its street.
    pub street_id: Option<RegionId>,
    /// The day.
    pub held_on: Date,
    /// Where.
    pub place: String,
    /// Who chaired.
    pub chair: String,
    /// The minutes.
    pub minutes: String,
    /// Who sat there, in order.
    pub attendees: Vec<Attendee>,
}

/// Holds a meeting with its attendees; refused unless the writer may on its street.
pub fn add_meeting(w: &Writer<'_>, m: &NewMeeting) -> Result<MeetingId> {
    w.require_at(Area::Petitions, Access::Write, m.region_id)?;
    if m.place.trim().is_empty() || m.chair.trim().is_empty() {
        return Err(PetitionRule::MeetingIncomplete.into());
    }
    if m.attendees.iter().any(|a| a.name.trim().is_empty()) {
        return Err(PetitionRule::AttendeeNameRequired.into());
    }
    let street = super::super::regions::street_of(w.tx(), m.region_id)?;
    let stamp = w.stamp();
    w.tx().execute(
        "INSERT INTO council_meetings (region_id, street_id, held_on, place, chair, minutes,
             created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            m.region_id.0,
            street.map(|s| s.0),
            Day(m.held_on),
            m.place.trim(),
            m.chair.trim(),
            m.minutes.trim(),
            stamp
        ],
    )?;
    let id = MeetingId(w.tx().last_insert_rowid());
    w.log::<CouncilMeetingRecord>(id.0, Action::Insert, None)?;
    for a in &m.attendees {
        insert_attendee(w, id, a)?;
    }
    Ok(id)
}

/// Adds someone to a meeting's attendees.
pub fn add_attendee(w: &Writer<'_>, meeting: MeetingId, a: &NewAttendee) -> Result<()> {
    let street = street_of_meeting(w.tx(), meeting)?;
    w.require(Area::Petitions, Access::Write, street)?;
    if a.name.trim().is_empty() {
        return Err(PetitionRule::AttendeeNameRequired.into());
    }
    insert_attendee(w, meeting, a)
}

fn insert_attendee(w: &Writer<'_>, meeting: MeetingId, a: &NewAttendee) -> Result<()> {
    w.tx().execute(
        "INSERT INTO council_attendees (meeting_id, name, role, note, sort_order)
         VALUES (?1, ?2, ?3, ?4,
             (SELECT coalesce(max(sort_order), 0) + 1 FROM council_attendees WHERE meeting_id = ?1))",
        params![meeting.0, a.name.trim(), a.role, a.note.trim()],
    )?;
    let id = w.tx().last_insert_rowid();
    w.log::<CouncilAttendeeRecord>(id, Action::Insert, None)
}

/// Changes a meeting's minutes.
pub fn update_minutes(w: &Writer<'_>, meeting: MeetingId, minutes: &str) -> Result<()> {
    let street = street_of_meeting(w.tx(), meeting)?;
    w.require(Area::Petitions, Access::Write, street)?;
    let before = w.existing::<CouncilMeetingRecord>(meeting.0, RecordKind::Meeting)?;
    if before.minutes == minutes.trim() {
        return Ok(());
    }
    w.tx().execute(
        "UPDATE council_meetings SET minutes = ?2, updated_at = ?3 WHERE id = ?1",
        params![meeting.0, minutes.trim(), w.stamp()],
    )?;
    w.log(meeting.0, Action::Update, Some(before))
}

fn street_of_meeting(conn: &rusqlite::Connection, id: MeetingId) -> Result<Option<RegionId>> {
    conn.query_row(
        "SELECT street_id FROM council_meetings WHERE id = ?1",
        [id.0],
        |r| r.get::<_, Option<i64>>(0),
    )
    .optional()?
    .map(|s| s.map(RegionId))
    .ok_or(StoreError::NotFound(RecordKind::Meeting))
}

/// The meetings held between `from` and `to` (both optional), newest first, narrowed to
/// the reader's streets.
pub fn meetings(conn: &Read<'_>, from: Option<Date>, to: Option<Date>) -> Result<Vec<MeetingRow>> {
    let within = narrowing(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.held_on, r.short_name, m.place,
                (SELECT count(*) FROM petitions p WHERE p.meeting_id = m.id),
                (SELECT count(*) FROM petitions p WHERE p.meeting_id = m.id
                     AND p.status NOT IN ('closed', 'duplicate'))
         FROM council_meetings m JOIN regions r ON r.id = m.region_id
         WHERE (?1 IS NULL OR m.street_id IN (SELECT value FROM json_each(?1)))
           AND (?2 IS NULL OR m.held_on >= ?2) AND (?3 IS NULL OR m.held_on <= ?3)
         ORDER BY m.held_on DESC, m.id DESC",
    )?;
    let rows = stmt.query_map(params![within, from.map(Day), to.map(Day)], |r| {
        Ok(MeetingRow {
            id: MeetingId(r.get(0)?),
            held_on: date_col(r, 1)?,
            community: r.get(2)?,
            place: r.get(3)?,
            matters: r.get(4)?,
            open: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One meeting with its attendees; refused for a meeting of a street the reader may not read.
pub fn meeting(conn: &Read<'_>, id: MeetingId) -> Result<Meeting> {
    conn.reach(Area::Petitions, Access::Read)?;
    let mut m = conn
        .prepare_cached(
            "SELECT m.id, m.region_id, r.short_name, m.street_id, m.held_on, m.place, m.chair,
                    m.minutes
             FROM council_meetings m JOIN regions r ON r.id = m.region_id WHERE m.id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok(Meeting {
                id: MeetingId(r.get(0)?),
                region_id: RegionId(r.get(1)?),
                community: r.get(2)?,
                street_id: r.get::<_, Option<i64>>(3)?.map(RegionId),
                held_on: date_col(r, 4)?,
                place: r.get(5)?,
                chair: r.get(6)?,
                minutes: r.get(7)?,
                attendees: Vec::new(),
            })
        })
        .optional()?
        .ok_or(StoreError::NotFound(RecordKind::Meeting))?;
    conn.require(Area::Petitions, Access::Read, m.street_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT name, role, note FROM council_attendees WHERE meeting_id = ?1
         ORDER BY sort_order, id",
    )?;
    m.attendees = stmt
        .query_map([id.0], |r| {
            Ok(Attendee {
                name: r.get(0)?,
                role: r.get(1)?,
                note: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(m)
}
