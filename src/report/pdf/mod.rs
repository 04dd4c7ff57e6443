//! A4 table reports as PDF: a title, a table that breaks over pages and repeats its header,
//! a closing note and page numbers. The public notice (公示) is the first user.
//!
//! Text is laid out one glyph per character from the font's `cmap` and advance widths
//! (read with `skrifa`, which krilla itself uses). That is right for Chinese and plain Latin,
//! lets us measure a cell exactly as it will be drawn (to cut it with "…"), and is about ten
//! times faster than krilla's `draw_text`, which builds a new shaper per call: a 5,000-row
//! notice is 25,000 cells. Ligatures, kerning and complex scripts are out of scope, so krilla
//! is built without its `simple-text` feature (and its shaper, rustybuzz).
//! krilla embeds only the glyphs used, so a 20 MB .ttc still yields a small file.
//!
//! The caller passes the font (`fonts::cjk_font()`: the machine's Simplified-Chinese face,
//! else the one the binary embeds), because Han characters must come from a Chinese face.

use std::ops::Range;
use std::sync::Arc;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::Font;
use skrifa::FontRef;

use shaper::Shaper;

/// A font face for PDFs: the whole font file and the face's index inside a .ttc collection.
#[derive(Clone)]
pub struct PdfFont {
    /// The font file's bytes (for example memory-mapped by fontique).
    pub data: Arc<dyn AsRef<[u8]> + Send + Sync>,
    /// Index of the face in a collection; 0 for a single-face file.
    pub index: u32,
}

impl std::fmt::Debug for PdfFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The bytes are megabytes; their length is enough to tell fonts apart in a log.
        let bytes = (*self.data).as_ref().len();
        let mut f = f.debug_struct("PdfFont");
        f.field("bytes", &bytes)
            .field("index", &self.index)
            .finish()
    }
}

/// Where a column's text sits in its cell (the header follows the column).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    /// Flush left: names, addresses, IDs.
    #[default]
    Left,
    /// Flush right: amounts and counts, so the digits line up.
    Right,
    /// Centred: short codes such as 性别.
    Center,
}

/// One table column: its header, its share of the table width and its alignment.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportColumn {
    /// Header text, repeated on every page.
    pub header: String,
    /// Relative width; columns share the table width in proportion. Not positive counts as 1.
    pub weight: f32,
    /// Alignment of the header and the cells.
    pub align: Align,
}

impl ReportColumn {
    /// A left-aligned column with this header and width weight.
    pub fn new(header: impl Into<String>, weight: f32) -> Self {
        Self {
            header: header.into(),
            weight,
            align: Align::Left,
        }
    }

    /// The same column with another alignment, e.g. `.aligned(Align::Right)` for amounts.
    pub fn aligned(self, align: Align) -> Self {
        Self { align, ..self }
    }
}

/// Everything a table report prints. All texts come from the caller, so any language works.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableReport {
    /// Large centred heading on the first page, also the PDF's document title.
    pub title: String,
    /// Line under the title, for example the notice period; may be empty.
    pub subtitle: String,
    /// The table's columns, left to right; at least one.
    pub columns: Vec<ReportColumn>,
    /// Cell texts per row; missing cells print empty, extra cells are ignored.
    pub rows: Vec<Vec<String>>,
    /// Note after the last row, wrapped to the table width; `\n` starts a new line.
    pub footer: String,
    /// Small text at the bottom left of every page, for example "生成于 2026-11-01".
    pub generated_on: String,
    /// Page number pattern whose first `{}` is the page and second the page count,
    /// e.g. "第 {} 页，共 {} 页" or "Page {} of {}"; empty means "{} / {}".
    pub page_label: String,
    /// Who made the file and when: the document's author and creation date, and a line
    /// after [`TableReport::generated_on`] on every page.
    pub made_by: Option<super::Authorship>,
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The font file can not be read, or lacks characters of the title or headers
    /// (a Latin-only font given for a Chinese report would print empty boxes).
    #[error("the font can not be used for this PDF: {0}")]
    FontUnusable(String),
    /// The report has no columns, so there is no table to print.
    #[error("the report has no columns")]
    NoColumns,
    /// krilla failed while assembling the file.
    #[error("writing the PDF failed: {0}")]
    Krilla(String),
}

