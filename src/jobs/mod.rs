//! Work that can take longer than a frame runs here, on a named thread with its own
//! database connection, reporting progress over a channel and stopping when cancelled.
//!
//! Nothing here knows about the window: a tab describes the work as a [`JobSpec`], the
//! window starts it with [`Job::spawn`] and polls [`Job::poll`] each frame it draws anyway,
//! and a `wake` callback asks it to draw again when progress arrives. Several jobs may run
//! at once, each with its own progress and cancel.

pub mod audit_export;
pub mod backup;
pub mod bank_export;
pub mod demo;
mod demo_petitions;
mod demo_placements;
mod demo_service_points;
pub mod exports;
pub mod imports;
pub mod petition_exports;
pub mod service_point_exports;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use crate::domain::money::{Fen, format_yuan};
use crate::i18n::{Msg, Text, errors as er, placements as pl, window as wi};
use crate::store::{Source, Store, StoreError};

/// What a finished job produced.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Demonstration data was written.
    Demo(demo::DemoSummary),
    /// The database was copied to this path.
    Copied(PathBuf),
    /// An encrypted copy of the database was written to this path.
    Encrypted(PathBuf),
    /// A report file was written to this path.
    Exported(PathBuf),
    /// A month's subsidy sheet was computed: its lines and total.
    Computed(usize, Fen),
    /// A spreadsheet was imported: how many rows of each fate.
    Imported(crate::import::Counts),
}

impl Outcome {
    /// What to tell the user.
    pub fn message(&self) -> Msg {
        match self {
            Outcome::Demo(s) => wi::demo_loaded(s.villages, s.people, s.placements),
            Outcome::Copied(path) => wi::copy_saved(path.display()),
            Outcome::Encrypted(path) => wi::encrypted_copy_saved(path.display()),
            Outcome::Exported(path) => wi::file_written(path.display()),
            Outcome::Computed(lines, total) => pl::sheet_computed(lines, format_yuan(*total)),
            Outcome::Imported(c) => {
                crate::i18n::import::imported(c.created, c.updated, c.skipped, c.refused)
            }
        }
    }
}

/// Why a job did not finish.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The user cancelled; everything the job did was rolled back.
    #[error("cancelled")]
    Cancelled,
    /// The database refused the work.
    #[error(transparent)]
    Store(StoreError),
    /// A report could not be made.
    #[error(transparent)]
    Export(exports::ExportError),
    /// The file to write exists already; nothing is overwritten.
    #[error("{0} exists already")]
    FileExists(PathBuf),
    /// Demonstration data only goes into an empty database.
    #[error("the database is not empty")]
    NotEmpty,
    /// The job's thread died.
    #[error("the background job stopped unexpectedly")]
    Crashed,
    /// An import could not go ahead; nothing was written.
    #[error(transparent)]
    Import(crate::import::ImportError),
}

impl JobError {
    /// What to tell the user.
    pub fn message(&self) -> Msg {
        match self {
            JobError::Cancelled => er::CANCELLED.into(),
            JobError::Store(e) => e.message(),
            JobError::Export(e) => e.message(),
            JobError::FileExists(_) => er::FILE_EXISTS.into(),
            JobError::NotEmpty => er::DATABASE_NOT_EMPTY.into(),
            JobError::Crashed => er::JOB_CRASHED.into(),
            JobError::Import(e) => e.message(),
        }
    }

    /// One line for the log file, without personal data.
    pub fn log_line(&self) -> String {
        match self {
            JobError::Store(e) => e.log_line(),
            other => other.to_string(),
        }
    }
}

impl From<StoreError> for JobError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Cancelled => JobError::Cancelled,
            other => JobError::Store(other),
        }
    }
}

/// Which job: the window numbers them as they start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JobId(pub u64);

/// The work of a job, run on its own thread with its own connection to the ledger.
pub type Work = Box<dyn FnOnce(&mut Store, &Reporter) -> Result<Outcome, JobError> + Send>;

/// A job to start: what to call it and what to do.
pub struct JobSpec {
    /// Shown beside its progress bar.
    pub title: Text,
    /// The work.
    pub work: Work,
}

impl JobSpec {
    /// A job called `title` doing `work`.
    pub fn new(
        title: Text,
        work: impl FnOnce(&mut Store, &Reporter) -> Result<Outcome, JobError> + Send + 'static,
    ) -> JobSpec {
        JobSpec {
            title,
            work: Box::new(work),
        }
    }
}

enum Message {
    Progress(u64, u64),
    Done(Result<Outcome, JobError>),
}

