//! The notice before placement (拟安置人员公示): pick the people chosen from the registry,
//! see the period a notice made today stands for, and make the PDF.

use egui::Ui;
use jiff::civil::Date;

use crate::domain::PersonId;
use crate::domain::access::{Action, Area as Access};
use crate::domain::calendar::CalendarError;
use crate::i18n::{bank as bk, placements as pl};
use crate::jobs::JobSpec;
use crate::jobs::exports::{self, NoticeOf};
use crate::store::bank::{self, Candidate};
use crate::store::people::{self, PeopleFilter, PersonRow};
use crate::store::settings;
use crate::ui::loaded::Loaded;
use crate::ui::{Ctx, Notice, PathRequest, text_field_ui};

/// People shown under the search field.
const PICKER_ROWS: usize = 8;

/// State of the candidates panel.
#[derive(Default)]
pub struct CandidatesPanel {
    search: String,
    found: Loaded<(u64, String), Vec<PersonRow>>,
    candidates: Loaded<u64, Vec<Candidate>>,
    message: Option<Notice>,
}

impl CandidatesPanel {
    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let (lang, masker) = (cx.lang, cx.masker);
        let rev = cx.rev(&[
            "notice_candidates",
            "placements",
            "people",
            "posts",
            "regions",
        ]);
        self.candidates
            .ensure_now(&cx.store.read(), rev, bank::unplaced_candidates);
        let mut add: Option<PersonId> = None;
        let mut remove: Option<PersonId> = None;
        let may_write = cx.permit(Access::Placements, Action::Write);
        ui.strong(lang.t(bk::CANDIDATES));
        if let Some(list) = self.candidates.status_ui(ui, lang) {
            if list.is_empty() {
                ui.weak(lang.t(bk::NO_CANDIDATES_YET));
            }
            egui::Grid::new("notice_candidates")
                .striped(true)
                .show(ui, |ui| {
                    for cand in list {
                        ui.label(&cand.name);
                        ui.monospace(masker.id_number(&cand.id_number));
                        ui.label(&cand.place);
                        ui.label(cand.post.clone().unwrap_or_default());
                        ui.label(cand.chosen_on.to_string());
                        if may_write.small_button(ui, lang, lang.t(bk::REMOVE_CANDIDATE)) {
                            remove = Some(cand.person_id);
                        }
                        ui.end_row();
                    }
                });
        }
        // Finding someone is only for adding them.
        if may_write.shown() {
            text_field_ui(ui, lang.t(bk::FIND_PERSON), &mut self.search, 160.0);
        }
        let text = self.search.trim().to_string();
        if !text.is_empty() {
            let key = (cx.rev(&["people", "regions"]), text.clone());
            self.found.ensure_now(&cx.store.read(), key, |conn| {
                let filter = PeopleFilter {
                    text,
                    ..PeopleFilter::default()
                };
                let ids = people::search_ids(conn, &filter)?;
                people::rows(conn, &ids[..ids.len().min(PICKER_ROWS)])
            });
            if let Some(rows) = self.found.status_ui(ui, lang) {
                for r in rows {
                    ui.horizontal(|ui| {
                        ui.label(format!(
                            "{}  {}  {}",
                            r.name,
                            masker.id_number(&r.id_number),
                            r.place
                        ));
                        if may_write.small_button(ui, lang, lang.t(bk::ADD_CANDIDATE)) {
                            add = Some(r.id);
                        }
                    });
                }
            }
        }
        let today = cx.today();
        if let Some(person) = add {
            if let Err(e) = cx
                .store
                .write(|w| bank::add_candidate(w, person, None, today))
            {
                self.message = Some(Notice::store_error(&e));
            } else {
                self.search.clear();
            }
        }
        if let Some(person) = remove
            && let Err(e) = cx.store.write(|w| bank::remove_candidate(w, person))
        {
            self.message = Some(Notice::store_error(&e));
        }
        crate::ui::message_ui(ui, &self.message, lang);
        if ui.button(lang.t(pl::EXPORT_PDF)).clicked() {
            export(cx, NoticeOf::Candidates);
        }
    }
}

/// What a notice made today states: its working days, the period they span (or why the
/// calendar can not count it) and the phone for objections.
pub struct NoticeTerms {
    days: u32,
    period: Result<(Date, Date), CalendarError>,
    phone: Option<String>,
}

/// The period a notice made today stands for, and the phone for objections, read when the
/// settings or the calendar change (or the day does), not on every frame.
#[derive(Default)]
pub struct PeriodView {
    terms: Loaded<(u64, Date), NoticeTerms>,
}

impl PeriodView {
    /// Draws the period and the phone, or why either is missing.
    pub fn ui(&mut self, ui: &mut Ui, cx: &Ctx<'_>) {
        let lang = cx.lang;
        let today = cx.today();
        self.terms.ensure_now(
            &cx.store.read(),
            (cx.rev(&["settings", "calendar_days"]), today),
            |conn| {
                let days = settings::parsed(conn, bank::NOTICE_DAYS_KEY)
                    .ok()
                    .flatten()
                    .unwrap_or(bank::NOTICE_DAYS_DEFAULT)
                    .max(1);
                Ok(NoticeTerms {
                    days,
                    period: bank::work_calendar(conn)?.working_period(today, days),
                    phone: bank::objection_phone(conn).ok().flatten(),
                })
            },
        );
        let Some(terms) = self.terms.status_ui(ui, lang) else {
            return;
        };
        match terms.period {
            Ok((first, last)) => {
                ui.label(bk::notice_dates(first, last, terms.days).text(lang));
            }
            Err(CalendarError::YearMissing(year)) => {
                crate::ui::field_error_ui(ui, &bk::calendar_year_missing(year).text(lang));
            }
        }
        match &terms.phone {
            Some(phone) => {
                ui.label(format!("{}：{phone}", lang.t(bk::OBJECTION_PHONE)));
            }
            None => {
                crate::ui::field_error_ui(ui, lang.t(bk::NO_OBJECTION_PHONE));
            }
        }
    }
}

/// Asks where to save the notice, then makes it as a background job (IDs always masked).
pub fn export(cx: &mut Ctx<'_>, of: NoticeOf) {
    let lang = cx.lang;
    let name = match of {
        NoticeOf::Placed { from, to } => format!("{}-{from}-{to}.pdf", lang.t(pl::PL_NOTICE)),
        NoticeOf::Candidates => format!("{}-{}.pdf", lang.t(bk::CANDIDATES), cx.today()),
    };
    cx.ask_path(PathRequest {
        title: pl::EXPORT_NOTICE_TO,
        suggested_name: name,
        extension: "pdf",
        then: Box::new(move |path| {
            JobSpec::new(crate::i18n::window::JOB_EXPORT, move |store, reporter| {
                let (id_mask, _) = settings::mask_patterns(&store.read())?;
                exports::notice(store, of, &path, id_mask, lang, reporter)
            })
        }),
    });
}
