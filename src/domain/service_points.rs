//! Medical-insurance service points (医保服务点): the three tiers and the supplement, what a
//! point offers and how, and the reach that decides the 10-minute circle.

use serde::{Deserialize, Serialize};

use super::RegionId;

/// A service point (row id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ServicePointId(pub i64);

impl std::fmt::Display for ServicePointId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A service offered at points (参保信息查询 …), from the editable list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ServiceId(pub i64);

/// The tier of a point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tier {
    /// 区医保服务大厅: the district's one hall.
    Hall,
    /// 医保工作站: one per street or function area.
    Workstation,
    /// 村级医保工作点: one per village or community.
    Village,
    /// 医疗机构内设工作站: inside a hospital or clinic, a supplement.
    Hospital,
}

impl Tier {
    /// Every tier, top down.
    pub const ALL: [Tier; 4] = [Tier::Hall, Tier::Workstation, Tier::Village, Tier::Hospital];

    /// The name stored in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Hall => "hall",
            Tier::Workstation => "workstation",
            Tier::Village => "village",
            Tier::Hospital => "hospital",
        }
    }

    /// The tier named `s` in the file.
    pub fn parse(s: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Its position in [`Tier::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The tier a point of this tier hangs under: a village point under its street's
    /// workstation, a workstation (and a hospital's) under the hall.
    pub fn parent(self) -> Option<Tier> {
        match self {
            Tier::Hall => None,
            Tier::Workstation | Tier::Hospital => Some(Tier::Hall),
            Tier::Village => Some(Tier::Workstation),
        }
    }
}

/// Whether a point serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PointStatus {
    /// Decided, not yet open: drawn, not counted.
    Planned,
    /// Serving: counted in the coverage.
    Open,
    /// No longer serving.
    Closed,
}

impl PointStatus {
    /// Every status.
    pub const ALL: [PointStatus; 3] =
        [PointStatus::Planned, PointStatus::Open, PointStatus::Closed];

    /// The name stored in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            PointStatus::Planned => "planned",
            PointStatus::Open => "open",
            PointStatus::Closed => "closed",
        }
    }

    /// The status named `s` in the file.
    pub fn parse(s: &str) -> Option<PointStatus> {
        PointStatus::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// How a point handles a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    /// 现场办理: done there and then.
    OnSite,
    /// 帮办代办: taken in and passed on to the tier above.
    Assisted,
}

/// One service a point offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offered {
    /// Which service.
    pub service: ServiceId,
    /// Handled there, or passed on.
    pub handling: Handling,
}

/// Someone who works at a point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    /// Name.
    pub name: String,
    /// Full-time (workstations) or part-time (village points).
    pub full_time: bool,
    /// Phone, shown masked.
    pub phone: String,
}

/// A point as the form writes it; coordinates are WGS-84 (converted before, see
/// [`super::spatial::Datum`]).
#[derive(Clone, Debug, PartialEq)]
pub struct NewServicePoint {
    /// Name.
    pub name: String,
    /// Tier.
    pub tier: Tier,
    /// The point above it (none for the hall).
    pub parent: Option<ServicePointId>,
    /// The village, community, street or district it is in.
    pub region_id: RegionId,
    /// Street address.
    pub address: String,
    /// WGS-84 `(lon, lat)`, if placed.
    pub at: Option<(f64, f64)>,
    /// Opening hours, as the office writes them.
    pub hours: String,
    /// The point's phone.
    pub phone: String,
    /// Planned, open or closed.
    pub status: PointStatus,
    /// The day it opened (or is to open).
    pub opened_on: Option<jiff::civil::Date>,
    /// The day it closed.
    pub closed_on: Option<jiff::civil::Date>,
    /// Set up this year (the article's "8 new" workstations).
    pub is_new: bool,
    /// What it offers.
    pub services: Vec<Offered>,
    /// Who works there.
    pub staff: Vec<Staff>,
}

/// What is wrong with a point as entered: each is said at its field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointProblem {
    /// No name.
    NameRequired,
    /// A coordinate outside -180..180 / -90..90, or not a number.
    BadCoordinate,
    /// The parent is not of the tier this one hangs under (or the hall has one).
    WrongParent,
    /// Closed before it opened, or closed with no closing day.
    DatesOutOfOrder,
    /// A staff member with no name.
    StaffNameRequired,
    /// A service listed twice.
    ServiceTwice,
}

impl NewServicePoint {
    /// Every problem of the point as entered; `parent_tier` is the tier of the parent
    /// named, if any.
    pub fn problems(&self, parent_tier: Option<Tier>) -> Vec<PointProblem> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push(PointProblem::NameRequired);
        }
        if let Some((lon, lat)) = self.at
            && !(lon.is_finite() && lat.is_finite() && super::region::valid_coordinate(lon, lat))
        {
            out.push(PointProblem::BadCoordinate);
        }
        let parent_fits = match (self.tier.parent(), parent_tier) {
            (None, None) => true,
            (None, Some(_)) => false,
            (Some(_), None) => true, // a parent may be set later
            (Some(want), Some(got)) => want == got,
        };
        if !parent_fits {
            out.push(PointProblem::WrongParent);
        }
        let order = match (self.opened_on, self.closed_on) {
            (Some(open), Some(close)) => close >= open,
            _ => true,
        };
        if !order || (self.status == PointStatus::Closed && self.closed_on.is_none()) {
            out.push(PointProblem::DatesOutOfOrder);
        }
        if self.staff.iter().any(|s| s.name.trim().is_empty()) {
            out.push(PointProblem::StaffNameRequired);
        }
        let mut seen = std::collections::HashSet::new();
        if !self.services.iter().all(|o| seen.insert(o.service)) {
            out.push(PointProblem::ServiceTwice);
        }
        out
    }
}

/// How people get to a point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TravelMode {
    /// On foot.
    Walking,
    /// By electric bike (电动车), how many villagers come.
    EBike,
}

impl TravelMode {
    /// Both modes.
    pub const ALL: [TravelMode; 2] = [TravelMode::Walking, TravelMode::EBike];

    /// The name stored in the settings.
    pub fn as_str(self) -> &'static str {
        match self {
            TravelMode::Walking => "walking",
            TravelMode::EBike => "ebike",
        }
    }

    /// The mode named `s`.
    pub fn parse(s: &str) -> Option<TravelMode> {
        TravelMode::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// The usual speed, km/h: walking 5, electric bike 15.
    pub fn usual_speed_kmh(self) -> f64 {
        match self {
            TravelMode::Walking => 5.0,
            TravelMode::EBike => 15.0,
        }
    }
}

/// The reach of a point: how far one gets in the minutes of the circle, as a straight-line
/// radius (roads wind, hence the detour factor).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reach {
    /// How people come.
    pub mode: TravelMode,
    /// Their speed, km/h.
    pub speed_kmh: f64,
    /// The circle's minutes (10).
    pub minutes: f64,
    /// Road distance over straight-line distance (1.3).
    pub detour: f64,
}

impl Default for Reach {
    fn default() -> Self {
        Reach {
            mode: TravelMode::Walking,
            speed_kmh: 5.0,
            minutes: 10.0,
            detour: 1.3,
        }
    }
}

impl Reach {
    /// Whether the figures make a reach: positive speed and minutes, a detour of at least 1.
    pub fn is_valid(&self) -> bool {
        self.speed_kmh.is_finite()
            && self.minutes.is_finite()
            && self.detour.is_finite()
            && self.speed_kmh > 0.0
            && self.speed_kmh <= 100.0
            && self.minutes > 0.0
            && self.minutes <= 120.0
            && self.detour >= 1.0
            && self.detour <= 5.0
    }

    /// The straight-line radius in metres: speed × minutes ÷ detour.
    pub fn radius_m(&self) -> f64 {
        self.speed_kmh * 1000.0 / 60.0 * self.minutes / self.detour
    }

    /// The radius as the screen states it, rounded to 10 m ("≈ 640 m").
    pub fn radius_shown_m(&self) -> i64 {
        ((self.radius_m() / 10.0).round() * 10.0) as i64
    }

    /// Minutes to cover a straight-line `metres` at this reach's speed and detour.
    pub fn minutes_for(&self, metres: f64) -> f64 {
        metres * self.detour / (self.speed_kmh * 1000.0 / 60.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_minutes_walking_is_about_640_m_in_a_straight_line() {
        let reach = Reach::default();
        assert!((reach.radius_m() - 641.03).abs() < 0.01);
        assert_eq!(reach.radius_shown_m(), 640);
        assert!((reach.minutes_for(reach.radius_m()) - 10.0).abs() < 1e-9);
        let ebike = Reach {
            mode: TravelMode::EBike,
            speed_kmh: TravelMode::EBike.usual_speed_kmh(),
            ..Reach::default()
        };
        assert_eq!(ebike.radius_shown_m(), 1920);
        assert!(
            !Reach {
                detour: 0.5,
                ..Reach::default()
            }
            .is_valid()
        );
        assert!(
            !Reach {
                minutes: 0.0,
                ..Reach::default()
            }
            .is_valid()
        );
    }

    fn point(tier: Tier) -> NewServicePoint {
        NewServicePoint {
            name: "古墩村医保工作点".into(),
            tier,
            parent: None,
            region_id: RegionId(1),
            address: String::new(),
            at: Some((117.8, 36.05)),
            hours: String::new(),
            phone: String::new(),
            status: PointStatus::Open,
            opened_on: None,
            closed_on: None,
            is_new: false,
            services: vec![],
            staff: vec![],
        }
    }

    #[test]
    fn a_point_hangs_under_the_tier_above_it() {
        assert!(
            point(Tier::Village)
                .problems(Some(Tier::Workstation))
                .is_empty()
        );
        assert_eq!(
            point(Tier::Village).problems(Some(Tier::Hall)),
            vec![PointProblem::WrongParent]
        );
        assert_eq!(
            point(Tier::Hall).problems(Some(Tier::Hall)),
            vec![PointProblem::WrongParent]
        );
        let mut p = point(Tier::Hospital);
        p.name = " ".into();
        p.at = Some((200.0, 36.0));
        p.status = PointStatus::Closed;
        p.staff.push(Staff {
            name: String::new(),
            full_time: true,
            phone: String::new(),
        });
        let offered = Offered {
            service: ServiceId(1),
            handling: Handling::OnSite,
        };
        p.services = vec![offered, offered];
        assert_eq!(
            p.problems(Some(Tier::Hall)),
            vec![
                PointProblem::NameRequired,
                PointProblem::BadCoordinate,
                PointProblem::DatesOutOfOrder,
                PointProblem::StaffNameRequired,
                PointProblem::ServiceTwice
            ]
        );
    }
}
