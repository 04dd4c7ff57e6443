//! The region tree on the left of the People & places tab, and its small editor.

use crate::store::Read;
use std::collections::HashMap;

use egui::Ui;
use egui::collapsing_header::CollapsingState;

use super::loaded::Loaded;
use super::{Ctx, Permit, field_error_ui, text_field_ui};
use crate::domain::RegionId;
use crate::domain::access::{Action, Area};
use crate::domain::region::{RegionLevel, valid_child_code, valid_coordinate};
use crate::i18n::{Lang, Msg, common as c, people as pe};
use crate::store::regions::{self, NewRegion, Region};
use crate::store::{Result, Store};

/// The tables the tree shows: the places, and the people counted in them.
const TABLES: &[&str] = &["regions", "people"];

/// Adding a place below another, or changing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EditMode {
    Edit(RegionId),
    Add { parent: RegionId },
}

/// The editor's fields, as typed.
struct RegionEditor {
    mode: EditMode,
    code: String,
    name: String,
    short_name: String,
    level: RegionLevel,
    lon: String,
    lat: String,
    error: Option<Msg>,
}

/// The street (or function area, administered like one) `region` belongs to, by walking up
/// `regions` as the store does; none for the district, or a place not in the list.
pub fn street_of(regions: &[Region], region: RegionId) -> Option<RegionId> {
    let mut at = regions.iter().find(|r| r.id == region)?;
    loop {
        if matches!(at.level, RegionLevel::Street | RegionLevel::FunctionArea) {
            return Some(at.id);
        }
        let parent = at.parent_id?;
        at = regions.iter().find(|r| r.id == parent)?;
    }
}

/// What the editor's buttons ask for.
enum EditorAction {
    Save,
    AddBelow,
    Delete,
    Cancel,
}

/// The places, how they nest, and how many people each holds (itself and below).
#[derive(Default)]
struct TreeData {
    regions: Vec<Region>,
    children: HashMap<Option<RegionId>, Vec<usize>>,
    /// Each place's line in the tree, "name (people)", by index in `regions`: made once per
    /// read, not once per frame.
    labels: Vec<String>,
}

impl TreeData {
    fn read(conn: &Read<'_>) -> Result<TreeData> {
        let mut data = TreeData {
            regions: regions::all(conn)?,
            ..TreeData::default()
        };
        for (index, region) in data.regions.iter().enumerate() {
            data.children
                .entry(region.parent_id)
                .or_default()
                .push(index);
        }
        let by_id: HashMap<RegionId, Option<RegionId>> =
            data.regions.iter().map(|r| (r.id, r.parent_id)).collect();
        let mut people: HashMap<RegionId, i64> = HashMap::new();
        for (mut region, count) in regions::people_counts(conn)? {
            // Count each person in their village and in every place above it.
            loop {
                *people.entry(region).or_default() += count;
                match by_id.get(&region).copied().flatten() {
                    Some(parent) => region = parent,
                    None => break,
                }
            }
        }
        // A place outside the reader's streets (the district itself, for a street's clerk)
        // is shown without a count: the reader counts none of its people.
        let session = conn.session();
        let counted =
            |r: &Region| session.may(Area::Registry, Action::Read, street_of(&data.regions, r.id));
        data.labels = data
            .regions
            .iter()
            .map(|r| {
                if counted(r) {
                    let count = people.get(&r.id).copied().unwrap_or(0);
                    format!("{} ({count})", r.short_name)
                } else {
                    r.short_name.clone()
                }
            })
            .collect();
        Ok(data)
    }

    /// The indexes of the places directly under `parent` (`None`: the top).
    fn children(&self, parent: Option<RegionId>) -> &[usize] {
        self.children.get(&parent).map_or(&[], Vec::as_slice)
    }
}

/// The tree, its rows and the selection.
#[derive(Default)]
pub struct RegionTree {
    data: Loaded<u64, TreeData>,
    selected: Option<RegionId>,
    editor: Option<RegionEditor>,
}

impl RegionTree {
    /// Every place, ordered by code (empty until the first [`RegionTree::ui`] read them).
    pub fn regions(&self) -> &[Region] {
        self.data.rows().map_or(&[], |d| &d.regions)
    }

