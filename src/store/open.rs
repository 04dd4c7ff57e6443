//! Opening a database file: what its header pragmas say about it.

use std::path::Path;

use rusqlite::Connection;

use super::{APPLICATION_ID, Result, StoreError};

/// What the header pragmas of a file say about it.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct DbState {
    pub app_id: i32,
    pub version: i64,
    pub objects: i64,
}

/// Reads `application_id`, `user_version` and whether the file holds any schema.
pub(super) fn read_state(conn: &Connection) -> rusqlite::Result<DbState> {
    Ok(DbState {
        app_id: conn.pragma_query_value(None, "application_id", |r| r.get(0))?,
        version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
        objects: conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?,
    })
}

/// Refuses a database of another program. An empty database is ours to set up.
pub(super) fn check_ours(path: &Path, state: &DbState) -> Result<()> {
    let empty = state.objects == 0 && state.version == 0 && state.app_id == 0;
    if state.app_id != APPLICATION_ID && !empty {
        return Err(StoreError::NotOurs {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}
