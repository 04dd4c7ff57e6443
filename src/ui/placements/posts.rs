//! The posts list with its filters, the post form, and placing a person on the chosen post.

use egui::Ui;

use super::place_form::PlaceForm;
use super::post_form::{PostAction, PostForm};
use crate::domain::PostId;
use crate::domain::access::{Action, Area as Access};
use crate::domain::pay::Area;
use crate::domain::placement::{PostCategory, PostStatus};
use crate::domain::region::RegionLevel;
use crate::i18n::{Lang, common as c, people as pe, placements as pl};
use crate::store::placements;
use crate::store::posts::{self, Post, PostFilter};
use crate::store::regions::{self, Region};
use crate::ui::loaded::Loaded;
use crate::ui::{Ctx, Notice, Permit, table_rows};

/// The tables the posts list shows.
const TABLES: &[&str] = &["posts", "placements", "regions"];

/// A post with the cells the list shows of it that are not stored as text, made once per
/// read rather than every frame.
struct PostLine {
    post: Post,
    /// People in post / headcount.
    filled: String,
    /// First and last day of the funding.
    funding: String,
}

impl PostLine {
    fn new(post: Post) -> PostLine {
        let f = &post.fields;
        PostLine {
            filled: format!("{}/{}", post.filled, f.headcount),
            funding: format!("{} ~ {}", f.funded_from, f.funded_to),
            post,
        }
    }
}

/// What the right-hand panel shows.
enum Side {
    None,
    Post(Box<PostForm>),
    Place(Box<PlaceForm>),
}

/// State of the posts view.
pub struct PostsView {
    filter: PostFilter,
    posts: Loaded<(u64, PostFilter, jiff::civil::Date), Vec<PostLine>>,
    regions: Loaded<u64, Vec<Region>>,
    selected: Option<PostId>,
    side: Side,
    on_post: Loaded<(u64, PostId), Vec<placements::Placement>>,
    message: Option<Notice>,
}

impl Default for PostsView {
    fn default() -> Self {
        PostsView {
            filter: PostFilter::default(),
            posts: Loaded::default(),
            regions: Loaded::default(),
            selected: None,
            side: Side::None,
            on_post: Loaded::default(),
            message: None,
        }
    }
}

