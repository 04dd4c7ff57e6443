//! Exports of the placements programme: a month's subsidy sheet for the bank (Excel) and the
//! public notice of people placed (PDF). The window and the command line call the same code.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::{JobError, Outcome, Reporter};
use crate::domain::mask::MaskPattern;
use crate::domain::money::{Fen, format_yuan};
use crate::domain::pay::{Area, Month};
use crate::i18n::{Lang, Msg, common as c, errors as er, pay_rules as pr, placements as pl};
use crate::report::pdf::{PdfFont, ReportColumn, TableReport, write_table_pdf};
use crate::report::xlsx::{CellValue, SheetColumn, SheetTable, XlsxError, write_xlsx};
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
    /// Nobody was placed in the period: an empty notice is not posted.
    #[error("nobody was placed from {from} to {to}")]
    Nobody {
        /// First day.
        from: Date,
        /// Last day.
        to: Date,
    },
    /// The file name does not end in what the export writes.
    #[error("the file name must end in .{expected}")]
    WrongExtension {
        /// The extension the export writes.
        expected: &'static str,
    },
}

impl ExportError {
    /// What to tell the user.
    pub fn message(&self) -> Msg {
        match self {
            ExportError::NotApproved(month) => pl::not_approved(month),
            ExportError::BadPeriod { .. } => pl::BAD_PERIOD.into(),
            // The file could not be saved: say why as for any file (open in Excel, no
            // permission, disk full …).
            ExportError::Xlsx(XlsxError::Save {
                source: rust_xlsxwriter::XlsxError::IoError(e),
                ..
            }) => file_error(e),
            ExportError::Write { source, .. } => file_error(source),
            // A table the writer refused: the program's fault; the detail goes to the log.
            ExportError::Xlsx(_) | ExportError::Pdf(_) => {
                tracing::error!("report not made: {self}");
                er::REPORT_FAILED.into()
            }
            ExportError::Nobody { from, to } => pl::nobody_placed(from, to),
            ExportError::WrongExtension { expected } => er::wrong_extension(expected),
        }
    }
}

fn file_error(e: &std::io::Error) -> Msg {
    crate::store::StoreError::Io(std::io::Error::new(e.kind(), "")).message()
}

/// Refuses a path whose name does not end in `.expected` (a `.csv` name on an Excel file
/// would open as garbage).
fn check_extension(path: &Path, expected: &'static str) -> Result<(), ExportError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext.eq_ignore_ascii_case(expected) {
        Ok(())
    } else {
        Err(ExportError::WrongExtension { expected })
    }
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
    check_extension(path, "xlsx")?;
    if payroll::month_status(store.conn(), month)? != MonthStatus::Approved {
        return Err(ExportError::NotApproved(month).into());
    }
    reporter.progress(0, 2);
    let lines = placement_reports::sheet(store.conn(), month)?;
    reporter.progress(1, 2);
    let columns = [
        (pl::COL_INDEX, 6.0, false),
        (c::COL_NAME, 10.0, false),
        (c::COL_ID_NUMBER, 21.0, false),
        (c::COL_PLACE, 14.0, false),
        (pl::COL_POST, 16.0, false),
        (pl::COL_AREA, 6.0, false),
        (pl::COL_DAYS_IN_POST, 8.0, true),
        (pr::COL_DAYS_PAID, 8.0, true),
        (pl::COL_HOURS, 8.0, true),
        (pr::COL_HOURS_ENTERED, 8.0, true),
        (pl::COL_WAGE, 11.0, true),
        (pr::COL_PERSON_SHARE, 11.0, true),
        (pl::COL_ADJUSTMENT, 10.0, true),
        (pr::COL_TO_PERSON, 12.0, true),
        (pr::COL_EMPLOYER_SHARE, 11.0, true),
        (pr::COL_TO_FUND, 12.0, true),
        (pl::COL_TOTAL, 12.0, true),
    ];
    let rule =
        crate::store::payroll::rule_in_words(&crate::store::payroll::pay_rules(store.conn())?);
    let area = |a: Area| {
        lang.t(if a == Area::Urban {
            pl::AREA_URBAN
        } else {
            pl::AREA_RURAL
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
                CellValue::Int(l.days_paid.unwrap_or(l.days_in_post)),
                CellValue::Number(l.hours_tenths.unwrap_or(0) as f64 / 10.0),
                CellValue::Number(
                    l.hours_entered_tenths.or(l.hours_tenths).unwrap_or(0) as f64 / 10.0,
                ),
                CellValue::Fen(l.wage_fen),
                CellValue::Fen(-l.person_insurance_fen),
                CellValue::Fen(l.adjustment_fen),
                CellValue::Fen(l.to_person_fen),
                CellValue::Fen(l.social_insurance_fen),
                CellValue::Fen(l.to_fund_fen),
                CellValue::Fen(l.total_fen),
            ]
        })
        .collect();
    let total: Fen = lines.iter().map(|l| l.total_fen).sum();
    let table = SheetTable {
        sheet_name: month.to_string(),
        title: pl::sheet_title(month).text(lang),
        subtitle: pl::sheet_subtitle(lines.len(), format_yuan(total)).text(lang),
        columns: columns
            .iter()
            .map(|(key, width, total)| SheetColumn {
                header: lang.t(*key).to_string(),
                width: *width,
                total: *total,
            })
            .collect(),
        rows,
        totals_label: lang.t(pl::TOTALS).to_string(),
        footer: vec![
            rule.get(lang).to_string(),
            lang.t(pl::SHEET_FOOTER).to_string(),
        ],
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
    check_extension(path, "pdf")?;
    if to < from {
        return Err(ExportError::BadPeriod { from, to }.into());
    }
    let font = crate::fonts::cjk_font();
    reporter.progress(0, 2);
    let rows = placement_reports::placed_between(store.conn(), from, to)?;
    if rows.is_empty() {
        return Err(ExportError::Nobody { from, to }.into());
    }
    let columns = [
        (pl::COL_INDEX, 1.0),
        (c::COL_NAME, 2.0),
        (c::COL_ID_NUMBER, 4.0),
        (c::COL_PLACE, 3.0),
        (pl::COL_POST, 3.0),
        (pl::COL_START, 2.4),
    ];
    let report = TableReport {
        title: lang.t(pl::NOTICE_TITLE).to_string(),
        subtitle: pl::notice_subtitle(from, to, rows.len()).text(lang),
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
        footer: lang.t(pl::NOTICE_FOOTER).to_string(),
        generated_on: pl::generated_on(store.clock().today()).text(lang),
        // The PDF writer fills in the page numbers itself, in this language's order.
        page_label: pl::page_label("{}", "{}").text(lang),
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
