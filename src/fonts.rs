//! Choosing a Simplified-Chinese font from the ones the operating system has.
//!
//! Han characters look different in Chinese, Japanese and Korean faces (黄, 直, 骨), and the
//! OS fallback picks by locale, so a clerk on an English-locale machine could get the
//! Japanese face. We therefore ask for a Simplified-Chinese family by name, in a fixed
//! order per OS, and leave the OS fallback for rare characters only. The project ships no
//! font files; the same choice serves PDFs.

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

/// The chosen face: its family name and data (a .ttc with the face's index).
#[derive(Clone)]
pub struct CjkFont {
    /// Family name, for the About text and for tests.
    pub family: String,
    /// The whole font file, memory-mapped.
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

/// The Simplified-Chinese font of this machine, looked up once per process.
pub fn cjk_font() -> Option<&'static CjkFont> {
    static FONT: OnceLock<Option<CjkFont>> = OnceLock::new();
    FONT.get_or_init(find_cjk_font).as_ref()
}

fn find_cjk_font() -> Option<CjkFont> {
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

/// The one-line fix for a machine without a Chinese font, for this OS.
pub fn install_hint() -> &'static str {
    if cfg!(target_os = "windows") {
        "Settings > Time & language > Language & region > Add a language > Chinese (Simplified), then restart."
    } else if cfg!(target_os = "macos") {
        "install the Chinese language support in System Settings > General > Language & Region, then restart."
    } else {
        "sudo apt install fonts-noto-cjk (Fedora: sudo dnf install google-noto-sans-cjk-fonts), then restart."
    }
}

/// Puts the Simplified-Chinese face first in egui's proportional and monospace families.
/// Returns `false` when the machine has none, so the window can say so.
pub fn install(ctx: &egui::Context) -> bool {
    let Some(font) = cjk_font() else {
        return false;
    };
    let mut defs = egui::FontDefinitions::default();
    let name = format!("cjk:{}", font.family);
    defs.font_data.insert(
        name.clone(),
        Arc::new(egui::FontData::from_blob(font.data.clone(), font.index)),
    );
    for (family, position) in [
        (egui::FontFamily::Proportional, 0),
        (egui::FontFamily::Monospace, 1),
    ] {
        let list = defs.families.entry(family).or_default();
        list.insert(position.min(list.len()), name.clone());
    }
    ctx.set_fonts(defs);
    true
}
