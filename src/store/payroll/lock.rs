//! The lock of an approved month, beyond the triggers of the schema: its seal, the check
//! that its sheet still matches the seal and reproduces from the raw tables, and the arrears
//! (补发) a minimum wage published late owes the months already paid.
//!
//! The seal is kept with the month at approval: the tier and social-insurance subsidy the
//! sheet was computed with, the last minimum-wage row recorded by then (`wages_as_of`: the
//! table is history, so the rows up to it are the table as the approval knew it), and the
//! lines' count, total and SHA-256 fingerprint. SHA-256 from RustCrypto's `sha2`: a small,
//! widely reviewed crate the PDF writer builds already, so it adds no code to the program.
//! The fingerprint is a tamper check against edits made around the triggers (a `DROP
//! TRIGGER` in a shell), not a signature: whoever may write the file may also reseal it,
//! which is why [`verify_month`] also recomputes the month from the raw tables.

use crate::domain::access::{self, Action as Access};
use crate::store::Read;
use std::collections::{BTreeMap, HashSet};

use rusqlite::{OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

use super::{
    LineCalc, MonthStatus, NewAdjustment, add_adjustment, attendance, month_status, pay_rules,
    preview_with, save_wage, wage_table,
};
use crate::domain::PlacementId;
use crate::domain::money::{Fen, format_yuan};
use crate::domain::pay::{
    AbsenceBasis, AbsenceRule, Area, InsuranceTable, MinimumWage, Month, PayError, PayRules,
    WageTable, Worked, rural_pay, urban_pay,
};
use crate::i18n::{Lang, Msg, placements as pl};
use crate::store::values::date_col;
use crate::store::{PayrollRule, Result, StoreError, Writer};

/// What an approval used and what it approved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seal {
    /// The district's minimum-wage tier.
    pub tier: u8,
    /// How absence reduced urban pay.
    pub absence: AbsenceRule,
    /// The newest minimum-wage row recorded at approval; the table as of then is the rows
    /// up to it.
    pub wages_as_of: i64,
    /// Lines on the sheet.
    pub line_count: i64,
    /// What the sheet pays.
    pub total_fen: Fen,
    /// SHA-256 (hex) of the canonical text of the lines, see [`fingerprint`].
    pub fingerprint: String,
}

impl Seal {
    /// The pay rules the approval used.
    pub fn rules(&self) -> PayRules {
        PayRules {
            tier: self.tier,
            absence: self.absence,
        }
    }
}

/// The absence rule as the seal keeps it: `calendar` or `paid_days=2175`, then `;leave=1`
/// when approved leave counts as worked (`;leave=0` when not).
pub(super) fn encode_absence(rule: &AbsenceRule) -> String {
    let basis = match rule.basis {
        AbsenceBasis::CalendarDays => "calendar".to_string(),
        AbsenceBasis::PaidDays { hundredths } => format!("paid_days={hundredths}"),
    };
    format!("{basis};leave={}", u8::from(rule.leave_counts))
}

/// Reads what [`encode_absence`] wrote.
fn decode_absence(text: &str) -> Option<AbsenceRule> {
    let (basis, leave) = text.split_once(";leave=")?;
    let basis = match basis {
        "calendar" => AbsenceBasis::CalendarDays,
        other => AbsenceBasis::PaidDays {
            hundredths: other.strip_prefix("paid_days=")?.parse().ok()?,
        },
    };
    let leave_counts = match leave {
        "1" => true,
        "0" => false,
        _ => return None,
    };
    Some(AbsenceRule {
        basis,
        leave_counts,
    })
}

/// A line of an approved month that the raw tables, as of its approval, give differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineDifference {
    /// The placement.
    pub placement_id: PlacementId,
    /// The line on the sheet and the total it states (none: not on the sheet).
    pub stored: Option<(LineCalc, Fen)>,
    /// The line recomputed (none: the tables give no line).
    pub recomputed: Option<LineCalc>,
    /// The placement ended (exit or agreement) on or before the month's last day: an exit
    /// recorded after the approval explains the difference, and a recovery is due.
    pub after_exit: bool,
}