    /// Draws the tree; returns the new selection when the user picked another place.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) -> Option<Option<RegionId>> {
        let lang = cx.lang;
        self.data
            .ensure_now(&cx.store.read(), cx.rev(TABLES), TreeData::read);
        let before = self.selected;
        ui.heading(lang.t(pe::REGIONS));
        if ui
            .selectable_label(self.selected.is_none(), lang.t(pe::ALL_REGIONS))
            .clicked()
        {
            self.selected = None;
        }
        let data = self.data.status_ui(ui, lang)?;
        let editor_height = if self.selected.is_some() { 230.0 } else { 0.0 };
        let mut picked = None;
        egui::ScrollArea::vertical()
            .max_height((ui.available_height() - editor_height).max(120.0))
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for &root in data.children(None) {
                    node_ui(ui, data, root, self.selected, &mut picked);
                }
            });
        if let Some(id) = picked {
            self.select(id);
        }
        if let Some(selected) = self.selected {
            ui.separator();
            self.editor_ui(ui, &mut *cx.store, selected, lang);
        }
        (self.selected != before).then_some(self.selected)
    }

    fn select(&mut self, id: RegionId) {
        self.selected = Some(id);
        self.editor = None;
    }

    fn editor_ui(&mut self, ui: &mut Ui, store: &mut Store, selected: RegionId, lang: Lang) {
        let Some(region) = self.regions().iter().find(|r| r.id == selected).cloned() else {
            self.selected = None;
            return;
        };
        let editor = self
            .editor
            .get_or_insert_with(|| RegionEditor::edit(&region));
        let title = match editor.mode {
            EditMode::Edit(_) => format!("{} · {}", region.level.label(lang), region.code),
            EditMode::Add { .. } => format!("{} · {}", lang.t(pe::ADD_CHILD), region.short_name),
        };
        ui.strong(title);
        // The tree is the district's: only its administrators change it.
        let permit = Permit::district(store.session(), Area::Registry, Action::Administer);
        permit.fields_ui(ui, |ui| {
            egui::Grid::new("region_editor")
                .num_columns(2)
                .show(ui, |ui| {
                    if let EditMode::Add { .. } = editor.mode {
                        text_field_ui(ui, lang.t(pe::REGION_CODE), &mut editor.code, 140.0);
                        ui.end_row();
                        ui.label(lang.t(pe::REGION_LEVEL));
                        ui.horizontal(|ui| {
                            for level in region.level.child_levels() {
                                ui.selectable_value(&mut editor.level, *level, level.label(lang));
                            }
                        });
                        ui.end_row();
                    }
                    text_field_ui(ui, lang.t(pe::REGION_NAME), &mut editor.name, 140.0);
                    ui.end_row();
                    text_field_ui(
                        ui,
                        lang.t(pe::REGION_SHORT_NAME),
                        &mut editor.short_name,
                        140.0,
                    );
                    ui.end_row();
                    text_field_ui(ui, lang.t(pe::LONGITUDE), &mut editor.lon, 140.0);
                    ui.end_row();
                    text_field_ui(ui, lang.t(pe::LATITUDE), &mut editor.lat, 140.0);
                    ui.end_row();
                })
        });
        if let Some(error) = &editor.error {
            field_error_ui(ui, error.get(lang));
        }
        let mut action = None;
        ui.horizontal(|ui| {
            if permit.button(ui, lang, lang.t(c::SAVE)) {
                action = Some(EditorAction::Save);
            }
            if let EditMode::Edit(_) = editor.mode {
                if !region.level.child_levels().is_empty()
                    && permit.button(ui, lang, lang.t(pe::ADD_CHILD))
                {
                    action = Some(EditorAction::AddBelow);
                }
                if permit.button(ui, lang, lang.t(c::DELETE)) {
                    action = Some(EditorAction::Delete);
                }
            } else if ui.button(lang.t(c::CANCEL)).clicked() {
                action = Some(EditorAction::Cancel);
            }
        });
        match action {
            Some(EditorAction::Save) => self.save(store, &region),
            Some(EditorAction::AddBelow) => self.editor = Some(RegionEditor::add(&region)),
            Some(EditorAction::Cancel) => self.editor = None,
            Some(EditorAction::Delete) => self.delete(store, selected),
            None => {}
        }
    }

    fn save(&mut self, store: &mut Store, region: &Region) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        let Some((lon, lat)) = editor.coordinate() else {
            editor.error = Some(pe::BAD_COORDINATE.into());
            return;
        };
        if editor.name.trim().is_empty() {
            editor.error = Some(c::NAME_REQUIRED.into());
            return;
        }
        let short_name = editor.short_name_for_save();
        let result = match editor.mode {
            EditMode::Edit(id) => {
                store.write(|w| regions::update(w, id, &editor.name, &short_name, lon, lat))
            }
            EditMode::Add { parent } => {
                let code = editor.code.trim().to_string();
                if !valid_child_code(&code, &region.code, region.level) {
                    editor.error = Some(pe::BAD_REGION_CODE.into());
                    return;
                }
                let new = NewRegion {
                    code,
                    name: editor.name.clone(),
                    short_name,
                    level: editor.level,
                    parent_id: Some(parent),
                    lon,
                    lat,
                };
                store.write(|w| regions::insert(w, &new).map(|_| ()))
            }
        };
        match result {
            Ok(()) => self.editor = None,
            Err(e) => editor.error = Some(e.message()),
        }
    }

    fn delete(&mut self, store: &mut Store, id: RegionId) {
        match store.write(|w| regions::delete(w, id)) {
            Ok(()) => {
                self.selected = None;
                self.editor = None;
            }
            Err(e) => {
                if let Some(editor) = &mut self.editor {
                    editor.error = Some(e.message());
                }
            }
        }
    }
}

