//! Import from the office's own spreadsheets: workbooks made here as offices make them
//! (titles above the header, blank and totals rows, IDs stored as numbers, full-width
//! digits, a GBK CSV), every row's outcome asserted, then the import, the error workbook
//! and the undo.

use std::path::{Path, PathBuf};

use crate::common;
use minsheng::domain::id_number::check_character;
use minsheng::i18n::Lang;
use minsheng::import::run::{self, Prepared};
use minsheng::import::{ImportError, Mode, Outcome, Policy, kinds};
use minsheng::store::imports::{self, Undone};
use minsheng::store::{Store, people};
use rust_xlsxwriter::{Format, Workbook};

/// A valid ID number born on `birth` (`YYYYMMDD`) with sequence `seq` (odd: male).
pub fn id(birth: &str, seq: u32) -> String {
    let body = format!("370117{birth}{seq:03}");
    format!("{body}{}", check_character(&body))
}

fn ledger(dir: &Path) -> Store {
    let mut store = common::open_store(dir.join("ledger.sqlite"));
    store.write(|w| common::small_tree(w).map(|_| ())).unwrap();
    store
}

const HEADER: [&str; 9] = [
    "序号",
    "姓名",
    "性别",
    "公民身份号码",
    "联系电话",
    "所属街道",
    "村（社区）",
    "困难类别",
    "备注",
];

/// The office's roll of people, as the tests below expect it row by row.
pub fn people_book(path: &Path) -> PathBuf {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let title = Format::new().set_bold();
    ws.merge_range(0, 0, 0, 8, "钢城区困难群众花名册", &title)
        .unwrap();
    ws.write_string(1, 0, "填报单位：艾山街道　　2026年11月")
        .unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let text_row = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, cells: [&str; 9]| {
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, c as u16, *v).unwrap();
            }
        }
    };
    // Row 4: all well.
    text_row(
        ws,
        3,
        [
            "1",
            "张三",
            "男",
            &id("19700101", 11),
            "13812345678",
            "艾山街道办事处",
            "北城子坡社区",
            "低保",
            "",
        ],
    );
    // Row 5: full-width digits, the ideographic space, the bare street name.
    let wide: String = id("19750505", 22)
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .collect();
    text_row(
        ws,
        4,
        [
            "2",
            "\u{3000}李四\u{3000}",
            "女",
            &wide,
            "０６３４-６０１２３４５",
            "艾山",
            "古墩村",
            "特困、残疾",
            "",
        ],
    );
    // Row 6: blank.
    // Row 7: the ID stored as a number.
    text_row(
        ws,
        6,
        ["3", "王五", "男", "", "", "艾山街道", "古墩村", "", ""],
    );
    ws.write_number(6, 3, 370117196001010000.0).unwrap();
    // Row 8: the sex contradicts the ID (an odd sequence is a man); a short phone.
    text_row(
        ws,
        7,
        [
            "4",
            "赵六",
            "女",
            &id("19800808", 33),
            "138123",
            "",
            "古墩村",
            "",
            "",
        ],
    );
    // Row 9: the same ID as row 4.
    text_row(
        ws,
        8,
        [
            "5",
            "张三",
            "男",
            &id("19700101", 11),
            "",
            "",
            "北城子坡社区",
            "",
            "",
        ],
    );
    // Row 10: a village that does not exist.
    text_row(
        ws,
        9,
        [
            "6",
            "孙七",
            "女",
            &id("19820202", 44),
            "",
            "艾山街道",
            "北城子社区",
            "",
            "",
        ],
    );
    // Row 11: registered already.
    text_row(
        ws,
        10,
        [
            "7",
            "周八",
            "男",
            &id("19650303", 55),
            "13900000000",
            "",
            "古墩村",
            "",
            "新备注",
        ],
    );
    // Row 12: totals; row 13: signatures.
    text_row(ws, 11, ["合计", "7人", "", "", "", "", "", "", ""]);
    text_row(
        ws,
        12,
        ["制表人：王", "审核人：李", "", "", "", "", "", "", ""],
    );
    let file = path.join("花名册.xlsx");
    book.save(&file).unwrap();
    file
}

