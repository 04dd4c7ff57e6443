//! Exports of the service points: the coverage analysis to Excel (every village with its
//! nearest point of each tier, the distance and whether it is covered; the streets) and the
//! "where to go" guide (办事指南) to PDF, for the whole district or one street. The window
//! and the command line call the same code; each file says who made it and when.

use std::path::Path;

use super::exports::{ExportError, check_extension, made_by};
use super::{JobError, Outcome, Reporter};
use crate::domain::RegionId;
use crate::domain::service_points::{Handling, Tier};
use crate::i18n::{Lang, placements as pl, service_points as sp};
use crate::report::pdf::{PdfFont, ReportColumn, TableReport, write_table_pdf};
use crate::report::xlsx::{CellValue, SheetColumn, SheetTable, write_xlsx};
use crate::store::Store;
use crate::store::service_points::{self as points, PointFilter, coverage};

fn columns(lang: Lang, list: &[(crate::i18n::Text, f64)]) -> Vec<SheetColumn> {
    list.iter()
        .map(|(title, width)| SheetColumn {
            header: lang.t(*title).to_string(),
            width: *width,
            total: false,
        })
        .collect()
}

/// Writes the coverage to `path` (`.xlsx`): a sheet of villages and one of streets.
pub fn coverage_xlsx(
    store: &mut Store,
    path: &Path,
    lang: Lang,
    reporter: &Reporter,
) -> Result<Outcome, JobError> {
    check_extension(path, "xlsx")?;
    reporter.progress(0, 2);
    let report = coverage::report(&store.read())?;
    let reach = report.reach;
    let nearest = |index: usize, tier: Tier| -> [CellValue; 2] {
        match report.reach_of[index].nearest[tier.index()] {
            Some(n) => [
                CellValue::Text(report.site_name(n.point).to_string()),
                CellValue::Int(n.distance_m.round() as i64),
            ],
            None => [CellValue::Text(String::new()), CellValue::Text(String::new())],
        }
    };
    let mut village_rows = Vec::new();
    for (index, v) in report.villages.iter().enumerate() {
        let r = &report.reach_of[index];
        let mut row = vec![
            CellValue::Text(v.code.clone()),
            CellValue::Text(v.name.clone()),
            CellValue::Text(v.street.clone()),
            CellValue::Int(v.village.people),
        ];
        for tier in [Tier::Village, Tier::Workstation, Tier::Hall, Tier::Hospital] {
            row.extend(nearest(index, tier));
        }
        row.push(match r.closest {
            Some(n) => CellValue::Int(reach.minutes_for(n.distance_m).round() as i64),
            None => CellValue::Text(String::new()),
        });
        let covered = match (v.village.at, r.covered) {
            (None, _) => sp::NOT_PLACED,
            (_, true) => sp::YES,
            (_, false) => sp::NO,
        };
        row.push(CellValue::Text(lang.t(covered).to_string()));
        village_rows.push(row);
    }
    let street_rows = report
        .streets
        .iter()
        .map(|s| {
            vec![
                CellValue::Text(s.name.clone()),
                CellValue::Int(s.tally.villages as i64),
                CellValue::Int(s.tally.villages_covered as i64),
                CellValue::Int(s.tally.people),
                CellValue::Int(s.tally.people_covered),
                CellValue::Number((s.tally.people_share() * 1000.0).round() / 10.0),
                CellValue::Int(s.workstations as i64),
                CellValue::Int(s.villages_with_point as i64),
            ]
        })
        .collect();
    let subtitle = sp::radius_explained(reach.minutes, lang.t(sp::mode(reach.mode)), reach.radius_shown_m())
        .text(lang);
    let tables = [
        SheetTable {
            sheet_name: lang.t(sp::SHEET_VILLAGES).to_string(),
            title: lang.t(sp::SHEET_TITLE).to_string(),
            subtitle: subtitle.clone(),
            columns: columns(
                lang,
                &[
                    (sp::COL_PLACE, 14.0),
                    (sp::COL_NAME, 14.0),
                    (sp::COL_STREET, 12.0),
                    (sp::COL_PEOPLE, 10.0),
                    (sp::COL_NEAREST_VILLAGE, 22.0),
                    (sp::COL_METRES, 9.0),
                    (sp::COL_NEAREST_WORKSTATION, 20.0),
                    (sp::COL_METRES, 9.0),
                    (sp::COL_NEAREST_HALL, 20.0),
                    (sp::COL_METRES, 9.0),
                    (sp::COL_NEAREST_HOSPITAL, 20.0),
                    (sp::COL_METRES, 9.0),
                    (sp::COL_MINUTES, 9.0),
                    (sp::COL_COVERED, 9.0),
                ],
            ),
            rows: village_rows,
            ..SheetTable::default()
        },
        SheetTable {
            sheet_name: lang.t(sp::SHEET_STREETS).to_string(),
            title: lang.t(sp::SHEET_TITLE).to_string(),
            subtitle,
            columns: columns(
                lang,
                &[
                    (sp::COL_STREET, 14.0),
                    (sp::COL_VILLAGES, 8.0),
                    (sp::COL_VILLAGES_COVERED, 10.0),
                    (sp::COL_PEOPLE, 10.0),
                    (sp::COL_PEOPLE_COVERED, 10.0),
                    (sp::COL_SHARE, 10.0),
                    (sp::COL_WORKSTATIONS, 8.0),
                    (sp::COL_VILLAGE_POINTS, 12.0),
                ],
            ),
            rows: street_rows,
            ..SheetTable::default()
        },
    ];
    reporter.progress(1, 2);
    write_xlsx(path, &tables, &made_by(store, lang)).map_err(ExportError::from)?;
    reporter.progress(2, 2);
    Ok(Outcome::Exported(path.to_path_buf()))
}

