//! How the domain's values are stored: enums as CHECK-constrained text, dates as ISO text.
//!
//! Reading goes through rusqlite's `FromSql`, so a value this program does not know (a
//! file edited by hand, or by something else) is an error naming the column, never a
//! silent default.

use jiff::civil::Date;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use super::changes::Action;
use super::payroll::MonthStatus;
use crate::domain::id_number::Sex;
use crate::domain::pay::{Area, Month};
use crate::domain::petition::{AttendeeRole, Channel, Outcome, Satisfaction, Status, Step};
use crate::domain::placement::{ExitReason, PostCategory, PostStatus};
use crate::domain::region::RegionLevel;

/// A stored text that does not name any value of its kind.
#[derive(Debug, thiserror::Error)]
#[error("unknown {kind} {value:?}")]
pub struct UnknownValue {
    /// What the value should have been (an area, a post status …).
    pub kind: &'static str,
    /// The text found.
    pub value: String,
}

fn unknown(kind: &'static str, value: &str) -> FromSqlError {
    FromSqlError::Other(Box::new(UnknownValue {
        kind,
        value: value.chars().take(40).collect(),
    }))
}

/// Stores a type as the text of its `as_str` and reads it back with its `parse`.
macro_rules! stored_as_text {
    ($($ty:ty => $kind:literal, $as_str:expr, $parse:expr;)*) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                let text: &'static str = $as_str(*self);
                Ok(ToSqlOutput::from(text))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                $parse(text).ok_or_else(|| unknown($kind, text))
            }
        }
    )*};
}

stored_as_text! {
    PostCategory => "post category", PostCategory::as_str, PostCategory::parse;
    PostStatus => "post status", PostStatus::as_str, PostStatus::parse;
    ExitReason => "exit reason", ExitReason::as_str, ExitReason::parse;
    RegionLevel => "region level", RegionLevel::as_str, RegionLevel::parse;
    Action => "change action", Action::as_str, Action::parse;
    Area => "area", area_str, parse_area;
    MonthStatus => "month status", MonthStatus::as_str, MonthStatus::parse;
    Sex => "sex", sex_str, parse_sex;
    Channel => "matter channel", Channel::as_str, Channel::parse;
    Status => "matter status", Status::as_str, Status::parse;
    Outcome => "matter outcome", Outcome::as_str, Outcome::parse;
    Satisfaction => "call-back answer", Satisfaction::as_str, Satisfaction::parse;
    AttendeeRole => "attendee role", AttendeeRole::as_str, AttendeeRole::parse;
    Step => "matter step", Step::as_str, Step::parse;
}

/// The text stored for an area (also bound into queries built at run time).
pub(crate) fn area_str(area: Area) -> &'static str {
    match area {
        Area::Urban => "urban",
        Area::Rural => "rural",
    }
}

fn parse_area(s: &str) -> Option<Area> {
    [Area::Urban, Area::Rural]
        .into_iter()
        .find(|a| area_str(*a) == s)
}

fn sex_str(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "M",
        Sex::Female => "F",
    }
}

fn parse_sex(s: &str) -> Option<Sex> {
    [Sex::Male, Sex::Female]
        .into_iter()
        .find(|x| sex_str(*x) == s)
}

/// A calendar date stored as `YYYY-MM-DD` (jiff's `Date` is not ours to implement for).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub Date);

impl ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.to_string()))
    }
}

impl FromSql for Day {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        text.parse().map(Day).map_err(|_| unknown("date", text))
    }
}

/// Reads column `index` as a date.
pub(crate) fn date_col(r: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Date> {
    r.get::<_, Day>(index).map(|d| d.0)
}

/// A month stored as `YYYY-MM`.
impl ToSql for Month {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Month {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        Month::parse(text).map_err(|_| unknown("month", text))
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;
    use crate::store::StoreError;

    #[test]
    fn an_unknown_stored_value_is_an_error_naming_it() {
        let conn = Connection::open_in_memory().unwrap();
        let read = |sql: &str| -> Result<Area, StoreError> {
            Ok(conn.query_row(sql, [], |r| r.get::<_, Area>(0))?)
        };
        assert_eq!(read("SELECT 'rural'").unwrap(), Area::Rural);
        match read("SELECT 'suburban'") {
            Err(StoreError::UnknownValue { column, value }) => {
                assert_eq!((column.as_str(), value.as_str()), ("area", "suburban"));
            }
            other => panic!("expected an unknown value, got {other:?}"),
        }
    }

    #[test]
    fn every_stored_text_reads_back_as_itself() {
        let conn = Connection::open_in_memory().unwrap();
        for status in [
            MonthStatus::Open,
            MonthStatus::Computed,
            MonthStatus::Approved,
        ] {
            let back: MonthStatus = conn.query_row("SELECT ?1", [status], |r| r.get(0)).unwrap();
            assert_eq!(back, status);
        }
        for reason in ExitReason::ALL {
            let back: ExitReason = conn.query_row("SELECT ?1", [reason], |r| r.get(0)).unwrap();
            assert_eq!(back, *reason);
        }
    }
}