/// Registers 周八 (row 11's person) with an empty phone.
pub fn register_zhou(store: &mut Store) {
    let village = store
        .read()
        .query_row(
            "SELECT id FROM regions WHERE short_name = '古墩村'",
            [],
            |r| r.get(0),
        )
        .map(minsheng::domain::RegionId)
        .unwrap();
    let draft = minsheng::domain::person::PersonDraft {
        name: "周八".into(),
        id_number: id("19650303", 55),
        region_id: Some(village),
        ..Default::default()
    };
    let new = draft.validate(common::test_day()).unwrap();
    store.write(|w| people::insert(w, &new)).unwrap();
}

fn outcomes(p: &Prepared) -> Vec<(u32, Outcome)> {
    p.plan.rows.iter().map(|(n, r)| (*n, r.outcome)).collect()
}

fn reasons(p: &Prepared, row: u32) -> String {
    let (_, planned) = p.plan.rows.iter().find(|(n, _)| *n == row).unwrap();
    p.plan
        .reasons(planned, &p.mapping, &p.layout.headers)
        .text(Lang::Zh)
}

fn people_count(store: &Store) -> i64 {
    people::count(&store.read()).unwrap()
}

fn prepare(store: &Store, file: &Path, policy: Policy) -> Prepared {
    run::prepare(
        store,
        kinds::by_key("people").unwrap(),
        file,
        None,
        None,
        policy,
    )
    .unwrap()
}

#[test]
fn every_row_of_an_office_roll_gets_its_outcome_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ledger(dir.path());
    register_zhou(&mut store);
    let file = people_book(dir.path());
    let p = prepare(&store, &file, Policy::Skip);
    assert_eq!(p.plan.header_row, 3);
    assert_eq!(
        outcomes(&p),
        vec![
            (4, Outcome::Create),
            (5, Outcome::Create),
            (7, Outcome::Refuse),
            (8, Outcome::Create),
            (9, Outcome::Skip),
            (10, Outcome::Refuse),
            (11, Outcome::Skip),
        ]
    );
    use minsheng::import::layout::Ignored;
    assert_eq!(
        p.plan.ignored,
        vec![
            (6, Ignored::Blank),
            (12, Ignored::Totals),
            (13, Ignored::Notes)
        ]
    );
    assert!(
        reasons(&p, 7).contains("【公民身份号码】列"),
        "{}",
        reasons(&p, 7)
    );
    assert!(reasons(&p, 7).contains("存成了数字"));
    assert!(
        reasons(&p, 8).contains("身份证号表明是“男”"),
        "{}",
        reasons(&p, 8)
    );
    assert!(reasons(&p, 8).contains("位数不对"));
    assert!(reasons(&p, 9).contains("第 4 行"));
    assert!(
        reasons(&p, 10).contains("北城子坡社区"),
        "nearest name: {}",
        reasons(&p, 10)
    );
    assert!(reasons(&p, 11).contains("已登记为 周八"));

    // The stop policy refuses a registered person; the update one fills the file's fields.
    let stop = prepare(&store, &file, Policy::Stop);
    assert_eq!(outcomes(&stop)[6], (11, Outcome::Refuse));
    assert_eq!(
        outcomes(&stop)[4],
        (9, Outcome::Refuse),
        "a duplicate in the file"
    );
    let update = prepare(&store, &file, Policy::Update);
    assert_eq!(outcomes(&update)[6], (11, Outcome::Update));
    let fill = prepare(&store, &file, Policy::Fill);
    assert_eq!(outcomes(&fill)[6], (11, Outcome::Update));
}

