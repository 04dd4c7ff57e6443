//! Exports of the placements programme: a month's subsidy sheet for the bank (Excel) and the
//! public notice of people placed (PDF). The window and the command line call the same code.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::{JobError, Outcome, Reporter};
use crate::domain::mask::MaskPattern;
use crate::domain::money::{Fen, format_yuan};
use crate::domain::pay::{Area, Month};
use crate::i18n::{Lang, Msg, common as c, errors as er, pay_rules as pr, placements as pl};
use crate::report::Authorship;
use crate::report::pdf::{PdfFont, ReportColumn, TableReport, write_table_pdf};
use crate::report::xlsx::{CellValue, SheetColumn, SheetTable, XlsxError, write_xlsx};
use crate::store::access_log::{self, What};
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
    /// The bank file can not be made: people to pay have no account, or accounts are held
    /// in another name (and that was not accepted).
    #[error("{missing} people have no bank account and {mismatches} accounts are in another name")]
    BankProblems {
        /// People without an account.
        missing: usize,
        /// Accounts whose holder is not the person.
        mismatches: usize,
    },
    /// Nobody is paid anything in the month.
    #[error("nobody is paid in {0}")]
    NothingToPay(Month),
    /// The notice needs the phone for objections (Settings).
    #[error("the phone for objections is not set")]
    NoObjectionPhone,
    /// The notice period could not be counted in working days.
    #[error(transparent)]
    Calendar(#[from] crate::domain::calendar::CalendarError),
    /// Nobody is marked as chosen for placement.
    #[error("no candidates are marked for the notice before placement")]
    NoCandidates,
    /// An export of personal data in full needs a reason, kept in the access records.
    #[error("no reason was given for exporting personal data in full")]
    ReasonRequired,
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
            ExportError::BankProblems {
                missing: 0,
                mismatches,
            } => crate::i18n::bank::bank_holder_mismatches(mismatches),
            ExportError::BankProblems {
                missing,
                mismatches: 0,
            } => crate::i18n::bank::bank_missing_accounts(missing),
            ExportError::BankProblems {
                missing,
                mismatches,
            } => crate::i18n::bank::bank_problems(missing, mismatches),
            ExportError::NothingToPay(month) => crate::i18n::bank::nothing_to_pay(month),
            ExportError::NoObjectionPhone => crate::i18n::bank::NO_OBJECTION_PHONE.into(),
            ExportError::Calendar(crate::domain::calendar::CalendarError::YearMissing(year)) => {
                crate::i18n::bank::calendar_year_missing(year)
            }
            ExportError::NoCandidates => crate::i18n::bank::NO_CANDIDATES.into(),
            ExportError::ReasonRequired => crate::i18n::audit::REASON_REQUIRED.into(),
        }
    }
}

fn file_error(e: &std::io::Error) -> Msg {
    crate::store::StoreError::Io(std::io::Error::new(e.kind(), "")).message()
}

