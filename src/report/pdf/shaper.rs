//! Characters to glyphs and their widths, measured with the same font that is drawn.

use krilla::text::{GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider, charmap::Charmap};

/// Maps characters to glyphs and advances; see the module comment for why not rustybuzz.
pub(super) struct Shaper<'a> {
    charmap: Charmap<'a>,
    metrics: GlyphMetrics<'a>,
}

impl<'a> Shaper<'a> {
    pub(super) fn new(face: &FontRef<'a>) -> Self {
        // Size 1 gives advances in em, the unit krilla's glyphs expect.
        let metrics = face.glyph_metrics(Size::new(1.0), LocationRef::default());
        let charmap = face.charmap();
        Shaper { charmap, metrics }
    }

    /// Glyph of `c`; 0 (the empty box) when the font lacks it.
    pub(super) fn glyph(&self, c: char) -> u32 {
        self.charmap.map(c).map_or(0, |g| g.to_u32())
    }

    /// Advance of `c` in em.
    pub(super) fn advance(&self, c: char) -> f32 {
        let id = self.charmap.map(c).unwrap_or_default();
        self.metrics.advance_width(id).unwrap_or(0.0)
    }

    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// The text to draw, cut with "…" if wider than `max`, and its glyphs.
    pub(super) fn fit(&self, text: &str, size: f32, max: f32) -> (String, Vec<KrillaGlyph>) {
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
    pub(super) fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
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
