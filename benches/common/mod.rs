//! What the benchmarks and `examples/frame_cost.rs` share: the 100k fixtures, generated
//! once into `target/bench-data/` and reused, and one whole frame of the window drawn the
//! way the frame benchmarks draw it.

#![allow(dead_code)] // each user takes part of it

use std::path::PathBuf;
use std::sync::LazyLock;

use jiff::civil::date;
use minsheng::app::{App, Prefs};
use minsheng::domain::id_number::{IdNumber, check_character};
use minsheng::domain::pay::{Area, Month};
use minsheng::domain::person::NewPerson;
use minsheng::domain::placement::{PlacementRules, PostCategory, PostStatus};
use minsheng::i18n::Lang;
use minsheng::jobs::{Reporter, demo};
use minsheng::store::pay_settings::{self, NewPolicy};
use minsheng::store::placements::{self, NewPlacement, NewTraining, TrainingChoice};
use minsheng::store::posts::{self, NewPost};
use minsheng::store::{Store, accounts, categories, payroll, people, regions};

/// Where the generated fixtures are kept between runs.
fn bench_data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data")
}

/// A database of 100,000 generated people (`minsheng demo --scale 100`).
pub static PEOPLE_100K: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = bench_data();
    let path = dir.join(format!(
        "people-100k-v{}.sqlite",
        minsheng::store::LATEST_VERSION
    ));
    if !path.exists() {
        std::fs::create_dir_all(&dir).expect("bench-data folder");
        let partial = dir.join("people-100k.partial.sqlite");
        let _ = std::fs::remove_file(&partial);
        let mut store = Store::open(&partial).expect("new database");
        demo::generate(&mut store, 100, &Reporter::silent()).expect("demo data");
        // Measured as a one-person office works, with no sign-in; the demo's accounts stay
        // for the benchmarks that sign in as a clerk of one street.
        accounts::choose_no_sign_in(&mut store).expect("no sign-in");
        drop(store);
        std::fs::rename(&partial, &path).expect("rename");
    }
    path
});

/// The 100k ledger at `path` signed in as the demo's clerk of one street (艾山街道), whose
/// every query is narrowed to that street.
pub fn street_clerk_store(path: &std::path::Path) -> Store {
    let mut store = Store::open(path).expect("open");
    let clerk = demo::DEMO_ACCOUNTS
        .into_iter()
        .find(|a| a.name == "aishan")
        .expect("the demo's street clerk");
    accounts::sign_in(&mut store, clerk.name, clerk.password).expect("sign in");
    store
}

/// Placements in the payroll fixture.
const PLACEMENTS: usize = 100_000;
/// The month the fixture has attendance for but no sheet yet.
pub const COMPUTED: (i16, i8) = (2026, 10);
/// The month whose sheet the fixture has computed and approved.
pub const APPROVED: (i16, i8) = (2026, 9);

/// A month from `(year, month)`.
pub fn month((y, m): (i16, i8)) -> Month {
    Month::new(y, m).expect("valid month")
}

