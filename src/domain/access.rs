//! Who may do what: roles, the areas of the ledger and the streets a grant reaches.
//!
//! A signed-in user holds one or more [`Grant`]s, each a role in one area, for the whole
//! district or for one street. A [`Session`] answers whether an action on an area (and, for
//! records that belong to a place, on a street) is allowed; the store asks it before every
//! read and write, so the window only hides what the store would refuse anyway.

use std::collections::BTreeSet;

use super::RegionId;

/// What a user is there to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Keeps the accounts and the settings.
    Admin,
    /// Enters and edits records.
    Clerk,
    /// Approves subsidy sheets, settlements and extensions.
    Approver,
    /// Reads only; personal data always masked.
    Viewer,
}

impl Role {
    /// Every role, in the order the accounts screen lists them.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Clerk, Role::Approver, Role::Viewer];

    /// The name stored in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Clerk => "clerk",
            Role::Approver => "approver",
            Role::Viewer => "viewer",
        }
    }

    /// The role named `s` in the file.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A part of the ledger a grant covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Area {
    /// The people, their categories and the region tree.
    Registry,
    /// Public-welfare posts, placements, attendance and the subsidy sheets.
    Placements,
    /// Care facilities and who they serve.
    Care,
    /// Medical-insurance service points.
    ServicePoints,
    /// Residents' council meetings and the matters raised.
    Petitions,
}

impl Area {
    /// Every area, in the order the accounts screen lists them.
    pub const ALL: [Area; 5] = [
        Area::Registry,
        Area::Placements,
        Area::Care,
        Area::ServicePoints,
        Area::Petitions,
    ];

    /// The name stored in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Registry => "registry",
            Area::Placements => "placements",
            Area::Care => "care",
            Area::ServicePoints => "service_points",
            Area::Petitions => "petitions",
        }
    }

    /// The area named `s` in the file.
    pub fn parse(s: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// What is being done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Reading records (personal data masked unless [`Action::Reveal`] is also allowed).
    Read,
    /// Entering, changing or removing records.
    Write,
    /// Approving what was computed or entered (a month's sheet, a settlement, an extension).
    Approve,
    /// Changing the area's settings and rules.
    Administer,
    /// Showing a person's full ID number or phone, or exporting them in full.
    Reveal,
}

/// One role in one area, for the whole district (`street: None`) or one street.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Grant {
    /// The role.
    pub role: Role,
    /// The area it covers.
    pub area: Area,
    /// The street it is limited to; none for the whole district.
    pub street: Option<RegionId>,
}

impl Grant {
    /// Whether this grant's role allows `action`.
    fn role_allows(&self, action: Action) -> bool {
        matches!(
            (self.role, action),
            (_, Action::Read)
                | (Role::Clerk, Action::Write | Action::Reveal)
                | (Role::Approver, Action::Approve | Action::Reveal)
                | (Role::Admin, Action::Administer | Action::Reveal)
        )
    }
}

/// Which streets an action reaches in an area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reach {
    /// None at all: the action is refused.
    Nothing,
    /// Only these streets (and everything below them).
    Streets(BTreeSet<RegionId>),
    /// The whole district.
    District,
}

impl Reach {
    /// Whether a record of `street` is reached; a record that belongs to no street (a
    /// district-level one) only by a district-wide reach.
    pub fn covers(&self, street: Option<RegionId>) -> bool {
        match (self, street) {
            (Reach::District, _) => true,
            (Reach::Streets(streets), Some(s)) => streets.contains(&s),
            _ => false,
        }
    }

    /// Whether anything at all is reached.
    pub fn any(&self) -> bool {
        !matches!(self, Reach::Nothing)
    }
}

/// Who is acting, and what they were granted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// The account's row id; none on a ledger set to "no sign-in on this computer", where
    /// the operating-system account acts with every permission.
    pub user: Option<i64>,
    /// The name written into the change log and the access records.
    pub name: String,
    /// What the account may do.
    pub grants: Vec<Grant>,
}

impl Session {
    /// The one person at a computer whose ledger needs no sign-in: every permission, under
    /// the operating-system account's name.
    pub fn unrestricted(name: impl Into<String>) -> Session {
        let grants = Area::ALL
            .into_iter()
            .flat_map(|area| {
                [Role::Admin, Role::Clerk, Role::Approver].map(|role| Grant {
                    role,
                    area,
                    street: None,
                })
            })
            .collect();
        Session {
            user: None,
            name: name.into(),
            grants,
        }
    }

    /// Nobody signed in: nothing is allowed.
    pub fn nobody() -> Session {
        Session {
            user: None,
            name: String::new(),
            grants: Vec::new(),
        }
    }

