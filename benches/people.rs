//! What must stay fast with 100k people: a frame of the People tab and the search query.
//!
//! The 100k-person database is generated once into `target/bench-data/` and reused.

mod common;

use common::PEOPLE_100K;
use minsheng::store::Store;
use minsheng::store::people::{self, PeopleFilter, SortKey};

fn main() {
    divan::main();
}

/// One whole frame (layout and tessellation) of the People tab over 100k people, once the
/// table's rows are loaded: what every repaint costs while the clerk works.
#[divan::bench]
fn people_tab_frame_100k(bencher: divan::Bencher) {
    let (mut app, ctx) = common::loaded_window(&PEOPLE_100K, "people");
    bencher.bench_local(|| common::frame(&mut app, &ctx));
}

/// The search the table runs when the filter changes, over 100k people: one- and
/// two-character names, a birth date and a phone tail, and "1203", which every ID holds.
#[divan::bench(args = ["王", "建国", "19491231", "4386", "1203"])]
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

/// Loading one block of table rows while scrolling.
#[divan::bench]
fn row_block_100k(bencher: divan::Bencher) {
    let store = Store::open(&*PEOPLE_100K).expect("open");
    let ids = people::search_ids(store.conn(), &PeopleFilter::default()).expect("list");
    let block = &ids[50_000..50_120];
    bencher.bench_local(|| people::rows(store.conn(), block).expect("rows"));
}
