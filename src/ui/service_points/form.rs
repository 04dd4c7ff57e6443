//! The point form: every field of a point, coordinates typed in the datum they came in (or
//! placed by a click on the map), each problem said at its field.

use egui::Ui;
use jiff::civil::Date;

use crate::domain::RegionId;
use crate::domain::region::RegionLevel;
use crate::domain::service_points::{
    Handling, NewServicePoint, Offered, PointProblem, PointStatus, ServicePointId, Staff, Tier,
};
use crate::domain::spatial::Datum;
use crate::i18n::{Lang, Msg, service_points as sp};
use crate::store::StoreError;
use crate::store::regions::Region;
use crate::store::service_points::coverage::VillageRow;
use crate::store::service_points::{self as points, Service, ServicePoint, ServicePointRule};
use crate::ui::Ctx;

/// What became of the form this frame.
pub enum FormResult {
    /// Still being filled in.
    Open,
    /// Cancelled.
    Closed,
    /// Saved as this point.
    Saved(ServicePointId),
    /// The user wants to place the point on the map.
    Place,
}

/// A point being entered or changed.
pub struct PointForm {
    editing: Option<ServicePointId>,
    name: String,
    tier: Tier,
    parent: Option<ServicePointId>,
    region: Option<RegionId>,
    address: String,
    lon: String,
    lat: String,
    datum: Datum,
    hours: String,
    phone: String,
    status: PointStatus,
    opened: String,
    closed: String,
    is_new: bool,
    services: Vec<Offered>,
    staff: Vec<Staff>,
    /// A click on the map places the point.
    pub placing: bool,
    coord_error: Option<Msg>,
    date_error: Option<Msg>,
    problems: Vec<PointProblem>,
    error: Option<Msg>,
}

impl PointForm {
    /// An empty form for a village point, opening today.
    pub fn blank(today: Date) -> PointForm {
        PointForm {
            editing: None,
            name: String::new(),
            tier: Tier::Village,
            parent: None,
            region: None,
            address: String::new(),
            lon: String::new(),
            lat: String::new(),
            datum: Datum::Wgs84,
            hours: String::new(),
            phone: String::new(),
            status: PointStatus::Open,
            opened: today.to_string(),
            closed: String::new(),
            is_new: false,
            services: Vec::new(),
            staff: Vec::new(),
            placing: false,
            coord_error: None,
            date_error: None,
            problems: Vec::new(),
            error: None,
        }
    }

    /// A village point for `v`, at the village's coordinates.
    pub fn at_village(v: &VillageRow, today: Date) -> PointForm {
        let mut f = PointForm::blank(today);
        f.name = format!("{}医保工作点", v.name);
        f.region = Some(v.village.id);
        if let Some((lon, lat)) = v.village.at {
            f.lon = format!("{lon:.6}");
            f.lat = format!("{lat:.6}");
        }
        f
    }

    /// The form of a stored point.
    pub fn editing(p: &ServicePoint) -> PointForm {
        let f = &p.fields;
        PointForm {
            editing: Some(p.id),
            name: f.name.clone(),
            tier: f.tier,
            parent: f.parent,
            region: Some(f.region_id),
            address: f.address.clone(),
            lon: f.at.map(|a| format!("{:.6}", a.0)).unwrap_or_default(),
            lat: f.at.map(|a| format!("{:.6}", a.1)).unwrap_or_default(),
            datum: Datum::Wgs84,
            hours: f.hours.clone(),
            phone: f.phone.clone(),
            status: f.status,
            opened: f.opened_on.map(|d| d.to_string()).unwrap_or_default(),
            closed: f.closed_on.map(|d| d.to_string()).unwrap_or_default(),
            is_new: f.is_new,
            services: f.services.clone(),
            staff: f.staff.clone(),
            placing: false,
            coord_error: None,
            date_error: None,
            problems: Vec::new(),
            error: None,
        }
    }

    /// A click on the map: WGS-84, whatever datum was chosen for typing.
    pub fn place_at(&mut self, lon: f64, lat: f64) {
        self.lon = format!("{lon:.6}");
        self.lat = format!("{lat:.6}");
        self.datum = Datum::Wgs84;
        self.placing = false;
        self.coord_error = None;
    }

    fn region_fits(tier: Tier, r: &Region) -> bool {
        match tier {
            Tier::Hall => r.level == RegionLevel::District,
            Tier::Workstation => matches!(r.level, RegionLevel::Street | RegionLevel::FunctionArea),
            Tier::Village => r.level.holds_people(),
            Tier::Hospital => r.level != RegionLevel::District,
        }
    }

