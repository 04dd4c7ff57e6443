//! The people placed (with exits and each person's history), the checks, the figures at a
//! glance and the public notice.

use egui::{RichText, Ui};

use super::Go;
use super::posts::area_label;
use crate::domain::access::{Action, Area as Access};
use crate::domain::money::{format_yuan, parse_yuan};
use crate::domain::pay::Month;
use crate::domain::placement::ExitReason;
use crate::domain::{PersonId, PlacementId};
use crate::i18n::{Lang, Msg, Text, common as c, pay_rules as pr, people as pe, placements as pl};
use crate::jobs::exports;
use crate::store::payroll::{self, MonthStatus};
use crate::store::placement_reports::{self, CheckKind, Figures, Finding};
use crate::store::placements::{self, Placement, PlacementScope};
use crate::store::{Store, pay_settings};
use crate::ui::loaded::Loaded;
use crate::ui::{Ctx, Masker, Notice, field_error_ui, text_field_ui};

/// The tables the list of people placed shows.
const PLACED_TABLES: &[&str] = &[
    "placements",
    "people",
    "posts",
    "regions",
    "accident_policies",
];

/// An accident-insurance policy being entered for a rural placement.
struct PolicyForm {
    placement: PlacementId,
    insurer: String,
    policy_no: String,
    premium: String,
    covers_from: String,
    covers_to: String,
    error: Option<Msg>,
}

/// The exit form of the selected placement.
struct ExitForm {
    placement: PlacementId,
    last_day: String,
    reason: ExitReason,
    note: String,
    error: Option<Msg>,
}

/// Recoveries proposed after an exit that falls inside approved months.
struct RecoveryForm {
    placement: PlacementId,
    name: String,
    exit: jiff::civil::Date,
    proposals: Vec<payroll::Recovery>,
    error: Option<Msg>,
}

/// One of a person's placements, with its accident policies (rural posts only).
type PlacementWithPolicies = (Placement, Vec<pay_settings::Policy>);

/// The list of people placed.
#[derive(Default)]
pub struct PlacedView {
    scope: PlacementScope,
    name: String,
    list: Loaded<(u64, PlacementScope, String), Vec<Placement>>,
    person: Option<PersonId>,
    history: Loaded<(u64, PersonId), Vec<PlacementWithPolicies>>,
    exit: Option<ExitForm>,
    recovery: Option<RecoveryForm>,
    policy: Option<PolicyForm>,
}

