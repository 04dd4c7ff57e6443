//! The petition log (民意直通车): residents' council meetings and the matters raised there
//! or through other channels, each with an owner, a deadline in working days and a reply.
//!
//! "件件有着落、事事有回音": the state machine below is the promise kept in code. A matter is
//! received and handed to its owner (已受理), signed for (已签收), worked on (办理中), replied
//! to (已答复) and closed (已办结). The owner may return it with a reason (退回), the
//! dispatcher then hands it to someone else; an extension may be asked and approved or
//! refused; a supervisor may flag it (督办); a duplicate is linked to the matter it repeats.
//! An unsatisfied call-back (回访) reopens a closed matter. Every step the machine refuses is
//! refused here, before the store writes anything.

use jiff::civil::Date;

use super::calendar::{CalendarError, WorkCalendar};
use crate::i18n::petitions as pt;

pub mod figures;

pub use super::{MatterCategoryId, MatterId, MeetingId};

/// How a matter reached the office.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    /// 议事会: raised at a residents' council meeting.
    Council,
    /// 来访: a resident came in.
    Visit,
    /// 电话: a phone call.
    Phone,
    /// 12345 转办: a work order passed on by the 12345 hotline.
    Hotline,
    /// 网格员上报: reported by the grid worker.
    GridWorker,
    /// 其他.
    Other,
}

stored_enum!(Channel {
    Council => "council", pt::CHANNEL_COUNCIL;
    Visit => "visit", pt::CHANNEL_VISIT;
    Phone => "phone", pt::CHANNEL_PHONE;
    Hotline => "hotline", pt::CHANNEL_HOTLINE;
    GridWorker => "grid", pt::CHANNEL_GRID;
    Other => "other", pt::CHANNEL_OTHER;
});

/// The seat someone takes at a council meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AttendeeRole {
    /// 党组织书记.
    PartySecretary,
    /// 居委会主任.
    CommitteeDirector,
    /// 业委会主任.
    OwnersDirector,
    /// 物业经理.
    PropertyManager,
    /// 居民代表.
    Resident,
    /// 其他.
    Other,
}

stored_enum!(AttendeeRole {
    PartySecretary => "party_secretary", pt::ROLE_SECRETARY;
    CommitteeDirector => "committee_director", pt::ROLE_COMMITTEE;
    OwnersDirector => "owners_director", pt::ROLE_OWNERS;
    PropertyManager => "property_manager", pt::ROLE_PROPERTY;
    Resident => "resident", pt::ROLE_RESIDENT;
    Other => "other", pt::ROLE_OTHER;
});

/// Where a matter stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// 已受理: received and handed to its owner, who has not signed for it yet.
    Received,
    /// 已退回: the owner sent it back with a reason; the dispatcher hands it on.
    Returned,
    /// 已签收: the owner took it on.
    SignedFor,
    /// 办理中.
    InProgress,
    /// 已答复: the owner replied with an outcome.
    Replied,
    /// 已办结.
    Closed,
    /// 重复: the same matter as another one, followed there.
    Duplicate,
}

stored_enum!(Status {
    Received => "received", pt::STATUS_RECEIVED;
    Returned => "returned", pt::STATUS_RETURNED;
    SignedFor => "signed_for", pt::STATUS_SIGNED_FOR;
    InProgress => "in_progress", pt::STATUS_IN_PROGRESS;
    Replied => "replied", pt::STATUS_REPLIED;
    Closed => "closed", pt::STATUS_CLOSED;
    Duplicate => "duplicate", pt::STATUS_DUPLICATE;
});

impl Status {
    /// Whether the matter still waits for someone: everything but closed and duplicate.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Closed | Status::Duplicate)
    }
}

/// What came of a matter, given with the reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// 已解决.
    Fixed,
    /// 未解决已说明: not fixed, the reason explained to the resident. Never counted as fixed.
    NotFixed,
    /// 不属于本单位职责: someone else is responsible, and the reply names them.
    NotOurs,
}

stored_enum!(Outcome {
    Fixed => "fixed", pt::OUTCOME_FIXED;
    NotFixed => "not_fixed", pt::OUTCOME_NOT_FIXED;
    NotOurs => "not_ours", pt::OUTCOME_NOT_OURS;
});

/// What the resident said when called back (回访).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Satisfaction {
    /// 满意.
    Satisfied,
    /// 基本满意.
    Basic,
    /// 不满意: the matter reopens.
    Unsatisfied,
}

stored_enum!(Satisfaction {
    Satisfied => "satisfied", pt::SAT_SATISFIED;
    Basic => "basic", pt::SAT_BASIC;
    Unsatisfied => "unsatisfied", pt::SAT_UNSATISFIED;
});

