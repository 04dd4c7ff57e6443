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
use crate::report::pdf::PdfFont;
use crate::report::pdf::pages::{Block, Mark, PagedDoc, write_pages_pdf};
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
            None => [
                CellValue::Text(String::new()),
                CellValue::Text(String::new()),
            ],
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
    let subtitle = sp::radius_explained(
        reach.minutes,
        lang.t(sp::mode(reach.mode)),
        reach.radius_shown_m(),
    )
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

/// Writes the "where to go" guide to `path` (`.pdf`): a page for each village (of
/// `street`, or all), with its nearest village point, workstation and the hall, each with
/// its address, hours, phone, what it handles on site and what it passes on.
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
    let names = |p: &points::ServicePoint, handling: Handling| -> String {
        let list: Vec<&str> = p
            .fields
            .services
            .iter()
            .filter(|o| o.handling == handling)
            .filter_map(|o| services.iter().find(|s| s.id == o.service))
            .map(|s| s.name(lang))
            .collect();
        if list.is_empty() {
            lang.t(sp::GUIDE_NONE).to_string()
        } else {
            list.join("、")
        }
    };
    let mut pages = Vec::new();
    for index in villages {
        let v = &report.villages[index];
        let reach_of = &report.reach_of[index];
        let mut blocks = vec![
            Block::Title(sp::guide_for(&v.name, &v.street).text(lang)),
            Block::Gap(8.0),
        ];
        for (tier, title) in [
            (Tier::Village, sp::GUIDE_NEAREST_VILLAGE),
            (Tier::Workstation, sp::GUIDE_WORKSTATION),
            (Tier::Hall, sp::GUIDE_HALL),
        ] {
            let found = reach_of.nearest[tier.index()]
                .and_then(|n| every.iter().find(|p| p.id == n.point).map(|p| (n, p)));
            match found {
                Some((n, p)) => {
                    blocks.push(Block::Heading(lang.t(title).to_string()));
                    blocks.push(Block::Text(sp::guide_name(&p.fields.name).text(lang)));
                    blocks.push(Block::Text(sp::guide_address(&p.fields.address).text(lang)));
                    blocks.push(Block::Text(sp::guide_hours(&p.fields.hours).text(lang)));
                    if !p.fields.phone.is_empty() {
                        blocks.push(Block::Text(sp::guide_phone(&p.fields.phone).text(lang)));
                    }
                    blocks.push(Block::Text(
                        sp::guide_on_site(names(p, Handling::OnSite)).text(lang),
                    ));
                    blocks.push(Block::Text(
                        sp::guide_assisted(names(p, Handling::Assisted)).text(lang),
                    ));
                    let minutes = crate::domain::service_points::Reach::default()
                        .minutes_for(n.distance_m)
                        .round();
                    blocks.push(Block::Text(
                        sp::guide_distance(n.distance_m.round(), minutes).text(lang),
                    ));
                }
                None => {
                    blocks.push(Block::Heading(lang.t(title).to_string()));
                    blocks.push(Block::Text(lang.t(sp::GUIDE_NONE).to_string()));
                }
            }
            blocks.push(Block::Gap(10.0));
        }
        blocks.push(Block::Text(lang.t(sp::GUIDE_FOOTER).to_string()));
        pages.push(blocks);
    }
    let doc = PagedDoc {
        title: lang.t(sp::GUIDE_TITLE).to_string(),
        pages,
        generated_on: pl::generated_on(store.clock().today()).text(lang),
        page_label: pl::page_label("{}", "{}").text(lang),
        made_by: Some(made_by(store, lang)),
    };
    reporter.progress(1, 2);
    write_pdf(&doc, path)?;
    reporter.progress(2, 2);
    Ok(Outcome::Exported(path.to_path_buf()))
}

fn write_pdf(doc: &PagedDoc, path: &Path) -> Result<(), JobError> {
    let font = crate::fonts::cjk_font();
    let pdf_font = PdfFont {
        data: font.data.clone(),
        index: font.index,
    };
    let bytes = write_pages_pdf(doc, &pdf_font).map_err(ExportError::from)?;
    std::fs::write(path, bytes).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(())
}

/// The colour of a tier on paper, as on screen.
fn tier_rgb(tier: Tier) -> (u8, u8, u8) {
    match tier {
        Tier::Hall => (200, 40, 40),
        Tier::Workstation => (30, 90, 200),
        Tier::Village => (20, 140, 60),
        Tier::Hospital => (140, 60, 170),
    }
}

/// A tier's marker on paper: the shapes of the screen's legend.
fn tier_mark(tier: Tier, (x, y): (f32, f32), r: f32, filled: bool) -> Mark {
    let rgb = tier_rgb(tier);
    let points = match tier {
        Tier::Hall => vec![
            (x - r, y - r),
            (x + r, y - r),
            (x + r, y + r),
            (x - r, y + r),
        ],
        Tier::Workstation => vec![
            (x, y - r * 1.2),
            (x + r * 1.1, y + r * 0.8),
            (x - r * 1.1, y + r * 0.8),
        ],
        Tier::Hospital => vec![
            (x, y - r * 1.2),
            (x + r * 1.2, y),
            (x, y + r * 1.2),
            (x - r * 1.2, y),
        ],
        Tier::Village => {
            return Mark::Circle {
                at: (x, y),
                r,
                rgb,
                filled,
            };
        }
    };
    Mark::Polygon {
        points,
        rgb,
        filled,
    }
}