impl RegionEditor {
    fn edit(region: &Region) -> RegionEditor {
        RegionEditor {
            mode: EditMode::Edit(region.id),
            code: region.code.clone(),
            name: region.name.clone(),
            short_name: region.short_name.clone(),
            level: region.level,
            lon: region.lon.map(|v| v.to_string()).unwrap_or_default(),
            lat: region.lat.map(|v| v.to_string()).unwrap_or_default(),
            error: None,
        }
    }

    fn add(parent: &Region) -> RegionEditor {
        let level = parent
            .level
            .child_levels()
            .first()
            .copied()
            .unwrap_or(RegionLevel::Village);
        let prefix = &parent.code[..parent.level.code_prefix_len().min(parent.code.len())];
        RegionEditor {
            mode: EditMode::Add { parent: parent.id },
            code: prefix.to_string(),
            name: String::new(),
            short_name: String::new(),
            level,
            lon: String::new(),
            lat: String::new(),
            error: None,
        }
    }

    /// Both coordinates or neither; `None` when they are not a valid pair.
    fn coordinate(&self) -> Option<(Option<f64>, Option<f64>)> {
        match (self.lon.trim(), self.lat.trim()) {
            ("", "") => Some((None, None)),
            (lon, lat) => {
                let (lon, lat) = (lon.parse().ok()?, lat.parse().ok()?);
                valid_coordinate(lon, lat).then_some((Some(lon), Some(lat)))
            }
        }
    }

    /// The short name as typed, or the official name without the committee suffix.
    fn short_name_for_save(&self) -> String {
        let short = self.short_name.trim();
        if !short.is_empty() {
            return short.to_string();
        }
        let name = self.name.trim();
        ["村民委员会", "居民委员会", "村民委会"]
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix))
            .unwrap_or(name)
            .to_string()
    }
}

/// One place of the tree and, when it is open, the places under it; a click on a place's
/// line leaves its id in `picked`.
fn node_ui(
    ui: &mut Ui,
    data: &TreeData,
    index: usize,
    selected: Option<RegionId>,
    picked: &mut Option<RegionId>,
) {
    let region = &data.regions[index];
    let id = region.id;
    let text = data.labels[index].as_str();
    let kids = data.children(Some(id));
    if kids.is_empty() {
        if ui.selectable_label(selected == Some(id), text).clicked() {
            *picked = Some(id);
        }
        return;
    }
    let open_by_default = region.level == RegionLevel::District;
    CollapsingState::load_with_default_open(
        ui.ctx(),
        ui.make_persistent_id(("region", id.0)),
        open_by_default,
    )
    .show_header(ui, |ui| {
        if ui.selectable_label(selected == Some(id), text).clicked() {
            *picked = Some(id);
        }
    })
    .body(|ui| {
        for &kid in kids {
            node_ui(ui, data, kid, selected, picked);
        }
    });
}
