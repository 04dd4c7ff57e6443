//! The checks that stop a bad approval, each on a planted case; approval refused before the
//! month ends, with attendance missing, or with a finding neither fixed nor accepted; the
//! recoveries proposed after a late exit; a recovery larger than a month's pay carried on.
//!
//! Figures: tier 1 of the shipped table from 2021-10-01 pays 2,100.00 yuan a month and
//! 21.00 yuan an hour; the fixture's urban social-insurance subsidy is 500.00 yuan.

use crate::common;

use jiff::civil::{Date, date};
use minsheng::domain::pay::{Area, Month};
use minsheng::domain::person::PersonDraft;
use minsheng::domain::placement::{ExitReason, PostCategory, PostStatus};
use minsheng::domain::{CategoryId, PersonId, PlacementId, PostId, RegionId};
use minsheng::store::pay_settings::{self, NewPolicy};
use minsheng::store::payroll::{self, MonthStatus, NewAdjustment};
use minsheng::store::placement_reports::{self, CheckKind};
use minsheng::store::placements::{self, NewPlacement, NewTraining, TrainingChoice};
use minsheng::store::posts::{self, NewPost};
use minsheng::store::{PayrollRule, Store, StoreError, people};

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    village: RegionId,
    low_income: CategoryId,
    next_id: usize,
}

/// Valid resident ID numbers (check characters worked out), men born 1980–1988.
const IDS: [&str; 9] = [
    "370117198001010116",
    "370117198102020137",
    "370117198203030158",
    "370117198304040179",
    "37011719840505019X",
    "370117198506060215",
    "370117198607070236",
    "370117198708080257",
    "370117198809090278",
];

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    // The clock reads 2026-11-20.
    let mut store = common::open_store(dir.path().join("c.sqlite"));
    let village = store
        .write(|w| {
            let [_, _, v, _] = common::small_tree(w)?;
            common::flat_pay_rules(w, 1, 50_000)?;
            Ok(v)
        })
        .unwrap();
    let low_income = common::low_income(&store.read());
    Fixture {
        _dir: dir,
        store,
        village,
        low_income,
        next_id: 0,
    }
}

impl Fixture {
    fn person(&mut self, name: &str) -> PersonId {
        let draft = PersonDraft {
            name: name.into(),
            id_number: IDS[self.next_id].into(),
            region_id: Some(self.village),
            categories: vec![self.low_income],
            ..PersonDraft::default()
        };
        self.next_id += 1;
        let new = draft.validate(common::test_day()).unwrap();
        self.store.write(|w| people::insert(w, &new)).unwrap()
    }

    /// A person with a given ID number (the birth date and sex are read from it).
    fn person_with_id(&mut self, name: &str, id_number: &str) -> PersonId {
        let draft = PersonDraft {
            name: name.into(),
            id_number: id_number.into(),
            region_id: Some(self.village),
            categories: vec![self.low_income],
            ..PersonDraft::default()
        };
        let new = draft.validate(common::test_day()).unwrap();
        self.store.write(|w| people::insert(w, &new)).unwrap()
    }

    fn post(&mut self, area: Area, funded_to: Date) -> PostId {
        let post = NewPost {
            title: if area == Area::Urban {
                "网格员"
            } else {
                "保洁员"
            }
            .into(),
            category: PostCategory::FacilityMaintenance,
            area,
            host_unit: "北城子坡社区居民委员会".into(),
            region_id: self.village,
            headcount: 9,
            monthly_hours_tenths: (area == Area::Rural).then_some(800),
            min_hours_tenths: None,
            max_hours_tenths: None,
            funded_from: date(2026, 1, 1),
            funded_to,
            status: PostStatus::Open,
        };
        self.store.write(|w| posts::insert(w, &post)).unwrap()
    }

