//! The service-point map and the 10-minute coverage at more than the district's size: a
//! frame of the map with 300 points, 252 villages and an outline of 50,000 vertices (after
//! a pan, when the screen geometry is made again, and idle, when it is kept), and the
//! coverage of 10,000 villages by 3,000 points.

use egui::{RawInput, Rect, pos2, vec2};
use minsheng::domain::RegionId;
use minsheng::domain::service_points::{PointStatus, Reach, ServicePointId, Tier};
use minsheng::domain::spatial::coverage::{Site, Village};
use minsheng::domain::spatial::mercator::{self, View};
use minsheng::i18n::Lang;
use minsheng::store::service_points::coverage::{self, SiteRow, VillageRow};
use minsheng::ui::service_points::map::{MapData, MapOptions, MapPoint, MapView, MapVillage, Ring};

fn main() {
    divan::main();
}

/// A point `i` of `n` scattered over a 30 km square around the district.
fn spot(rng: &mut fastrand::Rng) -> (f64, f64) {
    (117.65 + rng.f64() * 0.33, 35.95 + rng.f64() * 0.27)
}

fn map_data() -> MapData {
    let mut rng = fastrand::Rng::with_seed(7);
    let tiers = [Tier::Hall, Tier::Workstation, Tier::Village, Tier::Hospital];
    let points = (0..300)
        .map(|i| {
            let (lon, lat) = spot(&mut rng);
            MapPoint {
                id: ServicePointId(i),
                tier: tiers[(i as usize * 7) % 4],
                status: PointStatus::Open,
                name: format!("第{i}号医保工作点"),
                at: mercator::project(lon, lat),
            }
        })
        .collect();
    let villages = (0..252)
        .map(|i| {
            let (lon, lat) = spot(&mut rng);
            MapVillage {
                index: i,
                name: format!("{i}村"),
                covered: i % 20 != 0,
                at: mercator::project(lon, lat),
            }
        })
        .collect();
    // A wiggly outline of 50,000 vertices around the district.
    let n = 50_000;
    let outline = Ring::from_lon_lat((0..=n).map(|k| {
        let a = std::f64::consts::TAU * f64::from(k) / f64::from(n);
        let r = 0.15 + 0.01 * (a * 37.0).sin();
        (117.81 + r * a.cos() * 1.2, 36.08 + r * a.sin())
    }));
    MapData {
        points,
        villages,
        outlines: vec![outline],
        radius_m: 641.0,
        generation: 1,
        generated: true,
    }
}

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1400.0, 900.0))),
        ..RawInput::default()
    }
}

fn frame(ctx: &egui::Context, map: &mut MapView, data: &MapData) {
    let options = MapOptions {
        show_circle: true,
        show_villages: true,
        placing: false,
    };
    let _ = ctx.run_ui(input(), |ui| {
        map.ui(ui, vec2(1380.0, 860.0), data, options, None, Lang::Zh);
    });
}

/// One frame after a pan: the screen geometry (outline culled and merged, labels placed)
/// is made again.
#[divan::bench(sample_count = 30)]
fn map_frame_after_pan(bencher: divan::Bencher) {
    let ctx = egui::Context::default();
    minsheng::fonts::install_embedded(&ctx);
    let data = map_data();
    let mut map = MapView::default();
    frame(&ctx, &mut map, &data);
    let mut view = View {
        centre: mercator::project(117.81, 36.08),
        m_per_px: 40.0,
    };
    bencher.bench_local(|| {
        view.pan(3.0, 2.0);
        map.set_view(view);
        frame(&ctx, &mut map, &data);
    });
}

/// One idle frame: nothing moved, the kept geometry is painted.
#[divan::bench(sample_count = 30)]
fn map_frame_idle(bencher: divan::Bencher) {
    let ctx = egui::Context::default();
    minsheng::fonts::install_embedded(&ctx);
    let data = map_data();
    let mut map = MapView::default();
    frame(&ctx, &mut map, &data);
    bencher.bench_local(|| frame(&ctx, &mut map, &data));
}

/// The coverage of 10,000 villages by 3,000 open points: nearest point of each tier, the
/// tallies, the uncovered list and the best next sites.
#[divan::bench(sample_count = 10)]
fn coverage_10k_villages_3k_points(bencher: divan::Bencher) {
    let mut rng = fastrand::Rng::with_seed(11);
    let villages: Vec<VillageRow> = (0..10_000)
        .map(|i| VillageRow {
            code: format!("{i:012}"),
            name: format!("{i}村"),
            street: String::new(),
            has_point: false,
            village: Village {
                id: RegionId(i),
                street: Some(RegionId(i % 7)),
                at: Some(spot(&mut rng)),
                people: rng.i64(50..2_000),
            },
        })
        .collect();
    let tiers = [
        Tier::Workstation,
        Tier::Village,
        Tier::Village,
        Tier::Hospital,
    ];
    let sites: Vec<SiteRow> = (0..3_000)
        .map(|i| SiteRow {
            site: Site {
                id: ServicePointId(i),
                tier: tiers[i as usize % 4],
                at: spot(&mut rng),
            },
            name: String::new(),
        })
        .collect();
    let streets: Vec<(RegionId, String, usize)> =
        (0..7).map(|i| (RegionId(i), format!("{i}"), 1)).collect();
    bencher.bench_local(|| {
        coverage::compute(
            Reach::default(),
            villages.clone(),
            sites.clone(),
            streets.clone(),
        )
    });
}
