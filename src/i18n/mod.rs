//! Every user-visible text, in Simplified Chinese and English, split by area.
//!
//! Each area module declares its texts with [`texts!`], which takes both languages for every
//! text, so a text can not exist in one language only. A text with arguments becomes a
//! function whose parameters are the arguments: each language's template names them, and a
//! name the function does not take, or an argument one template does not use, is a compile
//! error, so an argument can not be dropped silently. A unit test checks that every Chinese
//! text is Chinese and every English one is not.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod bank;
pub mod cli;
pub mod common;
pub mod errors;
pub mod import;
pub mod pay_rules;
pub mod people;
pub mod petitions;
pub mod placements;
pub mod service_points;
pub mod settings;
pub mod window;

use serde::{Deserialize, Serialize};

/// The language of the user interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese, the default for clerks.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The language the operating system asks for: Chinese unless the locale is something else.
    pub fn from_os() -> Self {
        match sys_locale::get_locale() {
            Some(locale) if !locale.to_ascii_lowercase().starts_with("zh") => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// A fixed text in this language.
    pub fn t(self, text: Text) -> &'static str {
        match self {
            Lang::Zh => text.zh,
            Lang::En => text.en,
        }
    }
}

/// A fixed text in both languages (a label, a heading, a column title).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Text {
    /// Simplified Chinese.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

/// A text with its arguments filled in, in both languages, so that a message kept on
/// screen follows the language the user switches to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Msg {
    zh: String,
    en: String,
}

impl Msg {
    /// A message from its two renderings.
    pub fn new(zh: String, en: String) -> Msg {
        Msg { zh, en }
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// Messages one after another, `sep` between them.
    pub fn join(parts: impl IntoIterator<Item = Msg>, sep: &str) -> Msg {
        let (zh, en): (Vec<String>, Vec<String>) = parts.into_iter().map(|m| (m.zh, m.en)).unzip();
        Msg::new(zh.join(sep), en.join(sep))
    }

    /// The message in `lang`, owned.
    pub fn text(self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

impl From<Text> for Msg {
    fn from(text: Text) -> Msg {
        Msg::new(text.zh.to_string(), text.en.to_string())
    }
}

/// Declares an area's texts: `NAME => "中文", "English";` for a fixed [`Text`], and
/// `fn name(arg, …) => "…{arg}…", "…{arg}…";` for a [`Msg`] with arguments.
macro_rules! texts {
    ($(
        $(#[$meta:meta])*
        $(const $name:ident)? $(fn $fname:ident ($($arg:ident),*))? => $zh:literal, $en:literal;
    )*) => {
        $($crate::i18n::texts!(@one $(#[$meta])* $(const $name)? $(fn $fname ($($arg),*))? => $zh, $en);)*

        /// Every template of this area, for the language tests.
        #[cfg(test)]
        pub(crate) const ALL: &[(&str, &str, &str)] = &[
            $(($crate::i18n::texts!(@name $($name)? $($fname)?), $zh, $en)),*
        ];
    };
    (@one $(#[$meta:meta])* const $name:ident => $zh:literal, $en:literal) => {
        $(#[$meta])*
        #[allow(missing_docs)]
        pub const $name: $crate::i18n::Text = $crate::i18n::Text { zh: $zh, en: $en };
    };
    (@one $(#[$meta:meta])* fn $fname:ident ($($arg:ident),*) => $zh:literal, $en:literal) => {
        $(#[$meta])*
        #[allow(missing_docs)]
        pub fn $fname($($arg: impl std::fmt::Display),*) -> $crate::i18n::Msg {
            $crate::i18n::Msg::new(
                format!($zh, $($arg = $arg),*),
                format!($en, $($arg = $arg),*),
            )
        }
    };
    (@name $name:ident) => { stringify!($name) };
}
pub(crate) use texts;

#[cfg(test)]
mod tests {
    use super::*;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    type Templates = &'static [(&'static str, &'static str, &'static str)];

    /// Every area's texts, by the area's file name.
    const AREAS: &[(&str, Templates)] = &[
        ("access", access::ALL),
        ("accounts", accounts::ALL),
        ("audit", audit::ALL),
        ("bank", bank::ALL),
        ("cli", cli::ALL),
        ("common", common::ALL),
        ("errors", errors::ALL),
        ("import", import::ALL),
        ("pay_rules", pay_rules::ALL),
        ("people", people::ALL),
        ("petitions", petitions::ALL),
        ("placements", placements::ALL),
        ("service_points", service_points::ALL),
        ("settings", settings::ALL),
        ("window", window::ALL),
    ];

    fn all() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
        AREAS.iter().flat_map(|(_, texts)| texts.iter())
    }

    #[test]
    fn every_area_is_checked() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .filter(|name| name != "mod")
            .collect();
        files.sort();
        let listed: Vec<&str> = AREAS.iter().map(|(name, _)| *name).collect();
        assert_eq!(files, listed, "a text area is missing from AREAS");
    }

    #[test]
    fn every_text_exists_in_both_languages() {
        for (name, zh, en) in all() {
            assert!(!zh.trim().is_empty(), "{name} has no Chinese text");
            assert!(!en.trim().is_empty(), "{name} has no English text");
        }
    }

    #[test]
    fn chinese_is_chinese_and_english_is_english() {
        for (name, zh, en) in all() {
            assert!(has_cjk(zh), "{name}: the Chinese text has no Chinese");
            // The product name is the one English text that carries Chinese.
            if *name != "APP_TITLE" {
                assert!(!has_cjk(en), "{name}: the English text has Chinese");
            }
        }
    }

    #[test]
    fn arguments_land_where_each_language_puts_them() {
        let msg = placements::correction_title("张三", "2026-10", "2026-11");
        assert_eq!(
            msg.get(Lang::Zh),
            "更正 张三 的 2026-10 补贴，在 2026-11 补贴表中调整"
        );
        assert_eq!(
            msg.get(Lang::En),
            "Correct 张三's pay for 2026-10, adjusted on the sheet of 2026-11"
        );
    }
}
