//! The monthly subsidy sheet (补贴发放表): attendance in, pay computed, reviewed, approved.
//!
//! A month goes open → computed → approved. Changing its attendance or adjustments sends a
//! computed month back to open; an approved month is locked by the database itself, and a
//! correction is an adjustment line in a later month.

use crate::domain::access::{self, Action as Access};
use crate::store::{Read, Within};
use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};

use super::records::{AdjustmentRecord, SubsidyMonthRecord};
use super::{PayrollRule, RecordKind, Result, StoreError, Writer, changes::Action, settings};
use crate::domain::PlacementId;
use crate::domain::money::Fen;
use crate::domain::pay::{
    AbsenceBasis, AbsenceRule, Area, Month, PayRules, WageTable, Worked, rural_pay, urban_pay,
};

mod attendance;
mod lock;
mod recovery;
mod wages;
use attendance::attendance_within;
pub use attendance::{
    AttendanceRow, attendance, attendance_value, missing_attendance, set_attendance, set_leave_days,
};
pub use lock::{
    LineDifference, Seal, Verification, arrears_for_wage, require_intact, save_wage_with_arrears,
    seal_approved_months, verify_month, wage_table_as_of,
};
pub use recovery::{Recovery, recovery_proposals, write_recoveries};
pub use wages::{WageRow, save_wage, unverified_rates, wage_rows, wage_table};

/// Setting key of the district's minimum-wage tier.
pub const TIER_KEY: &str = "pay.tier";
/// Setting key of the absence basis: `calendar` or `paid_days`.
pub const ABSENCE_BASIS_KEY: &str = "pay.absence_basis";
/// Setting key of the paid days of a month, in hundredths (2175 = 21.75).
pub const PAID_DAYS_KEY: &str = "pay.paid_days_hundredths";
/// Setting key: approved leave counts as worked (`1`) or not (`0`).
pub const LEAVE_COUNTS_KEY: &str = "pay.leave_counts";

/// Where a month's sheet stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthStatus {
    /// Attendance being filled in.
    Open,
    /// Computed, waiting for review and approval.
    Computed,
    /// Approved for payment: locked.
    Approved,
}

impl MonthStatus {
    /// The text stored in `subsidy_months.status` ("open" is never stored: no row).
    pub fn as_str(self) -> &'static str {
        match self {
            MonthStatus::Open => "open",
            MonthStatus::Computed => "computed",
            MonthStatus::Approved => "approved",
        }
    }

    /// Reads the stored text.
    pub fn parse(s: &str) -> Option<MonthStatus> {
        [
            MonthStatus::Open,
            MonthStatus::Computed,
            MonthStatus::Approved,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
    }
}

/// The sheet's state for `month`: open until it has been computed.
pub fn month_status(conn: &Read<'_>, month: Month) -> Result<MonthStatus> {
    conn.reach(access::Area::Placements, Access::Read)?;
    let status: Option<MonthStatus> = conn
        .query_row(
            "SELECT status FROM subsidy_months WHERE month = ?1",
            [month],
            |r| r.get(0),
        )
        .optional()?;
    Ok(status.unwrap_or(MonthStatus::Open))
}

fn refuse_if_approved(conn: &Read<'_>, month: Month) -> Result<()> {
    if month_status(conn, month)? == MonthStatus::Approved {
        return Err(StoreError::MonthApproved(month));
    }
    Ok(())
}

/// A computed month goes back to open when what it was computed from changes.
fn reopen(w: &Writer<'_>, month: Month) -> Result<()> {
    let Some((rowid, before)) = month_row(w, month)? else {
        return Ok(());
    };
    if before.status != MonthStatus::Computed.as_str() {
        return Ok(());
    }
    w.tx().execute(
        "UPDATE subsidy_months SET status = 'open' WHERE rowid = ?1",
        [rowid],
    )?;
    w.log(rowid, Action::Update, Some(before))
}

/// The month's row and its rowid, if the month has one.
fn month_row(w: &Writer<'_>, month: Month) -> Result<Option<(i64, SubsidyMonthRecord)>> {
    let rowid: Option<i64> = w
        .tx()
        .query_row(
            "SELECT rowid FROM subsidy_months WHERE month = ?1",
            [month],
            |r| r.get(0),
        )
        .optional()?;
    rowid
        .map(|id| Ok((id, w.existing(id, RecordKind::SubsidyMonth)?)))
        .transpose()
}

