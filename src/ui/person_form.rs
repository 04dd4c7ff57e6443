//! The form to add or edit a person: every error under its field, nothing written until
//! the whole form is valid.

use egui::{RichText, Ui};

use super::loaded::Loaded;
use super::{Ctx, Permit, field_error_ui, text_field_ui};
use crate::domain::access::{Action, Area};
use crate::domain::bank::same_holder;
use crate::domain::id_number::{IdNumber, Sex};
use crate::domain::person::{Field, FieldError, PersonDraft};
use crate::domain::{PersonId, RegionId};
use crate::i18n::bank as bk;
use crate::i18n::{Lang, Msg, common as c, people as pe, placements as pl};
use crate::store::access_log::What;
use crate::store::bank::{self, NewAccount};
use crate::store::categories::Category;
use crate::store::people::{self, Person};
use crate::store::placements::{self, Placement};
use crate::store::regions::Region;
use crate::store::{Store, StoreError};

/// What the form asks of the tab after a frame.
#[derive(Clone, Debug, PartialEq)]
pub enum FormOutcome {
    /// Still open.
    Open,
    /// Closed without saving.
    Closed,
    /// Saved: who, and their name for the message.
    Saved(PersonId, String),
    /// The user wants this person in the trash (the tab asks for confirmation).
    AskTrash(PersonId, String),
    /// The user wants to see the person who already holds the typed ID number.
    OpenExisting(PersonId),
}

/// State of the person form.
pub struct PersonForm {
    editing: Option<PersonId>,
    /// Where the person edited lives on file: whether the user may change them depends on
    /// its street.
    stored_region: Option<RegionId>,
    draft: PersonDraft,
    errors: Vec<(Field, FieldError)>,
    region_filter: String,
    /// Masked values of an existing person are shown in full only on request.
    reveal_id: bool,
    reveal_phone: bool,
    trashed: bool,
    failure: Option<Msg>,
    /// The person's placements on public-welfare posts.
    history: Loaded<u64, Vec<Placement>>,
    /// The bank account, saved with the person.
    bank: BankFields,
}

/// The bank-account part of the form: empty fields mean no account.
#[derive(Default)]
struct BankFields {
    account: NewAccount,
    /// Read from the file for the person edited (once).
    loaded: bool,
    /// The person had an account when the form opened.
    had: bool,
    /// The account as read, so that saving the person writes it only when changed (a street
    /// clerk may change the person, not the account).
    stored: NewAccount,
    reveal: bool,
    error: Option<Msg>,
}

impl BankFields {
    fn is_empty(&self) -> bool {
        let a = &self.account;
        a.bank.trim().is_empty()
            && a.account_no.trim().is_empty()
            && a.holder_name.trim().is_empty()
    }
}

impl PersonForm {
    /// An empty form, in `region` if that is a village or community.
    pub fn new_person(region: Option<RegionId>) -> PersonForm {
        PersonForm {
            editing: None,
            stored_region: None,
            draft: PersonDraft {
                region_id: region,
                ..PersonDraft::default()
            },
            errors: Vec::new(),
            region_filter: String::new(),
            reveal_id: true,
            reveal_phone: true,
            trashed: false,
            failure: None,
            history: Loaded::default(),
            bank: BankFields {
                loaded: true,
                reveal: true,
                ..BankFields::default()
            },
        }
    }

    /// The form filled with a stored person.
    pub fn edit(person: &Person) -> PersonForm {
        PersonForm {
            editing: Some(person.id),
            stored_region: Some(person.region_id),
            draft: PersonDraft {
                name: person.name.clone(),
                id_number: person.id_number.clone(),
                phone: person.phone.clone(),
                address: person.address.clone(),
                region_id: Some(person.region_id),
                categories: person.categories.clone(),
                notes: person.notes.clone(),
            },
            errors: Vec::new(),
            region_filter: String::new(),
            reveal_id: false,
            reveal_phone: false,
            trashed: person.deleted_at.is_some(),
            failure: None,
            history: Loaded::default(),
            bank: BankFields::default(),
        }
    }

    /// The person being edited, if not a new one.
    pub fn editing(&self) -> Option<PersonId> {
        self.editing
    }