    fn place(&mut self, name: &str, post: PostId, start: Date, insured: bool) -> PlacementId {
        let person = self.person(name);
        let new = NewPlacement {
            person_id: person,
            post_id: post,
            training: TrainingChoice::New(NewTraining {
                course: "上岗培训".into(),
                trained_on: date(2026, 1, 5),
                hours: 16,
                passed: true,
            }),
            start_date: start,
            // No agreement runs past its post's funding.
            agreement_end: self
                .store
                .conn()
                .query_row("SELECT funded_to FROM posts WHERE id = ?1", [post.0], |r| {
                    r.get::<_, String>(0)
                })
                .unwrap()
                .parse::<Date>()
                .unwrap()
                .min(date(2029, 1, 14)),
            accident_insurance: insured,
        };
        // Insured: a policy covers the whole agreement (the flag alone is no cover).
        self.store
            .write(|w| {
                let p = placements::place(w, &new)?;
                if insured {
                    pay_settings::add_policy(w, p, &policy(start, new.agreement_end))?;
                }
                Ok(p)
            })
            .unwrap()
    }

    fn attend(&mut self, p: PlacementId, month: Month, days: Option<i64>, hours: Option<i64>) {
        self.store
            .write(|w| payroll::set_attendance(w, p, month, days, hours))
            .unwrap();
    }

    fn compute(&mut self, month: Month) -> (usize, i64) {
        self.store
            .write(|w| payroll::compute(w, month, |_, _| true))
            .unwrap()
    }

    fn approve(&mut self, month: Month, today: Date) -> Result<(), StoreError> {
        self.store.write(|w| payroll::approve(w, month, today))
    }

    fn exit(&mut self, p: PlacementId, last_day: Date) {
        self.store
            .write(|w| placements::exit(w, p, last_day, ExitReason::OtherWork, ""))
            .unwrap();
    }

    fn open_kinds(&self, month: Month) -> Vec<(CheckKind, PlacementId)> {
        placement_reports::open_findings(&self.store.read(), month)
            .unwrap()
            .into_iter()
            .map(|f| (f.kind, f.placement_id))
            .collect()
    }
}

/// An accident-insurance policy covering `from` to `to`.
fn policy(from: Date, to: Date) -> NewPolicy {
    NewPolicy {
        insurer: "中国人寿济南分公司".into(),
        policy_no: format!("PA{from}"),
        premium_fen: 5_000,
        covers_from: from,
        covers_to: to,
    }
}

fn oct() -> Month {
    Month::new(2026, 10).unwrap()
}

