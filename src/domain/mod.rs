//! The rules of the ledger, free of any window or database: identifiers, resident ID
//! numbers, phones, masking, the region tree and the person form's validation.

pub mod access;
pub mod bank;
pub mod calendar;
pub mod id_number;
pub mod mask;
pub mod money;
pub mod month;
pub mod name_sort;
pub mod names;
pub mod pay;
pub mod person;
pub mod petition;
pub mod phone;
pub mod placement;
pub mod region;
pub mod retirement;

/// Declares an `i64` row-id newtype, so a person's id can not be passed as a region's.
macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type! {
    /// A person in the registry.
    PersonId;
    /// A place in the region tree (district, street, village …).
    RegionId;
    /// A hardship category (特困, 低保 …).
    CategoryId;
    /// A public-welfare post.
    PostId;
    /// A person's placement on a post.
    PlacementId;
    /// A training course a person took.
    TrainingId;
    /// A residents' council meeting.
    MeetingId;
    /// A matter (诉求) raised by a resident.
    MatterId;
    /// A category of matters (市政设施, 消防安全 …).
    MatterCategoryId;
}
