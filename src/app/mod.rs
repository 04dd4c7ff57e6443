//! The window: owns the open store, the tabs, the running jobs and the notices; draws the
//! top bar, the status area and the selected tab, and carries out what the tabs ask.

mod files;
mod ledger;
mod status;
mod tabs;
mod unlock;

use std::path::PathBuf;
use std::sync::Arc;

use egui::Ui;
use serde::{Deserialize, Serialize};

use self::ledger::{Db, Ledger, Opening};
use crate::clock::Clock;
use crate::i18n::{Lang, window as wi};
use crate::jobs::{self, Job, JobId, JobSpec};
use crate::store::background::Wake;
use crate::store::{Key, Store, StoreError, regions};
use crate::ui::path_prompt::PathPrompt;
use crate::ui::{self, Command, Ctx, Notice, Tab};

/// How many files "Open recent" remembers.
const RECENT_MAX: usize = 8;

/// What the window remembers between runs (not per file).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Interface language.
    pub lang: Lang,
    /// Dark theme instead of light.
    pub dark: bool,
    /// The id of the tab shown last.
    pub tab: String,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// The folder the last export was written to.
    pub export_dir: Option<PathBuf>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            lang: Lang::from_os(),
            dark: false,
            tab: tabs::all()
                .first()
                .map_or_else(String::new, |tab| tab.id().to_string()),
            recent: Vec::new(),
            export_dir: None,
        }
    }
}

/// The whole application state.
pub struct App {
    /// Remembered between runs.
    pub prefs: Prefs,
    clock: Clock,
    db: Db,
    opening: Option<Opening>,
    tabs: Vec<Box<dyn Tab>>,
    jobs: Vec<Job>,
    next_job: u64,
    notices: status::Notices,
    prompt: Option<(PathPrompt, files::Then)>,
    /// The passphrase dialog of an encrypted file being opened.
    unlock: Option<unlock::Unlock>,
    /// The encrypted file whose passphrase was not given, when no ledger is open.
    locked: Option<PathBuf>,
    reveal: bool,
    demo_scale: u32,
    title_shown: Option<Option<PathBuf>>,
}

impl App {
    /// A window over `opened` (or the reason it could not be opened), with the store's clock.
    pub fn new(opened: Result<Store, StoreError>, prefs: Prefs) -> App {
        let clock = match &opened {
            Ok(store) => store.clock().clone(),
            Err(_) => Clock::system(),
        };
        let mut app = App::empty(prefs, clock);
        app.set_db(opened);
        app
    }

    /// A window that opens (and, if old, upgrades) the ledger at `path` off its own thread,
    /// showing that it does.
    pub fn opening(path: PathBuf, prefs: Prefs, ctx: &egui::Context) -> App {
        App::opening_with_key(path, None, prefs, ctx)
    }

    /// As [`App::opening`], with the passphrase of an encrypted file (asked for on the
    /// terminal, or taken from the environment); without one, or with a wrong one, the
    /// window asks.
    pub fn opening_with_key(
        path: PathBuf,
        key: Option<Key>,
        prefs: Prefs,
        ctx: &egui::Context,
    ) -> App {
        let mut app = App::empty(prefs, Clock::system());
        app.open_file_with(ctx, path, key);
        app
    }

    fn empty(prefs: Prefs, clock: Clock) -> App {
        App {
            db: Db::Failed(wi::NO_DATABASE.into()),
            opening: None,
            prefs,
            clock,
            tabs: tabs::all(),
            jobs: Vec::new(),
            next_job: 0,
            notices: status::Notices::default(),
            prompt: None,
            unlock: None,
            locked: None,
            reveal: false,
            demo_scale: jobs::demo::DEFAULT_SCALE,
            title_shown: None,
        }
    }

    /// The open store, if any (tests inspect it).
    pub fn store(&self) -> Option<&Store> {
        self.db.ledger().map(|l| &l.store)
    }

    /// The open store for writing (tests change it as another user would).
    pub fn store_mut(&mut self) -> Option<&mut Store> {
        self.db.ledger_mut().map(|l| &mut l.store)
    }