/// Writes the coverage map to `path` (`.pdf`): one A4 page, vector: the outlines, the
/// points by tier, the villages outside the circle marked and named, a legend and a scale.
pub fn coverage_map_pdf(
    store: &mut Store,
    path: &Path,
    lang: Lang,
    reporter: &Reporter,
) -> Result<Outcome, JobError> {
    use crate::domain::spatial::mercator::{self, Merc, View};
    check_extension(path, "pdf")?;
    reporter.progress(0, 2);
    let r = store.read();
    let report = coverage::report(&r)?;
    let every = points::list(&r, &PointFilter::default())?;
    let shapes = crate::store::service_points::outlines::all(&r)?;
    let (w, h) = (515.0_f32, 600.0_f32);
    let placed: Vec<Merc> = every
        .iter()
        .filter_map(|p| p.fields.at)
        .chain(report.villages.iter().filter_map(|v| v.village.at))
        .chain(
            shapes
                .iter()
                .filter_map(|o| o.bounds())
                .flat_map(|(a, b)| [a, b]),
        )
        .map(|(lon, lat)| mercator::project(lon, lat))
        .collect();
    let Some(first) = placed.first().copied() else {
        return Err(JobError::Store(crate::store::StoreError::NotFound(
            crate::store::RecordKind::ServicePoint,
        )));
    };
    let (lo, hi) = placed.iter().fold((first, first), |(lo, hi), p| {
        (
            Merc {
                x: lo.x.min(p.x),
                y: lo.y.min(p.y),
            },
            Merc {
                x: hi.x.max(p.x),
                y: hi.y.max(p.y),
            },
        )
    });
    let view = View::fit(lo, hi, (f64::from(w), f64::from(h)));
    let at = |lon: f64, lat: f64| -> (f32, f32) {
        let (x, y) = view.to_screen(mercator::project(lon, lat));
        (w / 2.0 + x as f32, h / 2.0 + y as f32)
    };
    let mut marks = Vec::new();
    for o in &shapes {
        for polygon in &o.shape.0 {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                marks.push(Mark::Line {
                    points: ring.0.iter().map(|c| at(c.x, c.y)).collect(),
                    rgb: (120, 110, 150),
                    width: 0.8,
                });
            }
        }
    }
    for tier in [Tier::Village, Tier::Hospital, Tier::Workstation, Tier::Hall] {
        for p in every.iter().filter(|p| p.fields.tier == tier) {
            if let Some((lon, lat)) = p.fields.at {
                let size = if tier == Tier::Village { 2.2 } else { 4.0 };
                let open = p.fields.status == crate::domain::service_points::PointStatus::Open;
                marks.push(tier_mark(tier, at(lon, lat), size, open));
            }
        }
    }
    for &index in &report.uncovered {
        let v = &report.villages[index];
        if let Some((lon, lat)) = v.village.at {
            let (x, y) = at(lon, lat);
            marks.push(Mark::Circle {
                at: (x, y),
                r: 5.0,
                rgb: (230, 110, 0),
                filled: false,
            });
            marks.push(Mark::Text {
                at: (x + 7.0, y + 3.0),
                text: v.name.clone(),
                size: 7.0,
            });
        }
    }
    // Scale bar, bottom left.
    let (metres, px) = mercator::scale_bar(&view, 120.0);
    let y = h - 8.0;
    marks.push(Mark::Line {
        points: vec![(8.0, y), (8.0 + px as f32, y)],
        rgb: (0, 0, 0),
        width: 2.0,
    });
    marks.push(Mark::Text {
        at: (8.0, y - 5.0),
        text: if metres >= 1000.0 {
            format!("{} km", metres / 1000.0)
        } else {
            format!("{metres} m")
        },
        size: 8.0,
    });
    // Legend, top right.
    let lx = w - 150.0;
    marks.push(Mark::Text {
        at: (lx, 10.0),
        text: lang.t(sp::LEGEND).to_string(),
        size: 9.0,
    });
    for (n, tier) in Tier::ALL.into_iter().enumerate() {
        let y = 24.0 + n as f32 * 14.0;
        marks.push(tier_mark(tier, (lx + 5.0, y - 3.0), 4.0, true));
        marks.push(Mark::Text {
            at: (lx + 14.0, y),
            text: lang.t(sp::tier(tier)).to_string(),
            size: 8.0,
        });
    }
    let y = 24.0 + 4.0 * 14.0;
    marks.push(Mark::Circle {
        at: (lx + 5.0, y - 3.0),
        r: 5.0,
        rgb: (230, 110, 0),
        filled: false,
    });
    marks.push(Mark::Text {
        at: (lx + 14.0, y),
        text: lang.t(sp::LEGEND_VILLAGE_UNCOVERED).to_string(),
        size: 8.0,
    });
    let doc = PagedDoc {
        title: lang.t(sp::MAP_TITLE).to_string(),
        pages: vec![vec![
            Block::Title(lang.t(sp::MAP_TITLE).to_string()),
            Block::Text(
                sp::map_subtitle(report.reach.radius_shown_m(), report.uncovered.len()).text(lang),
            ),
            Block::Gap(6.0),
            Block::Figure(h, marks),
        ]],
        generated_on: pl::generated_on(store.clock().today()).text(lang),
        page_label: pl::page_label("{}", "{}").text(lang),
        made_by: Some(made_by(store, lang)),
    };
    reporter.progress(1, 2);
    write_pdf(&doc, path)?;
    reporter.progress(2, 2);
    Ok(Outcome::Exported(path.to_path_buf()))
}
