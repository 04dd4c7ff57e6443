//! The Service points tab (医保服务点): the offline map with the 10-minute circle, the point
//! list with its form, the coverage analysis and the service log.
//!
//! The points are read on the window's thread (a few hundred rows); the coverage and the
//! outlines (tens of thousands of vertices) on the reading thread. Each is kept with the
//! revision it was read for, and the map's plane geometry is made once per load.

mod cards;
mod coverage_view;
mod form;
mod log_view;
pub mod map;
pub mod settings;

use egui::Ui;

use super::loaded::Loaded;
use super::{Ctx, Notice, Tab};
use crate::domain::access::{Action, Area, Session};
use crate::domain::region::RegionLevel;
use crate::domain::service_points::{PointStatus, Tier};
use crate::domain::spatial::mercator;
use crate::domain::spatial::outline::Outline;
use crate::i18n::{Lang, Text, service_points as sp};
use crate::store::regions::{self, Region};
use crate::store::service_points::coverage::{self, CoverageReport};
use crate::store::service_points::{self as points, PointFilter, Service, ServicePoint, outlines};
use map::{MapData, MapEvent, MapOptions, MapPoint, MapView, MapVillage, Picked, Ring};

/// The tables the points list shows.
const POINT_TABLES: &[&str] = &["service_points", "sp_services", "regions"];
/// The tables the coverage is computed from.
const COVERAGE_TABLES: &[&str] = &["service_points", "regions", "people", "settings"];

/// What the map's geometry was made from: the keys of the points, the coverage and the
/// outlines it shows.
type MapKey = (Option<(u64, PointFilter)>, Option<u64>, Option<u64>);

/// The views inside the tab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum View {
    #[default]
    Map,
    Points,
    Coverage,
    Log,
}

/// State of the Service points tab.
pub struct ServicePointsTab {
    view: View,
    filter: PointFilter,
    show_circle: bool,
    show_villages: bool,
    points: Loaded<(u64, PointFilter), Vec<ServicePoint>>,
    every_point: Loaded<u64, Vec<ServicePoint>>,
    coverage: Loaded<u64, CoverageReport>,
    outlines: Loaded<u64, Vec<Outline>>,
    services: Loaded<u64, Vec<Service>>,
    regions: Loaded<u64, Vec<Region>>,
    map: MapView,
    map_data: MapData,
    map_for: Option<MapKey>,
    selected: Option<Picked>,
    form: Option<Box<form::PointForm>>,
    log: log_view::LogView,
    message: Option<Notice>,
}

impl Default for ServicePointsTab {
    fn default() -> Self {
        ServicePointsTab {
            view: View::default(),
            filter: PointFilter::default(),
            show_circle: false,
            show_villages: true,
            points: Loaded::default(),
            every_point: Loaded::default(),
            coverage: Loaded::default(),
            outlines: Loaded::default(),
            services: Loaded::default(),
            regions: Loaded::default(),
            map: MapView::default(),
            map_data: MapData::default(),
            map_for: None,
            selected: None,
            form: None,
            log: log_view::LogView::default(),
            message: None,
        }
    }
}

