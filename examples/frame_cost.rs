//! The cost of one idle frame of a tab over 100k rows, to set beside egui's own demo frame.
//!
//! ```text
//! cargo build --release --example frame_cost
//! target/release/examples/frame_cost people 1000
//! target/release/examples/frame_cost placements 1000
//! ```
//!
//! Arguments: the tab (`people`, `placements` or `petitions`), the frames to time (default 1000) and the
//! untimed frames before them (default 10); with `--shapes FILE` last, it also writes what
//! the last frame paints to FILE, to check that a cheaper frame paints the same.
//!
//! Each frame is what `people_tab_frame_100k` and `placements_tab_frame_100k` in `benches/`
//! time: `Context::run_ui` over the whole window at 1280×800 with the app's fonts, then
//! `tessellate`, once the tab's rows are loaded (the 100k fixtures are generated into
//! `target/bench-data/` on first use, as the benchmarks do). It prints the time per frame
//! measured inside the program, so the fixture's opening and the first frames are not
//! counted; a timer run from outside can instead subtract a run of N frames from one of 2N.
//!
//! The yardstick is egui_demo_lib 0.37's `demo_with_tessellate__realistic` benchmark
//! (`benches/benchmark.rs` in that crate). To time it the same way, make a scratch crate
//! outside this repository depending on `egui` 0.37 (features `default_fonts` and
//! `monochrome_emoji_fonts`, as the benchmark's dev-dependencies), `egui_demo_lib` 0.37 and
//! `mimalloc` (its global allocator there), with `opt-level = 2` in its release profile as
//! egui's workspace has, whose `main` keeps one `egui::Context` and one
//! `egui_demo_lib::DemoWindows` and times the same loop: `ctx.run_ui(RawInput::default(),
//! |ui| demo_windows.ui(ui))`, then `ctx.tessellate(shapes, pixels_per_point)` and
//! `textures_delta.clear()`, printing the time per frame; build it with `cargo build
//! --release` and run both programs in turn.

#[path = "../benches/common/mod.rs"]
mod common;

use std::time::Instant;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let shapes_file = match args.iter().position(|a| a == "--shapes") {
        Some(at) => {
            let file = args.get(at + 1).cloned().expect("--shapes FILE");
            args.truncate(at);
            Some(file)
        }
        None => None,
    };
    let mut args = args.into_iter();
    let tab = args.next().unwrap_or_else(|| "people".into());
    let frames: u32 = args.next().map_or(1000, |a| a.parse().expect("frames"));
    let warmup: u32 = args
        .next()
        .map_or(10, |a| a.parse().expect("warm-up frames"));
    let fixture = match tab.as_str() {
        "people" => &*common::PEOPLE_100K,
        "placements" => &*common::PAYROLL_100K,
        "petitions" => &*common::PETITIONS_100K,
        other => panic!("unknown tab {other:?}: people, placements or petitions"),
    };
    let (mut app, ctx) = common::settled_window(fixture, &tab);
    let mut drawn = Vec::new();
    for _ in 0..warmup.max(1) {
        drawn = common::frame(&mut app, &ctx);
    }
    let start = Instant::now();
    for _ in 0..frames {
        std::hint::black_box(common::frame(&mut app, &ctx));
    }
    let per_frame = start.elapsed().as_secs_f64() / f64::from(frames.max(1));
    if let Some(file) = shapes_file {
        std::fs::write(file, common::describe_frame(&mut app, &ctx)).expect("write shapes");
    }
    // What a frame draws, so that a cheaper frame can be seen to draw the same.
    let vertices: usize = drawn
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum();
    println!(
        "{tab} frames={frames} per_frame_us={:.1} primitives={} vertices={vertices}",
        per_frame * 1e6,
        drawn.len()
    );
}
