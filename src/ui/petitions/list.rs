//! The matters: filters (overdue, due this week, state, category, period, text), the list
//! with working days left coloured amber on the last day and red past it, and on the right
//! the chosen matter or a new one.

use std::cell::OnceCell;
use std::time::{Duration, Instant};

use egui::{RichText, Ui};
use jiff::civil::Date;

use super::detail::DetailView;
use super::intake::{IntakeForm, IntakeOutcome};
use super::{Go, Shared, Tone, date_field_ui, tone_color, urgency_text};
use crate::domain::access::{Action, Area};
use crate::domain::petition::{MatterId, Status, urgency};
use crate::i18n::{Lang, common as c, petitions as pt};
use crate::jobs::JobSpec;
use crate::store::petitions::{self, MatterFilter, MatterRow};
use crate::ui::loaded::Loaded;
use crate::ui::{Ctx, Notice, PathRequest, table_rows};

/// Typing in the search box waits this long before the list is read again.
const DEBOUNCE: Duration = Duration::from_millis(250);
const ROW_HEIGHT: f32 = 22.0;
/// Rows read at a time around the first one the table asks for.
const BLOCK: usize = 120;

/// The key a list was read for: the tables' revision, the filter and the day.
type ListKey = (u64, MatterFilter, Date);

/// The rows of a window of the id list, read for one list.
#[derive(Default)]
struct Block {
    key: Option<ListKey>,
    start: usize,
    lines: Vec<Line>,
    /// The last read failed: read again only when the list changes, not every repaint.
    failed: bool,
}

impl Block {
    /// The row at `index`, reading a block around it when it is not held.
    fn get(
        &mut self,
        conn: &crate::store::Read<'_>,
        ids: &[MatterId],
        index: usize,
    ) -> Result<Option<&Line>, crate::store::StoreError> {
        if self.failed {
            return Ok(None);
        }
        let held = index >= self.start && index < self.start + self.lines.len();
        if !held {
            self.start = index.saturating_sub(BLOCK / 4);
            let end = (self.start + BLOCK).min(ids.len());
            self.lines = petitions::rows(conn, &ids[self.start..end])?
                .into_iter()
                .map(|row| Line {
                    row,
                    due: OnceCell::new(),
                })
                .collect();
        }
        Ok(self
            .lines
            .get(index - self.start)
            .filter(|l| l.row.id == ids[index]))
    }
}

/// A row with its deadline cell, worked out the first time the row is drawn (counting
/// working days is not free, and only the rows in view need it).
pub(crate) struct Line {
    row: MatterRow,
    due: OnceCell<(String, Tone)>,
}

/// What the right-hand panel shows.
enum Side {
    None,
    Matter(Box<DetailView>),
    New(Box<IntakeForm>),
}

/// State of the matters view.
pub struct ListView {
    filter: MatterFilter,
    from: String,
    to: String,
    typed_at: Option<Instant>,
    ids: Loaded<ListKey, Vec<MatterId>>,
    block: Block,
    side: Side,
    message: Option<Notice>,
}

impl Default for ListView {
    fn default() -> Self {
        ListView {
            filter: MatterFilter {
                open_only: true,
                ..MatterFilter::default()
            },
            from: String::new(),
            to: String::new(),
            typed_at: None,
            ids: Loaded::default(),
            block: Block::default(),
            side: Side::None,
            message: None,
        }
    }
}

impl ListView {
    /// Shows the matters of `filter` (a figure's).
    pub fn show(&mut self, filter: MatterFilter) {
        self.from = filter.from.map(|d| d.to_string()).unwrap_or_default();
        self.to = filter.to.map(|d| d.to_string()).unwrap_or_default();
        self.filter = filter;
    }

