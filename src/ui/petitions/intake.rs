//! Raising a matter: the form on the right of the list, and the same fields in one block on
//! the meeting screen, where a clerk types one matter after another and hands each to its
//! owner on the spot (Enter raises it and the text field is ready for the next).

use egui::Ui;
use jiff::civil::Date;

use super::Shared;
use crate::domain::access::{Action, Area};
use crate::domain::petition::{Channel, MatterCategoryId, MatterId, MeetingId, PetitionRule};
use crate::domain::{PersonId, RegionId};
use crate::i18n::{Lang, Msg, common as c, petitions as pt};
use crate::store::StoreError;
use crate::store::petitions::{self, NewMatter, Reporter};
use crate::ui::loaded::Loaded;
use crate::ui::{Ctx, Notice};

/// What the form did this frame.
pub enum IntakeOutcome {
    /// Still being filled in.
    Open,
    /// Closed without raising anything.
    Closed,
    /// Raised: the matter and what to tell the user.
    Raised(MatterId, Notice),
}

/// A matter being typed.
pub struct IntakeForm {
    meeting: Option<MeetingId>,
    channel: Channel,
    category: Option<MatterCategoryId>,
    text: String,
    region: Option<RegionId>,
    place_detail: String,
    owner_unit: String,
    owner_person: String,
    complex: bool,
    reporter_name: String,
    reporter_phone: String,
    anonymous: bool,
    received: String,
    /// The reporter chosen from the registry (the name shown for them), and the search.
    person: Option<(PersonId, String)>,
    person_search: String,
    found: Loaded<(u64, String), Vec<(PersonId, String)>>,
    /// WGS-84 longitude and latitude as typed (optional).
    lon: String,
    lat: String,
    /// The error and the field it belongs to.
    error: Option<(Field, Msg)>,
    focus_text: bool,
}

/// The field an error is shown under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Text,
    Category,
    Region,
    Owner,
    Phone,
    Received,
    Point,
    Other,
}

impl IntakeForm {
    /// A new matter received `today`, raised at `meeting` in `region` if given.
    pub fn new(today: Date, meeting: Option<MeetingId>, region: Option<RegionId>) -> IntakeForm {
        IntakeForm {
            meeting,
            channel: if meeting.is_some() {
                Channel::Council
            } else {
                Channel::Visit
            },
            category: None,
            text: String::new(),
            region,
            place_detail: String::new(),
            owner_unit: String::new(),
            owner_person: String::new(),
            complex: false,
            reporter_name: String::new(),
            reporter_phone: String::new(),
            anonymous: false,
            received: today.to_string(),
            lon: String::new(),
            lat: String::new(),
            person: None,
            person_search: String::new(),
            found: Loaded::default(),
            error: None,
            focus_text: true,
        }
    }

    fn error_at(&self, ui: &mut Ui, field: Field, lang: Lang) {
        if let Some((f, msg)) = &self.error
            && *f == field
        {
            crate::ui::field_error_ui(ui, msg.get(lang));
        }
    }

