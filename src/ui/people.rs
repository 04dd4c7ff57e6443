//! The People & places tab: the region tree, the searchable people table and the form.
//!
//! The table holds only the ordered ids of the people that match (cheap at 100k) and
//! loads the rows it shows in blocks; nothing is queried on a frame where neither the
//! data, the filter nor the scroll position changed.

use std::time::{Duration, Instant};

use egui::{Response, Ui};

use super::loaded::Loaded;
use super::person_form::{FormOutcome, PersonForm};
use super::regions::RegionTree;
use super::table_rows;
use super::{Ctx, Masker, Notice, Tab};
use crate::domain::access::{Action, Area, Session};
use crate::domain::id_number::{Sex, age_on};
use crate::domain::{CategoryId, PersonId};
use crate::i18n::{Lang, Text, common as c, people as pe};
use crate::store::access_log::What;
use crate::store::categories::{self, Category};
use crate::store::people::{self, PeopleFilter, SortKey};
use crate::store::{Store, StoreError};

/// The tables the people table shows.
const TABLES: &[&str] = &["people", "regions", "hardship_categories"];

/// Typing in the search box waits this long before querying, so a fast typist does not
/// run one search per keystroke.
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(200);
/// Rows loaded at a time around the first one the table asks for.
const BLOCK: usize = 120;
const ROW_HEIGHT: f32 = 22.0;

/// A table row ready to draw: masked, aged and named once, not every frame.
struct ShownRow {
    id: PersonId,
    name: String,
    id_number: String,
    /// The full values, shown only for a person revealed (and recorded).
    id_number_full: String,
    sex: &'static str,
    age: String,
    phone: String,
    phone_full: String,
    place: String,
    categories: String,
}

/// Rows for a window of the id list, valid for one revision, masking and language.
#[derive(Default)]
struct RowBlock {
    key: Option<(u64, Masker, Lang)>,
    start: usize,
    rows: Vec<ShownRow>,
    /// The last read failed: read again only when the data or the list changes, not on
    /// every repaint.
    failed: bool,
}

/// State of the People & places tab.
#[derive(Default)]
pub struct PeopleTab {
    filter: PeopleFilter,
    typed_at: Option<Instant>,
    ids: Loaded<(u64, PeopleFilter), Vec<PersonId>>,
    /// A new search shows its best matches: the table goes back to the top.
    scroll_to_top: bool,
    block: RowBlock,
    categories: Loaded<u64, Vec<Category>>,
    tree: RegionTree,
    form: Option<PersonForm>,
    confirm_trash: Option<(PersonId, String)>,
    message: Option<Notice>,
    /// The values shown in full, each recorded in the access records when first shown; kept
    /// for the user who revealed them only.
    revealed: Revealed,
}

/// Whose ID numbers and phones the user has revealed.
#[derive(Default)]
struct Revealed {
    /// The user they were revealed to: another user sees them masked again.
    to: Option<crate::domain::access::Session>,
    shown: std::collections::HashSet<(PersonId, What)>,
}

impl Revealed {
    /// Forgets what was revealed to someone else than the store's user now.
    fn keep_for(&mut self, store: &Store) {
        if self.to.as_ref() != Some(store.session()) {
            self.to = Some(store.session().clone());
            self.shown.clear();
        }
    }

    fn contains(&self, id: PersonId, what: What) -> bool {
        self.shown.contains(&(id, what))
    }
}

impl Tab for PeopleTab {
    fn id(&self) -> &'static str {
        "people"
    }

    fn title(&self) -> Text {
        pe::TAB_PEOPLE
    }

    fn shown_to(&self, session: &Session) -> bool {
        session.may_somewhere(Area::Registry, Action::Read)
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        let rev = cx.rev(&["hardship_categories"]);
        self.categories
            .ensure_now(&cx.store.read(), rev, categories::all);
        egui::Panel::left("region_tree")
            .resizable(true)
            .default_size(260.0)
            .show(ui, |ui| {
                if let Some(region) = self.tree.ui(ui, cx) {
                    self.filter.region = region;
                }
            });
        if let Some(form) = &mut self.form {
            let mut outcome = FormOutcome::Open;
            let categories = self.categories.rows().map_or(&[][..], Vec::as_slice);
            egui::Panel::right("person_form")
                .resizable(true)
                .default_size(380.0)
                .show(ui, |ui| {
                    outcome = form.ui(ui, cx, categories, self.tree.regions());
                });
            self.after_form(outcome, cx.store);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let may_add = cx.may(Area::Registry, Action::Write);
            self.toolbar_ui(ui, lang, may_add);
            crate::ui::message_ui(ui, &self.message, lang);
            self.categories.status_ui(ui, lang);
            self.reload_if_needed(ui, cx);
            if self.ids.status_ui(ui, lang).is_some() {
                self.table_ui(ui, cx);
            }
        });
        self.confirm_trash_ui(ui, cx.store, lang);
    }
}

