//! Monthly pay for people placed in urban and rural public-welfare posts
//! (城乡公益性岗位).
//!
//! Policy: urban posts are subsidised at the local monthly minimum wage,
//! prorated by days in post, plus a monthly social-insurance subsidy; rural
//! posts are paid the hourly minimum wage times hours worked. Minimum wages
//! are dated, tiered figures and "the standard in force on each day applies",
//! so both rules sum a per-day figure over the days in post and round once,
//! half-up to the fen, at the end: rounding per day or per segment would let
//! the same month pay differently depending on how it is split.

use jiff::Span;
use jiff::civil::Date;
use thiserror::Error;

use super::money::{Fen, format_hours_tenths};

mod insurance;
/// Pay is computed per calendar month.
pub use super::month::{Month, MonthError};
pub use insurance::{InsuranceRate, InsuranceTable};

/// One published minimum-wage standard for one tier of areas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinimumWage {
    /// First day the standard applies; it stays in force until the next one.
    pub effective_from: Date,
    /// Area tier (1, 2, 3…) as assigned by the provincial notice.
    pub tier: u8,
    /// Monthly minimum wage, for urban posts.
    pub monthly_fen: Fen,
    /// Hourly minimum wage for part-time work, for rural posts.
    pub hourly_fen: Fen,
}

/// The history of minimum-wage standards, looked up by tier and day.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct WageTable {
    /// Sorted by (effective_from, tier), one row per key.
    rows: Vec<MinimumWage>,
}

impl WageTable {
    /// Builds a table from rows in any order.
    ///
    /// When two rows share a tier and start date, the later one in `rows`
    /// wins, so a correction can simply be appended to the list.
    pub fn new(mut rows: Vec<MinimumWage>) -> WageTable {
        // Stable sort keeps input order among equal keys, which dedup_by relies on.
        rows.sort_by_key(|r| (r.effective_from, r.tier));
        rows.dedup_by(|later, kept| {
            let same_key = later.effective_from == kept.effective_from && later.tier == kept.tier;
            if same_key {
                std::mem::swap(later, kept);
            }
            same_key
        });
        WageTable { rows }
    }

    /// The standard of `tier` in force on `day`: the latest one starting on or before it.
    pub fn in_force(&self, tier: u8, day: Date) -> Option<&MinimumWage> {
        self.rows
            .iter()
            .rev()
            .find(|r| r.tier == tier && r.effective_from <= day)
    }

    /// All standards, oldest first, tiers ascending within a date.
    pub fn rows(&self) -> &[MinimumWage] {
        &self.rows
    }
}

/// Whether a post is urban (monthly wage) or rural (hourly wage).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Area {
    /// 城镇公益性岗位: monthly minimum wage plus social-insurance subsidy.
    Urban,
    /// 乡村公益性岗位: hourly minimum wage times hours worked.
    Rural,
}

/// A person's time in a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct InPost {
    /// First day in post, inclusive.
    pub start: Date,
    /// Last day in post, inclusive; `None` while still in post.
    /// A last day before `start` means no day in post at all.
    pub last_day: Option<Date>,
}

/// The first and last day in post within `month`, or `None` if there is none.
fn overlap(month: Month, in_post: InPost) -> Option<(Date, Date)> {
    let begin = in_post.start.max(month.first_day());
    let end = in_post
        .last_day
        .map_or(month.last_day(), |d| d.min(month.last_day()));
    (begin <= end).then_some((begin, end))
}

/// Number of days of `month` the person was in post, 0 to 31.
pub fn days_in_post(month: Month, in_post: InPost) -> i8 {
    // Both ends lie in the same month, so the day numbers subtract directly.
    overlap(month, in_post).map_or(0, |(begin, end)| end.day() - begin.day() + 1)
}

/// The settings of one pay scheme: which wage tier, and how absence reduces urban pay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PayRules {
    /// Minimum-wage tier of the district.
    pub tier: u8,
    /// How days not worked reduce an urban wage.
    pub absence: AbsenceRule,
}

/// What an urban wage is prorated over when days are not worked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AbsenceBasis {
    /// Days worked over the calendar days of the month.
    CalendarDays,
    /// Days worked over the paid days of a month (计薪天数, 21.75), in hundredths.
    PaidDays {
        /// 2175 for 21.75.
        hundredths: i64,
    },
}

/// How absence reduces an urban wage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AbsenceRule {
    /// The proration basis.
    pub basis: AbsenceBasis,
    /// Approved leave counts as days worked.
    pub leave_counts: bool,
}

impl Default for AbsenceRule {
    fn default() -> AbsenceRule {
        AbsenceRule {
            basis: AbsenceBasis::CalendarDays,
            leave_counts: true,
        }
    }
}

