//! The ledger the window works on: being opened off the window's thread, open (with its
//! reading thread, its watcher and the two reads every frame needs), or why there is none.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::clock::Clock;
use crate::i18n::Msg;
use crate::store::background::{Reader, Wake, Watcher};
use crate::store::{Key, Result, Store, StoreError};
use crate::ui::Masker;
use crate::ui::loaded::Loaded;

/// The database the window works on, or why there is none.
pub(super) enum Db {
    Open(Box<Ledger>),
    Failed(Msg),
}

/// A file being opened (and upgraded) on its own thread; the ledger open until then stays.
pub(super) struct Opening {
    pub path: PathBuf,
    rx: Receiver<Result<Store>>,
}

/// An open ledger and what the window keeps beside it.
pub(super) struct Ledger {
    pub store: Store,
    /// Started on the first frame, when the window can be woken.
    pub background: Option<Background>,
    /// The file's mask patterns, per revision of the settings.
    pub masks: Loaded<u64, Masker>,
    /// Whether the file has no places yet, per revision of the places.
    pub empty: Loaded<u64, bool>,
}

/// The threads that read for the window and watch for other writers.
pub(super) struct Background {
    pub reader: Reader,
    watcher: Watcher,
}

impl Opening {
    /// Starts opening `path` on a thread, with the passphrase `key` if it is encrypted;
    /// `wake` is called when it is done.
    pub fn start(path: PathBuf, key: Option<Key>, clock: Clock, wake: Wake) -> Result<Opening> {
        let (tx, rx) = channel();
        let target = path.clone();
        std::thread::Builder::new()
            .name("open".into())
            .spawn(move || {
                let opened = match key {
                    Some(key) => Store::open_with_key(&target, clock, key),
                    None => Store::open_with(&target, clock),
                };
                let _ = tx.send(opened);
                wake();
            })?;
        Ok(Opening { path, rx })
    }

    /// The opened store (or the reason) once the opening thread is done.
    pub fn poll(&mut self) -> Option<Result<Store>> {
        match self.rx.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(StoreError::ReaderStopped)),
        }
    }
}

impl Db {
    pub fn ledger(&self) -> Option<&Ledger> {
        match self {
            Db::Open(ledger) => Some(ledger),
            _ => None,
        }
    }

    pub fn ledger_mut(&mut self) -> Option<&mut Ledger> {
        match self {
            Db::Open(ledger) => Some(ledger),
            _ => None,
        }
    }

    /// The file shown in the status area.
    pub fn path(&self) -> Option<&Path> {
        self.ledger().map(|l| l.store.path())
    }

    /// Whether the file is being read for the window.
    pub fn busy(&self) -> bool {
        self.ledger()
            .and_then(|l| l.background.as_ref())
            .is_some_and(|b| b.reader.in_flight() > 0)
    }
}

impl Ledger {
    pub fn new(store: Store) -> Ledger {
        Ledger {
            store,
            background: None,
            masks: Loaded::default(),
            empty: Loaded::default(),
        }
    }

    /// Starts the reading thread and the watcher, once.
    pub fn ensure_background(&mut self, ctx: &egui::Context) {
        if self.background.is_none() {
            let source = self.store.source();
            self.background = Some(Background {
                reader: Reader::start(&source, super::wake(ctx)),
                watcher: Watcher::start(&source, super::wake(ctx)),
            });
        }
    }

    /// Reads the tables' revisions again when another connection wrote to the file.
    pub fn keep_up(&mut self, ctx: &egui::Context) -> Result<()> {
        self.ensure_background(ctx);
        if self
            .background
            .as_ref()
            .is_some_and(|b| b.watcher.take_changed())
        {
            self.store.refresh_revisions()?;
        }
        Ok(())
    }
}