    fn error(&self, field: Field, lang: Lang) -> Option<String> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(f, e)| e.message(*f).text(lang))
    }

    /// Draws the form.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut Ctx<'_>,
        categories: &[Category],
        regions: &[Region],
    ) -> FormOutcome {
        let (lang, today) = (cx.lang, cx.today());
        let mut outcome = FormOutcome::Open;
        let permit = self.permit(cx, regions);
        let may_reveal = super::may_reveal(cx.store) && permit.allows();
        ui.heading(lang.t(match self.editing {
            _ if !permit.allows() => pe::VIEW_PERSON_TITLE,
            Some(_) => pe::EDIT_PERSON_TITLE,
            None => pe::NEW_PERSON_TITLE,
        }));
        if let Some(reason) = permit.reason() {
            ui.weak(lang.t(reason));
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, true])
            .show(ui, |ui| {
                permit.fields_ui(ui, |ui| {
                    self.fields_ui(ui, cx, categories, regions, may_reveal, &mut outcome)
                });
                if let Some(failure) = &self.failure {
                    field_error_ui(ui, failure.get(lang));
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if permit.button(ui, lang, lang.t(c::SAVE)) {
                        outcome = self.save(cx.store, today);
                    }
                    let close = if permit.allows() { c::CANCEL } else { c::CLOSE };
                    if ui.button(lang.t(close)).clicked() {
                        outcome = FormOutcome::Closed;
                    }
                    if let Some(id) = self.editing
                        && !self.trashed
                        && permit.button(ui, lang, lang.t(c::DELETE))
                    {
                        outcome = FormOutcome::AskTrash(id, self.draft.name.clone());
                    }
                });
                if may_read_placements(cx) {
                    self.history_ui(ui, cx);
                }
            });
        outcome
    }

    /// Whether the user may save this form: a new person wherever they may enter people, one
    /// on file only on their streets.
    fn permit(&self, cx: &Ctx<'_>, regions: &[Region]) -> Permit {
        match self.stored_region {
            Some(region) => Permit::at(
                cx.store.session(),
                Area::Registry,
                Action::Write,
                super::regions::street_of(regions, region),
            ),
            None => cx.permit(Area::Registry, Action::Write),
        }
    }

    /// The fields, read-only (by the caller) when the user may not change them.
    fn fields_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut Ctx<'_>,
        categories: &[Category],
        regions: &[Region],
        may_reveal: bool,
        outcome: &mut FormOutcome,
    ) {
        let (lang, masker, today) = (cx.lang, cx.masker, cx.today());
        egui::Grid::new("person_form_grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                text_field_ui(ui, lang.t(pe::FIELD_NAME), &mut self.draft.name, 220.0);
                ui.end_row();
                self.error_row_ui(ui, Field::Name, lang);
                self.id_number_ui(ui, cx, today, may_reveal, outcome);
                let shown = masker.phone(&self.draft.phone).into_owned();
                let asked = masked_field_ui(
                    ui,
                    lang.t(pe::FIELD_PHONE),
                    &mut self.draft.phone,
                    self.reveal_phone,
                    &shown,
                    may_reveal,
                    lang,
                );
                if asked {
                    self.reveal(cx, What::Phone);
                }
                ui.end_row();
                self.error_row_ui(ui, Field::Phone, lang);
                text_field_ui(
                    ui,
                    lang.t(pe::FIELD_ADDRESS),
                    &mut self.draft.address,
                    220.0,
                );
                ui.end_row();
                self.region_ui(ui, lang, regions, cx.store.session());
                ui.end_row();
                self.error_row_ui(ui, Field::Region, lang);
            });
        if may_read_placements(cx) {
            self.bank_ui(ui, cx, may_reveal);
        }
        ui.add_space(6.0);
        ui.label(lang.t(pe::FIELD_CATEGORIES));
        categories_ui(ui, &mut self.draft.categories, categories, lang);
        ui.add_space(6.0);
        let label = ui.label(lang.t(c::FIELD_NOTES));
        ui.add(
            egui::TextEdit::multiline(&mut self.draft.notes)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    }

    /// The person's placements on public-welfare posts, if any.
    fn history_ui(&mut self, ui: &mut Ui, cx: &Ctx<'_>) {
        let Some(id) = self.editing else { return };
        let lang = cx.lang;
        let rev = cx.rev(&["placements", "posts", "regions", "people"]);
        self.history
            .ensure_now(&cx.store.read(), rev, |conn| placements::history(conn, id));
        let Some(history) = self.history.status_ui(ui, lang) else {
            return;
        };
        if history.is_empty() {
            return;
        }
        ui.separator();
        ui.strong(lang.t(pl::HISTORY));
        for p in history.iter() {
            let end = match (p.exit_date, p.exit_reason) {
                (Some(date), Some(reason)) => pl::exited_on(date, reason.label(lang)).text(lang),
                _ => p.agreement_end.to_string(),
            };
            ui.label(format!(
                "{} · {} · {} ~ {}",
                p.post, p.place, p.start_date, end
            ));
        }
    }

    /// The bank account: bank, number (masked for a stored one until asked) and holder;
    /// a number failing the Luhn check is kept with a warning, a holder not the person is
    /// pointed out.
    /// Shows the person's full `what` for editing, once the access is recorded; the reason
    /// it could not be is said under the form.
    fn reveal(&mut self, cx: &mut Ctx<'_>, what: What) {
        let Some(id) = self.editing else { return };
        match super::record_reveal(cx.store, id, what) {
            Ok(()) => match what {
                What::Phone => self.reveal_phone = true,
                _ => self.reveal_id = true,
            },
            Err(e) => self.failure = Some(super::Notice::store_error(&e).msg),
        }
    }

    fn bank_ui(&mut self, ui: &mut Ui, cx: &Ctx<'_>, may_reveal: bool) {
        let (lang, masker) = (cx.lang, cx.masker);
        // Bank accounts belong to the placements' payments: a clerk of those, for a person
        // of their streets (the store checks).
        let permit = cx.permit(Area::Placements, Action::Write);
        if !self.bank.loaded {
            self.bank.loaded = true;
            if let Some(id) = self.editing {
                match bank::account_of(&cx.store.read(), id) {
                    Ok(Some(a)) => {
                        self.bank.account = NewAccount {
                            bank: a.bank,
                            account_no: a.account_no,
                            holder_name: a.holder_name,
                        };
                        self.bank.stored = self.bank.account.clone();
                        self.bank.had = true;
                    }
                    Ok(None) => self.bank.reveal = true,
                    Err(e) => self.failure = Some(super::Notice::store_error(&e).msg),
                }
            }
        }
        ui.add_space(6.0);
        ui.strong(lang.t(bk::ACCOUNT_HEADING))
            .on_hover_text(permit.reason().map_or("", |r| lang.t(r)));
        permit.fields_ui(ui, |ui| {
            egui::Grid::new("person_bank_grid")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    let b = &mut self.bank;
                    text_field_ui(ui, lang.t(bk::FIELD_BANK), &mut b.account.bank, 220.0);
                    ui.end_row();
                    let shown = masker.account(&b.account.account_no).into_owned();
                    b.reveal |= masked_field_ui(
                        ui,
                        lang.t(bk::FIELD_ACCOUNT_NO),
                        &mut b.account.account_no,
                        b.reveal,
                        &shown,
                        may_reveal && permit.allows(),
                        lang,
                    );
                    ui.end_row();
                    text_field_ui(
                        ui,
                        lang.t(bk::FIELD_HOLDER),
                        &mut b.account.holder_name,
                        220.0,
                    );
                    ui.end_row();
                })
        });
        let b = &self.bank;
        if let Some(error) = &b.error {
            field_error_ui(ui, error.get(lang));
        }
        if b.is_empty() {
            return;
        }
        if let Ok((_, false)) = bank::check_account(&b.account) {
            ui.label(RichText::new(lang.t(bk::LUHN_WARNING)).weak());
        }
        let (holder, name) = (b.account.holder_name.trim(), self.draft.name.trim());
        if !holder.is_empty() && !name.is_empty() && !same_holder(holder, name) {
            ui.label(RichText::new(bk::holder_differs(holder, name).text(lang)).weak());
        }
    }

    fn error_row_ui(&self, ui: &mut Ui, field: Field, lang: Lang) {
        if let Some(message) = self.error(field, lang) {
            ui.label("");
            field_error_ui(ui, &message);
            ui.end_row();
        }
    }

    fn id_number_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut Ctx<'_>,
        today: jiff::civil::Date,
        may_reveal: bool,
        outcome: &mut FormOutcome,
    ) {
        let (lang, masker) = (cx.lang, cx.masker);
        let shown = masker.id_number(&self.draft.id_number).into_owned();
        let asked = masked_field_ui(
            ui,
            lang.t(pe::FIELD_ID_NUMBER),
            &mut self.draft.id_number,
            self.reveal_id,
            &shown,
            may_reveal,
            lang,
        );
        if asked {
            self.reveal(cx, What::IdNumber);
        }
        ui.end_row();
        if let Some(message) = self.error(Field::IdNumber, lang) {
            ui.label("");
            ui.vertical(|ui| {
                field_error_ui(ui, &message);
                let existing = self.errors.iter().find_map(|(_, e)| match e {
                    FieldError::Duplicate { existing, .. } => Some(*existing),
                    _ => None,
                });
                if let Some(existing) = existing
                    && ui.link(lang.t(pe::OPEN_EXISTING)).clicked()
                {
                    *outcome = FormOutcome::OpenExisting(existing);
                }
            });
            ui.end_row();
        } else if let Ok(id) = IdNumber::parse_on(&self.draft.id_number, today) {
            ui.label("");
            let sex = lang.t(if id.sex() == Sex::Female {
                c::FEMALE
            } else {
                c::MALE
            });
            let age = id.age_on(today);
            ui.label(
                RichText::new(pe::derived_from_id(id.birth_date(), sex, age).text(lang)).weak(),
            );
            ui.end_row();
        }
    }

    /// The village or community, chosen among those where the user may enter people.
    fn region_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        regions: &[Region],
        session: &crate::domain::access::Session,
    ) {
        let label = ui.label(lang.t(pe::FIELD_REGION));
        let chosen = self
            .draft
            .region_id
            .and_then(|id| {
                regions
                    .iter()
                    .find(|r| r.id == id && r.level.holds_people())
            })
            .map_or(lang.t(c::CHOOSE_REGION).to_string(), |r| {
                r.short_name.clone()
            });
        egui::ComboBox::from_id_salt("person_region")
            .selected_text(chosen)
            .width(220.0)
            .height(360.0)
            .show_ui(ui, |ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut self.region_filter)
                        .hint_text(lang.t(pe::SEARCH)),
                );
                let filter = self.region_filter.trim();
                let allowed = |r: &Region| {
                    let street = super::regions::street_of(regions, r.id);
                    session.may(Area::Registry, Action::Write, street)
                };
                for region in regions.iter().filter(|r| r.level.holds_people()) {
                    if (filter.is_empty() || region.name.contains(filter)) && allowed(region) {
                        ui.selectable_value(
                            &mut self.draft.region_id,
                            Some(region.id),
                            &region.short_name,
                        );
                    }
                }
            })
            .response
            .labelled_by(label.id);
    }

    fn save(&mut self, store: &mut Store, today: jiff::civil::Date) -> FormOutcome {
        self.failure = None;
        let new = match self.draft.validate(today) {
            Ok(new) => new,
            Err(errors) => {
                self.errors = errors;
                return FormOutcome::Open;
            }
        };
        self.errors.clear();
        self.bank.error = None;
        let account = if self.bank.is_empty() {
            None
        } else {
            match bank::check_account(&self.bank.account) {
                Ok(_) => Some(self.bank.account.clone()),
                Err(e) => {
                    self.bank.error = Some(super::Notice::store_error(&e).msg);
                    return FormOutcome::Open;
                }
            }
        };
        // An account as it was read is not written again.
        let unchanged = self.bank.had && account.as_ref() == Some(&self.bank.stored);
        let editing = self.editing;
        let had_account = self.bank.had;
        let result = store.write(|w| {
            let id = match editing {
                Some(id) => people::update(w, id, &new).map(|()| id)?,
                None => people::insert(w, &new)?,
            };
            match &account {
                _ if unchanged => {}
                Some(account) => {
                    bank::set_account(w, id, account)?;
                }
                None if had_account => bank::remove_account(w, id)?,
                None => {}
            }
            Ok(id)
        });
        match result {
            Ok(id) => FormOutcome::Saved(id, new.name),
            Err(StoreError::DuplicateIdNumber { existing, name }) => {
                self.errors.push((
                    Field::IdNumber,
                    FieldError::Duplicate {
                        existing: PersonId(existing),
                        name,
                    },
                ));
                FormOutcome::Open
            }
            Err(e) => {
                self.failure = Some(super::Notice::store_error(&e).msg);
                FormOutcome::Open
            }
        }
    }
}

