//! A month's attendance grid and subsidy sheet: fill in, compute, review, approve, export.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{RichText, Ui};
use egui_extras::Column;

use super::posts::area_label;
use super::{ExportKind, Request};
use crate::domain::PlacementId;
use crate::domain::money::{format_hours_tenths, format_yuan, parse_hours_tenths, parse_yuan};
use crate::domain::pay::{Area, Month};
use crate::i18n::{Lang, common as c, placements as pl};
use crate::jobs::{Job, Outcome};
use crate::store::Store;
use crate::store::payroll::{self, AttendanceRow, MonthStatus, NewAdjustment};
use crate::store::placement_reports::{self, SheetLine};
use crate::ui::{Masker, field_error_ui, store_error_message, text_field_ui};

/// A correction being written for a line of an approved month.
struct Correction {
    placement_id: PlacementId,
    name: String,
    corrects: Month,
    amount: String,
    reason: String,
    error: Option<String>,
}

/// State of the month view.
pub struct MonthView {
    month: Month,
    show_sheet: bool,
    loaded: Option<(u64, Month)>,
    status: MonthStatus,
    rows: Vec<AttendanceRow>,
    lines: Vec<SheetLine>,
    typed: HashMap<PlacementId, String>,
    full_ids: bool,
    correction: Option<Correction>,
    message: Option<(String, bool)>,
}

impl Default for MonthView {
    fn default() -> Self {
        MonthView {
            month: Month::of(crate::domain::today()),
            show_sheet: false,
            loaded: None,
            status: MonthStatus::Open,
            rows: Vec::new(),
            lines: Vec::new(),
            typed: HashMap::new(),
            full_ids: false,
            correction: None,
            message: None,
        }
    }
}

impl MonthView {
    /// The month shown; the checks view shows and moves the same one.
    pub fn month_mut(&mut self) -> &mut Month {
        &mut self.month
    }

    fn reload(&mut self, store: &Store) {
        if self.loaded == Some((store.revision(), self.month)) {
            return;
        }
        self.loaded = Some((store.revision(), self.month));
        self.status = payroll::month_status(store.conn(), self.month).unwrap_or(MonthStatus::Open);
        self.rows = payroll::attendance(store.conn(), self.month).unwrap_or_default();
        self.lines = placement_reports::sheet(store.conn(), self.month).unwrap_or_default();
        self.typed.clear();
    }

