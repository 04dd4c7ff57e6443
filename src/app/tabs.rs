//! The window's tabs, in the order of their buttons: adding a tab is one line here.

use crate::ui::{
    Tab, audit::AuditTab, import::ImportTab, people::PeopleTab, petitions::PetitionsTab,
    placements::PlacementsTab, service_points::ServicePointsTab, settings::SettingsTab,
};

/// A fresh set of tabs, for a ledger just opened.
pub fn all() -> Vec<Box<dyn Tab>> {
    vec![
        Box::<PeopleTab>::default(),
        Box::<PlacementsTab>::default(),
        Box::<PetitionsTab>::default(),
        Box::<ServicePointsTab>::default(),
        Box::<ImportTab>::default(),
        Box::<SettingsTab>::default(),
        Box::<AuditTab>::default(),
    ]
}
