//! What the placements programme answers for: the month's sheet as paid, the checks for
//! ghost workers (吃空饷), the figures at a glance and the people for the public notice.

use crate::domain::access::{self, Action as Access};
use crate::store::Read;
use std::collections::BTreeMap;

use jiff::civil::Date;
use rusqlite::params;

use super::Result;
use super::values::date_col;
use crate::domain::money::Fen;
use crate::domain::pay::{Area, Month};
use crate::domain::placement::{ExitReason, PostCategory};
use crate::domain::{PersonId, PlacementId};

/// One line of a computed sheet, with the names the sheet shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetLine {
    /// The placement.
    pub placement_id: PlacementId,
    /// Name.
    pub name: String,
    /// Full ID number; exports mask it unless asked not to.
    pub id_number: String,
    /// Village or community of the post.
    pub place: String,
    /// Post title.
    pub post: String,
    /// Urban or rural.
    pub area: Area,
    /// Days in post in the month.
    pub days_in_post: i64,
    /// Hours paid (rural), in tenths.
    pub hours_tenths: Option<i64>,
    /// Minimum-wage part.
    pub wage_fen: Fen,
    /// Social-insurance subsidy: the employer's share, to the unit or fund.
    pub social_insurance_fen: Fen,
    /// Adjustments carried.
    pub adjustment_fen: Fen,
    /// Paid on this line, to the person and the unit or fund together.
    pub total_fen: Fen,
    /// Of the adjustment, what was carried in from last month's recovery (negative or 0).
    pub carried_in_fen: Fen,
    /// What this line could not recover and carried to next month (negative or 0).
    pub carried_out_fen: Fen,
    /// Days counted as worked (urban; lines from schema 5 on).
    pub days_paid: Option<i64>,
    /// Hours entered (rural; lines from schema 5 on); `hours_tenths` are those paid.
    pub hours_entered_tenths: Option<i64>,
    /// The person's own social-insurance share, deducted.
    pub person_insurance_fen: Fen,
    /// To the person's bank account (before schema 5 the whole line went there).
    pub to_person_fen: Fen,
    /// To the host unit or the fund: both shares.
    pub to_fund_fen: Fen,
}