#[test]
fn every_check_finds_its_planted_case_and_approval_waits_for_each() {
    let mut f = fixture();
    let urban = f.post(Area::Urban, date(2028, 12, 31));
    // Its funding is cut back to 15 October after the sheet was computed (the program stops
    // pay at a funding end; a hand edit of the file does not recompute): the second half
    // of October is paid without funds.
    let unfunded = f.post(Area::Urban, date(2028, 12, 31));
    let rural = f.post(Area::Rural, date(2028, 12, 31));
    let sep1 = date(2026, 9, 1);
    let clean = f.place("甲", urban, sep1, true);
    let left = f.place("乙", urban, sep1, true);
    let zero = f.place("丙", urban, sep1, true);
    let deleted = f.place("丁", urban, sep1, true);
    let no_funds = f.place("戊", unfunded, sep1, true);
    let uninsured = f.place("己", rural, sep1, false);
    // In post 17–31 October, 15 of 31 days: the 80-hour limit is 80 × 15/31 = 38.7 hours.
    let late_start = f.place("庚", rural, date(2026, 10, 17), true);
    for p in [clean, left, deleted, no_funds] {
        f.attend(p, oct(), Some(21), None);
    }
    f.attend(zero, oct(), Some(0), None);
    f.attend(uninsured, oct(), None, Some(600));
    f.attend(late_start, oct(), None, Some(400));
    f.compute(oct());
    // Then the exit of 10 October is recorded, after the month was computed at 31 days,
    // and a person is moved to the wastebasket.
    f.exit(left, date(2026, 10, 10));
    f.store
        .conn()
        .execute(
            "UPDATE posts SET funded_to = '2026-10-15' WHERE id = ?1",
            [unfunded.0],
        )
        .unwrap();
    // The program refuses to trash a person in post; a hand edit of the file does not ask.
    let trashed_person = placements::get(&f.store.read(), deleted).unwrap().person_id;
    f.store
        .conn()
        .execute(
            "UPDATE people SET deleted_at = '2026-11-02T09:00:00' WHERE id = ?1",
            [trashed_person.0],
        )
        .unwrap();

    let findings = placement_reports::checks(&f.store.read(), oct()).unwrap();
    let found: Vec<(CheckKind, PlacementId, &str)> = findings
        .iter()
        .map(|x| (x.kind, x.placement_id, x.detail.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (CheckKind::HoursAboveLimit, late_start, "40 / 38.7"),
            (CheckKind::ExitPaidWholeMonth, left, "2026-10-10 · 31"),
            (CheckKind::NoDaysWorked, zero, "0"),
            (CheckKind::PersonDeleted, deleted, "2026-11-02"),
            (
                CheckKind::PostClosedOrUnfunded,
                no_funds,
                "open · 2026-01-01~2026-10-15"
            ),
            (CheckKind::NoAccidentCover, uninsured, ""),
        ]
    );

    // Approval is refused while any finding is open.
    let refused = f.approve(oct(), date(2026, 11, 3));
    assert!(matches!(
        refused,
        Err(StoreError::Payroll(PayrollRule::FindingsOpen))
    ));
    // A finding is fixed (the exit: compute again) or accepted with a written reason.
    f.compute(oct());
    assert!(
        !f.open_kinds(oct())
            .contains(&(CheckKind::ExitPaidWholeMonth, left))
    );
    let no_reason = f.store.write(|w| {
        placement_reports::accept_finding(w, oct(), CheckKind::NoDaysWorked, zero, "  ")
    });
    assert!(matches!(
        no_reason,
        Err(StoreError::Payroll(PayrollRule::AcceptanceReasonRequired))
    ));
    let reasons = [
        (CheckKind::HoursAboveLimit, late_start, "入职培训占用工时"),
        (CheckKind::NoDaysWorked, zero, "病假，社区证明"),
        (CheckKind::PersonDeleted, deleted, "误删，已恢复前发放"),
        (
            CheckKind::PostClosedOrUnfunded,
            no_funds,
            "资金延期文件待下达",
        ),
    ];
    for (kind, p, reason) in reasons {
        f.store
            .write(|w| placement_reports::accept_finding(w, oct(), kind, p, reason))
            .unwrap();
    }
    assert_eq!(
        f.open_kinds(oct()),
        vec![(CheckKind::NoAccidentCover, uninsured)]
    );
    assert!(matches!(
        f.approve(oct(), date(2026, 11, 3)),
        Err(StoreError::Payroll(PayrollRule::FindingsOpen))
    ));
    f.store
        .write(|w| {
            placement_reports::accept_finding(
                w,
                oct(),
                CheckKind::NoAccidentCover,
                uninsured,
                "保险已续保，保单待补",
            )
        })
        .unwrap();
    // Accepting the same finding twice is refused.
    let twice = f.store.write(|w| {
        placement_reports::accept_finding(w, oct(), CheckKind::NoAccidentCover, uninsured, "再次")
    });
    assert!(matches!(
        twice,
        Err(StoreError::Payroll(PayrollRule::FindingAlreadyAccepted))
    ));
    f.approve(oct(), date(2026, 11, 3)).unwrap();
    assert_eq!(
        payroll::month_status(&f.store.read(), oct()).unwrap(),
        MonthStatus::Approved
    );
    // The acceptances stay with the month, each logged once with who and why.
    let accepted = placement_reports::acceptances(&f.store.read(), oct()).unwrap();
    assert_eq!(accepted.len(), 5);
    assert_eq!(
        accepted[&(CheckKind::NoDaysWorked, zero)].reason,
        "病假，社区证明"
    );
    let logged: i64 = f
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE table_name = 'finding_acceptances' AND action = 'insert'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 5);
    // The exported sheet lists the accepted findings with their reasons.
    let xlsx = f._dir.path().join("sheet.xlsx");
    let disclosure = minsheng::jobs::exports::Disclosure {
        id_mask: minsheng::domain::mask::MaskPattern::ID_DEFAULT,
        full_ids: false,
    };
    minsheng::jobs::exports::subsidy_sheet(
        &mut f.store,
        oct(),
        &xlsx,
        disclosure,
        minsheng::i18n::Lang::Zh,
        &minsheng::jobs::Reporter::silent(),
    )
    .unwrap();
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("2026-10").unwrap();
    let cells: Vec<String> = range.rows().flatten().map(|c| c.to_string()).collect();
    assert!(cells.iter().any(|c| c == "已接受的核查问题："), "{cells:?}");
    assert!(
        cells
            .iter()
            .any(|c| c.contains("出勤为0或考勤为空却发放 · 丙 · 已接受")
                && c.contains("病假，社区证明")),
        "{cells:?}"
    );
    // An approved month's findings can not be accepted any more.
    assert!(matches!(
        f.store.write(|w| placement_reports::accept_finding(
            w,
            oct(),
            CheckKind::PaidTwice,
            clean,
            "迟到"
        )),
        Err(StoreError::MonthApproved(_))
    ));
}

