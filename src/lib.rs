//! 民生台账 · Minsheng Ledger: a district's livelihood-services ledger on one SQLite file.
//!
//! `domain` holds the rules (no window, no database), `store` is the only SQL, `jobs` runs
//! long work off the window's thread, `ui` draws the tabs and `app` owns them all.

pub mod app;
pub mod cli;
pub mod clock;
pub mod domain;
pub mod fonts;
pub mod i18n;
pub mod icon;
pub mod import;
pub mod jobs;
pub mod log;
pub mod report;
pub mod store;
pub mod ui;
