//! Pay worked out by hand: each expected figure with its arithmetic.

use super::*;
use jiff::civil::date;

/// The wage table the hand-worked examples use: the figures a new file ships with
/// (migration 0002), Shandong's from 2018-06-01 and 2021-10-01, tiers 1-3.
fn shandong_defaults() -> WageTable {
    let row = |effective_from, tier, monthly_fen, hourly_fen| MinimumWage {
        effective_from,
        tier,
        monthly_fen,
        hourly_fen,
    };
    let from_2018 = jiff::civil::date(2018, 6, 1);
    let from_2021 = jiff::civil::date(2021, 10, 1);
    WageTable::new(vec![
        row(from_2018, 1, 191_000, 1_910),
        row(from_2018, 2, 173_000, 1_730),
        row(from_2018, 3, 155_000, 1_550),
        row(from_2021, 1, 210_000, 2_100),
        row(from_2021, 2, 190_000, 1_900),
        row(from_2021, 3, 170_000, 1_700),
    ])
}

/// Tier 1, absence by calendar days, leave counting as worked.
const RULES: PayRules = PayRules {
    tier: 1,
    absence: AbsenceRule {
        basis: AbsenceBasis::CalendarDays,
        leave_counts: true,
    },
};

/// A made-up base of 3125 yuan with 16 % employer pension (= 500 yuan subsidy) and 8 %
/// person pension (= 250 yuan deducted), in force since 2000.
fn insurance() -> InsuranceTable {
    InsuranceTable::new(vec![InsuranceRate {
        effective_from: date(2000, 1, 1),
        base_fen: 312_500,
        pension_employer_bp: 1600,
        medical_employer_bp: 0,
        unemployment_employer_bp: 0,
        injury_employer_bp: 0,
        pension_person_bp: 800,
        medical_person_bp: 0,
        unemployment_person_bp: 0,
    }])
}

fn month(year: i16, month: i8) -> Month {
    Month { year, month }
}

fn post(start: Date, last_day: Option<Date>) -> InPost {
    InPost { start, last_day }
}

fn urban(t: &WageTable, m: Month, in_post: InPost) -> UrbanPay {
    urban_pay(t, &RULES, &insurance(), m, in_post, Worked::default()).unwrap()
}

fn rural(t: &WageTable, m: Month, start: Date, tenths: i64) -> Result<RuralPay, PayError> {
    rural_pay(t, &RULES, m, post(start, None), tenths, None)
}

fn wage(from: Date, monthly_fen: Fen, hourly_fen: Fen) -> MinimumWage {
    let tier = 1;
    MinimumWage {
        effective_from: from,
        tier,
        monthly_fen,
        hourly_fen,
    }
}

/// Tier 1 at 2100/month, 21/hour, rising to 2200 and 22 on 2026-07-16.
fn july_rise() -> WageTable {
    WageTable::new(vec![
        wage(date(2026, 7, 16), 220_000, 2_200),
        wage(date(2021, 10, 1), 210_000, 2_100),
    ])
}

#[test]
fn wage_table_lookup() {
    let table = shandong_defaults();
    let keys: Vec<_> = table
        .rows()
        .iter()
        .map(|r| (r.effective_from, r.tier))
        .collect();
    assert_eq!(keys.len(), 6);
    assert!(keys.is_sorted());
    let monthly = |tier, day| table.in_force(tier, day).map(|w| w.monthly_fen);
    assert_eq!(monthly(1, date(2021, 9, 30)), Some(191_000));
    assert_eq!(monthly(1, date(2021, 10, 1)), Some(210_000));
    assert_eq!(monthly(3, date(2030, 1, 1)), Some(170_000));
    assert_eq!(monthly(2, date(2018, 6, 1)), Some(173_000));
    assert_eq!(monthly(1, date(2018, 5, 31)), None);
    assert_eq!(monthly(4, date(2026, 1, 1)), None);
    // A correction appended for the same tier and date replaces the original.
    let day = date(2021, 10, 1);
    let fixed = WageTable::new(vec![wage(day, 1, 1), wage(day, 210_000, 2_100)]);
    assert_eq!(fixed.rows(), [wage(day, 210_000, 2_100)]);
}