/// The pay rules for this file: the tier and how absence reduces pay (calendar days and
/// leave counted as worked unless set otherwise).
pub fn pay_rules(conn: &Read<'_>) -> Result<PayRules> {
    conn.reach(access::Area::Placements, Access::Read)?;
    let number = |key: &str, default: i64| -> Result<i64> {
        Ok(settings::parsed(conn, key)?.unwrap_or(default))
    };
    let basis = match settings::get(conn, ABSENCE_BASIS_KEY)?.as_deref() {
        Some("paid_days") => AbsenceBasis::PaidDays {
            hundredths: number(PAID_DAYS_KEY, 2175)?.max(1),
        },
        _ => AbsenceBasis::CalendarDays,
    };
    Ok(PayRules {
        tier: number(TIER_KEY, 2)?.clamp(1, 4) as u8,
        absence: AbsenceRule {
            basis,
            leave_counts: number(LEAVE_COUNTS_KEY, 1)? != 0,
        },
    })
}

/// Stores the pay rules.
pub fn set_pay_rules(w: &Writer<'_>, rules: &PayRules) -> Result<()> {
    w.require(access::Area::Placements, Access::Administer, None)?;
    settings::set(w, TIER_KEY, &rules.tier.to_string())?;
    match rules.absence.basis {
        AbsenceBasis::CalendarDays => settings::set(w, ABSENCE_BASIS_KEY, "calendar")?,
        AbsenceBasis::PaidDays { hundredths } => {
            settings::set(w, ABSENCE_BASIS_KEY, "paid_days")?;
            settings::set(w, PAID_DAYS_KEY, &hundredths.to_string())?;
        }
    }
    settings::set(
        w,
        LEAVE_COUNTS_KEY,
        if rules.absence.leave_counts { "1" } else { "0" },
    )
}

/// The rule in words, for the window next to the figures and the export.
pub fn rule_in_words(rules: &PayRules) -> crate::i18n::Msg {
    use crate::i18n::{Msg, pay_rules as pr};
    let basis: Msg = match rules.absence.basis {
        AbsenceBasis::CalendarDays => pr::RULE_CALENDAR.into(),
        AbsenceBasis::PaidDays { hundredths } => {
            pr::rule_paid_days(crate::domain::money::format_yuan(hundredths))
        }
    };
    let leave: Msg = if rules.absence.leave_counts {
        pr::RULE_LEAVE_COUNTS.into()
    } else {
        pr::RULE_LEAVE_NOT_COUNTED.into()
    };
    Msg::join([basis, leave, pr::RULE_INSURANCE.into()], " ")
}

/// A correction to an approved month, paid with a later month's sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAdjustment {
    /// The (open) month whose sheet carries it.
    pub month: Month,
    /// The placement corrected.
    pub placement_id: PlacementId,
    /// The approved month it corrects.
    pub corrects_month: Month,
    /// Positive: paid extra; negative: recovered.
    pub amount_fen: Fen,
    /// Why.
    pub reason: String,
}

/// Adds an adjustment line; it must correct an approved, earlier month.
pub fn add_adjustment(w: &Writer<'_>, a: &NewAdjustment) -> Result<i64> {
    super::placements::require_placement(&w.read(), Access::Write, a.placement_id)?;
    refuse_if_approved(&w.read(), a.month)?;
    if a.corrects_month >= a.month
        || month_status(&w.read(), a.corrects_month)? != MonthStatus::Approved
    {
        return Err(StoreError::Payroll(PayrollRule::AdjustmentTarget));
    }
    if a.amount_fen == 0 || a.reason.trim().is_empty() {
        return Err(StoreError::Payroll(PayrollRule::AdjustmentIncomplete));
    }
    w.tx().execute(
        "INSERT INTO subsidy_adjustments (month, placement_id, corrects_month, amount_fen, reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![a.month.to_string(), a.placement_id.0, a.corrects_month.to_string(), a.amount_fen, a.reason.trim(), w.stamp()],
    )?;
    let id = w.tx().last_insert_rowid();
    reopen(w, a.month)?;
    w.log::<AdjustmentRecord>(id, Action::Insert, None)?;
    Ok(id)
}

