//! Reading off the window's thread, and noticing writes made elsewhere.
//!
//! A [`Reader`] owns a connection on a thread of its own and runs the reads the window
//! hands it, one after another, so a read that takes longer than a frame (a month's grid at
//! 100,000 placements) never stalls the window. A [`Watcher`] asks SQLite once a second
//! whether any other connection committed (a job, a second window, the command line) and
//! wakes the window when one did, so it can read the tables' revisions again.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::Duration;

use rusqlite::Connection;

use super::{Read, Result, Source, StoreError};
use crate::domain::access::Session;

/// Called when there is news for the window.
pub type Wake = Arc<dyn Fn() + Send + Sync>;

type Task = Box<dyn FnOnce(&Result<Connection>) + Send>;

/// Runs reads on a thread with its own read-only connection.
pub struct Reader {
    tx: Sender<Task>,
    wake: Wake,
    in_flight: Arc<AtomicUsize>,
}

/// A read handed to the [`Reader`]; its result arrives later. Dropping it (the view
/// asked for other rows meanwhile) skips the read if it has not started.
pub struct Pending<T> {
    rx: Receiver<Result<T>>,
    wanted: Arc<AtomicBool>,
}

impl<T> Drop for Pending<T> {
    fn drop(&mut self) {
        self.wanted.store(false, Ordering::Relaxed);
    }
}

impl<T> Pending<T> {
    /// The result once the read is done; `None` while it runs.
    pub fn poll(&mut self) -> Option<Result<T>> {
        match self.rx.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(StoreError::ReaderStopped)),
        }
    }
}

/// A connection that only reads, opened as the store opens one for a file it may not
/// write (so a file on a read-only stick reads too).
fn read_only(source: &Source) -> Result<Connection> {
    let conn = super::open::open_reader(source.path(), source.key())
        .map_err(|e| super::open::explain(source.path(), e))?;
    conn.busy_timeout(Duration::from_secs(10))?;
    Ok(conn)
}

impl Reader {
    /// Starts the reading thread for the ledger at `source`; `wake` is called after each
    /// read is done.
    pub fn start(source: &Source, wake: Wake) -> Reader {
        let (tx, rx) = channel::<Task>();
        let source = source.clone();
        let _ = std::thread::Builder::new()
            .name("reader".into())
            .spawn(move || {
                // Opened on the thread, so opening never costs the window a frame; if it
                // fails, every read says why.
                let conn = read_only(&source);
                if let Err(e) = &conn {
                    tracing::error!(
                        "the reading thread could not open the file: {}",
                        e.log_line()
                    );
                }
                while let Ok(task) = rx.recv() {
                    task(&conn);
                }
            });
        Reader {
            tx,
            wake,
            in_flight: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// How many reads are handed over and not yet done (tests wait for none).
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::Relaxed)
    }

    /// Runs `read` on the reading thread, as `session` (whose permissions the query
    /// functions check there).
    pub fn read<T: Send + 'static>(
        &self,
        session: Session,
        read: impl FnOnce(&Read<'_>) -> Result<T> + Send + 'static,
    ) -> Pending<T> {
        let (tx, rx) = channel();
        let wake = self.wake.clone();
        let in_flight = self.in_flight.clone();
        let wanted = Arc::new(AtomicBool::new(true));
        let still_wanted = wanted.clone();
        in_flight.fetch_add(1, Ordering::Relaxed);
        let task: Task = Box::new(move |conn| {
            if still_wanted.load(Ordering::Relaxed) {
                let result = match conn {
                    Ok(conn) => read(&Read::new(conn, &session)),
                    Err(e) => Err(StoreError::Unreadable(e.message())),
                };
                let _ = tx.send(result);
            }
            in_flight.fetch_sub(1, Ordering::Relaxed);
            wake();
        });
        // If the thread is gone, the pending read reports it as stopped.
        if self.tx.send(task).is_err() {
            self.in_flight.fetch_sub(1, Ordering::Relaxed);
        }
        Pending { rx, wanted }
    }
}

/// Notices commits by other connections to the same file.
pub struct Watcher {
    stop: Arc<AtomicBool>,
    changed: Arc<AtomicBool>,
}

/// How often the watcher looks.
const WATCH_EVERY: Duration = Duration::from_secs(1);

impl Watcher {
    /// Starts watching the ledger at `source`; `wake` is called when another connection
    /// committed.
    pub fn start(source: &Source, wake: Wake) -> Watcher {
        let stop = Arc::new(AtomicBool::new(false));
        let changed = Arc::new(AtomicBool::new(false));
        let (stop_flag, changed_flag, source) = (stop.clone(), changed.clone(), source.clone());
        let _ = std::thread::Builder::new()
            .name("watcher".into())
            .spawn(move || {
                let conn = match read_only(&source) {
                    Ok(conn) => conn,
                    Err(e) => {
                        tracing::error!("the watcher could not open the file: {}", e.log_line());
                        return;
                    }
                };
                let version = |conn: &Connection| -> Option<i64> {
                    conn.pragma_query_value(None, "data_version", |r| r.get(0))
                        .ok()
                };
                let mut last = version(&conn);
                // Whatever was written between the window's opening and this first look
                // counts as news.
                changed_flag.store(true, Ordering::Relaxed);
                wake();
                while !stop_flag.load(Ordering::Relaxed) {
                    std::thread::sleep(WATCH_EVERY);
                    let now = version(&conn);
                    if now != last {
                        last = now;
                        changed_flag.store(true, Ordering::Relaxed);
                        wake();
                    }
                }
            });
        Watcher { stop, changed }
    }

    /// Whether another connection committed since the last call.
    pub fn take_changed(&self) -> bool {
        self.changed.swap(false, Ordering::Relaxed)
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
