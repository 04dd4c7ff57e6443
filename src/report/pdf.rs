//! A4 table reports as PDF: a title, a table that breaks over pages and repeats its header,
//! a closing note and page numbers. The public notice (公示) is the first user.
//!
//! Text is laid out one glyph per character from the font's `cmap` and advance widths
//! (read with `skrifa`, which krilla itself uses). That is right for Chinese and plain Latin,
//! lets us measure a cell exactly as it will be drawn (to cut it with "…"), and is about ten
//! times faster than krilla's `draw_text`, which builds a new shaper per call: a 5,000-row
//! notice is 25,000 cells. Ligatures, kerning and complex scripts are out of scope.
//! krilla embeds only the glyphs used, so a 20 MB .ttc still yields a small file.
//!
//! The caller passes the font (`fonts::cjk_font()` finds a Simplified-Chinese one), because
//! Han characters must come from a Chinese face and the project ships no font files.

use std::ops::Range;
use std::sync::Arc;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider, charmap::Charmap};

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
    document.set_metadata(Metadata::new().title(report.title.clone()));
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

/// Maps characters to glyphs and advances; see the module comment for why not rustybuzz.
struct Shaper<'a> {
    charmap: Charmap<'a>,
    metrics: GlyphMetrics<'a>,
}

impl<'a> Shaper<'a> {
    fn new(face: &FontRef<'a>) -> Self {
        // Size 1 gives advances in em, the unit krilla's glyphs expect.
        let metrics = face.glyph_metrics(Size::new(1.0), LocationRef::default());
        let charmap = face.charmap();
        Shaper { charmap, metrics }
    }

    /// Glyph of `c`; 0 (the empty box) when the font lacks it.
    fn glyph(&self, c: char) -> u32 {
        self.charmap.map(c).map_or(0, |g| g.to_u32())
    }

    /// Advance of `c` in em.
    fn advance(&self, c: char) -> f32 {
        let id = self.charmap.map(c).unwrap_or_default();
        self.metrics.advance_width(id).unwrap_or(0.0)
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// The text to draw, cut with "…" if wider than `max`, and its glyphs.
    fn fit(&self, text: &str, size: f32, max: f32) -> (String, Vec<KrillaGlyph>) {
        // Tabs and line breaks would print as boxes; a cell is one line.
        let one_line = |c: char| if c.is_control() { ' ' } else { c };
        let mut text: String = text.chars().map(one_line).collect();
        let ellipsis = if self.glyph('…') != 0 { "…" } else { "..." };
        if self.width(&text, size) > max {
            let room = max - self.width(ellipsis, size);
            let (mut used, mut cut) = (0.0, 0);
            for (i, c) in text.char_indices() {
                used += self.advance(c) * size;
                if used > room {
                    break;
                }
                cut = i + c.len_utf8();
            }
            text.truncate(cut);
            // In a cell narrower than "…" itself, print nothing rather than overflow.
            if room >= 0.0 {
                text.push_str(ellipsis);
            }
        }
        let glyph = |(i, c): (usize, char)| {
            let (id, advance, range) = (
                GlyphId::new(self.glyph(c)),
                self.advance(c),
                i..i + c.len_utf8(),
            );
            KrillaGlyph::new(id, advance, 0.0, 0.0, 0.0, range, None)
        };
        let glyphs = text.char_indices().map(glyph).collect();
        (text, glyphs)
    }

    /// Breaks `text` into lines no wider than `max`: at the last space if the line has one
    /// (English), else between any two characters (Chinese has no spaces).
    fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.trim().lines().map(str::trim_end) {
            let (mut start, mut width, mut space) = (0, 0.0, None);
            for (i, c) in para.char_indices() {
                let advance = self.advance(c) * size;
                if width + advance > max && i > start {
                    let cut = space.filter(|s| *s > start).unwrap_or(i);
                    lines.push(para[start..cut].trim_end().to_string());
                    (start, space) = (cut, None);
                    width = self.width(&para[start..i], size);
                }
                width += advance;
                if c == ' ' {
                    space = Some(i + 1);
                }
            }
            lines.push(para[start..].to_string());
        }
        lines
    }
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
        self.text(s, &report.generated_on, SMALL_LEFT, (MARGIN, half), bottom);
        let label = page_label(&report.page_label, page, self.pages);
        self.text(s, &label, SMALL_RIGHT, (MARGIN + half, half), bottom);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fontique::{Collection, CollectionOptions, FontStyle, FontWeight, FontWidth};
    use std::process::Command;

