//! Mainland Chinese telephone numbers: mobiles and landlines with area code.
//!
//! Residents give numbers in every conceivable layout (`138 1234 5678`,
//! `(0634)6012345`, `+86 138…`, full-width digits from an IME), and the ledger
//! must both recognise the same number twice and let staff dial it, so parsing
//! accepts common layouts and stores one canonical text:
//! - mobile: 11 digits, e.g. `13812345678`;
//! - landline: `area-subscriber`, e.g. `0634-6012345`, optionally followed by
//!   `-extension` (1-5 digits), e.g. `0634-6012345-123`.
//!
//! Decisions worth knowing:
//! - The area code length is derived from its digits (`010` and `02x` are
//!   3 digits, all others 4), which is how the national numbering plan works,
//!   so `06346012345` without separators is understood too.
//! - An extension may be written as `-123` or as `转123`, since 转 ("transfer")
//!   is how extensions are normally written on Chinese letterheads.
//! - A landline without area code is rejected: the ledger serves a whole
//!   district, and a bare 7-digit number is ambiguous once data is exported.
//! - Service numbers (400/800) and foreign numbers are rejected; residents do
//!   not have them as personal contacts.

use thiserror::Error;

/// Which kind of line a number belongs to; mobiles can receive SMS reminders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PhoneKind {
    /// 11-digit mobile number starting with 1.
    Mobile,
    /// Fixed line with area code.
    Landline,
}

/// A validated phone number in canonical form.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone {
    /// Canonical text, see the module documentation.
    value: String,
    /// Derived at parse time so that callers need not re-inspect the text.
    kind: PhoneKind,
}

/// Why a text is not an acceptable phone number.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PhoneError {
    /// Nothing but whitespace was entered.
    #[error("the phone number is empty")]
    Empty,
    /// A character that never belongs in a phone number (letters, slashes…).
    #[error("character {position} ('{ch}') cannot appear in a phone number")]
    InvalidCharacter {
        /// 1-based character position in the trimmed input, as the clerk sees it.
        position: usize,
        /// The character exactly as entered.
        ch: char,
    },
    /// Only allowed characters, but not in the shape of any supported number.
    #[error(
        "not a valid phone number (mobile: 11 digits starting with 1; landline: area code such as 0634-1234567)"
    )]
    NotAPhoneNumber,
}

/// Longest extension accepted; longer "extensions" are usually a second number.
const MAX_EXTENSION_DIGITS: usize = 5;

/// Run of digits plus whether a hyphen preceded it (an extension marker).
struct Group {
    digits: String,
    after_hyphen: bool,
}

