//! Council meetings: the list, holding a new one (community, day, place, chair, attendees
//! with their seats, minutes), and the meeting screen, where the matters raised are typed
//! in quick succession, each handed to its owner on the spot, and the minutes printed.

use egui::{RichText, Ui};
use jiff::civil::Date;

use super::intake::{IntakeForm, community_ui};
use super::{Go, Shared};
use crate::domain::RegionId;
use crate::domain::access::{Action, Area};
use crate::domain::petition::{AttendeeRole, MeetingId};
use crate::i18n::{Msg, common as c, petitions as pt};
use crate::jobs::JobSpec;
use crate::store::petitions::{
    self, MatterFilter, MatterRow, Meeting, MeetingRow, NewAttendee, NewMeeting,
};
use crate::ui::loaded::Loaded;
use crate::ui::{Ctx, Notice, PathRequest, Permit, table_rows};

/// A meeting being set up.
struct MeetingForm {
    region: Option<RegionId>,
    held_on: String,
    place: String,
    chair: String,
    minutes: String,
    attendees: Vec<(String, AttendeeRole, String)>,
    error: Option<Msg>,
}

impl MeetingForm {
    fn new(today: Date) -> MeetingForm {
        MeetingForm {
            region: None,
            held_on: today.to_string(),
            place: String::new(),
            chair: String::new(),
            minutes: String::new(),
            attendees: vec![(String::new(), AttendeeRole::PartySecretary, String::new())],
            error: None,
        }
    }
}

/// The meeting screen.
struct Screen {
    id: MeetingId,
    meeting: Loaded<(u64, MeetingId), (Meeting, Vec<MatterRow>)>,
    minutes: Option<String>,
    intake: Option<IntakeForm>,
    message: Option<Notice>,
}

/// State of the meetings view.
#[derive(Default)]
pub struct MeetingsView {
    rows: Loaded<u64, Vec<MeetingRow>>,
    form: Option<MeetingForm>,
    screen: Option<Screen>,
    message: Option<Notice>,
}