impl Tab for ServicePointsTab {
    fn id(&self) -> &'static str {
        "service_points"
    }

    fn title(&self) -> Text {
        sp::TAB
    }

    /// To those who may read the service points somewhere (a street's clerk sees the
    /// street's points and villages; the store narrows every list).
    fn shown_to(&self, session: &Session) -> bool {
        session.may_somewhere(Area::ServicePoints, Action::Read)
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        self.reload(cx);
        ui.horizontal(|ui| {
            for (view, label) in [
                (View::Map, sp::VIEW_MAP),
                (View::Points, sp::VIEW_POINTS),
                (View::Coverage, sp::VIEW_COVERAGE),
                (View::Log, sp::VIEW_LOG),
            ] {
                ui.selectable_value(&mut self.view, view, lang.t(label));
            }
        });
        ui.separator();
        if self.form.is_some() {
            egui::Panel::right("sp_form")
                .resizable(true)
                .default_size(380.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| self.form_ui(ui, cx));
                });
        } else if self.view == View::Map && self.selected.is_some() {
            egui::Panel::right("sp_card")
                .resizable(true)
                .default_size(320.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| self.card_ui(ui, cx));
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            crate::ui::message_ui(ui, &self.message, lang);
            match self.view {
                View::Map => self.map_view_ui(ui, cx),
                View::Points => self.points_view_ui(ui, cx),
                View::Coverage => self.coverage_view_ui(ui, cx),
                View::Log => {
                    let points = self.every_point.rows().cloned().unwrap_or_default();
                    let services = self.services.rows().cloned().unwrap_or_default();
                    self.log.ui(ui, cx, &points, &services);
                }
            }
        });
    }
}

impl ServicePointsTab {
    fn reload(&mut self, cx: &Ctx<'_>) {
        let conn = &cx.store.read();
        self.regions
            .ensure_now(conn, cx.rev(&["regions"]), regions::all);
        self.services
            .ensure_now(conn, cx.rev(&["sp_services"]), points::services);
        let filter = self.filter.clone();
        self.points
            .ensure_now(conn, (cx.rev(POINT_TABLES), filter.clone()), |conn| {
                points::list(conn, &filter)
            });
        self.every_point
            .ensure_now(conn, cx.rev(POINT_TABLES), |conn| {
                points::list(conn, &PointFilter::default())
            });
        self.coverage
            .ensure_later(cx, cx.rev(COVERAGE_TABLES), coverage::report);
        self.outlines
            .ensure_later(cx, cx.rev(&["map_outlines"]), outlines::all);
        let wanted = (
            self.points.key().cloned(),
            self.coverage.key().copied(),
            self.outlines.key().copied(),
        );
        if self.map_for.as_ref() != Some(&wanted) {
            self.map_data = self.make_map_data(conn);
            self.map_for = Some(wanted);
        }
    }

