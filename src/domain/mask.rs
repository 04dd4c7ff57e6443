//! Masking of personal data (ID numbers, phone numbers, names) for display.
//!
//! Most screens and every printout show personal data masked, because
//! ledgers are read over shoulders and printouts get left on desks. The
//! pattern is a district setting written as `keep_start+keep_end` (e.g.
//! `6+4`), so that each district can follow its own data-protection rules.

use std::fmt;

use thiserror::Error;

/// Largest number accepted on either side of a pattern in settings text.
///
/// Anything larger would reveal whole values and is surely a typo.
pub const MAX_KEEP: usize = 32;

/// How many characters stay visible at each end of a masked value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MaskPattern {
    /// Characters left visible at the start.
    pub keep_start: usize,
    /// Characters left visible at the end.
    pub keep_end: usize,
}

/// Why a settings text is not a mask pattern.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum MaskPatternError {
    /// Not of the form `number+number`.
    #[error(
        "the mask setting \"{input}\" must look like \"6+4\" (characters kept at the start + at the end)"
    )]
    Malformed {
        /// The text as entered, so the user can see what was read.
        input: String,
    },
    /// A number is larger than [`MAX_KEEP`].
    #[error("each number in the mask setting must be at most {max}")]
    TooLarge {
        /// The allowed maximum.
        max: usize,
    },
}

impl MaskPattern {
    /// Default for ID numbers: area code and last four, as banks print them.
    pub const ID_DEFAULT: Self = Self {
        keep_start: 6,
        keep_end: 4,
    };

    /// Default for mobile numbers: carrier prefix and last four.
    pub const PHONE_DEFAULT: Self = Self {
        keep_start: 3,
        keep_end: 4,
    };

    /// Masks `s`, replacing each hidden character by one `*`.
    ///
    /// Works on characters, not bytes, so Chinese names mask correctly. When
    /// the value is too short for the pattern (`keep_start + keep_end >=`
    /// length), applying the pattern literally would reveal everything, so at
    /// most half the characters (rounded down) stay visible instead, shared
    /// between start and end in the pattern's proportion with the start
    /// favoured. Thus `张三` with `1+1` shows `张*`, a 4-character value with
    /// `3+4` shows `1**4`, and a single character is always fully hidden.
    pub fn apply(&self, s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        let len = chars.len();
        let (start, end) = self.visible(len);
        let mut out = String::with_capacity(s.len());
        out.extend(&chars[..start]);
        out.extend(std::iter::repeat_n('*', len - start - end));
        out.extend(&chars[len - end..]);
        out
    }

    /// Visible character counts `(start, end)` for a value of `len` characters.
    ///
    /// Guarantees `start + end <= len`, and `start + end < len` whenever
    /// `len > 0`, so a value is never shown in full.
    fn visible(&self, len: usize) -> (usize, usize) {
        let wanted = self.keep_start.saturating_add(self.keep_end);
        if wanted < len {
            return (self.keep_start, self.keep_end);
        }
        let budget = len / 2;
        if budget == 0 {
            return (0, 0);
        }
        // wanted >= len > budget > 0 here, so the division is safe, and the
        // quotient is at most budget, so narrowing back cannot truncate.
        let share = (budget as u128 * self.keep_start as u128).div_ceil(wanted as u128);
        let start = usize::try_from(share).unwrap_or(budget).min(budget);
        let end = self.keep_end.min(budget - start);
        (start, end)
    }

    /// Reads a pattern from settings text such as `6+4`.
    ///
    /// Surrounding spaces and full-width digits or `＋` are accepted, as the
    /// setting may be typed with a Chinese input method.
    ///
    /// # Errors
    ///
    /// [`MaskPatternError::Malformed`] unless the text is two non-negative
    /// integers joined by `+`; [`MaskPatternError::TooLarge`] if either exceeds
    /// [`MAX_KEEP`].
    pub fn parse(text: &str) -> Result<Self, MaskPatternError> {
        let malformed = || MaskPatternError::Malformed {
            input: text.to_owned(),
        };
        let normalised: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => {
                    char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
                }
                '＋' => '+',
                _ => c,
            })
            .collect();
        let (start, end) = normalised.split_once('+').ok_or_else(malformed)?;
        let number = |part: &str| -> Result<usize, MaskPatternError> {
            let part = part.trim();
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(malformed());
            }
            // All digits, so a parse failure can only mean overflow.
            let value: usize = part.parse().unwrap_or(usize::MAX);
            if value > MAX_KEEP {
                return Err(MaskPatternError::TooLarge { max: MAX_KEEP });
            }
            Ok(value)
        };
        Ok(Self {
            keep_start: number(start)?,
            keep_end: number(end)?,
        })
    }
}

