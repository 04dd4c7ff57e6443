//! Paying through the bank and the notice before placement: accounts, the month's bank file
//! read back (Excel and CSV) with its problems, and the notice's period and phone read back
//! from the PDF.

use crate::common;

use jiff::civil::date;
use minsheng::domain::mask::MaskPattern;
use minsheng::domain::pay::{Area, Month};
use minsheng::domain::person::PersonDraft;
use minsheng::domain::placement::{PostCategory, PostStatus};
use minsheng::domain::{CategoryId, PersonId, PostId, RegionId};
use minsheng::i18n::Lang;
use minsheng::jobs::bank_export::bank_file;
use minsheng::jobs::exports::{self, ExportError, NoticeOf};
use minsheng::jobs::{JobError, Reporter};
use minsheng::store::bank::{self, NewAccount};
use minsheng::store::placements::{self, NewPlacement, NewTraining, TrainingChoice};
use minsheng::store::posts::{self, NewPost};
use minsheng::store::{PlacementRule, Store, StoreError, people, settings};
use minsheng::store::{payroll, placement_reports};

struct Fixture {
    dir: tempfile::TempDir,
    store: Store,
    village: RegionId,
    low_income: CategoryId,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open_store(dir.path().join("b.sqlite"));
    let village = store
        .write(|w| {
            let [_, _, v, _] = common::small_tree(w)?;
            common::flat_pay_rules(w, 1, 50_000)?;
            Ok(v)
        })
        .unwrap();
    let low_income = common::low_income(&store.read());
    Fixture {
        dir,
        store,
        village,
        low_income,
    }
}

impl Fixture {
    fn person(&mut self, name: &str, id: &str) -> PersonId {
        let draft = PersonDraft {
            name: name.into(),
            id_number: id.into(),
            region_id: Some(self.village),
            categories: vec![self.low_income],
            ..PersonDraft::default()
        };
        let new = draft.validate(common::test_day()).unwrap();
        self.store.write(|w| people::insert(w, &new)).unwrap()
    }

    fn post(&mut self, area: Area) -> PostId {
        let post = NewPost {
            title: "保洁员".into(),
            category: PostCategory::FacilityMaintenance,
            area,
            host_unit: "北城子坡社区居民委员会".into(),
            region_id: self.village,
            headcount: 5,
            monthly_hours_tenths: (area == Area::Rural).then_some(800),
            min_hours_tenths: None,
            max_hours_tenths: None,
            funded_from: date(2026, 1, 1),
            funded_to: date(2028, 12, 31),
            status: PostStatus::Open,
        };
        self.store.write(|w| posts::insert(w, &post)).unwrap()
    }

    fn place(&mut self, person: PersonId, post: PostId, start: jiff::civil::Date) {
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
            agreement_end: date(2028, 12, 31),
            accident_insurance: true,
        };
        self.store.write(|w| placements::place(w, &new)).unwrap();
    }

    fn account(&mut self, person: PersonId, number: &str, holder: &str) -> bool {
        let new = NewAccount {
            bank: "中国农业银行济南钢城支行".into(),
            account_no: number.into(),
            holder_name: holder.into(),
        };
        self.store
            .write(|w| bank::set_account(w, person, &new))
            .unwrap()
    }
}

const OCT: (i16, i8) = (2026, 10);

