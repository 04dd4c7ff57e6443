//! Statutory retirement dates (法定退休年龄), including the gradual reform in force from
//! 2025-01-01 (全国人大常委会关于实施渐进式延迟法定退休年龄的决定, 2024-09-13, and its
//! annexed tables).
//!
//! Rule, as shown to users: each group (men; women whose age was 55, "cadres"; women whose
//! age was 50, "workers") has an original age. A person whose original retirement month
//! falls before the reform's first month keeps the original age. From that month on, the
//! age is raised by one month for every `months_per_step` months of birth (4 for men and
//! women cadres, 2 for women workers), counting the first month as one step, up to
//! `max_delay_months` (36, 36, 60). The retirement date is the birth date plus that age,
//! to the day (a 31st becomes the last day of a shorter month). It is the first day of
//! retirement: the last day in post is the day before.
//!
//! The figures are a dated settings table, shipped marked "to check".

use jiff::Span;
use jiff::civil::Date;

use super::id_number::Sex;
use super::month::Month;

/// Who a rule applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RetirementGroup {
    /// Men (60 → 63).
    Male,
    /// Women whose age was 55 (cadre posts; 55 → 58).
    FemaleCadre,
    /// Women whose age was 50 (worker posts; 50 → 55).
    FemaleWorker,
}

impl RetirementGroup {
    /// Every group, in display order.
    pub const ALL: [RetirementGroup; 3] = [
        RetirementGroup::Male,
        RetirementGroup::FemaleCadre,
        RetirementGroup::FemaleWorker,
    ];

    /// The text stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            RetirementGroup::Male => "male",
            RetirementGroup::FemaleCadre => "female_cadre",
            RetirementGroup::FemaleWorker => "female_worker",
        }
    }

    /// Reads the stored text.
    pub fn parse(s: &str) -> Option<RetirementGroup> {
        Self::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// The group of a person of `sex`; `worker_post` decides for women.
    pub fn of(sex: Sex, worker_post: bool) -> RetirementGroup {
        match (sex, worker_post) {
            (Sex::Male, _) => RetirementGroup::Male,
            (Sex::Female, false) => RetirementGroup::FemaleCadre,
            (Sex::Female, true) => RetirementGroup::FemaleWorker,
        }
    }
}

/// One dated rule of one group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RetirementRule {
    /// Who.
    pub group: RetirementGroup,
    /// First day of the reform: original retirement months from this month on are delayed.
    pub effective_from: Date,
    /// The age before the reform, in years.
    pub original_age_years: i16,
    /// Months of birth per month of delay (4 or 2); 0 means no delay.
    pub months_per_step: i16,
    /// The largest delay, in months.
    pub max_delay_months: i16,
}

impl RetirementRule {
    /// Months of delay for someone born in `birth`.
    pub fn delay_months(&self, birth: Month) -> i16 {
        if self.months_per_step <= 0 {
            return 0;
        }
        // The first birth month whose original retirement month is the reform's first month.
        let first = i32::from(self.effective_from.year()) * 12
            + i32::from(self.effective_from.month())
            - 1
            - i32::from(self.original_age_years) * 12;
        let born = i32::from(birth.year) * 12 + i32::from(birth.month) - 1;
        let k = born - first;
        if k < 0 {
            return 0;
        }
        let steps = k / i32::from(self.months_per_step) + 1;
        steps.min(i32::from(self.max_delay_months)) as i16
    }
}

/// The retirement rules, looked up by group and birth date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RetirementTable {
    rows: Vec<RetirementRule>,
}

impl RetirementTable {
    /// A table from rows in any order.
    pub fn new(mut rows: Vec<RetirementRule>) -> RetirementTable {
        rows.sort_by_key(|r| (r.group, r.effective_from));
        RetirementTable { rows }
    }

    /// The rows, by group then date.
    pub fn rows(&self) -> &[RetirementRule] {
        &self.rows
    }

    /// The rule for someone of `group` born on `birth`: the latest rule in force on their
    /// original retirement date, else the group's earliest rule (whose delay is then 0).
    fn rule(&self, group: RetirementGroup, birth: Date) -> Option<&RetirementRule> {
        let of_group = || self.rows.iter().filter(move |r| r.group == group);
        of_group()
            .rfind(|r| add_months(birth, i32::from(r.original_age_years) * 12) >= r.effective_from)
            .or_else(|| of_group().next())
    }
}

fn add_months(day: Date, months: i32) -> Date {
    day.checked_add(Span::new().months(months)).unwrap_or(day)
}

