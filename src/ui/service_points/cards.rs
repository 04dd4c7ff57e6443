//! The point list and the cards a click on the map opens.

use egui::{RichText, Ui};

use crate::domain::service_points::{Handling, ServicePointId, Tier};
use crate::i18n::{Lang, service_points as sp};
use crate::store::service_points::coverage::CoverageReport;
use crate::store::service_points::{Service, ServicePoint};
use crate::ui::Masker;

fn service_names(
    point: &ServicePoint,
    services: &[Service],
    handling: Handling,
    lang: Lang,
) -> String {
    point
        .fields
        .services
        .iter()
        .filter(|o| o.handling == handling)
        .filter_map(|o| services.iter().find(|s| s.id == o.service))
        .map(|s| s.name(lang))
        .collect::<Vec<_>>()
        .join("、")
}

/// The points, one row each; sets `edit` to the point whose row was clicked.
pub fn points_table_ui(
    ui: &mut Ui,
    lang: Lang,
    rows: &[ServicePoint],
    services: &[Service],
    masker: &Masker,
    edit: &mut Option<ServicePointId>,
) {
    let columns = [
        (sp::COL_NAME, 180.0),
        (sp::COL_TIER, 90.0),
        (sp::COL_STREET, 70.0),
        (sp::COL_PLACE, 80.0),
        (sp::COL_STATUS, 50.0),
        (sp::COL_PHONE, 90.0),
        (sp::COL_STAFF, 90.0),
        (sp::COL_SERVICES, 200.0),
    ];
    crate::ui::data_table(ui, "sp_points", lang, &columns)
        .sense(egui::Sense::click())
        .header(22.0, |header| crate::ui::header_row(header, lang, &columns))
        .body(|body| {
            body.rows(22.0, rows.len(), |mut row| {
                let p = &rows[row.index()];
                let staff = p
                    .fields
                    .staff
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、");
                let phone = masker.phone(&p.fields.phone).into_owned();
                crate::ui::text_cells(
                    &mut row,
                    [
                        p.fields.name.clone(),
                        lang.t(sp::tier(p.fields.tier)).to_string(),
                        p.street.clone(),
                        p.place.clone(),
                        lang.t(sp::status(p.fields.status)).to_string(),
                        phone,
                        staff,
                        service_names(p, services, Handling::OnSite, lang),
                    ],
                );
                if row.response().clicked() {
                    *edit = Some(p.id);
                }
            });
        });
}

/// A point's card.
pub fn point_card_ui(
    ui: &mut Ui,
    lang: Lang,
    p: &ServicePoint,
    parent: Option<&str>,
    services: &[Service],
    masker: &Masker,
) {
    ui.heading(&p.fields.name);
    ui.label(
        RichText::new(format!(
            "{} · {}",
            lang.t(sp::tier(p.fields.tier)),
            lang.t(sp::status(p.fields.status))
        ))
        .color(super::map::tier_color(p.fields.tier)),
    );
    egui::Grid::new("sp_point_card")
        .num_columns(2)
        .show(ui, |ui| {
            let mut line = |label: crate::i18n::Text, value: String| {
                ui.label(lang.t(label));
                ui.label(value);
                ui.end_row();
            };
            line(sp::COL_STREET, format!("{} {}", p.street, p.place));
            line(
                sp::FIELD_PARENT,
                parent.unwrap_or(lang.t(sp::NO_PARENT)).to_string(),
            );
            line(sp::COL_ADDRESS, p.fields.address.clone());
            line(sp::COL_HOURS, p.fields.hours.clone());
            line(sp::COL_PHONE, masker.phone(&p.fields.phone).into_owned());
            line(
                sp::COL_COORD,
                p.fields
                    .at
                    .map_or(lang.t(sp::NOT_PLACED).to_string(), |(lon, lat)| {
                        format!("{lon:.6}, {lat:.6}")
                    }),
            );
            if let Some(day) = p.fields.opened_on {
                line(sp::FIELD_OPENED, day.to_string());
            }
            line(
                sp::CARD_HANDLES,
                service_names(p, services, Handling::OnSite, lang),
            );
            line(
                sp::CARD_PASSES,
                service_names(p, services, Handling::Assisted, lang),
            );
        });
    if !p.fields.staff.is_empty() {
        ui.separator();
        ui.strong(lang.t(sp::COL_STAFF));
        for s in &p.fields.staff {
            let kind = if s.full_time {
                sp::FIELD_FULL_TIME
            } else {
                sp::PART_TIME
            };
            ui.label(format!(
                "{}（{}）{}",
                s.name,
                lang.t(kind),
                masker.phone(&s.phone)
            ));
        }
    }
}

/// A village's card: its people, whether it is inside the circle, its nearest points.
pub fn village_card_ui(ui: &mut Ui, lang: Lang, report: &CoverageReport, index: usize) {
    let (Some(v), Some(r)) = (report.villages.get(index), report.reach_of.get(index)) else {
        return;
    };
    ui.heading(&v.name);
    ui.label(&v.street);
    ui.label(format!(
        "{}：{}",
        lang.t(sp::VILLAGE_CARD_PEOPLE),
        v.village.people
    ));
    if r.covered {
        ui.label(lang.t(sp::IN_CIRCLE));
    } else {
        crate::ui::error_ui(ui, lang.t(sp::OUT_OF_CIRCLE));
    }
    ui.separator();
    ui.strong(lang.t(sp::CARD_NEAREST));
    for tier in Tier::ALL {
        if let Some(n) = r.nearest[tier.index()] {
            ui.label(
                sp::nearest_line(
                    lang.t(sp::tier(tier)),
                    report.site_name(n.point),
                    n.distance_m.round(),
                    report.reach.minutes_for(n.distance_m).round(),
                )
                .get(lang),
            );
        }
    }
}
