//! What must stay fast with 100,000 matters in the petition log: the list query the tab
//! runs when its filter changes, the figures of a year, and a frame of the tab.
//!
//! The fixture is generated once into `target/bench-data/` and reused.

mod common;

use common::PETITIONS_100K;
use minsheng::store::Store;
use minsheng::store::petitions::{self, MatterFilter};

fn main() {
    divan::main();
}

/// The day the fixture's figures are read for.
fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 30)
}

/// The list query the tab runs when its filter changes (the ordered ids; the rows are read
/// a screenful at a time): as the tab first shows it (open matters, most urgent first),
/// every matter, the overdue ones, those due this week, and a text search.
#[divan::bench(args = ["open", "all", "overdue", "this week", "text"])]
fn matter_list_100k(bencher: divan::Bencher, which: &str) {
    let store = Store::open(&*PETITIONS_100K).expect("open");
    let filter = match which {
        "open" => MatterFilter {
            open_only: true,
            ..MatterFilter::default()
        },
        "overdue" => MatterFilter {
            overdue: true,
            ..MatterFilter::default()
        },
        "this week" => MatterFilter {
            due_this_week: true,
            ..MatterFilter::default()
        },
        "text" => MatterFilter {
            text: "漏雨".into(),
            ..MatterFilter::default()
        },
        _ => MatterFilter::default(),
    };
    bencher.bench_local(|| petitions::list_ids(&store.read(), &filter, today()).expect("list"));
}

/// Reading one block of rows while scrolling the whole list.
#[divan::bench]
fn row_block_100k(bencher: divan::Bencher) {
    let store = Store::open(&*PETITIONS_100K).expect("open");
    let ids = petitions::list_ids(&store.read(), &MatterFilter::default(), today()).expect("list");
    let block = &ids[50_000..50_120];
    bencher.bench_local(|| petitions::rows(&store.read(), block).expect("rows"));
}

/// The figures of the whole year: every matter counted, working days to close on the
/// calendar, the backlog by owner, category, community and street.
#[divan::bench]
fn figures_100k(bencher: divan::Bencher) {
    let store = Store::open(&*PETITIONS_100K).expect("open");
    let filter = MatterFilter {
        from: Some(jiff::civil::date(2026, 1, 1)),
        to: Some(jiff::civil::date(2026, 12, 31)),
        ..MatterFilter::default()
    };
    bencher.bench_local(|| petitions::figures(&store.read(), &filter, today()).expect("figures"));
}

/// One whole frame (layout and tessellation) of the Petition log tab over 100,000 matters,
/// once its rows are read: what every repaint costs.
#[divan::bench]
fn petitions_tab_frame_100k(bencher: divan::Bencher) {
    let (mut app, ctx) = common::settled_window(&PETITIONS_100K, "petitions");
    bencher.bench_local(|| common::frame(&mut app, &ctx));
}
