//! The Settings tab: masking patterns, the hardship-category list, encrypting the ledger
//! and the change log.

use egui::Ui;
use egui_extras::{Column, TableBuilder};

use super::loaded::Loaded;
use super::{Ctx, Notice, PathRequest, Permit, Tab, field_error_ui, text_field_ui};
use crate::domain::access::{Action as Access, Area};
use crate::domain::mask::MaskPattern;
use crate::i18n::{Lang, Msg, Text, common as c, settings as se, window as wi};
use crate::jobs::{JobSpec, backup};
use crate::store::categories::{self, Category, Removed};
use crate::store::changes::{self, Action, Change};
use crate::store::settings::{self, MASK_ID_KEY, MASK_PHONE_KEY};
use crate::store::{Store, check_passphrase, settings as stored};

/// A fictional ID number and phone to show what a pattern does.
const SAMPLE_ID: &str = "11010519491231002X";
const SAMPLE_PHONE: &str = "13900001234";
/// How many change-log rows the tab lists.
const CHANGES_SHOWN: usize = 200;

/// State of the Settings tab.
#[derive(Default)]
pub struct SettingsTab {
    /// The revision of the settings the pattern fields were filled from.
    patterns_read: Option<u64>,
    id_pattern: String,
    phone_pattern: String,
    pattern_errors: [Option<Msg>; 2],
    categories: Loaded<u64, Vec<Category>>,
    changes: Loaded<u64, Vec<Change>>,
    new_zh: String,
    new_en: String,
    message: Option<Notice>,
    placement: super::placement_settings::PlacementSettings,
    bank: super::bank_settings::BankSettings,
    service_points: super::service_points::settings::ServicePointSettings,
    accounts: super::account_settings::AccountSettings,
    encrypt: EncryptForm,
}

/// "Encrypt this ledger": the new passphrase twice, then the path of the copy.
#[derive(Default)]
struct EncryptForm {
    passphrase: String,
    repeated: String,
    error: Option<Msg>,
}

impl Tab for SettingsTab {
    fn id(&self) -> &'static str {
        "settings"
    }

    fn title(&self) -> Text {
        se::TAB_SETTINGS
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        self.reload(cx);
        crate::ui::message_ui(ui, &self.message, lang);
        let categories = self.categories.rows().cloned().unwrap_or_default();
        ui.columns(2, |columns| {
            egui::ScrollArea::vertical()
                .id_salt("settings_left")
                .show(&mut columns[0], |ui| {
                    self.masking_ui(ui, cx.store, lang);
                    ui.add_space(12.0);
                    self.categories_ui(ui, cx.store, lang);
                    ui.add_space(12.0);
                    // The programme's rules and the bank file's layout, for those who
                    // may read the programme at all.
                    if cx.may(Area::Placements, Access::Read) {
                        self.placement.ui(ui, cx, &categories);
                        ui.add_space(12.0);
                        self.bank.ui(ui, cx);
                        ui.add_space(12.0);
                    }
                    self.service_points.ui(ui, cx);
                    self.accounts.ui(ui, cx.store, lang);
                    // A copy of the whole ledger: the administrators' to make.
                    if cx.store.session().keeps_accounts() {
                        ui.add_space(12.0);
                        self.encrypt.ui(ui, cx);
                    }
                });
            let everyone = cx.store.session().keeps_accounts();
            self.changes_ui(&mut columns[1], lang, everyone);
        });
    }
}

impl SettingsTab {
    fn reload(&mut self, cx: &Ctx<'_>) {
        let conn = &cx.store.read();
        let rev = cx.rev(&["settings"]);
        if self.patterns_read != Some(rev) {
            self.patterns_read = Some(rev);
            match stored::mask_patterns(conn) {
                Ok((id, phone)) => {
                    self.id_pattern = id.to_string();
                    self.phone_pattern = phone.to_string();
                }
                Err(e) => self.message = Some(Notice::store_error(&e)),
            }
        }
        self.categories
            .ensure_now(conn, cx.rev(&["hardship_categories"]), categories::all);
        self.changes.ensure_now(conn, cx.rev(&["changes"]), |conn| {
            changes::recent(conn, CHANGES_SHOWN)
        });
    }

