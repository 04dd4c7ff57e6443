//! The window: owns the open store, the tabs, the running job and the notices; draws the
//! top bar, the status bar and the selected tab.

mod background;

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use crate::i18n::{
    Lang, common as c, people as pe, placements as pl, settings as se, window as wi,
};
use crate::jobs::{self, Job};
use crate::store::{Store, StoreError, regions};
use crate::ui::path_prompt::{PathPrompt, PathPurpose};
use crate::ui::placements::{PlacementsView, Request};
use crate::ui::{self, people::PeopleView, settings::SettingsView};

/// How many files "Open recent" remembers.
const RECENT_MAX: usize = 8;

/// The tabs of the window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    /// 人员与地区
    #[default]
    People,
    /// 岗位安置
    Placements,
    /// 设置
    Settings,
}

/// What the window remembers between runs (not per file).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Interface language.
    pub lang: Lang,
    /// Dark theme instead of light.
    pub dark: bool,
    /// The tab shown last.
    pub tab: Tab,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            lang: Lang::from_os(),
            dark: false,
            tab: Tab::People,
            recent: Vec::new(),
        }
    }
}

/// The database the window works on, or why there is none.
enum Db {
    Open(Store),
    Failed { message: String },
}

/// A message in the status bar.
struct Notice {
    text: String,
    error: bool,
}

/// The whole application state.
pub struct App {
    /// Remembered between runs.
    pub prefs: Prefs,
    db: Db,
    people: PeopleView,
    placements: PlacementsView,
    settings: SettingsView,
    job: Option<Job>,
    notices: Vec<Notice>,
    prompt: Option<PathPrompt>,
    reveal: bool,
    font_ok: bool,
    demo_scale: u32,
    empty: Option<(u64, bool)>,
    masks: Option<(u64, ui::Masker)>,
    title_shown: Option<PathBuf>,
}

impl App {
    /// A window over `opened` (or the reason it could not be opened).
    pub fn new(opened: Result<Store, StoreError>, prefs: Prefs, font_ok: bool) -> App {
        let lang = prefs.lang;
        let mut app = App {
            prefs,
            db: Db::Failed {
                message: lang.t(wi::NO_DATABASE).to_string(),
            },
            people: PeopleView::default(),
            placements: PlacementsView::default(),
            settings: SettingsView::default(),
            job: None,
            notices: Vec::new(),
            prompt: None,
            reveal: false,
            font_ok,
            demo_scale: jobs::demo::DEFAULT_SCALE,
            empty: None,
            masks: None,
            title_shown: None,
        };
        app.set_db(opened);
        app
    }

    /// The open store, if any (tests inspect it).
    pub fn store(&self) -> Option<&Store> {
        match &self.db {
            Db::Open(store) => Some(store),
            Db::Failed { .. } => None,
        }
    }

    /// The open store for writing (tests change it as another user would).
    pub fn store_mut(&mut self) -> Option<&mut Store> {
        match &mut self.db {
            Db::Open(store) => Some(store),
            Db::Failed { .. } => None,
        }
    }

    /// Whether a background job is running (tests wait for it).
    pub fn job_running(&self) -> bool {
        self.job.is_some()
    }

    fn set_db(&mut self, opened: Result<Store, StoreError>) {
        match opened {
            Ok(store) => {
                let path = store.path().to_path_buf();
                self.prefs.recent.retain(|p| p != &path);
                self.prefs.recent.insert(0, path);
                self.prefs.recent.truncate(RECENT_MAX);
                self.db = Db::Open(store);
                self.people = PeopleView::default();
                self.placements = PlacementsView::default();
                self.settings = SettingsView::default();
                self.empty = None;
                self.masks = None;
            }
            Err(e) => {
                let message = ui::store_error_message(&e, self.prefs.lang);
                if matches!(self.db, Db::Open(_)) {
                    // Keep working on the open file; say why the other was refused.
                    self.notify(message, true);
                } else {
                    self.db = Db::Failed { message };
                }
            }
        }
    }

    fn notify(&mut self, text: String, error: bool) {
        self.notices.push(Notice { text, error });
        if self.notices.len() > 3 {
            self.notices.remove(0);
        }
    }

