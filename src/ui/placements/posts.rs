//! The posts list with its filters, the post form, and placing a person on the chosen post.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::place_form::PlaceForm;
use crate::domain::PostId;
use crate::domain::money::{format_hours_tenths, parse_hours_tenths};
use crate::domain::pay::Area;
use crate::domain::placement::{PostCategory, PostStatus};
use crate::domain::region::RegionLevel;
use crate::i18n::{Lang, T};
use crate::store::posts::{self, NewPost, Post, PostFilter};
use crate::store::regions::{self, Region};
use crate::store::{Store, placements};
use crate::ui::{Masker, field_error_ui, store_error_message, text_field_ui};

/// The post form as typed.
struct PostForm {
    editing: Option<PostId>,
    title: String,
    category: PostCategory,
    area: Area,
    host_unit: String,
    region: Option<crate::domain::RegionId>,
    headcount: i64,
    monthly_hours: String,
    funded_from: String,
    funded_to: String,
    status: PostStatus,
    error: Option<String>,
}

/// What the right-hand panel shows.
enum Side {
    None,
    Post(PostForm),
    Place(PlaceForm),
}

/// State of the posts view.
pub struct PostsView {
    filter: PostFilter,
    loaded: Option<(u64, PostFilter)>,
    posts: Vec<Post>,
    regions: (u64, Vec<Region>),
    selected: Option<PostId>,
    side: Side,
    message: Option<String>,
}

impl Default for PostsView {
    fn default() -> Self {
        PostsView {
            filter: PostFilter::default(),
            loaded: None,
            posts: Vec::new(),
            regions: (0, Vec::new()),
            selected: None,
            side: Side::None,
            message: None,
        }
    }
}