#[test]
fn approval_waits_for_the_month_to_end_and_for_every_attendance_entry() {
    let mut f = fixture();
    let urban = f.post(Area::Urban, date(2028, 12, 31));
    let rural = f.post(Area::Rural, date(2028, 12, 31));
    let a = f.place("甲", urban, date(2026, 10, 1), true);
    let b = f.place("乙", rural, date(2026, 10, 1), true);
    f.attend(a, oct(), Some(22), None);
    // An entry with no value is as good as none.
    f.attend(b, oct(), None, None);
    f.compute(oct());
    assert_eq!(
        payroll::missing_attendance(&f.store.read(), oct()).unwrap(),
        vec![b]
    );
    assert!(matches!(
        f.approve(oct(), date(2026, 11, 3)),
        Err(StoreError::Payroll(PayrollRule::AttendanceIncomplete))
    ));
    f.attend(b, oct(), None, Some(800));
    f.compute(oct());
    // The last day of the month is still inside it.
    assert!(matches!(
        f.approve(oct(), date(2026, 10, 31)),
        Err(StoreError::Payroll(PayrollRule::MonthNotEnded))
    ));
    f.approve(oct(), date(2026, 11, 1)).unwrap();

    // November, on the store's clock (2026-11-20): not ended.
    let nov = oct().next();
    f.attend(a, nov, Some(20), None);
    f.attend(b, nov, None, Some(800));
    f.compute(nov);
    let today = f.store.clock().today();
    assert!(matches!(
        payroll::check_approvable(&f.store.read(), nov, today),
        Err(StoreError::Payroll(PayrollRule::MonthNotEnded))
    ));
}

#[test]
fn rates_still_to_check_are_named_before_approval() {
    let mut f = fixture();
    // The shipped tier 1 rate of 2021-10-01 is in force in October 2026, unverified.
    let unverified = payroll::unverified_rates(&f.store.read(), oct()).unwrap();
    assert_eq!(unverified.len(), 1);
    assert_eq!(unverified[0].wage.effective_from, date(2021, 10, 1));
    assert_eq!(unverified[0].wage.monthly_fen, 210_000);
    let wage = unverified[0].wage.clone();
    f.store
        .write(|w| payroll::save_wage(w, &wage, true, "鲁政字〔2021〕号"))
        .unwrap();
    assert!(
        payroll::unverified_rates(&f.store.read(), oct())
            .unwrap()
            .is_empty()
    );
}

