//! The people placed (with exits and each person's history), the checks, the figures at a
//! glance and the public notice.

use egui::{RichText, Ui};
use egui_extras::Column;

use super::posts::area_label;
use super::{ExportKind, Go, Request};
use crate::domain::pay::Month;
use crate::domain::placement::ExitReason;
use crate::domain::{PersonId, PlacementId};
use crate::i18n::{Lang, Text, common as c, people as pe, placements as pl};
use crate::store::Store;
use crate::store::placement_reports::{self, CheckKind, Figures, Finding};
use crate::store::placements::{self, Placement, PlacementScope};
use crate::ui::{Masker, field_error_ui, store_error_message, text_field_ui};

/// The exit form of the selected placement.
struct ExitForm {
    placement: PlacementId,
    last_day: String,
    reason: ExitReason,
    note: String,
    error: Option<String>,
}

/// The list of people placed.
#[derive(Default)]
pub struct PlacedView {
    scope: PlacementScope,
    name: String,
    loaded: Option<(u64, PlacementScope, String)>,
    list: Vec<Placement>,
    person: Option<PersonId>,
    history: Vec<Placement>,
    exit: Option<ExitForm>,
}

impl PlacedView {
    /// Shows one person's history.
    pub fn show_person(&mut self, person: PersonId) {
        self.person = Some(person);
        self.history.clear();
        self.loaded = None;
    }

    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang, masker: Masker) {
        let key = (store.revision(), self.scope, self.name.trim().to_string());
        if self.loaded.as_ref() != Some(&key) {
            self.list =
                placements::list(store.conn(), self.scope, None, &key.2).unwrap_or_default();
            if let Some(person) = self.person {
                self.history = placements::history(store.conn(), person).unwrap_or_default();
            }
            self.loaded = Some(key);
        }
        if self.person.is_some() {
            egui::Panel::right("placement_history")
                .resizable(true)
                .default_size(380.0)
                .show(ui, |ui| {
                    self.history_ui(ui, store, lang, masker);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                for (scope, t) in [
                    (PlacementScope::Active, pl::SCOPE_ACTIVE),
                    (PlacementScope::Exited, pl::SCOPE_EXITED),
                    (PlacementScope::All, pl::SCOPE_ALL),
                ] {
                    ui.selectable_value(&mut self.scope, scope, lang.t(t));
                }
                text_field_ui(ui, lang.t(c::COL_NAME), &mut self.name, 120.0);
                ui.label(c::people_count(self.list.len()).text(lang));
            });
            self.table_ui(ui, lang, masker);
        });
    }

    fn table_ui(&mut self, ui: &mut Ui, lang: Lang, masker: Masker) {
        let mut clicked = None;
        crate::ui::data_table(ui, "placed")
            .sense(egui::Sense::click())
            .columns(Column::initial(100.0), 7)
            .column(Column::remainder())
            .header(22.0, |h| {
                crate::ui::header_row(
                    h,
                    lang,
                    &[
                        c::COL_NAME,
                        c::COL_ID_NUMBER,
                        pl::COL_POST,
                        pl::COL_AREA,
                        c::COL_PLACE,
                        pl::COL_START,
                        pl::AGREEMENT_END,
                        pl::EXIT_DATE,
                    ],
                )
            })
            .body(|body| {
                body.rows(22.0, self.list.len(), |mut row| {
                    let p = &self.list[row.index()];
                    row.set_selected(self.person == Some(p.person_id));
                    let exit = p.exit_date.map(|d| d.to_string()).unwrap_or_default();
                    crate::ui::text_cells(
                        &mut row,
                        [
                            p.name.clone(),
                            masker.id_number(&p.id_number).into_owned(),
                            p.post.clone(),
                            area_label(p.area, lang).to_string(),
                            p.place.clone(),
                            p.start_date.to_string(),
                            p.agreement_end.to_string(),
                            exit,
                        ],
                    );
                    if row.response().clicked() {
                        clicked = Some(p.person_id);
                    }
                });
            });
        if let Some(person) = clicked {
            self.show_person(person);
            self.exit = None;
        }
    }

    fn history_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang, masker: Masker) {
        let Some(first) = self.history.first() else {
            ui.weak(lang.t(pl::NOBODY_YET));
            return;
        };
        ui.heading(format!(
            "{}  {}",
            first.name,
            masker.id_number(&first.id_number)
        ));
        ui.strong(lang.t(pl::HISTORY));
        let mut start_exit = None;
        for p in &self.history {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(format!(
                    "{} · {} · {}",
                    p.post,
                    area_label(p.area, lang),
                    p.place
                ));
                ui.label(format!("{} ~ {}", p.start_date, p.agreement_end));
                match (p.exit_date, p.exit_reason) {
                    (Some(date), Some(reason)) => {
                        ui.label(pl::exited_on(date, reason.label(lang)).text(lang));
                    }
                    _ => {
                        if ui.button(lang.t(pl::RECORD_EXIT)).clicked() {
                            start_exit = Some(p.id);
                        }
                    }
                }
            });
        }
        if let Some(placement) = start_exit {
            self.exit = Some(ExitForm {
                placement,
                last_day: crate::domain::today().to_string(),
                reason: ExitReason::OtherWork,
                note: String::new(),
                error: None,
            });
        }
        self.exit_ui(ui, store, lang);
    }

    fn exit_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        let Some(form) = &mut self.exit else { return };
        let mut close = false;
        ui.separator();
        ui.strong(lang.t(pl::RECORD_EXIT));
        text_field_ui(ui, lang.t(pl::EXIT_DATE), &mut form.last_day, 110.0);
        ui.weak(lang.t(pl::EXIT_DATE_MEANING));
        for reason in ExitReason::ALL {
            ui.radio_value(&mut form.reason, *reason, reason.label(lang));
        }
        text_field_ui(ui, lang.t(c::FIELD_NOTES), &mut form.note, 200.0);
        if let Some(error) = &form.error {
            field_error_ui(ui, error);
        }
        ui.horizontal(|ui| {
            if ui.button(lang.t(pl::CONFIRM_EXIT)).clicked() {
                match form.last_day.trim().parse() {
                    Ok(day) => {
                        let (placement, reason, note) =
                            (form.placement, form.reason, form.note.clone());
                        match store.write(|w| placements::exit(w, placement, day, reason, &note)) {
                            Ok(()) => close = true,
                            Err(e) => form.error = Some(store_error_message(&e, lang)),
                        }
                    }
                    Err(_) => form.error = Some(lang.t(pl::BAD_DATE).to_string()),
                }
            }
            if ui.button(lang.t(c::CANCEL)).clicked() {
                close = true;
            }
        });
        if close {
            self.exit = None;
        }
    }
}

