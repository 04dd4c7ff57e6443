//! The one clock: everything that needs today's date or the time asks a [`Clock`] handed to
//! it (the window's context, the store, a job), so tests can fix the date and a rule that
//! depends on today reads the same day everywhere in one action.

use std::sync::{Arc, Mutex};

use jiff::ZonedDateTime as Zoned;
use jiff::civil::Date;

/// Where "now" comes from.
#[derive(Clone, Debug)]
pub struct Clock(Source);

#[derive(Clone, Debug)]
enum Source {
    System,
    Fixed(Arc<Zoned>),
    Manual(Arc<Mutex<Zoned>>),
}

impl Clock {
    /// The computer's clock in its local time zone.
    pub fn system() -> Clock {
        Clock(Source::System)
    }

    /// A clock that always reads `at` (tests, replaying history).
    pub fn fixed(at: Zoned) -> Clock {
        Clock(Source::Fixed(Arc::new(at)))
    }

    /// A clock that always reads 09:00 on `date` in UTC (tests). Only the extreme years
    /// jiff can not place in time fall back to the Unix epoch.
    pub fn fixed_on(date: Date) -> Clock {
        let utc = jiff::tz::TimeZone::UTC;
        let at = date
            .at(9, 0, 0, 0)
            .to_zoned_datetime(utc.clone())
            .unwrap_or_else(|_| Zoned::new(jiff::Timestamp::UNIX_EPOCH, utc));
        Clock::fixed(at)
    }

    /// A clock that reads 09:00 UTC on `date` until a test moves it on with
    /// [`Clock::advance`]; every clone moves with it (a sign-in's wait, the idle lock).
    pub fn manual_on(date: Date) -> Clock {
        let Source::Fixed(at) = Clock::fixed_on(date).0 else {
            unreachable!("fixed_on makes a fixed clock")
        };
        Clock(Source::Manual(Arc::new(Mutex::new((*at).clone()))))
    }

    /// Moves a manual clock on by `by`; other clocks do not move.
    pub fn advance(&self, by: jiff::SignedDuration) {
        if let Source::Manual(at) = &self.0 {
            let mut at = at.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Ok(later) = at.checked_add(by) {
                *at = later;
            }
        }
    }

    /// The current instant, in local time.
    pub fn now(&self) -> Zoned {
        match &self.0 {
            Source::System => Zoned::now(),
            Source::Fixed(at) => (**at).clone(),
            Source::Manual(at) => at
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone(),
        }
    }

    /// Today's date on the local calendar.
    pub fn today(&self) -> Date {
        self.now().date()
    }

    /// The current local time as `YYYY-MM-DDTHH:MM:SS`, for change-log and audit columns.
    pub fn stamp(&self) -> String {
        self.now().strftime("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_reads_its_day() {
        let day = Date::new(2026, 12, 3).unwrap();
        let clock = Clock::fixed_on(day);
        assert_eq!(clock.today(), day);
        assert_eq!(clock.stamp(), "2026-12-03T09:00:00");
    }

    #[test]
    fn a_manual_clock_moves_with_its_clones() {
        let clock = Clock::manual_on(Date::new(2026, 12, 3).unwrap());
        let other = clock.clone();
        clock.advance(jiff::SignedDuration::from_secs(90));
        assert_eq!(other.stamp(), "2026-12-03T09:01:30");
    }
}