impl PlacedView {
    /// Shows one person's history.
    pub fn show_person(&mut self, person: PersonId) {
        self.person = Some(person);
    }

    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let (lang, masker) = (cx.lang, cx.masker);
        let rev = cx.rev(PLACED_TABLES);
        let (scope, name) = (self.scope, self.name.trim().to_string());
        // At 100,000 placements this read takes a fifth of a second: off the window's thread.
        self.list
            .ensure_later(cx, (rev, scope, name.clone()), move |conn| {
                placements::list(conn, scope, None, &name)
            });
        if let Some(person) = self.person {
            self.history
                .ensure_now(&cx.store.read(), (rev, person), |conn| {
                    placements::history(conn, person)?
                        .into_iter()
                        .map(|p| {
                            let policies = if p.area == crate::domain::pay::Area::Rural {
                                pay_settings::policies(conn, p.id)?
                            } else {
                                Vec::new()
                            };
                            Ok((p, policies))
                        })
                        .collect()
                });
            egui::Panel::right("placement_history")
                .resizable(true)
                .default_size(380.0)
                .show(ui, |ui| {
                    self.history_ui(ui, cx);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                for (scope, t) in [
                    (PlacementScope::Active, pl::SCOPE_ACTIVE),
                    (PlacementScope::Exited, pl::SCOPE_EXITED),
                    (PlacementScope::All, pl::SCOPE_ALL),
                ] {
                    ui.selectable_value(&mut self.scope, scope, lang.t(t));
                }
                text_field_ui(ui, lang.t(c::COL_NAME), &mut self.name, 120.0);
                let count = self.list.rows().map_or(0, Vec::len);
                ui.label(c::people_count(count).text(lang));
            });
            if self.list.status_ui(ui, lang).is_some() {
                self.table_ui(ui, lang, masker);
            }
        });
    }

    fn table_ui(&mut self, ui: &mut Ui, lang: Lang, masker: Masker) {
        let mut clicked = None;
        let list = self.list.rows().map_or(&[][..], Vec::as_slice);
        let columns = [
            (c::COL_NAME, 60.0),
            (c::COL_ID_NUMBER, 150.0),
            (pl::COL_POST, 60.0),
            (pl::COL_AREA, 50.0),
            (c::COL_PLACE, 60.0),
            (pl::COL_START, 60.0),
            (pl::AGREEMENT_END, 60.0),
            (pl::EXIT_DATE, 96.0),
        ];
        crate::ui::data_table(ui, "placed", lang, &columns)
            .sense(egui::Sense::click())
            .header(22.0, |h| crate::ui::header_row(h, lang, &columns))
            .body(|body| {
                body.rows(22.0, list.len(), |mut row| {
                    let p = &list[row.index()];
                    row.set_selected(self.person == Some(p.person_id));
                    let exit = p.exit_date.map(|d| d.to_string()).unwrap_or_default();
                    crate::ui::text_cells(
                        &mut row,
                        [
                            p.name.clone(),
                            masker.id_number(&p.id_number).into_owned(),
                            p.post.clone(),
                            area_label(p.area, lang).to_string(),
                            p.place.clone(),
                            p.start_date.to_string(),
                            p.agreement_end.to_string(),
                            exit,
                        ],
                    );
                    if row.response().clicked() {
                        clicked = Some(p.person_id);
                    }
                });
            });
        if let Some(person) = clicked {
            self.show_person(person);
            self.exit = None;
        }
    }

    fn history_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let (lang, masker) = (cx.lang, cx.masker);
        let Some(history) = self.history.status_ui(ui, lang) else {
            return;
        };
        let Some((first, _)) = history.first() else {
            ui.weak(lang.t(pl::NOBODY_YET));
            return;
        };
        ui.heading(format!(
            "{}  {}",
            first.name,
            masker.id_number(&first.id_number)
        ));
        ui.strong(lang.t(pl::HISTORY));
        // Policies, exits and recoveries: the store checks the street of each post.
        let may_write = cx.permit(Access::Placements, Action::Write);
        let mut start_exit = None;
        let mut start_policy = None;
        for (p, policies) in history {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(format!(
                    "{} · {} · {}",
                    p.post,
                    area_label(p.area, lang),
                    p.place
                ));
                ui.label(format!("{} ~ {}", p.start_date, p.agreement_end));
                if p.area == crate::domain::pay::Area::Rural {
                    if policies.is_empty() {
                        ui.colored_label(ui.visuals().warn_fg_color, lang.t(pr::NO_POLICY));
                    }
                    for policy in policies {
                        let f = &policy.fields;
                        ui.label(format!(
                            "{} {} · {} ~ {} · {}",
                            f.insurer,
                            f.policy_no,
                            f.covers_from,
                            f.covers_to,
                            format_yuan(f.premium_fen)
                        ));
                    }
                    if may_write.small_button(ui, lang, lang.t(pr::ADD_POLICY)) {
                        start_policy = Some((p.id, p.start_date, p.agreement_end));
                    }
                }
                match (p.exit_date, p.exit_reason) {
                    (Some(date), Some(reason)) => {
                        ui.label(pl::exited_on(date, reason.label(lang)).text(lang));
                    }
                    _ => {
                        if may_write.button(ui, lang, lang.t(pl::RECORD_EXIT)) {
                            start_exit = Some(p.id);
                        }
                    }
                }
            });
        }
        if let Some(placement) = start_exit {
            self.exit = Some(ExitForm {
                placement,
                last_day: cx.today().to_string(),
                reason: ExitReason::OtherWork,
                note: String::new(),
                error: None,
            });
        }
        if let Some((placement, from, to)) = start_policy {
            self.policy = Some(PolicyForm {
                placement,
                insurer: String::new(),
                policy_no: String::new(),
                premium: String::new(),
                covers_from: from.to_string(),
                covers_to: to.to_string(),
                error: None,
            });
        }
        let name = first.name.clone();
        self.exit_ui(ui, cx.store, lang, &name);
        self.recovery_ui(ui, cx.store, lang);
        self.policy_ui(ui, cx.store, lang);
    }

    fn policy_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        let Some(form) = &mut self.policy else { return };
        let mut close = false;
        ui.separator();
        ui.strong(lang.t(pr::POLICIES));
        text_field_ui(ui, lang.t(pr::INSURER), &mut form.insurer, 200.0);
        text_field_ui(ui, lang.t(pr::POLICY_NO), &mut form.policy_no, 160.0);
        text_field_ui(ui, lang.t(pr::PREMIUM), &mut form.premium, 80.0);
        text_field_ui(ui, lang.t(pr::COVERS_FROM), &mut form.covers_from, 110.0);
        text_field_ui(ui, lang.t(pr::COVERS_TO), &mut form.covers_to, 110.0);
        if let Some(error) = &form.error {
            field_error_ui(ui, error.get(lang));
        }
        ui.horizontal(|ui| {
            if ui.button(lang.t(pr::ADD_POLICY)).clicked() {
                let parsed = (
                    form.covers_from.trim().parse(),
                    form.covers_to.trim().parse(),
                    parse_yuan(&form.premium),
                );
                match parsed {
                    (Ok(covers_from), Ok(covers_to), Ok(premium_fen)) => {
                        let new = pay_settings::NewPolicy {
                            insurer: form.insurer.clone(),
                            policy_no: form.policy_no.clone(),
                            premium_fen,
                            covers_from,
                            covers_to,
                        };
                        let placement = form.placement;
                        match store.write(|w| pay_settings::add_policy(w, placement, &new)) {
                            Ok(_) => close = true,
                            Err(e) => form.error = Some(Notice::store_error(&e).msg),
                        }
                    }
                    _ => form.error = Some(pr::POLICY_INVALID.into()),
                }
            }
            if ui.button(lang.t(c::CANCEL)).clicked() {
                close = true;
            }
        });
        if close {
            self.policy = None;
        }
    }

    /// The recoveries proposed after an exit inside approved months, written on confirmation.
    fn recovery_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        let Some(form) = &mut self.recovery else {
            return;
        };
        let mut close = false;
        ui.separator();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(pl::recovery_title(&form.name).text(lang));
            for r in &form.proposals {
                ui.label(
                    pl::recovery_line(
                        r.corrects_month,
                        format_yuan(r.paid_fen),
                        format_yuan(r.due_fen),
                        format_yuan(r.amount_fen),
                        r.month,
                    )
                    .text(lang),
                );
            }
            if let Some(error) = &form.error {
                field_error_ui(ui, error.get(lang));
            }
            ui.horizontal(|ui| {
                if ui.button(lang.t(pl::WRITE_RECOVERIES)).clicked() {
                    let exit = form.exit;
                    let written = store.write(|w| {
                        payroll::write_recoveries(w, form.placement, &form.proposals, |r| {
                            pl::recovery_reason(r.corrects_month, exit).text(lang)
                        })
                    });
                    match written {
                        Ok(()) => close = true,
                        Err(e) => form.error = Some(Notice::store_error(&e).msg),
                    }
                }
                if ui.button(lang.t(pl::SKIP_RECOVERIES)).clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.recovery = None;
        }
    }

    fn exit_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang, name: &str) {
        let Some(form) = &mut self.exit else { return };
        let mut close = false;
        ui.separator();
        ui.strong(lang.t(pl::RECORD_EXIT));
        text_field_ui(ui, lang.t(pl::EXIT_DATE), &mut form.last_day, 110.0);
        ui.weak(lang.t(pl::EXIT_DATE_MEANING));
        for reason in ExitReason::ALL {
            ui.radio_value(&mut form.reason, *reason, reason.label(lang));
        }
        text_field_ui(ui, lang.t(c::FIELD_NOTES), &mut form.note, 200.0);
        if let Some(error) = &form.error {
            field_error_ui(ui, error.get(lang));
        }
        ui.horizontal(|ui| {
            if ui.button(lang.t(pl::CONFIRM_EXIT)).clicked() {
                match form.last_day.trim().parse() {
                    Ok(day) => {
                        let (placement, reason, note) =
                            (form.placement, form.reason, form.note.clone());
                        match store.write(|w| placements::exit(w, placement, day, reason, &note)) {
                            Ok(()) => {
                                close = true;
                                // An exit inside approved months: what they overpaid.
                                self.recovery =
                                    match payroll::recovery_proposals(&store.read(), placement) {
                                        Ok(proposals) if proposals.is_empty() => None,
                                        Ok(proposals) => Some(RecoveryForm {
                                            placement,
                                            name: name.to_string(),
                                            exit: day,
                                            proposals,
                                            error: None,
                                        }),
                                        Err(e) => Some(RecoveryForm {
                                            placement,
                                            name: name.to_string(),
                                            exit: day,
                                            proposals: Vec::new(),
                                            error: Some(Notice::store_error(&e).msg),
                                        }),
                                    };
                            }
                            Err(e) => form.error = Some(Notice::store_error(&e).msg),
                        }
                    }
                    Err(_) => form.error = Some(pl::BAD_DATE.into()),
                }
            }
            if ui.button(lang.t(c::CANCEL)).clicked() {
                close = true;
            }
        });
        if close {
            self.exit = None;
        }
    }
}

