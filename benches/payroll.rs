//! Computing and exporting one month's subsidy sheet for 100,000 placements.
//!
//! The fixture (100,000 people, each placed on one of 1,000 posts, with a month of
//! attendance) is built once through the store into `target/bench-data/` and reused.

mod common;

use common::{APPROVED, COMPUTED, PAYROLL_100K, month};
use minsheng::domain::mask::MaskPattern;
use minsheng::i18n::Lang;
use minsheng::jobs::Reporter;
use minsheng::jobs::exports::{self, Disclosure};
use minsheng::store::{Store, payroll, placements};

fn main() {
    divan::main();
}

/// Computing the month's 100,000 lines and writing them, in one transaction.
#[divan::bench(sample_count = 5)]
fn compute_month_100k(bencher: divan::Bencher) {
    let mut store = Store::open(&*PAYROLL_100K).expect("open");
    bencher.bench_local(|| {
        store
            .write(|w| payroll::compute(w, month(COMPUTED), |_, _| true))
            .expect("compute")
    });
}

/// Exporting an approved month's 100,000 lines to Excel.
#[divan::bench(sample_count = 5)]
fn export_month_100k(bencher: divan::Bencher) {
    let mut store = Store::open(&*PAYROLL_100K).expect("open");
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
            &mut store,
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
    let (mut app, ctx) = common::loaded_window(&PAYROLL_100K, "placements");
    bencher.bench_local(|| common::frame(&mut app, &ctx));
}

/// The reads behind the month view and the people-placed list at 100,000 placements: what
/// a view pays once each time the data changes (never on an idle frame).
#[divan::bench(args = ["attendance", "sheet", "placed"], sample_count = 10)]
fn view_reads_100k(bencher: divan::Bencher, what: &str) {
    let store = Store::open(&*PAYROLL_100K).expect("open");
    bencher.bench_local(|| view_read(&store, what));
}

/// The same reads as the clerk of one street, narrowed in SQL to the posts of that street:
/// the permission check's cost beside the district-wide reads above.
#[divan::bench(args = ["attendance", "sheet", "placed"], sample_count = 10)]
fn view_reads_100k_street_clerk(bencher: divan::Bencher, what: &str) {
    let store = common::street_clerk_store(&PAYROLL_100K);
    bencher.bench_local(|| view_read(&store, what));
}

fn view_read(store: &Store, what: &str) -> usize {
    use minsheng::store::placement_reports;
    match what {
        "attendance" => payroll::attendance(&store.read(), month(COMPUTED))
            .expect("attendance")
            .len(),
        "sheet" => placement_reports::sheet(&store.read(), month(APPROVED))
            .expect("sheet")
            .len(),
        _ => placements::list(&store.read(), placements::PlacementScope::Active, None, "")
            .expect("list")
            .len(),
    }
}