impl PeopleTab {
    /// One line whatever the width: the button first (for a user who may add people), the
    /// search field giving up room when the person form takes the right of the window.
    fn toolbar_ui(&mut self, ui: &mut Ui, lang: Lang, may_add: bool) {
        ui.horizontal(|ui| {
            if may_add && ui.button(lang.t(pe::ADD_PERSON)).clicked() {
                self.form = Some(PersonForm::new_person(self.filter.region));
                self.message = None;
            }
            let label = ui.label(lang.t(pe::SEARCH));
            let room = (ui.available_width() - 480.0).clamp(90.0, 280.0);
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut self.filter.text)
                        .hint_text(lang.t(pe::SEARCH_HINT))
                        .desired_width(room),
                )
                .labelled_by(label.id);
            if search.changed() {
                self.typed_at = Some(Instant::now());
            }
            if ui.input(|i| i.modifiers.command && i.key_pressed(egui::Key::F)) {
                search.request_focus();
            }
            let category_label = ui.label(lang.t(pe::CATEGORY));
            let categories = self.categories.rows().map_or(&[][..], Vec::as_slice);
            let chosen = self
                .filter
                .category
                .and_then(|id| categories.iter().find(|c| c.id == id))
                .map_or(lang.t(pe::ANY_CATEGORY).to_string(), |c| {
                    c.name(lang).to_string()
                });
            egui::ComboBox::from_id_salt("category_filter")
                .selected_text(chosen)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.category, None, lang.t(pe::ANY_CATEGORY));
                    for c in categories {
                        ui.selectable_value(&mut self.filter.category, Some(c.id), c.name(lang));
                    }
                })
                .response
                .labelled_by(category_label.id);
            ui.toggle_value(&mut self.filter.trash, lang.t(pe::SHOW_TRASH));
            let count = self.ids.rows().map_or(0, Vec::len);
            ui.label(c::people_count(count).text(lang));
        });
    }

    /// Queries the ids again when the data or the filter changed (search text debounced).
    ///
    /// The ids are read off the window's thread: a search sorted by place over 100,000
    /// people takes longer than a frame. The list shown stays until the new one arrives.
    fn reload_if_needed(&mut self, ui: &Ui, cx: &Ctx<'_>) {
        let shown = self.ids.key().cloned();
        self.ids.poll();
        let key = (cx.rev(TABLES), self.filter.clone());
        let typed_recently = self
            .typed_at
            .map(|at| at.elapsed())
            .filter(|waited| *waited < SEARCH_DEBOUNCE);
        match typed_recently {
            Some(waited) => ui.request_repaint_after(SEARCH_DEBOUNCE - waited),
            None => {
                self.typed_at = None;
                let filter = self.filter.clone();
                self.ids
                    .ensure_later(cx, key, move |conn| people::search_ids(conn, &filter));
            }
        }
        let now_shown = self.ids.key();
        if now_shown != shown.as_ref() {
            self.block.key = None;
            // A new filter shows its best matches first; new data under the same filter
            // keeps the clerk's place in the list.
            self.scroll_to_top = now_shown.map(|(_, f)| f) != shown.as_ref().map(|(_, f)| f);
        }
    }

    fn table_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let (lang, masker, today) = (cx.lang, cx.masker, cx.today());
        let key = (cx.rev(TABLES), masker, lang);
        if self.block.key != Some(key) {
            self.block = RowBlock {
                key: Some(key),
                ..RowBlock::default()
            };
        }
        let selected = self.form.as_ref().and_then(PersonForm::editing);
        self.revealed.keep_for(cx.store);
        let may_reveal = super::may_reveal(cx.store);
        let may_restore = cx.may(Area::Registry, Action::Write);
        let revealed = &self.revealed;
        let mut reveal = None;
        let mut clicked = None;
        let mut restore = None;
        let mut sort_clicked = None;
        let mut failed = None;
        let trash = self.filter.trash;
        let (sort, descending) = (self.filter.sort, self.filter.descending);
        // The painted rows do not size their columns: make room for the known values.
        let sex = crate::ui::widest(ui, [lang.t(c::MALE), lang.t(c::FEMALE)]);
        let headers = [
            (c::COL_NAME, Some(SortKey::Name), 70.0),
            (c::COL_ID_NUMBER, Some(SortKey::IdNumber), 200.0),
            (pe::COL_SEX, None, sex),
            (pe::COL_AGE, Some(SortKey::BirthDate), 40.0),
            (c::COL_PHONE, None, 150.0),
            (c::COL_PLACE, Some(SortKey::Place), 100.0),
            (pe::COL_CATEGORIES, None, 80.0),
        ];
        let columns = headers.map(|(title, _, least)| (title, least));
        let table =
            crate::ui::data_table(ui, "people_table", lang, &columns).sense(egui::Sense::click());
        let scroll_to = std::mem::take(&mut self.scroll_to_top).then_some(0);
        table
            .header(ROW_HEIGHT, |header| {
                sort_clicked = sort_header_ui(header, &headers, (sort, descending), lang);
            })
            .body(|body| {
                let store = &*cx.store;
                let ids = self.ids.rows().map_or(&[][..], Vec::as_slice);
                let categories = self.categories.rows().map_or(&[][..], Vec::as_slice);
                table_rows::rows_ui(body, ROW_HEIGHT, ids.len(), scroll_to, |row| {
                    let index = row.index();
                    let shown = match self
                        .block
                        .get(store, ids, index, masker, lang, today, categories)
                    {
                        Ok(Some(shown)) => shown,
                        Ok(None) => return,
                        Err(e) => {
                            failed = Some(e);
                            return;
                        }
                    };
                    row.set_selected(selected == Some(shown.id));
                    row.text(&shown.name);
                    for (what, masked, full) in [
                        (What::IdNumber, &shown.id_number, &shown.id_number_full),
                        (What::Phone, &shown.phone, &shown.phone_full),
                    ] {
                        if revealed.contains(shown.id, what) {
                            row.monospace(full);
                        } else if may_reveal && !full.is_empty() {
                            row.cell_ui(|ui| {
                                // The button first, so a narrow column cuts the value,
                                // not the button.
                                ui.horizontal(|ui| {
                                    if super::reveal_button_ui(ui, lang).clicked() {
                                        reveal = Some((shown.id, what));
                                    }
                                    let value = egui::RichText::new(masked).monospace();
                                    ui.add(egui::Label::new(value).selectable(false).truncate());
                                });
                            });
                        } else {
                            row.monospace(masked);
                        }
                        if what == What::IdNumber {
                            row.text(shown.sex);
                            row.text(&shown.age);
                        }
                    }
                    row.text(&shown.place);
                    if trash {
                        row.cell_ui(|ui| {
                            if may_restore && ui.small_button(lang.t(c::RESTORE)).clicked() {
                                restore = Some((shown.id, shown.name.clone()));
                            }
                            ui.add(
                                egui::Label::new(&shown.categories)
                                    .selectable(false)
                                    .truncate(),
                            );
                        });
                    } else {
                        row.text(&shown.categories);
                    }
                    if row.response().is_some_and(Response::clicked) {
                        clicked = Some(shown.id);
                    }
                });
            });
        if let Some(key) = sort_clicked {
            if self.filter.sort == key {
                self.filter.descending = !self.filter.descending;
            } else {
                self.filter.sort = key;
                self.filter.descending = false;
            }
        }
        if let Some(e) = failed {
            // The rows in view could not be read: say so (once), and read them again when
            // the data or the list changes.
            self.message = Some(Notice::store_error(&e));
            self.block.failed = true;
        }
        if let Some((id, what)) = reveal {
            // Shown only once the access is recorded.
            match super::record_reveal(cx.store, id, what) {
                Ok(()) => {
                    self.revealed.shown.insert((id, what));
                }
                Err(e) => self.message = Some(Notice::store_error(&e)),
            }
        }
        if let Some((id, name)) = restore {
            self.set_trashed(cx.store, id, &name, false);
        } else if let Some(id) = clicked {
            self.open_person(cx.store, id);
        }
    }

    fn open_person(&mut self, store: &Store, id: PersonId) {
        match people::get(&store.read(), id) {
            Ok(person) => self.form = Some(PersonForm::edit(&person)),
            Err(e) => self.message = Some(Notice::store_error(&e)),
        }
    }

    fn after_form(&mut self, outcome: FormOutcome, store: &mut Store) {
        match outcome {
            FormOutcome::Open => {}
            FormOutcome::Closed => self.form = None,
            FormOutcome::Saved(_, name) => {
                self.message = Some(Notice::info(pe::person_saved(&name)));
                self.form = None;
            }
            FormOutcome::AskTrash(id, name) => self.confirm_trash = Some((id, name)),
            FormOutcome::OpenExisting(id) => self.open_person(store, id),
        }
    }

    fn confirm_trash_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        let Some((id, name)) = self.confirm_trash.clone() else {
            return;
        };
        let mut decided = None;
        let modal = egui::Modal::new(egui::Id::unique("confirm_trash")).show(ui.ctx(), |ui| {
            ui.heading(lang.t(pe::CONFIRM_DELETE_TITLE));
            ui.label(pe::confirm_delete(&name).text(lang));
            ui.horizontal(|ui| {
                if ui.button(lang.t(pe::MOVE_TO_TRASH)).clicked() {
                    decided = Some(true);
                }
                if ui.button(lang.t(c::CANCEL)).clicked() {
                    decided = Some(false);
                }
            });
        });
        if modal.should_close() && decided.is_none() {
            decided = Some(false);
        }
        match decided {
            Some(true) => {
                self.confirm_trash = None;
                self.set_trashed(store, id, &name, true);
                self.form = None;
            }
            Some(false) => self.confirm_trash = None,
            None => {}
        }
    }

    fn set_trashed(&mut self, store: &mut Store, id: PersonId, name: &str, trashed: bool) {
        let result: Result<(), StoreError> = store.write(|w| people::set_trashed(w, id, trashed));
        self.message = Some(match result {
            Ok(()) if trashed => Notice::info(pe::person_trashed(name)),
            Ok(()) => Notice::info(pe::person_restored(name)),
            Err(e) => Notice::store_error(&e),
        });
    }
}

