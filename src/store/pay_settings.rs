//! The dated rules pay follows (social-insurance bases and rates, retirement ages), the
//! accident-insurance policies of rural placements, and the lists the month's checks turn
//! into findings: rural placements without cover, people reaching retirement.

use crate::domain::access::{Action as Access, Area};
use crate::store::Read;
use jiff::civil::Date;
use rusqlite::{OptionalExtension, Transaction, params};

use super::records::{AccidentPolicyRecord, InsuranceRateRecord, RetirementRuleRecord};
use super::values::{Day, date_col};
use super::{PlacementRule, RecordKind, Result, StoreError, Writer, changes::Action};
use crate::domain::PlacementId;
use crate::domain::id_number::Sex;
use crate::domain::money::Fen;
use crate::domain::pay::{InsuranceRate, InsuranceTable, Month};
use crate::domain::retirement::{
    RetirementGroup, RetirementRule, RetirementTable, retirement_date,
};

/// A stored row of a dated rules table: the figures, the check mark and the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked<T> {
    /// Row id.
    pub id: i64,
    /// The figures.
    pub value: T,
    /// Checked by the user.
    pub verified: bool,
    /// Where the figures came from.
    pub source: String,
}

/// The social-insurance bases and rates, oldest first.
pub fn insurance_rows(conn: &Read<'_>) -> Result<Vec<Marked<InsuranceRate>>> {
    conn.reach(Area::Placements, Access::Read)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, effective_from, base_fen, pension_employer_bp, medical_employer_bp,
                unemployment_employer_bp, injury_employer_bp, pension_person_bp,
                medical_person_bp, unemployment_person_bp, verified, source
         FROM insurance_rates ORDER BY effective_from",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Marked {
            id: r.get(0)?,
            value: InsuranceRate {
                effective_from: date_col(r, 1)?,
                base_fen: r.get(2)?,
                pension_employer_bp: r.get(3)?,
                medical_employer_bp: r.get(4)?,
                unemployment_employer_bp: r.get(5)?,
                injury_employer_bp: r.get(6)?,
                pension_person_bp: r.get(7)?,
                medical_person_bp: r.get(8)?,
                unemployment_person_bp: r.get(9)?,
            },
            verified: r.get(10)?,
            source: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The table pay reads.
pub fn insurance_table(conn: &Read<'_>) -> Result<InsuranceTable> {
    conn.reach(Area::Placements, Access::Read)?;
    Ok(InsuranceTable::new(
        insurance_rows(conn)?.into_iter().map(|r| r.value).collect(),
    ))
}

/// Adds a base with its rates, or replaces the one of the same date.
pub fn save_insurance_rate(
    w: &Writer<'_>,
    rate: &InsuranceRate,
    verified: bool,
    source: &str,
) -> Result<()> {
    w.require(Area::Placements, Access::Administer, None)?;
    let bps = [
        rate.pension_employer_bp,
        rate.medical_employer_bp,
        rate.unemployment_employer_bp,
        rate.injury_employer_bp,
        rate.pension_person_bp,
        rate.medical_person_bp,
        rate.unemployment_person_bp,
    ];
    if rate.base_fen < 0 || bps.iter().any(|bp| !(0..=10_000).contains(bp)) {
        return Err(StoreError::Placement(PlacementRule::InsuranceRateInvalid));
    }
    let from = rate.effective_from.to_string();
    let find = |tx: &Transaction<'_>| -> Result<Option<i64>> {
        Ok(tx
            .query_row(
                "SELECT id FROM insurance_rates WHERE effective_from = ?1",
                [&from],
                |r| r.get(0),
            )
            .optional()?)
    };
    w.upsert::<InsuranceRateRecord>(RecordKind::InsuranceRate, find, |tx, _| {
        tx.execute(
            "INSERT INTO insurance_rates (effective_from, base_fen, pension_employer_bp,
                 medical_employer_bp, unemployment_employer_bp, injury_employer_bp,
                 pension_person_bp, medical_person_bp, unemployment_person_bp, verified, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (effective_from) DO UPDATE SET base_fen = excluded.base_fen,
                 pension_employer_bp = excluded.pension_employer_bp,
                 medical_employer_bp = excluded.medical_employer_bp,
                 unemployment_employer_bp = excluded.unemployment_employer_bp,
                 injury_employer_bp = excluded.injury_employer_bp,
                 pension_person_bp = excluded.pension_person_bp,
                 medical_person_bp = excluded.medical_person_bp,
                 unemployment_person_bp = excluded.unemployment_person_bp,
                 verified = excluded.verified, source = excluded.source",
            params![
                from,
                rate.base_fen,
                bps[0],
                bps[1],
                bps[2],
                bps[3],
                bps[4],
                bps[5],
                bps[6],
                verified,
                source
            ],
        )?;
        Ok(true)
    })?;
    Ok(())
}

