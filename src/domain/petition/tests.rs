use super::figures::{Figures, MatterFacts, Timeliness, median, timeliness};
use super::*;
use crate::domain::calendar::DayKind;
use jiff::civil::date;

/// 2026 around National Day as published: Mid-Autumn 25–27 September, National Day 1–7
/// October, Sunday 20 September and Saturday 10 October worked.
fn autumn_2026() -> WorkCalendar {
    let mut days: Vec<(Date, DayKind)> = (1..=7)
        .map(|d| (date(2026, 10, d), DayKind::Holiday))
        .collect();
    days.extend((25..=27).map(|d| (date(2026, 9, d), DayKind::Holiday)));
    days.push((date(2026, 9, 20), DayKind::Workday));
    days.push((date(2026, 10, 10), DayKind::Workday));
    WorkCalendar::new(days)
}

fn state(status: Status) -> MatterState {
    MatterState {
        status,
        extension_asked: false,
        supervised: false,
    }
}

#[test]
fn a_deadline_across_national_day_counts_the_make_up_saturday() {
    let cal = autumn_2026();
    // Received Monday 28 September, 7 working days: Tue 29 (1), Wed 30 (2), 1–7 October
    // off, Thu 8 (3), Fri 9 (4), Saturday 10 worked (5), Sunday 11 off, Mon 12 (6), Tue 13 (7).
    assert_eq!(deadline(&cal, date(2026, 9, 28), 7), Ok(date(2026, 10, 13)));
    // Counting weekdays alone would have said Wednesday 7 October, a holiday.
    // 15 working days ("complex"): … Tue 13 (7), Wed 14 … Fri 16 (10), Mon 19 … Fri 23 (15).
    assert_eq!(
        deadline(&cal, date(2026, 9, 28), 15),
        Ok(date(2026, 10, 23))
    );
    // The make-up Saturday is a working day left, and so counted in the list.
    assert_eq!(
        urgency(&cal, date(2026, 10, 9), date(2026, 10, 13)),
        Urgency::Left(3)
    );
}

#[test]
fn a_missing_year_is_said_not_counted_on_weekdays() {
    let cal = autumn_2026();
    // Monday 28 December 2026 + 7 working days runs into 2027, which is not entered.
    assert_eq!(
        deadline(&cal, date(2026, 12, 28), 7),
        Err(CalendarError::YearMissing(2027))
    );
    assert_eq!(
        urgency(&cal, date(2026, 12, 30), date(2027, 1, 6)),
        Urgency::Unknown(2027)
    );
}

#[test]
fn working_days_left_last_day_and_overdue() {
    let cal = autumn_2026();
    let deadline = date(2026, 11, 20); // a Friday
    assert_eq!(
        urgency(&cal, date(2026, 11, 18), deadline),
        Urgency::Left(2)
    );
    assert_eq!(
        urgency(&cal, date(2026, 11, 19), deadline),
        Urgency::Left(1)
    );
    assert_eq!(urgency(&cal, deadline, deadline), Urgency::LastDay);
    // The weekend right after: past the deadline, no working day late yet.
    assert_eq!(
        urgency(&cal, date(2026, 11, 21), deadline),
        Urgency::Overdue(0)
    );
    assert_eq!(
        urgency(&cal, date(2026, 11, 24), deadline),
        Urgency::Overdue(2)
    );
    // Saturday before a Monday deadline: Monday is the one day left.
    assert_eq!(
        urgency(&cal, date(2026, 11, 21), date(2026, 11, 23)),
        Urgency::Left(1)
    );
}

#[test]
fn the_week_ends_on_sunday() {
    assert_eq!(end_of_week(date(2026, 11, 20)), date(2026, 11, 22));
    assert_eq!(end_of_week(date(2026, 11, 16)), date(2026, 11, 22));
    assert_eq!(end_of_week(date(2026, 11, 22)), date(2026, 11, 22));
}

