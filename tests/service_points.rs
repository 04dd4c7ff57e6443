//! Service points in the store: the demo's figures and its villages outside the circle;
//! writes refused to a viewer and to a clerk of another street; an outline import that is
//! all or nothing; the circle's reach as a setting.

use crate::common;

use minsheng::domain::service_points::{
    Handling, NewServicePoint, Offered, PointStatus, Reach, ServiceId, Tier, TravelMode,
};
use minsheng::domain::spatial::Datum;
use minsheng::domain::{RegionId, access::Action, access::Area};
use minsheng::jobs::{Reporter, demo, service_point_exports};
use minsheng::store::accounts;
use minsheng::store::service_points::{self as sp, PointFilter, coverage, outlines};
use minsheng::store::{Store, StoreError, regions};

/// The street of the demo's street clerk `aishan` (艾山街道).
const AISHAN: &str = "370117001000";
/// Another street (汶源街道).
const WENYUAN: &str = "370117003000";

fn demo_ledger(dir: &tempfile::TempDir) -> Store {
    let mut store = common::open_store(dir.path().join("points.sqlite"));
    demo::generate(&mut store, 1, &Reporter::silent()).expect("demo data");
    accounts::sign_out(&mut store).unwrap();
    store
}

fn sign_in(store: &mut Store, name: &str) {
    let account = demo::DEMO_ACCOUNTS
        .into_iter()
        .find(|a| a.name == name)
        .expect("a demo account");
    accounts::sign_in(store, account.name, account.password).unwrap();
}

/// A village of the street with code `street`, with its coordinates.
fn a_village(store: &Store, street: &str) -> (RegionId, (f64, f64)) {
    let street = regions::id_by_code(store.conn(), street).unwrap().unwrap();
    store
        .conn()
        .query_row(
            "SELECT id, lon, lat FROM regions WHERE parent_id = ?1 ORDER BY code LIMIT 1",
            [street.0],
            |r| Ok((RegionId(r.get(0)?), (r.get(1)?, r.get(2)?))),
        )
        .unwrap()
}

fn village_point(region: RegionId, at: (f64, f64)) -> NewServicePoint {
    NewServicePoint {
        name: "测试村医保工作点".into(),
        tier: Tier::Village,
        parent: None,
        region_id: region,
        address: "村委会".into(),
        at: Some(at),
        hours: "周一至周五".into(),
        phone: String::new(),
        status: PointStatus::Open,
        opened_on: None,
        closed_on: None,
        is_new: false,
        services: vec![Offered {
            service: ServiceId(5),
            handling: Handling::OnSite,
        }],
        staff: vec![],
    }
}

#[test]
fn the_demo_has_the_articles_points_and_leaves_a_few_villages_outside() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_ledger(&dir);
    sign_in(&mut store, "clerk");
    let all = sp::list(&store.read(), &PointFilter::default()).unwrap();
    let of = |tier| all.iter().filter(|p| p.fields.tier == tier).count();
    assert_eq!(of(Tier::Hall), 1);
    assert_eq!(of(Tier::Workstation), 16);
    assert_eq!(of(Tier::Village), 257);
    assert!(of(Tier::Hospital) >= 2);
    let new = all
        .iter()
        .filter(|p| p.fields.tier == Tier::Workstation && p.fields.is_new)
        .count();
    assert_eq!(new, 8);
    let report = coverage::report(&store.read()).unwrap();
    assert_eq!(report.reach.radius_shown_m(), 640);
    assert_eq!(report.villages.len(), 252);
    assert!(
        (3..=20).contains(&report.uncovered.len()),
        "a few villages outside: {}",
        report.uncovered.len()
    );
    let people = |i: usize| report.villages[i].village.people;
    assert!(
        report
            .uncovered
            .windows(2)
            .all(|w| people(w[0]) >= people(w[1]))
    );
    assert!(!report.candidates.is_empty());
    assert_eq!(report.streets.len(), 7);
    assert!(report.streets.iter().all(|s| s.workstations >= 1));
    // Filters: by tier, by service, by street.
    let halls = PointFilter {
        tier: Some(Tier::Hall),
        ..PointFilter::default()
    };
    assert_eq!(sp::list(&store.read(), &halls).unwrap().len(), 1);
    let aishan = regions::id_by_code(store.conn(), AISHAN).unwrap();
    let in_aishan = PointFilter {
        street: aishan,
        tier: Some(Tier::Workstation),
        ..PointFilter::default()
    };
    assert_eq!(sp::list(&store.read(), &in_aishan).unwrap().len(), 3);
    let registering = PointFilter {
        service: Some(ServiceId(3)),
        ..PointFilter::default()
    };
    let listed = sp::list(&store.read(), &registering).unwrap();
    assert!(listed.iter().all(|p| p.fields.tier != Tier::Village));
    assert!(!listed.is_empty());
    assert_eq!(outlines::all(&store.read()).unwrap().len(), 8);
}

