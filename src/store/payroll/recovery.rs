//! Recovering what approved months overpaid once a late exit is recorded: proposed as
//! negative adjustments on the next open month, written with their reasons.

use rusqlite::params;

use super::{MonthStatus, NewAdjustment, add_adjustment, month_status, pay_rules, wage_table};
use crate::domain::PlacementId;
use crate::domain::access::Action as Access;
use crate::domain::money::Fen;
use crate::domain::pay::{Area, InPost, Month, Worked, rural_pay, urban_pay};
use crate::store::{Read, Result, Writer};

/// A recovery proposed for an approved month a late exit shows was overpaid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovery {
    /// The approved month overpaid.
    pub corrects_month: Month,
    /// Wage and subsidy paid on its line, with corrections already made to it.
    pub paid_fen: Fen,
    /// What was due up to the exit.
    pub due_fen: Fen,
    /// The adjustment proposed: due − paid, negative.
    pub amount_fen: Fen,
    /// The open month whose sheet carries it.
    pub month: Month,
}

/// For a placement whose exit falls on or before the end of approved months it was paid
/// for, what each such month overpaid, proposed as negative adjustments on the first month
/// after them that is not approved. Rural hours are taken as spread evenly over the days in
/// post (the pay rule), so the hours up to the exit are the entered hours × days to the exit
/// ÷ days paid, to the tenth.
pub fn recovery_proposals(conn: &Read<'_>, placement: PlacementId) -> Result<Vec<Recovery>> {
    let p = crate::store::placements::get(conn, placement)?;
    let Some(exit) = p.exit_date else {
        return Ok(Vec::new());
    };
    let table = wage_table(conn)?;
    let rules = pay_rules(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT l.month, l.days_in_post, l.hours_tenths, l.wage_fen + l.social_insurance_fen, l.days_paid,
                (SELECT coalesce(sum(a.amount_fen), 0) FROM subsidy_adjustments a
                 WHERE a.placement_id = l.placement_id AND a.corrects_month = l.month)
         FROM subsidy_lines l JOIN subsidy_months m ON m.month = l.month AND m.status = 'approved'
         WHERE l.placement_id = ?1 AND l.month >= ?2 ORDER BY l.month",
    )?;
    /// An approved month's line: month, days in post, hours, wage and subsidy paid, days
    /// counted as worked, and the corrections already made to it.
    type PaidLine = (Month, i64, Option<i64>, Fen, Option<i64>, Fen);
    let rows: Vec<PaidLine> = stmt
        .query_map(params![placement.0, Month::of(exit).to_string()], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let in_post = InPost {
        start: p.start_date,
        last_day: Some(exit.min(p.agreement_end)),
    };
    let mut out = Vec::new();
    let insurance = crate::store::pay_settings::insurance_table(conn)?;
    for (month, days_paid, hours, paid, worked, corrected) in rows {
        let due = match p.area {
            // The days counted as worked stand, up to the days left in post.
            Area::Urban => {
                let left = i64::from(crate::domain::pay::days_in_post(month, in_post));
                let worked = Worked {
                    days_worked: worked.map(|d| d.min(left)),
                    leave_days: None,
                };
                urban_pay(&table, &rules, &insurance, month, in_post, worked)?.total_fen()
            }
            Area::Rural => {
                let days = i64::from(crate::domain::pay::days_in_post(month, in_post));
                let hours = hours.unwrap_or(0);
                let kept = if days_paid == 0 {
                    0
                } else {
                    (2 * hours * days + days_paid) / (2 * days_paid)
                };
                rural_pay(&table, &rules, month, in_post, kept, None)?.total_fen()
            }
        };
        let paid = paid + corrected;
        if paid > due {
            out.push(Recovery {
                corrects_month: month,
                paid_fen: paid,
                due_fen: due,
                amount_fen: due - paid,
                month,
            });
        }
    }
    if let Some(last) = out.last().map(|r| r.corrects_month) {
        let mut pay_month = last.next();
        while month_status(conn, pay_month)? == MonthStatus::Approved {
            pay_month = pay_month.next();
        }
        for r in &mut out {
            r.month = pay_month;
        }
    }
    Ok(out)
}

/// Writes the proposed recoveries as adjustments, each with its reason.
pub fn write_recoveries(
    w: &Writer<'_>,
    placement: PlacementId,
    recoveries: &[Recovery],
    reason: impl Fn(&Recovery) -> String,
) -> Result<()> {
    crate::store::placements::require_placement(&w.read(), Access::Write, placement)?;
    for r in recoveries {
        add_adjustment(
            w,
            &NewAdjustment {
                month: r.month,
                placement_id: placement,
                corrects_month: r.corrects_month,
                amount_fen: r.amount_fen,
                reason: reason(r),
            },
        )?;
    }
    Ok(())
}
