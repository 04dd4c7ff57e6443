//! The order a Chinese clerk expects names in: by Hanyu Pinyin, not by code point.
//!
//! [`sort_key`] turns a name into text whose plain byte order (SQLite's `BINARY`
//! collation, an index) is that order: syllable by syllable, tones ignored, then by the
//! characters themselves, so 马 and 麻 (both "ma") stay apart and always in the same order.
//! A polyphonic character at the start of a name is read as a surname (单 is Shàn,
//! 曾 Zēng, 解 Xiè, 仇 Qiú); elsewhere it takes its most common reading.

use pinyin::ToPinyin;

/// Readings of characters that read differently as a surname, longest first so that a
/// compound surname wins over its first character. 单于, read Chányú, is left out: in a
/// name today 单于 is far more often the surname 单 followed by the given name 于.
const SURNAME_READINGS: &[(&str, &[&str])] = &[
    ("尉迟", &["yu", "chi"]),
    ("万俟", &["mo", "qi"]),
    ("单", &["shan"]),
    ("曾", &["zeng"]),
    ("解", &["xie"]),
    ("仇", &["qiu"]),
    ("区", &["ou"]),
    ("查", &["zha"]),
    ("朴", &["piao"]),
    ("盖", &["ge"]),
    ("种", &["chong"]),
    ("重", &["chong"]),
    ("缪", &["miao"]),
    ("翟", &["zhai"]),
    ("祭", &["zhai"]),
    ("乐", &["yue"]),
    ("覃", &["qin"]),
    ("秘", &["bi"]),
    ("召", &["shao"]),
    ("句", &["gou"]),
    ("繁", &["po"]),
    ("折", &["she"]),
    ("都", &["du"]),
    ("薄", &["bo"]),
    ("藏", &["zang"]),
    ("粘", &["nian"]),
    ("乜", &["nie"]),
    ("员", &["yun"]),
];

/// Between the syllables of the key: sorts below every letter, so "zhan-" < "zhang".
const SYLLABLE_BREAK: char = '-';
/// Between the pinyin and the name: sorts below [`SYLLABLE_BREAK`], so a name that is the
/// start of another (张 and 张三) comes first.
const NAME_BREAK: char = ' ';

/// The key names sort by: their pinyin syllables, then the name itself.
///
/// `张三` gives `"zhang-san 张三"`. Latin letters and digits in a name count as one
/// syllable per run, in lower case; other marks (the · of a transliterated name, spaces)
/// are skipped; a character with no known reading is its own syllable and so sorts after
/// every pinyin one. ü is written v, as on a keyboard, so lü sorts after luo.
pub fn sort_key(name: &str) -> String {
    let mut syllables: Vec<String> = Vec::new();
    let mut rest = name;
    if let Some((surname, readings)) = SURNAME_READINGS
        .iter()
        .find(|(surname, _)| name.starts_with(surname))
    {
        syllables.extend(readings.iter().map(|r| (*r).to_string()));
        rest = &name[surname.len()..];
    }
    let mut run = String::new();
    for c in rest.chars() {
        if c.is_ascii_alphanumeric() {
            run.extend(c.to_lowercase());
            continue;
        }
        if !run.is_empty() {
            syllables.push(std::mem::take(&mut run));
        }
        if let Some(reading) = c.to_pinyin() {
            syllables.push(reading.plain().replace('ü', "v"));
        } else if c.is_alphanumeric() {
            syllables.push(c.to_lowercase().collect());
        }
    }
    if !run.is_empty() {
        syllables.push(run);
    }
    let mut key = syllables.join(&SYLLABLE_BREAK.to_string());
    key.push(NAME_BREAK);
    key.push_str(name);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|n| (*n).to_string()).collect();
        names.sort_by_key(|n| sort_key(n));
        names
    }

    #[test]
    fn keys_are_syllables_then_the_name() {
        assert_eq!(sort_key("张三"), "zhang-san 张三");
        assert_eq!(sort_key("吕布"), "lv-bu 吕布");
        assert_eq!(
            sort_key("阿依古丽·买买提"),
            "a-yi-gu-li-mai-mai-ti 阿依古丽·买买提"
        );
        assert_eq!(sort_key("Tom李"), "tom-li Tom李");
    }

    #[test]
    fn surnames_sort_by_pinyin_not_code_point() {
        // By code point 张 (U+5F20) < 陈 (U+9648) < 阿 (U+963F)... the clerk wants a, b, c, z.
        assert_eq!(
            sorted(&["张伟", "陈静", "白雪", "阿强"]),
            ["阿强", "白雪", "陈静", "张伟"]
        );
    }

    #[test]
    fn syllable_by_syllable_and_shorter_first() {
        assert_eq!(
            sorted(&["张三", "詹三", "张", "张三丰", "詹"]),
            ["詹", "詹三", "张", "张三", "张三丰"]
        );
    }

    #[test]
    fn tones_are_ignored_and_characters_break_ties() {
        // 妈 mā, 麻 má, 马 mǎ, 骂 mà: one syllable, so code point order decides.
        let names = sorted(&["马丽", "骂丽", "妈丽", "麻丽", "毛丽"]);
        assert_eq!(names, ["妈丽", "马丽", "骂丽", "麻丽", "毛丽"]);
    }

    #[test]
    fn polyphonic_surnames_take_their_surname_reading() {
        assert!(sort_key("单田芳").starts_with("shan-tian-fang "));
        assert!(sort_key("曾国藩").starts_with("zeng-guo-fan "));
        assert!(sort_key("解缙").starts_with("xie-jin "));
        assert!(sort_key("仇英").starts_with("qiu-ying "));
        assert!(sort_key("尉迟恭").starts_with("yu-chi-gong "));
        // Only as the surname: 简单 keeps dan.
        assert!(sort_key("简单").starts_with("jian-dan "));
        // 单 (Shàn) sorts among the sh-, after 沙 (sha), not among the d-.
        assert_eq!(
            sorted(&["单雄", "丁雄", "沙雄", "孙雄"]),
            ["丁雄", "沙雄", "单雄", "孙雄"]
        );
    }

    #[test]
    fn marks_are_skipped_and_unknown_characters_sort_last() {
        assert_eq!(sort_key("王 五"), "wang-wu 王 五");
        let unknown = sort_key("あ");
        assert!(unknown > sort_key("左左"), "{unknown}");
    }
}