    /// Draws the view; returns work for the window.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        store: &mut Store,
        lang: Lang,
        masker: Masker,
        job_running: bool,
    ) -> Option<Request> {
        self.reload(store);
        let mut request = None;
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("◀")
                .on_hover_text(lang.t(pl::PREV_MONTH))
                .clicked()
            {
                self.month = self.month.prev();
            }
            ui.strong(self.month.to_string());
            if ui
                .button("▶")
                .on_hover_text(lang.t(pl::NEXT_MONTH))
                .clicked()
            {
                self.month = self.month.next();
            }
            let status = match self.status {
                MonthStatus::Open => pl::MONTH_OPEN,
                MonthStatus::Computed => pl::MONTH_COMPUTED,
                MonthStatus::Approved => pl::MONTH_APPROVED,
            };
            ui.label(RichText::new(lang.t(status)).strong());
            ui.separator();
            ui.selectable_value(&mut self.show_sheet, false, lang.t(pl::ATTENDANCE));
            ui.selectable_value(&mut self.show_sheet, true, lang.t(pl::SUBSIDY_SHEET));
            ui.separator();
            let open = self.status != MonthStatus::Approved;
            if ui
                .add_enabled(
                    open && !job_running,
                    egui::Button::new(lang.t(pl::COMPUTE_SHEET)),
                )
                .clicked()
            {
                request = Some(Request::Start(compute_job(ui, store, self.month)));
                self.show_sheet = true;
            }
            if ui
                .add_enabled(
                    self.status == MonthStatus::Computed,
                    egui::Button::new(lang.t(pl::APPROVE_SHEET)),
                )
                .clicked()
            {
                let (month, today) = (self.month, crate::domain::today());
                self.message = Some(match store.write(|w| payroll::approve(w, month, today)) {
                    Ok(()) => (pl::sheet_approved(month).text(lang), false),
                    Err(e) => (store_error_message(&e, lang), true),
                });
            }
            let approved = self.status == MonthStatus::Approved;
            if ui
                .add_enabled(
                    approved && !job_running,
                    egui::Button::new(lang.t(pl::EXPORT_EXCEL)),
                )
                .clicked()
            {
                request = Some(Request::Export(ExportKind::SubsidySheet(
                    self.month,
                    self.full_ids,
                )));
            }
            ui.checkbox(&mut self.full_ids, lang.t(pl::FULL_IDS_FOR_BANK));
        });
        ui.weak(lang.t(pl::PAY_RULE));
        crate::ui::message_ui(ui, &self.message);
        self.correction_ui(ui, store, lang);
        if self.show_sheet {
            self.sheet_ui(ui, lang, masker);
        } else {
            self.attendance_ui(ui, store, lang, masker);
        }
        request
    }

    fn attendance_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang, masker: Masker) {
        let editable = self.status != MonthStatus::Approved;
        let month = self.month;
        let mut save: Option<(PlacementId, Area, String)> = None;
        crate::ui::data_table(ui, "attendance")
            .column(Column::initial(80.0))
            .column(Column::initial(150.0))
            .column(Column::initial(120.0))
            .column(Column::initial(100.0))
            .column(Column::initial(44.0))
            .column(Column::initial(70.0))
            .column(Column::remainder().at_least(120.0))
            .header(22.0, |h| {
                crate::ui::header_row(
                    h,
                    lang,
                    &[
                        c::COL_NAME,
                        c::COL_ID_NUMBER,
                        pl::COL_POST,
                        c::COL_PLACE,
                        pl::COL_AREA,
                        pl::COL_DAYS_IN_POST,
                        pl::DAYS_OR_HOURS,
                    ],
                )
            })
            .body(|body| {
                body.rows(24.0, self.rows.len(), |mut row| {
                    let r = &self.rows[row.index()];
                    let days = crate::domain::pay::days_in_post(month, r.in_post);
                    crate::ui::text_cells(
                        &mut row,
                        [
                            r.name.clone(),
                            masker.id_number(&r.id_number).into_owned(),
                            r.post.clone(),
                            r.place.clone(),
                        ],
                    );
                    row.col(|ui| {
                        ui.label(area_label(r.area, lang));
                    });
                    row.col(|ui| {
                        ui.label(days.to_string());
                    });
                    row.col(|ui| {
                        let stored = match r.area {
                            Area::Urban => r.days_worked.map(|d| d.to_string()),
                            Area::Rural => r.hours_tenths.map(format_hours_tenths),
                        }
                        .unwrap_or_default();
                        if !editable {
                            ui.label(stored);
                            return;
                        }
                        let text = self.typed.entry(r.placement_id).or_insert(stored);
                        let unit = lang.t(if r.area == Area::Urban {
                            pl::UNIT_DAYS
                        } else {
                            pl::UNIT_HOURS
                        });
                        ui.horizontal(|ui| {
                            let field = ui
                                .add(egui::TextEdit::singleline(text).desired_width(60.0))
                                .on_hover_text(unit);
                            ui.weak(unit);
                            if let Some(limit) = r.monthly_hours_tenths {
                                ui.weak(format!("/ {}", format_hours_tenths(limit)));
                            }
                            if field.lost_focus() {
                                save = Some((r.placement_id, r.area, text.clone()));
                            }
                        });
                    });
                });
            });
        if let Some((placement, area, text)) = save {
            self.save_attendance(store, placement, area, &text, lang);
        }
    }

    fn save_attendance(
        &mut self,
        store: &mut Store,
        placement: PlacementId,
        area: Area,
        text: &str,
        lang: Lang,
    ) {
        let text = text.trim();
        let parsed = match area {
            _ if text.is_empty() => Ok((None, None)),
            Area::Urban => text.parse::<i64>().map(|d| (Some(d), None)).map_err(|_| ()),
            Area::Rural => parse_hours_tenths(text)
                .map(|h| (None, Some(h)))
                .map_err(|_| ()),
        };
        let Ok((days, hours)) = parsed else {
            self.message = Some((lang.t(pl::BAD_ATTENDANCE).to_string(), true));
            return;
        };
        let month = self.month;
        let was_current = self.loaded == Some((store.revision(), month));
        match store.write(|w| payroll::set_attendance(w, placement, month, days, hours)) {
            // Only this cell changed: patch it rather than read the whole month again,
            // which takes a fifth of a second at 100,000 placements.
            Ok(()) if was_current => {
                if let Some(row) = self.rows.iter_mut().find(|r| r.placement_id == placement) {
                    (row.days_worked, row.hours_tenths, row.entered) = (days, hours, true);
                }
                if self.status == MonthStatus::Computed {
                    self.status = MonthStatus::Open;
                }
                self.loaded = Some((store.revision(), month));
            }
            Ok(()) => {}
            Err(e) => self.message = Some((store_error_message(&e, lang), true)),
        }
    }

    fn sheet_ui(&mut self, ui: &mut Ui, lang: Lang, masker: Masker) {
        if self.status == MonthStatus::Open && self.lines.is_empty() {
            ui.label(lang.t(pl::SHEET_NOT_COMPUTED));
            return;
        }
        let total: i64 = self.lines.iter().map(|l| l.total_fen).sum();
        ui.strong(pl::sheet_subtitle(self.lines.len(), format_yuan(total)).text(lang));
        let approved = self.status == MonthStatus::Approved;
        let mut correct = None;
        crate::ui::data_table(ui, "sheet")
            .column(Column::initial(70.0))
            .column(Column::initial(150.0))
            .column(Column::initial(110.0))
            .column(Column::initial(44.0))
            .columns(Column::initial(64.0), 2)
            .columns(Column::initial(96.0), 3)
            .column(Column::remainder().at_least(120.0))
            .header(22.0, |h| {
                crate::ui::header_row(
                    h,
                    lang,
                    &[
                        c::COL_NAME,
                        c::COL_ID_NUMBER,
                        pl::COL_POST,
                        pl::COL_AREA,
                        pl::COL_DAYS_IN_POST,
                        pl::COL_HOURS,
                        pl::COL_WAGE,
                        pl::COL_SOCIAL_INSURANCE,
                        pl::COL_ADJUSTMENT,
                        pl::COL_TOTAL,
                    ],
                )
            })
            .body(|body| {
                body.rows(22.0, self.lines.len(), |mut row| {
                    let l = &self.lines[row.index()];
                    let cells = [
                        l.name.clone(),
                        masker.id_number(&l.id_number).into_owned(),
                        l.post.clone(),
                        area_label(l.area, lang).to_string(),
                        l.days_in_post.to_string(),
                        l.hours_tenths.map(format_hours_tenths).unwrap_or_default(),
                        format_yuan(l.wage_fen),
                        format_yuan(l.social_insurance_fen),
                        format_yuan(l.adjustment_fen),
                    ];
                    crate::ui::text_cells(&mut row, cells);
                    row.col(|ui| {
                        ui.horizontal(|ui| {
                            ui.strong(format_yuan(l.total_fen));
                            if approved && ui.small_button(lang.t(pl::CORRECT)).clicked() {
                                correct = Some((l.placement_id, l.name.clone()));
                            }
                        });
                    });
                });
            });
        if let Some((placement_id, name)) = correct {
            self.correction = Some(Correction {
                placement_id,
                name,
                corrects: self.month,
                amount: String::new(),
                reason: String::new(),
                error: None,
            });
        }
    }

    /// The form for a correction of an approved line, paid with the current month.
    fn correction_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        let Some(c) = &mut self.correction else {
            return;
        };
        let pay_month = Month::of(crate::domain::today()).max(c.corrects.next());
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(pl::correction_title(&c.name, c.corrects, pay_month).text(lang));
            ui.horizontal(|ui| {
                text_field_ui(ui, lang.t(pl::ADJUSTMENT_AMOUNT), &mut c.amount, 90.0);
                text_field_ui(ui, lang.t(pl::ADJUSTMENT_REASON), &mut c.reason, 240.0);
                if ui.button(lang.t(c::SAVE)).clicked() {
                    match parse_yuan(&c.amount) {
                        Ok(amount_fen) if amount_fen != 0 && !c.reason.trim().is_empty() => {
                            let new = NewAdjustment {
                                month: pay_month,
                                placement_id: c.placement_id,
                                corrects_month: c.corrects,
                                amount_fen,
                                reason: c.reason.clone(),
                            };
                            match store.write(|w| payroll::add_adjustment(w, &new)) {
                                Ok(_) => close = true,
                                Err(e) => c.error = Some(store_error_message(&e, lang)),
                            }
                        }
                        _ => c.error = Some(lang.t(pl::ADJUSTMENT_INVALID).to_string()),
                    }
                }
                if ui.button(lang.t(c::CANCEL)).clicked() {
                    close = true;
                }
            });
            if let Some(error) = &c.error {
                field_error_ui(ui, error);
            }
        });
        if close {
            self.correction = None;
        }
    }
}

/// Computes a month's sheet on a background thread with its own connection.
fn compute_job(ui: &Ui, store: &Store, month: Month) -> Job {
    let path = store.path().to_path_buf();
    let ctx = ui.ctx().clone();
    Job::spawn(
        pl::JOB_COMPUTE,
        "subsidy-sheet",
        Arc::new(move || ctx.request_repaint()),
        move |reporter| {
            let mut store = Store::open(&path)?;
            let (lines, total) = store
                .write(|w| payroll::compute(w, month, |done, all| reporter.progress(done, all)))?;
            Ok(Outcome::Computed(lines, total))
        },
    )
}