/// The retirement rules, by group then date.
pub fn retirement_rows(conn: &Read<'_>) -> Result<Vec<Marked<RetirementRule>>> {
    conn.reach(Area::Placements, Access::Read)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, grp, effective_from, original_age_years, months_per_step, max_delay_months,
                verified, source FROM retirement_rules ORDER BY grp, effective_from",
    )?;
    let rows = stmt.query_map([], |r| {
        let grp: String = r.get(1)?;
        let group = RetirementGroup::parse(&grp).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                1,
                rusqlite::types::Type::Text,
                format!("unknown retirement group {grp}").into(),
            )
        })?;
        Ok(Marked {
            id: r.get(0)?,
            value: RetirementRule {
                group,
                effective_from: date_col(r, 2)?,
                original_age_years: r.get(3)?,
                months_per_step: r.get(4)?,
                max_delay_months: r.get(5)?,
            },
            verified: r.get(6)?,
            source: r.get(7)?,
        })
    })?;
    let mut rows: Vec<_> = rows.collect::<Result<_, _>>()?;
    rows.sort_by_key(|r| (r.value.group, r.value.effective_from));
    Ok(rows)
}

/// The table retirement dates are read from.
pub fn retirement_table(conn: &Read<'_>) -> Result<RetirementTable> {
    conn.reach(Area::Placements, Access::Read)?;
    Ok(RetirementTable::new(
        retirement_rows(conn)?
            .into_iter()
            .map(|r| r.value)
            .collect(),
    ))
}

/// Adds a retirement rule, or replaces the one of the same group and date.
pub fn save_retirement_rule(
    w: &Writer<'_>,
    rule: &RetirementRule,
    verified: bool,
    source: &str,
) -> Result<()> {
    w.require(Area::Placements, Access::Administer, None)?;
    let key = (rule.group.as_str(), rule.effective_from.to_string());
    let find = |tx: &Transaction<'_>| -> Result<Option<i64>> {
        Ok(tx
            .query_row(
                "SELECT id FROM retirement_rules WHERE grp = ?1 AND effective_from = ?2",
                params![key.0, key.1],
                |r| r.get(0),
            )
            .optional()?)
    };
    w.upsert::<RetirementRuleRecord>(RecordKind::RetirementRule, find, |tx, _| {
        tx.execute(
            "INSERT INTO retirement_rules (grp, effective_from, original_age_years,
                 months_per_step, max_delay_months, verified, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (grp, effective_from) DO UPDATE SET
                 original_age_years = excluded.original_age_years,
                 months_per_step = excluded.months_per_step,
                 max_delay_months = excluded.max_delay_months,
                 verified = excluded.verified, source = excluded.source",
            params![
                key.0,
                key.1,
                rule.original_age_years,
                rule.months_per_step,
                rule.max_delay_months,
                verified,
                source
            ],
        )?;
        Ok(true)
    })?;
    Ok(())
}

/// The retirement date of a person, with the file's rules and tables.
pub fn person_retirement(
    table: &RetirementTable,
    women_worker_posts: bool,
    birth: Date,
    sex: Sex,
) -> Option<Date> {
    retirement_date(birth, sex, women_worker_posts, table)
}

/// An accident-insurance policy as entered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPolicy {
    /// 保险公司
    pub insurer: String,
    /// 保单号
    pub policy_no: String,
    /// Premium paid for the person.
    pub premium_fen: Fen,
    /// First day covered.
    pub covers_from: Date,
    /// Last day covered.
    pub covers_to: Date,
}

/// A stored policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Row id.
    pub id: i64,
    /// The placement covered.
    pub placement_id: PlacementId,
    /// The fields.
    pub fields: NewPolicy,
}

