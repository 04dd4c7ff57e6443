//! Importing 100,000 people with every check (ID numbers, phones, places, categories,
//! duplicates against the ledger, the registry's own checks on each insert, the change log
//! and the search index), from a UTF-8 CSV and from an xlsx workbook, into a ledger holding
//! the district's region tree. Each sample imports into a fresh copy of that ledger.
//!
//! The files and the empty ledger are generated once into `target/bench-data/`. For the
//! comparison with SQLite's own loader, time `sqlite3 x.db -cmd '.mode csv' '.import
//! target/bench-data/import-100k.csv people'` on the same CSV (no checks at all).

use std::path::PathBuf;
use std::sync::LazyLock;

use minsheng::domain::id_number::check_character;
use minsheng::domain::region::RegionLevel;
use minsheng::import::run;
use minsheng::import::{Mode, Policy, kinds};
use minsheng::jobs::{Reporter, demo};
use minsheng::store::{Store, regions};

const PEOPLE: usize = 100_000;

fn main() {
    divan::main();
}

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data")
}

/// The empty ledger (the region tree only) and the same 100k people as CSV and as xlsx.
static FILES: LazyLock<(PathBuf, PathBuf, PathBuf)> = LazyLock::new(|| {
    let dir = data_dir();
    std::fs::create_dir_all(&dir).expect("bench-data folder");
    let ledger = dir.join("import-empty.sqlite");
    let csv = dir.join("import-100k.csv");
    let xlsx = dir.join("import-100k.xlsx");
    if !ledger.exists() {
        let mut store = Store::open(&ledger).expect("ledger");
        demo::generate(&mut store, 0, &Reporter::silent()).expect("region tree");
    }
    if !csv.exists() || !xlsx.exists() {
        let store = Store::open(&ledger).expect("ledger");
        let all = regions::all(&store.read()).expect("regions");
        // Two villages share a name in different streets: the street tells them apart.
        let villages: Vec<(String, String)> = all
            .iter()
            .filter(|r| matches!(r.level, RegionLevel::Village | RegionLevel::Community))
            .map(|r| {
                let street = all
                    .iter()
                    .find(|s| Some(s.id) == r.parent_id)
                    .map_or_else(String::new, |s| s.short_name.clone());
                (r.short_name.clone(), street)
            })
            .collect();
        let rows = people_rows(&villages);
        let mut text = String::from("姓名,身份证号,性别,联系电话,所属街道,村居,住址,困难类别\n");
        for r in &rows {
            text.push_str(&r.join(","));
            text.push('\n');
        }
        std::fs::write(&csv, text).expect("csv");
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        for (c, h) in [
            "姓名",
            "身份证号",
            "性别",
            "联系电话",
            "所属街道",
            "村居",
            "住址",
            "困难类别",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *h).expect("header");
        }
        for (i, r) in rows.iter().enumerate() {
            for (c, v) in r.iter().enumerate() {
                ws.write_string(i as u32 + 1, c as u16, v).expect("cell");
            }
        }
        book.save(&xlsx).expect("xlsx");
    }
    (ledger, csv, xlsx)
});

/// 100k distinct people with valid ID numbers, spread over the villages.
fn people_rows(villages: &[(String, String)]) -> Vec<[String; 8]> {
    const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
    const GIVEN: &[&str] = &[
        "建国", "秀英", "桂兰", "志强", "海燕", "明", "丽", "军", "芳", "伟",
    ];
    const CATEGORIES: &[&str] = &["低保", "特困", "脱贫", "残疾、低保", "", "失业"];
    (0..PEOPLE)
        .map(|i| {
            let year = 1950 + i % 50;
            let month = 1 + i % 12;
            let day = 1 + i % 28;
            let seq = i / (50 * 12) % 1000;
            let body = format!("370117{year}{month:02}{day:02}{seq:03}");
            let id = format!("{body}{}", check_character(&body));
            let male = seq % 2 == 1;
            [
                format!("{}{}", SURNAMES[i % 10], GIVEN[i / 10 % 10]),
                id,
                if male { "男" } else { "女" }.to_string(),
                format!("13{:09}", i),
                villages[i % villages.len()].1.clone(),
                villages[i % villages.len()].0.clone(),
                format!("{}号", i % 500),
                CATEGORIES[i % CATEGORIES.len()].to_string(),
            ]
        })
        .collect()
}

fn import(file: &std::path::Path) {
    let (ledger, _, _) = &*FILES;
    let dir = tempfile::tempdir().expect("temp");
    let copy = dir.path().join("ledger.sqlite");
    std::fs::copy(ledger, &copy).expect("copy");
    let mut store = Store::open(&copy).expect("open");
    let kind = kinds::by_key("people").expect("people");
    let mut p = run::prepare(&store, kind, file, None, None, Policy::Skip).expect("prepare");
    let report = run::import(
        &mut store,
        &mut p.plan,
        Mode::AllOrNothing,
        false,
        "bench",
        &mut |_, _| true,
    )
    .expect("import");
    assert_eq!(report.counts.created, PEOPLE);
}

/// 100k people from a UTF-8 CSV: read, plan, write.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn people_100k_from_csv(bencher: divan::Bencher) {
    let csv = FILES.1.clone();
    bencher.bench(|| import(&csv));
}

/// 100k people from an xlsx workbook: read, plan, write.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn people_100k_from_xlsx(bencher: divan::Bencher) {
    let xlsx = FILES.2.clone();
    bencher.bench(|| import(&xlsx));
}

/// Reading and planning alone (every check but the writes), from the CSV: how much of the
/// import the cleaning takes.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn people_100k_plan_only_csv(bencher: divan::Bencher) {
    let (ledger, csv, _) = &*FILES;
    let store = Store::open(ledger).expect("open");
    let kind = kinds::by_key("people").expect("people");
    bencher.bench_local(|| {
        let p = run::prepare(&store, kind, csv, None, None, Policy::Skip).expect("prepare");
        assert_eq!(p.plan.counts().created, PEOPLE);
    });
}