impl MeetingsView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, shared: &Shared) -> Option<Go> {
        if let Some(screen) = &mut self.screen {
            let (go, back) = screen.ui(ui, cx, shared);
            if back {
                self.screen = None;
            }
            return go;
        }
        let lang = cx.lang;
        if self.form.is_some() {
            egui::Panel::right("meeting_form")
                .resizable(true)
                .default_size(420.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| self.form_ui(ui, cx, shared));
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                if cx.permit(Area::Petitions, Action::Write).button(
                    ui,
                    lang,
                    lang.t(pt::NEW_MEETING),
                ) {
                    self.form = Some(MeetingForm::new(cx.today()));
                }
            });
            crate::ui::message_ui(ui, &self.message, lang);
            self.rows
                .ensure_now(&cx.store.read(), cx.rev(petitions::TABLES), |conn| {
                    petitions::meetings(conn, None, None)
                });
            let Some(rows) = self.rows.status_ui(ui, lang) else {
                return;
            };
            let columns = [
                (pt::FIELD_HELD_ON, 90.0),
                (pt::FIELD_COMMUNITY, 100.0),
                (pt::FIELD_MEETING_PLACE, 160.0),
                (pt::COL_MATTERS, 60.0),
                (pt::COL_OPEN, 60.0),
            ];
            let mut clicked = None;
            crate::ui::data_table(ui, "meetings_table", lang, &columns)
                .sense(egui::Sense::click())
                .header(22.0, |h| crate::ui::header_row(h, lang, &columns))
                .body(|body| {
                    table_rows::rows_ui(body, 22.0, rows.len(), None, |row| {
                        let m = &rows[row.index()];
                        row.text(&m.held_on.to_string());
                        row.text(&m.community);
                        row.text(&m.place);
                        row.text(&m.matters.to_string());
                        row.text(&m.open.to_string());
                        if row.response().is_some_and(egui::Response::clicked) {
                            clicked = Some(m.id);
                        }
                    });
                });
            if let Some(id) = clicked {
                self.screen = Some(Screen::new(id));
            }
        });
        None
    }

    fn form_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, shared: &Shared) {
        let lang = cx.lang;
        let Some(form) = &mut self.form else { return };
        ui.heading(lang.t(pt::NEW_MEETING));
        let mut save = false;
        let mut close = false;
        egui::Grid::new("meeting_form_grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label(lang.t(pt::FIELD_COMMUNITY));
                community_ui(ui, cx, shared, "meeting_region", &mut form.region, label.id);
                ui.end_row();
                let label = ui.label(lang.t(pt::FIELD_HELD_ON));
                ui.text_edit_singleline(&mut form.held_on)
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(lang.t(pt::FIELD_MEETING_PLACE));
                ui.text_edit_singleline(&mut form.place)
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(lang.t(pt::FIELD_CHAIR));
                ui.text_edit_singleline(&mut form.chair)
                    .labelled_by(label.id);
                ui.end_row();
            });
        ui.label(RichText::new(lang.t(pt::ATTENDEES)).strong());
        let mut remove = None;
        for (n, (name, role, note)) in form.attendees.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                let label = ui.label(pt::attendee_n(n + 1).text(lang));
                ui.add(egui::TextEdit::singleline(name).desired_width(80.0))
                    .labelled_by(label.id);
                egui::ComboBox::from_id_salt(("attendee_role", n))
                    .selected_text(role.label(lang))
                    .show_ui(ui, |ui| {
                        for r in AttendeeRole::ALL {
                            ui.selectable_value(role, *r, r.label(lang));
                        }
                    });
                ui.add(
                    egui::TextEdit::singleline(note)
                        .hint_text(lang.t(pt::ATTENDEE_NOTE_HINT))
                        .desired_width(100.0),
                );
                if ui.small_button(lang.t(c::DELETE)).clicked() {
                    remove = Some(n);
                }
            });
        }
        if let Some(n) = remove {
            form.attendees.remove(n);
        }
        if ui.button(lang.t(pt::ADD_ATTENDEE)).clicked() {
            let role = if form.attendees.is_empty() {
                AttendeeRole::PartySecretary
            } else {
                AttendeeRole::Resident
            };
            form.attendees.push((String::new(), role, String::new()));
        }
        let label = ui.label(lang.t(pt::MINUTES));
        ui.add(egui::TextEdit::multiline(&mut form.minutes).desired_rows(3))
            .labelled_by(label.id);
        if let Some(e) = &form.error {
            crate::ui::field_error_ui(ui, e.get(lang));
        }
        ui.horizontal(|ui| {
            save = ui.button(lang.t(pt::HOLD_MEETING)).clicked();
            close = ui.button(lang.t(c::CLOSE)).clicked();
        });
        if close {
            self.form = None;
            return;
        }
        if !save {
            return;
        }
        let Some(region) = form.region else {
            form.error = Some(c::CHOOSE_REGION.into());
            return;
        };
        let Ok(held_on) = form.held_on.trim().parse::<Date>() else {
            form.error = Some(pt::BAD_DATE.into());
            return;
        };
        let new = NewMeeting {
            region_id: region,
            held_on,
            place: form.place.clone(),
            chair: form.chair.clone(),
            minutes: form.minutes.clone(),
            attendees: form
                .attendees
                .iter()
                .filter(|(name, _, note)| !(name.trim().is_empty() && note.trim().is_empty()))
                .map(|(name, role, note)| NewAttendee {
                    name: name.clone(),
                    role: *role,
                    note: note.clone(),
                })
                .collect(),
        };
        match cx.store.write(|w| petitions::add_meeting(w, &new)) {
            Ok(id) => {
                self.form = None;
                self.message = Some(Notice::info(pt::MEETING_HELD));
                self.screen = Some(Screen::new(id));
            }
            Err(e) => form.error = Some(Notice::store_error(&e).msg),
        }
    }
}

impl Screen {
    fn new(id: MeetingId) -> Screen {
        Screen {
            id,
            meeting: Loaded::default(),
            minutes: None,
            intake: None,
            message: None,
        }
    }