/// A line as stored, with the total it states.
pub type StoredLine = (LineCalc, Fen);

/// What [`verify_month`] found.
#[derive(Clone, Debug, PartialEq)]
pub struct Verification {
    /// The month.
    pub month: Month,
    /// Where its sheet stands.
    pub status: MonthStatus,
    /// The seal kept at approval (none: not approved).
    pub sealed: Option<Seal>,
    /// The same figures taken from the lines as they are now (none: not approved).
    pub now: Option<Seal>,
    /// Lines that the raw tables, as of approval, give differently.
    pub differences: Vec<LineDifference>,
    /// Why the month could not be recomputed, if it could not.
    pub not_recomputed: Option<Msg>,
}

impl Verification {
    /// Whether the sheet is as approved: a month not approved is not sealed and counts as
    /// intact; an approved one must match its seal line for line.
    pub fn intact(&self) -> bool {
        self.status != MonthStatus::Approved
            || matches!((&self.sealed, &self.now), (Some(s), Some(n)) if s == n)
    }

    /// Differences no later exit explains: the sheet or its raw tables were changed.
    pub fn unexplained(&self) -> impl Iterator<Item = &LineDifference> {
        self.differences.iter().filter(|d| !d.after_exit)
    }

    /// Intact, reproduced from the raw tables, and every difference explained.
    pub fn ok(&self) -> bool {
        self.intact() && self.not_recomputed.is_none() && self.unexplained().next().is_none()
    }

    /// One line for the checks, in both languages.
    pub fn summary(&self) -> Msg {
        if !self.intact() {
            return pl::sheet_altered(self.month);
        }
        if let Some(why) = &self.not_recomputed {
            return why.clone();
        }
        let unexplained = self.unexplained().count();
        let after_exit = self.differences.len() - unexplained;
        pl::sheet_verified(self.month, unexplained, after_exit)
    }
}

/// The canonical text of a sheet and its seal figures: one line per sheet line, sorted by
/// placement, with every stored column, after a header with what the approval used.
/// Returns (count, total, SHA-256 hex).
pub fn fingerprint(
    month: Month,
    rules: &PayRules,
    wages_as_of: i64,
    lines: &[(LineCalc, Fen)],
) -> (i64, Fen, String) {
    let mut sorted: Vec<&(LineCalc, Fen)> = lines.iter().collect();
    sorted.sort_by_key(|(l, _)| l.placement_id);
    let mut text = format!(
        "minsheng subsidy sheet v1\nmonth {month}\ntier {}\nabsence {}\nwages_as_of {wages_as_of}\n",
        rules.tier,
        encode_absence(&rules.absence)
    );
    for (l, total) in &sorted {
        let area = match l.area {
            Area::Urban => "urban",
            Area::Rural => "rural",
        };
        let hours = l.hours_tenths.map_or("-".to_string(), |h| h.to_string());
        let optional = |v: Option<i64>| v.map_or("-".to_string(), |v| v.to_string());
        text.push_str(&format!(
            "{} {area} {} {hours} {} {} {} {total} {} {} {} {}\n",
            l.placement_id.0,
            l.days_in_post,
            l.wage_fen,
            l.social_insurance_fen,
            l.adjustment_fen,
            l.carried_fen,
            optional(l.days_paid),
            optional(l.hours_entered_tenths),
            l.person_insurance_fen
        ));
    }
    let digest = Sha256::digest(text.as_bytes());
    let hex = digest.iter().map(|b| format!("{b:02x}")).collect();
    let total = sorted.iter().map(|(_, t)| *t).sum();
    (sorted.len() as i64, total, hex)
}

