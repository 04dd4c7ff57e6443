//! Bank accounts for paying subsidies (代发工资): what a number must look like, and the
//! Luhn check digit that many, but not all, Chinese bank cards carry.

/// Fewest digits of an account number (Chinese bank cards have 16–19; passbook and
/// corporate accounts run longer).
pub const MIN_DIGITS: usize = 12;
/// Most digits of an account number.
pub const MAX_DIGITS: usize = 30;

/// Why an account number is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// Something other than digits (spaces and dashes are taken out first).
    #[error("an account number has digits only")]
    NotDigits,
    /// Fewer than [`MIN_DIGITS`] or more than [`MAX_DIGITS`] digits.
    #[error("an account number has {MIN_DIGITS} to {MAX_DIGITS} digits, not {0}")]
    Length(usize),
}

/// An account number as typed, cleaned: full-width digits made half-width, spaces and
/// dashes (as printed on a card, `6222 0212 …`) taken out.
pub fn clean_account_no(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '－'))
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// Checks a cleaned account number: digits only, 12 to 30 of them. Returns whether it also
/// passes the Luhn check; one that does not is accepted with a warning, as not every bank's
/// numbers carry a Luhn digit.
pub fn check_account_no(number: &str) -> Result<bool, AccountError> {
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AccountError::NotDigits);
    }
    let len = number.len();
    if !(MIN_DIGITS..=MAX_DIGITS).contains(&len) {
        return Err(AccountError::Length(len));
    }
    Ok(luhn_ok(number))
}

/// The Luhn (mod 10) check over ASCII digits.
pub fn luhn_ok(number: &str) -> bool {
    let sum: u32 = number
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Whether two names are the same person's as a bank compares them: spaces and the middle
/// dot of transliterated names (·, •, ‧) do not count.
pub fn same_holder(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '•' | '‧' | '.'))
            .collect()
    };
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_numbers() {
        // 4111 1111 1111 1111: the classic Luhn-valid test number.
        assert_eq!(
            clean_account_no(" 4111 1111-1111 1111 "),
            "4111111111111111"
        );
        assert_eq!(clean_account_no("６２２２０２"), "622202");
        assert_eq!(check_account_no("4111111111111111"), Ok(true));
        // Last digit changed: the Luhn sum is 31, so only a warning.
        assert_eq!(check_account_no("4111111111111112"), Ok(false));
        assert_eq!(
            check_account_no("41111111111"),
            Err(AccountError::Length(11))
        );
        assert_eq!(
            check_account_no(&"1".repeat(31)),
            Err(AccountError::Length(31))
        );
        assert_eq!(
            check_account_no("4111x11111111111"),
            Err(AccountError::NotDigits)
        );
        assert_eq!(check_account_no(""), Err(AccountError::NotDigits));
        assert!(luhn_ok("79927398713"));
        assert!(!luhn_ok("79927398710"));
    }

    #[test]
    fn holder_names() {
        assert!(same_holder("张 三", "张三"));
        assert!(same_holder("阿依古丽·买买提", "阿依古丽买买提"));
        assert!(!same_holder("张三", "张叁"));
    }
}
