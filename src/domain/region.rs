//! The region tree: district → street or function area → community or village.

use crate::i18n::{Lang, people as pe};

/// The level of a place in the tree; stored as CHECK-constrained text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegionLevel {
    /// 区: the root.
    District,
    /// 街道: a street office.
    Street,
    /// 功能区: a function area, administered like a street.
    FunctionArea,
    /// 社区: an urban community.
    Community,
    /// 村: a village.
    Village,
}

impl RegionLevel {
    /// Every level, root first.
    pub const ALL: [RegionLevel; 5] = [
        RegionLevel::District,
        RegionLevel::Street,
        RegionLevel::FunctionArea,
        RegionLevel::Community,
        RegionLevel::Village,
    ];

    /// The text stored in the database and used in the division CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            RegionLevel::District => "district",
            RegionLevel::Street => "street",
            RegionLevel::FunctionArea => "function_area",
            RegionLevel::Community => "community",
            RegionLevel::Village => "village",
        }
    }

    /// Reads the stored text.
    pub fn parse(s: &str) -> Option<RegionLevel> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The label shown to users.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            RegionLevel::District => pe::LEVEL_DISTRICT,
            RegionLevel::Street => pe::LEVEL_STREET,
            RegionLevel::FunctionArea => pe::LEVEL_FUNCTION_AREA,
            RegionLevel::Community => pe::LEVEL_COMMUNITY,
            RegionLevel::Village => pe::LEVEL_VILLAGE,
        })
    }

    /// People are registered only at village level: a community or a village.
    pub fn holds_people(self) -> bool {
        matches!(self, RegionLevel::Community | RegionLevel::Village)
    }

    /// The levels a child of this level may have.
    pub fn child_levels(self) -> &'static [RegionLevel] {
        match self {
            RegionLevel::District => &[RegionLevel::Street, RegionLevel::FunctionArea],
            RegionLevel::Street | RegionLevel::FunctionArea => {
                &[RegionLevel::Community, RegionLevel::Village]
            }
            RegionLevel::Community | RegionLevel::Village => &[],
        }
    }

    /// How many leading digits of a 12-digit division code this level fixes
    /// (6 county, 3 street, 3 village), so a child's code extends its parent's.
    pub fn code_prefix_len(self) -> usize {
        match self {
            RegionLevel::District => 6,
            RegionLevel::Street | RegionLevel::FunctionArea => 9,
            RegionLevel::Community | RegionLevel::Village => 12,
        }
    }
}

/// Checks a new place's division code against its parent's: 12 digits, and the parent's
/// significant prefix followed by digits that are not all zero.
pub fn valid_child_code(code: &str, parent_code: &str, parent_level: RegionLevel) -> bool {
    let prefix = parent_level.code_prefix_len();
    code.len() == 12
        && code.bytes().all(|b| b.is_ascii_digit())
        && parent_code.len() == 12
        && code[..prefix] == parent_code[..prefix]
        && code[prefix..] != parent_code[prefix..]
}

/// Checks a WGS-84 coordinate pair.
pub fn valid_coordinate(lon: f64, lat: f64) -> bool {
    (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_round_trip() {
        for level in RegionLevel::ALL {
            assert_eq!(RegionLevel::parse(level.as_str()), Some(level));
        }
        assert_eq!(RegionLevel::parse("province"), None);
    }

    #[test]
    fn child_codes_extend_the_parent() {
        let district = "370117000000";
        assert!(valid_child_code(
            "370117006000",
            district,
            RegionLevel::District
        ));
        assert!(!valid_child_code(
            "370118006000",
            district,
            RegionLevel::District
        ));
        assert!(!valid_child_code(
            "370117000000",
            district,
            RegionLevel::District
        ));
        let street = "370117001000";
        assert!(valid_child_code(
            "370117001042",
            street,
            RegionLevel::Street
        ));
        assert!(!valid_child_code(
            "370117002042",
            street,
            RegionLevel::Street
        ));
        assert!(!valid_child_code(
            "37011700104",
            street,
            RegionLevel::Street
        ));
        assert!(!valid_child_code(
            "37011700104x",
            street,
            RegionLevel::Street
        ));
    }

    #[test]
    fn coordinates_are_bounded() {
        assert!(valid_coordinate(117.81, 36.05));
        assert!(!valid_coordinate(217.81, 36.05));
        assert!(!valid_coordinate(117.81, -95.0));
    }
}
