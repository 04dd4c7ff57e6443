//! The service log: a line per point, day and service, and the workload of the last twelve
//! months by point, service and month (read off the window's thread).

use egui::Ui;
use jiff::civil::Date;

use crate::domain::access::{Action, Area};
use crate::domain::service_points::{ServiceId, ServicePointId};
use crate::i18n::{Msg, service_points as sp};
use crate::store::service_points::log::{self, NewLogLine, Workload};
use crate::store::service_points::{Service, ServicePoint};
use crate::ui::loaded::Loaded;
use crate::ui::{Ctx, Notice};

/// State of the log view.
#[derive(Default)]
pub struct LogView {
    point: Option<ServicePointId>,
    service: Option<ServiceId>,
    day: String,
    count: String,
    passed_on: bool,
    error: Option<Msg>,
    message: Option<Notice>,
    workload: Loaded<(u64, Date), Vec<Workload>>,
}

impl LogView {
    /// Draws the view.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut Ctx<'_>,
        points: &[ServicePoint],
        services: &[Service],
    ) {
        let lang = cx.lang;
        let today = cx.today();
        if self.day.is_empty() {
            self.day = today.to_string();
            self.count = "1".into();
        }
        let may = cx.permit(Area::ServicePoints, Action::Write);
        if may.shown() {
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(lang.t(sp::COL_POINT));
                let shown = self
                    .point
                    .and_then(|id| points.iter().find(|p| p.id == id))
                    .map_or(String::new(), |p| p.fields.name.clone());
                egui::ComboBox::from_id_salt("sp_log_point")
                    .selected_text(shown)
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        for p in points {
                            ui.selectable_value(&mut self.point, Some(p.id), &p.fields.name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                let label = ui.label(lang.t(sp::COL_SERVICE));
                let shown = self
                    .service
                    .and_then(|id| services.iter().find(|s| s.id == id))
                    .map_or(String::new(), |s| s.name(lang).to_string());
                egui::ComboBox::from_id_salt("sp_log_service")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for s in services.iter().filter(|s| s.active) {
                            ui.selectable_value(&mut self.service, Some(s.id), s.name(lang));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                crate::ui::text_field_ui(ui, lang.t(sp::COL_DAY), &mut self.day, 90.0);
                crate::ui::text_field_ui(ui, lang.t(sp::COL_COUNT), &mut self.count, 40.0);
                ui.checkbox(&mut self.passed_on, lang.t(sp::COL_PASSED_ON));
                if may.button(ui, lang, lang.t(sp::LOG_ADD)) {
                    self.add(cx, today);
                }
            });
            if let Some(e) = &self.error {
                crate::ui::field_error_ui(ui, e.get(lang));
            }
            crate::ui::message_ui(ui, &self.message, lang);
            ui.separator();
        }
        ui.heading(lang.t(sp::LOG_TITLE));
        let from = today
            .first_of_month()
            .saturating_sub(jiff::Span::new().months(11));
        self.workload.ensure_later(
            cx,
            (cx.rev(&["service_log", "service_points"]), today),
            move |conn| log::workload(conn, from, today),
        );
        let Some(rows) = self.workload.status_ui(ui, lang) else {
            return;
        };
        if rows.is_empty() {
            ui.label(lang.t(sp::LOG_EMPTY));
            return;
        }
        upward_ui(ui, lang, rows);
        ui.separator();
        let columns = [
            (sp::COL_MONTH, 70.0),
            (sp::COL_POINT, 200.0),
            (sp::COL_SERVICE, 160.0),
            (sp::COL_COUNT, 50.0),
            (sp::COL_PASSED_ON, 60.0),
        ];
        crate::ui::data_table(ui, "sp_workload", lang, &columns)
            .header(22.0, |header| crate::ui::header_row(header, lang, &columns))
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let w = &rows[row.index()];
                    let service = services
                        .iter()
                        .find(|s| s.id == w.service)
                        .map_or(String::new(), |s| s.name(lang).to_string());
                    crate::ui::text_cells(
                        &mut row,
                        [
                            w.month.clone(),
                            w.name.clone(),
                            service,
                            w.count.to_string(),
                            w.passed_on.to_string(),
                        ],
                    );
                });
            });
    }

    fn add(&mut self, cx: &mut Ctx<'_>, today: Date) {
        self.error = None;
        self.message = None;
        let day: Option<Date> = self.day.trim().parse().ok();
        let count: Option<i64> = self.count.trim().parse().ok();
        let (Some(point), Some(service), Some(day), Some(count)) =
            (self.point, self.service, day, count)
        else {
            self.error = Some(sp::LOG_LINE_INVALID.into());
            return;
        };
        let line = NewLogLine {
            point,
            day,
            service,
            count,
            passed_on: self.passed_on,
        };
        match cx.store.write(|w| log::add(w, &line, today)) {
            Ok(_) => self.message = Some(Notice::info(sp::LOG_SAVED)),
            Err(e) => self.error = Some(Notice::store_error(&e).msg),
        }
    }
}

/// The points that pass most of their work to the tier above, from the rows already read.
fn upward_ui(ui: &mut Ui, lang: crate::i18n::Lang, rows: &[Workload]) {
    let mut by_point: std::collections::BTreeMap<ServicePointId, (&str, i64, i64)> =
        std::collections::BTreeMap::new();
    for w in rows {
        let entry = by_point.entry(w.point).or_insert((w.name.as_str(), 0, 0));
        entry.1 += w.passed_on;
        entry.2 += w.count;
    }
    let mut ranked: Vec<(&str, i64, i64)> = by_point.into_values().filter(|e| e.1 > 0).collect();
    ranked.sort_by_key(|e| std::cmp::Reverse(e.1));
    ui.strong(lang.t(sp::LOG_UPWARD));
    for (name, passed, total) in ranked.into_iter().take(10) {
        ui.label(sp::log_upward_line(name, passed, total).get(lang));
    }
}