#[test]
fn all_or_nothing_writes_nothing_and_good_rows_write_the_rest_with_an_error_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ledger(dir.path());
    register_zhou(&mut store);
    let file = people_book(dir.path());
    let before = people_count(&store);

    let mut p = prepare(&store, &file, Policy::Fill);
    let err = run::import(
        &mut store,
        &mut p.plan,
        Mode::AllOrNothing,
        false,
        "x",
        &mut |_, _| true,
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::Refused(3)), "{err:?}");
    assert_eq!(people_count(&store), before);

    // Cancelling leaves nothing behind.
    let mut p = prepare(&store, &file, Policy::Fill);
    let err = run::import(
        &mut store,
        &mut p.plan,
        Mode::GoodRows,
        false,
        "x",
        &mut |_, _| false,
    )
    .unwrap_err();
    assert!(matches!(
        err,
        ImportError::Store(minsheng::store::StoreError::Cancelled)
    ));
    assert_eq!(people_count(&store), before);

    let mut p = prepare(&store, &file, Policy::Fill);
    let report = run::import(
        &mut store,
        &mut p.plan,
        Mode::GoodRows,
        false,
        "花名册.xlsx",
        &mut |_, _| true,
    )
    .unwrap();
    assert_eq!(
        (
            report.counts.created,
            report.counts.updated,
            report.counts.skipped,
            report.counts.refused
        ),
        (3, 1, 0, 3)
    );
    assert_eq!(people_count(&store), before + 3);
    let li = people::find_by_id_number(&store.read(), &id("19750505", 22))
        .unwrap()
        .unwrap();
    let li = people::get(&store.read(), li.0).unwrap();
    assert_eq!(li.name, "李四");
    assert_eq!(li.phone, "0634-6012345");
    assert_eq!(li.categories.len(), 2);
    let zhou = people::find_by_id_number(&store.read(), &id("19650303", 55))
        .unwrap()
        .unwrap();
    let zhou = people::get(&store.read(), zhou.0).unwrap();
    assert_eq!(
        (zhou.phone.as_str(), zhou.notes.as_str()),
        ("13900000000", "新备注")
    );

    // The error workbook: the refused rows as they were, with the reason.
    let errors = dir.path().join("errors.xlsx");
    let sheet = &p.workbook.sheets[p.sheet];
    let n = minsheng::import::error_book::write(
        &errors,
        sheet,
        &p.plan,
        &p.mapping,
        &p.layout.headers,
        Lang::Zh,
    )
    .unwrap();
    assert_eq!(n, 3);
    let back = minsheng::import::read::read_file(&errors, None).unwrap();
    let rows = &back.sheets[0].rows;
    assert_eq!(rows[0][3].text(), "公民身份号码");
    assert_eq!(rows[0][9].text(), "错误原因");
    assert_eq!(rows[1][1].text(), "王五");
    assert!(
        matches!(rows[1][3], minsheng::import::Cell::Number(_)),
        "kept as it was"
    );
    assert!(rows[1][9].text().contains("存成了数字"));
    assert_eq!(rows[2][1].text(), "张三");
    assert_eq!(rows[3][1].text(), "孙七");

    // Undo the batch as a whole.
    let batch = report.batch.unwrap();
    assert_eq!(
        store.write(|w| imports::undo(w, batch)).unwrap(),
        Undone::Done(4)
    );
    assert_eq!(people_count(&store), before);
    let zhou = people::get(&store.read(), zhou.id).unwrap();
    assert_eq!((zhou.phone.as_str(), zhou.notes.as_str()), ("", ""));
    assert_eq!(
        store.write(|w| imports::undo(w, batch)).unwrap(),
        Undone::AlreadyUndone
    );
}

