//! The dialog that asks for a file path: typed, or picked with the operating system's
//! dialog where one exists (a Linux box without a portal or zenity has none; it says so,
//! and a typed path still works there). Enter confirms the typed path.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::field_error_ui;
use crate::i18n::{Lang, Msg, Text, common as c, errors as er, window as wi};

/// What the path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Create a new database (the file must not exist).
    New,
    /// Open an existing database.
    Open,
    /// Save a copy of the open database (the file must not exist).
    SaveCopy,
    /// Write a file of this extension (the file must not exist).
    Export {
        /// The question shown.
        title: Text,
        /// The extension, without the dot.
        extension: &'static str,
    },
}

impl PathPurpose {
    fn title(self) -> Text {
        match self {
            PathPurpose::New => wi::PATH_PROMPT_NEW,
            PathPurpose::Open => wi::PATH_PROMPT_OPEN,
            PathPurpose::SaveCopy => wi::PATH_PROMPT_COPY,
            PathPurpose::Export { title, .. } => title,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            PathPurpose::Export { extension, .. } => extension,
            _ => "sqlite",
        }
    }
}

/// The dialog's state.
pub struct PathPrompt {
    /// What the path is for.
    pub purpose: PathPurpose,
    text: String,
    error: Option<Msg>,
    /// Whether this computer has a file dialog, looked up once.
    dialog: bool,
}

impl PathPrompt {
    /// A dialog with `suggested` filled in (empty to open a file).
    pub fn new(purpose: PathPurpose, suggested: &Path) -> PathPrompt {
        PathPrompt {
            purpose,
            text: suggested.display().to_string(),
            error: None,
            dialog: native_dialog_available(),
        }
    }

    /// Shows why the chosen path can not be used; the dialog stays open.
    pub fn set_error(&mut self, message: Msg) {
        self.error = Some(message);
    }

    /// Draws the dialog. `Some(Some(path))` when a usable path was chosen, `Some(None)` when
    /// cancelled, `None` while it stays open.
    pub fn ui(&mut self, ui: &mut Ui, lang: Lang) -> Option<Option<PathBuf>> {
        let mut submit = false;
        let mut cancel = false;
        let modal = egui::Modal::new(egui::Id::unique("path_prompt")).show(ui.ctx(), |ui| {
            ui.set_width(560.0);
            let label = ui.label(lang.t(self.purpose.title()));
            ui.horizontal(|ui| {
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.text)
                            .hint_text(lang.t(wi::PATH_HINT))
                            .desired_width(420.0),
                    )
                    .labelled_by(label.id);
                submit = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let browse = ui
                    .add_enabled(self.dialog, egui::Button::new(lang.t(wi::BROWSE)))
                    .on_disabled_hover_text(lang.t(wi::NO_FILE_DIALOG));
                if browse.clicked()
                    && let Some(path) = native_dialog(self.purpose, Path::new(self.text.trim()))
                {
                    self.text = path.display().to_string();
                }
            });
            if !self.dialog {
                ui.weak(lang.t(wi::NO_FILE_DIALOG));
            }
            if let Some(error) = &self.error {
                field_error_ui(ui, error.get(lang));
            }
            ui.horizontal(|ui| {
                submit |= ui.button(lang.t(c::OK)).clicked();
                cancel = ui.button(lang.t(c::CANCEL)).clicked();
            });
        });
        if cancel || (modal.should_close() && !submit) {
            return Some(None);
        }
        if !submit {
            return None;
        }
        match self.check() {
            Ok(path) => Some(Some(path)),
            Err(message) => {
                self.error = Some(message);
                None
            }
        }
    }

    /// The typed path, or why it can not be used, worded for a clerk.
    fn check(&self) -> Result<PathBuf, Msg> {
        let path = PathBuf::from(self.text.trim());
        if path.as_os_str().is_empty() {
            return Err(wi::PATH_EMPTY.into());
        }
        if path.is_dir() {
            return Err(er::IS_A_FOLDER.into());
        }
        if self.purpose == PathPurpose::Open {
            return if path.exists() {
                Ok(path)
            } else {
                Err(er::FILE_NOT_FOUND.into())
            };
        }
        if path.exists() {
            return Err(er::FILE_EXISTS.into());
        }
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        if folder.is_some_and(|f| !f.is_dir()) {
            return Err(wi::FOLDER_MISSING.into());
        }
        let extension = self.purpose.extension();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let accepted =
            ext.eq_ignore_ascii_case(extension) || (extension == "sqlite" && ext == "db");
        if !accepted {
            return Err(er::wrong_extension(extension));
        }
        Ok(path)
    }
}

/// Whether this computer can show a native file dialog: always on Windows and macOS; on
/// Linux only with a desktop portal (reached over the session bus) or zenity.
pub fn native_dialog_available() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let on_path = |program: &str| {
        std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
    };
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() || on_path("zenity")
}

/// The native file dialog, starting in the folder of `current`; `None` if cancelled.
fn native_dialog(purpose: PathPurpose, current: &Path) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new();
    if let Some(dir) = current.parent().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    if let Some(name) = current.file_name() {
        dialog = dialog.set_file_name(name.to_string_lossy());
    }
    match purpose {
        PathPurpose::Open => dialog.add_filter("SQLite", &["sqlite", "db"]).pick_file(),
        PathPurpose::New | PathPurpose::SaveCopy => {
            dialog.add_filter("SQLite", &["sqlite", "db"]).save_file()
        }
        PathPurpose::Export { extension, .. } => dialog
            .add_filter(extension.to_uppercase(), &[extension])
            .save_file(),
    }
}
