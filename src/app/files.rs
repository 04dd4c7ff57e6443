//! The window's files: the File menu, the path dialog and what its answer is for, and
//! where new files, copies and exports are offered.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::ledger::Opening;
use super::unlock::{Answer, Unlock};
use super::{App, wake};
use crate::i18n::window as wi;
use crate::jobs::{self, JobId, JobSpec};
use crate::store::{Key, StoreError};
use crate::ui::path_prompt::{PathPrompt, PathPurpose};
use crate::ui::{self, Notice, PathRequest};

/// What the path dialog's answer is for.
pub(super) enum Then {
    Open,
    New,
    SaveCopy,
    Job(Box<dyn FnOnce(PathBuf) -> JobSpec>),
}

impl App {
    pub(super) fn file_menu_ui(&mut self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        if ui.button(lang.t(wi::MENU_NEW)).clicked() {
            let suggested = self.ledger_dir().join("minsheng-new.sqlite");
            self.prompt = Some((PathPrompt::new(PathPurpose::New, &suggested), Then::New));
        }
        if ui.button(lang.t(wi::MENU_OPEN)).clicked() {
            self.prompt = Some((
                PathPrompt::new(PathPurpose::Open, Path::new("")),
                Then::Open,
            ));
        }
        ui.menu_button(lang.t(wi::MENU_OPEN_RECENT), |ui| {
            if self.prefs.recent.is_empty() {
                ui.label(lang.t(wi::NO_RECENT));
            }
            let mut chosen = None;
            for path in &self.prefs.recent {
                if ui.button(path.display().to_string()).clicked() {
                    chosen = Some(path.clone());
                }
            }
            if let Some(path) = chosen {
                self.open_file(ui.ctx(), path);
            }
        });
        if ui
            .add_enabled(
                self.store().is_some(),
                egui::Button::new(lang.t(wi::MENU_SAVE_COPY)),
            )
            .clicked()
        {
            let stamp = self.clock.now().strftime("%Y%m%d-%H%M").to_string();
            let suggested = self
                .ledger_dir()
                .join(format!("minsheng-copy-{stamp}.sqlite"));
            self.prompt = Some((
                PathPrompt::new(PathPurpose::SaveCopy, &suggested),
                Then::SaveCopy,
            ));
        }
        // The import screen is a tab; the menu leads to it, as offices look for it here.
        if ui
            .add_enabled(
                self.store().is_some(),
                egui::Button::new(lang.t(crate::i18n::import::MENU_IMPORT)),
            )
            .clicked()
        {
            self.prefs.tab = "import".to_string();
        }
        ui.separator();
        if ui.button(lang.t(wi::MENU_QUIT)).clicked() {
            ui.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// The folder of the open ledger, for new files and copies.
    pub(super) fn ledger_dir(&self) -> PathBuf {
        self.store()
            .and_then(|s| s.path().parent())
            .map_or_else(PathBuf::new, Path::to_path_buf)
    }

    /// Where an export is offered: the folder used last, else the user's documents.
    pub(super) fn export_dir(&self) -> PathBuf {
        self.prefs
            .export_dir
            .clone()
            .filter(|d| d.is_dir())
            .or_else(|| {
                directories::UserDirs::new().and_then(|u| u.document_dir().map(Path::to_path_buf))
            })
            .unwrap_or_else(|| self.ledger_dir())
    }

    /// Opens `path` off the window's thread; the ledger open now stays until it is open.
    /// An encrypted file asks for its passphrase first.
    pub(super) fn open_file(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.open_file_with(ctx, path, None);
    }

    /// As [`App::open_file`], with the passphrase of an encrypted file.
    pub(super) fn open_file_with(&mut self, ctx: &egui::Context, path: PathBuf, key: Option<Key>) {
        if !self.jobs.is_empty() {
            self.notices.push(Notice::error(wi::FINISH_JOBS_FIRST));
            return;
        }
        self.locked = None;
        match Opening::start(path, key, self.clock.clone(), wake(ctx)) {
            Ok(opening) => self.opening = Some(opening),
            Err(e) => self.notices.push(Notice::store_error(&e)),
        }
    }

    /// Draws the path dialog and acts on the path chosen in it.
    pub(super) fn path_prompt_ui(&mut self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        let Some((prompt, _)) = &mut self.prompt else {
            return;
        };
        let Some(chosen) = prompt.ui(ui, lang) else {
            return;
        };
        let Some((_, then)) = self.prompt.take() else {
            return;
        };
        let Some(path) = chosen else { return };
        match then {
            Then::Open | Then::New => self.open_file(ui.ctx(), path),
            Then::SaveCopy => {
                let spec = JobSpec::new(wi::JOB_COPY, move |store, reporter| {
                    jobs::backup::save_copy(store, &path, reporter)
                });
                let id = JobId(self.next_id());
                self.start_job(ui.ctx(), id, spec);
            }
            Then::Job(make) => {
                self.prefs.export_dir = path.parent().map(Path::to_path_buf);
                let spec = make(path);
                let id = JobId(self.next_id());
                self.start_job(ui.ctx(), id, spec);
            }
        }
    }

    pub(super) fn ask_path(&mut self, request: PathRequest) {
        let PathRequest {
            title,
            suggested_name,
            extension,
            then,
        } = request;
        let suggested = self.export_dir().join(suggested_name);
        let purpose = PathPurpose::Export { title, extension };
        self.prompt = Some((PathPrompt::new(purpose, &suggested), Then::Job(then)));
    }

    /// What an opening thread found: the store, or the reason; an encrypted file, or a
    /// wrong passphrase for one, asks for the passphrase (again).
    pub(super) fn opened(&mut self, opened: Result<crate::store::Store, StoreError>) {
        match opened {
            Err(StoreError::Encrypted { path }) => self.unlock = Some(Unlock::new(path, None)),
            Err(StoreError::WrongPassphrase { path }) => {
                tracing::info!("refused: a wrong passphrase");
                let why = StoreError::WrongPassphrase { path: path.clone() }.message();
                self.unlock = Some(Unlock::new(path, Some(why)));
            }
            other => self.set_db(other),
        }
    }

    /// Draws the passphrase dialog and opens the file with the passphrase given; a
    /// cancel leaves the file unopened, and says why where no other ledger is open.
    pub(super) fn unlock_ui(&mut self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        let Some(unlock) = &mut self.unlock else {
            return;
        };
        let Some(answer) = unlock.ui(ui, lang) else {
            return;
        };
        let Some(unlock) = self.unlock.take() else {
            return;
        };
        match answer {
            Answer::Key(key) => self.open_file_with(ui.ctx(), unlock.path, Some(key)),
            Answer::Cancel => {
                let path = unlock.path;
                self.set_db(Err(StoreError::Encrypted { path: path.clone() }));
                if self.db.ledger().is_none() {
                    self.locked = Some(path);
                }
            }
        }
    }

    /// Why no database is open, with the ways out.
    pub(super) fn failed_ui(&mut self, ui: &mut Ui, message: &str) {
        let lang = self.prefs.lang;
        ui.heading(lang.t(wi::OPEN_FAILED_TITLE));
        ui::error_ui(ui, message);
        ui.horizontal(|ui| {
            if let Some(path) = &self.locked
                && ui.button(lang.t(wi::ENTER_PASSPHRASE)).clicked()
            {
                self.unlock = Some(Unlock::new(path.clone(), None));
            }
            if ui.button(lang.t(wi::OPEN_ANOTHER)).clicked() {
                self.prompt = Some((
                    PathPrompt::new(PathPurpose::Open, Path::new("")),
                    Then::Open,
                ));
            }
            if ui.button(lang.t(wi::CREATE_NEW)).clicked() {
                let suggested = self.ledger_dir().join("minsheng-new.sqlite");
                self.prompt = Some((PathPrompt::new(PathPurpose::New, &suggested), Then::New));
            }
        });
    }
}