    fn problem_ui(&self, ui: &mut Ui, lang: Lang, which: PointProblem) {
        if self.problems.contains(&which) {
            crate::ui::field_error_ui(ui, lang.t(sp::problem(which)));
        }
    }

    /// Draws the form.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut Ctx<'_>,
        every: &[ServicePoint],
        regions: &[Region],
        services: &[Service],
    ) -> FormResult {
        let lang = cx.lang;
        ui.heading(lang.t(if self.editing.is_some() {
            sp::EDIT
        } else {
            sp::NEW_POINT
        }));
        crate::ui::text_field_ui(ui, lang.t(sp::FIELD_NAME), &mut self.name, 300.0);
        self.problem_ui(ui, lang, PointProblem::NameRequired);
        ui.horizontal_wrapped(|ui| {
            ui.label(lang.t(sp::FIELD_TIER));
            for tier in Tier::ALL {
                ui.selectable_value(&mut self.tier, tier, lang.t(sp::tier(tier)));
            }
        });
        let parents: Vec<&ServicePoint> = every
            .iter()
            .filter(|p| Some(p.fields.tier) == self.tier.parent() && Some(p.id) != self.editing)
            .collect();
        let label = ui.label(lang.t(sp::FIELD_PARENT));
        let shown = self
            .parent
            .and_then(|id| every.iter().find(|p| p.id == id))
            .map_or(lang.t(sp::NO_PARENT).to_string(), |p| p.fields.name.clone());
        egui::ComboBox::from_id_salt("sp_form_parent")
            .selected_text(shown)
            .width(300.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.parent, None, lang.t(sp::NO_PARENT));
                for p in &parents {
                    ui.selectable_value(&mut self.parent, Some(p.id), &p.fields.name);
                }
            })
            .response
            .labelled_by(label.id);
        self.problem_ui(ui, lang, PointProblem::WrongParent);
        let label = ui.label(lang.t(sp::FIELD_PLACE));
        let shown = self
            .region
            .and_then(|id| regions.iter().find(|r| r.id == id))
            .map_or(String::new(), |r| r.short_name.clone());
        egui::ComboBox::from_id_salt("sp_form_place")
            .selected_text(shown)
            .width(300.0)
            .show_ui(ui, |ui| {
                let tier = self.tier;
                for r in regions.iter().filter(|r| PointForm::region_fits(tier, r)) {
                    ui.selectable_value(&mut self.region, Some(r.id), &r.short_name);
                }
            })
            .response
            .labelled_by(label.id);
        crate::ui::text_field_ui(ui, lang.t(sp::FIELD_ADDRESS), &mut self.address, 300.0);
        let mut result = FormResult::Open;
        ui.horizontal(|ui| {
            crate::ui::text_field_ui(ui, lang.t(sp::FIELD_LON), &mut self.lon, 100.0);
            crate::ui::text_field_ui(ui, lang.t(sp::FIELD_LAT), &mut self.lat, 100.0);
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(lang.t(sp::FIELD_DATUM));
            for d in Datum::ALL {
                ui.selectable_value(&mut self.datum, d, lang.t(sp::datum(d)));
            }
        });
        if ui.button(lang.t(sp::PLACE_ON_MAP)).clicked() {
            self.placing = true;
            result = FormResult::Place;
        }
        if let Some(e) = &self.coord_error {
            crate::ui::field_error_ui(ui, e.get(lang));
        }
        self.problem_ui(ui, lang, PointProblem::BadCoordinate);
        crate::ui::text_field_ui(ui, lang.t(sp::FIELD_HOURS), &mut self.hours, 300.0);
        crate::ui::text_field_ui(ui, lang.t(sp::FIELD_PHONE), &mut self.phone, 200.0);
        ui.horizontal(|ui| {
            ui.label(lang.t(sp::FIELD_STATUS));
            for s in PointStatus::ALL {
                ui.selectable_value(&mut self.status, s, lang.t(sp::status(s)));
            }
        });
        ui.horizontal(|ui| {
            crate::ui::text_field_ui(ui, lang.t(sp::FIELD_OPENED), &mut self.opened, 100.0);
            crate::ui::text_field_ui(ui, lang.t(sp::FIELD_CLOSED), &mut self.closed, 100.0);
        });
        if let Some(e) = &self.date_error {
            crate::ui::field_error_ui(ui, e.get(lang));
        }
        self.problem_ui(ui, lang, PointProblem::DatesOutOfOrder);
        ui.checkbox(&mut self.is_new, lang.t(sp::FIELD_NEW));
        ui.separator();
        ui.strong(lang.t(sp::COL_SERVICES));
        for s in services.iter().filter(|s| s.active) {
            let position = self.services.iter().position(|o| o.service == s.id);
            ui.horizontal(|ui| {
                let mut on = position.is_some();
                if ui.checkbox(&mut on, s.name(lang)).changed() {
                    match position {
                        Some(i) if !on => {
                            self.services.remove(i);
                        }
                        None if on => self.services.push(Offered {
                            service: s.id,
                            handling: Handling::OnSite,
                        }),
                        _ => {}
                    }
                }
                if let Some(i) = self.services.iter().position(|o| o.service == s.id) {
                    for h in [Handling::OnSite, Handling::Assisted] {
                        ui.selectable_value(
                            &mut self.services[i].handling,
                            h,
                            lang.t(sp::handling(h)),
                        );
                    }
                }
            });
        }
        self.problem_ui(ui, lang, PointProblem::ServiceTwice);
        ui.separator();
        ui.strong(lang.t(sp::COL_STAFF));
        let mut remove = None;
        for (i, s) in self.staff.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                crate::ui::text_field_ui(ui, lang.t(sp::FIELD_STAFF_NAME), &mut s.name, 80.0);
                ui.checkbox(&mut s.full_time, lang.t(sp::FIELD_FULL_TIME));
                crate::ui::text_field_ui(ui, lang.t(sp::FIELD_PHONE), &mut s.phone, 110.0);
                if ui.small_button(lang.t(sp::REMOVE)).clicked() {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            self.staff.remove(i);
        }
        if ui.small_button(lang.t(sp::ADD_STAFF)).clicked() {
            self.staff.push(Staff {
                name: String::new(),
                full_time: self.tier != Tier::Village,
                phone: String::new(),
            });
        }
        self.problem_ui(ui, lang, PointProblem::StaffNameRequired);
        ui.separator();
        if let Some(e) = &self.error {
            crate::ui::error_ui(ui, e.get(lang));
        }
        ui.horizontal(|ui| {
            if ui.button(lang.t(sp::SAVE)).clicked()
                && let Some(id) = self.save(cx)
            {
                result = FormResult::Saved(id);
            }
            if ui.button(lang.t(sp::CANCEL)).clicked() {
                result = FormResult::Closed;
            }
        });
        result
    }

    /// The point as entered, or the field errors.
    fn parsed(&mut self) -> Option<NewServicePoint> {
        self.coord_error = None;
        self.date_error = None;
        let at = match (self.lon.trim(), self.lat.trim()) {
            ("", "") => None,
            (lon, lat) => match (lon.parse::<f64>(), lat.parse::<f64>()) {
                (Ok(lon), Ok(lat)) => Some(self.datum.to_wgs84(lon, lat)),
                _ => {
                    self.coord_error = Some(sp::BAD_NUMBER.into());
                    None
                }
            },
        };
        let date = |text: &str| -> Result<Option<Date>, ()> {
            match text.trim() {
                "" => Ok(None),
                t => t.parse().map(Some).map_err(|_| ()),
            }
        };
        let (opened, closed) = (date(&self.opened), date(&self.closed));
        if opened.is_err() || closed.is_err() {
            self.date_error = Some(sp::BAD_DATE.into());
        }
        if self.coord_error.is_some() || self.date_error.is_some() {
            return None;
        }
        let Some(region) = self.region else {
            self.error = Some(sp::PLACE_REQUIRED.into());
            return None;
        };
        Some(NewServicePoint {
            name: self.name.clone(),
            tier: self.tier,
            parent: self.parent,
            region_id: region,
            address: self.address.clone(),
            at,
            hours: self.hours.clone(),
            phone: self.phone.clone(),
            status: self.status,
            opened_on: opened.ok().flatten(),
            closed_on: closed.ok().flatten(),
            is_new: self.is_new,
            services: self.services.clone(),
            staff: self.staff.clone(),
        })
    }

    fn save(&mut self, cx: &mut Ctx<'_>) -> Option<ServicePointId> {
        self.problems.clear();
        self.error = None;
        let point = self.parsed()?;
        let editing = self.editing;
        let saved = cx.store.write(|w| match editing {
            Some(id) => points::update(w, id, &point).map(|()| id),
            None => points::insert(w, &point),
        });
        match saved {
            Ok(id) => Some(id),
            Err(StoreError::ServicePoints(ServicePointRule::Point(problems))) => {
                self.problems = problems;
                None
            }
            Err(e) => {
                self.error = Some(crate::ui::Notice::store_error(&e).msg);
                None
            }
        }
    }
}
