//! The 10-minute circle (覆盖分析): for each village its nearest open point of each tier,
//! whether any lies within the reach, coverage by street, and where one more point would
//! bring the most people inside.
//!
//! The nearest points come from an R-tree (rstar) on a local metric plane; the distance
//! reported is the haversine one. A village without coordinates is neither covered nor
//! uncovered: it is listed apart, to be placed.

use rstar::RTree;
use rstar::primitives::GeomWithData;

use super::{LocalPlane, distance_m};
use crate::domain::RegionId;
use crate::domain::service_points::{ServicePointId, Tier};

/// A village or community, where people live.
#[derive(Clone, Debug, PartialEq)]
pub struct Village {
    /// The place.
    pub id: RegionId,
    /// Its street or function area.
    pub street: Option<RegionId>,
    /// WGS-84 `(lon, lat)`, if known.
    pub at: Option<(f64, f64)>,
    /// People registered there.
    pub people: i64,
}

/// An open point, where people are served.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Site {
    /// The point.
    pub id: ServicePointId,
    /// Its tier.
    pub tier: Tier,
    /// WGS-84 `(lon, lat)`.
    pub at: (f64, f64),
}

/// The nearest point of a tier.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Nearest {
    /// The point.
    pub point: ServicePointId,
    /// Straight-line metres.
    pub distance_m: f64,
}

/// One village's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct VillageReach {
    /// Index into the villages given.
    pub village: usize,
    /// The nearest open point of each tier ([`Tier::index`]); none if the village has no
    /// coordinates or the tier no open point.
    pub nearest: [Option<Nearest>; 4],
    /// The nearest of all.
    pub closest: Option<Nearest>,
    /// Whether the closest lies within the reach.
    pub covered: bool,
}

/// Coverage of a street (or of the district, with `street` none).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    /// The street; none for the district.
    pub street: Option<RegionId>,
    /// Villages with coordinates.
    pub villages: usize,
    /// Of those, within the reach.
    pub villages_covered: usize,
    /// People in the villages with coordinates.
    pub people: i64,
    /// Of those, within the reach.
    pub people_covered: i64,
    /// Villages without coordinates (not counted above).
    pub unplaced: usize,
}

impl Tally {
    /// Share of people covered, 0–1 (1 when there is nobody).
    pub fn people_share(&self) -> f64 {
        if self.people == 0 {
            1.0
        } else {
            self.people_covered as f64 / self.people as f64
        }
    }

    /// Share of villages covered, 0–1.
    pub fn village_share(&self) -> f64 {
        if self.villages == 0 {
            1.0
        } else {
            self.villages_covered as f64 / self.villages as f64
        }
    }
}

type Indexed = GeomWithData<[f64; 2], usize>;

/// The open points' index, built once per set of points.
pub struct SiteIndex {
    plane: LocalPlane,
    by_tier: [RTree<Indexed>; 4],
    all: RTree<Indexed>,
    sites: Vec<Site>,
}

impl SiteIndex {
    /// Indexes `sites` on the plane around latitude `lat0`.
    pub fn new(sites: Vec<Site>, lat0: f64) -> SiteIndex {
        let plane = LocalPlane::around(lat0);
        let entries = |tier: Option<Tier>| -> Vec<Indexed> {
            sites
                .iter()
                .enumerate()
                .filter(|(_, s)| tier.is_none_or(|t| t == s.tier))
                .map(|(i, s)| GeomWithData::new(plane.xy(s.at), i))
                .collect()
        };
        let by_tier = Tier::ALL.map(|t| RTree::bulk_load(entries(Some(t))));
        SiteIndex {
            plane,
            by_tier,
            all: RTree::bulk_load(entries(None)),
            sites,
        }
    }

    fn nearest_in(&self, tree: &RTree<Indexed>, at: (f64, f64)) -> Option<Nearest> {
        let found = tree.nearest_neighbor(&self.plane.xy(at))?;
        let site = &self.sites[found.data];
        Some(Nearest {
            point: site.id,
            distance_m: distance_m(at, site.at),
        })
    }

    /// The nearest open point of any tier to `at`.
    pub fn nearest(&self, at: (f64, f64)) -> Option<Nearest> {
        self.nearest_in(&self.all, at)
    }

