//! The ledger the window works on: being opened off the window's thread, open (with its
//! reading thread, its watcher and the two reads every frame needs), or why there is none.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::clock::Clock;
use crate::i18n::Msg;
use crate::store::accounts::{self, SignInMode};
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
    /// The sign-in mode and the idle-lock minutes, with the revision of the settings they
    /// were read at.
    pub sign_in: Option<(u64, SignInMode, u32)>,
    /// Whether the file holds the demo's accounts, with the revision of the settings it was
    /// read at: the sign-in screen then lists them, so a newcomer is never locked out.
    pub demo_accounts: Option<(u64, bool)>,
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
            sign_in: None,
            demo_accounts: None,
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

    /// The sign-in mode and idle-lock minutes, read again when the settings changed (by
    /// this window, a job such as the demo, or another program); a store acting for the
    /// computer's user on a ledger that now asks for a sign-in then acts for nobody. A
    /// failed read asks for a sign-in: the ledger never opens wider than it was set.
    pub fn sign_in_mode(&mut self) -> (SignInMode, u32, Option<StoreError>) {
        let rev = self.store.revision(&["settings"]);
        if let Some((read, mode, minutes)) = self.sign_in
            && read == rev
        {
            return (mode, minutes, None);
        }
        let read = accounts::follow_mode(&mut self.store)
            .and_then(|mode| Ok((mode, accounts::idle_lock_minutes(self.store.conn())?)));
        let (mode, minutes, error) = match read {
            Ok((mode, minutes)) => (mode, minutes, None),
            Err(e) => (
                SignInMode::Required,
                accounts::DEFAULT_IDLE_LOCK_MINUTES,
                Some(e),
            ),
        };
        if error.is_some() {
            self.store
                .set_session(crate::domain::access::Session::nobody());
        }
        self.sign_in = Some((rev, mode, minutes));
        (mode, minutes, error)
    }

    /// Whether the file holds the demo's accounts (read once per revision of the settings;
    /// a failed read counts as no).
    pub fn holds_demo_accounts(&mut self) -> bool {
        let rev = self.store.revision(&["settings"]);
        if let Some((read, holds)) = self.demo_accounts
            && read == rev
        {
            return holds;
        }
        let holds =
            crate::store::settings::get(self.store.conn(), crate::jobs::demo::DEMO_ACCOUNTS_KEY)
                .ok()
                .flatten()
                .is_some();
        self.demo_accounts = Some((rev, holds));
        holds
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
