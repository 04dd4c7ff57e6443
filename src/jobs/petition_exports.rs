//! Exports of the petition log: the matters of a filter as Open311 GeoReport v2 JSON (for
//! exchanging work orders) or as CSV (for Excel users), and a council meeting's minutes as
//! an A4 PDF with each matter's owner, deadline and, once known, its outcome.
//!
//! No reporter's name or phone leaves the ledger in these files. Every file says who made it
//! and when.

use std::path::Path;

use jiff::civil::Date;
use serde_json::{Value, json};

use super::exports::{ExportError, check_extension, made_by};
use super::{JobError, Outcome, Reporter};
use crate::domain::petition::{Status, urgency};
use crate::i18n::{Lang, petitions as pt, placements as pl};
use crate::report::Authorship;
use crate::report::pdf::{PdfFont, ReportColumn, TableReport, write_table_pdf};
use crate::report::plain::csv_bytes;
use crate::report::xlsx::CellValue;
use crate::store::Store;
use crate::store::petitions::{self, ExportRow, MatterCategory, MatterFilter};

/// The offset the ledger's local times are in: the offices keep Beijing time.
pub const OFFSET: &str = "+08:00";

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CSV (UTF-8 with a BOM) of the list.
    Csv,
    /// Open311 GeoReport v2: `services` and `requests`.
    Open311,
}

impl Format {
    /// The file's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Open311 => "json",
        }
    }
}