impl PostsView {
    fn reload(&mut self, cx: &Ctx<'_>) {
        let conn = &cx.store.read();
        self.regions
            .ensure_now(conn, cx.rev(&["regions"]), regions::all);
        let today = cx.today();
        let filter = self.filter.clone();
        let key = (cx.rev(TABLES), filter.clone(), today);
        self.posts.ensure_now(conn, key, |conn| {
            let posts = posts::list(conn, &filter, today)?;
            Ok(posts.into_iter().map(PostLine::new).collect())
        });
    }

    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        self.reload(cx);
        let side_open = !matches!(self.side, Side::None);
        if side_open {
            egui::Panel::right("post_side")
                .resizable(true)
                .default_size(400.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| self.side_ui(ui, cx));
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let may_add = cx.permit(Access::Placements, Action::Write);
            self.filters_ui(ui, lang, cx.today(), may_add);
            crate::ui::message_ui(ui, &self.message, lang);
            self.regions.status_ui(ui, lang);
            if self.posts.status_ui(ui, lang).is_some() {
                self.table_ui(ui, lang);
            }
        });
    }

    fn filters_ui(&mut self, ui: &mut Ui, lang: Lang, today: jiff::civil::Date, may_add: Permit) {
        ui.horizontal_wrapped(|ui| {
            let streets: Vec<&Region> = self
                .regions
                .rows()
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .filter(|r| matches!(r.level, RegionLevel::Street | RegionLevel::FunctionArea))
                .collect();
            let any = lang.t(c::ANY_VALUE);
            let street_name = self
                .filter
                .street
                .and_then(|id| streets.iter().find(|r| r.id == id))
                .map_or(any, |r| r.short_name.as_str());
            let label = ui.label(lang.t(pe::LEVEL_STREET));
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
                lang.t(pl::POST_CATEGORY),
                &mut self.filter.category,
                PostCategory::ALL,
                |c| c.label(lang),
                any,
            );
            combo_ui(
                ui,
                "post_area",
                lang.t(pl::POST_AREA),
                &mut self.filter.area,
                &[Area::Urban, Area::Rural],
                |a| area_label(*a, lang),
                any,
            );
            combo_ui(
                ui,
                "post_status",
                lang.t(pl::POST_STATUS),
                &mut self.filter.status,
                PostStatus::ALL,
                |s| s.label(lang),
                any,
            );
            if may_add.button(ui, lang, lang.t(pl::NEW_POST)) {
                self.side = Side::Post(Box::new(PostForm::new(today)));
            }
            let posts = self.posts.rows().map_or(&[][..], Vec::as_slice);
            let vacant: i64 = posts
                .iter()
                .map(|line| (line.post.fields.headcount - line.post.filled).max(0))
                .sum();
            ui.label(pl::posts_count(posts.len(), vacant).text(lang));
        });
    }

    fn table_ui(&mut self, ui: &mut Ui, lang: Lang) {
        let mut clicked = None;
        let posts = self.posts.rows().map_or(&[][..], Vec::as_slice);
        // The painted rows do not size their columns: make room for the known values.
        let category = crate::ui::widest(ui, PostCategory::ALL.iter().map(|c| c.label(lang)));
        let status = crate::ui::widest(ui, PostStatus::ALL.iter().map(|s| s.label(lang)));
        let columns = [
            (pl::COL_POST, 110.0),
            (pl::POST_CATEGORY, category),
            (pl::POST_AREA, 44.0),
            (c::COL_PLACE, 100.0),
            (pe::LEVEL_STREET, 70.0),
            (pl::COL_FILLED, 60.0),
            (pl::POST_STATUS, status),
            (pl::COL_FUNDING, 180.0),
        ];
        crate::ui::data_table(ui, "posts_table", lang, &columns)
            .sense(egui::Sense::click())
            .header(22.0, |h| crate::ui::header_row(h, lang, &columns))
            .body(|body| {
                table_rows::rows_ui(body, 22.0, posts.len(), None, |row| {
                    let line = &posts[row.index()];
                    let p = &line.post;
                    row.set_selected(self.selected == Some(p.id));
                    let f = &p.fields;
                    row.text(&f.title);
                    row.text(f.category.label(lang));
                    row.text(area_label(f.area, lang));
                    row.text(&p.place);
                    row.text(&p.street);
                    row.text(&line.filled);
                    row.text(f.status.label(lang));
                    row.text(&line.funding);
                    if row.response().is_some_and(egui::Response::clicked) {
                        clicked = Some(p.id);
                    }
                });
            });
        if let Some(id) = clicked {
            self.selected = Some(id);
            if let Some(line) = posts.iter().find(|line| line.post.id == id) {
                self.side = Side::Post(Box::new(PostForm::edit(&line.post)));
            }
        }
    }

    fn side_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        match &mut self.side {
            Side::None => {}
            Side::Post(form) => {
                let regions = self.regions.rows().map_or(&[][..], Vec::as_slice);
                let villages: Vec<&Region> =
                    regions.iter().filter(|r| r.level.holds_people()).collect();
                match form.ui(ui, cx.store, lang, &villages, regions) {
                    PostAction::None => {}
                    PostAction::Close => self.side = Side::None,
                    PostAction::Saved(title) => {
                        self.message = Some(Notice::info(pl::post_saved(&title)));
                        self.side = Side::None;
                    }
                    PostAction::Place(post) => self.start_placing(cx, post),
                }
                if let (Side::Post(form), Some(id)) = (&self.side, self.selected)
                    && form.editing == Some(id)
                {
                    people_on_post_ui(ui, &mut self.on_post, cx, id);
                }
            }
            Side::Place(form) => {
                if let Some(done) = form.ui(ui, cx) {
                    self.message = done.map(Notice::info);
                    self.side = Side::None;
                }
            }
        }
    }

    /// Opens the placement form for `post`, with the placement rules in force.
    fn start_placing(&mut self, cx: &Ctx<'_>, post: PostId) {
        match placements::rules(&cx.store.read()) {
            Ok(rules) => {
                let line = self
                    .posts
                    .rows()
                    .and_then(|posts| posts.iter().find(|line| line.post.id == post));
                let title = line.map(|line| line.post.fields.title.clone());
                let funded_to = line.map(|line| line.post.fields.funded_to);
                let mut form = PlaceForm::new(post, title.unwrap_or_default(), rules, cx.today());
                if let Some(to) = funded_to {
                    form = form.with_funded_to(to);
                }
                self.side = Side::Place(Box::new(form));
            }
            Err(e) => self.message = Some(Notice::store_error(&e)),
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
        Area::Urban => pl::AREA_URBAN,
        Area::Rural => pl::AREA_RURAL,
    })
}

/// The people in post on the selected post, read once per data change.
fn people_on_post_ui(
    ui: &mut Ui,
    cache: &mut Loaded<(u64, PostId), Vec<placements::Placement>>,
    cx: &Ctx<'_>,
    post: PostId,
) {
    let (lang, masker) = (cx.lang, cx.masker);
    let key = (cx.rev(&["placements", "people"]), post);
    cache.ensure_now(&cx.store.read(), key, |conn| {
        placements::list(conn, placements::PlacementScope::Active, Some(post), "")
    });
    ui.separator();
    let Some(list) = cache.status_ui(ui, lang) else {
        return;
    };
    ui.strong(lang.t(pl::PEOPLE_ON_POST));
    if list.is_empty() {
        ui.weak(lang.t(pl::NOBODY_YET));
    }
    for p in list.iter() {
        ui.label(format!(
            "{}  {}  {} ~ {}",
            p.name,
            masker.id_number(&p.id_number),
            p.start_date,
            p.agreement_end
        ));
    }
}
