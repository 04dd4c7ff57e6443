//! The passphrase dialog: shown when the file being opened is encrypted, and again, with
//! the reason under the field, when the passphrase given was wrong. The user retries or
//! cancels; the field is masked and emptied whenever it is submitted.

use std::path::PathBuf;
use zeroize::Zeroize;

use egui::Ui;

use crate::i18n::{Lang, Msg, common as c, window as wi};
use crate::store::Key;
use crate::ui::field_error_ui;

/// The dialog's state: which file, what is typed, why the last try failed.
pub(super) struct Unlock {
    /// The encrypted file.
    pub path: PathBuf,
    text: String,
    error: Option<Msg>,
    focused: bool,
}

/// What the user answered.
pub(super) enum Answer {
    /// Open the file with this passphrase.
    Key(Key),
    /// Do not open it.
    Cancel,
}

impl Unlock {
    /// Asks for the passphrase of `path`; `error` says why the last one did not open it.
    pub fn new(path: PathBuf, error: Option<Msg>) -> Unlock {
        Unlock {
            path,
            text: String::new(),
            error,
            focused: false,
        }
    }

    /// Draws the dialog; `Some` once the user answered.
    pub fn ui(&mut self, ui: &mut Ui, lang: Lang) -> Option<Answer> {
        let mut submit = false;
        let mut cancel = false;
        let modal = egui::Modal::new(egui::Id::unique("unlock_prompt")).show(ui.ctx(), |ui| {
            ui.set_width(480.0);
            ui.heading(lang.t(wi::ENCRYPTED_TITLE));
            ui.monospace(self.path.display().to_string());
            ui.label(lang.t(wi::ENCRYPTED_EXPLAIN));
            ui.horizontal(|ui| {
                let label = ui.label(lang.t(wi::PASSPHRASE));
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.text)
                            .password(true)
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                if !self.focused {
                    // Ready to type into as soon as it shows.
                    field.request_focus();
                    self.focused = true;
                }
                submit = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            });
            if let Some(error) = &self.error {
                field_error_ui(ui, error.get(lang));
            }
            ui.horizontal(|ui| {
                submit |= ui.button(lang.t(wi::UNLOCK)).clicked();
                cancel = ui.button(lang.t(c::CANCEL)).clicked();
            });
        });
        if cancel || (modal.should_close() && !submit) {
            self.text.zeroize();
            return Some(Answer::Cancel);
        }
        if !submit {
            return None;
        }
        if self.text.is_empty() {
            self.error = Some(wi::PASSPHRASE_EMPTY.into());
            return None;
        }
        Some(Answer::Key(Key::new(std::mem::take(&mut self.text))))
    }
}
