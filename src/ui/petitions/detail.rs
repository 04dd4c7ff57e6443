//! One matter: what was raised, who owns it and by when, the steps its state allows (each
//! offered only as the store would allow it, and asking for what the step needs), and the
//! timeline read from the change log.

use egui::{RichText, Ui};

use super::{Shared, tone_color, urgency_text};
use crate::domain::access::{Action, Area};
use crate::domain::petition::{
    MatterId, MatterState, Outcome, Satisfaction, Status, Step, next, urgency,
};
use crate::i18n::{Lang, Msg, common as c, petitions as pt};
use crate::store::petitions::{self, Matter, StepInput, TimelineEntry};
use crate::ui::loaded::Loaded;
use crate::ui::{Ctx, Notice, Permit};

/// The step being filled in, with what it asks for.
#[derive(Default)]
struct Pending {
    step: Option<Step>,
    reason: String,
    reply: String,
    outcome: Option<Outcome>,
    responsible: String,
    owner_unit: String,
    owner_person: String,
    days: String,
    said: Option<Satisfaction>,
    duplicate_of: String,
}

/// State of a matter's panel.
pub struct DetailView {
    id: MatterId,
    data: Loaded<(u64, MatterId), (Matter, Vec<TimelineEntry>)>,
    pending: Pending,
    message: Option<Notice>,
    /// The reporter's phone in full, once the reveal was recorded.
    phone_shown: bool,
}

impl DetailView {
    /// The panel of matter `id`.
    pub fn new(id: MatterId) -> DetailView {
        DetailView {
            id,
            data: Loaded::default(),
            pending: Pending::default(),
            message: None,
            phone_shown: false,
        }
    }

    /// The matter shown.
    pub fn id(&self) -> MatterId {
        self.id
    }

