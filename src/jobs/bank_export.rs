//! The bank file of an approved month (代发工资文件): one line per person paid, with the
//! full account number (the file goes to the bank), as Excel or as CSV.

use std::path::Path;

use super::exports::ExportError;
use super::{JobError, Outcome, Reporter};
use crate::domain::pay::Month;
use crate::i18n::bank as bk;
use crate::report::plain::{csv_bytes, write_plain_xlsx};
use crate::report::xlsx::CellValue;
use crate::store::Store;
use crate::store::access_log::{self, What};
use crate::store::bank;
use crate::store::payroll::{self, MonthStatus};

/// The layouts a county bank accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BankFormat {
    /// An Excel workbook, column titles in the first row.
    Xlsx,
    /// CSV in UTF-8 with a byte-order mark.
    Csv,
}

impl BankFormat {
    /// The format a file name asks for, by its extension.
    pub fn of(path: &Path) -> Option<BankFormat> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext.eq_ignore_ascii_case("xlsx") {
            Some(BankFormat::Xlsx)
        } else if ext.eq_ignore_ascii_case("csv") {
            Some(BankFormat::Csv)
        } else {
            None
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            BankFormat::Xlsx => "xlsx",
            BankFormat::Csv => "csv",
        }
    }
}

/// Writes `month`'s bank file to `path` (`.xlsx` or `.csv`). Refused while the month is not
/// approved or its lines no longer match their seal, while anyone to be paid has no
/// account, and while an account is held in
/// another name than the person's unless `accept_mismatches` says the clerk checked them.
/// Lines of zero or less are left out (the preview lists them).
///
/// The file carries every account in full: it is refused without a `reason`, which is kept
/// with the exporter's name in the access records before the file is written.
pub fn bank_file(
    store: &mut Store,
    month: Month,
    path: &Path,
    accept_mismatches: bool,
    reason: &str,
    reporter: &Reporter,
) -> Result<Outcome, JobError> {
    let format = BankFormat::of(path).ok_or(ExportError::WrongExtension {
        expected: "xlsx / .csv",
    })?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ExportError::ReasonRequired.into());
    }
    let conn = &store.read();
    if payroll::month_status(conn, month)? != MonthStatus::Approved {
        return Err(ExportError::NotApproved(month).into());
    }
    // The bank pays what was approved, or nothing.
    payroll::require_intact(conn, month)?;
    reporter.progress(0, 2);
    let file = bank::bank_file(conn, month)?;
    let mismatches = if accept_mismatches {
        0
    } else {
        file.mismatches.len()
    };
    if !file.missing_accounts.is_empty() || mismatches > 0 {
        return Err(ExportError::BankProblems {
            missing: file.missing_accounts.len(),
            mismatches,
        }
        .into());
    }
    if file.lines.is_empty() {
        return Err(ExportError::NothingToPay(month).into());
    }
    let headers = bank::bank_columns(conn)?;
    // What the bank prints on the payee's statement: always Chinese, the bank's language.
    let remark = bk::bank_remark(month)
        .get(crate::i18n::Lang::Zh)
        .to_string();
    let rows: Vec<Vec<CellValue>> = file
        .lines
        .iter()
        .enumerate()
        .filter_map(|(n, l)| {
            let account = l.account.as_ref()?;
            Some(vec![
                CellValue::Int(n as i64 + 1),
                CellValue::Text(l.name.clone()),
                CellValue::Text(account.account_no.clone()),
                CellValue::Fen(l.amount_fen),
                CellValue::Text(account.bank.clone()),
                CellValue::Text(remark.clone()),
            ])
        })
        .collect();
    reporter.progress(1, 2);
    store.write(|w| access_log::record_export(w, What::BankFile, Some(reason)))?;
    // The workbook's properties say who made it; the rows stay as the bank reads them.
    let made_by = super::exports::made_by(store, crate::i18n::Lang::Zh);
    match format {
        BankFormat::Xlsx => {
            let widths = [6.0, 10.0, 24.0, 12.0, 24.0, 24.0];
            let columns: Vec<(String, f64)> = headers.iter().cloned().zip(widths).collect();
            write_plain_xlsx(path, &month.to_string(), &columns, &rows, &made_by)
                .map_err(ExportError::from)?;
        }
        BankFormat::Csv => {
            std::fs::write(path, csv_bytes(&headers, &rows)).map_err(|source| {
                ExportError::Write {
                    path: path.to_path_buf(),
                    source,
                }
            })?;
        }
    }
    reporter.progress(2, 2);
    Ok(Outcome::Exported(path.to_path_buf()))
}
