//! A month's attendance grid and subsidy sheet: fill in, compute, review, approve, export.

use crate::store::Read;
use std::collections::HashMap;

use egui::{RichText, Ui};

use super::posts::area_label;
use crate::domain::PlacementId;
use crate::domain::access::{Action, Area as Access};
use crate::domain::money::{format_hours_tenths, format_yuan, parse_yuan};
use crate::domain::pay::Month;
use crate::i18n::{Lang, Msg, common as c, pay_rules as pr, placements as pl};
use crate::jobs::{JobId, JobSpec, Outcome, exports};
use crate::store::payroll::{self, AttendanceRow, MonthStatus, NewAdjustment};
use crate::store::placement_reports::{self, AcceptedFinding, SheetLine};
use crate::store::{Result, settings};
use crate::ui::loaded::Loaded;
use crate::ui::{Ctx, Masker, Notice, PathRequest, Permit, field_error_ui, text_field_ui};

mod grid;
use grid::GridIndex;

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
    "finding_acceptances",
    "subsidy_carries",
    "settings",
    "insurance_rates",
    "retirement_rules",
];

/// A month as the view shows it: where its sheet stands, its attendance and its lines.
pub struct MonthData {
    status: MonthStatus,
    rows: Vec<AttendanceRow>,
    lines: Vec<SheetLine>,
    accepted: Vec<AcceptedFinding>,
    /// The pay rule in force, in words, shown next to the figures.
    rule: crate::i18n::Msg,
}