impl PostsView {
    fn reload(&mut self, store: &Store) {
        let rev = store.revision();
        if self.regions.0 != rev {
            self.regions = (rev, regions::all(store.conn()).unwrap_or_default());
        }
        if self
            .loaded
            .as_ref()
            .is_some_and(|(r, f)| *r == rev && *f == self.filter)
        {
            return;
        }
        self.posts =
            posts::list(store.conn(), &self.filter, crate::domain::today()).unwrap_or_default();
        self.loaded = Some((rev, self.filter.clone()));
    }

    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang, masker: Masker) {
        self.reload(store);
        let side_open = !matches!(self.side, Side::None);
        if side_open {
            egui::Panel::right("post_side")
                .resizable(true)
                .default_size(400.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .show(ui, |ui| self.side_ui(ui, store, lang, masker));
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.filters_ui(ui, lang);
            if let Some(message) = &self.message {
                ui.label(message);
            }
            self.table_ui(ui, lang);
        });
    }

    fn filters_ui(&mut self, ui: &mut Ui, lang: Lang) {
        ui.horizontal_wrapped(|ui| {
            let streets: Vec<&Region> = self
                .regions
                .1
                .iter()
                .filter(|r| matches!(r.level, RegionLevel::Street | RegionLevel::FunctionArea))
                .collect();
            let any = lang.t(T::AnyValue);
            let street_name = self
                .filter
                .street
                .and_then(|id| streets.iter().find(|r| r.id == id))
                .map_or(any, |r| r.short_name.as_str());
            let label = ui.label(lang.t(T::LevelStreet));
            egui::ComboBox::from_id_salt("post_street")
                .selected_text(street_name)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.street, None, any);
                    for r in &streets {
                        ui.selectable_value(&mut self.filter.street, Some(r.id), &r.short_name);
                    }
                })
                .response
                .labelled_by(label.id);
            combo_ui(
                ui,
                "post_category",
                lang.t(T::PostCategory),
                &mut self.filter.category,
                PostCategory::ALL,
                |c| c.label(lang),
                any,
            );
            combo_ui(
                ui,
                "post_area",
                lang.t(T::PostArea),
                &mut self.filter.area,
                &[Area::Urban, Area::Rural],
                |a| area_label(*a, lang),
                any,
            );
            combo_ui(
                ui,
                "post_status",
                lang.t(T::PostStatus),
                &mut self.filter.status,
                PostStatus::ALL,
                |s| s.label(lang),
                any,
            );
            if ui.button(lang.t(T::NewPost)).clicked() {
                self.side = Side::Post(PostForm::new());
            }
            let vacant: i64 = self
                .posts
                .iter()
                .map(|p| (p.fields.headcount - p.filled).max(0))
                .sum();
            ui.label(lang.f(T::PostsCount, &[&self.posts.len(), &vacant]));
        });
    }

    fn table_ui(&mut self, ui: &mut Ui, lang: Lang) {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        let mut clicked = None;
        TableBuilder::new(ui)
            .id_salt("posts_table")
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .column(Column::initial(130.0))
            .column(Column::initial(90.0))
            .column(Column::initial(44.0))
            .column(Column::initial(110.0))
            .column(Column::initial(70.0))
            .column(Column::initial(90.0))
            .column(Column::initial(60.0))
            .column(Column::remainder())
            .header(22.0, |mut h| {
                for t in [
                    T::ColPost,
                    T::PostCategory,
                    T::PostArea,
                    T::ColPlace,
                    T::LevelStreet,
                    T::ColFilled,
                    T::PostStatus,
                    T::ColFunding,
                ] {
                    h.col(|ui| {
                        ui.strong(lang.t(t));
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, self.posts.len(), |mut row| {
                    let p = &self.posts[row.index()];
                    row.set_selected(self.selected == Some(p.id));
                    let f = &p.fields;
                    let vacancy = format!("{}/{}", p.filled, f.headcount);
                    let funding = format!("{} ~ {}", f.funded_from, f.funded_to);
                    for text in [
                        f.title.as_str(),
                        f.category.label(lang),
                        area_label(f.area, lang),
                        &p.place,
                        &p.street,
                        &vacancy,
                        f.status.label(lang),
                        &funding,
                    ] {
                        row.col(|ui| {
                            ui.add(egui::Label::new(text).selectable(false));
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(p.id);
                    }
                });
            });
        if let Some(id) = clicked {
            self.selected = Some(id);
            if let Some(p) = self.posts.iter().find(|p| p.id == id) {
                self.side = Side::Post(PostForm::edit(p));
            }
        }
    }

    fn side_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang, masker: Masker) {
        match &mut self.side {
            Side::None => {}
            Side::Post(form) => {
                let villages: Vec<&Region> = self
                    .regions
                    .1
                    .iter()
                    .filter(|r| r.level.holds_people())
                    .collect();
                match form.ui(ui, store, lang, &villages) {
                    PostAction::None => {}
                    PostAction::Close => self.side = Side::None,
                    PostAction::Saved(name) => {
                        self.message = Some(lang.f(T::PersonSaved, &[&name]));
                        self.side = Side::None;
                    }
                    PostAction::Place(post) => {
                        let rules = placements::rules(store.conn()).ok();
                        self.side = Side::Place(PlaceForm::new(post, rules));
                    }
                }
                if let (Side::Post(form), Some(id)) = (&self.side, self.selected)
                    && form.editing == Some(id)
                {
                    people_on_post_ui(ui, store, id, lang, masker);
                }
            }
            Side::Place(form) => {
                if let Some(done) = form.ui(ui, store, lang, masker) {
                    self.message = done;
                    self.side = Side::None;
                }
            }
        }
    }
}

/// A filter combo box over `values`, with "any" as `None`.
fn combo_ui<V: Copy + PartialEq>(
    ui: &mut Ui,
    id: &str,
    label: &str,
    value: &mut Option<V>,
    values: &[V],
    text: impl Fn(&V) -> &'static str,
    any: &'static str,
) {
    let label = ui.label(label);
    let shown = value.as_ref().map_or(any, &text);
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, any);
            for v in values {
                ui.selectable_value(value, Some(*v), text(v));
            }
        })
        .response
        .labelled_by(label.id);
}

/// 城镇 or 乡村.
pub fn area_label(area: Area, lang: Lang) -> &'static str {
    lang.t(match area {
        Area::Urban => T::AreaUrban,
        Area::Rural => T::AreaRural,
    })
}

fn people_on_post_ui(ui: &mut Ui, store: &Store, post: PostId, lang: Lang, masker: Masker) {
    ui.separator();
    ui.strong(lang.t(T::PeopleOnPost));
    let list = placements::list(
        store.conn(),
        placements::PlacementScope::Active,
        Some(post),
        "",
    )
    .unwrap_or_default();
    if list.is_empty() {
        ui.weak(lang.t(T::NobodyYet));
    }
    for p in list {
        ui.label(format!(
            "{}  {}  {} ~ {}",
            p.name,
            masker.id_number(&p.id_number),
            p.start_date,
            p.agreement_end
        ));
    }
}

enum PostAction {
    None,
    Close,
    Saved(String),
    Place(PostId),
}