impl Phone {
    /// Parses a phone number in any common layout into canonical form.
    ///
    /// # Errors
    ///
    /// [`PhoneError::Empty`] for blank input, [`PhoneError::InvalidCharacter`]
    /// for a character that never belongs in a phone number, and
    /// [`PhoneError::NotAPhoneNumber`] when the digits fit no supported shape.
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(PhoneError::Empty);
        }

        let mut groups: Vec<Group> = Vec::new();
        let mut international = false;
        let mut transfer_ext: Option<String> = None;
        let mut saw_hyphen = false;
        let mut prev_digit = false;
        for (index, raw) in trimmed.chars().enumerate() {
            let position = index + 1;
            let invalid = PhoneError::InvalidCharacter { position, ch: raw };
            let c = normalise_char(raw).ok_or_else(|| invalid.clone())?;
            if let Some(ext) = transfer_ext.as_mut() {
                // After 转 only the extension digits may follow.
                match c {
                    '0'..='9' => ext.push(c),
                    ' ' => {}
                    _ => return Err(invalid),
                }
                continue;
            }
            let is_digit = c.is_ascii_digit();
            match c {
                '0'..='9' => match groups.last_mut() {
                    Some(group) if prev_digit => group.digits.push(c),
                    _ => {
                        groups.push(Group {
                            digits: c.to_string(),
                            after_hyphen: saw_hyphen,
                        });
                        saw_hyphen = false;
                    }
                },
                '+' if index == 0 => international = true,
                '转' if !groups.is_empty() => transfer_ext = Some(String::new()),
                // A '+' not in front, or 转 before any number.
                '+' | '转' => return Err(invalid),
                '-' => saw_hyphen = true,
                _ => {}
            }
            prev_digit = is_digit;
        }

        let digits: String = groups.iter().map(|g| g.digits.as_str()).collect();
        let national = if international {
            Some(
                digits
                    .strip_prefix("86")
                    .ok_or(PhoneError::NotAPhoneNumber)?,
            )
        } else {
            digits.strip_prefix("0086")
        };

        // Landlines are never recorded with +86, so a country code means mobile.
        let mobile_digits = match national {
            Some(number) => Some(number),
            None => digits.starts_with('1').then_some(digits.as_str()),
        };
        if let Some(number) = mobile_digits {
            // Mobiles have no extensions.
            if transfer_ext.is_some() {
                return Err(PhoneError::NotAPhoneNumber);
            }
            return mobile(number).ok_or(PhoneError::NotAPhoneNumber);
        }

        let first_len = groups.first().map_or(0, |g| g.digits.len());
        if let Some(ext) = transfer_ext {
            if !(1..=MAX_EXTENSION_DIGITS).contains(&ext.len()) {
                return Err(PhoneError::NotAPhoneNumber);
            }
            return landline(&digits, first_len, Some(&ext)).ok_or(PhoneError::NotAPhoneNumber);
        }
        if let Some(phone) = landline(&digits, first_len, None) {
            return Ok(phone);
        }
        // Otherwise a trailing "-123" may be an extension.
        match groups.split_last() {
            Some((last, rest))
                if !rest.is_empty()
                    && last.after_hyphen
                    && last.digits.len() <= MAX_EXTENSION_DIGITS =>
            {
                let number: String = rest.iter().map(|g| g.digits.as_str()).collect();
                landline(&number, first_len, Some(&last.digits)).ok_or(PhoneError::NotAPhoneNumber)
            }
            _ => Err(PhoneError::NotAPhoneNumber),
        }
    }

    /// The canonical text, suitable for display and for dialling.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// Whether this is a mobile or a landline number.
    pub fn kind(&self) -> PhoneKind {
        self.kind
    }
}

/// Maps presentation variants to ASCII; `None` for characters never allowed.
///
/// Whitespace and parentheses become separators; the various dashes that
/// word processors substitute for '-' become '-'.
fn normalise_char(c: char) -> Option<char> {
    match c {
        '0'..='9' | '+' | '-' | '转' => Some(c),
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        '＋' => Some('+'),
        '－' | '‐' | '‑' | '–' | '—' => Some('-'),
        '(' | ')' | '（' | '）' => Some(' '),
        c if c.is_whitespace() => Some(' '),
        _ => None,
    }
}

/// Builds a mobile number from bare digits if they form one.
fn mobile(digits: &str) -> Option<Phone> {
    let bytes = digits.as_bytes();
    let valid = bytes.len() == 11 && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1]);
    valid.then(|| Phone {
        value: digits.to_owned(),
        kind: PhoneKind::Mobile,
    })
}

