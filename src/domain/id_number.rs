//! Citizen identity numbers (公民身份号码) as defined by GB 11643-1999.
//!
//! Clerks type these by hand, paste them from spreadsheets and scanned forms,
//! and copy them off old 15-digit cards, so parsing is lenient about
//! *presentation* but strict about *content*: a number that passes here has a
//! plausible area code, a real birth date and a correct check character, which
//! catches almost every single-digit typo before it reaches the ledger.
//!
//! Presentation leniency, and why:
//! - Surrounding whitespace, including the full-width space U+3000 that
//!   Chinese input methods produce, is trimmed.
//! - Whitespace *inside* the number is ignored. Printed forms and Word tables
//!   often group the number as `370117 19900101 1234`, and a clerk who pastes
//!   that should not be made to edit it. Any other separator is rejected,
//!   because it more likely signals that the wrong field was pasted.
//! - Full-width digits `０-９` and `Ｘ`/`ｘ`, and lower-case `x`, are normalised;
//!   IMEs in full-width mode produce them and they look identical on screen.
//! - Legacy 15-digit numbers (6 area + YYMMDD + 3 sequence) are upgraded to the
//!   18-digit form, so the ledger only ever stores one canonical form and
//!   duplicates are detected regardless of which card the resident brought.

use jiff::civil::Date;
use thiserror::Error;

/// Weights of the ISO 7064 MOD 11-2 checksum, one per body digit.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// Check character indexed by the weighted sum modulo 11.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Earliest accepted birth year.
///
/// The standard's own worked example (`440524188001010014`) is born in 1880,
/// so a 1900 cut-off would reject a number the standard calls valid; 1800
/// still rejects obvious garbage such as year 0000 or 1090.
const EARLIEST_BIRTH_YEAR: i16 = 1800;

/// Sex as encoded in the parity of the 17th digit (the last sequence digit).
///
/// This is what the number *encodes*; the ledger needs it for age- and
/// sex-specific entitlements, and it cannot disagree with the card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sex {
    /// Odd sequence digit.
    Male,
    /// Even sequence digit.
    Female,
}

/// A validated, canonical 18-character identity number.
///
/// Always 17 ASCII digits followed by a digit or upper-case `X`, so two
/// numbers for the same person compare equal however they were entered.
/// There is deliberately no `Display` impl: showing the full number should be
/// a conscious choice (`as_str`) rather than an accident of `format!`, since
/// most screens must show it masked.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNumber {
    /// Canonical 18-character form; first so that ordering follows the text.
    value: String,
    /// Cached because the number was already proven to contain a real date.
    birth: Date,
}

/// Why a text is not an acceptable identity number.
///
/// Variants are specific so that the form can tell the clerk exactly what to
/// look at on the card instead of a generic "invalid".
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum IdNumberError {
    /// Nothing but whitespace was entered.
    #[error("the ID number is empty")]
    Empty,
    /// Wrong number of significant characters (whitespace not counted).
    #[error("an ID number has 18 characters (15 on old cards), but {len} were entered")]
    WrongLength {
        /// Count of characters after whitespace was removed.
        len: usize,
    },
    /// A character that can never appear at that place.
    #[error("character {position} ('{ch}') cannot appear in an ID number")]
    InvalidCharacter {
        /// 1-based character position in the trimmed input, as the clerk sees it.
        position: usize,
        /// The character exactly as entered.
        ch: char,
    },
    /// The checksum does not match: almost always a typo somewhere.
    #[error(
        "the last character should be '{expected}' but is '{found}'; the number was probably mistyped"
    )]
    BadCheckCharacter {
        /// Check character computed from the first 17 digits.
        expected: char,
        /// Check character as entered (normalised to upper case).
        found: char,
    },
    /// The birth date does not exist (e.g. 19990230) or is before 1800.
    #[error("the birth date in the ID number does not exist")]
    ImpossibleBirthDate,
    /// The birth date lies after today.
    #[error("the birth date in the ID number is in the future")]
    FutureBirthDate,
    /// The area code starts with 0 or 9, which no region uses.
    #[error("the area code (first digit) must be between 1 and 8")]
    BadAreaCode,
}

impl IdNumber {
    /// Parses and validates an identity number against today's date on the system clock.
    /// For callers without a context (a script, a doc example); the product passes its
    /// clock's date to [`IdNumber::parse_on`].
    ///
    /// # Errors
    ///
    /// As [`IdNumber::parse_on`].
    pub fn parse(input: &str) -> Result<Self, IdNumberError> {
        Self::parse_on(input, crate::clock::Clock::system().today())
    }

