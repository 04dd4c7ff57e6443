//! The accounts section of the Settings tab: everyone signed in changes their own
//! password; an administrator of the whole district also lists, makes, disables and resets
//! accounts, sets their grants (role × area × the whole district or one street), and
//! chooses whether the ledger asks for a sign-in and after how many idle minutes it locks.

use egui::Ui;
use zeroize::Zeroize;

use super::sign_in::password_field_ui;
use super::{Notice, message_ui, text_field_ui};
use crate::domain::RegionId;
use crate::domain::access::{Area, Grant, Role};
use crate::domain::region::RegionLevel;
use crate::i18n::{Lang, access as ac, accounts as acc, common as c};
use crate::store::accounts::{self, Account, NewAccount, SignInMode};
use crate::store::{Store, regions};

/// State of the accounts section.
#[derive(Default)]
pub struct AccountSettings {
    old_password: String,
    new_password: String,
    new_again: String,
    /// The accounts and the streets, with the revision they were read at.
    read_at: Option<u64>,
    accounts: Vec<Account>,
    streets: Vec<(RegionId, String)>,
    mode: Option<SignInMode>,
    idle_minutes: u32,
    /// The new account's form.
    name: String,
    display_name: String,
    password: String,
    grants: Vec<Grant>,
    /// The grant being put together.
    role: Option<Role>,
    area: Option<Area>,
    street: Option<RegionId>,
    /// The account whose grants are being edited (its grants in `edit_grants`).
    editing: Option<i64>,
    edit_grants: Vec<Grant>,
    /// The new password for a reset.
    reset_to: String,
    message: Option<Notice>,
}