/// Handed to the job's work: report progress, learn whether to stop.
pub struct Reporter {
    tx: Option<Sender<Message>>,
    cancel: Arc<AtomicBool>,
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl Reporter {
    /// Reports `done` of `total` steps; returns `false` once the user has cancelled.
    pub fn progress(&self, done: u64, total: u64) -> bool {
        if let Some(tx) = &self.tx {
            if tx.send(Message::Progress(done, total)).is_err() {
                // Nobody waits for the result any more (the window closed): stop.
                self.cancel.store(true, Ordering::Relaxed);
            }
            (self.wake)();
        }
        !self.cancelled()
    }

    /// A reporter that never cancels and tells nobody, for command-line and test use.
    pub fn silent() -> Reporter {
        Reporter {
            tx: None,
            cancel: Arc::new(AtomicBool::new(false)),
            wake: Arc::new(|| {}),
        }
    }

    /// Whether the work should stop: the user cancelled.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// A running background job.
pub struct Job {
    /// Which job.
    pub id: JobId,
    /// What the job is doing, for the progress bar.
    pub title: Text,
    rx: Receiver<Message>,
    cancel: Arc<AtomicBool>,
    /// Steps done and steps in all, as last reported.
    pub progress: (u64, u64),
}

impl Job {
    /// Starts `spec` on a named thread with its own connection to the ledger at `source`;
    /// `wake` is called whenever there is news.
    pub fn spawn(
        id: JobId,
        spec: JobSpec,
        source: Source,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Job {
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let reporter = Reporter {
            tx: Some(tx.clone()),
            cancel: cancel.clone(),
            wake: wake.clone(),
        };
        let work = spec.work;
        // If the thread can not start, `work` and `tx` are dropped with it and the first
        // poll reports the job as crashed.
        let _ = std::thread::Builder::new()
            .name(format!("job-{}", id.0))
            .spawn(move || {
                let result = source
                    .open_for_job()
                    .map_err(JobError::from)
                    .and_then(|mut store| work(&mut store, &reporter));
                let _ = tx.send(Message::Done(result));
                wake();
            });
        Job {
            id,
            title: spec.title,
            rx,
            cancel,
            progress: (0, 0),
        }
    }

    /// Asks the job to stop at its next progress report.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Takes the news since the last frame; `Some` once the job has ended.
    pub fn poll(&mut self) -> Option<Result<Outcome, JobError>> {
        loop {
            match self.rx.try_recv() {
                Ok(Message::Progress(done, total)) => self.progress = (done, total),
                Ok(Message::Done(result)) => return Some(result),
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => return Some(Err(JobError::Crashed)),
            }
        }
    }

    /// Fraction done, for the progress bar.
    pub fn fraction(&self) -> f32 {
        let (done, total) = self.progress;
        if total == 0 {
            0.0
        } else {
            done as f32 / total as f32
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    use super::*;

    /// A job that reports `step` of 10, then waits for `go` before it finishes.
    fn waiting_job(step: u64, go: mpsc::Receiver<()>) -> JobSpec {
        JobSpec::new(wi::JOB_COPY, move |_, reporter| {
            reporter.progress(step, 10);
            go.recv_timeout(Duration::from_secs(20))
                .map_err(|_| JobError::Crashed)?;
            Ok(Outcome::Exported(PathBuf::from(format!("{step}.xlsx"))))
        })
    }

    fn poll_until<T>(mut f: impl FnMut() -> Option<T>) -> T {
        let start = Instant::now();
        loop {
            if let Some(value) = f() {
                return value;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "timed out");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn two_jobs_run_at_once_each_with_its_own_progress() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("jobs.sqlite")).unwrap();
        let (go_a, wait_a) = mpsc::channel();
        let (go_b, wait_b) = mpsc::channel();
        let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(|| {});
        let mut a = Job::spawn(
            JobId(1),
            waiting_job(3, wait_a),
            store.source(),
            wake.clone(),
        );
        let mut b = Job::spawn(JobId(2), waiting_job(7, wait_b), store.source(), wake);
        poll_until(|| {
            let (pa, pb) = (a.poll(), b.poll());
            assert!(
                pa.is_none() && pb.is_none(),
                "neither may end before it is let go"
            );
            (a.progress == (3, 10) && b.progress == (7, 10)).then_some(())
        });
        assert_eq!((a.fraction(), b.fraction()), (0.3, 0.7));
        go_b.send(()).unwrap();
        let done_b = poll_until(|| b.poll());
        assert_eq!(done_b.unwrap(), Outcome::Exported("7.xlsx".into()));
        assert!(a.poll().is_none(), "the other job still runs");
        go_a.send(()).unwrap();
        let done_a = poll_until(|| a.poll());
        assert_eq!(done_a.unwrap(), Outcome::Exported("3.xlsx".into()));
    }
}
