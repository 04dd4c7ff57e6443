//! The Simplified-Chinese font of the window and of PDFs.
//!
//! Han characters look different in Chinese, Japanese and Korean faces (黄, 直, 骨), and the
//! OS fallback picks by locale, so a clerk on an English-locale machine could get the
//! Japanese face. We therefore ask for a Simplified-Chinese family by name, in a fixed
//! order per OS: a system face is complete and made for its screens. A machine with none
//! gets the subset of Noto Sans CJK SC that the binary embeds (`assets/fonts/`: GB 2312 and
//! every character of the program's texts), so Chinese is never drawn as boxes. PDFs use
//! the same choice; tests use the embedded face alone, so they pass on any machine.

use std::sync::{Arc, OnceLock};

use fontique::{Collection, CollectionOptions, FontStyle, FontWeight, FontWidth};

/// Simplified-Chinese families to look for, best first: Windows, macOS, then Linux faces.
pub const PREFERRED_FAMILIES: &[&str] = &[
    "Microsoft YaHei",
    "DengXian",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "STHeiti",
    "SimSun",
    "SimHei",
];

/// The embedded font file: a subset of Noto Sans CJK SC Regular made by
/// `assets/fonts/make_subset.py` (SIL Open Font License 1.1, `assets/fonts/OFL.txt`).
pub const EMBEDDED_FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-Minsheng-Subset.otf");

/// The embedded font's family name; the subset is renamed so that it is never mistaken
/// for the full Noto font.
pub const EMBEDDED_FAMILY: &str = "Noto Sans SC Minsheng Subset";

/// A Simplified-Chinese face: its family name and data (a .ttc with the face's index).
#[derive(Clone)]
pub struct CjkFont {
    /// Family name, for the About text and for tests.
    pub family: String,
    /// The whole font file: memory-mapped for a system font, in the binary when embedded.
    pub data: Arc<dyn AsRef<[u8]> + Send + Sync>,
    /// Index of the Simplified-Chinese face inside a collection file.
    pub index: u32,
}

impl std::fmt::Debug for CjkFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CjkFont")
            .field("family", &self.family)
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

/// The font for Chinese text: this machine's Simplified-Chinese face, else the embedded one.
pub fn cjk_font() -> &'static CjkFont {
    system_cjk_font().unwrap_or_else(embedded_font)
}

/// This machine's Simplified-Chinese face, looked up once per process; `None` if it has none.
pub fn system_cjk_font() -> Option<&'static CjkFont> {
    static FONT: OnceLock<Option<CjkFont>> = OnceLock::new();
    FONT.get_or_init(find_system_font).as_ref()
}

/// The subset of Noto Sans CJK SC in the binary: the same on every machine.
pub fn embedded_font() -> &'static CjkFont {
    static FONT: OnceLock<CjkFont> = OnceLock::new();
    FONT.get_or_init(|| CjkFont {
        family: EMBEDDED_FAMILY.to_string(),
        data: Arc::new(EMBEDDED_FONT),
        index: 0,
    })
}

fn find_system_font() -> Option<CjkFont> {
    // fontique 0.11 panics when fontconfig lists no font at all (a minimal container, a
    // FONTCONFIG_FILE with no font folder; fixed in fontique 0.12). Such a machine has no
    // Chinese face either: the embedded one serves.
    std::panic::catch_unwind(lookup_system_font).unwrap_or(None)
}

fn lookup_system_font() -> Option<CjkFont> {
    let mut collection = Collection::new(CollectionOptions {
        shared: false,
        system_fonts: true,
    });
    PREFERRED_FAMILIES.iter().find_map(|name| {
        let family = collection.family_by_name(name)?;
        let font = family.match_font(
            FontWidth::NORMAL,
            FontStyle::Normal,
            FontWeight::NORMAL,
            false,
        )?;
        let blob = font.load(None)?;
        let (data, _) = blob.into_raw_parts();
        Some(CjkFont {
            family: family.name().to_string(),
            data,
            index: font.index(),
        })
    })
}