impl fmt::Display for MaskPattern {
    /// Settings text form, the inverse of [`MaskPattern::parse`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}+{}", self.keep_start, self.keep_end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn pattern(keep_start: usize, keep_end: usize) -> MaskPattern {
        MaskPattern {
            keep_start,
            keep_end,
        }
    }

    #[test]
    fn defaults() {
        assert_eq!(
            MaskPattern::ID_DEFAULT.apply("11010519491231002X"),
            "110105********002X"
        );
        assert_eq!(
            MaskPattern::PHONE_DEFAULT.apply("13812345678"),
            "138****5678"
        );
        assert_eq!(
            MaskPattern::PHONE_DEFAULT.apply("0634-6012345"),
            "063*****2345"
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(pattern(1, 1).apply("欧阳修文"), "欧**文");
        assert_eq!(pattern(1, 0).apply("张三丰"), "张**");
        assert_eq!(pattern(0, 0).apply("王五"), "**");
    }

    #[test]
    fn short_values_are_never_fully_revealed() {
        assert_eq!(pattern(1, 1).apply("张三"), "张*");
        assert_eq!(pattern(3, 4).apply("1234"), "1**4");
        assert_eq!(pattern(3, 4).apply("1234567"), "12****7");
        assert_eq!(pattern(6, 4).apply("1234"), "12**");
        assert_eq!(pattern(0, 4).apply("1234"), "**34");
        assert_eq!(pattern(3, 4).apply("1"), "*");
        assert_eq!(pattern(3, 4).apply(""), "");
        assert_eq!(pattern(usize::MAX, usize::MAX).apply("123456"), "123***");
    }

    #[test]
    fn at_least_half_hidden_when_pattern_does_not_fit() {
        for keep_start in 0..8 {
            for keep_end in 0..8 {
                let p = pattern(keep_start, keep_end);
                for len in 1..=keep_start + keep_end {
                    let masked = p.apply(&"a".repeat(len));
                    assert_eq!(masked.chars().count(), len);
                    let hidden = masked.chars().filter(|&c| c == '*').count();
                    assert!(hidden * 2 >= len, "{p} on {len} chars: {masked}");
                }
            }
        }
    }

    #[test]
    fn parse_and_display_round_trip() {
        assert_eq!(MaskPattern::parse("6+4"), Ok(MaskPattern::ID_DEFAULT));
        assert_eq!(
            MaskPattern::parse(" 3 + 4 "),
            Ok(MaskPattern::PHONE_DEFAULT)
        );
        assert_eq!(MaskPattern::parse("６＋４"), Ok(MaskPattern::ID_DEFAULT));
        assert_eq!(MaskPattern::parse("0+0"), Ok(pattern(0, 0)));
        for p in [
            MaskPattern::ID_DEFAULT,
            MaskPattern::PHONE_DEFAULT,
            pattern(0, 32),
        ] {
            assert_eq!(MaskPattern::parse(&p.to_string()), Ok(p));
        }
        assert_eq!(MaskPattern::ID_DEFAULT.to_string(), "6+4");
    }

    #[test]
    fn parse_errors() {
        for text in ["", "6", "6+", "+4", "6+4+1", "6-4", "a+4", "-1+4", "6 4"] {
            assert_eq!(
                MaskPattern::parse(text),
                Err(MaskPatternError::Malformed {
                    input: text.to_owned()
                }),
                "{text}"
            );
        }
        assert_eq!(
            MaskPattern::parse("33+0"),
            Err(MaskPatternError::TooLarge { max: MAX_KEEP })
        );
        assert_eq!(
            MaskPattern::parse("1+99999999999999999999999"),
            Err(MaskPatternError::TooLarge { max: MAX_KEEP })
        );
    }
}
