//! The import screen: choose a file (a typed path works where no file dialog exists), its
//! sheet and encoding, what it holds, the policy for registered ID numbers and the mode;
//! check the column mapping; read the preview of every row with its reasons; then import
//! as a background job, save the refused rows as an error workbook, or undo the batch.
//!
//! The file is read and planned when the clerk asks (Read, or a changed choice), never on
//! an idle frame; the preview table lays out only the rows in view.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::{Ctx, Notice, PathRequest, Tab, text_cells};
use crate::domain::access::Action;
use crate::i18n::{Lang, Msg, import as im};
use crate::import::layout::Layout;
use crate::import::run::{self, Report};
use crate::import::{
    Encoding, ImportError, Kind, Mapping, Mode, Outcome, Plan, Policy, Workbook, error_book, kinds,
    template,
};
use crate::jobs::imports::Slot;
use crate::jobs::{JobId, JobSpec, Outcome as JobOutcome};
use crate::store::background::Pending;
use crate::store::imports::{self, BatchId, Undone};

const ROW_HEIGHT: f32 = 22.0;

/// The import screen's state.
#[derive(Default)]
pub struct ImportTab {
    kind: usize,
    path: String,
    encoding: Option<Encoding>,
    sheet: usize,
    policy: Policy,
    mode: Mode,
    create_posts: bool,
    file: Option<File>,
    message: Option<Notice>,
    job: Option<(JobId, Slot)>,
    last: Option<Last>,
    /// The recent batches, with the revision they were read at.
    batches: Option<(u64, Vec<imports::BatchInfo>)>,
    /// The file being read and planned on the reading thread.
    planning: Option<Pending<(Option<File>, Option<Msg>)>>,
}

/// The file read and planned.
struct File {
    workbook: Workbook,
    file_name: String,
    layout: Layout,
    mapping: Mapping,
    plan: Option<Plan>,
    preview: Vec<PreviewRow>,
    counts: crate::import::Counts,
    ignored: Vec<Msg>,
    new_posts: Vec<String>,
}

impl File {
    fn new(workbook: Workbook, file_name: String) -> File {
        File {
            workbook,
            file_name,
            layout: Layout {
                header: 0,
                headers: Vec::new(),
                body: Vec::new(),
                ignored: Vec::new(),
            },
            mapping: Vec::new(),
            plan: None,
            preview: Vec::new(),
            counts: Default::default(),
            ignored: Vec::new(),
            new_posts: Vec::new(),
        }
    }

    /// Finds the table on sheet `sheet`, its mapping (found again when `fresh` or when the
    /// headers changed) and plans every row; the reason when it can not.
    fn plan(
        &mut self,
        read: &crate::store::Read<'_>,
        kind: &'static dyn Kind,
        sheet: usize,
        policy: Policy,
        fresh: bool,
        today: jiff::civil::Date,
    ) -> Option<Msg> {
        self.plan = None;
        self.preview.clear();
        self.counts = Default::default();
        let Some(rows) = self.workbook.sheets.get(sheet) else {
            return Some(ImportError::NoSheets.message());
        };
        let layout = match run::find_layout(kind, rows) {
            Ok(l) => l,
            Err(e) => return Some(e.message()),
        };
        if fresh
            || layout.headers != self.layout.headers
            || self.mapping.len() != kind.fields().len()
        {
            match run::mapping_for(read, kind, &layout.headers) {
                Ok(m) => self.mapping = m,
                Err(e) => return Some(e.message()),
            }
        }
        self.layout = layout;
        let missing = crate::import::missing_required(kind, &self.mapping);
        if !missing.is_empty() {
            return Some(ImportError::MissingColumns(missing).message());
        }
        let known = match run::known(read, today) {
            Ok(k) => k,
            Err(e) => return Some(e.message()),
        };
        let plan = Plan::make(kind, rows, &self.layout, &self.mapping, &known, policy);
        self.preview = plan
            .rows
            .iter()
            .map(|(n, p)| PreviewRow {
                number: *n,
                outcome: p.outcome,
                label: p.label.clone(),
                reasons: plan.reasons(p, &self.mapping, &self.layout.headers),
            })
            .collect();
        self.counts = plan.counts();
        self.new_posts = plan.new_posts();
        let mut ignored = vec![im::header_found(plan.header_row)];
        ignored.extend(plan.ignored.iter().map(|(row, why)| {
            let why = crate::i18n::import::ignored(*why);
            Msg::new(
                im::ignored_row(row, why.zh).text(Lang::Zh),
                im::ignored_row(row, why.en).text(Lang::En),
            )
        }));
        self.ignored = ignored;
        self.plan = Some(plan);
        None
    }
}

