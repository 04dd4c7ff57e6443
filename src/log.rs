//! The log file an office can send when something goes wrong: errors and warnings with the
//! kind of failure, written through `tracing`, never with a resident's name, ID number or
//! phone (callers log [`crate::store::StoreError::log_line`], not the message shown).

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The log's file name in the data folder.
pub const FILE_NAME: &str = "minsheng.log";
/// A log larger than this is moved aside to `minsheng.log.1` when the program starts.
const MAX_BYTES: u64 = 2 * 1024 * 1024;

/// The log file of this run, once [`init`] has opened it.
pub fn path() -> Option<&'static Path> {
    LOG_PATH.get().map(PathBuf::as_path)
}

static LOG_PATH: OnceLock<PathBuf> = OnceLock::new();

/// Starts writing the log into `dir`; returns the file, or `None` when it can not be
/// written (the program works on without a log). Only the first call in a process counts.
pub fn init(dir: &Path) -> Option<PathBuf> {
    let path = dir.join(FILE_NAME);
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > MAX_BYTES) {
        let _ = std::fs::rename(&path, dir.join(format!("{FILE_NAME}.1")));
    }
    let file: File = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .try_init()
        .ok()?;
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "started");
    let _ = LOG_PATH.set(path.clone());
    Some(path)
}
