//! The coverage view (覆盖分析): the radius explained, the district's and each street's
//! coverage against the article's targets, the villages outside the circle by people left
//! out, and where one more point would help most.

use egui::{RichText, Ui};

use crate::i18n::{Lang, service_points as sp};
use crate::jobs::JobSpec;
use crate::store::service_points::coverage::CoverageReport;
use crate::ui::{Ctx, PathRequest, Permit};

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// Draws the coverage; returns the village a new point was asked for.
pub fn coverage_ui(
    ui: &mut Ui,
    cx: &mut Ctx<'_>,
    report: &CoverageReport,
    may_write: Permit,
) -> Option<usize> {
    let lang = cx.lang;
    let reach = report.reach;
    ui.horizontal_wrapped(|ui| {
        ui.strong(
            sp::radius_explained(
                reach.minutes,
                lang.t(sp::mode(reach.mode)),
                reach.radius_shown_m(),
            )
            .get(lang),
        );
        ui.weak(sp::reach_detail(reach.speed_kmh, reach.detour).get(lang));
    });
    let t = report.total;
    ui.label(
        sp::district_coverage(
            t.villages_covered,
            t.villages,
            t.people_covered,
            t.people,
            percent(t.people_share()),
        )
        .get(lang),
    );
    if t.unplaced > 0 {
        crate::ui::error_ui(ui, sp::unplaced(t.unplaced).get(lang));
    }
    ui.horizontal(|ui| {
        if ui.button(lang.t(sp::EXPORT_COVERAGE)).clicked() {
            cx.ask_path(PathRequest {
                title: sp::ASK_COVERAGE_PATH,
                suggested_name: format!("{}.xlsx", lang.t(sp::VIEW_COVERAGE)),
                extension: "xlsx",
                then: Box::new(move |path| {
                    JobSpec::new(sp::JOB_COVERAGE, move |store, reporter| {
                        crate::jobs::service_point_exports::coverage_xlsx(
                            store, &path, lang, reporter,
                        )
                    })
                }),
            });
        }
        if ui.button(lang.t(sp::EXPORT_MAP)).clicked() {
            cx.ask_path(PathRequest {
                title: sp::ASK_MAP_PATH,
                suggested_name: format!("{}.pdf", lang.t(sp::MAP_TITLE)),
                extension: "pdf",
                then: Box::new(move |path| {
                    JobSpec::new(sp::JOB_MAP, move |store, reporter| {
                        crate::jobs::service_point_exports::coverage_map_pdf(
                            store, &path, lang, reporter,
                        )
                    })
                }),
            });
        }
        if ui.button(lang.t(sp::EXPORT_GUIDE)).clicked() {
            cx.ask_path(PathRequest {
                title: sp::ASK_GUIDE_PATH,
                suggested_name: format!("{}.pdf", lang.t(sp::GUIDE_TITLE)),
                extension: "pdf",
                then: Box::new(move |path| {
                    JobSpec::new(sp::JOB_GUIDE, move |store, reporter| {
                        crate::jobs::service_point_exports::guide_pdf(
                            store, None, &path, lang, reporter,
                        )
                    })
                }),
            });
        }
    });
    ui.separator();
    let mut asked = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(lang.t(sp::UNCOVERED_TITLE));
        ui.label(sp::uncovered_count(report.uncovered.len()).get(lang));
        if report.uncovered.is_empty() {
            ui.label(lang.t(sp::ALL_COVERED));
        } else {
            egui::Grid::new("sp_uncovered")
                .striped(true)
                .num_columns(6)
                .show(ui, |ui| {
                    for title in [
                        sp::COL_PLACE,
                        sp::COL_STREET,
                        sp::COL_PEOPLE,
                        sp::COL_NEAREST,
                        sp::COL_DISTANCE,
                        sp::COL_MINUTES,
                    ] {
                        ui.strong(lang.t(title));
                    }
                    ui.end_row();
                    for &index in &report.uncovered {
                        let v = &report.villages[index];
                        let r = &report.reach_of[index];
                        ui.label(&v.name);
                        ui.label(&v.street);
                        ui.label(v.village.people.to_string());
                        match r.closest {
                            Some(n) => {
                                ui.label(report.site_name(n.point));
                                ui.label(format!("{:.0} m", n.distance_m));
                                ui.label(format!("{:.0}", reach.minutes_for(n.distance_m)));
                            }
                            None => {
                                ui.label("—");
                                ui.label("—");
                                ui.label("—");
                            }
                        }
                        if may_write.small_button(ui, lang, lang.t(sp::NEW_POINT_HERE)) {
                            asked = Some(index);
                        }
                        ui.end_row();
                    }
                });
        }
        ui.separator();
        ui.heading(lang.t(sp::STREETS_TITLE));
        ui.label(lang.t(sp::TARGETS));
        egui::Grid::new("sp_streets")
            .striped(true)
            .num_columns(7)
            .show(ui, |ui| {
                for title in [
                    sp::COL_STREET,
                    sp::COL_VILLAGES_COVERED,
                    sp::COL_PEOPLE_COVERED,
                    sp::COL_SHARE,
                    sp::COL_WORKSTATIONS,
                    sp::COL_VILLAGE_POINTS,
                ] {
                    ui.strong(lang.t(title));
                }
                ui.end_row();
                for s in &report.streets {
                    ui.label(&s.name);
                    ui.label(format!("{}/{}", s.tally.villages_covered, s.tally.villages));
                    ui.label(format!("{}/{}", s.tally.people_covered, s.tally.people));
                    ui.label(percent(s.tally.people_share()));
                    target_ui(ui, lang, s.workstations.to_string(), s.workstations >= 1);
                    target_ui(
                        ui,
                        lang,
                        format!("{}/{}", s.villages_with_point, s.villages),
                        s.villages_with_point == s.villages,
                    );
                    ui.end_row();
                }
            });
        ui.separator();
        ui.heading(lang.t(sp::BEST_TITLE));
        ui.weak(lang.t(sp::BEST_HINT));
        egui::Grid::new("sp_best")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                for title in [
                    sp::COL_PLACE,
                    sp::COL_STREET,
                    sp::COL_BROUGHT,
                    sp::COL_BROUGHT_VILLAGES,
                ] {
                    ui.strong(lang.t(title));
                }
                ui.end_row();
                for c in &report.candidates {
                    let v = &report.villages[c.village];
                    ui.label(&v.name);
                    ui.label(&v.street);
                    ui.label(c.people_brought.to_string());
                    ui.label(
                        c.villages_brought
                            .iter()
                            .map(|&i| report.villages[i].name.as_str())
                            .collect::<Vec<_>>()
                            .join("、"),
                    );
                    ui.end_row();
                }
            });
    });
    asked
}

fn target_ui(ui: &mut Ui, lang: Lang, text: String, met: bool) {
    let (word, color) = if met {
        (sp::TARGET_MET, egui::Color32::from_rgb(20, 130, 60))
    } else {
        (sp::TARGET_MISSED, crate::ui::error_color(ui))
    };
    ui.label(RichText::new(format!("{text} {}", lang.t(word))).color(color));
}