#[test]
fn a_batch_with_a_record_changed_since_is_not_undone_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ledger(dir.path());
    let file = people_book(dir.path());
    let mut p = prepare(&store, &file, Policy::Skip);
    let report = run::import(
        &mut store,
        &mut p.plan,
        Mode::GoodRows,
        false,
        "x",
        &mut |_, _| true,
    )
    .unwrap();
    let zhang = people::find_by_id_number(&store.read(), &id("19700101", 11))
        .unwrap()
        .unwrap()
        .0;
    let person = people::get(&store.read(), zhang).unwrap();
    let mut draft = minsheng::domain::person::PersonDraft {
        name: person.name.clone(),
        id_number: person.id_number.clone(),
        phone: person.phone.clone(),
        address: "新地址".into(),
        region_id: Some(person.region_id),
        categories: person.categories.clone(),
        notes: String::new(),
    };
    draft.notes = "改过".into();
    let new = draft.validate(common::test_day()).unwrap();
    store.write(|w| people::update(w, zhang, &new)).unwrap();
    let before = people_count(&store);
    match store
        .write(|w| imports::undo(w, report.batch.unwrap()))
        .unwrap()
    {
        Undone::Blocked(rows) => {
            assert_eq!(rows.len(), 1);
            assert_eq!((rows[0].source_row, rows[0].row_id), (4, zhang.0));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(people_count(&store), before, "nothing undone");
}

#[test]
fn a_gbk_csv_from_wps_is_read_and_its_mapping_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ledger(dir.path());
    let text = format!(
        "姓名,身份证号码,手机号,村居,人员类别\r\n钱九,{},138 1234 5678,古墩村,低保户\r\n",
        id("19900909", 66)
    );
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    let file = dir.path().join("名单.csv");
    std::fs::write(&file, &bytes).unwrap();
    let p = prepare(&store, &file, Policy::Skip);
    assert_eq!(
        p.workbook.encoding,
        Some(minsheng::import::Encoding::Gb18030)
    );
    assert_eq!(outcomes(&p), vec![(2, Outcome::Create)]);
    // A clerk's own mapping (the phone left out) is used for the next file of these headers.
    let kind = kinds::by_key("people").unwrap();
    let mut mapping = p.mapping.clone();
    mapping[3] = None;
    run::remember(&mut store, kind, &p.layout.headers, &mapping).unwrap();
    let again = prepare(&store, &file, Policy::Skip);
    assert_eq!(again.mapping, mapping);
}

/// A roster: person columns and placement columns on one row, the start date in every form
/// offices write it.
fn roster_book(path: &Path) -> PathBuf {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.merge_range(0, 0, 0, 7, "2026年公益性岗位上岗人员花名册", &Format::new())
        .unwrap();
    let header = [
        "姓名",
        "身份证号码",
        "村居",
        "困难类别",
        "岗位名称",
        "岗位类别",
        "上岗日期",
        "备注",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    let people = [
        ("甲一", id("19750101", 11), "保洁员", "公共服务"),
        ("甲二", id("19760202", 22), "保洁员", "公共服务类"),
        ("甲三", id("19770303", 33), "护林员", ""),
        ("甲四", id("19780404", 44), "护林员", "设施维护"),
        ("甲五", id("19790505", 55), "护林员", ""),
        ("甲六", id("19800606", 66), "护林员", ""),
        ("甲七", id("19810707", 77), "护林员", ""),
        ("甲八", id("19820808", 88), "护林员", ""),
    ];
    for (i, (name, idn, post, cat)) in people.iter().enumerate() {
        let r = 3 + i as u32;
        for (c, v) in [*name, idn.as_str(), "北城子坡社区", "低保", *post, *cat]
            .iter()
            .enumerate()
        {
            if !v.is_empty() {
                ws.write_string(r, c as u16, *v).unwrap();
            }
        }
        match i {
            0 => ws.write_string(r, 6, "2026-06-01").map(|_| ()),
            1 => ws
                .write_datetime_with_format(
                    r,
                    6,
                    rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 6, 2).unwrap(),
                    &date_fmt,
                )
                .map(|_| ()),
            2 => ws.write_number(r, 6, 46175.0).map(|_| ()),
            3 => ws.write_string(r, 6, "2026/6/1").map(|_| ()),
            4 => ws.write_string(r, 6, "2026.6.1").map(|_| ()),
            5 => ws.write_string(r, 6, "2026年6月1日").map(|_| ()),
            6 => ws.write_number(r, 6, 20260601.0).map(|_| ()),
            _ => ws.write_string(r, 6, "六月初").map(|_| ()),
        }
        .unwrap();
    }
    let file = path.join("roster.xlsx");
    book.save(&file).unwrap();
    file
}

