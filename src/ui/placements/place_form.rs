//! Placing a person on a post: pick them from the registry, record the training, and see
//! every reason the placement is refused before anything is written.

use egui::{RichText, Ui};

use crate::domain::access::{Action, Area as Access};
use crate::domain::placement::PlacementRules;
use crate::domain::{PersonId, PostId, TrainingId};
use crate::i18n::{Msg, common as c, placements as pl};
use crate::store::categories::{self, Category};
use crate::store::people::{self, PeopleFilter};
use crate::store::placements::{self, NewPlacement, NewTraining, Training, TrainingChoice};
use crate::store::regions::{self, Region};
use crate::store::{Result, Store, StoreError};
use crate::ui::person_form::{FormOutcome, PersonForm};
use crate::ui::{Ctx, Notice, field_error_ui, text_field_ui};

/// How many people the picker lists.
const PICKER_ROWS: usize = 12;

/// State of the placement form.
pub struct PlaceForm {
    post: PostId,
    post_title: String,
    rules: PlacementRules,
    /// The post's last funded day: the agreement can not run past it.
    funded_to: Option<jiff::civil::Date>,
    search: String,
    found: crate::ui::loaded::Loaded<(u64, String), Vec<people::PersonRow>>,
    person: Option<(PersonId, String)>,
    trainings: Vec<Training>,
    use_training: Option<TrainingId>,
    course: String,
    trained_on: String,
    hours: String,
    passed: bool,
    start: String,
    agreement_end: String,
    accident_insurance: bool,
    errors: Vec<Msg>,
    /// A person registered on the spot, with the lists their form needs.
    new_person: Option<(PersonForm, Vec<Category>, Vec<Region>)>,
}

impl PlaceForm {
    /// An empty form for `post`.
    pub fn new(
        post: PostId,
        post_title: String,
        rules: PlacementRules,
        today: jiff::civil::Date,
    ) -> PlaceForm {
        let mut form = PlaceForm {
            post,
            post_title,
            rules,
            funded_to: None,
            search: String::new(),
            found: Default::default(),
            person: None,
            trainings: Vec::new(),
            use_training: None,
            course: "城乡公益性岗位上岗培训".into(),
            trained_on: today.to_string(),
            hours: "16".into(),
            passed: false,
            start: today.to_string(),
            agreement_end: String::new(),
            accident_insurance: true,
            errors: Vec::new(),
            new_person: None,
        };
        form.default_agreement_end();
        form
    }

    /// The form with the agreement ending by `funded_to` at the latest.
    pub fn with_funded_to(mut self, funded_to: jiff::civil::Date) -> PlaceForm {
        self.funded_to = Some(funded_to);
        self.default_agreement_end();
        self
    }

    fn default_agreement_end(&mut self) {
        if let Ok(start) = self.start.trim().parse() {
            let end = self.rules.default_agreement_end(start);
            let end = self.funded_to.map_or(end, |to| end.min(to));
            self.agreement_end = end.to_string();
        }
    }

