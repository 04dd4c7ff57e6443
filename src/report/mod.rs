//! File formats for reports: Excel sheets for further work and A4 PDFs for print.
//! They know nothing of the ledger; jobs turn store rows into their tables.

pub mod pdf;
pub mod plain;
pub mod xlsx;

/// Who made an export and when: written into the file's properties (a PDF's author, a
/// workbook's author and creation time) and as a line under the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorship {
    /// The name of the user who exported (the store's session).
    pub name: String,
    /// When, local time.
    pub at: jiff::civil::DateTime,
    /// The line under the table, in the export's language, e.g.
    /// "导出人：张三  导出时间：2026-11-20 09:00".
    pub line: String,
}