impl MonthData {
    fn read(conn: &Read<'_>, month: Month) -> Result<MonthData> {
        Ok(MonthData {
            status: payroll::month_status(conn, month)?,
            rows: payroll::attendance(conn, month)?,
            lines: placement_reports::sheet(conn, month)?,
            accepted: placement_reports::accepted_findings(conn, month)?,
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

/// The question asked before a month is approved: its lines and total, and the rates still
/// to check.
struct ApprovalQuestion {
    month: Month,
    lines: usize,
    total: i64,
    unverified: Vec<String>,
}

/// The street, village and post chosen in the grid's filters (none: all).
type Filters = [Option<String>; 3];

/// State of the month view.
#[derive(Default)]
pub struct MonthView {
    /// The month shown; set to this month on the first frame.
    month: Option<Month>,
    show_sheet: bool,
    data: Loaded<(u64, Month), MonthData>,
    typed: HashMap<PlacementId, String>,
    /// Leave days as typed (urban rows).
    typed_leave: HashMap<PlacementId, String>,
    full_ids: bool,
    correction: Option<Correction>,
    message: Option<Notice>,
    computing: Option<JobId>,
    bank_file: super::bank_file::BankFileView,
    approval: Option<ApprovalQuestion>,
    /// Street, village and post filters of the grid.
    filters: Filters,
    index: GridIndex,
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
                self.typed_leave.clear();
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
            self.typed_leave.clear();
        }
        let status = match self.data.rows() {
            Some(data) if self.data.key().is_some_and(|(_, m)| *m == month) => data.status,
            _ => MonthStatus::Open,
        };
        let computing = self.computing.is_some_and(|id| cx.is_running(id));
        // The sheet is computed for the whole district; attendance is entered by the
        // clerks of each street for the placements on their posts.
        let may_compute = cx.permit_district(Access::Placements, Action::Write);
        let may_write = cx.permit(Access::Placements, Action::Write);
        let may_approve = cx.permit_district(Access::Placements, Action::Approve);
        let may_reveal = cx.permit_district(Access::Placements, Action::Reveal);
        self.full_ids &= may_reveal.allows();
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
            if may_compute.add(
                ui,
                lang,
                open && !computing,
                egui::Button::new(lang.t(pl::COMPUTE_SHEET)),
            ) {
                self.computing = Some(cx.start_job(compute_job(month)));
                self.show_sheet = true;
            }
            if may_approve.add(
                ui,
                lang,
                status == MonthStatus::Computed && !computing,
                egui::Button::new(lang.t(pl::APPROVE_SHEET)),
            ) {
                self.ask_approval(cx, month);
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
            may_reveal.add(
                ui,
                lang,
                true,
                egui::Checkbox::new(&mut self.full_ids, lang.t(pl::FULL_IDS_FOR_BANK)),
            );
            if may_reveal.add(
                ui,
                lang,
                status == MonthStatus::Approved,
                egui::Button::new(lang.t(crate::i18n::bank::BANK_FILE_BUTTON)),
            ) {
                self.bank_file.open(month);
            }
        });
        self.bank_file.ui(ui, cx, self.month.unwrap_or(month));
        ui.weak(lang.t(pl::PAY_RULE));
        crate::ui::message_ui(ui, &self.message, lang);
        self.approval_ui(ui, cx);
        self.correction_ui(ui, cx);
        let shown_month = self.data.key().map(|(_, m)| *m);
        if self.data.status_ui(ui, lang).is_none() || shown_month != Some(month) {
            return;
        }
        if self.show_sheet {
            // A street's clerk sees the lines of the street's posts: said, so that the
            // total is not taken for the district's.
            let narrowed = !cx
                .store
                .session()
                .may(Access::Placements, Action::Read, None);
            self.sheet_ui(ui, lang, cx.masker, status, may_write, narrowed);
        } else {
            self.attendance_ui(ui, cx, month, status, computing || !may_write.allows());
        }
    }

    /// Refuses at once what the store would refuse (month not ended, attendance missing,
    /// findings open); otherwise asks for confirmation, naming the month, its lines and total
    /// and any minimum-wage rate still to check.
    fn ask_approval(&mut self, cx: &mut Ctx<'_>, month: Month) {
        let conn = &cx.store.read();
        let asked = payroll::check_approvable(conn, month, cx.today())
            .and_then(|()| payroll::unverified_rates(conn, month));
        match asked {
            Ok(unverified) => {
                let (lines, total) = self.data.rows().map_or((0, 0), |d| {
                    (d.lines.len(), d.lines.iter().map(|l| l.total_fen).sum())
                });
                self.approval = Some(ApprovalQuestion {
                    month,
                    lines,
                    total,
                    unverified: unverified
                        .iter()
                        .map(|r| {
                            format!(
                                "{} · {} · {}",
                                r.wage.effective_from,
                                r.wage.tier,
                                format_yuan(r.wage.monthly_fen)
                            )
                        })
                        .collect(),
                });
                self.message = None;
            }
            Err(e) => {
                self.approval = None;
                self.message = Some(Notice::store_error(&e));
            }
        }
    }

    /// The confirmation before approving.
    fn approval_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        let Some(q) = &self.approval else { return };
        let mut answer = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(pl::confirm_approval(q.month, q.lines, format_yuan(q.total)).text(lang));
            if !q.unverified.is_empty() {
                ui.label(
                    RichText::new(pl::unverified_rates(q.unverified.join("；")).text(lang))
                        .color(ui.visuals().warn_fg_color),
                );
            }
            ui.horizontal(|ui| {
                if ui.button(lang.t(pl::CONFIRM_APPROVE)).clicked() {
                    answer = Some(true);
                }
                if ui.button(lang.t(c::CANCEL)).clicked() {
                    answer = Some(false);
                }
            });
        });
        let month = q.month;
        match answer {
            Some(true) => {
                let today = cx.today();
                self.message = Some(
                    match cx.store.write(|w| payroll::approve(w, month, today)) {
                        Ok(()) => Notice::info(pl::sheet_approved(month)),
                        Err(e) => Notice::store_error(&e),
                    },
                );
                self.approval = None;
            }
            Some(false) => self.approval = None,
            None => {}
        }
    }

    fn sheet_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        masker: Masker,
        status: MonthStatus,
        may_correct: Permit,
        narrowed: bool,
    ) {
        let Some(data) = self.data.rows() else { return };
        let lines = &data.lines;
        if status == MonthStatus::Open && lines.is_empty() {
            ui.label(lang.t(pl::SHEET_NOT_COMPUTED));
            return;
        }
        let total: i64 = lines.iter().map(|l| l.total_fen).sum();
        ui.strong(pl::sheet_subtitle(lines.len(), format_yuan(total)).text(lang));
        if narrowed {
            ui.weak(lang.t(pl::STREETS_ONLY_NOTE));
        }
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
                        adjustment_text(l, lang),
                        format_yuan(l.to_person_fen),
                        format_yuan(l.social_insurance_fen),
                        format_yuan(l.to_fund_fen),
                    ];
                    crate::ui::text_cells(&mut row, cells);
                    row.col(|ui| {
                        ui.horizontal(|ui| {
                            ui.strong(format_yuan(l.total_fen));
                            if approved && may_correct.small_button(ui, lang, lang.t(pl::CORRECT)) {
                                correct = Some((l.placement_id, l.name.clone()));
                            }
                        });
                    });
                });
            });
        if !data.accepted.is_empty() {
            ui.separator();
            ui.strong(lang.t(pl::ACCEPTED_FINDINGS));
            for a in &data.accepted {
                ui.label(format!(
                    "{} · {} · {}",
                    lang.t(super::overview::check_text(a.kind)),
                    a.name,
                    pl::accepted_because(&a.acceptance.reason, &a.acceptance.accepted_by)
                        .text(lang)
                ));
            }
        }
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

/// The adjustment of a line, with what was carried in from last month or on to the next.
fn adjustment_text(l: &SheetLine, lang: Lang) -> String {
    let mut text = format_yuan(l.adjustment_fen);
    if l.carried_in_fen != 0 {
        text = format!(
            "{text}（{}）",
            pl::carried_from_prev(format_yuan(l.carried_in_fen)).text(lang)
        );
    }
    if l.carried_out_fen != 0 {
        text = format!(
            "{text}（{}）",
            pl::carried_to_next(format_yuan(l.carried_out_fen)).text(lang)
        );
    }
    text
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
                let (id_mask, _) = settings::mask_patterns(&store.read())?;
                let disclosure = exports::Disclosure { id_mask, full_ids };
                exports::subsidy_sheet(store, month, &path, disclosure, lang, reporter)
            })
        }),
    });
}