#[test]
fn counts_days_in_post() {
    let days = |start, last_day| days_in_post(month(2026, 11), post(start, last_day));
    assert_eq!(days(date(2025, 3, 1), None), 30);
    assert_eq!(days(date(2026, 11, 15), None), 16);
    assert_eq!(days(date(2025, 3, 1), Some(date(2026, 11, 10))), 10);
    assert_eq!(days(date(2026, 11, 5), Some(date(2026, 11, 5))), 1);
    assert_eq!(days(date(2025, 3, 1), Some(date(2026, 10, 31))), 0);
    assert_eq!(days(date(2026, 12, 1), None), 0);
    assert_eq!(days(date(2026, 11, 20), Some(date(2026, 11, 19))), 0);
}

#[test]
fn urban_full_and_partial_months() {
    let (t, nov) = (shandong_defaults(), month(2026, 11));
    // Full month: 30 × 210000 / 30 = 210000; plus the 50000 subsidy = 260000.
    let full = urban(&t, nov, post(date(2025, 3, 1), None));
    assert_eq!((full.days_in_post, full.days_in_month), (30, 30));
    assert_eq!(
        (full.wage_fen, full.social_insurance_fen),
        (210_000, 50_000)
    );
    assert_eq!(full.total_fen(), 260_000);
    // Joined 11-15: days 15..=30 = 16; 16 × 210000 / 30 = 112000; full subsidy.
    let joined = urban(&t, nov, post(date(2026, 11, 15), None));
    assert_eq!((joined.days_in_post, joined.wage_fen), (16, 112_000));
    assert_eq!(joined.total_fen(), 162_000);
    // Last day 11-10: days 1..=10 = 10; 10 × 210000 / 30 = 70000.
    let left = urban(&t, nov, post(date(2024, 1, 1), Some(date(2026, 11, 10))));
    assert_eq!((left.days_in_post, left.wage_fen), (10, 70_000));
}

#[test]
fn urban_minimum_wage_change_on_the_first() {
    let (t, always) = (shandong_defaults(), post(date(2020, 1, 1), None));
    // October 2021: all 31 days at the new rate; 31 × 210000 / 31 = 210000.
    assert_eq!(urban(&t, month(2021, 10), always).wage_fen, 210_000);
    // September 2021: all 30 days still at 1910; 30 × 191000 / 30 = 191000.
    assert_eq!(urban(&t, month(2021, 9), always).wage_fen, 191_000);
}

#[test]
fn urban_minimum_wage_change_mid_month() {
    // July 2026 has 31 days: 1..=15 at 210000, 16..=31 at 220000.
    // (15 × 210000 + 16 × 220000) / 31 = (3150000 + 3520000) / 31 = 6670000 / 31
    // = 215161.29… → 215161.
    let pay = urban(&july_rise(), month(2026, 7), post(date(2026, 1, 1), None));
    assert_eq!((pay.days_in_post, pay.days_in_month), (31, 31));
    assert_eq!(pay.wage_fen, 215_161);
}

#[test]
fn urban_leap_february() {
    let (t, feb) = (shandong_defaults(), month(2024, 2));
    // Full month: 29 × 210000 / 29 = 210000.
    let full = urban(&t, feb, post(date(2023, 1, 1), None));
    assert_eq!((full.days_in_post, full.days_in_month), (29, 29));
    assert_eq!(full.wage_fen, 210_000);
    // Joined 02-15: days 15..=29 = 15; 15 × 210000 / 29 = 108620.69… → 108621.
    let joined = urban(&t, feb, post(date(2024, 2, 15), None));
    assert_eq!((joined.days_in_post, joined.wage_fen), (15, 108_621));
}

