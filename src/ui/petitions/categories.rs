//! The categories of matters as settings: each with its default owner unit and deadlines in
//! working days (plain and complex), editable by an administrator of the petition log; the
//! others read them with the reason they may not change them.

use egui::{RichText, Ui};

use super::Shared;
use crate::domain::access::{Action, Area};
use crate::i18n::{Msg, common as c, petitions as pt};
use crate::store::petitions::{self, MatterCategory, NewMatterCategory};
use crate::ui::{Ctx, Notice};

/// One category's fields as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    code: String,
    name_zh: String,
    name_en: String,
    owner_unit: String,
    days: String,
    complex_days: String,
    active: bool,
    /// A new category: its code can be typed.
    new: bool,
}

impl Row {
    fn of(c: &MatterCategory) -> Row {
        Row {
            code: c.code.clone(),
            name_zh: c.name_zh.clone(),
            name_en: c.name_en.clone(),
            owner_unit: c.owner_unit.clone(),
            days: c.deadline_days.to_string(),
            complex_days: c.complex_days.to_string(),
            active: c.active,
            new: false,
        }
    }

    fn input(&self) -> Result<NewMatterCategory, Msg> {
        let days = |s: &str| {
            s.trim()
                .parse::<u32>()
                .map_err(|_| Msg::from(pt::RULE_DEADLINE_DAYS))
        };
        Ok(NewMatterCategory {
            code: self.code.clone(),
            name_zh: self.name_zh.clone(),
            name_en: self.name_en.clone(),
            owner_unit: self.owner_unit.clone(),
            deadline_days: days(&self.days)?,
            complex_days: days(&self.complex_days)?,
            active: self.active,
        })
    }
}

/// State of the categories view.
#[derive(Default)]
pub struct CategoriesView {
    /// The rows being edited, and the revision of the categories they were taken from.
    rows: Option<(u64, Vec<Row>)>,
    message: Option<Notice>,
}

impl CategoriesView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, shared: &Shared) {
        let lang = cx.lang;
        let rev = cx.rev(&["petition_categories"]);
        if self.rows.as_ref().is_none_or(|(r, _)| *r != rev) {
            self.rows = Some((rev, shared.categories().iter().map(Row::of).collect()));
        }
        let permit = cx.permit_district(Area::Petitions, Action::Administer);
        ui.label(RichText::new(lang.t(pt::CATEGORIES_RULE)).weak());
        crate::ui::message_ui(ui, &self.message, lang);
        let Some((_, rows)) = &mut self.rows else {
            return;
        };
        let mut save = None;
        permit.section_ui(ui, lang, |ui| {
            egui::Grid::new("matter_categories")
                .striped(true)
                .num_columns(8)
                .show(ui, |ui| {
                    for h in [
                        pt::COL_CODE,
                        pt::COL_NAME_ZH,
                        pt::COL_NAME_EN,
                        pt::FIELD_OWNER_UNIT,
                        pt::COL_DAYS,
                        pt::COL_COMPLEX_DAYS,
                        pt::COL_ACTIVE,
                    ] {
                        ui.label(RichText::new(lang.t(h)).strong());
                    }
                    ui.end_row();
                    for (n, row) in rows.iter_mut().enumerate() {
                        ui.add_enabled(
                            row.new,
                            egui::TextEdit::singleline(&mut row.code).desired_width(80.0),
                        );
                        ui.add(egui::TextEdit::singleline(&mut row.name_zh).desired_width(80.0));
                        ui.add(egui::TextEdit::singleline(&mut row.name_en).desired_width(120.0));
                        ui.add(
                            egui::TextEdit::singleline(&mut row.owner_unit).desired_width(140.0),
                        );
                        ui.add(egui::TextEdit::singleline(&mut row.days).desired_width(40.0));
                        ui.add(
                            egui::TextEdit::singleline(&mut row.complex_days).desired_width(40.0),
                        );
                        ui.checkbox(&mut row.active, "");
                        if ui.button(lang.t(c::SAVE)).clicked() {
                            save = Some(n);
                        }
                        ui.end_row();
                    }
                });
            if ui.button(lang.t(pt::ADD_CATEGORY)).clicked() {
                rows.push(Row {
                    code: String::new(),
                    name_zh: String::new(),
                    name_en: String::new(),
                    owner_unit: String::new(),
                    days: "7".into(),
                    complex_days: "15".into(),
                    active: true,
                    new: true,
                });
            }
        });
        let Some(n) = save else { return };
        self.message = Some(match rows[n].input() {
            Ok(input) => match cx.store.write(|w| petitions::save_category(w, &input)) {
                Ok(_) => Notice::info(c::SETTINGS_SAVED),
                Err(e) => Notice::store_error(&e),
            },
            Err(msg) => Notice::error(msg),
        });
    }
}