    /// Whether work is under way that the window will show when done: a job, a read, the
    /// opening of the file (tests step until there is none).
    pub fn busy(&self) -> bool {
        !self.jobs.is_empty() || self.db.busy() || self.opening.is_some()
    }

    /// How many jobs are running.
    pub fn jobs_running(&self) -> usize {
        self.jobs.len()
    }

    /// The notices shown, newest first (tests read them).
    pub fn notices(&self) -> Vec<String> {
        self.notices.texts(self.prefs.lang)
    }

    fn set_db(&mut self, opened: Result<Store, StoreError>) {
        match opened {
            Ok(store) => {
                let path = store.path().to_path_buf();
                self.prefs.recent.retain(|p| p != &path);
                self.prefs.recent.insert(0, path);
                self.prefs.recent.truncate(RECENT_MAX);
                self.db = Db::Open(Box::new(Ledger::new(store)));
                self.tabs = tabs::all();
            }
            Err(e) => {
                let notice = Notice::store_error(&e);
                if self.db.ledger().is_some() {
                    // Keep working on the open file; say why the other was refused.
                    self.notices.push(notice);
                } else {
                    self.db = Db::Failed(notice.msg);
                }
            }
        }
    }

    /// Draws the whole window.
    pub fn ui(&mut self, ui: &mut Ui) {
        if let Some(opened) = self.opening.as_mut().and_then(Opening::poll) {
            self.opening = None;
            self.opened(opened);
        }
        if let Some(ledger) = self.db.ledger_mut()
            && let Err(e) = ledger.keep_up(ui.ctx())
        {
            self.notices.push(Notice::store_error(&e));
        }
        self.poll_jobs();
        ui.set_theme(if self.prefs.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        self.update_title(ui);
        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar_ui(ui));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_ui(ui));
        let mut commands = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui, &mut commands));
        self.run(ui, commands);
        self.path_prompt_ui(ui);
        self.unlock_ui(ui);
    }

    fn update_title(&mut self, ui: &Ui) {
        let path = self.store().map(|s| s.path().to_path_buf());
        if self.title_shown.as_ref() != Some(&path) {
            let title = match &path {
                Some(p) => format!("{} — {}", wi::APP_TITLE.zh, p.display()),
                None => wi::APP_TITLE.zh.to_string(),
            };
            ui.send_viewport_cmd(egui::ViewportCommand::Title(title));
            self.title_shown = Some(path);
        }
    }

    fn top_bar_ui(&mut self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(lang.t(wi::MENU_FILE), |ui| self.file_menu_ui(ui));
            ui.separator();
            for tab in &self.tabs {
                let id = tab.id();
                if ui
                    .selectable_label(self.prefs.tab == id, lang.t(tab.title()))
                    .clicked()
                {
                    self.prefs.tab = id.to_string();
                }
            }
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

    fn next_id(&mut self) -> u64 {
        self.next_job += 1;
        self.next_job
    }

    fn status_ui(&mut self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        ui.horizontal(|ui| {
            ui.label(lang.t(wi::CURRENT_FILE));
            match self.db.path() {
                Some(path) => ui.monospace(path.display().to_string()),
                None => ui.label(lang.t(wi::NO_DATABASE)),
            };
            if let Some(opening) = &self.opening {
                ui.separator();
                ui.spinner();
                ui.label(format!(
                    "{} {}",
                    lang.t(wi::OPENING),
                    opening.path.display()
                ));
            }
            if self.store().is_some_and(Store::is_encrypted) {
                ui.separator();
                ui.label(lang.t(wi::ENCRYPTED_BADGE));
            }
            if self.store().is_some_and(Store::read_only) {
                ui::error_ui(ui, lang.t(wi::READ_ONLY_BANNER));
            }
        });
        status::jobs_ui(ui, &self.jobs, lang);
        self.notices.ui(ui, lang);
    }

    fn central_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let lang = self.prefs.lang;
        let ledger = match &mut self.db {
            Db::Open(ledger) => ledger,
            // Nothing is open yet: the file is being opened, or its passphrase asked for.
            Db::Failed(_) if self.opening.is_some() || self.unlock.is_some() => return,
            Db::Failed(message) => {
                let message = message.clone();
                self.failed_ui(ui, message.get(lang));
                return;
            }
        };
        ledger.ensure_background(ui.ctx());
        // The file's mask patterns and whether it is empty, read when settings or places
        // change; a failed read is shown, and never taken for an empty file.
        let rev = ledger.store.revision(&["settings"]);
        ledger
            .masks
            .ensure_now(ledger.store.conn(), rev, ui::Masker::load);
        let rev = ledger.store.revision(&["regions"]);
        ledger
            .empty
            .ensure_now(ledger.store.conn(), rev, |c| Ok(regions::count(c)? == 0));
        let (Some(masker), Some(empty)) = (ledger.masks.rows(), ledger.empty.rows()) else {
            ledger.masks.status_ui(ui, lang);
            ledger.empty.status_ui(ui, lang);
            return;
        };
        let masker = ui::Masker {
            reveal: self.reveal,
            ..*masker
        };
        if *empty {
            if self.jobs.is_empty()
                && let Some(scale) = self.demo_offer_ui(ui)
            {
                let spec = JobSpec::new(wi::JOB_DEMO, move |store, reporter| {
                    jobs::demo::generate(store, scale, reporter)
                });
                let id = JobId(self.next_id());
                self.start_job(ui.ctx(), id, spec);
            }
            return;
        }
        let Some(background) = &ledger.background else {
            return;
        };
        let running: Vec<JobId> = self.jobs.iter().map(|j| j.id).collect();
        let mut cx = Ctx {
            store: &mut ledger.store,
            lang,
            masker,
            clock: self.clock.clone(),
            reader: &background.reader,
            running: &running,
            next_job: &mut self.next_job,
            commands,
        };
        let selected = self
            .tabs
            .iter()
            .position(|t| t.id() == self.prefs.tab)
            .unwrap_or(0);
        if let Some(tab) = self.tabs.get_mut(selected) {
            tab.ui(ui, &mut cx);
        }
    }

    /// Carries out what the tabs asked for during the frame.
    fn run(&mut self, ui: &Ui, commands: Vec<Command>) {
        for command in commands {
            match command {
                Command::StartJob(id, spec) => self.start_job(ui.ctx(), id, spec),
                Command::Notify(notice) => self.notices.push(notice),
                Command::AskPath(request) => self.ask_path(request),
            }
        }
    }

    fn start_job(&mut self, ctx: &egui::Context, id: JobId, spec: JobSpec) {
        if self.opening.is_some() {
            // The job would run on the file about to be replaced.
            self.notices.push(Notice::error(wi::WAIT_FOR_OPENING));
            return;
        }
        let Some(store) = self.store() else { return };
        let job = Job::spawn(id, spec, store.source(), wake(ctx));
        self.jobs.push(job);
    }

    /// Takes the running jobs' news; when one ends, the views read again what it wrote and
    /// the user is told how it went.
    fn poll_jobs(&mut self) {
        let mut finished = Vec::new();
        self.jobs.retain_mut(|job| match job.poll() {
            Some(result) => {
                finished.push(result);
                false
            }
            None => true,
        });
        for result in finished {
            if let Some(ledger) = self.db.ledger_mut()
                && let Err(e) = ledger.store.refresh_revisions()
            {
                self.notices.push(Notice::store_error(&e));
            }
            let notice = match result {
                Ok(outcome) => Notice::info(outcome.message()),
                Err(e) => {
                    tracing::error!("job failed: {}", e.log_line());
                    Notice::error(e.message())
                }
            };
            self.notices.push(notice);
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
}

/// Wakes the window from another thread.
fn wake(ctx: &egui::Context) -> Wake {
    let ctx = ctx.clone();
    Arc::new(move || ctx.request_repaint())
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }
}