/// The header: a button per sortable column, its arrow on the sorted one; returns the
/// column clicked.
fn sort_header_ui(
    mut header: egui_extras::TableRow<'_, '_>,
    headers: &[(Text, Option<SortKey>, f32)],
    (sort, descending): (SortKey, bool),
    lang: Lang,
) -> Option<SortKey> {
    let mut clicked = None;
    for (text, key, _) in headers {
        header.col(|ui| {
            let arrow = match key {
                Some(k) if *k == sort && descending => " ▼",
                Some(k) if *k == sort => " ▲",
                _ => "",
            };
            let title = format!("{}{arrow}", lang.t(*text));
            match key {
                Some(k) => {
                    if ui.button(title).clicked() {
                        clicked = Some(*k);
                    }
                }
                None => {
                    ui.strong(title);
                }
            }
        });
    }
    clicked
}

impl RowBlock {
    /// The row at `index`, loading a block around it when it is not cached.
    #[allow(clippy::too_many_arguments)]
    fn get(
        &mut self,
        store: &Store,
        ids: &[PersonId],
        index: usize,
        masker: Masker,
        lang: Lang,
        today: jiff::civil::Date,
        categories: &[Category],
    ) -> Result<Option<&ShownRow>, StoreError> {
        if self.failed {
            return Ok(None);
        }
        let cached = index >= self.start && index < self.start + self.rows.len();
        if !cached {
            self.start = index.saturating_sub(BLOCK / 4);
            let end = (self.start + BLOCK).min(ids.len());
            self.rows.clear();
            let rows = people::rows(&store.read(), &ids[self.start..end])?;
            self.rows = rows
                .into_iter()
                .map(|r| ShownRow {
                    id: r.id,
                    id_number: masker.id_number(&r.id_number).into_owned(),
                    phone: masker.phone(&r.phone).into_owned(),
                    id_number_full: r.id_number.clone(),
                    phone_full: r.phone.clone(),
                    sex: lang.t(if r.sex == Sex::Female {
                        c::FEMALE
                    } else {
                        c::MALE
                    }),
                    age: r
                        .birth_date
                        .parse()
                        .map_or(0, |birth| age_on(birth, today))
                        .to_string(),
                    categories: category_names(&r.categories, categories, lang),
                    name: r.name,
                    place: r.place,
                })
                .collect();
        }
        Ok(self.rows.get(index - self.start))
    }
}

fn category_names(ids: &[CategoryId], categories: &[Category], lang: Lang) -> String {
    categories
        .iter()
        .filter(|c| ids.contains(&c.id))
        .map(|c| c.name(lang))
        .collect::<Vec<_>>()
        .join("、")
}
