//! Working days: Monday to Friday, except the statutory holidays, plus the weekend days
//! worked in exchange (调休). Each year's exceptions come from the State Council's notice and
//! live in a dated table (`calendar_days`); this module only counts on them.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, Weekday};

/// What a listed day is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// A statutory holiday (or a weekend day inside a holiday run).
    Holiday,
    /// A weekend day worked in exchange (调休上班).
    Workday,
}

impl DayKind {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }

    /// Reads a stored code.
    pub fn from_code(code: &str) -> Option<DayKind> {
        match code {
            "holiday" => Some(DayKind::Holiday),
            "workday" => Some(DayKind::Workday),
            _ => None,
        }
    }
}

/// The exceptions of the years entered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    days: BTreeMap<Date, DayKind>,
    years: BTreeSet<i16>,
}

/// Why working days could not be counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The count reached a year whose holidays have not been entered: counting on weekends
    /// alone would give a wrong date around its holidays.
    #[error("the holidays of {0} are not in the calendar yet")]
    YearMissing(i16),
}

impl WorkCalendar {
    /// A calendar of these exceptions; a year counts as entered once it has a row.
    pub fn new(days: impl IntoIterator<Item = (Date, DayKind)>) -> WorkCalendar {
        let days: BTreeMap<Date, DayKind> = days.into_iter().collect();
        let years = days.keys().map(|d| d.year()).collect();
        WorkCalendar { days, years }
    }

    /// Whether the holidays of `year` have been entered.
    pub fn covers(&self, year: i16) -> bool {
        self.years.contains(&year)
    }

    /// Whether `day` is a working day.
    pub fn is_working_day(&self, day: Date) -> Result<bool, CalendarError> {
        if !self.covers(day.year()) {
            return Err(CalendarError::YearMissing(day.year()));
        }
        Ok(match self.days.get(&day) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday),
        })
    }

    /// The date `n` working days after `start` (`start` itself not counted): 5 working
    /// days after Friday 2026-11-20 is Friday 2026-11-27.
    pub fn add_working_days(&self, start: Date, n: u32) -> Result<Date, CalendarError> {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            day = next_day(day, &self.years)?;
            if self.is_working_day(day)? {
                left -= 1;
            }
        }
        Ok(day)
    }

    /// A period of `n` working days that starts on `start` if that is a working day, else
    /// on the next one: its first and last day. A notice posted on 2026-09-28 for 5 working
    /// days stands until 2026-10-09 (the National Day week is not counted).
    pub fn working_period(&self, start: Date, n: u32) -> Result<(Date, Date), CalendarError> {
        let mut first = start;
        while !self.is_working_day(first)? {
            first = next_day(first, &self.years)?;
        }
        let last = self.add_working_days(first, n.saturating_sub(1))?;
        Ok((first, last))
    }
}

fn next_day(day: Date, years: &BTreeSet<i16>) -> Result<Date, CalendarError> {
    // Dates end in 9999; a calendar never reaches it.
    day.tomorrow()
        .map_err(|_| CalendarError::YearMissing(years.last().map_or(day.year(), |y| y + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// The National Day run of 2026 as published: 1–7 October off, Sunday 20 September and
    /// Saturday 10 October worked; Mid-Autumn 25–27 September off.
    fn autumn_2026() -> WorkCalendar {
        let mut days: Vec<(Date, DayKind)> = (1..=7)
            .map(|d| (date(2026, 10, d), DayKind::Holiday))
            .collect();
        days.extend((25..=27).map(|d| (date(2026, 9, d), DayKind::Holiday)));
        days.push((date(2026, 9, 20), DayKind::Workday));
        days.push((date(2026, 10, 10), DayKind::Workday));
        WorkCalendar::new(days)
    }

    #[test]
    fn five_working_days_skip_the_national_day_week() {
        let cal = autumn_2026();
        // Wednesday 30 September: 1–7 Oct off, Thu 8 (1), Fri 9 (2), Sat 10 worked (3),
        // Sun 11 off, Mon 12 (4), Tue 13 (5).
        assert_eq!(
            cal.add_working_days(date(2026, 9, 30), 5),
            Ok(date(2026, 10, 13))
        );
        // Posted Monday 28 September: 28, 29, 30 Sep, 8, 9 Oct.
        assert_eq!(
            cal.working_period(date(2026, 9, 28), 5),
            Ok((date(2026, 9, 28), date(2026, 10, 9)))
        );
    }

    #[test]
    fn from_a_friday_and_over_a_worked_sunday() {
        let cal = autumn_2026();
        // Friday 20 November: Mon 23 … Fri 27.
        assert_eq!(
            cal.add_working_days(date(2026, 11, 20), 5),
            Ok(date(2026, 11, 27))
        );
        // Friday 18 September: Saturday 19 off, Sunday 20 worked.
        assert_eq!(
            cal.add_working_days(date(2026, 9, 18), 1),
            Ok(date(2026, 9, 20))
        );
        // Posted on a Saturday: the period starts on Monday 23 November.
        assert_eq!(
            cal.working_period(date(2026, 11, 21), 5),
            Ok((date(2026, 11, 23), date(2026, 11, 27)))
        );
        // Thursday 24 September: Fri 25 – Sun 27 Mid-Autumn, Mon 28 (1), Tue 29 (2).
        assert_eq!(
            cal.add_working_days(date(2026, 9, 24), 2),
            Ok(date(2026, 9, 29))
        );
        assert_eq!(
            cal.add_working_days(date(2026, 9, 24), 0),
            Ok(date(2026, 9, 24))
        );
    }

    #[test]
    fn a_year_not_entered_is_refused_not_guessed() {
        let cal = autumn_2026();
        // Thursday 24 December 2026 + 5: Fri 25, Mon 28 … Thu 31 is 5 — still 2026.
        assert_eq!(
            cal.add_working_days(date(2026, 12, 24), 5),
            Ok(date(2026, 12, 31))
        );
        assert_eq!(
            cal.add_working_days(date(2026, 12, 24), 6),
            Err(CalendarError::YearMissing(2027))
        );
        assert_eq!(
            WorkCalendar::default().is_working_day(date(2026, 1, 5)),
            Err(CalendarError::YearMissing(2026))
        );
    }
}