/// The month's lines as stored, with the total each states.
fn stored_lines(conn: &Read<'_>, month: Month) -> Result<Vec<(LineCalc, Fen)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.placement_id, l.area, l.days_in_post, l.hours_tenths, l.wage_fen,
                l.social_insurance_fen, l.adjustment_fen, l.total_fen, coalesce(c.amount_fen, 0),
                l.days_paid, l.hours_entered_tenths, coalesce(l.person_insurance_fen, 0)
         FROM subsidy_lines l LEFT JOIN subsidy_carries c
             ON c.from_month = l.month AND c.placement_id = l.placement_id
         WHERE l.month = ?1 ORDER BY l.placement_id, l.id",
    )?;
    let rows = stmt.query_map([month], |r| {
        Ok((
            LineCalc {
                placement_id: PlacementId(r.get(0)?),
                area: r.get(1)?,
                days_in_post: r.get(2)?,
                hours_tenths: r.get(3)?,
                wage_fen: r.get(4)?,
                social_insurance_fen: r.get(5)?,
                adjustment_fen: r.get(6)?,
                carried_fen: r.get(8)?,
                days_paid: r.get(9)?,
                hours_entered_tenths: r.get(10)?,
                person_insurance_fen: r.get(11)?,
            },
            r.get(7)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn seal_with(conn: &Read<'_>, month: Month, rules: PayRules, wages_as_of: i64) -> Result<Seal> {
    let lines = stored_lines(conn, month)?;
    let (line_count, total_fen, fingerprint) = fingerprint(month, &rules, wages_as_of, &lines);
    Ok(Seal {
        tier: rules.tier,
        absence: rules.absence,
        wages_as_of,
        line_count,
        total_fen,
        fingerprint,
    })
}

/// The seal an approval of `month` now would keep: today's pay rules and wage table, and
/// the month's computed lines.
pub(super) fn seal_for(conn: &Read<'_>, month: Month) -> Result<Seal> {
    let wages_as_of: i64 =
        conn.query_row("SELECT coalesce(max(id), 0) FROM minimum_wages", [], |r| {
            r.get(0)
        })?;
    seal_with(conn, month, pay_rules(conn)?, wages_as_of)
}

/// The seal an approval of `month` keeps, once the computed lines are found to be what the
/// tables give now: a sheet computed before a rate, a setting, a placement or an exit
/// changed would be approved with figures its seal could not reproduce.
pub(super) fn seal_for_approval(conn: &Read<'_>, month: Month) -> Result<Seal> {
    let seal = seal_for(conn, month)?;
    let rules = seal.rules();
    let table = wage_table_as_of(conn, seal.wages_as_of)?;
    let mut fresh: Vec<StoredLine> = preview_with(conn, month, &table, &rules, |_, _| true)?
        .into_iter()
        .map(|l| {
            let total = l.total_fen();
            (l, total)
        })
        .collect();
    fresh.sort_by_key(|(l, _)| l.placement_id);
    if stored_lines(conn, month)? != fresh {
        return Err(StoreError::Payroll(PayrollRule::ComputedFromOlderData));
    }
    Ok(seal)
}

/// The seal kept with `month`, if it has one.
fn kept_seal(conn: &Read<'_>, month: Month) -> Result<Option<Seal>> {
    Ok(conn
        .query_row(
            "SELECT tier, absence_rule, wages_as_of, line_count, total_fen, fingerprint
             FROM subsidy_months WHERE month = ?1 AND fingerprint IS NOT NULL",
            [month],
            |r| {
                Ok(Seal {
                    tier: r.get::<_, Option<u8>>(0)?.unwrap_or(0),
                    absence: r
                        .get::<_, Option<String>>(1)?
                        .as_deref()
                        .and_then(decode_absence)
                        .unwrap_or_default(),
                    wages_as_of: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
                    line_count: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
                    total_fen: r.get::<_, Option<i64>>(4)?.unwrap_or(0),
                    fingerprint: r.get(5)?,
                })
            },
        )
        .optional()?)
}

/// Upgrade step of schema 5: months approved before it get their seal, taken from their
/// lines as found and from the pay rules and wage table of the moment of the upgrade (the
/// best record of what they used that the file holds).
pub fn seal_approved_months(tx: &Transaction<'_>) -> Result<()> {
    let months: Vec<Month> = tx
        .prepare(
            "SELECT month FROM subsidy_months WHERE status = 'approved' AND fingerprint IS NULL",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    // The upgrade reads as nobody in particular, with every permission: it is the program
    // bringing the file up to date, not a user.
    let upgrade = crate::domain::access::Session::unrestricted("upgrade");
    let read = Read::new(tx, &upgrade);
    for month in months {
        let seal = seal_for(&read, month)?;
        tx.execute(
            "UPDATE subsidy_months SET tier = ?2, absence_rule = ?3, wages_as_of = ?4,
                 line_count = ?5, total_fen = ?6, fingerprint = ?7 WHERE month = ?1",
            params![
                month,
                seal.tier,
                encode_absence(&seal.absence),
                seal.wages_as_of,
                seal.line_count,
                seal.total_fen,
                seal.fingerprint
            ],
        )?;
    }
    Ok(())
}

/// The minimum-wage table as it stood when row `wages_as_of` was the newest.
pub fn wage_table_as_of(conn: &Read<'_>, wages_as_of: i64) -> Result<WageTable> {
    conn.reach(access::Area::Placements, Access::Read)?;
    let mut stmt = conn.prepare_cached(
        "SELECT effective_from, tier, monthly_fen, hourly_fen FROM minimum_wages
         WHERE id <= ?1 ORDER BY effective_from, tier, id",
    )?;
    let rows = stmt.query_map([wages_as_of], |r| {
        Ok(MinimumWage {
            effective_from: date_col(r, 0)?,
            tier: r.get(1)?,
            monthly_fen: r.get(2)?,
            hourly_fen: r.get(3)?,
        })
    })?;
    Ok(WageTable::new(rows.collect::<Result<_, _>>()?))
}

/// Whether an approved month relied on minimum-wage row `id`: it was recorded by the
/// approval and in force on or before the month's last day (the trigger's rule).
pub(super) fn wage_row_relied_on(conn: &Read<'_>, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM minimum_wages w JOIN subsidy_months m ON m.status = 'approved'
             WHERE w.id = ?1 AND w.id <= m.wages_as_of AND w.effective_from <= m.month || '-31')",
        [id],
        |r| r.get(0),
    )?)
}

/// Checks `month`: an approved sheet must match its seal, and is recomputed from the raw
/// tables with what the approval used (the tier and subsidy of the seal, the wage rows
/// recorded by then, the attendance and adjustments, locked since) to list lines that come
/// out differently. A month not approved has nothing to verify.
pub fn verify_month(conn: &Read<'_>, month: Month) -> Result<Verification> {
    conn.require(access::Area::Placements, Access::Read, None)?;
    let status = month_status(conn, month)?;
    let mut verification = Verification {
        month,
        status,
        sealed: None,
        now: None,
        differences: Vec::new(),
        not_recomputed: None,
    };
    if status != MonthStatus::Approved {
        return Ok(verification);
    }
    let Some(seal) = kept_seal(conn, month)? else {
        // Approved without a seal: only a hand edit does that.
        verification.now = Some(seal_for(conn, month)?);
        return Ok(verification);
    };
    let rules = seal.rules();
    verification.now = Some(seal_with(conn, month, rules, seal.wages_as_of)?);
    verification.sealed = Some(seal.clone());
    let table = wage_table_as_of(conn, seal.wages_as_of)?;
    let recomputed = match preview_with(conn, month, &table, &rules, |_, _| true) {
        Ok(lines) => lines,
        Err(e) => {
            verification.not_recomputed = Some(e.message());
            return Ok(verification);
        }
    };
    let mut by_placement: BTreeMap<PlacementId, (Option<StoredLine>, Option<LineCalc>)> =
        BTreeMap::new();
    for line in stored_lines(conn, month)? {
        let id = line.0.placement_id;
        by_placement.entry(id).or_default().0 = Some(line);
    }
    for line in recomputed {
        let id = line.placement_id;
        by_placement.entry(id).or_default().1 = Some(line);
    }
    for (placement_id, (stored, recomputed)) in by_placement {
        let same = match (&stored, &recomputed) {
            (Some((s, total)), Some(r)) => s == r && *total == r.total_fen(),
            _ => false,
        };
        if same {
            continue;
        }
        let ended: Option<String> = conn
            .query_row(
                "SELECT min(agreement_end, coalesce(exit_date, agreement_end)) FROM placements
                 WHERE id = ?1",
                [placement_id.0],
                |r| r.get(0),
            )
            .optional()?;
        let after_exit = ended.is_some_and(|d| d <= month.last_day().to_string());
        verification.differences.push(LineDifference {
            placement_id,
            stored,
            recomputed,
            after_exit,
        });
    }
    Ok(verification)
}

/// Refuses an approved sheet that no longer matches its seal ([`StoreError::SheetAltered`]):
/// what goes to the bank must be what was approved. Differences from a recomputation are
/// left to the checks: an exit recorded later explains some, and a change of the pay rules
/// in a later version of the program would make every old month differ.
pub fn require_intact(conn: &Read<'_>, month: Month) -> Result<()> {
    conn.reach(access::Area::Placements, Access::Read)?;
    if month_status(conn, month)? != MonthStatus::Approved {
        return Ok(());
    }
    let sealed = kept_seal(conn, month)?;
    let intact = match &sealed {
        Some(seal) => {
            let rules = seal.rules();
            seal_with(conn, month, rules, seal.wages_as_of)? == *seal
        }
        None => false,
    };
    if intact {
        Ok(())
    } else {
        tracing::error!("the approved sheet of {month} does not match its seal");
        Err(StoreError::SheetAltered(month))
    }
}

/// The minimum-wage part of a placement's pay in `month` under `table`. Hours in a month
/// the placement, as now recorded, has no day in post are owed nothing.
fn wage_part(
    table: &WageTable,
    rules: &PayRules,
    insurance: &InsuranceTable,
    month: Month,
    row: &super::AttendanceRow,
) -> Result<Fen> {
    let worked = Worked {
        days_worked: row.days_worked,
        leave_days: row.leave_days,
    };
    Ok(match row.area {
        Area::Urban => urban_pay(table, rules, insurance, month, row.in_post, worked)?.wage_fen,
        Area::Rural => {
            match rural_pay(
                table,
                rules,
                month,
                row.in_post,
                row.hours_tenths.unwrap_or(0),
                row.max_hours_tenths,
            ) {
                Ok(pay) => pay.wage_fen,
                Err(PayError::HoursOutsidePost) => 0,
                Err(e) => return Err(e.into()),
            }
        }
    })
}

/// The arrears (补发) a minimum-wage rate owes the months already paid, when it takes effect
/// on or before an approved month's last day (published late, or correcting a rate): for
/// every approved month of the rate's tier it touches and every placement paid on that
/// sheet, the wage part with the rate added to today's table minus the wage part without
/// it. Each is an adjustment line on the month after the last approved one, naming the
/// rate and the month; a lower rate gives negative lines (recoveries). Nothing is written.
pub fn arrears_for_wage(conn: &Read<'_>, new_rate: &MinimumWage) -> Result<Vec<NewAdjustment>> {
    conn.require(access::Area::Placements, Access::Read, None)?;
    let from = Month::of(new_rate.effective_from);
    let months: Vec<(Month, Option<u8>, Option<String>)> = conn
        .prepare_cached(
            "SELECT month, tier, absence_rule FROM subsidy_months
             WHERE status = 'approved' AND month >= ?1 ORDER BY month",
        )?
        .query_map([from], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let Some(last) = conn.query_row(
        "SELECT max(month) FROM subsidy_months WHERE status = 'approved'",
        [],
        |r| r.get::<_, Option<Month>>(0),
    )?
    else {
        return Ok(Vec::new());
    };
    let carrier = last.next();
    let without = wage_table(conn)?;
    let mut rows = without.rows().to_vec();
    rows.push(new_rate.clone());
    let with = WageTable::new(rows);
    let current = pay_rules(conn)?;
    let mut out = Vec::new();
    let insurance = crate::store::pay_settings::insurance_table(conn)?;
    for (month, tier, absence) in months {
        let rules = PayRules {
            tier: tier.unwrap_or(current.tier),
            absence: absence
                .as_deref()
                .and_then(decode_absence)
                .unwrap_or(current.absence),
        };
        if rules.tier != new_rate.tier {
            continue;
        }
        let paid: HashSet<PlacementId> = stored_lines(conn, month)?
            .into_iter()
            .map(|(l, _)| l.placement_id)
            .collect();
        let reason = pl::arrears_reason(
            new_rate.tier,
            new_rate.effective_from,
            format_yuan(new_rate.monthly_fen),
            format_yuan(new_rate.hourly_fen),
            month,
        );
        let reason = format!("{} / {}", reason.get(Lang::Zh), reason.get(Lang::En));
        for row in attendance(conn, month)? {
            if !paid.contains(&row.placement_id) {
                continue;
            }
            let amount = wage_part(&with, &rules, &insurance, month, &row)?
                - wage_part(&without, &rules, &insurance, month, &row)?;
            if amount != 0 {
                out.push(NewAdjustment {
                    month: carrier,
                    placement_id: row.placement_id,
                    corrects_month: month,
                    amount_fen: amount,
                    reason: reason.clone(),
                });
            }
        }
    }
    out.sort_by_key(|a| (a.corrects_month, a.placement_id));
    Ok(out)
}

/// Saves a minimum-wage rate together with the arrears lines shown for review; refuses
/// ([`PayrollRule::ArrearsChanged`]) when the tables changed since, so that what is written
/// is what was shown. Returns how many lines were written.
pub fn save_wage_with_arrears(
    w: &Writer<'_>,
    wage: &MinimumWage,
    verified: bool,
    source: &str,
    shown: &[NewAdjustment],
) -> Result<usize> {
    w.require(access::Area::Placements, Access::Administer, None)?;
    let arrears = arrears_for_wage(&w.read(), wage)?;
    if arrears != shown {
        return Err(StoreError::Payroll(PayrollRule::ArrearsChanged));
    }
    save_wage(w, wage, verified, source)?;
    for a in &arrears {
        add_adjustment(w, a)?;
    }
    Ok(arrears.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(placement: i64, wage_fen: Fen) -> StoredLine {
        let l = LineCalc {
            placement_id: PlacementId(placement),
            area: Area::Urban,
            days_in_post: 31,
            hours_tenths: None,
            wage_fen,
            social_insurance_fen: 50_000,
            adjustment_fen: 0,
            carried_fen: 0,
            days_paid: Some(31),
            hours_entered_tenths: None,
            person_insurance_fen: 0,
        };
        let total = l.total_fen();
        (l, total)
    }

    #[test]
    fn the_fingerprint_ignores_order_and_catches_one_fen() {
        let month = Month::new(2026, 7).unwrap();
        let rules = PayRules {
            tier: 2,
            absence: AbsenceRule::default(),
        };
        let lines = [line(1, 190_000), line(2, 95_000)];
        let reversed = [line(2, 95_000), line(1, 190_000)];
        let (count, total, hash) = fingerprint(month, &rules, 6, &lines);
        assert_eq!((count, total), (2, 240_000 + 145_000));
        assert_eq!(hash.len(), 64);
        assert_eq!(fingerprint(month, &rules, 6, &reversed).2, hash);
        // One fen on one line, another tier, another wage table: another fingerprint.
        assert_ne!(
            fingerprint(month, &rules, 6, &[line(1, 190_001), line(2, 95_000)]).2,
            hash
        );
        let tier3 = PayRules { tier: 3, ..rules };
        assert_ne!(fingerprint(month, &tier3, 6, &lines).2, hash);
        assert_ne!(fingerprint(month, &rules, 7, &lines).2, hash);
    }
}