/// One line of the preview.
struct PreviewRow {
    number: u32,
    outcome: Outcome,
    label: String,
    reasons: Msg,
}

/// The last import: its batch, and its refused rows for the error workbook.
struct Last {
    batch: Option<BatchId>,
    refused: Vec<(u32, Msg)>,
}

impl Tab for ImportTab {
    fn id(&self) -> &'static str {
        "import"
    }

    fn title(&self) -> crate::i18n::Text {
        im::TITLE
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        self.poll_job(cx);
        self.poll_planning();
        egui::Panel::top("import_choices")
            .resizable(false)
            .show(ui, |ui| {
                self.choices_ui(ui, cx);
                super::message_ui(ui, &self.message, lang);
            });
        self.batches_ui(ui, cx);
        if self.planning.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(lang.t(im::READING));
            });
        } else if self.file.is_some() {
            self.preview_ui(ui, lang);
        } else {
            // Nothing read yet: say what comes next instead of an empty page.
            ui.add_space(24.0);
            ui.vertical_centered(|ui| ui.weak(lang.t(im::START_HINT)));
        }
    }
}

impl ImportTab {
    fn kind(&self) -> &'static dyn Kind {
        kinds::ALL[self.kind.min(kinds::ALL.len() - 1)]
    }

    fn choices_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        let mut read = false;
        let mut keep_encoding = false;
        let mut replan = false;
        ui.horizontal_wrapped(|ui| {
            ui.label(lang.t(im::KIND));
            for (i, kind) in kinds::ALL.iter().enumerate() {
                replan |= ui
                    .radio_value(&mut self.kind, i, lang.t(kind.label()))
                    .changed();
            }
            if ui.button(lang.t(im::SAVE_TEMPLATE)).clicked() {
                self.save_template(cx);
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label(lang.t(im::FILE));
            let r = ui
                .add(egui::TextEdit::singleline(&mut self.path).desired_width(520.0))
                .labelled_by(label.id);
            read |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(lang.t(im::CHOOSE_FILE)).clicked()
                && let Some(path) = rfd::FileDialog::new()
                    .add_filter("Excel / CSV", &["xlsx", "xls", "csv"])
                    .pick_file()
            {
                self.path = path.display().to_string();
                read = true;
            }
            read |= ui.button(lang.t(im::READ_FILE)).clicked();
        });
        if let Some(file) = &self.file {
            ui.horizontal_wrapped(|ui| {
                if file.workbook.sheets.len() > 1 {
                    let label = ui.label(lang.t(im::SHEET));
                    let names: Vec<String> = file
                        .workbook
                        .sheets
                        .iter()
                        .map(|s| s.name.clone())
                        .collect();
                    let before = self.sheet;
                    egui::ComboBox::from_id_salt("import_sheet")
                        .selected_text(names.get(self.sheet).cloned().unwrap_or_default())
                        .show_ui(ui, |ui| {
                            for (i, name) in names.iter().enumerate() {
                                ui.selectable_value(&mut self.sheet, i, name);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    replan |= before != self.sheet;
                }
                if let Some(found) = file.workbook.encoding {
                    ui.label(lang.t(im::ENCODING));
                    for enc in Encoding::ALL {
                        if ui.radio(found == enc, enc.name()).clicked() && found != enc {
                            self.encoding = Some(enc);
                            read = true;
                            keep_encoding = true;
                        }
                    }
                }
            });
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(lang.t(im::POLICY));
            for p in Policy::ALL {
                replan |= ui
                    .radio_value(&mut self.policy, p, lang.t(p.label()))
                    .changed();
            }
            ui.separator();
            ui.label(lang.t(im::MODE));
            for m in Mode::ALL {
                ui.radio_value(&mut self.mode, m, lang.t(m.label()));
            }
        });
        if self.file.is_some() {
            replan |= self.mapping_ui(ui, lang);
            self.actions_ui(ui, cx);
        }
        if read {
            // A new file's encoding is detected again; a chosen one holds for this file.
            if !keep_encoding {
                self.encoding = None;
            }
            self.read(cx);
        } else if replan {
            self.plan(cx, false);
        }
    }

    /// Each field's column; returns whether the clerk changed one.
    fn mapping_ui(&mut self, ui: &mut Ui, lang: Lang) -> bool {
        let kind = self.kind();
        let Some(file) = &mut self.file else {
            return false;
        };
        let mut changed = false;
        egui::CollapsingHeader::new(lang.t(im::MAPPING))
            .default_open(false)
            .show(ui, |ui| {
                egui::Grid::new("import_mapping")
                    .num_columns(4)
                    .show(ui, |ui| {
                        for (i, field) in kind.fields().iter().enumerate() {
                            let star = if field.required { " *" } else { "" };
                            let label = ui.label(format!("{}{star}", lang.t(field.label)));
                            let current = file.mapping[i];
                            let shown = current
                                .and_then(|c| file.layout.headers.get(c).cloned())
                                .unwrap_or_else(|| lang.t(im::NOT_MAPPED).to_string());
                            let mut chosen = current;
                            egui::ComboBox::from_id_salt(("import_map", i))
                                .selected_text(shown)
                                .show_ui(ui, |ui| {
                                    ui.selectable_value(&mut chosen, None, lang.t(im::NOT_MAPPED));
                                    for (c, h) in file.layout.headers.iter().enumerate() {
                                        if !h.is_empty() {
                                            ui.selectable_value(&mut chosen, Some(c), h);
                                        }
                                    }
                                })
                                .response
                                .labelled_by(label.id);
                            if chosen != current {
                                file.mapping[i] = chosen;
                                changed = true;
                            }
                            if i % 2 == 1 {
                                ui.end_row();
                            }
                        }
                    });
            });
        changed
    }

    fn actions_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        let permit = cx.permit(self.kind().area(), Action::Write);
        let running = self.job.is_some();
        let Some(file) = &self.file else {
            return;
        };
        ui.label(file.counts.message().get(lang));
        for line in &file.ignored {
            ui.weak(line.get(lang));
        }
        if !file.new_posts.is_empty() {
            ui.checkbox(&mut self.create_posts, lang.t(im::CREATE_POSTS))
                .on_hover_text(file.new_posts.join("\n"));
        }
        let can_import = file.plan.is_some() && file.counts.created + file.counts.updated > 0;
        let refused_now = file.counts.refused > 0;
        ui.horizontal(|ui| {
            if permit.add(
                ui,
                lang,
                can_import && !running,
                egui::Button::new(lang.t(im::IMPORT)),
            ) {
                self.start_import(cx);
            }
            let has_errors =
                self.last.as_ref().is_some_and(|l| !l.refused.is_empty()) || refused_now;
            if ui
                .add_enabled(has_errors, egui::Button::new(lang.t(im::SAVE_ERRORS)))
                .clicked()
            {
                self.save_errors(cx);
            }
            let batch = self.last.as_ref().and_then(|l| l.batch);
            if permit.add(
                ui,
                lang,
                batch.is_some() && !running,
                egui::Button::new(lang.t(im::UNDO_BATCH)),
            ) && let Some(batch) = batch
            {
                self.undo(cx, batch);
            }
        });
    }

    /// The recent imports, each with its counts and an undo while it stands.
    fn batches_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        let rev = cx.rev(&["import_batches"]);
        if self.batches.as_ref().is_none_or(|(r, _)| *r != rev) {
            let list = imports::batches(&cx.store.read(), 10).unwrap_or_default();
            self.batches = Some((rev, list));
        }
        let Some((_, list)) = &self.batches else {
            return;
        };
        if list.is_empty() {
            return;
        }
        let mut undo = None;
        egui::Panel::bottom("import_batches")
            .resizable(false)
            .show(ui, |ui| {
                egui::CollapsingHeader::new(lang.t(im::RECENT_IMPORTS))
                    .default_open(false)
                    .show(ui, |ui| {
                        for b in list {
                            ui.horizontal(|ui| {
                                ui.label(format!(
                                    "{}  {}  {}  {}",
                                    b.at.replace('T', " "),
                                    b.actor,
                                    b.file_name,
                                    im::counts(b.counts[0], b.counts[1], b.counts[2], b.counts[3])
                                        .get(lang)
                                ));
                                if b.undone_at.is_some() {
                                    ui.weak(lang.t(im::UNDONE_MARK));
                                } else if ui.small_button(lang.t(im::UNDO)).clicked() {
                                    undo = Some(b.id);
                                }
                            });
                        }
                    });
            });
        if let Some(batch) = undo {
            self.undo(cx, batch);
        }
    }

    fn preview_ui(&mut self, ui: &mut Ui, lang: Lang) {
        let Some(file) = &self.file else {
            return;
        };
        let columns = [
            (im::COL_ROW, 40.0),
            (im::COL_OUTCOME, 50.0),
            (im::COL_WHO, 90.0),
            (im::COL_REASONS, 200.0),
        ];
        let error = super::error_color(ui);
        super::data_table(ui, "import_preview", lang, &columns)
            .header(ROW_HEIGHT, |header| {
                super::header_row(header, lang, &columns)
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, file.preview.len(), |mut row| {
                    let p = &file.preview[row.index()];
                    let outcome = RichText::new(lang.t(p.outcome.label()));
                    let outcome = if p.outcome == Outcome::Refuse {
                        outcome.color(error)
                    } else {
                        outcome
                    };
                    row.col(|ui| {
                        super::cell_label(ui, p.number.to_string());
                    });
                    row.col(|ui| {
                        super::cell_label(ui, outcome);
                    });
                    text_cells(&mut row, [p.label.clone()]);
                    row.col(|ui| {
                        super::cell_label(ui, p.reasons.get(lang))
                            .on_hover_text(p.reasons.get(lang));
                    });
                });
            });
    }

    /// Reads the file at the typed path and plans it, on the reading thread.
    fn read(&mut self, cx: &mut Ctx<'_>) {
        let path = PathBuf::from(self.path.trim());
        let (kind, encoding, policy, today) = (self.kind(), self.encoding, self.policy, cx.today());
        self.sheet = 0;
        self.last = None;
        self.file = None;
        self.message = None;
        self.planning = Some(cx.read_later(move |read| {
            let workbook = match crate::import::read::read_file(&path, encoding) {
                Ok(w) => w,
                Err(e) => return Ok((None, Some(e.message()))),
            };
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut file = File::new(workbook, file_name);
            let error = file.plan(read, kind, 0, policy, true, today);
            Ok((Some(file), error))
        }));
    }

    /// Plans the sheet again on the reading thread: after a new sheet or kind (`fresh`: the
    /// mapping is found again) or a changed policy or mapping.
    fn plan(&mut self, cx: &mut Ctx<'_>, fresh: bool) {
        let Some(mut file) = self.file.take() else {
            return;
        };
        let (kind, sheet, policy, today) = (self.kind(), self.sheet, self.policy, cx.today());
        self.planning = Some(cx.read_later(move |read| {
            let error = file.plan(read, kind, sheet, policy, fresh, today);
            Ok((Some(file), error))
        }));
    }

    /// Takes the plan once the reading thread has made it.
    fn poll_planning(&mut self) {
        let Some(pending) = &mut self.planning else {
            return;
        };
        let Some(result) = pending.poll() else {
            return;
        };
        self.planning = None;
        match result {
            Ok((file, error)) => {
                self.file = file;
                match error {
                    Some(msg) => self.message = Some(Notice::error(msg)),
                    None if self.message.as_ref().is_some_and(|m| m.error) => self.message = None,
                    None => {}
                }
            }
            Err(e) => self.message = Some(Notice::store_error(&e)),
        }
    }

    fn start_import(&mut self, cx: &mut Ctx<'_>) {
        let kind = self.kind();
        let Some(file) = &mut self.file else {
            return;
        };
        let Some(plan) = file.plan.take() else {
            return;
        };
        // The mapping is remembered for the next file with these headers.
        if let Err(e) = run::remember(cx.store, kind, &file.layout.headers, &file.mapping) {
            self.message = Some(Notice::store_error(&e));
        }
        let slot = Slot::default();
        let spec = crate::jobs::imports::import(
            plan,
            self.mode,
            self.create_posts,
            file.file_name.clone(),
            slot.clone(),
        );
        let id = cx.start_job(spec);
        self.job = Some((id, slot));
    }

    /// Takes the job's result once it has ended.
    fn poll_job(&mut self, cx: &mut Ctx<'_>) {
        let Some((id, slot)) = &self.job else {
            return;
        };
        if cx.is_running(*id) {
            return;
        }
        let taken = slot.lock().ok().and_then(|mut s| s.take());
        self.job = None;
        let Some((plan, result)) = taken else {
            self.plan(cx, false);
            return;
        };
        if let Some(file) = &self.file {
            let refused = plan.refused(&file.mapping, &file.layout.headers);
            match result {
                Ok(Report { batch, counts, .. }) => {
                    self.message = Some(Notice::info(JobOutcome::Imported(counts).message()));
                    self.last = Some(Last { batch, refused });
                }
                Err(_) => {
                    // The window's notice says why; nothing was written.
                    self.last = None;
                }
            }
        }
        self.plan(cx, false);
    }

    fn undo(&mut self, cx: &mut Ctx<'_>, batch: BatchId) {
        match cx.store.write(|w| imports::undo(w, batch)) {
            Ok(Undone::Done(n)) => {
                self.message = Some(Notice::info(im::undone(n)));
                if let Some(last) = &mut self.last {
                    last.batch = None;
                }
            }
            Ok(Undone::Blocked(rows)) => {
                let list: Vec<String> = rows.iter().map(|b| b.source_row.to_string()).collect();
                self.message = Some(Notice::error(im::undo_blocked(list.join(", "))));
            }
            Ok(Undone::AlreadyUndone) => {
                self.message = Some(Notice::error(im::ALREADY_UNDONE));
            }
            Err(e) => self.message = Some(Notice::store_error(&e)),
        }
        self.plan(cx, false);
    }

    fn save_errors(&mut self, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        let Some(file) = &self.file else {
            return;
        };
        let Some(sheet) = file.workbook.sheets.get(self.sheet).cloned() else {
            return;
        };
        let refused = match (&self.last, &file.plan) {
            (Some(last), _) if !last.refused.is_empty() => last.refused.clone(),
            (_, Some(plan)) => plan.refused(&file.mapping, &file.layout.headers),
            _ => return,
        };
        let header_row = file.layout.header as u32 + 1;
        let stem = file
            .file_name
            .rsplit_once('.')
            .map_or(file.file_name.as_str(), |(s, _)| s);
        cx.ask_path(PathRequest {
            title: im::SAVE_ERRORS,
            suggested_name: format!("{stem}-{}.xlsx", lang.t(im::ERROR_COLUMN)),
            extension: "xlsx",
            then: Box::new(move |path| {
                JobSpec::new(im::SAVE_ERRORS, move |_, _| {
                    error_book::write_rows(&path, &sheet, header_row, &refused, lang)
                        .map_err(crate::jobs::JobError::Import)?;
                    Ok(JobOutcome::Exported(path))
                })
            }),
        });
    }

    fn save_template(&mut self, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        let kind = self.kind();
        cx.ask_path(PathRequest {
            title: im::SAVE_TEMPLATE,
            suggested_name: format!("{}.xlsx", lang.t(kind.label())),
            extension: "xlsx",
            then: Box::new(move |path| {
                JobSpec::new(im::SAVE_TEMPLATE, move |_, _| {
                    template::write(&path, kind, lang).map_err(crate::jobs::JobError::Import)?;
                    Ok(JobOutcome::Exported(path))
                })
            }),
        });
    }
}
