//! Money as integer fen (分, 1/100 yuan) and hours as integer tenths of an hour.
//!
//! Subsidies are summed, prorated and exported to the bank, so every amount
//! is an exact integer: floating point would let 0.1 + 0.2 drift and make the
//! ledger disagree with the bank file by a fen.
//!
//! Parsing is lenient about layout because clerks type figures through a
//! Chinese IME or paste them from spreadsheets and notices:
//! - full-width digits and punctuation (`１５００．５`, `－`, `，`);
//! - the ideographic full stop `。` as decimal point, since it is what the
//!   `.` key produces while the IME is in Chinese punctuation mode;
//! - thousands separators, but only in correct groups of three, so that a
//!   European decimal comma (`1,5`) is rejected instead of read as 15;
//! - a currency mark `¥`, `￥` or `元` before or after the figure.
//!
//! It is strict about precision: more decimals than the unit holds are
//! rejected rather than rounded, because a silently rounded amount is an
//! amount nobody entered.

use thiserror::Error;

/// An amount of money in fen (1/100 yuan); negative for deductions and refunds.
pub type Fen = i64;

/// Why a typed amount or number of hours was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Error)]
pub enum MoneyError {
    /// Nothing but whitespace was entered.
    #[error("the amount is empty")]
    Empty,
    /// The text is not a number in an accepted layout.
    #[error("not a valid amount (examples: 1500, 1500.50, 1,500.00, ¥1500, 1500元)")]
    Invalid,
    /// More decimal places than the unit can hold (2 for yuan, 1 for hours).
    #[error("too many decimal places (yuan take at most 2, hours at most 1)")]
    TooManyDecimals,
    /// The number does not fit in the integer the ledger stores.
    #[error("the amount is too large")]
    TooLarge,
}

/// Formats fen as yuan with exactly two decimals, e.g. `1500.00`, `-12.30`.
///
/// No thousands separator: the text goes into bank files and spreadsheets,
/// which read separators as text. Takes sums beyond `i64` too (a report's totals are
/// summed as `i128`), always from the integer, so no rounding of a double creeps in.
pub fn format_yuan(fen: impl Into<i128>) -> String {
    let fen: i128 = fen.into();
    // unsigned_abs keeps the minimum printable, where plain abs() would overflow.
    let abs = fen.unsigned_abs();
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Parses a yuan amount typed by a clerk into fen.
///
/// Accepts `1500`, `1500.5`, `1500.50`, ` 1,500.00 `, `１５００．５`,
/// `-12.3`, `－12.3`, `¥1500`, `￥-1500`, `1500元`; see the module
/// documentation for the reasons behind each leniency.
pub fn parse_yuan(text: &str) -> Result<Fen, MoneyError> {
    let normalised = normalise(text)?;
    let mut rest = normalised.as_str();
    let mut negative = false;
    let mut seen_sign = false;
    let mut seen_mark = false;
    // Sign and currency mark may come in either order: `-¥5` and `¥-5` both occur.
    loop {
        rest = rest.trim_start();
        if !seen_sign && let Some(r) = rest.strip_prefix('-') {
            negative = true;
            seen_sign = true;
            rest = r;
        } else if !seen_mark && let Some(r) = strip_mark_prefix(rest) {
            seen_mark = true;
            rest = r;
        } else {
            break;
        }
    }
    rest = rest.trim_end();
    if let Some(r) = strip_mark_suffix(rest) {
        rest = r.trim_end();
    }
    let magnitude = parse_decimal(rest, 2, true)?;
    Ok(if negative { -magnitude } else { magnitude })
}

/// Parses hours worked, e.g. `80`, `80.5`, `７５.５`, into tenths of an hour.
///
/// Tenths because the bureau's timesheets record half hours at most, and one
/// decimal is what the sheets print; negative hours are rejected as invalid.
pub fn parse_hours_tenths(text: &str) -> Result<i64, MoneyError> {
    let normalised = normalise(text)?;
    parse_decimal(&normalised, 1, false)
}

/// Formats tenths of an hour as hours, `80` for whole hours and `80.5` otherwise.
pub fn format_hours_tenths(t: i64) -> String {
    let abs = t.unsigned_abs();
    let sign = if t < 0 { "-" } else { "" };
    if abs.is_multiple_of(10) {
        format!("{sign}{}", abs / 10)
    } else {
        format!("{sign}{}.{}", abs / 10, abs % 10)
    }
}

/// Trims the text and maps full-width and IME characters to their ASCII forms.
fn normalise(text: &str) -> Result<String, MoneyError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(MoneyError::Empty);
    }
    Ok(trimmed.chars().map(normalise_char).collect())
}

