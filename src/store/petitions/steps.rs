//! Raising a matter and taking its steps. Each is one logged change of the matter's row
//! whose `last_step` and `last_note` say what happened and why; the domain's state machine
//! is asked first, and the writer's grant on the matter's street.

use jiff::civil::Date;
use rusqlite::params;

use super::super::records::PetitionRecord;
use super::super::values::Day;
use super::super::{RecordKind, Result, StoreError, Writer, changes::Action};
use crate::domain::access::{Action as Access, Area};
use crate::domain::calendar::{CalendarError, WorkCalendar};
use crate::domain::petition::{
    self as rule, Channel, MatterCategoryId, MatterId, MatterState, MeetingId, Outcome,
    PetitionRule, Satisfaction, Status, Step,
};
use crate::domain::phone::Phone;
use crate::domain::region::valid_coordinate;
use crate::domain::{PersonId, RegionId};

/// Who raised a matter, as the intake takes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Reporter {
    /// Nobody named (a grid worker's report, a matter raised by the meeting itself).
    #[default]
    Nobody,
    /// A person of the registry.
    Person(PersonId),
    /// A name and phone given at the time.
    Given {
        /// The name.
        name: String,
        /// The phone, any common layout.
        phone: String,
    },
}

/// A matter to raise.
#[derive(Clone, Debug, PartialEq)]
pub struct NewMatter {
    /// The meeting it is raised at, if any.
    pub meeting_id: Option<MeetingId>,
    /// How it came in.
    pub channel: Channel,
    /// Its category: the default owner and deadline come from there.
    pub category_id: MatterCategoryId,
    /// What the resident raised.
    pub text: String,
    /// The community or village.
    pub region_id: RegionId,
    /// Building, unit, spot.
    pub place_detail: String,
    /// WGS-84 longitude and latitude, when known.
    pub point: Option<(f64, f64)>,
    /// Who raised it.
    pub reporter: Reporter,
    /// The reporter asked to stay anonymous: the name is kept for the call-back, never shown.
    pub anonymous: bool,
    /// The unit responsible (empty: the category's default).
    pub owner_unit: String,
    /// The person responsible there.
    pub owner_person: String,
    /// Complex: the category's longer deadline.
    pub complex: bool,
    /// Received on.
    pub received_on: Date,
}

/// A step to take on a matter, with what it needs.
#[derive(Clone, Debug, PartialEq)]
pub enum StepInput {
    /// The owner signs for it.
    SignFor,
    /// The owner sends it back.
    Return {
        /// Why.
        reason: String,
    },
    /// The dispatcher hands a returned matter on.
    Reassign {
        /// The unit.
        owner_unit: String,
        /// The person there.
        owner_person: String,
    },
    /// Work starts.
    Start,
    /// The owner replies.
    Reply {
        /// The reply to the resident.
        text: String,
        /// What came of it.
        outcome: Outcome,
        /// Who is responsible, for "not ours".
        responsible: String,
    },
    /// Closed on its reply.
    Close,
    /// The resident called back.
    CallBack {
        /// What they said.
        said: Satisfaction,
        /// A note.
        note: String,
    },
    /// An extension asked.
    AskExtension {
        /// Working days more.
        days: u32,
        /// Why.
        reason: String,
    },
    /// The extension asked, decided.
    DecideExtension {
        /// Approved (the deadline moves) or refused.
        approve: bool,
        /// A note.
        note: String,
    },
    /// The supervision flag set or lifted.
    Supervise {
        /// Set or lift.
        on: bool,
        /// A note (the supervisor's instruction).
        note: String,
    },
    /// Linked to the matter it repeats.
    MarkDuplicate {
        /// That matter.
        of: MatterId,
    },
}

