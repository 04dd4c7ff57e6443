//! Public-welfare posts (城乡公益性岗位) and who may be placed on them.
//!
//! "开发一个、上岗一个、稳定一个": a post is developed, a trained person is placed on it, and
//! the placement is kept stable. The checks here run before any placement is written, each
//! with its own message, so a clerk learns every reason at once.

use jiff::civil::Date;

use super::CategoryId;
use super::id_number::Sex;
use crate::i18n::{Msg, pay_rules as pr, placements as pl};

/// The five kinds of post the programme develops.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PostCategory {
    /// 公共管理类
    PublicManagement,
    /// 公共服务类
    PublicService,
    /// 社会事业类
    SocialUndertaking,
    /// 设施维护类
    FacilityMaintenance,
    /// 社会治理类
    SocialGovernance,
}

/// Whether a post takes placements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PostStatus {
    /// Recruiting and paying.
    Open,
    /// Paused: no new placements.
    Suspended,
    /// Ended.
    Closed,
}

/// Why someone left a post (退岗原因).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ExitReason {
    /// 找到其他工作
    OtherWork,
    /// 退休或死亡
    RetiredOrDied,
    /// 不能胜任
    Unfit,
    /// 违纪
    Misconduct,
    /// 违反协议
    Breach,
    /// 协议期满
    AgreementEnded,
    /// 其他
    Other,
}

stored_enum!(PostCategory {
    PublicManagement => "public_management", pl::POST_CAT_MANAGEMENT;
    PublicService => "public_service", pl::POST_CAT_SERVICE;
    SocialUndertaking => "social_undertaking", pl::POST_CAT_UNDERTAKING;
    FacilityMaintenance => "facility_maintenance", pl::POST_CAT_MAINTENANCE;
    SocialGovernance => "social_governance", pl::POST_CAT_GOVERNANCE;
});

stored_enum!(PostStatus {
    Open => "open", pl::POST_OPEN;
    Suspended => "suspended", pl::POST_SUSPENDED;
    Closed => "closed", pl::POST_CLOSED;
});

stored_enum!(ExitReason {
    OtherWork => "other_work", pl::EXIT_OTHER_WORK;
    RetiredOrDied => "retired_or_died", pl::EXIT_RETIRED_OR_DIED;
    Unfit => "unfit", pl::EXIT_UNFIT;
    Misconduct => "misconduct", pl::EXIT_MISCONDUCT;
    Breach => "breach", pl::EXIT_BREACH;
    AgreementEnded => "agreement_ended", pl::EXIT_AGREEMENT_ENDED;
    Other => "other", pl::EXIT_OTHER;
});

/// The rules of who may be placed: policy, so every figure is a setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacementRules {
    /// Hardship categories that make a person eligible (低保, 脱贫, 失业 …).
    pub eligible_categories: Vec<CategoryId>,
    /// Youngest age on the start date.
    pub min_age: i32,
    /// Oldest age on the start date, men.
    pub max_age_male: i32,
    /// Oldest age on the start date, women.
    pub max_age_female: i32,
    /// Default and longest length of the agreement.
    pub agreement_years: i16,
    /// When fewer than this many years remain to the retirement date on the start date,
    /// the agreement may run to the day before it.
    pub extend_to_retirement_years: i16,
    /// Women placed count as on worker posts (retirement 50 → 55), not cadre (55 → 58).
    pub women_worker_posts: bool,
}

impl PlacementRules {
    /// The age limit for `sex`.
    pub fn max_age(&self, sex: Sex) -> i32 {
        match sex {
            Sex::Male => self.max_age_male,
            Sex::Female => self.max_age_female,
        }
    }

    /// The agreement's default last day: `agreement_years` after the start, less a day.
    pub fn default_agreement_end(&self, start: Date) -> Date {
        years_after(start, self.agreement_years)
    }

    /// The latest last day of an agreement starting on `start`: `agreement_years` long, or
    /// up to the day before retirement when that is fewer than `extend_to_retirement_years`
    /// away.
    pub fn latest_agreement_end(&self, start: Date, retirement: Option<Date>) -> Date {
        let capped = self.default_agreement_end(start);
        match retirement {
            Some(r) if r <= years_after(start, self.extend_to_retirement_years) => {
                capped.max(r.yesterday().unwrap_or(r))
            }
            _ => capped,
        }
    }
}