    fn masking_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        ui.heading(lang.t(se::MASK_SETTINGS));
        // The ledger's own settings: its administrators'.
        let permit = Permit::keeps_accounts(store.session());
        let fields = [
            (se::MASK_ID_PATTERN, SAMPLE_ID, 0),
            (se::MASK_PHONE_PATTERN, SAMPLE_PHONE, 1),
        ];
        permit.fields_ui(ui, |ui| {
            egui::Grid::new("mask_grid").num_columns(3).show(ui, |ui| {
                for (label, sample, index) in fields {
                    let text = if index == 0 {
                        &mut self.id_pattern
                    } else {
                        &mut self.phone_pattern
                    };
                    text_field_ui(ui, lang.t(label), text, 60.0)
                        .on_hover_text(lang.t(se::MASK_PATTERN_HINT));
                    match MaskPattern::parse(text) {
                        Ok(pattern) => {
                            ui.monospace(se::mask_example(pattern.apply(sample)).text(lang))
                        }
                        Err(_) => ui.label(""),
                    };
                    ui.end_row();
                    if let Some(error) = &self.pattern_errors[index] {
                        ui.label("");
                        field_error_ui(ui, error.get(lang));
                        ui.end_row();
                    }
                }
            })
        });
        ui.horizontal(|ui| {
            if permit.button(ui, lang, lang.t(c::SAVE)) {
                self.save_patterns(store);
            }
        });
    }

    fn save_patterns(&mut self, store: &mut Store) {
        let parsed = [
            MaskPattern::parse(&self.id_pattern),
            MaskPattern::parse(&self.phone_pattern),
        ];
        self.pattern_errors = parsed
            .each_ref()
            .map(|p| p.as_ref().err().map(|_| se::MASK_PATTERN_INVALID.into()));
        let [Ok(id), Ok(phone)] = parsed else { return };
        let result = store.write(|w| {
            settings::set(w, MASK_ID_KEY, &id.to_string())?;
            settings::set(w, MASK_PHONE_KEY, &phone.to_string())
        });
        self.message = Some(match result {
            Ok(()) => Notice::info(c::SETTINGS_SAVED),
            Err(e) => Notice::store_error(&e),
        });
    }

    fn categories_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        ui.heading(lang.t(se::CATEGORIES));
        let permit = Permit::district(store.session(), Area::Registry, Access::Administer);
        let mut change = None;
        egui::Grid::new("categories_grid")
            .striped(true)
            .num_columns(3)
            .show(ui, |ui| {
                let Some(categories) = self.categories.status_ui(ui, lang) else {
                    return;
                };
                for category in categories {
                    ui.label(&category.name_zh);
                    ui.label(&category.name_en);
                    if category.active {
                        if permit.small_button(ui, lang, lang.t(c::DELETE)) {
                            change = Some((category.id, false));
                        }
                    } else {
                        ui.horizontal(|ui| {
                            ui.weak(lang.t(se::RETIRED));
                            if permit.small_button(ui, lang, lang.t(se::REACTIVATE)) {
                                change = Some((category.id, true));
                            }
                        });
                    }
                    ui.end_row();
                }
            });
        if let Some((id, reactivate)) = change {
            let result = store.write(|w| {
                if reactivate {
                    categories::set_active(w, id, true).map(|()| None)
                } else {
                    categories::remove(w, id).map(Some)
                }
            });
            self.message = match result {
                Ok(Some(Removed::Retired(holders))) => {
                    Some(Notice::info(se::category_in_use(holders)))
                }
                Ok(_) => None,
                Err(e) => Some(Notice::store_error(&e)),
            };
        }
        if !permit.shown() {
            return;
        }
        ui.horizontal(|ui| {
            permit.fields_ui(ui, |ui| {
                text_field_ui(ui, lang.t(se::CATEGORY_NAME_ZH), &mut self.new_zh, 90.0);
                text_field_ui(ui, lang.t(se::CATEGORY_NAME_EN), &mut self.new_en, 120.0);
            });
            if permit.button(ui, lang, lang.t(se::ADD_CATEGORY)) {
                if self.new_zh.trim().is_empty() || self.new_en.trim().is_empty() {
                    self.message = Some(Notice::error(c::NAME_REQUIRED));
                } else {
                    match store.write(|w| categories::insert(w, &self.new_zh, &self.new_en)) {
                        Ok(_) => {
                            self.new_zh.clear();
                            self.new_en.clear();
                            self.message = None;
                        }
                        Err(e) => self.message = Some(Notice::store_error(&e)),
                    }
                }
            }
        });
    }

    /// The recent changes: `everyone`'s for an administrator, the user's own otherwise.
    fn changes_ui(&self, ui: &mut Ui, lang: Lang, everyone: bool) {
        if let Some(log) = crate::log::path() {
            ui.label(lang.t(se::LOG_FILE));
            ui.monospace(log.display().to_string());
            ui.add_space(8.0);
        }
        ui.heading(lang.t(se::CHANGE_LOG));
        ui.label(lang.t(if everyone {
            se::CHANGE_LOG_EXPLAIN
        } else {
            se::OWN_CHANGES_EXPLAIN
        }));
        let Some(changes) = self.changes.status_ui(ui, lang) else {
            return;
        };
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        TableBuilder::new(ui)
            .id_salt("change_log")
            .striped(true)
            .column(Column::initial(140.0))
            .column(Column::initial(80.0))
            .column(Column::initial(90.0))
            .column(Column::remainder())
            .body(|body| {
                body.rows(20.0, changes.len(), |mut row| {
                    let change = &changes[row.index()];
                    row.col(|ui| {
                        ui.label(change.at.replace('T', " "));
                    });
                    row.col(|ui| {
                        ui.label(&change.actor);
                    });
                    row.col(|ui| {
                        ui.label(lang.t(action_text(change.action)));
                    });
                    row.col(|ui| {
                        ui.label(format!(
                            "{} · {}",
                            crate::store::records::label(&change.table_name)
                                .map_or(change.table_name.as_str(), |t| lang.t(t)),
                            change.subject
                        ));
                    });
                });
            });
    }
}