// A4 portrait in PDF points, with 18 mm margins on all sides.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 18.0 * 72.0 / 25.4;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
// Table rows end above the page-number line, which sits on the bottom margin.
const BODY_BOTTOM: f32 = PAGE_H - MARGIN - 16.0;
const CELL_SIZE: f32 = 9.0;
const HEADER_H: f32 = 20.0;
const ROW_H: f32 = 17.0;
const LINE_H: f32 = 15.0;
const NOTE_GAP: f32 = 10.0;
const CELL_PAD: f32 = 4.0;
// Baseline below a row's middle: CJK glyphs span -0.12..0.88 em, centred at about 0.38 em.
const BASELINE_SHIFT: f32 = 0.37;

/// Font size and alignment of one piece of text.
#[derive(Clone, Copy)]
struct Style(f32, Align);
const TITLE: Style = Style(16.0, Align::Center);
const SUBTITLE: Style = Style(10.0, Align::Center);
const NOTE: Style = Style(10.0, Align::Left);
const SMALL_LEFT: Style = Style(8.0, Align::Left);
const SMALL_RIGHT: Style = Style(8.0, Align::Right);

/// Lays out `report` on A4 pages and returns the PDF file's bytes.
pub fn write_table_pdf(report: &TableReport, font: &PdfFont) -> Result<Vec<u8>, PdfError> {
    if report.columns.is_empty() {
        return Err(PdfError::NoColumns);
    }
    let bytes: &[u8] = (*font.data).as_ref();
    let face = FontRef::from_index(bytes, font.index)
        .map_err(|e| PdfError::FontUnusable(e.to_string()))?;
    let font = Font::new(font.data.clone().into(), font.index)
        .ok_or_else(|| PdfError::FontUnusable("krilla can not read the face".into()))?;
    let shaper = Shaper::new(&face);
    // Title and headers are fixed wording: a gap there means the wrong font, not a rare name.
    let headers: Vec<String> = report.columns.iter().map(|c| c.header.clone()).collect();
    let fixed = std::iter::once(&report.title).chain(&headers);
    let mut chars = fixed
        .flat_map(|text| text.chars())
        .filter(|c| !c.is_whitespace());
    if let Some(c) = chars.find(|c| shaper.glyph(*c) == 0) {
        return Err(PdfError::FontUnusable(format!("no glyph for {c:?}")));
    }
    let footer = shaper.wrap(&report.footer, NOTE.0, CONTENT_W);
    let layout = paginate(report.rows.len(), footer.len(), !report.subtitle.is_empty());
    let pages = layout.len();
    let spans = column_spans(&report.columns);
    let writer = Writer {
        font,
        shaper,
        spans,
        headers,
        report,
        footer,
        pages,
    };

    let mut document = Document::new();
    document.set_metadata(metadata(report));
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| PdfError::Krilla("bad page size".into()))?;
    for (i, page_layout) in layout.iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        writer.page(&mut surface, page_layout, i + 1);
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Krilla(e.to_string()))
}

/// The document's title and, if known, its author and creation date.
fn metadata(report: &TableReport) -> Metadata {
    let metadata = Metadata::new().title(report.title.clone());
    let Some(by) = &report.made_by else {
        return metadata;
    };
    let at = by.at;
    let date = krilla::metadata::DateTime::new(at.year().clamp(0, 9999) as u16)
        .month(at.month() as u8)
        .day(at.day() as u8)
        .hour(at.hour() as u8)
        .minute(at.minute() as u8)
        .second(at.second() as u8);
    metadata.authors(vec![by.name.clone()]).creation_date(date)
}

/// What one page holds: a run of rows, then a run of footer lines.
#[derive(Clone, Debug, PartialEq)]
struct PageLayout {
    first: bool,
    rows: Range<usize>,
    footer: Range<usize>,
}