/// October 2026, approved: 蒋英花 urban all month, 李建国 urban from the 15th (account held
/// by 李建业), 王强 rural with 0 hours, 赵敏 urban all month without an account.
fn october() -> (Fixture, [PersonId; 4]) {
    let mut f = fixture();
    let urban = f.post(Area::Urban);
    let rural = f.post(Area::Rural);
    let a = f.person("蒋英花", "371203197703010026");
    let b = f.person("李建国", "37120319850612001X");
    let c = f.person("王强", "371203198001010018");
    let d = f.person("赵敏", "371203198211050026");
    f.place(a, urban, date(2026, 10, 1));
    f.place(b, urban, date(2026, 10, 15));
    f.place(c, rural, date(2026, 10, 1));
    f.place(d, urban, date(2026, 10, 1));
    // A card number with a Luhn digit, one without (accepted, with a warning), spaced as
    // printed on the card.
    assert!(f.account(a, "6228 4800 1234 5678 903", "蒋英花"));
    assert!(!f.account(b, "6228480012345678908", "李建业"));
    assert!(f.account(c, "6228480012345678911", "王 强"));
    let oct = Month::new(OCT.0, OCT.1).unwrap();
    let placement_of = |f: &Fixture, p: PersonId| -> i64 {
        f.store
            .conn()
            .query_row(
                "SELECT id FROM placements WHERE person_id = ?1",
                [p.0],
                |r| r.get(0),
            )
            .unwrap()
    };
    let pc = minsheng::domain::PlacementId(placement_of(&f, c));
    f.store
        .write(|w| payroll::set_attendance(w, pc, oct, None, Some(0)))
        .unwrap();
    // The urban people worked every day they were in post.
    for row in payroll::attendance(&f.store.read(), oct).unwrap() {
        if row.area == Area::Urban {
            let days = minsheng::domain::pay::days_in_post(oct, row.in_post);
            f.store
                .write(|w| {
                    payroll::set_attendance(w, row.placement_id, oct, Some(i64::from(days)), None)
                })
                .unwrap();
        }
    }
    f.store
        .write(|w| payroll::compute(w, oct, |_, _| true))
        .unwrap();
    // 王强's month without hours is a finding, accepted before approval.
    for finding in placement_reports::open_findings(&f.store.read(), oct).unwrap() {
        f.store
            .write(|w| {
                placement_reports::accept_finding(
                    w,
                    oct,
                    finding.kind,
                    finding.placement_id,
                    "病假，村委会证明",
                )
            })
            .unwrap();
    }
    f.store
        .write(|w| payroll::approve(w, oct, date(2026, 11, 3)))
        .unwrap();
    (f, [a, b, c, d])
}

#[test]
fn accounts_are_checked_and_logged() {
    let mut f = fixture();
    let a = f.person("蒋英花", "371203197703010026");
    let bad = |number: &str, holder: &str| NewAccount {
        bank: "莱商银行钢城支行".into(),
        account_no: number.into(),
        holder_name: holder.into(),
    };
    for new in [
        bad("62284800123", "蒋英花"),          // 11 digits
        bad("6228480012345678903X", "蒋英花"), // a letter
        bad("6228480012345678903", ""),        // no holder
    ] {
        assert!(matches!(
            f.store.write(|w| bank::set_account(w, a, &new)),
            Err(StoreError::Placement(PlacementRule::BankAccountInvalid))
        ));
    }
    // Full-width digits typed with a Chinese input method are read.
    f.account(a, "６２２８４８００１２３４５６７８９０３", "蒋英花");
    let stored = bank::account_of(&f.store.read(), a).unwrap().unwrap();
    assert_eq!(stored.account_no, "6228480012345678903");
    let logged: i64 = f
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE table_name = 'bank_accounts'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 1);
    // Saving the same again writes nothing; removing is logged.
    f.account(a, "6228480012345678903", "蒋英花");
    f.store.write(|w| bank::remove_account(w, a)).unwrap();
    assert_eq!(bank::account_of(&f.store.read(), a).unwrap(), None);
    let logged: i64 = f
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE table_name = 'bank_accounts'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 2);
}

