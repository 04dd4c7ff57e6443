//! A4 documents of free pages: each page a column of titled, wrapped text blocks and
//! vector figures (lines and markers), for the service points' "where to go" sheets (one
//! page per village) and the coverage map for the office wall. Same font, metadata and
//! footer (who made it, when, page N of M) as the table reports.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::Font;
use skrifa::FontRef;

use super::shaper::Shaper;
use super::{CONTENT_W, MARGIN, PAGE_H, PAGE_W, PdfError, PdfFont, TableReport};

/// A mark of a figure, in points from the figure's top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// An open line.
    Line {
        /// Vertices.
        points: Vec<(f32, f32)>,
        /// Colour.
        rgb: (u8, u8, u8),
        /// Stroke width.
        width: f32,
    },
    /// A closed polygon, filled or only outlined.
    Polygon {
        /// Vertices.
        points: Vec<(f32, f32)>,
        /// Colour.
        rgb: (u8, u8, u8),
        /// Filled (else outlined).
        filled: bool,
    },
    /// A circle, filled or only outlined.
    Circle {
        /// Centre.
        at: (f32, f32),
        /// Radius.
        r: f32,
        /// Colour.
        rgb: (u8, u8, u8),
        /// Filled (else outlined).
        filled: bool,
    },
    /// A line of text, its left end on the baseline at `at`.
    Text {
        /// Where.
        at: (f32, f32),
        /// What.
        text: String,
        /// Size in points.
        size: f32,
    },
}

/// A block of a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// The page's title, large and centred.
    Title(String),
    /// A heading.
    Heading(String),
    /// Text, wrapped to the page's width.
    Text(String),
    /// Space, in points.
    Gap(f32),
    /// A figure of this height (the page's width), with its marks.
    Figure(f32, Vec<Mark>),
}

/// A document of free pages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PagedDoc {
    /// The document's title (metadata).
    pub title: String,
    /// The pages, each a list of blocks (a page that runs over continues on the next).
    pub pages: Vec<Vec<Block>>,
    /// "Generated on …".
    pub generated_on: String,
    /// "Page {} of {}".
    pub page_label: String,
    /// Who made it, when.
    pub made_by: Option<crate::report::Authorship>,
}

const BOTTOM: f32 = PAGE_H - MARGIN - 20.0;

fn paint(rgb: (u8, u8, u8)) -> krilla::paint::Paint {
    rgb::Color::new(rgb.0, rgb.1, rgb.2).into()
}

fn path(points: &[(f32, f32)], ox: f32, oy: f32, close: bool) -> Option<krilla::geom::Path> {
    let mut p = PathBuilder::new();
    let (first, rest) = points.split_first()?;
    p.move_to(ox + first.0, oy + first.1);
    for q in rest {
        p.line_to(ox + q.0, oy + q.1);
    }
    if close {
        p.close();
    }
    p.finish()
}

struct Drawer<'a> {
    font: Font,
    shaper: Shaper<'a>,
}

impl Drawer<'_> {
    fn text(&self, s: &mut Surface, text: &str, size: f32, x: f32, y: f32, max: f32) {
        if text.is_empty() {
            return;
        }
        let (text, glyphs) = self.shaper.fit(text, size, max);
        s.draw_glyphs(
            Point::from_xy(x, y),
            &glyphs,
            self.font.clone(),
            &text,
            size,
            false,
        );
    }

    fn mark(&self, s: &mut Surface, mark: &Mark, ox: f32, oy: f32) {
        match mark {
            Mark::Line { points, rgb, width } => {
                s.set_stroke(Some(Stroke {
                    paint: paint(*rgb),
                    width: *width,
                    ..Stroke::default()
                }));
                s.set_fill(None);
                if let Some(p) = path(points, ox, oy, false) {
                    s.draw_path(&p);
                }
            }
            Mark::Polygon {
                points,
                rgb,
                filled,
            } => {
                self.set(s, *rgb, *filled);
                if let Some(p) = path(points, ox, oy, true) {
                    s.draw_path(&p);
                }
            }
            Mark::Circle { at, r, rgb, filled } => {
                self.set(s, *rgb, *filled);
                // Four cubic quarters (k = 0.5523 is the usual circle approximation).
                let (cx, cy, r) = (ox + at.0, oy + at.1, *r);
                let k = 0.552_284_8 * r;
                let mut p = PathBuilder::new();
                p.move_to(cx + r, cy);
                p.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
                p.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
                p.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
                p.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
                p.close();
                if let Some(p) = p.finish() {
                    s.draw_path(&p);
                }
            }
            Mark::Text { at, text, size } => {
                s.set_stroke(None);
                s.set_fill(Some(Fill::default()));
                self.text(s, text, *size, ox + at.0, oy + at.1, CONTENT_W);
            }
        }
        s.set_stroke(None);
        s.set_fill(Some(Fill::default()));
    }

    fn set(&self, s: &mut Surface, rgb: (u8, u8, u8), filled: bool) {
        if filled {
            s.set_fill(Some(Fill {
                paint: paint(rgb),
                ..Fill::default()
            }));
            s.set_stroke(None);
        } else {
            s.set_fill(None);
            s.set_stroke(Some(Stroke {
                paint: paint(rgb),
                width: 1.2,
                ..Stroke::default()
            }));
        }
    }
}

