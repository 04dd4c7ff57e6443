//! The Audit tab, for administrators: every change and every access record, filtered by
//! user, area, table, person and period, a page at a time; a change shown before and after,
//! field by field; the filtered audit exported to Excel.
//!
//! A page is read off the window's thread when the filter, the page or the log's revision
//! changed, never on an idle frame. The before and after of a change are shown with ID
//! numbers, phones and account numbers masked: the audit shows what changed, not the data.

use egui::{Color32, RichText, Ui};

use super::loaded::Loaded;
use super::{Ctx, Masker, PathRequest, Tab, cell_label, text_cells};
use crate::domain::access::{Area, Session};
use crate::i18n::{Lang, Msg, Text, access as ac, audit as au};
use crate::jobs::{JobSpec, audit_export};
use crate::store::Read;
use crate::store::access_log::Access;
use crate::store::audit::{self, AuditChange, AuditFilter, ChangeDetail, Page};
use crate::store::records;

/// Rows a page holds.
pub const PAGE: usize = 200;
const ROW_HEIGHT: f32 = 22.0;
/// Fields whose values the detail masks.
const MASKED_FIELDS: &[&str] = &["id_number", "phone", "account_no"];

/// Which list the tab shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum View {
    #[default]
    Changes,
    Accesses,
}

/// What a page is read for: the log's revision, the filter and the page's start.
type Key = (u64, AuditFilter, Option<i64>);

/// State of the Audit tab.
#[derive(Default)]
pub struct AuditTab {
    view: View,
    /// The filter as typed; applied with the Filter button.
    actor: String,
    person: String,
    from: String,
    to: String,
    area: Option<Area>,
    table: Option<String>,
    /// The filter applied.
    filter: AuditFilter,
    date_error: bool,
    /// The start of each page shown so far (none for the newest): the last is this page.
    pages: Vec<Option<i64>>,
    changes: Loaded<Key, Page<AuditChange>>,
    accesses: Loaded<Key, Page<Access>>,
    selected: Option<i64>,
    detail: Loaded<i64, Option<ChangeDetail>>,
}

impl Tab for AuditTab {
    fn id(&self) -> &'static str {
        "audit"
    }

    fn title(&self) -> Text {
        au::TAB_AUDIT
    }

    fn shown_to(&self, session: &Session) -> bool {
        may_audit(session)
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        if !may_audit(cx.store.session()) {
            // The button is hidden; a tab remembered from another user's run says why.
            super::error_ui(ui, Msg::from(ac::ACCOUNTS_ONLY_ADMIN).get(lang));
            return;
        }
        self.filter_ui(ui, cx);
        ui.separator();
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.view, View::Changes, lang.t(au::CHANGES));
            ui.selectable_value(&mut self.view, View::Accesses, lang.t(au::ACCESSES));
            ui.separator();
            self.pager_ui(ui, lang);
        });
        self.reload(cx);
        if self.view == View::Changes && self.selected.is_some() {
            egui::Panel::right("audit_detail")
                .resizable(true)
                .default_size(420.0)
                .show(ui, |ui| self.detail_ui(ui, cx));
        }
        egui::CentralPanel::default().show(ui, |ui| match self.view {
            View::Changes => self.changes_ui(ui, lang),
            View::Accesses => self.accesses_ui(ui, lang),
        });
    }
}

/// Whether `session` may see the audit: it keeps the accounts or administers an area.
pub fn may_audit(session: &Session) -> bool {
    session.keeps_accounts()
        || Area::ALL
            .into_iter()
            .any(|a| session.may_somewhere(a, crate::domain::access::Action::Administer))
}

impl AuditTab {
    fn filter_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        let mut apply = false;
        ui.horizontal_wrapped(|ui| {
            for (label, text, width) in [
                (au::FILTER_USER, &mut self.actor, 90.0),
                (au::FILTER_PERSON, &mut self.person, 150.0),
            ] {
                let label = ui.label(lang.t(label));
                let r = ui
                    .add(egui::TextEdit::singleline(text).desired_width(width))
                    .labelled_by(label.id);
                apply |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            }
            let label = ui.label(lang.t(au::FILTER_AREA));
            let chosen = self.area.map_or(lang.t(au::ANY), |a| lang.t(ac::area(a)));
            egui::ComboBox::from_id_salt("audit_area")
                .selected_text(chosen)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.area, None, lang.t(au::ANY));
                    for a in Area::ALL {
                        ui.selectable_value(&mut self.area, Some(a), lang.t(ac::area(a)));
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label(lang.t(au::FILTER_TABLE));
            let chosen = self
                .table
                .as_deref()
                .map_or(lang.t(au::ANY).to_string(), |t| table_name(t, lang));
            egui::ComboBox::from_id_salt("audit_table")
                .selected_text(chosen)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.table, None, lang.t(au::ANY));
                    for t in audit::tables() {
                        ui.selectable_value(
                            &mut self.table,
                            Some(t.to_string()),
                            table_name(t, lang),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            for (label, text) in [
                (au::FILTER_FROM, &mut self.from),
                (au::FILTER_TO, &mut self.to),
            ] {
                let label = ui.label(lang.t(label));
                let r = ui
                    .add(
                        egui::TextEdit::singleline(text)
                            .hint_text(lang.t(au::DATE_HINT))
                            .desired_width(90.0),
                    )
                    .labelled_by(label.id);
                apply |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            }
            apply |= ui.button(lang.t(au::APPLY)).clicked();
            if ui.button(lang.t(au::CLEAR)).clicked() {
                let view = self.view;
                *self = AuditTab {
                    view,
                    ..AuditTab::default()
                };
            }
            if ui.button(lang.t(au::EXPORT)).clicked() {
                self.export(cx);
            }
        });
        if self.date_error {
            super::field_error_ui(ui, lang.t(au::BAD_DATE));
        }
        if apply {
            self.apply();
        }
    }

