//! The screens shown instead of the ledger: the first-run choice (the first administrator,
//! or no sign-in on this computer), the sign-in, and the lock after idle minutes. None of
//! them reads a record of the ledger; each only asks the accounts module.

use egui::{Key, Response, Ui};
use zeroize::Zeroize;

use super::{Notice, message_ui};
use crate::i18n::{Lang, accounts as acc};
use crate::store::{Store, accounts};

/// What was typed into the screens, kept while the window runs.
#[derive(Default)]
pub struct SignInScreens {
    /// The account name on the sign-in screen (`--user` fills it in).
    pub name: String,
    password: String,
    admin_name: String,
    admin_display: String,
    admin_password: String,
    admin_again: String,
    message: Option<Notice>,
}

/// What the lock screen's user did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockAction {
    /// Nothing yet.
    Stay,
    /// Gave the right password.
    Unlocked,
    /// Signed out, to let someone else sign in.
    SignedOut,
}

/// A labelled password field; Enter in it is `true` in the pair.
pub fn password_field_ui(ui: &mut Ui, label: &str, value: &mut String) -> (Response, bool) {
    let label = ui.label(label);
    let response = ui
        .add(
            egui::TextEdit::singleline(value)
                .password(true)
                .desired_width(200.0),
        )
        .labelled_by(label.id);
    let entered = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    (response, entered)
}

/// A labelled one-line text field; Enter in it is `true` in the pair.
fn text_field_ui(ui: &mut Ui, label: &str, value: &mut String) -> (Response, bool) {
    let label = ui.label(label);
    let response = ui
        .add(egui::TextEdit::singleline(value).desired_width(200.0))
        .labelled_by(label.id);
    let entered = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    (response, entered)
}

impl SignInScreens {
    /// Forgets every password typed (after a sign-in, a sign-out, an unlock).
    pub fn clear_passwords(&mut self) {
        self.password.zeroize();
        self.admin_password.zeroize();
        self.admin_again.zeroize();
        self.message = None;
    }

    /// The first-run choice on an undecided ledger. Returns whether it was decided.
    pub fn first_run_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) -> bool {
        let mut decided = false;
        ui.heading(lang.t(acc::FIRST_RUN_TITLE));
        ui.label(lang.t(acc::FIRST_RUN_EXPLAIN));
        ui.add_space(8.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(lang.t(acc::CREATE_FIRST_ADMIN));
            ui.label(lang.t(acc::FIRST_ADMIN_GRANTS));
            let mut entered = false;
            egui::Grid::new("first_admin")
                .num_columns(2)
                .show(ui, |ui| {
                    text_field_ui(ui, lang.t(acc::ACCOUNT_NAME), &mut self.admin_name);
                    ui.end_row();
                    text_field_ui(ui, lang.t(acc::DISPLAY_NAME), &mut self.admin_display);
                    ui.end_row();
                    password_field_ui(ui, lang.t(acc::PASSWORD), &mut self.admin_password);
                    ui.end_row();
                    entered =
                        password_field_ui(ui, lang.t(acc::PASSWORD_AGAIN), &mut self.admin_again).1;
                    ui.end_row();
                });
            if ui.button(lang.t(acc::CREATE_AND_SIGN_IN)).clicked() || entered {
                if self.admin_password != self.admin_again {
                    self.message = Some(Notice::error(acc::PASSWORDS_DIFFER));
                } else {
                    match accounts::create_first_admin(
                        store,
                        &self.admin_name,
                        &self.admin_display,
                        &self.admin_password,
                    ) {
                        Ok(()) => {
                            self.clear_passwords();
                            decided = true;
                        }
                        Err(e) => self.message = Some(Notice::store_error(&e)),
                    }
                }
            }
        });
        ui.add_space(8.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            if ui.button(lang.t(acc::NO_SIGN_IN)).clicked() {
                match accounts::choose_no_sign_in(store) {
                    Ok(()) => {
                        self.clear_passwords();
                        decided = true;
                    }
                    Err(e) => self.message = Some(Notice::store_error(&e)),
                }
            }
            ui.label(lang.t(acc::NO_SIGN_IN_EXPLAIN));
        });
        message_ui(ui, &self.message, lang);
        decided
    }

    /// The sign-in screen. Returns whether someone signed in.
    pub fn sign_in_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) -> bool {
        let mut signed_in = false;
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading(lang.t(acc::SIGN_IN_TITLE));
            ui.label(lang.t(acc::SIGN_IN_EXPLAIN));
            ui.add_space(12.0);
        });
        ui.horizontal(|ui| {
            // Centred by hand: a grid in the middle of the window.
            ui.add_space((ui.available_width() - 320.0).max(0.0) / 2.0);
            ui.vertical(|ui| {
                let mut entered = false;
                egui::Grid::new("sign_in").num_columns(2).show(ui, |ui| {
                    entered |= text_field_ui(ui, lang.t(acc::ACCOUNT_NAME), &mut self.name).1;
                    ui.end_row();
                    entered |= password_field_ui(ui, lang.t(acc::PASSWORD), &mut self.password).1;
                    ui.end_row();
                });
                if ui.button(lang.t(acc::SIGN_IN)).clicked() || entered {
                    match accounts::sign_in(store, &self.name, &self.password) {
                        Ok(()) => {
                            self.clear_passwords();
                            signed_in = true;
                        }
                        Err(e) => {
                            self.password.zeroize();
                            self.message = Some(Notice::store_error(&e));
                        }
                    }
                }
                message_ui(ui, &self.message, lang);
            });
        });
        signed_in
    }

    /// The lock screen after `minutes` without input: the signed-in user's password again.
    pub fn lock_ui(
        &mut self,
        ui: &mut Ui,
        store: &mut Store,
        lang: Lang,
        minutes: u32,
    ) -> LockAction {
        let mut action = LockAction::Stay;
        let who = store.session().name.clone();
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading(lang.t(acc::LOCKED_TITLE));
            ui.label(acc::locked_text(lang, minutes, &who));
            ui.add_space(12.0);
        });
        ui.horizontal(|ui| {
            ui.add_space((ui.available_width() - 320.0).max(0.0) / 2.0);
            ui.vertical(|ui| {
                let mut entered = false;
                egui::Grid::new("unlock").num_columns(2).show(ui, |ui| {
                    entered = password_field_ui(ui, lang.t(acc::PASSWORD), &mut self.password).1;
                    ui.end_row();
                });
                ui.horizontal(|ui| {
                    if ui.button(lang.t(acc::UNLOCK)).clicked() || entered {
                        match accounts::unlock(store, &self.password) {
                            Ok(()) => {
                                self.clear_passwords();
                                action = LockAction::Unlocked;
                            }
                            Err(e) => {
                                self.password.zeroize();
                                self.message = Some(Notice::store_error(&e));
                                if store.session().user.is_none() {
                                    action = LockAction::SignedOut;
                                }
                            }
                        }
                    }
                    if ui.button(lang.t(acc::SWITCH_USER)).clicked() {
                        match accounts::sign_out(store) {
                            Ok(()) => {
                                self.clear_passwords();
                                action = LockAction::SignedOut;
                            }
                            Err(e) => self.message = Some(Notice::store_error(&e)),
                        }
                    }
                });
                message_ui(ui, &self.message, lang);
            });
        });
        action
    }
}