/// A month's urban attendance as entered; `None` where nothing was entered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Worked {
    /// Days worked.
    pub days_worked: Option<i64>,
    /// Days of approved leave.
    pub leave_days: Option<i64>,
}

/// Why pay could not be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Error)]
pub enum PayError {
    /// The wage table has no standard for a day the person was in post.
    #[error("no tier {tier} minimum wage is in force on {day}; add the standard to the wage table")]
    NoMinimumWage {
        /// Tier looked up.
        tier: u8,
        /// First day in post without a standard.
        day: Date,
    },
    /// Hours were recorded for a month in which the person was never in post.
    #[error("hours were recorded for a month with no day in post")]
    HoursOutsidePost,
    /// No social-insurance base and rates are in force for a day in post.
    #[error("no social-insurance base and rates are in force on {day}; add them to the table")]
    NoInsuranceRate {
        /// First day in post of the month.
        day: Date,
    },
    /// Negative hours, or more than 24 hours per day in post.
    #[error("{} hours cannot be worked in {days_in_post} day(s) in post", format_hours_tenths(*hours_tenths))]
    ImpossibleHours {
        /// Hours entered, in tenths.
        hours_tenths: i64,
        /// Days in post that month.
        days_in_post: i8,
    },
}

/// Pay for an urban post for one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UrbanPay {
    /// Days in post this month.
    pub days_in_post: i8,
    /// Days in the calendar month, the proration denominator.
    pub days_in_month: i8,
    /// Days counted as worked (worked, plus leave when it counts; at most the days in
    /// post; all days in post when nothing was entered).
    pub days_paid: i64,
    /// The minimum wage prorated by days in post, before absence.
    pub full_wage_fen: Fen,
    /// The wage after absence.
    pub wage_fen: Fen,
    /// Social-insurance subsidy: the employer's share, paid to the unit or fund.
    pub social_insurance_fen: Fen,
    /// The person's own share, deducted from the wage and paid to the fund.
    pub person_insurance_fen: Fen,
}

impl UrbanPay {
    /// Wage plus subsidy; saturates rather than wrapping on absurd figures.
    pub fn total_fen(&self) -> Fen {
        self.wage_fen.saturating_add(self.social_insurance_fen)
    }

    /// What the person's bank line gets: the wage less their own share.
    pub fn to_person_fen(&self) -> Fen {
        self.wage_fen.saturating_sub(self.person_insurance_fen)
    }

    /// What goes to the host unit or the fund: both shares.
    pub fn to_fund_fen(&self) -> Fen {
        self.social_insurance_fen
            .saturating_add(self.person_insurance_fen)
    }
}

/// Computes an urban post's pay for `month`.
///
/// Rule, as shown to users:
/// - Full wage = (sum over each day in post in the month of the monthly minimum
///   wage in force that day) ÷ (days in the month). A full month at one rate
///   therefore pays exactly the monthly figure, and joining on the 15th of a
///   30-day month pays 16/30 of it.
/// - Days paid = days worked, plus approved leave when the settings count it,
///   at most the days in post; all days in post when nothing was entered.
/// - Calendar basis: wage = full wage × days paid ÷ days in post.
///   21.75 basis: wage = (the same per-day sum ÷ days in post) × days paid ÷ 21.75,
///   at most the full wage. Each is rounded half-up to the fen once, at the end.
/// - Social-insurance subsidy: the employer's share of the base and rates in
///   force on the first day in post of the month, for any month with at least
///   one day in post, whatever the absence (contributions are due per month on
///   the base); the person's own share is deducted from their wage. A month
///   with no day in post pays 0; that is not an error.
pub fn urban_pay(
    table: &WageTable,
    rules: &PayRules,
    insurance: &InsuranceTable,
    month: Month,
    in_post: InPost,
    worked: Worked,
) -> Result<UrbanPay, PayError> {
    let sums = sum_rates(table, rules.tier, month, in_post)?;
    let days_in_month = month.days();
    let full_wage_fen = divide_half_up(sums.monthly_fen, i128::from(days_in_month));
    let in_post_days = i64::from(sums.days);
    let days_paid = match worked.days_worked {
        None => in_post_days,
        Some(days) => {
            let leave = if rules.absence.leave_counts {
                worked.leave_days.unwrap_or(0)
            } else {
                0
            };
            (days.max(0) + leave.max(0)).min(in_post_days)
        }
    };
    let wage_fen = if sums.days == 0 {
        0
    } else {
        match rules.absence.basis {
            AbsenceBasis::CalendarDays => divide_half_up(
                sums.monthly_fen * i128::from(days_paid),
                i128::from(in_post_days) * i128::from(days_in_month),
            ),
            AbsenceBasis::PaidDays { hundredths } => divide_half_up(
                sums.monthly_fen * i128::from(days_paid) * 100,
                i128::from(in_post_days) * i128::from(hundredths.max(1)),
            )
            .min(full_wage_fen),
        }
    };
    let (social_insurance_fen, person_insurance_fen) = match overlap(month, in_post) {
        None => (0, 0),
        Some((first, _)) => {
            let rate = insurance
                .in_force(first)
                .ok_or(PayError::NoInsuranceRate { day: first })?;
            (rate.employer_fen(), rate.person_fen())
        }
    };
    Ok(UrbanPay {
        days_in_post: sums.days,
        days_in_month,
        days_paid,
        full_wage_fen,
        wage_fen,
        social_insurance_fen,
        person_insurance_fen,
    })
}

