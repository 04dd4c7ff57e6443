//! The access records: who saw a person's ID number or phone in full, and who took personal
//! data out of the ledger in full (a subsidy sheet with full ID numbers, a bank file), when,
//! and for what reason. Like the change log, they only ever grow: triggers refuse any change
//! or removal, whatever program tries.

use rusqlite::{Row, params};

use super::{Result, Writer};
use crate::domain::PersonId;
use crate::domain::access::{Action, Area};

/// What was seen or taken out in full.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum What {
    /// A person's ID number, shown on screen.
    IdNumber,
    /// A person's phone, shown on screen.
    Phone,
    /// An export carrying full ID numbers (a subsidy sheet for the bank).
    ExportFullIds,
    /// A bank file, with every account number in full.
    BankFile,
}

impl What {
    /// Every kind, in the order the audit view lists them.
    pub const ALL: [What; 4] = [
        What::IdNumber,
        What::Phone,
        What::ExportFullIds,
        What::BankFile,
    ];

    /// The text stored in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            What::IdNumber => "id_number",
            What::Phone => "phone",
            What::ExportFullIds => "export_full_ids",
            What::BankFile => "bank_file",
        }
    }

    /// The kind stored as `s`.
    pub fn parse(s: &str) -> Option<What> {
        What::ALL.into_iter().find(|w| w.as_str() == s)
    }

    /// The area whose permission covers it: what is shown on screen belongs to the registry,
    /// what is exported to the placements programme.
    pub fn area(self) -> Area {
        match self {
            What::IdNumber | What::Phone => Area::Registry,
            What::ExportFullIds | What::BankFile => Area::Placements,
        }
    }
}

impl rusqlite::types::FromSql for What {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let s = value.as_str()?;
        What::parse(s).ok_or_else(|| {
            rusqlite::types::FromSqlError::Other(
                format!("unknown access kind {s:?} in access_log.what").into(),
            )
        })
    }
}

/// One access record, as the audit view lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Access {
    /// Order of the record.
    pub seq: i64,
    /// Local time, `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    /// Who saw or exported.
    pub actor: String,
    /// Whose data, for a reveal on screen; none for an export of many people.
    pub person_id: Option<PersonId>,
    /// The person's name as it is now (empty if none or no longer there).
    pub person_name: String,
    /// What was seen or taken out.
    pub what: What,
    /// The reason given (required for a bank file).
    pub reason: Option<String>,
}

impl Access {
    /// Reads a row of `seq, at, actor, person_id, what, reason, person_name`.
    pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<Access> {
        Ok(Access {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            person_id: r.get::<_, Option<i64>>(3)?.map(PersonId),
            what: r.get(4)?,
            reason: r.get(5)?,
            person_name: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
        })
    }
}

/// Records that the writer is shown `person`'s full `what` (an ID number or a phone), with
/// an optional reason. Refused unless the writer may reveal personal data of the registry
/// on the person's street.
pub fn record_reveal(
    w: &Writer<'_>,
    person: PersonId,
    what: What,
    reason: Option<&str>,
) -> Result<()> {
    w.read().reach(Area::Registry, Action::Reveal)?;
    let region = crate::store::people::get(&w.read(), person)?.region_id;
    w.require_at(Area::Registry, Action::Reveal, region)?;
    insert(w, Some(person), what, reason)
}

/// Records an export of personal data in full (`what`: full ID numbers, or a bank file, which
/// the file refuses without a reason). Refused unless the writer may reveal personal data of
/// the placements programme.
pub fn record_export(w: &Writer<'_>, what: What, reason: Option<&str>) -> Result<()> {
    w.require(what.area(), Action::Reveal, None)?;
    insert(w, None, what, reason)
}

pub(crate) fn insert(
    w: &Writer<'_>,
    person: Option<PersonId>,
    what: What,
    reason: Option<&str>,
) -> Result<()> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    w.tx()
        .prepare_cached(
            "INSERT INTO access_log (at, actor, person_id, what, reason)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            w.stamp(),
            w.actor(),
            person.map(|p| p.0),
            what.as_str(),
            reason
        ])?;
    w.touch("access_log");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::access::{Grant, Role, Session};
    use crate::store::Store;

    #[test]
    fn a_viewer_may_not_reveal_and_nothing_is_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("a.sqlite")).unwrap();
        store.set_session(Session {
            user: Some(7),
            name: "查看员".into(),
            grants: vec![Grant {
                role: Role::Viewer,
                area: Area::Registry,
                street: None,
            }],
        });
        let refused = store.write(|w| record_reveal(w, PersonId(1), What::Phone, None));
        assert!(matches!(
            refused,
            Err(crate::store::StoreError::Forbidden {
                action: Action::Reveal,
                ..
            })
        ));
        let refused = store.write(|w| record_export(w, What::ExportFullIds, None));
        assert!(refused.is_err());
        let records: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM access_log", [], |r| r.get(0))
            .unwrap();
        assert_eq!(records, 0);
        // Nor may a viewer read the audit.
        assert!(crate::store::audit::accesses(store.read(), &Default::default(), None, 5).is_err());
    }

    #[test]
    fn kinds_round_trip() {
        for w in What::ALL {
            assert_eq!(What::parse(w.as_str()), Some(w));
        }
        assert_eq!(What::parse("address"), None);
    }
}
