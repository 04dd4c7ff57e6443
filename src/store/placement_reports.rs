//! What the placements programme answers for: the month's sheet as paid, the checks for
//! ghost workers (吃空饷), the figures at a glance and the people for the public notice.

use std::collections::BTreeMap;

use jiff::civil::Date;
use rusqlite::{Connection, params};

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
pub fn sheet(conn: &Connection, month: Month) -> Result<Vec<SheetLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.placement_id, pe.name, pe.id_number, r.short_name, po.title, l.area, l.days_in_post,
                l.hours_tenths, l.wage_fen, l.social_insurance_fen, l.adjustment_fen, l.total_fen,
                l.days_paid, l.hours_entered_tenths, l.person_insurance_fen,
                coalesce(l.to_person_fen, l.total_fen)
         FROM subsidy_lines l JOIN placements pl ON pl.id = l.placement_id
         JOIN people pe ON pe.id = pl.person_id JOIN posts po ON po.id = pl.post_id
         JOIN regions r ON r.id = po.region_id
         WHERE l.month = ?1 ORDER BY r.code, po.title, pe.name_key, l.id",
    )?;
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
            days_paid: r.get(12)?,
            hours_entered_tenths: r.get(13)?,
            person_insurance_fen: r.get(14)?,
            to_person_fen: r.get(15)?,
            to_fund_fen: r.get::<_, Fen>(11)? - r.get::<_, Fen>(15)?,
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
    /// Older than the age limit during the month.
    PastAgeLimit,
    /// More hours entered than the post's monthly hours.
    HoursAboveLimit,
    /// Paid although no attendance was entered.
    NoAttendance,
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
}

