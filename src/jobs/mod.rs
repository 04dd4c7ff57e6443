//! Work that can take longer than a frame runs here, on a named thread with its own
//! database connection, reporting progress over a channel and stopping when cancelled.
//!
//! Nothing here knows about the window: the window polls [`Job::poll`] each frame it
//! draws anyway, and a `wake` callback asks it to draw again when progress arrives.

pub mod backup;
pub mod demo;
mod demo_placements;
pub mod exports;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use crate::store::StoreError;

/// What a finished job produced.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Demonstration data was written.
    Demo(demo::DemoSummary),
    /// The database was copied to this path.
    Copied(std::path::PathBuf),
    /// A report file was written to this path.
    Exported(std::path::PathBuf),
    /// A month's subsidy sheet was computed: its lines and total.
    Computed(usize, crate::domain::money::Fen),
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
    /// The job's thread died.
    #[error("the background job stopped unexpectedly")]
    Crashed,
}

impl From<StoreError> for JobError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Cancelled => JobError::Cancelled,
            other => JobError::Store(other),
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
    /// What the job is doing, for the progress bar.
    pub title: crate::i18n::Text,
    rx: Receiver<Message>,
    cancel: Arc<AtomicBool>,
    /// Steps done and steps in all, as last reported.
    pub progress: (u64, u64),
}

impl Job {
    /// Starts `work` on a named thread; `wake` is called whenever there is news.
    pub fn spawn(
        title: crate::i18n::Text,
        thread_name: &str,
        wake: Arc<dyn Fn() + Send + Sync>,
        work: impl FnOnce(&Reporter) -> Result<Outcome, JobError> + Send + 'static,
    ) -> Job {
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let reporter = Reporter {
            tx: Some(tx.clone()),
            cancel: cancel.clone(),
            wake: wake.clone(),
        };
        // If the thread can not start, `work` and `tx` are dropped with it and the first
        // poll reports the job as crashed.
        let _ = std::thread::Builder::new()
            .name(thread_name.to_string())
            .spawn(move || {
                let result = work(&reporter);
                let _ = tx.send(Message::Done(result));
                wake();
            });
        Job {
            title,
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
