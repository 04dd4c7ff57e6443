//! Save a copy: SQLite's online backup of the open file, safe while the window uses it.

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