    /// Draws the panel; returns whether it was closed.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, shared: &Shared) -> bool {
        let lang = cx.lang;
        let id = self.id;
        self.data.ensure_now(
            &cx.store.read(),
            (cx.rev(&["petitions", "changes"]), id),
            |conn| Ok((petitions::get(conn, id)?, petitions::timeline(conn, id)?)),
        );
        let mut closed = false;
        ui.horizontal(|ui| {
            ui.heading(pt::matter_title(id).text(lang));
            if ui.button(lang.t(c::CLOSE)).clicked() {
                closed = true;
            }
        });
        crate::ui::message_ui(ui, &self.message, lang);
        let Some((matter, timeline)) = self.data.status_ui(ui, lang) else {
            return closed;
        };
        let matter = matter.clone();
        let timeline = timeline.clone();
        self.facts_ui(ui, cx, shared, &matter);
        ui.separator();
        self.steps_ui(ui, cx, &matter);
        ui.separator();
        timeline_ui(ui, lang, &timeline);
        closed
    }

    fn facts_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, shared: &Shared, m: &Matter) {
        let lang = cx.lang;
        let mut rows: Vec<(crate::i18n::Text, String)> = vec![
            (pt::FIELD_STATUS, status_line(m, lang)),
            (pt::FIELD_TEXT, m.text.clone()),
            (
                pt::FIELD_CATEGORY,
                shared.category_name(m.category_id, lang).to_string(),
            ),
            (pt::FIELD_CHANNEL, m.channel.label(lang).to_string()),
            (
                pt::FIELD_COMMUNITY,
                format!("{} {}", m.region_name, m.place_detail),
            ),
            (
                pt::FIELD_OWNER_UNIT,
                format!("{} {}", m.owner_unit, m.owner_person),
            ),
            (pt::FIELD_RECEIVED, m.received_on.to_string()),
        ];
        if m.return_count > 0 {
            rows.push((
                pt::FIELD_RETURNS,
                pt::returns_line(m.return_count, m.returned_days).text(lang),
            ));
        }
        if let Some(dup) = m.duplicate_of {
            rows.push((pt::FIELD_DUPLICATE_OF, format!("#{dup}")));
        }
        if !m.reply.is_empty() {
            // A reopened matter's reply is the one the resident was unhappy with.
            let label = if m.status.is_open() && m.reopen_count > 0 {
                pt::FIELD_LAST_REPLY
            } else {
                pt::FIELD_REPLY
            };
            rows.push((label, m.reply.clone()));
        }
        if let Some(o) = m.outcome {
            let mut text = o.label(lang).to_string();
            if o == Outcome::NotOurs {
                text = format!("{text}：{}", m.responsible_elsewhere);
            }
            rows.push((pt::FIELD_OUTCOME, text));
        }
        if let Some(s) = m.satisfaction {
            rows.push((pt::FIELD_CALL_BACK, s.label(lang).to_string()));
        }
        if m.reopen_count > 0 {
            rows.push((pt::FIELD_REOPENED, m.reopen_count.to_string()));
        }
        egui::Grid::new("matter_facts")
            .num_columns(2)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                for (label, value) in rows {
                    ui.label(RichText::new(lang.t(label)).weak());
                    ui.add(egui::Label::new(value).wrap());
                    ui.end_row();
                }
                ui.label(RichText::new(lang.t(pt::COL_DUE)).weak());
                let (text, tone) = match (m.deadline, shared.calendar()) {
                    (Some(d), Some(cal)) if m.status.is_open() => {
                        let (t, tone) = urgency_text(urgency(cal, cx.today(), d), lang);
                        (format!("{d}（{t}）"), tone)
                    }
                    (Some(d), _) => (d.to_string(), super::Tone::Plain),
                    (None, _) => (lang.t(pt::NO_DEADLINE).to_string(), super::Tone::Red),
                };
                let color = tone_color(ui, tone).unwrap_or(ui.visuals().text_color());
                ui.label(RichText::new(text).color(color));
                ui.end_row();
                ui.label(RichText::new(lang.t(pt::FIELD_REPORTER)).weak());
                ui.horizontal(|ui| self.reporter_ui(ui, cx, m));
                ui.end_row();
            });
    }

    /// The reporter: their name unless they asked to stay anonymous, the phone masked with a
    /// reveal button for those who may see it (recorded).
    fn reporter_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, m: &Matter) {
        let lang = cx.lang;
        let r = &m.reporter;
        if r.anonymous {
            ui.label(lang.t(pt::ANONYMOUS_SHOWN));
        } else if !r.name.is_empty() {
            ui.label(&r.name);
        } else if r.phone.is_empty() {
            ui.label(lang.t(pt::NO_REPORTER));
        }
        if r.phone.is_empty() {
            return;
        }
        if self.phone_shown {
            ui.monospace(&r.phone);
            return;
        }
        ui.monospace(cx.masker.phone(&r.phone).into_owned());
        let may = cx
            .store
            .session()
            .may(Area::Petitions, Action::Reveal, m.street_id);
        if may && crate::ui::reveal_button_ui(ui, lang).clicked() {
            let id = m.id;
            match cx.store.write(|w| petitions::record_reporter_reveal(w, id)) {
                Ok(()) => self.phone_shown = true,
                Err(e) => self.message = Some(Notice::store_error(&e)),
            }
        }
    }

    /// The steps the matter's state allows, each as the store would allow it.
    fn steps_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, m: &Matter) {
        let lang = cx.lang;
        let session = cx.store.session();
        let write = Permit::at(session, Area::Petitions, Action::Write, m.street_id);
        let approve = Permit::at(session, Area::Petitions, Action::Approve, m.street_id);
        let state = MatterState {
            status: m.status,
            extension_asked: m.extension_days.is_some(),
            supervised: m.supervised,
        };
        let offered: Vec<Step> = Step::ALL
            .iter()
            .copied()
            .filter(|s| !matches!(s, Step::Receive | Step::Edit))
            .filter(|s| next(state, *s).is_ok())
            .collect();
        if let Some(days) = m.extension_days {
            ui.label(pt::extension_asked(days, &m.last_note).text(lang));
        }
        ui.horizontal_wrapped(|ui| {
            for step in offered {
                let permit = match step {
                    Step::ApproveExtension
                    | Step::RefuseExtension
                    | Step::Supervise
                    | Step::Unsupervise => approve,
                    _ => write,
                };
                let label = lang.t(pt::step_button(step));
                if permit.button(ui, lang, label) {
                    self.pending = Pending {
                        step: Some(step),
                        owner_unit: m.owner_unit.clone(),
                        owner_person: m.owner_person.clone(),
                        days: "5".into(),
                        ..Pending::default()
                    };
                    self.message = None;
                }
            }
        });
        if let Some(step) = self.pending.step {
            ui.group(|ui| self.pending_ui(ui, cx, step));
        }
    }

    /// What the chosen step asks for, and its confirmation.
    fn pending_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, step: Step) {
        let lang = cx.lang;
        let p = &mut self.pending;
        ui.label(RichText::new(lang.t(pt::step_text(step))).strong());
        let field = |ui: &mut Ui, label: &str, value: &mut String, multi: bool| {
            let l = ui.label(label);
            let edit = if multi {
                egui::TextEdit::multiline(value).desired_rows(2)
            } else {
                egui::TextEdit::singleline(value)
            };
            ui.add(edit.desired_width(f32::INFINITY)).labelled_by(l.id);
        };
        match step {
            Step::Return
            | Step::AskExtension
            | Step::Supervise
            | Step::Unsupervise
            | Step::ApproveExtension
            | Step::RefuseExtension => {
                let label = if matches!(step, Step::Return | Step::AskExtension) {
                    pt::FIELD_REASON
                } else {
                    pt::FIELD_NOTE
                };
                field(ui, lang.t(label), &mut p.reason, true);
                if step == Step::AskExtension {
                    field(ui, lang.t(pt::FIELD_EXTENSION_DAYS), &mut p.days, false);
                }
            }
            Step::Reassign => {
                field(ui, lang.t(pt::FIELD_OWNER_UNIT), &mut p.owner_unit, false);
                field(
                    ui,
                    lang.t(pt::FIELD_OWNER_PERSON),
                    &mut p.owner_person,
                    false,
                );
            }
            Step::Reply => {
                field(ui, lang.t(pt::FIELD_REPLY), &mut p.reply, true);
                ui.horizontal_wrapped(|ui| {
                    for o in Outcome::ALL {
                        ui.radio_value(&mut p.outcome, Some(*o), o.label(lang));
                    }
                });
                if p.outcome == Some(Outcome::NotOurs) {
                    field(ui, lang.t(pt::FIELD_RESPONSIBLE), &mut p.responsible, false);
                }
            }
            Step::CallBack => {
                ui.horizontal_wrapped(|ui| {
                    for s in Satisfaction::ALL {
                        ui.radio_value(&mut p.said, Some(*s), s.label(lang));
                    }
                });
                field(ui, lang.t(pt::FIELD_NOTE), &mut p.reason, false);
            }
            Step::MarkDuplicate => field(
                ui,
                lang.t(pt::FIELD_DUPLICATE_OF),
                &mut p.duplicate_of,
                false,
            ),
            _ => {}
        }
        let mut error = None;
        ui.horizontal(|ui| {
            if ui.button(lang.t(pt::CONFIRM_STEP)).clicked() {
                match self.input(step) {
                    Ok(input) => {
                        let id = self.id;
                        match cx.store.write(|w| petitions::take_step(w, id, &input)) {
                            Ok(()) => {
                                self.message =
                                    Some(Notice::info(pt::step_done(lang.t(pt::step_text(step)))));
                                self.pending = Pending::default();
                            }
                            Err(e) => error = Some(Notice::store_error(&e).msg),
                        }
                    }
                    Err(msg) => error = Some(msg),
                }
            }
            if ui.button(lang.t(c::CANCEL)).clicked() {
                self.pending = Pending::default();
            }
        });
        if let Some(msg) = error {
            self.message = Some(Notice::error(msg));
        }
    }

    /// The store's input for the step being filled in, or what is missing.
    fn input(&self, step: Step) -> Result<StepInput, Msg> {
        let p = &self.pending;
        Ok(match step {
            Step::SignFor => StepInput::SignFor,
            Step::Start => StepInput::Start,
            Step::Close => StepInput::Close,
            Step::Return => StepInput::Return {
                reason: p.reason.clone(),
            },
            Step::Reassign => StepInput::Reassign {
                owner_unit: p.owner_unit.clone(),
                owner_person: p.owner_person.clone(),
            },
            Step::Reply => StepInput::Reply {
                text: p.reply.clone(),
                outcome: p.outcome.ok_or(Msg::from(pt::CHOOSE_OUTCOME))?,
                responsible: p.responsible.clone(),
            },
            Step::CallBack => StepInput::CallBack {
                said: p.said.ok_or(Msg::from(pt::CHOOSE_SATISFACTION))?,
                note: p.reason.clone(),
            },
            Step::AskExtension => StepInput::AskExtension {
                days: p
                    .days
                    .trim()
                    .parse()
                    .map_err(|_| Msg::from(pt::RULE_EXTENSION_DAYS))?,
                reason: p.reason.clone(),
            },
            Step::ApproveExtension | Step::RefuseExtension => StepInput::DecideExtension {
                approve: step == Step::ApproveExtension,
                note: p.reason.clone(),
            },
            Step::Supervise | Step::Unsupervise => StepInput::Supervise {
                on: step == Step::Supervise,
                note: p.reason.clone(),
            },
            Step::MarkDuplicate => StepInput::MarkDuplicate {
                of: MatterId(
                    p.duplicate_of
                        .trim()
                        .trim_start_matches('#')
                        .parse()
                        .map_err(|_| Msg::from(pt::RULE_DUPLICATE))?,
                ),
            },
            Step::Receive | Step::Edit => return Err(pt::RULE_DUPLICATE.into()),
        })
    }
}