/// The checks for ghost workers in the month shown in the month view.
#[derive(Default)]
pub struct ChecksView {
    /// The findings, and for an approved month what its seal and a recomputation say.
    findings: Loaded<(u64, Month), (Vec<Finding>, Option<payroll::Verification>)>,
    /// The finding being accepted, and the reason as typed.
    accepting: Option<(CheckKind, PlacementId, String)>,
    error: Option<Msg>,
}

/// The tables the checks read.
const CHECK_TABLES: &[&str] = &[
    "subsidy_months",
    "subsidy_lines",
    "hardship_categories",
    "attendance",
    "subsidy_adjustments",
    "placements",
    "people",
    "posts",
    "settings",
    "finding_acceptances",
    "minimum_wages",
    "subsidy_carries",
    "accident_policies",
    "retirement_rules",
];

impl ChecksView {
    /// Draws the view; returns where to go when a finding is clicked. An open finding is
    /// accepted here with a written reason; approval waits until none is open.
    pub(super) fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, month: &mut Month) -> Option<Go> {
        let (lang, masker) = (cx.lang, cx.masker);
        ui.horizontal(|ui| {
            let title = egui::RichText::new(pl::checks_for(*month).text(lang)).heading();
            super::month_switch_ui(ui, lang, month, title);
        });
        let month = *month;
        // Joins over the month's lines: at 100,000 placements, off the window's thread.
        self.findings
            .ensure_later(cx, (cx.rev(CHECK_TABLES), month), move |conn| {
                let findings = placement_reports::checks(conn, month)?;
                let approved = payroll::month_status(conn, month)? == MonthStatus::Approved;
                let verification = approved
                    .then(|| payroll::verify_month(conn, month))
                    .transpose()?;
                Ok((findings, verification))
            });
        ui.weak(lang.t(pl::CHECKS_EXPLAIN));
        let (findings, verification) = self.findings.status_ui(ui, lang)?;
        if let Some(v) = verification {
            let text = RichText::new(v.summary().text(lang)).strong();
            if v.ok() {
                ui.label(text);
            } else {
                ui.label(text.color(ui.visuals().error_fg_color));
            }
        }
        if findings.is_empty() {
            ui.label(RichText::new(lang.t(pl::NO_FINDINGS)).strong());
        } else {
            let open = findings.iter().filter(|f| f.accepted.is_none()).count();
            ui.strong(pl::open_findings_count(open).text(lang));
        }
        let mut go = None;
        let mut accept = None;
        let mut save = false;
        let may_accept = cx.permit_district(Access::Placements, Action::Approve);
        egui::ScrollArea::vertical().show(ui, |ui| {
            for f in findings {
                ui.horizontal(|ui| {
                    let color = if f.accepted.is_some() {
                        ui.visuals().weak_text_color()
                    } else {
                        ui.visuals().warn_fg_color
                    };
                    ui.label(RichText::new(lang.t(check_text(f.kind))).color(color));
                    if ui.link(&f.name).clicked() {
                        go = Some(Go::Person(f.person_id));
                    }
                    // The detail of "the same ID paid twice" is the ID number itself; of a
                    // missing cover, the first day not covered (empty: no policy at all).
                    let detail = match f.kind {
                        CheckKind::PaidTwice => masker.id_number(&f.detail),
                        CheckKind::NoAccidentCover if f.detail.is_empty() => {
                            std::borrow::Cow::Borrowed(lang.t(pl::NO_POLICY))
                        }
                        CheckKind::NoAccidentCover => {
                            pl::uncovered_from(&f.detail).text(lang).into()
                        }
                        CheckKind::Retirement => pl::retires_on(&f.detail).text(lang).into(),
                        _ => std::borrow::Cow::Borrowed(f.detail.as_str()),
                    };
                    ui.weak(detail);
                    match &f.accepted {
                        Some(a) => {
                            ui.label(pl::accepted_because(&a.reason, &a.accepted_by).text(lang));
                        }
                        None => {
                            let here = self
                                .accepting
                                .as_ref()
                                .is_some_and(|(k, p, _)| (*k, *p) == (f.kind, f.placement_id));
                            if !here && may_accept.button(ui, lang, lang.t(pl::ACCEPT_FINDING)) {
                                accept = Some((f.kind, f.placement_id));
                            }
                            if here && let Some((_, _, reason)) = &mut self.accepting {
                                text_field_ui(ui, lang.t(pl::ACCEPTANCE_REASON), reason, 240.0);
                                save |= ui.button(lang.t(c::SAVE)).clicked();
                                if ui.button(lang.t(c::CANCEL)).clicked() {
                                    accept = None;
                                    self.accepting = None;
                                }
                            }
                        }
                    }
                });
            }
            if let Some(error) = &self.error {
                field_error_ui(ui, error.get(lang));
            }
        });
        if let Some((kind, placement)) = accept {
            self.accepting = Some((kind, placement, String::new()));
            self.error = None;
        }
        if save && let Some((kind, placement, reason)) = self.accepting.clone() {
            match cx
                .store
                .write(|w| placement_reports::accept_finding(w, month, kind, placement, &reason))
            {
                Ok(_) => {
                    self.accepting = None;
                    self.error = None;
                }
                Err(e) => self.error = Some(Notice::store_error(&e).msg),
            }
        }
        go
    }
}