/// One computed line, before it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineCalc {
    /// The placement paid.
    pub placement_id: PlacementId,
    /// Urban or rural.
    pub area: Area,
    /// Days in post this month.
    pub days_in_post: i64,
    /// Days counted as worked (urban).
    pub days_paid: Option<i64>,
    /// Hours paid (rural).
    pub hours_tenths: Option<i64>,
    /// Hours entered (rural), which may exceed those paid.
    pub hours_entered_tenths: Option<i64>,
    /// Minimum-wage part.
    pub wage_fen: Fen,
    /// Social-insurance subsidy (urban): the employer's share, to the unit or fund.
    pub social_insurance_fen: Fen,
    /// The person's own share (urban), deducted from the wage, to the fund.
    pub person_insurance_fen: Fen,
    /// Adjustments applied on this line: the adjustment lines and what was carried in from
    /// last month, as far as this month's pay covers them.
    pub adjustment_fen: Fen,
    /// What the line could not recover (negative, or 0): carried to next month's sheet.
    pub carried_fen: Fen,
}

impl LineCalc {
    /// What is paid out on this line, to the person and to the unit or fund together.
    pub fn total_fen(&self) -> Fen {
        self.wage_fen + self.social_insurance_fen + self.adjustment_fen
    }

    /// What the person's bank line gets: wage less their share, plus adjustments.
    pub fn to_person_fen(&self) -> Fen {
        self.wage_fen - self.person_insurance_fen + self.adjustment_fen
    }

    /// What goes to the host unit or the fund: both shares.
    pub fn to_fund_fen(&self) -> Fen {
        self.social_insurance_fen + self.person_insurance_fen
    }
}

/// The lines `month`'s sheet would have, computed from attendance, the wage table and the
/// adjustments; `progress` may stop the work by returning `false`.
pub fn preview(
    conn: &Read<'_>,
    month: Month,
    progress: impl FnMut(u64, u64) -> bool,
) -> Result<Vec<LineCalc>> {
    conn.require(access::Area::Placements, Access::Read, None)?;
    preview_with(conn, month, &wage_table(conn)?, &pay_rules(conn)?, progress)
}

/// As [`preview`], with the wage table and pay rules given: those in force now, or those an
/// approval used (to reproduce an approved month).
pub fn preview_with(
    conn: &Read<'_>,
    month: Month,
    table: &WageTable,
    rules: &PayRules,
    mut progress: impl FnMut(u64, u64) -> bool,
) -> Result<Vec<LineCalc>> {
    conn.require(access::Area::Placements, Access::Read, None)?;
    // Insurance rates in force in an approved month are history (0005_lock), so the table
    // as it is now is the one its approval used.
    let insurance = super::pay_settings::insurance_table(conn)?;
    let rows = attendance_within(conn, month, &Within::District)?;
    let total = rows.len() as u64;
    let mut adjustments = adjustments_by_placement(conn, month)?;
    let mut lines = Vec::with_capacity(rows.len());
    for (n, row) in rows.iter().enumerate() {
        if n % 2000 == 0 && !progress(n as u64, total) {
            return Err(StoreError::Cancelled);
        }
        let mut line = LineCalc {
            placement_id: row.placement_id,
            area: row.area,
            days_in_post: 0,
            days_paid: None,
            hours_tenths: None,
            hours_entered_tenths: None,
            wage_fen: 0,
            social_insurance_fen: 0,
            person_insurance_fen: 0,
            adjustment_fen: adjustments.remove(&row.placement_id).unwrap_or(0),
            carried_fen: 0,
        };
        match row.area {
            Area::Urban => {
                let worked = Worked {
                    days_worked: row.days_worked,
                    leave_days: row.leave_days,
                };
                let pay = urban_pay(table, rules, &insurance, month, row.in_post, worked)?;
                line.days_in_post = i64::from(pay.days_in_post);
                line.days_paid = Some(pay.days_paid);
                line.wage_fen = pay.wage_fen;
                line.social_insurance_fen = pay.social_insurance_fen;
                line.person_insurance_fen = pay.person_insurance_fen;
            }
            Area::Rural => {
                let hours = row.hours_tenths.unwrap_or(0);
                let pay = rural_pay(
                    table,
                    rules,
                    month,
                    row.in_post,
                    hours,
                    row.max_hours_tenths,
                )?;
                line.days_in_post = i64::from(pay.days_in_post);
                line.hours_tenths = Some(pay.hours_paid_tenths);
                line.hours_entered_tenths = Some(hours);
                line.wage_fen = pay.wage_fen;
            }
        }
        lines.push(line);
    }
    // Adjustments for people no longer in post still get paid (or recovered).
    let mut rest: Vec<_> = adjustments.into_iter().collect();
    rest.sort();
    for (placement_id, amount) in rest {
        let area = super::placements::get(conn, placement_id)?.area;
        lines.push(LineCalc {
            placement_id,
            area,
            days_in_post: 0,
            days_paid: None,
            hours_tenths: None,
            hours_entered_tenths: None,
            wage_fen: 0,
            social_insurance_fen: 0,
            person_insurance_fen: 0,
            adjustment_fen: amount,
            carried_fen: 0,
        });
    }
    // No bank line goes below zero: what a recovery leaves over goes to next month.
    for line in &mut lines {
        let to_person = line.to_person_fen();
        if to_person < 0 {
            line.adjustment_fen -= to_person;
            line.carried_fen = to_person;
        }
    }
    Ok(lines)
}