#[test]
fn the_bank_file_lists_its_problems_and_refuses_until_they_are_settled() {
    let (mut f, [a, b, c, d]) = october();
    let oct = Month::new(OCT.0, OCT.1).unwrap();
    let conn = &f.store.read();
    let mismatches = bank::bank_holder_mismatches(conn, oct).unwrap();
    assert_eq!(mismatches.len(), 1);
    assert_eq!(
        (mismatches[0].person_id, mismatches[0].holder_name.as_str()),
        (b, "李建业")
    );
    let file = bank::bank_file(conn, oct).unwrap();
    // Tier 1 is 2,100.00 yuan a month (shipped table). 蒋英花: all of October, 210000 fen;
    // the 500-yuan social-insurance subsidy goes to the fund, not to her. 李建国: 17 of 31
    // days, 210000 × 17 / 31 = 115161.29 → 115161 fen.
    let paid: Vec<(PersonId, i64)> = file
        .lines
        .iter()
        .map(|l| (l.person_id, l.amount_fen))
        .collect();
    assert_eq!(paid, vec![(a, 210_000), (b, 115_161)]);
    assert_eq!(file.total_fen(), 325_161);
    // 王强 worked 0 hours: left out, listed. 赵敏 has no account.
    let left_out: Vec<(PersonId, i64)> = file
        .left_out
        .iter()
        .map(|l| (l.person_id, l.amount_fen))
        .collect();
    assert_eq!(left_out, vec![(c, 0)]);
    let missing: Vec<PersonId> = file.missing_accounts.iter().map(|l| l.person_id).collect();
    assert_eq!(missing, vec![d]);

    let out = f.dir.path().join("bank.xlsx");
    let refused = bank_file(&mut f.store, oct, &out, false, "代发", &Reporter::silent());
    assert!(matches!(
        refused,
        Err(JobError::Export(ExportError::BankProblems {
            missing: 1,
            mismatches: 1
        }))
    ));
    assert!(!out.exists());
    // An account for 赵敏; the mismatch is still refused until accepted.
    f.account(d, "6228480012345678929", "赵敏");
    assert!(matches!(
        bank_file(&mut f.store, oct, &out, false, "代发", &Reporter::silent()),
        Err(JobError::Export(ExportError::BankProblems {
            missing: 0,
            mismatches: 1
        }))
    ));
    assert!(!out.exists());
    // A month not approved is refused.
    let nov = Month::new(2026, 11).unwrap();
    assert!(matches!(
        bank_file(&mut f.store, nov, &out, true, "代发", &Reporter::silent()),
        Err(JobError::Export(ExportError::NotApproved(_)))
    ));
}

