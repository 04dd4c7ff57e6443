//! What a tab is handed each frame ([`Ctx`]) and what it may ask the window to do
//! ([`Command`]). The window owns the store, the jobs and the notices; a tab borrows what
//! it needs through the context and asks for the rest, which the window carries out at the
//! end of the frame.

use std::path::PathBuf;

use egui::Ui;
use jiff::civil::Date;

use super::Masker;
use super::permit::Permit;
use crate::clock::Clock;
use crate::domain::access::{Action, Area};
use crate::i18n::{Lang, Msg, Text};
use crate::jobs::{JobId, JobSpec};
use crate::store::background::{Pending, Reader};
use crate::store::{Read, Result, Store, StoreError};

/// A tab: one area of the window, with its own view state.
pub trait Tab {
    /// A stable name, remembered between runs as the tab last shown.
    fn id(&self) -> &'static str;
    /// The label of the tab's button.
    fn title(&self) -> Text;
    /// Draws the tab.
    fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>);
    /// Whether the tab's button is shown to `session` (the audit only to administrators).
    fn shown_to(&self, _session: &crate::domain::access::Session) -> bool {
        true
    }
}

/// A message for the status area.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The text, in both languages.
    pub msg: Msg,
    /// Whether something went wrong (drawn in the error colour).
    pub error: bool,
}

impl Notice {
    /// Good news.
    pub fn info(msg: impl Into<Msg>) -> Notice {
        Notice {
            msg: msg.into(),
            error: false,
        }
    }

    /// Something went wrong.
    pub fn error(msg: impl Into<Msg>) -> Notice {
        Notice {
            msg: msg.into(),
            error: true,
        }
    }

    /// A store error: its message for the user, its kind for the log file.
    pub fn store_error(e: &StoreError) -> Notice {
        if e.is_fault() {
            tracing::error!("{}", e.log_line());
        } else {
            tracing::info!("refused: {}", e.log_line());
        }
        Notice::error(e.message())
    }
}

/// A file to write, asked for before a job that writes it starts.
pub struct PathRequest {
    /// The question over the path field.
    pub title: Text,
    /// The file name suggested (in the user's documents or the last folder used).
    pub suggested_name: String,
    /// The extension the file must have, without the dot.
    pub extension: &'static str,
    /// The job to run with the chosen path.
    pub then: Box<dyn FnOnce(PathBuf) -> JobSpec>,
}

/// What a tab asks the window to do at the end of the frame.
pub enum Command {
    /// Start a job under this id.
    StartJob(JobId, JobSpec),
    /// Ask for a path, then start a job with it.
    AskPath(PathRequest),
    /// Show a message in the status area.
    Notify(Notice),
}

/// What a tab is handed each frame.
pub struct Ctx<'a> {
    /// The open ledger.
    pub store: &'a mut Store,
    /// The interface language.
    pub lang: Lang,
    /// How personal data is shown.
    pub masker: Masker,
    /// The one clock.
    pub clock: Clock,
    pub(crate) reader: &'a Reader,
    pub(crate) running: &'a [JobId],
    pub(crate) next_job: &'a mut u64,
    pub(crate) commands: &'a mut Vec<Command>,
}

impl Ctx<'_> {
    /// Today, by the one clock.
    pub fn today(&self) -> Date {
        self.clock.today()
    }

    /// The revision of the newest change to any of `tables` (see [`Store::revision`]).
    pub fn rev(&self, tables: &[&str]) -> u64 {
        self.store.revision(tables)
    }

    /// Starts a job; its progress shows in the status area, and [`Ctx::is_running`] tells
    /// when it has ended.
    pub fn start_job(&mut self, spec: JobSpec) -> JobId {
        *self.next_job += 1;
        let id = JobId(*self.next_job);
        self.commands.push(Command::StartJob(id, spec));
        id
    }

    /// Whether job `id` is still running (or about to start).
    pub fn is_running(&self, id: JobId) -> bool {
        self.running.contains(&id)
            || self
                .commands
                .iter()
                .any(|c| matches!(c, Command::StartJob(j, _) if *j == id))
    }

    /// Asks for a path to write, then starts the job made with it.
    pub fn ask_path(&mut self, request: PathRequest) {
        self.commands.push(Command::AskPath(request));
    }

    /// Shows a message in the status area.
    pub fn notify(&mut self, notice: Notice) {
        self.commands.push(Command::Notify(notice));
    }

    /// Whether the user may do `action` in `area` somewhere (to show a button at all).
    pub fn may(&self, area: Area, action: Action) -> bool {
        self.store.session().may_somewhere(area, action)
    }

    /// Whether the user may do `action` in `area` on some record, with the reason if not;
    /// the store checks each record's street.
    pub fn permit(&self, area: Area, action: Action) -> Permit {
        Permit::somewhere(self.store.session(), area, action)
    }

    /// Whether the user may do `action` in `area` for the whole district (what computing and
    /// approving the month's sheet, the bank file and the settings ask for), with the reason
    /// if not.
    pub fn permit_district(&self, area: Area, action: Action) -> Permit {
        Permit::district(self.store.session(), area, action)
    }

    /// Runs `read` off the window's thread; poll the result with [`Pending::poll`].
    pub fn read_later<T: Send + 'static>(
        &self,
        read: impl FnOnce(&Read<'_>) -> Result<T> + Send + 'static,
    ) -> Pending<T> {
        self.reader.read(self.store.session().clone(), read)
    }
}
