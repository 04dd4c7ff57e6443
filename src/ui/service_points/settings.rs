//! Settings ▸ Service points: the circle's reach (travel mode, speed, minutes, detour
//! factor, with the radius it makes), and the outline import (GeoJSON, with its datum).

use egui::Ui;

use crate::domain::access::{Action, Area};
use crate::domain::service_points::{Reach, TravelMode};
use crate::domain::spatial::Datum;
use crate::i18n::{Msg, service_points as sp};
use crate::store::service_points::{self as points, outlines};
use crate::ui::{Ctx, Notice, Permit};

/// State of the section.
#[derive(Default)]
pub struct ServicePointSettings {
    read_at: Option<u64>,
    mode: Option<TravelMode>,
    speed: String,
    minutes: String,
    detour: String,
    reach_error: Option<Msg>,
    outline_path: String,
    villages_path: String,
    datum: Datum,
    kept: Option<(usize, usize)>,
    message: Option<Notice>,
}

impl ServicePointSettings {
    fn reload(&mut self, cx: &Ctx<'_>) {
        let rev = cx.rev(&["settings", "map_outlines"]);
        if self.read_at == Some(rev) {
            return;
        }
        self.read_at = Some(rev);
        let conn = &cx.store.read();
        match points::reach(conn) {
            Ok(reach) => {
                self.mode = Some(reach.mode);
                self.speed = reach.speed_kmh.to_string();
                self.minutes = reach.minutes.to_string();
                self.detour = reach.detour.to_string();
            }
            Err(e) => self.reach_error = Some(Notice::store_error(&e).msg),
        }
        self.kept = outlines::all(conn)
            .ok()
            .map(|list| (list.len(), list.iter().map(|o| o.vertices()).sum()));
    }

    /// Draws the section, for those who may read the service points.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        if !cx.may(Area::ServicePoints, Action::Read) {
            return;
        }
        let lang = cx.lang;
        self.reload(cx);
        ui.heading(lang.t(sp::SETTINGS_TITLE));
        ui.label(lang.t(sp::SETTINGS_REACH));
        // The reach is kept in the ledger's settings: an administrator's.
        let permit = Permit::keeps_accounts(cx.store.session());
        permit.section_ui(ui, lang, |ui| {
            permit.fields_ui(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(lang.t(sp::FIELD_MODE));
                    for mode in TravelMode::ALL {
                        if ui
                            .selectable_label(self.mode == Some(mode), lang.t(sp::mode(mode)))
                            .clicked()
                        {
                            self.mode = Some(mode);
                            self.speed = mode.usual_speed_kmh().to_string();
                        }
                    }
                });
                ui.horizontal(|ui| {
                    crate::ui::text_field_ui(ui, lang.t(sp::FIELD_SPEED), &mut self.speed, 50.0);
                    crate::ui::text_field_ui(
                        ui,
                        lang.t(sp::FIELD_MINUTES),
                        &mut self.minutes,
                        40.0,
                    );
                    crate::ui::text_field_ui(ui, lang.t(sp::FIELD_DETOUR), &mut self.detour, 40.0);
                });
            });
            let reach = self.parsed();
            match reach {
                Some(r) if r.is_valid() => {
                    ui.label(
                        sp::radius_explained(
                            r.minutes,
                            lang.t(sp::mode(r.mode)),
                            r.radius_shown_m(),
                        )
                        .get(lang),
                    );
                }
                _ => {
                    crate::ui::field_error_ui(ui, lang.t(sp::REACH_INVALID));
                }
            }
            if let Some(e) = &self.reach_error {
                crate::ui::field_error_ui(ui, e.get(lang));
            }
            if permit.button(ui, lang, lang.t(sp::SAVE_REACH))
                && let Some(r) = reach
            {
                match cx.store.write(|w| points::set_reach(w, &r)) {
                    Ok(()) => {
                        self.reach_error = None;
                        self.message = Some(Notice::info(sp::REACH_SAVED));
                    }
                    Err(e) => self.reach_error = Some(Notice::store_error(&e).msg),
                }
            }
        });
        ui.add_space(8.0);
        ui.label(lang.t(sp::SETTINGS_OUTLINE));
        if let Some((count, vertices)) = self.kept {
            ui.weak(sp::outlines_kept(count, vertices).get(lang));
        }
        let permit = Permit::district(cx.store.session(), Area::ServicePoints, Action::Administer);
        permit.section_ui(ui, lang, |ui| {
            permit.fields_ui(ui, |ui| {
                ui.horizontal(|ui| {
                    crate::ui::text_field_ui(
                        ui,
                        lang.t(sp::FIELD_OUTLINE_FILE),
                        &mut self.outline_path,
                        260.0,
                    );
                    if ui.button(lang.t(sp::CHOOSE_FILE)).clicked()
                        && let Some(path) = rfd::FileDialog::new()
                            .add_filter("GeoJSON", &["geojson", "json"])
                            .pick_file()
                    {
                        self.outline_path = path.display().to_string();
                    }
                });
                ui.horizontal(|ui| {
                    ui.label(lang.t(sp::FIELD_DATUM));
                    for d in Datum::ALL {
                        ui.selectable_value(&mut self.datum, d, lang.t(sp::datum(d)));
                    }
                });
            });
            if permit.button(ui, lang, lang.t(sp::IMPORT_OUTLINE)) {
                self.import(cx);
            }
        });
        ui.add_space(8.0);
        ui.label(lang.t(sp::SETTINGS_VILLAGES));
        // Coordinates of villages are the region tree's: its administrators'.
        let permit = Permit::district(cx.store.session(), Area::Registry, Action::Administer);
        permit.section_ui(ui, lang, |ui| {
            permit.fields_ui(ui, |ui| {
                crate::ui::text_field_ui(
                    ui,
                    lang.t(sp::FIELD_VILLAGE_FILE),
                    &mut self.villages_path,
                    260.0,
                );
            });
            if permit.button(ui, lang, lang.t(sp::IMPORT_VILLAGES)) {
                self.import_villages(cx);
            }
        });
        crate::ui::message_ui(ui, &self.message, lang);
        ui.add_space(12.0);
    }

    fn import_villages(&mut self, cx: &mut Ctx<'_>) {
        let text = match std::fs::read_to_string(self.villages_path.trim()) {
            Ok(text) => text,
            Err(e) => {
                self.message = Some(Notice::store_error(&crate::store::StoreError::Io(e)));
                return;
            }
        };
        let datum = self.datum;
        self.message = Some(
            match cx
                .store
                .write(|w| points::import_village_coordinates(w, &text, datum))
            {
                Ok(count) => Notice::info(sp::villages_imported(count)),
                Err(e) => Notice::store_error(&e),
            },
        );
    }

    fn parsed(&self) -> Option<Reach> {
        Some(Reach {
            mode: self.mode?,
            speed_kmh: self.speed.trim().parse().ok()?,
            minutes: self.minutes.trim().parse().ok()?,
            detour: self.detour.trim().parse().ok()?,
        })
    }

    fn import(&mut self, cx: &mut Ctx<'_>) {
        let path = std::path::PathBuf::from(self.outline_path.trim());
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                self.message = Some(Notice::store_error(&crate::store::StoreError::Io(e)));
                return;
            }
        };
        let datum = self.datum;
        let source = path.display().to_string();
        self.message = Some(
            match cx
                .store
                .write(|w| outlines::import(w, &text, datum, &source))
            {
                Ok(done) => Notice::info(sp::outline_imported(done.outlines, done.vertices)),
                Err(e) => Notice::store_error(&e),
            },
        );
    }
}