/// The checks for ghost workers in the month shown in the month view.
#[derive(Default)]
pub struct ChecksView {
    loaded: Option<(u64, Month)>,
    findings: Vec<Finding>,
}

impl ChecksView {
    /// Draws the view; returns where to go when a finding is clicked.
    pub(super) fn ui(
        &mut self,
        ui: &mut Ui,
        store: &Store,
        lang: Lang,
        month: &mut Month,
    ) -> Option<Go> {
        ui.horizontal(|ui| {
            if ui
                .button("◀")
                .on_hover_text(lang.t(pl::PREV_MONTH))
                .clicked()
            {
                *month = month.prev();
            }
            ui.heading(pl::checks_for(*month).text(lang));
            if ui
                .button("▶")
                .on_hover_text(lang.t(pl::NEXT_MONTH))
                .clicked()
            {
                *month = month.next();
            }
        });
        let month = *month;
        if self.loaded != Some((store.revision(), month)) {
            let rules = placements::rules(store.conn()).ok();
            let (male, female) = rules.map_or((60, 55), |r| (r.max_age_male, r.max_age_female));
            self.findings =
                placement_reports::checks(store.conn(), month, male, female).unwrap_or_default();
            self.loaded = Some((store.revision(), month));
        }
        ui.weak(lang.t(pl::CHECKS_EXPLAIN));
        if self.findings.is_empty() {
            ui.label(RichText::new(lang.t(pl::NO_FINDINGS)).strong());
        }
        let mut go = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            for f in &self.findings {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(lang.t(check_text(f.kind))).color(ui.visuals().warn_fg_color),
                    );
                    if ui.link(&f.name).clicked() {
                        go = Some(Go::Person(f.person_id));
                    }
                    ui.weak(&f.detail);
                });
            }
        });
        go
    }
}

