//! A month's attendance grid and subsidy sheet: fill in, compute, review, approve, export.

use std::collections::HashMap;

use egui::{RichText, Ui};

use super::posts::area_label;
use crate::domain::PlacementId;
use crate::domain::money::{format_hours_tenths, format_yuan, parse_hours_tenths, parse_yuan};
use crate::domain::pay::{Area, Month};
use crate::i18n::{Lang, Msg, common as c, pay_rules as pr, placements as pl};
use crate::jobs::{JobId, JobSpec, Outcome, exports};
use crate::store::payroll::{self, AttendanceRow, MonthStatus, NewAdjustment};
use crate::store::placement_reports::{self, SheetLine};
use crate::store::{Result, settings};
use crate::ui::loaded::Loaded;
use crate::ui::{Ctx, Masker, Notice, PathRequest, field_error_ui, text_field_ui};

/// The tables a month's grid and sheet are read from.
const TABLES: &[&str] = &[
    "attendance",
    "subsidy_months",
    "subsidy_lines",
    "subsidy_adjustments",
    "placements",
    "people",
    "posts",
    "regions",
    "settings",
    "insurance_rates",
    "retirement_rules",
];

/// A month as the view shows it: where its sheet stands, its attendance and its lines.
pub struct MonthData {
    status: MonthStatus,
    rows: Vec<AttendanceRow>,
    lines: Vec<SheetLine>,
    /// The pay rule in force, in words, shown next to the figures.
    rule: crate::i18n::Msg,
}

impl MonthData {
    fn read(conn: &rusqlite::Connection, month: Month) -> Result<MonthData> {
        Ok(MonthData {
            status: payroll::month_status(conn, month)?,
            rows: payroll::attendance(conn, month)?,
            lines: placement_reports::sheet(conn, month)?,
            rule: payroll::rule_in_words(&payroll::pay_rules(conn)?),
        })
    }
}

/// "paid / entered" hours of a rural line; the paid hours alone when nothing was cut.
fn hours_paid(paid: Option<i64>, entered: Option<i64>) -> String {
    match (paid, entered) {
        (Some(p), Some(e)) if p != e => {
            format!("{} / {}", format_hours_tenths(p), format_hours_tenths(e))
        }
        (Some(p), _) => format_hours_tenths(p),
        _ => String::new(),
    }
}

/// A correction being written for a line of an approved month.
struct Correction {
    placement_id: PlacementId,
    name: String,
    corrects: Month,
    amount: String,
    reason: String,
    error: Option<Msg>,
}

/// State of the month view.
#[derive(Default)]
pub struct MonthView {
    /// The month shown; set to this month on the first frame.
    month: Option<Month>,
    show_sheet: bool,
    data: Loaded<(u64, Month), MonthData>,
    typed: HashMap<PlacementId, String>,
    full_ids: bool,
    correction: Option<Correction>,
    message: Option<Notice>,
    computing: Option<JobId>,
}

impl MonthView {
    /// The month shown; the checks view shows and moves the same one.
    pub fn month_mut(&mut self, today: jiff::civil::Date) -> &mut Month {
        self.month.get_or_insert_with(|| Month::of(today))
    }