    /// The map's plane geometry from what was read.
    fn make_map_data(&self, conn: &crate::store::Read<'_>) -> MapData {
        let points = self
            .points
            .rows()
            .map(|rows| {
                rows.iter()
                    .filter_map(|p| {
                        let (lon, lat) = p.fields.at?;
                        Some(MapPoint {
                            id: p.id,
                            tier: p.fields.tier,
                            status: p.fields.status,
                            name: p.fields.name.clone(),
                            at: mercator::project(lon, lat),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let (villages, radius_m) = self
            .coverage
            .rows()
            .map(|report| {
                let villages = report
                    .villages
                    .iter()
                    .enumerate()
                    .filter_map(|(index, v)| {
                        let (lon, lat) = v.village.at?;
                        Some(MapVillage {
                            index,
                            name: v.name.clone(),
                            covered: report.reach_of[index].covered,
                            at: mercator::project(lon, lat),
                        })
                    })
                    .collect();
                (villages, report.reach.radius_m())
            })
            .unwrap_or_default();
        let outlines = self
            .outlines
            .rows()
            .map(|list| {
                list.iter()
                    .flat_map(|o| o.shape.0.iter())
                    .flat_map(|polygon| {
                        std::iter::once(polygon.exterior()).chain(polygon.interiors())
                    })
                    .map(|ring| Ring::from_lon_lat(ring.0.iter().map(|c| (c.x, c.y))))
                    .collect()
            })
            .unwrap_or_default();
        let generated = crate::store::settings::get(conn, crate::jobs::demo::DEMO_ACCOUNTS_KEY)
            .ok()
            .flatten()
            .is_some();
        MapData {
            points,
            villages,
            outlines,
            radius_m,
            generation: self.map_data.generation + 1,
            generated,
        }
    }

    fn streets(&self) -> Vec<&Region> {
        self.regions
            .rows()
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|r| matches!(r.level, RegionLevel::Street | RegionLevel::FunctionArea))
            .collect()
    }

    /// The filters over the map and the list: tier as buttons, the rest as drop-downs.
    fn filters_ui(&mut self, ui: &mut Ui, lang: Lang) {
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut self.filter.tier, None, lang.t(sp::ALL_TIERS));
            for tier in Tier::ALL {
                ui.selectable_value(&mut self.filter.tier, Some(tier), lang.t(sp::tier(tier)));
            }
            ui.separator();
            let services = self.services.rows().cloned().unwrap_or_default();
            let shown = self
                .filter
                .service
                .and_then(|id| services.iter().find(|s| s.id == id))
                .map_or(lang.t(sp::ALL_SERVICES).to_string(), |s| {
                    s.name(lang).to_string()
                });
            let label = ui.label(lang.t(sp::FILTER_SERVICE));
            egui::ComboBox::from_id_salt("sp_service")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.service, None, lang.t(sp::ALL_SERVICES));
                    for s in &services {
                        ui.selectable_value(&mut self.filter.service, Some(s.id), s.name(lang));
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label(lang.t(sp::FILTER_STATUS));
            egui::ComboBox::from_id_salt("sp_status")
                .selected_text(
                    self.filter
                        .status
                        .map_or(lang.t(sp::ALL_STATUSES), |s| lang.t(sp::status(s))),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.status, None, lang.t(sp::ALL_STATUSES));
                    for s in PointStatus::ALL {
                        ui.selectable_value(
                            &mut self.filter.status,
                            Some(s),
                            lang.t(sp::status(s)),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            let streets: Vec<(crate::domain::RegionId, String)> = self
                .streets()
                .iter()
                .map(|r| (r.id, r.short_name.clone()))
                .collect();
            let label = ui.label(lang.t(sp::FILTER_STREET));
            let shown = self
                .filter
                .street
                .and_then(|id| streets.iter().find(|s| s.0 == id))
                .map_or(lang.t(sp::ALL_STREETS).to_string(), |s| s.1.clone());
            egui::ComboBox::from_id_salt("sp_street")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.street, None, lang.t(sp::ALL_STREETS));
                    for (id, name) in &streets {
                        ui.selectable_value(&mut self.filter.street, Some(*id), name);
                    }
                })
                .response
                .labelled_by(label.id);
        });
    }

    fn map_view_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        self.filters_ui(ui, lang);
        let placing = self.form.as_ref().is_some_and(|f| f.placing);
        ui.horizontal(|ui| {
            ui.checkbox(&mut self.show_circle, lang.t(sp::SHOW_CIRCLE));
            ui.checkbox(&mut self.show_villages, lang.t(sp::SHOW_VILLAGES));
            if ui.button(lang.t(sp::FIT)).clicked() {
                self.map.fit();
            }
            if let Some(report) = self.coverage.rows() {
                ui.label(
                    sp::radius_explained(
                        report.reach.minutes,
                        lang.t(sp::mode(report.reach.mode)),
                        report.reach.radius_shown_m(),
                    )
                    .get(lang),
                );
            }
            if self.coverage.loading() || self.outlines.loading() {
                ui.spinner();
            }
            if placing {
                ui.strong(lang.t(sp::PLACING_HINT));
            }
        });
        self.coverage.status_ui(ui, lang);
        self.outlines.status_ui(ui, lang);
        self.points.status_ui(ui, lang);
        if placing
            && ui.input(|i| i.key_pressed(egui::Key::Escape))
            && let Some(f) = &mut self.form
        {
            f.placing = false;
        }
        let options = MapOptions {
            show_circle: self.show_circle,
            show_villages: self.show_villages,
            placing,
        };
        let size = ui.available_size().max(egui::vec2(200.0, 200.0));
        match self
            .map
            .ui(ui, size, &self.map_data, options, self.selected, lang)
        {
            MapEvent::None => {}
            MapEvent::Picked(picked) => self.selected = picked,
            MapEvent::Placed(lon, lat) => {
                if let Some(f) = &mut self.form {
                    f.place_at(lon, lat);
                }
            }
        }
    }

