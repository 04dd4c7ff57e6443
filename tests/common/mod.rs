//! What the integration tests share: a small region tree and driving the window.

#![allow(dead_code)] // each test file uses part of it

use egui_kittest::Harness;
use minsheng::app::App;
use minsheng::domain::RegionId;
use minsheng::domain::region::RegionLevel;
use minsheng::store::regions::{self, NewRegion};
use minsheng::store::{Result, Writer};

/// The district, one street, a community and a village: `[district, street, community, village]`.
pub fn small_tree(w: &Writer<'_>) -> Result<[RegionId; 4]> {
    let region = |code: &str, name: &str, level, parent| NewRegion {
        code: code.into(),
        name: name.into(),
        short_name: name.into(),
        level,
        parent_id: parent,
        lon: None,
        lat: None,
    };
    let district = regions::insert(
        w,
        &region("370117000000", "钢城区", RegionLevel::District, None),
    )?;
    let street = regions::insert(
        w,
        &region(
            "370117001000",
            "艾山街道",
            RegionLevel::Street,
            Some(district),
        ),
    )?;
    let community = regions::insert(
        w,
        &region(
            "370117001001",
            "北城子坡社区",
            RegionLevel::Community,
            Some(street),
        ),
    )?;
    let village = regions::insert(
        w,
        &region("370117001200", "古墩村", RegionLevel::Village, Some(street)),
    )?;
    Ok([district, street, community, village])
}

/// The real window over `app`, drawn with the embedded Chinese font whatever this machine
/// has installed (the harness panics on a missing glyph: every label must have one).
pub fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(minsheng::fonts::install_embedded)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

/// Steps the window until its background job has ended (or fails after about 20 s).
pub fn wait_for_job(h: &mut Harness<'_, App>) {
    for _ in 0..400 {
        if !h.state().job_running() {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    panic!("the background job did not finish");
}
