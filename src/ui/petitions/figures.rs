//! The figures of a period: on-time rate (open matters past their deadline count as late),
//! fixed against closed-not-fixed, satisfaction, median working days to close, reopenings,
//! and the backlog by owner, category, community and street, with a chart beside them.
//! Every figure opens the list of the matters behind it.

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Plot};
use jiff::civil::Date;

use super::{Go, Shared, date_field_ui};
use crate::domain::petition::figures::Share;
use crate::i18n::{Lang, Text, petitions as pt};
use crate::store::petitions::{self, Backlog, BacklogRow, FigureSet, Focus, MatterFilter};
use crate::ui::Ctx;
use crate::ui::loaded::Loaded;

/// The first and last day received (either open).
type Period = (Option<Date>, Option<Date>);

/// State of the figures view.
#[derive(Default)]
pub struct FiguresView {
    from: String,
    to: String,
    period: Period,
    figures: Loaded<(u64, Period, Date), FigureSet>,
    by: By,
}

/// Which backlog the table and the chart show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum By {
    #[default]
    Category,
    Owner,
    Community,
    Street,
}

impl FiguresView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, shared: &Shared) -> Option<Go> {
        let lang = cx.lang;
        let today = cx.today();
        if self.from.is_empty() && self.period.0.is_none() {
            self.from = today.first_of_year().to_string();
            self.period.0 = Some(today.first_of_year());
        }
        ui.horizontal(|ui| {
            ui.label(lang.t(pt::PERIOD));
            if let Some(from) = date_field_ui(ui, lang.t(pt::FROM), &mut self.from, lang) {
                self.period.0 = from;
            }
            if let Some(to) = date_field_ui(ui, lang.t(pt::TO), &mut self.to, lang) {
                self.period.1 = to;
            }
        });
        let period = self.period;
        self.figures.poll();
        self.figures.ensure_later(
            cx,
            (cx.rev(petitions::TABLES), period, today),
            move |conn| petitions::figures(conn, &period_filter(period), today),
        );
        let set = self.figures.status_ui(ui, lang)?.clone();
        let mut go = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            go = self.overall_ui(ui, lang, &set);
            ui.separator();
            ui.horizontal(|ui| {
                ui.label(RichText::new(lang.t(pt::BACKLOG_BY)).strong());
                for (by, label) in [
                    (By::Category, pt::FIELD_CATEGORY),
                    (By::Owner, pt::FIELD_OWNER_UNIT),
                    (By::Community, pt::FIELD_COMMUNITY),
                    (By::Street, pt::STREET),
                ] {
                    ui.selectable_value(&mut self.by, by, lang.t(label));
                }
            });
            let rows = match self.by {
                By::Category => &set.by_category,
                By::Owner => &set.by_owner,
                By::Community => &set.by_community,
                By::Street => &set.by_street,
            };
            ui.columns(2, |cols| {
                if let Some(g) = backlog_table_ui(&mut cols[0], lang, shared, rows, self.period) {
                    go = Some(g);
                }
                backlog_chart_ui(&mut cols[1], lang, shared, rows);
            });
        });
        go
    }

    fn overall_ui(&self, ui: &mut Ui, lang: Lang, set: &FigureSet) -> Option<Go> {
        let f = &set.overall;
        if let Some(year) = f.calendar_missing {
            crate::ui::error_ui(ui, pt::median_calendar_missing(year).get(lang));
        }
        let mut go = None;
        let base = period_filter(self.period);
        let mut link =
            |ui: &mut Ui, label: Text, value: String, focus: Option<Focus>, overdue: bool| {
                ui.label(lang.t(label));
                if ui.link(RichText::new(value).strong()).clicked() {
                    go = Some(Go::List(Box::new(MatterFilter {
                        focus,
                        overdue,
                        ..base.clone()
                    })));
                }
                ui.end_row();
            };
        egui::Grid::new("petition_figures")
            .num_columns(2)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                link(
                    ui,
                    pt::FIG_RECEIVED,
                    pt::matters_count(f.matters).text(lang),
                    None,
                    false,
                );
                link(
                    ui,
                    pt::FIG_ON_TIME,
                    share(f.on_time_rate(), lang),
                    Some(Focus::OnTime),
                    false,
                );
                link(
                    ui,
                    pt::FIG_LATE,
                    (f.late_closed + f.late_open).to_string(),
                    Some(Focus::Late),
                    false,
                );
                link(
                    ui,
                    pt::FIG_OVERDUE_OPEN,
                    f.late_open.to_string(),
                    None,
                    true,
                );
                link(
                    ui,
                    pt::FIG_FIXED,
                    share(f.fixed_share(), lang),
                    Some(Focus::Fixed),
                    false,
                );
                link(
                    ui,
                    pt::FIG_NOT_FIXED,
                    share(f.not_fixed_share(), lang),
                    Some(Focus::NotFixed),
                    false,
                );
                link(
                    ui,
                    pt::FIG_NOT_OURS,
                    f.not_ours.to_string(),
                    Some(Focus::NotOurs),
                    false,
                );
                link(
                    ui,
                    pt::FIG_SATISFACTION,
                    share(f.satisfaction_rate(), lang),
                    Some(Focus::Satisfied),
                    false,
                );
                link(
                    ui,
                    pt::FIG_UNSATISFIED,
                    f.unsatisfied.to_string(),
                    Some(Focus::Unsatisfied),
                    false,
                );
                link(
                    ui,
                    pt::FIG_REOPENED,
                    pt::reopens(f.reopens, f.reopened_matters).text(lang),
                    Some(Focus::Reopened),
                    false,
                );
                link(
                    ui,
                    pt::FIG_RETURNED,
                    lang.t(pt::SHOW_LIST).to_string(),
                    Some(Focus::Returned),
                    false,
                );
                ui.label(lang.t(pt::FIG_MEDIAN));
                ui.label(f.median_days_to_close.map_or("—".to_string(), |d| {
                    pt::working_days(format!("{d:.1}")).text(lang)
                }));
                ui.end_row();
            });
        ui.label(RichText::new(lang.t(pt::ON_TIME_RULE)).weak());
        go
    }
}

