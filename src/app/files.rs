//! The window's files: the File menu, the path dialog and what its answer is for, and
//! where new files, copies and exports are offered.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::ledger::Opening;
use super::{App, wake};
use crate::i18n::window as wi;
use crate::jobs::{self, JobId, JobSpec};
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
    pub(super) fn open_file(&mut self, ctx: &egui::Context, path: PathBuf) {
        if !self.jobs.is_empty() {
            self.notices.push(Notice::error(wi::FINISH_JOBS_FIRST));
            return;
        }
        match Opening::start(path, self.clock.clone(), wake(ctx)) {
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

    /// Why no database is open, with the ways out.
    pub(super) fn failed_ui(&mut self, ui: &mut Ui, message: &str) {
        let lang = self.prefs.lang;
        ui.heading(lang.t(wi::OPEN_FAILED_TITLE));
        ui::error_ui(ui, message);
        ui.horizontal(|ui| {
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
