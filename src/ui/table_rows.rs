//! A table body whose rows are painted as text: one widget per row instead of a child `Ui`
//! and a label per cell.
//!
//! `egui_extras` gives every cell its own `Ui` (created, interacted with, dropped) and every
//! label its own widget, which at a screenful of rows was most of a frame's cost. Here the
//! header, the column widths, their resizing and the scroll area stay `egui_extras`'s; only
//! the visible rows are laid out, each as one clickable rectangle with its cells' text
//! painted into it, looking as the labels did: truncated with "…" at the column's width,
//! the full text on hover when cut, striped, hovered and selected rows highlighted. Cells
//! with widgets (a button) still get a `Ui` of their own. With a screen reader (AccessKit
//! on), each cell is also reported as the label it shows.

use std::sync::Arc;

use egui::accesskit::Role;
use egui::emath::GuiRounding as _;
use egui::text::LayoutJob;
use egui::{
    Align, Color32, FontId, FontSelection, Galley, Rect, Response, Sense, TextFormat, TextStyle,
    Ui, UiBuilder, WidgetInfo, pos2, vec2,
};
use egui_extras::TableBody;

/// Draws rows `0..count` of `height` (only those in view), calling `add_row` for each;
/// with `scroll_to`, scrolls so that row is at the top.
pub fn rows_ui(
    mut body: TableBody<'_>,
    height: f32,
    count: usize,
    scroll_to: Option<usize>,
    mut add_row: impl FnMut(&mut TextRow<'_>),
) {
    let widths = body.widths().to_vec();
    let ui = body.ui_mut();
    let spacing = ui.spacing().item_spacing;
    let step = height + spacing.y;
    let top_left = ui.available_rect_before_wrap().left_top();
    let width = widths.iter().sum::<f32>() + spacing.x * widths.len().saturating_sub(1) as f32;
    if let Some(row) = scroll_to {
        let row = row.min(count.saturating_sub(1)) as f32;
        let y = top_left.y + row * step;
        let rect = Rect::from_x_y_ranges(0.0..=0.0, y..=y + step);
        ui.scroll_to_rect(rect, Some(Align::TOP));
    }
    // The rows the clip rectangle shows, as `TableBody::rows` counts them.
    let clip = ui.clip_rect();
    let offset = (clip.top() - top_left.y).min(count as f32 * step);
    let first = if offset > 0.0 {
        (offset / step).floor() as usize
    } else {
        0
    };
    let end = (((offset + clip.height()) / step).ceil() as usize + 1).min(count);
    let style = RowStyle::of(ui);
    for index in first..end {
        let y = top_left.y + index as f32 * step;
        let mut row = TextRow {
            ui: &mut *ui,
            style: &style,
            widths: &widths,
            index,
            rect: Rect::from_min_size(pos2(top_left.x, y), vec2(width, height)),
            column: 0,
            selected: false,
            response: None,
            listening: false,
        };
        add_row(&mut row);
    }
    let bottom = top_left.y + count as f32 * step - spacing.y;
    ui.expand_to_include_rect(Rect::from_min_max(
        top_left,
        pos2(top_left.x + width, bottom.max(top_left.y)),
    ));
}

/// What every row of one table is drawn with, read once per frame.
struct RowStyle {
    body: FontId,
    monospace: FontId,
    valign: Align,
    halign: Align,
    justify: bool,
    spacing_x: f32,
    text: Color32,
    selected_text: Color32,
    stripe: Color32,
    selected_fill: Color32,
    hovered_fill: Color32,
}

impl RowStyle {
    /// As a label in a cell of `ui`'s layout would be drawn.
    fn of(ui: &Ui) -> RowStyle {
        let style = ui.style();
        let visuals = &style.visuals;
        RowStyle {
            body: FontSelection::Default.resolve(style),
            monospace: style
                .override_font_id
                .clone()
                .unwrap_or_else(|| TextStyle::Monospace.resolve(style)),
            valign: ui.text_valign(),
            halign: ui.layout().horizontal_placement(),
            justify: ui.layout().horizontal_justify(),
            spacing_x: style.spacing.item_spacing.x,
            text: visuals.text_color(),
            selected_text: visuals.selection.stroke.color,
            stripe: visuals.faint_bg_color,
            selected_fill: visuals.selection.bg_fill,
            hovered_fill: visuals.widgets.hovered.bg_fill,
        }
    }
}

/// One row being drawn: its cells are added left to right.
pub struct TextRow<'a> {
    ui: &'a mut Ui,
    style: &'a RowStyle,
    widths: &'a [f32],
    index: usize,
    rect: Rect,
    column: usize,
    selected: bool,
    response: Option<Response>,
    /// A screen reader asks for the accessibility tree.
    listening: bool,
}