/// What a finding of `kind` is called, in the checks view and on the sheet.
pub fn check_text(kind: CheckKind) -> Text {
    kind.label()
}

/// The programme's figures at a glance.
#[derive(Default)]
pub struct FiguresView {
    figures: Loaded<(u64, jiff::civil::Date), Figures>,
}

impl FiguresView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, cx: &Ctx<'_>) {
        let lang = cx.lang;
        let today = cx.today();
        let key = (cx.rev(&["placements", "posts", "regions", "people"]), today);
        // Several scans of every placement: off the window's thread.
        self.figures
            .ensure_later(cx, key, move |conn| placement_reports::figures(conn, today));
        let Some(f) = self.figures.status_ui(ui, lang) else {
            return;
        };
        ui.heading(pl::fig_in_post(f.in_post).text(lang));
        ui.label(pl::fig_placed(f.placed_this_year, f.placed_total).text(lang));
        ui.label(pl::fig_urban_rural(f.urban, f.rural).text(lang));
        let share = |(kept, all): (i64, i64)| {
            if all == 0 {
                "—".to_string()
            } else {
                format!("{:.1}% ({kept}/{all})", kept as f64 * 100.0 / all as f64)
            }
        };
        ui.label(pl::fig_stable(share(f.stable_6_months), share(f.stable_12_months)).text(lang));
        ui.add_space(8.0);
        ui.columns(3, |cols| {
            cols[0].strong(lang.t(pl::POST_CATEGORY));
            for (c, n) in &f.by_category {
                cols[0].label(format!("{}  {n}", c.label(lang)));
            }
            cols[1].strong(lang.t(pe::LEVEL_STREET));
            for (s, n) in &f.by_street {
                cols[1].label(format!("{s}  {n}"));
            }
            cols[2].strong(lang.t(pl::FIG_EXITS));
            for (r, n) in &f.exits_by_reason {
                cols[2].label(format!("{}  {n}", r.label(lang)));
            }
        });
    }
}

