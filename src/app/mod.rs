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
use crate::domain::access::Session;
use crate::i18n::accounts as acc;
use crate::i18n::{Lang, window as wi};
use crate::jobs::{self, Job, JobId, JobSpec};
use crate::store::accounts::{self, SignInMode};
use crate::store::background::Wake;
use crate::store::{Key, Store, StoreError, regions};
use crate::ui::path_prompt::PathPrompt;
use crate::ui::sign_in::{LockAction, SignInScreens};
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
    demo_scale: u32,
    title_shown: Option<Option<PathBuf>>,
    screens: SignInScreens,
    idle: Idle,
    /// The session the tabs were last drawn for: another one starts them afresh.
    session_seen: Option<Session>,
}

/// What the window shows instead of the ledger, if anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gate {
    /// The ledger (or the reason there is none).
    Open,
    /// Nobody decided yet whether this ledger asks for a sign-in.
    FirstRun,
    /// The ledger asks for a sign-in and nobody is signed in.
    SignIn,
    /// The signed-in user left the window alone for this many minutes.
    Locked(u32),
}

/// When the user last did something in the window, for the idle lock.
#[derive(Default)]
struct Idle {
    last_input: Option<jiff::Timestamp>,
    locked: bool,
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
            demo_scale: jobs::demo::DEFAULT_SCALE,
            title_shown: None,
            screens: SignInScreens::default(),
            idle: Idle::default(),
            session_seen: None,
        }
    }

    /// Fills in the account name on the sign-in screen (`--user`).
    pub fn sign_in_as(&mut self, name: String) {
        self.screens.name = name;
    }

    /// Whether the window is locked after idle minutes (tests read it).
    pub fn locked(&self) -> bool {
        self.idle.locked
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
        let gate = self.gate(ui);
        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar_ui(ui, gate));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_ui(ui));
        let mut commands = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| match gate {
            Gate::Open => self.central_ui(ui, &mut commands),
            Gate::FirstRun => self.first_run_ui(ui),
            Gate::SignIn => self.sign_in_ui(ui),
            Gate::Locked(minutes) => self.lock_ui(ui, minutes),
        });
        self.run(ui, commands);
        self.path_prompt_ui(ui);
        self.unlock_ui(ui);
        self.follow_session();
    }

    /// Whether the ledger is shown, or a screen instead: the first-run choice, the sign-in,
    /// or the lock after idle minutes (which this also keeps the time of).
    fn gate(&mut self, ui: &Ui) -> Gate {
        let Some(ledger) = self.db.ledger_mut() else {
            return Gate::Open;
        };
        let (mode, minutes, error) = ledger.sign_in_mode();
        if let Some(e) = error {
            self.notices.push(Notice::store_error(&e));
        }
        let signed_in = ledger.store.session().user.is_some();
        match mode {
            // A file that can only be read can not take the choice: nothing can be
            // changed in it anyway, and the computer's user reads it.
            SignInMode::Undecided if ledger.store.read_only() => Gate::Open,
            SignInMode::Undecided => Gate::FirstRun,
            SignInMode::Required if !signed_in => Gate::SignIn,
            SignInMode::NotRequired if !signed_in => Gate::Open,
            _ => {
                // A signed-in user: locked after `minutes` without input.
                if self.idle.locked {
                    return Gate::Locked(minutes);
                }
                let now = self.clock.now().timestamp();
                let active = ui.input(|i| i.events.iter().any(is_user_input));
                let last = *self.idle.last_input.get_or_insert(now);
                if active {
                    self.idle.last_input = Some(now);
                    return Gate::Open;
                }
                let idle = now.duration_since(last);
                let limit = jiff::SignedDuration::from_secs(i64::from(minutes) * 60);
                if idle >= limit {
                    self.idle.locked = true;
                    return Gate::Locked(minutes);
                }
                if let Ok(left) = std::time::Duration::try_from(limit - idle) {
                    ui.ctx().request_repaint_after(left);
                }
                Gate::Open
            }
        }
    }

    /// After the user changed (signed in, out, or the ledger started to ask for a
    /// sign-in): the tabs start afresh, so nothing typed by one user shows to the next,
    /// and the reading thread reads as the new user.
    fn follow_session(&mut self) {
        let Some(ledger) = self.db.ledger_mut() else {
            return;
        };
        let session = ledger.store.session();
        if self.session_seen.as_ref() == Some(session) {
            return;
        }
        let user_changed = self
            .session_seen
            .as_ref()
            .is_some_and(|seen| seen.user != session.user || seen.name != session.name);
        self.session_seen = Some(session.clone());
        ledger.background = None;
        if user_changed {
            self.tabs = tabs::all();
        }
        self.idle = Idle::default();
    }

    fn first_run_ui(&mut self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        egui::ScrollArea::vertical().show(ui, |ui| {
            let Some(ledger) = self.db.ledger_mut() else {
                return;
            };
            if self.screens.first_run_ui(ui, &mut ledger.store, lang) {
                return;
            }
            // An empty ledger may take the demonstration data instead, with its accounts.
            let rev = ledger.store.revision(&["regions"]);
            ledger
                .empty
                .ensure_now(&ledger.store.read(), rev, |c| Ok(regions::count(c)? == 0));
            if ledger.empty.rows() == Some(&true) && self.jobs.is_empty() {
                ui.add_space(16.0);
                if let Some(scale) = self.demo_offer_ui(ui) {
                    self.start_demo(ui.ctx(), scale);
                }
            }
        });
    }

    fn sign_in_ui(&mut self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        if let Some(ledger) = self.db.ledger_mut() {
            self.screens.sign_in_ui(ui, &mut ledger.store, lang);
            if ledger.holds_demo_accounts() {
                ui.add_space(24.0);
                // Under the form, centred by hand as the form is (a grid does not centre).
                ui.horizontal(|ui| {
                    ui.add_space((ui.available_width() - 420.0).max(0.0) / 2.0);
                    ui.vertical(|ui| demo_accounts_ui(ui, lang));
                });
            }
        }
    }

    fn lock_ui(&mut self, ui: &mut Ui, minutes: u32) {
        let lang = self.prefs.lang;
        let Some(ledger) = self.db.ledger_mut() else {
            return;
        };
        match self.screens.lock_ui(ui, &mut ledger.store, lang, minutes) {
            LockAction::Stay => {}
            LockAction::Unlocked => self.idle = Idle::default(),
            LockAction::SignedOut => {}
        }
    }

    fn sign_out(&mut self) {
        if let Some(ledger) = self.db.ledger_mut() {
            match accounts::sign_out(&mut ledger.store) {
                Ok(()) => self.screens.clear_passwords(),
                Err(e) => self.notices.push(Notice::store_error(&e)),
            }
        }
    }

    fn start_demo(&mut self, ctx: &egui::Context, scale: u32) {
        let spec = JobSpec::new(wi::JOB_DEMO, move |store, reporter| {
            jobs::demo::generate(store, scale, reporter)
        });
        let id = JobId(self.next_id());
        self.start_job(ctx, id, spec);
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

    fn top_bar_ui(&mut self, ui: &mut Ui, gate: Gate) {
        let lang = self.prefs.lang;
        let signed_in = self
            .store()
            .and_then(|s| s.session().user.map(|_| s.session().name.clone()));
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(lang.t(wi::MENU_FILE), |ui| self.file_menu_ui(ui));
            ui.separator();
            // No tab while the ledger is hidden: nothing of it is drawn or read.
            let tabs: &[Box<dyn Tab>] = if gate == Gate::Open { &self.tabs } else { &[] };
            let session = self.db.ledger().map(|l| l.store.session().clone());
            for tab in tabs {
                if session.as_ref().is_some_and(|s| !tab.shown_to(s)) {
                    continue;
                }
                let id = tab.id();
                if ui
                    .selectable_label(self.prefs.tab == id, lang.t(tab.title()))
                    .clicked()
                {
                    self.prefs.tab = id.to_string();
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(name) = &signed_in {
                    if ui.button(lang.t(acc::SIGN_OUT)).clicked() {
                        self.sign_out();
                    }
                    ui.label(acc::signed_in_as(name).text(lang));
                    ui.separator();
                }
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
            .ensure_now(&ledger.store.read(), rev, ui::Masker::load);
        let rev = ledger.store.revision(&["regions"]);
        ledger
            .empty
            .ensure_now(&ledger.store.read(), rev, |c| Ok(regions::count(c)? == 0));
        let (Some(masker), Some(empty)) = (ledger.masks.rows(), ledger.empty.rows()) else {
            ledger.masks.status_ui(ui, lang);
            ledger.empty.status_ui(ui, lang);
            return;
        };
        let masker = *masker;
        if *empty {
            if self.jobs.is_empty()
                && let Some(scale) = self.demo_offer_ui(ui)
            {
                self.start_demo(ui.ctx(), scale);
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
        // A tab not shown to this user (the audit, remembered from an administrator's run)
        // gives way to the first one shown.
        let session = cx.store.session();
        let selected = self
            .tabs
            .iter()
            .position(|t| t.id() == self.prefs.tab && t.shown_to(session))
            .or_else(|| self.tabs.iter().position(|t| t.shown_to(session)));
        if let Some(tab) = selected.and_then(|i| self.tabs.get_mut(i)) {
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
            demo_accounts_ui(ui, lang);
            ui.add_space(8.0);
            ui.label(lang.t(wi::TREE_ONLY_EXPLAIN));
            if ui.button(lang.t(wi::LOAD_TREE_ONLY)).clicked() {
                accepted = Some(0);
            }
        });
        accepted
    }
}

/// The demo's accounts and their published passwords: on the demo offer, and on the sign-in
/// screen of a ledger that holds them.
fn demo_accounts_ui(ui: &mut Ui, lang: Lang) {
    ui.label(lang.t(acc::DEMO_ACCOUNTS));
    egui::Grid::new("demo_accounts")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for demo in jobs::demo::DEMO_ACCOUNTS {
                ui.monospace(demo.name);
                ui.monospace(demo.password);
                ui.label(format!(
                    "{} · {}",
                    demo.display_name,
                    lang.t(crate::i18n::access::role(demo.role))
                ));
                ui.end_row();
            }
        });
}

/// Whether `event` is the user doing something (the idle lock's clock starts again).
fn is_user_input(event: &egui::Event) -> bool {
    use egui::Event as E;
    matches!(
        event,
        E::Key { .. }
            | E::Text(_)
            | E::PointerMoved(_)
            | E::PointerButton { .. }
            | E::MouseWheel { .. }
            | E::Paste(_)
            | E::Copy
            | E::Cut
            | E::Touch { .. }
            | E::Ime(_)
            | E::AccessKitActionRequest(_)
    )
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