/// Top of the table: below the title (and subtitle) on the first page, else the margin.
fn table_top(first: bool, has_subtitle: bool) -> f32 {
    match (first, has_subtitle) {
        (false, _) => MARGIN,
        (true, true) => MARGIN + 48.0,
        (true, false) => MARGIN + 32.0,
    }
}

/// Splits rows and footer lines over pages. Rows and lines have fixed heights, so this is
/// arithmetic, and we know the page count before drawing "page 1 of N".
fn paginate(rows: usize, lines: usize, has_subtitle: bool) -> Vec<PageLayout> {
    let (mut row, mut line, mut pages) = (0, 0, Vec::new());
    loop {
        let first = pages.is_empty();
        let (row_start, line_start) = (row, line);
        let mut y = table_top(first, has_subtitle);
        if first || row < rows {
            y += HEADER_H;
        }
        while row < rows && y + ROW_H <= BODY_BOTTOM {
            y += ROW_H;
            row += 1;
        }
        if row == rows {
            let mut gap = if line == 0 { NOTE_GAP } else { 0.0 };
            while line < lines && y + gap + LINE_H <= BODY_BOTTOM {
                y += gap + LINE_H;
                gap = 0.0;
                line += 1;
            }
            // The note must not open a page on its own: take the last row along with it.
            if line == 0 && lines > 0 && row - row_start > 1 {
                row -= 1;
            }
        }
        let (rows_here, footer) = (row_start..row, line_start..line);
        pages.push(PageLayout {
            first,
            rows: rows_here,
            footer,
        });
        // The second test can not fire with these sizes; it guards against an endless loop.
        if (row == rows && line == lines) || (row == row_start && line == line_start && !first) {
            return pages;
        }
    }
}

/// Left edge and width of every column, in proportion to the weights.
fn column_spans(columns: &[ReportColumn]) -> Vec<(f32, f32)> {
    // NaN and non-positive weights count as 1; the cap keeps the sum finite.
    let weight = |c: &ReportColumn| {
        if c.weight > 0.0 {
            c.weight.min(1e6)
        } else {
            1.0
        }
    };
    let total: f32 = columns.iter().map(weight).sum();
    let mut x = MARGIN;
    let span = |c| {
        let width = CONTENT_W * weight(c) / total;
        x += width;
        (x - width, width)
    };
    columns.iter().map(span).collect()
}

/// Fills the page number pattern, e.g. "第 {} 页，共 {} 页" with 2 and 7.
fn page_label(pattern: &str, page: usize, pages: usize) -> String {
    let pattern = Some(pattern).filter(|p| !p.is_empty()).unwrap_or("{} / {}");
    let label = pattern.replacen("{}", &page.to_string(), 1);
    label.replacen("{}", &pages.to_string(), 1)
}

/// Everything every page needs while drawing.
struct Writer<'a> {
    font: Font,
    shaper: Shaper<'a>,
    /// Left edge and width of each column.
    spans: Vec<(f32, f32)>,
    headers: Vec<String>,
    report: &'a TableReport,
    /// The footer note, already wrapped into lines.
    footer: Vec<String>,
    pages: usize,
}

fn fill(level: u8) -> Option<Fill> {
    let paint = rgb::Color::new(level, level, level).into();
    Some(Fill {
        paint,
        ..Fill::default()
    })
}

/// Fills or strokes `path` in gray `level`, then goes back to black text.
fn draw(s: &mut Surface, path: PathBuilder, level: u8, stroke_width: Option<f32>) {
    let paint = rgb::Color::new(level, level, level).into();
    match stroke_width {
        Some(width) => s.set_stroke(Some(Stroke {
            paint,
            width,
            ..Stroke::default()
        })),
        None => s.set_fill(fill(level)),
    }
    if let Some(path) = path.finish() {
        s.draw_path(&path);
    }
    s.set_fill(fill(0));
    s.set_stroke(None);
}