    /// Draws the form; `Some(message)` once it is done (placed or cancelled).
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) -> Option<Option<Msg>> {
        let lang = cx.lang;
        ui.heading(format!(
            "{} · {}",
            lang.t(pl::PLACE_PERSON),
            self.post_title
        ));
        self.person_ui(ui, cx);
        ui.separator();
        ui.strong(lang.t(pl::TRAINING));
        ui.weak(lang.t(pl::TRAINING_FIRST));
        for t in &self.trainings {
            let text = format!(
                "{} {} {} {} {}",
                t.fields.trained_on,
                t.fields.course,
                t.fields.hours,
                lang.t(pl::UNIT_HOURS),
                if t.fields.passed { "√" } else { "×" }
            );
            if t.fields.passed {
                ui.radio_value(&mut self.use_training, Some(t.id), text);
            } else {
                ui.weak(text);
            }
        }
        if !self.trainings.is_empty() {
            ui.radio_value(&mut self.use_training, None, lang.t(pl::NEW_TRAINING));
        }
        if self.use_training.is_none() {
            egui::Grid::new("training_grid")
                .num_columns(2)
                .show(ui, |ui| {
                    text_field_ui(ui, lang.t(pl::COURSE), &mut self.course, 200.0);
                    ui.end_row();
                    text_field_ui(ui, lang.t(pl::TRAINED_ON), &mut self.trained_on, 110.0);
                    ui.end_row();
                    // Training comes first: said at the field, before the placement is tried.
                    let dates = (
                        self.trained_on.trim().parse::<jiff::civil::Date>(),
                        self.start.trim().parse::<jiff::civil::Date>(),
                    );
                    if let (Ok(trained), Ok(start)) = dates
                        && trained > start
                    {
                        ui.label("");
                        field_error_ui(ui, lang.t(crate::i18n::pay_rules::TRAINING_AFTER_START));
                        ui.end_row();
                    }
                    text_field_ui(ui, lang.t(pl::TRAINING_HOURS), &mut self.hours, 60.0);
                    ui.end_row();
                    ui.label("");
                    ui.checkbox(&mut self.passed, lang.t(pl::TRAINING_PASSED));
                    ui.end_row();
                });
        }
        ui.separator();
        egui::Grid::new("placement_grid")
            .num_columns(2)
            .show(ui, |ui| {
                if text_field_ui(ui, lang.t(pl::COL_START), &mut self.start, 110.0).changed() {
                    self.default_agreement_end();
                }
                ui.end_row();
                text_field_ui(
                    ui,
                    lang.t(pl::AGREEMENT_END),
                    &mut self.agreement_end,
                    110.0,
                );
                ui.end_row();
                ui.label("");
                ui.checkbox(&mut self.accident_insurance, lang.t(pl::ACCIDENT_INSURANCE));
                ui.end_row();
            });
        for error in &self.errors {
            field_error_ui(ui, error.get(lang));
        }
        let mut done = None;
        let may_place = cx.permit(Access::Placements, Action::Write);
        ui.horizontal(|ui| {
            if may_place.button(
                ui,
                lang,
                RichText::new(lang.t(pl::CONFIRM_PLACEMENT)).strong(),
            ) {
                done = self.save(cx.store);
            }
            if ui.button(lang.t(c::CANCEL)).clicked() {
                done = Some(None);
            }
        });
        done
    }

    fn person_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let (lang, masker) = (cx.lang, cx.masker);
        if let Some((_, name)) = &self.person {
            let change = ui
                .horizontal(|ui| {
                    ui.label(lang.t(pl::PERSON));
                    ui.strong(name.as_str());
                    ui.small_button(lang.t(pl::CHANGE_PERSON)).clicked()
                })
                .inner;
            if change {
                self.person = None;
            }
            return;
        }
        if let Some((form, categories, regions)) = &mut self.new_person {
            let outcome = egui::Frame::group(ui.style())
                .show(ui, |ui| form.ui(ui, cx, categories, regions))
                .inner;
            match outcome {
                FormOutcome::Saved(id, name) => {
                    self.person = Some((id, name));
                    self.new_person = None;
                    self.trainings.clear();
                    self.use_training = None;
                }
                FormOutcome::OpenExisting(id) => {
                    // Already registered: place that person instead of a duplicate.
                    let chosen = people::get(&cx.store.read(), id).map(|p| p.name);
                    self.choose(cx.store, chosen.map(|name| (id, name)));
                    self.new_person = None;
                }
                FormOutcome::Closed => self.new_person = None,
                FormOutcome::Open | FormOutcome::AskTrash(..) => {}
            }
            return;
        }
        ui.horizontal(|ui| {
            text_field_ui(ui, lang.t(pl::FIND_PERSON), &mut self.search, 160.0);
            let may_register = cx.permit(Access::Registry, Action::Write);
            if may_register.button(ui, lang, lang.t(pl::REGISTER_ON_THE_SPOT)) {
                let conn = &cx.store.read();
                match (categories::all(conn), regions::all(conn)) {
                    (Ok(categories), Ok(regions)) => {
                        self.new_person = Some((PersonForm::new_person(None), categories, regions));
                    }
                    (Err(e), _) | (_, Err(e)) => self.errors = vec![Notice::store_error(&e).msg],
                }
            }
        });
        let text = self.search.trim().to_string();
        if text.is_empty() {
            return;
        }
        let key = (cx.rev(&["people", "regions"]), text.clone());
        self.found.ensure_now(&cx.store.read(), key, |conn| {
            let filter = PeopleFilter {
                text,
                ..PeopleFilter::default()
            };
            let ids = people::search_ids(conn, &filter)?;
            people::rows(conn, &ids[..ids.len().min(PICKER_ROWS)])
        });
        let mut picked = None;
        if let Some(rows) = self.found.status_ui(ui, lang) {
            for r in rows {
                let label = format!(
                    "{}  {}  {}",
                    r.name,
                    masker.id_number(&r.id_number),
                    r.place
                );
                if ui.selectable_label(false, label).clicked() {
                    picked = Some((r.id, r.name.clone()));
                }
            }
        }
        if let Some(picked) = picked {
            self.choose(cx.store, Ok(picked));
        }
    }

    /// Takes `person` for the placement, with the trainings they already passed.
    fn choose(&mut self, store: &Store, person: Result<(PersonId, String)>) {
        let chosen = person.and_then(|(id, name)| {
            let trainings = placements::trainings(&store.read(), id)?;
            Ok((id, name, trainings))
        });
        match chosen {
            Ok((id, name, trainings)) => {
                self.use_training = trainings.iter().find(|t| t.fields.passed).map(|t| t.id);
                self.trainings = trainings;
                self.person = Some((id, name));
            }
            Err(e) => self.errors = vec![Notice::store_error(&e).msg],
        }
    }

    fn save(&mut self, store: &mut Store) -> Option<Option<Msg>> {
        self.errors.clear();
        let Some((person_id, name)) = self.person.clone() else {
            self.errors.push(pl::CHOOSE_PERSON.into());
            return None;
        };
        let parsed = (
            self.start.trim().parse(),
            self.agreement_end.trim().parse(),
            self.trained_on.trim().parse(),
        );
        let (Ok(start_date), Ok(agreement_end), Ok(trained_on)) = parsed else {
            self.errors.push(pl::BAD_DATE.into());
            return None;
        };
        let training = match self.use_training {
            Some(id) => TrainingChoice::Existing(id),
            None => TrainingChoice::New(NewTraining {
                course: self.course.clone(),
                trained_on,
                hours: self.hours.trim().parse().unwrap_or(0),
                passed: self.passed,
            }),
        };
        let new = NewPlacement {
            person_id,
            post_id: self.post,
            training,
            start_date,
            agreement_end,
            accident_insurance: self.accident_insurance,
        };
        match store.write(|w| placements::place(w, &new)) {
            Ok(_) => Some(Some(pl::placed(&name))),
            Err(StoreError::Ineligible(reasons)) => {
                self.errors = reasons.iter().map(|r| r.message()).collect();
                None
            }
            Err(e) => {
                self.errors.push(Notice::store_error(&e).msg);
                None
            }
        }
    }
}