    fn points_view_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        self.filters_ui(ui, lang);
        let may_write = cx.permit(Area::ServicePoints, Action::Write);
        ui.horizontal(|ui| {
            if may_write.button(ui, lang, lang.t(sp::NEW_POINT)) {
                self.form = Some(Box::new(form::PointForm::blank(cx.today())));
            }
            if let Some(rows) = self.points.rows() {
                ui.label(sp::points_count(rows.len()).get(lang));
            }
        });
        let Some(rows) = self.points.status_ui(ui, lang) else {
            return;
        };
        let services = self.services.rows().cloned().unwrap_or_default();
        let mut edit = None;
        cards::points_table_ui(ui, lang, rows, &services, &cx.masker, &mut edit);
        // A click on a row opens its form for those who may change points; the store
        // still checks the point's street on saving.
        if may_write.allows()
            && let Some(id) = edit
            && let Some(point) = rows.iter().find(|p| p.id == id)
        {
            self.form = Some(Box::new(form::PointForm::editing(point)));
        }
    }

    fn coverage_view_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        let Some(report) = self.coverage.status_ui(ui, lang) else {
            return;
        };
        let may_write = cx.permit(Area::ServicePoints, Action::Write);
        if let Some(index) = coverage_view::coverage_ui(ui, cx, report, may_write) {
            let v = &report.villages[index];
            self.form = Some(Box::new(form::PointForm::at_village(v, cx.today())));
        }
    }

    fn card_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        if ui.button(lang.t(sp::CARD_CLOSE)).clicked() {
            self.selected = None;
            return;
        }
        let services = self.services.rows().cloned().unwrap_or_default();
        match self.selected {
            Some(Picked::Point(id)) => {
                let Some(point) = self
                    .every_point
                    .rows()
                    .and_then(|r| r.iter().find(|p| p.id == id))
                    .cloned()
                else {
                    return;
                };
                let parent = point.fields.parent.and_then(|pid| {
                    self.every_point
                        .rows()
                        .and_then(|r| r.iter().find(|p| p.id == pid))
                        .map(|p| p.fields.name.clone())
                });
                cards::point_card_ui(ui, lang, &point, parent.as_deref(), &services, &cx.masker);
                let may = crate::ui::Permit::somewhere(
                    cx.store.session(),
                    Area::ServicePoints,
                    Action::Write,
                );
                if may.button(ui, lang, lang.t(sp::EDIT)) {
                    self.form = Some(Box::new(form::PointForm::editing(&point)));
                }
            }
            Some(Picked::Village(index)) => {
                let Some(report) = self.coverage.rows() else {
                    return;
                };
                cards::village_card_ui(ui, lang, report, index);
                let may = cx.permit(Area::ServicePoints, Action::Write);
                if may.button(ui, lang, lang.t(sp::NEW_POINT_HERE))
                    && let Some(v) = report.villages.get(index)
                {
                    self.form = Some(Box::new(form::PointForm::at_village(v, cx.today())));
                }
            }
            None => {}
        }
    }

    fn form_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let Some(f) = &mut self.form else {
            return;
        };
        let every = self.every_point.rows().cloned().unwrap_or_default();
        let regions = self.regions.rows().cloned().unwrap_or_default();
        let services = self.services.rows().cloned().unwrap_or_default();
        match f.ui(ui, cx, &every, &regions, &services) {
            form::FormResult::Open => {}
            form::FormResult::Closed => self.form = None,
            form::FormResult::Saved(id) => {
                self.form = None;
                self.selected = Some(Picked::Point(id));
                self.message = Some(Notice::info(sp::SAVED));
            }
            form::FormResult::Place => {
                self.view = View::Map;
            }
        }
    }
}