impl StepInput {
    /// The step the machine is asked about.
    pub fn step(&self) -> Step {
        match self {
            StepInput::SignFor => Step::SignFor,
            StepInput::Return { .. } => Step::Return,
            StepInput::Reassign { .. } => Step::Reassign,
            StepInput::Start => Step::Start,
            StepInput::Reply { .. } => Step::Reply,
            StepInput::Close => Step::Close,
            StepInput::CallBack { .. } => Step::CallBack,
            StepInput::AskExtension { .. } => Step::AskExtension,
            StepInput::DecideExtension { approve: true, .. } => Step::ApproveExtension,
            StepInput::DecideExtension { approve: false, .. } => Step::RefuseExtension,
            StepInput::Supervise { on: true, .. } => Step::Supervise,
            StepInput::Supervise { on: false, .. } => Step::Unsupervise,
            StepInput::MarkDuplicate { .. } => Step::MarkDuplicate,
        }
    }

    /// The permission the step needs: deciding an extension and supervising are a
    /// supervisor's (an approver's); the rest a clerk's.
    pub fn needs(&self) -> Access {
        match self {
            StepInput::DecideExtension { .. } | StepInput::Supervise { .. } => Access::Approve,
            _ => Access::Write,
        }
    }
}

/// Today by the writer's clock.
fn today(w: &Writer<'_>) -> Result<Date> {
    let stamp = w.stamp();
    stamp
        .get(..10)
        .and_then(|d| d.parse().ok())
        .ok_or(StoreError::UnknownValue {
            column: "clock".into(),
            value: stamp,
        })
}

fn work_calendar(w: &Writer<'_>) -> Result<WorkCalendar> {
    Ok(WorkCalendar::new(
        super::super::bank::listed_days(w.tx())?
            .into_iter()
            .map(|d| (d.day, d.kind)),
    ))
}

/// The category's owner unit and its deadline days (plain, complex).
fn category(w: &Writer<'_>, id: MatterCategoryId) -> Result<(String, u32, u32)> {
    use rusqlite::OptionalExtension;
    w.tx()
        .query_row(
            "SELECT owner_unit, deadline_days, complex_days FROM petition_categories WHERE id = ?1",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound(RecordKind::MatterCategory))
}

/// Raises a matter, handed to its owner at once (已受理), with its deadline counted in
/// working days; returns it and, when the calendar lacks a year the count needs, that year
/// (the matter is kept without a deadline, and the window says why).
pub fn raise(w: &Writer<'_>, m: &NewMatter) -> Result<(MatterId, Option<i16>)> {
    w.require_at(Area::Petitions, Access::Write, m.region_id)?;
    let text = m.text.trim();
    if text.is_empty() {
        return Err(PetitionRule::TextRequired.into());
    }
    if let Some((lon, lat)) = m.point
        && !valid_coordinate(lon, lat)
    {
        return Err(PetitionRule::BadCoordinate.into());
    }
    let (person, name, phone) = match &m.reporter {
        Reporter::Nobody => (None, String::new(), String::new()),
        Reporter::Person(p) => {
            // Linking a person of the registry is reading them: refused to whom may not.
            super::super::people::get(&w.read(), *p)?;
            (Some(p.0), String::new(), String::new())
        }
        Reporter::Given { name, phone } => {
            let phone = match phone.trim() {
                "" => String::new(),
                typed => Phone::parse(typed)
                    .map_err(|_| PetitionRule::ReporterPhone)?
                    .as_str()
                    .to_string(),
            };
            (None, name.trim().to_string(), phone)
        }
    };
    let (default_owner, plain, complex) = category(w, m.category_id)?;
    let owner = match m.owner_unit.trim() {
        "" => default_owner,
        typed => typed.to_string(),
    };
    let days = if m.complex { complex } else { plain };
    let (deadline, missing) = match rule::deadline(&work_calendar(w)?, m.received_on, days) {
        Ok(d) => (Some(Day(d)), None),
        Err(CalendarError::YearMissing(y)) => (None, Some(y)),
    };
    let street = super::super::regions::street_of(w.tx(), m.region_id)?;
    let stamp = w.stamp();
    w.tx().execute(
        "INSERT INTO petitions (meeting_id, channel, category_id, text, region_id, street_id,
             place_detail, lon, lat, reporter_person_id, reporter_name, reporter_phone,
             anonymous, owner_unit, owner_person, complex, received_on, deadline, status,
             last_step, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, 'received', 'receive', ?19, ?19)",
        params![
            m.meeting_id.map(|x| x.0),
            m.channel,
            m.category_id.0,
            text,
            m.region_id.0,
            street.map(|s| s.0),
            m.place_detail.trim(),
            m.point.map(|p| p.0),
            m.point.map(|p| p.1),
            person,
            name,
            phone,
            m.anonymous,
            owner,
            m.owner_person.trim(),
            m.complex,
            Day(m.received_on),
            deadline,
            stamp,
        ],
    )?;
    let id = w.tx().last_insert_rowid();
    w.log::<PetitionRecord>(id, Action::Insert, None)?;
    Ok((MatterId(id), missing))
}