impl EncryptForm {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        ui.heading(lang.t(se::ENCRYPT_LEDGER));
        if cx.store.is_encrypted() {
            ui.label(lang.t(se::LEDGER_IS_ENCRYPTED));
        } else {
            ui.label(lang.t(se::LEDGER_NOT_ENCRYPTED));
        }
        ui.label(lang.t(se::ENCRYPT_EXPLAIN));
        egui::Grid::new("encrypt_grid")
            .num_columns(2)
            .show(ui, |ui| {
                for (label, text) in [
                    (se::NEW_PASSPHRASE, &mut self.passphrase),
                    (se::REPEAT_PASSPHRASE, &mut self.repeated),
                ] {
                    let label = ui.label(lang.t(label));
                    ui.add(
                        egui::TextEdit::singleline(text)
                            .password(true)
                            .desired_width(220.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                }
            });
        if let Some(error) = &self.error {
            field_error_ui(ui, error.get(lang));
        }
        if ui.button(lang.t(se::ENCRYPT_COPY)).clicked() {
            self.ask_path(cx);
        }
    }

    /// Checks the passphrase and asks where the copy goes; the fields are emptied, so the
    /// passphrase stays in memory only until the copy is written.
    fn ask_path(&mut self, cx: &mut Ctx<'_>) {
        if let Err(e) = check_passphrase(&self.passphrase) {
            self.error = Some(e.message());
            return;
        }
        if self.passphrase != self.repeated {
            self.error = Some(se::PASSPHRASES_DIFFER.into());
            return;
        }
        self.error = None;
        self.repeated.clear();
        let passphrase = std::mem::take(&mut self.passphrase);
        let stem = cx
            .store
            .path()
            .file_stem()
            .map_or_else(|| "minsheng".into(), |s| s.to_string_lossy());
        cx.ask_path(PathRequest {
            title: se::ENCRYPT_TO,
            suggested_name: format!("{stem}-{}.sqlite", cx.lang.t(se::ENCRYPTED_NAME)),
            extension: "sqlite",
            then: Box::new(move |path| {
                JobSpec::new(wi::JOB_ENCRYPT, move |store, reporter| {
                    backup::encrypt_copy(store, &path, &passphrase, reporter)
                })
            }),
        });
    }
}

fn action_text(action: Action) -> Text {
    match action {
        Action::Insert => se::ACT_INSERT,
        Action::Update => se::ACT_UPDATE,
        Action::Delete => se::ACT_DELETE,
        Action::Trash => se::ACT_TRASH,
        Action::Restore => se::ACT_RESTORE,
    }
}
