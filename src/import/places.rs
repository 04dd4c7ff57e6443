//! Street and village names as offices write them, matched to the region tree: the full
//! name (汶源街道办事处), the short one (汶源街道), the bare one (汶源), with or without the
//! district in front. A name that matches nothing is refused with the nearest names; a place
//! is never created by an import.

use super::clean::normalise;
use crate::domain::RegionId;
use crate::domain::region::RegionLevel;

/// A place of the tree, as the matcher needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Row id.
    pub id: RegionId,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Level.
    pub level: RegionLevel,
    /// The place above.
    pub parent: Option<RegionId>,
}

/// Why a place name was not matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlaceProblem {
    /// No place has this name; the nearest names, best first.
    Unknown(Vec<String>),
    /// Several places have it (two villages of one name in different streets).
    Ambiguous(Vec<String>),
}

/// The places of the tree, for matching names.
#[derive(Clone, Debug, Default)]
pub struct Places {
    places: Vec<(Place, String)>,
}

const PREFIXES: [&str; 4] = ["山东省", "济南市", "莱芜市", "钢城区"];
const SUFFIXES: [&str; 11] = [
    "街道办事处",
    "办事处",
    "居民委员会",
    "村民委员会",
    "居委会",
    "村委会",
    "委员会",
    "街道",
    "社区",
    "村",
    "镇",
];

/// A place name reduced to what tells it apart: no district in front, no 办事处/街道/社区/
/// 居委会/村 behind.
pub fn place_key(text: &str) -> String {
    let mut key: String = normalise(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for p in PREFIXES {
        if let Some(k) = key.strip_prefix(p) {
            key = k.to_string();
        }
    }
    loop {
        let before = key.len();
        for s in SUFFIXES {
            if let Some(k) = key.strip_suffix(s)
                && !k.is_empty()
            {
                key = k.to_string();
                break;
            }
        }
        if key.len() == before {
            return key;
        }
    }
}

impl Places {
    /// The matcher over `places`.
    pub fn new(places: Vec<Place>) -> Places {
        Places {
            places: places
                .into_iter()
                .map(|p| {
                    let key = place_key(&p.short_name);
                    (p, key)
                })
                .collect(),
        }
    }

    /// The place called `text` among those at one of `levels` (below `within`, if given).
    pub fn find(
        &self,
        text: &str,
        levels: &[RegionLevel],
        within: Option<RegionId>,
    ) -> Result<RegionId, PlaceProblem> {
        let candidates: Vec<&(Place, String)> = self
            .places
            .iter()
            .filter(|(p, _)| levels.contains(&p.level))
            .filter(|(p, _)| within.is_none() || p.parent == within)
            .collect();
        let clean = normalise(text);
        let exact: Vec<&Place> = candidates
            .iter()
            .map(|(p, _)| p)
            .filter(|p| p.name == clean || p.short_name == clean)
            .collect();
        if let [one] = exact.as_slice() {
            return Ok(one.id);
        }
        let key = place_key(text);
        let by_key: Vec<&Place> = candidates
            .iter()
            .filter(|(_, k)| *k == key)
            .map(|(p, _)| p)
            .collect();
        match by_key.as_slice() {
            [one] => Ok(one.id),
            [] => {
                let mut near: Vec<(usize, &str)> = candidates
                    .iter()
                    .map(|(p, k)| (distance(&key, k), p.short_name.as_str()))
                    .collect();
                near.sort();
                Err(PlaceProblem::Unknown(
                    near.into_iter()
                        .take(3)
                        .map(|(_, n)| n.to_string())
                        .collect(),
                ))
            }
            many => Err(PlaceProblem::Ambiguous(
                many.iter().map(|p| p.short_name.clone()).collect(),
            )),
        }
    }

    /// The place's short name.
    pub fn short_name(&self, id: RegionId) -> &str {
        self.places
            .iter()
            .find(|(p, _)| p.id == id)
            .map_or("", |(p, _)| p.short_name.as_str())
    }

    /// The level of a place.
    pub fn level_of(&self, id: RegionId) -> Option<RegionLevel> {
        self.places
            .iter()
            .find(|(p, _)| p.id == id)
            .map(|(p, _)| p.level)
    }

    /// The street (or function area) a place lies in.
    pub fn street_of(&self, id: RegionId) -> Option<RegionId> {
        let mut at = self.places.iter().find(|(p, _)| p.id == id)?;
        loop {
            if matches!(at.0.level, RegionLevel::Street | RegionLevel::FunctionArea) {
                return Some(at.0.id);
            }
            let parent = at.0.parent?;
            at = self.places.iter().find(|(p, _)| p.id == parent)?;
        }
    }
}

/// Edit distance between two names, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: i64, short: &str, level: RegionLevel, parent: Option<i64>) -> Place {
        Place {
            id: RegionId(id),
            name: format!("{short}居民委员会"),
            short_name: short.into(),
            level,
            parent: parent.map(RegionId),
        }
    }

    #[test]
    fn usual_variants_match_and_unknown_names_get_the_nearest() {
        let places = Places::new(vec![
            place(1, "汶源街道", RegionLevel::Street, None),
            place(2, "艾山街道", RegionLevel::Street, None),
            place(3, "创业社区", RegionLevel::Community, Some(1)),
            place(4, "大冶村", RegionLevel::Village, Some(1)),
        ]);
        let streets = [RegionLevel::Street, RegionLevel::FunctionArea];
        for s in ["汶源街道办事处", "汶源街道", "汶源", "钢城区汶源街道"] {
            assert_eq!(places.find(s, &streets, None), Ok(RegionId(1)), "{s}");
        }
        let villages = [RegionLevel::Community, RegionLevel::Village];
        assert_eq!(
            places.find("创业社区居委会", &villages, Some(RegionId(1))),
            Ok(RegionId(3))
        );
        assert_eq!(places.find("创业", &villages, None), Ok(RegionId(3)));
        match places.find("创新社区", &villages, None) {
            Err(PlaceProblem::Unknown(near)) => assert_eq!(near[0], "创业社区"),
            other => panic!("{other:?}"),
        }
        assert_eq!(places.street_of(RegionId(4)), Some(RegionId(1)));
    }
}