/// One character of [`normalise`]; anything unknown passes through to fail later.
fn normalise_char(c: char) -> char {
    match c {
        '０'..='９' => {
            char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
        }
        '．' | '。' => '.',
        '，' => ',',
        // Full-width hyphen-minus and the mathematical minus sign from Word documents.
        '－' | '−' => '-',
        '￥' => '¥',
        _ => c,
    }
}

/// Removes a leading currency mark, if any.
fn strip_mark_prefix(text: &str) -> Option<&str> {
    text.strip_prefix('¥').or_else(|| text.strip_prefix('元'))
}

/// Removes a trailing currency mark, if any.
fn strip_mark_suffix(text: &str) -> Option<&str> {
    text.strip_suffix('元').or_else(|| text.strip_suffix('¥'))
}

/// Parses unsigned `digits[.digits]` scaled by 10^`decimals`.
fn parse_decimal(text: &str, decimals: usize, allow_grouping: bool) -> Result<i64, MoneyError> {
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    if int_part.contains(',') && !(allow_grouping && grouped_correctly(int_part)) {
        return Err(MoneyError::Invalid);
    }
    let int_digits: String = int_part.chars().filter(|&c| c != ',').collect();
    if !is_digits(&int_digits) {
        return Err(MoneyError::Invalid);
    }
    let frac_digits = match frac_part {
        // A bare trailing point (`1500.`) is more likely a slip than a figure.
        Some(f) if !is_digits(f) => return Err(MoneyError::Invalid),
        Some(f) if f.len() > decimals => return Err(MoneyError::TooManyDecimals),
        Some(f) => f,
        None => "",
    };
    let mut value: i64 = 0;
    let padding = std::iter::repeat_n(b'0', decimals - frac_digits.len());
    for digit in int_digits.bytes().chain(frac_digits.bytes()).chain(padding) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(digit - b'0')))
            .ok_or(MoneyError::TooLarge)?;
    }
    Ok(value)
}