/// Every step from every state, with and without an extension asked and the supervision
/// flag: allowed exactly as listed here, refused otherwise with the reason.
#[test]
fn every_transition_and_every_refusal() {
    use Status::*;
    use Step::*;
    // (step, from, extension asked, supervised) → to
    let allowed = |step: Step, from: Status, ext: bool, sup: bool| -> Option<Status> {
        let open = from.is_open();
        match (step, from) {
            (SignFor, Received) => Some(SignedFor),
            (Return, Received | SignedFor) => Some(Returned),
            (Reassign, Returned) => Some(Received),
            (Start, SignedFor) => Some(InProgress),
            (Reply, SignedFor | InProgress) => Some(Replied),
            (Close, Replied) => Some(Closed),
            (CallBack, Closed) => Some(Closed),
            (AskExtension, SignedFor | InProgress) if !ext => Some(from),
            (ApproveExtension | RefuseExtension, _) if open && ext => Some(from),
            (Supervise, _) if open && !sup => Some(from),
            (Unsupervise, _) if open && sup => Some(from),
            (MarkDuplicate, Received | Returned | SignedFor | InProgress) => Some(Duplicate),
            (Edit, _) if open => Some(from),
            _ => None,
        }
    };
    let mut allowed_count = 0;
    for &step in Step::ALL {
        for &from in Status::ALL {
            for ext in [false, true] {
                for sup in [false, true] {
                    let s = MatterState {
                        status: from,
                        extension_asked: ext,
                        supervised: sup,
                    };
                    let got = next(s, step);
                    match allowed(step, from, ext, sup) {
                        Some(to) => {
                            allowed_count += 1;
                            assert_eq!(got, Ok(to), "{step:?} from {from:?} ext {ext} sup {sup}");
                        }
                        None => {
                            let err = got.expect_err("refused");
                            let expected = match (step, ext, sup) {
                                (AskExtension, true, _)
                                    if matches!(from, SignedFor | InProgress) =>
                                {
                                    PetitionRule::ExtensionPending
                                }
                                (ApproveExtension | RefuseExtension, false, _)
                                    if from.is_open() =>
                                {
                                    PetitionRule::NoExtensionAsked
                                }
                                (Supervise, _, true) if from.is_open() => {
                                    PetitionRule::AlreadySupervised
                                }
                                (Unsupervise, _, false) if from.is_open() => {
                                    PetitionRule::NotSupervised
                                }
                                _ => PetitionRule::NotNow { step, from },
                            };
                            assert_eq!(err, expected, "{step:?} from {from:?} ext {ext} sup {sup}");
                        }
                    }
                }
            }
        }
    }
    // A check on the table itself, so a typo can not make it vacuous.
    assert_eq!(allowed_count, 116);
    // Receiving is how a matter starts, never a step from a state.
    assert!(next(state(Received), Receive).is_err());
}

#[test]
fn an_unsatisfied_call_back_reopens_and_others_keep_it_closed() {
    let closed = state(Status::Closed);
    assert_eq!(
        call_back(closed, Satisfaction::Unsatisfied),
        Ok(Status::InProgress)
    );
    assert_eq!(
        call_back(closed, Satisfaction::Satisfied),
        Ok(Status::Closed)
    );
    assert_eq!(call_back(closed, Satisfaction::Basic), Ok(Status::Closed));
    assert_eq!(
        call_back(state(Status::Replied), Satisfaction::Satisfied),
        Err(PetitionRule::NotNow {
            step: Step::CallBack,
            from: Status::Replied
        })
    );
}

#[test]
fn replies_and_reasons_are_required() {
    assert_eq!(check_reason("  "), Err(PetitionRule::ReasonRequired));
    assert_eq!(check_reason(" 不属于本社区 "), Ok("不属于本社区"));
    assert_eq!(
        check_reply("", Outcome::Fixed, ""),
        Err(PetitionRule::ReplyRequired)
    );
    assert_eq!(
        check_reply("已转供电公司", Outcome::NotOurs, " "),
        Err(PetitionRule::ResponsibleRequired)
    );
    assert_eq!(
        check_reply("已转", Outcome::NotOurs, "国网钢城供电中心"),
        Ok(())
    );
    assert_eq!(check_reply("已更换电线", Outcome::Fixed, ""), Ok(()));
}