/// The first day of retirement of someone born on `birth`, exact to the day; `None` when
/// the table has no rule for their group.
pub fn retirement_date(
    birth: Date,
    sex: Sex,
    worker_post: bool,
    table: &RetirementTable,
) -> Option<Date> {
    let group = RetirementGroup::of(sex, worker_post);
    let rule = table.rule(group, birth)?;
    let delay = rule.delay_months(Month {
        year: birth.year(),
        month: birth.month(),
    });
    Some(add_months(
        birth,
        i32::from(rule.original_age_years) * 12 + i32::from(delay),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// The table a new file ships with (migration 0005): the decision's three groups.
    fn reform() -> RetirementTable {
        let rule = |group, age, step, max| RetirementRule {
            group,
            effective_from: date(2025, 1, 1),
            original_age_years: age,
            months_per_step: step,
            max_delay_months: max,
        };
        RetirementTable::new(vec![
            rule(RetirementGroup::Male, 60, 4, 36),
            rule(RetirementGroup::FemaleCadre, 55, 4, 36),
            rule(RetirementGroup::FemaleWorker, 50, 2, 60),
        ])
    }

    fn retires(birth: Date, sex: Sex, worker: bool) -> Date {
        retirement_date(birth, sex, worker, &reform()).unwrap()
    }

    #[test]
    fn men_by_the_annexed_table() {
        // Annex table 1 (men, 60): the first month counted is 1965-01 (60 years before
        // 2025-01). 1965-01 → 60y1m, retires 2025-02.
        assert_eq!(
            retires(date(1965, 1, 10), Sex::Male, false),
            date(2025, 2, 10)
        );
        // 1965-05: the 5th month counted (k = 4), 4 / 4 + 1 = 2 months → 60y2m, 2025-07.
        assert_eq!(
            retires(date(1965, 5, 20), Sex::Male, false),
            date(2025, 7, 20)
        );
        // 1970-12: k = 5 × 12 + 11 = 71, 71 / 4 + 1 = 18 months → 61y6m, 2032-06.
        assert_eq!(
            retires(date(1970, 12, 5), Sex::Male, false),
            date(2032, 6, 5)
        );
        // 1975-03: k = 10 × 12 + 2 = 122, 122 / 4 + 1 = 31 months → 62y7m, 2037-10.
        assert_eq!(
            retires(date(1975, 3, 15), Sex::Male, false),
            date(2037, 10, 15)
        );
        // 1976-09 reaches 63 (k = 140, 140 / 4 + 1 = 36); later births stay at 63.
        assert_eq!(
            retires(date(1976, 9, 1), Sex::Male, false),
            date(2039, 9, 1)
        );
        assert_eq!(
            retires(date(1990, 2, 1), Sex::Male, false),
            date(2053, 2, 1)
        );
        // Born 1964-12: original retirement 2024-12, before the reform: 60 exactly.
        assert_eq!(
            retires(date(1964, 12, 31), Sex::Male, false),
            date(2024, 12, 31)
        );
        // The women's worker flag does not apply to men.
        assert_eq!(
            retires(date(1965, 1, 10), Sex::Male, true),
            date(2025, 2, 10)
        );
    }

    #[test]
    fn women_cadres_by_the_annexed_table() {
        // Annex table 2 (women, 55): the first month counted is 1970-01.
        // 1965-01 and 1965-05: original retirement 2020, before the reform: 55.
        assert_eq!(
            retires(date(1965, 1, 10), Sex::Female, false),
            date(2020, 1, 10)
        );
        assert_eq!(
            retires(date(1965, 5, 20), Sex::Female, false),
            date(2020, 5, 20)
        );
        // 1970-12: k = 11, 11 / 4 + 1 = 3 months → 55y3m, 2026-03.
        assert_eq!(
            retires(date(1970, 12, 5), Sex::Female, false),
            date(2026, 3, 5)
        );
        // 1975-03: k = 5 × 12 + 2 = 62, 62 / 4 + 1 = 16 months → 56y4m, 2031-07.
        assert_eq!(
            retires(date(1975, 3, 15), Sex::Female, false),
            date(2031, 7, 15)
        );
        // 1981-09 reaches 58 (k = 140).
        assert_eq!(
            retires(date(1981, 9, 30), Sex::Female, false),
            date(2039, 9, 30)
        );
    }

    #[test]
    fn women_workers_by_the_annexed_table() {
        // Annex table 3 (women, 50): the first month counted is 1975-01, one month per two.
        // 1965-01, 1965-05, 1970-12: original retirement before 2025: 50.
        assert_eq!(
            retires(date(1965, 1, 10), Sex::Female, true),
            date(2015, 1, 10)
        );
        assert_eq!(
            retires(date(1965, 5, 20), Sex::Female, true),
            date(2015, 5, 20)
        );
        assert_eq!(
            retires(date(1970, 12, 5), Sex::Female, true),
            date(2020, 12, 5)
        );
        // 1975-03: k = 2, 2 / 2 + 1 = 2 months → 50y2m, 2025-05.
        assert_eq!(
            retires(date(1975, 3, 15), Sex::Female, true),
            date(2025, 5, 15)
        );
        // 1975-01: 50y1m, 2025-02; 1984-11 reaches 55 (k = 118, 118 / 2 + 1 = 60).
        assert_eq!(
            retires(date(1975, 1, 1), Sex::Female, true),
            date(2025, 2, 1)
        );
        assert_eq!(
            retires(date(1984, 11, 2), Sex::Female, true),
            date(2039, 11, 2)
        );
    }

    #[test]
    fn a_31st_retires_on_the_last_day_of_a_shorter_month() {
        // 1965-03-31 (k = 2, 1 month): 60y1m lands in April 2025, which has 30 days.
        assert_eq!(
            retires(date(1965, 3, 31), Sex::Male, false),
            date(2025, 4, 30)
        );
    }

    #[test]
    fn no_rule_no_date() {
        let men_only = RetirementTable::new(
            reform()
                .rows()
                .iter()
                .copied()
                .filter(|r| r.group == RetirementGroup::Male)
                .collect(),
        );
        assert_eq!(
            retirement_date(date(1970, 1, 1), Sex::Female, false, &men_only),
            None
        );
    }
}