/// A block, or one wrapped line of one, placed on a page.
enum Placed<'b> {
    Title(&'b str),
    Heading(&'b str),
    Line(String),
    Figure(&'b [Mark]),
}

/// Lays the blocks out over pages: for each page, the top of each item placed on it. A
/// page whose blocks run past the bottom continues on a new page.
fn layout<'b>(doc: &'b PagedDoc, shaper: &Shaper<'_>) -> Vec<Vec<(f32, Placed<'b>)>> {
    let mut pages: Vec<Vec<(f32, Placed<'b>)>> = Vec::new();
    for blocks in &doc.pages {
        pages.push(Vec::new());
        let mut y = MARGIN;
        for block in blocks {
            let (height, items): (f32, Vec<Placed<'b>>) = match block {
                Block::Title(t) => (34.0, vec![Placed::Title(t)]),
                Block::Heading(t) => (22.0, vec![Placed::Heading(t)]),
                Block::Text(t) => {
                    let lines = shaper.wrap(t, 10.5, CONTENT_W);
                    (16.0, lines.into_iter().map(Placed::Line).collect())
                }
                Block::Gap(g) => {
                    y += g;
                    continue;
                }
                Block::Figure(h, marks) => (*h, vec![Placed::Figure(marks)]),
            };
            for item in items {
                if y + height > BOTTOM {
                    pages.push(Vec::new());
                    y = MARGIN;
                }
                if let Some(page) = pages.last_mut() {
                    page.push((y, item));
                }
                y += height;
            }
        }
    }
    pages
}

/// Writes `doc` as an A4 PDF.
pub fn write_pages_pdf(doc: &PagedDoc, font: &PdfFont) -> Result<Vec<u8>, PdfError> {
    let bytes: &[u8] = (*font.data).as_ref();
    let face = FontRef::from_index(bytes, font.index)
        .map_err(|e| PdfError::FontUnusable(e.to_string()))?;
    let krilla_font = Font::new(font.data.clone().into(), font.index)
        .ok_or_else(|| PdfError::FontUnusable("krilla can not read the face".into()))?;
    let drawer = Drawer {
        font: krilla_font,
        shaper: Shaper::new(&face),
    };
    let pages = layout(doc, &drawer.shaper);
    let mut document = Document::new();
    document.set_metadata(super::metadata(&TableReport {
        title: doc.title.clone(),
        made_by: doc.made_by.clone(),
        ..TableReport::default()
    }));
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| PdfError::Krilla("bad page size".into()))?;
    let count = pages.len();
    for (n, items) in pages.iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut s = page.surface();
        s.set_fill(Some(Fill::default()));
        for (y, item) in items {
            match item {
                Placed::Title(t) => {
                    let size = 17.0;
                    let w = drawer.shaper.width(t, size).min(CONTENT_W);
                    drawer.text(
                        &mut s,
                        t,
                        size,
                        MARGIN + (CONTENT_W - w) / 2.0,
                        y + 20.0,
                        CONTENT_W,
                    );
                }
                Placed::Heading(t) => drawer.text(&mut s, t, 13.0, MARGIN, y + 15.0, CONTENT_W),
                Placed::Line(t) => drawer.text(&mut s, t, 10.5, MARGIN, y + 12.0, CONTENT_W),
                Placed::Figure(marks) => {
                    for mark in *marks {
                        drawer.mark(&mut s, mark, MARGIN, *y);
                    }
                }
            }
        }
        s.set_fill(Some(Fill {
            paint: paint((100, 100, 100)),
            ..Fill::default()
        }));
        let left = match &doc.made_by {
            Some(by) => format!("{}  {}", doc.generated_on, by.line),
            None => doc.generated_on.clone(),
        };
        let bottom = PAGE_H - MARGIN;
        drawer.text(&mut s, &left, 8.0, MARGIN, bottom, CONTENT_W / 2.0);
        let label = super::page_label(&doc.page_label, n + 1, count);
        let w = drawer.shaper.width(&label, 8.0);
        drawer.text(
            &mut s,
            &label,
            8.0,
            MARGIN + CONTENT_W - w,
            bottom,
            CONTENT_W / 2.0,
        );
        s.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Krilla(e.to_string()))
}
