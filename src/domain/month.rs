//! Calendar months: the period pay is computed, attended and reported for.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use thiserror::Error;

/// A calendar month, the period pay is computed and reported for.
///
/// Build it with [`Month::new`] or [`Month::parse`], which validate; the
/// fields are public for pattern matching and storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    /// Calendar year, within jiff's supported range (-9999..=9999).
    pub year: i16,
    /// Month of the year, 1 = January.
    pub month: i8,
}

/// Why a text could not be read as a month.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum MonthError {
    /// Nothing but whitespace was entered.
    #[error("the month is empty; write it as YYYY-MM, e.g. 2026-11")]
    Empty,
    /// The text is not in an accepted layout.
    #[error("\"{0}\" is not a month; write it as YYYY-MM, e.g. 2026-11")]
    Invalid(String),
    /// The layout was right but the month number is not 1-12.
    #[error("month {0} does not exist; months run from 1 to 12")]
    MonthOutOfRange(u32),
}

impl Month {
    /// The month, or `None` when `month` is not 1-12 or `year` is outside jiff's range.
    pub fn new(year: i16, month: i8) -> Option<Month> {
        // jiff rejects both a month outside 1-12 and a year outside its range.
        Date::new(year, month, 1)
            .is_ok()
            .then_some(Month { year, month })
    }

    /// Reads `2026-11`, `2026-1`, `2026/11`, `2026.11`, `202611` or `2026年11月`.
    ///
    /// Full-width digits and separators are accepted, as elsewhere in the
    /// ledger, because clerks type through a Chinese IME. The year must have
    /// four digits so that `20261` is rejected rather than guessed as 2026-1 or 2026-10.
    pub fn parse(text: &str) -> Result<Month, MonthError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(MonthError::Empty);
        }
        let invalid = || MonthError::Invalid(trimmed.to_owned());
        let normalised: String = trimmed.chars().map(normalise_char).collect();
        let without_suffix = normalised.strip_suffix('月').unwrap_or(&normalised);
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let (year_text, month_text) = match without_suffix.split_once(['-', '/', '.', '年']) {
            Some(parts) => parts,
            // Digits only, so byte index 4 is a character boundary.
            None if without_suffix.len() == 6 && all_digits(without_suffix) => {
                without_suffix.split_at(4)
            }
            None => return Err(invalid()),
        };
        if year_text.len() != 4 || !all_digits(year_text) || !all_digits(month_text) {
            return Err(invalid());
        }
        // Only an absurdly long month number can fail here; it is no month either way.
        let year: i16 = year_text.parse().map_err(|_| invalid())?;
        let month: u32 = month_text.parse().map_err(|_| invalid())?;
        let month_i8 = i8::try_from(month).map_err(|_| MonthError::MonthOutOfRange(month))?;
        Month::new(year, month_i8).ok_or(MonthError::MonthOutOfRange(month))
    }

    /// The month containing `date`.
    pub fn of(date: Date) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Whether `date` falls in this month.
    pub fn contains(self, date: Date) -> bool {
        Month::of(date) == self
    }

    /// The 1st of the month.
    ///
    /// A hand-built month with out-of-range fields is clamped into range
    /// rather than panicking, as the ledger must keep running on bad rows.
    pub fn first_day(self) -> Date {
        let year = self.year.clamp(Date::MIN.year(), Date::MAX.year());
        let month = self.month.clamp(1, 12);
        Date::new(year, month, 1).unwrap_or(Date::MIN)
    }

    /// The last day of the month (28th-31st).
    pub fn last_day(self) -> Date {
        self.first_day().last_of_month()
    }

    /// Number of days in the month, 28-31; February follows leap years.
    pub fn days(self) -> i8 {
        self.first_day().days_in_month()
    }

    /// The following month; stays put at December 9999, the end of the calendar.
    pub fn next(self) -> Month {
        Month::of(self.last_day().tomorrow().unwrap_or(Date::MAX))
    }

    /// The preceding month; stays put at January -9999, the start of the calendar.
    pub fn prev(self) -> Month {
        Month::of(self.first_day().yesterday().unwrap_or(Date::MIN))
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = MonthError;

    fn from_str(text: &str) -> Result<Month, MonthError> {
        Month::parse(text)
    }
}

/// Maps the full-width ASCII forms an IME produces (`２０２６／１１`) to ASCII.
fn normalise_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn month(year: i16, month: i8) -> Month {
        Month { year, month }
    }

    #[test]
    fn month_parses_and_displays() {
        let nov = month(2026, 11);
        for text in [
            "2026-11",
            "2026/11",
            "202611",
            " 2026.11 ",
            "2026年11月",
            "２０２６－１１",
        ] {
            assert_eq!(Month::parse(text), Ok(nov), "{text:?}");
        }
        assert_eq!(Month::parse("2026-1"), Ok(month(2026, 1)));
        assert_eq!("2026-01".parse(), Ok(month(2026, 1)));
        assert_eq!(month(2026, 1).to_string(), "2026-01");
        assert_eq!(nov.to_string(), "2026-11");
        assert_eq!(Month::parse(" "), Err(MonthError::Empty));
        assert_eq!(
            Month::parse("2026-13"),
            Err(MonthError::MonthOutOfRange(13))
        );
        assert_eq!(Month::parse("202600"), Err(MonthError::MonthOutOfRange(0)));
        for text in [
            "20261",
            "26-11",
            "2026-",
            "2026-11-05",
            "Nov 2026",
            "123é4",
            "2026-1a",
        ] {
            assert_eq!(Month::parse(text), Err(MonthError::Invalid(text.into())));
        }
        let message = Month::parse("11/2026").unwrap_err().to_string();
        assert_eq!(
            message,
            "\"11/2026\" is not a month; write it as YYYY-MM, e.g. 2026-11"
        );
    }

    #[test]
    fn month_calendar() {
        let nov = month(2026, 11);
        assert_eq!(Month::new(2026, 11), Some(nov));
        assert_eq!(Month::new(2026, 0), None);
        assert_eq!(Month::new(2026, 13), None);
        assert_eq!(Month::new(10_000, 1), None);
        assert_eq!(nov.first_day(), date(2026, 11, 1));
        assert_eq!(nov.last_day(), date(2026, 11, 30));
        assert_eq!(nov.days(), 30);
        assert_eq!(month(2024, 2).days(), 29);
        assert_eq!(month(2026, 2).days(), 28);
        assert_eq!(month(2026, 12).next(), month(2027, 1));
        assert_eq!(month(2027, 1).prev(), month(2026, 12));
        assert_eq!(month(9999, 12).next(), month(9999, 12));
        assert_eq!(Month::of(date(2026, 11, 30)), nov);
        assert!(nov.contains(date(2026, 11, 1)) && !nov.contains(date(2026, 12, 1)));
        assert!(month(2026, 2) < nov && nov < month(2027, 1));
    }
}
