//! A month's attendance grid and subsidy sheet: fill in, compute, review, approve, export.

use crate::store::Read;
use std::collections::HashMap;

use egui::{RichText, Ui};

use super::posts::area_label;
use crate::domain::PlacementId;
use crate::domain::access::{Action, Area as Access};
use crate::domain::money::{format_hours_tenths, format_yuan, parse_hours_tenths, parse_yuan};
use crate::domain::pay::{Area, Month};
use crate::i18n::{Lang, Msg, common as c, pay_rules as pr, placements as pl};
use crate::jobs::{JobId, JobSpec, Outcome, exports};
use crate::store::payroll::{self, AttendanceRow, MonthStatus, NewAdjustment};
use crate::store::placement_reports::{self, AcceptedFinding, SheetLine};
use crate::store::{Result, settings};
use crate::ui::loaded::Loaded;
use crate::ui::{Ctx, Masker, Notice, PathRequest, Permit, field_error_ui, text_field_ui};

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

/// Which rows of the grid are shown, worked out again only when the month's rows or the
/// filters change.
#[derive(Default)]
struct GridIndex {
    key: Option<((u64, Month), Filters)>,
    /// The streets, villages and posts of the month's rows, for the filters.
    options: [Vec<String>; 3],
    /// Indices of the rows shown.
    shown: Vec<usize>,
    /// Rows shown with nothing entered.
    empty: usize,
}

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

    /// Works out the filter choices and the rows shown, when the rows or filters changed.
    fn index_rows(&mut self) {
        let Some(key) = self.data.key().cloned() else {
            return;
        };
        let Some(data) = self.data.rows() else { return };
        let key = (key, self.filters.clone());
        if self.index.key.as_ref() == Some(&key) {
            return;
        }
        let field = |r: &AttendanceRow, i: usize| -> String {
            match i {
                0 => r.street.clone(),
                1 => r.place.clone(),
                _ => r.post.clone(),
            }
        };
        let mut options: [Vec<String>; 3] = Default::default();
        for (i, list) in options.iter_mut().enumerate() {
            let set: std::collections::BTreeSet<String> =
                data.rows.iter().map(|r| field(r, i)).collect();
            *list = set.into_iter().filter(|s| !s.is_empty()).collect();
        }
        let shown: Vec<usize> = data
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                self.filters
                    .iter()
                    .enumerate()
                    .all(|(i, f)| f.as_ref().is_none_or(|f| *f == field(r, i)))
            })
            .map(|(n, _)| n)
            .collect();
        let empty = shown
            .iter()
            .filter(|n| payroll::attendance_value(&data.rows[**n]).is_none())
            .count();
        self.index = GridIndex {
            key: Some(key),
            options,
            shown,
            empty,
        };
    }

    /// The street, village and post filters, the count of empty entries and the rule by which
    /// days worked count.
    fn grid_header_ui(&mut self, ui: &mut Ui, cx: &Ctx<'_>) {
        let lang = cx.lang;
        ui.horizontal_wrapped(|ui| {
            for (i, label) in [pl::FILTER_STREET, pl::FILTER_VILLAGE, pl::FILTER_POST]
                .into_iter()
                .enumerate()
            {
                let chosen = self.filters[i]
                    .clone()
                    .unwrap_or_else(|| lang.t(pl::FILTER_ALL).to_string());
                let name = ui.label(lang.t(label));
                egui::ComboBox::from_id_salt(("attendance_filter", i))
                    .selected_text(chosen)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.filters[i], None, lang.t(pl::FILTER_ALL));
                        for option in &self.index.options[i] {
                            ui.selectable_value(
                                &mut self.filters[i],
                                Some(option.clone()),
                                option.as_str(),
                            );
                        }
                    })
                    .response
                    .labelled_by(name.id);
            }
            ui.separator();
            let empty = RichText::new(pl::empty_cells(self.index.empty).text(lang));
            ui.label(if self.index.empty > 0 {
                empty.color(ui.visuals().warn_fg_color)
            } else {
                empty
            });
        });
        // The rule as read with the month's rows: nothing is queried on a frame.
        if let Some(data) = self.data.rows() {
            ui.label(RichText::new(data.rule.get(lang)).strong());
        }
    }

    /// The grid of the month; read-only while the month is approved, or `read_only`: being
    /// computed (the computation holds the file's write lock until it is done), or for a
    /// user who may not enter attendance.
    fn attendance_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut Ctx<'_>,
        month: Month,
        status: MonthStatus,
        read_only: bool,
    ) {
        let (lang, masker) = (cx.lang, cx.masker);
        let editable = status != MonthStatus::Approved && !read_only;
        self.index_rows();
        self.grid_header_ui(ui, cx);
        self.index_rows();
        let Some(data) = self.data.rows() else { return };
        let rows = &data.rows;
        let shown = &self.index.shown;
        let mut save: Option<Save> = None;
        let columns = [
            (c::COL_NAME, 60.0),
            (c::COL_ID_NUMBER, 150.0),
            (pl::COL_POST, 60.0),
            (c::COL_PLACE, 60.0),
            (pl::COL_AREA, 44.0),
            (pl::COL_DAYS_IN_POST, 60.0),
            (pl::DAYS_OR_HOURS, 120.0),
            (pl::COL_LEAVE_DAYS, 70.0),
        ];
        crate::ui::data_table(ui, "attendance", lang, &columns)
            .header(22.0, |h| crate::ui::header_row(h, lang, &columns))
            .body(|body| {
                body.rows(24.0, shown.len(), |mut row| {
                    let r = &rows[shown[row.index()]];
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
                        // Nothing entered stands out on every row.
                        let dash = RichText::new("—").color(ui.visuals().warn_fg_color);
                        if !editable {
                            if stored.is_empty() {
                                ui.label(dash);
                            } else {
                                ui.label(stored);
                            }
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
                                .add(
                                    egui::TextEdit::singleline(text)
                                        .desired_width(60.0)
                                        .hint_text(dash),
                                )
                                .on_hover_text(unit);
                            ui.weak(unit);
                            if let Some(limit) = r.monthly_hours_tenths {
                                ui.weak(format!("/ {}", format_hours_tenths(limit)));
                            }
                            // Only what was changed is saved: a cell merely visited writes
                            // nothing and leaves a computed month computed.
                            if field.lost_focus() && text.trim() != stored {
                                save = Some(Save {
                                    placement: r.placement_id,
                                    area: r.area,
                                    leave: false,
                                    text: text.clone(),
                                    stored: stored.clone(),
                                    name: r.name.clone(),
                                    days_in_post: i64::from(days),
                                    other_days: r.leave_days,
                                });
                            }
                        });
                    });
                    // Approved leave: urban rows only (rural posts are paid by the hour).
                    row.col(|ui| {
                        if r.area != Area::Urban {
                            return;
                        }
                        let stored = r.leave_days.map(|d| d.to_string()).unwrap_or_default();
                        if !editable {
                            ui.label(stored);
                            return;
                        }
                        let text = self
                            .typed_leave
                            .entry(r.placement_id)
                            .or_insert(stored.clone());
                        let field = ui
                            .add(egui::TextEdit::singleline(text).desired_width(50.0))
                            .on_hover_text(lang.t(pl::COL_LEAVE_DAYS));
                        if field.lost_focus() && text.trim() != stored {
                            save = Some(Save {
                                placement: r.placement_id,
                                area: r.area,
                                leave: true,
                                text: text.clone(),
                                stored: stored.clone(),
                                name: r.name.clone(),
                                days_in_post: i64::from(days),
                                other_days: r.days_worked,
                            });
                        }
                    });
                });
            });
        if let Some(save) = save {
            let placement = save.placement;
            let stored = save.stored.clone();
            if save.leave {
                if !self.save_leave(cx, month, save) {
                    self.typed_leave.insert(placement, stored);
                }
            } else if !self.save_attendance(cx, month, save) {
                // Refused: the cell shows again what is really saved.
                self.typed.insert(placement, stored);
            }
        }
    }

    /// Saves a cell; a value that is not a number, or out of range, is refused with the
    /// person's name and the limit. Returns whether it was saved.
    fn save_attendance(&mut self, cx: &mut Ctx<'_>, month: Month, save: Save) -> bool {
        let Save {
            placement,
            area,
            text,
            name,
            days_in_post,
            other_days: leave,
            ..
        } = save;
        let text = text.trim();
        let parsed = match area {
            _ if text.is_empty() => Ok((None, None)),
            Area::Urban => text.parse::<i64>().map(|d| (Some(d), None)).map_err(|_| ()),
            Area::Rural => parse_hours_tenths(text)
                .map(|h| (None, Some(h)))
                .map_err(|_| ()),
        };
        let Ok((days, hours)) = parsed else {
            self.message = Some(Notice::error(pl::not_a_number(&name, text)));
            return false;
        };
        // Days worked up to the days in post; hours up to 24 a day in post.
        if let Some(d) = days
            && !(0..=days_in_post).contains(&d)
        {
            self.message = Some(Notice::error(pl::day_out_of_range(&name, days_in_post)));
            return false;
        }
        if let Some(d) = days
            && d + leave.unwrap_or(0) > days_in_post
        {
            self.message = Some(Notice::error(pl::worked_and_leave_above(
                &name,
                days_in_post,
            )));
            return false;
        }
        let max_hours = 24 * 10 * days_in_post;
        if let Some(h) = hours
            && !(0..=max_hours).contains(&h)
        {
            self.message = Some(Notice::error(pl::hours_out_of_range(
                &name,
                format_hours_tenths(max_hours),
            )));
            return false;
        }
        let was_current = self.data.is_for(&(cx.rev(TABLES), month));
        let written = cx
            .store
            .write(|w| payroll::set_attendance(w, placement, month, days, hours));
        if written.is_ok() {
            // A refusal shown before no longer stands.
            self.message = None;
        }
        match written {
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
                true
            }
            Ok(()) => true,
            Err(e) => {
                self.message = Some(Notice::store_error(&e));
                false
            }
        }
    }

    /// Saves a leave cell (urban): whole days, and with the days worked no more than the
    /// days in post; refused naming the person (and the limit) otherwise. Returns whether it
    /// was saved.
    fn save_leave(&mut self, cx: &mut Ctx<'_>, month: Month, save: Save) -> bool {
        let Save {
            placement,
            text,
            name,
            days_in_post,
            other_days: worked,
            ..
        } = save;
        let text = text.trim();
        let leave = if text.is_empty() {
            None
        } else {
            match text.parse::<i64>() {
                Ok(d) if d >= 0 => Some(d),
                _ => {
                    self.message = Some(Notice::error(pl::leave_not_a_number(&name, text)));
                    return false;
                }
            }
        };
        if let Some(d) = leave
            && d + worked.unwrap_or(0) > days_in_post
        {
            self.message = Some(Notice::error(pl::worked_and_leave_above(
                &name,
                days_in_post,
            )));
            return false;
        }
        let was_current = self.data.is_for(&(cx.rev(TABLES), month));
        let written = cx
            .store
            .write(|w| payroll::set_leave_days(w, placement, month, leave));
        if written.is_ok() {
            // A refusal shown before no longer stands.
            self.message = None;
        }
        match written {
            Ok(()) if was_current && cx.store.last_write_was_alone() => {
                if let Some(data) = self.data.rows_mut() {
                    if let Some(row) = data.rows.iter_mut().find(|r| r.placement_id == placement) {
                        row.leave_days = leave;
                        row.entered |= leave.is_some();
                    }
                    if data.status == MonthStatus::Computed {
                        data.status = MonthStatus::Open;
                    }
                }
                self.data.rekey((cx.rev(TABLES), month));
                true
            }
            Ok(()) => true,
            Err(e) => {
                self.message = Some(Notice::store_error(&e));
                false
            }
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

/// A cell to save, with what the refusal names.
struct Save {
    placement: PlacementId,
    area: Area,
    /// The leave column rather than days worked or hours.
    leave: bool,
    text: String,
    stored: String,
    name: String,
    days_in_post: i64,
    /// The other of days worked and leave, as stored (urban): the two together may not
    /// exceed the days in post.
    other_days: Option<i64>,
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