    /// Draws the meeting screen; returns where to go and whether to go back to the list.
    fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, shared: &Shared) -> (Option<Go>, bool) {
        let lang = cx.lang;
        let id = self.id;
        let today = cx.today();
        self.meeting
            .ensure_now(&cx.store.read(), (cx.rev(petitions::TABLES), id), |conn| {
                let filter = MatterFilter {
                    meeting: Some(id),
                    ..MatterFilter::default()
                };
                Ok((
                    petitions::meeting(conn, id)?,
                    petitions::list(conn, &filter, today)?,
                ))
            });
        let mut back = false;
        let mut go = None;
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.horizontal(|ui| {
                    back = ui.button(lang.t(pt::BACK_TO_MEETINGS)).clicked();
                    if ui.button(lang.t(pt::PRINT_MINUTES)).clicked() {
                        print_minutes(cx, id);
                    }
                });
                crate::ui::message_ui(ui, &self.message, lang);
                let Some((meeting, matters)) = self.meeting.status_ui(ui, lang) else {
                    return;
                };
                let (meeting, matters) = (meeting.clone(), matters.clone());
                go = self.body_ui(ui, cx, shared, &meeting, &matters);
            });
        });
        (go, back)
    }

    fn body_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut Ctx<'_>,
        shared: &Shared,
        m: &Meeting,
        matters: &[MatterRow],
    ) -> Option<Go> {
        let lang = cx.lang;
        ui.heading(pt::meeting_title(&m.community, m.held_on).text(lang));
        ui.label(format!(
            "{}：{}    {}：{}",
            lang.t(pt::FIELD_MEETING_PLACE),
            m.place,
            lang.t(pt::FIELD_CHAIR),
            m.chair
        ));
        let attendees: Vec<String> = m
            .attendees
            .iter()
            .map(|a| format!("{}（{}）", a.name, a.role.label(lang)))
            .collect();
        ui.label(format!(
            "{}：{}",
            lang.t(pt::ATTENDEES),
            attendees.join("、")
        ));
        let write = Permit::at(
            cx.store.session(),
            Area::Petitions,
            Action::Write,
            m.street_id,
        );
        let minutes = self.minutes.get_or_insert_with(|| m.minutes.clone());
        let label = ui.label(lang.t(pt::MINUTES));
        write.fields_ui(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(minutes)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        });
        if *minutes != m.minutes && write.button(ui, lang, lang.t(pt::SAVE_MINUTES)) {
            let (id, text) = (self.id, minutes.clone());
            self.message = Some(
                match cx.store.write(|w| petitions::update_minutes(w, id, &text)) {
                    Ok(()) => Notice::info(pt::MINUTES_SAVED),
                    Err(e) => Notice::store_error(&e),
                },
            );
        }
        ui.separator();
        ui.label(RichText::new(pt::raised_here(matters.len()).text(lang)).strong());
        let mut go = None;
        egui::Grid::new("meeting_matters")
            .striped(true)
            .show(ui, |ui| {
                for r in matters {
                    if ui.link(format!("#{}", r.id)).clicked() {
                        go = Some(Go::Matter(r.id));
                    }
                    ui.label(shared.category_name(r.category_id, lang));
                    ui.label(&r.text);
                    ui.label(format!("{} {}", r.owner_unit, r.owner_person));
                    ui.label(r.status.label(lang));
                    ui.label(r.deadline.map(|d| d.to_string()).unwrap_or_default());
                    ui.end_row();
                }
            });
        if write.allows() {
            ui.separator();
            ui.label(RichText::new(lang.t(pt::QUICK_ENTRY)).strong());
            let intake = self
                .intake
                .get_or_insert_with(|| IntakeForm::new(m.held_on, Some(m.id), Some(m.region_id)));
            if let Some(notice) = intake.quick_ui(ui, cx, shared) {
                self.message = Some(notice);
            }
        }
        go
    }
}

/// Asks where to save the meeting's minutes as PDF, then prints them in the background.
fn print_minutes(cx: &mut Ctx<'_>, id: MeetingId) {
    let lang = cx.lang;
    cx.ask_path(PathRequest {
        title: pt::MINUTES_TO,
        suggested_name: format!("{}-{id}.pdf", lang.t(pt::MINUTES)),
        extension: "pdf",
        then: Box::new(move |path| JobSpec {
            title: pt::MINUTES_JOB,
            work: Box::new(move |store, _| {
                crate::jobs::petition_exports::minutes(store, id, &path, lang)
            }),
        }),
    });
}