impl PostForm {
    fn new() -> PostForm {
        let today = crate::domain::today();
        PostForm {
            editing: None,
            title: String::new(),
            category: PostCategory::PublicService,
            area: Area::Rural,
            host_unit: String::new(),
            region: None,
            headcount: 1,
            monthly_hours: "80".into(),
            funded_from: today.to_string(),
            funded_to: today
                .checked_add(jiff::Span::new().years(3))
                .unwrap_or(today)
                .to_string(),
            status: PostStatus::Open,
            error: None,
        }
    }

    fn edit(p: &Post) -> PostForm {
        let f = &p.fields;
        PostForm {
            editing: Some(p.id),
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
            funded_from: f.funded_from.to_string(),
            funded_to: f.funded_to.to_string(),
            status: f.status,
            error: None,
        }
    }

    fn ui(
        &mut self,
        ui: &mut Ui,
        store: &mut Store,
        lang: Lang,
        villages: &[&Region],
    ) -> PostAction {
        let mut action = PostAction::None;
        ui.heading(lang.t(if self.editing.is_some() {
            T::EditPost
        } else {
            T::NewPost
        }));
        egui::Grid::new("post_form")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                text_field_ui(ui, lang.t(T::ColPost), &mut self.title, 200.0);
                ui.end_row();
                let label = ui.label(lang.t(T::PostCategory));
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
                ui.label(lang.t(T::PostArea));
                ui.horizontal(|ui| {
                    ui.radio_value(&mut self.area, Area::Urban, lang.t(T::AreaUrban));
                    ui.radio_value(&mut self.area, Area::Rural, lang.t(T::AreaRural));
                });
                ui.end_row();
                text_field_ui(ui, lang.t(T::HostUnit), &mut self.host_unit, 200.0);
                ui.end_row();
                let label = ui.label(lang.t(T::ColPlace));
                let chosen = self
                    .region
                    .and_then(|id| villages.iter().find(|r| r.id == id))
                    .map_or(lang.t(T::ChooseRegion), |r| r.short_name.as_str());
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
                let label = ui.label(lang.t(T::Headcount));
                ui.add(egui::DragValue::new(&mut self.headcount).range(1..=500))
                    .labelled_by(label.id);
                ui.end_row();
                if self.area == Area::Rural {
                    text_field_ui(ui, lang.t(T::MonthlyHours), &mut self.monthly_hours, 80.0);
                    ui.end_row();
                }
                text_field_ui(ui, lang.t(T::FundedFrom), &mut self.funded_from, 110.0);
                ui.end_row();
                text_field_ui(ui, lang.t(T::FundedTo), &mut self.funded_to, 110.0);
                ui.end_row();
                ui.label(lang.t(T::PostStatus));
                ui.horizontal(|ui| {
                    for s in PostStatus::ALL {
                        ui.radio_value(&mut self.status, *s, s.label(lang));
                    }
                });
                ui.end_row();
            });
        if let Some(error) = &self.error {
            field_error_ui(ui, error);
        }
        ui.horizontal(|ui| {
            if ui.button(lang.t(T::Save)).clicked() {
                action = self.save(store, lang);
            }
            if ui.button(lang.t(T::Cancel)).clicked() {
                action = PostAction::Close;
            }
            if let Some(id) = self.editing
                && ui
                    .button(RichText::new(lang.t(T::PlacePerson)).strong())
                    .clicked()
            {
                action = PostAction::Place(id);
            }
        });
        action
    }

    fn save(&mut self, store: &mut Store, lang: Lang) -> PostAction {
        let dates = (
            self.funded_from.trim().parse(),
            self.funded_to.trim().parse(),
        );
        let hours = match self.area {
            Area::Urban => Ok(None),
            Area::Rural => parse_hours_tenths(&self.monthly_hours).map(Some),
        };
        let (Ok(funded_from), Ok(funded_to)) = dates else {
            self.error = Some(lang.t(T::BadDate).to_string());
            return PostAction::None;
        };
        let (Ok(monthly_hours_tenths), Some(region_id)) = (hours, self.region) else {
            self.error = Some(lang.t(T::PostFormIncomplete).to_string());
            return PostAction::None;
        };
        if self.title.trim().is_empty()
            || self.host_unit.trim().is_empty()
            || funded_to < funded_from
        {
            self.error = Some(lang.t(T::PostFormIncomplete).to_string());
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
                self.error = Some(store_error_message(&e, lang));
                PostAction::None
            }
        }
    }
}
