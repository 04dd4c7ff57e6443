//! The one clock: everything that needs today's date or the time asks a [`Clock`] handed to
//! it (the window's context, the store, a job), so tests can fix the date and a rule that
//! depends on today reads the same day everywhere in one action.

use std::sync::Arc;

use jiff::ZonedDateTime as Zoned;
use jiff::civil::Date;

/// Where "now" comes from.
#[derive(Clone, Debug)]
pub struct Clock(Source);

#[derive(Clone, Debug)]
enum Source {
    System,
    Fixed(Arc<Zoned>),
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

    /// The current instant, in local time.
    pub fn now(&self) -> Zoned {
        match &self.0 {
            Source::System => Zoned::now(),
            Source::Fixed(at) => (**at).clone(),
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
}