fn status_line(m: &Matter, lang: Lang) -> String {
    let mut s = m.status.label(lang).to_string();
    if m.supervised {
        s.push_str(&format!("（{}）", lang.t(pt::SUPERVISED_MARK)));
    }
    if m.status == Status::Duplicate {
        s.push_str(&m.duplicate_of.map(|d| format!(" #{d}")).unwrap_or_default());
    }
    s
}

/// The timeline: who, when, from which state to which, the reason, and what changed.
fn timeline_ui(ui: &mut Ui, lang: Lang, timeline: &[TimelineEntry]) {
    ui.heading(lang.t(pt::TIMELINE));
    for e in timeline.iter().rev() {
        let step = e.step.map_or("", |s| lang.t(pt::step_text(s)));
        let states = match (e.from, e.to) {
            (Some(f), Some(t)) if f != t => format!("{} → {}", f.label(lang), t.label(lang)),
            (None, Some(t)) => t.label(lang).to_string(),
            _ => String::new(),
        };
        ui.horizontal_wrapped(|ui| {
            ui.monospace(e.at.replace('T', " "));
            ui.label(RichText::new(&e.actor).strong());
            ui.label(step);
            ui.label(RichText::new(states).weak());
        });
        if !e.note.is_empty() {
            ui.label(format!("    {}：{}", lang.t(pt::FIELD_NOTE), e.note));
        }
        for (field, before, after) in &e.fields {
            let name = pt::field_name(field).map_or(field.as_str(), |t| lang.t(t));
            let (before, after) = (
                shown_value(field, before, lang),
                shown_value(field, after, lang),
            );
            ui.label(RichText::new(format!("    {name}：{before} → {after}")).weak());
        }
    }
}

/// A logged value as the user reads it: a stored code by its label, a flag as yes or no.
fn shown_value(field: &str, value: &str, lang: Lang) -> String {
    let label = match field {
        "outcome" => Outcome::parse(value).map(|o| o.label(lang)),
        "satisfaction" => Satisfaction::parse(value).map(|s| s.label(lang)),
        "supervised" => Some(lang.t(if value == "1" { pt::YES } else { pt::NO })),
        _ => None,
    };
    label.map_or_else(|| value.to_string(), str::to_string)
}