#[test]
fn the_bank_file_reads_back_as_excel_and_as_csv() {
    let (mut f, [_, _, _, d]) = october();
    let oct = Month::new(OCT.0, OCT.1).unwrap();
    f.account(d, "6228480012345678929", "赵敏");
    // The office's bank wants its own titles.
    f.store
        .write(|w| settings::set(w, bank::BANK_COLUMNS_KEY, "序号,户名,卡号,金额,开户行,用途"))
        .unwrap();
    let xlsx = f.dir.path().join("代发.xlsx");
    bank_file(&mut f.store, oct, &xlsx, true, "代发", &Reporter::silent()).unwrap();

    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("2026-10").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(x) => format!("{x:.2}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    // By name (pinyin): Jiang, Li, Zhao; 王强's zero line is left out. The account is text,
    // all 19 digits; the amount a number in yuan: 2100.00, 1151.61 and 2100.00 (赵敏, all
    // October).
    let expected = [
        ["序号", "户名", "卡号", "金额", "开户行", "用途"],
        [
            "1.00",
            "蒋英花",
            "6228480012345678903",
            "2100.00",
            "中国农业银行济南钢城支行",
            "2026-10公益性岗位补贴",
        ],
        [
            "2.00",
            "李建国",
            "6228480012345678908",
            "1151.61",
            "中国农业银行济南钢城支行",
            "2026-10公益性岗位补贴",
        ],
        [
            "3.00",
            "赵敏",
            "6228480012345678929",
            "2100.00",
            "中国农业银行济南钢城支行",
            "2026-10公益性岗位补贴",
        ],
    ];
    assert_eq!(
        rows,
        expected.map(|r| r.map(String::from).to_vec()).to_vec()
    );
    assert!(matches!(range.get((1, 2)), Some(Data::String(_))));

    let csv = f.dir.path().join("代发.csv");
    bank_file(&mut f.store, oct, &csv, true, "代发", &Reporter::silent()).unwrap();
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(
        text,
        "序号,户名,卡号,金额,开户行,用途\r\n\
         1,蒋英花,6228480012345678903,2100.00,中国农业银行济南钢城支行,2026-10公益性岗位补贴\r\n\
         2,李建国,6228480012345678908,1151.61,中国农业银行济南钢城支行,2026-10公益性岗位补贴\r\n\
         3,赵敏,6228480012345678929,2100.00,中国农业银行济南钢城支行,2026-10公益性岗位补贴\r\n"
    );
    // Neither extension: refused.
    let other = f.dir.path().join("代发.txt");
    assert!(matches!(
        bank_file(&mut f.store, oct, &other, true, "代发", &Reporter::silent()),
        Err(JobError::Export(ExportError::WrongExtension { .. }))
    ));
}

fn pdf_text(path: &std::path::Path) -> String {
    let document = lopdf::Document::load(path).unwrap();
    let pages: Vec<u32> = document.get_pages().into_keys().collect();
    document.extract_text(&pages).unwrap()
}

#[test]
fn the_notice_before_placement_states_its_working_days_and_phone() {
    let mut f = fixture();
    let urban = f.post(Area::Urban);
    let a = f.person("蒋英花", "371203197703010026");
    let b = f.person("李建国", "37120319850612001X");
    let pdf = f.dir.path().join("公示.pdf");
    let make = |f: &Fixture| {
        exports::notice(
            &f.store,
            NoticeOf::Candidates,
            &pdf,
            MaskPattern::ID_DEFAULT,
            Lang::Zh,
            &Reporter::silent(),
        )
    };
    // No phone for objections: refused.
    assert!(matches!(
        make(&f),
        Err(JobError::Export(ExportError::NoObjectionPhone))
    ));
    f.store
        .write(|w| settings::set(w, bank::OBJECTION_PHONE_KEY, "0531-76012345"))
        .unwrap();
    assert!(matches!(
        make(&f),
        Err(JobError::Export(ExportError::NoCandidates))
    ));
    f.store
        .write(|w| bank::add_candidate(w, a, Some(urban), date(2026, 11, 18)))
        .unwrap();
    f.store
        .write(|w| bank::add_candidate(w, b, None, date(2026, 11, 18)))
        .unwrap();
    make(&f).unwrap();
    let text = pdf_text(&pdf);
    // Made on Friday 2026-11-20 (the test clock): 20, 23, 24, 25, 26 November.
    assert!(text.contains("拟安置人员公示"), "{text}");
    assert!(
        text.contains("2026-11-20") && text.contains("2026-11-26"),
        "{text}"
    );
    assert!(text.contains("0531-76012345"), "{text}");
    assert!(
        text.contains("蒋英花") && text.contains("371203********0026"),
        "{text}"
    );
    assert!(!text.contains("371203197703010026"), "{text}");

    // Once placed, 蒋英花 is no longer a candidate.
    f.place(a, urban, date(2026, 11, 19));
    let left: Vec<PersonId> = bank::unplaced_candidates(&f.store.read())
        .unwrap()
        .iter()
        .map(|c| c.person_id)
        .collect();
    assert_eq!(left, vec![b]);

    // The notice of people placed states the same period; with the National Day week in
    // it, a notice made on 2026-09-28 would stand until 2026-10-09 (see domain::calendar).
    exports::notice(
        &f.store,
        NoticeOf::Placed {
            from: date(2026, 11, 1),
            to: date(2026, 11, 30),
        },
        &pdf,
        MaskPattern::ID_DEFAULT,
        Lang::En,
        &Reporter::silent(),
    )
    .unwrap();
    let text = pdf_text(&pdf);
    assert!(
        text.contains("2026-11-20") && text.contains("2026-11-26"),
        "{text}"
    );
    assert!(text.contains("0531-76012345"), "{text}");
}

#[test]
fn the_shipped_calendar_counts_around_national_day_2026() {
    let f = fixture();
    let cal = bank::work_calendar(&f.store.read()).unwrap();
    // Shipped as published, marked to check.
    let days = bank::calendar_days(&f.store.read()).unwrap();
    assert!(days.iter().all(|d| !d.verified));
    let of = |year: i16| days.iter().filter(|d| d.day.year() == year).count();
    assert_eq!(of(2026), 39);
    // 2027's statutory holidays by the holiday law, until the notice's make-up days are in.
    assert_eq!(of(2027), 13);
    assert_eq!(days.len(), 52);
    // Wednesday 30 September + 5: 1–7 October off, Thu 8, Fri 9, Sat 10 (worked), Mon 12,
    // Tue 13.
    assert_eq!(
        cal.add_working_days(date(2026, 9, 30), 5),
        Ok(date(2026, 10, 13))
    );
    // Friday 13 February + 1: Saturday 14 is worked before the Spring Festival.
    assert_eq!(
        cal.add_working_days(date(2026, 2, 13), 1),
        Ok(date(2026, 2, 14))
    );
    // Thursday 30 April + 5: 1–5 May off, Wed 6, Thu 7, Fri 8, Sat 9 (worked), Mon 11.
    assert_eq!(
        cal.add_working_days(date(2026, 4, 30), 5),
        Ok(date(2026, 5, 11))
    );
}

#[test]
fn a_calendar_day_edited_in_settings_changes_the_count() {
    let mut f = fixture();
    let day = bank::CalendarDay {
        day: date(2026, 11, 23),
        kind: minsheng::domain::calendar::DayKind::Holiday,
        name: "区庆".into(),
        verified: true,
    };
    f.store.write(|w| bank::set_calendar_day(w, &day)).unwrap();
    let cal = bank::work_calendar(&f.store.read()).unwrap();
    // Friday 20 + 5, Monday 23 off: 24, 25, 26, 27, 30 November.
    assert_eq!(
        cal.add_working_days(date(2026, 11, 20), 5),
        Ok(date(2026, 11, 30))
    );
    f.store
        .write(|w| bank::remove_calendar_day(w, date(2026, 11, 23)))
        .unwrap();
    let cal = bank::work_calendar(&f.store.read()).unwrap();
    assert_eq!(
        cal.add_working_days(date(2026, 11, 20), 5),
        Ok(date(2026, 11, 27))
    );
    let unnamed = bank::CalendarDay {
        name: " ".into(),
        ..day
    };
    assert!(matches!(
        f.store.write(|w| bank::set_calendar_day(w, &unnamed)),
        Err(StoreError::Placement(PlacementRule::CalendarDayIncomplete))
    ));
}

/// The command line writes the same file: `export bank-file --month 2026-10 --out F.csv`.
#[test]
fn the_command_line_exports_the_bank_file() {
    let (mut f, [_, _, _, d]) = october();
    f.account(d, "6228480012345678929", "赵敏");
    let db = f.store.path().to_path_buf();
    let out = f.dir.path().join("cli.csv");
    let args = |extra: &[&str]| {
        let mut args = vec!["export", "bank-file", "--db"];
        let (db, out) = (db.to_str().unwrap(), out.to_str().unwrap());
        args.extend([db, "--month", "2026-10", "--out", out, "--lang", "en"]);
        args.extend(["--reason", "2026年10月代发"]);
        args.extend(extra);
        args.into_iter()
            .map(std::ffi::OsString::from)
            .collect::<Vec<_>>()
    };
    drop(f.store);
    // 李建国's account is held by 李建业: refused until accepted.
    let refused = minsheng::cli::run(minsheng::cli::parse(args(&[])).unwrap());
    match refused {
        Err(minsheng::cli::CliError::Failed(msg)) => assert_eq!(
            msg.get(Lang::En),
            "The bank file can not be made: 1 accounts are held in another name than the person's. \
             Once checked, confirm it (on the command line, --accept-holder-mismatch)."
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(!out.exists());
    minsheng::cli::run(minsheng::cli::parse(args(&["--accept-holder-mismatch"])).unwrap()).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(
        text.contains("2,李建国,6228480012345678908,1151.61,"),
        "{text}"
    );
}