    /// Reads the month off the window's thread when it or its data changed; the grid
    /// shown stays until the new one arrives.
    fn reload(&mut self, cx: &Ctx<'_>, month: Month) {
        let key = (cx.rev(TABLES), month);
        if !self.data.is_for(&key) {
            self.data
                .ensure_later(cx, key, move |conn| MonthData::read(conn, month));
            if !self.data.loading() {
                self.typed.clear();
            }
        }
    }

    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        let month = *self.month_mut(cx.today());
        let before = self.data.key().cloned();
        self.reload(cx, month);
        if self.data.key() != before.as_ref() {
            self.typed.clear();
        }
        let status = match self.data.rows() {
            Some(data) if self.data.key().is_some_and(|(_, m)| *m == month) => data.status,
            _ => MonthStatus::Open,
        };
        let computing = self.computing.is_some_and(|id| cx.is_running(id));
        ui.horizontal_wrapped(|ui| {
            let mut shown = month;
            super::month_switch_ui(
                ui,
                lang,
                &mut shown,
                RichText::new(month.to_string()).strong(),
            );
            self.month = Some(shown);
            let status_text = match status {
                MonthStatus::Open => pl::MONTH_OPEN,
                MonthStatus::Computed => pl::MONTH_COMPUTED,
                MonthStatus::Approved => pl::MONTH_APPROVED,
            };
            ui.label(RichText::new(lang.t(status_text)).strong());
            ui.separator();
            ui.selectable_value(&mut self.show_sheet, false, lang.t(pl::ATTENDANCE));
            ui.selectable_value(&mut self.show_sheet, true, lang.t(pl::SUBSIDY_SHEET));
            ui.separator();
            let open = status != MonthStatus::Approved;
            if ui
                .add_enabled(
                    open && !computing,
                    egui::Button::new(lang.t(pl::COMPUTE_SHEET)),
                )
                .clicked()
            {
                self.computing = Some(cx.start_job(compute_job(month)));
                self.show_sheet = true;
            }
            if ui
                .add_enabled(
                    status == MonthStatus::Computed && !computing,
                    egui::Button::new(lang.t(pl::APPROVE_SHEET)),
                )
                .clicked()
            {
                let today = cx.today();
                self.message = Some(
                    match cx.store.write(|w| payroll::approve(w, month, today)) {
                        Ok(()) => Notice::info(pl::sheet_approved(month)),
                        Err(e) => Notice::store_error(&e),
                    },
                );
            }
            if ui
                .add_enabled(
                    status == MonthStatus::Approved,
                    egui::Button::new(lang.t(pl::EXPORT_EXCEL)),
                )
                .clicked()
            {
                export_sheet(cx, month, self.full_ids);
            }
            ui.checkbox(&mut self.full_ids, lang.t(pl::FULL_IDS_FOR_BANK));
        });
        ui.weak(lang.t(pl::PAY_RULE));
        crate::ui::message_ui(ui, &self.message, lang);
        self.correction_ui(ui, cx);
        let shown_month = self.data.key().map(|(_, m)| *m);
        if self.data.status_ui(ui, lang).is_none() || shown_month != Some(month) {
            return;
        }
        if self.show_sheet {
            self.sheet_ui(ui, lang, cx.masker, status);
        } else {
            self.attendance_ui(ui, cx, month, status, computing);
        }
    }

    /// The grid of the month; read-only while the month is approved, or being computed
    /// (the computation holds the file's write lock until it is done).
    fn attendance_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut Ctx<'_>,
        month: Month,
        status: MonthStatus,
        computing: bool,
    ) {
        let (lang, masker) = (cx.lang, cx.masker);
        let editable = status != MonthStatus::Approved && !computing;
        let Some(data) = self.data.rows() else { return };
        let rows = &data.rows;
        let mut save: Option<(PlacementId, Area, String)> = None;
        let columns = [
            (c::COL_NAME, 60.0),
            (c::COL_ID_NUMBER, 150.0),
            (pl::COL_POST, 60.0),
            (c::COL_PLACE, 60.0),
            (pl::COL_AREA, 44.0),
            (pl::COL_DAYS_IN_POST, 60.0),
            (pl::DAYS_OR_HOURS, 120.0),
        ];
        crate::ui::data_table(ui, "attendance", lang, &columns)
            .header(22.0, |h| crate::ui::header_row(h, lang, &columns))
            .body(|body| {
                body.rows(24.0, rows.len(), |mut row| {
                    let r = &rows[row.index()];
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
                        let text = self.typed.entry(r.placement_id).or_insert(stored.clone());
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
                            // Only what was changed is saved: a cell merely visited writes
                            // nothing and leaves a computed month computed.
                            if field.lost_focus() && text.trim() != stored {
                                save = Some((r.placement_id, r.area, text.clone()));
                            }
                        });
                    });
                });
            });
        if let Some((placement, area, text)) = save {
            self.save_attendance(cx, month, placement, area, &text);
        }
    }

    fn save_attendance(
        &mut self,
        cx: &mut Ctx<'_>,
        month: Month,
        placement: PlacementId,
        area: Area,
        text: &str,
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
            self.message = Some(Notice::error(pl::BAD_ATTENDANCE));
            return;
        };
        let was_current = self.data.is_for(&(cx.rev(TABLES), month));
        match cx
            .store
            .write(|w| payroll::set_attendance(w, placement, month, days, hours))
        {
            // Only this cell changed (and nobody else wrote meanwhile): patch it rather than
            // read the whole month again, which takes a fifth of a second at 100,000
            // placements.
            Ok(()) if was_current && cx.store.last_write_was_alone() => {
                if let Some(data) = self.data.rows_mut() {
                    if let Some(row) = data.rows.iter_mut().find(|r| r.placement_id == placement) {
                        (row.days_worked, row.hours_tenths, row.entered) = (days, hours, true);
                    }
                    if data.status == MonthStatus::Computed {
                        data.status = MonthStatus::Open;
                    }
                }
                self.data.rekey((cx.rev(TABLES), month));
            }
            Ok(()) => {}
            Err(e) => self.message = Some(Notice::store_error(&e)),
        }
    }

    fn sheet_ui(&mut self, ui: &mut Ui, lang: Lang, masker: Masker, status: MonthStatus) {
        let Some(data) = self.data.rows() else { return };
        let lines = &data.lines;
        if status == MonthStatus::Open && lines.is_empty() {
            ui.label(lang.t(pl::SHEET_NOT_COMPUTED));
            return;
        }
        let total: i64 = lines.iter().map(|l| l.total_fen).sum();
        ui.strong(pl::sheet_subtitle(lines.len(), format_yuan(total)).text(lang));
        ui.weak(data.rule.get(lang));
        let approved = status == MonthStatus::Approved;
        let mut correct = None;
        let columns = [
            (c::COL_NAME, 60.0),
            (c::COL_ID_NUMBER, 150.0),
            (pl::COL_POST, 60.0),
            (pl::COL_AREA, 44.0),
            (pl::COL_DAYS_IN_POST, 60.0),
            (pr::COL_DAYS_PAID, 60.0),
            (pr::COL_HOURS_PAID, 90.0),
            (pl::COL_WAGE, 60.0),
            (pr::COL_PERSON_SHARE, 70.0),
            (pl::COL_ADJUSTMENT, 60.0),
            (pr::COL_TO_PERSON, 70.0),
            (pr::COL_EMPLOYER_SHARE, 70.0),
            (pr::COL_TO_FUND, 70.0),
            (pl::COL_TOTAL, 120.0),
        ];
        crate::ui::data_table(ui, "sheet", lang, &columns)
            .header(22.0, |h| crate::ui::header_row(h, lang, &columns))
            .body(|body| {
                body.rows(22.0, lines.len(), |mut row| {
                    let l = &lines[row.index()];
                    let cells = [
                        l.name.clone(),
                        masker.id_number(&l.id_number).into_owned(),
                        l.post.clone(),
                        area_label(l.area, lang).to_string(),
                        l.days_in_post.to_string(),
                        l.days_paid.map(|d| d.to_string()).unwrap_or_default(),
                        hours_paid(l.hours_tenths, l.hours_entered_tenths),
                        format_yuan(l.wage_fen),
                        format_yuan(-l.person_insurance_fen),
                        format_yuan(l.adjustment_fen),
                        format_yuan(l.to_person_fen),
                        format_yuan(l.social_insurance_fen),
                        format_yuan(l.to_fund_fen),
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
        if let Some((placement_id, name)) = correct
            && let Some(corrects) = self.month
        {
            self.correction = Some(Correction {
                placement_id,
                name,
                corrects,
                amount: String::new(),
                reason: String::new(),
                error: None,
            });
        }
    }

    /// The form for a correction of an approved line, paid with the current month.
    fn correction_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        let Some(c) = &mut self.correction else {
            return;
        };
        let pay_month = Month::of(cx.today()).max(c.corrects.next());
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
                            match cx.store.write(|w| payroll::add_adjustment(w, &new)) {
                                Ok(_) => close = true,
                                Err(e) => c.error = Some(Notice::store_error(&e).msg),
                            }
                        }
                        _ => c.error = Some(pl::ADJUSTMENT_INVALID.into()),
                    }
                }
                if ui.button(lang.t(c::CANCEL)).clicked() {
                    close = true;
                }
            });
            if let Some(error) = &c.error {
                field_error_ui(ui, error.get(lang));
            }
        });
        if close {
            self.correction = None;
        }
    }
}

/// Computes a month's sheet as a background job.
fn compute_job(month: Month) -> JobSpec {
    JobSpec::new(pl::JOB_COMPUTE, move |store, reporter| {
        let (lines, total) = store
            .write(|w| payroll::compute(w, month, |done, all| reporter.progress(done, all)))?;
        Ok(Outcome::Computed(lines, total))
    })
}

/// Asks where to save `month`'s approved sheet, then exports it as a background job.
fn export_sheet(cx: &mut Ctx<'_>, month: Month, full_ids: bool) {
    let lang = cx.lang;
    cx.ask_path(PathRequest {
        title: pl::EXPORT_SHEET_TO,
        suggested_name: format!("{}-{month}.xlsx", lang.t(pl::SUBSIDY_SHEET)),
        extension: "xlsx",
        then: Box::new(move |path| {
            JobSpec::new(crate::i18n::window::JOB_EXPORT, move |store, reporter| {
                let (id_mask, _) = settings::mask_patterns(store.conn())?;
                let disclosure = exports::Disclosure { id_mask, full_ids };
                exports::subsidy_sheet(store, month, &path, disclosure, lang, reporter)
            })
        }),
    });
}