/// A late exit: 陈 left on 20 September, reported after September and October were approved
/// and paid in full.
///
/// - September (30 days): paid 2,100.00 + 500.00 = 2,600.00; due 20/30 × 2,100.00 =
///   1,400.00 + 500.00 (a day in post pays the whole subsidy) = 1,900.00; recover 700.00.
/// - October: paid 2,600.00, due 0; recover 2,600.00.
/// - August, before the exit, is left alone. Both go on November, the first open month.
#[test]
fn a_late_exit_proposes_the_recoveries_of_the_approved_months() {
    let mut f = fixture();
    let urban = f.post(Area::Urban, date(2028, 12, 31));
    let p = f.place("陈", urban, date(2026, 8, 1), true);
    let (aug, sep) = (Month::new(2026, 8).unwrap(), Month::new(2026, 9).unwrap());
    for m in [aug, sep, oct()] {
        f.attend(p, m, Some(i64::from(m.days())), None);
        assert_eq!(f.compute(m), (1, 260_000));
        f.approve(m, m.next().first_day()).unwrap();
    }
    assert!(
        payroll::recovery_proposals(&f.store.read(), p)
            .unwrap()
            .is_empty()
    );
    f.exit(p, date(2026, 9, 20));
    let proposals = payroll::recovery_proposals(&f.store.read(), p).unwrap();
    let nov = oct().next();
    assert_eq!(
        proposals,
        vec![
            payroll::Recovery {
                corrects_month: sep,
                paid_fen: 260_000,
                due_fen: 190_000,
                amount_fen: -70_000,
                month: nov,
            },
            payroll::Recovery {
                corrects_month: oct(),
                paid_fen: 260_000,
                due_fen: 0,
                amount_fen: -260_000,
                month: nov,
            },
        ]
    );
    f.store
        .write(|w| {
            payroll::write_recoveries(w, p, &proposals, |r| {
                format!("退岗后多发 {}", r.corrects_month)
            })
        })
        .unwrap();
    // Written once, nothing more is proposed.
    assert!(
        payroll::recovery_proposals(&f.store.read(), p)
            .unwrap()
            .is_empty()
    );
    // November carries -3,300.00 with no pay to take it from: the line is 0 and the whole
    // amount goes on to December.
    f.compute(nov);
    let line = placement_reports::sheet(&f.store.read(), nov).unwrap();
    assert_eq!(line.len(), 1);
    assert_eq!(
        (
            line[0].total_fen,
            line[0].adjustment_fen,
            line[0].carried_out_fen
        ),
        (0, 0, -330_000)
    );
}