    /// The streets `action` reaches in `area`.
    pub fn reach(&self, area: Area, action: Action) -> Reach {
        let mut streets = BTreeSet::new();
        for g in self
            .grants
            .iter()
            .filter(|g| g.area == area && g.role_allows(action))
        {
            match g.street {
                None => return Reach::District,
                Some(s) => {
                    streets.insert(s);
                }
            }
        }
        if streets.is_empty() {
            Reach::Nothing
        } else {
            Reach::Streets(streets)
        }
    }

    /// Whether `action` is allowed in `area` on a record of `street` (none: a record of the
    /// whole district, which only a district-wide grant reaches).
    pub fn may(&self, area: Area, action: Action, street: Option<RegionId>) -> bool {
        self.reach(area, action).covers(street)
    }

    /// Whether `action` is allowed in `area` anywhere at all (to show a button or a tab).
    pub fn may_somewhere(&self, area: Area, action: Action) -> bool {
        self.reach(area, action).any()
    }

    /// Whether this user keeps the accounts: an administrator of the whole district in any
    /// area.
    pub fn keeps_accounts(&self) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == Role::Admin && g.street.is_none())
    }

    /// Whether the user holds `role` anywhere.
    pub fn has_role(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EAST: RegionId = RegionId(2);
    const WEST: RegionId = RegionId(3);

    fn session(grants: &[(Role, Area, Option<RegionId>)]) -> Session {
        Session {
            user: Some(1),
            name: "张三".into(),
            grants: grants
                .iter()
                .map(|&(role, area, street)| Grant { role, area, street })
                .collect(),
        }
    }

    /// Every role × action on a grant of one area and one street: allowed exactly where the
    /// role allows the action, in that area, on that street.
    #[test]
    fn every_role_action_area_and_street() {
        use Action::*;
        let expected = |role: Role, action: Action| match role {
            Role::Admin => matches!(action, Read | Administer | Reveal),
            Role::Clerk => matches!(action, Read | Write | Reveal),
            Role::Approver => matches!(action, Read | Approve | Reveal),
            Role::Viewer => matches!(action, Read),
        };
        for role in Role::ALL {
            let s = session(&[(role, Area::Placements, Some(EAST))]);
            for action in [Read, Write, Approve, Administer, Reveal] {
                let want = expected(role, action);
                assert_eq!(
                    s.may(Area::Placements, action, Some(EAST)),
                    want,
                    "{role:?} {action:?}"
                );
                assert!(!s.may(Area::Placements, action, Some(WEST)), "other street");
                assert!(!s.may(Area::Placements, action, None), "district record");
                for other in Area::ALL.into_iter().filter(|a| *a != Area::Placements) {
                    assert!(
                        !s.may(other, action, Some(EAST)),
                        "{role:?} {action:?} {other:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_district_grant_reaches_every_street_and_district_records() {
        let s = session(&[(Role::Clerk, Area::Registry, None)]);
        assert_eq!(s.reach(Area::Registry, Action::Write), Reach::District);
        assert!(s.may(Area::Registry, Action::Write, Some(WEST)));
        assert!(s.may(Area::Registry, Action::Write, None));
        assert!(!s.may(Area::Registry, Action::Approve, None));
    }

    #[test]
    fn street_grants_add_up() {
        let s = session(&[
            (Role::Clerk, Area::Registry, Some(EAST)),
            (Role::Viewer, Area::Registry, Some(WEST)),
        ]);
        assert_eq!(
            s.reach(Area::Registry, Action::Read),
            Reach::Streets([EAST, WEST].into())
        );
        assert_eq!(
            s.reach(Area::Registry, Action::Write),
            Reach::Streets([EAST].into())
        );
        assert!(!s.may_somewhere(Area::Registry, Action::Approve));
    }

    #[test]
    fn nobody_may_do_anything_and_the_unrestricted_session_everything() {
        let nobody = Session::nobody();
        let all = Session::unrestricted("office");
        for area in Area::ALL {
            for action in [
                Action::Read,
                Action::Write,
                Action::Approve,
                Action::Administer,
                Action::Reveal,
            ] {
                assert!(!nobody.may_somewhere(area, action));
                assert!(all.may(area, action, None));
            }
        }
        assert!(all.keeps_accounts());
        assert!(!nobody.keeps_accounts());
        assert!(!session(&[(Role::Admin, Area::Care, Some(EAST))]).keeps_accounts());
    }

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        for a in Area::ALL {
            assert_eq!(Area::parse(a.as_str()), Some(a));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