    /// Draws the whole window.
    pub fn ui(&mut self, ui: &mut Ui) {
        self.poll_job();
        ui.set_theme(if self.prefs.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        self.update_title(ui);
        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar_ui(ui));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui));
        self.path_prompt_ui(ui);
    }

    fn update_title(&mut self, ui: &Ui) {
        let path = self.store().map(|s| s.path().to_path_buf());
        if path != self.title_shown {
            let title = match &path {
                Some(p) => format!("{} — {}", wi::APP_TITLE.zh, p.display()),
                None => wi::APP_TITLE.zh.to_string(),
            };
            ui.send_viewport_cmd(egui::ViewportCommand::Title(title));
            self.title_shown = path;
        }
    }

    fn top_bar_ui(&mut self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(lang.t(wi::MENU_FILE), |ui| self.file_menu_ui(ui));
            ui.separator();
            ui.selectable_value(&mut self.prefs.tab, Tab::People, lang.t(pe::TAB_PEOPLE));
            ui.selectable_value(
                &mut self.prefs.tab,
                Tab::Placements,
                lang.t(pl::TAB_PLACEMENTS),
            );
            ui.selectable_value(&mut self.prefs.tab, Tab::Settings, lang.t(se::TAB_SETTINGS));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.checkbox(&mut self.reveal, lang.t(wi::SHOW_PERSONAL_DATA));
                ui.separator();
                let theme = if self.prefs.dark {
                    wi::THEME_LIGHT
                } else {
                    wi::THEME_DARK
                };
                if ui.button(lang.t(theme)).clicked() {
                    self.prefs.dark = !self.prefs.dark;
                }
                ui.separator();
                ui.selectable_value(&mut self.prefs.lang, Lang::En, "English");
                ui.selectable_value(&mut self.prefs.lang, Lang::Zh, "中文");
            });
        });
    }

    fn file_menu_ui(&mut self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        let idle = self.job.is_none();
        if ui.button(lang.t(wi::MENU_NEW)).clicked() {
            self.open_prompt(PathPurpose::New);
        }
        if ui.button(lang.t(wi::MENU_OPEN)).clicked() {
            self.open_prompt(PathPurpose::Open);
        }
        ui.menu_button(lang.t(wi::MENU_OPEN_RECENT), |ui| {
            if self.prefs.recent.is_empty() {
                ui.label(lang.t(wi::NO_RECENT));
            }
            let mut chosen = None;
            for path in &self.prefs.recent {
                if ui.button(path.display().to_string()).clicked() {
                    chosen = Some(path.clone());
                }
            }
            if let Some(path) = chosen {
                self.set_db(Store::open(&path));
            }
        });
        let has_store = self.store().is_some();
        if ui
            .add_enabled(
                has_store && idle,
                egui::Button::new(lang.t(wi::MENU_SAVE_COPY)),
            )
            .clicked()
        {
            self.open_prompt(PathPurpose::SaveCopy);
        }
        ui.separator();
        if ui.button(lang.t(wi::MENU_QUIT)).clicked() {
            ui.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn open_prompt(&mut self, purpose: PathPurpose) {
        let dir = self
            .store()
            .and_then(|s| s.path().parent())
            .unwrap_or(Path::new(""));
        self.prompt = Some(PathPrompt::new(purpose, dir));
    }

    /// Draws the path dialog and acts on the path chosen in it.
    fn path_prompt_ui(&mut self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        let Some(prompt) = &mut self.prompt else {
            return;
        };
        let Some(chosen) = prompt.ui(ui, lang) else {
            return;
        };
        let purpose = prompt.purpose;
        let Some(path) = chosen else {
            self.prompt = None;
            return;
        };
        if purpose == PathPurpose::SaveCopy {
            self.prompt = None;
            self.start_copy(ui, path);
            return;
        }
        if let PathPurpose::Export(kind) = purpose {
            self.prompt = None;
            self.start_export(ui, kind, path);
            return;
        }
        match Store::open(&path) {
            Ok(store) => {
                self.prompt = None;
                self.set_db(Ok(store));
            }
            Err(e) => prompt.set_error(ui::store_error_message(&e, lang)),
        }
    }

    fn status_bar_ui(&mut self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        ui.horizontal(|ui| {
            ui.label(lang.t(wi::CURRENT_FILE));
            match self.store() {
                Some(store) => ui.monospace(store.path().display().to_string()),
                None => ui.label(lang.t(wi::NO_DATABASE)),
            };
            if let Some(job) = &self.job {
                ui.separator();
                ui.label(lang.t(job.title));
                ui.add(
                    egui::ProgressBar::new(job.fraction())
                        .desired_width(200.0)
                        .show_percentage(),
                );
                if ui.button(lang.t(wi::JOB_CANCEL)).clicked() {
                    job.cancel();
                }
            }
        });
        let mut dismissed = None;
        for (index, notice) in self.notices.iter().enumerate().rev() {
            ui.horizontal(|ui| {
                let text = RichText::new(&notice.text);
                let text = if notice.error {
                    text.color(ui::error_color(ui))
                } else {
                    text
                };
                if ui
                    .small_button("×")
                    .on_hover_text(lang.t(c::CLOSE))
                    .clicked()
                {
                    dismissed = Some(index);
                }
                ui.label(text);
            });
        }
        if let Some(index) = dismissed {
            self.notices.remove(index);
        }
    }

    fn central_ui(&mut self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        if !self.font_ok {
            let hint = crate::fonts::install_hint();
            ui.label(
                RichText::new(wi::no_cjk_font(hint).text(Lang::En)).color(ui::error_color(ui)),
            );
        }
        let store = match &mut self.db {
            Db::Open(store) => store,
            Db::Failed { message } => {
                let message = message.clone();
                self.failed_ui(ui, &message);
                return;
            }
        };
        let empty = match self.empty {
            Some((rev, empty)) if rev == store.revision() => empty,
            _ => {
                let empty = regions::count(store.conn()).unwrap_or(0) == 0;
                self.empty = Some((store.revision(), empty));
                empty
            }
        };
        if empty && self.job.is_none() {
            if let Some(scale) = self.demo_offer_ui(ui) {
                self.start_demo(ui, scale);
            }
            return;
        }
        let Db::Open(store) = &mut self.db else {
            return;
        };
        // The file's mask patterns, read again only when the data changed.
        if self.masks.is_none_or(|(rev, _)| rev != store.revision()) {
            self.masks = Some((store.revision(), ui::Masker::load(store, false)));
        }
        let masker = self.masks.map(|(_, m)| ui::Masker {
            reveal: self.reveal,
            ..m
        });
        let Some(masker) = masker else { return };
        match self.prefs.tab {
            Tab::People => self.people.ui(ui, store, lang, masker),
            Tab::Placements => {
                let running = self.job.is_some();
                match self.placements.ui(ui, store, lang, masker, running) {
                    Some(Request::Start(job)) if !running => self.job = Some(job),
                    Some(Request::Export(kind)) => self.open_prompt(PathPurpose::Export(kind)),
                    _ => {}
                }
            }
            Tab::Settings => self.settings.ui(ui, store, lang, self.reveal),
        }
    }

    /// The offer to fill an empty database; the scale chosen (0: the tree alone).
    fn demo_offer_ui(&mut self, ui: &mut Ui) -> Option<u32> {
        let lang = self.prefs.lang;
        let mut accepted = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.heading(lang.t(wi::EMPTY_DATABASE));
            ui.label(lang.t(wi::DEMO_EXPLAIN));
            ui.horizontal(|ui| {
                let label = ui.label(lang.t(wi::DEMO_SCALE));
                ui.add(egui::DragValue::new(&mut self.demo_scale).range(1..=100))
                    .labelled_by(label.id);
                if ui.button(lang.t(wi::LOAD_DEMO)).clicked() {
                    accepted = Some(self.demo_scale);
                }
            });
            ui.add_space(8.0);
            ui.label(lang.t(wi::TREE_ONLY_EXPLAIN));
            if ui.button(lang.t(wi::LOAD_TREE_ONLY)).clicked() {
                accepted = Some(0);
            }
        });
        accepted
    }

    /// Why no database is open, with the ways out.
    fn failed_ui(&mut self, ui: &mut Ui, message: &str) {
        let lang = self.prefs.lang;
        ui.heading(lang.t(wi::OPEN_FAILED_TITLE));
        ui.label(RichText::new(message).color(ui::error_color(ui)));
        ui.horizontal(|ui| {
            if ui.button(lang.t(wi::OPEN_ANOTHER)).clicked() {
                self.open_prompt(PathPurpose::Open);
            }
            if ui.button(lang.t(wi::CREATE_NEW)).clicked() {
                self.open_prompt(PathPurpose::New);
            }
        });
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }
}
