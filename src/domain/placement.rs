//! Public-welfare posts (城乡公益性岗位) and who may be placed on them.
//!
//! "开发一个、上岗一个、稳定一个": a post is developed, a trained person is placed on it, and
//! the placement is kept stable. The checks here run before any placement is written, each
//! with its own message, so a clerk learns every reason at once.

use jiff::civil::Date;

use super::CategoryId;
use super::id_number::Sex;
use crate::i18n::{Lang, Msg, placements as pl};

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

/// Declares `as_str`, `parse`, `ALL` and `label` for a stored enum.
macro_rules! stored_enum {
    ($ty:ident { $($variant:ident => $text:literal, $label:path;)* }) => {
        impl $ty {
            /// Every value, in display order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];

            /// The text stored in the database.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $text),* }
            }

            /// Reads the stored text.
            pub fn parse(s: &str) -> Option<$ty> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }

            /// The label shown to users.
            pub fn label(self, lang: Lang) -> &'static str {
                lang.t(match self { $($ty::$variant => $label),* })
            }
        }
    };
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
    /// Default length of the agreement.
    pub agreement_years: i16,
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
        start
            .checked_add(jiff::Span::new().years(self.agreement_years))
            .ok()
            .and_then(|d| d.yesterday().ok())
            .unwrap_or(start)
    }
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
    /// The post of an active placement the person holds, if any.
    pub active_post: Option<String>,
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
    /// Older than the limit on the start date.
    TooOld {
        /// Age on the start date.
        age: i32,
        /// The limit.
        max: i32,
    },
    /// Already placed on another post.
    AlreadyPlaced {
        /// That post's title.
        post: String,
    },
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
            Ineligible::TooOld { age, max } => pl::inel_too_old(age, max),
            Ineligible::AlreadyPlaced { post } => pl::inel_already_placed(post),
            Ineligible::NoVacancy => pl::INEL_NO_VACANCY.into(),
            Ineligible::PostNotOpen => pl::INEL_POST_NOT_OPEN.into(),
            Ineligible::OutsideFunding => pl::INEL_OUTSIDE_FUNDING.into(),
        }
    }
}

/// Every reason `candidate` may not start on `post` on `start`; empty when they may.
pub fn check_eligibility(
    rules: &PlacementRules,
    candidate: &Candidate,
    post: &PostOpening,
    start: Date,
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
    let age = super::id_number::age_on(candidate.birth_date, start);
    let max = rules.max_age(candidate.sex);
    if age < rules.min_age {
        reasons.push(Ineligible::TooYoung {
            age,
            min: rules.min_age,
        });
    } else if age > max {
        reasons.push(Ineligible::TooOld { age, max });
    }
    if let Some(post) = &candidate.active_post {
        reasons.push(Ineligible::AlreadyPlaced { post: post.clone() });
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
        }
    }

    fn candidate() -> Candidate {
        Candidate {
            birth_date: date(1977, 3, 1),
            sex: Sex::Female,
            categories: vec![CategoryId(4)],
            training_passed: true,
            active_post: None,
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

    #[test]
    fn a_trained_eligible_person_on_a_vacant_post_may_start() {
        assert!(check_eligibility(&rules(), &candidate(), &post(), date(2026, 6, 1)).is_empty());
    }

    #[test]
    fn every_reason_is_reported() {
        let c = Candidate {
            birth_date: date(1960, 1, 1),
            categories: vec![CategoryId(9)],
            training_passed: false,
            active_post: Some("保洁".into()),
            ..candidate()
        };
        let p = PostOpening {
            status: PostStatus::Suspended,
            filled: 2,
            ..post()
        };
        let reasons = check_eligibility(&rules(), &c, &p, date(2027, 1, 1));
        assert_eq!(
            reasons,
            vec![
                Ineligible::NoTrainingPassed,
                Ineligible::NotInEligibleCategory,
                Ineligible::TooOld { age: 67, max: 55 },
                Ineligible::AlreadyPlaced {
                    post: "保洁".into()
                },
                Ineligible::PostNotOpen,
                Ineligible::NoVacancy,
                Ineligible::OutsideFunding,
            ]
        );
    }

    #[test]
    fn age_limits_apply_on_the_start_date() {
        // Born 1971-06-02: 54 on 2026-06-01, 55 on 2026-06-02, 56 a year later.
        let c = Candidate {
            birth_date: date(1971, 6, 2),
            ..candidate()
        };
        assert!(check_eligibility(&rules(), &c, &post(), date(2026, 6, 2)).is_empty());
        let later = PostOpening {
            funded_to: date(2027, 12, 31),
            ..post()
        };
        assert_eq!(
            check_eligibility(&rules(), &c, &later, date(2027, 6, 2)),
            vec![Ineligible::TooOld { age: 56, max: 55 }]
        );
        let young = Candidate {
            birth_date: date(2010, 7, 1),
            ..candidate()
        };
        assert_eq!(
            check_eligibility(&rules(), &young, &post(), date(2026, 6, 1)),
            vec![Ineligible::TooYoung { age: 15, min: 16 }]
        );
    }

    #[test]
    fn the_agreement_runs_three_years_by_default() {
        assert_eq!(
            rules().default_agreement_end(date(2026, 6, 15)),
            date(2029, 6, 14)
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