/// Records a policy covering a placement.
pub fn add_policy(w: &Writer<'_>, placement: PlacementId, p: &NewPolicy) -> Result<i64> {
    super::placements::require_placement(&w.read(), Access::Write, placement)?;
    if p.insurer.trim().is_empty()
        || p.policy_no.trim().is_empty()
        || p.premium_fen < 0
        || p.covers_to < p.covers_from
    {
        return Err(StoreError::Placement(PlacementRule::PolicyIncomplete));
    }
    super::placements::get(&w.read(), placement)?;
    w.tx().execute(
        "INSERT INTO accident_policies (placement_id, insurer, policy_no, premium_fen,
             covers_from, covers_to, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            placement.0,
            p.insurer.trim(),
            p.policy_no.trim(),
            p.premium_fen,
            p.covers_from.to_string(),
            p.covers_to.to_string(),
            w.stamp()
        ],
    )?;
    let id = w.tx().last_insert_rowid();
    w.log::<AccidentPolicyRecord>(id, Action::Insert, None)?;
    Ok(id)
}

/// A placement's policies, by start of cover.
pub fn policies(conn: &Read<'_>, placement: PlacementId) -> Result<Vec<Policy>> {
    super::placements::require_placement(conn, Access::Read, placement)?;
    policies_of(conn, placement)
}