/// One step taken on a matter: the kind the change log's timeline names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// Received and handed to an owner.
    Receive,
    /// The owner signs for it.
    SignFor,
    /// The owner sends it back with a reason.
    Return,
    /// The dispatcher hands a returned matter to an owner again.
    Reassign,
    /// Work starts.
    Start,
    /// The owner replies with an outcome.
    Reply,
    /// The matter is closed on its reply.
    Close,
    /// The resident is called back.
    CallBack,
    /// An extension is asked, with a reason.
    AskExtension,
    /// The extension asked is approved: the deadline moves.
    ApproveExtension,
    /// The extension asked is refused: the deadline stays.
    RefuseExtension,
    /// A supervisor flags it (督办).
    Supervise,
    /// The supervision flag is lifted.
    Unsupervise,
    /// Linked to the matter it repeats.
    MarkDuplicate,
    /// Text, place, category or reporter corrected; the state does not change.
    Edit,
}

stored_enum!(Step {
    Receive => "receive", pt::STEP_RECEIVE;
    SignFor => "sign_for", pt::STEP_SIGN_FOR;
    Return => "return", pt::STEP_RETURN;
    Reassign => "reassign", pt::STEP_REASSIGN;
    Start => "start", pt::STEP_START;
    Reply => "reply", pt::STEP_REPLY;
    Close => "close", pt::STEP_CLOSE;
    CallBack => "call_back", pt::STEP_CALL_BACK;
    AskExtension => "ask_extension", pt::STEP_ASK_EXTENSION;
    ApproveExtension => "approve_extension", pt::STEP_APPROVE_EXTENSION;
    RefuseExtension => "refuse_extension", pt::STEP_REFUSE_EXTENSION;
    Supervise => "supervise", pt::STEP_SUPERVISE;
    Unsupervise => "unsupervise", pt::STEP_UNSUPERVISE;
    MarkDuplicate => "mark_duplicate", pt::STEP_DUPLICATE;
    Edit => "edit", pt::STEP_EDIT;
});

/// What the machine looks at to decide whether a step may be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MatterState {
    /// Where it stands.
    pub status: Status,
    /// An extension has been asked and not decided yet.
    pub extension_asked: bool,
    /// The supervision flag.
    pub supervised: bool,
}

/// Why a step, or what was typed for it, is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PetitionRule {
    /// The step can not be taken from this state.
    #[error("{step:?} is not possible on a matter that is {from:?}")]
    NotNow {
        /// The step refused.
        step: Step,
        /// Where the matter stands.
        from: Status,
    },
    /// An extension is already waiting for a decision.
    #[error("an extension is already asked")]
    ExtensionPending,
    /// There is no extension to decide on.
    #[error("no extension has been asked")]
    NoExtensionAsked,
    /// The matter is already supervised.
    #[error("already supervised")]
    AlreadySupervised,
    /// The matter is not supervised.
    #[error("not supervised")]
    NotSupervised,
    /// A return, an extension, a not-fixed outcome needs a reason.
    #[error("a reason is needed")]
    ReasonRequired,
    /// A matter needs its text.
    #[error("the matter needs a text")]
    TextRequired,
    /// A matter needs a responsible unit.
    #[error("the matter needs an owner unit")]
    OwnerRequired,
    /// A reply needs its text.
    #[error("the reply needs a text")]
    ReplyRequired,
    /// "Not ours" must name who is responsible.
    #[error("name who is responsible")]
    ResponsibleRequired,
    /// An extension is between 1 and 60 working days.
    #[error("an extension is 1 to 60 working days")]
    ExtensionDays,
    /// A matter can not repeat itself, nor a matter that is itself a duplicate.
    #[error("not a matter this one can repeat")]
    DuplicateTarget,
    /// A deadline is 1 to 120 working days.
    #[error("a deadline is 1 to 120 working days")]
    DeadlineDays,
    /// A meeting needs a place and a chair.
    #[error("a meeting needs a place and a chair")]
    MeetingIncomplete,
    /// An attendee needs a name.
    #[error("an attendee needs a name")]
    AttendeeNameRequired,
    /// A reporter who gives a name or phone gives a valid phone.
    #[error("the reporter's phone is not a phone number")]
    ReporterPhone,
    /// A category needs both names and an owner unit.
    #[error("a category needs both names and a default owner unit")]
    CategoryIncomplete,
    /// Coordinates must be a WGS-84 point near the district.
    #[error("the coordinates are not a point")]
    BadCoordinate,
}