    /// The form on the right of the list.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, shared: &Shared) -> IntakeOutcome {
        let lang = cx.lang;
        ui.heading(lang.t(pt::NEW_MATTER));
        self.fields_ui(ui, cx, shared, true);
        let mut outcome = IntakeOutcome::Open;
        ui.horizontal(|ui| {
            if ui.button(lang.t(pt::RAISE)).clicked()
                && let Some(done) = self.raise(cx)
            {
                outcome = done;
            }
            if ui.button(lang.t(c::CLOSE)).clicked() {
                outcome = IntakeOutcome::Closed;
            }
        });
        outcome
    }

    /// The meeting screen's quick entry: the fields in one block, Enter in the text raises.
    pub fn quick_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, shared: &Shared) -> Option<Notice> {
        let lang = cx.lang;
        let entered = self.fields_ui(ui, cx, shared, false);
        let mut done = None;
        if (ui.button(lang.t(pt::RAISE_NEXT)).clicked() || entered)
            && let Some(IntakeOutcome::Raised(_, notice)) = self.raise(cx)
        {
            done = Some(notice);
        }
        done
    }

    /// The fields; returns whether Enter was pressed in the matter's text.
    fn fields_ui(&mut self, ui: &mut Ui, cx: &Ctx<'_>, shared: &Shared, full: bool) -> bool {
        let lang = cx.lang;
        let mut entered = false;
        egui::Grid::new(("intake", self.meeting))
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label(lang.t(pt::FIELD_TEXT));
                ui.vertical(|ui| {
                    let text = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.text)
                                .hint_text(lang.t(pt::TEXT_HINT))
                                .desired_width(300.0),
                        )
                        .labelled_by(label.id);
                    if std::mem::take(&mut self.focus_text) {
                        text.request_focus();
                    }
                    entered = text.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    self.error_at(ui, Field::Text, lang);
                });
                ui.end_row();
                let label = ui.label(lang.t(pt::FIELD_CATEGORY));
                ui.vertical(|ui| {
                    let chosen = self
                        .category
                        .map_or(lang.t(pt::CHOOSE), |id| shared.category_name(id, lang));
                    let before = self.category;
                    egui::ComboBox::from_id_salt(("intake_category", self.meeting))
                        .selected_text(chosen)
                        .show_ui(ui, |ui| {
                            for cat in shared.categories().iter().filter(|c| c.active) {
                                ui.selectable_value(
                                    &mut self.category,
                                    Some(cat.id),
                                    cat.name(lang),
                                );
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    if self.category != before
                        && let Some(cat) = shared
                            .categories()
                            .iter()
                            .find(|c| Some(c.id) == self.category)
                    {
                        // The category's owner, unless the clerk typed another.
                        self.owner_unit = cat.owner_unit.clone();
                    }
                    self.error_at(ui, Field::Category, lang);
                });
                ui.end_row();
                if full {
                    self.place_ui(ui, cx, shared);
                }
                let label = ui.label(lang.t(pt::FIELD_PLACE_DETAIL));
                ui.add(egui::TextEdit::singleline(&mut self.place_detail).desired_width(200.0))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(lang.t(pt::FIELD_OWNER_UNIT));
                ui.vertical(|ui| {
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::TextEdit::singleline(&mut self.owner_unit).desired_width(160.0),
                        )
                        .labelled_by(label.id);
                        let person = ui.label(lang.t(pt::FIELD_OWNER_PERSON));
                        ui.add(
                            egui::TextEdit::singleline(&mut self.owner_person).desired_width(80.0),
                        )
                        .labelled_by(person.id);
                    });
                    self.error_at(ui, Field::Owner, lang);
                });
                ui.end_row();
                let label = ui.label(lang.t(pt::FIELD_REPORTER));
                ui.vertical(|ui| {
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::TextEdit::singleline(&mut self.reporter_name)
                                .hint_text(lang.t(pt::REPORTER_NAME_HINT))
                                .desired_width(90.0),
                        )
                        .labelled_by(label.id);
                        let phone = ui.label(lang.t(pt::FIELD_PHONE));
                        ui.add(
                            egui::TextEdit::singleline(&mut self.reporter_phone)
                                .desired_width(110.0),
                        )
                        .labelled_by(phone.id);
                        ui.checkbox(&mut self.anonymous, lang.t(pt::ANONYMOUS));
                    });
                    self.error_at(ui, Field::Phone, lang);
                });
                ui.end_row();
                if cx.may(Area::Registry, Action::Read) {
                    let label = ui.label(lang.t(pt::FIELD_PERSON));
                    ui.vertical(|ui| self.person_ui(ui, cx, label.id));
                    ui.end_row();
                }
                ui.label("");
                ui.checkbox(&mut self.complex, lang.t(pt::COMPLEX));
                ui.end_row();
            });
        self.error_at(ui, Field::Other, lang);
        entered
    }

    /// The reporter as a person of the registry: found by name or ID number (two characters
    /// or more), chosen from the first few; their name and phone then come from the registry.
    fn person_ui(&mut self, ui: &mut Ui, cx: &Ctx<'_>, label: egui::Id) {
        let lang = cx.lang;
        if let Some((_, name)) = &self.person {
            let mut clear = false;
            ui.horizontal(|ui| {
                ui.label(name);
                clear = ui.small_button(lang.t(pt::UNLINK_PERSON)).clicked();
            });
            if clear {
                self.person = None;
            }
            return;
        }
        ui.add(
            egui::TextEdit::singleline(&mut self.person_search)
                .hint_text(lang.t(pt::PERSON_HINT))
                .desired_width(160.0),
        )
        .labelled_by(label);
        let text = self.person_search.trim().to_string();
        if text.chars().count() < 2 {
            return;
        }
        let key = (cx.rev(&["people", "regions"]), text.clone());
        self.found.ensure_now(&cx.store.read(), key, |conn| {
            let filter = crate::store::people::PeopleFilter {
                text,
                ..Default::default()
            };
            let ids = crate::store::people::search_ids(conn, &filter)?;
            let first: Vec<PersonId> = ids.into_iter().take(6).collect();
            Ok(crate::store::people::rows(conn, &first)?
                .into_iter()
                .map(|p| (p.id, format!("{}（{}）", p.name, p.place)))
                .collect())
        });
        let mut chosen = None;
        if let Some(found) = self.found.status_ui(ui, lang) {
            ui.horizontal_wrapped(|ui| {
                for (id, shown) in found {
                    if ui.small_button(shown).clicked() {
                        chosen = Some((*id, shown.clone()));
                    }
                }
            });
        }
        if chosen.is_some() {
            self.person = chosen;
            self.person_search.clear();
        }
    }

    /// Channel, community and receiving day: the list's form only (a meeting has them).
    fn place_ui(&mut self, ui: &mut Ui, cx: &Ctx<'_>, shared: &Shared) {
        let lang = cx.lang;
        let label = ui.label(lang.t(pt::FIELD_CHANNEL));
        egui::ComboBox::from_id_salt("intake_channel")
            .selected_text(self.channel.label(lang))
            .show_ui(ui, |ui| {
                for ch in Channel::ALL {
                    ui.selectable_value(&mut self.channel, *ch, ch.label(lang));
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(lang.t(pt::FIELD_COMMUNITY));
        ui.vertical(|ui| {
            community_ui(ui, cx, shared, "intake_region", &mut self.region, label.id);
            self.error_at(ui, Field::Region, lang);
        });
        ui.end_row();
        let label = ui.label(lang.t(pt::FIELD_RECEIVED));
        ui.vertical(|ui| {
            ui.add(egui::TextEdit::singleline(&mut self.received).desired_width(90.0))
                .labelled_by(label.id);
            self.error_at(ui, Field::Received, lang);
        });
        ui.end_row();
        let label = ui.label(lang.t(pt::FIELD_POINT));
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut self.lon)
                        .hint_text(lang.t(pt::LON_HINT))
                        .desired_width(90.0),
                )
                .labelled_by(label.id);
                let lat = ui.label(lang.t(pt::LAT));
                ui.add(
                    egui::TextEdit::singleline(&mut self.lat)
                        .hint_text(lang.t(pt::LAT_HINT))
                        .desired_width(90.0),
                )
                .labelled_by(lat.id);
            });
            ui.weak(lang.t(pt::POINT_DATUM));
            self.error_at(ui, Field::Point, lang);
        });
        ui.end_row();
    }

    /// Raises the matter; on success clears what belongs to it and keeps the category, the
    /// community and the meeting for the next one.
    fn raise(&mut self, cx: &mut Ctx<'_>) -> Option<IntakeOutcome> {
        self.error = None;
        let Some(category) = self.category else {
            self.error = Some((Field::Category, pt::CHOOSE_CATEGORY.into()));
            return None;
        };
        let Some(region) = self.region else {
            self.error = Some((Field::Region, c::CHOOSE_REGION.into()));
            return None;
        };
        let Ok(received) = self.received.trim().parse::<Date>() else {
            self.error = Some((Field::Received, pt::BAD_DATE.into()));
            return None;
        };
        let point = match (self.lon.trim(), self.lat.trim()) {
            ("", "") => None,
            (lon, lat) => match (lon.parse::<f64>(), lat.parse::<f64>()) {
                (Ok(lon), Ok(lat)) => Some((lon, lat)),
                _ => {
                    self.error = Some((Field::Point, pt::RULE_COORDINATE.into()));
                    return None;
                }
            },
        };
        let reporter = if let Some((person, _)) = &self.person {
            Reporter::Person(*person)
        } else if self.reporter_name.trim().is_empty() && self.reporter_phone.trim().is_empty() {
            Reporter::Nobody
        } else {
            Reporter::Given {
                name: self.reporter_name.clone(),
                phone: self.reporter_phone.clone(),
            }
        };
        let new = NewMatter {
            meeting_id: self.meeting,
            channel: self.channel,
            category_id: category,
            text: self.text.clone(),
            region_id: region,
            place_detail: self.place_detail.clone(),
            point,
            reporter,
            anonymous: self.anonymous,
            owner_unit: self.owner_unit.clone(),
            owner_person: self.owner_person.clone(),
            complex: self.complex,
            received_on: received,
        };
        match cx.store.write(|w| petitions::raise(w, &new)) {
            Ok((id, missing)) => {
                // The owner it went to: the one typed, or the category's.
                let owner = petitions::get(&cx.store.read(), id)
                    .map(|m| m.owner_unit)
                    .unwrap_or_else(|_| new.owner_unit.clone());
                let msg = match missing {
                    Some(year) => Notice::error(pt::raised_no_deadline(id, year)),
                    None => Notice::info(pt::raised(id, owner)),
                };
                self.text.clear();
                self.place_detail.clear();
                self.reporter_name.clear();
                self.reporter_phone.clear();
                self.anonymous = false;
                self.complex = false;
                self.lon.clear();
                self.lat.clear();
                self.person = None;
                self.focus_text = true;
                Some(IntakeOutcome::Raised(id, msg))
            }
            Err(e) => {
                let field = match &e {
                    StoreError::Petition(PetitionRule::TextRequired) => Field::Text,
                    StoreError::Petition(PetitionRule::ReporterPhone) => Field::Phone,
                    StoreError::Petition(PetitionRule::OwnerRequired) => Field::Owner,
                    StoreError::Petition(PetitionRule::BadCoordinate) => Field::Point,
                    _ => Field::Other,
                };
                self.error = Some((field, Notice::store_error(&e).msg));
                None
            }
        }
    }
}

/// A drop-down of the communities and villages the user may enter matters for.
pub(crate) fn community_ui(
    ui: &mut Ui,
    cx: &Ctx<'_>,
    shared: &Shared,
    salt: &str,
    region: &mut Option<RegionId>,
    label: egui::Id,
) {
    let lang = cx.lang;
    let session = cx.store.session();
    let places: Vec<_> = shared
        .regions()
        .iter()
        .filter(|r| r.level.holds_people())
        .filter(|r| session.may(Area::Petitions, Action::Write, r.parent_id))
        .collect();
    let chosen = region
        .and_then(|id| shared.regions().iter().find(|r| r.id == id))
        .map_or(lang.t(pt::CHOOSE), |r| r.short_name.as_str());
    egui::ComboBox::from_id_salt(salt)
        .selected_text(chosen)
        .height(400.0)
        .show_ui(ui, |ui| {
            for r in places {
                ui.selectable_value(region, Some(r.id), &r.short_name);
            }
        })
        .response
        .labelled_by(label);
}