    /// Makes the typed filter the one shown, from its newest page.
    fn apply(&mut self) {
        let date = |s: &str| -> Result<Option<jiff::civil::Date>, ()> {
            let s = s.trim();
            if s.is_empty() {
                Ok(None)
            } else {
                s.parse().map(Some).map_err(|_| ())
            }
        };
        let (Ok(from), Ok(to)) = (date(&self.from), date(&self.to)) else {
            self.date_error = true;
            return;
        };
        self.date_error = false;
        self.filter = AuditFilter {
            actor: self.actor.trim().to_string(),
            area: self.area,
            table: self.table.clone(),
            person: self.person.trim().to_string(),
            from,
            to,
        };
        self.pages.clear();
        self.selected = None;
    }

    fn page_start(&self) -> Option<i64> {
        self.pages.last().copied().flatten()
    }

    fn pager_ui(&mut self, ui: &mut Ui, lang: Lang) {
        let more = match self.view {
            View::Changes => self.changes.rows().is_some_and(|p| p.more),
            View::Accesses => self.accesses.rows().is_some_and(|p| p.more),
        };
        let oldest = match self.view {
            View::Changes => self
                .changes
                .rows()
                .and_then(|p| p.rows.last().map(|c| c.seq)),
            View::Accesses => self
                .accesses
                .rows()
                .and_then(|p| p.rows.last().map(|a| a.seq)),
        };
        if ui
            .add_enabled(!self.pages.is_empty(), egui::Button::new(lang.t(au::NEWER)))
            .clicked()
        {
            self.pages.pop();
        }
        ui.label(au::page_of(self.pages.len() + 1).text(lang));
        if ui
            .add_enabled(more, egui::Button::new(lang.t(au::OLDER)))
            .clicked()
            && let Some(seq) = oldest
        {
            self.pages.push(Some(seq));
        }
    }

    /// Reads the page shown when the filter, the page or the log changed (off the window's
    /// thread); the page of the list not shown is left alone.
    fn reload(&mut self, cx: &Ctx<'_>) {
        let session = cx.store.session().clone();
        let filter = self.filter.clone();
        let start = self.page_start();
        match self.view {
            View::Changes => {
                let key = (cx.rev(&["changes"]), filter.clone(), start);
                self.changes.ensure_later(cx, key, move |conn| {
                    audit::changes(Read::new(conn, &session), &filter, start, PAGE)
                });
            }
            View::Accesses => {
                let key = (cx.rev(&["access_log"]), filter.clone(), start);
                self.accesses.ensure_later(cx, key, move |conn| {
                    audit::accesses(Read::new(conn, &session), &filter, start, PAGE)
                });
            }
        }
        if let Some(seq) = self.selected {
            // A change never changes: read once per change selected.
            let session = cx.store.session().clone();
            self.detail.ensure_now(&cx.store.read(), seq, |conn| {
                audit::change(Read::new(conn, &session), seq)
            });
        }
    }

