//! The quick service log (服务记录): per point and day, a service and how many times, and
//! whether the work was passed on to the tier above; read back as workload by point,
//! service and month.

use jiff::civil::Date;
use rusqlite::params;

use super::super::records::ServiceLogRecord;
use super::super::values::Day;
use super::super::{Read, Result, StoreError, Writer, changes::Action};
use super::{ServicePointRule, region_of};
use crate::domain::access::{Action as Access, Area};
use crate::domain::service_points::{ServiceId, ServicePointId};

/// A line to log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NewLogLine {
    /// Where.
    pub point: ServicePointId,
    /// When.
    pub day: Date,
    /// Which service.
    pub service: ServiceId,
    /// How many times (1 for one visit).
    pub count: i64,
    /// Handed to the tier above.
    pub passed_on: bool,
}

/// Logs a line; the writer must be a clerk of the point's street.
pub fn add(w: &Writer<'_>, line: &NewLogLine, today: Date) -> Result<i64> {
    w.require_at(
        Area::ServicePoints,
        Access::Write,
        region_of(w.tx(), line.point)?,
    )?;
    if line.count <= 0 || line.day > today {
        return Err(StoreError::ServicePoints(ServicePointRule::LogLine));
    }
    w.tx()
        .prepare_cached(
            "INSERT INTO service_log (point_id, day, service_id, count, passed_on, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            line.point.0,
            Day(line.day),
            line.service.0,
            line.count,
            i64::from(line.passed_on),
            w.stamp()
        ])?;
    let id = w.tx().last_insert_rowid();
    w.log::<ServiceLogRecord>(id, Action::Insert, None)?;
    Ok(id)
}

/// A point's work in a month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workload {
    /// The point.
    pub point: ServicePointId,
    /// Its name.
    pub name: String,
    /// `YYYY-MM`.
    pub month: String,
    /// The service.
    pub service: ServiceId,
    /// Times served.
    pub count: i64,
    /// Of those, passed on upward.
    pub passed_on: i64,
}

/// Workload from `from` to `to` (inclusive) by point, month and service, for the points the
/// reader may see; the busiest first within each month.
pub fn workload(conn: &Read<'_>, from: Date, to: Date) -> Result<Vec<Workload>> {
    let within = conn
        .within(Area::ServicePoints, Access::Read)?
        .sql("p.region_id");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.point_id, p.name, substr(l.day, 1, 7), l.service_id, sum(l.count),
            sum(CASE WHEN l.passed_on = 1 THEN l.count ELSE 0 END)
         FROM service_log l JOIN service_points p ON p.id = l.point_id
         WHERE l.day BETWEEN ?1 AND ?2 AND {within}
         GROUP BY l.point_id, substr(l.day, 1, 7), l.service_id
         ORDER BY substr(l.day, 1, 7) DESC, sum(l.count) DESC, l.point_id, l.service_id"
    ))?;
    let rows = stmt.query_map(params![Day(from), Day(to)], |r| {
        Ok(Workload {
            point: ServicePointId(r.get(0)?),
            name: r.get(1)?,
            month: r.get(2)?,
            service: ServiceId(r.get(3)?),
            count: r.get(4)?,
            passed_on: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