/// 100,000 people, each placed on one of 1,000 posts, with a month of attendance, built
/// through the store.
pub static PAYROLL_100K: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = bench_data();
    let path = dir.join(format!(
        "payroll-100k-clerk-v{}.sqlite",
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

/// The demo's clerk of 艾山街道, for [`street_clerk_store`] (the tree alone has no accounts).
fn street_clerk_account(store: &mut Store) {
    use minsheng::domain::access::{Area as Scope, Grant};
    let clerk = demo::DEMO_ACCOUNTS
        .into_iter()
        .find(|a| a.name == "aishan")
        .expect("the demo's street clerk");
    let street = regions::id_by_code(store.conn(), "370117001000")
        .expect("regions")
        .expect("艾山街道");
    let grants = Scope::ALL
        .into_iter()
        .map(|area| Grant {
            role: clerk.role,
            area,
            street: Some(street),
        })
        .collect();
    store
        .write(|w| {
            accounts::create_account(
                w,
                &accounts::NewAccount {
                    name: clerk.name.into(),
                    display_name: clerk.display_name.into(),
                    password: clerk.password.into(),
                    grants,
                },
            )
        })
        .expect("street clerk");
}

fn build(path: &std::path::Path) {
    let mut store = Store::open(path).expect("new database");
    demo::generate(&mut store, 0, &Reporter::silent()).expect("division tree");
    accounts::choose_no_sign_in(&mut store).expect("no sign-in");
    street_clerk_account(&mut store);
    let villages: Vec<_> = regions::all(&store.read())
        .expect("regions")
        .into_iter()
        .filter(|r| r.level.holds_people())
        .map(|r| r.id)
        .collect();
    let category = categories::all(&store.read()).expect("categories")[0].id;
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
                    extend_to_retirement_years: 5,
                    women_worker_posts: false,
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
                    min_hours_tenths: None,
                    max_hours_tenths: (area == Area::Rural).then_some(800),
                    funded_from: date(2026, 1, 1),
                    funded_to: date(2029, 12, 31),
                    status: PostStatus::Open,
                };
                post_ids.push(posts::insert(w, &post)?);
            }
            for n in 0..PLACEMENTS {
                // Born from 1980: years before anyone's retirement date, which placement
                // checks to the day.
                let birth = date(1980, 1, 1)
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
                // Rural placements carry their accident insurance, as approval requires.
                if (n / 100) % 2 == 1 {
                    pay_settings::add_policy(
                        w,
                        placement,
                        &NewPolicy {
                            insurer: "中国人寿钢城支公司".into(),
                            policy_no: format!("P{n:06}"),
                            premium_fen: 12_000,
                            covers_from: date(2026, 1, 15),
                            covers_to: date(2029, 1, 14),
                        },
                    )?;
                }
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

/// The window over `path` in Chinese at `tab`, with the app's fonts, once the tab's rows are
/// read (some are read off the window's thread): what every repaint then costs.
pub fn loaded_window(path: &std::path::Path, tab: &str) -> (App, egui::Context) {
    let store = Store::open(path).expect("open");
    let prefs = Prefs {
        lang: Lang::Zh,
        tab: tab.into(),
        ..Prefs::default()
    };
    let mut app = App::new(Ok(store), prefs);
    let ctx = egui::Context::default();
    // The same glyphs on every machine, so frame times compare between machines.
    minsheng::fonts::install_embedded(&ctx);
    for _ in 0..3 {
        frame(&mut app, &ctx);
    }
    while app.busy() {
        std::thread::sleep(std::time::Duration::from_millis(10));
        frame(&mut app, &ctx);
    }
    (app, ctx)
}

/// As [`loaded_window`], then drawn until the tab no longer says it is reading (a read off
/// the window's thread can still be on its way when the reader reports idle, or start only
/// once the tab is first drawn); at most a minute.
pub fn settled_window(path: &std::path::Path, tab: &str) -> (App, egui::Context) {
    let (mut app, ctx) = loaded_window(path, tab);
    let reading = minsheng::i18n::Lang::Zh.t(minsheng::i18n::window::READING);
    let started = std::time::Instant::now();
    while describe_frame(&mut app, &ctx).contains(reading)
        && started.elapsed() < std::time::Duration::from_secs(60)
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    for _ in 0..3 {
        frame(&mut app, &ctx);
    }
    (app, ctx)
}

/// A 1280×800 window with no input.
pub fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    }
}

/// One whole frame: layout and tessellation.
pub fn frame(app: &mut App, ctx: &egui::Context) -> Vec<egui::ClippedPrimitive> {
    let mut output = ctx.run_ui(input(), |ui| app.ui(ui));
    // No renderer takes the font atlas's updates (egui asserts this in debug builds).
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point)
}

/// One frame's shapes, one line each in painting order (text with its position, colour and
/// clip; other shapes as egui prints them), so that two builds can be seen to draw the same.
pub fn describe_frame(app: &mut App, ctx: &egui::Context) -> String {
    use std::fmt::Write as _;
    let mut output = ctx.run_ui(input(), |ui| app.ui(ui));
    output.textures_delta.clear();
    let mut lines = String::new();
    for clipped in &output.shapes {
        let clip = clipped.clip_rect;
        let mut shapes = vec![&clipped.shape];
        while let Some(shape) = shapes.pop() {
            let _ = match shape {
                egui::Shape::Vec(inner) => {
                    shapes.extend(inner.iter().rev());
                    continue;
                }
                egui::Shape::Text(text) => writeln!(
                    lines,
                    "text {:?} at {:?} {:?}/{:?} clip {clip:?}",
                    text.galley.text(),
                    text.pos,
                    text.fallback_color,
                    text.override_text_color,
                ),
                egui::Shape::Noop => continue,
                other => writeln!(lines, "{other:?} clip {clip:?}"),
            };
        }
    }
    lines
}

/// Matters in the petition-log fixture.
pub const MATTERS: usize = 100_000;

