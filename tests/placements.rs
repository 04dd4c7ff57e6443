//! The job-placements programme through the store and its exports: the checks before a
//! placement, a month from attendance to approval, the lock, corrections, Excel and PDF.

use crate::common;

use jiff::civil::date;
use minsheng::domain::mask::MaskPattern;
use minsheng::domain::pay::{AbsenceBasis, AbsenceRule, Area, InsuranceRate, Month, PayRules};
use minsheng::domain::person::PersonDraft;
use minsheng::domain::placement::{HeldPost, Ineligible, PostCategory, PostStatus};
use minsheng::domain::{CategoryId, PersonId, PostId, RegionId};
use minsheng::i18n::Lang;
use minsheng::jobs::Reporter;
use minsheng::jobs::exports::{self, Disclosure};
use minsheng::store::pay_settings::{self, NewPolicy};
use minsheng::store::payroll::{self, MonthStatus, NewAdjustment};
use minsheng::store::placements::{self, NewPlacement, NewTraining, TrainingChoice};
use minsheng::store::posts::{self, NewPost};
use minsheng::store::{Store, StoreError, people, placement_reports};

fn test_rate() -> InsuranceRate {
    InsuranceRate {
        effective_from: date(2018, 6, 1),
        base_fen: 312_500,
        pension_employer_bp: 1600,
        medical_employer_bp: 0,
        unemployment_employer_bp: 0,
        injury_employer_bp: 0,
        pension_person_bp: 800,
        medical_person_bp: 0,
        unemployment_person_bp: 0,
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    village: RegionId,
    low_income: CategoryId,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open_store(dir.path().join("p.sqlite"));
    let village = store
        .write(|w| {
            let [_, _, v, _] = common::small_tree(w)?;
            payroll::set_pay_rules(
                w,
                &PayRules {
                    tier: 1,
                    absence: AbsenceRule::default(),
                },
            )?;
            // A made-up base of 3125 yuan: 16 % employer pension = 500 yuan subsidy, 8 %
            // person pension = 250 yuan deducted. It replaces the shipped row of that date.
            pay_settings::save_insurance_rate(w, &test_rate(), true, "test")?;
            Ok(v)
        })
        .unwrap();
    let low_income = common::low_income(&store.read());
    Fixture {
        _dir: dir,
        store,
        village,
        low_income,
    }
}

impl Fixture {
    fn person(&mut self, name: &str, id: &str, eligible: bool) -> PersonId {
        let draft = PersonDraft {
            name: name.into(),
            id_number: id.into(),
            region_id: Some(self.village),
            categories: if eligible {
                vec![self.low_income]
            } else {
                vec![]
            },
            ..PersonDraft::default()
        };
        let new = draft.validate(common::test_day()).unwrap();
        self.store.write(|w| people::insert(w, &new)).unwrap()
    }

    fn post(&mut self, area: Area, headcount: i64) -> PostId {
        let post = NewPost {
            title: "保洁员".into(),
            category: PostCategory::FacilityMaintenance,
            area,
            host_unit: "北城子坡社区居民委员会".into(),
            region_id: self.village,
            headcount,
            monthly_hours_tenths: (area == Area::Rural).then_some(800),
            min_hours_tenths: (area == Area::Rural).then_some(400),
            max_hours_tenths: (area == Area::Rural).then_some(800),
            funded_from: date(2026, 1, 1),
            funded_to: date(2029, 12, 31),
            status: PostStatus::Open,
        };
        self.store.write(|w| posts::insert(w, &post)).unwrap()
    }

    fn place(
        &mut self,
        person: PersonId,
        post: PostId,
        passed: bool,
        start: jiff::civil::Date,
    ) -> Result<minsheng::domain::PlacementId, StoreError> {
        let new = NewPlacement {
            person_id: person,
            post_id: post,
            training: TrainingChoice::New(NewTraining {
                course: "上岗培训".into(),
                trained_on: date(2026, 1, 5),
                hours: 16,
                passed,
            }),
            start_date: start,
            agreement_end: date(2029, 1, 14),
            accident_insurance: true,
        };
        self.store.write(|w| placements::place(w, &new))
    }

    /// A year's accident-insurance policy for a placement from `from` (the yes/no flag of
    /// the fixture is not cover).
    fn insure(&mut self, placement: minsheng::domain::PlacementId, from: jiff::civil::Date) {
        let to = from.checked_add(jiff::Span::new().years(1)).unwrap();
        let policy = NewPolicy {
            insurer: "中国人民财产保险".into(),
            policy_no: format!("PICC-{}", placement.0),
            premium_fen: 10_000,
            covers_from: from,
            covers_to: to,
        };
        self.store
            .write(|w| pay_settings::add_policy(w, placement, &policy))
            .unwrap();
    }
}

#[test]
fn no_training_passed_no_placement_and_every_reason_is_given() {
    let mut f = fixture();
    let post = f.post(Area::Urban, 1);
    let ineligible = f.person("王芳", "371203199001010039", false);
    match f.place(ineligible, post, false, date(2026, 3, 1)) {
        Err(StoreError::Ineligible(reasons)) => assert_eq!(
            reasons,
            vec![
                Ineligible::NoTrainingPassed,
                Ineligible::NotInEligibleCategory
            ]
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
    // Nothing was written, not even the training.
    assert!(
        placements::trainings(&f.store.read(), ineligible)
            .unwrap()
            .is_empty()
    );

    let eligible = f.person("蒋英花", "371203197703010026", true);
    f.place(eligible, post, true, date(2026, 3, 1)).unwrap();
    // The one place is filled now; and a person holds one post at a time.
    let other = f.person("李建国", "37120319850612001X", true);
    match f.place(other, post, true, date(2026, 3, 2)) {
        Err(StoreError::Ineligible(reasons)) => assert_eq!(reasons, vec![Ineligible::NoVacancy]),
        other => panic!("expected no vacancy, got {other:?}"),
    }
    let second_post = f.post(Area::Rural, 3);
    match f.place(eligible, second_post, true, date(2026, 4, 1)) {
        Err(StoreError::Ineligible(reasons)) => {
            assert_eq!(
                reasons,
                vec![Ineligible::Overlaps(HeldPost {
                    post: "保洁员".into(),
                    from: date(2026, 3, 1),
                    to: date(2029, 1, 14),
                })]
            )
        }
        other => panic!("expected already placed, got {other:?}"),
    }
}

#[test]
fn a_month_from_attendance_to_approval_then_locked_and_corrected_later() {
    let mut f = fixture();
    let urban = f.post(Area::Urban, 2);
    let rural = f.post(Area::Rural, 2);
    let a = f.person("蒋英花", "371203197703010026", true);
    let b = f.person("李建国", "37120319850612001X", true);
    // Joins on the 15th of a 30-day month: 16/30 of 2,100 yuan.
    let pa = f.place(a, urban, true, date(2026, 11, 15)).unwrap();
    let pb = f.place(b, rural, true, date(2026, 10, 1)).unwrap();
    f.insure(pb, date(2026, 10, 1));
    let nov = Month::new(2026, 11).unwrap();
    f.store
        .write(|w| payroll::set_attendance(w, pa, nov, Some(14), None))
        .unwrap();
    f.store
        .write(|w| payroll::set_attendance(w, pb, nov, None, Some(805)))
        .unwrap();
    let (lines, total) = f
        .store
        .write(|w| payroll::compute(w, nov, |_, _| true))
        .unwrap();
    assert_eq!(lines, 2);
    // Urban: 16 days in post, 14 worked: 2100 × 16/30 × 14/16 = 980.00, + 500 subsidy.
    // Rural: 80.5 h entered on a post paying at most 80 h: 80 × 21 = 1680.00.
    assert_eq!(total, 98_000 + 50_000 + 168_000);
    // 80.5 hours on an 80-hour post is a finding: accepted with its reason, then approved.
    f.store
        .write(|w| {
            placement_reports::accept_finding(
                w,
                nov,
                placement_reports::CheckKind::HoursAboveLimit,
                pb,
                "加班半小时，村委会证明",
            )
        })
        .unwrap();
    f.store
        .write(|w| payroll::approve(w, nov, date(2026, 12, 3)))
        .unwrap();
    assert_eq!(
        payroll::month_status(&f.store.read(), nov).unwrap(),
        MonthStatus::Approved
    );

    // A paid month is never edited: not through the store, not even with raw SQL.
    assert!(matches!(
        f.store
            .write(|w| payroll::set_attendance(w, pb, nov, None, Some(900))),
        Err(StoreError::MonthApproved(_))
    ));
    assert!(matches!(
        f.store.write(|w| payroll::compute(w, nov, |_, _| true)),
        Err(StoreError::MonthApproved(_))
    ));
    let raw = f.store.conn().execute(
        "UPDATE subsidy_lines SET total_fen = 1 WHERE month = '2026-11'",
        [],
    );
    assert!(
        raw.is_err(),
        "the database itself must refuse to change an approved sheet"
    );

    // The correction is an adjustment line in December.
    let dec = nov.next();
    let correction = NewAdjustment {
        month: dec,
        placement_id: pb,
        corrects_month: nov,
        amount_fen: -10_500,
        reason: "工时多报5小时".into(),
    };
    f.store
        .write(|w| payroll::add_adjustment(w, &correction))
        .unwrap();
    f.store
        .write(|w| payroll::set_attendance(w, pa, dec, Some(31), None))
        .unwrap();
    f.store
        .write(|w| payroll::set_attendance(w, pb, dec, None, Some(800)))
        .unwrap();
    f.store
        .write(|w| payroll::compute(w, dec, |_, _| true))
        .unwrap();
    let sheet = placement_reports::sheet(&f.store.read(), dec).unwrap();
    let rural_line = sheet.iter().find(|l| l.placement_id == pb).unwrap();
    assert_eq!(rural_line.adjustment_fen, -10_500);
    assert_eq!(rural_line.total_fen, 168_000 - 10_500);
    // November's sheet is as it was approved.
    let approved: i64 = placement_reports::sheet(&f.store.read(), nov)
        .unwrap()
        .iter()
        .map(|l| l.total_fen)
        .sum();
    assert_eq!(approved, 316_000);
}

#[test]
fn the_checks_find_ghost_workers() {
    let mut f = fixture();
    let rural = f.post(Area::Rural, 2);
    let a = f.person("蒋英花", "371203197703010026", true);
    let pa = f.place(a, rural, true, date(2026, 9, 1)).unwrap();
    f.insure(pa, date(2026, 9, 1));
    let oct = Month::new(2026, 10).unwrap();
    // 95 hours on an 80-hour post.
    f.store
        .write(|w| payroll::set_attendance(w, pa, oct, None, Some(950)))
        .unwrap();
    f.store
        .write(|w| payroll::compute(w, oct, |_, _| true))
        .unwrap();
    f.store
        .write(|w| {
            placement_reports::accept_finding(
                w,
                oct,
                placement_reports::CheckKind::HoursAboveLimit,
                pa,
                "秋收加班，镇里批准",
            )
        })
        .unwrap();
    f.store
        .write(|w| payroll::approve(w, oct, date(2026, 11, 3)))
        .unwrap();
    // The exit is reported late: the last day was in September, October was paid.
    f.store
        .write(|w| {
            placements::exit(
                w,
                pa,
                date(2026, 9, 30),
                minsheng::domain::placement::ExitReason::OtherWork,
                "",
            )
        })
        .unwrap();
    let findings = placement_reports::checks(&f.store.read(), oct).unwrap();
    let kinds: Vec<_> = findings.iter().map(|f| f.kind).collect();
    use placement_reports::CheckKind;
    assert_eq!(
        kinds,
        vec![CheckKind::PaidAfterExit, CheckKind::HoursAboveLimit]
    );
    assert_eq!(findings[1].detail, "95 / 80");
}

/// An approved month exported to Excel: read back, the totals are the sheet's and the IDs
/// are text; the public notice PDF holds the names and only masked IDs.
#[test]
fn exports_read_back() {
    let mut f = fixture();
    let urban = f.post(Area::Urban, 2);
    let a = f.person("蒋英花", "371203197703010026", true);
    let b = f.person("李建国", "37120319850612001X", true);
    let pa = f.place(a, urban, true, date(2026, 10, 1)).unwrap();
    let pb = f.place(b, urban, true, date(2026, 10, 15)).unwrap();
    let oct = Month::new(2026, 10).unwrap();
    for (p, days) in [(pa, 22), (pb, 12)] {
        f.store
            .write(|w| payroll::set_attendance(w, p, oct, Some(days), None))
            .unwrap();
    }
    f.store
        .write(|w| payroll::compute(w, oct, |_, _| true))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("sheet.xlsx");
    let full = Disclosure {
        id_mask: MaskPattern::ID_DEFAULT,
        full_ids: true,
    };
    // Not approved yet: refused, and no file.
    assert!(
        exports::subsidy_sheet(
            &mut f.store,
            oct,
            &xlsx,
            full,
            Lang::Zh,
            &Reporter::silent()
        )
        .is_err()
    );
    assert!(!xlsx.exists());
    f.store
        .write(|w| payroll::approve(w, oct, date(2026, 11, 2)))
        .unwrap();
    exports::subsidy_sheet(
        &mut f.store,
        oct,
        &xlsx,
        full,
        Lang::Zh,
        &Reporter::silent(),
    )
    .unwrap();

    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("2026-10").unwrap();
    let cells: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let text = |d: &Data| d.to_string();
    let id_cells: Vec<String> = cells.iter().filter_map(|r| r.get(2).map(text)).collect();
    assert!(id_cells.contains(&"371203197703010026".to_string()));
    assert!(id_cells.contains(&"37120319850612001X".to_string()));
    assert!(cells.iter().any(|r| {
        r.iter()
            .any(|c| matches!(c, Data::String(s) if s == "371203197703010026"))
    }));
    let sheet_total: i64 = placement_reports::sheet(&f.store.read(), oct)
        .unwrap()
        .iter()
        .map(|l| l.total_fen)
        .sum();
    let totals_row = cells
        .iter()
        .find(|r| r.iter().any(|c| text(c) == "合计"))
        .expect("a totals row");
    let exported_total = match totals_row.last() {
        Some(Data::Float(v)) => (v * 100.0).round() as i64,
        other => panic!("totals cell is {other:?}"),
    };
    assert_eq!(exported_total, sheet_total);

    let pdf = dir.path().join("notice.pdf");
    f.store
        .write(|w| {
            minsheng::store::settings::set(
                w,
                minsheng::store::bank::OBJECTION_PHONE_KEY,
                "0531-76012345",
            )
        })
        .unwrap();
    exports::notice(
        &f.store,
        exports::NoticeOf::Placed {
            from: date(2026, 10, 1),
            to: date(2026, 10, 31),
        },
        &pdf,
        MaskPattern::ID_DEFAULT,
        Lang::Zh,
        &Reporter::silent(),
    )
    .unwrap();
    // Read back as a reader copies it, through the fonts' ToUnicode maps.
    let document = lopdf::Document::load(&pdf).unwrap();
    let pages: Vec<u32> = document.get_pages().into_keys().collect();
    assert_eq!(pages.len(), 1);
    let text = document.extract_text(&pages).unwrap();
    assert!(text.contains("蒋英花") && text.contains("李建国"), "{text}");
    assert!(text.contains("371203********0026"), "{text}");
    assert!(
        !text.contains("371203197703010026") && !text.contains("37120319850612001X"),
        "{text}"
    );
}

#[test]
fn absence_reduces_the_wage_and_the_shares_go_apart() {
    let mut f = fixture();
    let urban = f.post(Area::Urban, 2);
    let a = f.person("蒋英花", "371203197703010026", true);
    let pa = f.place(a, urban, true, date(2026, 10, 1)).unwrap();
    let dec = Month::new(2026, 12).unwrap();
    f.store
        .write(|w| payroll::set_attendance(w, pa, dec, Some(18), None))
        .unwrap();
    f.store
        .write(|w| payroll::set_leave_days(w, pa, dec, Some(2)))
        .unwrap();
    f.store
        .write(|w| payroll::compute(w, dec, |_, _| true))
        .unwrap();
    let line = placement_reports::sheet(&f.store.read(), dec).unwrap()[0].clone();
    // 18 worked + 2 leave = 20 of 31 days: 2100 × 20 / 31 = 1354.84. The subsidy (500) goes
    // to the unit or fund with the person's 250, which is deducted from their 1354.84.
    assert_eq!(line.days_paid, Some(20));
    assert_eq!(line.wage_fen, 135_484);
    assert_eq!(
        (line.social_insurance_fen, line.person_insurance_fen),
        (50_000, 25_000)
    );
    assert_eq!(line.to_person_fen, 135_484 - 25_000);
    assert_eq!(line.to_fund_fen, 75_000);
    assert_eq!(line.total_fen, line.to_person_fen + line.to_fund_fen);

    // Over 21.75 paid days, leave not counted: 2100 × 18 / 21.75 = 1737.93.
    f.store
        .write(|w| {
            payroll::set_pay_rules(
                w,
                &PayRules {
                    tier: 1,
                    absence: AbsenceRule {
                        basis: AbsenceBasis::PaidDays { hundredths: 2175 },
                        leave_counts: false,
                    },
                },
            )?;
            payroll::compute(w, dec, |_, _| true)
        })
        .unwrap();
    let line = placement_reports::sheet(&f.store.read(), dec).unwrap()[0].clone();
    assert_eq!((line.days_paid, line.wage_fen), (Some(18), 173_793));
    let rule = payroll::rule_in_words(&payroll::pay_rules(&f.store.read()).unwrap());
    assert!(
        rule.get(Lang::Zh).contains("21.75"),
        "{}",
        rule.get(Lang::Zh)
    );
    assert!(
        rule.get(Lang::En).contains("not count"),
        "{}",
        rule.get(Lang::En)
    );
}

#[test]
fn rural_hours_stop_at_the_ceiling() {
    let mut f = fixture();
    let rural = f.post(Area::Rural, 2);
    let a = f.person("蒋英花", "371203197703010026", true);
    let pa = f.place(a, rural, true, date(2026, 9, 1)).unwrap();
    let oct = Month::new(2026, 10).unwrap();
    f.store
        .write(|w| payroll::set_attendance(w, pa, oct, None, Some(950)))
        .unwrap();
    f.store
        .write(|w| payroll::compute(w, oct, |_, _| true))
        .unwrap();
    let line = placement_reports::sheet(&f.store.read(), oct).unwrap()[0].clone();
    // 95 h entered, 80 h paid: 80 × 21 = 1680.00; no subsidy on a rural post.
    assert_eq!(
        (line.hours_tenths, line.hours_entered_tenths),
        (Some(800), Some(950))
    );
    assert_eq!(
        (line.wage_fen, line.total_fen, line.to_fund_fen),
        (168_000, 168_000, 0)
    );
    // A floor above the ceiling is refused.
    let mut bad = posts::get(&f.store.read(), rural, date(2026, 10, 1))
        .unwrap()
        .fields;
    bad.min_hours_tenths = Some(900);
    assert!(matches!(
        f.store.write(|w| posts::update(w, rural, &bad)),
        Err(StoreError::Post(_))
    ));
}

#[test]
fn pay_stops_at_the_funding_end_and_the_closing() {
    let mut f = fixture();
    let urban = f.post(Area::Urban, 2);
    let a = f.person("蒋英花", "371203197703010026", true);
    let pa = f.place(a, urban, true, date(2026, 10, 1)).unwrap();
    let nov = Month::new(2026, 11).unwrap();
    let days = |f: &Fixture| {
        payroll::attendance(&f.store.read(), nov)
            .unwrap()
            .iter()
            .find(|r| r.placement_id == pa)
            .map(|r| minsheng::domain::pay::days_in_post(nov, r.in_post))
    };
    assert_eq!(days(&f), Some(30));
    // Funding cut to 11-10: 10 days in November, 10 × 2100 / 30 = 700.00.
    let mut post = posts::get(&f.store.read(), urban, date(2026, 11, 1))
        .unwrap()
        .fields;
    post.funded_to = date(2026, 11, 10);
    f.store.write(|w| posts::update(w, urban, &post)).unwrap();
    assert_eq!(days(&f), Some(10));
    f.store
        .write(|w| payroll::compute(w, nov, |_, _| true))
        .unwrap();
    let line = placement_reports::sheet(&f.store.read(), nov).unwrap()[0].clone();
    assert_eq!(line.wage_fen, 70_000);
    // Funding restored, the post closed today (2026-11-20): 20 days.
    post.funded_to = date(2029, 12, 31);
    post.status = PostStatus::Closed;
    f.store.write(|w| posts::update(w, urban, &post)).unwrap();
    let closed = posts::get(&f.store.read(), urban, date(2026, 11, 1)).unwrap();
    assert_eq!(closed.closed_on, Some(date(2026, 11, 20)));
    assert_eq!(days(&f), Some(20));
    // December: nothing.
    assert!(
        payroll::attendance(&f.store.read(), nov.next())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn agreements_stay_within_funding_and_length() {
    let mut f = fixture();
    let urban = f.post(Area::Urban, 3);
    let a = f.person("蒋英花", "371203197703010026", true);
    let mut new = NewPlacement {
        person_id: a,
        post_id: urban,
        training: TrainingChoice::New(NewTraining {
            course: "上岗培训".into(),
            trained_on: date(2026, 3, 2),
            hours: 16,
            passed: true,
        }),
        start_date: date(2026, 3, 1),
        agreement_end: date(2030, 1, 31),
        accident_insurance: false,
    };
    match f.store.write(|w| placements::place(w, &new)) {
        Err(StoreError::Ineligible(reasons)) => assert_eq!(
            reasons,
            vec![
                Ineligible::TrainingAfterStart,
                Ineligible::AgreementPastFunding {
                    funded_to: date(2029, 12, 31)
                },
                // 3 years from 2026-03-01, less a day.
                Ineligible::AgreementTooLong {
                    latest: date(2029, 2, 28)
                },
            ]
        ),
        other => panic!("expected refusals, got {other:?}"),
    }
    new.training = TrainingChoice::New(NewTraining {
        course: "上岗培训".into(),
        trained_on: date(2026, 3, 1),
        hours: 16,
        passed: true,
    });
    new.agreement_end = date(2029, 2, 28);
    f.store.write(|w| placements::place(w, &new)).unwrap();
}

#[test]
fn retirement_stops_pay_to_the_day_and_is_listed_for_the_month() {
    let mut f = fixture();
    let urban = f.post(Area::Urban, 2);
    // A man born 1966-06-10: k = 17 months after 1965-01, 17 / 4 + 1 = 5 months of delay,
    // 60 years 5 months: retires 2026-11-10, last day in post 11-09.
    let man = f.person("李建国", "371203196606100017", true);
    let pm = f.place(man, urban, true, date(2026, 10, 1)).unwrap();
    let nov = Month::new(2026, 11).unwrap();
    let retiring = pay_settings::retiring_in_month(&f.store.read(), nov).unwrap();
    assert_eq!(
        retiring,
        vec![pay_settings::Retiring {
            placement_id: pm,
            retirement_date: date(2026, 11, 10)
        }]
    );
    assert!(
        pay_settings::retiring_in_month(&f.store.read(), nov.prev())
            .unwrap()
            .is_empty()
    );
    f.store
        .write(|w| payroll::compute(w, nov, |_, _| true))
        .unwrap();
    let line = placement_reports::sheet(&f.store.read(), nov).unwrap()[0].clone();
    // 9 days: 9 × 2100 / 30 = 630.00.
    assert_eq!((line.days_in_post, line.wage_fen), (9, 63_000));
    // Starting on the retirement day is refused; the day before was allowed above.
    let second = f.post(Area::Urban, 1);
    let late = f.place(man, second, true, date(2026, 11, 10));
    match late {
        Err(StoreError::Ineligible(reasons)) => assert!(
            reasons.contains(&Ineligible::PastRetirement {
                date: date(2026, 11, 10)
            }),
            "{reasons:?}"
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn rural_placements_without_cover_are_listed() {
    let mut f = fixture();
    let rural = f.post(Area::Rural, 3);
    let a = f.person("蒋英花", "371203197703010026", true);
    let b = f.person("王芳", "371203198203040020", true);
    let pa = f.place(a, rural, true, date(2026, 9, 1)).unwrap();
    let pb = f.place(b, rural, true, date(2026, 11, 5)).unwrap();
    let nov = Month::new(2026, 11).unwrap();
    // The old yes/no flag is set by the fixture, but it is not a policy.
    assert_eq!(
        pay_settings::uncovered_rural_placements(&f.store.read(), nov).unwrap(),
        vec![pa, pb]
    );
    let policy = |from, to| NewPolicy {
        insurer: "中国人民财产保险".into(),
        policy_no: "PICC-1".into(),
        premium_fen: 10_000,
        covers_from: from,
        covers_to: to,
    };
    f.store
        .write(|w| pay_settings::add_policy(w, pa, &policy(date(2026, 9, 1), date(2027, 8, 31))))
        .unwrap();
    // b's policy starts a day late: 11-05 is bare.
    f.store
        .write(|w| pay_settings::add_policy(w, pb, &policy(date(2026, 11, 6), date(2027, 11, 5))))
        .unwrap();
    assert_eq!(
        pay_settings::uncovered_rural_placements(&f.store.read(), nov).unwrap(),
        vec![pb]
    );
    f.store
        .write(|w| pay_settings::add_policy(w, pb, &policy(date(2026, 11, 5), date(2026, 11, 5))))
        .unwrap();
    assert!(
        pay_settings::uncovered_rural_placements(&f.store.read(), nov)
            .unwrap()
            .is_empty()
    );
    // A policy ending before it starts is refused.
    assert!(matches!(
        f.store.write(|w| pay_settings::add_policy(
            w,
            pa,
            &policy(date(2026, 9, 2), date(2026, 9, 1))
        )),
        Err(StoreError::Placement(_))
    ));
}

#[test]
fn a_person_still_placed_can_not_go_to_the_trash() {
    let mut f = fixture();
    let urban = f.post(Area::Urban, 2);
    let a = f.person("蒋英花", "371203197703010026", true);
    let pa = f.place(a, urban, true, date(2026, 9, 1)).unwrap();
    match f.store.write(|w| people::set_trashed(w, a, true)) {
        Err(e @ StoreError::PersonPlaced { .. }) => {
            assert!(e.message().get(Lang::Zh).contains("保洁员"));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    f.store
        .write(|w| {
            placements::exit(
                w,
                pa,
                date(2026, 10, 31),
                minsheng::domain::placement::ExitReason::OtherWork,
                "",
            )
        })
        .unwrap();
    f.store.write(|w| people::set_trashed(w, a, true)).unwrap();
}