    /// The regular face of `family` on this machine, if installed.
    fn system_font(family: &str) -> Option<PdfFont> {
        let options = CollectionOptions {
            shared: false,
            system_fonts: true,
        };
        let family = Collection::new(options).family_by_name(family)?;
        let normal = (FontWidth::NORMAL, FontStyle::Normal, FontWeight::NORMAL);
        let font = family.match_font(normal.0, normal.1, normal.2, false)?;
        let data = font.load(None)?.into_raw_parts().0;
        Some(PdfFont {
            data,
            index: font.index(),
        })
    }

    fn cjk() -> Option<PdfFont> {
        let font = system_font("Noto Sans CJK SC");
        if font.is_none() {
            eprintln!("SKIPPED: Noto Sans CJK SC is not installed (apt install fonts-noto-cjk)");
        }
        font
    }

    const FULL_ID: &str = "11010519491231002X";

    /// A public notice of `rows` people; every row also carries the full ID in a sixth cell,
    /// which has no column and so must never reach the PDF.
    fn notice(rows: usize) -> TableReport {
        let names = ["张三丰", "李秀英", "王建国", "欧阳晓明", "赵敏"];
        let row = |i: usize| {
            let cells = [&i.to_string(), names[(i - 1) % 5], "110105********002X"];
            let cells = cells
                .into_iter()
                .chain(["村（社区）保洁员", "1,800.00", FULL_ID]);
            cells.map(String::from).collect()
        };
        let column = |header, weight, align| ReportColumn::new(header, weight).aligned(align);
        TableReport {
            title: "钢城区城乡公益性岗位上岗人员公示".into(),
            subtitle: "公示期：2026-11-01 至 2026-11-30".into(),
            columns: vec![
                column("序号", 0.7, Align::Right),
                column("姓名", 1.2, Align::Left),
                column("身份证号", 2.2, Align::Left),
                column("岗位", 2.0, Align::Left),
                column("月补贴（元）", 1.3, Align::Right),
            ],
            rows: (1..=rows).map(row).collect(),
            footer: "如有异议，请在公示期内向区人社局反映。电话：0634-6012345".into(),
            generated_on: "生成于 2026-11-01".into(),
            page_label: "第 {} 页，共 {} 页".into(),
        }
    }