    /// Parses and validates an identity number, judging "future" against `today`.
    ///
    /// Separate from [`IdNumber::parse`] so that tests and imports of historic
    /// records are not at the mercy of the system clock.
    ///
    /// # Errors
    ///
    /// The first problem found, checked in the order a clerk would fix them:
    /// blank input, stray characters, length, area code, birth date, and
    /// finally the check character (a typo in the date would also break the
    /// checksum, but "date does not exist" points at the right digits).
    pub fn parse_on(input: &str, today: Date) -> Result<Self, IdNumberError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(IdNumberError::Empty);
        }

        // (1-based position in trimmed input, character as entered, normalised).
        let mut chars: Vec<(usize, char, char)> = Vec::with_capacity(18);
        for (index, raw) in trimmed.chars().enumerate() {
            if raw.is_whitespace() {
                continue;
            }
            let position = index + 1;
            match normalise_char(raw) {
                Some(c) => chars.push((position, raw, c)),
                None => return Err(IdNumberError::InvalidCharacter { position, ch: raw }),
            }
        }

        let len = chars.len();
        if len != 15 && len != 18 {
            return Err(IdNumberError::WrongLength { len });
        }
        // X is only meaningful as the check character of an 18-digit number.
        for (index, &(position, raw, c)) in chars.iter().enumerate() {
            if c == 'X' && !(len == 18 && index == 17) {
                return Err(IdNumberError::InvalidCharacter { position, ch: raw });
            }
        }

        let digits: String = chars.iter().map(|&(_, _, c)| c).collect();
        let body = if len == 18 {
            digits[..17].to_owned()
        } else {
            // Legacy cards were only issued to people born in the 1900s.
            format!("{}19{}", &digits[..6], &digits[6..])
        };

        if !matches!(body.as_bytes().first(), Some(b'1'..=b'8')) {
            return Err(IdNumberError::BadAreaCode);
        }

        let birth = birth_date_of(&body).ok_or(IdNumberError::ImpossibleBirthDate)?;
        if birth > today {
            return Err(IdNumberError::FutureBirthDate);
        }

        let expected = check_character(&body);
        if let (18, Some(&(_, _, found))) = (len, chars.last())
            && found != expected
        {
            return Err(IdNumberError::BadCheckCharacter { expected, found });
        }

        let mut value = body;
        value.push(expected);
        Ok(Self { value, birth })
    }

    /// The canonical 18-character form.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The birth date encoded in digits 7-14.
    pub fn birth_date(&self) -> Date {
        self.birth
    }

    /// Sex encoded by the parity of the 17th digit.
    pub fn sex(&self) -> Sex {
        let odd = self
            .value
            .as_bytes()
            .get(16)
            .is_some_and(|d| (d - b'0') % 2 == 1);
        if odd { Sex::Male } else { Sex::Female }
    }

    /// The six-digit administrative area code where the number was issued.
    ///
    /// This is where the resident was first registered, not necessarily where
    /// they live now, so it must not be used as an address.
    pub fn area_code(&self) -> &str {
        &self.value[..6]
    }

    /// Completed years of age on `date`.
    ///
    /// Someone born on 29 February becomes a year older on 1 March in common
    /// years, matching how Chinese civil law counts full age. Dates before the
    /// birth date yield 0 rather than a negative age, which no screen could use.
    pub fn age_on(&self, date: Date) -> i32 {
        age_on(self.birth, date)
    }
}

/// Maps a presentation variant to an ASCII digit or `X`; `None` if not allowed.
fn normalise_char(c: char) -> Option<char> {
    match c {
        '0'..='9' | 'X' => Some(c),
        'x' | 'Ｘ' | 'ｘ' => Some('X'),
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        _ => None,
    }
}

/// Birth date from the 17-digit body, or `None` if it is not a real date.
fn birth_date_of(body: &str) -> Option<Date> {
    let year: i16 = body.get(6..10)?.parse().ok()?;
    let month: i8 = body.get(10..12)?.parse().ok()?;
    let day: i8 = body.get(12..14)?.parse().ok()?;
    if year < EARLIEST_BIRTH_YEAR {
        return None;
    }
    Date::new(year, month, day).ok()
}