#[test]
fn a_point_where_an_uncovered_village_lies_brings_it_inside() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_ledger(&dir);
    sign_in(&mut store, "clerk");
    let before = coverage::report(&store.read()).unwrap();
    let first = &before.villages[before.uncovered[0]];
    let at = first.village.at.unwrap();
    let id = store
        .write(|w| sp::insert(w, &village_point(first.village.id, at)))
        .unwrap();
    let after = coverage::report(&store.read()).unwrap();
    assert!(after.uncovered.len() < before.uncovered.len());
    assert!(after.total.people_covered > before.total.people_covered);
    let point = sp::get(&store.read(), id).unwrap();
    assert_eq!(point.fields.at, Some(at));
    assert_eq!(point.place, first.name);
}

#[test]
fn a_viewer_and_a_clerk_of_another_street_may_not_write_points() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_ledger(&dir);
    let (wenyuan_village, at) = a_village(&store, WENYUAN);
    let (aishan_village, aishan_at) = a_village(&store, AISHAN);
    let count = |store: &Store| -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM service_points", [], |r| r.get(0))
            .unwrap()
    };
    let points = count(&store);

    sign_in(&mut store, "viewer");
    assert!(
        !sp::list(&store.read(), &PointFilter::default())
            .unwrap()
            .is_empty()
    );
    let refused = store.write(|w| sp::insert(w, &village_point(wenyuan_village, at)));
    assert!(matches!(
        refused,
        Err(StoreError::Forbidden {
            area: Area::ServicePoints,
            action: Action::Write,
            ..
        })
    ));
    let reach = Reach {
        minutes: 15.0,
        ..Reach::default()
    };
    assert!(store.write(|w| sp::set_reach(w, &reach)).is_err());

    accounts::sign_out(&mut store).unwrap();
    sign_in(&mut store, "aishan");
    let refused = store.write(|w| sp::insert(w, &village_point(wenyuan_village, at)));
    assert!(matches!(
        refused,
        Err(StoreError::Forbidden {
            elsewhere: true,
            ..
        })
    ));
    // Nor may one of its own points be moved into another street.
    let own = store
        .write(|w| sp::insert(w, &village_point(aishan_village, aishan_at)))
        .unwrap();
    let moved = village_point(wenyuan_village, at);
    assert!(store.write(|w| sp::update(w, own, &moved)).is_err());
    // The street's clerk sees only the street's points.
    let listed = sp::list(&store.read(), &PointFilter::default()).unwrap();
    let aishan = regions::id_by_code(store.conn(), AISHAN).unwrap();
    assert!(listed.iter().all(|p| p.street_id == aishan));
    let report = coverage::report(&store.read()).unwrap();
    assert!(report.streets.len() == 1 && Some(report.streets[0].id) == aishan);
    assert_eq!(count(&store), points + 1);
}

#[test]
fn a_point_with_problems_is_refused_with_each_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_ledger(&dir);
    sign_in(&mut store, "clerk");
    let (village, _) = a_village(&store, AISHAN);
    let mut bad = village_point(village, (190.0, 36.0));
    bad.name = "  ".into();
    let refused = store.write(|w| sp::insert(w, &bad)).unwrap_err();
    let message = refused.message();
    let zh = message.get(minsheng::i18n::Lang::Zh);
    assert!(zh.contains("名称") && zh.contains("坐标"), "{zh}");
    // A village point may not hang under the hall.
    let hall = sp::list(
        &store.read(),
        &PointFilter {
            tier: Some(Tier::Hall),
            ..PointFilter::default()
        },
    )
    .unwrap()[0]
        .id;
    let mut wrong = village_point(village, (117.81, 36.05));
    wrong.parent = Some(hall);
    assert!(store.write(|w| sp::insert(w, &wrong)).is_err());
}