#[test]
fn not_in_post_pays_nothing() {
    // No day in post: no wage row is needed and no subsidy is due.
    let (empty, nov) = (WageTable::new(Vec::new()), month(2026, 11));
    let gone = post(date(2024, 1, 1), Some(date(2026, 10, 31)));
    let pay = urban(&empty, nov, gone);
    assert_eq!(
        (pay.days_in_post, pay.days_in_month, pay.total_fen()),
        (0, 30, 0)
    );
    let rural = rural_pay(&empty, &RULES, nov, gone, 0, None).map(|p| p.total_fen());
    assert_eq!(rural, Ok(0));
    let hours = rural_pay(&empty, &RULES, nov, gone, 805, None);
    assert_eq!(hours, Err(PayError::HoursOutsidePost));
}

#[test]
fn missing_wage_row_is_an_error() {
    let only_2021 = WageTable::new(vec![wage(date(2021, 10, 1), 210_000, 2_100)]);
    // The first day in post without a standard is named.
    let (sep, joined) = (month(2021, 9), post(date(2021, 9, 20), None));
    let expected = PayError::NoMinimumWage {
        tier: 1,
        day: date(2021, 9, 20),
    };
    let none = Worked::default();
    assert_eq!(
        urban_pay(&only_2021, &RULES, &insurance(), sep, joined, none),
        Err(expected)
    );
    assert_eq!(
        rural_pay(&only_2021, &RULES, sep, joined, 100, None),
        Err(expected)
    );
    let tier_4 = PayRules { tier: 4, ..RULES };
    let err = urban_pay(
        &shandong_defaults(),
        &tier_4,
        &insurance(),
        month(2026, 11),
        joined,
        none,
    );
    let text =
        "no tier 4 minimum wage is in force on 2026-11-01; add the standard to the wage table";
    assert_eq!(err.unwrap_err().to_string(), text);
}

#[test]
fn rural_hours() {
    let (t, nov) = (shandong_defaults(), month(2026, 11));
    // 805 × (30 × 2100) / (10 × 30) = 805 × 2100 / 10 = 169050 (80.5 h × 21 yuan).
    let pay = rural(&t, nov, date(2025, 1, 1), 805).unwrap();
    assert_eq!((pay.days_in_post, pay.hours_tenths), (30, 805));
    assert_eq!((pay.wage_fen, pay.total_fen()), (169_050, 169_050));
    // Joined 11-15, one rate: 805 × (16 × 2100) / (10 × 16) = 169050 still.
    let joined = rural(&t, nov, date(2026, 11, 15), 805).unwrap();
    assert_eq!((joined.days_in_post, joined.wage_fen), (16, 169_050));
}

#[test]
fn rural_hours_across_a_change() {
    let (t, july) = (july_rise(), month(2026, 7));
    // Hourly sum = 15 × 2100 + 16 × 2200 = 31500 + 35200 = 66700.
    // 805 × 66700 / (10 × 31) = 53693500 / 310 = 173204.84… → 173205.
    let pay = rural(&t, july, date(2026, 1, 1), 805);
    assert_eq!(pay.map(|p| p.wage_fen), Ok(173_205));
    // In post from the 16th only: 805 × (16 × 2200) / (10 × 16) = 177100.
    let late = rural(&t, july, date(2026, 7, 16), 805);
    assert_eq!(late.map(|p| p.wage_fen), Ok(177_100));
}

#[test]
fn rural_rejects_impossible_hours() {
    let pay = |tenths| {
        rural(
            &shandong_defaults(),
            month(2026, 11),
            date(2026, 11, 30),
            tenths,
        )
    };
    let impossible = |hours_tenths| {
        Err(PayError::ImpossibleHours {
            hours_tenths,
            days_in_post: 1,
        })
    };
    assert_eq!(pay(-5), impossible(-5));
    // One day holds at most 24 h = 240 tenths: 240 × 2100 / 10 = 50400.
    assert_eq!(pay(240).map(|p| p.wage_fen), Ok(50_400));
    assert_eq!(pay(241), impossible(241));
    let message = pay(241).unwrap_err().to_string();
    assert_eq!(message, "24.1 hours cannot be worked in 1 day(s) in post");
}