/// Pay for a rural post for one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RuralPay {
    /// Days in post this month.
    pub days_in_post: i8,
    /// Hours entered this month, in tenths.
    pub hours_tenths: i64,
    /// Hours paid: those entered, at most the post's monthly ceiling.
    pub hours_paid_tenths: i64,
    /// Hours paid times the hourly minimum wage.
    pub wage_fen: Fen,
}

impl RuralPay {
    /// The amount to pay; rural posts have no subsidy, so it equals the wage.
    pub fn total_fen(&self) -> Fen {
        self.wage_fen
    }
}

/// Computes a rural post's pay for `month` from the hours worked.
///
/// Rule, as shown to users:
/// - The month's hours are spread evenly over the days in post, so each day
///   is paid at the hourly minimum wage in force that day.
/// - Hours above the post's monthly ceiling are not paid.
/// - Wage = hours paid × (sum over days in post of the hourly minimum wage in
///   force that day) ÷ (days in post), rounded half-up to the fen once at
///   the end.
/// - No hours in a month with no day in post pays 0; hours in such a month
///   are an error, as are negative hours or more than 24 hours per day in post.
pub fn rural_pay(
    table: &WageTable,
    rules: &PayRules,
    month: Month,
    in_post: InPost,
    hours_tenths: i64,
    max_hours_tenths: Option<i64>,
) -> Result<RuralPay, PayError> {
    let sums = sum_rates(table, rules.tier, month, in_post)?;
    if sums.days == 0 && hours_tenths != 0 {
        return Err(PayError::HoursOutsidePost);
    }
    if hours_tenths < 0 || hours_tenths > 24 * 10 * i64::from(sums.days) {
        return Err(PayError::ImpossibleHours {
            hours_tenths,
            days_in_post: sums.days,
        });
    }
    let hours_paid_tenths = max_hours_tenths.map_or(hours_tenths, |max| hours_tenths.min(max));
    let wage_fen = if sums.days == 0 {
        0
    } else {
        let numerator = i128::from(hours_paid_tenths) * sums.hourly_fen;
        divide_half_up(numerator, 10 * i128::from(sums.days))
    };
    Ok(RuralPay {
        days_in_post: sums.days,
        hours_tenths,
        hours_paid_tenths,
        wage_fen,
    })
}

/// Per-day rates summed over the days in post; i128 so the sums cannot overflow.
#[derive(Default)]
struct RateSums {
    /// Days in post in the month.
    days: i8,
    /// Sum of the monthly minimum in force on each of those days.
    monthly_fen: i128,
    /// Sum of the hourly minimum in force on each of those days.
    hourly_fen: i128,
}

/// Sums the standard in force on each day in post; only those days need a standard.
fn sum_rates(
    table: &WageTable,
    tier: u8,
    month: Month,
    in_post: InPost,
) -> Result<RateSums, PayError> {
    let mut sums = RateSums::default();
    let Some((begin, end)) = overlap(month, in_post) else {
        return Ok(sums);
    };
    for day in begin.series(Span::new().days(1)).take_while(|d| *d <= end) {
        let wage = table
            .in_force(tier, day)
            .ok_or(PayError::NoMinimumWage { tier, day })?;
        sums.days += 1;
        sums.monthly_fen += i128::from(wage.monthly_fen);
        sums.hourly_fen += i128::from(wage.hourly_fen);
    }
    Ok(sums)
}

/// `numerator / denominator` (> 0) rounded to the nearest fen, halves away from zero.
///
/// Away from zero is half-up for the non-negative amounts pay produces, and
/// keeps a negative figure the mirror image of the positive one. Only a
/// table with absurd figures (near 10^17 yuan) can exceed `Fen`; it saturates.
fn divide_half_up(numerator: i128, denominator: i128) -> Fen {
    let magnitude = (2 * numerator.abs() + denominator) / (2 * denominator);
    let rounded = if numerator < 0 { -magnitude } else { magnitude };
    Fen::try_from(rounded).unwrap_or(if rounded < 0 { Fen::MIN } else { Fen::MAX })
}

#[cfg(test)]
mod tests;