/// Builds a landline from bare digits (area code + subscriber) if they form one.
///
/// `first_len` is the length of the first digit run as entered: if the clerk
/// visibly separated an area code of a different length than the numbering
/// plan dictates, the number was mistyped and must not be silently re-split.
fn landline(digits: &str, first_len: usize, extension: Option<&str>) -> Option<Phone> {
    let area_len = if digits.starts_with("01") || digits.starts_with("02") {
        3
    } else {
        4
    };
    if first_len <= 4 && first_len != area_len {
        return None;
    }
    let area = digits.get(..area_len)?;
    let subscriber = digits.get(area_len..)?;
    let area_ok = area.starts_with('0') && !area.starts_with("00");
    let subscriber_ok = (7..=8).contains(&subscriber.len()) && !subscriber.starts_with('0');
    if !area_ok || !subscriber_ok {
        return None;
    }
    let value = match extension {
        Some(ext) => format!("{area}-{subscriber}-{ext}"),
        None => format!("{area}-{subscriber}"),
    };
    Some(Phone {
        value,
        kind: PhoneKind::Landline,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> (String, PhoneKind) {
        let phone = Phone::parse(input).unwrap();
        (phone.as_str().to_owned(), phone.kind())
    }

    fn mobile_ok(input: &str) {
        assert_eq!(
            ok(input),
            ("13812345678".to_owned(), PhoneKind::Mobile),
            "{input}"
        );
    }

    fn landline_ok(input: &str, expected: &str) {
        assert_eq!(
            ok(input),
            (expected.to_owned(), PhoneKind::Landline),
            "{input}"
        );
    }

    #[test]
    fn mobile_layouts() {
        mobile_ok("13812345678");
        mobile_ok(" 138 1234 5678 ");
        mobile_ok("138-1234-5678");
        mobile_ok("+86 138 1234 5678");
        mobile_ok("+8613812345678");
        mobile_ok("0086-13812345678");
        mobile_ok("＋８６　１３８１２３４５６７８");
        mobile_ok("\u{3000}１３８１２３４５６７８\u{3000}");
    }

    #[test]
    fn landline_layouts() {
        landline_ok("0634-6012345", "0634-6012345");
        // The example in the error hint must itself be accepted.
        landline_ok("0634-1234567", "0634-1234567");
        landline_ok("(0634)6012345", "0634-6012345");
        landline_ok("（0634）6012345", "0634-6012345");
        landline_ok("0634 6012345", "0634-6012345");
        landline_ok("06346012345", "0634-6012345");
        landline_ok("0634－６０１２３４５", "0634-6012345");
        landline_ok("0531-86123456", "0531-86123456");
        landline_ok("010-12345678", "010-12345678");
        landline_ok("010 1234 5678", "010-12345678");
        landline_ok("02112345678", "021-12345678");
    }

    #[test]
    fn extensions() {
        landline_ok("0634-6012345-123", "0634-6012345-123");
        landline_ok("0634-6012345转123", "0634-6012345-123");
        landline_ok("(0634) 6012345 转 8", "0634-6012345-8");
        landline_ok("06346012345-12345", "0634-6012345-12345");
        // Too long to be an extension.
        assert_eq!(
            Phone::parse("0634-6012345-123456"),
            Err(PhoneError::NotAPhoneNumber)
        );
        assert_eq!(
            Phone::parse("0634-6012345转"),
            Err(PhoneError::NotAPhoneNumber)
        );
        // Mobiles have no extensions.
        assert_eq!(
            Phone::parse("13812345678-12"),
            Err(PhoneError::NotAPhoneNumber)
        );
        assert_eq!(
            Phone::parse("13812345678转12"),
            Err(PhoneError::NotAPhoneNumber)
        );
    }

    #[test]
    fn empty() {
        assert_eq!(Phone::parse(""), Err(PhoneError::Empty));
        assert_eq!(Phone::parse(" \u{3000}"), Err(PhoneError::Empty));
    }

    #[test]
    fn invalid_characters() {
        for (input, position, ch) in [
            ("138a2345678", 4, 'a'),
            ("0634/6012345", 5, '/'),
            ("138+12345678", 4, '+'),
            ("转0634", 1, '转'),
            ("0634-6012345转12-3", 16, '-'),
        ] {
            let expected = PhoneError::InvalidCharacter { position, ch };
            assert_eq!(Phone::parse(input), Err(expected), "{input}");
        }
    }

    #[test]
    fn not_a_phone_number() {
        for input in [
            "1381234567",      // 10 digits
            "138123456789",    // 12 digits
            "12812345678",     // second digit 2
            "6012345",         // no area code
            "4008123456",      // service number
            "+1 2025550123",   // foreign
            "+86 0634 601234", // landline with country code
            "0634-601234",     // subscriber too short
            "0634-601234567",  // subscriber too long
            "0634-0123456",    // subscriber starts with 0
            "063-46012345",    // area code visibly mis-split
            "0001234567",      // 00 is the international prefix
            "-",
        ] {
            assert_eq!(
                Phone::parse(input),
                Err(PhoneError::NotAPhoneNumber),
                "{input}"
            );
        }
    }

    #[test]
    fn same_number_same_value() {
        assert_eq!(Phone::parse("(0634)6012345"), Phone::parse("0634 601 2345"));
        assert_eq!(
            Phone::parse("+86 13812345678"),
            Phone::parse("138-1234-5678")
        );
    }
}
