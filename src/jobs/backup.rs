//! Save a copy: SQLite's online backup of the open file, safe while the window uses it;
//! and an encrypted copy, SQLCipher's export of it.

use std::path::Path;

use super::{JobError, Outcome, Reporter};
use crate::store::Store;

/// Copies the database behind `store` to `dest`, which must not exist yet.
pub fn save_copy(store: &Store, dest: &Path, reporter: &Reporter) -> Result<Outcome, JobError> {
    if dest.exists() {
        return Err(JobError::FileExists(dest.to_path_buf()));
    }
    let result = store.backup_to(dest, |done, total| {
        reporter.progress(done as u64, total as u64)
    });
    match result {
        Ok(()) => Ok(Outcome::Copied(dest.to_path_buf())),
        Err(e) => {
            // A half-written copy is worse than none.
            let _ = std::fs::remove_file(dest);
            if reporter.cancelled() {
                Err(JobError::Cancelled)
            } else {
                Err(e.into())
            }
        }
    }
}

/// Writes an encrypted copy of the database behind `store` to `dest` (which must not
/// exist yet), opened later with `passphrase` (see [`Store::encrypt_to`]). The export is
/// one statement: the progress goes from nothing to all when it is done, and a cancel
/// comes too late to stop it.
pub fn encrypt_copy(
    store: &Store,
    dest: &Path,
    passphrase: &str,
    reporter: &Reporter,
) -> Result<Outcome, JobError> {
    if dest.exists() {
        return Err(JobError::FileExists(dest.to_path_buf()));
    }
    reporter.progress(0, 1);
    store.encrypt_to(dest, passphrase)?;
    reporter.progress(1, 1);
    Ok(Outcome::Encrypted(dest.to_path_buf()))
}