/// Takes `input` on matter `id`: refused unless the writer may on the matter's street and
/// the state machine allows it from where the matter stands; logged with the row before.
pub fn take_step(w: &Writer<'_>, id: MatterId, input: &StepInput) -> Result<()> {
    take_step_on(w, id, input, today(w)?)
}

/// As [`take_step`], dated `today` (the demonstration data writes a year of history at once).
pub(crate) fn take_step_on(
    w: &Writer<'_>,
    id: MatterId,
    input: &StepInput,
    today: Date,
) -> Result<()> {
    let before = w.existing::<PetitionRecord>(id.0, RecordKind::Matter)?;
    w.require(
        Area::Petitions,
        input.needs(),
        before.street_id.map(RegionId),
    )?;
    let status = Status::parse(&before.status).ok_or_else(|| StoreError::UnknownValue {
        column: "petitions.status".into(),
        value: before.status.clone(),
    })?;
    let state = MatterState {
        status,
        extension_asked: before.extension_days.is_some(),
        supervised: before.supervised != 0,
    };
    let mut after = before.clone();
    let step = input.step();
    let to = match input {
        StepInput::CallBack { said, .. } => rule::call_back(state, *said)?,
        _ => rule::next(state, step)?,
    };
    after.status = to.as_str().to_string();
    after.last_step = step.as_str().to_string();
    after.last_note = String::new();
    apply(w, input, &mut after, today)?;
    after.updated_at = w.stamp();
    write_row(w, &after)?;
    w.log(id.0, Action::Update, Some(before))
}

/// What `input` changes besides the status.
fn apply(w: &Writer<'_>, input: &StepInput, m: &mut PetitionRecord, today: Date) -> Result<()> {
    let day = today.to_string();
    match input {
        StepInput::SignFor | StepInput::Start => {}
        StepInput::Return { reason } => {
            m.last_note = rule::check_reason(reason)?.to_string();
            m.return_count += 1;
            m.returned_on = Some(day);
        }
        StepInput::Reassign {
            owner_unit,
            owner_person,
        } => {
            let unit = owner_unit.trim();
            if unit.is_empty() {
                return Err(PetitionRule::OwnerRequired.into());
            }
            m.owner_unit = unit.to_string();
            m.owner_person = owner_person.trim().to_string();
            // The days spent going back and forth are added up, never reset.
            if let Some(returned) = m
                .returned_on
                .as_deref()
                .and_then(|d| d.parse::<Date>().ok())
            {
                m.returned_days += (today - returned).get_days().max(0) as i64;
            }
        }
        StepInput::Reply {
            text,
            outcome,
            responsible,
        } => {
            rule::check_reply(text, *outcome, responsible)?;
            m.reply = text.trim().to_string();
            m.outcome = Some(outcome.as_str().to_string());
            m.responsible_elsewhere = if *outcome == Outcome::NotOurs {
                responsible.trim().to_string()
            } else {
                String::new()
            };
            m.replied_on = Some(day);
        }
        StepInput::Close => {
            let outcome = m.outcome.as_deref().and_then(Outcome::parse);
            let Some(outcome) = outcome else {
                return Err(PetitionRule::ReplyRequired.into());
            };
            rule::check_reply(&m.reply, outcome, &m.responsible_elsewhere)?;
            m.closed_on = Some(day);
        }
        StepInput::CallBack { said, note } => {
            m.satisfaction = Some(said.as_str().to_string());
            m.last_note = note.trim().to_string();
            if *said == Satisfaction::Unsatisfied {
                reopen(w, m, today)?;
            }
        }
        StepInput::AskExtension { days, reason } => {
            if !(1..=60).contains(days) {
                return Err(PetitionRule::ExtensionDays.into());
            }
            m.last_note = rule::check_reason(reason)?.to_string();
            m.extension_days = Some(i64::from(*days));
        }
        StepInput::DecideExtension { approve, note } => {
            m.last_note = note.trim().to_string();
            let days = m.extension_days.take().unwrap_or(0);
            if *approve {
                m.extensions_granted += 1;
                let from = m
                    .deadline
                    .as_deref()
                    .and_then(|d| d.parse().ok())
                    .unwrap_or(today);
                let moved = rule::deadline(&work_calendar(w)?, from, days as u32)
                    .map_err(|CalendarError::YearMissing(y)| StoreError::CalendarMissing(y))?;
                m.deadline = Some(moved.to_string());
            }
        }
        StepInput::Supervise { on, note } => {
            m.supervised = i64::from(*on);
            m.last_note = note.trim().to_string();
        }
        StepInput::MarkDuplicate { of } => {
            let target = w.existing::<PetitionRecord>(of.0, RecordKind::Matter)?;
            if target.id == m.id || target.status == Status::Duplicate.as_str() {
                return Err(PetitionRule::DuplicateTarget.into());
            }
            m.duplicate_of = Some(of.0);
            m.last_note = format!("#{}", of.0);
        }
    }
    Ok(())
}

