//! Per-file settings: small key/value texts that belong with the data (mask patterns …).

use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Writer, changes::Action};
use crate::domain::mask::MaskPattern;

/// Setting key of the ID-number mask pattern.
pub const MASK_ID_KEY: &str = "mask.id_number";
/// Setting key of the phone mask pattern.
pub const MASK_PHONE_KEY: &str = "mask.phone";

/// The file's mask patterns for ID numbers and phones (the defaults where unset).
pub fn mask_patterns(conn: &Connection) -> Result<(MaskPattern, MaskPattern)> {
    let pattern = |key, default| -> Result<MaskPattern> {
        Ok(get(conn, key)?
            .and_then(|s| MaskPattern::parse(&s).ok())
            .unwrap_or(default))
    };
    Ok((
        pattern(MASK_ID_KEY, MaskPattern::ID_DEFAULT)?,
        pattern(MASK_PHONE_KEY, MaskPattern::PHONE_DEFAULT)?,
    ))
}

/// The stored value of `key`, if any.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Stores `value` under `key`, logging the old and new values.
pub fn set(w: &Writer<'_>, key: &str, value: &str) -> Result<()> {
    let before = get(w.tx(), key)?;
    if before.as_deref() == Some(value) {
        return Ok(());
    }
    w.tx().execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    let row_id: i64 =
        w.tx()
            .query_row("SELECT rowid FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })?;
    let action = if before.is_some() {
        Action::Update
    } else {
        Action::Insert
    };
    w.log(
        "settings",
        row_id,
        action,
        before
            .map(|v| serde_json::json!({ "key": key, "value": v }))
            .as_ref(),
        Some(&serde_json::json!({ "key": key, "value": value })),
    )
}
