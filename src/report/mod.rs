//! File formats for reports: Excel sheets for further work and A4 PDFs for print.
//! They know nothing of the ledger; jobs turn store rows into their tables.

pub mod pdf;
pub mod plain;
pub mod xlsx;
