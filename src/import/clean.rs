//! Cleaning one cell: the spaces, full-width characters, date forms, ID numbers stored as
//! numbers, amounts and phones that offices' spreadsheets hold. Each function takes a cell
//! and returns a clean value or why not; none guesses.

use jiff::civil::Date;

use super::read::{Cell, number_text};
use crate::domain::id_number::{IdNumber, Sex};
use crate::domain::money::{Fen, parse_yuan};
use crate::domain::phone::Phone;

/// Trims every kind of space (the ideographic space U+3000 and the no-break space too),
/// and turns full-width digits, letters and punctuation (U+FF01–U+FF5E) into ASCII.
pub fn normalise(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}' | '\u{FEFF}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    mapped.trim().to_string()
}

/// A header as compared with the names offices use: normalised, without any space, line
/// break, required-field star, or the brackets' shape.
pub fn header_key(text: &str) -> String {
    normalise(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '※' | '＊' | ':' | '：'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The date of an Excel serial number (1900 system, with Excel's phantom 29 February 1900:
/// serial 61 is 1 March 1900), if it is a plausible date.
pub fn excel_serial_date(serial: f64) -> Option<Date> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let base = Date::constant(1899, 12, 30);
    let days = if days < 61 { days + 1 } else { days };
    base.checked_add(jiff::Span::new().days(days)).ok()
}

/// Why a cell is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// The text is in no form the import knows.
    Unknown(String),
    /// The numbers make no calendar date (2026-02-30).
    Impossible(String),
}

/// A date from a date cell, an Excel serial number, or `2026-06-01`, `2026/6/1`,
/// `2026.6.1`, `2026年6月1日`, `20260601` (a time after the date is ignored). Empty: none.
pub fn date(cell: &Cell) -> Result<Option<Date>, DateProblem> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) if n.fract() == 0.0 && (19_000_101.0..=21_001_231.0).contains(n) => {
            compact_date(&number_text(*n)).map(Some)
        }
        Cell::Number(n) => excel_serial_date(*n)
            .map(Some)
            .ok_or_else(|| DateProblem::Unknown(number_text(*n))),
        Cell::Text(t) => {
            let t = normalise(t);
            if t.is_empty() {
                return Ok(None);
            }
            date_text(&t).map(Some)
        }
    }
}

fn date_text(t: &str) -> Result<Date, DateProblem> {
    let unknown = || DateProblem::Unknown(t.to_string());
    // A time after the date ("2026-06-01 00:00:00", "2026/6/1 8:00").
    let day_part = t.split([' ', 'T']).next().unwrap_or(t);
    if day_part.len() == 8 && day_part.bytes().all(|b| b.is_ascii_digit()) {
        return compact_date(day_part);
    }
    // A serial number typed into a CSV, as Excel writes a date column it did not format.
    if (3..=5).contains(&day_part.len()) && day_part.bytes().all(|b| b.is_ascii_digit()) {
        let n: f64 = day_part.parse().map_err(|_| unknown())?;
        return excel_serial_date(n).ok_or_else(unknown);
    }
    let parts: Vec<&str> = day_part
        .trim_end_matches('日')
        .trim_end_matches('号')
        .split(['-', '/', '.', '年', '月'])
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(unknown());
    };
    let num = |s: &str, max_len: usize| -> Result<i64, DateProblem> {
        if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(unknown());
        }
        s.parse().map_err(|_| unknown())
    };
    let (y, m, d) = (num(y, 4)?, num(m, 2)?, num(d, 2)?);
    if y < 1000 {
        return Err(unknown());
    }
    Date::new(y as i16, m as i8, d as i8).map_err(|_| DateProblem::Impossible(t.to_string()))
}

fn compact_date(digits: &str) -> Result<Date, DateProblem> {
    let n = |r: std::ops::Range<usize>| digits[r].parse::<i64>().unwrap_or(0);
    Date::new(n(0..4) as i16, n(4..6) as i8, n(6..8) as i8)
        .map_err(|_| DateProblem::Impossible(digits.to_string()))
}

/// Why an ID cell was not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdProblem {
    /// Excel stored the number as a number: beyond 15 digits they are lost.
    StoredAsNumber(String),
    /// The registry's check refused it.
    Invalid(crate::domain::id_number::IdNumberError),
}

/// The ID number in `cell`, checked as the registry checks it (a 15-digit number is
/// upgraded). An 18-digit number that Excel stored as a number, or shows in scientific
/// notation, has lost its last digits: refused, never guessed.
pub fn id_number(cell: &Cell, today: Date) -> Result<Option<IdNumber>, IdProblem> {
    let text = match cell {
        Cell::Empty => return Ok(None),
        // Up to 15 digits a double is exact: an old 15-digit number survives.
        Cell::Number(n) if n.fract() == 0.0 && *n < 1e15 && *n >= 0.0 => number_text(*n),
        Cell::Number(n) => return Err(IdProblem::StoredAsNumber(format!("{n:E}"))),
        Cell::Date(d) => d.to_string(),
        Cell::Text(t) => normalise(t),
    };
    if text.is_empty() {
        return Ok(None);
    }
    let upper = text.to_ascii_uppercase();
    if upper.contains("E+")
        || (upper.contains('.')
            && upper
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'E' || b == b'+'))
    {
        return Err(IdProblem::StoredAsNumber(text));
    }
    IdNumber::parse_on(&text, today)
        .map(Some)
        .map_err(IdProblem::Invalid)
}