/// The computed lines of `month`, in sheet order (place, post, name).
///
/// A reader limited to some streets gets the lines of placements on those streets' posts.
pub fn sheet(conn: &Read<'_>, month: Month) -> Result<Vec<SheetLine>> {
    let within = conn.within(access::Area::Placements, Access::Read)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.placement_id, pe.name, pe.id_number, r.short_name, po.title, l.area, l.days_in_post,
                l.hours_tenths, l.wage_fen, l.social_insurance_fen, l.adjustment_fen, l.total_fen,
                coalesce(ci.amount_fen, 0), coalesce(co.amount_fen, 0),
                l.days_paid, l.hours_entered_tenths, l.person_insurance_fen,
                coalesce(l.to_person_fen, l.total_fen)
         FROM subsidy_lines l JOIN placements pl ON pl.id = l.placement_id
         LEFT JOIN subsidy_carries ci ON ci.month = l.month AND ci.placement_id = l.placement_id
         LEFT JOIN subsidy_carries co ON co.from_month = l.month AND co.placement_id = l.placement_id
         JOIN people pe ON pe.id = pl.person_id JOIN posts po ON po.id = pl.post_id
         JOIN regions r ON r.id = po.region_id
         WHERE l.month = ?1 AND {} ORDER BY r.code, po.title, pe.name_key, l.id",
        within.sql("po.region_id")
    ))?;
    let rows = stmt.query_map([month.to_string()], |r| {
        Ok(SheetLine {
            placement_id: PlacementId(r.get(0)?),
            name: r.get(1)?,
            id_number: r.get(2)?,
            place: r.get(3)?,
            post: r.get(4)?,
            area: r.get(5)?,
            days_in_post: r.get(6)?,
            hours_tenths: r.get(7)?,
            wage_fen: r.get(8)?,
            social_insurance_fen: r.get(9)?,
            adjustment_fen: r.get(10)?,
            total_fen: r.get(11)?,
            carried_in_fen: r.get(12)?,
            carried_out_fen: r.get(13)?,
            days_paid: r.get(14)?,
            hours_entered_tenths: r.get(15)?,
            person_insurance_fen: r.get(16)?,
            to_person_fen: r.get(17)?,
            to_fund_fen: r.get::<_, Fen>(11)? - r.get::<_, Fen>(17)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What a check found wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckKind {
    /// Paid in a month that starts after their exit.
    PaidAfterExit,
    /// The same ID number appears on more than one paid line.
    PaidTwice,
    /// Reaches the statutory retirement date during the month while the placement runs on,
    /// or is paid in a month after it: the placement ends the day before that date.
    Retirement,
    /// More hours entered than the post's monthly hours, prorated to the days in post.
    HoursAboveLimit,
    /// Paid although no attendance was entered.
    NoAttendance,
    /// Left during the month, but the line pays more days than were in post.
    ExitPaidWholeMonth,
    /// Paid with 0 days (or hours) worked, or an attendance entry left empty.
    NoDaysWorked,
    /// Paid although the person is in the wastebasket.
    PersonDeleted,
    /// Paid on a closed post, or for days outside the post's funding period.
    PostClosedOrUnfunded,
    /// A rural post paid without an accident-insurance policy covering every day in post.
    NoAccidentCover,
}

impl CheckKind {
    /// Every kind, in the order findings are listed.
    pub const ALL: &[CheckKind] = &[
        CheckKind::PaidAfterExit,
        CheckKind::PaidTwice,
        CheckKind::Retirement,
        CheckKind::HoursAboveLimit,
        CheckKind::NoAttendance,
        CheckKind::ExitPaidWholeMonth,
        CheckKind::NoDaysWorked,
        CheckKind::PersonDeleted,
        CheckKind::PostClosedOrUnfunded,
        CheckKind::NoAccidentCover,
    ];

    /// The text stored in `finding_acceptances.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::PaidAfterExit => "paid_after_exit",
            CheckKind::PaidTwice => "paid_twice",
            // The text of the flat age limit this check replaced, kept so that its
            // acceptances still read.
            CheckKind::Retirement => "past_age_limit",
            CheckKind::HoursAboveLimit => "hours_above_limit",
            CheckKind::NoAttendance => "no_attendance",
            CheckKind::ExitPaidWholeMonth => "exit_paid_whole_month",
            CheckKind::NoDaysWorked => "no_days_worked",
            CheckKind::PersonDeleted => "person_deleted",
            CheckKind::PostClosedOrUnfunded => "post_closed_or_unfunded",
            CheckKind::NoAccidentCover => "no_accident_cover",
        }
    }

    /// Reads the stored text.
    pub fn parse(s: &str) -> Option<CheckKind> {
        CheckKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// What a finding of this kind is called, in the checks view and on the sheet.
    pub fn label(self) -> crate::i18n::Text {
        use crate::i18n::placements as pl;
        match self {
            CheckKind::PaidAfterExit => pl::CHECK_PAID_AFTER_EXIT,
            CheckKind::PaidTwice => pl::CHECK_PAID_TWICE,
            CheckKind::Retirement => pl::CHECK_RETIREMENT,
            CheckKind::HoursAboveLimit => pl::CHECK_HOURS,
            CheckKind::NoAttendance => pl::CHECK_NO_ATTENDANCE,
            CheckKind::ExitPaidWholeMonth => pl::CHECK_EXIT_PAID_WHOLE_MONTH,
            CheckKind::NoDaysWorked => pl::CHECK_NO_DAYS_WORKED,
            CheckKind::PersonDeleted => pl::CHECK_PERSON_DELETED,
            CheckKind::PostClosedOrUnfunded => pl::CHECK_POST_CLOSED,
            CheckKind::NoAccidentCover => pl::CHECK_NO_ACCIDENT_COVER,
        }
    }
}

/// A finding accepted with a written reason, kept with the month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Acceptance {
    /// Why it is accepted.
    pub reason: String,
    /// Who accepted it.
    pub accepted_by: String,
    /// When.
    pub accepted_at: String,
}

/// One finding, pointing at the placement and the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What is wrong.
    pub kind: CheckKind,
    /// The placement.
    pub placement_id: PlacementId,
    /// The person.
    pub person_id: PersonId,
    /// Name, for the list.
    pub name: String,
    /// Figures for the message (dates, hours, ages).
    pub detail: String,
    /// Set when the finding was accepted with a reason; open otherwise.
    pub accepted: Option<Acceptance>,
}

/// Every finding for `month`, by kind then name, each with its acceptance if it has one.
/// Reads the computed lines, so compute first.
///
/// A reader limited to some streets gets the findings on those streets' posts.
pub fn checks(conn: &Read<'_>, month: Month) -> Result<Vec<Finding>> {
    let within = conn.within(access::Area::Placements, Access::Read)?;
    let m = month.to_string();
    let first = month.first_day().to_string();
    let last = month.last_day().to_string();
    let days = i64::from(month.days());
    use rusqlite::types::Value;
    let text = |s: &str| Value::Text(s.to_string());
    // The last day in post, as the lines are computed from.
    let last_in_post = "min(pl.agreement_end, coalesce(pl.exit_date, pl.agreement_end))";
    let queries: Vec<(CheckKind, String, Vec<Value>)> = vec![
        (
            CheckKind::PaidAfterExit,
            "SELECT pl.id, pe.id, pe.name, pl.exit_date FROM subsidy_lines l
             JOIN placements pl ON pl.id = l.placement_id JOIN people pe ON pe.id = pl.person_id
             WHERE l.month = ?1 AND l.wage_fen + l.social_insurance_fen > 0 AND pl.exit_date < ?2"
                .into(),
            vec![text(&m), text(&first)],
        ),
        (
            CheckKind::PaidTwice,
            "SELECT pl.id, pe.id, pe.name, pe.id_number FROM subsidy_lines l
             JOIN placements pl ON pl.id = l.placement_id JOIN people pe ON pe.id = pl.person_id
             WHERE l.month = ?1 AND l.total_fen > 0 AND pe.id_number IN (
                 SELECT pe2.id_number FROM subsidy_lines l2 JOIN placements pl2 ON pl2.id = l2.placement_id
                 JOIN people pe2 ON pe2.id = pl2.person_id WHERE l2.month = ?1 AND l2.total_fen > 0
                 GROUP BY pe2.id_number HAVING count(*) > 1)"
                .into(),
            vec![text(&m)],
        ),
        // The post's hours are for a whole month: someone in post 10 days of 30 may work a
        // third of them. Compared exactly (hours × days in month > limit × days in post),
        // shown to the tenth of an hour.
        (
            CheckKind::HoursAboveLimit,
            "SELECT pl.id, pe.id, pe.name,
                    printf('%g / %g', a.hours_tenths / 10.0,
                           round(po.monthly_hours_tenths * l.days_in_post * 1.0 / ?2) / 10.0)
             FROM subsidy_lines l JOIN attendance a ON a.placement_id = l.placement_id AND a.month = l.month
             JOIN placements pl ON pl.id = l.placement_id JOIN people pe ON pe.id = pl.person_id
             JOIN posts po ON po.id = pl.post_id
             WHERE l.month = ?1 AND po.monthly_hours_tenths IS NOT NULL
               AND a.hours_tenths * ?2 > po.monthly_hours_tenths * l.days_in_post"
                .into(),
            vec![text(&m), Value::Integer(days)],
        ),
        (
            CheckKind::NoAttendance,
            "SELECT pl.id, pe.id, pe.name, '' FROM subsidy_lines l
             JOIN placements pl ON pl.id = l.placement_id JOIN people pe ON pe.id = pl.person_id
             WHERE l.month = ?1 AND l.wage_fen > 0 AND NOT EXISTS (
                 SELECT 1 FROM attendance a WHERE a.placement_id = l.placement_id AND a.month = ?1)"
                .into(),
            vec![text(&m)],
        ),
        (
            CheckKind::ExitPaidWholeMonth,
            format!(
                "SELECT pl.id, pe.id, pe.name, pl.exit_date || ' · ' || l.days_in_post FROM subsidy_lines l
                 JOIN placements pl ON pl.id = l.placement_id JOIN people pe ON pe.id = pl.person_id
                 WHERE l.month = ?1 AND pl.exit_date BETWEEN ?2 AND ?3 AND l.days_in_post >
                     CAST(julianday(min({last_in_post}, ?3)) - julianday(max(pl.start_date, ?2)) AS INTEGER) + 1"
            ),
            vec![text(&m), text(&first), text(&last)],
        ),
        (
            CheckKind::NoDaysWorked,
            "SELECT pl.id, pe.id, pe.name, coalesce(CAST(a.days_worked AS TEXT), printf('%g', a.hours_tenths / 10.0), '—')
             FROM subsidy_lines l JOIN attendance a ON a.placement_id = l.placement_id AND a.month = l.month
             JOIN placements pl ON pl.id = l.placement_id JOIN people pe ON pe.id = pl.person_id
             WHERE l.month = ?1 AND l.wage_fen + l.social_insurance_fen > 0
               AND coalesce(CASE l.area WHEN 'urban' THEN a.days_worked ELSE a.hours_tenths END, 0) = 0"
                .into(),
            vec![text(&m)],
        ),
        (
            CheckKind::PersonDeleted,
            "SELECT pl.id, pe.id, pe.name, substr(pe.deleted_at, 1, 10) FROM subsidy_lines l
             JOIN placements pl ON pl.id = l.placement_id JOIN people pe ON pe.id = pl.person_id
             WHERE l.month = ?1 AND l.total_fen > 0 AND pe.deleted_at IS NOT NULL"
                .into(),
            vec![text(&m)],
        ),
        // Closed, or a day paid outside funded_from..funded_to.
        (
            CheckKind::PostClosedOrUnfunded,
            format!(
                "SELECT pl.id, pe.id, pe.name, po.status || ' · ' || po.funded_from || '~' || po.funded_to
                 FROM subsidy_lines l JOIN placements pl ON pl.id = l.placement_id
                 JOIN people pe ON pe.id = pl.person_id JOIN posts po ON po.id = pl.post_id
                 WHERE l.month = ?1 AND l.wage_fen + l.social_insurance_fen > 0
                   AND (po.status = 'closed' OR max(pl.start_date, ?2) < po.funded_from
                        OR min({last_in_post}, ?3) > po.funded_to)"
            ),
            vec![text(&m), text(&first), text(&last)],
        ),
    ];
    let mut findings = Vec::new();
    for (kind, sql, values) in queries {
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
            Ok(Finding {
                kind,
                placement_id: PlacementId(r.get(0)?),
                person_id: PersonId(r.get(1)?),
                name: r.get(2)?,
                detail: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                accepted: None,
            })
        })?;
        for row in rows {
            findings.push(row?);
        }
    }
    findings.extend(missing_accident_cover(conn, month)?);
    findings.extend(past_retirement(conn, month)?);
    let mut accepted = acceptances(conn, month)?;
    for f in &mut findings {
        f.accepted = accepted.remove(&(f.kind, f.placement_id));
    }
    findings
        .sort_by(|a, b| (a.kind, &a.name, a.placement_id).cmp(&(b.kind, &b.name, b.placement_id)));
    findings.dedup_by(|a, b| (a.kind, a.placement_id) == (b.kind, b.placement_id));
    if let Some(visible) = super::placements::visible(conn, &within)? {
        findings.retain(|f| visible.contains(&f.placement_id));
    }
    Ok(findings)
}

