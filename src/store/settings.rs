//! Per-file settings: small key/value texts that belong with the data (mask patterns …).

use rusqlite::{OptionalExtension, Transaction, params};

use super::records::SettingRecord;
use super::{RecordKind, Result, StoreError, Writer};
use crate::domain::mask::MaskPattern;

/// Setting key of the ID-number mask pattern.
pub const MASK_ID_KEY: &str = "mask.id_number";
/// Setting key of the phone mask pattern.
pub const MASK_PHONE_KEY: &str = "mask.phone";

/// The file's mask patterns for ID numbers and phones (the defaults where unset).
pub fn mask_patterns(conn: &rusqlite::Connection) -> Result<(MaskPattern, MaskPattern)> {
    let pattern = |key, default| -> Result<MaskPattern> {
        match get(conn, key)? {
            None => Ok(default),
            Some(text) => MaskPattern::parse(&text).map_err(|_| unknown_setting(key, &text)),
        }
    };
    Ok((
        pattern(MASK_ID_KEY, MaskPattern::ID_DEFAULT)?,
        pattern(MASK_PHONE_KEY, MaskPattern::PHONE_DEFAULT)?,
    ))
}

/// The stored value of `key` read as a `T`, if set; a value that does not read is an error
/// naming the setting, never a silent default.
pub fn parsed<T: std::str::FromStr>(conn: &rusqlite::Connection, key: &str) -> Result<Option<T>> {
    get(conn, key)?
        .map(|text| text.trim().parse().map_err(|_| unknown_setting(key, &text)))
        .transpose()
}

fn unknown_setting(key: &str, text: &str) -> StoreError {
    StoreError::UnknownValue {
        column: format!("settings.{key}"),
        value: text.chars().take(40).collect(),
    }
}

/// The stored value of `key`, if any.
pub fn get(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Stores `value` under `key`, logging the setting's row before and after; an unchanged
/// value writes nothing.
pub fn set(w: &Writer<'_>, key: &str, value: &str) -> Result<()> {
    w.require_admin()?;
    let find = |tx: &Transaction<'_>| -> Result<Option<i64>> {
        Ok(tx
            .query_row("SELECT rowid FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    };
    w.upsert::<SettingRecord>(RecordKind::Setting, find, |tx, before| {
        if before.is_some_and(|b| b.value == value) {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(true)
    })?;
    Ok(())
}