const SQUARE: &str = r#"{"type":"FeatureCollection","features":[
  {"type":"Feature","properties":{"name":"艾山街道"},"geometry":{"type":"Polygon","coordinates":[[[117.80,36.05],[117.82,36.05],[117.82,36.07],[117.80,36.07],[117.80,36.05]]]}},
  {"type":"Feature","properties":{"name":"两块"},"geometry":{"type":"MultiPolygon","coordinates":[[[[117.7,36.0],[117.71,36.0],[117.71,36.01],[117.7,36.0]]],[[[117.72,36.0],[117.73,36.0],[117.73,36.01],[117.72,36.0]]]]}}]}"#;

#[test]
fn an_outline_import_replaces_the_outlines_and_a_broken_file_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_ledger(&dir);
    sign_in(&mut store, "admin");
    let imported = store
        .write(|w| outlines::import(w, SQUARE, Datum::Gcj02, "test.geojson"))
        .unwrap();
    assert_eq!(imported.outlines, 2);
    let kept = outlines::all(&store.read()).unwrap();
    assert_eq!(kept.len(), 2);
    assert_eq!(kept[0].name, "艾山街道");
    // Converted from GCJ-02: west of the numbers in the file.
    assert!(kept[0].shape.0[0].exterior().0[0].x < 117.80);
    let log_rows = |store: &Store| -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
            .unwrap()
    };
    let before = log_rows(&store);
    for broken in [
        "{\"type\": \"FeatureCollection\", \"features\": [",
        r#"{"type":"Point","coordinates":[117.8,36.0]}"#,
    ] {
        let refused = store
            .write(|w| outlines::import(w, broken, Datum::Wgs84, "broken.geojson"))
            .unwrap_err();
        assert!(matches!(refused, StoreError::ServicePoints(_)), "{refused}");
        assert!(!refused.message().get(minsheng::i18n::Lang::Zh).is_empty());
        assert_eq!(
            outlines::all(&store.read()).unwrap(),
            kept,
            "nothing written"
        );
        assert_eq!(log_rows(&store), before);
    }
    // A clerk may not import outlines.
    accounts::sign_out(&mut store).unwrap();
    sign_in(&mut store, "clerk");
    assert!(
        store
            .write(|w| outlines::import(w, SQUARE, Datum::Wgs84, "x"))
            .is_err()
    );
}

#[test]
fn the_reach_is_a_setting_and_the_radius_follows_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_ledger(&dir);
    sign_in(&mut store, "admin");
    let ebike = Reach {
        mode: TravelMode::EBike,
        speed_kmh: 15.0,
        ..Reach::default()
    };
    store.write(|w| sp::set_reach(w, &ebike)).unwrap();
    accounts::sign_out(&mut store).unwrap();
    sign_in(&mut store, "clerk");
    let report = coverage::report(&store.read()).unwrap();
    assert_eq!(report.reach, ebike);
    assert_eq!(report.reach.radius_shown_m(), 1920);
    let bad = Reach {
        detour: 0.2,
        ..Reach::default()
    };
    accounts::sign_out(&mut store).unwrap();
    sign_in(&mut store, "admin");
    assert!(store.write(|w| sp::set_reach(w, &bad)).is_err());
}

