//! The form to create or edit a post.

use egui::{RichText, Ui};

use crate::domain::PostId;
use crate::domain::access::{Action, Area as Access};
use crate::domain::money::{format_hours_tenths, parse_hours_tenths};
use crate::domain::pay::Area;
use crate::domain::placement::{PostCategory, PostStatus};
use crate::i18n::{Lang, Msg, common as c, pay_rules as pr, placements as pl};
use crate::store::Store;
use crate::store::posts::{self, NewPost, Post};
use crate::store::regions::Region;
use crate::ui::{Notice, Permit, field_error_ui, text_field_ui};

/// The post form as typed.
pub(super) struct PostForm {
    pub(super) editing: Option<PostId>,
    /// Where the post edited is on file: whether the user may change it depends on its
    /// street.
    stored_region: Option<crate::domain::RegionId>,
    title: String,
    category: PostCategory,
    area: Area,
    host_unit: String,
    region: Option<crate::domain::RegionId>,
    headcount: i64,
    monthly_hours: String,
    min_hours: String,
    max_hours: String,
    funded_from: String,
    funded_to: String,
    status: PostStatus,
    error: Option<Msg>,
}

pub(super) enum PostAction {
    None,
    Close,
    Saved(String),
    Place(PostId),
}

impl PostForm {
    pub(super) fn new(today: jiff::civil::Date) -> PostForm {
        PostForm {
            editing: None,
            stored_region: None,
            title: String::new(),
            category: PostCategory::PublicService,
            area: Area::Rural,
            host_unit: String::new(),
            region: None,
            headcount: 1,
            monthly_hours: "80".into(),
            min_hours: String::new(),
            max_hours: String::new(),
            funded_from: today.to_string(),
            funded_to: today
                .checked_add(jiff::Span::new().years(3))
                .unwrap_or(today)
                .to_string(),
            status: PostStatus::Open,
            error: None,
        }
    }

    pub(super) fn edit(p: &Post) -> PostForm {
        let f = &p.fields;
        PostForm {
            editing: Some(p.id),
            stored_region: Some(f.region_id),
            title: f.title.clone(),
            category: f.category,
            area: f.area,
            host_unit: f.host_unit.clone(),
            region: Some(f.region_id),
            headcount: f.headcount,
            monthly_hours: f
                .monthly_hours_tenths
                .map(format_hours_tenths)
                .unwrap_or_default(),
            min_hours: f
                .min_hours_tenths
                .map(format_hours_tenths)
                .unwrap_or_default(),
            max_hours: f
                .max_hours_tenths
                .map(format_hours_tenths)
                .unwrap_or_default(),
            funded_from: f.funded_from.to_string(),
            funded_to: f.funded_to.to_string(),
            status: f.status,
            error: None,
        }
    }

