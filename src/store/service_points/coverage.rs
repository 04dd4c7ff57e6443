//! The coverage read: the villages a reader may see with their people and coordinates, the
//! open points, the reach, and the answer computed from them (see
//! [`crate::domain::spatial::coverage`]). It takes a few milliseconds at the district's
//! size and is read off the window's thread.

use super::super::{Read, Result};
use crate::domain::RegionId;
use crate::domain::access::{Action as Access, Area};
use crate::domain::service_points::{PointStatus, Reach, ServicePointId, Tier};
use crate::domain::spatial::coverage::{
    Candidate, Site, SiteIndex, Tally, Village, VillageReach, best_sites, tallies, uncovered,
};

/// A village or community as the coverage lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct VillageRow {
    /// Its division code.
    pub code: String,
    /// Its short name.
    pub name: String,
    /// Its street's short name.
    pub street: String,
    /// Whether it holds a village point of its own (open or planned).
    pub has_point: bool,
    /// The geometry's view of it.
    pub village: Village,
}

/// A point as the coverage names it.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteRow {
    /// The point.
    pub site: Site,
    /// Its name.
    pub name: String,
}

/// A street's coverage and the article's targets.
#[derive(Clone, Debug, PartialEq)]
pub struct StreetRow {
    /// The street.
    pub id: RegionId,
    /// Its short name.
    pub name: String,
    /// Villages and people covered.
    pub tally: Tally,
    /// Open workstations in it (target: at least one).
    pub workstations: usize,
    /// Villages with a village point (target: all).
    pub villages_with_point: usize,
    /// Villages in all.
    pub villages: usize,
}

/// The whole answer.
#[derive(Clone, Debug, PartialEq)]
pub struct CoverageReport {
    /// The reach used.
    pub reach: Reach,
    /// The villages the reader may see.
    pub villages: Vec<VillageRow>,
    /// The open points with coordinates (all of the district: a village's nearest point
    /// may lie across the street's edge).
    pub sites: Vec<SiteRow>,
    /// Each village's answer, in the order of `villages`.
    pub reach_of: Vec<VillageReach>,
    /// Per street.
    pub streets: Vec<StreetRow>,
    /// For the district (or the reader's streets).
    pub total: Tally,
    /// Villages outside the circle, most people first (indexes into `villages`).
    pub uncovered: Vec<usize>,
    /// Where one more point helps most.
    pub candidates: Vec<Candidate>,
}

impl CoverageReport {
    /// The name of point `id`, if it is one of the sites.
    pub fn site_name(&self, id: ServicePointId) -> &str {
        self.sites
            .iter()
            .find(|s| s.site.id == id)
            .map_or("", |s| s.name.as_str())
    }
}

/// How many candidate sites the report ranks.
pub const CANDIDATES: usize = 20;

/// Reads what the coverage needs and computes it.
pub fn report(conn: &Read<'_>) -> Result<CoverageReport> {
    let within = conn.within(Area::ServicePoints, Access::Read)?;
    let reach = super::reach(conn)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT v.id, v.code, v.short_name, v.parent_id, coalesce(s.short_name, ''), v.lon, v.lat,
            (SELECT count(*) FROM people p WHERE p.region_id = v.id AND p.deleted_at IS NULL),
            EXISTS (SELECT 1 FROM service_points sp WHERE sp.region_id = v.id
                    AND sp.tier = 'village' AND sp.status <> 'closed')
         FROM regions v LEFT JOIN regions s ON s.id = v.parent_id
         WHERE v.level IN ('village', 'community') AND {}
         ORDER BY v.code",
        within.sql("v.id")
    ))?;
    let villages: Vec<VillageRow> = stmt
        .query_map([], |r| {
            let at = match (r.get::<_, Option<f64>>(5)?, r.get::<_, Option<f64>>(6)?) {
                (Some(lon), Some(lat)) => Some((lon, lat)),
                _ => None,
            };
            Ok(VillageRow {
                code: r.get(1)?,
                name: r.get(2)?,
                street: r.get(4)?,
                has_point: r.get(8)?,
                village: Village {
                    id: RegionId(r.get(0)?),
                    street: r.get::<_, Option<i64>>(3)?.map(RegionId),
                    at,
                    people: r.get(7)?,
                },
            })
        })?
        .collect::<Result<_, _>>()?;
    drop(stmt);
    let sites = open_sites(conn)?;
    let streets_named = street_names(conn, &within)?;
    Ok(compute(reach, villages, sites, streets_named))
}

/// The open points with coordinates, of the whole district.
fn open_sites(conn: &Read<'_>) -> Result<Vec<SiteRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, tier, lon, lat, name FROM service_points
         WHERE status = ?1 AND lon IS NOT NULL AND lat IS NOT NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([PointStatus::Open.as_str()], |r| {
        let tier: String = r.get(1)?;
        Ok((r.get::<_, i64>(0)?, tier, r.get(2)?, r.get(3)?, r.get(4)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, tier, lon, lat, name) = row?;
        let Some(tier) = Tier::parse(&tier) else {
            continue;
        };
        out.push(SiteRow {
            site: Site {
                id: ServicePointId(id),
                tier,
                at: (lon, lat),
            },
            name,
        });
    }
    Ok(out)
}

/// The streets the reader may see, with their open workstations.
fn street_names(
    conn: &Read<'_>,
    within: &super::super::Within,
) -> Result<Vec<(RegionId, String, usize)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.id, s.short_name,
            (SELECT count(*) FROM service_points p WHERE p.region_id = s.id
                AND p.tier = 'workstation' AND p.status = 'open')
         FROM regions s WHERE s.level IN ('street', 'function_area') AND {} ORDER BY s.code",
        within.sql("s.id")
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((RegionId(r.get(0)?), r.get(1)?, r.get::<_, i64>(2)? as usize))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The report from what was read (public for the benchmarks).
pub fn compute(
    reach: Reach,
    villages: Vec<VillageRow>,
    sites: Vec<SiteRow>,
    streets_named: Vec<(RegionId, String, usize)>,
) -> CoverageReport {
    let radius = reach.radius_m();
    let lat0 = villages
        .iter()
        .find_map(|v| v.village.at)
        .map_or(36.0, |a| a.1);
    let index = SiteIndex::new(sites.iter().map(|s| s.site).collect(), lat0);
    let plain: Vec<Village> = villages.iter().map(|v| v.village.clone()).collect();
    let reach_of = index.reach(&plain, radius);
    let (tally_rows, total) = tallies(&plain, &reach_of);
    let streets = streets_named
        .into_iter()
        .map(|(id, name, workstations)| {
            let of_street = villages.iter().filter(|v| v.village.street == Some(id));
            StreetRow {
                id,
                name,
                tally: tally_rows
                    .iter()
                    .find(|t| t.street == Some(id))
                    .copied()
                    .unwrap_or_default(),
                workstations,
                villages_with_point: of_street.clone().filter(|v| v.has_point).count(),
                villages: of_street.count(),
            }
        })
        .collect();
    let uncovered = uncovered(&plain, &reach_of);
    let candidates = best_sites(&plain, &reach_of, radius, CANDIDATES);
    CoverageReport {
        reach,
        villages,
        sites,
        reach_of,
        streets,
        total,
        uncovered,
        candidates,
    }
}