fn period_filter(period: Period) -> MatterFilter {
    MatterFilter {
        from: period.0,
        to: period.1,
        ..MatterFilter::default()
    }
}

fn share(s: Share, lang: Lang) -> String {
    match s.percent() {
        Some(p) => format!("{p:.1}%（{}/{}）", s.part, s.whole),
        None => lang.t(pt::NOTHING_TO_COUNT).to_string(),
    }
}

fn row_label(row: &BacklogRow, shared: &Shared, lang: Lang) -> String {
    match &row.key {
        Backlog::Category(id) => shared.category_name(*id, lang).to_string(),
        _ => row.label.clone(),
    }
}

/// The backlog table; a click on a group lists its open matters.
fn backlog_table_ui(
    ui: &mut Ui,
    lang: Lang,
    shared: &Shared,
    rows: &[BacklogRow],
    period: Period,
) -> Option<Go> {
    let mut go = None;
    egui::Grid::new("backlog")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in [
                pt::COL_GROUP,
                pt::COL_MATTERS,
                pt::COL_OPEN,
                pt::FIG_OVERDUE_OPEN,
                pt::FIG_ON_TIME,
            ] {
                ui.label(RichText::new(lang.t(h)).strong());
            }
            ui.end_row();
            for row in rows {
                if ui.link(row_label(row, shared, lang)).clicked() {
                    let mut filter = period_filter(period);
                    filter.open_only = true;
                    match &row.key {
                        Backlog::Owner(unit) => filter.owner_unit = Some(unit.clone()),
                        Backlog::Category(id) => filter.category = Some(*id),
                        Backlog::Community(id) | Backlog::Street(id) => filter.region = Some(*id),
                    }
                    go = Some(Go::List(Box::new(filter)));
                }
                ui.label(row.total.to_string());
                ui.label(row.open.to_string());
                ui.label(row.overdue.to_string());
                ui.label(share(
                    Share {
                        part: row.on_time,
                        whole: row.on_time + row.late,
                    },
                    lang,
                ));
                ui.end_row();
            }
        });
    go
}

/// Open and overdue matters of the first groups, as bars beside the table.
fn backlog_chart_ui(ui: &mut Ui, lang: Lang, shared: &Shared, rows: &[BacklogRow]) {
    let shown: Vec<&BacklogRow> = rows.iter().take(12).collect();
    let names: Vec<String> = shown.iter().map(|r| row_label(r, shared, lang)).collect();
    let open: Vec<Bar> = shown
        .iter()
        .enumerate()
        .map(|(i, r)| Bar::new(i as f64, (r.open - r.overdue) as f64).name(&names[i]))
        .collect();
    let overdue: Vec<Bar> = shown
        .iter()
        .enumerate()
        .map(|(i, r)| Bar::new(i as f64, r.overdue as f64).name(&names[i]))
        .collect();
    let overdue = BarChart::new(lang.t(pt::FIG_OVERDUE_OPEN), overdue)
        .color(ui.visuals().error_fg_color)
        .width(0.6);
    let open = BarChart::new(lang.t(pt::NOT_YET_OVERDUE), open)
        .color(egui::Color32::from_rgb(70, 130, 180))
        .width(0.6)
        .stack_on(&[&overdue]);
    Plot::new("backlog_chart")
        .height(240.0)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.bar_chart(overdue);
            plot.bar_chart(open);
        });
}