#[test]
fn a_roster_places_people_with_their_training_marked_not_in_the_file() {
    use minsheng::domain::pay::Area;
    use minsheng::domain::placement::{PostCategory, PostStatus};
    use minsheng::store::posts::{self, NewPost};
    let dir = tempfile::tempdir().unwrap();
    let mut store = ledger(dir.path());
    let community = store
        .read()
        .query_row(
            "SELECT id FROM regions WHERE short_name = '北城子坡社区'",
            [],
            |r| r.get(0),
        )
        .map(minsheng::domain::RegionId)
        .unwrap();
    let post = NewPost {
        title: "护林员".into(),
        category: PostCategory::FacilityMaintenance,
        area: Area::Urban,
        host_unit: "北城子坡社区居民委员会".into(),
        region_id: community,
        headcount: 10,
        monthly_hours_tenths: None,
        min_hours_tenths: None,
        max_hours_tenths: None,
        funded_from: jiff::civil::date(2026, 1, 1),
        funded_to: jiff::civil::date(2029, 12, 31),
        status: PostStatus::Open,
    };
    let forest = store.write(|w| posts::insert(w, &post)).unwrap();
    let file = roster_book(dir.path());
    let kind = kinds::by_key("roster").unwrap();
    let mut p = run::prepare(&store, kind, &file, None, None, Policy::Skip).unwrap();
    assert_eq!(
        outcomes(&p),
        (4..=10)
            .map(|r| (r, Outcome::Create))
            .chain([(11, Outcome::Refuse)])
            .collect::<Vec<_>>()
    );
    assert!(
        reasons(&p, 11).contains("“六月初”不是可识别的日期"),
        "{}",
        reasons(&p, 11)
    );
    assert!(reasons(&p, 4).contains("将新建岗位“保洁员”（北城子坡社区）"));
    assert!(reasons(&p, 6).contains("源文件未载"));
    assert_eq!(
        p.plan.new_posts(),
        vec!["保洁员（北城子坡社区）".to_string()]
    );

    // Without the clerk's agreement to create the post its rows are refused.
    let err = run::import(
        &mut store,
        &mut p.plan,
        Mode::AllOrNothing,
        false,
        "r",
        &mut |_, _| true,
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::Refused(3)), "{err:?}");

    let mut p = run::prepare(&store, kind, &file, None, None, Policy::Skip).unwrap();
    let report = run::import(
        &mut store,
        &mut p.plan,
        Mode::GoodRows,
        true,
        "r",
        &mut |_, _| true,
    )
    .unwrap();
    assert_eq!(
        (report.counts.created, report.counts.refused),
        (7, 1),
        "{:?}",
        report.failed
    );
    let conn = store.read();
    let starts: Vec<(String, i64, Option<String>, String)> = conn
        .prepare(
            "SELECT pl.start_date, pl.post_id, t.trained_on, t.source FROM placements pl
             JOIN trainings t ON t.id = pl.training_id ORDER BY pl.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(starts.len(), 7);
    let days: Vec<&str> = starts.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(
        days,
        [
            "2026-06-01",
            "2026-06-02",
            "2026-06-02",
            "2026-06-01",
            "2026-06-01",
            "2026-06-01",
            "2026-06-01"
        ]
    );
    assert!(
        starts
            .iter()
            .all(|s| s.2.is_none() && s.3 == "not_in_source"),
        "no invented date"
    );
    assert_eq!(starts.iter().filter(|s| s.1 == forest.0).count(), 5);
    let cleaners: i64 = conn
        .query_row(
            "SELECT headcount FROM posts WHERE title = '保洁员'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(cleaners, 2);

    // Undo takes back the placements, their trainings, the new post and the people.
    assert_eq!(
        store
            .write(|w| imports::undo(w, report.batch.unwrap()))
            .unwrap(),
        Undone::Done(7 * 3 + 1)
    );
    let left: (i64, i64, i64, i64) = store
        .read()
        .query_row(
            "SELECT (SELECT count(*) FROM placements), (SELECT count(*) FROM trainings),
                    (SELECT count(*) FROM posts), (SELECT count(*) FROM people)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(left, (0, 0, 1, 0));
}

#[test]
fn posts_from_a_utf8_csv_with_a_bom_and_an_empty_template_per_kind() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ledger(dir.path());
    let text = "\u{FEFF}岗位名称,岗位类别,用工单位,村（社区）,岗位人数,资金起始日期,资金截止日期\r\n\
        保洁员,公共服务类,北城子坡社区居民委员会,北城子坡社区,3,2026年1月1日,2028/12/31\r\n\
        护路员,道路养护,古墩村村民委员会,古墩村,1,2026-01-01,2028-12-31\r\n\
        保洁员,公共服务,北城子坡社区居民委员会,北城子坡社区,2,2026-01-01,2028-12-31\r\n";
    let file = dir.path().join("posts.csv");
    std::fs::write(&file, text).unwrap();
    let kind = kinds::by_key("posts").unwrap();
    let mut p = run::prepare(&store, kind, &file, None, None, Policy::Skip).unwrap();
    assert_eq!(p.workbook.encoding, Some(minsheng::import::Encoding::Utf8));
    assert_eq!(
        outcomes(&p),
        vec![
            (2, Outcome::Create),
            (3, Outcome::Refuse),
            (4, Outcome::Refuse)
        ]
    );
    assert!(reasons(&p, 3).contains("不认识的岗位类别“道路养护”"));
    assert!(reasons(&p, 4).contains("第 2 行"));
    let report = run::import(
        &mut store,
        &mut p.plan,
        Mode::GoodRows,
        false,
        "p",
        &mut |_, _| true,
    )
    .unwrap();
    assert_eq!(report.counts.created, 1);

    // Every kind's template reads back as its own header, with the notes row left out.
    for kind in kinds::ALL {
        let path = dir.path().join(format!("{}.xlsx", kind.key()));
        minsheng::import::template::write(&path, *kind, Lang::Zh).unwrap();
        let book = minsheng::import::read::read_file(&path, None).unwrap();
        let layout = run::find_layout(*kind, &book.sheets[0]).unwrap();
        assert_eq!(layout.header, 0);
        let mapping = minsheng::import::mapping::auto_map(kind.fields(), &layout.headers);
        assert!(mapping.iter().all(Option::is_some), "{}", kind.key());
        let plan = minsheng::import::Plan::make(
            *kind,
            &book.sheets[0],
            &layout,
            &mapping,
            &run::known(&store.read(), common::test_day()).unwrap(),
            Policy::Skip,
        );
        assert!(
            plan.rows.is_empty(),
            "{}: the notes row is no data",
            kind.key()
        );
    }
}

#[test]
fn a_batch_whose_person_has_a_training_since_is_not_undone_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ledger(dir.path());
    let file = people_book(dir.path());
    let mut p = prepare(&store, &file, Policy::Skip);
    let report = run::import(
        &mut store,
        &mut p.plan,
        Mode::GoodRows,
        false,
        "x",
        &mut |_, _| true,
    )
    .unwrap();
    let li = people::find_by_id_number(&store.read(), &id("19750505", 22))
        .unwrap()
        .unwrap()
        .0;
    let training = minsheng::store::placements::NewTraining {
        course: "保洁技能".into(),
        trained_on: jiff::civil::date(2026, 11, 1),
        hours: 16,
        passed: true,
    };
    store
        .write(|w| minsheng::store::placements::add_training(w, li, &training))
        .unwrap();
    let before = people_count(&store);
    match store
        .write(|w| imports::undo(w, report.batch.unwrap()))
        .unwrap()
    {
        Undone::Blocked(rows) => {
            assert_eq!(rows.len(), 1, "{rows:?}");
            assert_eq!((rows[0].source_row, rows[0].row_id), (5, li.0));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(people_count(&store), before, "nothing undone");
}