/// The person and name of each line of `month`, by placement; with `paying_rural`, only
/// rural lines paying a wage.
fn lines_of(
    conn: &Read<'_>,
    month: Month,
    paying_rural: bool,
) -> Result<std::collections::HashMap<PlacementId, (PersonId, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT pl.id, pe.id, pe.name FROM subsidy_lines l
         JOIN placements pl ON pl.id = l.placement_id JOIN people pe ON pe.id = pl.person_id
         WHERE l.month = ?1 AND (NOT ?2 OR (l.area = 'rural' AND l.wage_fen > 0))",
    )?;
    let rows = stmt.query_map(params![month.to_string(), paying_rural], |r| {
        Ok((
            PlacementId(r.get(0)?),
            (PersonId(r.get(1)?), r.get::<_, String>(2)?),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Rural lines paying a wage for a placement whose accident-insurance policies do not cover
/// every day in post in the month (the policy table; the old yes/no flag does not count).
/// The detail is the first day not covered, or empty when the placement has no policy.
pub fn missing_accident_cover(conn: &Read<'_>, month: Month) -> Result<Vec<Finding>> {
    let lines = lines_of(conn, month, true)?;
    Ok(super::pay_settings::uncovered_rural_days(conn, month)?
        .into_iter()
        .filter_map(|u| {
            let (person_id, name) = lines.get(&u.placement_id)?.clone();
            Some(Finding {
                kind: CheckKind::NoAccidentCover,
                placement_id: u.placement_id,
                person_id,
                name,
                detail: if u.no_policy {
                    String::new()
                } else {
                    u.first_day.to_string()
                },
                accepted: None,
            })
        })
        .collect())
}

/// Lines of `month` for a placement whose holder reaches the statutory retirement date in
/// the month while the placement runs on to that date or past it (it ends the day before:
/// record the exit), or reached it before the month (paid after retirement). The detail is
/// the retirement date.
///
/// A reader limited to some streets gets the findings on those streets' posts.
pub fn past_retirement(conn: &Read<'_>, month: Month) -> Result<Vec<Finding>> {
    let within = conn.within(access::Area::Placements, Access::Read)?;
    let mut lines = lines_of(conn, month, false)?;
    if let Some(visible) = super::placements::visible(conn, &within)? {
        lines.retain(|id, _| visible.contains(id));
    }
    let finding = |placement_id: PlacementId, date: Date| {
        let (person_id, name) = lines.get(&placement_id)?.clone();
        Some(Finding {
            kind: CheckKind::Retirement,
            placement_id,
            person_id,
            name,
            detail: date.to_string(),
            accepted: None,
        })
    };
    let mut findings = Vec::new();
    for r in super::pay_settings::retiring_in_month(conn, month)? {
        let p = super::placements::get(conn, r.placement_id)?;
        let last = p
            .exit_date
            .map_or(p.agreement_end, |d| d.min(p.agreement_end));
        if last >= r.retirement_date {
            findings.extend(finding(r.placement_id, r.retirement_date));
        }
    }
    let table = super::pay_settings::retirement_table(conn)?;
    let women_workers = super::placements::rules(conn)?.women_worker_posts;
    let mut stmt = conn.prepare_cached(
        "SELECT pl.id, pe.birth_date, pe.sex FROM subsidy_lines l
         JOIN placements pl ON pl.id = l.placement_id JOIN people pe ON pe.id = pl.person_id
         WHERE l.month = ?1 ORDER BY pl.id",
    )?;
    let rows = stmt.query_map([month.to_string()], |r| {
        Ok((
            PlacementId(r.get(0)?),
            date_col(r, 1)?,
            r.get::<_, crate::domain::id_number::Sex>(2)?,
        ))
    })?;
    for row in rows {
        let (placement, birth, sex) = row?;
        if let Some(date) =
            super::pay_settings::person_retirement(&table, women_workers, birth, sex)
            && date < month.first_day()
        {
            findings.extend(finding(placement, date));
        }
    }
    Ok(findings)
}

/// The findings of `month` accepted with a reason, by kind and placement.
pub fn acceptances(
    conn: &Read<'_>,
    month: Month,
) -> Result<std::collections::HashMap<(CheckKind, PlacementId), Acceptance>> {
    conn.reach(access::Area::Placements, Access::Read)?;
    let mut stmt = conn.prepare_cached(
        "SELECT kind, placement_id, reason, accepted_by, accepted_at FROM finding_acceptances
         WHERE month = ?1",
    )?;
    let mut rows = stmt.query([month.to_string()])?;
    let mut out = std::collections::HashMap::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        // A kind this version does not know can not be one of its findings.
        let Some(kind) = CheckKind::parse(&kind) else {
            continue;
        };
        out.insert(
            (kind, PlacementId(r.get(1)?)),
            Acceptance {
                reason: r.get(2)?,
                accepted_by: r.get(3)?,
                accepted_at: r.get(4)?,
            },
        );
    }
    Ok(out)
}

/// A finding accepted for a month, as the sheet lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcceptedFinding {
    /// What was found.
    pub kind: CheckKind,
    /// The placement.
    pub placement_id: PlacementId,
    /// The person's name.
    pub name: String,
    /// Who accepted it, when and why.
    pub acceptance: Acceptance,
}

/// The findings accepted for `month`, by kind then name, with the person's name.
///
/// A reader limited to some streets gets those on the streets' posts.
pub fn accepted_findings(conn: &Read<'_>, month: Month) -> Result<Vec<AcceptedFinding>> {
    let within = conn.within(access::Area::Placements, Access::Read)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT fa.kind, fa.placement_id, pe.name, fa.reason, fa.accepted_by, fa.accepted_at
         FROM finding_acceptances fa JOIN placements pl ON pl.id = fa.placement_id
         JOIN posts po ON po.id = pl.post_id
         JOIN people pe ON pe.id = pl.person_id WHERE fa.month = ?1 AND {}",
        within.sql("po.region_id")
    ))?;
    let mut rows = stmt.query([month.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let Some(kind) = CheckKind::parse(&r.get::<_, String>(0)?) else {
            continue;
        };
        out.push(AcceptedFinding {
            kind,
            placement_id: PlacementId(r.get(1)?),
            name: r.get(2)?,
            acceptance: Acceptance {
                reason: r.get(3)?,
                accepted_by: r.get(4)?,
                accepted_at: r.get(5)?,
            },
        });
    }
    out.sort_by(|a, b| (a.kind, &a.name, a.placement_id).cmp(&(b.kind, &b.name, b.placement_id)));
    Ok(out)
}

/// The findings of `month` neither fixed nor accepted.
pub fn open_findings(conn: &Read<'_>, month: Month) -> Result<Vec<Finding>> {
    let mut findings = checks(conn, month)?;
    findings.retain(|f| f.accepted.is_none());
    Ok(findings)
}

/// Accepts a finding of a month not yet approved, with a written reason; logged.
pub fn accept_finding(
    w: &super::Writer<'_>,
    month: Month,
    kind: CheckKind,
    placement: PlacementId,
    reason: &str,
) -> Result<i64> {
    use super::{PayrollRule, StoreError};
    w.require(access::Area::Placements, Access::Approve, None)?;
    if super::payroll::month_status(&w.read(), month)? == super::payroll::MonthStatus::Approved {
        return Err(StoreError::MonthApproved(month));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::Payroll(PayrollRule::AcceptanceReasonRequired));
    }
    if acceptances(&w.read(), month)?.contains_key(&(kind, placement)) {
        return Err(StoreError::Payroll(PayrollRule::FindingAlreadyAccepted));
    }
    w.tx().execute(
        "INSERT INTO finding_acceptances (month, kind, placement_id, reason, accepted_by, accepted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![month.to_string(), kind.as_str(), placement.0, reason, w.actor(), w.stamp()],
    )?;
    let id = w.tx().last_insert_rowid();
    w.log::<super::records::FindingAcceptanceRecord>(id, super::changes::Action::Insert, None)?;
    Ok(id)
}