    /// Each village's nearest points and whether it is inside a circle of `radius_m`.
    pub fn reach(&self, villages: &[Village], radius_m: f64) -> Vec<VillageReach> {
        villages
            .iter()
            .enumerate()
            .map(|(index, v)| {
                let Some(at) = v.at else {
                    return VillageReach {
                        village: index,
                        nearest: [None; 4],
                        closest: None,
                        covered: false,
                    };
                };
                let nearest = Tier::ALL.map(|t| self.nearest_in(&self.by_tier[t.index()], at));
                let closest = nearest
                    .iter()
                    .flatten()
                    .copied()
                    .min_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
                VillageReach {
                    village: index,
                    nearest,
                    closest,
                    covered: closest.is_some_and(|c| c.distance_m <= radius_m),
                }
            })
            .collect()
    }
}

/// Coverage per street, in the order streets first appear, then the district's total.
pub fn tallies(villages: &[Village], reach: &[VillageReach]) -> (Vec<Tally>, Tally) {
    let mut streets: Vec<Tally> = Vec::new();
    let mut district = Tally::default();
    for r in reach {
        let v = &villages[r.village];
        let position = match streets.iter().position(|t| t.street == v.street) {
            Some(p) => p,
            None => {
                streets.push(Tally {
                    street: v.street,
                    ..Tally::default()
                });
                streets.len() - 1
            }
        };
        for tally in [&mut streets[position], &mut district] {
            if v.at.is_none() {
                tally.unplaced += 1;
                continue;
            }
            tally.villages += 1;
            tally.people += v.people;
            if r.covered {
                tally.villages_covered += 1;
                tally.people_covered += v.people;
            }
        }
    }
    (streets, district)
}

/// The villages outside the circle, most people first (then by index, so the order is
/// stable).
pub fn uncovered(villages: &[Village], reach: &[VillageReach]) -> Vec<usize> {
    let mut out: Vec<usize> = reach
        .iter()
        .filter(|r| !r.covered && villages[r.village].at.is_some())
        .map(|r| r.village)
        .collect();
    out.sort_by_key(|&i| (std::cmp::Reverse(villages[i].people), i));
    out
}

/// A place for one more point and what it would bring.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The uncovered village the point would stand in.
    pub village: usize,
    /// People of the uncovered villages (itself included) it would bring inside the circle.
    pub people_brought: i64,
    /// Those villages.
    pub villages_brought: Vec<usize>,
}