/// The public notice of people placed in a period.
#[derive(Default)]
pub struct NoticeView {
    /// The period as typed; this month until the user types another.
    period: Option<(String, String)>,
    error: Option<Msg>,
    /// The notice before placement instead of the notice of people placed.
    before_placement: bool,
    candidates: super::notice_candidates::CandidatesPanel,
    terms: super::notice_candidates::PeriodView,
}

impl NoticeView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        let month = Month::of(cx.today());
        let (from, to) = self
            .period
            .get_or_insert_with(|| (month.first_day().to_string(), month.last_day().to_string()));
        ui.horizontal(|ui| {
            let bk = crate::i18n::bank::NOTICE_PLACED;
            ui.selectable_value(&mut self.before_placement, false, lang.t(bk));
            let bk = crate::i18n::bank::NOTICE_CANDIDATES;
            ui.selectable_value(&mut self.before_placement, true, lang.t(bk));
        });
        self.terms.ui(ui, cx);
        if self.before_placement {
            ui.heading(lang.t(crate::i18n::bank::CANDIDATES_TITLE));
            self.candidates.ui(ui, cx);
            return;
        }
        ui.heading(lang.t(pl::NOTICE_TITLE));
        ui.weak(lang.t(pl::NOTICE_EXPLAIN));
        egui::Grid::new("notice_grid")
            .num_columns(2)
            .show(ui, |ui| {
                text_field_ui(ui, lang.t(pl::PERIOD_FROM), from, 110.0);
                ui.end_row();
                text_field_ui(ui, lang.t(pl::PERIOD_TO), to, 110.0);
                ui.end_row();
            });
        if let Some(error) = &self.error {
            field_error_ui(ui, error.get(lang));
        }
        if ui.button(lang.t(pl::EXPORT_PDF)).clicked() {
            match (from.trim().parse(), to.trim().parse()) {
                (Ok(from), Ok(to)) if from <= to => {
                    self.error = None;
                    super::notice_candidates::export(cx, exports::NoticeOf::Placed { from, to });
                }
                _ => self.error = Some(pl::BAD_PERIOD.into()),
            }
        }
    }
}
