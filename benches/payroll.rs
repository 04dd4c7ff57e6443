//! Computing and exporting one month's subsidy sheet for 100,000 placements.
//!
//! The fixture (100,000 people, each placed on one of 1,000 posts, with a month of
//! attendance) is built once through the store into `target/bench-data/` and reused.

use std::path::PathBuf;
use std::sync::LazyLock;

use jiff::civil::date;
use minsheng::domain::id_number::{IdNumber, check_character};
use minsheng::domain::mask::MaskPattern;
use minsheng::domain::pay::{Area, Month};
use minsheng::domain::person::NewPerson;
use minsheng::domain::placement::{PlacementRules, PostCategory, PostStatus};
use minsheng::i18n::Lang;
use minsheng::jobs::exports::{self, Disclosure};
use minsheng::jobs::{Reporter, demo};
use minsheng::store::placements::{self, NewPlacement, NewTraining, TrainingChoice};
use minsheng::store::posts::{self, NewPost};
use minsheng::store::{Store, categories, payroll, people, regions};

fn main() {
    divan::main();
}

const PLACEMENTS: usize = 100_000;
const COMPUTED: (i16, i8) = (2026, 10);
const APPROVED: (i16, i8) = (2026, 9);

fn month((y, m): (i16, i8)) -> Month {
    Month::new(y, m).expect("valid month")
}

static FIXTURE: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let path = dir.join(format!(
        "payroll-100k-v{}.sqlite",
        minsheng::store::LATEST_VERSION
    ));
    if !path.exists() {
        std::fs::create_dir_all(&dir).expect("bench-data folder");
        let partial = dir.join("payroll-100k.partial.sqlite");
        let _ = std::fs::remove_file(&partial);
        build(&partial);
        std::fs::rename(&partial, &path).expect("rename");
    }
    path
});

fn build(path: &std::path::Path) {
    let mut store = Store::open(path).expect("new database");
    demo::generate(&mut store, 0, &Reporter::silent()).expect("division tree");
    let villages: Vec<_> = regions::all(store.conn())
        .expect("regions")
        .into_iter()
        .filter(|r| r.level.holds_people())
        .map(|r| r.id)
        .collect();
    let category = categories::all(store.conn()).expect("categories")[0].id;
    store
        .write(|w| {
            placements::set_rules(
                w,
                &PlacementRules {
                    eligible_categories: vec![category],
                    min_age: 16,
                    max_age_male: 70,
                    max_age_female: 70,
                    agreement_years: 3,
                },
            )?;
            let mut post_ids = Vec::new();
            for n in 0..1_000 {
                let area = if n % 2 == 0 { Area::Urban } else { Area::Rural };
                let post = NewPost {
                    title: format!("岗位{n}"),
                    category: PostCategory::PublicService,
                    area,
                    host_unit: "村民委员会".into(),
                    region_id: villages[n % villages.len()],
                    headcount: 100,
                    monthly_hours_tenths: (area == Area::Rural).then_some(800),
                    funded_from: date(2026, 1, 1),
                    funded_to: date(2028, 12, 31),
                    status: PostStatus::Open,
                };
                post_ids.push(posts::insert(w, &post)?);
            }
            for n in 0..PLACEMENTS {
                let birth = date(1970, 1, 1)
                    .checked_add(jiff::Span::new().days((n / 500) as i64))
                    .expect("date");
                let body = format!("371203{}{:03}", birth.strftime("%Y%m%d"), n % 500 + 1);
                let id = IdNumber::parse(&format!("{body}{}", check_character(&body)))
                    .expect("valid id");
                let person = people::insert(
                    w,
                    &NewPerson {
                        name: format!("测试{n}"),
                        id_number: id,
                        phone: None,
                        address: String::new(),
                        region_id: villages[n % villages.len()],
                        categories: vec![category],
                        notes: String::new(),
                    },
                )?;
                let post = post_ids[n / 100];
                let placement = placements::place(
                    w,
                    &NewPlacement {
                        person_id: person,
                        post_id: post,
                        training: TrainingChoice::New(NewTraining {
                            course: "上岗培训".into(),
                            trained_on: date(2026, 1, 1),
                            hours: 16,
                            passed: true,
                        }),
                        start_date: date(2026, 1, 15),
                        agreement_end: date(2029, 1, 14),
                        accident_insurance: true,
                    },
                )?;
                for m in [month(APPROVED), month(COMPUTED)] {
                    let (days, hours) = if (n / 100) % 2 == 0 {
                        (Some(22), None)
                    } else {
                        (None, Some(780))
                    };
                    payroll::set_attendance(w, placement, m, days, hours)?;
                }
            }
            payroll::compute(w, month(APPROVED), |_, _| true)?;
            payroll::approve(w, month(APPROVED), date(2026, 10, 5))
        })
        .expect("fixture");
}

