//! The rules of the ledger, free of any window or database: identifiers, resident ID
//! numbers, phones, masking, the region tree and the person form's validation.

/// Declares `as_str`, `parse`, `ALL` and `label` for a stored enum (defined before the
/// modules below, which use it).
macro_rules! stored_enum {
    ($ty:ident { $($variant:ident => $text:literal, $label:path;)* }) => {
        impl $ty {
            /// Every value, in display order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];

            /// The text stored in the database.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $text),* }
            }

            /// Reads the stored text.
            pub fn parse(s: &str) -> Option<$ty> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }

            /// The label shown to users.
            pub fn label(self, lang: $crate::i18n::Lang) -> &'static str {
                lang.t(match self { $($ty::$variant => $label),* })
            }
        }
    };
}

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
pub mod service_points;
pub mod spatial;

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