/// Writes the "where to go" guide to `path` (`.pdf`): for each village (of `street`, or
/// all), the nearest village point, the street's workstation and the hall, each with its
/// address, hours, phone and what it handles on site.
pub fn guide_pdf(
    store: &mut Store,
    street: Option<RegionId>,
    path: &Path,
    lang: Lang,
    reporter: &Reporter,
) -> Result<Outcome, JobError> {
    check_extension(path, "pdf")?;
    reporter.progress(0, 2);
    let r = store.read();
    let report = coverage::report(&r)?;
    let every = points::list(&r, &PointFilter::default())?;
    let services = points::services(&r)?;
    let villages: Vec<usize> = (0..report.villages.len())
        .filter(|&i| street.is_none_or(|s| report.villages[i].village.street == Some(s)))
        .collect();
    if villages.is_empty() {
        return Err(JobError::Store(crate::store::StoreError::NotFound(
            crate::store::RecordKind::Region,
        )));
    }
    let mut rows = Vec::new();
    for index in villages {
        let v = &report.villages[index];
        let reach_of = &report.reach_of[index];
        for (tier, title) in [
            (Tier::Village, sp::GUIDE_NEAREST_VILLAGE),
            (Tier::Workstation, sp::GUIDE_WORKSTATION),
            (Tier::Hall, sp::GUIDE_HALL),
        ] {
            let found = reach_of.nearest[tier.index()]
                .and_then(|n| every.iter().find(|p| p.id == n.point).map(|p| (n, p)));
            let mut row = vec![
                format!("{} {}", v.street, v.name),
                lang.t(title).to_string(),
            ];
            match found {
                Some((n, p)) => {
                    let on_site = p
                        .fields
                        .services
                        .iter()
                        .filter(|o| o.handling == Handling::OnSite)
                        .filter_map(|o| services.iter().find(|s| s.id == o.service))
                        .map(|s| s.name(lang))
                        .collect::<Vec<_>>()
                        .join("、");
                    row.extend([
                        p.fields.name.clone(),
                        p.fields.address.clone(),
                        p.fields.hours.clone(),
                        p.fields.phone.clone(),
                        on_site,
                        sp::guide_distance(
                            n.distance_m.round(),
                            crate::domain::service_points::Reach::default()
                                .minutes_for(n.distance_m)
                                .round(),
                        )
                        .text(lang),
                    ]);
                }
                None => {
                    row.push(lang.t(sp::GUIDE_NONE).to_string());
                    row.extend(std::iter::repeat_n(String::new(), 5));
                }
            }
            rows.push(row);
        }
    }
    let titles = [
        (sp::COL_PLACE, 2.2),
        (sp::COL_TIER, 2.0),
        (sp::COL_NAME, 2.6),
        (sp::COL_ADDRESS, 2.2),
        (sp::COL_HOURS, 2.4),
        (sp::COL_PHONE, 1.6),
        (sp::CARD_HANDLES, 3.2),
        (sp::COL_DISTANCE, 2.0),
    ];
    let report = TableReport {
        title: lang.t(sp::GUIDE_TITLE).to_string(),
        subtitle: String::new(),
        columns: titles
            .iter()
            .map(|(t, w)| ReportColumn::new(lang.t(*t), *w))
            .collect(),
        rows,
        footer: lang.t(sp::GUIDE_FOOTER).to_string(),
        generated_on: pl::generated_on(store.clock().today()).text(lang),
        page_label: pl::page_label("{}", "{}").text(lang),
        made_by: Some(made_by(store, lang)),
    };
    reporter.progress(1, 2);
    let font = crate::fonts::cjk_font();
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
