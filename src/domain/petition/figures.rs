//! The figures of the petition log for a period: on-time rate, fixed against closed-not-fixed,
//! satisfaction, median working days to close and reopenings.
//!
//! The on-time rate is the one clerks are judged on, so it is counted the strict way: a
//! matter closed after its deadline is late, and so is an open matter already past it (a
//! matter nobody closes must not look better than one closed a day late). Open matters not
//! yet due are not counted either way. "Closed, not fixed" is never counted as fixed.

use jiff::civil::Date;

use super::{Outcome, Satisfaction, Status, working_days_between};
use crate::domain::calendar::{CalendarError, WorkCalendar};

/// What the figures need of one matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatterFacts {
    /// The day it was received.
    pub received_on: Date,
    /// The deadline, none while the calendar lacks the year it falls in.
    pub deadline: Option<Date>,
    /// Where it stands.
    pub status: Status,
    /// The day it was (last) closed.
    pub closed_on: Option<Date>,
    /// The outcome given with the reply.
    pub outcome: Option<Outcome>,
    /// The last call-back's answer.
    pub satisfaction: Option<Satisfaction>,
    /// How often an unsatisfied call-back reopened it.
    pub reopen_count: u32,
}

/// Whether a matter kept its deadline, as of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Timeliness {
    /// Closed on or before its deadline.
    OnTime,
    /// Closed after its deadline.
    LateClosed,
    /// Still open, and past its deadline: late already.
    LateOpen,
    /// Open and not yet due: not counted either way.
    NotYetDue,
    /// No deadline could be set (the calendar lacks the year): not counted, and said.
    NoDeadline,
    /// A duplicate, followed on the matter it repeats: not counted.
    Duplicate,
}

/// Where `m` stands against its deadline on `today`.
pub fn timeliness(m: &MatterFacts, today: Date) -> Timeliness {
    if m.status == Status::Duplicate {
        return Timeliness::Duplicate;
    }
    let Some(deadline) = m.deadline else {
        return Timeliness::NoDeadline;
    };
    match (m.status, m.closed_on) {
        (Status::Closed, Some(closed)) if closed <= deadline => Timeliness::OnTime,
        (Status::Closed, _) => Timeliness::LateClosed,
        _ if today > deadline => Timeliness::LateOpen,
        _ => Timeliness::NotYetDue,
    }
}

/// A part of a whole, for a rate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Share {
    /// The matters counted in.
    pub part: u64,
    /// The matters the rate is out of.
    pub whole: u64,
}

impl Share {
    /// The rate in percent; none when there is nothing to count.
    pub fn percent(self) -> Option<f64> {
        (self.whole > 0).then(|| self.part as f64 * 100.0 / self.whole as f64)
    }
}

/// The figures of a set of matters on a day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// Matters counted (duplicates excluded).
    pub matters: u64,
    /// Duplicates, linked to another matter.
    pub duplicates: u64,
    /// Closed within the deadline.
    pub on_time: u64,
    /// Closed after the deadline.
    pub late_closed: u64,
    /// Open and past the deadline.
    pub late_open: u64,
    /// Open and not yet due.
    pub not_yet_due: u64,
    /// Without a deadline for want of a calendar year.
    pub no_deadline: u64,
    /// Still open (any state before closed).
    pub open: u64,
    /// Closed.
    pub closed: u64,
    /// Closed as fixed.
    pub fixed: u64,
    /// Closed, not fixed, the reason explained.
    pub not_fixed: u64,
    /// Closed as someone else's.
    pub not_ours: u64,
    /// Called back (last answer counted).
    pub called_back: u64,
    /// … satisfied.
    pub satisfied: u64,
    /// … basically satisfied.
    pub basic: u64,
    /// … unsatisfied.
    pub unsatisfied: u64,
    /// Reopenings after an unsatisfied call-back, all matters together.
    pub reopens: u64,
    /// Matters reopened at least once.
    pub reopened_matters: u64,
    /// Median working days from receipt to closing, of the closed matters.
    pub median_days_to_close: Option<f64>,
    /// A year the calendar lacks, met while counting working days: the median leaves out
    /// the matters it concerns, and the window says so.
    pub calendar_missing: Option<i16>,
}

impl Figures {
    /// Counts `matters` as of `today`.
    pub fn count<'a>(
        matters: impl IntoIterator<Item = &'a MatterFacts>,
        calendar: &WorkCalendar,
        today: Date,
    ) -> Figures {
        let mut f = Figures::default();
        let mut days = Vec::new();
        for m in matters {
            if m.status == Status::Duplicate {
                f.duplicates += 1;
                continue;
            }
            f.matters += 1;
            match timeliness(m, today) {
                Timeliness::OnTime => f.on_time += 1,
                Timeliness::LateClosed => f.late_closed += 1,
                Timeliness::LateOpen => f.late_open += 1,
                Timeliness::NotYetDue => f.not_yet_due += 1,
                Timeliness::NoDeadline => f.no_deadline += 1,
                Timeliness::Duplicate => {}
            }
            f.reopens += u64::from(m.reopen_count);
            f.reopened_matters += u64::from(m.reopen_count > 0);
            match m.satisfaction {
                Some(Satisfaction::Satisfied) => f.satisfied += 1,
                Some(Satisfaction::Basic) => f.basic += 1,
                Some(Satisfaction::Unsatisfied) => f.unsatisfied += 1,
                None => {}
            }
            f.called_back += u64::from(m.satisfaction.is_some());
            if m.status != Status::Closed {
                f.open += 1;
                continue;
            }
            f.closed += 1;
            match m.outcome {
                Some(Outcome::Fixed) => f.fixed += 1,
                Some(Outcome::NotFixed) => f.not_fixed += 1,
                Some(Outcome::NotOurs) => f.not_ours += 1,
                None => {}
            }
            if let Some(closed) = m.closed_on {
                match working_days_between(calendar, m.received_on, closed) {
                    Ok(n) => days.push(n),
                    Err(CalendarError::YearMissing(y)) => f.calendar_missing = Some(y),
                }
            }
        }
        f.median_days_to_close = median(&mut days);
        f
    }

    /// On time out of those whose deadline has come: closed on time, against closed late
    /// plus open past the deadline.
    pub fn on_time_rate(&self) -> Share {
        Share {
            part: self.on_time,
            whole: self.on_time + self.late_closed + self.late_open,
        }
    }

    /// Fixed out of closed.
    pub fn fixed_share(&self) -> Share {
        Share {
            part: self.fixed,
            whole: self.closed,
        }
    }

    /// Closed not fixed (reason explained) out of closed.
    pub fn not_fixed_share(&self) -> Share {
        Share {
            part: self.not_fixed,
            whole: self.closed,
        }
    }

    /// Satisfied or basically satisfied out of those called back.
    pub fn satisfaction_rate(&self) -> Share {
        Share {
            part: self.satisfied + self.basic,
            whole: self.called_back,
        }
    }
}

/// The median of `values` (sorted in place), halfway between the two middle ones for an
/// even count.
pub fn median(values: &mut [u32]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        f64::from(values[mid])
    } else {
        (f64::from(values[mid - 1]) + f64::from(values[mid])) / 2.0
    })
}