/// The sex a 性别 cell states, if it states one.
pub fn sex(cell: &Cell) -> Option<Sex> {
    match cell.text().to_lowercase().as_str() {
        "男" | "男性" | "m" | "male" | "1" => Some(Sex::Male),
        "女" | "女性" | "f" | "female" | "2" => Some(Sex::Female),
        _ => None,
    }
}

/// An amount in fen from a number cell or from text with thousands separators, ¥ or 元;
/// exact to the fen (a number cell is read through its shortest decimal text).
pub fn amount_fen(cell: &Cell) -> Result<Option<Fen>, String> {
    let text = cell.text();
    if text.is_empty() {
        return Ok(None);
    }
    parse_yuan(&text).map(Some).map_err(|_| text)
}

/// What was made of a phone cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneCell {
    /// Nothing there.
    Empty,
    /// A mobile or a landline with area code.
    Phone(Phone),
    /// Too short, too long, or not a number: kept out, with a warning.
    Doubtful(String),
}

/// A phone from its cell: mobiles and landlines with area code; anything else doubtful.
pub fn phone(cell: &Cell) -> PhoneCell {
    let text = cell.text();
    if text.is_empty() {
        return PhoneCell::Empty;
    }
    match Phone::parse(&text) {
        Ok(p) => PhoneCell::Phone(p),
        Err(_) => PhoneCell::Doubtful(text),
    }
}

/// Splits a list cell (`特困、低保`, `特困,低保`, `特困/低保`) into its items.
pub fn list_items(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', '/', ';', '；', '|', ' '])
        .map(normalise)
        .filter(|s| !s.is_empty())
        .collect()
}

/// A name as compared across variants: normalised, with the usual suffixes (类, 岗位, 岗)
/// taken off, so 公共服务, 公共服务类 and 公共服务岗 are one.
pub fn category_key(text: &str) -> String {
    let mut key = header_key(text);
    for suffix in ["岗位", "类", "岗", "人员", "户", "对象"] {
        if let Some(k) = key.strip_suffix(suffix)
            && !k.is_empty()
        {
            key = k.to_string();
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn spaces_and_full_width_are_normalised() {
        assert_eq!(normalise("\u{3000}张三\u{3000} "), "张三");
        assert_eq!(normalise("１３８１２３４５６７８"), "13812345678");
        assert_eq!(normalise("ＡＢｃ"), "ABc");
        assert_eq!(header_key(" 身份证号\n（必填）*"), "身份证号(必填)");
    }

    #[test]
    fn every_date_form() {
        let d = Date::constant(2026, 6, 1);
        for s in [
            "2026-06-01",
            "2026/6/1",
            "2026.6.1",
            "2026年6月1日",
            "20260601",
            "2026-06-01 00:00:00",
            "２０２６年６月１日",
        ] {
            assert_eq!(date(&t(s)), Ok(Some(d)), "{s}");
        }
        assert_eq!(date(&Cell::Date(d)), Ok(Some(d)));
        // Excel's serial for 2026-06-01.
        assert_eq!(date(&Cell::Number(46174.0)), Ok(Some(d)));
        assert_eq!(date(&t("46174")), Ok(Some(d)));
        assert_eq!(date(&Cell::Number(20260601.0)), Ok(Some(d)));
        assert_eq!(excel_serial_date(1.0), Some(Date::constant(1900, 1, 1)));
        assert_eq!(excel_serial_date(61.0), Some(Date::constant(1900, 3, 1)));
        assert!(matches!(
            date(&t("2026-02-30")),
            Err(DateProblem::Impossible(_))
        ));
        assert!(matches!(date(&t("六月一日")), Err(DateProblem::Unknown(_))));
        assert_eq!(date(&t("\u{3000}")), Ok(None));
    }

    #[test]
    fn an_id_stored_as_a_number_is_refused_not_guessed() {
        let today = Date::constant(2026, 12, 1);
        assert!(matches!(
            id_number(&Cell::Number(110105194912310000.0), today),
            Err(IdProblem::StoredAsNumber(_))
        ));
        assert!(matches!(
            id_number(&t("1.10105E+17"), today),
            Err(IdProblem::StoredAsNumber(_))
        ));
        let id = id_number(&t("１１０１０５１９４９１２３１００２ｘ"), today)
            .unwrap()
            .unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        // Fifteen digits fit a double exactly, and are upgraded.
        let old = id_number(&Cell::Number(110105491231002.0), today)
            .unwrap()
            .unwrap();
        assert_eq!(old.as_str(), "11010519491231002X");
        assert!(matches!(
            id_number(&t("110105194912310021"), today),
            Err(IdProblem::Invalid(_))
        ));
    }

    #[test]
    fn amounts_phones_sexes_and_categories() {
        assert_eq!(amount_fen(&t("1,500.50元")), Ok(Some(150050)));
        assert_eq!(amount_fen(&Cell::Number(1500.1)), Ok(Some(150010)));
        assert_eq!(amount_fen(&t("约1500")), Err("约1500".into()));
        assert!(matches!(phone(&t("138 1234 5678")), PhoneCell::Phone(_)));
        assert!(matches!(phone(&t("0634-6012345")), PhoneCell::Phone(_)));
        assert!(matches!(phone(&t("1381234")), PhoneCell::Doubtful(_)));
        assert!(matches!(
            phone(&Cell::Number(13812345678.0)),
            PhoneCell::Phone(_)
        ));
        assert_eq!(sex(&t("女")), Some(Sex::Female));
        assert_eq!(category_key("公共服务类"), category_key("公共服务"));
        assert_eq!(category_key("公共服务岗位"), "公共服务");
        assert_eq!(list_items("特困、低保,残疾"), vec!["特困", "低保", "残疾"]);
    }
}