/// The status after `step`, or why it is refused. Only the state machine: the texts that a
/// step needs are checked by [`check_reason`] and [`check_reply`].
pub fn next(state: MatterState, step: Step) -> Result<Status, PetitionRule> {
    use Status::*;
    let not_now = Err(PetitionRule::NotNow {
        step,
        from: state.status,
    });
    match (step, state.status) {
        (Step::Receive, _) => not_now,
        (Step::SignFor, Received) => Ok(SignedFor),
        (Step::Return, Received | SignedFor) => Ok(Returned),
        (Step::Reassign, Returned) => Ok(Received),
        (Step::Start, SignedFor) => Ok(InProgress),
        (Step::Reply, SignedFor | InProgress) => Ok(Replied),
        (Step::Close, Replied) => Ok(Closed),
        // Called back after closing; an unsatisfied resident reopens it (see `call_back`).
        (Step::CallBack, Closed) => Ok(Closed),
        (Step::AskExtension, SignedFor | InProgress) if state.extension_asked => {
            Err(PetitionRule::ExtensionPending)
        }
        (Step::AskExtension, SignedFor | InProgress) => Ok(state.status),
        (Step::ApproveExtension | Step::RefuseExtension, s) if s.is_open() => {
            if state.extension_asked {
                Ok(s)
            } else {
                Err(PetitionRule::NoExtensionAsked)
            }
        }
        (Step::Supervise, s) if s.is_open() => {
            if state.supervised {
                Err(PetitionRule::AlreadySupervised)
            } else {
                Ok(s)
            }
        }
        (Step::Unsupervise, s) if s.is_open() => {
            if state.supervised {
                Ok(s)
            } else {
                Err(PetitionRule::NotSupervised)
            }
        }
        (Step::MarkDuplicate, Received | Returned | SignedFor | InProgress) => Ok(Duplicate),
        (Step::Edit, s) if s.is_open() => Ok(s),
        _ => not_now,
    }
}

/// The status after a call-back: an unsatisfied resident reopens the matter (办理中).
pub fn call_back(state: MatterState, said: Satisfaction) -> Result<Status, PetitionRule> {
    next(state, Step::CallBack)?;
    Ok(match said {
        Satisfaction::Unsatisfied => Status::InProgress,
        Satisfaction::Satisfied | Satisfaction::Basic => Status::Closed,
    })
}

/// A reason typed for a return or an extension: refused when blank.
pub fn check_reason(reason: &str) -> Result<&str, PetitionRule> {
    let reason = reason.trim();
    if reason.is_empty() {
        Err(PetitionRule::ReasonRequired)
    } else {
        Ok(reason)
    }
}

/// A reply: its text, and for "not ours" the one responsible.
pub fn check_reply(text: &str, outcome: Outcome, responsible: &str) -> Result<(), PetitionRule> {
    if text.trim().is_empty() {
        return Err(PetitionRule::ReplyRequired);
    }
    if outcome == Outcome::NotOurs && responsible.trim().is_empty() {
        return Err(PetitionRule::ResponsibleRequired);
    }
    Ok(())
}

/// The deadline `days` working days after `received_on` (that day itself not counted).
pub fn deadline(
    calendar: &WorkCalendar,
    received_on: Date,
    days: u32,
) -> Result<Date, CalendarError> {
    calendar.add_working_days(received_on, days)
}

/// How close a matter is to its deadline, as the list colours it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    /// This many working days are left after today (1 or more).
    Left(u32),
    /// Today is the last working day before the deadline passes (amber).
    LastDay,
    /// Past the deadline by this many working days (red; 0 on a weekend right after it).
    Overdue(u32),
    /// The calendar lacks a year the count needs: said, never guessed.
    Unknown(i16),
}

/// Where `deadline` stands on `today`: working days left after today, the last day, or
/// working days late.
pub fn urgency(calendar: &WorkCalendar, today: Date, deadline: Date) -> Urgency {
    let counted = if today <= deadline {
        working_days_between(calendar, today, deadline).map(|n| {
            if n == 0 {
                Urgency::LastDay
            } else {
                Urgency::Left(n)
            }
        })
    } else {
        working_days_between(calendar, deadline, today).map(Urgency::Overdue)
    };
    counted.unwrap_or_else(|CalendarError::YearMissing(y)| Urgency::Unknown(y))
}

/// The working days after `from` up to and including `to` (0 when `to <= from`).
pub fn working_days_between(
    calendar: &WorkCalendar,
    from: Date,
    to: Date,
) -> Result<u32, CalendarError> {
    let mut n = 0;
    let mut day = from;
    while day < to {
        day = day
            .tomorrow()
            .map_err(|_| CalendarError::YearMissing(day.year()))?;
        if calendar.is_working_day(day)? {
            n += 1;
        }
    }
    Ok(n)
}

/// The last day of the week (Sunday) that `today` is in: "due this week" ends there.
pub fn end_of_week(today: Date) -> Date {
    let days = 7 - i64::from(today.weekday().to_monday_one_offset());
    today
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(today)
}

#[cfg(test)]
mod tests;