/// True when `text` is one or more ASCII digits.
fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// True when commas split the digits as `1,234,567`: 1-3 digits, then groups of 3.
fn grouped_correctly(int_part: &str) -> bool {
    let mut groups = int_part.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    first_ok && groups.all(|g| g.len() == 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_two_decimals() {
        assert_eq!(format_yuan(150_000), "1500.00");
        assert_eq!(format_yuan(-1_230), "-12.30");
        assert_eq!(format_yuan(5), "0.05");
        assert_eq!(format_yuan(-5), "-0.05");
        assert_eq!(format_yuan(0), "0.00");
        assert_eq!(format_yuan(123_456_789), "1234567.89");
        // 9223372036854775808 fen = 92233720368547758.08 yuan; must not overflow.
        assert_eq!(format_yuan(i64::MIN), "-92233720368547758.08");
    }

    #[test]
    fn parses_plain_amounts() {
        assert_eq!(parse_yuan("1500"), Ok(150_000));
        assert_eq!(parse_yuan("1500.5"), Ok(150_050));
        assert_eq!(parse_yuan("1500.50"), Ok(150_050));
        assert_eq!(parse_yuan("0.05"), Ok(5));
        assert_eq!(parse_yuan("0"), Ok(0));
        assert_eq!(parse_yuan("007"), Ok(700));
    }

    #[test]
    fn parses_separators_and_spacing() {
        assert_eq!(parse_yuan(" 1,500.00 "), Ok(150_000));
        assert_eq!(parse_yuan("1,234,567.89"), Ok(123_456_789));
        assert_eq!(parse_yuan("\u{3000}1500\u{3000}"), Ok(150_000));
    }

    #[test]
    fn parses_full_width_and_ime_input() {
        assert_eq!(parse_yuan("１５００．５"), Ok(150_050));
        assert_eq!(parse_yuan("１，５００"), Ok(150_000));
        assert_eq!(parse_yuan("1500。5"), Ok(150_050));
        assert_eq!(parse_yuan("－１２．３"), Ok(-1_230));
    }

    #[test]
    fn parses_signs_and_currency_marks() {
        assert_eq!(parse_yuan("-12.3"), Ok(-1_230));
        assert_eq!(parse_yuan("¥1500"), Ok(150_000));
        assert_eq!(parse_yuan("￥1,500.00"), Ok(150_000));
        assert_eq!(parse_yuan("1500元"), Ok(150_000));
        assert_eq!(parse_yuan("1500 元"), Ok(150_000));
        assert_eq!(parse_yuan("-¥12.30"), Ok(-1_230));
        assert_eq!(parse_yuan("¥-12.30"), Ok(-1_230));
        assert_eq!(parse_yuan("-0"), Ok(0));
    }

    #[test]
    fn rejects_empty() {
        assert_eq!(parse_yuan(""), Err(MoneyError::Empty));
        assert_eq!(parse_yuan("  \u{3000} "), Err(MoneyError::Empty));
    }

    #[test]
    fn rejects_garbage() {
        for text in [
            "abc", "12a", "1.2.3", ".5", "1500.", "-", "¥", "元", "--5", "¥¥5", "1 500", "1,5",
            "1,50", "1500,00", ",150", "1,500,", "+5", "1e3", "1.-5",
        ] {
            assert_eq!(parse_yuan(text), Err(MoneyError::Invalid), "{text:?}");
        }
    }

    #[test]
    fn rejects_extra_decimals() {
        assert_eq!(parse_yuan("1500.505"), Err(MoneyError::TooManyDecimals));
        assert_eq!(parse_yuan("0.001"), Err(MoneyError::TooManyDecimals));
        // Even zeros: the clerk's figure might have come from a rate table in li (厘).
        assert_eq!(parse_yuan("1500.500"), Err(MoneyError::TooManyDecimals));
    }

    #[test]
    fn rejects_overflow() {
        // i64::MAX fen = 92233720368547758.07 yuan fits; one fen more does not.
        assert_eq!(parse_yuan("92233720368547758.07"), Ok(i64::MAX));
        assert_eq!(
            parse_yuan("92233720368547758.08"),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(
            parse_yuan("99999999999999999999"),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(parse_yuan("-92233720368547758.07"), Ok(-i64::MAX));
    }

    #[test]
    fn round_trips() {
        for fen in [0, 5, 99, 100, 150_050, -1_230, i64::MAX, -i64::MAX] {
            assert_eq!(parse_yuan(&format_yuan(fen)), Ok(fen));
        }
    }

    #[test]
    fn parses_hours() {
        assert_eq!(parse_hours_tenths("80"), Ok(800));
        assert_eq!(parse_hours_tenths("80.5"), Ok(805));
        assert_eq!(parse_hours_tenths("７５.５"), Ok(755));
        assert_eq!(parse_hours_tenths("７５．５"), Ok(755));
        assert_eq!(parse_hours_tenths(" 0 "), Ok(0));
        assert_eq!(parse_hours_tenths("0.5"), Ok(5));
    }

    #[test]
    fn rejects_bad_hours() {
        assert_eq!(parse_hours_tenths(""), Err(MoneyError::Empty));
        assert_eq!(
            parse_hours_tenths("80.25"),
            Err(MoneyError::TooManyDecimals)
        );
        assert_eq!(
            parse_hours_tenths("80.50"),
            Err(MoneyError::TooManyDecimals)
        );
        for text in ["-5", "－5", "1,000", "80h", "¥80", "eighty", "80."] {
            assert_eq!(
                parse_hours_tenths(text),
                Err(MoneyError::Invalid),
                "{text:?}"
            );
        }
        assert_eq!(
            parse_hours_tenths("922337203685477580.8"),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn formats_hours() {
        assert_eq!(format_hours_tenths(800), "80");
        assert_eq!(format_hours_tenths(805), "80.5");
        assert_eq!(format_hours_tenths(5), "0.5");
        assert_eq!(format_hours_tenths(0), "0");
        for tenths in [0, 5, 10, 755, 805] {
            assert_eq!(parse_hours_tenths(&format_hours_tenths(tenths)), Ok(tenths));
        }
    }

    #[test]
    fn a_sum_beyond_i64_prints_exactly() {
        assert_eq!(
            format_yuan(i128::from(i64::MAX) * 3),
            "276701161105643274.21"
        );
        assert_eq!(format_yuan(-7), "-0.07");
    }
}
