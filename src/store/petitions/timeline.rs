//! A matter's timeline, read from the change log: every change of its row, with who made
//! it, when, from which state to which, the reason given and every field it changed. The
//! log only grows, so nothing about a matter is lost or overwritten.

use serde_json::Value;

use super::super::Result;
use super::super::changes::{self, Action};
use super::super::records::PetitionRecord;
use super::street_of_matter;
use crate::domain::access::{Action as Access, Area};
use crate::domain::petition::{MatterId, Status, Step};
use crate::store::Read;

/// One change of a matter.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineEntry {
    /// When, `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    /// Who.
    pub actor: String,
    /// What was done (none for a change the log names no step for).
    pub step: Option<Step>,
    /// The state before (none when the matter was raised).
    pub from: Option<Status>,
    /// The state after.
    pub to: Option<Status>,
    /// The reason or note given with it.
    pub note: String,
    /// The other fields it changed: name, before, after.
    pub fields: Vec<(String, String, String)>,
}

/// Fields every step rewrites, or that the entry already says otherwise.
const NOT_LISTED: &[&str] = &[
    "status",
    "last_step",
    "last_note",
    "updated_at",
    "created_at",
];

/// The timeline of matter `id`, oldest first; refused for a matter of a street the reader
/// may not read.
pub fn timeline(conn: &Read<'_>, id: MatterId) -> Result<Vec<TimelineEntry>> {
    conn.reach(Area::Petitions, Access::Read)?;
    let street = street_of_matter(conn, id)?;
    conn.require(Area::Petitions, Access::Read, street)?;
    let entries = changes::entries_for(conn, "petitions", id.0)?;
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let before = parse(e.before.as_deref())?;
        let after = parse(e.after.as_deref())?;
        let status = |v: &Option<Value>| {
            v.as_ref()
                .and_then(|v| v.get("status"))
                .and_then(Value::as_str)
                .and_then(Status::parse)
        };
        let text = |v: &Option<Value>, key: &str| {
            v.as_ref()
                .and_then(|v| v.get(key))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let mut fields = Vec::new();
        if e.action == Action::Update
            && let (Some(Value::Object(b)), Some(Value::Object(a))) = (&before, &after)
        {
            for (key, new) in a {
                if NOT_LISTED.contains(&key.as_str()) {
                    continue;
                }
                let old = b.get(key).cloned().unwrap_or(Value::Null);
                if &old != new {
                    fields.push((key.clone(), shown(&old), shown(new)));
                }
            }
        }
        out.push(TimelineEntry {
            at: e.at,
            actor: e.actor,
            step: Step::parse(&text(&after, "last_step")),
            from: status(&before),
            to: status(&after),
            note: text(&after, "last_note"),
            fields,
        });
    }
    Ok(out)
}

fn parse(json: Option<&str>) -> Result<Option<Value>> {
    let Some(json) = json else { return Ok(None) };
    let value: Value = serde_json::from_str(json)?;
    // A row the log keeps must read as the table's record type: say so if it does not.
    serde_json::from_value::<PetitionRecord>(value.clone())?;
    Ok(Some(value))
}

fn shown(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