/// [`policies`], unchecked, for a list already narrowed.
fn policies_of(conn: &Read<'_>, placement: PlacementId) -> Result<Vec<Policy>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, placement_id, insurer, policy_no, premium_fen, covers_from, covers_to
         FROM accident_policies WHERE placement_id = ?1 ORDER BY covers_from, id",
    )?;
    let rows = stmt.query_map([placement.0], |r| {
        Ok(Policy {
            id: r.get(0)?,
            placement_id: PlacementId(r.get(1)?),
            fields: NewPolicy {
                insurer: r.get(2)?,
                policy_no: r.get(3)?,
                premium_fen: r.get(4)?,
                covers_from: date_col(r, 5)?,
                covers_to: date_col(r, 6)?,
            },
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether `ranges` (any order, may overlap) cover every day from `first` to `last`.
#[cfg(test)]
fn covered(ranges: Vec<(Date, Date)>, first: Date, last: Date) -> bool {
    first_uncovered(ranges, first, last).is_none()
}

/// The first day from `first` to `last` that none of `ranges` (any order, may overlap)
/// covers, if there is one.
fn first_uncovered(mut ranges: Vec<(Date, Date)>, first: Date, last: Date) -> Option<Date> {
    ranges.sort();
    let mut next = first;
    for (from, to) in ranges {
        if from > next {
            break;
        }
        if to >= next {
            match to.tomorrow() {
                Ok(day) => next = day,
                Err(_) => return None,
            }
        }
        if next > last {
            return None;
        }
    }
    (next <= last).then_some(next)
}

/// A rural placement not covered on every day in post in a month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uncovered {
    /// The placement.
    pub placement_id: PlacementId,
    /// The first day in post in the month that no policy covers.
    pub first_day: Date,
    /// Whether the placement has no policy at all.
    pub no_policy: bool,
}

/// Rural placements in post on at least one day of `month` whose policies do not cover
/// every one of those days (the old yes/no flag is not a policy and does not count).
pub fn uncovered_rural_placements(conn: &Read<'_>, month: Month) -> Result<Vec<PlacementId>> {
    Ok(uncovered_rural_days(conn, month)?
        .into_iter()
        .map(|u| u.placement_id)
        .collect())
}

/// As [`uncovered_rural_placements`], with the first day not covered of each.
///
/// A reader limited to some streets gets the placements on those streets' posts.
pub fn uncovered_rural_days(conn: &Read<'_>, month: Month) -> Result<Vec<Uncovered>> {
    let within = conn.within(Area::Placements, Access::Read)?;
    let (first, last) = (month.first_day(), month.last_day());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT pl.id, max(pl.start_date, ?1),
                min(?2, pl.agreement_end, coalesce(pl.exit_date, ?2), po.funded_to,
                    coalesce(po.closed_on, ?2))
         FROM placements pl JOIN posts po ON po.id = pl.post_id
         WHERE po.area = 'rural' AND pl.start_date <= ?2
           AND min(pl.agreement_end, coalesce(pl.exit_date, pl.agreement_end)) >= ?1 AND {}
         ORDER BY pl.id",
        within.sql("po.region_id")
    ))?;
    let spans: Vec<(i64, Day, Day)> = stmt
        .query_map(params![first.to_string(), last.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (id, from, to) in spans {
        if to.0 < from.0 {
            continue;
        }
        let ranges: Vec<(Date, Date)> = policies_of(conn, PlacementId(id))?
            .into_iter()
            .map(|p| (p.fields.covers_from, p.fields.covers_to))
            .collect();
        let no_policy = ranges.is_empty();
        if let Some(day) = first_uncovered(ranges, from.0, to.0) {
            out.push(Uncovered {
                placement_id: PlacementId(id),
                first_day: day,
                no_policy,
            });
        }
    }
    Ok(out)
}

/// A placement whose holder reaches the retirement date in a month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retiring {
    /// The placement.
    pub placement_id: PlacementId,
    /// The first day of retirement; the last day in post is the day before.
    pub retirement_date: Date,
}

/// Placements in post during `month` (not exited before it) whose holder's retirement date
/// falls inside the month.
///
/// A reader limited to some streets gets the placements on those streets' posts.
pub fn retiring_in_month(conn: &Read<'_>, month: Month) -> Result<Vec<Retiring>> {
    let within = conn.within(Area::Placements, Access::Read)?;
    let table = retirement_table(conn)?;
    let women_workers = super::placements::rules(conn)?.women_worker_posts;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT pl.id, pe.birth_date, pe.sex FROM placements pl JOIN people pe ON pe.id = pl.person_id
         JOIN posts po ON po.id = pl.post_id
         WHERE pl.start_date <= ?2
           AND min(pl.agreement_end, coalesce(pl.exit_date, pl.agreement_end)) >= ?1 AND {}
         ORDER BY pl.id",
        within.sql("po.region_id")
    ))?;
    let rows: Vec<(i64, Day, Sex)> = stmt
        .query_map(
            params![month.first_day().to_string(), month.last_day().to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
        .collect::<Result<_, _>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, birth, sex)| {
            let date = person_retirement(&table, women_workers, birth.0, sex)?;
            (month.first_day() <= date && date <= month.last_day()).then_some(Retiring {
                placement_id: PlacementId(id),
                retirement_date: date,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::{covered, first_uncovered};
    use jiff::civil::date;

    #[test]
    fn cover_must_reach_every_day() {
        let (first, last) = (date(2026, 11, 1), date(2026, 11, 30));
        let year = (date(2026, 1, 1), date(2026, 12, 31));
        assert!(covered(vec![year], first, last));
        // Two policies back to back cover; a one-day gap does not.
        let a = (date(2026, 1, 1), date(2026, 11, 15));
        let b = (date(2026, 11, 16), date(2027, 11, 15));
        assert!(covered(vec![b, a], first, last));
        let late = (date(2026, 11, 17), date(2027, 11, 15));
        assert!(!covered(vec![a, late], first, last));
        assert!(!covered(vec![], first, last));
        // Ending on the 29th leaves the 30th bare.
        assert!(!covered(
            vec![(date(2026, 1, 1), date(2026, 11, 29))],
            first,
            last
        ));
    }

    #[test]
    fn the_first_day_not_covered_is_named() {
        let (first, last) = (date(2026, 11, 1), date(2026, 11, 30));
        assert_eq!(first_uncovered(vec![], first, last), Some(first));
        // Covered to the 15th, then from the 17th: the 16th is bare.
        let a = (date(2026, 1, 1), date(2026, 11, 15));
        let late = (date(2026, 11, 17), date(2027, 11, 15));
        assert_eq!(
            first_uncovered(vec![late, a], first, last),
            Some(date(2026, 11, 16))
        );
        // A policy starting on the 10th leaves the 1st bare.
        assert_eq!(
            first_uncovered(vec![(date(2026, 11, 10), date(2027, 11, 9))], first, last),
            Some(first)
        );
        assert_eq!(
            first_uncovered(vec![(date(2026, 1, 1), date(2026, 12, 31))], first, last),
            None
        );
    }
}
