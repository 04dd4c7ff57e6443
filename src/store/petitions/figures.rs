//! The figures of the petition log for any period and filter: the domain's counts over the
//! matters the reader may see, and the backlog by owner, category, community and street.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::super::Result;
use super::super::values::{Day, date_col};
use super::{MatterFilter, calendar, filter_sql};
use crate::domain::RegionId;
use crate::domain::petition::MatterCategoryId;
use crate::domain::petition::figures::{Figures, MatterFacts, Timeliness, timeliness};
use crate::store::Read;

/// What a backlog row groups by; a click on it narrows the list to it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Backlog {
    /// The unit responsible.
    Owner(String),
    /// The category.
    Category(MatterCategoryId),
    /// The community or village.
    Community(RegionId),
    /// The street.
    Street(RegionId),
}

/// One group's counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BacklogRow {
    /// The group.
    pub key: Backlog,
    /// Its name (a unit, a place; a category is named by the window in its language).
    pub label: String,
    /// Matters received in the period (duplicates left out).
    pub total: u64,
    /// Of them still open.
    pub open: u64,
    /// Of them open and past the deadline.
    pub overdue: u64,
    /// Closed on time.
    pub on_time: u64,
    /// Closed late or open past the deadline.
    pub late: u64,
}

/// The figures of a period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FigureSet {
    /// All the matters together.
    pub overall: Figures,
    /// By unit responsible, the largest open backlog first.
    pub by_owner: Vec<BacklogRow>,
    /// By category.
    pub by_category: Vec<BacklogRow>,
    /// By community.
    pub by_community: Vec<BacklogRow>,
    /// By street.
    pub by_street: Vec<BacklogRow>,
}

/// The figures of the matters matching `filter` (its period is the receiving day) as of
/// `today`, narrowed to the reader's streets.
pub fn figures(conn: &Read<'_>, filter: &MatterFilter, today: Date) -> Result<FigureSet> {
    let cal = calendar(conn)?;
    let mut values = Vec::new();
    let condition = filter_sql(conn, filter, today, &mut values)?;
    let sql = format!(
        "SELECT p.received_on, p.deadline, p.status, p.closed_on, p.outcome, p.satisfaction,
                p.reopen_count, p.owner_unit, p.category_id, p.region_id, r.short_name,
                p.street_id, coalesce(s.short_name, '')
         FROM petitions p JOIN regions r ON r.id = p.region_id
         LEFT JOIN regions s ON s.id = p.street_id
         WHERE {condition}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut facts = Vec::new();
    let mut groups: BTreeMap<Backlog, (String, BacklogRow)> = BTreeMap::new();
    let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
    while let Some(r) = rows.next()? {
        let m = MatterFacts {
            received_on: date_col(r, 0)?,
            deadline: r.get::<_, Option<Day>>(1)?.map(|d| d.0),
            status: r.get(2)?,
            closed_on: r.get::<_, Option<Day>>(3)?.map(|d| d.0),
            outcome: r.get(4)?,
            satisfaction: r.get(5)?,
            reopen_count: r.get(6)?,
        };
        let when = timeliness(&m, today);
        if when != Timeliness::Duplicate {
            let keys = [
                (Backlog::Owner(r.get(7)?), r.get::<_, String>(7)?),
                (
                    Backlog::Category(MatterCategoryId(r.get(8)?)),
                    String::new(),
                ),
                (Backlog::Community(RegionId(r.get(9)?)), r.get(10)?),
            ];
            let street = r
                .get::<_, Option<i64>>(11)?
                .map(|s| (Backlog::Street(RegionId(s)), r.get::<_, String>(12)));
            let street = match street {
                Some((k, label)) => Some((k, label?)),
                None => None,
            };
            for (key, label) in keys.into_iter().chain(street) {
                let entry = groups.entry(key.clone()).or_insert_with(|| {
                    (
                        label.clone(),
                        BacklogRow {
                            key,
                            label,
                            total: 0,
                            open: 0,
                            overdue: 0,
                            on_time: 0,
                            late: 0,
                        },
                    )
                });
                let row = &mut entry.1;
                row.total += 1;
                row.open += u64::from(m.status.is_open());
                row.overdue += u64::from(when == Timeliness::LateOpen);
                row.on_time += u64::from(when == Timeliness::OnTime);
                row.late += u64::from(matches!(
                    when,
                    Timeliness::LateOpen | Timeliness::LateClosed
                ));
            }
        }
        facts.push(m);
    }
    let mut set = FigureSet {
        overall: Figures::count(&facts, &cal, today),
        ..FigureSet::default()
    };
    for (key, (_, row)) in groups {
        match key {
            Backlog::Owner(_) => set.by_owner.push(row),
            Backlog::Category(_) => set.by_category.push(row),
            Backlog::Community(_) => set.by_community.push(row),
            Backlog::Street(_) => set.by_street.push(row),
        }
    }
    for list in [
        &mut set.by_owner,
        &mut set.by_category,
        &mut set.by_community,
        &mut set.by_street,
    ] {
        // The largest backlog first; ties by name, so the order never depends on a map.
        list.sort_by(|a, b| {
            (b.open, b.overdue, &a.label, &a.key).cmp(&(a.open, a.overdue, &b.label, &b.key))
        });
    }
    Ok(set)
}
