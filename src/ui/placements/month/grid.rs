//! The month's attendance grid: the rows shown under the filters, their header, and the
//! cells a street's clerk types days, leave or hours into, each saved as it is left.

use egui::{RichText, Ui};

use super::super::posts::area_label;
use super::{Filters, MonthView, TABLES};
use crate::domain::PlacementId;
use crate::domain::money::{format_hours_tenths, parse_hours_tenths};
use crate::domain::pay::{Area, Month};
use crate::i18n::{common as c, placements as pl};
use crate::store::payroll::{self, AttendanceRow, MonthStatus};
use crate::ui::{Ctx, Notice};

/// Which rows of the grid are shown, worked out again only when the month's rows or the
/// filters change.
#[derive(Default)]
pub(super) struct GridIndex {
    key: Option<((u64, Month), Filters)>,
    /// The streets, villages and posts of the month's rows, for the filters.
    options: [Vec<String>; 3],
    /// Indices of the rows shown.
    shown: Vec<usize>,
    /// Rows shown with nothing entered.
    empty: usize,
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

impl MonthView {
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
    pub(super) fn attendance_ui(
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
}