    fn changes_ui(&mut self, ui: &mut Ui, lang: Lang) {
        let Some(page) = self.changes.status_ui(ui, lang) else {
            return;
        };
        if page.rows.is_empty() {
            ui.label(lang.t(au::NOTHING_FOUND));
            return;
        }
        ui.weak(lang.t(au::SELECT_A_CHANGE));
        let columns = [
            (au::COL_SEQ, 60.0),
            (au::COL_AT, 140.0),
            (au::COL_USER, 70.0),
            (au::COL_AREA, 80.0),
            (au::COL_TABLE, 80.0),
            (au::COL_ACTION, 60.0),
            (au::COL_SUBJECT, 100.0),
            (au::COL_CHANGED, 120.0),
        ];
        let mut clicked = None;
        let selected = self.selected;
        super::data_table(ui, "audit_changes", lang, &columns)
            .sense(egui::Sense::click())
            .header(ROW_HEIGHT, |header| {
                super::header_row(header, lang, &columns)
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, page.rows.len(), |mut row| {
                    let c = &page.rows[row.index()];
                    row.set_selected(selected == Some(c.seq));
                    row.col(|ui| {
                        if ui
                            .selectable_label(selected == Some(c.seq), c.seq.to_string())
                            .clicked()
                        {
                            clicked = Some(c.seq);
                        }
                    });
                    let area = audit::area_of_table(&c.table_name).map_or(au::NO_AREA, ac::area);
                    text_cells(
                        &mut row,
                        [
                            c.at.replace('T', " "),
                            c.actor.clone(),
                            lang.t(area).to_string(),
                            table_name(&c.table_name, lang),
                            lang.t(audit_export::action_text(c.action)).to_string(),
                            c.subject.clone(),
                            au::field_names(&c.changed, lang),
                        ],
                    );
                    if row.response().clicked() {
                        clicked = Some(c.seq);
                    }
                });
            });
        if let Some(seq) = clicked {
            self.selected = Some(seq);
        }
    }

    fn accesses_ui(&mut self, ui: &mut Ui, lang: Lang) {
        let Some(page) = self.accesses.status_ui(ui, lang) else {
            return;
        };
        if page.rows.is_empty() {
            ui.label(lang.t(au::NOTHING_FOUND));
            return;
        }
        let columns = [
            (au::COL_SEQ, 60.0),
            (au::COL_AT, 140.0),
            (au::COL_USER, 70.0),
            (au::COL_PERSON, 80.0),
            (au::COL_WHAT, 120.0),
            (au::COL_REASON, 120.0),
        ];
        super::data_table(ui, "audit_accesses", lang, &columns)
            .header(ROW_HEIGHT, |header| {
                super::header_row(header, lang, &columns)
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, page.rows.len(), |mut row| {
                    let a = &page.rows[row.index()];
                    text_cells(
                        &mut row,
                        [
                            a.seq.to_string(),
                            a.at.replace('T', " "),
                            a.actor.clone(),
                            a.person_name.clone(),
                            lang.t(au::what(a.what)).to_string(),
                            a.reason.clone().unwrap_or_default(),
                        ],
                    );
                });
            });
    }

    /// The selected change, field by field, the changed fields marked.
    fn detail_ui(&mut self, ui: &mut Ui, cx: &Ctx<'_>) {
        let (lang, masker) = (cx.lang, cx.masker);
        ui.horizontal(|ui| {
            ui.heading(lang.t(au::DETAIL));
            if ui.small_button(lang.t(crate::i18n::bank::CLOSE)).clicked() {
                self.selected = None;
            }
        });
        let Some(detail) = self.detail.status_ui(ui, lang) else {
            return;
        };
        let Some(d) = detail else {
            ui.label(lang.t(au::NOTHING_FOUND));
            return;
        };
        let c = &d.change;
        ui.label(au::detail_line(c.seq, c.at.replace('T', " "), &c.actor).text(lang));
        ui.label(format!(
            "{} · {} #{} · {}",
            lang.t(audit_export::action_text(c.action)),
            table_name(&c.table_name, lang),
            c.row_id,
            c.subject
        ));
        ui.weak(lang.t(au::MASKED_NOTE));
        ui.separator();
        let changed_color = if ui.visuals().dark_mode {
            Color32::from_rgb(255, 200, 90)
        } else {
            Color32::from_rgb(170, 70, 0)
        };
        egui::ScrollArea::both().show(ui, |ui| {
            egui::Grid::new("audit_diff")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    for title in [au::COL_FIELD, au::COL_BEFORE, au::COL_AFTER] {
                        ui.strong(lang.t(title));
                    }
                    ui.end_row();
                    for f in audit::diff(d.before.as_deref(), d.after.as_deref()) {
                        let show = |v: &Option<serde_json::Value>| shown(&f.field, v, masker);
                        let (before, after) = (show(&f.before), show(&f.after));
                        if f.changed() {
                            let mark = |t: String| RichText::new(t).strong().color(changed_color);
                            cell_label(ui, mark(format!("* {}", au::field_name(&f.field, lang))));
                            cell_label(ui, mark(before));
                            cell_label(ui, mark(after));
                        } else {
                            cell_label(ui, au::field_name(&f.field, lang));
                            cell_label(ui, before);
                            cell_label(ui, after);
                        }
                        ui.end_row();
                    }
                });
        });
    }

    fn export(&mut self, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        let filter = self.filter.clone();
        cx.ask_path(PathRequest {
            title: au::EXPORT_TO,
            suggested_name: format!("{}-{}.xlsx", lang.t(au::FILE_NAME), cx.today()),
            extension: "xlsx",
            then: Box::new(move |path| {
                JobSpec::new(au::JOB_EXPORT, move |store, reporter| {
                    audit_export::audit_xlsx(store, &filter, &path, lang, reporter)
                })
            }),
        });
    }
}

/// What a clerk calls `table`.
fn table_name(table: &str, lang: Lang) -> String {
    records::label(table).map_or_else(|| table.to_string(), |t| lang.t(t).to_string())
}

/// A field's value as the detail shows it: text without quotes, nothing as "—", personal
/// data masked.
fn shown(field: &str, value: &Option<serde_json::Value>, masker: Masker) -> String {
    let text = match value {
        None | Some(serde_json::Value::Null) => return "—".to_string(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    if !MASKED_FIELDS.contains(&field) {
        return text;
    }
    match field {
        "id_number" => masker.id_number(&text).into_owned(),
        "phone" => masker.phone(&text).into_owned(),
        _ => masker.account(&text).into_owned(),
    }
}