fn facts(status: Status, deadline: Date, closed_on: Option<Date>) -> MatterFacts {
    MatterFacts {
        received_on: date(2026, 11, 2),
        deadline: Some(deadline),
        status,
        closed_on,
        outcome: closed_on.map(|_| Outcome::Fixed),
        satisfaction: None,
        reopen_count: 0,
    }
}

#[test]
fn the_on_time_rate_counts_open_overdue_matters_as_late() {
    let cal = WorkCalendar::new([(date(2026, 1, 1), DayKind::Holiday)]);
    let today = date(2026, 11, 20);
    let due = date(2026, 11, 11);
    let later = date(2026, 11, 30);
    let matters = [
        facts(Status::Closed, due, Some(date(2026, 11, 10))), // on time
        facts(Status::Closed, due, Some(due)),                // on time, on the day
        facts(Status::Closed, due, Some(date(2026, 11, 12))), // late
        facts(Status::InProgress, due, None),                 // open, overdue: late
        facts(Status::Received, due, None),                   // open, overdue: late
        facts(Status::InProgress, later, None),               // not yet due: not counted
        facts(Status::Duplicate, due, None),                  // duplicate: not counted
    ];
    assert_eq!(timeliness(&matters[3], today), Timeliness::LateOpen);
    let f = Figures::count(&matters, &cal, today);
    assert_eq!((f.matters, f.duplicates), (6, 1));
    assert_eq!((f.on_time, f.late_closed, f.late_open), (2, 1, 2));
    assert_eq!(f.not_yet_due, 1);
    let rate = f.on_time_rate();
    assert_eq!((rate.part, rate.whole), (2, 5));
    assert_eq!(rate.percent(), Some(40.0));
    // Counting only the closed ones would have said 2 of 3.
    assert_eq!((f.open, f.closed), (3, 3));
}

#[test]
fn closed_not_fixed_is_never_fixed_and_satisfaction_counts_the_last_answer() {
    let cal = WorkCalendar::new([(date(2026, 1, 1), DayKind::Holiday)]);
    let today = date(2026, 11, 20);
    let due = date(2026, 11, 11);
    let mut a = facts(Status::Closed, due, Some(date(2026, 11, 4)));
    a.satisfaction = Some(Satisfaction::Satisfied);
    let mut b = facts(Status::Closed, due, Some(date(2026, 11, 6)));
    b.outcome = Some(Outcome::NotFixed);
    b.satisfaction = Some(Satisfaction::Basic);
    let mut c = facts(Status::Closed, due, Some(date(2026, 11, 9)));
    c.outcome = Some(Outcome::NotOurs);
    let mut d = facts(Status::InProgress, due, None);
    d.satisfaction = Some(Satisfaction::Unsatisfied);
    d.reopen_count = 2;
    let f = Figures::count(&[a, b, c, d], &cal, today);
    assert_eq!((f.fixed, f.not_fixed, f.not_ours, f.closed), (1, 1, 1, 3));
    assert_eq!(f.fixed_share().percent().map(|p| p.round()), Some(33.0));
    assert_eq!((f.satisfied, f.basic, f.unsatisfied), (1, 1, 1));
    assert_eq!(
        (f.satisfaction_rate().part, f.satisfaction_rate().whole),
        (2, 3)
    );
    assert_eq!((f.reopens, f.reopened_matters), (2, 1));
    // Received Monday 2 November: closed Wed 4 (2), Fri 6 (4), Mon 9 (5) → median 4.
    assert_eq!(f.median_days_to_close, Some(4.0));
    assert_eq!(f.calendar_missing, None);
}

#[test]
fn the_median_of_an_even_count_is_halfway() {
    assert_eq!(median(&mut []), None);
    assert_eq!(median(&mut [7, 1, 3]), Some(3.0));
    assert_eq!(median(&mut [4, 1, 3, 10]), Some(3.5));
}