/// A database of the district's region tree and 100,000 matters of the petition log, over
/// the year so far: about 85% closed (most on time, some late, a few not fixed), the rest
/// open at every stage, some past their deadline. Written in one transaction with plain
/// inserts (the change log is not what these benchmarks measure).
pub static PETITIONS_100K: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = bench_data();
    let path = dir.join(format!(
        "petitions-100k-v{}.sqlite",
        minsheng::store::LATEST_VERSION
    ));
    if !path.exists() {
        std::fs::create_dir_all(&dir).expect("bench-data folder");
        let partial = dir.join("petitions-100k.partial.sqlite");
        let _ = std::fs::remove_file(&partial);
        let mut store = Store::open(&partial).expect("new database");
        demo::generate(&mut store, 0, &Reporter::silent()).expect("the region tree");
        accounts::choose_no_sign_in(&mut store).expect("no sign-in");
        store.write(write_matters).expect("matters");
        drop(store);
        std::fs::rename(&partial, &path).expect("rename");
    }
    path
});

fn write_matters(w: &minsheng::store::Writer<'_>) -> minsheng::store::Result<()> {
    use minsheng::domain::petition::deadline;
    let calendar = minsheng::store::petitions::calendar(&w.read())?;
    let places: Vec<(i64, Option<i64>)> = regions::all(&w.read())?
        .into_iter()
        .filter(|r| r.level.holds_people())
        .map(|r| (r.id.0, r.parent_id.map(|p| p.0)))
        .collect();
    let mut rng = fastrand::Rng::with_seed(100_000);
    let start = date(2026, 1, 1);
    let today = date(2026, 11, 30);
    let days = (today - start).get_days();
    let mut stmt = w.tx().prepare(
        "INSERT INTO petitions (channel, category_id, text, region_id, street_id, place_detail,
             reporter_name, reporter_phone, owner_unit, owner_person, received_on, deadline,
             status, reply, outcome, replied_on, closed_on, satisfaction, reopen_count,
             return_count, last_step, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16,
             ?17, ?18, ?19, 'close', ?20, ?20)",
    )?;
    const TEXTS: [&str; 6] = [
        "路灯不亮",
        "下水管道堵塞",
        "顶楼漏雨",
        "楼道堆放杂物堵塞消防通道",
        "广场舞音响声音过大",
        "垃圾清运不及时",
    ];
    const CHANNELS: [&str; 6] = ["council", "visit", "phone", "hotline", "grid", "other"];
    const OWNERS: [&str; 4] = [
        "物业服务中心",
        "社区居民委员会",
        "街道环卫所",
        "街道城市管理办公室",
    ];
    const OPEN: [&str; 5] = [
        "received",
        "returned",
        "signed_for",
        "in_progress",
        "replied",
    ];
    for n in 0..MATTERS {
        let received = start
            .checked_add(jiff::Span::new().days(rng.i32(0..days)))
            .expect("a day of 2026");
        let due = deadline(&calendar, received, 7).expect("2026 is in the calendar");
        let (place, street) = places[rng.usize(..places.len())];
        let roll = rng.u8(..100);
        let closed = roll < 85 && due < today;
        let closed_on = closed.then(|| {
            let late = if roll < 10 {
                rng.u32(8..20)
            } else {
                rng.u32(1..8)
            };
            calendar.add_working_days(received, late).expect("a day")
        });
        let status = if closed {
            "closed"
        } else {
            OPEN[rng.usize(..OPEN.len())]
        };
        let outcome = closed.then(|| match rng.u8(..100) {
            0..=84 => "fixed",
            85..=94 => "not_fixed",
            _ => "fixed",
        });
        let satisfaction = (closed && rng.bool()).then(|| match rng.u8(..100) {
            0..=69 => "satisfied",
            70..=94 => "basic",
            _ => "unsatisfied",
        });
        let stamp = format!("{received}T09:00:00");
        stmt.execute(rusqlite::params![
            CHANNELS[rng.usize(..CHANNELS.len())],
            rng.i64(1..=8),
            TEXTS[rng.usize(..TEXTS.len())],
            place,
            street,
            format!("{}号楼", rng.u8(1..40)),
            "居民",
            format!("13{}0000{:04}", rng.u8(0..10), n % 10_000),
            OWNERS[rng.usize(..OWNERS.len())],
            "刘工",
            received.to_string(),
            due.to_string(),
            status,
            if closed { "已处理" } else { "" },
            outcome,
            closed_on.map(|d| d.to_string()),
            satisfaction,
            i64::from(roll == 99),
            i64::from(roll == 98),
            stamp,
        ])?;
    }
    w.touch("petitions");
    Ok(())
}