/// Puts this machine's Simplified-Chinese face first in egui's proportional and monospace
/// families, with the embedded face behind it for any character it lacks (or alone, when
/// the machine has none).
pub fn install(ctx: &egui::Context) {
    let faces: Vec<&CjkFont> = system_cjk_font()
        .into_iter()
        .chain([embedded_font()])
        .collect();
    set_fonts(ctx, &faces);
}

/// Like [`install`] with the embedded face only, whatever the machine has: for tests and
/// benchmarks, which must see the same glyphs everywhere.
pub fn install_embedded(ctx: &egui::Context) {
    set_fonts(ctx, &[embedded_font()]);
}

/// egui's default fonts with `faces` in front: first for proportional text, right after the
/// Latin monospace face (which keeps code-like text aligned) for monospace.
fn set_fonts(ctx: &egui::Context, faces: &[&CjkFont]) {
    let mut defs = egui::FontDefinitions::default();
    let mut names = Vec::new();
    for font in faces {
        let name = format!("cjk:{}", font.family);
        let data = egui::FontData::from_blob(font.data.clone(), font.index);
        defs.font_data.insert(name.clone(), Arc::new(data));
        names.push(name);
    }
    for (family, position) in [
        (egui::FontFamily::Proportional, 0),
        (egui::FontFamily::Monospace, 1),
    ] {
        let list = defs.families.entry(family).or_default();
        let at = position.min(list.len());
        list.splice(at..at, names.iter().cloned());
    }
    ctx.set_fonts(defs);
}

#[cfg(test)]
mod tests {
    use super::*;
    use skrifa::MetadataProvider;

    fn maps(font: &CjkFont, text: &str) -> bool {
        let face = skrifa::FontRef::from_index((*font.data).as_ref(), font.index).expect("face");
        let charmap = face.charmap();
        text.chars().all(|c| charmap.map(c).is_some())
    }

    /// One empty frame: new fonts take effect at the start of the next frame.
    fn frame(ctx: &egui::Context) {
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear(); // no renderer here to hand the font atlas to
    }

    #[test]
    fn the_embedded_face_is_the_renamed_subset_and_draws_chinese() {
        let font = embedded_font();
        let face = skrifa::FontRef::new(EMBEDDED_FONT).expect("an OpenType font");
        let names: Vec<String> = face
            .localized_strings(skrifa::string::StringId::FAMILY_NAME)
            .map(|s| s.to_string())
            .collect();
        assert!(names.iter().any(|n| n == EMBEDDED_FAMILY), "{names:?}");
        assert!(maps(font, "民生台账 钢城区 黄直骨 0-9 A-z （），。…"));
    }

    #[test]
    fn any_machine_gets_a_chinese_font_with_the_embedded_one_behind_it() {
        assert!(maps(cjk_font(), "钢城区城乡公益性岗位"));
        eprintln!("this machine's face: {:?}", system_cjk_font());
        let ctx = egui::Context::default();
        install(&ctx);
        let installed = |ctx: &egui::Context| {
            ctx.fonts(|f| f.definitions().families[&egui::FontFamily::Proportional].clone())
        };
        frame(&ctx);
        let families = installed(&ctx);
        let embedded = format!("cjk:{EMBEDDED_FAMILY}");
        let expected_first = match system_cjk_font() {
            Some(system) => format!("cjk:{}", system.family),
            None => embedded.clone(),
        };
        assert_eq!(families[0], expected_first, "{families:?}");
        assert!(families.contains(&embedded), "{families:?}");

        install_embedded(&ctx);
        frame(&ctx);
        let families = installed(&ctx);
        assert_eq!(families[0], embedded, "{families:?}");
        assert_eq!(families.iter().filter(|f| f.starts_with("cjk:")).count(), 1);
    }
}