impl AccountSettings {
    /// Draws the section.
    pub fn ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        ui.heading(lang.t(acc::ACCOUNT_SETTINGS));
        message_ui(ui, &self.message, lang);
        self.own_password_ui(ui, store, lang);
        if !store.session().keeps_accounts() {
            return;
        }
        self.reload(store);
        ui.add_space(8.0);
        self.mode_ui(ui, store, lang);
        ui.add_space(8.0);
        self.list_ui(ui, store, lang);
        ui.add_space(8.0);
        self.new_account_ui(ui, store, lang);
    }

    fn reload(&mut self, store: &Store) {
        let rev = store.revision(&["accounts", "account_grants", "regions", "settings"]);
        if self.read_at == Some(rev) {
            return;
        }
        self.read_at = Some(rev);
        let read = store.read();
        let result = accounts::accounts(&read).and_then(|list| {
            let streets = regions::all(&store.read())?
                .into_iter()
                .filter(|r| matches!(r.level, RegionLevel::Street | RegionLevel::FunctionArea))
                .map(|r| (r.id, r.short_name))
                .collect();
            let mode = accounts::sign_in_mode(store.conn())?;
            let minutes = accounts::idle_lock_minutes(store.conn())?;
            Ok((list, streets, mode, minutes))
        });
        match result {
            Ok((list, streets, mode, minutes)) => {
                self.accounts = list;
                self.streets = streets;
                self.mode = Some(mode);
                self.idle_minutes = minutes;
            }
            Err(e) => self.message = Some(Notice::store_error(&e)),
        }
    }

    fn own_password_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        ui.strong(lang.t(acc::CHANGE_PASSWORD));
        if store.session().user.is_none() {
            ui.label(lang.t(acc::NOT_AN_ACCOUNT));
            return;
        }
        egui::Grid::new("own_password")
            .num_columns(2)
            .show(ui, |ui| {
                password_field_ui(ui, lang.t(acc::OLD_PASSWORD), &mut self.old_password);
                ui.end_row();
                password_field_ui(ui, lang.t(acc::NEW_PASSWORD), &mut self.new_password);
                ui.end_row();
                password_field_ui(ui, lang.t(acc::PASSWORD_AGAIN), &mut self.new_again);
                ui.end_row();
            });
        if ui.button(lang.t(acc::CHANGE_PASSWORD)).clicked() {
            self.message = Some(if self.new_password != self.new_again {
                Notice::error(acc::PASSWORDS_DIFFER)
            } else {
                match accounts::change_own_password(store, &self.old_password, &self.new_password) {
                    Ok(()) => {
                        self.old_password.zeroize();
                        self.new_password.zeroize();
                        self.new_again.zeroize();
                        Notice::info(acc::PASSWORD_CHANGED)
                    }
                    Err(e) => Notice::store_error(&e),
                }
            });
        }
    }

    fn mode_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        ui.strong(lang.t(acc::SIGN_IN_MODE));
        let Some(current) = self.mode else { return };
        let mut chosen = current;
        ui.radio_value(
            &mut chosen,
            SignInMode::Required,
            lang.t(acc::MODE_REQUIRED),
        );
        ui.radio_value(&mut chosen, SignInMode::NotRequired, lang.t(acc::MODE_NONE));
        if chosen != current {
            let result = match chosen {
                SignInMode::Required => accounts::require_sign_in(store),
                _ => accounts::choose_no_sign_in(store),
            };
            self.message = Some(match result {
                Ok(()) => Notice::info(acc::MODE_SAVED),
                Err(e) => Notice::store_error(&e),
            });
            self.read_at = None;
        }
        ui.horizontal(|ui| {
            let label = ui.label(lang.t(acc::IDLE_LOCK_MINUTES));
            ui.add(egui::DragValue::new(&mut self.idle_minutes).range(accounts::IDLE_LOCK_RANGE))
                .labelled_by(label.id);
            if ui.button(lang.t(c::SAVE)).clicked() {
                let minutes = self.idle_minutes;
                let result = store.write(|w| accounts::set_idle_lock_minutes(w, minutes));
                self.message = Some(match result {
                    Ok(()) => Notice::info(c::SETTINGS_SAVED),
                    Err(e) => Notice::store_error(&e),
                });
            }
        });
    }

    fn grant_text(&self, grant: &Grant, lang: Lang) -> String {
        let reach = match grant.street {
            None => lang.t(acc::WHOLE_DISTRICT).to_string(),
            Some(id) => self
                .streets
                .iter()
                .find(|(s, _)| *s == id)
                .map_or_else(|| id.0.to_string(), |(_, name)| name.clone()),
        };
        format!(
            "{} · {} · {}",
            lang.t(ac::role(grant.role)),
            lang.t(ac::area(grant.area)),
            reach
        )
    }

    fn list_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        ui.strong(lang.t(acc::ACCOUNTS));
        let mut action: Option<(i64, Act)> = None;
        egui::Grid::new("accounts_list")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                for account in &self.accounts {
                    ui.label(&account.name);
                    ui.label(&account.display_name);
                    ui.label(lang.t(if account.disabled {
                        acc::DISABLED
                    } else {
                        acc::ACTIVE
                    }));
                    ui.horizontal(|ui| {
                        let toggle = if account.disabled {
                            acc::ENABLE
                        } else {
                            acc::DISABLE
                        };
                        if ui.small_button(lang.t(toggle)).clicked() {
                            action = Some((account.id, Act::Disable(!account.disabled)));
                        }
                        if ui.small_button(lang.t(acc::RESET_PASSWORD)).clicked() {
                            action = Some((account.id, Act::Reset));
                        }
                        if ui.small_button(lang.t(acc::EDIT_GRANTS)).clicked() {
                            action = Some((account.id, Act::Edit));
                        }
                    });
                    ui.end_row();
                    let grants: Vec<String> = account
                        .grants
                        .iter()
                        .map(|g| self.grant_text(g, lang))
                        .collect();
                    ui.label("");
                    ui.weak(if grants.is_empty() {
                        lang.t(acc::NO_GRANTS).to_string()
                    } else {
                        grants.join("；")
                    });
                    ui.end_row();
                }
            });
        ui.horizontal(|ui| {
            password_field_ui(ui, lang.t(acc::NEW_PASSWORD), &mut self.reset_to);
        });
        if let Some((id, act)) = action {
            let name = self
                .accounts
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.name.clone())
                .unwrap_or_default();
            let result = match act {
                Act::Disable(disabled) => store
                    .write(|w| accounts::set_disabled(w, id, disabled))
                    .map(|()| None),
                Act::Reset => accounts::reset_password(store, id, &self.reset_to)
                    .map(|()| Some(Notice::info(acc::password_reset(name)))),
                Act::Edit => {
                    self.editing = Some(id);
                    self.edit_grants = self
                        .accounts
                        .iter()
                        .find(|a| a.id == id)
                        .map(|a| a.grants.clone())
                        .unwrap_or_default();
                    Ok(None)
                }
            };
            match result {
                Ok(notice) => {
                    if matches!(act, Act::Reset) {
                        self.reset_to.zeroize();
                    }
                    self.message = notice;
                }
                Err(e) => self.message = Some(Notice::store_error(&e)),
            }
        }
        if let Some(id) = self.editing {
            ui.group(|ui| {
                let name = self
                    .accounts
                    .iter()
                    .find(|a| a.id == id)
                    .map(|a| a.name.clone())
                    .unwrap_or_default();
                ui.label(format!("{} · {name}", lang.t(acc::EDIT_GRANTS)));
                let mut grants = std::mem::take(&mut self.edit_grants);
                self.grants_ui(ui, &mut grants, lang, "edit");
                self.edit_grants = grants;
                ui.horizontal(|ui| {
                    if ui.button(lang.t(acc::SAVE_GRANTS)).clicked() {
                        let grants = self.edit_grants.clone();
                        match store.write(|w| accounts::set_grants(w, id, &grants)) {
                            Ok(()) => {
                                self.editing = None;
                                self.message = Some(Notice::info(acc::GRANTS_SAVED));
                            }
                            Err(e) => self.message = Some(Notice::store_error(&e)),
                        }
                    }
                    if ui.button(lang.t(c::CANCEL)).clicked() {
                        self.editing = None;
                    }
                });
            });
        }
    }

    /// The grants of a form: each with a remove button, and a row to add one.
    fn grants_ui(&mut self, ui: &mut Ui, grants: &mut Vec<Grant>, lang: Lang, salt: &str) {
        let mut removed = None;
        for (index, grant) in grants.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(self.grant_text(grant, lang));
                if ui.small_button(lang.t(acc::REMOVE_GRANT)).clicked() {
                    removed = Some(index);
                }
            });
        }
        if let Some(index) = removed {
            grants.remove(index);
        }
        ui.horizontal(|ui| {
            choice_ui(
                ui,
                (salt, "role"),
                lang.t(acc::ROLE),
                &mut self.role,
                &Role::ALL,
                |r| lang.t(ac::role(r)),
            );
            choice_ui(
                ui,
                (salt, "area"),
                lang.t(acc::AREA),
                &mut self.area,
                &Area::ALL,
                |a| lang.t(ac::area(a)),
            );
            let street_text = match self.street {
                None => lang.t(acc::WHOLE_DISTRICT).to_string(),
                Some(id) => self
                    .streets
                    .iter()
                    .find(|(s, _)| *s == id)
                    .map_or_else(String::new, |(_, n)| n.clone()),
            };
            let label = ui.label(lang.t(acc::STREET));
            egui::ComboBox::from_id_salt((salt, "street"))
                .selected_text(street_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.street, None, lang.t(acc::WHOLE_DISTRICT));
                    for (id, name) in &self.streets {
                        ui.selectable_value(&mut self.street, Some(*id), name);
                    }
                })
                .response
                .labelled_by(label.id);
            if let (Some(role), Some(area)) = (self.role, self.area)
                && ui.button(lang.t(acc::ADD_GRANT)).clicked()
            {
                let grant = Grant {
                    role,
                    area,
                    street: self.street,
                };
                if !grants.contains(&grant) {
                    grants.push(grant);
                }
            }
        });
    }

    fn new_account_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        ui.strong(lang.t(acc::NEW_ACCOUNT));
        egui::Grid::new("new_account")
            .num_columns(2)
            .show(ui, |ui| {
                text_field_ui(ui, lang.t(acc::ACCOUNT_NAME), &mut self.name, 160.0);
                ui.end_row();
                text_field_ui(ui, lang.t(acc::DISPLAY_NAME), &mut self.display_name, 160.0);
                ui.end_row();
                password_field_ui(ui, lang.t(acc::INITIAL_PASSWORD), &mut self.password);
                ui.end_row();
            });
        let mut grants = std::mem::take(&mut self.grants);
        self.grants_ui(ui, &mut grants, lang, "new");
        self.grants = grants;
        if ui.button(lang.t(acc::CREATE_ACCOUNT)).clicked() {
            let new = NewAccount {
                name: self.name.clone(),
                display_name: self.display_name.clone(),
                password: self.password.clone(),
                grants: self.grants.clone(),
            };
            match store.write(|w| accounts::create_account(w, &new)) {
                Ok(_) => {
                    self.message = Some(Notice::info(acc::account_created(new.name.trim())));
                    self.name.clear();
                    self.display_name.clear();
                    self.password.zeroize();
                    self.grants.clear();
                }
                Err(e) => self.message = Some(Notice::store_error(&e)),
            }
        }
    }
}

/// What was asked of one account in the list.
#[derive(Clone, Copy)]
enum Act {
    Disable(bool),
    Reset,
    Edit,
}

/// A labelled drop-down choosing one of `all` (none chosen yet shows a dash).
fn choice_ui<T: Copy + PartialEq>(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    value: &mut Option<T>,
    all: &[T],
    name: impl Fn(T) -> &'static str,
) {
    let label = ui.label(label);
    egui::ComboBox::from_id_salt(salt)
        .selected_text(value.map_or("—", &name))
        .show_ui(ui, |ui| {
            for &item in all {
                ui.selectable_value(value, Some(item), name(item));
            }
        })
        .response
        .labelled_by(label.id);
}