/// The programme at a glance (the article's "共计安置上岗1800余人").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// People in post today.
    pub in_post: i64,
    /// Placements started this calendar year.
    pub placed_this_year: i64,
    /// Placements ever made.
    pub placed_total: i64,
    /// In post today, by post category.
    pub by_category: BTreeMap<PostCategory, i64>,
    /// In post today, by street (short name).
    pub by_street: BTreeMap<String, i64>,
    /// In post today, urban.
    pub urban: i64,
    /// In post today, rural.
    pub rural: i64,
    /// Exits this year by reason.
    pub exits_by_reason: BTreeMap<ExitReason, i64>,
    /// (still in post after 6 months, placements started at least 6 months ago).
    pub stable_6_months: (i64, i64),
    /// (still in post after 12 months, placements started at least 12 months ago).
    pub stable_12_months: (i64, i64),
}

/// The figures as of `today`.
///
/// A reader limited to some streets gets the figures of the streets' posts.
pub fn figures(conn: &Read<'_>, today: Date) -> Result<Figures> {
    let within = conn.within(access::Area::Placements, Access::Read)?;
    // Every count reads `placements pl` narrowed to the posts within.
    let placements = format!(
        "placements pl JOIN posts po ON po.id = pl.post_id AND {}",
        within.sql("po.region_id")
    );
    let t = today.to_string();
    let year_start = format!("{}-01-01", today.year());
    let active = "pl.start_date <= ?1 AND pl.agreement_end >= ?1 AND (pl.exit_date IS NULL OR pl.exit_date >= ?1)";
    let mut f = Figures {
        in_post: conn.query_row(
            &format!("SELECT count(*) FROM {placements} WHERE {active}"),
            [&t],
            |r| r.get(0),
        )?,
        placed_this_year: conn.query_row(
            &format!(
                "SELECT count(*) FROM {placements} WHERE pl.start_date >= ?2 AND pl.start_date <= ?1"
            ),
            params![t, year_start],
            |r| r.get(0),
        )?,
        placed_total: conn.query_row(&format!("SELECT count(*) FROM {placements}"), [], |r| {
            r.get(0)
        })?,
        ..Figures::default()
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT po.category, po.area, coalesce(s.short_name, ''), count(*) FROM {placements}
         JOIN regions r ON r.id = po.region_id
         LEFT JOIN regions s ON s.id = r.parent_id WHERE {active} GROUP BY 1, 2, 3"
    ))?;
    let mut rows = stmt.query([&t])?;
    while let Some(r) = rows.next()? {
        let n: i64 = r.get(3)?;
        *f.by_category
            .entry(r.get::<_, PostCategory>(0)?)
            .or_default() += n;
        match r.get::<_, Area>(1)? {
            Area::Urban => f.urban += n,
            Area::Rural => f.rural += n,
        }
        *f.by_street.entry(r.get(2)?).or_default() += n;
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT pl.exit_reason, count(*) FROM {placements}
         WHERE pl.exit_date >= ?2 AND pl.exit_date <= ?1 GROUP BY 1"
    ))?;
    let mut rows = stmt.query(params![t, year_start])?;
    while let Some(r) = rows.next()? {
        f.exits_by_reason
            .insert(r.get::<_, ExitReason>(0)?, r.get(1)?);
    }
    for (months, slot) in [(6, &mut f.stable_6_months), (12, &mut f.stable_12_months)] {
        *slot = conn.query_row(
            &format!(
                "SELECT count(*) FILTER (WHERE pl.exit_date IS NULL
                                           OR pl.exit_date >= date(pl.start_date, ?2)),
                        count(*)
                 FROM {placements} WHERE date(pl.start_date, ?2) <= ?1"
            ),
            params![t, format!("+{months} months")],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
    }
    Ok(f)
}

/// A person placed in a period, for the public notice (公示).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeRow {
    /// Name.
    pub name: String,
    /// Full ID number; the notice masks it.
    pub id_number: String,
    /// The person's village or community.
    pub place: String,
    /// Post title.
    pub post: String,
    /// First day in post.
    pub start_date: Date,
}

/// Everyone whose placement started between `from` and `to`, by start date and place.
///
/// A reader limited to some streets gets those placed on the streets' posts.
pub fn placed_between(conn: &Read<'_>, from: Date, to: Date) -> Result<Vec<NoticeRow>> {
    let within = conn.within(access::Area::Placements, Access::Read)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT pe.name, pe.id_number, r.short_name, po.title, pl.start_date
         FROM placements pl JOIN people pe ON pe.id = pl.person_id JOIN posts po ON po.id = pl.post_id
         JOIN regions r ON r.id = pe.region_id
         WHERE pl.start_date BETWEEN ?1 AND ?2 AND {} ORDER BY pl.start_date, r.code, pe.name_key",
        within.sql("po.region_id")
    ))?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
        Ok(NoticeRow {
            name: r.get(0)?,
            id_number: r.get(1)?,
            place: r.get(2)?,
            post: r.get(3)?,
            start_date: date_col(r, 4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