/// `years` after `day`, less a day.
fn years_after(day: Date, years: i16) -> Date {
    day.checked_add(jiff::Span::new().years(years))
        .ok()
        .and_then(|d| d.yesterday().ok())
        .unwrap_or(day)
}

/// A placement the person holds or held, as a range of days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldPost {
    /// The post's title.
    pub post: String,
    /// First day.
    pub from: Date,
    /// Last day: the exit, else the agreement's end.
    pub to: Date,
}

/// What the checks need to know about the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// From the ID number.
    pub birth_date: Date,
    /// From the ID number.
    pub sex: Sex,
    /// Hardship categories held.
    pub categories: Vec<CategoryId>,
    /// A training course was passed.
    pub training_passed: bool,
    /// The day of that training.
    pub training_date: Option<Date>,
    /// The person's placements, current and past.
    pub placements: Vec<HeldPost>,
    /// The statutory retirement date, if the settings give one.
    pub retirement_date: Option<Date>,
}

/// What the checks need to know about the post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostOpening {
    /// Recruiting or not.
    pub status: PostStatus,
    /// Places on the post.
    pub headcount: i64,
    /// Places filled on the start date.
    pub filled: i64,
    /// First funded day.
    pub funded_from: Date,
    /// Last funded day.
    pub funded_to: Date,
}

/// One reason a placement may not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ineligible {
    /// No training passed: "no training passed, no placement".
    NoTrainingPassed,
    /// Holds none of the eligible hardship categories.
    NotInEligibleCategory,
    /// Younger than the limit on the start date.
    TooYoung {
        /// Age on the start date.
        age: i32,
        /// The limit.
        min: i32,
    },
    /// The start date is not before the statutory retirement date.
    PastRetirement {
        /// The retirement date.
        date: Date,
    },
    /// The settings give no retirement age for the person's group.
    NoRetirementRule,
    /// The dates overlap another placement of the person.
    Overlaps(HeldPost),
    /// The agreement runs past the post's funding.
    AgreementPastFunding {
        /// The post's last funded day.
        funded_to: Date,
    },
    /// The agreement is longer than the settings allow.
    AgreementTooLong {
        /// The latest allowed last day.
        latest: Date,
    },
    /// The training is dated after the start.
    TrainingAfterStart,
    /// Every place on the post is filled.
    NoVacancy,
    /// The post is suspended or closed.
    PostNotOpen,
    /// The start date is outside the post's funding.
    OutsideFunding,
}

impl Ineligible {
    /// The message shown to the clerk.
    pub fn message(&self) -> Msg {
        match self {
            Ineligible::NoTrainingPassed => pl::INEL_NO_TRAINING.into(),
            Ineligible::NotInEligibleCategory => pl::INEL_CATEGORY.into(),
            Ineligible::TooYoung { age, min } => pl::inel_too_young(age, min),
            Ineligible::PastRetirement { date } => pr::inel_past_retirement(date),
            Ineligible::NoRetirementRule => pr::NO_RETIREMENT_RULE.into(),
            Ineligible::Overlaps(held) => pr::inel_overlaps(&held.post, held.from, held.to),
            Ineligible::AgreementPastFunding { funded_to } => pr::agreement_past_funding(funded_to),
            Ineligible::AgreementTooLong { latest } => pr::agreement_too_long(latest),
            Ineligible::TrainingAfterStart => pr::TRAINING_AFTER_START.into(),
            Ineligible::NoVacancy => pl::INEL_NO_VACANCY.into(),
            Ineligible::PostNotOpen => pl::INEL_POST_NOT_OPEN.into(),
            Ineligible::OutsideFunding => pl::INEL_OUTSIDE_FUNDING.into(),
        }
    }
}