/// Writes the matters of `filter` to `path` in `format`.
pub fn export(
    store: &mut Store,
    filter: &MatterFilter,
    format: Format,
    path: &Path,
    lang: Lang,
    reporter: &Reporter,
) -> Result<Outcome, JobError> {
    check_extension(path, format.extension())?;
    let today = store.clock().today();
    let conn = store.read();
    let rows = petitions::export_rows(&conn, filter, today)?;
    reporter.progress(1, 2);
    let author = made_by(store, lang);
    let bytes = match format {
        Format::Open311 => {
            let categories = petitions::categories(&store.read())?;
            let doc = open311(&categories, &rows, &author);
            serde_json::to_vec_pretty(&doc).map_err(|e| JobError::Store(e.into()))?
        }
        Format::Csv => {
            let calendar = petitions::calendar(&store.read())?;
            csv(&rows, lang, &calendar, today, &author)
        }
    };
    write(path, &bytes)?;
    reporter.progress(2, 2);
    Ok(Outcome::Exported(path.to_path_buf()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), JobError> {
    std::fs::write(path, bytes).map_err(|source| {
        JobError::Export(ExportError::Write {
            path: path.to_path_buf(),
            source,
        })
    })
}

/// A local `YYYY-MM-DDTHH:MM:SS` as ISO 8601 with the offset.
fn datetime(local: &str) -> String {
    format!("{local}{OFFSET}")
}

/// When the request was made: the moment it was entered if that was the day it was received,
/// else the start of the day received (a matter entered later, from a meeting's notes).
fn requested(r: &ExportRow) -> String {
    let day = r.received_on.to_string();
    if r.created_at.starts_with(&day) {
        datetime(&r.created_at)
    } else {
        datetime(&format!("{day}T00:00:00"))
    }
}

/// A day's end as ISO 8601 with the offset: a deadline is met until that day is over.
fn end_of(day: Date) -> String {
    format!("{day}T23:59:59{OFFSET}")
}

/// The GeoReport v2 document: the `services` list (the categories) and the `requests`.
pub fn open311(categories: &[MatterCategory], rows: &[ExportRow], author: &Authorship) -> Value {
    let services: Vec<Value> = categories
        .iter()
        .map(|c| {
            json!({
                "service_code": c.code,
                "service_name": c.name_zh,
                "description": format!("{}（{}）", c.name_zh, c.name_en),
                "metadata": false,
                "type": "realtime",
                "keywords": c.name_en,
                "group": "民意直通车",
            })
        })
        .collect();
    let requests: Vec<Value> = rows.iter().map(request).collect();
    json!({
        "services": services,
        "requests": requests,
        "exported_by": author.name,
        "exported_at": datetime(&author.at.strftime("%Y-%m-%dT%H:%M:%S").to_string()),
    })
}

fn request(r: &ExportRow) -> Value {
    let open = r.status.is_open();
    let notes = if open {
        format!("{}；{}", Status::label(r.status, Lang::Zh), r.owner_unit)
    } else {
        let outcome = r.outcome.map_or("", |o| o.label(Lang::Zh));
        let elsewhere = if r.responsible_elsewhere.is_empty() {
            String::new()
        } else {
            format!("（{}）", r.responsible_elsewhere)
        };
        format!("{outcome}{elsewhere}：{}", r.reply)
    };
    let mut v = json!({
        "service_request_id": r.id.0.to_string(),
        "status": if open { "open" } else { "closed" },
        "status_notes": notes,
        "service_name": r.service_name.0,
        "service_code": r.service_code,
        "description": r.text,
        "agency_responsible": r.owner_unit,
        "service_notice": "",
        "requested_datetime": requested(r),
        "updated_datetime": datetime(&r.updated_at),
        "expected_datetime": r.deadline.map(end_of),
        "address": r.address,
        "address_id": "",
        "zipcode": "",
        "media_url": "",
    });
    if let (Some((lon, lat)), Some(map)) = (r.point, v.as_object_mut()) {
        map.insert("lat".into(), json!(lat));
        map.insert("long".into(), json!(lon));
    }
    v
}

/// The CSV of the list, with who exported it on the last line.
pub fn csv(
    rows: &[ExportRow],
    lang: Lang,
    calendar: &crate::domain::calendar::WorkCalendar,
    today: Date,
    author: &Authorship,
) -> Vec<u8> {
    let headers: Vec<String> = [
        pt::COL_NUMBER,
        pt::COL_RECEIVED,
        pt::FIELD_CHANNEL,
        pt::FIELD_CATEGORY,
        pt::COL_TEXT,
        pt::COL_PLACE,
        pt::COL_OWNER,
        pt::FIELD_STATUS,
        pt::COL_DEADLINE,
        pt::COL_DUE,
        pt::COL_CLOSED_ON,
        pt::FIELD_OUTCOME,
        pt::FIELD_CALL_BACK,
    ]
    .iter()
    .map(|t| lang.t(*t).to_string())
    .collect();
    let mut lines: Vec<Vec<CellValue>> = rows
        .iter()
        .map(|r| {
            let due = match r.deadline {
                Some(d) if r.status.is_open() => {
                    pt::due_text(urgency(calendar, today, d)).text(lang)
                }
                _ => String::new(),
            };
            let name = match lang {
                Lang::Zh => r.service_name.0.clone(),
                Lang::En => r.service_name.1.clone(),
            };
            [
                r.id.0.to_string(),
                r.received_on.to_string(),
                r.channel.label(lang).to_string(),
                name,
                r.text.clone(),
                r.address.clone(),
                r.owner_unit.clone(),
                r.status.label(lang).to_string(),
                r.deadline.map(|d| d.to_string()).unwrap_or_default(),
                due,
                r.closed_on.map(|d| d.to_string()).unwrap_or_default(),
                r.outcome
                    .map(|o| o.label(lang).to_string())
                    .unwrap_or_default(),
                r.satisfaction
                    .map(|s| s.label(lang).to_string())
                    .unwrap_or_default(),
            ]
            .into_iter()
            .map(CellValue::Text)
            .collect()
        })
        .collect();
    lines.push(vec![CellValue::Text(author.line.clone())]);
    csv_bytes(&headers, &lines)
}

/// Prints meeting `id`'s minutes: who sat there, each matter with its owner, deadline and
/// where it stands (its outcome once closed), and the signature lines.
pub fn minutes(
    store: &mut Store,
    id: crate::domain::petition::MeetingId,
    path: &Path,
    lang: Lang,
) -> Result<Outcome, JobError> {
    check_extension(path, "pdf")?;
    let today = store.clock().today();
    let conn = store.read();
    let meeting = petitions::meeting(&conn, id)?;
    let filter = MatterFilter {
        meeting: Some(id),
        ..MatterFilter::default()
    };
    let matters = petitions::export_rows(&conn, &filter, today)?;
    let attendees: Vec<String> = meeting
        .attendees
        .iter()
        .map(|a| {
            let note = if a.note.is_empty() {
                String::new()
            } else {
                format!("，{}", a.note)
            };
            format!("{}（{}{note}）", a.name, a.role.label(lang))
        })
        .collect();
    let columns = [
        (pl::COL_INDEX, 0.6),
        (pt::COL_TEXT, 5.4),
        (pt::COL_OWNER, 3.6),
        (pt::COL_DEADLINE, 1.8),
        (pt::COL_RESULT, 2.8),
    ];
    let rows = matters
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let result = match (m.status, m.outcome) {
                (Status::Closed, Some(o)) => format!(
                    "{}（{}）",
                    o.label(lang),
                    m.closed_on.map(|d| d.to_string()).unwrap_or_default()
                ),
                (s, _) => s.label(lang).to_string(),
            };
            vec![
                (n + 1).to_string(),
                m.text.clone(),
                format!("{} {}", m.owner_unit, m.owner_person)
                    .trim()
                    .to_string(),
                m.deadline
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| lang.t(pt::NO_DEADLINE).into()),
                result,
            ]
        })
        .collect();
    let report = TableReport {
        title: pt::minutes_title(&meeting.community).text(lang),
        subtitle: pt::minutes_subtitle(meeting.held_on, &meeting.place, &meeting.chair).text(lang),
        columns: columns
            .iter()
            .map(|(t, w)| ReportColumn::new(lang.t(*t), *w))
            .collect(),
        rows,
        footer: pt::minutes_footer(attendees.join("、"), &meeting.minutes).text(lang),
        generated_on: pl::generated_on(today).text(lang),
        page_label: pl::page_label("{}", "{}").text(lang),
        made_by: Some(made_by(store, lang)),
    };
    let font = crate::fonts::cjk_font();
    let pdf_font = PdfFont {
        data: font.data.clone(),
        index: font.index,
    };
    let bytes = write_table_pdf(&report, &pdf_font).map_err(ExportError::from)?;
    write(path, &bytes)?;
    Ok(Outcome::Exported(path.to_path_buf()))
}
