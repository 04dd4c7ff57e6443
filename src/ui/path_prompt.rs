//! The dialog that asks for a file path: typed, or picked with the OS dialog where one exists
//! (a Linux box without a portal or zenity has none, and a typed path still works there).

use std::path::{Path, PathBuf};

use egui::Ui;

use super::field_error_ui;
use super::placements::ExportKind;
use crate::i18n::{Lang, common as c, window as wi};

/// What the path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Create a new database (the file must not exist).
    New,
    /// Open an existing database.
    Open,
    /// Save a copy of the open database (the file must not exist).
    SaveCopy,
    /// Write a report (the file must not exist).
    Export(ExportKind),
}

/// The dialog's state.
pub struct PathPrompt {
    /// What the path is for.
    pub purpose: PathPurpose,
    text: String,
    error: Option<String>,
}

impl PathPrompt {
    /// A dialog suggesting a file name in `dir` where one is to be created.
    pub fn new(purpose: PathPurpose, dir: &Path) -> PathPrompt {
        let text = match purpose {
            PathPurpose::Open => String::new(),
            PathPurpose::New => dir.join("minsheng-new.sqlite").display().to_string(),
            PathPurpose::SaveCopy => {
                let stamp = jiff::ZonedDateTime::now()
                    .strftime("%Y%m%d-%H%M")
                    .to_string();
                dir.join(format!("minsheng-copy-{stamp}.sqlite"))
                    .display()
                    .to_string()
            }
            PathPurpose::Export(ExportKind::SubsidySheet(month, _)) => dir
                .join(format!("补贴发放表-{month}.xlsx"))
                .display()
                .to_string(),
            PathPurpose::Export(ExportKind::Notice(from, to)) => dir
                .join(format!("上岗公示-{from}-{to}.pdf"))
                .display()
                .to_string(),
        };
        PathPrompt {
            purpose,
            text,
            error: None,
        }
    }

    /// Shows why the chosen path can not be used; the dialog stays open.
    pub fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    /// Draws the dialog. `Some(Some(path))` when a usable path was chosen, `Some(None)` when
    /// cancelled, `None` while it stays open.
    pub fn ui(&mut self, ui: &mut Ui, lang: Lang) -> Option<Option<PathBuf>> {
        let mut submit = false;
        let mut cancel = false;
        egui::Modal::new(egui::Id::unique("path_prompt")).show(ui.ctx(), |ui| {
            ui.set_width(520.0);
            let title = match self.purpose {
                PathPurpose::New => wi::PATH_PROMPT_NEW,
                PathPurpose::Open => wi::PATH_PROMPT_OPEN,
                PathPurpose::SaveCopy => wi::PATH_PROMPT_COPY,
                PathPurpose::Export(_) => wi::PATH_PROMPT_EXPORT,
            };
            let label = ui.label(lang.t(title));
            ui.horizontal(|ui| {
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.text)
                            .hint_text(lang.t(wi::PATH_HINT))
                            .desired_width(400.0),
                    )
                    .labelled_by(label.id);
                submit = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button(lang.t(wi::BROWSE)).clicked()
                    && let Some(path) = native_dialog(self.purpose)
                {
                    self.text = path.display().to_string();
                }
            });
            if let Some(error) = &self.error {
                field_error_ui(ui, error);
            }
            ui.horizontal(|ui| {
                submit |= ui.button(lang.t(c::OK)).clicked();
                cancel = ui.button(lang.t(c::CANCEL)).clicked();
            });
        });
        if cancel {
            return Some(None);
        }
        if !submit {
            return None;
        }
        let path = PathBuf::from(self.text.trim());
        if path.as_os_str().is_empty() {
            return None;
        }
        if self.purpose != PathPurpose::Open && path.exists() {
            self.error = Some(lang.t(wi::FILE_EXISTS).to_string());
            return None;
        }
        Some(Some(path))
    }
}

/// The native file dialog; `None` if cancelled or unavailable.
fn native_dialog(purpose: PathPurpose) -> Option<PathBuf> {
    let dialog = rfd::FileDialog::new();
    match purpose {
        PathPurpose::Open => dialog.add_filter("SQLite", &["sqlite", "db"]).pick_file(),
        PathPurpose::New | PathPurpose::SaveCopy => {
            dialog.add_filter("SQLite", &["sqlite", "db"]).save_file()
        }
        PathPurpose::Export(ExportKind::SubsidySheet(..)) => {
            dialog.add_filter("Excel", &["xlsx"]).save_file()
        }
        PathPurpose::Export(ExportKind::Notice(..)) => {
            dialog.add_filter("PDF", &["pdf"]).save_file()
        }
    }
}
