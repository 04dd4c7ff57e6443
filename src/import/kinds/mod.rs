//! The kinds of record an import brings in, one file each: its fields with the header names
//! offices use, and how a row becomes a plan. Adding a kind is a file here and a line in
//! [`ALL`].

pub mod people;
pub mod posts;
pub mod roster;

use super::{FieldSpec, Known, Planned, Policy, Rows};
use crate::i18n::Text;

/// A kind of record that can be imported.
pub trait Kind: Send + Sync {
    /// Stable key: the command line's `KIND`, remembered mappings.
    fn key(&self) -> &'static str;
    /// Its name in the window.
    fn label(&self) -> Text;
    /// The area of the ledger it writes to, whose write grant importing it needs.
    fn area(&self) -> crate::domain::access::Area;
    /// The fields it fills, in order; a [`super::Mapping`] gives each its column.
    fn fields(&self) -> &'static [FieldSpec];
    /// What happens to each row of `rows` (one [`Planned`] per row, in order), against
    /// what the ledger holds; nothing is written.
    fn plan(&self, rows: &Rows<'_>, known: &Known, policy: Policy) -> Vec<Planned>;
}

/// Every kind, in the window's order.
pub const ALL: &[&dyn Kind] = &[&people::People, &posts::Posts, &roster::Roster];

/// The kind with this key.
pub fn by_key(key: &str) -> Option<&'static dyn Kind> {
    ALL.iter().copied().find(|k| k.key() == key)
}
