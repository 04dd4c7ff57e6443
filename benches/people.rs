//! What must stay fast with 100k people: a frame of the People tab and the search query.
//!
//! The 100k-person database is generated once into `target/bench-data/` and reused.

use std::path::PathBuf;
use std::sync::LazyLock;

use minsheng::app::{App, Prefs};
use minsheng::i18n::Lang;
use minsheng::jobs::{Reporter, demo};
use minsheng::store::Store;
use minsheng::store::people::{self, PeopleFilter, SortKey};

fn main() {
    divan::main();
}

/// A database of 100,000 generated people (`minsheng demo --scale 100`).
static PEOPLE_100K: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
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
        drop(store);
        std::fs::rename(&partial, &path).expect("rename");
    }
    path
});

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    }
}

/// One whole frame (layout and tessellation) of the People tab over 100k people, once the
/// table's rows are loaded: what every repaint costs while the clerk works.
#[divan::bench]
fn people_tab_frame_100k(bencher: divan::Bencher) {
    let store = Store::open(&*PEOPLE_100K).expect("open");
    let prefs = Prefs {
        lang: Lang::Zh,
        ..Prefs::default()
    };
    let mut app = App::new(Ok(store), prefs);
    let ctx = egui::Context::default();
    // The same glyphs on every machine, so frame times compare between machines.
    minsheng::fonts::install_embedded(&ctx);
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

/// The search the table runs when the filter changes, over 100k people, sorted by name:
/// one- and two-character name parts, a two- and a three-character full name (张燕 is also
/// the start of longer names), a village by its name and by part of it, a birth date, a
/// phone tail, and "1203", which every ID holds.
#[divan::bench(args = ["王", "建国", "张燕", "王琳梅", "古墩村", "古墩", "19491231", "4386", "1203"])]
fn search_100k(bencher: divan::Bencher, text: &str) {
    let store = Store::open(&*PEOPLE_100K).expect("open");
    let filter = PeopleFilter {
        text: text.to_string(),
        sort: SortKey::Name,
        ..PeopleFilter::default()
    };
    bencher.bench_local(|| people::search_ids(store.conn(), &filter).expect("search"));
}

/// The unfiltered list in its default order, as when the tab first opens.
#[divan::bench]
fn list_all_100k(bencher: divan::Bencher) {
    let store = Store::open(&*PEOPLE_100K).expect("open");
    bencher
        .bench_local(|| people::search_ids(store.conn(), &PeopleFilter::default()).expect("list"));
}

/// The unfiltered list sorted by name, as when the clerk clicks the name column.
#[divan::bench]
fn list_by_name_100k(bencher: divan::Bencher) {
    let store = Store::open(&*PEOPLE_100K).expect("open");
    let filter = PeopleFilter {
        sort: SortKey::Name,
        ..PeopleFilter::default()
    };
    bencher.bench_local(|| people::search_ids(store.conn(), &filter).expect("list"));
}

/// Loading one block of table rows while scrolling.
#[divan::bench]
fn row_block_100k(bencher: divan::Bencher) {
    let store = Store::open(&*PEOPLE_100K).expect("open");
    let ids = people::search_ids(store.conn(), &PeopleFilter::default()).expect("list");
    let block = &ids[50_000..50_120];
    bencher.bench_local(|| people::rows(store.conn(), block).expect("rows"));
}