/// Refuses a path whose name does not end in `.expected` (a `.csv` name on an Excel file
/// would open as garbage).
pub(crate) fn check_extension(path: &Path, expected: &'static str) -> Result<(), ExportError> {
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

/// Who exports now, and when: the store's session and clock, with the line the file
/// carries under its table in `lang`.
pub fn made_by(store: &Store, lang: Lang) -> Authorship {
    let at = store.clock().now().datetime();
    let name = store.session().name.clone();
    let shown = at.strftime("%Y-%m-%d %H:%M").to_string();
    Authorship {
        line: crate::i18n::audit::made_by(&name, shown).text(lang),
        name,
        at,
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

/// Writes `month`'s approved sheet to `path` as Excel. With full ID numbers, the export is
/// first kept in the access records (and refused if it may not be).
pub fn subsidy_sheet(
    store: &mut Store,
    month: Month,
    path: &Path,
    disclosure: Disclosure,
    lang: Lang,
    reporter: &Reporter,
) -> Result<Outcome, JobError> {
    check_extension(path, "xlsx")?;
    if payroll::month_status(&store.read(), month)? != MonthStatus::Approved {
        return Err(ExportError::NotApproved(month).into());
    }
    // What goes to the bank is what was approved: a sheet changed since is refused.
    payroll::require_intact(&store.read(), month)?;
    reporter.progress(0, 2);
    let lines = placement_reports::sheet(&store.read(), month)?;
    let accepted = placement_reports::accepted_findings(&store.read(), month)?;
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
        crate::store::payroll::rule_in_words(&crate::store::payroll::pay_rules(&store.read())?);
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
        subtitle: with_streets(
            store,
            pl::sheet_subtitle(lines.len(), format_yuan(total)).text(lang),
            lang,
        )?,
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
        footer: std::iter::once(rule.get(lang).to_string())
            .chain(sheet_notes(&lines, &accepted, lang))
            .collect(),
    };
    if disclosure.full_ids {
        store.write(|w| access_log::record_export(w, What::ExportFullIds, None))?;
    }
    write_xlsx(path, &[table], &made_by(store, lang)).map_err(ExportError::from)?;
    reporter.progress(2, 2);
    Ok(Outcome::Exported(path.to_path_buf()))
}

/// `text`, followed for a user limited to some streets by the streets' names: a street's
/// part of the sheet must not pass for the whole district's.
fn with_streets(store: &Store, text: String, lang: Lang) -> Result<String, JobError> {
    use crate::domain::access::{Action, Area as Scope, Reach};
    let Reach::Streets(streets) = store.session().reach(Scope::Placements, Action::Read) else {
        return Ok(text);
    };
    let conn = store.read();
    let names = streets
        .into_iter()
        .map(|street| crate::store::regions::get(&conn, street).map(|r| r.short_name))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(format!(
        "{text}  {}",
        pl::only_streets(names.join("、")).text(lang)
    ))
}

/// Whom a public notice lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeOf {
    /// Everyone placed from the first to the last day (上岗人员公示).
    Placed {
        /// First start date included.
        from: Date,
        /// Last start date included.
        to: Date,
    },
    /// The candidates chosen and not yet placed (拟安置人员公示).
    Candidates,
}

/// The lines under a sheet: what was carried to or from another month, the findings
/// accepted for the month with their reasons, then the signatures.
fn sheet_notes(
    lines: &[placement_reports::SheetLine],
    accepted: &[placement_reports::AcceptedFinding],
    lang: Lang,
) -> Vec<String> {
    let mut notes = Vec::new();
    for l in lines {
        if l.carried_in_fen != 0 {
            let text = pl::carried_from_prev(format_yuan(l.carried_in_fen)).text(lang);
            notes.push(format!("{}：{text}", l.name));
        }
        if l.carried_out_fen != 0 {
            let text = pl::carried_to_next(format_yuan(l.carried_out_fen)).text(lang);
            notes.push(format!("{}：{text}", l.name));
        }
    }
    if !accepted.is_empty() {
        notes.push(format!("{}：", lang.t(pl::ACCEPTED_FINDINGS)));
        for (n, a) in accepted.iter().enumerate() {
            let why = pl::accepted_because(&a.acceptance.reason, &a.acceptance.accepted_by);
            notes.push(format!(
                "{}. {} · {} · {}",
                n + 1,
                lang.t(a.kind.label()),
                a.name,
                why.text(lang)
            ));
        }
    }
    notes.push(lang.t(pl::SHEET_FOOTER).to_string());
    notes
}

/// Writes a public notice (IDs always masked), posted today: it states the period it stands
/// for, counted in working days on the calendar, and the phone for objections.
pub fn notice(
    store: &Store,
    of: NoticeOf,
    path: &Path,
    id_mask: MaskPattern,
    lang: Lang,
    reporter: &Reporter,
) -> Result<Outcome, JobError> {
    use crate::i18n::bank as bk;
    use crate::store::bank;
    check_extension(path, "pdf")?;
    if let NoticeOf::Placed { from, to } = of
        && to < from
    {
        return Err(ExportError::BadPeriod { from, to }.into());
    }
    let conn = &store.read();
    let phone = bank::objection_phone(conn)?.ok_or(ExportError::NoObjectionPhone)?;
    let days: u32 = crate::store::settings::parsed(conn, bank::NOTICE_DAYS_KEY)?
        .unwrap_or(bank::NOTICE_DAYS_DEFAULT);
    let calendar = bank::work_calendar(conn)?;
    let (first, last) = calendar
        .working_period(store.clock().today(), days.max(1))
        .map_err(ExportError::from)?;
    let font = crate::fonts::cjk_font();
    reporter.progress(0, 2);
    // Name, ID number, place, post, date (start or chosen).
    let (title, subtitle, rows): (String, String, Vec<[String; 5]>) = match of {
        NoticeOf::Placed { from, to } => {
            let rows = placement_reports::placed_between(conn, from, to)?;
            if rows.is_empty() {
                return Err(ExportError::Nobody { from, to }.into());
            }
            let subtitle = pl::notice_subtitle(from, to, rows.len()).text(lang);
            let rows = rows
                .into_iter()
                .map(|r| {
                    [
                        r.name,
                        r.id_number,
                        r.place,
                        r.post,
                        r.start_date.to_string(),
                    ]
                })
                .collect();
            (lang.t(pl::NOTICE_TITLE).to_string(), subtitle, rows)
        }
        NoticeOf::Candidates => {
            let rows = bank::unplaced_candidates(conn)?;
            if rows.is_empty() {
                return Err(ExportError::NoCandidates.into());
            }
            let subtitle = bk::candidates_subtitle(rows.len()).text(lang);
            let rows = rows
                .into_iter()
                .map(|r| {
                    let post = r.post.unwrap_or_default();
                    [r.name, r.id_number, r.place, post, r.chosen_on.to_string()]
                })
                .collect();
            (lang.t(bk::CANDIDATES_TITLE).to_string(), subtitle, rows)
        }
    };
    let date_column = match of {
        NoticeOf::Placed { .. } => pl::COL_START,
        NoticeOf::Candidates => bk::COL_CHOSEN_ON,
    };
    let columns = [
        (pl::COL_INDEX, 1.0),
        (c::COL_NAME, 2.0),
        (c::COL_ID_NUMBER, 4.0),
        (c::COL_PLACE, 3.0),
        (pl::COL_POST, 3.0),
        (date_column, 2.4),
    ];
    let report = TableReport {
        title,
        subtitle: format!(
            "{}{}",
            subtitle,
            bk::notice_period(first, last, days).text(lang)
        ),
        columns: columns
            .iter()
            .map(|(key, weight)| ReportColumn::new(lang.t(*key), *weight))
            .collect(),
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(n, [name, id, place, post, date])| {
                vec![
                    (n + 1).to_string(),
                    name,
                    id_mask.apply(&id),
                    place,
                    post,
                    date,
                ]
            })
            .collect(),
        footer: bk::notice_footer(first, last, phone).text(lang),
        generated_on: pl::generated_on(store.clock().today()).text(lang),
        // The PDF writer fills in the page numbers itself, in this language's order.
        page_label: pl::page_label("{}", "{}").text(lang),
        made_by: Some(made_by(store, lang)),
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