/// Every reason `candidate` may not start on `post` on `start` with an agreement to
/// `agreement_end`; empty when they may.
pub fn check_eligibility(
    rules: &PlacementRules,
    candidate: &Candidate,
    post: &PostOpening,
    start: Date,
    agreement_end: Date,
) -> Vec<Ineligible> {
    let mut reasons = Vec::new();
    if !candidate.training_passed {
        reasons.push(Ineligible::NoTrainingPassed);
    }
    if !candidate
        .categories
        .iter()
        .any(|c| rules.eligible_categories.contains(c))
    {
        reasons.push(Ineligible::NotInEligibleCategory);
    }
    if candidate.training_date.is_some_and(|d| d > start) {
        reasons.push(Ineligible::TrainingAfterStart);
    }
    let age = super::id_number::age_on(candidate.birth_date, start);
    if age < rules.min_age {
        reasons.push(Ineligible::TooYoung {
            age,
            min: rules.min_age,
        });
    }
    match candidate.retirement_date {
        // Exact to the day: the last day in post is the day before retirement.
        Some(date) if start >= date => reasons.push(Ineligible::PastRetirement { date }),
        Some(_) => {}
        None => reasons.push(Ineligible::NoRetirementRule),
    }
    // One post at a time: the new range may not touch any other placement's range.
    for held in &candidate.placements {
        if held.from <= agreement_end && start <= held.to {
            reasons.push(Ineligible::Overlaps(held.clone()));
        }
    }
    if post.status != PostStatus::Open {
        reasons.push(Ineligible::PostNotOpen);
    }
    if post.filled >= post.headcount {
        reasons.push(Ineligible::NoVacancy);
    }
    if start < post.funded_from || start > post.funded_to {
        reasons.push(Ineligible::OutsideFunding);
    }
    if agreement_end > post.funded_to {
        reasons.push(Ineligible::AgreementPastFunding {
            funded_to: post.funded_to,
        });
    }
    let latest = rules.latest_agreement_end(start, candidate.retirement_date);
    if agreement_end > latest {
        reasons.push(Ineligible::AgreementTooLong { latest });
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn rules() -> PlacementRules {
        PlacementRules {
            eligible_categories: vec![CategoryId(2), CategoryId(4)],
            min_age: 16,
            max_age_male: 60,
            max_age_female: 55,
            agreement_years: 3,
            extend_to_retirement_years: 5,
            women_worker_posts: false,
        }
    }

    fn candidate() -> Candidate {
        Candidate {
            birth_date: date(1977, 3, 1),
            sex: Sex::Female,
            categories: vec![CategoryId(4)],
            training_passed: true,
            training_date: Some(date(2026, 5, 20)),
            placements: Vec::new(),
            // Woman, cadre table, born 1977-03: k = 86, 86 / 4 + 1 = 22 months → 56y10m.
            retirement_date: Some(date(2034, 1, 1)),
        }
    }

    fn post() -> PostOpening {
        PostOpening {
            status: PostStatus::Open,
            headcount: 2,
            filled: 1,
            funded_from: date(2026, 1, 1),
            funded_to: date(2026, 12, 31),
        }
    }

    fn check(c: &Candidate, p: &PostOpening, start: Date, end: Date) -> Vec<Ineligible> {
        check_eligibility(&rules(), c, p, start, end)
    }

    #[test]
    fn a_trained_eligible_person_on_a_vacant_post_may_start() {
        assert!(check(&candidate(), &post(), date(2026, 6, 1), date(2026, 12, 31)).is_empty());
    }

    #[test]
    fn every_reason_is_reported() {
        let held = HeldPost {
            post: "保洁".into(),
            from: date(2025, 1, 1),
            to: date(2027, 12, 31),
        };
        let c = Candidate {
            birth_date: date(1960, 1, 1),
            categories: vec![CategoryId(9)],
            training_passed: false,
            training_date: Some(date(2027, 2, 1)),
            placements: vec![held.clone()],
            retirement_date: Some(date(2015, 1, 1)),
            ..candidate()
        };
        let p = PostOpening {
            status: PostStatus::Suspended,
            filled: 2,
            ..post()
        };
        let reasons = check(&c, &p, date(2027, 1, 1), date(2031, 1, 1));
        assert_eq!(
            reasons,
            vec![
                Ineligible::NoTrainingPassed,
                Ineligible::NotInEligibleCategory,
                Ineligible::TrainingAfterStart,
                Ineligible::PastRetirement {
                    date: date(2015, 1, 1)
                },
                Ineligible::Overlaps(held),
                Ineligible::PostNotOpen,
                Ineligible::NoVacancy,
                Ineligible::OutsideFunding,
                Ineligible::AgreementPastFunding {
                    funded_to: date(2026, 12, 31)
                },
                Ineligible::AgreementTooLong {
                    latest: date(2029, 12, 31)
                },
            ]
        );
    }

    #[test]
    fn the_retirement_date_limits_the_start_to_the_day() {
        let c = candidate();
        // Retirement 2034-01-01: starting the day before is allowed, on the day is not.
        let funded = PostOpening {
            funded_to: date(2034, 12, 31),
            ..post()
        };
        assert!(check(&c, &funded, date(2033, 12, 31), date(2033, 12, 31)).is_empty());
        assert_eq!(
            check(&c, &funded, date(2034, 1, 1), date(2034, 1, 1)),
            vec![Ineligible::PastRetirement {
                date: date(2034, 1, 1)
            }]
        );
        let unknown = Candidate {
            retirement_date: None,
            ..candidate()
        };
        assert_eq!(
            check(&unknown, &post(), date(2026, 6, 1), date(2026, 12, 31)),
            vec![Ineligible::NoRetirementRule]
        );
        let young = Candidate {
            birth_date: date(2010, 7, 1),
            ..candidate()
        };
        assert_eq!(
            check(&young, &post(), date(2026, 6, 1), date(2026, 12, 31)),
            vec![Ineligible::TooYoung { age: 15, min: 16 }]
        );
    }

    #[test]
    fn overlapping_placements_are_refused_not_only_open_ones() {
        let held = |from, to| HeldPost {
            post: "保洁".into(),
            from,
            to,
        };
        let with = |h: HeldPost| Candidate {
            placements: vec![h],
            ..candidate()
        };
        let (start, end) = (date(2026, 6, 1), date(2026, 12, 31));
        // Exited 2026-05-31: the day before the start, no overlap.
        assert!(
            check(
                &with(held(date(2025, 1, 1), date(2026, 5, 31))),
                &post(),
                start,
                end
            )
            .is_empty()
        );
        // Exited on the start day: one day in two posts.
        let same_day = held(date(2025, 1, 1), date(2026, 6, 1));
        assert_eq!(
            check(&with(same_day.clone()), &post(), start, end),
            vec![Ineligible::Overlaps(same_day)]
        );
        // A later placement already recorded (from 2026-12-31) overlaps on its first day.
        let later = held(date(2026, 12, 31), date(2027, 6, 30));
        assert_eq!(
            check(&with(later.clone()), &post(), start, end),
            vec![Ineligible::Overlaps(later)]
        );
    }

    #[test]
    fn the_agreement_is_capped_and_may_reach_retirement() {
        let r = rules();
        assert_eq!(
            r.default_agreement_end(date(2026, 6, 15)),
            date(2029, 6, 14)
        );
        // Retirement 10 years away: 3 years at most.
        assert_eq!(
            r.latest_agreement_end(date(2026, 6, 15), Some(date(2036, 6, 15))),
            date(2029, 6, 14)
        );
        // Retirement 2031-06-14, fewer than 5 years after 2026-06-15: up to 2031-06-13.
        assert_eq!(
            r.latest_agreement_end(date(2026, 6, 15), Some(date(2031, 6, 14))),
            date(2031, 6, 13)
        );
        // Exactly 5 years away (2031-06-15) is not fewer than 5: 3 years.
        assert_eq!(
            r.latest_agreement_end(date(2026, 6, 15), Some(date(2031, 6, 15))),
            date(2029, 6, 14)
        );
        let long = PostOpening {
            funded_to: date(2035, 12, 31),
            ..post()
        };
        assert_eq!(
            check(&candidate(), &long, date(2026, 6, 15), date(2029, 6, 15)),
            vec![Ineligible::AgreementTooLong {
                latest: date(2029, 6, 14)
            }]
        );
    }

    #[test]
    fn the_training_may_be_on_the_start_day_not_after() {
        let c = Candidate {
            training_date: Some(date(2026, 6, 1)),
            ..candidate()
        };
        assert!(check(&c, &post(), date(2026, 6, 1), date(2026, 12, 31)).is_empty());
        assert_eq!(
            check(&c, &post(), date(2026, 5, 31), date(2026, 12, 31)),
            vec![Ineligible::TrainingAfterStart]
        );
    }

    #[test]
    fn stored_texts_round_trip() {
        for c in PostCategory::ALL {
            assert_eq!(PostCategory::parse(c.as_str()), Some(*c));
        }
        for r in ExitReason::ALL {
            assert_eq!(ExitReason::parse(r.as_str()), Some(*r));
        }
        assert_eq!(PostStatus::parse("closed"), Some(PostStatus::Closed));
    }
}
