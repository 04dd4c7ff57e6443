//! The month's attendance grid: who was in post on which days, and what the clerks of each
//! street entered for them (days worked, leave, rural hours).

use rusqlite::{OptionalExtension, Transaction, params};

use super::{refuse_if_approved, reopen};
use crate::domain::access::{self, Action as Access};
use crate::domain::pay::{Area, InPost, Month};
use crate::domain::{PersonId, PlacementId};
use crate::store::records::AttendanceRecord;
use crate::store::values::{Day, date_col};
use crate::store::{PayrollRule, Read, RecordKind, Result, StoreError, Within, Writer};

/// One placement's line in a month's attendance grid.
#[derive(Clone, Debug, PartialEq)]
pub struct AttendanceRow {
    /// The placement.
    pub placement_id: PlacementId,
    /// The person.
    pub person_id: PersonId,
    /// Name.
    pub name: String,
    /// Full ID number; views mask it.
    pub id_number: String,
    /// Post title.
    pub post: String,
    /// Village or community of the post.
    pub place: String,
    /// Street of the post's village or community (empty if it has none).
    pub street: String,
    /// Urban or rural.
    pub area: Area,
    /// First and last day in post.
    pub in_post: InPost,
    /// The post's monthly hours (rural).
    pub monthly_hours_tenths: Option<i64>,
    /// The post's monthly floor of hours (rural).
    pub min_hours_tenths: Option<i64>,
    /// The post's monthly ceiling of hours (rural): hours above are not paid.
    pub max_hours_tenths: Option<i64>,
    /// Days worked entered (urban).
    pub days_worked: Option<i64>,
    /// Days of approved leave entered (urban).
    pub leave_days: Option<i64>,
    /// Hours entered (rural), in tenths.
    pub hours_tenths: Option<i64>,
    /// Whether any attendance was entered.
    pub entered: bool,
}

/// Every placement in post on at least one day of `month`, with what was entered for it.
///
/// The last day in post is the earliest of the agreement's end, the exit, the post's
/// funding end, the post's closing and the day before the statutory retirement date: pay
/// stops at each of them.
///
/// A reader limited to some streets gets the placements on those streets' posts.
pub fn attendance(conn: &Read<'_>, month: Month) -> Result<Vec<AttendanceRow>> {
    let within = conn.within(access::Area::Placements, Access::Read)?;
    attendance_within(conn, month, &within)
}

/// [`attendance`] for the placements on posts `within`, unchecked: the month's sheet is
/// computed from every placement, whoever started it.
pub(super) fn attendance_within(
    conn: &Read<'_>,
    month: Month,
    within: &Within,
) -> Result<Vec<AttendanceRow>> {
    let retirement = crate::store::pay_settings::retirement_table(conn)?;
    let women_workers = crate::store::placements::rules(conn)?.women_worker_posts;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT pl.id, pl.person_id, pe.name, pe.id_number, po.title, r.short_name, po.area,
                pl.start_date,
                min(pl.agreement_end, coalesce(pl.exit_date, pl.agreement_end), po.funded_to,
                    coalesce(po.closed_on, po.funded_to)),
                po.monthly_hours_tenths, a.days_worked, a.hours_tenths, a.id IS NOT NULL,
                po.min_hours_tenths, po.max_hours_tenths, a.leave_days, pe.birth_date, pe.sex,
                coalesce(s.short_name, '')
         FROM placements pl JOIN people pe ON pe.id = pl.person_id JOIN posts po ON po.id = pl.post_id
         JOIN regions r ON r.id = po.region_id LEFT JOIN regions s ON s.id = r.parent_id
         LEFT JOIN attendance a ON a.placement_id = pl.id AND a.month = ?1
         WHERE pl.start_date <= ?3
           AND min(pl.agreement_end, coalesce(pl.exit_date, pl.agreement_end)) >= ?2 AND {}
         ORDER BY r.code, po.title, pe.name_key, pl.id",
        within.sql("po.region_id")
    ))?;
    let rows = stmt.query_map(
        params![
            month.to_string(),
            month.first_day().to_string(),
            month.last_day().to_string()
        ],
        |r| {
            let mut last_day = date_col(r, 8)?;
            let birth: Day = r.get(16)?;
            if let Some(retires) = crate::store::pay_settings::person_retirement(
                &retirement,
                women_workers,
                birth.0,
                r.get(17)?,
            ) {
                last_day = last_day.min(retires.yesterday().unwrap_or(retires));
            }
            Ok(AttendanceRow {
                placement_id: PlacementId(r.get(0)?),
                person_id: PersonId(r.get(1)?),
                name: r.get(2)?,
                id_number: r.get(3)?,
                post: r.get(4)?,
                place: r.get(5)?,
                street: r.get(18)?,
                area: r.get(6)?,
                in_post: InPost {
                    start: date_col(r, 7)?,
                    last_day: Some(last_day),
                },
                monthly_hours_tenths: r.get(9)?,
                min_hours_tenths: r.get(13)?,
                max_hours_tenths: r.get(14)?,
                days_worked: r.get(10)?,
                leave_days: r.get(15)?,
                hours_tenths: r.get(11)?,
                entered: r.get(12)?,
            })
        },
    )?;
    let rows: Vec<AttendanceRow> = rows.collect::<Result<_, _>>()?;
    // A post closed, unfunded or a person retired before the month: no day in post.
    Ok(rows
        .into_iter()
        .filter(|row| crate::domain::pay::days_in_post(month, row.in_post) > 0)
        .collect())
}