    /// `pdftotext -layout` output, pages split at form feeds; None if poppler is missing.
    fn pdftotext(pdf: &[u8]) -> Option<Vec<String>> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("report.pdf");
        std::fs::write(&path, pdf).expect("write pdf");
        let Ok(out) = Command::new("pdftotext")
            .arg("-layout")
            .arg(&path)
            .arg("-")
            .output()
        else {
            eprintln!("SKIPPED: pdftotext is not installed (apt install poppler-utils)");
            return None;
        };
        assert!(out.status.success(), "pdftotext rejected the file");
        let text = String::from_utf8(out.stdout).expect("utf-8");
        Some(
            text.split('\u{c}')
                .filter(|p| !p.trim().is_empty())
                .map(String::from)
                .collect(),
        )
    }

    #[test]
    fn chinese_notice_reads_back_with_masked_ids_only() {
        let Some(font) = cjk() else { return };
        let mut report = notice(3);
        report.rows[1][3] = "村（社区）公共设施维护及环境卫生保洁协管员".into();
        let pdf = write_table_pdf(&report, &font).expect("pdf");
        eprintln!("one-page notice: {} bytes", pdf.len());
        assert!(pdf.len() < 60_000, "font not subset? {} bytes", pdf.len());
        let Some(pages) = pdftotext(&pdf) else { return };
        let text = pages.join("\n");
        let title = "钢城区城乡公益性岗位上岗人员公示";
        let ids_and_labels = [
            "110105********002X",
            "第 1 页，共 1 页",
            "生成于 2026-11-01",
        ];
        for part in [
            title,
            "公示期：2026-11-01",
            "张三丰",
            "0634-6012345",
            "村（社区）公共",
        ] {
            assert!(text.contains(part), "{part:?} missing from:\n{text}");
        }
        for part in ids_and_labels {
            assert!(text.contains(part), "{part:?} missing from:\n{text}");
        }
        assert!(!text.contains(FULL_ID), "the unmasked ID leaked:\n{text}");
        // The long post is cut with an ellipsis instead of running into the next column.
        assert!(text.contains('…') && !text.contains("保洁协管员"), "{text}");
        assert_eq!(pages.len(), 1);
    }

    #[test]
    fn five_thousand_rows_break_into_pages_that_repeat_the_header() {
        let Some(font) = cjk() else { return };
        let started = std::time::Instant::now();
        let pdf = write_table_pdf(&notice(5000), &font).expect("pdf");
        eprintln!("5,000 rows: {} bytes in {:?}", pdf.len(), started.elapsed());
        let Some(pages) = pdftotext(&pdf) else { return };
        assert!(pages.len() > 50, "only {} pages", pages.len());
        let last = &pages[pages.len() - 1];
        let label = format!("第 {0} 页，共 {0} 页", pages.len());
        for part in ["身份证号", "月补贴（元）", "5000", "0634-6012345", &label] {
            assert!(
                last.contains(part),
                "{part:?} missing from the last page:\n{last}"
            );
        }
    }

    #[test]
    fn first_page_renders_to_png() {
        let Some(font) = cjk() else { return };
        let dir = std::env::temp_dir().join("minsheng-report-pdf");
        std::fs::create_dir_all(&dir).expect("dir");
        let pdf = dir.join("notice.pdf");
        std::fs::write(&pdf, write_table_pdf(&notice(60), &font).expect("pdf")).expect("write");
        let args = ["-png", "-r", "60", "-singlefile", "-f", "1", "-l", "1"];
        let run = Command::new("pdftoppm")
            .args(args)
            .arg(&pdf)
            .arg(dir.join("page1"))
            .status();
        let Ok(status) = run else {
            return eprintln!("SKIPPED: pdftoppm is not installed (apt install poppler-utils)");
        };
        let png = dir.join("page1.png");
        assert!(status.success() && std::fs::metadata(&png).expect("png").len() > 5_000);
        eprintln!("first page: {}", png.display());
    }

    #[test]
    fn english_labels_and_a_wrapped_note() {
        let Some(font) = cjk() else { return };
        let report = TableReport {
            title: "Public notice".into(),
            columns: vec![ReportColumn::new("Name", 1.0)],
            rows: vec![vec!["Zhang San".into()]],
            footer: "Objections may be raised at the district office. ".repeat(12),
            page_label: "Page {} of {}".into(),
            ..TableReport::default()
        };
        let pdf = write_table_pdf(&report, &font).expect("pdf");
        let face = FontRef::from_index((*font.data).as_ref(), font.index).expect("face");
        let shaper = Shaper::new(&face);
        let lines = shaper.wrap(&report.footer, 10.0, CONTENT_W);
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            assert!(shaper.width(line, 10.0) <= CONTENT_W, "{line:?} too wide");
            assert!(line.starts_with("Objections") || line.starts_with(char::is_lowercase));
        }
        let Some(pages) = pdftotext(&pdf) else { return };
        assert!(pages[0].contains("Page 1 of 1") && pages[0].contains("Zhang San"));
    }

    #[test]
    fn unusable_fonts_and_missing_columns_are_errors() {
        let junk = PdfFont {
            data: Arc::new(vec![0u8; 64]),
            index: 0,
        };
        let err = write_table_pdf(&notice(1), &junk);
        assert!(matches!(err, Err(PdfError::FontUnusable(_))), "{err:?}");
        let no_columns = TableReport {
            columns: Vec::new(),
            ..notice(1)
        };
        assert!(matches!(
            write_table_pdf(&no_columns, &junk),
            Err(PdfError::NoColumns)
        ));
        // A Latin-only font for a Chinese notice would print boxes: refuse it.
        if let Some(latin) = system_font("DejaVu Sans") {
            let err = write_table_pdf(&notice(1), &latin);
            assert!(
                matches!(&err, Err(PdfError::FontUnusable(m)) if m.contains('钢')),
                "{err:?}"
            );
        }
    }

    #[test]
    fn pagination_places_everything_once_and_keeps_the_note_with_a_row() {
        for (rows, lines) in [(0, 0), (1, 1), (5000, 3), (47, 40), (0, 200)] {
            let pages = paginate(rows, lines, rows % 2 == 0);
            let (mut row, mut line) = (0, 0);
            for page in &pages {
                assert_eq!((page.rows.start, page.footer.start), (row, line));
                (row, line) = (page.rows.end, page.footer.end);
            }
            assert_eq!((row, line), (rows, lines), "{pages:?}");
        }
        // Rows that exactly fill the first page leave no room for the note: the last row
        // moves to the second page with it.
        let full = paginate(1000, 0, true)[0].rows.len();
        let pages = paginate(full, 1, true);
        assert_eq!(
            (pages[1].rows.clone(), pages[1].footer.clone()),
            (full - 1..full, 0..1)
        );
        assert_eq!(page_label("Page {} of {}", 2, 7), "Page 2 of 7");
        assert_eq!(page_label("", 1, 3), "1 / 3");
    }
}