#[test]
fn rounds_half_up_once() {
    let (odd, nov) = (
        WageTable::new(vec![wage(date(2026, 1, 1), 210_015, 2_101)]),
        month(2026, 11),
    );
    // 1 day (11-30): 210015 / 30 = 7000.5 → 7001.
    assert_eq!(
        urban(&odd, nov, post(date(2026, 11, 30), None)).wage_fen,
        7_001
    );
    // 0.5 h: 5 × 2101 / 10 = 1050.5 → 1051; 0.4 h: 4 × 2101 / 10 = 840.4 → 840.
    let wage_of = |tenths| rural(&odd, nov, date(2026, 11, 30), tenths).map(|p| p.wage_fen);
    assert_eq!((wage_of(5), wage_of(4)), (Ok(1_051), Ok(840)));
    // Rounded once: 30 × 210015 / 30 = 210015, not 30 × round(7000.5) = 210030.
    assert_eq!(
        urban(&odd, nov, post(date(2026, 1, 1), None)).wage_fen,
        210_015
    );
    assert_eq!((divide_half_up(-15, 10), divide_half_up(-14, 10)), (-2, -1));
}

fn worked(days: i64, leave: Option<i64>) -> Worked {
    Worked {
        days_worked: Some(days),
        leave_days: leave,
    }
}

fn urban_with(rules: &PayRules, m: Month, in_post: InPost, w: Worked) -> UrbanPay {
    urban_pay(&shandong_defaults(), rules, &insurance(), m, in_post, w).unwrap()
}

const PAID_DAYS: PayRules = PayRules {
    tier: 1,
    absence: AbsenceRule {
        basis: AbsenceBasis::PaidDays { hundredths: 2175 },
        leave_counts: true,
    },
};

#[test]
fn absence_by_calendar_days() {
    // December 2026 has 31 days; 2100.00 a month, 20 days worked:
    // 2100 × 20 / 31 = 1354.838… → 1354.84.
    let all = post(date(2025, 1, 1), None);
    let pay = urban_with(&RULES, month(2026, 12), all, worked(20, None));
    assert_eq!((pay.days_paid, pay.full_wage_fen), (20, 210_000));
    assert_eq!(pay.wage_fen, 135_484);
    // 0 days worked pays no wage, but the subsidy (500) is still due and the person's
    // share (250) is still deducted: to the person 0 − 250 = −250, to the fund 750.
    let none = urban_with(&RULES, month(2026, 12), all, worked(0, None));
    assert_eq!((none.wage_fen, none.social_insurance_fen), (0, 50_000));
    assert_eq!(
        (none.to_person_fen(), none.to_fund_fen()),
        (-25_000, 75_000)
    );
    // In post from 12-22 (10 days), 5 worked: 10 × 210000 / 31 × 5 / 10 = 2100 × 5 / 31
    // = 338.709… → 338.71; a single day in post still carries the whole subsidy.
    let late = urban_with(
        &RULES,
        month(2026, 12),
        post(date(2026, 12, 22), None),
        worked(5, None),
    );
    assert_eq!((late.wage_fen, late.social_insurance_fen), (33_871, 50_000));
}

#[test]
fn absence_by_paid_days_is_capped_at_the_full_wage() {
    let all = post(date(2025, 1, 1), None);
    // 2100 × 20 / 21.75 = 1931.034… → 1931.03.
    let pay = urban_with(&PAID_DAYS, month(2026, 12), all, worked(20, None));
    assert_eq!(pay.wage_fen, 193_103);
    // 22 days: 2100 × 22 / 21.75 = 2124.14 > 2100.00, so 2100.00.
    let more = urban_with(&PAID_DAYS, month(2026, 12), all, worked(22, None));
    assert_eq!(more.wage_fen, 210_000);
    // In post from 12-17 (15 days), 10 worked: 2100 × 10 / 21.75 = 965.517… → 965.52,
    // under the prorated full wage 2100 × 15 / 31 = 1016.13.
    let late = urban_with(
        &PAID_DAYS,
        month(2026, 12),
        post(date(2026, 12, 17), None),
        worked(10, None),
    );
    assert_eq!((late.full_wage_fen, late.wage_fen), (101_613, 96_552));
}