/// Computing the month's 100,000 lines and writing them, in one transaction.
#[divan::bench(sample_count = 5)]
fn compute_month_100k(bencher: divan::Bencher) {
    let mut store = Store::open(&*FIXTURE).expect("open");
    bencher.bench_local(|| {
        store
            .write(|w| payroll::compute(w, month(COMPUTED), |_, _| true))
            .expect("compute")
    });
}

/// Exporting an approved month's 100,000 lines to Excel.
#[divan::bench(sample_count = 5)]
fn export_month_100k(bencher: divan::Bencher) {
    let store = Store::open(&*FIXTURE).expect("open");
    let dir = tempfile::tempdir().expect("temp dir");
    let disclosure = Disclosure {
        id_mask: MaskPattern::ID_DEFAULT,
        full_ids: false,
    };
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        let path = dir.path().join(format!("sheet-{n}.xlsx"));
        exports::subsidy_sheet(
            &store,
            month(APPROVED),
            &path,
            disclosure,
            Lang::Zh,
            &Reporter::silent(),
        )
        .expect("export")
    });
}

/// One frame of the Job placements tab (its posts view) over the 100,000-placement file.
#[divan::bench]
fn placements_tab_frame_100k(bencher: divan::Bencher) {
    use minsheng::app::{App, Prefs};
    let store = Store::open(&*FIXTURE).expect("open");
    let prefs = Prefs {
        lang: Lang::Zh,
        tab: "placements".into(),
        ..Prefs::default()
    };
    let mut app = App::new(Ok(store), prefs);
    let ctx = egui::Context::default();
    // The same glyphs on every machine, so frame times compare between machines.
    minsheng::fonts::install_embedded(&ctx);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    // Until the tab's rows are read (some are read off the window's thread).
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.ui(ui));
    }
    while app.busy() {
        std::thread::sleep(std::time::Duration::from_millis(10));
        let _ = ctx.run_ui(input(), |ui| app.ui(ui));
    }
    bencher.bench_local(|| {
        let output = ctx.run_ui(input(), |ui| app.ui(ui));
        ctx.tessellate(output.shapes, output.pixels_per_point)
    });
}

/// The reads behind the month view and the people-placed list at 100,000 placements: what
/// a view pays once each time the data changes (never on an idle frame).
#[divan::bench(args = ["attendance", "sheet", "placed"], sample_count = 10)]
fn view_reads_100k(bencher: divan::Bencher, what: &str) {
    use minsheng::store::placement_reports;
    let store = Store::open(&*FIXTURE).expect("open");
    bencher.bench_local(|| match what {
        "attendance" => payroll::attendance(store.conn(), month(COMPUTED))
            .expect("attendance")
            .len(),
        "sheet" => placement_reports::sheet(store.conn(), month(APPROVED))
            .expect("sheet")
            .len(),
        _ => placements::list(store.conn(), placements::PlacementScope::Active, None, "")
            .expect("list")
            .len(),
    });
}