    pub(super) fn ui(
        &mut self,
        ui: &mut Ui,
        store: &mut Store,
        lang: Lang,
        villages: &[&Region],
        regions: &[Region],
    ) -> PostAction {
        let mut action = PostAction::None;
        let session = store.session();
        let permit = match self.stored_region {
            Some(region) => Permit::at(
                session,
                Access::Placements,
                Action::Write,
                crate::ui::regions::street_of(regions, region),
            ),
            None => Permit::somewhere(session, Access::Placements, Action::Write),
        };
        // Placing a person on the post: a write on the post's street, as the post itself.
        let may_place = permit;
        ui.heading(lang.t(if self.editing.is_some() {
            pl::EDIT_POST
        } else {
            pl::NEW_POST
        }));
        permit.fields_ui(ui, |ui| {
            egui::Grid::new("post_form")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    text_field_ui(ui, lang.t(pl::COL_POST), &mut self.title, 200.0);
                    ui.end_row();
                    let label = ui.label(lang.t(pl::POST_CATEGORY));
                    egui::ComboBox::from_id_salt("form_category")
                        .selected_text(self.category.label(lang))
                        .show_ui(ui, |ui| {
                            for c in PostCategory::ALL {
                                ui.selectable_value(&mut self.category, *c, c.label(lang));
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                    ui.label(lang.t(pl::POST_AREA));
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut self.area, Area::Urban, lang.t(pl::AREA_URBAN));
                        ui.radio_value(&mut self.area, Area::Rural, lang.t(pl::AREA_RURAL));
                    });
                    ui.end_row();
                    text_field_ui(ui, lang.t(pl::HOST_UNIT), &mut self.host_unit, 200.0);
                    ui.end_row();
                    let label = ui.label(lang.t(c::COL_PLACE));
                    let chosen = self
                        .region
                        .and_then(|id| villages.iter().find(|r| r.id == id))
                        .map_or(lang.t(c::CHOOSE_REGION), |r| r.short_name.as_str());
                    egui::ComboBox::from_id_salt("form_village")
                        .selected_text(chosen)
                        .height(360.0)
                        .show_ui(ui, |ui| {
                            for r in villages {
                                ui.selectable_value(&mut self.region, Some(r.id), &r.short_name);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(lang.t(pl::HEADCOUNT));
                    ui.add(egui::DragValue::new(&mut self.headcount).range(1..=500))
                        .labelled_by(label.id);
                    ui.end_row();
                    if self.area == Area::Rural {
                        text_field_ui(ui, lang.t(pl::MONTHLY_HOURS), &mut self.monthly_hours, 80.0);
                        ui.end_row();
                        text_field_ui(ui, lang.t(pr::MIN_HOURS), &mut self.min_hours, 80.0);
                        ui.end_row();
                        text_field_ui(ui, lang.t(pr::MAX_HOURS), &mut self.max_hours, 80.0);
                        ui.end_row();
                    }
                    text_field_ui(ui, lang.t(pl::FUNDED_FROM), &mut self.funded_from, 110.0);
                    ui.end_row();
                    text_field_ui(ui, lang.t(pl::FUNDED_TO), &mut self.funded_to, 110.0);
                    ui.end_row();
                    ui.label(lang.t(pl::POST_STATUS));
                    ui.horizontal(|ui| {
                        for s in PostStatus::ALL {
                            ui.radio_value(&mut self.status, *s, s.label(lang));
                        }
                    });
                    ui.end_row();
                })
        });
        if let Some(error) = &self.error {
            field_error_ui(ui, error.get(lang));
        }
        ui.horizontal(|ui| {
            if permit.button(ui, lang, lang.t(c::SAVE)) {
                action = self.save(store);
            }
            let close = if permit.allows() { c::CANCEL } else { c::CLOSE };
            if ui.button(lang.t(close)).clicked() {
                action = PostAction::Close;
            }
            if let Some(id) = self.editing
                && may_place.button(ui, lang, RichText::new(lang.t(pl::PLACE_PERSON)).strong())
            {
                action = PostAction::Place(id);
            }
        });
        action
    }

    fn save(&mut self, store: &mut Store) -> PostAction {
        let dates = (
            self.funded_from.trim().parse(),
            self.funded_to.trim().parse(),
        );
        let hours = match self.area {
            Area::Urban => Ok(None),
            Area::Rural => parse_hours_tenths(&self.monthly_hours).map(Some),
        };
        // An empty floor or ceiling is none; urban posts have neither.
        let optional_hours = |text: &str| -> Result<Option<i64>, ()> {
            match (self.area, text.trim()) {
                (Area::Urban, _) | (_, "") => Ok(None),
                (Area::Rural, t) => parse_hours_tenths(t).map(Some).map_err(|_| ()),
            }
        };
        let (Ok(min_hours_tenths), Ok(max_hours_tenths)) = (
            optional_hours(&self.min_hours),
            optional_hours(&self.max_hours),
        ) else {
            self.error = Some(pr::HOURS_LIMITS_INVALID.into());
            return PostAction::None;
        };
        let (Ok(funded_from), Ok(funded_to)) = dates else {
            self.error = Some(pl::BAD_DATE.into());
            return PostAction::None;
        };
        let (Ok(monthly_hours_tenths), Some(region_id)) = (hours, self.region) else {
            self.error = Some(pl::POST_FORM_INCOMPLETE.into());
            return PostAction::None;
        };
        if self.title.trim().is_empty()
            || self.host_unit.trim().is_empty()
            || funded_to < funded_from
        {
            self.error = Some(pl::POST_FORM_INCOMPLETE.into());
            return PostAction::None;
        }
        let new = NewPost {
            title: self.title.clone(),
            category: self.category,
            area: self.area,
            host_unit: self.host_unit.clone(),
            region_id,
            headcount: self.headcount,
            monthly_hours_tenths,
            min_hours_tenths,
            max_hours_tenths,
            funded_from,
            funded_to,
            status: self.status,
        };
        let editing = self.editing;
        match store.write(|w| match editing {
            Some(id) => posts::update(w, id, &new),
            None => posts::insert(w, &new).map(|_| ()),
        }) {
            Ok(()) => PostAction::Saved(new.title),
            Err(e) => {
                self.error = Some(Notice::store_error(&e).msg);
                PostAction::None
            }
        }
    }
}