/// "Where would one more point help most": each uncovered village as a site, ranked by the
/// people of uncovered villages within `radius_m` of it; at most `limit`.
pub fn best_sites(
    villages: &[Village],
    reach: &[VillageReach],
    radius_m: f64,
    limit: usize,
) -> Vec<Candidate> {
    let open = uncovered(villages, reach);
    let Some(lat0) = open.first().and_then(|&i| villages[i].at).map(|a| a.1) else {
        return Vec::new();
    };
    let plane = LocalPlane::around(lat0);
    let tree: RTree<Indexed> = RTree::bulk_load(
        open.iter()
            .filter_map(|&i| villages[i].at.map(|at| GeomWithData::new(plane.xy(at), i)))
            .collect(),
    );
    let mut out: Vec<Candidate> = open
        .iter()
        .filter_map(|&i| {
            let at = villages[i].at?;
            // A little slack on the plane, then the exact distance decides.
            let slack = radius_m * 1.01;
            let mut brought: Vec<usize> = tree
                .locate_within_distance(plane.xy(at), slack * slack)
                .map(|e| e.data)
                .filter(|&j| {
                    villages[j]
                        .at
                        .is_some_and(|b| distance_m(at, b) <= radius_m)
                })
                .collect();
            brought.sort_unstable();
            Some(Candidate {
                village: i,
                people_brought: brought.iter().map(|&j| villages[j].people).sum(),
                villages_brought: brought,
            })
        })
        .collect();
    out.sort_by_key(|c| (std::cmp::Reverse(c.people_brought), c.village));
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Metres east and north of a corner near 艾山街道, as `(lon, lat)`.
    fn at(east_m: f64, north_m: f64) -> (f64, f64) {
        let plane = LocalPlane::around(36.05);
        let origin = plane.xy((117.80, 36.05));
        plane.lon_lat([origin[0] + east_m, origin[1] + north_m])
    }

    fn village(id: i64, street: i64, east: f64, north: f64, people: i64) -> Village {
        Village {
            id: RegionId(id),
            street: Some(RegionId(street)),
            at: Some(at(east, north)),
            people,
        }
    }

    fn site(id: i64, tier: Tier, east: f64, north: f64) -> Site {
        Site {
            id: ServicePointId(id),
            tier,
            at: at(east, north),
        }
    }

    /// Street 1: villages at 0, 500 and 1,500 m east; street 2: two villages 3 km north,
    /// 400 m apart, and one with no coordinates. A workstation at 0, a village point at
    /// 2,000 m east, the hall far away at 10 km.
    fn layout() -> (Vec<Village>, SiteIndex) {
        let villages = vec![
            village(1, 1, 0.0, 0.0, 100),
            village(2, 1, 500.0, 0.0, 50),
            village(3, 1, 1_500.0, 0.0, 80),
            village(4, 2, 0.0, 3_000.0, 200),
            village(5, 2, 400.0, 3_000.0, 120),
            Village {
                id: RegionId(6),
                street: Some(RegionId(2)),
                at: None,
                people: 30,
            },
        ];
        let sites = vec![
            site(10, Tier::Workstation, 0.0, 0.0),
            site(11, Tier::Village, 2_000.0, 0.0),
            site(12, Tier::Hall, 10_000.0, 0.0),
        ];
        (villages, SiteIndex::new(sites, 36.05))
    }

    #[test]
    fn each_village_finds_its_nearest_point_of_each_tier() {
        let (villages, index) = layout();
        let reach = index.reach(&villages, 640.0);
        let ws = reach[1].nearest[Tier::Workstation.index()].unwrap();
        assert_eq!(ws.point, ServicePointId(10));
        assert!((ws.distance_m - 500.0).abs() < 2.0, "{}", ws.distance_m);
        let vp = reach[2].nearest[Tier::Village.index()].unwrap();
        assert_eq!(vp.point, ServicePointId(11));
        assert!((vp.distance_m - 500.0).abs() < 2.0);
        assert_eq!(reach[2].closest.unwrap().point, ServicePointId(11));
        assert!(reach[0].nearest[Tier::Hospital.index()].is_none());
        assert_eq!(
            reach.iter().map(|r| r.covered).collect::<Vec<_>>(),
            [true, true, true, false, false, false]
        );
        assert!(reach[5].closest.is_none(), "no coordinates, no answer");
    }

    #[test]
    fn coverage_is_counted_by_street_and_for_the_district() {
        let (villages, index) = layout();
        let reach = index.reach(&villages, 640.0);
        let (streets, district) = tallies(&villages, &reach);
        assert_eq!(streets.len(), 2);
        assert_eq!((streets[0].villages, streets[0].villages_covered), (3, 3));
        assert_eq!((streets[0].people, streets[0].people_covered), (230, 230));
        assert_eq!((streets[1].villages, streets[1].villages_covered), (2, 0));
        assert_eq!(streets[1].unplaced, 1);
        assert_eq!((district.people, district.people_covered), (550, 230));
        assert!((district.village_share() - 0.6).abs() < 1e-9);
        // A shorter reach leaves the village 500 m away out.
        let reach = index.reach(&villages, 400.0);
        assert_eq!(uncovered(&villages, &reach), vec![3, 4, 2, 1]);
    }

    #[test]
    fn one_more_point_goes_where_it_brings_most_people_in() {
        let (villages, index) = layout();
        let reach = index.reach(&villages, 640.0);
        let best = best_sites(&villages, &reach, 640.0, 5);
        // Either northern village brings both in (320 people); the larger one is listed
        // first on a tie? Both bring 320: the tie goes to the earlier village.
        assert_eq!(best[0].people_brought, 320);
        assert_eq!(best[0].village, 3);
        assert_eq!(best[0].villages_brought, vec![3, 4]);
        assert_eq!(best.len(), 2);
        // With a 300 m reach each brings only itself.
        let reach = index.reach(&villages, 300.0);
        let best = best_sites(&villages, &reach, 300.0, 10);
        assert_eq!(best[0].village, 3);
        assert_eq!(best[0].people_brought, 200);
    }
}