fn adjustments_by_placement(
    conn: &Read<'_>,
    month: Month,
) -> Result<std::collections::HashMap<PlacementId, Fen>> {
    let mut stmt = conn.prepare_cached(
        "SELECT placement_id, sum(amount_fen) FROM (
             SELECT placement_id, amount_fen FROM subsidy_adjustments WHERE month = ?1
             UNION ALL SELECT placement_id, amount_fen FROM subsidy_carries WHERE month = ?1)
         GROUP BY placement_id",
    )?;
    let rows = stmt.query_map([month.to_string()], |r| {
        Ok((PlacementId(r.get(0)?), r.get(1)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Computes `month`'s sheet and writes its lines, replacing an earlier computation.
pub fn compute(
    w: &Writer<'_>,
    month: Month,
    progress: impl FnMut(u64, u64) -> bool,
) -> Result<(usize, Fen)> {
    w.require(access::Area::Placements, Access::Write, None)?;
    refuse_if_approved(&w.read(), month)?;
    let lines = preview(&w.read(), month, progress)?;
    let m = month.to_string();
    let before = month_row(w, month)?.map(|(_, row)| row);
    w.tx()
        .execute("DELETE FROM subsidy_lines WHERE month = ?1", [&m])?;
    w.tx().execute(
        "INSERT INTO subsidy_months (month, status, computed_at) VALUES (?1, 'computed', ?2)
         ON CONFLICT (month) DO UPDATE SET status = 'computed', computed_at = excluded.computed_at",
        params![m, w.stamp()],
    )?;
    let mut insert = w.tx().prepare_cached(
        "INSERT INTO subsidy_lines (month, placement_id, area, days_in_post, hours_tenths, wage_fen,
             social_insurance_fen, adjustment_fen, total_fen, person_insurance_fen,
             hours_entered_tenths, days_paid, to_person_fen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut total = 0;
    for l in &lines {
        insert.execute(params![
            m,
            l.placement_id.0,
            l.area,
            l.days_in_post,
            l.hours_tenths,
            l.wage_fen,
            l.social_insurance_fen,
            l.adjustment_fen,
            l.total_fen(),
            l.person_insurance_fen,
            l.hours_entered_tenths,
            l.days_paid,
            l.to_person_fen()
        ])?;
        total += l.total_fen();
    }
    drop(insert);
    write_carries(w, month, &lines)?;
    // The lines follow from the tables already logged; the month's row says it was computed.
    w.touch("subsidy_lines");
    let action = if before.is_some() {
        Action::Update
    } else {
        Action::Insert
    };
    let Some((rowid, _)) = month_row(w, month)? else {
        return Err(StoreError::NotFound(RecordKind::SubsidyMonth));
    };
    w.log(rowid, action, before)?;
    Ok((lines.len(), total))
}

/// Why `month` can not be approved on `today`, if it can not: not computed (or already
/// approved), not ended, attendance incomplete, or findings neither fixed nor accepted.
pub fn check_approvable(conn: &Read<'_>, month: Month, today: Date) -> Result<()> {
    conn.require(access::Area::Placements, Access::Read, None)?;
    match month_status(conn, month)? {
        MonthStatus::Approved => return Err(StoreError::MonthApproved(month)),
        MonthStatus::Open => {
            return Err(StoreError::Payroll(PayrollRule::NotComputed));
        }
        MonthStatus::Computed => {}
    }
    if today <= month.last_day() {
        return Err(StoreError::Payroll(PayrollRule::MonthNotEnded));
    }
    if !missing_attendance(conn, month)?.is_empty() {
        return Err(StoreError::Payroll(PayrollRule::AttendanceIncomplete));
    }
    if !super::placement_reports::open_findings(conn, month)?.is_empty() {
        return Err(StoreError::Payroll(PayrollRule::FindingsOpen));
    }
    Ok(())
}

/// [`check_approvable`] says.
pub fn approve(w: &Writer<'_>, month: Month, today: Date) -> Result<()> {
    approve_as(w, month, today, w.actor())
}

/// As [`approve`], recording `approver` (a named person, as the signed sheet shows) as the
/// one who approved instead of the account making the change.
pub fn approve_as(w: &Writer<'_>, month: Month, today: Date, approver: &str) -> Result<()> {
    w.require(access::Area::Placements, Access::Approve, None)?;
    // Who approves is settled before whether the month is ready.
    if let Some((rowid, _)) = month_row(w, month)? {
        refuse_same_hand(w, rowid)?;
    }
    check_approvable(&w.read(), month, today)?;
    let Some((rowid, before)) = month_row(w, month)? else {
        return Err(StoreError::NotFound(RecordKind::SubsidyMonth));
    };
    // The approval seals what it approves and what it was computed with (see `lock`).
    let seal = lock::seal_for_approval(&w.read(), month)?;
    w.tx().execute(
        "UPDATE subsidy_months SET status = 'approved', approved_at = ?2, approved_by = ?3,
             tier = ?4, absence_rule = ?5, wages_as_of = ?6, line_count = ?7,
             total_fen = ?8, fingerprint = ?9
         WHERE rowid = ?1",
        params![
            rowid,
            today.to_string(),
            approver,
            seal.tier,
            lock::encode_absence(&seal.absence),
            seal.wages_as_of,
            seal.line_count,
            seal.total_fen,
            seal.fingerprint
        ],
    )?;
    w.log(rowid, Action::Update, Some(before))
}

/// Separation of duties: on a ledger with accounts, the account that computed the sheet now
/// in the file may not approve it, unless the setting `separation_of_duties` is `off`. A
/// ledger without sign-in has one person at the computer and nobody to separate.
fn refuse_same_hand(w: &Writer<'_>, month_rowid: i64) -> Result<()> {
    if w.session().user.is_none()
        || super::settings::get(&w.read(), SEPARATION_OF_DUTIES)?.as_deref() == Some("off")
    {
        return Ok(());
    }
    let computed_by: Option<String> = w
        .tx()
        .query_row(
            "SELECT actor FROM changes WHERE table_name = 'subsidy_months' AND row_id = ?1
                 AND json_extract(after, '$.status') = 'computed'
             ORDER BY seq DESC LIMIT 1",
            [month_rowid],
            |r| r.get(0),
        )
        .optional()?;
    if computed_by.as_deref() == Some(w.actor()) {
        return Err(StoreError::SameHandApproves);
    }
    Ok(())
}

/// The setting that turns separation of duties off (`off`); on when absent.
pub const SEPARATION_OF_DUTIES: &str = "separation_of_duties";

/// What `month`'s lines could not recover, written for the month after (replacing what an
/// earlier computation carried); a computed next month is open again if that changed.
fn write_carries(w: &Writer<'_>, month: Month, lines: &[LineCalc]) -> Result<()> {
    let next = month.next();
    let m = month.to_string();
    let before: Vec<(i64, Fen)> = {
        let mut stmt = w.tx().prepare_cached(
            "SELECT placement_id, amount_fen FROM subsidy_carries WHERE from_month = ?1 ORDER BY placement_id",
        )?;
        let rows = stmt.query_map([&m], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut after: Vec<(i64, Fen)> = lines
        .iter()
        .filter(|l| l.carried_fen < 0)
        .map(|l| (l.placement_id.0, l.carried_fen))
        .collect();
    after.sort();
    if before == after {
        return Ok(());
    }
    if month_status(&w.read(), next)? == MonthStatus::Approved {
        return Err(StoreError::MonthApproved(next));
    }
    w.tx()
        .execute("DELETE FROM subsidy_carries WHERE from_month = ?1", [&m])?;
    let mut insert = w.tx().prepare_cached(
        "INSERT INTO subsidy_carries (from_month, month, placement_id, amount_fen) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (placement, amount) in &after {
        insert.execute(params![m, next.to_string(), placement, amount])?;
    }
    drop(insert);
    w.touch("subsidy_carries");
    reopen(w, next)
}