fn check_text(kind: CheckKind) -> Text {
    match kind {
        CheckKind::PaidAfterExit => pl::CHECK_PAID_AFTER_EXIT,
        CheckKind::PaidTwice => pl::CHECK_PAID_TWICE,
        CheckKind::PastAgeLimit => pl::CHECK_PAST_AGE,
        CheckKind::HoursAboveLimit => pl::CHECK_HOURS,
        CheckKind::NoAttendance => pl::CHECK_NO_ATTENDANCE,
    }
}

/// The programme's figures at a glance.
#[derive(Default)]
pub struct FiguresView {
    loaded: Option<u64>,
    figures: Figures,
}

impl FiguresView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, store: &Store, lang: Lang) {
        if self.loaded != Some(store.revision()) {
            self.figures = placement_reports::figures(store.conn(), crate::domain::today())
                .unwrap_or_default();
            self.loaded = Some(store.revision());
        }
        let f = &self.figures;
        ui.heading(pl::fig_in_post(f.in_post).text(lang));
        ui.label(pl::fig_placed(f.placed_this_year, f.placed_total).text(lang));
        ui.label(pl::fig_urban_rural(f.urban, f.rural).text(lang));
        let share = |(kept, all): (i64, i64)| {
            if all == 0 {
                "—".to_string()
            } else {
                format!("{:.1}% ({kept}/{all})", kept as f64 * 100.0 / all as f64)
            }
        };
        ui.label(pl::fig_stable(share(f.stable_6_months), share(f.stable_12_months)).text(lang));
        ui.add_space(8.0);
        ui.columns(3, |cols| {
            cols[0].strong(lang.t(pl::POST_CATEGORY));
            for (c, n) in &f.by_category {
                cols[0].label(format!("{}  {n}", c.label(lang)));
            }
            cols[1].strong(lang.t(pe::LEVEL_STREET));
            for (s, n) in &f.by_street {
                cols[1].label(format!("{s}  {n}"));
            }
            cols[2].strong(lang.t(pl::FIG_EXITS));
            for (r, n) in &f.exits_by_reason {
                cols[2].label(format!("{}  {n}", r.label(lang)));
            }
        });
    }
}

/// The public notice of people placed in a period.
pub struct NoticeView {
    from: String,
    to: String,
    error: Option<String>,
}

impl Default for NoticeView {
    fn default() -> Self {
        let month = Month::of(crate::domain::today());
        NoticeView {
            from: month.first_day().to_string(),
            to: month.last_day().to_string(),
            error: None,
        }
    }
}

impl NoticeView {
    /// Draws the view; returns the export to run.
    pub fn ui(&mut self, ui: &mut Ui, lang: Lang, job_running: bool) -> Option<Request> {
        ui.heading(lang.t(pl::NOTICE_TITLE));
        ui.weak(lang.t(pl::NOTICE_EXPLAIN));
        egui::Grid::new("notice_grid")
            .num_columns(2)
            .show(ui, |ui| {
                text_field_ui(ui, lang.t(pl::PERIOD_FROM), &mut self.from, 110.0);
                ui.end_row();
                text_field_ui(ui, lang.t(pl::PERIOD_TO), &mut self.to, 110.0);
                ui.end_row();
            });
        if let Some(error) = &self.error {
            field_error_ui(ui, error);
        }
        if ui
            .add_enabled(!job_running, egui::Button::new(lang.t(pl::EXPORT_PDF)))
            .clicked()
        {
            match (self.from.trim().parse(), self.to.trim().parse()) {
                (Ok(from), Ok(to)) if from <= to => {
                    self.error = None;
                    return Some(Request::Export(ExportKind::Notice(from, to)));
                }
                _ => self.error = Some(lang.t(pl::BAD_PERIOD).to_string()),
            }
        }
        None
    }
}
