//! The audit, filtered as the audit tab shows it, to Excel: one sheet of changes (with the
//! fields each changed, not their values: the before and after may hold personal data in
//! full) and one of access records, read a page at a time with progress.

use std::path::Path;

use super::exports::{ExportError, check_extension, made_by};
use super::{JobError, Outcome, Reporter};
use crate::i18n::{Lang, access as ac, audit as au, settings as se};
use crate::report::xlsx::{CellValue, SheetColumn, SheetTable, write_xlsx};
use crate::store::audit::{self, AuditFilter};
use crate::store::{Store, records};

/// Rows read at a time.
const CHUNK: usize = 2_000;

/// Writes the changes and access records matching `filter` to `path` (`.xlsx`).
pub fn audit_xlsx(
    store: &Store,
    filter: &AuditFilter,
    path: &Path,
    lang: Lang,
    reporter: &Reporter,
) -> Result<Outcome, JobError> {
    check_extension(path, "xlsx")?;
    let r = store.read();
    let changes_total = audit::count_changes(r, filter)?;
    let accesses_total = audit::count_accesses(r, filter)?;
    let total = changes_total + accesses_total;
    let mut done = 0;
    let mut tick = |n: usize| -> Result<(), JobError> {
        done += n as u64;
        if reporter.progress(done, total.max(1)) {
            Ok(())
        } else {
            Err(JobError::Cancelled)
        }
    };
    tick(0)?;

    let mut change_rows = Vec::new();
    let mut before = None;
    loop {
        let page = audit::changes(r, filter, before, CHUNK)?;
        tick(page.rows.len())?;
        before = page.rows.last().map(|c| c.seq);
        for c in page.rows {
            let area = audit::area_of_table(&c.table_name).map_or(au::NO_AREA, ac::area);
            let table = records::label(&c.table_name)
                .map_or(c.table_name.clone(), |t| lang.t(t).to_string());
            change_rows.push(vec![
                CellValue::Int(c.seq),
                CellValue::Text(c.at.replace('T', " ")),
                CellValue::Text(c.actor),
                CellValue::Text(lang.t(area).to_string()),
                CellValue::Text(table),
                CellValue::Int(c.row_id),
                CellValue::Text(lang.t(action_text(c.action)).to_string()),
                CellValue::Text(c.subject),
                CellValue::Text(au::field_names(&c.changed, lang)),
            ]);
        }
        if !page.more {
            break;
        }
    }

    let mut access_rows = Vec::new();
    let mut before = None;
    loop {
        let page = audit::accesses(r, filter, before, CHUNK)?;
        tick(page.rows.len())?;
        before = page.rows.last().map(|a| a.seq);
        for a in page.rows {
            access_rows.push(vec![
                CellValue::Int(a.seq),
                CellValue::Text(a.at.replace('T', " ")),
                CellValue::Text(a.actor),
                CellValue::Text(a.person_name),
                CellValue::Text(lang.t(au::what(a.what)).to_string()),
                CellValue::Text(a.reason.unwrap_or_default()),
            ]);
        }
        if !page.more {
            break;
        }
    }

    let columns = |list: &[(crate::i18n::Text, f64)]| -> Vec<SheetColumn> {
        list.iter()
            .map(|(title, width)| SheetColumn {
                header: lang.t(*title).to_string(),
                width: *width,
                total: false,
            })
            .collect()
    };
    let subtitle = au::sheet_subtitle(changes_total, accesses_total).text(lang);
    let tables = [
        SheetTable {
            sheet_name: lang.t(au::CHANGES).to_string(),
            title: lang.t(au::SHEET_TITLE_CHANGES).to_string(),
            subtitle: subtitle.clone(),
            columns: columns(&[
                (au::COL_SEQ, 9.0),
                (au::COL_AT, 19.0),
                (au::COL_USER, 12.0),
                (au::COL_AREA, 12.0),
                (au::COL_TABLE, 14.0),
                (au::COL_ROW, 8.0),
                (au::COL_ACTION, 10.0),
                (au::COL_SUBJECT, 18.0),
                (au::COL_CHANGED, 40.0),
            ]),
            rows: change_rows,
            ..SheetTable::default()
        },
        SheetTable {
            sheet_name: lang.t(au::ACCESSES).to_string(),
            title: lang.t(au::SHEET_TITLE_ACCESSES).to_string(),
            subtitle,
            columns: columns(&[
                (au::COL_SEQ, 9.0),
                (au::COL_AT, 19.0),
                (au::COL_USER, 12.0),
                (au::COL_PERSON, 12.0),
                (au::COL_WHAT, 20.0),
                (au::COL_REASON, 30.0),
            ]),
            rows: access_rows,
            ..SheetTable::default()
        },
    ];
    write_xlsx(path, &tables, &made_by(store, lang)).map_err(ExportError::from)?;
    Ok(Outcome::Exported(path.to_path_buf()))
}

/// What the audit calls a change's action.
pub fn action_text(action: crate::store::changes::Action) -> crate::i18n::Text {
    use crate::store::changes::Action;
    match action {
        Action::Insert => se::ACT_INSERT,
        Action::Update => se::ACT_UPDATE,
        Action::Delete => se::ACT_DELETE,
        Action::Trash => se::ACT_TRASH,
        Action::Restore => se::ACT_RESTORE,
    }
}