/// Every finding for `month`, by kind then name. Reads the computed lines, so compute first.
pub fn checks(
    conn: &Connection,
    month: Month,
    max_age_male: i32,
    max_age_female: i32,
) -> Result<Vec<Finding>> {
    let m = month.to_string();
    let first = month.first_day().to_string();
    let last = month.last_day().to_string();
    use rusqlite::types::Value;
    let text = |s: &str| Value::Text(s.to_string());
    let queries: [(CheckKind, &str, Vec<Value>); 5] = [
        (
            CheckKind::PaidAfterExit,
            "SELECT pl.id, pe.id, pe.name, pl.exit_date FROM subsidy_lines l
             JOIN placements pl ON pl.id = l.placement_id JOIN people pe ON pe.id = pl.person_id
             WHERE l.month = ?1 AND l.wage_fen + l.social_insurance_fen > 0 AND pl.exit_date < ?2",
            vec![text(&m), text(&first)],
        ),
        (
            CheckKind::PaidTwice,
            "SELECT pl.id, pe.id, pe.name, pe.id_number FROM subsidy_lines l
             JOIN placements pl ON pl.id = l.placement_id JOIN people pe ON pe.id = pl.person_id
             WHERE l.month = ?1 AND l.total_fen > 0 AND pe.id_number IN (
                 SELECT pe2.id_number FROM subsidy_lines l2 JOIN placements pl2 ON pl2.id = l2.placement_id
                 JOIN people pe2 ON pe2.id = pl2.person_id WHERE l2.month = ?1 AND l2.total_fen > 0
                 GROUP BY pe2.id_number HAVING count(*) > 1)",
            vec![text(&m)],
        ),
        (
            CheckKind::PastAgeLimit,
            "SELECT pl.id, pe.id, pe.name, pe.birth_date FROM subsidy_lines l
             JOIN placements pl ON pl.id = l.placement_id JOIN people pe ON pe.id = pl.person_id
             WHERE l.month = ?1 AND l.total_fen > 0 AND
                 date(pe.birth_date, '+' || (CASE pe.sex WHEN 'F' THEN ?3 ELSE ?2 END + 1) || ' years') <= ?4",
            vec![text(&m), Value::Integer(max_age_male.into()), Value::Integer(max_age_female.into()), text(&last)],
        ),
        (
            CheckKind::HoursAboveLimit,
            "SELECT pl.id, pe.id, pe.name,
                    printf('%g / %g', a.hours_tenths / 10.0, po.monthly_hours_tenths / 10.0) FROM attendance a
             JOIN placements pl ON pl.id = a.placement_id JOIN people pe ON pe.id = pl.person_id
             JOIN posts po ON po.id = pl.post_id
             WHERE a.month = ?1 AND po.monthly_hours_tenths IS NOT NULL AND a.hours_tenths > po.monthly_hours_tenths",
            vec![text(&m)],
        ),
        (
            CheckKind::NoAttendance,
            "SELECT pl.id, pe.id, pe.name, '' FROM subsidy_lines l
             JOIN placements pl ON pl.id = l.placement_id JOIN people pe ON pe.id = pl.person_id
             WHERE l.month = ?1 AND l.wage_fen > 0 AND NOT EXISTS (
                 SELECT 1 FROM attendance a WHERE a.placement_id = l.placement_id AND a.month = ?1)",
            vec![text(&m)],
        ),
    ];
    let mut findings = Vec::new();
    for (kind, sql, values) in queries {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
            Ok(Finding {
                kind,
                placement_id: PlacementId(r.get(0)?),
                person_id: PersonId(r.get(1)?),
                name: r.get(2)?,
                detail: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            })
        })?;
        for row in rows {
            findings.push(row?);
        }
    }
    findings
        .sort_by(|a, b| (a.kind, &a.name, a.placement_id).cmp(&(b.kind, &b.name, b.placement_id)));
    Ok(findings)
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
pub fn figures(conn: &Connection, today: Date) -> Result<Figures> {
    let t = today.to_string();
    let year_start = format!("{}-01-01", today.year());
    let active = "pl.start_date <= ?1 AND pl.agreement_end >= ?1 AND (pl.exit_date IS NULL OR pl.exit_date >= ?1)";
    let mut f = Figures {
        in_post: conn.query_row(
            &format!("SELECT count(*) FROM placements pl WHERE {active}"),
            [&t],
            |r| r.get(0),
        )?,
        placed_this_year: conn.query_row(
            "SELECT count(*) FROM placements WHERE start_date >= ?2 AND start_date <= ?1",
            params![t, year_start],
            |r| r.get(0),
        )?,
        placed_total: conn.query_row("SELECT count(*) FROM placements", [], |r| r.get(0))?,
        ..Figures::default()
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT po.category, po.area, coalesce(s.short_name, ''), count(*) FROM placements pl
         JOIN posts po ON po.id = pl.post_id JOIN regions r ON r.id = po.region_id
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
    let mut stmt = conn.prepare_cached(
        "SELECT exit_reason, count(*) FROM placements WHERE exit_date >= ?2 AND exit_date <= ?1 GROUP BY 1",
    )?;
    let mut rows = stmt.query(params![t, year_start])?;
    while let Some(r) = rows.next()? {
        f.exits_by_reason
            .insert(r.get::<_, ExitReason>(0)?, r.get(1)?);
    }
    for (months, slot) in [(6, &mut f.stable_6_months), (12, &mut f.stable_12_months)] {
        *slot = conn.query_row(
            "SELECT count(*) FILTER (WHERE exit_date IS NULL OR exit_date >= date(start_date, ?2)),
                    count(*)
             FROM placements WHERE date(start_date, ?2) <= ?1",
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
pub fn placed_between(conn: &Connection, from: Date, to: Date) -> Result<Vec<NoticeRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT pe.name, pe.id_number, r.short_name, po.title, pl.start_date
         FROM placements pl JOIN people pe ON pe.id = pl.person_id JOIN posts po ON po.id = pl.post_id
         JOIN regions r ON r.id = pe.region_id
         WHERE pl.start_date BETWEEN ?1 AND ?2 ORDER BY pl.start_date, r.code, pe.name_key",
    )?;
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