    /// Opens matter `id` on the right.
    pub fn open(&mut self, id: MatterId) {
        self.side = Side::Matter(Box::new(DetailView::new(id)));
    }

    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, shared: &Shared) -> Option<Go> {
        let lang = cx.lang;
        let mut go = None;
        if !matches!(self.side, Side::None) {
            egui::Panel::right("petition_side")
                .resizable(true)
                .default_size(460.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| go = self.side_ui(ui, cx, shared));
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.filters_ui(ui, cx, shared);
            crate::ui::message_ui(ui, &self.message, lang);
            self.reload(ui, cx);
            if self.ids.status_ui(ui, lang).is_some() {
                self.table_ui(ui, cx, shared);
            }
        });
        go
    }

    fn reload(&mut self, ui: &Ui, cx: &Ctx<'_>) {
        self.ids.poll();
        if let Some(waited) = self.typed_at.map(|at| at.elapsed())
            && waited < DEBOUNCE
        {
            ui.request_repaint_after(DEBOUNCE - waited);
            return;
        }
        self.typed_at = None;
        let today = cx.today();
        let filter = self.filter.clone();
        let key = (cx.rev(petitions::TABLES), filter.clone(), today);
        self.ids.ensure_later(cx, key, move |conn| {
            petitions::list_ids(conn, &filter, today)
        });
    }

    fn filters_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, shared: &Shared) {
        let lang = cx.lang;
        ui.horizontal_wrapped(|ui| {
            if cx
                .permit(Area::Petitions, Action::Write)
                .button(ui, lang, lang.t(pt::NEW_MATTER))
            {
                self.side = Side::New(Box::new(IntakeForm::new(cx.today(), None, None)));
                self.message = None;
            }
            let search =
                crate::ui::text_field_ui(ui, lang.t(pt::SEARCH), &mut self.filter.text, 160.0);
            if search.changed() {
                self.typed_at = Some(Instant::now());
            }
            ui.toggle_value(&mut self.filter.overdue, lang.t(pt::FILTER_OVERDUE));
            ui.toggle_value(&mut self.filter.due_this_week, lang.t(pt::FILTER_THIS_WEEK));
            ui.toggle_value(&mut self.filter.supervised, lang.t(pt::FILTER_SUPERVISED));
            ui.toggle_value(&mut self.filter.open_only, lang.t(pt::FILTER_OPEN));
            let any = lang.t(c::ANY_VALUE);
            let label = ui.label(lang.t(pt::FIELD_STATUS));
            egui::ComboBox::from_id_salt("matter_status")
                .selected_text(self.filter.status.map_or(any, |s| s.label(lang)))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.status, None, any);
                    for s in Status::ALL {
                        ui.selectable_value(&mut self.filter.status, Some(*s), s.label(lang));
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label(lang.t(pt::FIELD_CATEGORY));
            let chosen = self
                .filter
                .category
                .map_or(any, |id| shared.category_name(id, lang));
            egui::ComboBox::from_id_salt("matter_category_filter")
                .selected_text(chosen)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.category, None, any);
                    for cat in shared.categories() {
                        ui.selectable_value(
                            &mut self.filter.category,
                            Some(cat.id),
                            cat.name(lang),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            if let Some(from) = date_field_ui(ui, lang.t(pt::FROM), &mut self.from, lang) {
                self.filter.from = from;
            }
            if let Some(to) = date_field_ui(ui, lang.t(pt::TO), &mut self.to, lang) {
                self.filter.to = to;
            }
            let narrowed = self.filter.focus.is_some()
                || self.filter.region.is_some()
                || self.filter.owner_unit.is_some()
                || self.filter.meeting.is_some();
            if narrowed && ui.button(lang.t(pt::CLEAR_FIGURE_FILTER)).clicked() {
                self.filter.focus = None;
                self.filter.region = None;
                self.filter.owner_unit = None;
                self.filter.meeting = None;
            }
            let count = self.ids.rows().map_or(0, Vec::len);
            ui.label(pt::matters_count(count).text(lang));
            self.export_ui(ui, cx);
        });
    }

    fn export_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        for (format, label, ext) in [
            (
                crate::jobs::petition_exports::Format::Csv,
                pt::EXPORT_CSV,
                "csv",
            ),
            (
                crate::jobs::petition_exports::Format::Open311,
                pt::EXPORT_OPEN311,
                "json",
            ),
        ] {
            if ui.button(lang.t(label)).clicked() {
                let filter = self.filter.clone();
                let source = cx.store.source();
                let _ = source;
                cx.ask_path(PathRequest {
                    title: pt::EXPORT_TO,
                    suggested_name: format!("{}.{ext}", lang.t(pt::EXPORT_NAME)),
                    extension: ext,
                    then: Box::new(move |path| JobSpec {
                        title: pt::EXPORT_JOB,
                        work: Box::new(move |store, reporter| {
                            crate::jobs::petition_exports::export(
                                store, &filter, format, &path, lang, reporter,
                            )
                        }),
                    }),
                });
            }
        }
    }

    fn table_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, shared: &Shared) {
        let (lang, today) = (cx.lang, cx.today());
        if self.block.key.as_ref() != self.ids.key() {
            self.block = Block {
                key: self.ids.key().cloned(),
                ..Block::default()
            };
        }
        let ids = self.ids.rows().map_or(&[][..], Vec::as_slice);
        let selected = match &self.side {
            Side::Matter(d) => Some(d.id()),
            _ => None,
        };
        let status = crate::ui::widest(ui, Status::ALL.iter().map(|s| s.label(lang)));
        let columns = [
            (pt::COL_NUMBER, 50.0),
            (pt::COL_DUE, 130.0),
            (pt::COL_RECEIVED, 90.0),
            (pt::FIELD_CATEGORY, 70.0),
            (pt::COL_TEXT, 200.0),
            (pt::COL_PLACE, 120.0),
            (pt::COL_OWNER, 110.0),
            (pt::FIELD_STATUS, status),
        ];
        let calendar = shared.calendar();
        let mut clicked = None;
        let mut failed = None;
        let conn = cx.store.read();
        let block = &mut self.block;
        crate::ui::data_table(ui, "matters_table", lang, &columns)
            .sense(egui::Sense::click())
            .header(ROW_HEIGHT, |h| crate::ui::header_row(h, lang, &columns))
            .body(|body| {
                table_rows::rows_ui(body, ROW_HEIGHT, ids.len(), None, |row| {
                    let line = match block.get(&conn, ids, row.index()) {
                        Ok(Some(line)) => line,
                        Ok(None) => return,
                        Err(e) => {
                            failed = Some(e);
                            return;
                        }
                    };
                    let m = &line.row;
                    row.set_selected(selected == Some(m.id));
                    row.monospace(&m.id.to_string());
                    let (text, tone) = line.due.get_or_init(|| due_cell(m, calendar, today, lang));
                    match tone {
                        Tone::Plain => row.text(text),
                        tone => row.cell_ui(|ui| {
                            let color = tone_color(ui, *tone).unwrap_or(ui.visuals().text_color());
                            crate::ui::cell_label(
                                ui,
                                RichText::new(text.as_str()).color(color).strong(),
                            );
                        }),
                    }
                    row.text(&m.received_on.to_string());
                    row.text(shared.category_name(m.category_id, lang));
                    let flags = match (m.supervised, m.extension_asked) {
                        (true, _) => format!("【{}】{}", lang.t(pt::SUPERVISED_MARK), m.text),
                        (false, true) => format!("【{}】{}", lang.t(pt::EXTENSION_MARK), m.text),
                        _ => m.text.clone(),
                    };
                    row.text(&flags);
                    row.text(&m.place);
                    row.text(&m.owner_unit);
                    row.text(m.status.label(lang));
                    if row.response().is_some_and(egui::Response::clicked) {
                        clicked = Some(m.id);
                    }
                });
            });
        if let Some(e) = failed {
            // Said once, where the rows would be; read again when the list changes.
            self.block.failed = true;
            self.message = Some(Notice::store_error(&e));
        }
        if let Some(id) = clicked {
            self.open(id);
        }
    }

    fn side_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, shared: &Shared) -> Option<Go> {
        match &mut self.side {
            Side::None => None,
            Side::Matter(detail) => {
                if detail.ui(ui, cx, shared) {
                    self.side = Side::None;
                }
                None
            }
            Side::New(form) => {
                match form.ui(ui, cx, shared) {
                    IntakeOutcome::Open => {}
                    IntakeOutcome::Closed => self.side = Side::None,
                    IntakeOutcome::Raised(id, msg) => {
                        self.message = Some(msg);
                        self.side = Side::Matter(Box::new(DetailView::new(id)));
                    }
                }
                None
            }
        }
    }
}

/// The deadline cell of an open matter (working days left, the last day, days late), or
/// the closing day of a closed one.
fn due_cell(
    m: &MatterRow,
    calendar: Option<&crate::domain::calendar::WorkCalendar>,
    today: Date,
    lang: Lang,
) -> (String, Tone) {
    if !m.status.is_open() {
        return (String::new(), Tone::Plain);
    }
    match (m.deadline, calendar) {
        (Some(deadline), Some(cal)) => urgency_text(urgency(cal, today, deadline), lang),
        (None, _) => (lang.t(pt::NO_DEADLINE).to_string(), Tone::Red),
        (Some(d), None) => (d.to_string(), Tone::Plain),
    }
}