/// Enters a placement's days of approved leave (urban) for `month`.
pub fn set_leave_days(
    w: &Writer<'_>,
    placement: PlacementId,
    month: Month,
    leave_days: Option<i64>,
) -> Result<()> {
    crate::store::placements::require_placement(&w.read(), Access::Write, placement)?;
    refuse_if_approved(&w.read(), month)?;
    if leave_days.is_some_and(|d| !(0..=i64::from(month.days())).contains(&d)) {
        return Err(StoreError::Payroll(PayrollRule::AttendanceOutOfRange));
    }
    let find = |tx: &Transaction<'_>| -> Result<Option<i64>> {
        Ok(tx
            .query_row(
                "SELECT id FROM attendance WHERE placement_id = ?1 AND month = ?2",
                params![placement.0, month],
                |r| r.get(0),
            )
            .optional()?)
    };
    let written = w.upsert::<AttendanceRecord>(RecordKind::Attendance, find, |tx, before| {
        let unchanged = match before {
            Some(row) => row.leave_days == leave_days,
            None => leave_days.is_none(),
        };
        if !unchanged {
            tx.execute(
                "INSERT INTO attendance (placement_id, month, leave_days) VALUES (?1, ?2, ?3)
                 ON CONFLICT (placement_id, month) DO UPDATE SET leave_days = excluded.leave_days",
                params![placement.0, month, leave_days],
            )?;
        }
        Ok(!unchanged)
    })?;
    if written.is_some() {
        reopen(w, month)?;
    }
    Ok(())
}

/// Enters a placement's days worked (urban) or hours (rural) for `month`.
pub fn set_attendance(
    w: &Writer<'_>,
    placement: PlacementId,
    month: Month,
    days_worked: Option<i64>,
    hours_tenths: Option<i64>,
) -> Result<()> {
    crate::store::placements::require_placement(&w.read(), Access::Write, placement)?;
    refuse_if_approved(&w.read(), month)?;
    if days_worked.is_some_and(|d| !(0..=i64::from(month.days())).contains(&d))
        || hours_tenths.is_some_and(|h| h < 0)
    {
        return Err(StoreError::Payroll(PayrollRule::AttendanceOutOfRange));
    }
    let find = |tx: &Transaction<'_>| -> Result<Option<i64>> {
        Ok(tx
            .query_row(
                "SELECT id FROM attendance WHERE placement_id = ?1 AND month = ?2",
                params![placement.0, month],
                |r| r.get(0),
            )
            .optional()?)
    };
    let written = w.upsert::<AttendanceRecord>(RecordKind::Attendance, find, |tx, before| {
        let unchanged = match before {
            Some(row) => (row.days_worked, row.hours_tenths) == (days_worked, hours_tenths),
            None => days_worked.is_none() && hours_tenths.is_none(),
        };
        if !unchanged {
            tx.execute(
                "INSERT INTO attendance (placement_id, month, days_worked, hours_tenths) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (placement_id, month) DO UPDATE SET days_worked = excluded.days_worked,
                     hours_tenths = excluded.hours_tenths",
                params![placement.0, month, days_worked, hours_tenths],
            )?;
        }
        Ok(!unchanged)
    })?;
    // A computed month is open again once what it was computed from changed.
    if written.is_some() {
        reopen(w, month)?;
    }
    Ok(())
}

/// The placements in post in `month` with no days worked (urban) or hours (rural) entered.
pub fn missing_attendance(conn: &Read<'_>, month: Month) -> Result<Vec<PlacementId>> {
    Ok(attendance(conn, month)?
        .into_iter()
        .filter(|r| attendance_value(r).is_none())
        .map(|r| r.placement_id)
        .collect())
}

/// What was entered for the row: days worked (urban) or hours in tenths (rural).
pub fn attendance_value(row: &AttendanceRow) -> Option<i64> {
    match row.area {
        Area::Urban => row.days_worked,
        Area::Rural => row.hours_tenths,
    }
}