/// An unsatisfied call-back: the matter goes back to work with a fresh deadline from today
/// (the category's days), counted as reopened; its reply stays in the log.
fn reopen(w: &Writer<'_>, m: &mut PetitionRecord, today: Date) -> Result<()> {
    m.reopen_count += 1;
    m.closed_on = None;
    m.outcome = None;
    m.replied_on = None;
    m.responsible_elsewhere = String::new();
    let (_, plain, complex) = category(w, MatterCategoryId(m.category_id))?;
    let days = if m.complex != 0 { complex } else { plain };
    m.deadline = rule::deadline(&work_calendar(w)?, today, days)
        .ok()
        .map(|d| d.to_string());
    Ok(())
}

/// Writes the changeable columns of `m` back.
fn write_row(w: &Writer<'_>, m: &PetitionRecord) -> Result<()> {
    w.tx().execute(
        "UPDATE petitions SET status = ?2, owner_unit = ?3, owner_person = ?4, deadline = ?5,
             supervised = ?6, duplicate_of = ?7, extension_days = ?8, extensions_granted = ?9,
             reply = ?10, outcome = ?11, responsible_elsewhere = ?12, replied_on = ?13,
             closed_on = ?14, satisfaction = ?15, reopen_count = ?16, return_count = ?17,
             returned_on = ?18, returned_days = ?19, last_step = ?20, last_note = ?21,
             updated_at = ?22
         WHERE id = ?1",
        params![
            m.id,
            m.status,
            m.owner_unit,
            m.owner_person,
            m.deadline,
            m.supervised,
            m.duplicate_of,
            m.extension_days,
            m.extensions_granted,
            m.reply,
            m.outcome,
            m.responsible_elsewhere,
            m.replied_on,
            m.closed_on,
            m.satisfaction,
            m.reopen_count,
            m.return_count,
            m.returned_on,
            m.returned_days,
            m.last_step,
            m.last_note,
            m.updated_at,
        ],
    )?;
    Ok(())
}

/// Records that the writer is shown the phone of matter `id`'s reporter in full (an access
/// record naming the matter); refused unless the writer may reveal personal data of the
/// petition log on the matter's street.
pub fn record_reporter_reveal(w: &Writer<'_>, id: MatterId) -> Result<()> {
    let street = super::street_of_matter(w.tx(), id)?;
    w.require(Area::Petitions, Access::Reveal, street)?;
    let person: Option<i64> = w.tx().query_row(
        "SELECT reporter_person_id FROM petitions WHERE id = ?1",
        [id.0],
        |r| r.get(0),
    )?;
    super::super::access_log::insert(
        w,
        person.map(PersonId),
        super::super::access_log::What::Phone,
        Some(&format!("诉求 #{id}")),
    )
}
