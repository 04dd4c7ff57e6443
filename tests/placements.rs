//! The job-placements programme through the store and its exports: the checks before a
//! placement, a month from attendance to approval, the lock, corrections, Excel and PDF.

mod common;

use jiff::civil::date;
use minsheng::domain::mask::MaskPattern;
use minsheng::domain::pay::{Area, Month, PayRules};
use minsheng::domain::person::PersonDraft;
use minsheng::domain::placement::{Ineligible, PostCategory, PostStatus};
use minsheng::domain::{CategoryId, PersonId, PostId, RegionId};
use minsheng::i18n::Lang;
use minsheng::jobs::Reporter;
use minsheng::jobs::exports::{self, Disclosure};
use minsheng::store::payroll::{self, MonthStatus, NewAdjustment};
use minsheng::store::placements::{self, NewPlacement, NewTraining, TrainingChoice};
use minsheng::store::posts::{self, NewPost};
use minsheng::store::{Store, StoreError, categories, people, placement_reports};

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
                    social_insurance_fen: 50_000,
                },
            )?;
            Ok(v)
        })
        .unwrap();
    let low_income = categories::all(store.conn())
        .unwrap()
        .into_iter()
        .find(|c| c.name_zh == "低保")
        .unwrap()
        .id;
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
            funded_from: date(2026, 1, 1),
            funded_to: date(2028, 12, 31),
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
        placements::trainings(f.store.conn(), ineligible)
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
                vec![Ineligible::AlreadyPlaced {
                    post: "保洁员".into()
                }]
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
    // 112,000 + 50,000 subsidy (urban) + 80.5 h × 21 yuan = 169,050 (rural).
    assert_eq!(total, 112_000 + 50_000 + 169_050);
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
        payroll::month_status(f.store.conn(), nov).unwrap(),
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
    let sheet = placement_reports::sheet(f.store.conn(), dec).unwrap();
    let rural_line = sheet.iter().find(|l| l.placement_id == pb).unwrap();
    assert_eq!(rural_line.adjustment_fen, -10_500);
    assert_eq!(rural_line.total_fen, 168_000 - 10_500);
    // November's sheet is as it was approved.
    let approved: i64 = placement_reports::sheet(f.store.conn(), nov)
        .unwrap()
        .iter()
        .map(|l| l.total_fen)
        .sum();
    assert_eq!(approved, 331_050);
}

#[test]
fn the_checks_find_ghost_workers() {
    let mut f = fixture();
    let rural = f.post(Area::Rural, 2);
    let a = f.person("蒋英花", "371203197703010026", true);
    let pa = f.place(a, rural, true, date(2026, 9, 1)).unwrap();
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
    let findings = placement_reports::checks(f.store.conn(), oct, 60, 55).unwrap();
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
        exports::subsidy_sheet(&f.store, oct, &xlsx, full, Lang::Zh, &Reporter::silent()).is_err()
    );
    assert!(!xlsx.exists());
    f.store
        .write(|w| payroll::approve(w, oct, date(2026, 11, 2)))
        .unwrap();
    exports::subsidy_sheet(&f.store, oct, &xlsx, full, Lang::Zh, &Reporter::silent()).unwrap();

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
    let sheet_total: i64 = placement_reports::sheet(f.store.conn(), oct)
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