/// 何 works a rural post, 80 hours a month at 21.00 yuan = 1,680.00. October is found to have
/// been paid 2,000.00 too much; November's pay does not cover it:
/// - November: 1,680.00 − 2,000.00 → the line pays 0, 1,680.00 recovered, 320.00 carried;
/// - December, 60 hours: 1,260.00 − 320.00 = 940.00.
#[test]
fn a_recovery_larger_than_the_pay_is_carried_and_no_line_goes_below_zero() {
    let mut f = fixture();
    let rural = f.post(Area::Rural, date(2028, 12, 31));
    let p = f.place("何", rural, date(2026, 9, 1), true);
    f.attend(p, oct(), None, Some(800));
    assert_eq!(f.compute(oct()), (1, 168_000));
    f.approve(oct(), date(2026, 11, 2)).unwrap();
    let nov = oct().next();
    let dec = nov.next();
    f.store
        .write(|w| {
            payroll::add_adjustment(
                w,
                &NewAdjustment {
                    month: nov,
                    placement_id: p,
                    corrects_month: oct(),
                    amount_fen: -200_000,
                    reason: "重复发放，追回".into(),
                },
            )
        })
        .unwrap();
    f.attend(p, nov, None, Some(800));
    assert_eq!(f.compute(nov), (1, 0));
    let line = &placement_reports::sheet(&f.store.read(), nov).unwrap()[0];
    assert_eq!(
        (
            line.wage_fen,
            line.adjustment_fen,
            line.total_fen,
            line.carried_out_fen
        ),
        (168_000, -168_000, 0, -32_000)
    );
    f.attend(p, dec, None, Some(600));
    assert_eq!(f.compute(dec), (1, 94_000));
    let line = &placement_reports::sheet(&f.store.read(), dec).unwrap()[0];
    assert_eq!(
        (
            line.wage_fen,
            line.adjustment_fen,
            line.carried_in_fen,
            line.total_fen
        ),
        (126_000, -32_000, -32_000, 94_000)
    );
    // November recomputed with more hours: the carry shrinks and December opens again.
    f.attend(p, nov, None, Some(900));
    f.compute(nov);
    let carried: i64 = f
        .store
        .conn()
        .query_row(
            "SELECT amount_fen FROM subsidy_carries WHERE month = '2026-12'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // 90 hours × 21.00 = 1,890.00; 2,000.00 − 1,890.00 = 110.00 carried.
    assert_eq!(carried, -11_000);
    assert_eq!(
        payroll::month_status(&f.store.read(), dec).unwrap(),
        MonthStatus::Open
    );
    // No line of any month is negative.
    let negative: i64 = f
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM subsidy_lines WHERE total_fen < 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(negative, 0);
}

/// Accident cover is read from the policies, day by day, for rural lines paying a wage in
/// October 2026 (31 days); the old yes/no flag does not count:
/// - 甲: no policy at all (the flag is set) → found, "no policy" (empty detail);
/// - 乙: covered 09-01..10-15 and 10-17..: the 16th is bare → found, "2026-10-16";
/// - 丙: in post from 10-17, covered from the 18th → found, "2026-10-17";
/// - 丁: one policy over the whole agreement → not found;
/// - 戊: left on 09-30, no line in October → not found.
#[test]
fn accident_cover_is_read_from_the_policies_to_the_day() {
    let mut f = fixture();
    let rural = f.post(Area::Rural, date(2028, 12, 31));
    let sep1 = date(2026, 9, 1);
    let none = f.place("甲", rural, sep1, false);
    f.store
        .conn()
        .execute(
            "UPDATE placements SET accident_insurance = 1 WHERE id = ?1",
            [none.0],
        )
        .unwrap();
    let gap = f.place("乙", rural, sep1, false);
    let late = f.place("丙", rural, date(2026, 10, 17), false);
    let whole = f.place("丁", rural, sep1, true);
    let gone = f.place("戊", rural, sep1, false);
    f.exit(gone, date(2026, 9, 30));
    f.store
        .write(|w| {
            pay_settings::add_policy(w, gap, &policy(sep1, date(2026, 10, 15)))?;
            pay_settings::add_policy(w, gap, &policy(date(2026, 10, 17), date(2027, 10, 16)))?;
            pay_settings::add_policy(w, late, &policy(date(2026, 10, 18), date(2027, 10, 17)))
        })
        .unwrap();
    for p in [none, gap, late, whole] {
        f.attend(p, oct(), None, Some(400));
    }
    f.compute(oct());
    let found: Vec<(PlacementId, String)> = placement_reports::checks(&f.store.read(), oct())
        .unwrap()
        .into_iter()
        .filter(|x| x.kind == CheckKind::NoAccidentCover)
        .map(|x| (x.placement_id, x.detail))
        .collect();
    assert_eq!(
        found,
        // By name: 丙, 乙, 甲.
        vec![
            (late, "2026-10-17".into()),
            (gap, "2026-10-16".into()),
            (none, String::new()),
        ]
    );
    // The missing day covered, 乙's finding goes.
    f.store
        .write(|w| {
            pay_settings::add_policy(w, gap, &policy(date(2026, 10, 16), date(2026, 10, 16)))
        })
        .unwrap();
    let open: Vec<PlacementId> = f
        .open_kinds(oct())
        .into_iter()
        .filter(|(k, _)| *k == CheckKind::NoAccidentCover)
        .map(|(_, p)| p)
        .collect();
    assert_eq!(open, vec![late, none]);
}

/// Retirement by the statutory table, to the day:
/// - 李 (man, born 1966-06-10): 17 months of birth after 1965-01, 17 / 4 + 1 = 5 months of
///   delay, 60 years 5 months: retires 2026-11-10. His agreement runs to 2028: found in
///   November with that date, until his exit on 11-09 (the last day in post) is recorded.
/// - 王 (man, born 1966-06-20, same date rule: 2026-11-20) on a post funded to 11-05: his
///   agreement ends before retirement, nothing to find.
/// - 赵's October line was computed, then his birth date was found to be 1964-06-20: his
///   original retirement month (2024-06) is before the reform, so 60 years: 2024-06-20.
///   October is paid after retirement: found with that date.
#[test]
fn retirement_is_found_by_the_statutory_date_and_ends_the_placement() {
    let mut f = fixture();
    let urban = f.post(Area::Urban, date(2028, 12, 31));
    let short = f.post(Area::Urban, date(2026, 11, 5));
    let li = f.person_with_id("李", "371203196606100017");
    let wang = f.person_with_id("王", "371203196606200018");
    let nov = oct().next();
    let place = |f: &mut Fixture, person: PersonId, post: PostId| {
        let agreement_end = if post == short {
            date(2026, 11, 5)
        } else {
            date(2028, 12, 31)
        };
        let new = NewPlacement {
            person_id: person,
            post_id: post,
            training: TrainingChoice::New(NewTraining {
                course: "上岗培训".into(),
                trained_on: date(2026, 1, 5),
                hours: 16,
                passed: true,
            }),
            start_date: date(2026, 10, 1),
            agreement_end,
            accident_insurance: false,
        };
        f.store.write(|w| placements::place(w, &new)).unwrap()
    };
    let pli = place(&mut f, li, urban);
    let pwang = place(&mut f, wang, short);
    let zhao = f.place("赵", urban, date(2026, 9, 1), true);
    f.attend(zhao, oct(), Some(21), None);
    for p in [pli, pwang] {
        f.attend(p, oct(), Some(21), None);
    }
    f.compute(oct());
    let zhao_person = placements::get(&f.store.read(), zhao).unwrap().person_id;
    f.store
        .conn()
        .execute(
            "UPDATE people SET birth_date = '1964-06-20' WHERE id = ?1",
            [zhao_person.0],
        )
        .unwrap();
    let retired = |f: &Fixture, m: Month| -> Vec<(PlacementId, String)> {
        placement_reports::checks(&f.store.read(), m)
            .unwrap()
            .into_iter()
            .filter(|x| x.kind == CheckKind::Retirement)
            .map(|x| (x.placement_id, x.detail))
            .collect()
    };
    // October: nobody retires in it; 赵 was paid after retiring.
    assert_eq!(retired(&f, oct()), vec![(zhao, "2024-06-20".into())]);

    // November: 李 retires on the 10th and is paid to the 9th (9 of 30 days).
    f.attend(pli, nov, Some(9), None);
    f.attend(pwang, nov, Some(5), None);
    f.compute(nov);
    let line = placement_reports::sheet(&f.store.read(), nov)
        .unwrap()
        .into_iter()
        .find(|l| l.placement_id == pli)
        .unwrap();
    assert_eq!(line.days_in_post, 9);
    // 王 ends before his date; 赵, retired before November, has no line in it.
    assert_eq!(retired(&f, nov), vec![(pli, "2026-11-10".into())]);
    // Accepted under the stored text of the old age check, which still reads.
    f.store
        .write(|w| {
            placement_reports::accept_finding(w, nov, CheckKind::Retirement, pli, "退休手续办理中")
        })
        .unwrap();
    let stored: String = f
        .store
        .conn()
        .query_row(
            "SELECT kind FROM finding_acceptances WHERE placement_id = ?1",
            [pli.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, "past_age_limit");
    assert_eq!(
        CheckKind::parse("past_age_limit"),
        Some(CheckKind::Retirement)
    );
    assert!(!f.open_kinds(nov).contains(&(CheckKind::Retirement, pli)));
    // The exit on the day before retirement ends the placement: nothing left to find.
    f.exit(pli, date(2026, 11, 9));
    f.compute(nov);
    assert!(!retired(&f, nov).iter().any(|(p, _)| *p == pli));
}