impl TextRow<'_> {
    /// The row's index in the table.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Highlights the row as the selected one; call before adding cells.
    pub fn set_selected(&mut self, selected: bool) {
        self.selected = selected;
    }

    /// A cell of text in the body font.
    pub fn text(&mut self, text: &str) {
        let font = self.style.body.clone();
        self.text_cell(text, font);
    }

    /// A cell of text in the monospace font.
    pub fn monospace(&mut self, text: &str) {
        let font = self.style.monospace.clone();
        self.text_cell(text, font);
    }

    /// A cell with widgets in it, laid out in a `Ui` of the cell's size.
    pub fn cell_ui(&mut self, add_contents: impl FnOnce(&mut Ui)) {
        let Some(cell) = self.next_cell() else { return };
        let mut ui = self.ui.new_child(
            UiBuilder::new()
                .id_salt(("cell", self.index, self.column - 1))
                .max_rect(cell)
                .layout(*self.ui.layout()),
        );
        if self.selected {
            ui.style_mut().visuals.override_text_color = Some(self.style.selected_text);
        }
        add_contents(&mut ui);
    }

    /// The row's response (clicks anywhere on it), once a cell was added.
    pub fn response(&self) -> Option<&Response> {
        self.response.as_ref()
    }

    /// The next column's rectangle, after painting the row's background at its first cell.
    fn next_cell(&mut self) -> Option<Rect> {
        let width = *self.widths.get(self.column)?;
        if self.response.is_none() {
            self.begin();
        }
        let left = self.rect.left()
            + self.widths[..self.column].iter().sum::<f32>()
            + self.style.spacing_x * self.column as f32;
        self.column += 1;
        Some(Rect::from_min_size(
            pos2(left, self.rect.top()),
            vec2(width, self.rect.height()),
        ))
    }

    /// Takes the row's clicks and paints its stripe, selection or hover background.
    fn begin(&mut self) {
        let id = self.ui.scope_id().with(("row", self.index));
        let response = self.ui.interact(self.rect, id, Sense::click());
        let style = self.style;
        let background = self
            .rect
            .expand2(0.5 * vec2(style.spacing_x, self.ui.spacing().item_spacing.y));
        let background = background.round_ui();
        let painter = self.ui.painter();
        // Every table here is striped (see `data_table`).
        if self.index.is_multiple_of(2) {
            painter.rect_filled(background, 0.0, style.stripe);
        }
        if self.selected {
            painter.rect_filled(background, 0.0, style.selected_fill);
        } else if response.hovered() {
            painter.rect_filled(background, 0.0, style.hovered_fill);
        }
        // The row, being focusable, has a node when the accessibility tree is built.
        self.listening = self
            .ui
            .ctx()
            .accesskit_node_builder(response.id, |_| ())
            .is_some();
        self.response = Some(response);
    }

    fn text_cell(&mut self, text: &str, font_id: FontId) {
        let Some(cell) = self.next_cell() else { return };
        if !self.ui.is_rect_visible(cell) {
            return;
        }
        let style = self.style;
        let mut job = LayoutJob::simple_format(
            text.to_owned(),
            TextFormat {
                font_id,
                color: Color32::PLACEHOLDER,
                valign: style.valign,
                ..Default::default()
            },
        );
        job.wrap.max_width = cell.width();
        job.wrap.max_rows = 1;
        job.wrap.break_anywhere = true;
        job.halign = style.halign;
        job.justify = style.justify;
        let galley = self.ui.fonts_mut(|f| f.layout_job(job));
        let color = if self.selected {
            style.selected_text
        } else {
            style.text
        };
        let text_rect = Rect::from_min_size(cell.min, galley.size());
        self.report_label(text_rect, &galley);
        if galley.elided
            && let Some(response) = &self.response
            && response.hovered()
            && self
                .ui
                .ctx()
                .pointer_hover_pos()
                .is_some_and(|p| text_rect.contains(p))
        {
            full_text_on_hover(response, &galley);
        }
        self.ui.painter().galley(cell.min, galley, color);
    }

    /// Tells a screen reader (when one listens) the cell's text, as a label would.
    fn report_label(&mut self, rect: Rect, galley: &Arc<Galley>) {
        let Some(row) = &self.response else { return };
        if !self.listening {
            return;
        }
        let sense = if self.ui.memory(|m| m.options.screen_reader) {
            Sense::focusable_noninteractive()
        } else {
            Sense::hover()
        };
        let id = row.id.with(self.column);
        let enabled = self.ui.is_enabled();
        let response = self.ui.interact(rect, id, sense);
        response.widget_info(|| WidgetInfo::labeled(Role::Label, enabled, galley.text()));
    }
}

/// The whole text of a cut cell, shown while the pointer rests on it.
fn full_text_on_hover(response: &Response, galley: &Galley) {
    let job = LayoutJob {
        sections: galley.job.sections.clone(),
        text: galley.job.text.clone(),
        ..LayoutJob::default()
    };
    response.clone().on_hover_text(job);
}
