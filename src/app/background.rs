//! The window's background jobs: starting them (each with its own connection) and taking
//! their result when they end.

use std::path::PathBuf;
use std::sync::Arc;

use egui::Ui;

use super::{App, Db};
use crate::i18n::{placements as pl, window as wi};
use crate::jobs::{self, Job, JobError, Outcome, exports};
use crate::store::Store;
use crate::ui::{self, placements::ExportKind};

impl App {
    fn wake(ui: &Ui) -> Arc<dyn Fn() + Send + Sync> {
        let ctx = ui.ctx().clone();
        Arc::new(move || ctx.request_repaint())
    }

    pub(super) fn start_copy(&mut self, ui: &Ui, dest: PathBuf) {
        let Some(store) = self.store() else { return };
        let source = store.path().to_path_buf();
        self.job = Some(Job::spawn(
            wi::JOB_COPY,
            "save-copy",
            Self::wake(ui),
            move |reporter| {
                let store = Store::open(&source)?;
                jobs::backup::save_copy(&store, &dest, reporter)
            },
        ));
    }

    pub(super) fn start_export(&mut self, ui: &Ui, kind: ExportKind, dest: PathBuf) {
        let Some(store) = self.store() else { return };
        let source = store.path().to_path_buf();
        let lang = self.prefs.lang;
        self.job = Some(Job::spawn(
            wi::JOB_EXPORT,
            "export",
            Self::wake(ui),
            move |reporter| {
                let store = Store::open(&source)?;
                let (id_mask, _) = crate::store::settings::mask_patterns(store.conn())?;
                match kind {
                    ExportKind::SubsidySheet(month, full_ids) => {
                        let disclosure = exports::Disclosure { id_mask, full_ids };
                        exports::subsidy_sheet(&store, month, &dest, disclosure, lang, reporter)
                    }
                    ExportKind::Notice(from, to) => {
                        exports::notice(&store, from, to, &dest, id_mask, lang, reporter)
                    }
                }
            },
        ));
    }

    pub(super) fn start_demo(&mut self, ui: &Ui, scale: u32) {
        let Some(store) = self.store() else { return };
        let path = store.path().to_path_buf();
        self.job = Some(Job::spawn(
            wi::JOB_DEMO,
            "demo-data",
            Self::wake(ui),
            move |reporter| {
                let mut store = Store::open(&path)?;
                jobs::demo::generate(&mut store, scale, reporter)
            },
        ));
    }

    /// Takes the running job's news; on its end, tells the views and the user.
    pub(super) fn poll_job(&mut self) {
        let Some(result) = self.job.as_mut().and_then(Job::poll) else {
            return;
        };
        let lang = self.prefs.lang;
        let title = self.job.take().map_or(wi::JOB_DEMO, |job| job.title);
        match result {
            Ok(Outcome::Demo(summary)) => {
                if let Db::Open(store) = &mut self.db {
                    store.mark_changed();
                }
                let text = wi::demo_loaded(summary.villages, summary.people, summary.placements)
                    .text(lang);
                self.notify(wi::job_done(&text).text(lang), false);
            }
            Ok(Outcome::Copied(path)) => {
                self.notify(wi::copy_saved(path.display()).text(lang), false);
            }
            Ok(Outcome::Exported(path)) => {
                self.notify(wi::file_written(path.display()).text(lang), false);
            }
            Ok(Outcome::Computed(lines, total)) => {
                if let Db::Open(store) = &mut self.db {
                    store.mark_changed();
                }
                let total = crate::domain::money::format_yuan(total);
                self.notify(pl::sheet_computed(lines, &total).text(lang), false);
            }
            Err(JobError::Cancelled) => {
                self.notify(wi::job_cancelled(lang.t(title)).text(lang), false);
            }
            Err(JobError::Store(e)) => {
                let text = ui::store_error_message(&e, lang);
                self.notify(wi::job_failed(&text).text(lang), true);
            }
            Err(e) => self.notify(wi::job_failed(&e).text(lang), true),
        }
    }
}
