//! Exports of the placements programme: a month's subsidy sheet for the bank (Excel) and the
//! public notice of people placed (PDF). The window and the command line call the same code.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::{JobError, Outcome, Reporter};
use crate::domain::mask::MaskPattern;
use crate::domain::money::{Fen, format_yuan};
use crate::domain::pay::{Area, Month};
use crate::i18n::{Lang, T};
use crate::report::pdf::{PdfFont, ReportColumn, TableReport, write_table_pdf};
use crate::report::xlsx::{CellValue, SheetColumn, SheetTable, write_xlsx};
use crate::store::payroll::{self, MonthStatus};
use crate::store::{Store, placement_reports};

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Only an approved sheet goes to the bank.
    #[error("the subsidy sheet of {0} is not approved yet; compute, review and approve it first")]
    NotApproved(Month),
    /// The notice period is the wrong way round.
    #[error("the period ends ({to}) before it starts ({from})")]
    BadPeriod {
        /// First day.
        from: Date,
        /// Last day.
        to: Date,
    },
    /// The Excel file could not be written.
    #[error(transparent)]
    Xlsx(#[from] crate::report::xlsx::XlsxError),
    /// The PDF could not be made.
    #[error(transparent)]
    Pdf(#[from] crate::report::pdf::PdfError),
    /// The PDF could not be saved.
    #[error("could not write {path}: {source}")]
    Write {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl From<ExportError> for JobError {
    fn from(e: ExportError) -> Self {
        JobError::Export(e)
    }
}

/// How personal data appears in an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Disclosure {
    /// The file's ID-number mask pattern.
    pub id_mask: MaskPattern,
    /// The user asked for ID numbers in full (the bank needs them).
    pub full_ids: bool,
}

impl Disclosure {
    fn id(&self, id: &str) -> String {
        if self.full_ids {
            id.to_string()
        } else {
            self.id_mask.apply(id)
        }
    }
}

/// Writes `month`'s approved sheet to `path` as Excel.
pub fn subsidy_sheet(
    store: &Store,
    month: Month,
    path: &Path,
    disclosure: Disclosure,
    lang: Lang,
    reporter: &Reporter,
) -> Result<Outcome, JobError> {
    if payroll::month_status(store.conn(), month)? != MonthStatus::Approved {
        return Err(ExportError::NotApproved(month).into());
    }
    reporter.progress(0, 2);
    let lines = placement_reports::sheet(store.conn(), month)?;
    reporter.progress(1, 2);
    let columns = [
        (T::ColIndex, 6.0, false),
        (T::ColName, 10.0, false),
        (T::ColIdNumber, 21.0, false),
        (T::ColPlace, 14.0, false),
        (T::ColPost, 16.0, false),
        (T::ColArea, 6.0, false),
        (T::ColDaysInPost, 8.0, true),
        (T::ColHours, 8.0, true),
        (T::ColWage, 11.0, true),
        (T::ColSocialInsurance, 11.0, true),
        (T::ColAdjustment, 10.0, true),
        (T::ColTotal, 12.0, true),
    ];
    let area = |a: Area| {
        lang.t(if a == Area::Urban {
            T::AreaUrban
        } else {
            T::AreaRural
        })
    };
    let rows = lines
        .iter()
        .enumerate()
        .map(|(n, l)| {
            vec![
                CellValue::Int(n as i64 + 1),
                CellValue::Text(l.name.clone()),
                CellValue::Text(disclosure.id(&l.id_number)),
                CellValue::Text(l.place.clone()),
                CellValue::Text(l.post.clone()),
                CellValue::Text(area(l.area).to_string()),
                CellValue::Int(l.days_in_post),
                CellValue::Number(l.hours_tenths.unwrap_or(0) as f64 / 10.0),
                CellValue::Fen(l.wage_fen),
                CellValue::Fen(l.social_insurance_fen),
                CellValue::Fen(l.adjustment_fen),
                CellValue::Fen(l.total_fen),
            ]
        })
        .collect();
    let total: Fen = lines.iter().map(|l| l.total_fen).sum();
    let table = SheetTable {
        sheet_name: month.to_string(),
        title: lang.f(T::SheetTitle, &[&month]),
        subtitle: lang.f(T::SheetSubtitle, &[&lines.len(), &format_yuan(total)]),
        columns: columns
            .iter()
            .map(|(key, width, total)| SheetColumn {
                header: lang.t(*key).to_string(),
                width: *width,
                total: *total,
            })
            .collect(),
        rows,
        totals_label: lang.t(T::Totals).to_string(),
        footer: vec![lang.t(T::SheetFooter).to_string()],
    };
    write_xlsx(path, &[table]).map_err(ExportError::from)?;
    reporter.progress(2, 2);
    Ok(Outcome::Exported(path.to_path_buf()))
}

/// Writes the public notice of everyone placed from `from` to `to` (IDs always masked).
pub fn notice(
    store: &Store,
    from: Date,
    to: Date,
    path: &Path,
    id_mask: MaskPattern,
    lang: Lang,
    reporter: &Reporter,
) -> Result<Outcome, JobError> {
    if to < from {
        return Err(ExportError::BadPeriod { from, to }.into());
    }
    let font = crate::fonts::cjk_font();
    reporter.progress(0, 2);
    let rows = placement_reports::placed_between(store.conn(), from, to)?;
    let columns = [
        (T::ColIndex, 1.0),
        (T::ColName, 2.0),
        (T::ColIdNumber, 4.0),
        (T::ColPlace, 3.0),
        (T::ColPost, 3.0),
        (T::ColStart, 2.4),
    ];
    let report = TableReport {
        title: lang.t(T::NoticeTitle).to_string(),
        subtitle: lang.f(T::NoticeSubtitle, &[&from, &to, &rows.len()]),
        columns: columns
            .iter()
            .map(|(key, weight)| ReportColumn::new(lang.t(*key), *weight))
            .collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(n, r)| {
                vec![
                    (n + 1).to_string(),
                    r.name.clone(),
                    id_mask.apply(&r.id_number),
                    r.place.clone(),
                    r.post.clone(),
                    r.start_date.to_string(),
                ]
            })
            .collect(),
        footer: lang.t(T::NoticeFooter).to_string(),
        generated_on: lang.f(T::GeneratedOn, &[&crate::domain::today()]),
        page_label: lang.t(T::PageLabel).to_string(),
    };
    reporter.progress(1, 2);
    let pdf_font = PdfFont {
        data: font.data.clone(),
        index: font.index,
    };
    let bytes = write_table_pdf(&report, &pdf_font).map_err(ExportError::from)?;
    std::fs::write(path, bytes).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    reporter.progress(2, 2);
    Ok(Outcome::Exported(path.to_path_buf()))
}