/// Full years from `birth` to `date`; 0 before birth. Someone born on 29 February
/// turns a year older on 1 March in common years.
pub fn age_on(birth: Date, date: Date) -> i32 {
    let mut age = i32::from(date.year()) - i32::from(birth.year());
    if (date.month(), date.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age.max(0)
}

/// ISO 7064 MOD 11-2 check character of a 17-digit body.
pub fn check_character(body: &str) -> char {
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(digit, weight)| char::from(digit).to_digit(10).unwrap_or(0) * weight)
        .sum();
    CHECK_CHARS[(sum % 11) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2024, 6, 15);

    fn parse(s: &str) -> Result<IdNumber, IdNumberError> {
        IdNumber::parse_on(s, TODAY)
    }

    #[test]
    fn standard_example_female() {
        let id = parse("11010519491231002X").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(id.birth_date(), date(1949, 12, 31));
        assert_eq!(id.sex(), Sex::Female);
        assert_eq!(id.area_code(), "110105");
    }

    #[test]
    fn standard_example_male_born_1880() {
        let id = parse("440524188001010014").unwrap();
        assert_eq!(id.birth_date(), date(1880, 1, 1));
        assert_eq!(id.sex(), Sex::Male);
        assert_eq!(id.area_code(), "440524");
    }

    #[test]
    fn lowercase_x_is_normalised() {
        let id = parse("11010519491231002x").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    #[test]
    fn fifteen_digit_number_is_upgraded() {
        // Hand check of 11010519491231002: weighted sum 167, 167 mod 11 = 2 -> 'X'.
        let id = parse("110105491231002").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(id, parse("11010519491231002X").unwrap());
        assert_eq!(id.sex(), Sex::Female);
    }

    #[test]
    fn full_width_input_is_normalised() {
        let id = parse("\u{3000}１１０１０５１９４９１２３１００２ｘ\u{3000}").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        let id = parse("１１０１０５１９４９１２３１００２Ｘ").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    #[test]
    fn surrounding_and_grouping_spaces_are_ignored() {
        for input in [
            "  11010519491231002X\t\n",
            "110105 19491231 002X",
            "110105\u{3000}19491231\u{a0}002X",
        ] {
            assert_eq!(
                parse(input).unwrap().as_str(),
                "11010519491231002X",
                "{input:?}"
            );
        }
    }

    /// Shorthand for the most common error in the tables below.
    fn invalid(position: usize, ch: char) -> IdNumberError {
        IdNumberError::InvalidCharacter { position, ch }
    }

    #[test]
    fn every_error_variant() {
        use IdNumberError as E;
        let bad_check = |expected, found| E::BadCheckCharacter { expected, found };
        let cases = [
            ("", E::Empty),
            (" \u{3000} ", E::Empty),
            ("1101051949123100", E::WrongLength { len: 16 }),
            ("11010519491231002X1", E::WrongLength { len: 19 }),
            ("1101 05", E::WrongLength { len: 6 }),
            ("11010519491231002Y", invalid(18, 'Y')),
            // Position counts the spaces the clerk sees.
            ("110105 1949-1231002X", invalid(12, '-')),
            // X anywhere but the check position.
            ("1101051949123100X2", invalid(17, 'X')),
            // 15-digit numbers have no check character at all.
            ("11010549123100x", invalid(15, 'x')),
            ("110105194912310021", bad_check('X', '1')),
            // Two sequence digits swapped: sum 171, 171 mod 11 = 6 -> '6'.
            ("11010519491231020X", bad_check('6', 'X')),
            ("110105199902300011", E::ImpossibleBirthDate),
            ("110105199913010011", E::ImpossibleBirthDate),
            ("110105199900000011", E::ImpossibleBirthDate),
            ("110105179912310011", E::ImpossibleBirthDate),
            // 1900 was not a leap year.
            ("110105000229001", E::ImpossibleBirthDate),
            // TODAY is 2024-06-15.
            ("110105202406160011", E::FutureBirthDate),
            ("910105491231002", E::BadAreaCode),
        ];
        for (input, expected) in cases {
            assert_eq!(parse(input), Err(expected), "{input:?}");
        }
        for body in ["01010519491231002", "91010519491231002"] {
            assert_eq!(parse(&with_check(body)), Err(E::BadAreaCode), "{body}");
        }
    }

    #[test]
    fn born_today_is_not_future() {
        let id = parse(&with_check("11010520240615001")).unwrap();
        assert_eq!(id.age_on(TODAY), 0);
    }

    #[test]
    fn age_around_birthday() {
        let id = parse("11010519491231002X").unwrap();
        assert_eq!(id.age_on(date(2024, 12, 30)), 74);
        assert_eq!(id.age_on(date(2024, 12, 31)), 75);
        assert_eq!(id.age_on(date(2025, 1, 1)), 75);
        assert_eq!(id.age_on(date(1949, 12, 31)), 0);
        assert_eq!(id.age_on(date(1940, 1, 1)), 0);
    }

    #[test]
    fn age_of_leap_day_birth() {
        let id = parse(&with_check("37011720000229001")).unwrap();
        assert_eq!(id.age_on(date(2023, 2, 28)), 22);
        assert_eq!(id.age_on(date(2023, 3, 1)), 23);
        assert_eq!(id.age_on(date(2024, 2, 29)), 24);
    }

    fn with_check(body: &str) -> String {
        format!("{body}{}", check_character(body))
    }
}
