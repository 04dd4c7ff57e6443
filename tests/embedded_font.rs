//! The embedded font draws every Chinese character the program can show by itself: the texts
//! in the sources (read from the files at test time, wherever they move under src/) and the
//! district's names in assets/*.csv. A new text with a character outside the font fails
//! here; `assets/fonts/make_subset.py` then makes the font again.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use skrifa::MetadataProvider;

/// Han ideographs, CJK punctuation and full-width forms: what a Latin font can not draw.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F // CJK symbols and punctuation
        | 0x3400..=0x4DBF // extension A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFE30..=0xFE4F // compatibility forms
        | 0xFF00..=0xFFEF // full-width forms
        | 0x20000..=0x3134F // extensions B to G
    )
}

/// The contents of the string and character literals of Rust source `code`, comments left
/// out (they are never shown). Escapes are kept as written: a `\u{..}` is no Chinese text.
fn rust_literals(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let (mut i, mut literals) = (0, Vec::new());
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            loop {
                match (at(i), at(i + 1)) {
                    ('/', '*') => (depth, i) = (depth + 1, i + 2),
                    ('*', '/') => (depth, i) = (depth - 1, i + 2),
                    ('\0', _) => break,
                    _ => i += 1,
                }
                if depth == 0 {
                    break;
                }
            }
        } else if c == 'r' && !ident(at(i.wrapping_sub(1))) && matches!(at(i + 1), '"' | '#')
            || c == 'b' && at(i + 1) == 'r' && !ident(at(i.wrapping_sub(1)))
        {
            i += usize::from(c == 'b'); // br"..." is read as r"..."
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            let start = i + 2 + hashes;
            if at(start - 1) != '"' {
                i += 1; // r#ident, a raw identifier
                continue;
            }
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let end = (start..chars.len())
                .find(|&j| chars[j..].starts_with(&close))
                .unwrap_or(chars.len());
            literals.push(chars[start..end].iter().collect());
            i = end + close.len();
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            literals.push(chars[i + 1..j.min(chars.len())].iter().collect());
            i = j + 1;
        } else if c == '\'' && at(i + 1) == '\\' {
            // After the backslash and the escaped character ('\'' or '\\'), the closing quote.
            let end = (i + 3..chars.len()).find(|&j| chars[j] == '\'');
            i = end.map_or(chars.len(), |j| j + 1);
        } else if c == '\'' && at(i + 2) == '\'' {
            literals.push(at(i + 1).to_string());
            i += 3;
        } else {
            i += 1; // code, or the quote of a lifetime
        }
    }
    literals
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every CJK character the program can show, with one file it comes from.
fn shown_characters() -> BTreeMap<char, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    files_under(&root.join("src"), &mut sources);
    let assets = std::fs::read_dir(root.join("assets")).expect("assets/");
    let csvs = assets.map(|e| e.expect("an entry").path());
    let csvs: Vec<PathBuf> = csvs
        .filter(|p| p.extension() == Some("csv".as_ref()))
        .collect();
    assert!(csvs.len() >= 2, "the division CSVs are missing: {csvs:?}");
    sources.extend(csvs);

    let mut shown = BTreeMap::new();
    for path in &sources {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue; // not text
        };
        // Rust: the literals only. SQL migrations and CSVs: all of it (seeded names).
        let texts = match path.extension().and_then(|e| e.to_str()) {
            Some("rs") => rust_literals(&text),
            _ => vec![text],
        };
        let name = path
            .strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string();
        for c in texts.iter().flat_map(|t| t.chars()).filter(|c| is_cjk(*c)) {
            shown.entry(c).or_insert_with(|| name.clone());
        }
    }
    shown
}

#[test]
fn the_embedded_font_draws_every_chinese_character_of_the_texts_and_the_division_names() {
    let shown = shown_characters();
    // A reader that found nothing would pass vacuously: the texts have hundreds of hanzi.
    assert!(shown.len() > 500, "only {} characters found", shown.len());
    for c in "民生台账钢城区艾山街道（），。、：".chars() {
        assert!(shown.contains_key(&c), "{c:?} not found in the texts");
    }
    let face = skrifa::FontRef::new(minsheng::fonts::EMBEDDED_FONT).expect("the embedded font");
    let charmap = face.charmap();
    let missing: Vec<String> = shown
        .iter()
        .filter(|(c, _)| charmap.map(**c).is_none())
        .map(|(c, file)| format!("{c} (U+{:04X}, {file})", *c as u32))
        .collect();
    assert!(
        missing.is_empty(),
        "not in the embedded font; run assets/fonts/make_subset.py:\n{}",
        missing.join("\n")
    );
}

#[test]
fn literals_are_read_and_comments_skipped() {
    let code = r###"
        // 注释
        /* 块 /* 嵌套 */ 注释 */
        let a = "甲\"乙"; let b = r#"丙"丁"#; let h = br"\"; let k = '\\'; let c = '戊'; let d = '\''; let r#type = 1;
        fn f<'a>(x: &'a str) -> &'a str { x } // 己
        let e = b"x"; let g = "庚";
    "###;
    let literals = rust_literals(code);
    let text: String = literals.concat();
    assert_eq!(
        literals,
        ["甲\\\"乙", "丙\"丁", "\\", "戊", "x", "庚"],
        "from {text:?}"
    );
    let chars: BTreeSet<char> = text.chars().filter(|c| is_cjk(*c)).collect();
    assert!(!chars.contains(&'注') && !chars.contains(&'己'));
}

/// Every character outside ASCII in the texts of the sources (symbols such as √ ◀ ▲ ×
/// included), with one file it comes from.
fn shown_symbols() -> BTreeMap<char, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    files_under(&root.join("src"), &mut sources);
    let mut shown = BTreeMap::new();
    let shown_code = |p: &&PathBuf| {
        p.extension() == Some("rs".as_ref()) && p.file_name() != Some("tests.rs".as_ref())
    };
    for path in sources.iter().filter(shown_code) {
        let file = std::fs::read_to_string(path).expect("a source file");
        // A file's own tests come last; what they spell is never drawn.
        let text = file.split("#[cfg(test)]").next().unwrap_or_default();
        let name = path
            .strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string();
        for c in rust_literals(text).iter().flat_map(|t| t.chars()) {
            if !c.is_ascii() && !c.is_control() {
                shown.entry(c).or_insert_with(|| name.clone());
            }
        }
    }
    shown
}

#[test]
fn the_window_has_a_glyph_for_every_character_the_texts_use() {
    let ctx = egui::Context::default();
    minsheng::fonts::install_embedded(&ctx);
    // Fonts take effect with the next frame.
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    let font = egui::FontId::proportional(14.0);
    let missing: Vec<String> = ctx.fonts_mut(|fonts| {
        shown_symbols()
            .into_iter()
            .filter(|(c, _)| !fonts.has_glyph(&font, *c))
            .map(|(c, file)| format!("{c} (U+{:04X}, {file})", c as u32))
            .collect()
    });
    assert!(missing.is_empty(), "no glyph for:\n{}", missing.join("\n"));
}
