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
    bencher.bench_local(|| people::search_ids(&store.read(), &filter).expect("search"));
}

/// The unfiltered list in its default order, as when the tab first opens.
#[divan::bench]
fn list_all_100k(bencher: divan::Bencher) {
    let store = Store::open(&*PEOPLE_100K).expect("open");
    bencher
        .bench_local(|| people::search_ids(&store.read(), &PeopleFilter::default()).expect("list"));
}

/// The unfiltered list sorted by name, as when the clerk clicks the name column.
#[divan::bench]
fn list_by_name_100k(bencher: divan::Bencher) {
    let store = Store::open(&*PEOPLE_100K).expect("open");
    let filter = PeopleFilter {
        sort: SortKey::Name,
        ..PeopleFilter::default()
    };
    bencher.bench_local(|| people::search_ids(&store.read(), &filter).expect("list"));
}

/// Loading one block of table rows while scrolling.
#[divan::bench]
fn row_block_100k(bencher: divan::Bencher) {
    let store = Store::open(&*PEOPLE_100K).expect("open");
    let ids = people::search_ids(&store.read(), &PeopleFilter::default()).expect("list");
    let block = &ids[50_000..50_120];
    bencher.bench_local(|| people::rows(&store.read(), block).expect("rows"));
}

/// What the permission check costs: the same searches as [`search_100k`], signed in as a
/// clerk of one street, so every query is narrowed to that street's people in SQL.
#[divan::bench(args = ["王", "建国", "王琳梅", "古墩", "4386"])]
fn search_100k_street_clerk(bencher: divan::Bencher, text: &str) {
    let store = common::street_clerk_store(&common::PEOPLE_100K);
    let filter = PeopleFilter {
        text: text.to_string(),
        sort: SortKey::Name,
        ..PeopleFilter::default()
    };
    bencher.bench_local(|| people::search_ids(&store.read(), &filter).expect("search"));
}

/// [`list_all_100k`] as a clerk of one street.
#[divan::bench]
fn list_all_100k_street_clerk(bencher: divan::Bencher) {
    let store = common::street_clerk_store(&common::PEOPLE_100K);
    bencher
        .bench_local(|| people::search_ids(&store.read(), &PeopleFilter::default()).expect("list"));
}

/// [`row_block_100k`] as a clerk of one street: each row's street is checked.
#[divan::bench]
fn row_block_100k_street_clerk(bencher: divan::Bencher) {
    let store = common::street_clerk_store(&common::PEOPLE_100K);
    let ids = people::search_ids(&store.read(), &PeopleFilter::default()).expect("list");
    let block = &ids[ids.len() / 2..ids.len() / 2 + 120];
    bencher.bench_local(|| people::rows(&store.read(), block).expect("rows"));
}