#[test]
fn the_coverage_sheet_the_guide_and_the_map_are_written_with_their_author() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_ledger(&dir);
    sign_in(&mut store, "clerk");
    let lang = minsheng::i18n::Lang::Zh;
    let xlsx = dir.path().join("coverage.xlsx");
    service_point_exports::coverage_xlsx(&mut store, &xlsx, lang, &Reporter::silent()).unwrap();
    let mut book = calamine::open_workbook_auto(&xlsx).unwrap();
    let villages = book.worksheet_range_at(0).unwrap().unwrap();
    assert!(villages.height() > 252, "a row per village and the titles");
    let aishan = regions::id_by_code(store.conn(), AISHAN).unwrap();
    let in_aishan: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM regions WHERE parent_id = ?1",
            [aishan.unwrap().0],
            |r| r.get(0),
        )
        .unwrap();
    let guide = dir.path().join("guide.pdf");
    service_point_exports::guide_pdf(&mut store, aishan, &guide, lang, &Reporter::silent())
        .unwrap();
    let pdf = lopdf::Document::load(&guide).unwrap();
    assert_eq!(
        pdf.get_pages().len() as i64,
        in_aishan,
        "a page per village"
    );
    let map = dir.path().join("map.pdf");
    service_point_exports::coverage_map_pdf(&mut store, &map, lang, &Reporter::silent()).unwrap();
    assert_eq!(lopdf::Document::load(&map).unwrap().get_pages().len(), 1);
    let bytes = std::fs::read(&map).unwrap();
    assert!(
        bytes.windows(5).any(|w| w == b"clerk"),
        "the PDF names who made it"
    );
}

/// `import outline`: a broken file exits with the reason and writes nothing; a bad datum
/// is a usage error; a good file replaces the outlines.
#[test]
fn the_command_line_imports_an_outline_or_refuses_it_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_ledger(&dir);
    // The command line signs in like the window; this ledger needs none, for the test.
    store
        .conn()
        .execute(
            "UPDATE settings SET value = 'none' WHERE key = 'sign_in'",
            [],
        )
        .unwrap();
    let db = store.path().to_path_buf();
    drop(store);
    let run = |file: &std::path::Path, datum: &str| {
        let args = [
            "import",
            "outline",
            "--db",
            db.to_str().unwrap(),
            "--file",
            file.to_str().unwrap(),
            "--datum",
            datum,
            "--lang",
            "en",
        ]
        .map(std::ffi::OsString::from);
        minsheng::cli::parse(args).and_then(minsheng::cli::run)
    };
    let broken = dir.path().join("broken.geojson");
    std::fs::write(
        &broken,
        r#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#,
    )
    .unwrap();
    match run(&broken, "wgs84") {
        Err(minsheng::cli::CliError::Failed(msg)) => {
            assert!(msg.get(minsheng::i18n::Lang::En).contains("LineString"))
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(matches!(
        run(&broken, "bd09"),
        Err(minsheng::cli::CliError::Usage(..))
    ));
    let count = || -> i64 {
        common::open_store(&db)
            .conn()
            .query_row("SELECT count(*) FROM map_outlines", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count(), 8, "the demo's sketches are still there");
    let good = dir.path().join("good.geojson");
    std::fs::write(&good, SQUARE).unwrap();
    run(&good, "gcj02").unwrap();
    assert_eq!(count(), 2);
}

#[test]
fn village_coordinates_are_imported_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_ledger(&dir);
    sign_in(&mut store, "admin");
    let (village, _) = a_village(&store, AISHAN);
    let code: String = store
        .conn()
        .query_row("SELECT code FROM regions WHERE id = ?1", [village.0], |r| {
            r.get(0)
        })
        .unwrap();
    let good = format!("code,lon,lat\n{code},117.8,36.05\n");
    let done = store
        .write(|w| sp::import_village_coordinates(w, &good, Datum::Gcj02))
        .unwrap();
    assert_eq!(done, 1);
    let place = regions::get(&store.read(), village).unwrap();
    assert!(place.lon.unwrap() < 117.8, "moved from GCJ-02");
    let broken = format!("{code},117.9,36.1\n370117001000,117.8,36.0\n");
    let refused = store
        .write(|w| sp::import_village_coordinates(w, &broken, Datum::Wgs84))
        .unwrap_err();
    assert!(
        refused
            .message()
            .get(minsheng::i18n::Lang::Zh)
            .contains("第 2 行")
    );
    assert_eq!(
        regions::get(&store.read(), village).unwrap(),
        place,
        "nothing written"
    );
}