impl Writer<'_> {
    /// Draws one line of text in the box `left..left + width`, aligned, cut with "…" to fit.
    fn text(&self, s: &mut Surface, text: &str, style: Style, (left, width): (f32, f32), y: f32) {
        let Style(size, align) = style;
        if text.is_empty() {
            return;
        }
        let (text, glyphs) = self.shaper.fit(text, size, width);
        let x = match align {
            Align::Left => left,
            Align::Right => left + width - self.shaper.width(&text, size),
            Align::Center => left + (width - self.shaper.width(&text, size)) / 2.0,
        };
        let (at, font) = (Point::from_xy(x, y), self.font.clone());
        s.draw_glyphs(at, &glyphs, font, &text, size, false);
    }

    /// Draws one table row's texts (header or body) between `top` and `top + height`.
    fn row(&self, s: &mut Surface, cells: &[String], top: f32, height: f32) {
        let baseline = top + height / 2.0 + BASELINE_SHIFT * CELL_SIZE;
        let columns = self.report.columns.iter().zip(&self.spans);
        for ((column, (left, width)), cell) in columns.zip(cells) {
            let inner = (left + CELL_PAD, width - 2.0 * CELL_PAD);
            self.text(s, cell, Style(CELL_SIZE, column.align), inner, baseline);
        }
    }

    fn page(&self, s: &mut Surface, layout: &PageLayout, page: usize) {
        let (report, full) = (self.report, (MARGIN, CONTENT_W));
        let mut y = table_top(layout.first, !report.subtitle.is_empty());
        s.set_fill(fill(0));
        if layout.first {
            // A title too long for one line shrinks (down to 10 pt) before it is cut.
            let natural = self.shaper.width(&report.title, TITLE.0).max(1.0);
            let size = (TITLE.0 * CONTENT_W / natural).clamp(10.0, TITLE.0);
            let title = Style(size, TITLE.1);
            self.text(s, &report.title, title, full, MARGIN + 16.0);
            self.text(s, &report.subtitle, SUBTITLE, full, MARGIN + 38.0);
        }
        let mut rules = PathBuilder::new();
        let table = layout.first || !layout.rows.is_empty();
        if table {
            // Band first, so the header text and its rules are drawn over it.
            let mut band = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(MARGIN, y, CONTENT_W, HEADER_H) {
                band.push_rect(rect);
            }
            draw(s, band, 232, None);
            self.row(s, &self.headers, y, HEADER_H);
            rules.move_to(MARGIN, y);
            rules.line_to(MARGIN + CONTENT_W, y);
            y += HEADER_H;
        }
        for cells in &report.rows[layout.rows.clone()] {
            // The header's lower rule, then one under every row: one path per page.
            rules.move_to(MARGIN, y);
            rules.line_to(MARGIN + CONTENT_W, y);
            self.row(s, cells, y, ROW_H);
            y += ROW_H;
        }
        if table {
            rules.move_to(MARGIN, y);
            rules.line_to(MARGIN + CONTENT_W, y);
        }
        draw(s, rules, 140, Some(0.5));
        if layout.footer.start == 0 {
            y += NOTE_GAP;
        }
        for line in &self.footer[layout.footer.clone()] {
            y += LINE_H;
            self.text(s, line, NOTE, full, y - 4.0);
        }
        s.set_fill(fill(100));
        let (half, bottom) = (CONTENT_W / 2.0, PAGE_H - MARGIN);
        let left = match &report.made_by {
            Some(by) if report.generated_on.is_empty() => by.line.clone(),
            Some(by) => format!("{}  {}", report.generated_on, by.line),
            None => report.generated_on.clone(),
        };
        self.text(s, &left, SMALL_LEFT, (MARGIN, half), bottom);
        let label = page_label(&report.page_label, page, self.pages);
        self.text(s, &label, SMALL_RIGHT, (MARGIN + half, half), bottom);
    }
}

pub mod pages;
mod shaper;
#[cfg(test)]
mod tests;
