//! The social-insurance subsidy of urban posts: the employer's share of the contributions
//! on a dated base, paid to the host unit or the fund, never to the person's bank line.
//!
//! Rule, as shown to users: each insurance (pension, medical, unemployment, work injury) is
//! base × rate, rounded half-up to the fen on its own, as the fund bills it; the subsidy is
//! the sum of the employer's four. The person's own share (pension, medical, unemployment)
//! is worked out the same way and deducted from their wage. Rates are in basis points
//! (1/10000: 16 % = 1600, 0.7 % = 70).

use jiff::civil::Date;

use super::divide_half_up;
use crate::domain::money::Fen;

/// One dated contribution base with its rates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct InsuranceRate {
    /// First day the base and rates apply; they stay in force until the next row.
    pub effective_from: Date,
    /// Monthly contribution base (often 60 % of the provincial average wage).
    pub base_fen: Fen,
    /// Employer's pension rate.
    pub pension_employer_bp: i64,
    /// Employer's medical rate.
    pub medical_employer_bp: i64,
    /// Employer's unemployment rate.
    pub unemployment_employer_bp: i64,
    /// Employer's work-injury rate.
    pub injury_employer_bp: i64,
    /// Person's pension rate.
    pub pension_person_bp: i64,
    /// Person's medical rate.
    pub medical_person_bp: i64,
    /// Person's unemployment rate.
    pub unemployment_person_bp: i64,
}

impl InsuranceRate {
    fn share(&self, bp: i64) -> Fen {
        divide_half_up(i128::from(self.base_fen) * i128::from(bp), 10_000)
    }

    /// The employer's monthly share: the subsidy.
    pub fn employer_fen(&self) -> Fen {
        [
            self.pension_employer_bp,
            self.medical_employer_bp,
            self.unemployment_employer_bp,
            self.injury_employer_bp,
        ]
        .into_iter()
        .map(|bp| self.share(bp))
        .sum()
    }

    /// The person's monthly share, deducted from their wage.
    pub fn person_fen(&self) -> Fen {
        [
            self.pension_person_bp,
            self.medical_person_bp,
            self.unemployment_person_bp,
        ]
        .into_iter()
        .map(|bp| self.share(bp))
        .sum()
    }
}

/// The history of bases and rates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InsuranceTable {
    rows: Vec<InsuranceRate>,
}

impl InsuranceTable {
    /// A table from rows in any order; of two rows with one date the later in `rows` wins.
    pub fn new(mut rows: Vec<InsuranceRate>) -> InsuranceTable {
        rows.sort_by_key(|r| r.effective_from);
        rows.dedup_by(|later, kept| {
            let same = later.effective_from == kept.effective_from;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        InsuranceTable { rows }
    }

    /// The row in force on `day`.
    pub fn in_force(&self, day: Date) -> Option<&InsuranceRate> {
        self.rows.iter().rev().find(|r| r.effective_from <= day)
    }

    /// All rows, oldest first.
    pub fn rows(&self) -> &[InsuranceRate] {
        &self.rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// The shipped default (migration 0005, to check): base 4416.00 yuan; employer 16 %,
    /// 8 %, 0.7 %, 0.4 %; person 8 %, 2 %, 0.3 %.
    pub(crate) fn shipped() -> InsuranceRate {
        InsuranceRate {
            effective_from: date(2018, 6, 1),
            base_fen: 441_600,
            pension_employer_bp: 1600,
            medical_employer_bp: 800,
            unemployment_employer_bp: 70,
            injury_employer_bp: 40,
            pension_person_bp: 800,
            medical_person_bp: 200,
            unemployment_person_bp: 30,
        }
    }

    #[test]
    fn shares_are_rounded_per_insurance() {
        let r = shipped();
        // Employer: 4416 × 16 % = 706.56; × 8 % = 353.28; × 0.7 % = 30.912 → 30.91;
        // × 0.4 % = 17.664 → 17.66. Sum 706.56 + 353.28 + 30.91 + 17.66 = 1108.41.
        assert_eq!(r.employer_fen(), 110_841);
        // Person: 353.28 + 88.32 + 13.248 → 13.25 = 454.85.
        assert_eq!(r.person_fen(), 45_485);
    }

    #[test]
    fn the_row_in_force_applies() {
        let later = InsuranceRate {
            effective_from: date(2026, 7, 1),
            base_fen: 450_000,
            ..shipped()
        };
        let t = InsuranceTable::new(vec![later, shipped()]);
        assert_eq!(t.in_force(date(2018, 5, 31)), None);
        assert_eq!(
            t.in_force(date(2026, 6, 30)).map(|r| r.base_fen),
            Some(441_600)
        );
        assert_eq!(
            t.in_force(date(2026, 7, 1)).map(|r| r.base_fen),
            Some(450_000)
        );
    }
}
