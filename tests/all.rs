//! Every integration test in one binary: each file under `tests/` is a module here, so the
//! crate, egui and the test harness are linked once instead of once per file. That keeps a
//! fresh `cargo test` within a CI runner's disk and saves a link per file.

mod common;

mod access;
mod accounts;
mod audit;
mod bank;
mod changes;
mod checks;
mod demo;
mod embedded_font;
mod encrypt;
mod file_problems;
mod import;
mod lock;
mod migrations;
mod people_search;
mod petitions;
mod placements;
mod service_points;
mod store;
mod ui;
mod ui_access;
mod ui_bank;
mod ui_import;
mod ui_month;
mod ui_petitions;
mod ui_placements;
mod ui_service_points;