/// A personal-data field: editable in full, or masked, with a button to show it in full for
/// editing if the user `may_reveal`; returns whether that button was clicked (the caller
/// records the access before showing the value).
fn masked_field_ui(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    reveal: bool,
    masked: &str,
    may_reveal: bool,
    lang: Lang,
) -> bool {
    if reveal {
        text_field_ui(ui, label, value, 220.0);
        return false;
    }
    ui.label(label);
    ui.horizontal(|ui| {
        ui.monospace(masked);
        may_reveal
            && ui
                .small_button(lang.t(c::EDIT))
                .on_hover_text(lang.t(crate::i18n::audit::EDIT_REVEALS))
                .clicked()
    })
    .inner
}

/// The hardship categories as checkboxes; retired ones only if the person holds them.
fn categories_ui(
    ui: &mut Ui,
    held: &mut Vec<crate::domain::CategoryId>,
    categories: &[Category],
    lang: Lang,
) {
    ui.horizontal_wrapped(|ui| {
        for category in categories {
            let mut on = held.contains(&category.id);
            if !category.active && !on {
                continue;
            }
            if ui.checkbox(&mut on, category.name(lang)).changed() {
                if on {
                    held.push(category.id);
                } else {
                    held.retain(|c| *c != category.id);
                }
            }
        }
    });
}

/// Whether the person's placements and bank account are shown: to those who may read the
/// placements somewhere (the store checks the person's street).
fn may_read_placements(cx: &Ctx<'_>) -> bool {
    cx.may(Area::Placements, Action::Read)
}