#[test]
fn approved_leave_counts_when_the_setting_says_so() {
    let all = post(date(2025, 1, 1), None);
    // 18 worked + 2 leave = 20 days: 1354.84 as above.
    let counted = urban_with(&RULES, month(2026, 12), all, worked(18, Some(2)));
    assert_eq!((counted.days_paid, counted.wage_fen), (20, 135_484));
    // Leave not counted: 18 days, 2100 × 18 / 31 = 1219.354… → 1219.35.
    let strict = PayRules {
        absence: AbsenceRule {
            leave_counts: false,
            ..RULES.absence
        },
        ..RULES
    };
    let pay = urban_with(&strict, month(2026, 12), all, worked(18, Some(2)));
    assert_eq!((pay.days_paid, pay.wage_fen), (18, 121_935));
    // Never more days than in post: 30 + 5 over 31 days pays the full 2100.
    let over = urban_with(&RULES, month(2026, 12), all, worked(30, Some(5)));
    assert_eq!((over.days_paid, over.wage_fen), (31, 210_000));
}

#[test]
fn absence_with_a_mid_month_rise_sums_per_day_rates() {
    // July 2026: (15 × 210000 + 16 × 220000) = 6670000 per-day sum, 31 days in post.
    // 20 worked, calendar: 6670000 × 20 / (31 × 31) = 138813.73… → 138814.
    let all = post(date(2026, 1, 1), None);
    let pay = urban_pay(
        &july_rise(),
        &RULES,
        &insurance(),
        month(2026, 7),
        all,
        worked(20, None),
    )
    .unwrap();
    assert_eq!(pay.wage_fen, 138_814);
    // 21.75 basis: 6670000 × 20 × 100 / (31 × 2175) = 197849.46… → 197849.
    let paid_days = urban_pay(
        &july_rise(),
        &PAID_DAYS,
        &insurance(),
        month(2026, 7),
        all,
        worked(20, None),
    )
    .unwrap();
    assert_eq!(paid_days.wage_fen, 197_849);
}

#[test]
fn no_insurance_row_is_an_error_only_with_days_in_post() {
    let empty = InsuranceTable::new(Vec::new());
    let t = shandong_defaults();
    let nov = month(2026, 11);
    let joined = post(date(2026, 11, 3), None);
    assert_eq!(
        urban_pay(&t, &RULES, &empty, nov, joined, Worked::default()),
        Err(PayError::NoInsuranceRate {
            day: date(2026, 11, 3)
        })
    );
    let gone = post(date(2024, 1, 1), Some(date(2026, 10, 31)));
    let pay = urban_pay(&t, &RULES, &empty, nov, gone, Worked::default()).unwrap();
    assert_eq!(pay.total_fen(), 0);
}

#[test]
fn rural_hours_stop_at_the_ceiling() {
    let (t, nov) = (shandong_defaults(), month(2026, 11));
    let all = post(date(2025, 1, 1), None);
    // 90.0 h entered, ceiling 80.0 h: 80 × 21 = 1680.00 paid.
    let pay = rural_pay(&t, &RULES, nov, all, 900, Some(800)).unwrap();
    assert_eq!((pay.hours_tenths, pay.hours_paid_tenths), (900, 800));
    assert_eq!(pay.wage_fen, 168_000);
    // Under the ceiling everything is paid: 60.5 h × 21 = 1270.50.
    let under = rural_pay(&t, &RULES, nov, all, 605, Some(800)).unwrap();
    assert_eq!((under.hours_paid_tenths, under.wage_fen), (605, 127_050));
}
